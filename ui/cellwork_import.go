package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// Cell work in the window beyond the screens themselves: importing past
// ratings and candidates from spreadsheets (the same all-or-nothing store
// functions as `chibo import-csv`).

// importKind is one CSV import: what the store does with the file and how
// the result is worded.
type importKind struct {
	title string                                                      // dialog title
	what  string                                                      // "xếp loại": what a row is
	run   func(*store.Store, context.Context, io.Reader) (int, error) // all rows or none
}

var (
	importRatings    = importKind{"Nhập xếp loại các năm trước", "kết quả xếp loại", (*store.Store).ImportRatingsCSV}
	importCandidates = importKind{"Nhập danh sách quần chúng ưu tú", "người", (*store.Store).ImportCandidatesCSV}
)

// pick asks for the CSV file, then imports it.
func (k importKind) pick(sh *shell, done func()) {
	pickFile(sh.win, []string{".csv", ".CSV", ".txt"}, func(path string) { k.importFile(sh, path, done) })
}

// importFile saves every row of the file in one transaction or none, and
// says which line and column to fix.
func (k importKind) importFile(sh *shell, path string, done func()) {
	f, err := os.Open(path)
	if err != nil {
		showError(sh.win, err)
		return
	}
	n, err := k.run(sh.st, sh.ctx, f)
	f.Close()
	if err != nil {
		showMessage(sh.win, "Chưa nhập được", importMessage(err))
		return
	}
	done()
	showMessage(sh.win, "Đã nhập", fmt.Sprintf("Đã nhập %d %s từ tệp.", n, k.what))
}

// importReasons words the reasons only these imports give.
var importReasons = []struct {
	err error
	msg string
}{
	{store.ErrCSVNoColumn, "thiếu cột bắt buộc"},
	{store.ErrCSVNoMember, "không có đảng viên nào của chi bộ khớp với dòng này"},
	{store.ErrCSVManyMember, "có nhiều đảng viên cùng tên, hãy thêm cột «Ngày sinh» hoặc «Số thẻ đảng viên»"},
	{store.ErrCSVBadNumber, "phải là một số nguyên"},
	{store.ErrCSVStage, "giai đoạn không khớp với các ngày đã ghi"},
}

// requiredColumns are the headers the ratings file must have, by the
// store's key for them.
var requiredColumns = map[string]string{"name": "Họ và tên", "year": "Năm", "level": "Xếp loại"}

// importMessage is csvMessage's "Dòng N, cột X: …" for these files: the
// reason comes from the rating and admission rules' messages when the row
// broke one, and nothing of the file is saved.
func importMessage(err error) string {
	var ce *store.CSVError
	if !errors.As(err, &ce) {
		return message(err)
	}
	c := *ce
	why := ""
	for _, r := range importReasons {
		if errors.Is(c.Err, r.err) {
			why = r.msg
		}
	}
	if m := cellWorkMessage(c.Err); m != "" {
		why = strings.TrimSuffix(m, ".")
	}
	if why != "" {
		c.Err = errors.New(why)
	}
	if h, ok := requiredColumns[c.Column]; ok {
		c.Column = h // a missing column is named by the store's key
	}
	msg := csvMessage(&c)
	const members = " Chưa lưu đảng viên nào; hãy sửa tệp rồi nhập lại."
	if strings.HasSuffix(msg, members) {
		msg = strings.TrimSuffix(msg, members) + " Chưa lưu dòng nào của tệp; hãy sửa tệp rồi nhập lại."
	}
	return msg
}

// importButton imports past ratings into the review screen.
func (r *reviewScreen) importButton() *widget.Button {
	return widget.NewButtonWithIcon("Nhập xếp loại từ CSV", theme.FolderOpenIcon(), func() { importRatings.pick(r.sh, r.reload) })
}

// importButton imports candidates into the candidates screen.
func (c *candidatesScreen) importButton() *widget.Button {
	return widget.NewButtonWithIcon("Nhập từ CSV", theme.FolderOpenIcon(), func() { importCandidates.pick(c.sh, c.reload) })
}
