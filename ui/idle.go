package ui

// Idle lock: after some minutes with no keyboard or mouse use the window
// locks itself (lock.go), so a laptop left open in the village hall shows
// nothing to the next person.
//
// Fyne 2.7 has no "user activity" event, so activity is observed three
// ways, each covering what the others miss:
//
//   - Keys with nothing focused: desktop.Canvas SetOnKeyDown and
//     SetOnTypedRune. The GLFW driver (internal/driver/glfw/window.go,
//     processKeyPressed and processCharInput) gives keys to the focused
//     widget instead of these hooks when there is one, so they alone
//     would miss all typing into forms.
//   - Typing into a focused widget: every poll compares a fingerprint of
//     the focused object, its text and cursor, the open dialogs and the
//     screen shown. Any key that does something changes one of them.
//   - The mouse: a sensor under the whole content implements
//     desktop.Hoverable. The driver (processMouseMoved) gives a move to
//     the topmost hoverable object under the pointer, so the sensor hears
//     every move over labels, cards and empty space; moves over buttons
//     and entries go to them, but a click there changes focus, a dialog or
//     the screen, which the fingerprint sees.
//
// Work running behind a "please wait" (busy) counts as activity, so a long
// restore or import is never cut off by the lock.

import (
	"fmt"
	"hash/fnv"
	"image/color"
	gosync "sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// prefLockMinutes remembers the idle time before the window locks.
const prefLockMinutes = "lock_minutes"

// lockChoices are the idle times offered; the first default is 10. An app
// policy, not a Party regulation.
var lockChoices = []int{5, 10, 30}

const defaultLockMinutes = 10

// idlePoll is how often the fingerprint is compared and the time checked.
const idlePoll = 15 * time.Second

// systemIdle is the system's own idle time where it has one (Windows);
// tests replace it.
var systemIdle = osIdle

// working counts background work running and busy dialogs open now.
var working atomic.Int32

// idleWatch decides when the window has been idle long enough.
type idleWatch struct {
	sh   *shell
	now  func() time.Time // tests move the clock
	mu   gosync.Mutex
	last time.Time
	fp   uint64
}

func newIdleWatch(sh *shell) *idleWatch {
	w := &idleWatch{sh: sh, now: time.Now}
	w.last = w.now()
	if dc, ok := sh.win.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { w.touch() })
	}
	sh.win.Canvas().SetOnTypedRune(func(rune) { w.touch() })
	return w
}

// touch records activity now.
func (w *idleWatch) touch() {
	w.mu.Lock()
	w.last = w.now()
	w.mu.Unlock()
}

// after is the idle time chosen in settings.
func (w *idleWatch) after() time.Duration {
	m := w.sh.app.Preferences().IntWithFallback(prefLockMinutes, defaultLockMinutes)
	if m <= 0 {
		m = defaultLockMinutes // a hand-edited preference must not disable the lock
	}
	return time.Duration(m) * time.Minute
}

// check runs on the UI thread at every poll: it notes activity the hooks
// cannot see, then locks when idle long enough.
func (w *idleWatch) check() {
	if w.sh.cover != nil {
		return // already locked
	}
	fp := w.fingerprint()
	w.mu.Lock()
	if fp != w.fp || working.Load() > 0 {
		w.fp, w.last = fp, w.now()
	}
	if d, ok := systemIdle(); ok { // Windows knows of every input
		if t := w.now().Add(-d); t.After(w.last) {
			w.last = t
		}
	}
	idle := w.now().Sub(w.last)
	w.mu.Unlock()
	if idle >= w.after() {
		w.sh.lockNow()
	}
}

// fingerprint hashes what typing or clicking changes.
func (w *idleWatch) fingerprint() uint64 {
	c := w.sh.win.Canvas()
	h := fnv.New64a()
	f := c.Focused()
	fmt.Fprintf(h, "%p|%p|%d|", f, w.sh.current, len(c.Overlays().List()))
	switch e := f.(type) {
	case *widget.Entry:
		fmt.Fprintf(h, "%s|%d|%d", e.Text, e.CursorRow, e.CursorColumn)
	case *widget.SelectEntry:
		fmt.Fprintf(h, "%s|%d|%d", e.Text, e.CursorRow, e.CursorColumn)
	}
	return h.Sum64()
}

// run polls until the window closes, and writes the open form's draft;
// only the real app starts it.
func (w *idleWatch) run() {
	stop := w.sh.ctx.Done() // the window closed
	go func() {
		t := time.NewTicker(idlePoll)
		defer t.Stop()
		save := time.NewTicker(autosaveEvery) // drafts.go
		defer save.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(w.check)
			case <-save.C:
				fyne.Do(w.sh.autosave)
			}
		}
	}()
}

// wrap puts the mouse sensor under content.
func (w *idleWatch) wrap(content fyne.CanvasObject) fyne.CanvasObject {
	s := &sensor{touch: w.touch}
	s.ExtendBaseWidget(s)
	return container.NewStack(s, content)
}

// sensor is an invisible widget that hears the mouse moving over anything
// that does not take hover itself.
type sensor struct {
	widget.BaseWidget
	touch func()
}

func (s *sensor) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
func (s *sensor) MouseIn(*desktop.MouseEvent)    { s.touch() }
func (s *sensor) MouseMoved(*desktop.MouseEvent) { s.touch() }
func (s *sensor) MouseOut()                      {}
