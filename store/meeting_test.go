package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// meetingCell is a cell of four full members, a probationary one and an
// exempt one, with a draft regular meeting for 05/11/2026.
func meetingCell(t *testing.T) (*Store, []Member, Meeting) {
	t.Helper()
	ctx := context.Background()
	st := newCell(t)
	ms, err := st.SaveMembers(ctx, []Member{
		{FullName: "Giàng A Páo", Position: PositionSecretary}, {FullName: "Lù Thị Mai"},
		{FullName: "Vàng Seo Chứ"}, {FullName: "Sùng A Dế"},
		{FullName: "Lò Văn Dự", Status: StatusProbationary}, {FullName: "Hầu Cụ", Status: StatusExempt},
	})
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.NewMeeting(ctx, MeetingRegular, "2026-11-05")
	if err != nil {
		t.Fatal(err)
	}
	m.MinuteTaker = "Lù Thị Mai"
	return st, ms, m
}

func TestNewRegularMeetingHasStandardAgenda(t *testing.T) {
	_, _, m := meetingCell(t)
	if len(m.Agenda) < 10 || m.Agenda[0].Title != "Thu đảng phí tháng" {
		t.Fatalf("agenda %+v", m.Agenda)
	}
	st, _, _ := meetingCell(t)
	th, err := st.NewMeeting(context.Background(), MeetingThematic, "2026-11-20")
	if err != nil || len(th.Agenda) != 0 {
		t.Fatalf("thematic agenda %+v %v", th.Agenda, err)
	}
}

