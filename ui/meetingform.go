package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// meetingForm is the minutes of one meeting. The text is split into many
// short fields (one per speaker, conclusion and task) because a long
// multi-line Entry becomes slow to type in (DESIGN §8).
type meetingForm struct {
	sh      *shell
	m       store.Meeting
	members []store.Member
	done    func()

	date, start, end, place, topic, guests *widget.Entry
	kind                                   *widget.Select
	chair, taker                           *widget.SelectEntry
	resolution                             *widget.Entry
	votesFor, votesAgainst, votesAbstain   *widget.Entry

	roll     []*attendRow
	rollInfo *widget.Label
	reports  []*reportRow
	agenda   *agendaList
	tasks    *taskList
	extra    *extraVotes // admission, full-membership and discipline votes

	lengthInfo *widget.Label   // warns when shorter than the rules' minimum
	others     []store.Meeting // the cell's meetings, for a combined session
	superseded map[string]bool
	cellMin    store.CellMinimum // the hub's minimum meeting length for this cell
	lengthBox  *fyne.Container   // the part holding lengthInfo, laid out again when it changes
	verdict    *widget.Label
	score      []*scoreRow
	scheme     rules.ScoreScheme
	band       *widget.Label

	state                 *widget.Label
	save, finalize, print *widget.Button
	printRes, printSheet  *widget.Button
	correct, remove       *widget.Button
	twinOK                bool               // «Vẫn lưu» said to a second regular meeting (meeting_mistakes.go)
	inputs                []fyne.Disableable // everything a finalized meeting locks
	parts                 *container.AppTabs // one part of the minutes on screen at a time
}

func newMeetingForm(sh *shell, m store.Meeting, done func()) (*meetingForm, error) {
	members, err := sh.st.Members(sh.ctx, "", "")
	if err != nil {
		return nil, err
	}
	f := &meetingForm{sh: sh, m: m, members: members, done: done}
	f.build()
	if m.State == store.StateFinalized {
		f.lock()
	}
	return f, nil
}

