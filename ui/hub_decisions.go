package ui

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// hubDecisionsScreen is the hub's "Quyết định": the year's rating
// proposals of every cell with the "xuất sắc" quota counted over all of
// them, the hub's rating of each cell, admissions and full memberships
// waiting for the hub, and one button that writes every cell's decisions
// onto the stick. The decision number and date typed at the top go with
// whatever is decided next; each decision is one store transaction.
type hubDecisionsScreen struct {
	sh     *shell
	year   *widget.Select
	no     *widget.Entry
	date   *widget.Entry
	quota  *widget.Label
	sheet  store.HubRatings
	cell   int // selected cell in sheet.Cells, -1 = none
	cells  *grid
	rows   *grid
	chosen *widget.Label // the selected cell's name over its proposals
	own    *widget.Select
	wait   []store.AwaitingHub
	cands  *grid
	result *widget.Label
	today  func() time.Time
}

// exportDecisions is bundle.ExportDecisions, a variable only so the stop
// test can press «Dừng» between two cells.
var exportDecisions = bundle.ExportDecisions

func newHubDecisions(sh *shell) *hubDecisionsScreen {
	// How the number, the date and the stick work is in the guide
	// (help/huong-dan.md), so the lists keep the window's height.
	h := &hubDecisionsScreen{sh: sh, cell: -1, quota: wrapped(""), today: time.Now, result: wrapped(""),
		chosen: widget.NewLabelWithStyle("Chọn chi bộ ở cột trái:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	h.result.Hide() // shown with the outcome of a decision
	y := store.ReviewYear(time.Now())
	var years []string
	for i := y; i > y-5; i-- {
		years = append(years, strconv.Itoa(i))
	}
	h.year = newSelect(years, func(string) { h.reload() })
	h.no = widget.NewEntry()
	h.no.SetPlaceHolder("ví dụ 125-QĐ/ĐU")
	h.date = widget.NewEntry()
	h.date.SetText(time.Now().Format("02/01/2006"))
	h.buildLists()
	h.year.SetSelected(years[0])
	return h
}

// view keeps the top to three short lines so the lists of people get the
// window's height.
func (h *hubDecisionsScreen) view() fyne.CanvasObject {
	write := widget.NewButtonWithIcon("Ghi quyết định ra USB", theme.UploadIcon(), h.pick)
	write.Importance = widget.HighImportance
	refresh := widget.NewButtonWithIcon("Tải lại", theme.ViewRefreshIcon(), h.reload)
	top := container.NewVBox(
		titleBar("Quyết định của cấp ủy", widget.NewLabel("Năm"), h.year, refresh, write),
		flow(widget.NewLabel("Số quyết định"), sized(h.no, "125-QĐ/ĐU xã Sín Chéng"),
			widget.NewLabel("Ngày quyết định"), sized(h.date, "31/12/2026")),
		h.quota)
	tabs := container.NewAppTabs(
		container.NewTabItem("Xếp loại", h.ratingsView()),
		container.NewTabItem("Kết nạp, chính thức", h.cands),
		container.NewTabItem("Thời hạn, thời lượng", newHubDeadlines(h.sh, h.decision, h.today).view())) // hub_deadlines.go
	return container.NewPadded(tallPage(top, h.result, tabs))
}

// say shows the outcome of a decision under the lists.
func (h *hubDecisionsScreen) say(text string) {
	h.result.SetText(text)
	h.result.Show()
}

// decision reads the number and date typed at the top.
func (h *hubDecisionsScreen) decision() (store.Decision, error) {
	d, err := parseDate(h.date.Text)
	if err != nil || d == "" {
		return store.Decision{}, &store.FieldError{Field: "decision_date", Value: h.date.Text, Err: store.ErrInvalid}
	}
	return store.Decision{No: h.no.Text, Date: d}, nil
}

func (h *hubDecisionsScreen) yearValue() int {
	y, _ := strconv.Atoi(h.year.Selected)
	return y
}

// reload reads the year's sheet and the waiting candidates again, off the
// UI thread: a province's sheet takes about a second (docs/scale.md).
func (h *hubDecisionsScreen) reload() {
	year := h.yearValue()
	h.quota.SetText("Đang tải các đề nghị xếp loại…")
	var sheet store.HubRatings
	var wait []store.AwaitingHub
	background(func() (err error) {
		if sheet, err = h.sh.st.HubRatingSheet(h.sh.ctx, year); err != nil {
			return err
		}
		wait, err = h.sh.st.CandidatesAwaitingHub(h.sh.ctx)
		return err
	}, func(err error) {
		if err != nil {
			h.quota.SetText("Chưa tải được các đề nghị xếp loại. Bấm «Tải lại» để thử lại.")
			showError(h.sh.win, err)
			return
		}
		if year != h.yearValue() {
			return // another year was chosen meanwhile; its own reload follows
		}
		h.sheet, h.wait = sheet, wait
		if h.cell >= len(sheet.Cells) {
			h.cell = -1
		}
		h.showQuota()
		h.cells.Refresh()
		h.rows.Refresh()
		h.cands.Refresh()
		h.showOwn()
	})
}

func (h *hubDecisionsScreen) showQuota() {
	s := h.sheet
	pct := s.Rules.QuotaPercent.Value
	switch {
	case !s.QuotaOK:
		h.quota.SetText(fmt.Sprintf("Vượt tỷ lệ trong toàn đảng bộ: %d đồng chí «xuất sắc», tối đa %d (%d%% số được xếp loại %s).",
			s.Excellent, s.Allowed, pct, s.Rules.QuotaBase()))
		h.quota.Importance = widget.DangerImportance
	default:
		h.quota.SetText(fmt.Sprintf("«Xuất sắc» trong toàn đảng bộ: %d, tối đa %d (%d%% số được xếp loại %s).",
			s.Excellent, s.Allowed, pct, s.Rules.QuotaBase()))
		h.quota.Importance = widget.MediumImportance
	}
	h.quota.Refresh()
}

// act runs one decision off the UI thread (the quota is checked across
// every cell of the year) behind a "please wait", shows its outcome and
// reads the sheet again. f gets the year and day chosen on the screen, so
// it reads no widget from its goroutine.
func (h *hubDecisionsScreen) act(done string, f func(d store.Decision, year int, today time.Time) error) {
	d, err := h.decision()
	if err != nil {
		showError(h.sh.win, err)
		return
	}
	year, today := h.yearValue(), h.today()
	stop := busy(h.sh.win, "Đang ghi quyết định…")
	background(func() error { return f(d, year, today) }, func(err error) {
		stop()
		if err != nil {
			showError(h.sh.win, err)
			return
		}
		h.say(done)
		h.reload()
	})
}

func (h *hubDecisionsScreen) pick() {
	pickFolder(h.sh.win, saveHere, h.write)
}

// write puts one bundle per cell waiting for decisions into dir, with a
// progress bar; the window stays responsive meanwhile.
func (h *hubDecisionsScreen) write(dir string) {
	t := newTask(h.sh.ctx)
	t.show(h.sh.win, "Đang ghi quyết định, chưa rút USB…")
	type result struct {
		xs  []bundle.Exported
		err error
	}
	background(func() result {
		xs, err := exportDecisions(t.ctx, h.sh.st, dir, t.progress)
		return result{xs, err}
	}, func(r result) {
		if t.finish() && r.err != nil { // pressed after the last cell, the work is whole: say so
			msg := fmt.Sprintf("Đã dừng theo yêu cầu: đã ghi quyết định cho %d chi bộ vào %s (những tệp đó mang về chi bộ được). "+
				"Các chi bộ còn lại chưa được ghi, dữ liệu không bị thay đổi gì; lần sau bấm ghi lại sẽ ghi tiếp.", len(r.xs), dir)
			h.say(msg)
			showMessage(h.sh.win, "Đã dừng", msg)
			return
		}
		if r.err != nil {
			h.say("Chưa ghi xong quyết định.")
			showError(h.sh.win, r.err)
			return
		}
		n := 0
		for _, x := range r.xs {
			n += x.Changes
		}
		msg := fmt.Sprintf("Đã ghi %d quyết định cho %d chi bộ vào %s. Có thể rút USB.", n, len(r.xs), dir)
		if len(r.xs) == 0 {
			msg = "Không có quyết định nào đang chờ gửi về chi bộ."
		}
		h.say(msg)
		showMessage(h.sh.win, "Đã ghi xong", msg)
	})
}
