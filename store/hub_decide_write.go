package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"chibo/rules"
)

// ApproveRatings decides every proposal of one cell's year still waiting
// for the hub: each member gets the level the cell proposed.
func (s *Store) ApproveRatings(ctx context.Context, orgID string, year int, d Decision, today time.Time) (int, error) {
	n := 0
	err := s.decideRatings(ctx, year, d, today, func(cells []CellRatings) (map[string]string, error) {
		levels := map[string]string{}
		for _, c := range cells {
			if c.OrgID != orgID {
				continue
			}
			for _, r := range c.Rows {
				if r.Review.HubLevel == "" && r.Review.CellLevel != "" {
					levels[r.Review.ID] = r.Review.CellLevel
				}
			}
		}
		if len(levels) == 0 {
			return nil, ErrNotWaiting
		}
		n = len(levels)
		return levels, nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: approve ratings of %s %d: %w", orgID, year, err)
	}
	return n, nil
}

// DecideRating sets the level of one member's review, approving or
// changing the cell's proposal.
func (s *Store) DecideRating(ctx context.Context, reviewID string, year int, level string, d Decision, today time.Time) error {
	err := s.decideRatings(ctx, year, d, today, func(cells []CellRatings) (map[string]string, error) {
		for _, c := range cells {
			for _, r := range c.Rows {
				if r.Review.ID == reviewID {
					return map[string]string{reviewID: level}, nil
				}
			}
		}
		return nil, ErrNotFound
	})
	if err != nil {
		return fmt.Errorf("store: decide rating %s: %w", reviewID, err)
	}
	return nil
}

// decideRatings writes hub levels chosen by pick in one transaction,
// refused if they break the quota across all cells.
func (s *Store) decideRatings(ctx context.Context, year int, d Decision, today time.Time,
	pick func([]CellRatings) (map[string]string, error)) error {
	set, err := rules.RatingFor(year)
	if err != nil {
		return err
	}
	if d, err = d.check(today); err != nil {
		return err
	}
	return s.writeTx(ctx, func(w *writer) error {
		cells, err := hubCellsRatings(ctx, w.tx, year)
		if err != nil {
			return err
		}
		levels, err := pick(cells)
		if err != nil {
			return err
		}
		before := levelsOf(cells)
		var after []string
		org := map[string]string{}
		for _, c := range cells {
			for _, r := range c.Rows {
				l := r.Level()
				if v, ok := levels[r.Review.ID]; ok {
					l, org[r.Review.ID] = v, c.OrgID
				}
				after = append(after, l)
			}
		}
		grants := false
		for _, l := range levels {
			grants = grants || l == set.Levels.Value[0].Code
		}
		if err := checkQuota(set, before, after, grants); err != nil {
			return err
		}
		for _, id := range sortedIDs(levels) {
			if err := checkLevel(set, levels[id]); err != nil {
				return err
			}
			if err := w.put("review", id, org[id], map[string]any{"hub_level": levels[id],
				"hub_decision_no": d.No, "hub_decision_date": d.Date}); err != nil {
				return err
			}
		}
		return nil
	})
}

// RateCell records the hub's rating of a cell (its own review of the
// year), creating the review if the cell has not sent one.
func (s *Store) RateCell(ctx context.Context, orgID string, year int, level string, d Decision, today time.Time) error {
	set, err := rules.RatingFor(year)
	if err != nil {
		return fmt.Errorf("store: rate cell %s: %w", orgID, err)
	}
	if d, err = d.check(today); err == nil {
		err = checkLevel(set, level)
	}
	if err != nil {
		return fmt.Errorf("store: rate cell %s: %w", orgID, err)
	}
	err = s.writeTx(ctx, func(w *writer) error {
		if err := isCell(ctx, w.tx, orgID); err != nil {
			return err
		}
		return w.put("review", reviewID(orgID, "", year), orgID, map[string]any{"member_id": "", "year": year,
			"hub_level": level, "hub_decision_no": d.No, "hub_decision_date": d.Date})
	})
	if err != nil {
		return fmt.Errorf("store: rate cell %s: %w", orgID, err)
	}
	return nil
}

func isCell(ctx context.Context, tx *sql.Tx, orgID string) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM peers WHERE site_id = ? AND role = ?", orgID, RoleCell).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("cell %s: %w", orgID, ErrNotFound)
	}
	return nil
}
