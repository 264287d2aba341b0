package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"chibo/rules"
)

func candidateCell(t *testing.T) (*Store, map[string]Member) {
	t.Helper()
	st, m, _ := reviewCell(t)
	p, err := st.SaveMember(context.Background(), Member{FullName: "Hầu A Dự", AdmissionDate: "2025-01-05", Status: StatusProbationary})
	if err != nil {
		t.Fatal(err)
	}
	m["Dự"] = p
	return st, m
}

// admitted is a candidate who went the whole way, dates in order.
func admitted(m map[string]Member) Candidate {
	return Candidate{FullName: "Ly Thị Sua", Sex: SexFemale, BirthDate: "2000-01-01", Ethnicity: "Mông", Education: "9/12",
		HelperID: m["Páo"].ID, ListedDate: "2025-01-10", ClassDate: "2025-03-01", BackgroundDate: "2025-05-01",
		Introducer1: m["Páo"].ID, Introducer2: m["Mai"].ID, Dossier: map[string]string{"1-KNĐ": "2025-04-01", "2-KNĐ": "2025-04-01"},
		CellVoteDate: "2025-06-10", VotesFor: 3, Voters: 3, HubDecisionNo: "125-QĐ/ĐU", HubDecisionDate: "2025-08-01",
		DecisionReceived: "2025-08-05", CeremonyDate: "2025-08-05"}
}

// atStage is admitted(m) under another name, its dates from the cell's
// vote on replaced ("" = stage not reached): decision number and date,
// receipt, ceremony.
func atStage(m map[string]Member, name, vote, decision, received, ceremony string) Candidate {
	c := admitted(m)
	c.FullName, c.CellVoteDate, c.HubDecisionDate, c.DecisionReceived, c.CeremonyDate = name, vote, decision, received, ceremony
	if decision == "" {
		c.HubDecisionNo = ""
	}
	return c
}

func TestCandidateBecomesMember(t *testing.T) {
	st, m := candidateCell(t)
	ctx := context.Background()
	out, err := st.SaveCandidates(ctx, []Candidate{admitted(m)})
	if err != nil {
		t.Fatal(err)
	}
	c := out[0]
	mem, err := st.Member(ctx, c.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	if mem.Status != StatusProbationary || mem.AdmissionDate != "2025-08-01" || mem.Ethnicity != "Mông" {
		t.Errorf("new member %+v", mem)
	}
	c.FullVoteDate, c.FullVotesFor, c.FullVoters, c.FullDecisionDate = "2026-08-05", 3, 3, "2026-10-20"
	if _, err := st.SaveCandidates(ctx, []Candidate{c}); err != nil {
		t.Fatal(err)
	}
	mem, _ = st.Member(ctx, c.MemberID)
	// Probation runs from the ceremony (05/08/2025), not the decision
	// (01/08/2025): Điều lệ Đảng, Điều 5.1; party age stays with the decision.
	if mem.Status != StatusFull || mem.FullDate != "2026-08-05" || mem.AdmissionDate != "2025-08-01" || mem.CeremonyDate != "2025-08-05" {
		t.Errorf("after full membership: %s from %s (admitted %s, ceremony %s), want full from 2026-08-05 (end of probation)",
			mem.Status, mem.FullDate, mem.AdmissionDate, mem.CeremonyDate)
	}
	cs, err := st.Candidates(ctx)
	if err != nil || len(cs) != 1 || cs[0].Stage() != "full" || cs[0].Dossier["1-KNĐ"] != "2025-04-01" {
		t.Fatalf("candidates %+v %v", cs, err)
	}
}

func TestCandidateRefusals(t *testing.T) {
	st, m := candidateCell(t)
	ctx := context.Background()
	cases := []struct {
		name string
		edit func(c *Candidate)
		want error
	}{
		{"stage date before the previous", func(c *Candidate) { c.ClassDate = "2024-12-01" }, ErrStageOrder},
		{"ceremony before the decision arrived", func(c *Candidate) { c.CeremonyDate = "2025-08-04" }, ErrStageOrder},
		{"introducer is probationary", func(c *Candidate) { c.Introducer2 = m["Dự"].ID }, ErrIntroducerBad},
		{"turns 18 the day after the vote", func(c *Candidate) { c.BirthDate = "2007-06-11" }, rules.ErrTooYoung},
		{"votes over voters", func(c *Candidate) { c.VotesFor = 4 }, ErrVotesOverVoters},
		{"vote short of two thirds", func(c *Candidate) { c.VotesFor = 1 }, ErrVoteFailed},
		{"decision without a vote", func(c *Candidate) { c.CellVoteDate, c.VotesFor, c.Voters = "", 0, 0 }, ErrStageSkipped},
		{"one introducer only", func(c *Candidate) { c.Introducer2 = "" }, ErrInvalid},
		{"education below minimum", func(c *Candidate) { c.Education = "7/12" }, rules.ErrEducation},
		{"full vote before probation ends", func(c *Candidate) { c.FullVoteDate, c.FullVotesFor, c.FullVoters = "2026-07-30", 3, 3 }, ErrStageOrder},
		// Probation runs twelve months from the ceremony (05/08/2025), not
		// from the decision (01/08/2025): Điều lệ Đảng, Điều 5.1.
		{"full vote a year after the decision but not after the ceremony", func(c *Candidate) {
			c.FullVoteDate, c.FullVotesFor, c.FullVoters = "2026-08-03", 3, 3
		}, ErrStageOrder},
		{"no name", func(c *Candidate) { c.FullName = "" }, ErrInvalid},
		{"certificate expired by the vote", func(c *Candidate) { c.ListedDate, c.ClassDate = "2019-01-01", "2020-06-09" }, rules.ErrCertExpired},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := admitted(m)
			tc.edit(&c)
			before := changeCount(t, st)
			ok := Candidate{FullName: "Giàng Thị Pà", ListedDate: "2025-02-01"}
			_, err := st.SaveCandidates(ctx, []Candidate{ok, c})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if changeCount(t, st) != before {
				t.Error("a refused save left changes behind")
			}
		})
	}
	// The age refusal says when the candidate becomes eligible.
	c := admitted(m)
	c.BirthDate = "2007-06-11"
	_, err := st.SaveCandidates(ctx, []Candidate{c})
	var ae *rules.AgeError
	if !errors.As(err, &ae) || ae.Eligible.Format("2006-01-02") != "2025-06-11" {
		t.Errorf("age error %v, want eligible 2025-06-11", err)
	}
}

