package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chibo/store"
)

// TestMemberMistakes: the same person typed twice is caught (name folded,
// same birth date) and saved only when confirmed; a member entered by
// mistake is deleted, one a finalized roll holds is not, and says why.
func TestMemberMistakes(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	if _, err := s.st.SaveMembers(ctx, []store.Member{{FullName: "Giàng A Páo", BirthDate: "1975-04-12",
		Status: store.StatusFull, Position: store.PositionSecretary}}); err != nil {
		t.Fatal(err)
	}
	list := s.goSection(sectionMembers).(*membersScreen)
	list.edit(store.Member{})
	f := s.current.(*memberForm)
	test.Type(f.fullName, "giang a pao")
	test.Type(f.birth, "12/04/1975")
	test.Tap(f.save)
	if txt := overlayText(s.win); !strings.Contains(txt, "Có thể trùng người") || !strings.Contains(txt, "Giàng A Páo, sinh ngày 12/04/1975") {
		t.Fatalf("a likely twin was not caught:\n%s", txt)
	}
	tapDialogButton(t, s.win, "Thôi")
	if ms, _ := s.st.Members(ctx, "", ""); len(ms) != 1 {
		t.Fatalf("«Thôi» saved the twin: %d members", len(ms))
	}
	test.Tap(f.save)
	tapDialogButton(t, s.win, "Vẫn lưu")
	back, ok := s.current.(*membersScreen)
	if !ok || len(back.rows) != 2 {
		t.Fatalf("«Vẫn lưu» left %T with %v", s.current, back)
	}

	// The twin was a mistake: delete it.
	for i, r := range back.rows {
		if r.FullName == "giang a pao" {
			back.open(i)
		}
	}
	test.Tap(s.current.(*memberForm).remove)
	if txt := overlayText(s.win); !strings.Contains(txt, "Chỉ xóa khi nhập nhầm") || strings.Contains(txt, "báo cấp trên xóa theo") {
		t.Errorf("deleting an unsent member asks:\n%s", txt)
	}
	tapDialogButton(t, s.win, "Xóa")
	if ms, _ := s.st.Members(ctx, "", ""); len(ms) != 1 || ms[0].FullName != "Giàng A Páo" {
		t.Fatalf("after deleting: %+v", ms)
	}

	// A member on a finalized roll stays, and the window says why.
	m, _ := s.st.NewMeeting(ctx, store.MeetingRegular, "2026-11-05")
	m.MinuteTaker = "Giàng A Páo"
	if _, err := s.st.SaveAndFinalize(ctx, m); err != nil {
		t.Fatal(err)
	}
	list = s.goSection(sectionMembers).(*membersScreen)
	list.open(0)
	test.Tap(s.current.(*memberForm).remove)
	tapDialogButton(t, s.win, "Xóa")
	if txt := overlayText(s.win); !strings.Contains(txt, "biên bản đã chốt") || !strings.Contains(txt, "Trạng thái") {
		t.Errorf("refusal:\n%s", txt)
	}
}

// TestMeetingMistakes: a second regular meeting for a month is caught
// before it is saved; a draft meeting started by mistake is deleted.
func TestMeetingMistakes(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	first, _ := s.st.NewMeeting(ctx, store.MeetingRegular, "2026-11-05")
	first.MinuteTaker = "Lù Thị Mai"
	if _, err := s.st.SaveAndFinalize(ctx, first); err != nil {
		t.Fatal(err)
	}
	list := s.goSection(sectionMeetings).(*meetingsScreen)
	list.add()
	f := s.current.(*meetingForm)
	f.date.SetText("20/11/2026")
	f.taker.SetText("Lù Thị Mai")
	test.Tap(f.save)
	if txt := overlayText(s.win); !strings.Contains(txt, "Tháng 11/2026 đã có buổi sinh hoạt thường kỳ ngày 05/11/2026") {
		t.Fatalf("a second regular meeting was not caught:\n%s", txt)
	}
	tapDialogButton(t, s.win, "Thôi")
	if ms, _ := s.st.Meetings(ctx, ""); len(ms) != 1 {
		t.Fatalf("«Thôi» saved it: %d meetings", len(ms))
	}
	f.date.SetText("05/12/2026")
	test.Tap(f.save)
	if ms, _ := s.st.Meetings(ctx, ""); len(ms) != 2 || f.remove.Hidden {
		t.Fatalf("December's meeting: %d meetings, delete hidden %v", len(ms), f.remove.Hidden)
	}
	test.Tap(f.remove)
	tapDialogButton(t, s.win, "Xóa")
	if ms, _ := s.st.Meetings(ctx, ""); len(ms) != 1 {
		t.Errorf("after deleting the draft: %d meetings", len(ms))
	}
	if _, ok := s.current.(*meetingsScreen); !ok {
		t.Errorf("after deleting: %T", s.current)
	}
}
