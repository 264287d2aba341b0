package ui

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/report"
	"chibo/rules"
	"chibo/store"
)

// hubDashboardScreen draws the hub's figures as charts, says why their
// totals differ, and exports the roll-up of a year (XLSX, PDF) for the
// report to the province. (The JSON export is `chibo report --format
// json` on the command line: a clerk has no use for it.)
type hubDashboardScreen struct {
	sh     *shell
	year   *widget.Select
	stats  store.HubStats
	charts *fyne.Container
	today  func() time.Time
}

func newHubDashboard(sh *shell) *hubDashboardScreen {
	h := &hubDashboardScreen{sh: sh, charts: container.NewVBox(), today: time.Now}
	var years []string
	last := store.ReviewYear(time.Now())
	for y := last; y > last-10; y-- {
		years = append(years, strconv.Itoa(y))
	}
	h.year = newSelect(years, nil)
	h.year.SetSelected(years[0])
	h.reload()
	return h
}

func (h *hubDashboardScreen) view() fyne.CanvasObject {
	top := titleBar("Số liệu tổng hợp", widget.NewLabel("Số liệu năm"), h.year,
		widget.NewButtonWithIcon("Xuất Excel", theme.DocumentSaveIcon(), func() { h.pick("xlsx") }),
		widget.NewButtonWithIcon("Xuất PDF", theme.DocumentPrintIcon(), func() { h.pick("pdf") }),
		widget.NewButtonWithIcon("Tải lại", theme.ViewRefreshIcon(), h.reload))
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(h.charts)))
}

// reload reads the figures off the UI thread: about a second for a
// province of 1,200 cells (docs/scale.md).
func (h *hubDashboardScreen) reload() {
	if len(h.charts.Objects) == 0 {
		h.charts.Objects = []fyne.CanvasObject{widget.NewLabel("Đang tính số liệu…")}
		h.charts.Refresh()
	}
	var s store.HubStats
	background(func() (err error) {
		s, err = h.sh.st.HubStats(h.sh.ctx, h.today())
		return err
	}, func(err error) {
		if err != nil {
			if h.stats.Cells == 0 { // nothing shown yet but "computing"
				h.charts.Objects = []fyne.CanvasObject{wrapped("Chưa tính được số liệu: " + message(err))}
				h.charts.Refresh()
			}
			showError(h.sh.win, err)
			return
		}
		h.stats = s
		h.charts.Objects = h.chartsOf(s)
		h.charts.Refresh()
	})
}

// chartsOf draws every chart of the dashboard.
func (h *hubDashboardScreen) chartsOf(s store.HubStats) []fyne.CanvasObject {
	labelled := func(cs []store.Count, labels []store.Label) []bar {
		out := make([]bar, len(cs))
		for i, c := range cs {
			out[i] = bar{c.Key, c.N}
			if labels != nil {
				out[i].label = store.LabelOf(labels, c.Key)
			}
			if out[i].label == "" {
				out[i].label = "Chưa rõ"
			}
		}
		return out
	}
	perMonth := make([]bar, len(s.Meetings))
	for i, m := range s.Meetings {
		perMonth[i] = bar{store.FormatDMY(m.Key + "-01")[3:], m.N}
	}
	perCell := func(n int) string {
		return fmt.Sprintf("%.1f", float64(n)/float64(max(s.Cells, 1)))
	}
	return []fyne.CanvasObject{
		totalsNote(s),
		h.ratingChart(s),
		columns(
			barChart("Đảng viên theo tình trạng", labelled(s.ByStatus, store.StatusLabels), chartPalette[4]),
			barChart("Đảng viên theo giới tính", labelled(s.BySex, store.SexLabels), chartPalette[5])),
		columns(
			barChart("Đảng viên theo dân tộc", labelled(s.ByEthnicity, nil), chartPalette[1]),
			barChart("Đảng viên theo độ tuổi", labelled(s.ByAge, nil), chartPalette[2])),
		columnChart("Kết nạp đảng viên theo năm", lastBars(labelled(s.Admissions, nil), 15), strconv.Itoa, chartPalette[0]),
		columnChart(fmt.Sprintf("Buổi sinh hoạt bình quân mỗi chi bộ theo tháng (%d chi bộ)", s.Cells), perMonth, perCell, chartPalette[4]),
	}
}

