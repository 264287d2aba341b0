package report

import (
	"context"
	"fmt"
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
	Meetings            int            `json:"meetings"`
	LastBundleAt        string         `json:"last_bundle_at"`
	HasCommittee        bool           `json:"has_committee"`
}

// Rollup is the hub's summary over its enrolled cells, the figures its own
// reports upward need. Members is full (exempt included) plus probationary;
// MembersByStatus keeps every status, transferred and deceased included,
// so nothing disappears from the arithmetic unseen.
type Rollup struct {
	GeneratedAt         string         `json:"generated_at"`
	Hub                 string         `json:"hub"`
	Cells               int            `json:"cells"`
	CellsWithCommittee  int            `json:"cells_with_committee"`
	Members             int            `json:"members"`
	MembersFull         int            `json:"members_full"`
	MembersProbationary int            `json:"members_probationary"`
	MembersByStatus     map[string]int `json:"members_by_status"`
	PerCell             []CellFigures  `json:"per_cell"`
}

// HubRollup adds up the figures of every cell the hub has enrolled.
func HubRollup(ctx context.Context, st *store.Store) (Rollup, error) {
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
	return rollup(site.Org.Name, time.Now(), cells), nil
}

// rollup is HubRollup's arithmetic, apart from the database.
func rollup(hub string, now time.Time, cells []store.CellSummary) Rollup {
	r := Rollup{GeneratedAt: now.UTC().Format(time.RFC3339), Hub: hub,
		MembersByStatus: map[string]int{}, PerCell: make([]CellFigures, 0, len(cells))}
	for _, c := range cells {
		f := cellFigures(c)
		r.Cells++
		if f.HasCommittee {
			r.CellsWithCommittee++
		}
		r.Members += f.Members
		r.MembersFull += f.MembersFull
		r.MembersProbationary += f.MembersProbationary
		for st, n := range f.MembersByStatus {
			r.MembersByStatus[st] += n
		}
		r.PerCell = append(r.PerCell, f)
	}
	return r
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
