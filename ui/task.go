package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// task is long work a person can stop: receiving a stick or the
// mailboxes, carrying files on, writing decisions, restoring a backup.
// Its context comes from the window's, so closing the window stops it
// too; «Dừng» cancels it. The work (package sync, store.Restore) stops
// at a bundle boundary by itself: the bundle in progress commits or rolls
// back whole, and what was not reached is left as it was. A task is the
// one place the bar and the button are made, on a screen (row) or in a
// modal dialog (show).
type task struct {
	ctx    context.Context
	cancel context.CancelFunc
	bar    *widget.ProgressBar
	stop   *widget.Button
	row    fyne.CanvasObject // the bar with «Dừng» at its end
	dlg    *dialog.CustomDialog
}

// stopText is the button; stoppingText replaces it while the bundle in
// progress finishes.
const (
	stopText     = "Dừng"
	stoppingText = "Đang dừng…"
)

// newTask starts a task under parent: the window's context (shell.ctx),
// or the recovery window's, which has no shell.
func newTask(parent context.Context) *task {
	ctx, cancel := context.WithCancel(parent)
	t := &task{ctx: ctx, cancel: cancel, bar: widget.NewProgressBar()}
	t.stop = widget.NewButtonWithIcon(stopText, theme.MediaStopIcon(), t.pressStop)
	t.row = container.NewBorder(nil, nil, nil, t.stop, t.bar)
	return t
}

// pressStop is «Dừng».
func (t *task) pressStop() {
	t.stop.SetText(stoppingText)
	t.stop.Disable()
	t.cancel()
}

// progress is the callback sync calls after each bundle, from the work's
// goroutine.
func (t *task) progress(done, total int) {
	onUI(func() { t.bar.SetValue(float64(done) / float64(max(total, 1))) })
}

// show puts the task in a modal dialog titled title, so nothing else can
// be tapped meanwhile; finish hides it.
func (t *task) show(w fyne.Window, title string) {
	t.dlg = dialog.NewCustomWithoutButtons(title, t.row, w)
	t.dlg.Resize(fyne.NewSize(420, 140))
	t.dlg.Show()
}

// finish ends the task on the UI thread and reports whether it was
// stopped before its work returned.
func (t *task) finish() (stopped bool) {
	stopped = t.ctx.Err() != nil
	t.cancel()
	t.stop.Disable()
	if t.dlg != nil {
		t.dlg.Hide()
	}
	return stopped
}

// stoppedText says, after «Dừng», how much of a batch was done and that
// the rest was not touched: done of total, counted in unit ("tệp"),
// doneVerb and leftVerb saying what happened and what did not.
func stoppedText(done, total int, unit, doneVerb, leftVerb string) string {
	return fmt.Sprintf("Đã dừng theo yêu cầu: %s %d/%d %s. %d %s còn lại %s, không bị thay đổi gì; lần sau làm lại sẽ tiếp tục phần đó.",
		doneVerb, done, total, unit, total-done, unit, leftVerb)
}
