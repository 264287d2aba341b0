package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// A cell's fields only the hub decides, written as the attack: a cell
// that imported this year's ratings as decided made the hub count 22 of
// 25 members "excellent", far over the quota, with no decision; it could
// overwrite a level the hub had decided; candidates' decisions were open
// the same way.

var hubDecision = Decision{No: "12-QĐ/ĐU", Date: "2026-01-15"}

// rogueYear is a rating year the cell keeps in the app: it sends its first
// bundle now.
func rogueYear() int { return time.Now().UTC().Year() }

// rogueRatings is a cell of 25 members whose reviews of year claim hub
// levels: 22 "excellent", as if imported from a spreadsheet.
func rogueRatings(r *rogueCell, year int) []Change {
	return append([]Change{r.change("org", r.id, map[string]any{"name": "Chi bộ " + r.id, "kind": OrgKindCell})},
		rogueReviews(r, year)...)
}

// rogueReviews is rogueRatings without the cell's own record.
func rogueReviews(r *rogueCell, year int) []Change {
	var cs []Change
	for i := range 25 {
		m := fmt.Sprintf("%s-m%02d", r.id, i)
		level := "excellent"
		if i >= 22 {
			level = "good"
		}
		cs = append(cs,
			r.change("member", m, map[string]any{"full_name": fmt.Sprint("Đảng viên ", i), "status": StatusFull,
				"admission_date": "2000-01-01"}),
			r.change("review", reviewID(r.id, m, year), map[string]any{"member_id": m, "year": year, "imported": true,
				"hub_level": level, "hub_decision_no": "99-QĐ/ĐU", "hub_decision_date": fmt.Sprintf("%d-01-15", year)}))
	}
	return cs
}

