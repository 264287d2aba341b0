package report

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// HubPDF prints the roll-up on A4 landscape: the totals, then one line per
// cell, the header row repeated on every page.
func HubPDF(w io.Writer, r Rollup, now time.Time) error {
	fonts, err := fontBytes()
	if err != nil {
		return fmt.Errorf("report: hub pdf: %w", err)
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	for _, style := range []string{"", "B", "I"} {
		pdf.AddUTF8FontFromBytes(family, style, fonts[style])
	}
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 15)
	pdf.SetCreator("Sổ tay Chi bộ", true)
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont(family, "I", 9)
		pdf.CellFormat(0, 5, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont(family, "B", 13)
	pdf.CellFormat(0, 7, upper(r.Hub), "", 1, "L", false, 0, "")
	pdf.SetFont(family, "B", 15)
	pdf.CellFormat(0, 9, "BÁO CÁO SỐ LIỆU TỔNG HỢP", "", 1, "C", false, 0, "")
	pdf.SetFont(family, "I", 12)
	pdf.CellFormat(0, 6, periodLine(r)+" – lập ngày "+now.Format("02/01/2006"), "", 1, "C", false, 0, "")
	pdf.Ln(3)
	pdf.SetFont(family, "", 12)
	for _, x := range totalRows(r) {
		pdf.CellFormat(110, 6.5, x.Label, "1", 0, "L", false, 0, "")
		pdf.CellFormat(30, 6.5, number(x.Value), "1", 1, "R", false, 0, "")
	}
	pdf.Ln(4)
	cellTable(pdf, r)
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("report: hub pdf: %w", err)
	}
	return nil
}

// cellTable prints the per-cell lines, repeating the header after a page
// break so every printed page can be read alone.
func cellTable(pdf *fpdf.Fpdf, r Rollup) {
	head := cellHeader(r)
	widths := make([]float64, len(head))
	rest := 267.0 - 12 - 62 // page width minus margins, number and name columns
	for i := range widths {
		widths[i] = rest / float64(len(head)-2)
	}
	widths[0], widths[1] = 12, 62
	header := func() {
		pdf.SetFont(family, "B", 9)
		for i, h := range head {
			pdf.CellFormat(widths[i], 7, h, "1", 0, "C", false, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetFont(family, "", 10)
	}
	header()
	_, pageH := pdf.GetPageSize()
	for i, c := range r.PerCell {
		if pdf.GetY()+6 > pageH-15 {
			pdf.AddPage()
			header()
		}
		for j, v := range cellRow(i, c) {
			align, text := "R", number(v)
			if j == 1 {
				align = "L"
				if t := clipText(pdf, text, widths[j]-2); t != text {
					text = t
				}
			}
			pdf.CellFormat(widths[j], 6, text, "1", 0, align, false, 0, "")
		}
		pdf.Ln(-1)
	}
}

// clipText shortens s with an ellipsis so it fits w millimetres.
func clipText(pdf *fpdf.Fpdf, s string, w float64) string {
	return clipToWidth(s, w, pdf.GetStringWidth)
}
