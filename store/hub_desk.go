package store

import (
	"context"
	"fmt"
	"time"
)

// DeskRow is one cell on the hub's desk: what it has sent and what is
// waiting, for the cells table.
type DeskRow struct {
	CellSummary
	Active          int  // members on the roll (statuses Active keeps)
	QuarterMeetings int  // meetings dated in the current quarter
	QuarterThematic bool // a thematic meeting is among them
	Gaps            int  // sequence ranges the cell still owes
	Conflicts       int  // unresolved conflicts on the cell's records
	Awaiting        int  // proposals waiting for the hub's decision
	Overdue         bool // nothing received since the start of last month
}

// HubDesk lists every enrolled cell with its desk figures as of today.
// Each figure is one grouped query over the hub, whatever the number of
// cells.
func (s *Store) HubDesk(ctx context.Context, today time.Time) ([]DeskRow, error) {
	cells, err := s.Cells(ctx)
	if err != nil {
		return nil, err
	}
	qStart := time.Date(today.Year(), (today.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	qFrom, qTo := qStart.Format("2006-01-02"), qStart.AddDate(0, 3, -1).Format("2006-01-02")
	count := map[string]map[string]int{}
	queries := map[string]struct {
		sql  string
		args []any
	}{
		"quarter": {"SELECT org_id, '', COUNT(*) FROM meetings WHERE date >= ? AND date <= ? GROUP BY org_id", []any{qFrom, qTo}},
		"thematic": {"SELECT org_id, '', COUNT(*) FROM meetings WHERE kind = ? AND date >= ? AND date <= ? GROUP BY org_id",
			[]any{MeetingThematic, qFrom, qTo}},
		"held":      {"SELECT site_id, '', COUNT(*) FROM held_changes GROUP BY site_id", nil},
		"conflicts": {"SELECT org_id, '', COUNT(*) FROM conflicts WHERE resolved = '' GROUP BY org_id", nil},
		// A proposal waits while the cell has voted and the hub has not
		// decided: a rating, an admission, a full membership.
		"awaiting": {`SELECT org_id, '', COUNT(*) FROM reviews WHERE cell_level <> '' AND hub_level = '' GROUP BY org_id
			UNION ALL SELECT org_id, '', COUNT(*) FROM candidates WHERE cell_vote_date <> '' AND hub_decision_no = '' GROUP BY org_id
			UNION ALL SELECT org_id, '', COUNT(*) FROM candidates WHERE full_vote_date <> '' AND full_decision_date = '' GROUP BY org_id`, nil},
	}
	for name, q := range queries {
		m := map[string]int{}
		if err := groupRows(ctx, s.db, q.sql, q.args, func(org, _ string, n int) { m[org] += n }); err != nil {
			return nil, fmt.Errorf("store: hub desk %s: %w", name, err)
		}
		count[name] = m
	}
	since := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	out := make([]DeskRow, len(cells))
	for i, c := range cells {
		id := c.Peer.SiteID
		r := DeskRow{CellSummary: c, QuarterMeetings: count["quarter"][id], QuarterThematic: count["thematic"][id] > 0,
			Conflicts: count["conflicts"][id], Awaiting: count["awaiting"][id]}
		for st, n := range c.Members {
			if Active(st) {
				r.Active += n
			}
		}
		if count["held"][id] > 0 {
			miss, err := s.Missing(ctx, id)
			if err != nil {
				return nil, err
			}
			r.Gaps = len(miss)
		}
		last, err := time.Parse(time.RFC3339, c.Peer.LastBundleAt)
		r.Overdue = err != nil || last.Before(since)
		out[i] = r
	}
	return out, nil
}
