package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// TestOneReminderList: the overview holds the one list of what to do, and
// each item's button opens the place to do it: a leftover draft, dues
// never recorded, the month's meeting, the year-end review when due, and
// data not yet sent.
func TestOneReminderList(t *testing.T) {
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	// A member form typed and left to the autosave, as after a crash.
	selectSection(t, s, sectionMembers)
	s.current.(*membersScreen).open(0)
	f := s.current.(*memberForm)
	f.phone.SetText("0912 345 678")
	s.autosave()
	s.form = nil // the window died; nothing asks

	cases := []struct {
		name, text, button string
		opened             func() bool
	}{
		{"a leftover draft", "Đang sửa dở, chưa lưu: Sửa thông tin: Giàng A Páo", "Mở lại", func() bool {
			g, ok := s.current.(*memberForm)
			return ok && g.phone.Text == "0912 345 678"
		}},
		{"dues never recorded", "Sổ đảng phí năm 2026 còn", "Ghi đảng phí", func() bool { _, ok := s.current.(*duesScreen); return ok }},
		{"this month's meeting", "Tháng 12/2026 chưa có buổi sinh hoạt thường kỳ.", "Ghi biên bản", func() bool {
			m, ok := s.current.(*meetingForm)
			return ok && m.m.Kind == store.MeetingRegular
		}},
		{"the year-end review", "Kiểm điểm, xếp loại cuối năm 2026: còn 2 đồng chí", "Mở kiểm điểm", func() bool {
			_, ok := s.current.(*reviewScreen)
			return ok
		}},
		{"data not yet sent", "Có dữ liệu mới chưa gửi lên cấp trên.", "Gửi cấp trên", func() bool { _, ok := s.current.(*sendScreen); return ok }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.form = nil // each case leaves what the last one opened without asking
			s.goSection("Tổng quan")
			o := s.current.(*overviewScreen)
			o.today = func() time.Time { return time.Date(2026, 12, 6, 9, 0, 0, 0, time.Local) }
			o.reload()
			s.display(o)
			shown := windowText(s.win)
			if !strings.Contains(shown, tc.text) {
				t.Fatalf("the overview does not say %q:\n%s", tc.text, shown)
			}
			tapReminder(t, s, tc.text, tc.button)
			closeDialogs(s.win)
			if !tc.opened() {
				t.Errorf("«%s» opened %T", tc.button, s.current)
			}
		})
	}
}

// tapReminder taps the button on the reminder row that says text.
func tapReminder(t *testing.T, s *shell, text, button string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(s.win.Content()) {
		row, ok := o.(*fyne.Container)
		if !ok || !rowSays(row, text) {
			continue
		}
		for _, x := range test.LaidOutObjects(row) {
			if b, ok := x.(*widget.Button); ok && b.Text == button {
				test.Tap(b)
				return
			}
		}
	}
	t.Fatalf("no reminder row says %q with a button %q:\n%s", text, button, windowText(s.win))
}

// rowSays reports whether a reminder row's own text contains text.
func rowSays(row *fyne.Container, text string) bool {
	for _, x := range row.Objects {
		if l, ok := x.(*widget.Label); ok && strings.HasPrefix(l.Text, "• ") && strings.Contains(l.Text, text) {
			return true
		}
	}
	return false
}
