//go:build windows

package startup

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// probeTimeout bounds the OpenGL probe: a driver that hangs is no driver,
// and the message must be on screen within seconds.
const probeTimeout = 4 * time.Second

// chooseGraphics decides the OpenGL of this start before GLFW loads
// opengl32.dll, and puts the software one on the DLL search path when it
// is the one. The exe imports opengl32.dll delay-loaded
// (scripts/build-windows.sh), so nothing has loaded it yet: GLFW's
// LoadLibrary("opengl32.dll") is the first, and finds FallbackDir's through
// SetDllDirectory. Only then, never by being beside the exe (the folder
// searched first), so a laptop with a good driver keeps it.
func (g *Guard) chooseGraphics() Graphics {
	fallback := ""
	if exe, err := os.Executable(); err == nil {
		dir := filepath.Join(filepath.Dir(exe), FallbackDir)
		if _, err := os.Stat(filepath.Join(dir, "opengl32.dll")); err == nil {
			fallback = dir
		}
	}
	start := time.Now()
	gfx := decide(LoadChoice(g.dir), fallback, hostName(), g.probe)
	if fallback == "" {
		// Nothing to turn to: the laptop's OpenGL is the one GLFW will load,
		// so it is probed here, in this process, and its absence is said at
		// once (Begin), a second before GLFW would find it out.
		gfx.System, gfx.Probed = probeWGL(), true
	}
	g.logf("graphics: %s (%s); mode %s; laptop's OpenGL %s; software OpenGL %q; probe %d ms",
		gfx.Used, gfx.Why, gfx.Mode, gfx.System, gfx.Fallback, time.Since(start).Milliseconds())
	if gfx.Used == UsedSoftware {
		if err := windows.SetDllDirectory(gfx.Fallback); err != nil {
			g.logf("graphics: SetDllDirectory %s: %v", gfx.Fallback, err)
		}
	}
	return gfx
}

// probeSystem runs this exe again as a probe child (probe_windows.go) and
// reads what it found. A child keeps a crashing or hanging driver out of
// this process, and keeps the laptop's opengl32.dll unloaded here.
func probeSystem() GLInfo {
	exe, err := os.Executable()
	if err != nil {
		return GLInfo{ProbeErr: err.Error()}
	}
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), probeEnv+"=1")
	out, err := cmd.Output()
	var info GLInfo
	switch {
	case ctx.Err() != nil:
		return GLInfo{ProbeErr: fmt.Sprintf("no answer within %s", probeTimeout)}
	case err != nil:
		return GLInfo{ProbeErr: err.Error()}
	case json.Unmarshal(out, &info) != nil:
		return GLInfo{ProbeErr: fmt.Sprintf("unreadable answer %q", out)}
	}
	return info
}

// messageBox shows a native box, on top of everything, and waits for OK.
func messageBox(title, text string) {
	t, _ := windows.UTF16PtrFromString(text)
	c, _ := windows.UTF16PtrFromString(title)
	windows.MessageBox(0, t, c, windows.MB_OK|windows.MB_ICONERROR|windows.MB_TOPMOST|windows.MB_SETFOREGROUND)
}

// nativeVisible tells whether the window behind ctx is on screen.
func nativeVisible(ctx any) bool {
	c, ok := ctx.(driver.WindowsWindowContext)
	return ok && c.HWND != 0 && windows.IsWindowVisible(windows.HWND(c.HWND))
}
