//go:build windows

package ui

import (
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

var (
	procMonitorFromWindow     = user32.NewProc("MonitorFromWindow")
	procGetMonitorInfoW       = user32.NewProc("GetMonitorInfoW")
	procSystemParametersInfoW = user32.NewProc("SystemParametersInfoW")
	procGetWindowRect         = user32.NewProc("GetWindowRect")
	procSetWindowPos          = user32.NewProc("SetWindowPos")
)

// monitorInfo is MONITORINFO.
type monitorInfo struct {
	size          uint32
	monitor, work screenRect
	flags         uint32
}

const (
	monitorDefaultToNearest = 2
	spiGetWorkArea          = 0x0030
	swpNoZOrder             = 0x0004
	swpNoActivate           = 0x0010
)

// fitWorkArea puts the shown window w inside the work area of its monitor
// (the screen less the taskbar), shrinking it if it is larger: Fyne would
// leave it where Windows puts a new window, its bottom under the taskbar
// on a 1366x768 laptop. No cgo: user32 through x/sys/windows.
func fitWorkArea(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		c, ok := ctx.(driver.WindowsWindowContext)
		if !ok || c.HWND == 0 {
			return
		}
		work, ok := workArea(c.HWND)
		if !ok {
			return
		}
		var win screenRect
		if r, _, _ := procGetWindowRect.Call(c.HWND, uintptr(unsafe.Pointer(&win))); r == 0 {
			return
		}
		to := fitIn(win, work)
		procSetWindowPos.Call(c.HWND, 0, uintptr(to.left), uintptr(to.top), uintptr(to.width()), uintptr(to.height()),
			swpNoZOrder|swpNoActivate)
	})
}

// workArea is the work area of the monitor showing hwnd, or the primary
// monitor's (SPI_GETWORKAREA) if that cannot be told.
func workArea(hwnd uintptr) (screenRect, bool) {
	if mon, _, _ := procMonitorFromWindow.Call(hwnd, monitorDefaultToNearest); mon != 0 {
		mi := monitorInfo{}
		mi.size = uint32(unsafe.Sizeof(mi))
		if r, _, _ := procGetMonitorInfoW.Call(mon, uintptr(unsafe.Pointer(&mi))); r != 0 && mi.work.width() > 0 {
			return mi.work, true
		}
	}
	var work screenRect
	r, _, _ := procSystemParametersInfoW.Call(spiGetWorkArea, 0, uintptr(unsafe.Pointer(&work)), 0)
	return work, r != 0 && work.width() > 0
}
