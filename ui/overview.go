package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// overviewScreen is the cell's front page: who we are, how many members,
// the latest meeting, and where data goes.
type overviewScreen struct {
	sh   *shell
	rows []*widget.FormItem
}

func newOverview(sh *shell) *overviewScreen {
	o := &overviewScreen{sh: sh}
	site := sh.site
	add := func(label, value string) { o.rows = append(o.rows, widget.NewFormItem(label, widget.NewLabel(value))) }
	add("Tổ chức", site.Name)
	add("Cấp trên", site.ParentName)
	add("Địa danh", site.Place)
	members, err := sh.st.Members(sh.ctx, "", "")
	if err == nil {
		by := map[string]int{}
		active := 0
		for _, m := range members {
			by[m.Status]++
			if store.Active(m.Status) {
				active++
			}
		}
		add("Đảng viên", fmt.Sprintf("%d người trong danh sách sinh hoạt", active))
		for _, l := range store.StatusLabels {
			if by[l.Code] > 0 {
				add("   "+l.Text, fmt.Sprint(by[l.Code]))
			}
		}
	}
	if ms, err := sh.st.Meetings(sh.ctx, ""); err == nil && len(ms) > 0 {
		last := ms[0]
		add("Buổi sinh hoạt gần nhất", showDate(last.Date)+" — "+store.LabelOf(store.MeetingKindLabels, last.Kind)+" — "+stateText(last))
	} else if err == nil {
		add("Buổi sinh hoạt gần nhất", "chưa có")
	}
	if hub, err := sh.st.Hub(sh.ctx); err == nil {
		add("Gửi dữ liệu cho", hub.Name)
		add("Mã khóa cấp ủy", hub.Fingerprint)
	}
	return o
}

func (o *overviewScreen) view() fyne.CanvasObject {
	return container.NewPadded(container.NewVScroll(container.NewVBox(
		heading("Tổng quan"), widget.NewForm(o.rows...))))
}
