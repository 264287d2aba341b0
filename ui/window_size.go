package ui

// The main window's size: the size it had when it was last closed, or
// defaultWindowSize the first time, and on screen never larger than the
// screen's work area (the part the taskbar leaves), where the system can
// tell it (window_place_windows.go).

import (
	"time"

	"fyne.io/fyne/v2"
)

// prefWindowSize remembers the window's size, width and height in Fyne
// units, as one value: it is saved as the app closes, and one change is one
// write of the preferences file.
const prefWindowSize = "window_size"

// defaultWindowSize is the first start's size; it fits a 1280x800 screen.
// Scripts that click into the window (scripts/*-check.sh) count on it.
var defaultWindowSize = fyne.NewSize(1100, 720)

// minRemembered and maxRemembered bound a remembered size: a window
// dragged tiny, or a hand-edited preference, must not come back unusable.
var (
	minRemembered = fyne.NewSize(640, 480)
	maxRemembered = fyne.NewSize(8000, 5000)
)

// startSize is the size the main window opens at.
func startSize(p fyne.Preferences) fyne.Size {
	wh := p.FloatListWithFallback(prefWindowSize, nil)
	if len(wh) != 2 {
		return defaultWindowSize
	}
	s := fyne.NewSize(float32(wh[0]), float32(wh[1]))
	if s.Width < minRemembered.Width || s.Height < minRemembered.Height || s.Width > maxRemembered.Width || s.Height > maxRemembered.Height {
		return defaultWindowSize
	}
	return s
}

// sizePoll is how often the window's size is compared with the saved one.
const sizePoll = 2 * time.Second

// watchSize saves the window's size whenever it has changed, while the app
// runs. Fyne has no resize event, and a save as the app quits alone would
// be lost: Fyne 2.7 can drop the app's OnStopped hook as its loop ends, and
// writes preferences at most once in 100 ms, later, from its loop (both
// seen under Wine).
func (l *launcher) watchSize(tick <-chan time.Time) {
	for range tick {
		fyne.Do(l.keepSize)
	}
}

// keepSize saves the current window's size if it differs from the saved one.
func (l *launcher) keepSize() {
	if l.cur == nil {
		return
	}
	p := l.app.Preferences()
	if s := l.cur.win.Canvas().Size(); s != startSize(p) {
		saveSize(p, s)
	}
}

// saveSize remembers s for startSize.
func saveSize(p fyne.Preferences, s fyne.Size) {
	if s.Width < minRemembered.Width || s.Height < minRemembered.Height {
		return // minimised, or never shown
	}
	p.SetFloatList(prefWindowSize, []float64{float64(s.Width), float64(s.Height)})
}

// screenRect is a rectangle in screen pixels.
type screenRect struct{ left, top, right, bottom int32 }

func (r screenRect) width() int32  { return r.right - r.left }
func (r screenRect) height() int32 { return r.bottom - r.top }

// fitIn is win (the window with its frame) made no larger than work and
// centred in it.
func fitIn(win, work screenRect) screenRect {
	w, h := min(win.width(), work.width()), min(win.height(), work.height())
	x, y := work.left+(work.width()-w)/2, work.top+(work.height()-h)/2
	return screenRect{x, y, x + w, y + h}
}
