package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// candidatesScreen lists the cell's candidates with the stage each has
// reached, from outstanding citizen to full member.
type candidatesScreen struct {
	sh    *shell
	table *grid
	count *widget.Label
	rows  []store.Candidate
}

var candidateColumns = []column{{"Họ và tên"}, {"Ngày sinh"}, {"Giai đoạn"}, {"Từ ngày"}}

func newCandidates(sh *shell) *candidatesScreen {
	c := &candidatesScreen{sh: sh, count: widget.NewLabel("")}
	c.table = newGrid(candidateColumns, func() int { return len(c.rows) }, c.cell, func(r int) { c.edit(c.rows[r]) })
	c.reload()
	return c
}

func (c *candidatesScreen) reload() {
	rows, err := c.sh.st.Candidates(c.sh.ctx)
	if err != nil {
		showError(c.sh.win, err)
		return
	}
	c.rows = rows
	c.count.SetText(fmt.Sprintf("%d người", len(rows)))
	c.table.Refresh()
}

func (c *candidatesScreen) cell(r, col int) string {
	x := c.rows[r]
	switch col {
	case 0:
		return x.FullName
	case 1:
		return showDate(x.BirthDate)
	case 2:
		if x.Stage() == "" {
			return "Chưa vào danh sách"
		}
		return store.LabelOf(store.CandidateStages, x.Stage())
	}
	return showDate(x.StageDate(x.Stage()))
}

func (c *candidatesScreen) edit(x store.Candidate) {
	c.sh.show(newCandidateForm(c.sh, x, func() { c.sh.back(c, c.reload) }))
}

func (c *candidatesScreen) view() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("Thêm quần chúng ưu tú", theme.ContentAddIcon(), func() { c.edit(store.Candidate{}) })
	add.Importance = widget.HighImportance
	top := titleBar("Phát triển đảng viên", c.count, c.importButton(), add)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, c.table))
}
