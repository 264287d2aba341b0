package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"chibo/rules"
	"chibo/store"
)

// The rating proposal list (danh sách đề nghị xếp loại chất lượng đảng
// viên) the cell sends up after its year-end review: each member with
// their own proposal, the cell's, the vote and, once it arrives, the hub's
// decision; then the "xuất sắc" quota with its regulation.

// reviewCols are the list's columns, the same in the PDF and the XLSX.
var reviewCols = []tableCol{
	{"STT", 11, 'C'}, {"Họ và tên", 44, 'L'}, {"Năm sinh", 15, 'C'}, {"Chức vụ", 22, 'L'},
	{"Tự xếp loại", 30, 'L'}, {"Chi bộ đề nghị", 30, 'L'}, {"Kết quả biểu quyết", 28, 'L'},
	{"Cấp trên quyết định", 30, 'L'}, {"Ghi chú", 0, 'L'},
}

// levelShort abbreviates the levels in the vote column; the legend under
// the table spells them out with the rules' own names.
var levelShort = map[string]string{"excellent": "XS", "good": "T", "done": "HT", "failed": "KHT"}

func shortLevel(code string) string {
	if s, ok := levelShort[code]; ok {
		return s
	}
	return code
}

func levelText(set rules.Rating, code string) string {
	if l, ok := set.Level(code); ok {
		return l.Name
	}
	return code
}

// tally words the cell's vote: "XS 2; T 5 / 8".
func tally(set rules.Rating, r store.Review) string {
	var parts []string
	for _, l := range set.Levels.Value {
		if n := r.Votes[l.Code]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", shortLevel(l.Code), n))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("%s / %d", strings.Join(parts, "; "), r.Voters)
}

// reviewNote says why a row is special and cites the hub's decision.
func reviewNote(x store.ReviewRow) string {
	var notes []string
	if x.Standing.Reason != "" {
		notes = append(notes, capitalise(x.Standing.Reason))
	}
	r := x.Review
	if r.HubDecisionNo != "" || r.HubDecisionDate != "" {
		s := "QĐ"
		if r.HubDecisionNo != "" {
			s += " số " + r.HubDecisionNo
		}
		if r.HubDecisionDate != "" {
			s += " ngày " + store.FormatDMY(r.HubDecisionDate)
		}
		notes = append(notes, s)
	}
	if r.Imported {
		notes = append(notes, "Nhập từ sổ sách cũ")
	}
	return strings.Join(notes, "; ")
}

// reviewRows are the table's lines: STT and the birth year stay numbers
// for the spreadsheet.
func reviewRows(sh store.ReviewSheet) [][]any {
	rows := make([][]any, 0, len(sh.Rows))
	for i, x := range sh.Rows {
		var year any = ""
		if n, err := strconv.Atoi(birthYear(x.Member.BirthDate)); err == nil {
			year = n
		}
		pos := ""
		if x.Member.Position != "" {
			pos = store.LabelOf(store.PositionLabels, x.Member.Position)
		}
		r := x.Review
		rows = append(rows, []any{i + 1, x.Member.FullName, year, pos, levelText(sh.Rules, r.SelfLevel),
			levelText(sh.Rules, r.CellLevel), tally(sh.Rules, r), levelText(sh.Rules, r.HubLevel), reviewNote(x)})
	}
	return rows
}

// quotaLine states the cell's "xuất sắc" proposals against the quota and
// the regulation the quota comes from.
func quotaLine(sh store.ReviewSheet) string {
	set, q := sh.Rules, sh.Rules.QuotaPercent
	best := levelText(set, set.Levels.Value[0].Code)
	base := set.QuotaBase()
	s := fmt.Sprintf("Số đồng chí chi bộ đề nghị «%s»: %d; tối đa theo tỷ lệ: %d (không quá %d %% số đảng viên được xếp loại %s, %s).",
		best, sh.Excellent, sh.Allowed, q.Value, base, sourceLine(q))
	if !sh.QuotaOK {
		s += " Chi bộ đề nghị vượt tỷ lệ."
	}
	return s
}

// legend spells out the vote column's abbreviations.
func legend(set rules.Rating) string {
	var parts []string
	for _, l := range set.Levels.Value {
		parts = append(parts, shortLevel(l.Code)+": "+l.Name)
	}
	return "Kết quả biểu quyết: số phiếu cho từng mức / số đảng viên biểu quyết (" + strings.Join(parts, "; ") + ")."
}

// countLine sums the cell's proposals per level.
func countLine(sh store.ReviewSheet) string {
	n := map[string]int{}
	for _, x := range sh.Rows {
		if x.Standing.Rated && x.Review.CellLevel != "" {
			n[x.Review.CellLevel]++
		}
	}
	var parts []string
	for _, l := range sh.Rules.Levels.Value {
		parts = append(parts, fmt.Sprintf("%s: %d", l.Name, n[l.Code]))
	}
	return fmt.Sprintf("Tổng số: %d đồng chí trong danh sách. Chi bộ đề nghị — %s.", len(sh.Rows), strings.Join(parts, "; "))
}

func reviewTitle(year int) (string, string) {
	return "DANH SÁCH ĐỀ NGHỊ XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN", fmt.Sprintf("NĂM %d", year)
}

// ReviewListPDF writes the proposal list of sh on A4 landscape, dated day.
func ReviewListPDF(w io.Writer, org store.Org, sh store.ReviewSheet, day time.Time) error {
	if err := writeReviewList(w, org, sh, day); err != nil {
		return fmt.Errorf("report: review list %d: %w", sh.Year, err)
	}
	return nil
}

func writeReviewList(w io.Writer, org store.Org, sh store.ReviewSheet, day time.Time) error {
	title, sub := reviewTitle(sh.Year)
	d, err := listDoc(org, day, capitalise(lowerFirst(title))+" "+lowerFirst(sub))
	if err != nil {
		return err
	}
	d.titles(title, sub)
	rows := make([][]string, 0, len(sh.Rows))
	for _, r := range reviewRows(sh) {
		rows = append(rows, strs(r))
	}
	pt := d.lay.BodyPt - 2
	d.table(reviewCols, rows, pt)
	for _, s := range reviewFooter(sh) {
		d.para(d.body, pt, 'J', 0, 0, plain(s))
	}
	d.signatures(signBlock{}, secretarySign(org, secretaryOf(members(sh))))
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// reviewFooter is what follows the table: the vote legend, the counts, the
// cell's own rating and the quota.
func reviewFooter(sh store.ReviewSheet) []string {
	out := []string{legend(sh.Rules), countLine(sh)}
	if c := sh.Cell; c.CellLevel != "" || c.HubLevel != "" {
		s := "Chi bộ tự đánh giá, xếp loại: " + orDots(levelText(sh.Rules, c.CellLevel))
		if c.HubLevel != "" {
			s += "; cấp trên quyết định: " + levelText(sh.Rules, c.HubLevel)
		}
		out = append(out, s+".")
	}
	return append(out, quotaLine(sh))
}

func orDots(s string) string {
	if s == "" {
		return blank
	}
	return s
}

func members(sh store.ReviewSheet) []store.Member {
	out := make([]store.Member, len(sh.Rows))
	for i, x := range sh.Rows {
		out[i] = x.Member
	}
	return out
}

// strs prints a row's values for the PDF.
func strs(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = fmt.Sprint(v)
	}
	return out
}