func TestMeetingPartsRoundTripAndTravel(t *testing.T) {
	ctx := context.Background()
	st, ms, m := meetingCell(t)
	m.Agenda = []AgendaItem{{Title: "Ý kiến", Conclusion: "Nhất trí", Speakers: []Speaker{
		{MemberID: ms[2].ID, Remarks: "Đề nghị làm đường"}, {Name: "Ông Hoàng (khách mời)", Remarks: "Ủng hộ"}}}}
	m.Tasks = []Task{{Title: "Vận động làm đường", AssigneeID: ms[3].ID, DueDate: "2026-11-30"}}
	m.Dues = []DuesPaid{{MemberID: ms[0].ID, Amount: 10000}, {MemberID: ms[1].ID, Amount: 5000}}
	m.Scores = []Score{{Criterion: "conduct", Points: 35}, {Criterion: "results", Points: 28}}
	m.Votes = []Vote{{Kind: "admission", Subject: "Kết nạp quần chúng Lò Thị Hoa", For: 4}}
	saved, err := st.SaveMeeting(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Meeting(ctx, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	sp := got.Agenda[0].Speakers
	if len(sp) != 2 || sp[0].Name != "Vàng Seo Chứ" || sp[1].Name != "Ông Hoàng (khách mời)" {
		t.Errorf("speakers %+v", sp)
	}
	if len(got.Tasks) != 1 || got.Tasks[0].AssigneeName != "Sùng A Dế" || got.Tasks[0].DueDate != "2026-11-30" {
		t.Errorf("tasks %+v", got.Tasks)
	}
	if len(got.Dues) != 2 || got.ScoreTotal() != 63 || len(got.Votes) != 1 || got.Votes[0].For != 4 {
		t.Errorf("dues %+v scores %+v votes %+v", got.Dues, got.Scores, got.Votes)
	}
	changes, _ := st.LocalChanges(ctx, 0)
	seen := map[string]bool{}
	for _, c := range changes {
		if err := ValidChange(c); err != nil {
			t.Errorf("change %s does not validate: %v", c.Entity, err)
		}
		seen[c.Entity] = true
	}
	for _, e := range []string{"speaker", "task", "dues", "meeting_score", "meeting_vote"} {
		if !seen[e] {
			t.Errorf("no %s change in the log", e)
		}
	}
	// Dropping a speaker deletes it and logs the delete.
	got.Agenda[0].Speakers = got.Agenda[0].Speakers[:1]
	if _, err := st.SaveMeeting(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := st.Meeting(ctx, got.ID); len(again.Agenda[0].Speakers) != 1 {
		t.Errorf("speakers after drop: %+v", again.Agenda[0].Speakers)
	}
}

// TestMeetingBadInputChangesNothing: each bad input is refused with the
// field to fix, and neither the meeting nor the change log moves.
func TestMeetingBadInputChangesNothing(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		edit     func(m *Meeting, ms []Member)
		finalize bool
		field    string
	}{
		"end before start":               {func(m *Meeting, _ []Member) { m.StartTime, m.EndTime = "19:30", "18:00" }, false, "end_time"},
		"chair not a member":             {func(m *Meeting, _ []Member) { m.Chair = "Người lạ" }, false, "chair"},
		"chair absent":                   {func(m *Meeting, _ []Member) { m.Attendance[0].Status = AttExcused }, false, "chair"},
		"more votes than voters":         {func(m *Meeting, _ []Member) { m.VotesFor, m.VotesAgainst = 4, 1 }, false, "votes_for"},
		"probationary cannot add a vote": {func(m *Meeting, _ []Member) { m.VotesFor = 5 }, false, "votes_for"},
		"admission vote too large": {func(m *Meeting, _ []Member) {
			m.Votes = []Vote{{Kind: "admission", Subject: "Kết nạp", For: 5}}
		}, false, "vote_extra"},
		"score above the criterion":     {func(m *Meeting, _ []Member) { m.Scores = []Score{{Criterion: "time", Points: 6}} }, false, "score"},
		"task without title":            {func(m *Meeting, ms []Member) { m.Tasks = []Task{{AssigneeID: ms[1].ID}} }, false, "task"},
		"finalize without minute-taker": {func(m *Meeting, _ []Member) { m.MinuteTaker = "" }, true, "minute_taker"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			st, ms, m := meetingCell(t)
			// Roll order follows the folded name: Giàng (chair), Hầu, Lò, Lù, Sùng, Vàng.
			if m.Attendance[0].MemberName != "Giàng A Páo" {
				t.Fatalf("roll order %+v", m.Attendance)
			}
			if tc.finalize {
				var err error
				tc.edit(&m, ms)
				if m, err = st.SaveMeeting(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := st.LocalChanges(ctx, 0)
			var err error
			if tc.finalize {
				_, err = st.FinalizeMeeting(ctx, m.ID)
			} else {
				tc.edit(&m, ms)
				_, err = st.SaveMeeting(ctx, m)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("got %v, want a %s field error", err, tc.field)
			}
			after, _ := st.LocalChanges(ctx, 0)
			list, _ := st.Meetings(ctx, "")
			if len(after) != len(before) || (!tc.finalize && len(list) != 0) || (tc.finalize && list[0].State != StateDraft) {
				t.Errorf("bad input changed something: %d→%d changes, meetings %+v", len(before), len(after), list)
			}
		})
	}
}

// TestFinalizedMeetingLockedInStore: once finalized nothing of the
// meeting changes through the store, children included.
func TestFinalizedMeetingLockedInStore(t *testing.T) {
	ctx := context.Background()
	st, ms, m := meetingCell(t)
	m.Tasks = []Task{{Title: "Làm đường", AssigneeID: ms[1].ID}}
	m, err := st.SaveMeeting(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	fin, err := st.FinalizeMeeting(ctx, m.ID)
	if err != nil || fin.Number != 1 {
		t.Fatalf("finalize: %v %+v", err, fin)
	}
	before, _ := st.LocalChanges(ctx, 0)
	edits := map[string]func(*Meeting){
		"resolution":  func(x *Meeting) { x.Resolution = "sửa" },
		"task":        func(x *Meeting) { x.Tasks[0].Title = "sửa" },
		"dues":        func(x *Meeting) { x.Dues = []DuesPaid{{MemberID: ms[0].ID, Amount: 1}} },
		"attendance":  func(x *Meeting) { x.Attendance[1].Status = AttUnexcused },
		"agenda item": func(x *Meeting) { x.Agenda = x.Agenda[1:] },
	}
	for name, edit := range edits {
		x, _ := st.Meeting(ctx, m.ID)
		edit(&x)
		if _, err := st.SaveMeeting(ctx, x); !errors.Is(err, ErrLocked) {
			t.Errorf("%s: edit of a finalized meeting: %v", name, err)
		}
	}
	if _, err := st.FinalizeMeeting(ctx, m.ID); !errors.Is(err, ErrLocked) {
		t.Errorf("finalize twice: %v", err)
	}
	if after, _ := st.LocalChanges(ctx, 0); len(after) != len(before) {
		t.Errorf("a locked meeting logged %d changes", len(after)-len(before))
	}
}

func TestCorrectionKeepsOldRevision(t *testing.T) {
	ctx := context.Background()
	st, ms, m := meetingCell(t)
	m.Resolution = "Bản gốc"
	m, _ = st.SaveMeeting(ctx, m)
	if _, err := st.FinalizeMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	// Later promotions must not change the corrected roll.
	ms[4].Status = StatusFull
	if _, err := st.SaveMember(ctx, ms[4]); err != nil {
		t.Fatal(err)
	}
	c, err := st.CorrectMeeting(ctx, m.ID, "sửa số phiếu")
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == m.ID || c.Revision != 2 || c.Number != 1 || c.State != StateDraft || c.Revises != m.ID || c.RevisionNote != "sửa số phiếu" {
		t.Fatalf("correction %+v", c)
	}
	if again, _ := st.CorrectMeeting(ctx, m.ID, ""); again.ID != c.ID {
		t.Errorf("second correction made another draft")
	}
	for _, a := range c.Attendance {
		if a.MemberID == ms[4].ID && a.MemberStatus != StatusProbationary {
			t.Errorf("corrected roll took today's status %q", a.MemberStatus)
		}
	}
	c.Resolution = "Bản sửa"
	if c, err = st.SaveMeeting(ctx, c); err != nil {
		t.Fatal(err)
	}
	if fin, err := st.FinalizeMeeting(ctx, c.ID); err != nil || fin.Number != 1 {
		t.Fatalf("finalize correction: %v %+v", err, fin)
	}
	old, _ := st.Meeting(ctx, m.ID)
	if old.Resolution != "Bản gốc" || old.State != StateFinalized {
		t.Errorf("old revision changed: %+v", old)
	}
	book, err := st.MinuteBook(ctx, 2026)
	if err != nil || len(book) != 1 || book[0].ID != c.ID {
		t.Fatalf("minute book %+v %v", book, err)
	}
	if sup, _ := st.Superseded(ctx); !sup[m.ID] || sup[c.ID] {
		t.Errorf("superseded %v", sup)
	}
}

func TestTasksCarryToNextMeeting(t *testing.T) {
	ctx := context.Background()
	st, ms, m := meetingCell(t)
	m.Date = "2026-10-05"
	m.Tasks = []Task{{Title: "Làm đường", AssigneeID: ms[1].ID, DueDate: "2026-10-30"},
		{Title: "Thu quỹ", AssigneeID: ms[2].ID, DueDate: "2026-10-30"}}
	m, _ = st.SaveMeeting(ctx, m)
	if _, err := st.FinalizeMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	last, err := st.LastMonthTasks(ctx, "2026-11-05")
	if err != nil || len(last) != 2 {
		t.Fatalf("last month's tasks %+v %v", last, err)
	}
	next, _ := st.NewMeeting(ctx, MeetingRegular, "2026-11-05")
	next.Reports = []TaskReport{{TaskID: last[0].ID, Done: true, Note: "xong"}}
	if _, err := st.SaveMeeting(ctx, next); err != nil {
		t.Fatal(err)
	}
	over, err := st.OverdueTasks(ctx, "2026-11-06")
	if err != nil || len(over) != 1 || over[0].Title != "Thu quỹ" || over[0].AssigneeName != "Vàng Seo Chứ" {
		t.Fatalf("overdue %+v %v", over, err)
	}
}

// TestSaveAndFinalizeAllOrNothing: the form's "Chốt" is one transaction;
// a refusal leaves no draft behind.
func TestSaveAndFinalizeAllOrNothing(t *testing.T) {
	ctx := context.Background()
	st, _, m := meetingCell(t)
	m.MinuteTaker = ""
	var fe *FieldError
	if _, err := st.SaveAndFinalize(ctx, m); !errors.As(err, &fe) || fe.Field != "minute_taker" {
		t.Fatalf("got %v, want a minute_taker field error", err)
	}
	if list, _ := st.Meetings(ctx, ""); len(list) != 0 {
		t.Fatalf("refused finalize stored %d meetings", len(list))
	}
	m.MinuteTaker = "Lù Thị Mai"
	fin, err := st.SaveAndFinalize(ctx, m)
	if err != nil || fin.State != StateFinalized || fin.Number != 1 {
		t.Fatalf("finalize: %v %+v", err, fin)
	}
}

func TestMeetingReminders(t *testing.T) {
	ctx := context.Background()
	st, ms, m := meetingCell(t)
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	r, err := st.MeetingReminders(ctx, day)
	if err != nil || !r.RegularDue || !r.ThematicDue || len(r.Overdue) != 0 {
		t.Fatalf("empty cell: %+v %v", r, err)
	}
	m.Tasks = []Task{{Title: "Làm đường", AssigneeID: ms[1].ID, DueDate: "2026-11-15"}}
	if _, err := st.SaveAndFinalize(ctx, m); err != nil {
		t.Fatal(err)
	}
	th, _ := st.NewMeeting(ctx, MeetingThematic, "2026-10-10")
	th.Topic = "Bảo vệ rừng"
	if _, err := st.SaveMeeting(ctx, th); err != nil {
		t.Fatal(err)
	}
	r, _ = st.MeetingReminders(ctx, day)
	if r.RegularDue || r.ThematicDue || len(r.Overdue) != 1 {
		t.Fatalf("after meetings: %+v", r)
	}
	if r, _ = st.MeetingReminders(ctx, day.AddDate(0, 2, 0)); !r.RegularDue || !r.ThematicDue {
		t.Fatalf("next quarter: %+v", r)
	}
}
