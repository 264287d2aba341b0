package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"chibo/store"
)

// TestMeetingLengthWarns: a short meeting is warned about as the times are
// typed, saved anyway, and named on the overview.
func TestMeetingLengthWarns(t *testing.T) {
	tests := map[string]struct {
		start, end string
		thematic   bool // a thematic meeting saved the same day first
		want       string
	}{
		"default times":     {"19:30", "21:30", false, ""},
		"exactly 90":        {"19:30", "21:00", false, ""},
		"regular too short": {"19:30", "20:45", false, "dài 75 phút, ngắn hơn thời lượng tối thiểu 90 phút (Hướng dẫn 42-HD/BTCTW)."},
		"combined too short": {"19:30", "21:00", true,
			"Buổi sinh hoạt thường kỳ kết hợp chuyên đề ngày 05/11/2026 dài 90 phút, ngắn hơn thời lượng tối thiểu 120 phút"},
		"combined long enough": {"19:00", "21:00", true, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := newCellShell(t)
			addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
			if tc.thematic {
				th, _ := s.st.NewMeeting(ctx, store.MeetingThematic, "2026-11-05")
				th.Topic, th.StartTime, th.EndTime = "Bảo vệ rừng", "19:30", "20:00"
				if _, err := s.st.SaveMeeting(ctx, th); err != nil {
					t.Fatal(err)
				}
			}
			_, f := openNewMeeting(t, s)
			f.date.SetText("")
			test.Type(f.date, "05/11/2026")
			f.start.SetText("")
			test.Type(f.start, tc.start)
			f.end.SetText("")
			test.Type(f.end, tc.end)
			if got := f.lengthInfo.Text; !strings.Contains(got, tc.want) || (tc.want == "") != (got == "") || f.lengthInfo.Hidden != (got == "") {
				t.Errorf("form warning %q (hidden %v), want %q", got, f.lengthInfo.Hidden, tc.want)
			}
			test.Tap(f.save) // a warning, not a refusal
			if _, err := s.st.Meeting(ctx, f.m.ID); err != nil {
				t.Fatalf("short meeting not saved: %v; dialog %s", err, overlayText(s.win))
			}
			rs, _ := meetingReminders(s, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
			got := reminderTexts(rs)
			if (tc.want == "") == strings.Contains(got, "ngắn hơn thời lượng tối thiểu") || !strings.Contains(got, tc.want) {
				t.Errorf("overview %q, want %q", got, tc.want)
			}
		})
	}
}
