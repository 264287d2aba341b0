package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// hubCellsScreen is the hub's desk: every enrolled cell with what it has
// sent and what waits, sortable by any column (tap its header) and
// filtered by name or to the overdue cells, which stand out in red.
type hubCellsScreen struct {
	sh      *shell
	table   *grid
	all     []store.DeskRow
	rows    []store.DeskRow // all, filtered and sorted
	count   *widget.Label
	body    *fyne.Container // the table, or a word when no cell has sent anything
	search  *widget.Entry
	overdue *widget.Check
	folds   map[string]string // folded cell names by id: a sort compares names thousands of times
	sortCol int
	desc    bool
	today   func() time.Time // a variable so tests can fix the quarter
}

var cellColumns = []column{
	{"Chi bộ"}, {"Đảng viên"}, {"Lần nhận gần nhất"}, {"SH quý này"},
	{"Chuyên đề quý"}, {"Thiếu dữ liệu"}, {"Xung đột"}, {"Chờ cấp ủy"},
}

func newHubCells(sh *shell) *hubCellsScreen {
	h := &hubCellsScreen{sh: sh, count: widget.NewLabel(""), search: widget.NewEntry(), today: time.Now,
		body: container.NewStack()}
	h.search.SetPlaceHolder("Tìm chi bộ theo tên…")
	h.search.OnChanged = func(string) { h.apply() }
	h.overdue = widget.NewCheck("Chỉ chi bộ quá hạn gửi", func(bool) { h.apply() })
	h.table = h.newTable()
	h.reload()
	return h
}

func (h *hubCellsScreen) newTable() *grid {
	g := newGrid(cellColumns, func() int { return len(h.rows) }, h.cell, h.open)
	g.style = func(r, _ int) widget.Importance {
		if h.rows[r].Overdue {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	g.sortable(func(c int) string {
		title := cellColumns[c].title
		if c == h.sortCol {
			title += map[bool]string{false: " ▲", true: " ▼"}[h.desc]
		}
		return title
	}, h.sortBy)
	return g
}

// open shows one cell's own page: what it sent, its members and meetings.
func (h *hubCellsScreen) open(r int) {
	h.sh.show(newHubCell(h.sh, h.rows[r], func() { h.sh.back(h, h.reload) }))
}

func (h *hubCellsScreen) view() fyne.CanvasObject {
	refresh := widget.NewButtonWithIcon("Tải lại", theme.ViewRefreshIcon(), h.reload)
	filters := container.NewBorder(nil, nil, nil, h.overdue, h.search)
	top := container.NewVBox(titleBar("Các chi bộ", refresh), filters, h.count)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, h.body))
}

// reload reads the desk off the UI thread: half a second for a province
// of 1,200 cells (docs/scale.md).
func (h *hubCellsScreen) reload() {
	h.count.SetText("Đang tải danh sách chi bộ…")
	var rows []store.DeskRow
	background(func() (err error) {
		rows, err = h.sh.st.HubDesk(h.sh.ctx, h.today())
		return err
	}, func(err error) {
		if err != nil {
			h.count.SetText("")
			showError(h.sh.win, err)
			return
		}
		h.all, h.folds = rows, nil
		h.apply()
		var body fyne.CanvasObject = h.table
		if len(h.all) == 0 {
			body = container.NewVBox(wrapped("Chưa có chi bộ nào gửi dữ liệu. Hãy gửi thẻ cấp ủy cho các chi bộ, " +
				"rồi nhận tệp của họ ở mục «Nhận dữ liệu»."))
		}
		h.body.Objects = []fyne.CanvasObject{body}
		h.body.Refresh()
	})
}

// fold returns a cell's folded name, folding each name once per reload.
func (h *hubCellsScreen) fold(r store.DeskRow) string {
	if h.folds == nil {
		h.folds = make(map[string]string, len(h.all))
	}
	f, ok := h.folds[r.Org.ID]
	if !ok {
		f = store.Fold(r.Org.Name)
		h.folds[r.Org.ID] = f
	}
	return f
}

// sortBy sorts by a column; tapping the same column again reverses it.
func (h *hubCellsScreen) sortBy(col int) {
	if col == h.sortCol {
		h.desc = !h.desc
	} else {
		h.sortCol, h.desc = col, col != 0 // numbers read best largest first
	}
	h.apply()
}

// apply filters and sorts the rows and refreshes the table and count.
func (h *hubCellsScreen) apply() {
	q := store.Fold(strings.TrimSpace(h.search.Text))
	h.rows = h.rows[:0]
	late := 0
	for _, r := range h.all {
		if r.Overdue {
			late++
		}
		if (q == "" || strings.Contains(h.fold(r), q)) && (!h.overdue.Checked || r.Overdue) {
			h.rows = append(h.rows, r)
		}
	}
	slices.SortStableFunc(h.rows, func(a, b store.DeskRow) int {
		c := 0
		if h.sortCol != 0 {
			c = compareDesk(a, b, h.sortCol)
		}
		if h.desc {
			c = -c
		}
		byName := cmp.Compare(h.fold(a), h.fold(b))
		if h.sortCol == 0 && h.desc {
			byName = -byName
		}
		return cmp.Or(c, byName)
	})
	h.count.SetText(fmt.Sprintf("%d chi bộ, %d chi bộ quá hạn gửi (tô đỏ); đang hiện %d", len(h.all), late, len(h.rows)))
	h.table.Refresh()
}

func compareDesk(a, b store.DeskRow, col int) int {
	switch col {
	case 1:
		return cmp.Compare(a.Active, b.Active)
	case 2:
		return cmp.Compare(a.LastBundleAt, b.LastBundleAt)
	case 3:
		return cmp.Compare(a.QuarterMeetings, b.QuarterMeetings)
	case 4:
		return cmp.Compare(boolInt(a.QuarterThematic), boolInt(b.QuarterThematic))
	case 5:
		return cmp.Compare(a.Gaps, b.Gaps)
	case 6:
		return cmp.Compare(a.Conflicts, b.Conflicts)
	case 7:
		return cmp.Compare(a.Awaiting, b.Awaiting)
	}
	return cmp.Compare(store.Fold(a.Org.Name), store.Fold(b.Org.Name))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (h *hubCellsScreen) cell(r, c int) string {
	if r >= len(h.rows) {
		return ""
	}
	x := h.rows[r]
	switch c {
	case 0:
		if x.Overdue {
			return "⚠ " + x.Org.Name
		}
		return x.Org.Name
	case 1:
		return fmt.Sprint(x.Active)
	case 2:
		if x.LastBundleAt == "" {
			return "chưa nhận"
		}
		return showDate(x.LastBundleAt)
	case 3:
		return fmt.Sprint(x.QuarterMeetings)
	case 4:
		if x.QuarterThematic {
			return "Đã họp"
		}
		return "Chưa"
	case 5:
		return fmt.Sprint(x.Gaps)
	case 6:
		return fmt.Sprint(x.Conflicts)
	}
	return fmt.Sprint(x.Awaiting)
}
