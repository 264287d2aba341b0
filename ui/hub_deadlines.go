package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// hubDeadlines is the "Thời hạn, thời lượng" tab of the hub's decisions:
// the ceremonies held (or still not held) past their 30 working days
// after the decision reached the cell, which the hub must see (Quy định
// 294-QĐ/TW, point 4.1), and the shorter minimum meeting length the hub
// sets for a small cell (Hướng dẫn 42-HD/BTCTW), which travels to the cell
// with the other decisions. The decision number and date are the ones
// typed at the top of the screen.
type hubDeadlines struct {
	sh       *shell
	decision func() (store.Decision, error)
	today    func() time.Time
	late     []store.LateCeremony
	cells    []store.CellMinimumRow
	lateList *widget.List
	cellPick *widget.Select
	regular  *widget.Entry
	combined *widget.Entry
	status   *widget.Label
}

func newHubDeadlines(sh *shell, decision func() (store.Decision, error), today func() time.Time) *hubDeadlines {
	h := &hubDeadlines{sh: sh, decision: decision, today: today, status: wrapped(""),
		regular: widget.NewEntry(), combined: widget.NewEntry(), cellPick: widget.NewSelect(nil, nil)}
	h.regular.SetPlaceHolder("phút, ví dụ 60")
	h.combined.SetPlaceHolder("phút, ví dụ 90")
	// The hint alone, not padded to the choices as newSelect does: a
	// cell's line is long and would widen the screen past 1024 pixels.
	h.cellPick.PlaceHolder = selectHint
	h.cellPick.OnChanged = func(string) { h.showPicked() }
	h.lateList = widget.NewList(func() int { return len(h.late) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("Cách tính", nil), wrapped(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := h.late[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(lateText(l))
			c.Objects[1].(*widget.Button).OnTapped = func() {
				showDeadline(h.sh.win, "Lễ kết nạp: "+l.Candidate.FullName, l.Deadline)
			}
		})
	h.reload()
	return h
}

// lateText says whose ceremony is late, in which cell, by how much.
func lateText(l store.LateCeremony) string {
	due := l.Deadline.Due.Format("02/01/2006")
	if l.Held {
		return fmt.Sprintf("%s — %s: lễ kết nạp ngày %s, quá hạn %s (nhận quyết định %s).", l.Candidate.FullName, l.CellName,
			showDate(l.Candidate.CeremonyDate), due, showDate(l.Candidate.DecisionReceived))
	}
	return fmt.Sprintf("%s — %s: chưa tổ chức lễ kết nạp, đã quá hạn %s (nhận quyết định %s).", l.Candidate.FullName, l.CellName,
		due, showDate(l.Candidate.DecisionReceived))
}

// reload reads the late ceremonies and the cells off the UI thread.
func (h *hubDeadlines) reload() {
	today := h.today()
	type result struct {
		late  []store.LateCeremony
		cells []store.CellMinimumRow
		err   error
	}
	background(func() (r result) {
		if r.late, r.err = h.sh.st.LateCeremonies(h.sh.ctx, today); r.err == nil {
			r.cells, r.err = h.sh.st.CellMinimums(h.sh.ctx)
		}
		return r
	}, func(r result) {
		if r.err != nil {
			h.status.SetText(message(r.err))
			return
		}
		h.late, h.cells = r.late, r.cells
		opts := make([]string, len(r.cells))
		for i, c := range r.cells {
			opts[i] = cellMinimumText(c)
		}
		picked := h.cellPick.SelectedIndex()
		h.cellPick.Options = opts
		if picked >= 0 && picked < len(opts) {
			h.cellPick.SetSelectedIndex(picked)
		}
		h.cellPick.Refresh()
		h.lateList.Refresh()
	})
}

func cellMinimumText(c store.CellMinimumRow) string {
	s := fmt.Sprintf("%s (%d đảng viên chính thức)", c.Name, c.Full)
	if c.Min.Set() {
		s += fmt.Sprintf(": %d / %d phút theo quyết định %s ngày %s", c.Min.Regular, c.Min.Combined, c.Min.DecisionNo,
			showDate(c.Min.DecisionDate))
	}
	return s
}

func (h *hubDeadlines) showPicked() {
	i := h.cellPick.SelectedIndex()
	if i < 0 || i >= len(h.cells) {
		return
	}
	h.regular.SetText("")
	h.combined.SetText("")
	if m := h.cells[i].Min; m.Set() {
		h.regular.SetText(strconv.Itoa(m.Regular))
		h.combined.SetText(strconv.Itoa(m.Combined))
	}
}

// save records the minimum for the chosen cell under the decision typed
// at the top of the screen; empty minutes withdraw it.
func (h *hubDeadlines) save() {
	i := h.cellPick.SelectedIndex()
	if i < 0 || i >= len(h.cells) {
		showMessage(h.sh.win, "Chưa chọn chi bộ", "Hãy chọn chi bộ cần quy định thời lượng sinh hoạt.")
		return
	}
	d, err := h.decision()
	if err != nil {
		showError(h.sh.win, err)
		return
	}
	reg, err1 := readCount("Thời lượng sinh hoạt thường kỳ", h.regular)
	com, err2 := readCount("Thời lượng khi kết hợp chuyên đề", h.combined)
	for _, e := range []error{err1, err2} {
		if p, ok := e.(fieldProblem); ok {
			showMessage(h.sh.win, "Chưa ghi được", string(p))
			return
		}
	}
	cell := h.cells[i]
	if err := h.sh.st.SetCellMinimum(h.sh.ctx, cell.OrgID, reg, com, d, h.today()); err != nil {
		showError(h.sh.win, err)
		return
	}
	h.status.SetText("Đã ghi thời lượng sinh hoạt tối thiểu của " + cell.Name + ". Quyết định sẽ được gửi về chi bộ cùng các quyết định khác.")
	h.reload()
}

func (h *hubDeadlines) view() fyne.CanvasObject {
	mr, _ := rules.CurrentMeetingRules(h.today())
	rule := mr.HubMaySetShorter
	note := wrapped("Chi bộ ít đảng viên: " + strings.TrimSuffix(rule.Quote, ".") + " (" + rule.Source + "). " +
		fmt.Sprintf("Thời lượng tối thiểu chung hiện nay: %d phút, %d phút khi kết hợp chuyên đề. Để trống hai ô để bỏ quy định riêng.",
			mr.MinLength(false), mr.MinLength(true)))
	save := widget.NewButtonWithIcon("Ghi thời lượng tối thiểu", theme.DocumentSaveIcon(), h.save)
	form := widget.NewForm(widget.NewFormItem("Chi bộ", h.cellPick),
		widget.NewFormItem("Sinh hoạt thường kỳ (phút)", h.regular),
		widget.NewFormItem("Thường kỳ kết hợp chuyên đề (phút)", h.combined))
	top := container.NewVBox(subhead("Thời lượng sinh hoạt của chi bộ ít đảng viên"), note, form, container.NewHBox(save), h.status,
		widget.NewSeparator(), subhead("Lễ kết nạp quá 30 ngày làm việc sau khi chi bộ nhận quyết định"))
	refresh := widget.NewButtonWithIcon("Tải lại", theme.ViewRefreshIcon(), h.reload)
	return container.NewBorder(top, container.NewHBox(refresh), nil, nil, h.lateList)
}
