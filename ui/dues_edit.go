package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// The dues book's dialogs: a whole month at once, one recorded month,
// and an exemption or reduction granted on a member's application.

// askMonth marks a whole month paid for everyone not yet recorded.
func (d *duesScreen) askMonth() {
	months := make([]string, 12)
	for i := range months {
		months[i] = fmt.Sprintf("Tháng %d/%d", i+1, d.selectedYear())
	}
	pick := newSelect(months, nil)
	pick.SetSelectedIndex(min(int(d.today().Month()), 12) - 1)
	if d.today().Year() != d.selectedYear() {
		pick.SetSelectedIndex(11)
	}
	note := wrapped("Mọi đồng chí chưa ghi tháng này được ghi «đã nộp» đúng mức của mình. " +
		"Tháng đã ghi (nộp, không nộp, miễn) giữ nguyên.")
	dialog.ShowForm("Ghi cả tháng đã nộp", "Ghi", "Thôi", []*widget.FormItem{widget.NewFormItem("Tháng", pick),
		widget.NewFormItem("", note)}, func(ok bool) {
		if ok && pick.SelectedIndex() >= 0 {
			n := d.markMonth(pick.SelectedIndex())
			showMessage(d.sh.win, "Đã ghi", fmt.Sprintf("Đã ghi %d đồng chí nộp đảng phí %s.", n, strings.ToLower(pick.Selected)))
		}
	}, d.sh.win)
}

// Choices for one recorded month.
var duesChoices = []store.Label{
	{Code: store.DuesStatePaid, Text: "Đã nộp"},
	{Code: store.DuesStateUnpaid, Text: "Không nộp (không có lý do)"},
	{Code: store.DuesStateExcused, Text: "Không nộp, có lý do chính đáng"},
	{Code: store.DuesStateExempt, Text: "Được miễn"},
	{Code: "", Text: "Xóa, coi như chưa ghi"},
}