func TestInsiderCellCannotDecideThisYearsRatings(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	r := newRogue("cell-rogue")
	year := rogueYear()
	r.mustSend(t, hub, rogueRatings(r, year)...)
	facts, err := hub.HubFacts(ctx, HubQuery{Year: year})
	if err != nil {
		t.Fatal(err)
	}
	f := facts[r.id]
	if n := sum(f.Levels); n != 0 {
		t.Errorf("the hub counts %d levels it never decided: %v", n, f.Levels)
	}
	if f.Proposed["excellent"] != 22 || f.Proposed["good"] != 3 {
		t.Errorf("proposals %v, want 22 excellent and 3 good apart", f.Proposed)
	}
	sheet, err := hub.HubRatingSheet(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	if len(sheet.Cells) != 1 || sheet.Cells[0].Waiting != 25 {
		t.Fatalf("rating sheet %+v", sheet.Cells)
	}
	for _, row := range sheet.Cells[0].Rows {
		if row.Review.HubLevel != "" || row.Review.HubDecisionNo != "" || row.Review.CellLevel == "" {
			t.Fatalf("a claimed level shows as decided, or not as a proposal: %+v", row.Review)
		}
	}
	stats, err := hub.HubStats(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(stats.Ratings[year]) != 0 || stats.Proposed[year] != 25 {
		t.Errorf("dashboard: decided %v, proposed %d", stats.Ratings[year], stats.Proposed[year])
	}
}

func TestInsiderCellCannotOverwriteTheHubsDecision(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	r := newRogue("cell-rogue")
	year := rogueYear() - 1 // history by its year: only the imported flag is missing
	m := r.id + "-m"
	id := reviewID(r.id, m, year)
	r.mustSend(t, hub,
		r.change("org", r.id, map[string]any{"name": "Chi bộ X", "kind": OrgKindCell}),
		r.change("member", m, map[string]any{"full_name": "Giàng A Páo", "status": StatusFull, "admission_date": "2000-01-01"}),
		r.change("review", id, map[string]any{"member_id": m, "year": year, "cell_level": "good"}))
	if err := hub.DecideRating(ctx, id, year, "done", hubDecision, time.Now()); err != nil {
		t.Fatal(err)
	}
	writes := map[string]map[string]any{
		"a level":                         {"hub_level": "excellent"},
		"a level marked as paper history": {"hub_level": "excellent", "imported": true},
		"the decision number":             {"hub_decision_no": "1-QĐ/GIẢ", "hub_decision_date": "2020-01-01"},
	}
	for name, f := range writes {
		t.Run(name, func(t *testing.T) {
			r.mustSend(t, hub, r.change("review", id, f))
			got, err := hub.Reviews(ctx, r.id, year)
			if err != nil {
				t.Fatal(err)
			}
			if rv := got[m]; rv.HubLevel != "done" || rv.HubDecisionNo != hubDecision.No || rv.HubDecisionDate != hubDecision.Date {
				t.Fatalf("the hub's decision became %q %q %q", rv.HubLevel, rv.HubDecisionNo, rv.HubDecisionDate)
			}
		})
	}
	t.Run("a delete", func(t *testing.T) {
		c := r.change("review", id, nil)
		c.Op = OpDelete
		r.mustSend(t, hub, c)
		if got, _ := hub.Reviews(ctx, r.id, year); got[m].HubLevel != "done" {
			t.Fatalf("the decided review is gone: %+v", got)
		}
	})
}

// TestHistoryFromPaperIsTheHubsRecord: the one exception. Ratings decided
// on paper in years before the cell kept its books in the app, imported
// as such, are the record of those years; the same file for the year the
// cell joined is a proposal.
func TestHistoryFromPaperIsTheHubsRecord(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	r := newRogue("cell-old")
	past := rogueYear() - 3
	r.mustSend(t, hub, rogueRatings(r, past)...)
	r.mustSend(t, hub, rogueReviews(r, rogueYear())...)
	facts, err := hub.HubFacts(ctx, HubQuery{Year: past})
	if err != nil {
		t.Fatal(err)
	}
	if f := facts[r.id]; f.Levels["excellent"] != 22 || f.Levels["good"] != 3 || sum(f.Proposed) != 0 {
		t.Errorf("history of %d: decided %v, proposed %v", past, f.Levels, f.Proposed)
	}
	facts, _ = hub.HubFacts(ctx, HubQuery{Year: rogueYear()})
	if f := facts[r.id]; sum(f.Levels) != 0 || sum(f.Proposed) != 25 {
		t.Errorf("the year it joined: decided %v, proposed %v", f.Levels, f.Proposed)
	}
	// Unmarked as paper history, the levels are no longer the record.
	m := r.id + "-m00"
	r.mustSend(t, hub, r.change("review", reviewID(r.id, m, past), map[string]any{"imported": false}))
	if got, _ := hub.Reviews(ctx, r.id, past); got[m].HubLevel != "" {
		t.Errorf("history no longer marked as such still counts: %+v", got[m])
	}
}

func TestInsiderCellCannotDecideCandidates(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	r := newRogue("cell-rogue")
	this := fmt.Sprintf("%d-02-01", rogueYear())
	r.mustSend(t, hub,
		r.change("org", r.id, map[string]any{"name": "Chi bộ X", "kind": OrgKindCell}),
		r.change("candidate", "cand-new", map[string]any{"full_name": "Lò Văn Hùng", "cell_vote_date": this,
			"hub_decision_no": "5-QĐ/GIẢ", "hub_decision_date": this}),
		r.change("candidate", "cand-old", map[string]any{"full_name": "Lò Thị Mai", "cell_vote_date": "2019-05-01",
			"hub_decision_no": "7-QĐ/ĐU", "hub_decision_date": "2019-06-01", "full_decision_date": "2020-06-01"}))
	waiting, err := hub.CandidatesAwaitingHub(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(waiting) != 1 || waiting[0].Candidate.ID != "cand-new" || waiting[0].Candidate.HubDecisionNo != "" {
		t.Fatalf("awaiting the hub: %+v", waiting)
	}
	old, err := candidateOf(hub, r.id, "cand-old")
	if err != nil {
		t.Fatal(err)
	}
	if old.HubDecisionNo != "7-QĐ/ĐU" || old.FullDecisionDate != "2020-06-01" {
		t.Errorf("a decision of 2019 from paper is not kept: %+v", old)
	}
	if _, err := hub.DecideCandidate(ctx, "cand-new", Decision{No: "8-QĐ/ĐU", Date: this}, time.Now()); err != nil {
		t.Fatal(err)
	}
	r.mustSend(t, hub, r.change("candidate", "cand-new", map[string]any{"hub_decision_no": "5-QĐ/GIẢ", "hub_decision_date": "2019-01-01"}))
	if c, _ := candidateOf(hub, r.id, "cand-new"); c.HubDecisionNo != "8-QĐ/ĐU" || c.HubDecisionDate != this {
		t.Errorf("the hub's admission decision became %q %q", c.HubDecisionNo, c.HubDecisionDate)
	}
}

// TestClaimsSettledOnUpgrade: a hub's database from before the hub kept
// cells' claims apart holds whatever cells wrote in the hub's fields. The
// first unlock settles them: the hub's own decisions stay, claims become
// proposals.
func TestClaimsSettledOnUpgrade(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	r := newRogue("cell-rogue")
	year := rogueYear()
	r.mustSend(t, hub, rogueRatings(r, year)...)
	// As the old hub stored it: the claims in the review rows themselves.
	for i := range 25 {
		m := fmt.Sprintf("%s-m%02d", r.id, i)
		lvl, err := hub.sl.seal("excellent", recordPlace(entities["review"], "hub_level", r.id, reviewID(r.id, m, year)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := hub.db.Exec("UPDATE reviews SET hub_level = ?, hub_decision_no = '99-QĐ/ĐU' WHERE org_id = ? AND id = ?",
			lvl, r.id, reviewID(r.id, m, year)); err != nil {
			t.Fatal(err)
		}
	}
	hub.db.Exec("DELETE FROM cell_claims")
	hub.db.Exec("DELETE FROM meta WHERE key = 'claims_settled'")
	if f, _ := hub.HubFacts(ctx, HubQuery{Year: year}); f[r.id].Levels["excellent"] != 25 {
		t.Fatalf("the old state under test is not there: %v", f[r.id].Levels)
	}
	hub.Lock()
	if err := hub.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	f, err := hub.HubFacts(ctx, HubQuery{Year: year})
	if err != nil {
		t.Fatal(err)
	}
	if sum(f[r.id].Levels) != 0 || f[r.id].Proposed["excellent"] != 22 {
		t.Errorf("after the upgrade: decided %v, proposed %v", f[r.id].Levels, f[r.id].Proposed)
	}
}

func candidateOf(st *Store, org, id string) (Candidate, error) {
	cs, err := st.CandidatesOf(context.Background(), org)
	for _, c := range cs {
		if c.ID == id {
			return c, err
		}
	}
	return Candidate{}, fmt.Errorf("candidate %s: %w", id, ErrNotFound)
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// TestImportRatingsCSVRefusesYearsKeptInTheApp: the cell's own side of
// the rule. Its ratings import records paper history only; a year from
// its setup on is decided by the hub in the app, so the file is refused
// at the cell with the line and column, before it could reach the hub.
func TestImportRatingsCSVRefusesYearsKeptInTheApp(t *testing.T) {
	st, _, _ := reviewCell(t)
	year := rogueYear()
	body := fmt.Sprintf("Họ và tên,Ngày sinh,Năm,Xếp loại\nGiàng A Páo,01/01/1970,%d,Tốt\nGiàng A Páo,01/01/1970,%d,Tốt\n", year-1, year)
	_, err := st.ImportRatingsCSV(context.Background(), strings.NewReader(body))
	var ce *CSVError
	if !errors.As(err, &ce) || !errors.Is(err, ErrCSVNotHistory) || ce.Line != 3 || ce.Column != "Năm" {
		t.Fatalf("got %v, want line 3, column Năm, not history", err)
	}
}