// totalsNote says why the charts' totals differ: the status chart counts
// everyone the cells ever listed, the others only members on the roll,
// and the ratings only those rated that year.
func totalsNote(s store.HubStats) fyne.CanvasObject {
	all, onRoll, temporary := 0, 0, 0
	for _, c := range s.ByStatus {
		all += c.N
		switch c.Key {
		case store.StatusFull, store.StatusProbationary, store.StatusExempt:
			onRoll += c.N
		case store.StatusTemporary:
			temporary += c.N
		}
	}
	text := fmt.Sprintf("Cách đếm: %d chi bộ đã gửi dữ liệu. Biểu đồ «tình trạng» đếm cả %d người có trong danh sách các chi bộ, "+
		"kể cả %d người đã chuyển đi, từ trần hoặc ra khỏi Đảng. Các biểu đồ giới tính, dân tộc, độ tuổi chỉ đếm %d đảng viên "+
		"đang sinh hoạt (chính thức, dự bị, miễn sinh hoạt)", s.Cells, all, all-onRoll-temporary, onRoll)
	if temporary > 0 {
		text += fmt.Sprintf("; %d đảng viên sinh hoạt tạm thời được đếm ở chi bộ chính thức của họ", temporary)
	}
	text += ". Biểu đồ xếp loại chỉ đếm những người được xếp loại năm đó (người chưa đủ thời gian, nghỉ ốm dài ngày… không xếp loại)."
	return wrapped(text)
}

// ratingChart shows each year's members by rating level, in the rules'
// order of levels.
func (h *hubDashboardScreen) ratingChart(s store.HubStats) fyne.CanvasObject {
	years := make([]int, 0, len(s.Ratings))
	for y := range s.Ratings {
		years = append(years, y)
	}
	slices.Sort(years)
	var legend []string
	var codes []string
	if set, err := rules.RatingFor(store.ReviewYear(h.today())); err == nil {
		for _, l := range set.Levels.Value {
			legend, codes = append(legend, l.Name), append(codes, l.Code)
		}
	}
	// The cells' proposals the hub has not decided are a part of their
	// own, never counted as a level.
	legend = append(legend, "Chi bộ đề nghị, chưa quyết định")
	for y := range s.Proposed {
		if _, ok := s.Ratings[y]; !ok {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	rows := make([]stackRow, 0, len(years))
	for _, y := range years {
		r := stackRow{label: strconv.Itoa(y)}
		for _, c := range codes {
			r.parts = append(r.parts, s.Ratings[y][c])
		}
		r.parts = append(r.parts, s.Proposed[y])
		rows = append(rows, r)
	}
	return stackChart("Tỷ lệ xếp loại đảng viên theo năm", legend, rows)
}

// lastBars keeps the last n bars: old admission years crowd the chart.
func lastBars(bs []bar, n int) []bar {
	if len(bs) > n {
		return bs[len(bs)-n:]
	}
	return bs
}

// pick asks where to save the export of the chosen year.
func (h *hubDashboardScreen) pick(format string) {
	saveAs(h.sh.win, fmt.Sprintf("so-lieu-%s.%s", h.year.Selected, format), func(path string) { h.export(path, format) })
}

// export writes the roll-up of the selected year (admissions within it)
// in the background and says where it went.
func (h *hubDashboardScreen) export(path, format string) {
	year, _ := strconv.Atoi(h.year.Selected)
	p := report.Period{Year: year, From: fmt.Sprintf("%d-01-01", year), To: fmt.Sprintf("%d-12-31", year)}
	done := busy(h.sh.win, "Đang xuất số liệu…")
	background(func() error {
		r, err := report.HubRollupFor(h.sh.ctx, h.sh.st, p)
		if err != nil {
			return err
		}
		return store.WriteFileAtomic(path, func(w io.Writer) error {
			switch format {
			case "pdf":
				return report.HubPDF(w, r, time.Now())
			}
			return report.HubXLSX(w, r)
		})
	}, func(err error) {
		done()
		if err != nil {
			showError(h.sh.win, err)
			return
		}
		showMessage(h.sh.win, "Đã xuất", "Đã lưu số liệu năm "+h.year.Selected+" vào:\n"+path)
	})
}
