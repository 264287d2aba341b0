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
	l := launch(a, dir)
	return func() {
		if l.cur != nil {
			l.cur.st.Close()
		}
	}
}

// launch shows the window at once with "opening" and opens the data
// folder off the UI thread. Opening checks every page of the file (PRAGMA
// quick_check) and may upgrade its tables: milliseconds for a cell, tens
// of seconds for a hub of a thousand cells (docs/scale.md). A damaged
// database brings up the recovery window instead; the rest of the start
// is l.opened.
func launch(a fyne.App, dir string) *launcher {
	applyTextSize(a)
	l := &launcher{app: a, dir: dir}
	w := newMainWindow(a)
	w.SetTitle(openingTitle)
	bar := widget.NewProgressBarInfinite()
	w.SetContent(container.NewCenter(container.NewVBox(heading("Đang mở dữ liệu…"),
		widget.NewLabel("Chương trình đang kiểm tra tệp dữ liệu trước khi mở."), bar)))
	w.Show()
	background(func() opened {
		st, err := store.OpenChecked(dir)
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

// opened puts the checked store in the window, or says why it cannot.
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
}

// start shows the main window on an open, checked store, in w.
func (l *launcher) start(st *store.Store, w fyne.Window) {
	l.cur = newShellIn(l.app, w, st)
	l.cur.win.Show()
	l.cur.idle.run()
	if _, err := st.Site(context.Background()); errors.Is(err, store.ErrNotInitialized) {
		showFirstRunGuide(l.app, l.cur.win) // a true first start: the setup screen is open
	}
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
