package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// duesScreen is the dues book of a year: one row per member, one cell per
// month. One tap on a month nobody recorded marks it paid with the
// member's amount; a tap on a recorded month opens it to change (not
// paid, exempt, another amount). Ticks made on a meeting's roll are the
// same records, so both show here.
type duesScreen struct {
	sh     *shell
	year   *widget.Select
	today  func() time.Time
	table  *grid
	warn   *widget.Label
	info   *widget.Label
	totals *widget.Label
	lines  []store.DuesLine
	// meetingDay is each month's regular meeting date (yyyy-mm → date):
	// the day dues are usually handed over, used as the paid date.
	meetingDay map[string]string
}

// The book's columns: name, rate, twelve months, total, months not paid.
const (
	duesColName  = 0
	duesColRate  = 1
	duesColMonth = 2 // January; December is duesColMonth+11
	duesColPaid  = 14
)

func duesColumns() []column {
	cols := []column{{"Họ và tên"}, {"Mức (đ)"}}
	for m := 1; m <= 12; m++ {
		cols = append(cols, column{fmt.Sprintf("T%d", m)})
	}
	return append(cols, column{"Đã nộp (đ)"}, column{"Không nộp"})
}

func newDues(sh *shell) *duesScreen {
	d := &duesScreen{sh: sh, today: time.Now, warn: wrapped(""), info: wrapped(""), totals: wrapped("")}
	now := time.Now().Year()
	years := []string{}
	for y := now; y >= now-3; y-- {
		years = append(years, strconv.Itoa(y))
	}
	d.table = newGrid(duesColumns(), func() int { return len(d.lines) }, d.cell, nil)
	d.table.style = d.cellStyle
	d.table.OnSelected = func(id widget.TableCellID) {
		d.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(d.lines) {
			onUI(func() { d.tap(id.Row, id.Col) })
		}
	}
	d.year = newSelect(years, func(string) { d.reload() })
	d.year.SetSelected(years[0])
	return d
}

func (d *duesScreen) selectedYear() int { y, _ := strconv.Atoi(d.year.Selected); return y }

func (d *duesScreen) reload() {
	year := d.selectedYear()
	lines, err := d.sh.st.DuesYear(d.sh.ctx, year, d.today())
	if err != nil {
		showError(d.sh.win, err)
		return
	}
	d.lines = lines
	d.meetingDay = map[string]string{}
	if ms, err := d.sh.st.Meetings(d.sh.ctx, ""); err == nil {
		for _, m := range ms {
			if m.Kind == store.MeetingRegular && strings.HasPrefix(m.Date, strconv.Itoa(year)) {
				d.meetingDay[m.Date[:7]] = m.Date
			}
		}
	}
	d.words(year)
	d.table.Refresh()
}

// words fills the lines above the book: the rules, the totals, the
// members to consider striking from the roll.
func (d *duesScreen) words(year int) {
	set, err := rules.DuesOn(time.Date(year, 12, 1, 0, 0, 0, 0, time.UTC))
	if err == nil {
		d.info.SetText("Mức đảng phí, miễn và giảm theo " + set.Exemptions.Cite() + ". Bấm vào một tháng còn trống để ghi " +
			"«đã nộp» đúng mức của đồng chí đó; bấm lại vào tháng đã ghi để sửa số tiền, ghi không nộp hoặc được miễn. " +
			"Bấm vào tên để ghi miễn, giảm theo đơn.")
	}
	var late []string
	var paid, atMeeting int64
	unrecorded := 0
	for _, l := range d.lines {
		if l.Warn {
			late = append(late, fmt.Sprintf("%s (%d tháng)", l.Member.FullName, l.Unpaid))
		}
		paid += l.Paid
		unrecorded += l.Unrecorded
		for _, e := range l.Months {
			if e.Status() == store.DuesStatePaid && e.Method == store.DuesAtMeeting {
				atMeeting += e.Amount
			}
		}
	}
	d.warn.Importance = widget.DangerImportance
	d.warn.SetText("")
	d.warn.Hide()
	if len(late) > 0 && err == nil {
		d.warn.Show()
		d.warn.SetText(fmt.Sprintf("Đã ghi không nộp đảng phí từ %d tháng trở lên trong năm, không có lý do chính đáng: %s. "+
			"Chi bộ xem xét, đề nghị xóa tên (%s).", set.UnpaidWarnMonths.Value, strings.Join(late, "; "), set.UnpaidWarnMonths.Cite()))
	}
	t := fmt.Sprintf("Năm %d đã thu %s đồng (tại buổi sinh hoạt %s đồng, qua Cổng dịch vụ công %s đồng).",
		year, vnd(paid), vnd(atMeeting), vnd(paid-atMeeting))
	if unrecorded > 0 {
		t += fmt.Sprintf(" Còn %d tháng «chưa ghi».", unrecorded)
	}
	d.totals.SetText(t)
}

// over reports whether month i (0 = January) of the year has ended.
func (d *duesScreen) over(i int) bool {
	return !d.today().Before(time.Date(d.selectedYear(), time.Month(i+2), 1, 0, 0, 0, 0, time.UTC))
}

