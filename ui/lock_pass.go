package ui

// Choosing a passphrase: at setup, for a folder made before the lock
// existed, when changing it and after a recovery; and the hub's paper code.

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// passPair is a new passphrase typed twice, with the rule beside it.
// names are the site's own, which a passphrase must not be made of.
type passPair struct {
	first, again *widget.Entry
	names        []string
}

func newPassPair(names ...string) *passPair {
	p := &passPair{first: widget.NewPasswordEntry(), again: widget.NewPasswordEntry(), names: names}
	p.again.SetPlaceHolder("Gõ lại đúng mật khẩu trên")
	return p
}

// items are the two rows for a form, the rule under them.
func (p *passPair) items(label string) []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem(label, p.first),
		widget.NewFormItem("Gõ lại mật khẩu", p.again),
		widget.NewFormItem("", wrapped(passRule)),
	}
}

// check returns the passphrase, or a Vietnamese reason it cannot be used:
// the store's policy (store.CheckPassphrase), worded by passMessage.
func (p *passPair) check() (pass, problem string) {
	pass = p.first.Text
	if err := store.CheckPassphrase(pass, p.names...); err != nil {
		return "", passMessage(err)
	}
	if pass != p.again.Text {
		return "", passMismatch
	}
	return pass, ""
}

// siteNames are the names of the open site a passphrase must avoid.
func siteNames(s store.Site) []string { return []string{s.Name, s.Place, s.ParentName} }

// showRecoveryCode shows a hub's paper code once; done runs when it is
// closed.
func showRecoveryCode(w fyne.Window, code string, done func()) {
	text := widget.NewLabelWithStyle(code, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	text.SizeName = theme.SizeNameHeadingText
	body := container.NewVBox(
		wrapped("Đây là mã khôi phục của máy này. Khi quên mật khẩu, mã này là cách duy nhất để mở lại dữ liệu."),
		text,
		wrapped("Hãy chép mã này ra giấy và cất vào tủ có khóa. Mã chỉ hiện một lần; không lưu mã trên máy tính."))
	d := dialog.NewCustom("Mã khôi phục", "Tôi đã chép mã ra giấy", body, w)
	d.SetOnClosed(done)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

// newRecoveryCode makes a hub's paper code and shows it once.
func newRecoveryCode(sh *shell, done func()) {
	code, err := sh.st.NewRecoveryCode(sh.ctx)
	if err != nil {
		showError(sh.win, err)
		if done != nil {
			done()
		}
		return
	}
	showRecoveryCode(sh.win, code, func() {
		if done != nil {
			done()
		}
	})
}

// protectScreen gives a folder set up before the lock existed its
// passphrase; nothing else opens until it has one.
type protectScreen struct {
	sh     *shell
	site   store.Site
	pair   *passPair
	button *widget.Button
}

func newProtect(sh *shell, site store.Site) *protectScreen {
	p := &protectScreen{sh: sh, site: site, pair: newPassPair(siteNames(site)...)}
	p.button = widget.NewButtonWithIcon("Đặt mật khẩu", theme.ConfirmIcon(), p.protect)
	p.button.Importance = widget.HighImportance
	return p
}

func (p *protectScreen) view() fyne.CanvasObject {
	return container.NewPadded(container.NewVBox(
		heading("Đặt mật khẩu"),
		wrapped(p.site.Name+"\nDữ liệu trên máy này chưa có mật khẩu. Từ phiên bản này, họ tên kèm xếp loại, bản tự kiểm điểm, "+
			"số căn cước… được mã hóa bằng mật khẩu. Hãy đặt mật khẩu để tiếp tục; việc mã hóa mất chừng một phút."),
		widget.NewForm(p.pair.items("Mật khẩu mới")...),
		container.NewHBox(p.button)))
}

func (p *protectScreen) protect() {
	pass, problem := p.pair.check()
	if problem != "" {
		showMessage(p.sh.win, "Mật khẩu chưa dùng được", problem)
		return
	}
	p.button.Disable()
	done := busy(p.sh.win, "Đang mã hóa dữ liệu, xin chờ…")
	st := p.sh.st
	background(func() error { return st.Protect(context.Background(), pass) }, func(err error) {
		done()
		p.button.Enable()
		if err != nil {
			showError(p.sh.win, err)
			return
		}
		if p.site.Role == store.RoleHub {
			newRecoveryCode(p.sh, func() { p.sh.showMain(p.site) })
			return
		}
		p.sh.showMain(p.site)
	})
}

// askChangePassphrase is settings' "Đổi mật khẩu": the old one, then the
// new one twice.
func askChangePassphrase(sh *shell) {
	old := widget.NewPasswordEntry()
	pair := newPassPair(siteNames(sh.site)...)
	form := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem("Mật khẩu đang dùng", old)}, pair.items("Mật khẩu mới")...)...)
	d := dialog.NewCustomConfirm("Đổi mật khẩu", "Đổi mật khẩu", "Thôi", form, func(ok bool) {
		if !ok {
			return
		}
		pass, problem := pair.check()
		if problem != "" {
			showMessage(sh.win, "Chưa đổi mật khẩu", problem)
			return
		}
		if strings.TrimSpace(old.Text) == "" {
			showMessage(sh.win, "Chưa đổi mật khẩu", "Hãy gõ mật khẩu đang dùng.")
			return
		}
		changePassphrase(sh, old.Text, pass)
	}, sh.win)
	d.Resize(fyne.NewSize(620, 360))
	d.Show()
}

func changePassphrase(sh *shell, old, pass string) {
	done := busy(sh.win, "Đang đổi mật khẩu…")
	st := sh.st
	background(func() error { return st.ChangePassphrase(context.Background(), old, pass) }, func(err error) {
		done()
		if err != nil {
			showMessage(sh.win, "Chưa đổi mật khẩu", message(err))
			return
		}
		showMessage(sh.win, "Đã đổi mật khẩu", "Từ nay hãy dùng mật khẩu mới để mở chương trình.")
	})
}
