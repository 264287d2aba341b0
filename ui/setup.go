package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// Role choices as the setup screen words them.
const (
	roleCellText = "Chi bộ"
	roleHubText  = "Cấp ủy cấp trên (nhận dữ liệu từ các chi bộ)"
)

// setupScreen is the first start: what this laptop is and who it reports to.
type setupScreen struct {
	sh        *shell
	role      *widget.RadioGroup
	name      *widget.Entry
	parent    *widget.Entry
	place     *widget.Entry
	committee *widget.Check
	cardBtn   *widget.Button
	cardInfo  *widget.Label
	cardBox   *fyne.Container
	submit    *widget.Button
	hub       *store.Peer     // the hub card read, for a cell
	onward    []store.Peer    // the hubs above it that the card names
	mailboxes []store.Mailbox // the mailboxes on the network the card names
	pass      *passPair       // lock_pass.go
}

func newSetup(sh *shell) *setupScreen {
	s := &setupScreen{sh: sh, pass: newPassPair()}
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("ví dụ: Chi bộ thôn Sín Chéng")
	s.parent = widget.NewEntry()
	s.parent.SetPlaceHolder("ví dụ: Đảng ủy xã Sín Chéng")
	s.place = widget.NewEntry()
	s.place.SetPlaceHolder("ví dụ: Sín Chéng (in ở đầu biên bản)")
	s.committee = widget.NewCheck("Chi bộ có chi ủy", nil)
	s.cardInfo = wrapped("Chưa chọn thẻ cấp ủy.")
	s.cardBtn = widget.NewButtonWithIcon("Chọn tệp thẻ cấp ủy…", theme.FolderOpenIcon(), s.pickCard)
	s.cardBox = container.NewVBox(
		wrapped("Thẻ cấp ủy là tệp do cấp ủy cấp trên gửi (qua USB). Sau khi chọn, hãy đọc mã khóa cho cấp ủy nghe để đối chiếu."),
		container.NewHBox(s.cardBtn), s.cardInfo)
	s.role = widget.NewRadioGroup([]string{roleCellText, roleHubText}, s.roleChanged)
	s.role.Required = true
	s.role.SetSelected(roleCellText)
	s.submit = widget.NewButtonWithIcon("Thiết lập", theme.ConfirmIcon(), s.create)
	s.submit.Importance = widget.HighImportance
	return s
}

func (s *setupScreen) view() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem("Máy này dùng cho", s.role),
		widget.NewFormItem("Tên tổ chức", s.name),
		widget.NewFormItem("Tổ chức cấp trên", s.parent),
		widget.NewFormItem("Địa danh", s.place),
		widget.NewFormItem("", s.committee),
	)
	body := container.NewVBox(
		heading("Thiết lập Sổ tay Chi bộ"),
		wrapped("Lần đầu dùng chương trình trên máy này. Hãy điền các thông tin dưới đây; có thể sửa tên và địa danh sau."),
		form, s.cardBox, widget.NewForm(s.pass.items("Mật khẩu")...), container.NewHBox(s.submit))
	return container.NewPadded(container.NewVScroll(body))
}

// roleChanged shows the hub card picker only where it is needed.
func (s *setupScreen) roleChanged(r string) {
	if s.cardBox == nil {
		return
	}
	if r == roleHubText {
		s.cardBox.Hide()
		s.committee.Hide()
		s.name.SetPlaceHolder("ví dụ: Đảng ủy xã Sín Chéng")
		s.parent.SetPlaceHolder("ví dụ: Tỉnh ủy Lào Cai")
		return
	}
	s.cardBox.Show()
	s.committee.Show()
	s.name.SetPlaceHolder("ví dụ: Chi bộ thôn Sín Chéng")
	s.parent.SetPlaceHolder("ví dụ: Đảng ủy xã Sín Chéng")
}

func (s *setupScreen) pickCard() {
	pickFile(s.sh.win, nil, func(path string) { s.loadCard(path) })
}

// loadCard reads a hub card and shows whose it is and its fingerprint.
func (s *setupScreen) loadCard(path string) {
	c, err := bundle.ReadCard(path)
	p := c.Hub
	if err != nil {
		s.hub, s.onward, s.mailboxes = nil, nil, nil
		s.cardInfo.SetText("Chưa chọn thẻ cấp ủy.")
		showError(s.sh.win, err)
		return
	}
	s.hub, s.onward, s.mailboxes = &p, c.Onward, c.Mailboxes
	s.cardInfo.SetText("Tệp: " + filepath.Base(path) + "\nCấp ủy: " + p.Name + "\nMã khóa: " + p.Fingerprint +
		"\nĐọc thành lời: " + bundle.FingerprintWords(p.SignPub, p.AgeRecipient))
	if strings.TrimSpace(s.parent.Text) == "" {
		s.parent.SetText(p.Name)
	}
}

// create makes the keys and sets the folder up in one store call.
func (s *setupScreen) create() {
	in := store.Setup{Role: store.RoleCell, Name: s.name.Text, ParentName: s.parent.Text,
		Place: s.place.Text, HasCommittee: s.committee.Checked, Hub: s.hub, Onward: s.onward, Mailboxes: s.mailboxes}
	if s.role.Selected == roleHubText {
		in.Role, in.Hub, in.HasCommittee = store.RoleHub, nil, false
	}
	switch {
	case strings.TrimSpace(in.Name) == "":
		showMessage(s.sh.win, "Thiếu thông tin", "Hãy gõ tên tổ chức, ví dụ «Chi bộ thôn Sín Chéng».")
		return
	case in.Role == store.RoleCell && in.Hub == nil:
		showMessage(s.sh.win, "Thiếu thẻ cấp ủy", "Hãy bấm «Chọn tệp thẻ cấp ủy…» và chọn tệp do cấp ủy cấp trên gửi.")
		return
	}
	s.pass.names = []string{in.Name, in.Place, in.ParentName}
	pass, problem := s.pass.check()
	if problem != "" {
		showMessage(s.sh.win, "Mật khẩu chưa dùng được", problem)
		return
	}
	in.Passphrase = pass
	s.submit.Disable()
	type result struct {
		site store.Site
		err  error
	}
	background(func() result {
		keys, err := bundle.GenerateKeys()
		if err != nil {
			return result{err: err}
		}
		in.Keys = keys
		site, err := s.sh.st.Init(s.sh.ctx, in)
		return result{site, err}
	}, func(r result) {
		s.submit.Enable()
		if r.err != nil {
			showError(s.sh.win, r.err)
			return
		}
		if r.site.Role == store.RoleHub {
			// A hub has nobody above it to recover through: its paper
			// code, shown once, before anything else.
			newRecoveryCode(s.sh, func() { s.sh.showMain(r.site) })
			return
		}
		s.sh.showMain(r.site)
	})
}
