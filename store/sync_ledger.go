package store

import (
	"context"
	"fmt"
)

// Ledger returns every change this site holds, by origin then sequence:
// what a check of convergence or of "nothing acknowledged was lost"
// compares between replicas.
func (s *Store) Ledger(ctx context.Context) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT origin FROM changes ORDER BY origin")
	if err != nil {
		return nil, fmt.Errorf("store: ledger: %w", err)
	}
	var origins []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: ledger: %w", err)
		}
		origins = append(origins, o)
	}
	rows.Close()
	var out []Change
	for _, o := range origins {
		cs, err := s.changesOf(ctx, o, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// OriginMarks returns the contiguous high-water mark applied here per
// origin (a hub's view of what it holds).
func (s *Store) OriginMarks(ctx context.Context) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT origin, high_water FROM origin_marks")
	if err != nil {
		return nil, fmt.Errorf("store: origin marks: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var o string
		var hw int64
		if err := rows.Scan(&o, &hw); err != nil {
			return nil, fmt.Errorf("store: origin marks: %w", err)
		}
		out[o] = hw
	}
	return out, rows.Err()
}
