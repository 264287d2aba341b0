package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// The agenda: each item has a title, its speakers (one short field per
// speaker, so no Entry ever holds more than one person's remarks) and the
// chair's conclusion.
//
// Only one item is open at a time; the others show a one-line header.
// A closed item's widgets are not on the canvas at all (they keep their
// text off-screen), so a 30-item meeting paints one item's fields, not
// 150. widget.Accordion would only hide closed details: they would stay
// in the canvas tree and be measured on every layout.

// speakerRow is one person's remarks on an item.
type speakerRow struct {
	id      string
	who     *widget.SelectEntry
	remarks *widget.Entry
	remove  *widget.Button
}

// agendaRow is one agenda item.
type agendaRow struct {
	id         string
	title      *widget.Entry
	talk       *widget.Entry // free text of older minutes; shown only when it has some
	concl      *widget.Entry
	speakers   []*speakerRow
	speakerBox *fyne.Container
	addSpeaker *widget.Button
	remove     *widget.Button
	header     *widget.Button // opens or closes the item
	line       *widget.Label  // the item's one-line summary beside it, wrapping when long
	num        int            // 1-based, as the header shows it
}

// agendaList is the editable, ordered list of agenda items.
type agendaList struct {
	rows   []*agendaRow
	box    *fyne.Container
	add    *widget.Button
	names  []string          // member names for the speaker picks
	ids    map[string]string // member name → id
	open   int               // index of the open item, -1 for none
	locked bool
}

func newAgendaList(items []store.AgendaItem, members []store.Member) *agendaList {
	l := &agendaList{box: container.NewVBox()}
	if len(items) > 0 {
		l.open = 0
	} else {
		l.open = -1
	}
	l.names, l.ids = activePicks(members)
	for _, it := range items {
		l.rows = append(l.rows, l.newRow(it))
	}
	l.add = widget.NewButtonWithIcon("Thêm mục nội dung", theme.ContentAddIcon(), func() {
		l.rows = append(l.rows, l.newRow(store.AgendaItem{}))
		l.open = len(l.rows) - 1 // the new item is the one to type in
		l.relayout()
	})
	l.relayout()
	return l
}

func (l *agendaList) newRow(it store.AgendaItem) *agendaRow {
	r := &agendaRow{id: it.ID, title: widget.NewEntry(), speakerBox: container.NewVBox(), line: wrapped("")}
	r.title.SetPlaceHolder("tên mục, ví dụ: Kết quả thực hiện nghị quyết tháng trước")
	r.title.SetText(it.Title)
	r.talk = widget.NewMultiLineEntry()
	r.talk.Wrapping = fyne.TextWrapWord
	r.talk.SetText(it.Discussion)
	r.concl = widget.NewEntry()
	r.concl.SetPlaceHolder("kết luận của chủ trì")
	r.concl.SetText(it.Conclusion)
	for _, sp := range it.Speakers {
		r.speakers = append(r.speakers, l.newSpeaker(r, sp))
	}
	r.addSpeaker = widget.NewButtonWithIcon("Thêm người phát biểu", theme.ContentAddIcon(), func() {
		r.speakers = append(r.speakers, l.newSpeaker(r, store.Speaker{}))
		l.relayoutSpeakers(r)
	})
	r.remove = widget.NewButtonWithIcon("Xóa mục này", theme.DeleteIcon(), func() { l.removeRow(r) })
	r.header = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() { l.toggle(r) })
	r.header.Alignment = widget.ButtonAlignLeading
	r.header.Importance = widget.LowImportance
	r.title.OnChanged = func(string) { l.showHeader(r) }
	l.relayoutSpeakers(r)
	return r
}

// toggle opens r, closing the item open before, or closes r if open.
func (l *agendaList) toggle(r *agendaRow) {
	i := l.indexOf(r)
	if i == l.open {
		i = -1
	}
	l.open = i
	l.relayout()
}

func (l *agendaList) indexOf(r *agendaRow) int {
	for i, x := range l.rows {
		if x == r {
			return i
		}
	}
	return -1
}

// openItem opens item i (as a tap on its header would).
func (l *agendaList) openItem(i int) {
	l.open = i
	l.relayout()
}

// showHeader words a closed item so the cell sees what it holds without
// opening it.
func (l *agendaList) showHeader(r *agendaRow) {
	title := r.title.Text
	if title == "" {
		title = "(chưa có tên mục)"
	}
	text := fmt.Sprintf("Mục %d. %s", r.num, title)
	said := 0
	for _, s := range r.speakers {
		if s.who.Text != "" || s.remarks.Text != "" {
			said++
		}
	}
	if said > 0 {
		text += fmt.Sprintf(" — %d ý kiến", said)
	}
	if r.concl.Text != "" {
		text += ", đã có kết luận"
	}
	r.line.SetText(text)
}

