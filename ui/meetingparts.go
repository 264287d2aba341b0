package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// attendRow is one member's line of the roll, with the dues they hand
// over at the meeting.
type attendRow struct {
	att    store.Attendance
	name   string
	status *widget.Select
	reason *widget.Entry
	dues   *widget.Check
	amount *widget.Entry
	// elsewhere says how the dues book already settled this month for the
	// member (paid through the portal, exempt…): no tick box then.
	elsewhere string
}

// buildRoll makes one row per attendance line the meeting carries (the
// store fills it with every active member for a new meeting).
func (f *meetingForm) buildRoll() []*attendRow {
	names := map[string]string{}
	for _, x := range f.members {
		names[x.ID] = x.FullName
	}
	paid := map[string]int{}
	for _, d := range f.m.Dues {
		paid[d.MemberID] = d.Amount
	}
	// The book's view of the month: a failed read only loses the hints.
	elsewhere, _ := f.sh.st.MeetingDuesElsewhere(f.sh.ctx, f.m)
	rates, _ := f.sh.st.DuesAmounts(f.sh.ctx, monthOf(f.m.Date))
	rows := make([]*attendRow, 0, len(f.m.Attendance))
	for _, a := range f.m.Attendance {
		r := &attendRow{att: a, name: or(a.MemberName, names[a.MemberID])}
		if r.name == "" {
			r.name = "(đảng viên không còn trong danh sách)"
		}
		r.status = labelSelect(store.AttendanceLabels, or(a.Status, store.AttPresent))
		r.status.OnChanged = func(string) {
			f.rollChanged()
			if f.extra != nil {
				f.extra.refresh() // their denominator is the roll's too
			}
		}
		r.reason = widget.NewEntry()
		r.reason.SetPlaceHolder("lý do (nếu vắng)")
		r.reason.SetText(a.Reason)
		amount, ok := paid[a.MemberID]
		r.amount = widget.NewEntry()
		r.amount.SetPlaceHolder("số đồng")
		if ok {
			r.amount.SetText(fmt.Sprint(amount))
		}
		rate := rates[a.MemberID]
		r.dues = widget.NewCheck("Nộp đảng phí", func(on bool) {
			if on && strings.TrimSpace(r.amount.Text) == "" && rate > 0 {
				r.amount.SetText(fmt.Sprint(rate)) // the member's usual amount, as in the book
			}
		})
		r.dues.SetChecked(ok)
		if e, done := elsewhere[a.MemberID]; done && !ok && e.Settled() {
			r.elsewhere = elsewhereText(e)
		}
		rows = append(rows, r)
	}
	return rows
}

func (f *meetingForm) rollView() fyne.CanvasObject {
	if len(f.roll) == 0 {
		return wrapped("Chưa có đảng viên nào trong danh sách. Hãy thêm đảng viên trước khi điểm danh.")
	}
	form := fitForm()
	for i, r := range f.roll {
		var dues fyne.CanvasObject = container.NewHBox(r.dues, sized(r.amount, "1.000.000"))
		if r.elsewhere != "" {
			dues = widget.NewLabel(r.elsewhere)
		}
		// Status and reason beside the dues when they fit, above them when not.
		formAppend(form, fmt.Sprintf("%d. %s", i+1, r.name), columns(container.NewBorder(nil, nil, r.status, nil, r.reason), dues))
	}
	return form
}

// collectRoll reads the roll and the dues ticked on it.
func (f *meetingForm) collectRoll() ([]store.Attendance, []store.DuesPaid, error) {
	out := make([]store.Attendance, len(f.roll))
	var dues []store.DuesPaid
	for i, r := range f.roll {
		a := r.att
		a.Status = selectedCode(store.AttendanceLabels, r.status)
		a.Reason = r.reason.Text
		out[i] = a
		if !r.dues.Checked || r.elsewhere != "" {
			continue
		}
		n, err := count(r.amount.Text)
		if err != nil || n == 0 {
			return nil, nil, fieldProblem(fmt.Sprintf("Đảng phí của đồng chí %s phải là số tiền bằng đồng, ví dụ 10000.", r.name))
		}
		dues = append(dues, store.DuesPaid{MemberID: a.MemberID, Amount: n})
	}
	return out, dues, nil
}

// elsewhereText words a month the dues book settled without this meeting.
func elsewhereText(e store.DuesEntry) string {
	switch e.Status() {
	case store.DuesStateExempt:
		return "Được miễn đảng phí"
	case store.DuesStateExcused:
		return "Sổ đảng phí ghi: không nộp, có lý do"
	}
	if e.Method == store.DuesPortal {
		return "Đã nộp qua Cổng dịch vụ công"
	}
	return "Đã nộp ngày " + showDate(e.PaidDate)
}

// monthOf is the yyyy-mm of an ISO date.
func monthOf(date string) string {
	if len(date) < 7 {
		return ""
	}
	return date[:7]
}

// lockRoll disables the roll of a finalized meeting.
func (f *meetingForm) lockRoll() {
	for _, r := range f.roll {
		r.status.Disable()
		r.reason.Disable()
		r.dues.Disable()
		r.amount.Disable()
	}
}

// buildLength makes the warning shown when the meeting is shorter than
// the rules' minimum. The cell's other meetings are read once here, so
// typing a time never queries the store; a failed read only loses the
// combined-session case, never the form.
func (f *meetingForm) buildLength() {
	f.lengthInfo = wrapped("")
	f.lengthInfo.Importance = widget.WarningImportance
	f.others, _ = f.sh.st.Meetings(f.sh.ctx, "")
	f.superseded, _ = f.sh.st.Superseded(f.sh.ctx)
	f.cellMin, _ = f.sh.st.CellMinimum(f.sh.ctx, "") // a small cell's minimum, if the hub decided one
	for _, e := range []*widget.Entry{f.date, f.start, f.end} {
		e.OnChanged = func(string) { f.lengthChanged() }
	}
	f.lengthChanged()
}

// lengthChanged words the length check: a warning, not a refusal.
func (f *meetingForm) lengthChanged() {
	if f.lengthInfo == nil {
		return // still building
	}
	date, _ := parseDate(f.date.Text)
	m := store.Meeting{ID: f.m.ID, Kind: selectedCode(store.MeetingKindLabels, f.kind), Date: date,
		StartTime: strings.TrimSpace(f.start.Text), EndTime: strings.TrimSpace(f.end.Text)}
	c, err := store.CheckLength(m, f.others, f.superseded, f.cellMin)
	switch {
	case err != nil:
		f.lengthInfo.SetText(message(err))
	case c.Short():
		f.lengthInfo.SetText(lengthWarning(c) + " Biên bản vẫn lưu được; hãy kiểm tra lại giờ bắt đầu, giờ kết thúc.")
	default:
		f.lengthInfo.SetText("")
	}
	if f.lengthInfo.Text == "" {
		f.lengthInfo.Hide()
	} else {
		f.lengthInfo.Show()
	}
	if f.lengthBox != nil {
		f.lengthBox.Refresh() // the warning's height changed: lay its part out again
	}
}

// lengthWarning says how short the meeting is and against which rule.
func lengthWarning(c store.LengthCheck) string {
	what := "Buổi sinh hoạt"
	if c.Combined {
		what = "Buổi sinh hoạt thường kỳ kết hợp chuyên đề"
	}
	return fmt.Sprintf("%s ngày %s dài %d phút, ngắn hơn thời lượng tối thiểu %d phút (%s).",
		what, showDate(c.Date), c.Minutes, c.Min, c.Source)
}
