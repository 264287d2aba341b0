package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// The lists of the "Quyết định" screen: cells, the selected cell's
// proposals, and candidates waiting for the hub.

func (h *hubDecisionsScreen) buildLists() {
	h.cells = newGrid([]column{{"Chi bộ"}, {"Chờ duyệt"}}, func() int { return len(h.sheet.Cells) },
		func(r, c int) string {
			x := h.sheet.Cells[r]
			if c == 0 {
				return ratedCellName(x)
			}
			return fmt.Sprint(x.Waiting)
		}, h.pickCell)
	h.rows = newGrid([]column{{"Họ và tên"}, {"Chi bộ đề nghị"}, {"Cấp ủy quyết định"}}, func() int { return len(h.selected().Rows) },
		func(r, c int) string {
			x := h.selected().Rows[r]
			switch c {
			case 0:
				return x.MemberName
			case 1:
				return levelName(h.sheet.Rules, x.Review.CellLevel)
			}
			return h.hubLevel(x)
		}, func(r int) { h.changeLevel(h.selected().Rows[r]) })
	h.own = newSelect(h.levelNames(), nil)
	h.cands = newGrid([]column{{"Họ và tên"}, {"Chi bộ"}, {"Đề nghị"}, {"Chi bộ biểu quyết"}, {"Hạn cấp ủy quyết định"},
		{"Số, ngày chi bộ ghi (chưa phải quyết định)"}},
		func() int { return len(h.wait) },
		func(r, c int) string {
			a := h.wait[r]
			switch c {
			case 0:
				return a.Candidate.FullName
			case 1:
				return a.CellName
			case 2:
				return candidateWhat(a)
			case 3:
				return showDate(a.VoteDate)
			case 4:
				return hubDueText(a.Deadline, h.today())
			}
			return claimText(a.Claim)
		}, func(r int) { h.askCandidate(h.wait[r]) })
	h.cands.style = func(r, _ int) widget.Importance {
		if d := h.wait[r].Deadline; !d.Due.IsZero() && h.today().After(d.Due) {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
}

// pickCell shows cell i's proposals on the right.
func (h *hubDecisionsScreen) pickCell(i int) {
	h.cell = i
	h.chosen.SetText(ratedCellName(h.selected()) + ":")
	h.rows.Refresh()
	h.showOwn()
}

func (h *hubDecisionsScreen) ratingsView() fyne.CanvasObject {
	approve := widget.NewButton("Duyệt tất cả đề nghị của chi bộ này", h.approveAll)
	rate := widget.NewButton("Ghi xếp loại chi bộ", h.rateCell)
	split := container.NewHSplit(h.cells, h.rows)
	split.Offset = 0.3
	return container.NewBorder(flow(h.chosen, approve, widget.NewLabel("Cấp ủy xếp loại chi bộ"), h.own, rate),
		nil, nil, nil, split)
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
	setOptions(h.own, h.levelNames())
	h.own.ClearSelected()
	if own.HubLevel != "" {
		h.own.SetSelected(levelName(h.sheet.Rules, own.HubLevel))
	}
}

// hubLevel is the hub's decided level of a row, or that it is not yet.
func (h *hubDecisionsScreen) hubLevel(r store.RatingRow) string {
	if r.Review.HubLevel == "" {
		return "chưa quyết định"
	}
	return levelName(h.sheet.Rules, r.Review.HubLevel)
}

func (h *hubDecisionsScreen) rowText(r store.RatingRow) string {
	return fmt.Sprintf("%s — chi bộ đề nghị: %s — cấp ủy: %s", r.MemberName, levelName(h.sheet.Rules, r.Review.CellLevel), h.hubLevel(r))
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
	sel := newSelect(h.levelNames(), nil)
	sel.SetSelected(levelName(h.sheet.Rules, r.Level()))
	dialog.ShowForm("Mức xếp loại của "+r.MemberName, "Ghi", "Thôi",
		[]*widget.FormItem{widget.NewFormItem("Chi bộ đề nghị", widget.NewLabel(levelName(h.sheet.Rules, r.Review.CellLevel))),
			widget.NewFormItem("Cấp ủy quyết định", sel)}, func(ok bool) {
			if !ok {
				return
			}
			code := h.levelCode(sel.Selected)
			h.act("Đã ghi mức xếp loại của "+r.MemberName+".", func(d store.Decision, year int, today time.Time) error {
				return h.sh.st.DecideRating(h.sh.ctx, r.Review.ID, year, code, d, today)
			})
		}, h.sh.win)
}

// askCandidate asks before deciding (the decision goes to the cell), and
// offers how the hub's own deadline was counted (deadline_view.go).
func (h *hubDecisionsScreen) askCandidate(a store.AwaitingHub) {
	q := fmt.Sprintf("Ghi quyết định %s cho %s (%s), số quyết định «%s»? Hạn cấp ủy quyết định: %s.", candidateWhat(a),
		a.Candidate.FullName, a.CellName, h.no.Text, hubDueText(a.Deadline, h.today()))
	if c := claimText(a.Claim); c != "" {
		q += "\n" + c + ". Đây chỉ là đề nghị của chi bộ, chưa phải quyết định của cấp ủy: số và ngày được ghi là số, ngày nhập ở trên."
	}
	var d dialog.Dialog
	decide := widget.NewButtonWithIcon("Ghi quyết định", theme.ConfirmIcon(), func() { d.Hide(); h.decideCandidate(a) })
	decide.Importance = widget.HighImportance
	how := widget.NewButtonWithIcon("Cách tính", theme.QuestionIcon(), func() {
		showDeadline(h.sh.win, "Thời hạn của cấp ủy: "+a.Candidate.FullName, a.Deadline)
	})
	cancel := widget.NewButtonWithIcon("Thôi", theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Quyết định", container.NewVBox(wrapped(q), flow(decide, how, cancel)), h.sh.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// hubDueText is the hub's own deadline for a decision, overdue ones said
// so (with the one extension's limit).
func hubDueText(d rules.Deadline, today time.Time) string {
	switch {
	case d.Due.IsZero():
		return "không tính được"
	case today.After(d.Extended) && !d.Extended.IsZero():
		return fmt.Sprintf("QUÁ HẠN %s, quá cả thời gian gia hạn %s", d.Due.Format("02/01/2006"), d.Extended.Format("02/01/2006")) + deadlineMark(d)
	case today.After(d.Due):
		return fmt.Sprintf("QUÁ HẠN %s (gia hạn một lần tối đa đến %s)", d.Due.Format("02/01/2006"), d.Extended.Format("02/01/2006")) + deadlineMark(d)
	}
	return d.Due.Format("02/01/2006") + deadlineMark(d)
}

func (h *hubDecisionsScreen) decideCandidate(a store.AwaitingHub) {
	h.act("Đã ghi quyết định cho "+a.Candidate.FullName+".", func(d store.Decision, year int, today time.Time) error {
		_, err := h.sh.st.DecideCandidate(h.sh.ctx, a.Candidate.ID, d, today)
		return err
	})
}

// claimText is the decision number and date a cell wrote for a waiting
// candidate, said as the cell's proposal: only the hub decides
// (store/hub_claims.go). "" when the cell wrote none.
func claimText(c store.CandidateClaim) string {
	var parts []string
	if c.No != "" {
		parts = append(parts, "số "+c.No)
	}
	if c.Date != "" {
		parts = append(parts, "ngày "+showDate(c.Date))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Chi bộ đề nghị: " + strings.Join(parts, ", ")
}

// candidateWhat is what the cell asks the hub to decide.
func candidateWhat(a store.AwaitingHub) string {
	if a.Kind == store.DecideFull {
		return "công nhận đảng viên chính thức"
	}
	return "kết nạp đảng viên"
}

func ratedCellName(c store.CellRatings) string {
	if c.Name == "" {
		return "Chi bộ chưa rõ tên"
	}
	return c.Name
}
