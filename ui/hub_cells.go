package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// hubCellsScreen lists the cells the hub has enrolled and what has
// arrived from each.
type hubCellsScreen struct {
	sh    *shell
	table *widget.Table
	rows  []store.CellSummary
	count *widget.Label
}

var cellColumns = []column{
	{"Chi bộ", 200}, {"Đảng viên", 85}, {"Lần nhận gần nhất", 145}, {"Buổi sinh hoạt", 115}, {"Mã khóa", 330},
}

func newHubCells(sh *shell) *hubCellsScreen {
	h := &hubCellsScreen{sh: sh, count: widget.NewLabel("")}
	h.table = newGrid(cellColumns, func() int { return len(h.rows) }, h.cell, nil)
	h.reload()
	return h
}

func (h *hubCellsScreen) view() fyne.CanvasObject {
	refresh := widget.NewButtonWithIcon("Tải lại", theme.ViewRefreshIcon(), h.reload)
	top := container.NewVBox(container.NewBorder(nil, nil, heading("Các chi bộ"), refresh), h.count)
	var body fyne.CanvasObject = h.table
	if len(h.rows) == 0 {
		body = container.NewVBox(wrapped("Chưa có chi bộ nào gửi dữ liệu. Hãy gửi thẻ cấp ủy cho các chi bộ, " +
			"rồi nhận tệp của họ ở mục «Nhận dữ liệu»."))
	}
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, body))
}

func (h *hubCellsScreen) reload() {
	rows, err := h.sh.st.Cells(h.sh.ctx)
	if err != nil {
		showError(h.sh.win, err)
		return
	}
	h.rows = rows
	h.count.SetText(fmt.Sprintf("%d chi bộ", len(rows)))
	h.table.Refresh()
}

// activeCount is the members on the roll: the statuses store.Active keeps.
func activeCount(by map[string]int) int {
	n := 0
	for st, c := range by {
		if store.Active(st) {
			n += c
		}
	}
	return n
}

func (h *hubCellsScreen) cell(r, c int) string {
	x := h.rows[r]
	switch c {
	case 0:
		return x.Org.Name
	case 1:
		return fmt.Sprint(activeCount(x.Members))
	case 2:
		if x.LastBundleAt == "" {
			return "chưa nhận"
		}
		return showDate(x.LastBundleAt)
	case 3:
		return fmt.Sprint(x.Meetings)
	}
	return x.Fingerprint
}
