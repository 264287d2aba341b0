//go:build windows

package startup

// The OpenGL probe: chibo.exe started again with probeEnv set makes a
// hidden window, asks for an OpenGL pixel format and context the way GLFW
// does (WGL through gdi32 and opengl32), prints what glGetString says as
// JSON and exits. No cgo: the calls go through x/sys/windows.

import (
	"encoding/json"
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/windows"
)

// probeEnv marks the probe child.
const probeEnv = "CHIBO_GL_PROBE"

var (
	user32   = windows.NewLazySystemDLL("user32.dll")
	gdi32    = windows.NewLazySystemDLL("gdi32.dll")
	opengl32 = windows.NewLazyDLL("opengl32.dll") // by the search path, as GLFW loads it

	procRegisterClassExW  = user32.NewProc("RegisterClassExW")
	procCreateWindowExW   = user32.NewProc("CreateWindowExW")
	procDefWindowProcW    = user32.NewProc("DefWindowProcW")
	procGetDC             = user32.NewProc("GetDC")
	procChoosePixelFormat = gdi32.NewProc("ChoosePixelFormat")
	procSetPixelFormat    = gdi32.NewProc("SetPixelFormat")
	procWglCreateContext  = opengl32.NewProc("wglCreateContext")
	procWglMakeCurrent    = opengl32.NewProc("wglMakeCurrent")
	procGlGetString       = opengl32.NewProc("glGetString")
	procWglDeleteContext  = opengl32.NewProc("wglDeleteContext")
	procReleaseDC         = user32.NewProc("ReleaseDC")
	procDestroyWindow     = user32.NewProc("DestroyWindow")
)

// wndClassEx is WNDCLASSEXW.
type wndClassEx struct {
	size, style                   uint32
	wndProc                       uintptr
	clsExtra, wndExtra            int32
	instance, icon, cursor, brush windows.Handle
	menuName, className           *uint16
	iconSm                        windows.Handle
}

// pixelFormat is PIXELFORMATDESCRIPTOR.
type pixelFormat struct {
	size, version                                          uint16
	flags                                                  uint32
	pixelType, colorBits, redBits, redShift, greenBits     uint8
	greenShift, blueBits, blueShift, alphaBits, alphaShift uint8
	accumBits, accumRed, accumGreen, accumBlue, accumAlpha uint8
	depthBits, stencilBits, auxBuffers, layerType, _       uint8
	layerMask, visibleMask, damageMask                     uint32
}

const (
	csOwnDC          = 0x20
	pfdDoubleBuffer  = 0x1
	pfdDrawToWindow  = 0x4
	pfdSupportOpenGL = 0x20
	glVendor         = 0x1F00
	glRenderer       = 0x1F01
	glVersionName    = 0x1F02
)

// runProbeChild does the probe and exits when this process is the child.
func runProbeChild() {
	if os.Getenv(probeEnv) == "" {
		return
	}
	json.NewEncoder(os.Stdout).Encode(probeWGL())
	os.Exit(0)
}

// probeWGL makes a context on a hidden window and reads its strings.
func probeWGL() GLInfo {
	if err := opengl32.Load(); err != nil {
		return GLInfo{Err: "opengl32.dll: " + err.Error()}
	}
	name, _ := windows.UTF16PtrFromString("chibo-gl-probe")
	wc := wndClassEx{style: csOwnDC, wndProc: procDefWindowProcW.Addr(), className: name}
	wc.size = uint32(unsafe.Sizeof(wc))
	if r, _, err := procRegisterClassExW.Call(uintptr(unsafe.Pointer(&wc))); r == 0 {
		return GLInfo{Err: fmt.Sprintf("RegisterClassEx: %v", err)}
	}
	const wsOverlappedWindow = 0x00CF0000
	hwnd, _, err := procCreateWindowExW.Call(0, uintptr(unsafe.Pointer(name)), uintptr(unsafe.Pointer(name)),
		wsOverlappedWindow, 0, 0, 64, 64, 0, 0, 0, 0)
	if hwnd == 0 {
		return GLInfo{Err: fmt.Sprintf("CreateWindowEx: %v", err)}
	}
	defer procDestroyWindow.Call(hwnd)
	dc, _, _ := procGetDC.Call(hwnd)
	defer procReleaseDC.Call(hwnd, dc)
	pfd := pixelFormat{version: 1, flags: pfdDrawToWindow | pfdSupportOpenGL | pfdDoubleBuffer,
		colorBits: 32, depthBits: 24, stencilBits: 8}
	pfd.size = uint16(unsafe.Sizeof(pfd))
	format, _, _ := procChoosePixelFormat.Call(dc, uintptr(unsafe.Pointer(&pfd)))
	if format == 0 {
		return GLInfo{Err: "no OpenGL pixel format"}
	}
	if r, _, err := procSetPixelFormat.Call(dc, format, uintptr(unsafe.Pointer(&pfd))); r == 0 {
		return GLInfo{Err: fmt.Sprintf("SetPixelFormat: %v", err)}
	}
	rc, _, err := procWglCreateContext.Call(dc)
	if rc == 0 {
		return GLInfo{Err: fmt.Sprintf("wglCreateContext: %v", err)}
	}
	// Everything made is undone before the child exits: a driver's threads
	// left with a current context have crashed the exit (Mesa under Wine).
	defer procWglDeleteContext.Call(rc)
	if r, _, err := procWglMakeCurrent.Call(dc, rc); r == 0 {
		return GLInfo{Err: fmt.Sprintf("wglMakeCurrent: %v", err)}
	}
	defer procWglMakeCurrent.Call(0, 0)
	info := GLInfo{Version: glString(glVersionName), Renderer: glString(glRenderer), Vendor: glString(glVendor)}
	if info.Version == "" {
		info.Err = "no GL_VERSION"
	}
	return info
}

func glString(name uintptr) string {
	p, _, _ := procGlGetString.Call(name)
	if p == 0 {
		return ""
	}
	// The string is opengl32's, alive while the context is: read through
	// a pointer to p, as vet allows for memory Go does not manage.
	return windows.BytePtrToString(*(**byte)(unsafe.Pointer(&p)))
}
