package store

import (
	"context"
	"database/sql"
	"fmt"
)

// HubQuery picks what HubFacts counts. Dates are ISO yyyy-mm-dd; an empty
// bound is open. Year 0 counts no ratings.
type HubQuery struct {
	From, To string // admissions and meetings within, inclusive
	Year     int    // year of the ratings
}

// OrgFacts are the raw counts of one organisation the hub's figures are
// made from. They are plain counts; shares and totals are report's job.
type OrgFacts struct {
	Members  map[string]int // by status code
	Admitted int            // admission date within the range; temporarily attached members count at home
	Levels   map[string]int // members' ratings of the year the hub decided (or history), by level code
	OrgLevel string         // the organisation's own rating of the year, decided
	Meetings int            // meetings within the range, drafts included: the cell sent them
	// Proposed are the cell's proposals the hub has not decided yet, by
	// level code: never counted among Levels (hub_claims.go).
	Proposed    map[string]int
	OrgProposed string
}

// HubFacts reads the counts of every organisation at once, keyed by org
// id. Each figure is one grouped query over the whole hub, so the cost
// does not grow with one query per cell.
func (s *Store) HubFacts(ctx context.Context, q HubQuery) (map[string]*OrgFacts, error) {
	out := map[string]*OrgFacts{}
	get := func(org string) *OrgFacts {
		f := out[org]
		if f == nil {
			f = &OrgFacts{Members: map[string]int{}, Levels: map[string]int{}, Proposed: map[string]int{}}
			out[org] = f
		}
		return f
	}
	from, to := q.From, q.To
	if to == "" {
		to = "9999-12-31"
	}
	steps := []factStep{
		{"SELECT org_id, status, COUNT(*) FROM members GROUP BY org_id, status", nil,
			func(f *OrgFacts, k string, n int) { f.Members[k] += n }},
		{`SELECT org_id, '', COUNT(*) FROM members WHERE admission_date <> '' AND status <> 'temporary'
			AND admission_date >= ? AND admission_date <= ? GROUP BY org_id`, []any{from, to},
			func(f *OrgFacts, _ string, n int) { f.Admitted += n }},
		{`SELECT org_id, '', COUNT(*) FROM meetings WHERE date >= ? AND date <= ? GROUP BY org_id`, []any{from, to},
			func(f *OrgFacts, _ string, n int) { f.Meetings += n }},
	}
	if q.Year > 0 {
		// A figure counts what the hub decided; what a cell proposes
		// and the hub has not decided is counted apart.
		steps = append(steps,
			factStep{`SELECT org_id, ` + unsealSQL("reviews", "hub_level", "") + ` AS lvl, COUNT(*)
				FROM reviews WHERE year = ? AND member_id <> '' AND hub_level <> '' GROUP BY org_id, lvl`, []any{q.Year},
				func(f *OrgFacts, k string, n int) { f.Levels[k] += n }},
			factStep{`SELECT r.org_id, ` + proposedLevel + ` AS lvl, COUNT(*)
				FROM reviews r ` + claimedLevel + ` WHERE r.year = ? AND r.member_id <> '' AND r.hub_level = ''
				GROUP BY r.org_id, lvl`, []any{q.Year},
				func(f *OrgFacts, k string, n int) {
					if k != "" {
						f.Proposed[k] += n
					}
				}},
			factStep{`SELECT org_id, ` + unsealSQL("reviews", "hub_level", "") + `, 1 FROM reviews WHERE year = ? AND member_id = '' AND hub_level <> ''`,
				[]any{q.Year}, func(f *OrgFacts, k string, _ int) { f.OrgLevel = k }},
			factStep{`SELECT r.org_id, ` + proposedLevel + `, 1 FROM reviews r ` + claimedLevel + `
				WHERE r.year = ? AND r.member_id = '' AND r.hub_level = ''`,
				[]any{q.Year}, func(f *OrgFacts, k string, _ int) { f.OrgProposed = k }})
	}
	for _, st := range steps {
		if err := groupRows(ctx, s.db, st.sql, st.args, func(org, key string, n int) { st.add(get(org), key, n) }); err != nil {
			return nil, fmt.Errorf("store: hub facts: %w", err)
		}
	}
	return out, nil
}

// proposedLevel is a review's level as its cell proposes it: its own
// proposal, or else the level it claimed as the hub's (cell_claims); read
// from reviews r joined by claimedLevel.
var proposedLevel = `COALESCE(NULLIF(` + unsealSQL("reviews", "cell_level", "r") + `, ''), ` + unsealSQL("cell_claims", "value", "cc") + `, '')`

const claimedLevel = `LEFT JOIN cell_claims cc ON cc.org_id = r.org_id AND cc.entity = 'review' AND cc.entity_id = r.id
	AND cc.field = 'hub_level'`

// factStep is one grouped query and where its counts go.
type factStep struct {
	sql  string
	args []any
	add  func(f *OrgFacts, key string, n int)
}

// groupRows runs a query whose rows are (org, key, count).
func groupRows(ctx context.Context, db *sql.DB, q string, args []any, fn func(org, key string, n int)) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var org, key string
		var n int
		if err := rows.Scan(&org, &key, &n); err != nil {
			return err
		}
		fn(org, key, n)
	}
	return rows.Err()
}
