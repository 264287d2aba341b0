package report

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"chibo/store"
)

// CellFigures are one cell's figures in the hub's roll-up.
type CellFigures struct {
	ID                  string         `json:"id"`
	Name                string         `json:"name"`
	Members             int            `json:"members"`
	MembersFull         int            `json:"members_full"`
	MembersProbationary int            `json:"members_probationary"`
	MembersByStatus     map[string]int `json:"members_by_status"`
	Admitted            int            `json:"admitted"`
	Meetings            int            `json:"meetings"`
	LastBundleAt        string         `json:"last_bundle_at"`
	HasCommittee        bool           `json:"has_committee"`
	OrgLevel            string         `json:"org_level,omitempty"`          // the cell's own rating of the year, as the hub decided
	OrgProposed         string         `json:"org_level_proposed,omitempty"` // the cell's own rating it proposes, not decided yet
	*Ratings
}

// Ratings are the rating shares of one year: members rated, by level,
// and the two shares a term report quotes. Its fields sit at the top
// level of the JSON, and only when a year was asked for. Rated counts
// the hub's decisions only; what the cells propose and the hub has not
// decided is counted apart, under Proposed, and in no share.
type Ratings struct {
	Year              int     `json:"year"`
	Rated             int     `json:"rated"`
	RatedExcellent    int     `json:"rated_excellent"`
	RatedGood         int     `json:"rated_good"`
	RatedDone         int     `json:"rated_done"`
	RatedNotDone      int     `json:"rated_not_done"`
	GoodOrAbovePct    float64 `json:"good_or_above_pct"` // (excellent + good) / rated
	ExcellentPct      float64 `json:"excellent_pct"`
	Proposed          int     `json:"proposed"`
	ProposedExcellent int     `json:"proposed_excellent"`
	ProposedGood      int     `json:"proposed_good"`
	ProposedDone      int     `json:"proposed_done"`
	ProposedNotDone   int     `json:"proposed_not_done"`
}

// Rollup is the hub's summary over its enrolled cells, the figures its own
// reports upward need. Members is full (exempt included) plus probationary;
// MembersByStatus keeps every status, transferred and deceased included,
// so nothing disappears from the arithmetic unseen. Orgs counts every
// enrolled party organisation, Cells those of them that are cells (an
// organisation known only by its keys counts as a cell).
type Rollup struct {
	GeneratedAt           string         `json:"generated_at"`
	Hub                   string         `json:"hub"`
	From                  string         `json:"from,omitempty"`
	To                    string         `json:"to,omitempty"`
	Orgs                  int            `json:"orgs"`
	Cells                 int            `json:"cells"`
	CellsWithCommittee    int            `json:"cells_with_committee"`
	CellsWithCommitteePct float64        `json:"cells_with_committee_pct"`
	Members               int            `json:"members"`
	MembersFull           int            `json:"members_full"`
	MembersProbationary   int            `json:"members_probationary"`
	MembersByStatus       map[string]int `json:"members_by_status"`
	Admitted              int            `json:"admitted"`
	Meetings              int            `json:"meetings"`
	*Ratings
	OrgRatings *Ratings      `json:"org_ratings,omitempty"` // the organisations' own ratings
	PerCell    []CellFigures `json:"per_cell"`
}

// Period is what a roll-up covers: admissions and meetings from From to
// To (ISO dates, inclusive, "" = open) and the ratings of Year (0 = none).
type Period = store.HubQuery

// HubRollup adds up the figures of every cell the hub has enrolled.
func HubRollup(ctx context.Context, st *store.Store) (Rollup, error) {
	return HubRollupFor(ctx, st, Period{})
}

// HubRollupFor adds up the figures of every enrolled cell for a period.
func HubRollupFor(ctx context.Context, st *store.Store, p Period) (Rollup, error) {
	site, err := st.Site(ctx)
	if err != nil {
		return Rollup{}, fmt.Errorf("report: hub rollup: %w", err)
	}
	if site.Role != store.RoleHub {
		return Rollup{}, fmt.Errorf("report: hub rollup: site is a %s: %w", site.Role, store.ErrWrongRole)
	}
	cells, err := st.Cells(ctx)
	if err != nil {
		return Rollup{}, fmt.Errorf("report: hub rollup: %w", err)
	}
	facts, err := st.HubFacts(ctx, p)
	if err != nil {
		return Rollup{}, fmt.Errorf("report: hub rollup: %w", err)
	}
	r := rollup(site.Org.Name, time.Now(), cells)
	addFacts(&r, facts, p)
	return r, nil
}

// rollup is HubRollup's arithmetic over members and committees, apart
// from the database.
func rollup(hub string, now time.Time, cells []store.CellSummary) Rollup {
	r := Rollup{GeneratedAt: now.UTC().Format(time.RFC3339), Hub: hub,
		MembersByStatus: map[string]int{}, PerCell: make([]CellFigures, 0, len(cells))}
	for _, c := range cells {
		f := cellFigures(c)
		r.Orgs++
		if c.Org.Kind == store.OrgKindCell || c.Org.Kind == "" {
			r.Cells++
			if f.HasCommittee {
				r.CellsWithCommittee++
			}
		}
		r.Members += f.Members
		r.MembersFull += f.MembersFull
		r.MembersProbationary += f.MembersProbationary
		r.Meetings += f.Meetings
		for st, n := range f.MembersByStatus {
			r.MembersByStatus[st] += n
		}
		r.PerCell = append(r.PerCell, f)
	}
	r.CellsWithCommitteePct = Pct(r.CellsWithCommittee, r.Cells)
	return r
}

