package ui

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// reviewScreen is the year-end review: every member with whether they are
// reviewed and rated that year, their proposed and decided levels, and a
// warning when the cell's proposals break the "xuất sắc" quota.
type reviewScreen struct {
	sh    *shell
	year  *widget.Select
	table *grid
	quota *widget.Label
	info  *widget.Label
	sheet store.ReviewSheet
}

var reviewColumns = []column{
	{"Họ và tên"}, {"Kiểm điểm"}, {"Tự xếp loại"}, {"Chi bộ đề nghị"}, {"Cấp trên quyết định"},
}

func newReview(sh *shell) *reviewScreen {
	r := &reviewScreen{sh: sh, quota: wrapped(""), info: wrapped("")}
	now := store.ReviewYear(time.Now())
	var years []string
	for y := now; y >= now-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	r.table = newGrid(reviewColumns, func() int { return len(r.sheet.Rows) }, r.cell, r.open)
	r.year = newSelect(years, func(string) { r.reload() })
	r.year.SetSelected(years[0])
	return r
}

func (r *reviewScreen) selectedYear() int { y, _ := strconv.Atoi(r.year.Selected); return y }

func (r *reviewScreen) reload() {
	sh, err := r.sh.st.ReviewSheet(r.sh.ctx, r.selectedYear())
	if err != nil {
		showError(r.sh.win, err)
		return
	}
	r.sheet = sh
	q := sh.Rules.QuotaPercent
	r.info.SetText(fmt.Sprintf("Tỷ lệ «xuất sắc» tối đa %d %% số được xếp loại %s — theo %s%s.",
		q.Value, sh.Rules.QuotaBase(), q.Source, checkNote(q.Check)))
	r.quota.Importance = widget.MediumImportance
	switch {
	case !sh.QuotaOK:
		r.quota.SetText(fmt.Sprintf("Vượt tỷ lệ: chi bộ đề nghị %d đồng chí «xuất sắc», tối đa được %d.", sh.Excellent, sh.Allowed))
		r.quota.Importance = widget.DangerImportance
	default:
		r.quota.SetText(fmt.Sprintf("Đề nghị «xuất sắc»: %d (tối đa %d).", sh.Excellent, sh.Allowed))
	}
	r.quota.Refresh()
	r.table.Refresh()
}

// checkNote flags a figure the sources disagree on.
func checkNote(check bool) string {
	if check {
		return " (nếu văn bản cấp trên gửi về có khác, hãy làm theo văn bản)"
	}
	return ""
}

func levelName(set rules.Rating, code string) string {
	if l, ok := set.Level(code); ok {
		return l.Name
	}
	return code
}

func (r *reviewScreen) cell(row, c int) string {
	x := r.sheet.Rows[row]
	switch c {
	case 0:
		return x.Member.FullName
	case 1:
		if x.Standing.Reason != "" {
			return x.Standing.Reason
		}
		return "Kiểm điểm, xếp loại"
	case 2:
		return levelName(r.sheet.Rules, x.Review.SelfLevel)
	case 3:
		return levelName(r.sheet.Rules, x.Review.CellLevel)
	}
	return levelName(r.sheet.Rules, x.Review.HubLevel)
}

func (r *reviewScreen) open(row int) {
	x := r.sheet.Rows[row]
	if !x.Standing.Reviewed {
		showMessage(r.sh.win, x.Member.FullName, "Đồng chí này không kiểm điểm năm "+r.year.Selected+": "+x.Standing.Reason+".")
		return
	}
	r.edit(x.Member.FullName, x.Review, x.Standing)
}

func (r *reviewScreen) edit(title string, rv store.Review, st rules.Standing) {
	r.sh.show(newReviewForm(r.sh, r.sheet.Rules, title, rv, st, func() { r.sh.back(r, r.reload) }))
}

func (r *reviewScreen) view() fyne.CanvasObject {
	cell := widget.NewButtonWithIcon("Chi bộ tự đánh giá", theme.DocumentCreateIcon(), func() {
		rv := r.sheet.Cell
		rv.Year = r.selectedYear()
		r.edit("Chi bộ tự đánh giá, xếp loại", rv, rules.Standing{Reviewed: true, Rated: true})
	})
	top := container.NewVBox(
		titleBar("Kiểm điểm, xếp loại cuối năm", widget.NewLabel("Năm"), r.year, cell),
		r.info, r.quota, r.actions())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, r.table))
}
