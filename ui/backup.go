package ui

import (
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// backupScreen lists the daily backups and offers a backup to a stick and
// a restore, always with a look at what a backup holds before anything is
// replaced.
type backupScreen struct {
	sh   *shell
	list *widget.List
	rows []store.BackupInfo
}

func newBackup(sh *shell) *backupScreen {
	b := &backupScreen{sh: sh}
	b.list = widget.NewList(func() int { return len(b.rows) },
		func() fyne.CanvasObject { return widget.NewLabel("Sao lưu tự động ngày 00/00/0000 lúc 00:00") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText("Sao lưu tự động ngày " + backupTime(b.rows[i].Created))
		})
	b.list.OnSelected = func(i widget.ListItemID) {
		b.list.UnselectAll()
		b.askRestore(b.rows[i].Path)
	}
	b.reload()
	return b
}

func (b *backupScreen) view() fyne.CanvasObject {
	toStick := widget.NewButtonWithIcon("Sao lưu ra USB…", theme.DocumentSaveIcon(), b.pickStick)
	toStick.Importance = widget.HighImportance
	fromFile := widget.NewButtonWithIcon("Khôi phục từ tệp…", theme.HistoryIcon(), b.pickBackupFile)
	top := container.NewVBox(
		titleBar("Sao lưu", fromFile, toStick),
		wrapped(fmt.Sprintf("Mỗi ngày máy tự sao lưu một bản và giữ %d bản gần nhất. Nên sao lưu ra USB mỗi tháng "+
			"và cất USB ở chỗ khác. Bản sao lưu đã mã hóa: chỉ máy này và cấp ủy cấp trên mở được. "+
			"Bấm vào một bản để xem nó có gì trước khi khôi phục.", store.KeepAutoBackups)))
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, b.list))
}

func (b *backupScreen) reload() {
	rows, err := store.ListBackups(filepath.Join(b.sh.st.Dir(), store.BackupsDir))
	if err != nil {
		showError(b.sh.win, err)
		return
	}
	b.rows = rows
	b.list.Refresh()
}

func (b *backupScreen) pickStick() {
	pickFolder(b.sh.win, saveHere, b.backupTo)
}

// backupTo writes a backup, then reads it back, so "you can remove the
// stick" is only said of a file that opens.
func (b *backupScreen) backupTo(dir string) {
	done := busy(b.sh.win, "Đang sao lưu…")
	type result struct {
		p   store.BackupPreview
		err error
	}
	st, ctx := b.sh.st, b.sh.ctx
	background(func() result {
		info, err := st.Backup(ctx, dir)
		if err != nil {
			return result{err: err}
		}
		p, err := store.PreviewBackup(ctx, st.Dir(), info.Path, st.BackupKey())
		return result{p, err}
	}, func(r result) {
		done()
		if r.err != nil {
			showError(b.sh.win, r.err)
			return
		}
		showMessage(b.sh.win, "Đã sao lưu", fmt.Sprintf("Đã ghi và kiểm tra bản sao lưu %s (%s). Có thể rút USB.",
			filepath.Base(r.p.Path), previewText(r.p)))
	})
}

func (b *backupScreen) pickBackupFile() {
	pickFile(b.sh.win, []string{store.BackupExt}, func(path string) { b.askRestore(path) })
}

// askRestore shows what the backup holds and asks before restoring it.
func (b *backupScreen) askRestore(path string) {
	p, err := store.PreviewBackup(b.sh.ctx, b.sh.st.Dir(), path, b.sh.st.BackupKey())
	if err != nil {
		showError(b.sh.win, err)
		return
	}
	q := fmt.Sprintf("Bản sao lưu này có: %s.\n\nKhôi phục sẽ thay dữ liệu đang dùng; những gì nhập sau ngày sao lưu "+
		"sẽ không còn (dữ liệu đang dùng vẫn được cất riêng, không bị xóa). Để khôi phục, hãy gõ mật khẩu:", previewText(p))
	pass := widget.NewPasswordEntry()
	c := dialog.NewCustomConfirm("Khôi phục bản sao lưu", "Khôi phục", "Không", container.NewVBox(wrapped(q), pass), func(ok bool) {
		if ok {
			b.sh.restoreBackup(path, pass.Text)
		}
	}, b.sh.win)
	c.Resize(fyne.NewSize(560, 320))
	c.Show()
}

// previewText words what a backup holds for a person to recognise it.
func previewText(p store.BackupPreview) string {
	return fmt.Sprintf("«%s», %d đảng viên, %d buổi sinh hoạt, sao lưu ngày %s",
		p.OrgName, p.Members, p.Meetings, backupTime(p.Created))
}

func backupTime(t time.Time) string { return t.Local().Format("02/01/2006 lúc 15:04") }
