package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// meetingsScreen lists the cell's meetings, newest first.
type meetingsScreen struct {
	sh         *shell
	table      *grid
	rows       []store.Meeting
	superseded map[string]bool // finalized meetings a later revision corrects
}

var meetingColumns = []column{
	{"Ngày họp"}, {"Loại"}, {"Chủ đề"}, {"Chủ trì"}, {"Trạng thái"},
}

func newMeetings(sh *shell) *meetingsScreen {
	m := &meetingsScreen{sh: sh}
	m.table = newGrid(meetingColumns, func() int { return len(m.rows) }, m.cell, m.open)
	m.reload()
	return m
}

func (m *meetingsScreen) view() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("Thêm buổi sinh hoạt", theme.ContentAddIcon(), m.add)
	add.Importance = widget.HighImportance
	thematic := widget.NewButtonWithIcon("Thêm buổi chuyên đề", theme.ContentAddIcon(), m.addThematic)
	book := widget.NewButtonWithIcon("In sổ biên bản", theme.DocumentPrintIcon(), m.askBook)
	top := titleBar("Sinh hoạt chi bộ", add, thematic, book)
	var body fyne.CanvasObject = m.table
	if len(m.rows) == 0 {
		body = container.NewVBox(wrapped("Chưa có buổi sinh hoạt nào. Bấm «Thêm buổi sinh hoạt» để ghi biên bản buổi đầu tiên."))
	}
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, body))
}

func (m *meetingsScreen) reload() {
	rows, err := m.sh.st.Meetings(m.sh.ctx, "")
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	m.rows = rows
	if m.superseded, err = m.sh.st.Superseded(m.sh.ctx); err != nil {
		showError(m.sh.win, err)
	}
	m.table.Refresh()
}

func (m *meetingsScreen) cell(r, c int) string {
	x := m.rows[r]
	switch c {
	case 0:
		return showDate(x.Date)
	case 1:
		return store.LabelOf(store.MeetingKindLabels, x.Kind)
	case 2:
		return x.Topic
	case 3:
		return x.Chair
	}
	if m.superseded[x.ID] {
		return stateText(x) + " — đã có bản sửa"
	}
	return stateText(x)
}

// stateText is "Bản nháp", or "Đã chốt (số 3)" once it has its number.
func stateText(x store.Meeting) string {
	s := store.LabelOf(store.StateLabels, x.State)
	if x.State == store.StateFinalized && x.Number > 0 {
		s += fmt.Sprintf(" (số %d)", x.Number)
	}
	if x.Revision > 1 {
		s += fmt.Sprintf(", bản sửa lần %d", x.Revision-1)
	}
	return s
}

// add starts today's regular meeting with the roll filled in; nothing is
// stored until the user presses Lưu.
func (m *meetingsScreen) add() { m.addKind(store.MeetingRegular) }

// addThematic starts a thematic meeting; the form asks for its topic.
func (m *meetingsScreen) addThematic() { m.addKind(store.MeetingThematic) }

func (m *meetingsScreen) addKind(kind string) {
	today := time.Now().Format("2006-01-02")
	x, err := m.sh.st.NewMeeting(m.sh.ctx, kind, today)
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	m.edit(x)
}

func (m *meetingsScreen) open(r int) {
	x, err := m.sh.st.Meeting(m.sh.ctx, m.rows[r].ID)
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	m.edit(x)
}

func (m *meetingsScreen) edit(x store.Meeting) {
	f, err := newMeetingForm(m.sh, x, func() { m.sh.back(m, m.reload) })
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	m.sh.show(f)
}
