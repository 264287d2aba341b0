package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chibo/report"
	"chibo/store"
)

// minuteBookPDF writes the year's minute book; a variable for tests.
var minuteBookPDF = report.MinuteBookPDF

// askBook asks for the year and prints its minute book.
func (m *meetingsScreen) askBook() {
	year := widget.NewEntry()
	year.SetText(strconv.Itoa(time.Now().Year()))
	dialog.ShowForm("In sổ biên bản", "In", "Hủy", []*widget.FormItem{widget.NewFormItem("Năm", year)}, func(ok bool) {
		if !ok {
			return
		}
		y, err := strconv.Atoi(year.Text)
		if err != nil || y < 1930 || y > 9999 {
			showMessage(m.sh.win, "Chưa in được", "Năm phải là số có bốn chữ số, ví dụ 2026.")
			return
		}
		m.printBook(y)
	}, m.sh.win)
}

// printBook writes every finalized meeting of year into one PDF and
// opens it.
func (m *meetingsScreen) printBook(year int) {
	book, err := m.sh.st.MinuteBook(m.sh.ctx, year)
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	if len(book) == 0 {
		showMessage(m.sh.win, "Chưa in được", fmt.Sprintf("Năm %d chưa có biên bản nào đã chốt.", year))
		return
	}
	members, err := m.sh.st.Members(m.sh.ctx, "", "")
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	org, dir := m.sh.site.Org, printFolder(m.sh.st.Dir())
	done := busy(m.sh.win, "Đang tạo sổ biên bản…")
	type result struct {
		path string
		err  error
	}
	background(func() result {
		p, err := writeBook(dir, org, year, book, members)
		return result{p, err}
	}, func(r result) {
		done()
		if r.err != nil {
			showError(m.sh.win, r.err)
			return
		}
		afterPrint(m.sh, r.path) // print_after.go
	})
}

func writeBook(dir string, org store.Org, year int, book []store.Meeting, members []store.Member) (string, error) {
	if err := privateDir(dir); err != nil {
		return "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("so-bien-ban-%d.pdf", year))
	return path, store.WriteFileAtomic(path, func(w io.Writer) error { return minuteBookPDF(w, org, year, book, members) })
}
