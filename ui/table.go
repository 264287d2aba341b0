package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a read-only list table.
type column struct {
	title string
	width float32
}

// newGrid builds a table with a bold header row whose cells are plain text.
// Tapping a row calls onRow (if set) and clears the selection, so tapping
// the same row again opens it again.
func newGrid(cols []column, rows func() int, cell func(r, c int) string, onRow func(r int)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(cell(id.Row, id.Col))
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if onRow != nil && id.Row >= 0 && id.Row < rows() {
			// Opening a row usually replaces this table; doing it after the
			// tap is handled keeps Fyne from focusing a table that is gone.
			onUI(func() { onRow(id.Row) })
		}
	}
	return t
}
