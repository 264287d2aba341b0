package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chibo/rules"
	"chibo/store"
)

// voteMeeting saves a meeting on iso where the exempt member came (so
// Páo, Mai and Chứ may vote: 3) and the minutes hold an admission vote.
func voteMeeting(t *testing.T, s *shell, iso string, v store.Vote) store.Meeting {
	t.Helper()
	ctx := context.Background()
	m, err := s.st.NewMeeting(ctx, store.MeetingRegular, iso)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range m.Attendance {
		if a.MemberStatus == store.StatusExempt {
			m.Attendance[i].Status = store.AttExemptPresent
		}
	}
	m.Votes = []store.Vote{v}
	if m, err = s.st.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	return m
}

// fillCandidate types a candidate ready for the cell's vote.
func fillCandidate(f *candidateForm) {
	test.Type(f.name, "Ly Thị Sua")
	test.Type(f.birth, "01/01/2000")
	test.Type(f.education, "9/12")
	f.intro1.SetSelected("Giàng A Páo — Chính thức")
	f.intro2.SetSelected("Lù Thị Mai — Chính thức")
	test.Type(f.dates["listed"], "10/01/2025")
}

// TestCandidateVoteFromMeeting: typing the vote's date picks the meeting
// held that day, the voters come from its roll, the minutes' tally can be
// taken over, a tally over the roll is refused with nothing saved, and the
// saved vote stays linked to its meeting.
func TestCandidateVoteFromMeeting(t *testing.T) {
	s, _ := cellWorkShell(t, "Phát triển đảng viên")
	mt := voteMeeting(t, s, "2025-12-15", store.Vote{Kind: rules.VoteAdmission,
		Subject: voteActions[0].prefix + "Ly Thị Sua", For: 2, Against: 1})
	c := s.current.(*candidatesScreen)
	c.edit(store.Candidate{})
	f := s.current.(*candidateForm)
	fillCandidate(f)
	b := f.cellVote
	if b.pick.Selected != paperVote || b.voters.Disabled() || !strings.Contains(b.source.Text, "hồ sơ giấy") {
		t.Fatalf("no date yet: pick %q, voters disabled %v, %q", b.pick.Selected, b.voters.Disabled(), b.source.Text)
	}
	test.Type(f.dates["cell_vote"], "15/12/2025")
	if b.pick.Selected != meetingChoice(mt) || b.voters.Text != "3" || !b.voters.Disabled() {
		t.Fatalf("date typed: pick %q, voters %q (disabled %v)", b.pick.Selected, b.voters.Text, b.voters.Disabled())
	}
	if !strings.Contains(b.source.Text, "điểm danh cuộc họp ngày 15/12/2025: 3") {
		t.Errorf("source %q", b.source.Text)
	}
	if !b.fromMinutes.Visible() {
		t.Fatal("the minutes' tally for Ly Thị Sua is not offered")
	}
	test.Tap(b.fromMinutes)
	if b.votesFor.Text != "2" || b.against.Text != "1" || b.result.Text != "2/3 = 66,7 %, cần ≥ 2/3: đạt." {
		t.Fatalf("from the minutes: %q %q, result %q", b.votesFor.Text, b.against.Text, b.result.Text)
	}

	b.votesFor.SetText("3") // 3 + 1 ballots, 3 voters
	if !strings.Contains(b.result.Text, "Tổng số phiếu 4 nhiều hơn số đảng viên có quyền biểu quyết (3)") {
		t.Errorf("live result %q", b.result.Text)
	}
	f.submit()
	if msg := overlayText(s.win); !strings.Contains(msg, "Số phiếu nhiều hơn số đảng viên biểu quyết") {
		t.Fatalf("over the roll: %q", msg)
	}
	closeDialogs(s.win)
	if cs, _ := s.st.Candidates(context.Background()); len(cs) != 0 {
		t.Fatalf("a refused tally saved %d candidates", len(cs))
	}

	b.votesFor.SetText("2")
	f.submit()
	cs, err := s.st.Candidates(context.Background())
	if err != nil || len(cs) != 1 {
		t.Fatalf("saved %v %v; dialog %q", cs, err, overlayText(s.win))
	}
	if g := cs[0]; g.CellVoteMeeting != mt.ID || g.Voters != 3 || g.VotesFor != 2 || g.VotesAgainst != 1 {
		t.Errorf("stored vote %q %d+%d/%d", g.CellVoteMeeting, g.VotesFor, g.VotesAgainst, g.Voters)
	}
	// Reopened, the form shows the meeting again.
	c.edit(cs[0])
	if g := s.current.(*candidateForm); g.cellVote.pick.Selected != meetingChoice(mt) || g.cellVote.voters.Text != "3" {
		t.Errorf("reopened: %q %q", g.cellVote.pick.Selected, g.cellVote.voters.Text)
	}
}

// TestCandidateVotePaperRecord: a date with no meeting in the app keeps
// the typed voters, and the form says so.
func TestCandidateVotePaperRecord(t *testing.T) {
	s, _ := cellWorkShell(t, "Phát triển đảng viên")
	voteMeeting(t, s, "2025-12-15", store.Vote{Kind: rules.VoteAdmission, Subject: "Kết nạp vào Đảng quần chúng Người Khác", For: 3})
	c := s.current.(*candidatesScreen)
	c.edit(store.Candidate{})
	f := s.current.(*candidateForm)
	fillCandidate(f)
	test.Type(f.dates["cell_vote"], "15/12/2025")
	if f.cellVote.fromMinutes.Visible() {
		t.Error("another person's tally is offered")
	}
	f.dates["cell_vote"].SetText("10/12/2025") // no meeting that day
	b := f.cellVote
	if b.pick.Selected != paperVote || b.voters.Disabled() || !strings.Contains(b.source.Text, "biên bản giấy") {
		t.Fatalf("paper record: pick %q, voters disabled %v, %q", b.pick.Selected, b.voters.Disabled(), b.source.Text)
	}
	if !strings.Contains(b.source.Text, "không phải số người đã bỏ phiếu") {
		t.Errorf("the paper form does not say the base is those with the right to vote: %q", b.source.Text)
	}
	// The cell's list has 3 full members (one exempt): a base of 12
	// contradicts the roll and is refused, in Vietnamese, saving nothing.
	b.voters.SetText("12")
	b.votesFor.SetText("9")
	f.submit()
	if cs, _ := s.st.Candidates(context.Background()); len(cs) != 0 ||
		!strings.Contains(overlayText(s.win), "nhiều hơn số đảng viên chính thức trong danh sách") {
		t.Fatalf("base over the roll: saved %d; dialog %q", len(cs), overlayText(s.win))
	}
	closeDialogs(s.win)
	b.voters.SetText("3")
	b.votesFor.SetText("2")
	if b.result.Text != "2/3 = 66,7 %, cần ≥ 2/3: đạt." {
		t.Errorf("result %q", b.result.Text)
	}
	f.submit()
	cs, _ := s.st.Candidates(context.Background())
	if len(cs) != 1 || cs[0].CellVoteMeeting != "" || cs[0].Voters != 3 {
		t.Fatalf("saved %+v; dialog %q", cs, overlayText(s.win))
	}
}
