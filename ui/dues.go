package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// duesScreen is the dues ledger of a year: per member and month, paid (✓),
// exempt (M) or open, with a warning for three unpaid months.
type duesScreen struct {
	sh    *shell
	year  *widget.Select
	today func() time.Time
	table *widget.Table
	warn  *widget.Label
	info  *widget.Label
	lines []store.DuesLine
}

func duesColumns() []column {
	cols := []column{{"Họ và tên", 190}}
	for m := 1; m <= 12; m++ {
		cols = append(cols, column{fmt.Sprintf("T%d", m), 44})
	}
	return append(cols, column{"Đã nộp (đ)", 100}, column{"Chưa nộp", 85})
}

func newDues(sh *shell) *duesScreen {
	d := &duesScreen{sh: sh, today: time.Now, warn: wrapped(""), info: wrapped("")}
	now := time.Now().Year()
	years := []string{}
	for y := now; y >= now-3; y-- {
		years = append(years, strconv.Itoa(y))
	}
	d.table = newGrid(duesColumns(), func() int { return len(d.lines) }, d.cell, d.record)
	d.year = widget.NewSelect(years, func(string) { d.reload() })
	d.year.SetSelected(years[0])
	return d
}

func (d *duesScreen) selectedYear() int { y, _ := strconv.Atoi(d.year.Selected); return y }

func (d *duesScreen) reload() {
	lines, err := d.sh.st.DuesYear(d.sh.ctx, d.selectedYear(), d.today())
	if err != nil {
		showError(d.sh.win, err)
		return
	}
	d.lines = lines
	var late []string
	for _, l := range lines {
		if l.Warn {
			late = append(late, fmt.Sprintf("%s (%d tháng)", l.Member.FullName, l.Unpaid))
		}
	}
	d.warn.Importance = widget.DangerImportance
	d.warn.SetText("")
	if len(late) > 0 {
		d.warn.SetText("Chưa nộp đảng phí từ 3 tháng trở lên, chi bộ xem xét đề nghị xóa tên: " + strings.Join(late, "; ") + ".")
	}
	if set, err := rules.DuesOn(time.Date(d.selectedYear(), 12, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		d.info.SetText("Mức đảng phí và miễn giảm theo " + set.Rates.Source + checkNote(set.Rates.Check) + ".")
	}
	d.table.Refresh()
}

func (d *duesScreen) cell(r, c int) string {
	l := d.lines[r]
	switch {
	case c == 0:
		return l.Member.FullName
	case c <= 12:
		e := l.Months[c-1]
		switch {
		case e.Exemption != "":
			return "M"
		case e.PaidDate != "":
			return "✓"
		}
		return ""
	case c == 13:
		return strconv.FormatInt(l.Paid, 10)
	}
	return strconv.Itoa(l.Unpaid)
}

// record asks for one month of one member and saves it in one call.
func (d *duesScreen) record(r int) {
	l := d.lines[r]
	set, err := rules.DuesOn(time.Date(d.selectedYear(), 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		showError(d.sh.win, err)
		return
	}
	var months []string
	for m := 1; m <= 12; m++ {
		months = append(months, fmt.Sprintf("Tháng %d", m))
	}
	month := widget.NewSelect(months, nil)
	month.SetSelected(months[int(d.today().Month())-1])
	amount := widget.NewEntry()
	amount.SetPlaceHolder("số đồng, ví dụ 5000")
	paid := dateEntry(d.today().Format("2006-01-02"))
	method := labelSelect(store.DuesMethodLabels, store.DuesAtMeeting)
	var exLabels []store.Label
	for _, e := range set.Exemptions.Value {
		exLabels = append(exLabels, store.Label{Code: e.Code, Text: e.Name})
	}
	exempt := labelSelect(exLabels, "")
	reduction := widget.NewEntry()
	items := []*widget.FormItem{widget.NewFormItem("Tháng", month), widget.NewFormItem("Số tiền", amount),
		widget.NewFormItem("Ngày nộp", paid), widget.NewFormItem("Hình thức", method),
		widget.NewFormItem("Miễn đảng phí", exempt), widget.NewFormItem("Lý do giảm", reduction)}
	dialog.ShowForm("Đảng phí: "+l.Member.FullName, "Lưu", "Hủy", items, func(ok bool) {
		if !ok {
			return
		}
		e := store.DuesEntry{MemberID: l.Member.ID, Month: fmt.Sprintf("%d-%02d", d.selectedYear(), month.SelectedIndex()+1),
			Method: selectedCode(store.DuesMethodLabels, method), Exemption: selectedCode(exLabels, exempt), Reduction: reduction.Text}
		if e.Exemption == "" {
			n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(amount.Text), ".", ""), 10, 64)
			if err != nil {
				showMessage(d.sh.win, "Chưa lưu được", "Số tiền: hãy gõ một số, ví dụ 5000.")
				return
			}
			e.Amount = n
			if e.PaidDate, err = parseDate(paid.Text); err != nil {
				showMessage(d.sh.win, "Chưa lưu được", "Ngày nộp: "+err.Error()+".")
				return
			}
		} else {
			e.Method = ""
		}
		if err := d.sh.st.SaveDues(d.sh.ctx, []store.DuesEntry{e}); err != nil {
			showError(d.sh.win, err)
			return
		}
		d.reload()
	}, d.sh.win)
}

func (d *duesScreen) view() fyne.CanvasObject {
	top := container.NewVBox(container.NewBorder(nil, nil, heading("Sổ thu đảng phí"), container.NewHBox(widget.NewLabel("Năm"), d.year)),
		d.info, d.warn, wrapped("Bấm vào tên để ghi đảng phí một tháng. ✓ đã nộp, M được miễn."), d.actions())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, d.table))
}
