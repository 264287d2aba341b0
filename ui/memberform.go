package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// memberForm edits every field of one member. On a mistake it explains in
// a dialog and keeps everything typed.
type memberForm struct {
	sh   *shell
	m    store.Member
	done func()

	fullName, otherName, ethnicity, religion, homeTown, residence *widget.Entry
	citizenID, cardNo, backgroundNo, education, theory, job       *widget.Entry
	phone, notes                                                  *widget.Entry
	birth, admission, ceremony, full                              *widget.Entry
	sex, status, position                                         *widget.Select
	save, remove                                                  *widget.Button
	twinOK                                                        bool // «Vẫn lưu» said to a likely twin (member_mistakes.go)
}

func newMemberForm(sh *shell, m store.Member, done func()) *memberForm {
	f := &memberForm{sh: sh, m: m, done: done}
	text := func(v, hint string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(v)
		e.SetPlaceHolder(hint)
		return e
	}
	f.fullName = text(m.FullName, "ví dụ: Giàng A Páo")
	f.otherName = text(m.OtherName, "")
	f.ethnicity = text(m.Ethnicity, "ví dụ: Mông")
	f.religion = text(m.Religion, "ví dụ: Không")
	f.homeTown = text(m.HomeTown, "")
	f.residence = text(m.Residence, "")
	f.citizenID = text(m.CitizenID, "12 chữ số")
	f.cardNo = text(m.CardNo, "")
	f.backgroundNo = text(m.BackgroundNo, "")
	f.education = text(m.Education, "ví dụ: 9/12")
	f.theory = text(m.TheoryLevel, "ví dụ: Sơ cấp")
	f.job = text(m.Occupation, "ví dụ: Làm nông")
	f.phone = text(m.Phone, "")
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetText(m.Notes)
	f.notes.SetMinRowsVisible(3)
	f.notes.Wrapping = fyne.TextWrapWord
	f.birth, f.admission, f.full = dateEntry(m.BirthDate), dateEntry(m.AdmissionDate), dateEntry(m.FullDate)
	f.ceremony = dateEntry(m.CeremonyDate) // probation runs from it (Điều lệ Đảng, Điều 5.1)
	f.sex = labelSelect(store.SexLabels, m.Sex)
	f.status = labelSelect(store.StatusLabels, or(m.Status, store.StatusFull))
	f.position = labelSelect(store.PositionLabels, or(m.Position, store.PositionMember))
	f.save = widget.NewButtonWithIcon("Lưu", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.remove = widget.NewButtonWithIcon("Xóa (nhập nhầm)", theme.DeleteIcon(), f.askDelete)
	if m.ID == "" {
		f.remove.Hide()
	}
	return f
}

// or returns v, or def when v is empty.
func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func (f *memberForm) view() fyne.CanvasObject {
	title := "Thêm đảng viên"
	if f.m.ID != "" {
		title = "Sửa thông tin: " + f.m.FullName
	}
	item := widget.NewFormItem
	left := fitForm(
		item("Họ và tên (*)", f.fullName), item("Tên gọi khác", f.otherName), item("Giới tính", f.sex),
		item("Ngày sinh", f.birth), item("Dân tộc", f.ethnicity), item("Tôn giáo", f.religion),
		item("Quê quán", f.homeTown), item("Nơi ở hiện nay", f.residence), item("Số CCCD", f.citizenID),
		item("Điện thoại", f.phone),
	)
	right := fitForm(
		item("Ngày vào Đảng (quyết định kết nạp)", f.admission), item("Ngày lễ kết nạp", f.ceremony),
		item("Ngày chính thức", f.full), item("Trạng thái", f.status),
		item("Chức vụ", f.position), item("Số thẻ đảng viên", f.cardNo), item("Số lý lịch", f.backgroundNo),
		item("Học vấn", f.education), item("Lý luận chính trị", f.theory), item("Nghề nghiệp", f.job),
		item("Ghi chú", f.notes),
	)
	back := widget.NewButtonWithIcon("Quay lại danh sách", theme.NavigateBackIcon(), f.done)
	top := container.NewBorder(nil, nil, heading(title), nil)
	bottom := flow(f.save, back, f.remove)
	fields := columns(left, right)
	return container.NewPadded(container.NewBorder(top, bottom, nil, nil, container.NewVScroll(fields)))
}

// collect reads the form into a member, or says which date is wrong.
func (f *memberForm) collect() (store.Member, error) {
	m := f.m
	m.FullName, m.OtherName = f.fullName.Text, f.otherName.Text
	m.Ethnicity, m.Religion, m.HomeTown, m.Residence = f.ethnicity.Text, f.religion.Text, f.homeTown.Text, f.residence.Text
	m.CitizenID, m.CardNo, m.BackgroundNo = f.citizenID.Text, f.cardNo.Text, f.backgroundNo.Text
	m.Education, m.TheoryLevel, m.Occupation = f.education.Text, f.theory.Text, f.job.Text
	m.Phone, m.Notes = f.phone.Text, f.notes.Text
	m.Sex = selectedCode(store.SexLabels, f.sex)
	m.Status = selectedCode(store.StatusLabels, f.status)
	m.Position = selectedCode(store.PositionLabels, f.position)
	for _, d := range []struct {
		name string
		e    *widget.Entry
		out  *string
	}{{"Ngày sinh", f.birth, &m.BirthDate}, {"Ngày vào Đảng", f.admission, &m.AdmissionDate},
		{"Ngày lễ kết nạp", f.ceremony, &m.CeremonyDate}, {"Ngày chính thức", f.full, &m.FullDate}} {
		iso, err := parseDate(d.e.Text)
		if err != nil {
			return m, fieldProblem(d.name + ": " + err.Error() + ".")
		}
		*d.out = iso
	}
	if strings.TrimSpace(m.FullName) == "" {
		return m, fieldProblem("Hãy gõ họ và tên đảng viên.")
	}
	return m, nil
}

// fieldProblem is a mistake in the form, already worded for the user.
type fieldProblem string

func (p fieldProblem) Error() string { return string(p) }

// submit saves in one store call and goes back to the list.
func (f *memberForm) submit() {
	if f.saveForm() {
		f.done()
	}
}

// saveForm stores the member; a mistake is explained and nothing moves.
func (f *memberForm) saveForm() bool {
	m, err := f.collect()
	if p, ok := err.(fieldProblem); ok {
		showMessage(f.sh.win, "Chưa lưu được", string(p))
		return false
	}
	if twin, ok := likelyTwin(f.sh, m); ok && !f.twinOK {
		f.askTwin(twin)
		return false
	}
	saved, err := f.sh.st.SaveMember(f.sh.ctx, m)
	if err != nil {
		showError(f.sh.win, err)
		return false
	}
	f.m = saved
	f.sh.formSaved(f)
	return true
}

// The member's draft (drafts.go).
func (f *memberForm) draftKey() string { return "member:" + or(f.m.ID, "new") }

func (f *memberForm) draftTitle() string {
	if f.m.ID == "" {
		return "Thêm đảng viên: " + f.fullName.Text
	}
	return "Sửa thông tin: " + f.m.FullName
}

func (f *memberForm) draftFields() []fyne.CanvasObject {
	return []fyne.CanvasObject{f.fullName, f.otherName, f.sex, f.birth, f.ethnicity, f.religion, f.homeTown, f.residence,
		f.citizenID, f.phone, f.admission, f.ceremony, f.full, f.status, f.position, f.cardNo, f.backgroundNo, f.education, f.theory,
		f.job, f.notes}
}
