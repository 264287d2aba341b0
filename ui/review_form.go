package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// reviewForm edits one review: self-assessment, comments, the cell's vote
// tally per level and its proposal. The hub's decision is shown, not typed.
type reviewForm struct {
	sh                      *shell
	set                     rules.Rating
	title                   string
	rv                      store.Review
	st                      rules.Standing
	done                    func()
	selfText, committee, og *widget.Entry
	score, voters, sick     *widget.Entry
	votes                   map[string]*widget.Entry
	selfLevel, cellLevel    *widget.Select
	suspended               *widget.Check
	disciplined, maternity  *widget.Check
}

func levelLabels(set rules.Rating) []store.Label {
	var out []store.Label
	for _, l := range set.Levels.Value {
		out = append(out, store.Label{Code: l.Code, Text: l.Name})
	}
	return out
}

func numEntry(n int) *widget.Entry {
	e := widget.NewEntry()
	if n != 0 {
		e.SetText(strconv.Itoa(n))
	}
	return e
}

func newReviewForm(sh *shell, set rules.Rating, title string, rv store.Review, st rules.Standing, done func()) *reviewForm {
	f := &reviewForm{sh: sh, set: set, title: title, rv: rv, st: st, done: done, votes: map[string]*widget.Entry{}}
	f.selfText = widget.NewMultiLineEntry()
	f.selfText.Wrapping = fyne.TextWrapWord
	f.selfText.SetText(rv.SelfText)
	f.committee, f.og = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	f.committee.SetText(rv.CommitteeComment)
	f.og.SetText(rv.OrgComment)
	f.score, f.voters, f.sick = numEntry(rv.SelfScore), numEntry(rv.Voters), numEntry(rv.SickLeaveMonths)
	for _, l := range set.Levels.Value {
		f.votes[l.Code] = numEntry(rv.Votes[l.Code])
	}
	f.selfLevel = labelSelect(levelLabels(set), rv.SelfLevel)
	f.cellLevel = labelSelect(levelLabels(set), rv.CellLevel)
	f.suspended = widget.NewCheck("Đình chỉ sinh hoạt trong năm", nil)
	f.suspended.SetChecked(rv.Suspended)
	// Short texts: a tick box's text never wraps; what each one means is
	// said under the form.
	f.disciplined = widget.NewCheck("Bị thi hành kỷ luật trong năm", nil)
	f.disciplined.SetChecked(rv.Disciplined)
	f.maternity = widget.NewCheck("Nghỉ là nghỉ thai sản", nil)
	f.maternity.SetChecked(rv.Maternity)
	return f
}

func (f *reviewForm) view() fyne.CanvasObject {
	items := []*widget.FormItem{
		widget.NewFormItem("Bản tự kiểm điểm", f.selfText),
		widget.NewFormItem("Tự xếp loại", f.selfLevel),
		widget.NewFormItem("Tự chấm điểm (0–100)", f.score),
		widget.NewFormItem("Nhận xét của chi ủy", f.committee),
		widget.NewFormItem("Ý kiến đoàn thể, nơi cư trú", f.og),
	}
	if f.rv.MemberID != "" {
		items = append(items, widget.NewFormItem("Số tháng nghỉ ốm (hoặc thai sản)", f.sick), widget.NewFormItem("", f.maternity),
			widget.NewFormItem("", f.suspended), widget.NewFormItem("", f.disciplined))
	}
	items = append(items, widget.NewFormItem("Số đảng viên có quyền biểu quyết", f.voters))
	for _, l := range f.set.Levels.Value {
		items = append(items, widget.NewFormItem("Phiếu: "+l.Name, f.votes[l.Code]))
	}
	items = append(items, widget.NewFormItem("Chi bộ đề nghị", f.cellLevel))
	if f.rv.HubLevel != "" {
		hub := levelName(f.set, f.rv.HubLevel)
		if f.rv.HubDecisionNo != "" {
			hub += " (quyết định " + f.rv.HubDecisionNo + ", " + showDate(f.rv.HubDecisionDate) + ")"
		}
		items = append(items, widget.NewFormItem("Cấp trên quyết định", widget.NewLabel(hub)))
	}
	save := widget.NewButtonWithIcon("Lưu", theme.DocumentSaveIcon(), f.submit)
	save.Importance = widget.HighImportance
	back := widget.NewButtonWithIcon("Quay lại", theme.NavigateBackIcon(), f.done)
	note := ""
	if f.st.Reason != "" {
		note = f.st.Reason + "."
	}
	top := container.NewVBox(heading(f.title+" — năm "+strconv.Itoa(f.rv.Year)), wrapped(note))
	body := container.NewVBox(fitForm(items...))
	if f.rv.MemberID != "" {
		body.Add(wrapped("Bị thi hành kỷ luật trong năm: xếp loại Không hoàn thành nhiệm vụ. " +
			"Nghỉ thai sản không tính là nghỉ ốm."))
	}
	return container.NewPadded(container.NewBorder(top, container.NewHBox(back, save), nil, nil, container.NewVScroll(body)))
}

// collect reads the form, or says which number is wrong.
func (f *reviewForm) collect() (store.Review, error) {
	rv := f.rv
	rv.SelfText, rv.CommitteeComment, rv.OrgComment = f.selfText.Text, f.committee.Text, f.og.Text
	rv.SelfLevel = selectedCode(levelLabels(f.set), f.selfLevel)
	rv.CellLevel = selectedCode(levelLabels(f.set), f.cellLevel)
	rv.Suspended, rv.Disciplined, rv.Maternity = f.suspended.Checked, f.disciplined.Checked, f.maternity.Checked
	var err error
	if rv.SelfScore, err = readCount("Tự chấm điểm", f.score); err != nil {
		return rv, err
	}
	if rv.Voters, err = readCount("Số đảng viên có quyền biểu quyết", f.voters); err != nil {
		return rv, err
	}
	if rv.SickLeaveMonths, err = readCount("Số tháng nghỉ ốm", f.sick); err != nil {
		return rv, err
	}
	rv.Votes = map[string]int{}
	for _, l := range f.set.Levels.Value {
		if rv.Votes[l.Code], err = readCount("Phiếu "+l.Name, f.votes[l.Code]); err != nil {
			return rv, err
		}
	}
	return rv, nil
}

// readCount reads a whole number ≥ 0 from an entry; empty is 0.
func readCount(name string, e *widget.Entry) (int, error) {
	t := strings.TrimSpace(e.Text)
	if t == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(t)
	if err != nil || v < 0 {
		return 0, fieldProblem(name + ": hãy gõ một số nguyên, ví dụ 12.")
	}
	return v, nil
}

func (f *reviewForm) submit() {
	if f.saveForm() {
		f.done()
	}
}

// saveForm stores the review, or explains what to fix.
func (f *reviewForm) saveForm() bool {
	rv, err := f.collect()
	if p, ok := err.(fieldProblem); ok {
		showMessage(f.sh.win, "Chưa lưu được", string(p))
		return false
	}
	if _, err := f.sh.st.SaveReviews(f.sh.ctx, []store.Review{rv}); err != nil {
		showError(f.sh.win, err)
		return false
	}
	f.sh.formSaved(f) // drafts_forms.go
	return true
}