func (l *agendaList) newSpeaker(r *agendaRow, sp store.Speaker) *speakerRow {
	s := &speakerRow{id: sp.ID, who: widget.NewSelectEntry(l.names), remarks: widget.NewEntry()}
	s.who.SetPlaceHolder("người phát biểu")
	s.who.SetText(sp.Name)
	s.remarks.SetPlaceHolder("ý kiến phát biểu")
	s.remarks.SetText(sp.Remarks)
	s.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range r.speakers {
			if x == s {
				r.speakers = append(r.speakers[:i], r.speakers[i+1:]...)
				break
			}
		}
		l.relayoutSpeakers(r)
	})
	return s
}

// relayoutSpeakers redraws one item's speakers only, so adding a speaker
// does not rebuild the whole agenda.
func (l *agendaList) relayoutSpeakers(r *agendaRow) {
	r.speakerBox.RemoveAll()
	for _, s := range r.speakers {
		who := sized(s.who, "Nguyễn Thị Phương Hoa")
		var right fyne.CanvasObject
		if !l.locked {
			right = s.remove
		}
		r.speakerBox.Add(container.NewBorder(nil, nil, who, right, s.remarks))
	}
	if !l.locked {
		r.speakerBox.Add(container.NewHBox(r.addSpeaker))
	}
	r.speakerBox.Refresh()
}

func (l *agendaList) removeRow(r *agendaRow) {
	if i := l.indexOf(r); i >= 0 {
		l.rows = append(l.rows[:i], l.rows[i+1:]...)
		if l.open >= i {
			l.open = -1
		}
	}
	l.relayout()
}

// relayout redraws the headers with their numbers and the open item's
// fields below its header.
func (l *agendaList) relayout() {
	l.box.RemoveAll()
	if l.open >= len(l.rows) {
		l.open = -1
	}
	for i, r := range l.rows {
		r.num = i + 1
		l.showHeader(r)
		r.header.SetIcon(theme.MenuDropDownIcon())
		l.box.Add(container.NewBorder(nil, nil, r.header, nil, r.line))
		if i == l.open {
			r.header.SetIcon(theme.MenuDropUpIcon())
			l.box.Add(l.detail(r))
		}
	}
	if len(l.rows) == 0 {
		l.box.Add(widget.NewLabel("Chưa có mục nội dung nào."))
	}
	if !l.locked {
		l.box.Add(container.NewHBox(l.add))
	}
	l.box.Refresh()
}

// detail is the open item's fields.
func (l *agendaList) detail(r *agendaRow) fyne.CanvasObject {
	var del fyne.CanvasObject
	if !l.locked {
		del = r.remove
	}
	head := container.NewBorder(nil, nil, subhead(fmt.Sprintf("Mục %d", r.num)), del)
	items := []*widget.FormItem{widget.NewFormItem("Tên mục", r.title)}
	if r.talk.Text != "" {
		items = append(items, widget.NewFormItem("Thảo luận", r.talk))
	}
	items = append(items, widget.NewFormItem("Phát biểu", r.speakerBox), widget.NewFormItem("Kết luận", r.concl))
	return widget.NewCard("", "", container.NewVBox(head, fitForm(items...)))
}

func (l *agendaList) view() fyne.CanvasObject { return l.box }

// collect reads the items; a speaker picked from the list is that member,
// any other name is a guest.
func (l *agendaList) collect() []store.AgendaItem {
	out := make([]store.AgendaItem, 0, len(l.rows))
	for _, r := range l.rows {
		it := store.AgendaItem{ID: r.id, Title: r.title.Text, Discussion: r.talk.Text, Conclusion: r.concl.Text}
		for _, s := range r.speakers {
			if s.who.Text == "" && s.remarks.Text == "" {
				continue
			}
			it.Speakers = append(it.Speakers, store.Speaker{ID: s.id, MemberID: l.ids[s.who.Text], Name: s.who.Text, Remarks: s.remarks.Text})
		}
		out = append(out, it)
	}
	return out
}

// setIDs keeps the ids the store gave new items and speakers, so the next
// save updates them instead of adding copies.
func (l *agendaList) setIDs(items []store.AgendaItem) {
	for i, r := range l.rows {
		if i >= len(items) {
			break
		}
		r.id = items[i].ID
		j := 0
		for _, s := range r.speakers {
			if s.who.Text == "" && s.remarks.Text == "" {
				continue
			}
			if j < len(items[i].Speakers) {
				s.id = items[i].Speakers[j].ID
			}
			j++
		}
	}
}

func (l *agendaList) disable() {
	l.locked = true
	for _, r := range l.rows {
		r.title.Disable()
		r.talk.Disable()
		r.concl.Disable()
		for _, s := range r.speakers {
			s.who.Disable()
			s.remarks.Disable()
		}
		l.relayoutSpeakers(r)
	}
	l.add.Disable()
	l.relayout()
}