func TestTodos(t *testing.T) {
	st, m := candidateCell(t)
	ctx := context.Background()
	waitHub := atStage(m, "A Chờ Quyết Định", "2025-12-15", "", "", "")
	waitCeremony := atStage(m, "B Chờ Kết Nạp", "2025-12-01", "2026-01-15", "2026-01-20", "")
	probation := admitted(m) // ceremony done: full vote due 30 working days after 2026-08-01
	classOnly := Candidate{FullName: "D Mới Học Lớp", ListedDate: "2021-01-01", ClassDate: "2021-03-15"}
	old := admitted(m) // voted in 2019: before the holiday table, so no deadline rather than a wrong one
	old.FullName, old.ListedDate, old.ClassDate, old.BackgroundDate = "E Cũ", "2018-01-01", "2018-03-01", "2018-05-01"
	old.BirthDate, old.CellVoteDate, old.HubDecisionDate, old.DecisionReceived, old.CeremonyDate = "1990-01-01", "2019-12-20", "", "", ""
	if _, err := st.SaveCandidates(ctx, []Candidate{waitHub, waitCeremony, probation, classOnly, old}); err != nil {
		t.Fatal(err)
	}
	todos, err := st.Todos(ctx, time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var cands []Todo
	for _, td := range todos {
		if td.Member {
			continue // the probationary members of the fixture: TestTodosOfProbationaryMembers
		}
		cands = append(cands, td)
		got = append(got, td.Kind+" "+td.Due+" "+strings.Fields(td.Person)[0])
		if td.Rule == "" {
			t.Errorf("%s has no source regulation", td.Kind)
		}
	}
	// Ly's full vote: probation ends 05/08/2026, 12 months from the ceremony;
	// 30 working days later, counting Saturday 22/08 (worked by decree) and
	// skipping Monday 31/08 (swapped), 1/9 and 2/9, is 18/09/2026.
	want := []string{"certificate_expiry 2026-03-14 D", "ceremony 2026-03-10 B", "hub_decision 2026-03-17 A", "full_vote 2026-09-18 Ly"}
	want = []string{want[1], want[0], want[2], want[3]} // soonest first
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("todos\n got %v\nwant %v", got, want)
	}
	if cands[0].DaysLeft != -2 || cands[1].DaysLeft != 2 {
		t.Errorf("days left %d, %d; want -2 (overdue), 2", cands[0].DaysLeft, cands[1].DaysLeft)
	}
	if d := cands[3].Deadline; d.Before == nil || d.Before.Due.Format("2006-01-02") != "2026-08-05" || d.Count == nil {
		t.Errorf("full vote deadline does not explain itself: %+v", d)
	}
}
