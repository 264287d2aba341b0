package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"chibo/rules"
)

// A small cell's shorter minimum meeting length. Hướng dẫn 42-HD/BTCTW
// lets the competent committee set it: "Đối với chi bộ có ít đảng viên,
// cấp ủy có thẩm quyền căn cứ vào số lượng đảng viên, loại hình chi bộ để
// quy định cụ thể". The hub records it on the cell's organisation record
// (orgs.meeting_min_*); it travels to the cell as a hub decision like a
// rating level, the cell may never set it itself (colHub in entities.go), and the
// cell's meeting check (CheckLength) uses it for meetings from the
// decision's date.

// CellMinimum is the hub's decision on one cell's minimum meeting length;
// zero minutes mean the rules' own minimum.
type CellMinimum struct {
	Regular, Combined        int // minutes
	DecisionNo, DecisionDate string
}

// Set reports whether a decision is recorded.
func (c CellMinimum) Set() bool { return c.DecisionDate != "" && (c.Regular > 0 || c.Combined > 0) }

// minutes is the decided minimum for a meeting on day, 0 when none applies.
func (c CellMinimum) minutes(day string, combined bool) int {
	if !c.Set() || day < c.DecisionDate {
		return 0
	}
	if combined {
		return c.Combined
	}
	return c.Regular
}

// Errors of the hub's decision on a meeting minimum.
var (
	ErrNoSmallCellRule = errors.New("the meeting rules in force do not let the hub set a cell's minimum")
	ErrMinimumTooLong  = errors.New("a small cell's minimum may only be shorter than the rules' own")
)

// CellMinimum reads the minimum the hub decided for an organisation
// ("" = this site's own).
func (s *Store) CellMinimum(ctx context.Context, orgID string) (CellMinimum, error) {
	if orgID == "" {
		site, err := metaGet(ctx, s.db, "site_id")
		if err != nil {
			return CellMinimum{}, fmt.Errorf("store: cell minimum: %w", err)
		}
		orgID = site
	}
	var c CellMinimum
	err := s.db.QueryRowContext(ctx, `SELECT meeting_min_regular, meeting_min_combined, meeting_min_no, meeting_min_date
		FROM orgs WHERE id = ?`, orgID).Scan(&c.Regular, &c.Combined, &c.DecisionNo, &c.DecisionDate)
	if err == sql.ErrNoRows {
		return CellMinimum{}, nil
	}
	if err != nil {
		return CellMinimum{}, fmt.Errorf("store: cell minimum %s: %w", orgID, err)
	}
	return c, nil
}

// SetCellMinimum records, at the hub, a shorter minimum for one small
// cell under a decision; 0 and 0 withdraw it. The minutes may not exceed
// the rules' own minimum in force on the decision's day, and the rules
// then in force must allow the hub to set one.
func (s *Store) SetCellMinimum(ctx context.Context, cellID string, regular, combined int, d Decision, today time.Time) error {
	d, err := d.check(today)
	if err == nil {
		err = checkMinimum(regular, combined, d)
	}
	if err == nil {
		err = s.writeTx(ctx, func(w *writer) error {
			role, err := metaGet(ctx, w.tx, "role")
			if err != nil {
				return err
			}
			if Role(role) != RoleHub || cellID == w.site {
				return ErrWrongRole
			}
			var n int
			if err := w.tx.QueryRowContext(w.ctx, "SELECT COUNT(*) FROM orgs WHERE id = ?", cellID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("cell %s: %w", cellID, ErrNotFound)
			}
			return w.put("org", cellID, cellID, map[string]any{"meeting_min_regular": regular,
				"meeting_min_combined": combined, "meeting_min_no": d.No, "meeting_min_date": d.Date})
		})
	}
	if err != nil {
		return fmt.Errorf("store: set meeting minimum of %s: %w", cellID, err)
	}
	return nil
}

func checkMinimum(regular, combined int, d Decision) error {
	mr, err := rules.CurrentMeetingRules(parseISO(d.Date))
	if err != nil {
		return err
	}
	if !mr.HubMaySetShorter.Value {
		return fmt.Errorf("%w (%s)", ErrNoSmallCellRule, d.Date)
	}
	for _, x := range []struct {
		field string
		v     int
		rule  rules.Value[int]
	}{{"meeting_min_regular", regular, mr.MinRule(false)}, {"meeting_min_combined", combined, mr.MinRule(true)}} {
		if x.v < 0 || (regular == 0) != (combined == 0) {
			return &FieldError{Field: x.field, Value: fmt.Sprint(x.v), Err: fmt.Errorf("minutes: %w", ErrInvalid)}
		}
		if x.rule.Value > 0 && x.v > x.rule.Value {
			return &FieldError{Field: x.field, Value: fmt.Sprint(x.v),
				Err: fmt.Errorf("%w (%d > %d, %s): %w", ErrMinimumTooLong, x.v, x.rule.Value, x.rule.Source, ErrInvalid)}
		}
	}
	return nil
}

// CellMinimumRow is one enrolled cell with the hub's decision on its
// minimum meeting length and its full members (what "small" is judged by).
type CellMinimumRow struct {
	OrgID, Name string
	Full        int // full members, exempt ones included
	Min         CellMinimum
}

// CellMinimums lists, at the hub, every enrolled cell with its minimum.
func (s *Store) CellMinimums(ctx context.Context) ([]CellMinimumRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.site_id, COALESCE(NULLIF(o.name, ''), p.name),
		COALESCE(o.meeting_min_regular, 0), COALESCE(o.meeting_min_combined, 0), COALESCE(o.meeting_min_no, ''),
		COALESCE(o.meeting_min_date, ''),
		(SELECT COUNT(*) FROM members m WHERE m.org_id = p.site_id AND m.status IN ('full', 'exempt'))
		FROM peers p LEFT JOIN orgs o ON o.id = p.site_id WHERE p.role = ? ORDER BY 2`, string(RoleCell))
	if err != nil {
		return nil, fmt.Errorf("store: cell minimums: %w", err)
	}
	defer rows.Close()
	var out []CellMinimumRow
	for rows.Next() {
		var r CellMinimumRow
		if err := rows.Scan(&r.OrgID, &r.Name, &r.Min.Regular, &r.Min.Combined, &r.Min.DecisionNo, &r.Min.DecisionDate, &r.Full); err != nil {
			return nil, fmt.Errorf("store: cell minimums: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
