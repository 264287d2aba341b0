package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// voteMeetingOn saves a meeting on date with everyone present except as
// att says (member key → attendance code), and returns its id.
func voteMeetingOn(t *testing.T, st *Store, m map[string]Member, date string, att map[string]string) string {
	t.Helper()
	ctx := context.Background()
	mt, err := st.NewMeeting(ctx, MeetingRegular, date)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range mt.Attendance {
		for k, code := range att {
			if m[k].ID == a.MemberID {
				mt.Attendance[i].Status = code
			}
		}
	}
	saved, err := st.SaveMeeting(ctx, mt)
	if err != nil {
		t.Fatal(err)
	}
	return saved.ID
}

// TestCandidateVoteDenominator: a vote held at a meeting is counted on that
// meeting's roll (here Páo, Mai and the exempt Chứ, who came: 3 voters;
// Dính and Dự are probationary, Lử is attached temporarily); a vote from the
// paper records keeps its typed voters.
func TestCandidateVoteDenominator(t *testing.T) {
	st, m := candidateCell(t)
	ctx := context.Background()
	cellMeeting := voteMeetingOn(t, st, m, "2025-06-12", map[string]string{"Chứ": AttExemptPresent})
	fullMeeting := voteMeetingOn(t, st, m, "2026-08-05", map[string]string{"Chứ": AttExemptPresent})
	voteMeetingOn(t, st, m, "2025-06-20", nil)
	voteMeetingOn(t, st, m, "2025-06-20", nil)
	empty := voteMeetingOn(t, st, m, "2025-06-25", map[string]string{"Páo": AttExcused, "Mai": AttElsewhere})
	atMeeting := func(c *Candidate, id, date string, votes ...int) {
		c.CellVoteMeeting, c.CellVoteDate, c.Voters = id, date, 99 // typed voters are not trusted
		c.VotesFor, c.VotesAgainst, c.VotesAbstain = votes[0], votes[1], votes[2]
	}
	cases := []struct {
		name       string
		edit       func(c *Candidate)
		want       error  // nil: saved
		field      string // the refusal's field
		wantVoters int    // saved: the denominator stored
	}{
		{"paper record keeps its typed voters", func(c *Candidate) {}, nil, "", 3},
		{"exactly two thirds of the roll passes", func(c *Candidate) { atMeeting(c, cellMeeting, "2025-06-12", 2, 1, 0) }, nil, "", 3},
		{"meeting picked, date taken from it", func(c *Candidate) { atMeeting(c, cellMeeting, "", 3, 0, 0) }, nil, "", 3},
		{"linked by its date alone", func(c *Candidate) { atMeeting(c, "", "2025-06-12", 2, 0, 1) }, nil, "", 3},
		{"failed vote kept when nothing follows it", func(c *Candidate) {
			atMeeting(c, cellMeeting, "2025-06-12", 1, 2, 0)
			c.HubDecisionNo, c.HubDecisionDate, c.DecisionReceived, c.CeremonyDate = "", "", "", ""
		}, nil, "", 3},
		{"tally over the meeting's roll", func(c *Candidate) { atMeeting(c, cellMeeting, "2025-06-12", 2, 1, 1) }, ErrVotesOverVoters, "votes_for", 0},
		{"typed tally over the roll of the meeting that day", func(c *Candidate) { c.CellVoteDate, c.VotesFor, c.Voters = "2025-06-12", 4, 12 },
			ErrVotesOverVoters, "votes_for", 0},
		{"passed vote below two thirds", func(c *Candidate) { atMeeting(c, cellMeeting, "2025-06-12", 1, 1, 1) }, ErrVoteFailed, "votes_for", 0},
		{"vote date not the meeting's", func(c *Candidate) { atMeeting(c, cellMeeting, "2025-06-13", 3, 0, 0) }, ErrVoteMeetingDate, "cell_vote_date", 0},
		{"meeting not in the book", func(c *Candidate) { atMeeting(c, "no-such-meeting", "2025-06-12", 3, 0, 0) }, ErrVoteMeeting, "cell_vote_meeting", 0},
		{"two meetings that day", func(c *Candidate) { atMeeting(c, "", "2025-06-20", 3, 0, 0) }, ErrVoteMeetingPick, "cell_vote_meeting", 0},
		{"meeting where nobody could vote", func(c *Candidate) { atMeeting(c, empty, "2025-06-25", 0, 0, 0) }, ErrVoteNoRoll, "cell_vote_meeting", 0},
		{"full vote over its meeting's roll", func(c *Candidate) {
			c.FullVoteMeeting, c.FullVotesFor, c.FullVotesAgainst, c.FullVoters = fullMeeting, 3, 1, 12
		}, ErrVotesOverVoters, "full_votes_for", 0},
		{"full membership decided on a vote below two thirds", func(c *Candidate) {
			c.FullVoteMeeting, c.FullVotesFor, c.FullVotesAgainst, c.FullDecisionDate = fullMeeting, 1, 2, "2026-10-20"
		}, ErrVoteFailed, "full_votes_for", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := admitted(m)
			tc.edit(&c)
			before := changeCount(t, st)
			out, err := st.SaveCandidates(ctx, []Candidate{c})
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if out[0].Voters != tc.wantVoters {
					t.Errorf("voters %d, want %d", out[0].Voters, tc.wantVoters)
				}
				return
			}
			var fe *FieldError
			if !errors.Is(err, tc.want) || !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("err = %v, want %v on %s", err, tc.want, tc.field)
			}
			if changeCount(t, st) != before {
				t.Error("a refused save left changes behind")
			}
		})
	}
}

