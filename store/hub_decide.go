package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"chibo/rules"
)

// The hub decides what only it may: the level of each member's rating
// (approving the cell's proposal or changing it, with the "xuất sắc"
// quota counted across every cell of the hub), the hub's rating of each
// cell, and admissions and full memberships. Each decision is one
// transaction of hub-origin changes with the cell as org_id; they travel
// to the cell in the hub's next bundle for it (sync_hub_out.go).

// Decision errors, for messages at the edges.
var (
	ErrQuotaExceeded = errors.New("more \"excellent\" ratings than the quota allows across the hub's cells")
	ErrNotWaiting    = errors.New("nothing is waiting for the hub's decision")
)

// Decision is the hub's decision number and date (ISO).
type Decision struct {
	No   string
	Date string
}

func (d Decision) check(today time.Time) (Decision, error) {
	d.No, d.Date = NFC(d.No), NFC(d.Date)
	switch {
	case d.No == "":
		return d, &FieldError{Field: "decision_no", Err: fmt.Errorf("missing: %w", ErrInvalid)}
	case d.Date == "" || !ValidDate(d.Date):
		return d, &FieldError{Field: "decision_date", Value: d.Date, Err: fmt.Errorf("not a real date: %w", ErrInvalid)}
	case d.Date > today.Format("2006-01-02"):
		return d, &FieldError{Field: "decision_date", Value: d.Date, Err: fmt.Errorf("in the future: %w", ErrInvalid)}
	}
	return d, nil
}

// RatingRow is one member's review as the hub sees it.
type RatingRow struct {
	Review     Review
	MemberName string
}

// Level is the level in force: the hub's if decided, else the proposal.
func (r RatingRow) Level() string {
	if r.Review.HubLevel != "" {
		return r.Review.HubLevel
	}
	return r.Review.CellLevel
}

// CellRatings is one cell's proposals for a year and the hub's rating of it.
type CellRatings struct {
	OrgID, Name string
	Rows        []RatingRow
	Own         Review // the cell's own review (ID "" when none)
	Waiting     int    // proposals without the hub's decision
}

// HubRatings is the year's ratings of every cell, with the quota counted
// over all of them.
type HubRatings struct {
	Year      int
	Rules     rules.Rating
	Cells     []CellRatings
	QuotaOK   bool
	Excellent int
	Allowed   int
}

// HubRatingSheet gathers every cell's proposals and decisions of a year.
func (s *Store) HubRatingSheet(ctx context.Context, year int) (HubRatings, error) {
	set, err := rules.RatingFor(year)
	if err != nil {
		return HubRatings{}, fmt.Errorf("store: hub ratings %d: %w", year, err)
	}
	out := HubRatings{Year: year, Rules: set}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cells, err := hubCellsRatings(ctx, tx, year)
		out.Cells = cells
		return err
	})
	if err != nil {
		return out, fmt.Errorf("store: hub ratings %d: %w", year, err)
	}
	out.QuotaOK, out.Excellent, out.Allowed = set.Quota(levelsOf(out.Cells))
	return out, nil
}

// hubCellsRatings reads the reviews of a year, grouped by cell, cells by
// name and members by name. A review whose cell proposed no level of its
// own but claimed one as the hub's (cell_claims) shows that level as its
// proposal: it waits for the hub's decision like any other.
func hubCellsRatings(ctx context.Context, tx *sql.Tx, year int) ([]CellRatings, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+readCols("review", "r", reviewList)+`, COALESCE(m.full_name, ''), COALESCE(o.name, ''),
		COALESCE(`+unsealSQL("cell_claims", "value", "cc")+`, '')
		FROM reviews r LEFT JOIN members m ON m.id = r.member_id AND m.org_id = r.org_id LEFT JOIN orgs o ON o.id = r.org_id
		`+claimedLevel+`
		WHERE r.year = ? ORDER BY o.name, r.org_id, m.name_fold`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CellRatings
	for rows.Next() {
		var rr RatingRow
		var org, claimed string
		var ex, gd, dn, fl int
		v := &rr.Review
		if err := rows.Scan(&v.ID, &v.OrgID, &v.MemberID, &v.Year, &v.SelfText, &v.SelfLevel, &v.SelfScore,
			&v.CommitteeComment, &v.OrgComment, &v.Voters, &ex, &gd, &dn, &fl, &v.CellLevel, &v.HubLevel,
			&v.HubDecisionNo, &v.HubDecisionDate, &v.Suspended, &v.SickLeaveMonths, &v.Imported, &v.Disciplined, &v.Maternity,
			&rr.MemberName, &org, &claimed); err != nil {
			return nil, err
		}
		if v.CellLevel == "" {
			v.CellLevel = claimed
		}
		v.Votes = map[string]int{"excellent": ex, "good": gd, "done": dn, "failed": fl}
		if n := len(out); n == 0 || out[n-1].OrgID != v.OrgID {
			out = append(out, CellRatings{OrgID: v.OrgID, Name: org})
		}
		c := &out[len(out)-1]
		switch {
		case v.MemberID == "":
			c.Own = *v
		case v.CellLevel != "" || v.HubLevel != "":
			c.Rows = append(c.Rows, rr)
			if v.HubLevel == "" {
				c.Waiting++
			}
		}
	}
	return out, rows.Err()
}

func levelsOf(cells []CellRatings) []string {
	var out []string
	for _, c := range cells {
		for _, r := range c.Rows {
			out = append(out, r.Level())
		}
	}
	return out
}

// checkQuota refuses a decision that leaves the hub over its quota when
// it grants "xuất sắc" or tips a passing year over. Lowering a level is
// always allowed, so a clerk can bring an over-quota year back within it
// one member at a time.
func checkQuota(set rules.Rating, before, after []string, grants bool) error {
	okB, _, _ := set.Quota(before)
	okA, top, allowed := set.Quota(after)
	if !okA && (okB || grants) {
		return fmt.Errorf("%d of at most %d: %w", top, allowed, ErrQuotaExceeded)
	}
	return nil
}

// checkLevel checks a rating level against the rules of the year.
func checkLevel(set rules.Rating, code string) error {
	if _, ok := set.Level(code); !ok {
		return &FieldError{Field: "hub_level", Value: code, Err: fmt.Errorf("unknown level: %w", ErrInvalid)}
	}
	return nil
}

// sortedIDs returns map keys in order, so decisions log in a stable order.
func sortedIDs(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
