//go:build (linux || freebsd || netbsd || openbsd) && cgo && !ci

package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// titleBarAllowance is left above the window, in pixels, for the title bar
// a window manager adds outside the window's own area.
const titleBarAllowance = 48

// fitWorkArea shrinks the shown window w, if it must, to the primary
// monitor's work area as GLFW tells it (_NET_WORKAREA under X11, the screen
// without one); where it goes is the window manager's choice, and window
// managers keep new windows on screen. It runs on the main thread after
// Show, when Fyne has initialised GLFW.
func fitWorkArea(w fyne.Window) {
	mon := glfw.GetPrimaryMonitor()
	scale := w.Canvas().Scale()
	if mon == nil || scale <= 0 {
		return
	}
	_, _, pw, ph := mon.GetWorkarea()
	if pw <= 0 || ph <= titleBarAllowance {
		return
	}
	most := fyne.NewSize(float32(pw)/scale, float32(ph-titleBarAllowance)/scale)
	if s := w.Canvas().Size(); s.Width > most.Width || s.Height > most.Height {
		w.Resize(fyne.NewSize(min(s.Width, most.Width), min(s.Height, most.Height)))
	}
}
