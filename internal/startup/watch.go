package startup

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// firstWindowTimeout is how long the first window may take to appear
// before the start counts as failed. The window shows before the data
// folder opens (ui/launch.go), in about a second even with the software
// OpenGL under Wine; a slow laptop with an antivirus scanning the exe is
// well inside this.
const firstWindowTimeout = 30 * time.Second

// watchPoll is how often the watch looks for the window.
const watchPoll = 250 * time.Millisecond

// Watch gives the watch Begin started the app whose windows it looks at:
// once one is on screen the guard is satisfied; if none is within
// firstWindowTimeout of Begin (a driver hanging in the probe or in GLFW, a
// loop that stops answering), the start fails with the message box.
func (g *Guard) Watch(a fyne.App) { g.app.Store(&a) }

// visible looks for a window once the app is known.
func (g *Guard) visible() bool {
	a := g.app.Load()
	return a != nil && windowOnScreen(*a, watchPoll)
}

// watch polls visible until it says yes or timeout passes.
func (g *Guard) watch(timeout, poll time.Duration, visible func() bool) {
	start := time.Now()
	for !g.shown.Load() {
		if visible() {
			g.logf("window on screen after %d ms", time.Since(start).Milliseconds())
			g.Shown()
			return
		}
		if time.Since(start) > timeout {
			g.Fail(failTimeout, fmt.Sprintf("no window on screen after %s", timeout))
			return
		}
		time.Sleep(poll)
	}
}

// windowOnScreen asks Fyne's loop whether a window has its native window
// on screen; a loop that does not answer within wait is a no.
func windowOnScreen(a fyne.App, wait time.Duration) bool {
	answer := make(chan bool, 1)
	fyne.Do(func() {
		on := false
		for _, w := range a.Driver().AllWindows() {
			if nw, ok := w.(driver.NativeWindow); ok {
				nw.RunNative(func(ctx any) { on = on || nativeVisible(ctx) })
			}
		}
		answer <- on
	})
	select {
	case on := <-answer:
		return on
	case <-time.After(wait):
		return false
	}
}
