package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"

	"chibo/store"
	bundle "chibo/sync"
)

// hubKeysScreen is the hub's list of the cells' pinned keys. A lost or
// stolen laptop gets its key revoked here; a cell's new laptop gets its
// key pinned here from its first bundle, once the clerk has compared the
// fingerprint the cell secretary reads out on the phone.
type hubKeysScreen struct {
	sh      *shell
	list    *widget.List // virtual: a province has 1,200 cells
	search  *widget.Entry
	count   *widget.Label
	all     []store.Peer
	folds   []string     // all's names folded once per reload, for the search
	shown   []store.Peer // all, filtered by name
	revoked map[string]bool
}

func newHubKeys(sh *shell) *hubKeysScreen {
	h := &hubKeysScreen{sh: sh, search: widget.NewEntry(), count: widget.NewLabel("")}
	h.search.SetPlaceHolder("Tìm chi bộ theo tên…")
	h.search.OnChanged = func(string) { h.filter() }
	h.list = widget.NewList(func() int { return len(h.shown) }, h.newRow, h.updateRow)
	h.list.OnSelected = func(widget.ListItemID) { h.list.UnselectAll() }
	h.reload()
	return h
}

func (h *hubKeysScreen) view() fyne.CanvasObject {
	keys := container.NewBorder(container.NewVBox(
		wrapped("Mỗi chi bộ ký dữ liệu bằng mã khóa của máy mình. Máy bị mất hoặc hỏng: bấm «Thu hồi khóa» để từ chối "+
			"mọi tệp ký bằng khóa cũ. Chi bộ dùng máy mới: bấm «Nhận khóa mới», chọn tệp đầu tiên máy mới gửi lên và "+
			"nhập mã khóa bí thư chi bộ đọc qua điện thoại."), h.search, h.count), nil, nil, nil, h.list)
	// Two tabs, so the list of cells keeps the window's height.
	tabs := container.NewAppTabs(container.NewTabItem("Khóa của các chi bộ", keys),
		container.NewTabItem("Khôi phục mật khẩu", container.NewVScroll(h.recoveryBox())))
	return container.NewPadded(container.NewBorder(heading("Khóa của chi bộ"), nil, nil, nil, tabs))
}

// recoveryBox holds the passphrase recoveries (lock_recover.go): a
// cell's, from the request its secretary brings in person, and the hub's
// own paper code.
func (h *hubKeysScreen) recoveryBox() fyne.CanvasObject {
	answer := widget.NewButtonWithIcon("Khôi phục mật khẩu cho chi bộ", theme.MailReplyIcon(), func() { answerRecovery(h.sh) })
	code := widget.NewButtonWithIcon("Tạo mã khôi phục mới", theme.ViewRefreshIcon(), func() {
		dialog.ShowConfirm("Tạo mã khôi phục mới", "Mã khôi phục cũ (chép trên giấy) sẽ không dùng được nữa. Tạo mã mới?", func(ok bool) {
			if ok {
				newRecoveryCode(h.sh, nil)
			}
		}, h.sh.win)
	})
	return container.NewVBox(
		wrapped("Bí thư chi bộ quên mật khẩu: kiểm tra đúng người, bấm «Khôi phục mật khẩu cho chi bộ», chọn tệp yêu cầu trên USB "+
			"của chi bộ rồi chọn USB đó để ghi tệp phản hồi; viết mã hiện ra lên giấy và trao tận tay."),
		flow(answer, code))
}

// reload reads the cells' keys and the revocation list off the UI thread.
func (h *hubKeysScreen) reload() {
	h.count.SetText("Đang tải…")
	var peers []store.Peer
	var folds []string
	var revoked map[string]bool
	background(func() (err error) {
		if peers, err = h.sh.st.Peers(h.sh.ctx, store.RoleCell); err != nil {
			return err
		}
		for _, p := range peers {
			folds = append(folds, store.Fold(p.Name))
		}
		keys, err := h.sh.st.RevokedKeys(h.sh.ctx)
		revoked = make(map[string]bool, len(keys))
		for _, k := range keys {
			revoked[string(k.SignPub)] = true
		}
		return err
	}, func(err error) {
		if err != nil {
			h.count.SetText(message(err))
			return
		}
		h.all, h.folds, h.revoked = peers, folds, revoked
		h.filter()
	})
}

// filter shows the cells whose name holds the search, accents ignored.
func (h *hubKeysScreen) filter() {
	q := store.Fold(strings.TrimSpace(h.search.Text))
	h.shown = h.shown[:0]
	for i, p := range h.all {
		if q == "" || strings.Contains(h.folds[i], q) {
			h.shown = append(h.shown, p)
		}
	}
	switch {
	case len(h.all) == 0:
		h.count.SetText("Chưa có chi bộ nào đăng ký. Khóa của chi bộ được ghi nhận khi nhận tệp dữ liệu đầu tiên.")
	case q != "":
		h.count.SetText(fmt.Sprintf("%d trong %d chi bộ", len(h.shown), len(h.all)))
	default:
		h.count.SetText(fmt.Sprintf("%d chi bộ", len(h.all)))
	}
	h.list.Refresh()
}

// newRow is one cell's row: name, key, state and the two actions.
func (h *hubKeysScreen) newRow() fyne.CanvasObject {
	info := widget.NewLabel("Chi bộ\nMã khóa\nĐọc thành lời\nTrạng thái")
	info.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(info, container.NewHBox(
		widget.NewButtonWithIcon("Thu hồi khóa", theme.CancelIcon(), nil),
		widget.NewButtonWithIcon("Nhận khóa mới", theme.DownloadIcon(), nil)), widget.NewSeparator())
}

