package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// The lists of the "Quyết định" screen: cells, the selected cell's
// proposals, and candidates waiting for the hub.

func (h *hubDecisionsScreen) buildLists() {
	h.cells = widget.NewList(func() int { return len(h.sheet.Cells) },
		func() fyne.CanvasObject { return widget.NewLabel("Chi bộ thôn Sín Chéng — chờ duyệt 00") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := h.sheet.Cells[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s — chờ duyệt %d", ratedCellName(c), c.Waiting))
		})
	h.cells.OnSelected = func(i widget.ListItemID) {
		h.cell = i
		h.rows.Refresh()
		h.showOwn()
	}
	h.rows = widget.NewList(func() int { return len(h.selected().Rows) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("Đổi mức…", nil), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := h.selected().Rows[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(h.rowText(r))
			c.Objects[1].(*widget.Button).OnTapped = func() { h.changeLevel(r) }
		})
	h.own = widget.NewSelect(h.levelNames(), nil)
	h.cands = widget.NewList(func() int { return len(h.wait) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil,
				container.NewHBox(widget.NewButton("Cách tính", nil), widget.NewButton("Quyết định", nil)), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := h.wait[i]
			c := o.(*fyne.Container)
			l := c.Objects[0].(*widget.Label)
			l.SetText(candidateText(a, h.today()))
			l.Importance = widget.MediumImportance
			if !a.Deadline.Due.IsZero() && h.today().After(a.Deadline.Due) {
				l.Importance = widget.DangerImportance
			}
			l.Refresh()
			buttons := c.Objects[1].(*fyne.Container).Objects
			buttons[0].(*widget.Button).OnTapped = func() { showDeadline(h.sh.win, "Thời hạn của cấp ủy: "+a.Candidate.FullName, a.Deadline) }
			buttons[1].(*widget.Button).OnTapped = func() { h.decideCandidate(a) }
		})
}

func (h *hubDecisionsScreen) ratingsView() fyne.CanvasObject {
	approve := widget.NewButton("Duyệt tất cả đề nghị của chi bộ này", h.approveAll)
	rate := widget.NewButton("Ghi xếp loại chi bộ", h.rateCell)
	right := container.NewBorder(container.NewVBox(container.NewHBox(approve),
		widget.NewForm(widget.NewFormItem("Cấp ủy xếp loại chi bộ", container.NewBorder(nil, nil, nil, rate, h.own)))),
		nil, nil, nil, h.rows)
	split := container.NewHSplit(h.cells, right)
	split.Offset = 0.3
	return split
}

// approveAll gives every waiting proposal of the selected cell the level
// the cell proposed.
func (h *hubDecisionsScreen) approveAll() {
	c := h.selected()
	if c.OrgID == "" {
		showMessage(h.sh.win, "Chưa chọn chi bộ", "Hãy chọn một chi bộ ở danh sách bên trái.")
		return
	}
	h.act("Đã duyệt các đề nghị của "+ratedCellName(c)+".", func(d store.Decision, year int, today time.Time) error {
		_, err := h.sh.st.ApproveRatings(h.sh.ctx, c.OrgID, year, d, today)
		return err
	})
}

// rateCell records the hub's rating of the selected cell.
func (h *hubDecisionsScreen) rateCell() {
	c := h.selected()
	code := h.levelCode(h.own.Selected)
	if c.OrgID == "" || code == "" {
		showMessage(h.sh.win, "Chưa đủ thông tin", "Hãy chọn một chi bộ và mức xếp loại.")
		return
	}
	h.act("Đã ghi xếp loại "+ratedCellName(c)+".", func(d store.Decision, year int, today time.Time) error {
		return h.sh.st.RateCell(h.sh.ctx, c.OrgID, year, code, d, today)
	})
}

// selected is the chosen cell, zero when none.
func (h *hubDecisionsScreen) selected() store.CellRatings {
	if h.cell < 0 || h.cell >= len(h.sheet.Cells) {
		return store.CellRatings{}
	}
	return h.sheet.Cells[h.cell]
}

func (h *hubDecisionsScreen) showOwn() {
	own := h.selected().Own
	h.own.Options = h.levelNames()
	h.own.ClearSelected()
	if own.HubLevel != "" {
		h.own.SetSelected(levelName(h.sheet.Rules, own.HubLevel))
	}
}

func (h *hubDecisionsScreen) rowText(r store.RatingRow) string {
	hub := "chưa quyết định"
	if r.Review.HubLevel != "" {
		hub = levelName(h.sheet.Rules, r.Review.HubLevel)
	}
	return fmt.Sprintf("%s — chi bộ đề nghị: %s — cấp ủy: %s", r.MemberName, levelName(h.sheet.Rules, r.Review.CellLevel), hub)
}

func (h *hubDecisionsScreen) levelNames() []string {
	var out []string
	for _, l := range h.sheet.Rules.Levels.Value {
		out = append(out, l.Name)
	}
	return out
}

func (h *hubDecisionsScreen) levelCode(name string) string {
	for _, l := range h.sheet.Rules.Levels.Value {
		if l.Name == name {
			return l.Code
		}
	}
	return ""
}

// changeLevel asks for the level the hub decides for one member.
func (h *hubDecisionsScreen) changeLevel(r store.RatingRow) {
	sel := widget.NewSelect(h.levelNames(), nil)
	sel.SetSelected(levelName(h.sheet.Rules, r.Level()))
	dialog.ShowForm("Mức xếp loại của "+r.MemberName, "Ghi", "Thôi",
		[]*widget.FormItem{widget.NewFormItem("Cấp ủy quyết định", sel)}, func(ok bool) {
			if !ok {
				return
			}
			code := h.levelCode(sel.Selected)
			h.act("Đã ghi mức xếp loại của "+r.MemberName+".", func(d store.Decision, year int, today time.Time) error {
				return h.sh.st.DecideRating(h.sh.ctx, r.Review.ID, year, code, d, today)
			})
		}, h.sh.win)
}

func (h *hubDecisionsScreen) decideCandidate(a store.AwaitingHub) {
	h.act("Đã ghi quyết định cho "+a.Candidate.FullName+".", func(d store.Decision, year int, today time.Time) error {
		_, err := h.sh.st.DecideCandidate(h.sh.ctx, a.Candidate.ID, d, today)
		return err
	})
}

// candidateText names the candidate, the cell's vote and the hub's own
// deadline for it, overdue ones said so (with the one extension's limit).
func candidateText(a store.AwaitingHub, today time.Time) string {
	what := "kết nạp đảng viên"
	if a.Kind == store.DecideFull {
		what = "công nhận đảng viên chính thức"
	}
	s := fmt.Sprintf("%s — %s — chi bộ đề nghị %s ngày %s", a.Candidate.FullName, a.CellName, what, showDate(a.VoteDate))
	d := a.Deadline
	switch {
	case d.Due.IsZero():
	case today.After(d.Extended) && !d.Extended.IsZero():
		s += fmt.Sprintf(" — QUÁ HẠN %s, quá cả thời gian gia hạn %s", d.Due.Format("02/01/2006"), d.Extended.Format("02/01/2006"))
	case today.After(d.Due):
		s += fmt.Sprintf(" — QUÁ HẠN %s (gia hạn một lần tối đa đến %s)", d.Due.Format("02/01/2006"), d.Extended.Format("02/01/2006"))
	default:
		s += " — hạn quyết định " + d.Due.Format("02/01/2006")
	}
	return s + deadlineMark(d)
}

func ratedCellName(c store.CellRatings) string {
	if c.Name == "" {
		return "Chi bộ chưa rõ tên"
	}
	return c.Name
}
