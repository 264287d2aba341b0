package ui

import (
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/report"
)

// summary is the selected year's dues summary as the ledger stands when
// it is saved.
func (d *duesScreen) summary() printList {
	year, sh, today := d.selectedYear(), d.sh, d.today()
	return printList{name: fmt.Sprintf("tong-hop-dang-phi-%d", year), busy: "Đang tạo bảng tổng hợp đảng phí…",
		write: func(w io.Writer, format string) error {
			lines, err := sh.st.DuesYear(sh.ctx, year, today)
			if err != nil {
				return err
			}
			if format == "xlsx" {
				return report.DuesSummaryXLSX(w, sh.site.Org, year, lines)
			}
			return report.DuesSummaryPDF(w, sh.site.Org, year, lines, time.Now())
		}}
}

// actions prints or exports the year's summary.
func (d *duesScreen) actions() []fyne.CanvasObject {
	pdf := widget.NewButtonWithIcon("In tổng hợp năm (PDF)", theme.DocumentPrintIcon(), func() { d.summary().ask(d.sh, "pdf") })
	xlsx := widget.NewButtonWithIcon("Xuất Excel", theme.DocumentSaveIcon(), func() { d.summary().ask(d.sh, "xlsx") })
	return []fyne.CanvasObject{pdf, xlsx}
}
