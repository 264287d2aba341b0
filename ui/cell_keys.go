package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	bundle "chibo/sync"
)

// cellKeyPanel sits on the send screen. It shows the cell's own key, in
// groups of hex and in words to read aloud, because the hub's clerk is
// asked to compare it with "what the cell reported" at the first import.
// A cell that moved to a new laptop (or whose old one was lost) makes new
// keys here, then reads the new key to the hub, which pins it from the
// next bundle.
type cellKeyPanel struct {
	sh     *shell
	button *widget.Button
	own    *widget.Label // the key now: hex and words
	shown  *widget.Label
}

func newCellKeyPanel(sh *shell) fyne.CanvasObject {
	p := &cellKeyPanel{sh: sh, own: wrapped(""), shown: wrapped("")}
	p.own.TextStyle = fyne.TextStyle{Bold: true}
	p.button = widget.NewButtonWithIcon("Đổi khóa (máy mới)", theme.ViewRefreshIcon(), p.ask)
	p.showOwn()
	return p.view()
}

func (p *cellKeyPanel) view() fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(),
		subhead("Mã khóa của chi bộ"),
		wrapped("Lần đầu nhận dữ liệu, cấp ủy cấp trên sẽ gọi điện hỏi mã khóa này để so với mã trong tệp. "+
			"Hãy đọc chậm từng nhóm số, hoặc đọc các từ bên dưới:"),
		p.own,
		wrapped("Chỉ đổi khóa khi chi bộ chuyển sang máy mới, hoặc máy cũ bị mất và đã khôi phục dữ liệu sang máy này."),
		container.NewHBox(p.button), p.shown)
}

// ownKey is this site's key as the hub sees it: hex groups and words.
func ownKey(sh *shell) (hex, words string, err error) {
	keys, err := sh.st.Keys(sh.ctx)
	if err != nil {
		return "", "", err
	}
	pub, rcpt, err := bundle.PublicKeys(keys)
	if err != nil {
		return "", "", err
	}
	return bundle.Fingerprint(pub, rcpt), bundle.FingerprintWords(pub, rcpt), nil
}

// showOwn puts the key now in the panel.
func (p *cellKeyPanel) showOwn() {
	hex, words, err := ownKey(p.sh)
	if err != nil {
		p.own.SetText(message(err))
		return
	}
	p.own.SetText("Mã khóa: " + hex + "\nĐọc thành lời: " + words)
}

// ask explains what changing keys means before doing it: the hub refuses
// the new laptop's files until it has been told the new fingerprint.
func (p *cellKeyPanel) ask() {
	q := "Máy này sẽ có mã khóa mới. Cấp ủy cấp trên sẽ chưa nhận dữ liệu ký bằng khóa mới cho đến khi được báo mã khóa mới: " +
		"sau khi đổi, hãy gọi điện đọc mã khóa cho cấp ủy, rồi gửi dữ liệu như thường lệ. Đổi khóa?"
	d := dialog.NewCustomConfirm("Đổi khóa (máy mới)", "Đổi khóa", "Không", wrapped(q), func(ok bool) {
		if ok {
			p.replace()
		}
	}, p.sh.win)
	d.Resize(fyne.NewSize(520, 280))
	d.Show()
}

// replace makes and stores the new keys in one store call, then shows the
// fingerprint in hex and in words for reading aloud.
func (p *cellKeyPanel) replace() {
	keys, err := bundle.GenerateKeys()
	if err == nil {
		err = p.sh.st.ReplaceOwnKeys(p.sh.ctx, keys)
	}
	if err != nil {
		showError(p.sh.win, err)
		return
	}
	pub, rcpt, err := bundle.PublicKeys(keys)
	if err != nil {
		showError(p.sh.win, err)
		return
	}
	msg := fmt.Sprintf("Mã khóa mới: %s\nĐọc thành lời: %s\n\nHãy đọc mã khóa này cho cấp ủy cấp trên qua điện thoại, rồi gửi dữ liệu.",
		bundle.Fingerprint(pub, rcpt), bundle.FingerprintWords(pub, rcpt))
	p.showOwn()
	p.shown.SetText(msg)
	showMessage(p.sh.win, "Đã đổi khóa", msg)
}
