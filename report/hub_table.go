package report

import (
	"fmt"
	"strconv"
	"strings"

	"chibo/store"
)

// figureRow is one labelled figure of the roll-up as the XLSX and PDF
// print it; Value is a number (int or float64).
type figureRow struct {
	Label string
	Value any
}

// totalRows lists the roll-up's totals in the order a term report quotes
// them, with Vietnamese labels.
func totalRows(r Rollup) []figureRow {
	rows := []figureRow{
		{"Số tổ chức đảng", r.Orgs},
		{"Số chi bộ", r.Cells},
		{"Số chi bộ có chi ủy", r.CellsWithCommittee},
		{"Tỷ lệ chi bộ có chi ủy (%)", r.CellsWithCommitteePct},
		{"Tổng số đảng viên", r.Members},
		{"Đảng viên chính thức", r.MembersFull},
		{"Đảng viên dự bị", r.MembersProbationary},
		{"Kết nạp trong kỳ", r.Admitted},
		{"Số buổi sinh hoạt trong kỳ", r.Meetings},
	}
	if r.Ratings != nil {
		rows = append(rows, ratingRows("Đảng viên", r.Ratings)...)
	}
	if r.OrgRatings != nil {
		rows = append(rows, ratingRows("Tổ chức đảng", r.OrgRatings)...)
	}
	return rows
}

func ratingRows(who string, x *Ratings) []figureRow {
	y := strconv.Itoa(x.Year)
	return []figureRow{
		{who + " được xếp loại năm " + y, x.Rated},
		{"– Hoàn thành xuất sắc nhiệm vụ", x.RatedExcellent},
		{"– Hoàn thành tốt nhiệm vụ", x.RatedGood},
		{"– Hoàn thành nhiệm vụ", x.RatedDone},
		{"– Không hoàn thành nhiệm vụ", x.RatedNotDone},
		{"Tỷ lệ hoàn thành tốt nhiệm vụ trở lên (%)", x.GoodOrAbovePct},
		{"Tỷ lệ hoàn thành xuất sắc nhiệm vụ (%)", x.ExcellentPct},
		{"Chi bộ đề nghị, cấp trên chưa quyết định", x.Proposed},
		{"– trong đó đề nghị hoàn thành xuất sắc", x.ProposedExcellent},
	}
}

// cellHeader and cellRow are the per-cell table, the same columns in the
// XLSX and the PDF.
func cellHeader(r Rollup) []string {
	h := []string{"STT", "Chi bộ", "Chi ủy", "Đảng viên", "Chính thức", "Dự bị", "Kết nạp", "Buổi SH"}
	if r.Ratings != nil {
		h = append(h, "Xếp loại", "Xuất sắc", "Tốt", "Hoàn thành", "Không HT", "Tốt trở lên (%)", "Xuất sắc (%)", "Chờ QĐ")
	}
	return h
}

func cellRow(i int, c CellFigures) []any {
	committee := ""
	if c.HasCommittee {
		committee = "x"
	}
	row := []any{i + 1, c.Name, committee, c.Members, c.MembersFull, c.MembersProbationary, c.Admitted, c.Meetings}
	if c.Ratings != nil {
		x := c.Ratings
		row = append(row, x.Rated, x.RatedExcellent, x.RatedGood, x.RatedDone, x.RatedNotDone, x.GoodOrAbovePct, x.ExcellentPct, x.Proposed)
	}
	return row
}

// periodLine says what the figures cover, in Vietnamese.
func periodLine(r Rollup) string {
	var parts []string
	switch {
	case r.From != "" && r.To != "":
		parts = append(parts, fmt.Sprintf("từ ngày %s đến ngày %s", store.FormatDMY(r.From), store.FormatDMY(r.To)))
	case r.From != "":
		parts = append(parts, "từ ngày "+store.FormatDMY(r.From))
	case r.To != "":
		parts = append(parts, "đến ngày "+store.FormatDMY(r.To))
	}
	if r.Ratings != nil {
		parts = append(parts, fmt.Sprintf("xếp loại năm %d", r.Year))
	}
	if len(parts) == 0 {
		return "Toàn bộ dữ liệu đã nhận"
	}
	s := strings.Join(parts, "; ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// number prints a figure the Vietnamese way: a decimal comma.
func number(v any) string {
	switch x := v.(type) {
	case float64:
		return strings.Replace(strconv.FormatFloat(x, 'f', 1, 64), ".", ",", 1)
	default:
		return fmt.Sprint(x)
	}
}
