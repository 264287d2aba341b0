package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// overviewScreen is the cell's front page: who we are, how many members,
// the latest meeting, and where data goes.
type overviewScreen struct {
	sh        *shell
	rows      []*widget.FormItem
	reminders []string // what is due or overdue, in words
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
	o.reminders = meetingReminders(sh, time.Now())
	if hub, err := sh.st.Hub(sh.ctx); err == nil {
		add("Gửi dữ liệu cho", hub.Name)
		add("Mã khóa cấp ủy", hub.Fingerprint)
	}
	return o
}

func (o *overviewScreen) view() fyne.CanvasObject {
	box := container.NewVBox(heading("Tổng quan"))
	if len(o.reminders) > 0 {
		box.Add(subhead("Cần làm"))
		for _, r := range o.reminders {
			box.Add(wrapped("• " + r))
		}
		box.Add(widget.NewSeparator())
	}
	box.Add(todoPreview(o.sh, time.Now())) // cellwork_import.go
	box.Add(widget.NewForm(o.rows...))
	return container.NewPadded(container.NewVScroll(box))
}

// meetingReminders words what the store says is due: this month's
// regular meeting, the quarter's thematic one, overdue tasks.
func meetingReminders(sh *shell, now time.Time) []string {
	r, err := sh.st.MeetingReminders(sh.ctx, now)
	if err != nil {
		return []string{message(err)}
	}
	var out []string
	if r.RegularDue {
		out = append(out, fmt.Sprintf("Tháng %d/%d chưa có buổi sinh hoạt thường kỳ.", now.Month(), now.Year()))
	}
	if r.ThematicDue {
		out = append(out, fmt.Sprintf("Quý %d/%d chưa có buổi sinh hoạt chuyên đề.", (int(now.Month())-1)/3+1, now.Year()))
	}
	for _, c := range r.Short {
		out = append(out, lengthWarning(c))
	}
	for _, t := range r.Overdue {
		out = append(out, fmt.Sprintf("Nhiệm vụ quá hạn: %s — đồng chí %s, hạn %s.", t.Title, t.AssigneeName, showDate(t.DueDate)))
	}
	return out
}
