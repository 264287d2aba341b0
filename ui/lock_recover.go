package ui

// A forgotten passphrase. A cell's data key was left with its hub at
// setup: the secretary writes a request onto a stick and takes it to the
// hub in person; the hub clerk writes an answer onto the stick and the
// code on paper; both together set a new passphrase. A hub has its own
// paper code instead.

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// forgotPassphrase explains the way back for this role.
func forgotPassphrase(u *unlockScreen) {
	if u.sh.site.Role == store.RoleHub {
		hubCodeRecovery(u)
		return
	}
	text := wrapped("Không ai, kể cả người viết chương trình, đọc được dữ liệu khi không có mật khẩu. Khi thiết lập, máy đã gửi " +
		"một chìa khóa dự phòng cho cấp ủy cấp trên; cấp ủy dùng nó để giúp chi bộ đặt mật khẩu mới:\n\n" +
		"1. Cắm USB, bấm «Ghi tệp yêu cầu» và chọn USB.\n" +
		"2. Bí thư mang USB lên cấp ủy, gặp trực tiếp cán bộ phụ trách.\n" +
		"3. Cấp ủy ghi tệp phản hồi vào USB và đưa mã khôi phục viết trên giấy.\n" +
		"4. Về máy này, bấm «Nhập phản hồi từ cấp trên», chọn tệp, gõ mã và đặt mật khẩu mới.\n\n" +
		"Chỉ máy này dùng được tệp phản hồi; đừng bấm «Ghi tệp yêu cầu» lần nữa trước khi nhập phản hồi.")
	d := dialog.NewCustomConfirm("Quên mật khẩu", "Ghi tệp yêu cầu", "Đóng", text, func(ok bool) {
		if ok {
			pickFolder(u.sh.win, saveHere, func(dir string) { writeRequest(u, dir) })
		}
	}, u.sh.win)
	d.Resize(fyne.NewSize(640, 460))
	d.Show()
}

func writeRequest(u *unlockScreen, dir string) {
	path, err := u.sh.st.WriteRecoveryRequest(u.sh.ctx, dir)
	if err != nil {
		showError(u.sh.win, err)
		return
	}
	showMessage(u.sh.win, "Đã ghi tệp yêu cầu", "Đã ghi tệp "+path+".\nHãy mang USB lên cấp ủy cấp trên và gặp trực tiếp cán bộ phụ trách.")
}

// recoveryForm is the last step: the code from paper and a new passphrase.
type recoveryForm struct {
	code *widget.Entry
	pair *passPair
}

func newRecoveryForm(site store.Site) *recoveryForm {
	f := &recoveryForm{code: widget.NewEntry(), pair: newPassPair(siteNames(site)...)}
	f.code.SetPlaceHolder("ví dụ: ABCD-EFGH-…")
	return f
}

func (f *recoveryForm) form() *widget.Form {
	return widget.NewForm(append([]*widget.FormItem{widget.NewFormItem("Mã khôi phục (trên giấy)", f.code)}, f.pair.items("Mật khẩu mới")...)...)
}

// check returns the code and new passphrase, or why they cannot be used.
func (f *recoveryForm) check() (code, pass, problem string) {
	if strings.TrimSpace(f.code.Text) == "" {
		return "", "", "Hãy gõ mã khôi phục viết trên giấy."
	}
	pass, problem = f.pair.check()
	return f.code.Text, pass, problem
}

// enterAnswer is the cell's last step: the answer file, the code and a
// new passphrase.
func enterAnswer(u *unlockScreen) {
	pickFile(u.sh.win, []string{".json"}, func(path string) { answerForm(u, path) })
}

// answerForm asks for the code and the new passphrase for an answer file.
func answerForm(u *unlockScreen, path string) {
	f := newRecoveryForm(u.sh.site)
	body := container.NewVBox(wrapped("Tệp phản hồi: "+path), f.form())
	d := dialog.NewCustomConfirm("Nhập phản hồi từ cấp trên", "Đặt mật khẩu mới", "Thôi", body, func(ok bool) {
		if ok {
			finishRecovery(u, f, func(code, pass string) error {
				return u.sh.st.Recover(context.Background(), path, code, pass)
			})
		}
	}, u.sh.win)
	d.Resize(fyne.NewSize(660, 420))
	d.Show()
}

