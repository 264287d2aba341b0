package ui

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/report"

	"chibo/store"
)

// Printing the cell's yearly lists (the rating proposal list here, the
// dues summary in dues_print.go): the user picks where to save, the
// document is written in the background, and a PDF opens in the system
// viewer, which does the printing.

// openFile shows a saved PDF; tests replace it to see what was opened.
var openFile = func(a fyne.App, u *url.URL) error { return a.OpenURL(u) }

// printList is one list a screen saves: the suggested file name without
// extension, the wait text, and the writer of each format, which loads
// what it needs itself (it runs off the UI thread).
type printList struct {
	name  string
	busy  string
	write func(w io.Writer, format string) error
}

// ask asks where to save the list as format ("pdf" or "xlsx").
func (p printList) ask(sh *shell, format string) {
	saveAs(sh.win, p.name+"."+format, func(path string) { p.save(sh, path, format) })
}

// save writes the list to path in the background, then opens a PDF or
// says where the workbook went.
func (p printList) save(sh *shell, path, format string) {
	if !strings.HasSuffix(strings.ToLower(path), "."+format) {
		path += "." + format
	}
	done := busy(sh.win, p.busy)
	background(func() error {
		return store.WriteFileAtomic(path, func(w io.Writer) error { return p.write(w, format) })
	}, func(err error) {
		done()
		if err != nil {
			showError(sh.win, err)
			return
		}
		if format == "pdf" {
			u, err := url.Parse(storage.NewFileURI(path).String())
			if err == nil {
				err = openFile(sh.app, u)
			}
			if err == nil {
				return
			}
		}
		showMessage(sh.win, "Đã lưu", "Đã lưu vào tệp:\n"+path)
	})
}

// proposalList is the year's rating proposal list as it stands in the
// store when saved.
func (r *reviewScreen) proposalList() printList {
	year, sh := r.selectedYear(), r.sh
	return printList{name: fmt.Sprintf("de-nghi-xep-loai-%d", year), busy: "Đang tạo danh sách đề nghị xếp loại…",
		write: func(w io.Writer, format string) error {
			sheet, err := sh.st.ReviewSheet(sh.ctx, year)
			if err != nil {
				return err
			}
			if format == "xlsx" {
				return report.ReviewListXLSX(w, sh.site.Org, sheet)
			}
			return report.ReviewListPDF(w, sh.site.Org, sheet, time.Now())
		}}
}

// actions is the screen's second toolbar: import past ratings, print or
// export the proposal list of the selected year.
func (r *reviewScreen) actions() fyne.CanvasObject {
	pdf := widget.NewButtonWithIcon("In danh sách đề nghị (PDF)", theme.DocumentPrintIcon(), func() { r.proposalList().ask(r.sh, "pdf") })
	xlsx := widget.NewButtonWithIcon("Xuất Excel", theme.DocumentSaveIcon(), func() { r.proposalList().ask(r.sh, "xlsx") })
	return flow(r.importButton(), pdf, xlsx)
}
