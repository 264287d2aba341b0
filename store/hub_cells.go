package store

import (
	"context"
	"fmt"
)

// CellSummary is one enrolled cell as the hub sees it.
type CellSummary struct {
	Org
	Peer
	Members  map[string]int // by status code
	Meetings int
}

// Cells lists the cells the hub has enrolled with member counts by status.
func (s *Store) Cells(ctx context.Context) ([]CellSummary, error) {
	peers, err := s.Peers(ctx, RoleCell)
	if err != nil {
		return nil, err
	}
	out := make([]CellSummary, 0, len(peers))
	for _, p := range peers {
		c := CellSummary{Peer: p, Members: map[string]int{}}
		if o, err := s.Org(ctx, p.SiteID); err == nil {
			c.Org = o
		} else {
			c.Org = Org{ID: p.SiteID, Name: p.Name}
		}
		rows, err := s.db.QueryContext(ctx, "SELECT status, COUNT(*) FROM members WHERE org_id = ? GROUP BY status", p.SiteID)
		if err != nil {
			return nil, fmt.Errorf("store: cells: %w", err)
		}
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: cells: %w", err)
			}
			c.Members[st] = n
		}
		rows.Close()
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM meetings WHERE org_id = ?", p.SiteID).Scan(&c.Meetings); err != nil {
			return nil, fmt.Errorf("store: cells: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}
