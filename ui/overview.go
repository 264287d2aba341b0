package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// overviewScreen is the cell's front page: the one list of what to do
// (todo.go), then who we are, how many members, the latest meeting and
// where data goes.
type overviewScreen struct {
	sh    *shell
	today func() time.Time
	facts []*widget.FormItem
	todo  []reminder
}

func newOverview(sh *shell) *overviewScreen {
	o := &overviewScreen{sh: sh, today: time.Now}
	o.reload()
	return o
}

// reload reads the facts and the reminders again.
func (o *overviewScreen) reload() {
	sh := o.sh
	o.facts = nil
	add := func(label, value string) { o.facts = append(o.facts, widget.NewFormItem(label, wrapped(value))) }
	site := sh.site
	add("Tổ chức", site.Name)
	add("Cấp trên", site.ParentName)
	add("Địa danh", site.Place)
	if members, err := sh.st.Members(sh.ctx, "", ""); err == nil {
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
	}
	o.todo = reminders(sh, o.today())
}

func (o *overviewScreen) view() fyne.CanvasObject {
	box := container.NewVBox(heading("Tổng quan"), subhead("Việc cần làm"))
	if len(o.todo) == 0 {
		box.Add(wrapped("Không có việc nào đến hạn. Các thời hạn kết nạp, buổi sinh hoạt, đảng phí và việc gửi dữ liệu sẽ hiện ở đây."))
	} else {
		box.Add(reminderList(o.todo))
	}
	box.Add(widget.NewSeparator())
	box.Add(fitForm(o.facts...))
	return container.NewPadded(container.NewVScroll(box))
}