// TestCandidateVoteFullMeeting: the full-membership vote takes its
// denominator and, when left empty, its date from the meeting.
func TestCandidateVoteFullMeeting(t *testing.T) {
	st, m := candidateCell(t)
	ctx := context.Background()
	full := voteMeetingOn(t, st, m, "2026-08-05", map[string]string{"Mai": AttExcused})
	c := admitted(m)
	c.FullVoteMeeting, c.FullVotesFor, c.FullVoters = full, 1, 40
	out, err := st.SaveCandidates(ctx, []Candidate{c})
	if err != nil {
		t.Fatal(err)
	}
	if g := out[0]; g.FullVoteDate != "2026-08-05" || g.FullVoters != 1 || g.Stage() != "full_vote" {
		t.Errorf("full vote %s %d/%d stage %s, want 2026-08-05 1/1 full_vote", g.FullVoteDate, g.FullVotesFor, g.FullVoters, g.Stage())
	}
	back, _ := st.Candidates(ctx)
	if back[0].FullVoteMeeting != full || back[0].FullVoters != 1 {
		t.Errorf("read back %q %d", back[0].FullVoteMeeting, back[0].FullVoters)
	}
}

// TestImportCandidatesVoteAtMeeting: a file's typed voters are ignored for
// a vote held at a meeting the app has; its tally must fit that roll.
func TestImportCandidatesVoteAtMeeting(t *testing.T) {
	st, m := candidateCell(t)
	ctx := context.Background()
	voteMeetingOn(t, st, m, "2025-06-10", nil) // Páo and Mai may vote
	body := candidateHeader + "Ly Thị Sua,01/01/2000,Mông,9/12,,10/01/2025,01/03/2025,10/06/2025,3,12,Giàng A Páo,Lù Thị Mai\n"
	_, err := st.ImportCandidatesCSV(ctx, strings.NewReader(body))
	var ce *CSVError
	if !errors.As(err, &ce) || ce.Column != "Số phiếu tán thành" || !errors.Is(err, ErrVotesOverVoters) {
		t.Fatalf("err = %v, want votes over the meeting's 2 voters", err)
	}
	body = strings.Replace(body, ",3,12,", ",2,12,", 1)
	if _, err := st.ImportCandidatesCSV(ctx, strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	cs, _ := st.Candidates(ctx)
	if len(cs) != 1 || cs[0].CellVoteMeeting == "" || cs[0].Voters != 2 {
		t.Errorf("imported %+v", cs)
	}
}
