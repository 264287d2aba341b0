package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"chibo/rules"
	"chibo/store"
)

// The yearly dues summary (tổng hợp thu đảng phí): per member what was
// paid each month, the year's total and the months recorded as not paid,
// exempt months marked, with the warning for members the cell should
// consider striking from the roll. A month nobody recorded stays blank:
// it is not known to be unpaid.

const (
	exemptMark  = "M"
	unpaidMark  = "KN" // recorded as not paid, no reason
	excusedMark = "LD" // not paid, with a good reason
)

func duesCols() []tableCol {
	// A month holds "120.000" on one line at the table's size.
	cols := []tableCol{{"STT", 9, 'C'}, {"Họ và tên", 36, 'L'}}
	for m := 1; m <= 12; m++ {
		cols = append(cols, tableCol{fmt.Sprintf("T%d", m), 14.5, 'C'})
	}
	return append(cols, tableCol{"Cộng (đồng)", 22, 'C'}, tableCol{"Không nộp (tháng)", 0, 'C'})
}

// duesRows are the members' lines and the totals line; amounts stay
// numbers for the spreadsheet, an exempt month is "M", one recorded as
// not paid "KN" (or "LD" with a reason), one not recorded "".
func duesRows(lines []store.DuesLine) [][]any {
	rows := make([][]any, 0, len(lines)+1)
	var perMonth [12]int64
	var total int64
	for i, l := range lines {
		row := []any{i + 1, l.Member.FullName}
		for m, e := range l.Months {
			switch e.Status() {
			case store.DuesStateExempt:
				row = append(row, exemptMark)
			case store.DuesStatePaid:
				row = append(row, e.Amount)
				perMonth[m] += e.Amount
			case store.DuesStateUnpaid:
				row = append(row, unpaidMark)
			case store.DuesStateExcused:
				row = append(row, excusedMark)
			default:
				if l.AutoExempt[m] {
					row = append(row, exemptMark)
				} else {
					row = append(row, "")
				}
			}
		}
		rows = append(rows, append(row, l.Paid, l.Unpaid))
		total += l.Paid
	}
	sum := []any{"", "Cộng"}
	for _, v := range perMonth {
		sum = append(sum, v)
	}
	return append(rows, append(sum, total, ""))
}

// duesText prints a row for the PDF: amounts with dots between thousands.
func duesText(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		if n, ok := v.(int64); ok {
			out[i] = money(int(n))
			continue
		}
		out[i] = fmt.Sprint(v)
	}
	return out
}

// duesFooter explains the marks, cites the rules and names who is behind.
func duesFooter(set rules.Dues, lines []store.DuesLine) []string {
	out := []string{fmt.Sprintf("%s: được miễn đảng phí tháng đó; %s: ghi là không nộp, không có lý do; %s: không nộp, có lý do "+
		"chính đáng; ô trống: chưa ghi hoặc chưa đến hạn. Mức thu, miễn, giảm theo %s, áp dụng từ %s.", exemptMark, unpaidMark, excusedMark,
		set.Exemptions.Cite(), store.FormatDMY(set.Exemptions.Effective))}
	for _, l := range lines {
		if s := duesNotes(set, l); s != "" {
			out = append(out, "- "+l.Member.FullName+": "+s+".")
		}
	}
	var late []string
	for _, l := range lines {
		if l.Warn {
			late = append(late, fmt.Sprintf("%s (%d tháng)", l.Member.FullName, l.Unpaid))
		}
	}
	if len(late) > 0 {
		w := set.UnpaidWarnMonths
		out = append(out, fmt.Sprintf("Không nộp đảng phí từ %d tháng trở lên trong năm, không có lý do chính đáng; chi bộ xem xét đề nghị xóa tên (theo %s): %s.",
			w.Value, w.Cite(), strings.Join(late, "; ")))
	}
	return out
}

// duesNotes names a member's exemptions and reductions of the year.
func duesNotes(set rules.Dues, l store.DuesLine) string {
	var notes []string
	seen := map[string]bool{}
	for _, e := range l.Months {
		var s string
		switch {
		case e.Exemption != "":
			s = "miễn: " + e.Exemption
			if x, ok := set.Exemption(e.Exemption); ok {
				s = "miễn: " + lowerFirst(x.Name)
			}
		case e.ReductionPct > 0:
			s = fmt.Sprintf("giảm %d%%", e.ReductionPct)
			if e.Reduction != "" {
				s += ": " + e.Reduction
			}
		case e.Reduction != "":
			s = "giảm: " + e.Reduction
		}
		if s != "" && !seen[s] {
			seen[s] = true
			notes = append(notes, s)
		}
	}
	return strings.Join(notes, "; ")
}

func duesTitle(year int) (string, string) {
	return "TỔNG HỢP THU ĐẢNG PHÍ", fmt.Sprintf("NĂM %d", year)
}

func duesRules(year int) (rules.Dues, error) {
	return rules.DuesOn(time.Date(year, 12, 1, 0, 0, 0, 0, time.UTC))
}

// DuesSummaryPDF writes the year's dues summary on A4 landscape, dated day.
func DuesSummaryPDF(w io.Writer, org store.Org, year int, lines []store.DuesLine, day time.Time) error {
	if err := writeDuesSummary(w, org, year, lines, day); err != nil {
		return fmt.Errorf("report: dues summary %d: %w", year, err)
	}
	return nil
}

func writeDuesSummary(w io.Writer, org store.Org, year int, lines []store.DuesLine, day time.Time) error {
	set, err := duesRules(year)
	if err != nil {
		return err
	}
	title, sub := duesTitle(year)
	d, err := listDoc(org, day, capitalise(lowerFirst(title))+" "+lowerFirst(sub))
	if err != nil {
		return err
	}
	d.titles(title, sub)
	var rows [][]string
	for _, r := range duesRows(lines) {
		rows = append(rows, duesText(r))
	}
	pt := max(d.lay.BodyPt-4, 10)
	d.table(duesCols(), rows, pt)
	for _, s := range duesFooter(set, lines) {
		d.para(d.body, d.lay.BodyPt-2, 'J', 0, 0, plain(s))
	}
	ms := make([]store.Member, len(lines))
	for i, l := range lines {
		ms[i] = l.Member
	}
	d.signatures(signBlock{lines: []string{"NGƯỜI LẬP BIỂU"}}, secretarySign(org, secretaryOf(ms)))
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// DuesSummaryXLSX writes the same summary as a workbook.
func DuesSummaryXLSX(w io.Writer, org store.Org, year int, lines []store.DuesLine) error {
	set, err := duesRules(year)
	if err != nil {
		return fmt.Errorf("report: dues summary %d: %w", year, err)
	}
	title, sub := duesTitle(year)
	l := xlsxList{sheet: fmt.Sprintf("Đảng phí %d", year), rows: duesRows(lines), foot: duesFooter(set, lines)}
	if org.ParentName != "" {
		l.top = append(l.top, upper(org.ParentName))
	}
	l.top = append(l.top, upper(org.Name), title+" "+sub)
	for _, c := range duesCols() {
		l.head = append(l.head, c.title)
	}
	l.widths = []float64{6, 28}
	if err := l.write(w); err != nil {
		return fmt.Errorf("report: dues summary %d: %w", year, err)
	}
	return nil
}