func (d *duesScreen) cell(r, c int) string {
	l := d.lines[r]
	switch {
	case c == duesColName:
		return l.Member.FullName
	case c == duesColRate:
		return vnd(l.Rate)
	case c < duesColPaid:
		return d.monthText(l, c-duesColMonth)
	case c == duesColPaid:
		return vnd(l.Paid)
	}
	return strconv.Itoa(l.Unpaid)
}

// monthText is what a month's cell says. A month nobody recorded reads
// "chưa ghi" once it is over, never "unpaid".
func (d *duesScreen) monthText(l store.DuesLine, i int) string {
	e := l.Months[i]
	switch e.Status() {
	case store.DuesStatePaid:
		return vnd(e.Amount)
	case store.DuesStateExempt:
		return "Miễn"
	case store.DuesStateUnpaid:
		return "Không nộp"
	case store.DuesStateExcused:
		return "Có lý do"
	}
	switch {
	case l.AutoExempt[i]:
		return "Miễn"
	case !l.Owed[i]:
		return "—"
	case e.ReductionPct > 0:
		return fmt.Sprintf("giảm %d%%", e.ReductionPct)
	case d.over(i):
		return "chưa ghi"
	}
	return ""
}

func (d *duesScreen) cellStyle(r, c int) widget.Importance {
	l := d.lines[r]
	switch {
	case c == duesColName && l.Warn:
		return widget.DangerImportance
	case c < duesColMonth || c >= duesColPaid:
		return widget.MediumImportance
	}
	e := l.Months[c-duesColMonth]
	switch {
	case e.Status() == store.DuesStateUnpaid:
		return widget.DangerImportance
	case e.Status() == "" && l.Owed[c-duesColMonth] && d.over(c-duesColMonth):
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// tap is one click on the book.
func (d *duesScreen) tap(r, c int) {
	l := d.lines[r]
	switch {
	case c == duesColName:
		d.askRelief(l)
	case c == duesColRate:
		showMessage(d.sh.win, "Mức đảng phí của "+l.Member.FullName, fmt.Sprintf("Mỗi lần bấm vào tháng còn trống, "+
			"chương trình ghi %s đồng: số tiền lần nộp gần nhất của đồng chí, hoặc mức chung nếu chưa nộp lần nào. "+
			"Muốn đổi mức, hãy bấm vào một tháng đã ghi và sửa số tiền; các tháng sau sẽ theo số mới.", vnd(l.Rate)))
	case c >= duesColMonth && c < duesColPaid:
		d.tapMonth(l, c-duesColMonth)
	}
}

// tapMonth marks an empty month paid in one click, or opens a recorded one.
func (d *duesScreen) tapMonth(l store.DuesLine, i int) {
	e := l.Months[i]
	switch {
	case e.Status() != "":
		d.editMonth(l, i)
	case l.AutoExempt[i]:
		showMessage(d.sh.win, "Được miễn", fmt.Sprintf("Đồng chí %s có tuổi đảng từ đủ 50 năm nên được miễn đảng phí.", l.Member.FullName))
	case !l.Owed[i]:
		showMessage(d.sh.win, "Không phải nộp", fmt.Sprintf("Tháng %d đồng chí %s chưa vào Đảng hoặc không còn sinh hoạt ở chi bộ.",
			i+1, l.Member.FullName))
	default:
		d.save(d.paidEntry(l, i))
	}
}

// paidEntry is month i paid at the member's amount, on the month's
// meeting day (or today, or the month's last day).
func (d *duesScreen) paidEntry(l store.DuesLine, i int) store.DuesEntry {
	e := l.Months[i]
	e.State, e.Amount, e.Method, e.Exemption = store.DuesStatePaid, l.Amount(i), store.DuesAtMeeting, ""
	e.PaidDate = d.meetingDay[e.Month]
	if e.PaidDate == "" {
		last := time.Date(d.selectedYear(), time.Month(i+2), 0, 0, 0, 0, 0, time.UTC)
		e.PaidDate = min(last.Format("2006-01-02"), d.today().Format("2006-01-02"))
	}
	return e
}

// markMonth records every member still empty in month i as paid: one
// action for a meeting where everyone handed over their dues.
func (d *duesScreen) markMonth(i int) int {
	var es []store.DuesEntry
	for _, l := range d.lines {
		if l.Months[i].Status() == "" && l.Owed[i] {
			es = append(es, d.paidEntry(l, i))
		}
	}
	if len(es) > 0 {
		d.save(es...)
	}
	return len(es)
}

func (d *duesScreen) save(es ...store.DuesEntry) {
	if err := d.sh.st.SaveDues(d.sh.ctx, es); err != nil {
		showError(d.sh.win, err)
	}
	d.reload()
}

func (d *duesScreen) view() fyne.CanvasObject {
	month := widget.NewButtonWithIcon("Ghi cả tháng đã nộp…", theme.ConfirmIcon(), d.askMonth)
	top := container.NewVBox(titleBar("Sổ thu đảng phí", widget.NewLabel("Năm"), d.year),
		d.info, d.totals, d.warn, flow(append([]fyne.CanvasObject{month}, d.actions()...)...))
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, d.table))
}
