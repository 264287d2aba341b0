package sync

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"chibo/store"
)

const decisionYear = 2025

// ratedCell makes a cell whose members carry the given proposals for
// decisionYear, exports it and imports the bundle at the hub.
func ratedCell(t *testing.T, hub *site, name string, levels []string) *site {
	t.Helper()
	ctx := context.Background()
	cell := newCell(t, hub, name)
	fillCell(t, cell, len(levels)+2, 0)
	ms, err := cell.st.Members(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var rs []store.Review
	for i, l := range levels {
		rs = append(rs, store.Review{MemberID: ms[i].ID, Year: decisionYear, CellLevel: l})
	}
	rs = append(rs, store.Review{MemberID: "", Year: decisionYear, CellLevel: "good"})
	if _, err := cell.st.SaveReviews(ctx, rs); err != nil {
		t.Fatal(err)
	}
	carry(t, cell, hub)
	return cell
}

// carry exports the cell's changes and imports them at the hub.
func carry(t *testing.T, cell, hub *site) {
	t.Helper()
	e := export(t, cell)
	if r := Import(context.Background(), hub.st, e.Path, acceptAll(hub.st, e.Path)); r.Status != Accepted && r.Status != Duplicate {
		t.Fatalf("hub import of %s: %+v", cell.id, r)
	}
}

// waitingCandidate adds a candidate the cell has voted on, waiting for
// the hub's admission decision.
func waitingCandidate(t *testing.T, cell *site) store.Candidate {
	t.Helper()
	ctx := context.Background()
	ms, err := cell.st.Members(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	ms[0].FullDate, ms[1].FullDate = "2006-05-19", "2006-05-19" // introducers must be full members
	if ms, err = cell.st.SaveMembers(ctx, ms[:2]); err != nil {
		t.Fatal(err)
	}
	cs, err := cell.st.SaveCandidates(ctx, []store.Candidate{{FullName: "Ly Thị Sua", Sex: store.SexFemale,
		BirthDate: "2000-01-01", Education: "9/12", ListedDate: "2025-01-10", ClassDate: "2025-03-01",
		Introducer1: ms[0].ID, Introducer2: ms[1].ID, Dossier: map[string]string{"1-KNĐ": "2025-04-01"},
		CellVoteDate: "2025-06-10", VotesFor: 4, Voters: 4}})
	if err != nil {
		t.Fatal(err)
	}
	return cs[0]
}

var decision = store.Decision{No: "125-QĐ/ĐU", Date: "2026-01-15"}

// TestDecisionsRoundTrip: cell → hub → decisions → cell with real files;
// the cell holds the hub's levels, its own rating and the admission,
// re-importing changes nothing, another cell cannot read the file, and
// once the cell reports them applied the hub stops sending them.
func TestDecisionsRoundTrip(t *testing.T) {
	ctx := context.Background()
	today := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	hub := newHub(t, "Đảng ủy xã Tả Van")
	a := ratedCell(t, hub, "Chi bộ thôn Lao Chải", []string{"excellent", "good", "good", "good", "good"})
	b := ratedCell(t, hub, "Chi bộ thôn Tả Van", []string{"good", "done"})
	cand := waitingCandidate(t, a)
	carry(t, a, hub)

	if n, err := hub.st.ApproveRatings(ctx, a.id, decisionYear, decision, today); err != nil || n != 5 {
		t.Fatalf("approve: %d %v", n, err)
	}
	if err := hub.st.RateCell(ctx, a.id, decisionYear, "excellent", decision, today); err != nil {
		t.Fatal(err)
	}
	if _, err := hub.st.DecideCandidate(ctx, cand.ID, decision, today); err != nil {
		t.Fatal(err)
	}
	stick := t.TempDir()
	var calls int
	out, err := ExportDecisions(ctx, hub.st, stick, func(done, total int) { calls++ })
	if err != nil || len(out) != 1 || calls != 1 {
		t.Fatalf("export decisions: %+v %v (progress %d)", out, err, calls)
	}
	if !hasTodo(t, a, cand.ID, store.TodoHubDecision) {
		t.Fatal("before the decision: no to-do waiting for the hub")
	}
	r := Import(ctx, a.st, out[0].Path, Options{})
	if r.Status != Accepted || r.Changes != 7 {
		t.Fatalf("cell import: %+v", r)
	}
	revs, err := a.st.Reviews(ctx, "", decisionYear)
	if err != nil {
		t.Fatal(err)
	}
	for id, rv := range revs {
		if rv.HubLevel == "" || rv.HubDecisionNo != decision.No || rv.HubDecisionDate != decision.Date {
			t.Errorf("review of %q: hub %q %q %q", id, rv.HubLevel, rv.HubDecisionNo, rv.HubDecisionDate)
		}
	}
	if revs[""].HubLevel != "excellent" || revs[""].CellLevel != "good" {
		t.Errorf("cell's own review: %+v", revs[""])
	}
	cs, _ := a.st.Candidates(ctx)
	// The import is the day the cell received the decision, so the stage
	// moves past it and the ceremony deadline starts counting.
	if len(cs) != 1 || cs[0].Stage() != "received" || cs[0].HubDecisionNo != decision.No ||
		cs[0].DecisionReceived != time.Now().Format("2006-01-02") {
		t.Errorf("candidate after the decision: %+v", cs)
	}
	if hasTodo(t, a, cand.ID, store.TodoHubDecision) {
		t.Error("after the decision the to-do list still waits for the hub")
	}

	before := a.dbHash(t)
	if r := Import(ctx, a.st, out[0].Path, Options{}); r.Status != Duplicate {
		t.Errorf("re-import: %+v", r)
	}
	if a.dbHash(t) != before {
		t.Error("re-import changed the database")
	}
	if r := Import(ctx, b.st, out[0].Path, Options{}); r.Status != Refused || !errors.Is(r.Err, ErrNotForUs) {
		t.Errorf("replay at another cell: %+v", r)
	}

	// Not yet reported applied: the next hub bundle carries them again.
	again, err := ExportDecisions(ctx, hub.st, t.TempDir(), nil)
	if err != nil || len(again) != 1 || again[0].Changes != 7 {
		t.Fatalf("before the cell's report: %+v %v", again, err)
	}
	if r := Import(ctx, a.st, again[0].Path, Options{}); r.Status != Accepted || r.Changes != 0 {
		t.Errorf("cumulative bundle at the cell: %+v", r)
	}
	carry(t, a, hub)
	if again, err := ExportDecisions(ctx, hub.st, t.TempDir(), nil); err != nil || len(again) != 0 {
		t.Errorf("after the cell's report: %+v %v", again, err)
	}
}

// TestHubChangeRefused: a hub bundle is applied only for fields the hub
// decides, under the hub's origin and into this cell; anything else
// refuses the whole bundle.
func TestHubChangeRefused(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := ratedCell(t, hub, "Chi bộ thôn Lao Chải", []string{"good"})
	ms, _ := cell.st.Members(ctx, "", "")
	rid := ""
	revs, _ := cell.st.Reviews(ctx, "", decisionYear)
	rid = revs[ms[0].ID].ID
	ok := store.Change{Origin: hub.id, Seq: 40, Lamport: 900, Entity: "review", EntityID: rid, OrgID: cell.id,
		Op: store.OpUpsert, Fields: map[string]any{"hub_level": "good"}, WallTime: "2026-01-15T00:00:00Z"}
	cases := []struct {
		name string
		edit func(c *store.Change)
		want error
	}{
		{"member name", func(c *store.Change) {
			c.Entity, c.EntityID, c.Fields = "member", ms[0].ID, map[string]any{"full_name": "Tên khác"}
		}, store.ErrNotHubDecision},
		{"cell's own proposal", func(c *store.Change) { c.Fields = map[string]any{"cell_level": "excellent"} }, store.ErrNotHubDecision},
		{"delete without a conflict", func(c *store.Change) { c.Op, c.Fields = store.OpDelete, nil }, store.ErrNotHubDecision},
		{"cell's own origin", func(c *store.Change) { c.Origin = cell.id }, store.ErrInvalid},
		{"another cell", func(c *store.Change) { c.OrgID = "01a22101-0000-0000-0000-000000000000" }, store.ErrInvalid},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			c.Fields = map[string]any{"hub_level": "good"}
			tc.edit(&c)
			before := cell.dbHash(t)
			ack := store.AckIn{BundleID: fmt.Sprintf("bad-%d", i), HubID: hub.id, AsOf: "2026-01-15T00:00:00Z"}
			_, _, err := cell.st.ApplyHubBundle(ctx, ack, store.HubIn{Origins: []string{hub.id}, Changes: []store.Change{ok, c}})
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if cell.dbHash(t) != before {
				t.Error("a refused hub bundle changed the database")
			}
		})
	}
}

