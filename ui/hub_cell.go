package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// hubCellScreen is one cell as the hub holds it, opened from a row of
// «Các chi bộ»: what it sent and when, what waits, and its members and
// meetings, read-only.
type hubCellScreen struct {
	sh       *shell
	row      store.DeskRow
	done     func()
	members  []store.Member
	meetings []store.Meeting
	err      error
}

func newHubCell(sh *shell, row store.DeskRow, done func()) *hubCellScreen {
	c := &hubCellScreen{sh: sh, row: row, done: done}
	c.members, c.err = sh.st.Members(sh.ctx, row.Org.ID, "")
	if c.err == nil {
		c.meetings, c.err = sh.st.Meetings(sh.ctx, row.Org.ID)
	}
	return c
}

func (c *hubCellScreen) view() fyne.CanvasObject {
	r := c.row
	last := "chưa nhận"
	if r.LastBundleAt != "" {
		last = showDate(r.LastBundleAt)
	}
	thematic := "chưa có"
	if r.QuarterThematic {
		thematic = "đã có"
	}
	facts := fitForm(
		widget.NewFormItem("Cấp trên", wrapped(or(r.Org.ParentName, "—"))),
		widget.NewFormItem("Đảng viên đang sinh hoạt", widget.NewLabel(fmt.Sprint(r.Active))),
		widget.NewFormItem("Lần nhận gần nhất", widget.NewLabel(last)),
		widget.NewFormItem("Sinh hoạt quý này", widget.NewLabel(fmt.Sprintf("%d buổi, chuyên đề %s", r.QuarterMeetings, thematic))),
		widget.NewFormItem("Còn thiếu dữ liệu", widget.NewLabel(fmt.Sprintf("%d lần gửi", r.Gaps))),
		widget.NewFormItem("Xung đột", widget.NewLabel(fmt.Sprint(r.Conflicts))),
		widget.NewFormItem("Chờ cấp ủy quyết định", widget.NewLabel(fmt.Sprint(r.Awaiting))),
		widget.NewFormItem("Mã khóa", wrapped(r.Peer.Fingerprint)),
	)
	box := container.NewVBox(facts)
	if r.Overdue {
		late := wrapped("Chi bộ quá hạn gửi dữ liệu: chưa nhận gì từ đầu tháng trước.")
		late.Importance = widget.DangerImportance
		box.Objects = append([]fyne.CanvasObject{late}, box.Objects...)
	}
	if c.err != nil {
		box.Add(wrapped(message(c.err)))
	}
	box.Add(subhead(fmt.Sprintf("Đảng viên (%d)", len(c.members))))
	members := fitForm()
	for _, m := range c.members {
		formAppend(members, m.FullName, widget.NewLabel(store.LabelOf(store.StatusLabels, m.Status)+" — vào Đảng "+showDate(m.AdmissionDate)))
	}
	box.Add(members)
	box.Add(subhead(fmt.Sprintf("Sinh hoạt chi bộ (%d buổi)", len(c.meetings))))
	meetings := fitForm()
	for _, m := range c.meetings {
		formAppend(meetings, showDate(m.Date), wrapped(store.LabelOf(store.MeetingKindLabels, m.Kind)+" — "+stateText(m)+
			topicSuffix(m.Topic)))
	}
	box.Add(meetings)
	back := widget.NewButtonWithIcon("Quay lại danh sách", theme.NavigateBackIcon(), c.done)
	return container.NewPadded(container.NewBorder(titleBar(cellName(r.Org.Name), back), nil, nil, nil, container.NewVScroll(box)))
}

func topicSuffix(topic string) string {
	if topic == "" {
		return ""
	}
	return ": " + topic
}