// addFacts puts the period's counts (admissions, meetings, ratings) into
// a roll-up made by rollup.
func addFacts(r *Rollup, facts map[string]*store.OrgFacts, p Period) {
	r.From, r.To, r.Meetings = p.From, p.To, 0
	if p.Year > 0 {
		r.Ratings, r.OrgRatings = &Ratings{Year: p.Year}, &Ratings{Year: p.Year}
	}
	for i := range r.PerCell {
		c := &r.PerCell[i]
		f := facts[c.ID]
		if f == nil {
			f = &store.OrgFacts{}
		}
		c.Admitted, c.Meetings, c.OrgLevel, c.OrgProposed = f.Admitted, f.Meetings, f.OrgLevel, f.OrgProposed
		r.Admitted += f.Admitted
		r.Meetings += f.Meetings
		if p.Year == 0 {
			continue
		}
		c.Ratings = ratings(p.Year, f.Levels, f.Proposed)
		r.Ratings.add(c.Ratings)
		org := ratings(p.Year, nil, nil)
		if f.OrgLevel != "" {
			org = ratings(p.Year, map[string]int{f.OrgLevel: 1}, nil)
		} else if f.OrgProposed != "" {
			org = ratings(p.Year, nil, map[string]int{f.OrgProposed: 1})
		}
		r.OrgRatings.add(org)
	}
	if r.Ratings != nil {
		r.Ratings.shares()
		r.OrgRatings.shares()
	}
}

// ratings turns counts by level code, decided and proposed, into a
// year's figures.
func ratings(year int, decided, proposed map[string]int) *Ratings {
	x := &Ratings{Year: year, RatedExcellent: decided["excellent"], RatedGood: decided["good"],
		RatedDone: decided["done"], RatedNotDone: decided["failed"],
		ProposedExcellent: proposed["excellent"], ProposedGood: proposed["good"],
		ProposedDone: proposed["done"], ProposedNotDone: proposed["failed"]}
	x.Rated = x.RatedExcellent + x.RatedGood + x.RatedDone + x.RatedNotDone
	x.Proposed = x.ProposedExcellent + x.ProposedGood + x.ProposedDone + x.ProposedNotDone
	x.shares()
	return x
}

func (x *Ratings) add(y *Ratings) {
	x.Rated += y.Rated
	x.RatedExcellent += y.RatedExcellent
	x.RatedGood += y.RatedGood
	x.RatedDone += y.RatedDone
	x.RatedNotDone += y.RatedNotDone
	x.Proposed += y.Proposed
	x.ProposedExcellent += y.ProposedExcellent
	x.ProposedGood += y.ProposedGood
	x.ProposedDone += y.ProposedDone
	x.ProposedNotDone += y.ProposedNotDone
}

func (x *Ratings) shares() {
	x.GoodOrAbovePct = Pct(x.RatedExcellent+x.RatedGood, x.Rated)
	x.ExcellentPct = Pct(x.RatedExcellent, x.Rated)
}

// Pct is n of d in percent, rounded half up to one decimal as a report
// prints it (51 of 59 is 86.4); 0 when d is 0. Integer arithmetic, so a
// share like 1 of 16 (6.25) does not fall either side by binary fractions.
func Pct(n, d int) float64 {
	if d <= 0 {
		return 0
	}
	tenths := (2000*int64(n) + int64(d)) / (2 * int64(d))
	return float64(tenths) / 10
}

// cellFigures reads one cell. MembersFull includes exempt members: they are
// full members excused from meetings, and the minutes count them so too.
func cellFigures(c store.CellSummary) CellFigures {
	f := CellFigures{ID: c.Org.ID, Name: c.Org.Name, MembersByStatus: map[string]int{},
		Meetings: c.Meetings, LastBundleAt: c.Peer.LastBundleAt, HasCommittee: c.Org.HasCommittee}
	if f.ID == "" {
		f.ID = c.Peer.SiteID
	}
	if f.Name == "" {
		f.Name = c.Peer.Name
	}
	for st, n := range c.Members {
		f.MembersByStatus[st] = n
		switch st {
		case store.StatusFull, store.StatusExempt:
			f.MembersFull += n
		case store.StatusProbationary:
			f.MembersProbationary += n
		}
	}
	// Temporarily attached members are on their home cell's list, so they
	// stay out of the totals here and cannot be counted twice.
	f.Members = f.MembersFull + f.MembersProbationary
	return f
}

// HubJSON writes the roll-up as indented JSON, as `chibo report` prints it.
func HubJSON(w io.Writer, r Rollup) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("report: hub json: %w", err)
	}
	return nil
}