// TestDecisionQuota: "xuất sắc" is counted over every cell of the hub,
// the hub's level where decided, else the proposal.
func TestDecisionQuota(t *testing.T) {
	ctx := context.Background()
	today := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		cells   [][]string
		raise   int // cell whose first member the hub raises to "excellent"; -1 approves cell 0 instead
		wantErr error
		wantOK  bool // quota after
	}{
		{"one excellent in ten good, two cells", [][]string{{"excellent", "good", "good", "good", "good"}, {"good", "good", "good", "good", "good"}}, -1, nil, true},
		{"alone over quota, within it across cells", [][]string{{"excellent", "good"}, {"good", "good", "good", "good", "good", "good", "good", "good"}}, -1, nil, true},
		// 20 % of those rated "tốt" (not of "tốt or above"): 1 of 6 passes, 2 of 5 does not.
		{"raising breaks the quota across cells", [][]string{{"excellent", "good", "good", "good", "good"}, {"good", "good"}}, 1, store.ErrQuotaExceeded, true},
		{"raising within it", [][]string{{"good", "good", "good", "good", "good"}, {"good", "good", "good", "good", "good"}}, 1, nil, true},
		{"approving an over-quota proposal", [][]string{{"excellent", "excellent", "good"}, {"done", "done"}}, -1, store.ErrQuotaExceeded, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hub := newHub(t, "Đảng ủy xã Tả Van")
			var cells []*site
			for i, ls := range tc.cells {
				cells = append(cells, ratedCell(t, hub, fmt.Sprintf("Chi bộ số %d", i+1), ls))
			}
			var err error
			if tc.raise < 0 {
				_, err = hub.st.ApproveRatings(ctx, cells[0].id, decisionYear, decision, today)
			} else {
				sh, _ := hub.st.HubRatingSheet(ctx, decisionYear)
				id := ""
				for _, c := range sh.Cells {
					if c.OrgID == cells[tc.raise].id {
						id = c.Rows[0].Review.ID
					}
				}
				err = hub.st.DecideRating(ctx, id, decisionYear, "excellent", decision, today)
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("decision: %v, want %v", err, tc.wantErr)
			}
			sh, err := hub.st.HubRatingSheet(ctx, decisionYear)
			if err != nil || sh.QuotaOK != tc.wantOK {
				t.Errorf("quota after: ok=%v %d of %d (%v), want ok=%v", sh.QuotaOK, sh.Excellent, sh.Allowed, err, tc.wantOK)
			}
		})
	}
}