// editMonth changes one recorded month.
func (d *duesScreen) editMonth(l store.DuesLine, i int) {
	e := l.Months[i]
	set, err := rules.DuesOn(time.Date(d.selectedYear(), time.Month(i+1), 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		showError(d.sh.win, err)
		return
	}
	choice := labelSelect(duesChoices, e.Status())
	amount := widget.NewEntry()
	amount.SetText(strconv.FormatInt(max(e.Amount, l.Amount(i)), 10))
	paid := dateEntry(or(e.PaidDate, d.paidEntry(l, i).PaidDate))
	method := labelSelect(store.DuesMethodLabels, or(e.Method, store.DuesAtMeeting))
	var exLabels []store.Label
	for _, x := range set.Exemptions.Value {
		exLabels = append(exLabels, store.Label{Code: x.Code, Text: x.Name})
	}
	exempt := labelSelect(exLabels, e.Exemption)
	note := widget.NewEntry()
	note.SetText(e.Note)
	note.SetPlaceHolder("lý do không nộp, hoặc ghi chú")
	items := []*widget.FormItem{widget.NewFormItem("Tháng này", choice), widget.NewFormItem("Số tiền (đồng)", amount),
		widget.NewFormItem("Ngày nộp", paid), widget.NewFormItem("Hình thức", method),
		widget.NewFormItem("Lý do miễn", exempt), widget.NewFormItem("Lý do, ghi chú", note)}
	title := fmt.Sprintf("Đảng phí tháng %d/%d: %s", i+1, d.selectedYear(), l.Member.FullName)
	dialog.ShowForm(title, "Lưu", "Thôi", items, func(ok bool) {
		if !ok {
			return
		}
		state := selectedCode(duesChoices, choice)
		if state == "" {
			if err := d.sh.st.ClearDues(d.sh.ctx, e.MemberID, e.Month); err != nil {
				showError(d.sh.win, err)
			}
			d.reload()
			return
		}
		out := store.DuesEntry{MemberID: e.MemberID, Month: e.Month, State: state, Note: note.Text,
			ReductionPct: e.ReductionPct, Reduction: e.Reduction, MeetingID: e.MeetingID}
		if problem := d.fillMonth(&out, amount.Text, paid.Text, method, exempt, exLabels); problem != "" {
			showMessage(d.sh.win, "Chưa lưu được", problem)
			return
		}
		d.save(out)
	}, d.sh.win)
}

// fillMonth completes an edited month from the dialog's fields, or says
// what to fix.
func (d *duesScreen) fillMonth(e *store.DuesEntry, amount, paid string, method, exempt *widget.Select, ex []store.Label) string {
	switch e.State {
	case store.DuesStatePaid:
		n, err := strconv.ParseInt(strings.NewReplacer(".", "", " ", "").Replace(strings.TrimSpace(amount)), 10, 64)
		if err != nil || n <= 0 {
			return "Số tiền: hãy gõ một số đồng, ví dụ 5000."
		}
		day, err := parseDate(paid)
		if err != nil || day == "" {
			return "Ngày nộp: hãy gõ ngày theo dạng ngày/tháng/năm, ví dụ 05/11/2026."
		}
		e.Amount, e.PaidDate, e.Method = n, day, selectedCode(store.DuesMethodLabels, method)
		if e.Method != store.DuesAtMeeting {
			e.MeetingID = ""
		}
	case store.DuesStateExempt:
		if e.Exemption = selectedCode(ex, exempt); e.Exemption == "" {
			return "Hãy chọn lý do được miễn."
		}
		e.MeetingID = ""
	case store.DuesStateExcused:
		if strings.TrimSpace(e.Note) == "" {
			return "Hãy ghi lý do chính đáng vào ô «Lý do, ghi chú», ví dụ: ốm nằm viện."
		}
		e.MeetingID = ""
	default:
		e.MeetingID = ""
	}
	return ""
}

// askRelief records an exemption or a reduction granted on the member's
// application, for up to the rules' months (Quy định 01-QĐ/TW, Điều 5).
func (d *duesScreen) askRelief(l store.DuesLine) {
	year := d.selectedYear()
	var months []string
	for y := year; y <= year+1; y++ {
		for m := 1; m <= 12; m++ {
			months = append(months, fmt.Sprintf("%02d/%d", m, y))
		}
	}
	from, to := newSelect(months, nil), newSelect(months, nil)
	start := int(d.today().Month()) - 1
	if d.today().Year() != year {
		start = 0
	}
	from.SetSelectedIndex(start)
	set, err := rules.DuesOn(time.Date(year, time.Month(start+1), 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		showError(d.sh.win, err)
		return
	}
	to.SetSelectedIndex(min(start+set.ReliefMaxMonths.Value-1, len(months)-1))
	kinds, codes := reliefKinds(set)
	kind := newSelect(kinds, nil)
	reason := widget.NewEntry()
	reason.SetPlaceHolder("ví dụ: đơn ngày 05/03, ốm đau dài ngày")
	rule := wrapped(fmt.Sprintf("Mỗi lần xét miễn, giảm tối đa %d tháng (%s).", set.ReliefMaxMonths.Value, set.ReliefMaxMonths.Cite()))
	items := []*widget.FormItem{widget.NewFormItem("Miễn hay giảm", kind), widget.NewFormItem("Từ tháng", from),
		widget.NewFormItem("Đến tháng", to), widget.NewFormItem("Lý do, số đơn", reason), widget.NewFormItem("", rule)}
	dialog.ShowForm("Miễn, giảm đảng phí: "+l.Member.FullName, "Lưu", "Thôi", items, func(ok bool) {
		if !ok {
			return
		}
		if kind.SelectedIndex() < 0 || from.SelectedIndex() < 0 || to.SelectedIndex() < 0 {
			showMessage(d.sh.win, "Chưa lưu được", "Hãy chọn miễn hay giảm, từ tháng nào đến tháng nào.")
			return
		}
		r := store.DuesRelief{MemberID: l.Member.ID, From: isoMonth(from.Selected), To: isoMonth(to.Selected), Reason: reason.Text}
		c := codes[kind.SelectedIndex()]
		if pct, err := strconv.Atoi(c); err == nil {
			r.ReductionPct = pct
		} else {
			r.Exemption = c
		}
		if err := d.sh.st.SaveDuesRelief(d.sh.ctx, r); err != nil {
			showError(d.sh.win, err)
			return
		}
		d.reload()
	}, d.sh.win)
}

// reliefKinds are the exemptions, then the reductions, of a rules set,
// with their codes (a reduction's code is its percentage).
func reliefKinds(set rules.Dues) (names, codes []string) {
	for _, x := range set.Exemptions.Value {
		names, codes = append(names, "Miễn: "+x.Name), append(codes, x.Code)
	}
	for _, p := range set.Reductions.Value {
		names, codes = append(names, fmt.Sprintf("Giảm %d%% mức đóng", p)), append(codes, strconv.Itoa(p))
	}
	return names, codes
}

// isoMonth turns "03/2026" into "2026-03".
func isoMonth(s string) string {
	m, y, _ := strings.Cut(s, "/")
	return y + "-" + m
}