// build makes the widgets and fills them from f.m.
func (f *meetingForm) build() {
	m := f.m
	entry := func(v, hint string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(v)
		e.SetPlaceHolder(hint)
		f.inputs = append(f.inputs, e)
		return e
	}
	f.date = dateEntry(m.Date)
	f.inputs = append(f.inputs, f.date)
	f.start, f.end = entry(m.StartTime, "19:30"), entry(m.EndTime, "21:30")
	f.place, f.topic = entry(m.Place, "nơi họp"), entry(m.Topic, "")
	f.guests = entry(m.Guests, "ví dụ: đồng chí … , Đảng ủy viên phụ trách")
	f.kind = labelSelect(store.MeetingKindLabels, or(m.Kind, store.MeetingRegular))
	f.kind.OnChanged = func(string) { f.kindChanged() }
	f.kindChanged()
	names := f.memberNames()
	f.chair, f.taker = widget.NewSelectEntry(names), widget.NewSelectEntry(names)
	f.chair.SetText(m.Chair)
	f.taker.SetText(m.MinuteTaker)
	f.resolution = widget.NewMultiLineEntry()
	f.resolution.SetText(m.Resolution)
	f.resolution.Wrapping = fyne.TextWrapWord
	f.resolution.SetMinRowsVisible(4)
	num := func(n int) *widget.Entry {
		e := entry(strconv.Itoa(n), "0")
		e.OnChanged = func(string) { f.votesChanged() }
		return e
	}
	f.votesFor, f.votesAgainst, f.votesAbstain = num(m.VotesFor), num(m.VotesAgainst), num(m.VotesAbstain)
	f.inputs = append(f.inputs, f.kind, f.chair, f.taker, f.resolution)
	f.roll = f.buildRoll()
	f.reports = f.buildReports()
	f.agenda = newAgendaList(m.Agenda, f.members)
	f.tasks = newTaskList(m.Tasks, f.members)
	f.buildScore()
	f.extra = f.newExtraVotes()
	f.buildLength()
	f.rollInfo, f.verdict = wrapped(""), wrapped("")
	f.rollChanged()
	f.state = widget.NewLabel(stateText(m))
	f.save = widget.NewButtonWithIcon("Lưu", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.finalize = widget.NewButtonWithIcon("Chốt biên bản", theme.ConfirmIcon(), f.confirmFinalize)
	f.print = widget.NewButtonWithIcon("In biên bản", theme.DocumentPrintIcon(), func() { f.printDoc(docMinutes) })
	f.printRes = widget.NewButtonWithIcon("In nghị quyết", theme.DocumentPrintIcon(), func() { f.printDoc(docResolution) })
	f.printSheet = widget.NewButtonWithIcon("In danh sách ký", theme.DocumentPrintIcon(), func() { f.printDoc(docSheet) })
	f.correct = widget.NewButtonWithIcon("Lập bản sửa", theme.DocumentCreateIcon(), f.askCorrection)
	f.correct.Hide()
	f.remove = widget.NewButtonWithIcon("Xóa bản nháp", theme.DeleteIcon(), f.askDelete)
	if m.ID == "" {
		f.remove.Hide() // nothing stored yet: «Quay lại» and «Không lưu» drop it
	}
}

// kindChanged asks for the topic a thematic meeting must have.
func (f *meetingForm) kindChanged() {
	f.lengthChanged()
	if selectedCode(store.MeetingKindLabels, f.kind) == store.MeetingThematic {
		f.topic.SetPlaceHolder("chủ đề chuyên đề (bắt buộc)")
		return
	}
	f.topic.SetPlaceHolder("ví dụ: Sinh hoạt thường kỳ tháng 11")
}

// memberNames are the picks for chair and minute-taker.
func (f *meetingForm) memberNames() []string {
	names, _ := activePicks(f.members)
	return names
}

// activePicks are the members on the roll as a picker shows them, with
// the id behind each name: speakers, chair, minute-taker, assignees.
func activePicks(members []store.Member) (names []string, ids map[string]string) {
	ids = map[string]string{}
	for _, x := range members {
		if store.Active(x.Status) {
			names = append(names, x.FullName)
			ids[x.FullName] = x.ID
		}
	}
	return names, ids
}

func (f *meetingForm) view() fyne.CanvasObject {
	item := widget.NewFormItem
	left := fitForm(item("Ngày họp (*)", f.date), item("Bắt đầu lúc", f.start), item("Kết thúc lúc", f.end),
		item("Địa điểm", f.place), item("Loại", f.kind))
	right := fitForm(item("Chủ đề", f.topic), item("Chủ trì", f.chair), item("Thư ký", f.taker),
		item("Khách mời", f.guests))
	votes := columns(
		fitForm(item("Tán thành", f.votesFor)),
		fitForm(item("Không tán thành", f.votesAgainst)),
		fitForm(item("Không biểu quyết", f.votesAbstain)))
	// One part of the minutes at a time: the software painter draws every
	// object in the tree, off-screen or not, so a long single page made
	// each keystroke repaint the whole roll and agenda.
	page := func(objs ...fyne.CanvasObject) *container.TabItem {
		box := container.NewVBox(objs...)
		if objs[len(objs)-1] == f.lengthInfo {
			f.lengthBox = box
		}
		return container.NewTabItem("", container.NewVScroll(box))
	}
	parts := []*container.TabItem{
		page(columns(left, right), f.lengthInfo),
		page(subhead("Điểm danh và thu đảng phí"), f.rollInfo, f.rollView()),
		page(subhead("Kết quả thực hiện nhiệm vụ tháng trước"), f.reportsView(),
			widget.NewSeparator(), subhead("Nội dung sinh hoạt"), f.agenda.view()),
		page(subhead("Nhiệm vụ tháng tới"), f.tasks.box,
			widget.NewSeparator(), subhead("Nghị quyết, kết luận"), f.resolution,
			subhead("Biểu quyết"), votes, f.verdict,
			widget.NewSeparator(), subhead("Biểu quyết kết nạp, công nhận chính thức, kỷ luật"), f.extra.box),
		page(f.scoreView()),
	}
	for i, title := range formParts {
		parts[i].Text = title
	}
	f.parts = container.NewAppTabs(parts...)
	back := widget.NewButtonWithIcon("Quay lại", theme.NavigateBackIcon(), f.done)
	top := flow(heading("Biên bản sinh hoạt chi bộ"), f.state)
	bottom := flow(f.save, f.finalize, f.print, f.printRes, f.printSheet, f.correct, back, f.remove)
	return container.NewPadded(container.NewBorder(top, bottom, nil, nil, f.parts))
}

// The form's parts, in the order of the meeting.
const (
	partGeneral = iota
	partRoll
	partAgenda
	partResolution
	partScore
)

var formParts = []string{"Thông tin chung", "Điểm danh, đảng phí", "Nội dung sinh hoạt", "Nghị quyết, biểu quyết", "Chấm điểm"}

// subhead is a bold sub-heading inside a form.
func subhead(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// collect reads the form into a meeting, or says what to fix.
func (f *meetingForm) collect() (store.Meeting, error) {
	m := f.m
	date, err := parseDate(f.date.Text)
	if err != nil {
		return m, fieldProblem("Ngày họp: " + err.Error() + ".")
	}
	if date == "" {
		return m, fieldProblem("Hãy gõ ngày họp, ví dụ 05/11/2026.")
	}
	m.Date = date
	m.Kind = selectedCode(store.MeetingKindLabels, f.kind)
	m.StartTime, m.EndTime = strings.TrimSpace(f.start.Text), strings.TrimSpace(f.end.Text)
	m.Place, m.Topic, m.Guests = f.place.Text, strings.TrimSpace(f.topic.Text), f.guests.Text
	if m.Kind == store.MeetingThematic && m.Topic == "" {
		return m, fieldProblem("Buổi sinh hoạt chuyên đề cần có chủ đề. Hãy gõ chủ đề vào ô «Chủ đề».")
	}
	m.Chair, m.MinuteTaker, m.Resolution = f.chair.Text, f.taker.Text, f.resolution.Text
	for _, v := range []struct {
		name string
		e    *widget.Entry
		out  *int
	}{{"Tán thành", f.votesFor, &m.VotesFor}, {"Không tán thành", f.votesAgainst, &m.VotesAgainst},
		{"Không biểu quyết", f.votesAbstain, &m.VotesAbstain}} {
		n, err := count(v.e.Text)
		if err != nil {
			return m, fieldProblem(fmt.Sprintf("Ô «%s» phải là một số người, ví dụ 12.", v.name))
		}
		*v.out = n
	}
	if m.Attendance, m.Dues, err = f.collectRoll(); err != nil {
		return m, err
	}
	m.Agenda = f.agenda.collect()
	m.Reports = f.collectReports()
	if m.Tasks, err = f.tasks.collect(); err != nil {
		return m, err
	}
	if m.Scores, err = f.collectScore(); err != nil {
		return m, err
	}
	if m.Votes, err = f.extra.collect(); err != nil {
		return m, err
	}
	return m, nil
}

// count reads a vote count; empty means nobody.
func count(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a count: %q", s)
	}
	return n, nil
}

// submit saves the draft in one store call and stays on the form.
func (f *meetingForm) submit() {
	if _, ok := f.store(); ok {
		f.state.SetText(stateText(f.m) + " — đã lưu lúc " + time.Now().Format("15:04"))
	}
}

// store saves the form; it reports problems itself.
func (f *meetingForm) store() (store.Meeting, bool) {
	m, err := f.collect()
	if p, ok := err.(fieldProblem); ok {
		showMessage(f.sh.win, "Chưa lưu được", string(p))
		return m, false
	}
	if twin, ok := f.monthTwin(m); ok && !f.twinOK {
		f.askTwin(twin, f.submit)
		return m, false
	}
	saved, err := f.sh.st.SaveMeeting(f.sh.ctx, m)
	if err != nil {
		showMessage(f.sh.win, "Chưa lưu được", message(err))
		return m, false
	}
	f.m = saved
	f.remove.Show()
	f.agenda.setIDs(saved.Agenda)
	f.tasks.setIDs(saved.Tasks)
	f.extra.setIDs(saved.Votes)
	for i := range f.roll {
		f.roll[i].att = saved.Attendance[i]
	}
	f.sh.formSaved(f) // drafts.go
	return saved, true
}

func (f *meetingForm) confirmFinalize() {
	q := "Sau khi chốt, biên bản được đánh số và không sửa được nữa (muốn sửa phải lập bản sửa). Chốt biên bản này?"
	dialog.ShowConfirm("Chốt biên bản", q, func(ok bool) {
		if ok {
			f.doFinalize()
		}
	}, f.sh.win)
}

// doFinalize saves what is on screen and locks it in one store call,
// since the user expects the locked minutes to be exactly what they see.
func (f *meetingForm) doFinalize() {
	m, err := f.collect()
	if p, ok := err.(fieldProblem); ok {
		showMessage(f.sh.win, "Chưa chốt được", string(p))
		return
	}
	if twin, ok := f.monthTwin(m); ok && !f.twinOK {
		f.askTwin(twin, f.doFinalize)
		return
	}
	m, err = f.sh.st.SaveAndFinalize(f.sh.ctx, m)
	if err != nil {
		showMessage(f.sh.win, "Chưa chốt được", message(err))
		return
	}
	f.m = m
	f.state.SetText(stateText(m))
	f.lock()
	f.sh.formSaved(f)
}

// lock makes a finalized meeting read-only; printing and correcting stay.
func (f *meetingForm) lock() {
	for _, w := range f.inputs {
		w.Disable()
	}
	f.lockRoll()
	for _, r := range f.reports {
		r.done.Disable()
		r.note.Disable()
	}
	f.agenda.disable()
	f.tasks.disable()
	f.extra.disable()
	f.save.Disable()
	f.finalize.Disable()
	f.correct.Show()
	f.remove.Hide()
}

// askCorrection starts a new revision after asking what is corrected.
func (f *meetingForm) askCorrection() {
	note := widget.NewEntry()
	note.SetPlaceHolder("ví dụ: sửa số phiếu biểu quyết")
	dialog.ShowForm("Lập bản sửa biên bản", "Lập bản sửa", "Hủy",
		[]*widget.FormItem{widget.NewFormItem("Sửa nội dung gì", note)}, func(ok bool) {
			if ok {
				f.openCorrection(note.Text)
			}
		}, f.sh.win)
}

// openCorrection makes (or reopens) the draft correction and shows it;
// the finalized revision stays as it was.
func (f *meetingForm) openCorrection(note string) {
	c, err := f.sh.st.CorrectMeeting(f.sh.ctx, f.m.ID, note)
	if err != nil {
		showError(f.sh.win, err)
		return
	}
	next, err := newMeetingForm(f.sh, c, f.done)
	if err != nil {
		showError(f.sh.win, err)
		return
	}
	f.sh.show(next)
}
