package report

import (
	"fmt"
	"io"

	"chibo/store"
)

// AttendanceSheetPDF writes a one-page list of the members on the
// meeting's roll with a column for each to sign. Rows shrink to keep a
// large cell on one page.
func AttendanceSheetPDF(w io.Writer, org store.Org, m store.Meeting, members []store.Member) error {
	mw, err := newMinutes(nil, org, m, members)
	if err != nil {
		return fmt.Errorf("report: attendance sheet %s: %w", m.ID, err)
	}
	mw.d.pdf.SetTitle("Danh sách đảng viên dự "+lowerFirst(meetingLine(m, mw.day)), true)
	mw.header()
	mw.sheet()
	if err := mw.d.pdf.Output(w); err != nil {
		return fmt.Errorf("report: attendance sheet %s: write pdf: %w", m.ID, err)
	}
	return nil
}

// sheetCols are the table's columns: number, name, status, signature (mm;
// the name takes what is left).
var sheetCols = []struct {
	title string
	w     float64
}{{"STT", 12}, {"Họ và tên", 0}, {"Ghi chú", 38}, {"Ký tên", 40}}

func (mw *minutes) sheet() {
	d, lay, m := mw.d, mw.d.lay, mw.m
	d.para(d.body, lay.TitlePt, 'C', 0, 0, boldRun("DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT"))
	d.y -= paraGap
	d.para(d.body, lay.SubtitlePt, 'C', 0, 0, boldRun(meetingLine(m, mw.day)))
	d.y += lineHeight(lay.BodyPt) / 3
	rows := len(m.Attendance) + 1
	footer := 2 * lineHeight(lay.BodyPt)
	avail := lay.PageHeight - lay.MarginBottom - d.y - footer
	rowH := min(9, avail/float64(rows))
	// The font follows the row height but never above the body size.
	pt := min(lay.BodyPt, rowH/ptMM/lineFactor)
	widths := make([]float64, len(sheetCols))
	rest := d.body.w
	for i, c := range sheetCols {
		widths[i] = c.w
		rest -= c.w
	}
	widths[1] = rest
	cells := func(texts []string, style string) {
		x := d.body.x
		for i, t := range texts {
			d.pdf.Rect(x, d.y, widths[i], rowH, "D")
			d.pdf.SetFont(family, style, pt)
			tw := d.pdf.GetStringWidth(t)
			tx := x + 1.5
			if i == 0 || style == "B" {
				tx = x + (widths[i]-tw)/2
			}
			d.pdf.Text(tx, d.y+rowH/2+pt*ptMM*0.35, t)
			x += widths[i]
		}
		d.y += rowH
	}
	d.pdf.SetLineWidth(0.2)
	head := make([]string, len(sheetCols))
	for i, c := range sheetCols {
		head[i] = c.title
	}
	cells(head, "B")
	for i, a := range m.Attendance {
		cells([]string{fmt.Sprint(i + 1), fitText(d, a.MemberName, pt, widths[1]-3), fitText(d, sheetNote(a), pt, widths[2]-3)}, "")
	}
	d.y += paraGap
	r := mw.roll
	mw.line(0, plain(fmt.Sprintf("Tổng số: %d đồng chí; có mặt: %d; vắng: %d.", r.Total, r.Present, len(r.Absent))))
}

// sheetNote is what the sheet says beside a name: status other than
// full, or why the member will not sign.
func sheetNote(a store.Attendance) string {
	switch a.Status {
	case store.AttPresent:
		if a.MemberStatus != store.StatusFull {
			return store.LabelOf(store.StatusLabels, a.MemberStatus)
		}
		return ""
	}
	return store.LabelOf(store.AttendanceLabels, a.Status)
}

// fitText shortens s with "…" so it fits w at pt.
func fitText(d *doc, s string, pt, w float64) string {
	d.pdf.SetFont(family, "", pt)
	return clipToWidth(s, w, d.pdf.GetStringWidth)
}
