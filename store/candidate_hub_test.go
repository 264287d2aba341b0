package store

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// TestDecisionsFollowedAtTheCell: when the hub's decisions land (as the
// import writes them: straight into the candidate row), the cell records
// the day it received an admission decision and promotes a probationary
// member on a full-membership decision, without anyone re-saving.
func TestDecisionsFollowedAtTheCell(t *testing.T) {
	ctx := context.Background()
	today := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		prepare  func(c *Candidate)
		field    string // what the hub's change carried
		value    string
		received string
		status   string // of the member afterwards; "" for no member yet
	}{
		"admission decision arrives": {func(c *Candidate) {
			c.HubDecisionNo, c.HubDecisionDate, c.DecisionReceived, c.CeremonyDate = "", "", "", ""
		}, "hub_decision_date", "2025-08-01", "2026-11-03", ""},
		"full-membership decision arrives": {func(c *Candidate) {
			c.FullVoteDate, c.FullVotesFor, c.FullVoters = "2026-08-05", 3, 3
		}, "full_decision_date", "2026-10-20", "2025-08-05", StatusFull},
		"unrelated field": {func(c *Candidate) {}, "notes", "", "2025-08-05", StatusProbationary},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			st, m := candidateCell(t)
			c := admitted(m)
			tc.prepare(&c)
			out, err := st.SaveCandidates(ctx, []Candidate{c})
			if err != nil {
				t.Fatal(err)
			}
			c = out[0]
			err = st.tx(ctx, func(tx *sql.Tx) error {
				if tc.value != "" {
					if _, err := tx.Exec("UPDATE candidates SET "+tc.field+" = ? WHERE id = ?", tc.value, c.ID); err != nil {
						return err
					}
				}
				ch := Change{Entity: "candidate", EntityID: c.ID, Fields: map[string]any{tc.field: tc.value}}
				return afterHubDecisions(ctx, tx, st.sl, []Change{ch}, today)
			})
			if err != nil {
				t.Fatal(err)
			}
			cs, _ := st.Candidates(ctx)
			if cs[0].DecisionReceived != tc.received {
				t.Errorf("decision received %q, want %q", cs[0].DecisionReceived, tc.received)
			}
			if tc.status == "" {
				return
			}
			mem, err := st.Member(ctx, cs[0].MemberID)
			if err != nil || mem.Status != tc.status {
				t.Errorf("member %+v %v, want status %s", mem, err, tc.status)
			}
		})
	}
}