// hasTodo reports whether the cell's to-do list has this kind for the
// candidate.
func hasTodo(t *testing.T, cell *site, candID, kind string) bool {
	t.Helper()
	ts, err := cell.st.Todos(context.Background(), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, td := range ts {
		if td.PersonID == candID && td.Kind == kind {
			return true
		}
	}
	return false
}

// TestHubResolutionAccepted: a field outside the decisions is accepted
// when the hub lists it as a conflict it settled, and the cell holds it.
func TestHubResolutionAccepted(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := ratedCell(t, hub, "Chi bộ thôn Lao Chải", []string{"good"})
	ms, _ := cell.st.Members(ctx, "", "")
	c := store.Change{Origin: hub.id, Seq: 7, Lamport: 900, Entity: "member", EntityID: ms[0].ID, OrgID: cell.id,
		Op: store.OpUpsert, Fields: map[string]any{"full_name": "Giàng A Pháo"}, WallTime: "2026-01-15T00:00:00Z",
		Saw: map[string]int64{cell.id: 1000}}
	in := store.HubIn{Origins: []string{hub.id}, Changes: []store.Change{c},
		Resolutions: []store.Resolution{{ConflictID: "c1", Entity: "member", EntityID: ms[0].ID, Field: "full_name"}}}
	ack := store.AckIn{BundleID: "res-1", HubID: hub.id, AsOf: "2026-01-15T00:00:00Z"}
	if _, n, err := cell.st.ApplyHubBundle(ctx, ack, in); err != nil || n != 1 {
		t.Fatalf("resolution: %d %v", n, err)
	}
	m, _ := cell.st.Member(ctx, ms[0].ID)
	if m.FullName != "Giàng A Pháo" {
		t.Errorf("member after the hub's resolution: %q", m.FullName)
	}
	applied, _ := cell.st.HubApplied(ctx)
	if applied[hub.id] != 7 {
		t.Errorf("hub changes applied: %v, want %s: 7", applied, hub.id)
	}
}
