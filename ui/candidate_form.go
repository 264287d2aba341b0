package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// candidateForm edits one candidate: personal data, the helper, each
// stage's date, the dossier checklist, introducers and the votes. At the
// ceremony date the store turns the candidate into a probationary member.
type candidateForm struct {
	sh                                    *shell
	c                                     store.Candidate
	done                                  func()
	members                               []store.Member
	name, ethnicity, education, residence *widget.Entry
	phone, certNo, decisionNo             *widget.Entry
	birth                                 *widget.Entry
	sex                                   *widget.Select
	highland                              *widget.Check
	helper, intro1, intro2                *widget.Select
	dates                                 map[string]*widget.Entry // candidate date field → entry
	dossier                               map[string]*widget.Entry // KNĐ form → entry
	meetings                              []store.Meeting          // the cell's, newest first, for the votes' pick
	cellVote, fullVote                    *candidateVoteBox        // candidate_vote.go
	votesFor, voters                      *widget.Entry            // the cell vote's entries, by the names older tests use
}

// candidateDates are the stage dates the form shows, in pipeline order.
var candidateDates = []store.Label{
	{Code: "listed", Text: "Ngày vào danh sách quần chúng ưu tú"}, {Code: "class", Text: "Ngày cấp giấy chứng nhận lớp nhận thức"},
	{Code: "background", Text: "Ngày thẩm tra lý lịch xong"}, {Code: "youth", Text: "Ngày nghị quyết giới thiệu của Đoàn"},
	{Code: "cell_vote", Text: "Ngày chi bộ xét, biểu quyết"}, {Code: "hub_decision", Text: "Ngày quyết định kết nạp"},
	{Code: "received", Text: "Ngày chi bộ nhận quyết định"}, {Code: "ceremony", Text: "Ngày lễ kết nạp"},
	{Code: "full_vote", Text: "Ngày chi bộ xét chính thức"}, {Code: "full", Text: "Ngày quyết định công nhận chính thức"},
}

func (f *candidateForm) datePtrs(c *store.Candidate) map[string]*string {
	return map[string]*string{"listed": &c.ListedDate, "class": &c.ClassDate, "background": &c.BackgroundDate,
		"youth": &c.YouthUnionDate, "cell_vote": &c.CellVoteDate, "hub_decision": &c.HubDecisionDate,
		"received": &c.DecisionReceived, "ceremony": &c.CeremonyDate, "full_vote": &c.FullVoteDate, "full": &c.FullDecisionDate}
}

func newCandidateForm(sh *shell, c store.Candidate, done func()) *candidateForm {
	f := &candidateForm{sh: sh, c: c, done: done, dates: map[string]*widget.Entry{}, dossier: map[string]*widget.Entry{}}
	f.members, _ = sh.st.Members(sh.ctx, "", "")
	text := func(v string) *widget.Entry { e := widget.NewEntry(); e.SetText(v); return e }
	f.name, f.ethnicity, f.education = text(c.FullName), text(c.Ethnicity), text(c.Education)
	f.education.SetPlaceHolder("ví dụ 9/12")
	f.residence, f.phone, f.certNo, f.decisionNo = text(c.Residence), text(c.Phone), text(c.CertificateNo), text(c.HubDecisionNo)
	f.birth = dateEntry(c.BirthDate)
	f.sex = labelSelect(store.SexLabels, c.Sex)
	f.highland = widget.NewCheck("Vùng cao, vùng đồng bào dân tộc thiểu số", nil)
	f.highland.SetChecked(c.Highland)
	f.helper, f.intro1, f.intro2 = f.memberSelect(c.HelperID), f.memberSelect(c.Introducer1), f.memberSelect(c.Introducer2)
	for k, p := range f.datePtrs(&c) {
		f.dates[k] = dateEntry(*p)
	}
	for _, form := range store.DossierForms {
		f.dossier[form.Code] = dateEntry(c.Dossier[form.Code])
	}
	f.meetings, _ = sh.st.Meetings(sh.ctx, "")
	f.cellVote = newCandidateVoteBox(f, voteActions[0], f.dates["cell_vote"], c.CellVoteMeeting,
		[4]int{c.VotesFor, c.VotesAgainst, c.VotesAbstain, c.Voters})
	f.fullVote = newCandidateVoteBox(f, voteActions[1], f.dates["full_vote"], c.FullVoteMeeting,
		[4]int{c.FullVotesFor, c.FullVotesAgainst, c.FullVotesAbstain, c.FullVoters})
	f.votesFor, f.voters = f.cellVote.votesFor, f.cellVote.voters
	f.name.OnChanged = func(string) { f.cellVote.showMinutes(); f.fullVote.showMinutes() }
	return f
}

// memberSelect picks an active member by name; the first choice is "none".
func (f *candidateForm) memberSelect(id string) *widget.Select {
	opts := []string{"(chưa có)"}
	for _, m := range f.members {
		if store.Active(m.Status) {
			opts = append(opts, m.FullName+" — "+store.LabelOf(store.StatusLabels, m.Status))
		}
	}
	s := newSelect(opts, nil)
	s.SetSelected(opts[0])
	for _, m := range f.members {
		if m.ID == id {
			s.SetSelected(m.FullName + " — " + store.LabelOf(store.StatusLabels, m.Status))
		}
	}
	return s
}

func (f *candidateForm) pickedMember(s *widget.Select) string {
	for _, m := range f.members {
		if s.Selected == m.FullName+" — "+store.LabelOf(store.StatusLabels, m.Status) {
			return m.ID
		}
	}
	return ""
}

