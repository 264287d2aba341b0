package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	gosync "sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// envPassphrase, when set, unlocks the data folder at start: for `make
// run` on the demo folder and the scripts that start the real binary. A
// wrong one just leaves the unlock screen.
const envPassphrase = "CHIBO_PASSPHRASE"

// launcher keeps track of the window that is open now: the main window,
// or the recovery window until a backup has been restored.
type launcher struct {
	app     fyne.App
	dir     string
	cur     *shell
	recover fyne.Window
	offer   *fyne.Container // the recovery window's backups, once the passphrase opened them
	pass    string          // the passphrase typed in the recovery window

	dailyOnce gosync.Once
}

// newestGood returns the newest backup in the data folder that opens with
// key and passes the check, skipping damaged ones. A wrong passphrase
// stops the search: each try costs a second of scrypt, and the folder's
// keys.json (tried first) opens every backup of this folder.
func newestGood(ctx context.Context, dir string, key store.BackupKey) (store.BackupPreview, error) {
	list, _ := store.ListBackups(filepath.Join(dir, store.BackupsDir))
	for _, b := range list {
		p, err := store.PreviewBackup(ctx, dir, b.Path, key)
		if err == nil {
			return p, nil
		}
		if isWrongPassphrase(err) {
			return store.BackupPreview{}, err
		}
	}
	return store.BackupPreview{}, store.ErrNotFound
}

// showRecovery is the window shown instead of the main one when the
// database is damaged. The backups are encrypted, so it asks for the
// passphrase before it can say which one is good.
func (l *launcher) showRecovery() {
	w := l.app.NewWindow(appTitle + " — dữ liệu bị hỏng")
	w.Resize(fyne.NewSize(760, 520))
	l.recover = w
	text := wrapped("Khi mở, chương trình thấy tệp dữ liệu bị hỏng (có thể do mất điện hoặc ổ đĩa lỗi). " +
		"Hãy khôi phục bản sao lưu còn tốt mới nhất: chỉ mất những gì nhập sau ngày sao lưu đó. " +
		"Tệp hỏng vẫn được cất lại, không bị xóa.")
	pass := widget.NewPasswordEntry()
	pass.SetPlaceHolder("Mật khẩu")
	open := widget.NewButtonWithIcon("Mở các bản sao lưu", theme.LoginIcon(), func() { l.openBackups(pass.Text) })
	open.Importance = widget.HighImportance
	pass.OnSubmitted = func(string) { l.openBackups(pass.Text) }
	ask := widget.NewCard("Mật khẩu", "Bản sao lưu được mã hóa: hãy gõ mật khẩu của máy này để mở.",
		container.NewVBox(pass, container.NewHBox(open)))
	l.offer = container.NewVBox()
	w.SetContent(container.NewPadded(container.NewVScroll(container.NewVBox(heading("Dữ liệu bị hỏng"), text, ask, l.offer))))
	if p := os.Getenv(envPassphrase); p != "" {
		l.openBackups(p)
	}
	w.Show()
	w.Canvas().Focus(pass)
}

// openBackups looks for the newest good backup with the passphrase, off
// the UI thread (a second of scrypt per try).
func (l *launcher) openBackups(pass string) {
	if pass == "" {
		showMessage(l.recover, "Thiếu mật khẩu", "Hãy gõ mật khẩu của máy này rồi bấm «Mở các bản sao lưu».")
		return
	}
	l.pass = pass
	done := busy(l.recover, "Đang mở các bản sao lưu…")
	background(func() restoredPick {
		p, err := newestGood(context.Background(), l.dir, store.PassKey(pass))
		return restoredPick{p, err}
	}, func(r restoredPick) {
		done()
		l.showOffer(r.p, r.err)
	})
}

type restoredPick struct {
	p   store.BackupPreview
	err error
}

// showOffer lists what the passphrase opened.
func (l *launcher) showOffer(p store.BackupPreview, err error) {
	l.offer.RemoveAll()
	other := widget.NewButtonWithIcon("Chọn tệp sao lưu khác (USB)…", theme.FolderOpenIcon(), l.pickOther)
	switch {
	case err == nil:
		restore := widget.NewButtonWithIcon("Khôi phục bản này", theme.HistoryIcon(), func() { l.restore(p.Path) })
		restore.Importance = widget.HighImportance
		l.offer.Add(widget.NewCard("Bản sao lưu mới nhất còn tốt", "", container.NewVBox(wrapped(previewText(p)), restore)))
	case isWrongPassphrase(err):
		l.offer.Add(wrapped(message(err)))
	default:
		l.offer.Add(wrapped("Trên máy không có bản sao lưu nào còn tốt. Hãy cắm USB có bản sao lưu rồi bấm " +
			"«Chọn tệp sao lưu khác», hoặc mang máy lên cấp ủy cấp trên để được giúp."))
	}
	l.offer.Add(container.NewHBox(other))
}

