package sync

import (
	"context"
	"fmt"
	"math"
	"time"

	"pgregory.net/rapid"

	"chibo/store"
)

// An adversarial cell among the honest ones: enrolled like any cell, so
// its bundles are signed with its own key, but written by hand. It claims
// what only the hub decides (its members' levels and decision numbers for
// this year, its candidates' admissions), plants lines into the honest
// cells' minutes and records under their ids, and sends clocks at the end
// of an int64. The property: the honest cells' records and the hub's
// decisions come out the same as without it (the second hub is fed the
// honest cells' files only), and the hub counts none of its claims as a
// decision.

// rogueSim is the adversarial cell: what the hub has accepted from it so
// far, and the next sequence number and clock it writes with.
type rogueSim struct {
	site     *site
	seq, lam int64
	n        int // records written, for fresh ids
	refused  int // bundles the hub refused, for the log
}

// rogueYear is a rating year the rogue keeps in the app: it joined now.
func rogueYear() int { return time.Now().UTC().Year() }

func newRogue(t *rapid.T, s *sim) *rogueSim {
	r := &rogueSim{site: newCell(s.tb, s.hub, "Chi bộ thôn Giả")}
	s.open = append(s.open, r.site.st)
	r.send(t, s, []store.Change{r.change("org", r.site.id, map[string]any{"name": "Chi bộ thôn Giả", "kind": store.OrgKindCell})})
	return r
}

func (r *rogueSim) change(entity, id string, f map[string]any) store.Change {
	r.seq++
	r.lam++
	return store.Change{Origin: r.site.id, Seq: r.seq, Lamport: r.lam, Entity: entity, EntityID: id, OrgID: r.site.id,
		Op: store.OpUpsert, Fields: f, WallTime: time.Now().UTC().Format(time.RFC3339)}
}

// send signs the changes as the rogue's bundle and delivers it. A refused
// bundle changes nothing at the hub; the rogue takes its numbers back.
func (r *rogueSim) send(t *rapid.T, s *sim, cs []store.Change) {
	ctx := context.Background()
	spec, err := prepareExport(ctx, r.site.st)
	if err != nil {
		t.Fatal(err)
	}
	spec.changes = cs
	spec.manifest.Ranges = rangesOf(cs)
	spec.manifest.SeqFrom, spec.manifest.SeqTo = cs[0].Seq, cs[len(cs)-1].Seq
	b, _, err := encodeBundle(spec)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(s.tb, spec.manifest.BundleID+bundleExt, b)
	if res := importNew(ctx, s.hub.st, path); res.Status == Refused {
		r.refused++
		r.seq = cs[0].Seq - 1
		r.lam = r.seq // its clock only ever moved with its own writes
	}
}

