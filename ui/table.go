package ui

import (
	"slices"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a read-only list table: its header. Its width
// follows its text at the current text size (grid.fit).
type column struct {
	title string
}

// grid is a table with a bold header row whose cells are plain text, each
// column as wide as its widest text at the current text size, so dates,
// phone numbers and headers are never cut at «Lớn» or «Rất lớn». A grid
// wider than the screen scrolls sideways.
type grid struct {
	widget.Table
	cols  []column
	rows  func() int
	cell  func(r, c int) string
	style func(r, c int) widget.Importance // nil: every cell plain
	// title words a header (nil: the column's title); with onHeader set
	// the headers are buttons, e.g. to sort by the column tapped.
	title    func(c int) string
	onHeader func(c int)
}

// newGrid builds a grid. Tapping a row calls onRow (if set) and clears the
// selection, so tapping the same row again opens it again.
func newGrid(cols []column, rows func() int, cell func(r, c int) string, onRow func(r int)) *grid {
	g := &grid{cols: cols, rows: rows, cell: cell}
	g.Length = func() (int, int) { return rows(), len(cols) }
	g.CreateCell = func() fyne.CanvasObject { return widget.NewLabel("") }
	g.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.Importance = widget.MediumImportance
		if g.style != nil && id.Row < g.rows() {
			l.Importance = g.style(id.Row, id.Col)
		}
		if id.Row < g.rows() {
			l.SetText(g.cell(id.Row, id.Col))
		}
		l.Refresh()
	}
	g.ShowHeaderRow = true
	g.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	g.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	g.OnSelected = func(id widget.TableCellID) {
		g.UnselectAll()
		if onRow != nil && id.Row >= 0 && id.Row < rows() {
			// Opening a row usually replaces this table; doing it after the
			// tap is handled keeps Fyne from focusing a table that is gone.
			onUI(func() { onRow(id.Row) })
		}
	}
	g.ExtendBaseWidget(g)
	g.fit()
	return g
}

// sortable makes the headers buttons that call onHeader, worded by title.
func (g *grid) sortable(title func(c int) string, onHeader func(c int)) {
	g.title, g.onHeader = title, onHeader
	g.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	g.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col < 0 || id.Col >= len(g.cols) {
			return
		}
		b, col := o.(*widget.Button), id.Col
		b.SetText(title(col))
		b.OnTapped = func() { onHeader(col) }
	}
	g.Refresh()
}

// headerWidth is what a column's header needs.
func (g *grid) headerWidth(c int) float32 {
	if g.onHeader != nil {
		return widget.NewButton(g.title(c), nil).MinSize().Width
	}
	return textWidth(g.cols[c].title, fyne.TextStyle{Bold: true})
}

// Refresh sizes the columns to the rows now shown, then redraws.
func (g *grid) Refresh() {
	g.fit()
	g.Table.Refresh()
}

// fit sets each column's width to its widest text: the header in bold and
// the longest few cells (by letters, so a thousand rows cost a thousand
// counts and a handful of measurements).
func (g *grid) fit() {
	n := g.rows()
	for c := range g.cols {
		w := g.headerWidth(c)
		for _, r := range longestRows(n, 3, func(r int) string { return g.cell(r, c) }) {
			w = max(w, textWidth(g.cell(r, c), fyne.TextStyle{}))
		}
		g.SetColumnWidth(c, w)
	}
}

// textWidth is the width a one-line label needs for text at the current
// text size, padding included.
func textWidth(text string, style fyne.TextStyle) float32 {
	return fyne.MeasureText(text, theme.TextSize(), style).Width + 2*theme.InnerPadding() + 1
}

// longestRows returns up to k rows whose text has the most letters.
func longestRows(n, k int, text func(r int) string) []int {
	type row struct{ r, n int }
	top := make([]row, 0, k+1)
	for r := range n {
		top = append(top, row{r, utf8.RuneCountInString(text(r))})
		slices.SortFunc(top, func(a, b row) int { return b.n - a.n })
		if len(top) > k {
			top = top[:k]
		}
	}
	out := make([]int, len(top))
	for i, t := range top {
		out[i] = t.r
	}
	return out
}
