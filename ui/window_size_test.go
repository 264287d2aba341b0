package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestStartSizeRemembers: the window opens at the size it was closed at,
// unless that size is missing or unusable.
func TestStartSizeRemembers(t *testing.T) {
	cases := []struct {
		name  string
		saved fyne.Size // zero: nothing saved
		want  fyne.Size
	}{
		{"first start", fyne.Size{}, defaultWindowSize},
		{"closed smaller", fyne.NewSize(1000, 640), fyne.NewSize(1000, 640)},
		{"closed maximised on a big screen", fyne.NewSize(1920, 1040), fyne.NewSize(1920, 1040)},
		{"minimised when closed", fyne.NewSize(160, 30), defaultWindowSize},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			saveSize(a.Preferences(), tc.saved)
			if got := startSize(a.Preferences()); got != tc.want {
				t.Errorf("start size %v, want %v", got, tc.want)
			}
		})
	}
	for name, v := range map[string][]float64{"hand-edited, huge": {1e9, 700}, "hand-edited, one number": {900}} {
		t.Run(name, func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Preferences().SetFloatList(prefWindowSize, v)
			if got := startSize(a.Preferences()); got != defaultWindowSize {
				t.Errorf("start size %v, want the default", got)
			}
		})
	}
}

// TestFitIn: the window with its frame ends inside the work area, centred,
// and keeps its size when it fits.
func TestFitIn(t *testing.T) {
	work1366 := screenRect{0, 0, 1366, 728} // 1366x768 less a 40 px taskbar
	cases := []struct {
		name      string
		win, work screenRect
		want      screenRect
	}{
		{"default window on 1366x768", screenRect{26, 26, 26 + 1116, 26 + 759}, work1366, screenRect{125, 0, 125 + 1116, 728}},
		{"small window", screenRect{0, 0, 800, 600}, work1366, screenRect{283, 64, 283 + 800, 664}},
		{"wider and taller than the screen", screenRect{-10, -10, 2000, 1500}, work1366, work1366},
		{"taskbar on top of a second monitor", screenRect{1920, 0, 1920 + 1116, 759},
			screenRect{1920, 40, 1920 + 1280, 1024}, screenRect{1920 + 82, 40 + 112, 1920 + 82 + 1116, 40 + 112 + 759}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := fitIn(tc.win, tc.work); got != tc.want {
				t.Errorf("fitIn = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestLaunchRemembersTheSize: a resized window's size is saved while the
// app runs (and once more as it quits), for the next start.
func TestLaunchRemembersTheSize(t *testing.T) {
	s := newCellShell(t)
	dir := s.st.Dir()
	s.st.Close()
	a := test.NewTempApp(t)
	l := launch(a, dir)
	t.Cleanup(func() { l.cur.st.Close() })
	tick := make(chan time.Time)
	go l.watchSize(tick)
	l.cur.win.Resize(fyne.NewSize(1050, 700))
	tick <- time.Now()
	tick <- time.Now() // the first tick's save has run
	close(tick)
	if got := startSize(a.Preferences()); got != fyne.NewSize(1050, 700) {
		t.Errorf("the next start opens at %v", got)
	}
}
