package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"chibo/store"
)

// openNewMeeting opens the meetings section and starts a meeting.
func openNewMeeting(t *testing.T, s *shell) (*meetingsScreen, *meetingForm) {
	t.Helper()
	s.nav.Select(2)
	list := s.current.(*meetingsScreen)
	list.add()
	f, ok := s.current.(*meetingForm)
	if !ok {
		t.Fatalf("add opened %T; dialog %s", s.current, overlayText(s.win))
	}
	return list, f
}

func TestMeetingSaveFinalizeLocks(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	ms := addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ")
	list, f := openNewMeeting(t, s)
	if len(f.roll) != 3 || f.chair.Text != "Giàng A Páo" {
		t.Fatalf("roll %d rows, chair %q", len(f.roll), f.chair.Text)
	}
	f.date.SetText("")
	test.Type(f.date, "05/11/2026")
	test.Type(f.topic, "Sinh hoạt thường kỳ tháng 11")
	f.taker.SetText("Lù Thị Mai")
	absent := f.roll[2] // sorted by name: Giàng, Lù, Vàng
	absent.status.SetSelected("Vắng có lý do")
	test.Type(absent.reason, "Đi làm nương xa")
	f.agenda.rows = nil // start from an empty agenda instead of the standard one
	test.Tap(f.agenda.add)
	item := f.agenda.rows[0]
	test.Type(item.title, "Kết quả tháng 10")
	test.Tap(item.addSpeaker)
	item.speakers[0].who.SetText("Giàng A Páo")
	test.Type(item.speakers[0].remarks, "thu hoạch xong.")
	test.Type(item.concl, "Hoàn thành kế hoạch.")
	f.votesFor.SetText("2")
	test.Tap(f.save)
	if f.m.ID == "" {
		t.Fatalf("not saved; dialog %s", overlayText(s.win))
	}
	got, err := s.st.Meeting(ctx, f.m.ID)
	if err != nil {
		t.Fatal(err)
	}
	var a store.Attendance
	for _, x := range got.Attendance {
		if x.MemberID == ms[2].ID {
			a = x
		}
	}
	if got.Date != "2026-11-05" || a.Status != store.AttExcused || a.Reason != "Đi làm nương xa" ||
		len(got.Agenda) != 1 || len(got.Agenda[0].Speakers) != 1 || got.Agenda[0].Speakers[0].Remarks != "thu hoạch xong." ||
		got.Agenda[0].Speakers[0].MemberID != ms[0].ID || got.VotesFor != 2 {
		t.Fatalf("stored %+v, absent %+v", got, a)
	}
	test.Tap(f.save) // a second save updates, it does not add a twin item
	if got, _ = s.st.Meeting(ctx, f.m.ID); len(got.Agenda) != 1 || len(got.Attendance) != 3 || len(got.Agenda[0].Speakers) != 1 {
		t.Fatalf("second save: %d items, %d roll", len(got.Agenda), len(got.Attendance))
	}

	test.Tap(f.finalize)
	tapDialogButton(t, s.win, "Có")
	got, _ = s.st.Meeting(ctx, f.m.ID)
	if got.State != store.StateFinalized || got.Number != 1 {
		t.Fatalf("state %q number %d", got.State, got.Number)
	}
	for name, d := range map[string]interface{ Disabled() bool }{
		"save": f.save, "finalize": f.finalize, "date": f.date, "topic": f.topic, "kind": f.kind,
		"chair": f.chair, "roll status": absent.status, "roll reason": absent.reason, "agenda title": item.title,
		"speaker": item.speakers[0].remarks, "add item": f.agenda.add, "votes": f.votesFor, "resolution": f.resolution,
	} {
		if !d.Disabled() {
			t.Errorf("%s still editable after finalizing", name)
		}
	}
	if f.print.Disabled() {
		t.Error("a finalized meeting must still print")
	}

	// Reopened from the list it is read-only too.
	f.done()
	list.open(0)
	again := s.current.(*meetingForm)
	if !again.save.Disabled() || !again.roll[0].status.Disabled() || list.cell(0, 4) != "Đã chốt (số 1)" {
		t.Error("reopened finalized meeting is editable")
	}
}

func TestMeetingBadDateKeepsForm(t *testing.T) {
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo")
	_, f := openNewMeeting(t, s)
	f.date.SetText("")
	test.Type(f.date, "32/13/2026")
	test.Type(f.topic, "Chuyên đề")
	test.Tap(f.save)
	if txt := overlayText(s.win); !contains(txt, "Ngày họp", "32/13/2026") {
		t.Errorf("dialog %q", txt)
	}
	if ms, _ := s.st.Meetings(context.Background(), ""); len(ms) != 0 || f.topic.Text != "Chuyên đề" {
		t.Errorf("saved %d meetings, topic %q", len(ms), f.topic.Text)
	}
}

func TestPrintMinutesWritesPDF(t *testing.T) {
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	_, f := openNewMeeting(t, s)
	var printed store.Meeting
	real := minutesPDF
	minutesPDF = func(w io.Writer, org store.Org, m store.Meeting, members []store.Member) error {
		printed = m
		return real(w, org, m, members)
	}
	t.Cleanup(func() { minutesPDF = real })
	test.Type(f.topic, "In thử")
	test.Tap(f.print)
	if printed.Topic != "In thử" {
		t.Errorf("printed %+v", printed)
	}
	files, _ := filepath.Glob(filepath.Join(printFolder(s.st.Dir()), "*.pdf"))
	if len(files) != 1 {
		t.Fatalf("pdf files %v; dialog %s", files, overlayText(s.win))
	}
	b, _ := os.ReadFile(files[0])
	if !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("not a PDF: %q", b[:min(len(b), 20)])
	}
}
