package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// attendRow is one member's line of the roll.
type attendRow struct {
	att    store.Attendance
	name   string
	status *widget.Select
	reason *widget.Entry
}

// buildRoll makes one row per attendance line the meeting carries (the
// store fills it with every active member for a new meeting).
func (f *meetingForm) buildRoll() []*attendRow {
	names := map[string]string{}
	for _, x := range f.members {
		names[x.ID] = x.FullName
	}
	rows := make([]*attendRow, 0, len(f.m.Attendance))
	for _, a := range f.m.Attendance {
		r := &attendRow{att: a, name: names[a.MemberID]}
		if r.name == "" {
			r.name = "(đảng viên không còn trong danh sách)"
		}
		r.status = labelSelect(store.AttendanceLabels, or(a.Status, store.AttPresent))
		r.reason = widget.NewEntry()
		r.reason.SetPlaceHolder("lý do (nếu vắng)")
		r.reason.SetText(a.Reason)
		rows = append(rows, r)
	}
	return rows
}

func (f *meetingForm) rollView() fyne.CanvasObject {
	if len(f.roll) == 0 {
		return wrapped("Chưa có đảng viên nào trong danh sách. Hãy thêm đảng viên trước khi điểm danh.")
	}
	grid := container.New(layout.NewFormLayout())
	for i, r := range f.roll {
		name := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, r.name))
		grid.Add(name)
		// A fixed width keeps the longest choice ("Vắng không lý do") readable.
		pick := container.NewGridWrap(fyne.NewSize(190, r.status.MinSize().Height), r.status)
		grid.Add(container.NewBorder(nil, nil, pick, nil, r.reason))
	}
	return grid
}

func (f *meetingForm) collectRoll() []store.Attendance {
	out := make([]store.Attendance, len(f.roll))
	for i, r := range f.roll {
		a := r.att
		a.Status = selectedCode(store.AttendanceLabels, r.status)
		a.Reason = r.reason.Text
		out[i] = a
	}
	return out
}

// agendaRow is one agenda item: title, discussion and conclusion kept in
// separate fields.
type agendaRow struct {
	id                 string
	title, talk, concl *widget.Entry
	remove             *widget.Button
}

// agendaList is the editable, ordered list of agenda items.
type agendaList struct {
	rows   []*agendaRow
	box    *fyne.Container
	add    *widget.Button
	locked bool
}

func newAgendaList(items []store.AgendaItem) *agendaList {
	l := &agendaList{box: container.NewVBox()}
	for _, it := range items {
		l.rows = append(l.rows, l.newRow(it))
	}
	l.add = widget.NewButtonWithIcon("Thêm mục nội dung", theme.ContentAddIcon(), func() {
		l.rows = append(l.rows, l.newRow(store.AgendaItem{}))
		l.relayout()
	})
	l.relayout()
	return l
}

func (l *agendaList) newRow(it store.AgendaItem) *agendaRow {
	r := &agendaRow{id: it.ID, title: widget.NewEntry()}
	r.title.SetPlaceHolder("tên mục, ví dụ: Kết quả thực hiện nghị quyết tháng trước")
	r.title.SetText(it.Title)
	r.talk = widget.NewMultiLineEntry()
	r.talk.Wrapping = fyne.TextWrapWord
	r.talk.SetMinRowsVisible(3)
	r.talk.SetPlaceHolder("ý kiến thảo luận, ghi rõ tên người phát biểu")
	r.talk.SetText(it.Discussion)
	r.concl = widget.NewMultiLineEntry()
	r.concl.Wrapping = fyne.TextWrapWord
	r.concl.SetMinRowsVisible(2)
	r.concl.SetPlaceHolder("kết luận của chủ trì")
	r.concl.SetText(it.Conclusion)
	r.remove = widget.NewButtonWithIcon("Xóa mục này", theme.DeleteIcon(), func() { l.removeRow(r) })
	return r
}

func (l *agendaList) removeRow(r *agendaRow) {
	for i, x := range l.rows {
		if x == r {
			l.rows = append(l.rows[:i], l.rows[i+1:]...)
			break
		}
	}
	l.relayout()
}

// relayout redraws the items with their numbers.
func (l *agendaList) relayout() {
	l.box.RemoveAll()
	for i, r := range l.rows {
		head := container.NewBorder(nil, nil, subhead(fmt.Sprintf("Mục %d", i+1)), r.remove)
		form := widget.NewForm(widget.NewFormItem("Tên mục", r.title), widget.NewFormItem("Thảo luận", r.talk),
			widget.NewFormItem("Kết luận", r.concl))
		l.box.Add(widget.NewCard("", "", container.NewVBox(head, form)))
	}
	if len(l.rows) == 0 {
		l.box.Add(widget.NewLabel("Chưa có mục nội dung nào."))
	}
	if !l.locked {
		l.box.Add(container.NewHBox(l.add))
	}
	l.box.Refresh()
}

func (l *agendaList) view() fyne.CanvasObject { return l.box }

func (l *agendaList) collect() []store.AgendaItem {
	out := make([]store.AgendaItem, 0, len(l.rows))
	for _, r := range l.rows {
		out = append(out, store.AgendaItem{ID: r.id, Title: r.title.Text, Discussion: r.talk.Text, Conclusion: r.concl.Text})
	}
	return out
}

// setIDs keeps the ids the store gave new items, so the next save
// updates them instead of adding copies.
func (l *agendaList) setIDs(items []store.AgendaItem) {
	for i := range l.rows {
		if i < len(items) {
			l.rows[i].id = items[i].ID
		}
	}
}

func (l *agendaList) disable() {
	l.locked = true
	for _, r := range l.rows {
		r.title.Disable()
		r.talk.Disable()
		r.concl.Disable()
		r.remove.Hide()
	}
	l.add.Disable()
	l.relayout()
}