func (f *candidateForm) view() fyne.CanvasObject {
	form := fitForm(
		widget.NewFormItem("Họ và tên", f.name), widget.NewFormItem("Giới tính", f.sex),
		widget.NewFormItem("Ngày sinh", f.birth), widget.NewFormItem("Dân tộc", f.ethnicity),
		widget.NewFormItem("Trình độ học vấn", f.education), widget.NewFormItem("", f.highland),
		widget.NewFormItem("Nơi ở", f.residence), widget.NewFormItem("Điện thoại", f.phone),
		widget.NewFormItem("Đảng viên giúp đỡ", f.helper), widget.NewFormItem("Số giấy chứng nhận", f.certNo),
		widget.NewFormItem("Người giới thiệu 1", f.intro1), widget.NewFormItem("Người giới thiệu 2", f.intro2),
		widget.NewFormItem("Số quyết định kết nạp", f.decisionNo),
	)
	for _, d := range candidateDates {
		formAppend(form, d.Text, f.dates[d.Code])
	}
	dossier := fitForm()
	for _, d := range store.DossierForms {
		formAppend(dossier, d.Code+" "+d.Text, f.dossier[d.Code])
	}
	save := widget.NewButtonWithIcon("Lưu", theme.DocumentSaveIcon(), f.submit)
	save.Importance = widget.HighImportance
	back := widget.NewButtonWithIcon("Quay lại", theme.NavigateBackIcon(), f.done)
	body := container.NewVBox(form, f.cellVote.view(), f.fullVote.view(),
		heading("Hồ sơ (ngày nhận từng mẫu)"), dossier, f.deadlineLine(), wrapped(admissionNote()))
	title := "Quần chúng ưu tú"
	if f.c.FullName != "" {
		title += ": " + f.c.FullName
	}
	return container.NewPadded(container.NewBorder(heading(title), container.NewHBox(back, save), nil, nil, container.NewVScroll(body)))
}

// deadlineLine shows the deadline the saved stage opens, with a button
// that tells how it was counted (deadline_view.go).
func (f *candidateForm) deadlineLine() fyne.CanvasObject {
	d, ok, err := store.NextDeadline(f.c)
	if err != nil || !ok {
		return container.NewVBox()
	}
	text := fmt.Sprintf("Thời hạn tiếp theo — %s: %s%s", d.What, d.Due.Format("02/01/2006"), deadlineMark(d))
	return container.NewBorder(nil, nil, nil, deadlineButton(f.sh.win, d.What, func() rules.Deadline { return d }), wrapped(text))
}

// admissionNote says where the time limits come from.
func admissionNote() string {
	a, err := rules.AdmissionOn(time.Now())
	if err != nil {
		return ""
	}
	return fmt.Sprintf("Thời hạn: cấp ủy quyết định trong %d ngày làm việc, lễ kết nạp trong %d ngày làm việc, xét chính thức trong %d ngày làm việc sau %d tháng dự bị (%s).",
		a.HubDecisionDays.Value, a.CeremonyDays.Value, a.FullVoteDays.Value, a.ProbationMonths.Value, a.HubDecisionDays.Source)
}

func (f *candidateForm) collect() (store.Candidate, error) {
	c := f.c
	c.FullName, c.Ethnicity, c.Education, c.Residence = strings.TrimSpace(f.name.Text), f.ethnicity.Text, f.education.Text, f.residence.Text
	c.Phone, c.CertificateNo, c.HubDecisionNo = f.phone.Text, f.certNo.Text, f.decisionNo.Text
	c.Sex, c.Highland = selectedCode(store.SexLabels, f.sex), f.highland.Checked
	c.HelperID, c.Introducer1, c.Introducer2 = f.pickedMember(f.helper), f.pickedMember(f.intro1), f.pickedMember(f.intro2)
	var err error
	if c.BirthDate, err = parseDate(f.birth.Text); err != nil {
		return c, fieldProblem("Ngày sinh: " + err.Error() + ".")
	}
	ptrs := f.datePtrs(&c)
	for _, d := range candidateDates {
		if *ptrs[d.Code], err = parseDate(f.dates[d.Code].Text); err != nil {
			return c, fieldProblem(d.Text + ": " + err.Error() + ".")
		}
	}
	c.Dossier = map[string]string{}
	for _, d := range store.DossierForms {
		iso, err := parseDate(f.dossier[d.Code].Text)
		if err != nil {
			return c, fieldProblem(d.Code + ": " + err.Error() + ".")
		}
		if iso != "" {
			c.Dossier[d.Code] = iso
		}
	}
	if err := f.cellVote.collect(&c.CellVoteMeeting, [4]*int{&c.VotesFor, &c.VotesAgainst, &c.VotesAbstain, &c.Voters}); err != nil {
		return c, err
	}
	if err := f.fullVote.collect(&c.FullVoteMeeting,
		[4]*int{&c.FullVotesFor, &c.FullVotesAgainst, &c.FullVotesAbstain, &c.FullVoters}); err != nil {
		return c, err
	}
	if c.FullName == "" {
		return c, fieldProblem("Hãy gõ họ và tên.")
	}
	return c, nil
}

func (f *candidateForm) submit() {
	if f.saveForm() {
		f.done()
	}
}

// saveForm stores the candidate, or explains what to fix.
func (f *candidateForm) saveForm() bool {
	c, err := f.collect()
	if p, ok := err.(fieldProblem); ok {
		showMessage(f.sh.win, "Chưa lưu được", string(p))
		return false
	}
	saved, err := f.sh.st.SaveCandidates(f.sh.ctx, []store.Candidate{c})
	if err != nil {
		if msg := candidateVoteMessage(err); msg != "" {
			showMessage(f.sh.win, "Chưa lưu được", msg)
			return false
		}
		showError(f.sh.win, err)
		return false
	}
	if len(saved) == 1 {
		f.c = saved[0]
	}
	f.sh.formSaved(f) // drafts_forms.go
	return true
}
