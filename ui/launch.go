package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// Launch opens the data folder for the window and returns the function
// that closes whatever database is open when the app quits. It never
// blocks: the window shows at once (launch).
func Launch(a fyne.App, dir string) (closeStore func()) {
	cleanPrints(dir) // what a crash left behind (meetingprint.go)
	l := launch(a, dir)
	return func() {
		if l.cur != nil {
			l.cur.st.Close()
		}
		cleanPrints(dir) // printed minutes hold in clear what the folder seals
	}
}

// launch shows the window at once with "opening" and opens the data
// folder off the UI thread, since opening may upgrade its tables. The
// check of every page (l.check) runs beside the open window: milliseconds
// for a cell, 25 s for a hub of a thousand cells (docs/scale.md). A
// damaged database brings up the recovery window instead; the rest of the
// start is l.opened.
func launch(a fyne.App, dir string) *launcher {
	applyTextSize(a)
	l := &launcher{app: a, dir: dir}
	w := newMainWindow(a)
	w.SetTitle(openingTitle)
	bar := widget.NewProgressBarInfinite()
	w.SetContent(container.NewCenter(container.NewVBox(heading("Đang mở dữ liệu…"),
		widget.NewLabel("Với dữ liệu của nhiều chi bộ, lần đầu mở sau khi cập nhật có thể mất một lúc."), bar)))
	w.Show()
	background(func() opened {
		st, err := store.OpenUnchecked(dir)
		return opened{st, err}
	}, func(o opened) {
		bar.Stop()
		l.opened(w, o)
	})
	return l
}

// openingTitle is the window's title until the folder is open; scripts
// that drive the window wait for it to change.
const openingTitle = appTitle + " (đang mở)"

type opened struct {
	st  *store.Store
	err error
}

// opened puts the open store in the window and starts its check, or says
// why it cannot be opened.
func (l *launcher) opened(w fyne.Window, o opened) {
	switch {
	case errors.Is(o.err, store.ErrDamaged):
		l.showRecovery()
		w.Close()
		return
	case o.err != nil:
		fmt.Fprintln(os.Stderr, "chibo:", o.err) // for whoever started it from a terminal
		w.SetContent(container.NewPadded(wrapped("Không mở được dữ liệu. " + message(o.err))))
		return
	}
	l.start(o.st, w)
	// The variable is typed into the unlock screen rather than used before
	// the window shows: scrypt takes a second, and the window must appear
	// at once. A wrong one leaves the unlock screen asking.
	if p := os.Getenv(envPassphrase); p != "" && o.st.Protected() && !o.st.Unlocked() {
		if u, ok := l.cur.current.(*unlockScreen); ok {
			u.pass.SetText(p)
			u.unlock()
		}
	}
	l.check(o.st)
}

// check runs the check of every page beside the open window. A damaged
// file closes it for the recovery window; the daily backups start only
// once the file has passed, so a damaged file never becomes today's
// backup.
func (l *launcher) check(st *store.Store) {
	background(func() error { return st.CheckFile(context.Background()) }, func(err error) {
		if l.cur == nil || l.cur.st != st {
			return // replaced meanwhile by a restored backup
		}
		switch {
		case errors.Is(err, store.ErrDamaged):
			win := l.cur.win
			l.cur = nil
			l.showRecovery()
			win.Close()
			st.Close()
		case err != nil:
			showMessage(l.cur.win, "Chưa kiểm tra được dữ liệu", "Chương trình chưa kiểm tra được tệp dữ liệu nên "+
				"chưa tự sao lưu hôm nay: "+message(err)+" Hãy sao lưu ra USB ở mục «Sao lưu».")
		default:
			l.backups()
		}
	})
}

// start shows the main window on an open store, in w.
func (l *launcher) start(st *store.Store, w fyne.Window) {
	l.cur = newShellIn(l.app, w, st)
	l.cur.win.Show()
	l.cur.idle.run()
	if _, err := st.Site(context.Background()); errors.Is(err, store.ErrNotInitialized) {
		showFirstRunGuide(l.app, l.cur.win) // a true first start: the setup screen is open
	}
}

// backups starts today's backup and the hourly tick that keeps one a day,
// on a checked store.
func (l *launcher) backups() {
	autoBackup(l.cur)
	l.dailyOnce.Do(func() { go l.daily(time.NewTicker(time.Hour).C) })
}

// daily re-checks the daily backup every tick, so a hub left open for days
// still gets one backup a day (AutoBackup does nothing if today's exists).
func (l *launcher) daily(tick <-chan time.Time) {
	for range tick {
		fyne.Do(func() {
			if s := l.cur; s != nil && (!s.st.Protected() || s.st.Unlocked()) {
				autoBackup(s)
			}
		})
	}
}

// autoBackup makes today's backup in the background. A folder not set up
// yet has nothing to back up, and a locked one waits for its passphrase.
func autoBackup(s *shell) {
	st := s.st
	if st.Protected() && !st.Unlocked() {
		s.onUnlock = func() { autoBackup(s) }
		return
	}
	background(func() error {
		_, _, err := st.AutoBackup(context.Background(), time.Now())
		return err
	}, func(err error) {
		if err != nil && !errors.Is(err, store.ErrNotInitialized) {
			showMessage(s.win, "Chưa sao lưu được", "Hôm nay máy chưa tự sao lưu được: "+message(err)+
				" Hãy sao lưu ra USB ở mục «Sao lưu».")
		}
	})
}
