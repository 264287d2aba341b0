package ui

import (
	"fmt"
	"io"
	"path/filepath"

	"chibo/report"
	"chibo/store"
)

// The documents a meeting prints, each a variable so tests can watch
// what is printed.
var (
	resolutionPDF = report.ResolutionPDF
	sheetPDF      = report.AttendanceSheetPDF
)

// docKind is one printable document of a meeting.
type docKind struct {
	name string // file name prefix
	busy string
}

var (
	docMinutes    = docKind{"bien-ban", "Đang tạo biên bản…"}
	docResolution = docKind{"nghi-quyet", "Đang tạo nghị quyết…"}
	docSheet      = docKind{"danh-sach-ky", "Đang tạo danh sách ký…"}
)

// writer picks the current function for the kind.
func (k docKind) writer() func(io.Writer, store.Org, store.Meeting, []store.Member) error {
	switch k.name {
	case docResolution.name:
		return resolutionPDF
	case docSheet.name:
		return sheetPDF
	}
	return minutesPDF
}

// printDoc writes a document of the meeting as shown on screen to a PDF
// and opens it in the system viewer, which does the printing. Nothing is
// stored.
func (f *meetingForm) printDoc(k docKind) {
	m, err := f.collect()
	if p, ok := err.(fieldProblem); ok {
		showMessage(f.sh.win, "Chưa in được", string(p))
		return
	}
	org, members, dir := f.sh.site.Org, f.members, printFolder(f.sh.st.Dir())
	done := busy(f.sh.win, k.busy)
	type result struct {
		path string
		err  error
	}
	write := k.writer()
	background(func() result {
		p, err := writeDoc(dir, k.name, org, m, members, write)
		return result{p, err}
	}, func(r result) {
		done()
		if r.err != nil {
			showError(f.sh.win, r.err)
			return
		}
		afterPrint(f.sh, r.path) // print_after.go
	})
}

// writeDoc renders to a temporary name and renames, so a half-written
// PDF never sits under the real name.
func writeDoc(dir, prefix string, org store.Org, m store.Meeting, members []store.Member,
	write func(io.Writer, store.Org, store.Meeting, []store.Member) error) (string, error) {
	if err := privateDir(dir); err != nil {
		return "", err
	}
	name := fmt.Sprintf("%s-%s-%s.pdf", prefix, m.Date, m.Kind)
	if m.Number > 0 {
		name = fmt.Sprintf("%s-%s-so-%d.pdf", prefix, m.Date, m.Number)
	}
	if m.Revision > 1 {
		name = name[:len(name)-4] + fmt.Sprintf("-ban-sua-%d.pdf", m.Revision-1)
	}
	path := filepath.Join(dir, name)
	return path, store.WriteFileAtomic(path, func(w io.Writer) error { return write(w, org, m, members) })
}
