package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// todoScreen is "Việc cần làm": every open deadline of the admission
// pipeline, soonest first, overdue ones in red, each with the regulation
// its time limit comes from.
type todoScreen struct {
	sh    *shell
	today func() time.Time
	list  *widget.List
	empty *widget.Label
	rows  []store.Todo
}

func newTodo(sh *shell) *todoScreen {
	t := &todoScreen{sh: sh, today: time.Now, empty: wrapped("")}
	t.list = widget.NewList(func() int { return len(t.rows) },
		func() fyne.CanvasObject {
			due := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			return container.NewBorder(nil, nil, due, nil, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			what, due := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Label)
			td := t.rows[i]
			due.SetText(showDate(td.Due) + " — " + daysText(td.DaysLeft))
			what.SetText(store.LabelOf(store.TodoLabels, td.Kind) + ": " + td.Person + " (" + td.Rule + ")" + deadlineMark(td.Deadline))
			due.Importance = widget.MediumImportance
			if td.DaysLeft < 0 {
				due.Importance = widget.DangerImportance
			} else if td.DaysLeft <= 7 {
				due.Importance = widget.WarningImportance
			}
			due.Refresh()
		})
	t.list.OnSelected = func(i widget.ListItemID) { // deadline_view.go: how it was counted
		t.list.Unselect(i)
		showDeadline(t.sh.win, store.LabelOf(store.TodoLabels, t.rows[i].Kind)+": "+t.rows[i].Person, t.rows[i].Deadline)
	}
	t.reload()
	return t
}

// daysText words the time left the way a secretary says it.
func daysText(n int) string {
	switch {
	case n < 0:
		return fmt.Sprintf("quá hạn %d ngày", -n)
	case n == 0:
		return "hạn chót hôm nay"
	}
	return fmt.Sprintf("còn %d ngày", n)
}

func (t *todoScreen) reload() {
	rows, err := t.sh.st.Todos(t.sh.ctx, t.today())
	if err != nil {
		showError(t.sh.win, err)
		return
	}
	t.rows = rows
	t.empty.SetText("")
	if len(rows) == 0 {
		t.empty.SetText("Không có việc nào đến hạn. Các thời hạn kết nạp đảng viên sẽ hiện ở đây.")
	}
	t.list.Refresh()
}

func (t *todoScreen) view() fyne.CanvasObject {
	note := wrapped("Thời hạn tính theo ngày làm việc (trừ thứ Bảy, Chủ nhật và ngày lễ, Tết theo bảng ngày nghỉ). Bấm vào một việc để xem cách tính.")
	return container.NewPadded(container.NewBorder(container.NewVBox(heading("Việc cần làm"), note, t.empty), nil, nil, nil, t.list))
}