func (l *launcher) pickOther() {
	pickFile(l.recover, []string{store.BackupExt}, func(path string) {
		p, err := store.PreviewBackup(context.Background(), l.dir, path, store.PassKey(l.pass))
		if err != nil {
			showError(l.recover, err)
			return
		}
		dialog.ShowConfirm("Khôi phục bản sao lưu", "Bản sao lưu này có: "+previewText(p)+". Khôi phục bản này?",
			func(ok bool) {
				if ok {
					l.restore(path)
				}
			}, l.recover)
	})
}

// restore puts the backup in place, then swaps the recovery window for the
// main one, unlocked with the passphrase just typed. The file work runs
// off the UI thread behind a "please wait".
func (l *launcher) restore(path string) {
	t := newTask(context.Background())
	t.show(l.recover, "Đang khôi phục, xin chờ…")
	pass := l.pass
	background(func() restored {
		p, err := restoreFile(t.ctx, l.dir, path, store.PassKey(pass))
		if err != nil {
			return restored{err: err}
		}
		st, err := store.OpenChecked(l.dir)
		if err == nil && st.Protected() {
			_ = st.Unlock(pass) // a backup from before a passphrase change: the unlock screen asks
		}
		return restored{p: p, st: st, err: err}
	}, func(r restored) {
		if t.finish() && r.err != nil {
			showMessage(l.recover, "Đã dừng", restoreStopped)
			return
		}
		if r.err != nil {
			showError(l.recover, r.err)
			return
		}
		l.start(r.st, newMainWindow(l.app))
		l.backups() // Restore checked the file it put in place
		l.recover.Close()
		showRestored(l.cur.win, r.p)
	})
}

// restoreFile is store.Restore, a variable only so the stop test can press
// «Dừng» at a chosen moment of a restore.
var restoreFile = store.Restore

// restoreStopped says that «Dừng» left the data as it was.
const restoreStopped = "Đã dừng theo yêu cầu: chưa khôi phục gì, dữ liệu đang dùng vẫn giữ nguyên như trước."

// restored is what a restore hands back to the UI thread.
type restored struct {
	p    store.BackupPreview
	st   *store.Store
	err  error // opening the data folder afterwards
	rerr error // the restore itself; the old data is open again
}

// restoreBackup replaces the open data with a backup from the backup
// screen: close, restore, reopen, rebuild the screens on the new data. The
// file work runs off the UI thread; the modal "please wait" keeps the
// screens (whose store is closed meanwhile) from being touched.
//
// The passphrase is asked first (restoring replaces everything) and
// checked before the store closes; the restored data opens with it.
func (s *shell) restoreBackup(path, pass string) {
	if err := s.st.Unlock(pass); err != nil {
		showError(s.win, err)
		return
	}
	dir := s.st.Dir()
	s.st.Close()
	t := newTask(s.ctx)
	t.show(s.win, "Đang khôi phục, xin chờ…")
	background(func() restored {
		p, rerr := restoreFile(t.ctx, dir, path, store.PassKey(pass))
		st, err := store.OpenChecked(dir)
		if err == nil && st.Protected() {
			_ = st.Unlock(pass) // a backup from before a passphrase change: the unlock screen asks
		}
		return restored{p: p, st: st, err: err, rerr: rerr}
	}, func(r restored) {
		stopped := t.finish()
		if r.err != nil {
			showError(s.win, r.err)
			return
		}
		s.st = r.st
		if stopped && r.rerr != nil {
			showMessage(s.win, "Đã dừng", restoreStopped)
			return
		}
		if r.rerr != nil {
			showError(s.win, r.rerr) // nothing was replaced; the old data is open again
			return
		}
		site, err := r.st.Site(s.ctx)
		if err != nil {
			showError(s.win, err)
			return
		}
		if r.st.Protected() && !r.st.Unlocked() {
			s.showUnlock(site)
		} else {
			s.showMain(site)
		}
		showRestored(s.win, r.p)
	})
}

func showRestored(w fyne.Window, p store.BackupPreview) {
	showMessage(w, "Đã khôi phục", fmt.Sprintf("Đã khôi phục %s. Hãy nhập lại những gì đã làm sau ngày đó.", previewText(p)))
}