func (h *hubKeysScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(h.shown) {
		return
	}
	p := h.shown[id]
	state := "Đang dùng từ " + showDate(p.PinnedAt)
	if h.revoked[string(p.SignPub)] {
		state = "Đã thu hồi — chờ nhận khóa của máy mới"
	}
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s\nMã khóa: %s\nĐọc thành lời: %s\n%s", cellName(p.Name), p.Fingerprint,
		bundle.FingerprintWords(p.SignPub, p.AgeRecipient), state))
	buttons := row.Objects[1].(*fyne.Container).Objects
	buttons[0].(*widget.Button).OnTapped = func() { h.askRevoke(p) }
	buttons[1].(*widget.Button).OnTapped = func() { h.pickBundle(p) }
}

// askRevoke names the cell and asks why, so the revocation list says
// later what happened.
func (h *hubKeysScreen) askRevoke(p store.Peer) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder("Ví dụ: máy bị mất ngày 20/11/2026")
	form := container.NewVBox(wrapped(fmt.Sprintf("Thu hồi khóa của %s?\nMã khóa: %s\n\nSau khi thu hồi, mọi tệp ký bằng khóa này "+
		"đều bị từ chối cho đến khi nhận khóa của máy mới. Lý do:", cellName(p.Name), p.Fingerprint)), reason)
	d := dialog.NewCustomConfirm("Thu hồi khóa", "Thu hồi", "Không", form, func(ok bool) {
		if ok {
			h.revoke(p, reason.Text)
		}
	}, h.sh.win)
	d.Resize(fyne.NewSize(520, 320))
	d.Show()
}

func (h *hubKeysScreen) revoke(p store.Peer, reason string) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		reason = "Cấp ủy thu hồi"
	}
	if err := h.sh.st.RevokePeerKey(h.sh.ctx, p.SiteID, reason); err != nil {
		showError(h.sh.win, err)
		return
	}
	h.reload()
	showMessage(h.sh.win, "Đã thu hồi khóa", fmt.Sprintf("Đã thu hồi khóa của %s. Tệp ký bằng khóa này sẽ bị từ chối; "+
		"lần gửi xác nhận sau, các chi bộ sẽ nhận danh sách khóa đã thu hồi.", cellName(p.Name)))
}

// pickBundle asks for the new laptop's first bundle file.
func (h *hubKeysScreen) pickBundle(p store.Peer) {
	pickFile(h.sh.win, []string{bundle.BundleExt}, func(path string) { h.askReplace(p, path) })
}

// askReplace shows the fingerprint the file carries and asks the clerk to
// type the one read out on the phone; only a match pins the new key.
func (h *hubKeysScreen) askReplace(p store.Peer, path string) {
	got, err := bundle.BundleSender(h.sh.ctx, h.sh.st, path)
	if err != nil {
		showError(h.sh.win, err)
		return
	}
	if got.SiteID != p.SiteID {
		showMessage(h.sh.win, "Không đúng chi bộ", fmt.Sprintf("Tệp này do %s gửi, không phải %s. Hãy chọn tệp của đúng chi bộ.",
			cellName(got.Name), cellName(p.Name)))
		return
	}
	typed := widget.NewEntry()
	typed.SetPlaceHolder("Mã khóa hoặc các từ bí thư chi bộ đọc")
	form := container.NewVBox(wrapped(fmt.Sprintf("Tệp của %s mang mã khóa mới:\nMã khóa: %s\nĐọc thành lời: %s\n\n"+
		"Hãy gọi điện cho bí thư chi bộ, nhờ đọc mã khóa trên máy mới (màn hình «Gửi cấp trên») và gõ vào ô dưới đây.",
		cellName(p.Name), got.Fingerprint, bundle.FingerprintWords(got.SignPub, got.AgeRecipient))), typed)
	d := dialog.NewCustomConfirm("Nhận khóa mới", "Nhận khóa mới", "Không", form, func(ok bool) {
		if ok {
			h.replace(p, path, confirmedFingerprint(typed.Text, got))
		}
	}, h.sh.win)
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}

func (h *hubKeysScreen) replace(p store.Peer, path, fingerprint string) {
	if _, err := bundle.ReplaceKey(h.sh.ctx, h.sh.st, path, fingerprint, "Chi bộ đổi sang máy mới"); err != nil {
		showError(h.sh.win, err)
		return
	}
	h.reload()
	showMessage(h.sh.win, "Đã nhận khóa mới", fmt.Sprintf("Đã ghi nhận khóa mới của %s; khóa cũ đã bị thu hồi. "+
		"Bây giờ có thể nhận dữ liệu của chi bộ ở màn hình «Nhận dữ liệu».", cellName(p.Name)))
}

// confirmedFingerprint accepts what the clerk typed however it was spaced
// or cased, as hex or as the words, and returns the file's fingerprint
// when it matches; otherwise the typed text, which sync then refuses.
func confirmedFingerprint(typed string, p store.Peer) string {
	hex := func(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }
	words := strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(typed))), " ")
	if hex(typed) == hex(p.Fingerprint) || words == bundle.FingerprintWords(p.SignPub, p.AgeRecipient) {
		return p.Fingerprint
	}
	return strings.TrimSpace(typed)
}
