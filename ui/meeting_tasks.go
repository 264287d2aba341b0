package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// Next month's tasks, each assigned to a named member with a due date,
// and the report on last month's tasks.

type taskRow struct {
	id       string
	title    *widget.Entry
	assignee *widget.Select
	due      *widget.Entry
	remove   *widget.Button
}

type taskList struct {
	rows   []*taskRow
	box    *fyne.Container
	add    *widget.Button
	names  []string
	ids    map[string]string // name → member id
	locked bool
}

func newTaskList(tasks []store.Task, members []store.Member) *taskList {
	l := &taskList{box: container.NewVBox()}
	l.names, l.ids = activePicks(members)
	for _, t := range tasks {
		l.rows = append(l.rows, l.newRow(t))
	}
	l.add = widget.NewButtonWithIcon("Thêm nhiệm vụ", theme.ContentAddIcon(), func() {
		l.rows = append(l.rows, l.newRow(store.Task{}))
		l.relayout()
	})
	l.relayout()
	return l
}

func (l *taskList) newRow(t store.Task) *taskRow {
	r := &taskRow{id: t.ID, title: widget.NewEntry(), assignee: newSelect(l.names, nil), due: dateEntry(t.DueDate)}
	r.title.SetPlaceHolder("việc cần làm")
	r.title.SetText(t.Title)
	r.assignee.PlaceHolder = padHint("giao cho", l.names)
	if t.AssigneeName != "" {
		r.assignee.SetSelected(t.AssigneeName)
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range l.rows {
			if x == r {
				l.rows = append(l.rows[:i], l.rows[i+1:]...)
				break
			}
		}
		l.relayout()
	})
	return r
}

func (l *taskList) relayout() {
	l.box.RemoveAll()
	for _, r := range l.rows {
		right := container.NewHBox(r.assignee, sized(r.due, "30/12/2026"))
		if !l.locked {
			right.Add(r.remove)
		}
		l.box.Add(container.NewBorder(nil, nil, nil, right, r.title))
	}
	if len(l.rows) == 0 {
		l.box.Add(widget.NewLabel("Chưa giao nhiệm vụ nào."))
	}
	if !l.locked {
		l.box.Add(container.NewHBox(l.add))
	}
	l.box.Refresh()
}

// collect reads the tasks or says which line to fix.
func (l *taskList) collect() ([]store.Task, error) {
	var out []store.Task
	for i, r := range l.rows {
		if r.title.Text == "" && r.assignee.Selected == "" && r.due.Text == "" {
			continue
		}
		if r.title.Text == "" {
			return nil, fieldProblem(fmt.Sprintf("Nhiệm vụ thứ %d chưa có nội dung. Hãy gõ việc cần làm hoặc xóa dòng đó.", i+1))
		}
		if r.assignee.Selected == "" {
			return nil, fieldProblem(fmt.Sprintf("Nhiệm vụ «%s» chưa giao cho ai. Hãy chọn đảng viên thực hiện.", r.title.Text))
		}
		due, err := parseDate(r.due.Text)
		if err != nil {
			return nil, fieldProblem(fmt.Sprintf("Hạn của nhiệm vụ «%s»: %s.", r.title.Text, err.Error()))
		}
		out = append(out, store.Task{ID: r.id, Title: r.title.Text, AssigneeID: l.ids[r.assignee.Selected], DueDate: due})
	}
	return out, nil
}

func (l *taskList) setIDs(tasks []store.Task) {
	j := 0
	for _, r := range l.rows {
		if r.title.Text == "" {
			continue
		}
		if j < len(tasks) {
			r.id = tasks[j].ID
		}
		j++
	}
}

func (l *taskList) disable() {
	l.locked = true
	for _, r := range l.rows {
		r.title.Disable()
		r.assignee.Disable()
		r.due.Disable()
	}
	l.relayout()
}

// reportRow is the cell's word on one of last month's tasks.
type reportRow struct {
	taskID string
	done   *widget.Check
	note   *widget.Entry
	line   *widget.Label
}

// buildReports lists last month's tasks (for a draft) and whatever the
// meeting already reported.
func (f *meetingForm) buildReports() []*reportRow {
	var rows []*reportRow
	seen := map[string]bool{}
	add := func(id, title, who, due string, done bool, note string) {
		if seen[id] {
			return
		}
		seen[id] = true
		text := title
		if who != "" {
			text += " — đồng chí " + who
		}
		if due != "" {
			text += ", hạn " + showDate(due)
		}
		r := &reportRow{taskID: id, done: widget.NewCheck("Đã hoàn thành", nil), note: widget.NewEntry(), line: wrapped(text)}
		r.done.SetChecked(done)
		r.note.SetPlaceHolder("kết quả, ghi chú")
		r.note.SetText(note)
		rows = append(rows, r)
	}
	for _, r := range f.m.Reports {
		add(r.TaskID, r.Title, r.AssigneeName, "", r.Done, r.Note)
	}
	if f.m.State != store.StateFinalized {
		last, err := f.sh.st.LastMonthTasks(f.sh.ctx, f.m.Date)
		if err == nil {
			for _, t := range last {
				add(t.ID, t.Title, t.AssigneeName, t.DueDate, false, "")
			}
		}
	}
	return rows
}

func (f *meetingForm) reportsView() fyne.CanvasObject {
	if len(f.reports) == 0 {
		return widget.NewLabel("Kỳ trước không giao nhiệm vụ nào.")
	}
	box := container.NewVBox()
	for _, r := range f.reports {
		box.Add(r.line)
		box.Add(container.NewBorder(nil, nil, r.done, nil, r.note))
	}
	return box
}

func (f *meetingForm) collectReports() []store.TaskReport {
	var out []store.TaskReport
	for _, r := range f.reports {
		if !r.done.Checked && r.note.Text == "" {
			continue
		}
		out = append(out, store.TaskReport{TaskID: r.taskID, Done: r.done.Checked, Note: r.note.Text})
	}
	return out
}