// hubCodeRecovery opens a hub's folder with its paper code.
func hubCodeRecovery(u *unlockScreen) {
	f := newRecoveryForm(u.sh.site)
	body := container.NewVBox(wrapped("Khi thiết lập, máy đã hiện một mã khôi phục để chép ra giấy và cất trong tủ có khóa. "+
		"Gõ mã đó và đặt mật khẩu mới."), f.form())
	d := dialog.NewCustomConfirm("Quên mật khẩu", "Đặt mật khẩu mới", "Thôi", body, func(ok bool) {
		if ok {
			finishRecovery(u, f, func(code, pass string) error {
				return u.sh.st.RecoverWithCode(context.Background(), code, pass)
			})
		}
	}, u.sh.win)
	d.Resize(fyne.NewSize(660, 400))
	d.Show()
}

// finishRecovery checks the form, runs the recovery off the UI thread and
// opens the data as an unlock would.
func finishRecovery(u *unlockScreen, f *recoveryForm, recover func(code, pass string) error) {
	code, pass, problem := f.check()
	if problem != "" {
		showMessage(u.sh.win, "Chưa đặt được mật khẩu mới", problem)
		return
	}
	done := busy(u.sh.win, "Đang khôi phục, xin chờ…")
	background(func() error { return recover(code, pass) }, func(err error) {
		done()
		if err != nil {
			showMessage(u.sh.win, "Chưa đặt được mật khẩu mới", recoveryMessage(err))
			return
		}
		u.opened()
		showMessage(u.sh.win, "Đã đặt mật khẩu mới", "Từ nay hãy dùng mật khẩu mới để mở chương trình. Tờ giấy ghi mã có thể hủy đi.")
	})
}

// recoveryMessage words a wrong code as a code, not a passphrase.
func recoveryMessage(err error) string {
	if isWrongPassphrase(err) {
		return "Mã khôi phục không đúng. Hãy gõ lại từng chữ theo tờ giấy (chữ O và số 0, chữ I và số 1 không có trong mã)."
	}
	return message(err)
}

// answerRecovery is the hub's side: the clerk picks the request on the
// cell's stick, is told which cell its key belongs to (the request file
// itself could have been edited) and confirms the person asking is of
// that cell; the answer goes back on the stick and the code is shown to
// be written on paper.
func answerRecovery(sh *shell) {
	pickFile(sh.win, []string{".json"}, func(path string) { confirmAnswer(sh, path) })
}

// confirmAnswer names the cell a request's key belongs to and, once the
// clerk confirms the person asking is of that cell, asks where to write
// the answer.
func confirmAnswer(sh *shell, path string) {
	cell, err := sh.st.RecoveryRequestFor(sh.ctx, path)
	if err != nil {
		showError(sh.win, err)
		return
	}
	q := fmt.Sprintf("Yêu cầu này mở khóa dữ liệu của: %s\nMã khóa của chi bộ: %s\n\n"+
		"Người mang yêu cầu đến có đúng là bí thư (hoặc người được giao) của chính chi bộ này không? "+
		"Chỉ trả lời khi đã kiểm tra giấy tờ.", cellName(cell.Name), cell.Fingerprint)
	d := dialog.NewConfirm("Khôi phục mật khẩu cho chi bộ", q, func(yes bool) {
		if yes {
			pickFolder(sh.win, saveHere, func(out string) { writeAnswer(sh, path, out) })
		}
	}, sh.win)
	d.SetConfirmText("Đúng, trả lời")
	d.SetDismissText("Không, thôi")
	d.Show()
}

// writeAnswer answers one request into out and shows whose it was and
// the code to write down.
func writeAnswer(sh *shell, request, out string) {
	ans, err := sh.st.AnswerRecovery(sh.ctx, request, out)
	if err != nil {
		showError(sh.win, err)
		return
	}
	code := widget.NewLabelWithStyle(ans.Code, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	code.SizeName = theme.SizeNameHeadingText
	body := container.NewVBox(
		wrapped(fmt.Sprintf("Yêu cầu khôi phục mật khẩu của: %s (mã khóa %s)\nĐã ghi tệp phản hồi: %s", cellName(ans.Cell.Name), ans.Cell.Fingerprint, ans.Path)),
		wrapped("Hãy viết mã dưới đây ra giấy và trao tận tay bí thư chi bộ (không gửi qua điện thoại hay tin nhắn):"),
		code)
	d := dialog.NewCustom("Khôi phục mật khẩu cho chi bộ", "Đã viết mã ra giấy", body, sh.win)
	d.Resize(fyne.NewSize(620, 320))
	d.Show()
}