// act is one adversarial move, drawn.
func (r *rogueSim) act(t *rapid.T, s *sim) {
	r.n++
	victim := rapid.SampledFrom(s.cells).Draw(t, "victim")
	year := rogueYear()
	var cs []store.Change
	switch rapid.IntRange(0, 5).Draw(t, "rogue move") {
	case 0: // this year's levels claimed as the hub's, 22 of 25 "excellent" as in the field
		m := fmt.Sprintf("rogue-m%d", r.n)
		cs = append(cs, r.change("member", m, map[string]any{"full_name": "Đảng viên giả", "status": store.StatusFull}),
			r.change("review", fmt.Sprintf("rogue-rv%d", r.n), map[string]any{"member_id": m, "year": year, "imported": true,
				"hub_level": "excellent", "hub_decision_no": "1-QĐ/GIẢ", "hub_decision_date": fmt.Sprintf("%d-01-02", year)}),
			r.change("review", fmt.Sprintf("rogue-own%d", r.n), map[string]any{"member_id": "", "year": year, "hub_level": "excellent"}))
	case 1: // an admission decided by the rogue itself
		cs = append(cs, r.change("candidate", fmt.Sprintf("rogue-c%d", r.n), map[string]any{"full_name": "Quần chúng giả",
			"cell_vote_date": fmt.Sprintf("%d-03-01", year), "hub_decision_no": "2-QĐ/GIẢ", "hub_decision_date": fmt.Sprintf("%d-03-02", year)}))
	case 2: // a line in an honest cell's minutes
		cs = append(cs, r.change("agenda_item", fmt.Sprintf("rogue-a%d", r.n), map[string]any{"meeting_id": victim.meeting,
			"ord": 9, "title": "Kỷ luật đồng chí Bí thư"}))
	case 3: // an honest cell's member, under the honest id, once the hub holds it
		// (an id the hub does not hold yet, the rogue can still take first,
		// and the honest cell's record is then refused: members, meetings and
		// agenda items are keyed by id alone, not yet under their
		// organisation as migrations/0010 did for attendance, reviews, dues)
		id := rapid.SampledFrom(victim.members).Draw(t, "victim member")
		if _, err := s.hub.st.Member(context.Background(), id); err != nil {
			return
		}
		cs = append(cs, r.change("member", id, map[string]any{"full_name": "Đã khai trừ", "status": store.StatusExpelled}))
	case 4: // a clock at the end of an int64
		c := r.change("member", fmt.Sprintf("rogue-m%d", r.n), map[string]any{"full_name": "Đảng viên giả"})
		c.Lamport = math.MaxInt64
		cs = append(cs, c)
	default: // the cell's own rating of this year, claimed, after the hub rated it
		cs = append(cs, r.change("review", fmt.Sprintf("rogue-own%d", r.n), map[string]any{"member_id": "", "year": year,
			"imported": true, "hub_level": "excellent", "hub_decision_no": "3-QĐ/GIẢ"}))
	}
	r.send(t, s, cs)
}

// hubRates has the hub's clerk rate an honest cell's year: a decision
// only the hub makes, which the rogue must not move or be counted beside.
func (s *sim) hubRates(t *rapid.T) {
	c := rapid.SampledFrom(s.cells).Draw(t, "rated cell")
	level := rapid.SampledFrom([]string{"excellent", "good", "done"}).Draw(t, "hub level")
	err := s.hub.st.RateCell(context.Background(), c.id, rogueYear(), level, store.Decision{No: "12-QĐ/ĐU",
		Date: time.Now().UTC().Format("2006-01-02")}, time.Now())
	if err != nil {
		return // the cell has not sent its first bundle yet: nothing to rate
	}
	if s.decided == nil {
		s.decided = map[string]string{}
	}
	s.decided[c.id] = level
}

// checkDecisions: the hub's figures count its own decisions and nothing
// the rogue claimed; the honest cells that kept one laptop hold them too.
func (s *sim) checkDecisions(t *rapid.T) {
	ctx := context.Background()
	facts, err := s.hub.st.HubFacts(ctx, store.HubQuery{Year: rogueYear()})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range s.cells {
		if got := facts[c.id]; got != nil && got.OrgLevel != s.decided[c.id] {
			t.Fatalf("hub counts %q for %s, it decided %q", got.OrgLevel, c.id, s.decided[c.id])
		}
		if s.decided[c.id] == "" || c.diverged {
			continue
		}
		revs, err := c.laptops[0].st.Reviews(ctx, c.id, rogueYear())
		if err != nil {
			t.Fatal(err)
		}
		if revs[""].HubLevel != s.decided[c.id] {
			t.Fatalf("cell %s holds the hub's level %q, the hub decided %q", c.id, revs[""].HubLevel, s.decided[c.id])
		}
	}
	if s.rogue == nil {
		return
	}
	if f := facts[s.rogue.site.id]; f != nil && (len(f.Levels) != 0 || f.OrgLevel != "") {
		t.Fatalf("the hub counts the rogue's claims as decided: %v %q", f.Levels, f.OrgLevel)
	}
	waiting, err := s.hub.st.CandidatesAwaitingHub(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range waiting {
		if w.Candidate.HubDecisionNo != "" {
			t.Fatalf("a candidate waits with a decision the hub never made: %+v", w.Candidate)
		}
	}
}
