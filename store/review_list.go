package store

import (
	"context"
	"fmt"
	"time"

	"chibo/rules"
)

// ReviewRow is one line of a year's review sheet: the member, how the
// rules treat them that year, and their review so far.
type ReviewRow struct {
	Member   Member
	Standing rules.Standing
	Review   Review // zero (ID "") when nothing is recorded yet
}

// ReviewSheet is the year-end review of the cell: every member who
// belonged to it that year, the cell's own review, and the quota check
// on the cell's proposals.
type ReviewSheet struct {
	Year      int
	Rules     rules.Rating
	Rows      []ReviewRow
	Cell      Review
	QuotaOK   bool
	Excellent int // proposed "xuất sắc"
	Allowed   int // most "xuất sắc" the quota allows
}

// ReviewSheet builds the review of one year for this cell.
func (s *Store) ReviewSheet(ctx context.Context, year int) (ReviewSheet, error) {
	set, err := rules.RatingFor(year)
	if err != nil {
		return ReviewSheet{}, fmt.Errorf("store: review sheet %d: %w", year, err)
	}
	members, err := s.Members(ctx, "", "")
	if err != nil {
		return ReviewSheet{}, err
	}
	revs, err := s.Reviews(ctx, "", year)
	if err != nil {
		return ReviewSheet{}, err
	}
	sh := ReviewSheet{Year: year, Rules: set, Cell: revs[""]}
	yearEnd := fmt.Sprintf("%d-12-31", year)
	var proposed []string
	for _, m := range members {
		r, has := revs[m.ID]
		if !has && (!Active(m.Status) || m.AdmissionDate > yearEnd) {
			continue // gone before, or not yet a member: not on this year's sheet
		}
		if !has {
			r = Review{MemberID: m.ID, Year: year}
		}
		st := set.Standing(subjectOf(m, r), year)
		sh.Rows = append(sh.Rows, ReviewRow{Member: m, Standing: st, Review: r})
		if st.Rated && r.CellLevel != "" {
			proposed = append(proposed, r.CellLevel)
		}
	}
	sh.QuotaOK, sh.Excellent, sh.Allowed = set.Quota(proposed)
	return sh, nil
}

// ReviewYear is the year a review prepared on day t is for: from November
// the cell prepares this year's review, until October it still finishes
// (or looks back at) last year's.
func ReviewYear(t time.Time) int {
	if t.Month() >= time.November {
		return t.Year()
	}
	return t.Year() - 1
}
