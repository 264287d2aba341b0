package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"chibo/rules"
)

// Review is one member's (or, with MemberID "", the cell's own) year-end
// review: self-assessment, comments, the cell's vote and proposal, and the
// hub's decision once it arrives.
type Review struct {
	ID               string
	OrgID            string
	MemberID         string // "" = the cell rates itself
	Year             int
	SelfText         string
	SelfLevel        string // rating level code (rules), "" = none
	SelfScore        int    // 0–100, 0 = not given
	CommitteeComment string
	OrgComment       string // mass organisations and residence committee
	Voters           int
	Votes            map[string]int // level code → votes
	CellLevel        string
	HubLevel         string
	HubDecisionNo    string
	HubDecisionDate  string
	Suspended        bool
	SickLeaveMonths  int  // months absent through illness, or on maternity leave when Maternity
	Maternity        bool // the absence was maternity leave: it neither caps nor withholds the rating
	Disciplined      bool // disciplined during the year: rated "Không hoàn thành nhiệm vụ"
	Imported         bool // history from a spreadsheet: HubLevel is the level decided that year
}

// Review errors, for messages at the edges.
var (
	ErrVotesOverVoters = errors.New("more votes than voters")
	ErrReviewYear      = errors.New("review year out of range")
)

// reviewNS makes review ids from (org, member, year): the same review typed
// twice is the same record.
var reviewNS = uuid.MustParse("5b0f1c39-43a6-4c5e-9a35-3a6f3a0c7e11")

func reviewID(orgID, memberID string, year int) string {
	return uuid.NewSHA1(reviewNS, []byte(fmt.Sprintf("%s|%s|%d", orgID, memberID, year))).String()
}

// levelVoteCols maps the rating level codes of the rules data to columns.
var levelVoteCols = map[string]string{"excellent": "votes_excellent", "good": "votes_good", "done": "votes_done", "failed": "votes_failed"}

func reviewFields(r Review) map[string]any {
	f := map[string]any{
		"member_id": r.MemberID, "year": r.Year, "self_text": r.SelfText, "self_level": r.SelfLevel,
		"self_score": r.SelfScore, "committee_comment": r.CommitteeComment, "org_comment": r.OrgComment,
		"voters": r.Voters, "cell_level": r.CellLevel, "hub_level": r.HubLevel, "hub_decision_no": r.HubDecisionNo,
		"hub_decision_date": r.HubDecisionDate, "suspended": r.Suspended, "sick_leave_months": r.SickLeaveMonths,
		"imported": r.Imported, "disciplined": r.Disciplined, "maternity": r.Maternity,
	}
	for code, col := range levelVoteCols {
		f[col] = r.Votes[code]
	}
	return f
}

// subjectOf turns a member into what the rating rules look at. For a
// rating imported from an earlier year the member's status that year is
// unknown (today's "exempt" says nothing about 2021), so only the
// admission date and the review's own flags apply.
func subjectOf(m Member, r Review) rules.Subject {
	s := rules.Subject{Status: m.Status, Suspended: r.Suspended, SickLeaveMonths: r.SickLeaveMonths,
		Maternity: r.Maternity, Disciplined: r.Disciplined}
	if r.Imported && r.Year < ReviewYear(time.Now()) {
		s.Status = StatusFull
	}
	if t, err := time.Parse("2006-01-02", m.AdmissionDate); err == nil {
		s.Admitted = t
	}
	return s
}

// ValidateReview checks a review against the rating rules of its year and
// returns a *FieldError naming the first bad field.
func ValidateReview(rs rules.Rating, m *Member, r Review) error {
	bad := func(f, v string, err error) error { return &FieldError{Field: f, Value: v, Err: err} }
	if r.Year < 1990 || r.Year > time.Now().Year()+1 {
		return bad("year", fmt.Sprint(r.Year), ErrReviewYear)
	}
	if err := rs.CheckScore(r.SelfScore); err != nil {
		return bad("self_score", fmt.Sprint(r.SelfScore), fmt.Errorf("%w: %w", err, ErrInvalid))
	}
	if r.SickLeaveMonths < 0 || r.SickLeaveMonths > 12 {
		return bad("sick_leave_months", fmt.Sprint(r.SickLeaveMonths), fmt.Errorf("months outside 0–12: %w", ErrInvalid))
	}
	if !ValidDate(r.HubDecisionDate) {
		return bad("hub_decision_date", r.HubDecisionDate, fmt.Errorf("not a real date: %w", ErrInvalid))
	}
	sum := 0
	for code, n := range r.Votes {
		if _, ok := levelVoteCols[code]; !ok || n < 0 {
			return bad("votes", code, fmt.Errorf("bad vote count: %w", ErrInvalid))
		}
		sum += n
	}
	if r.Voters < 0 || sum > r.Voters {
		return bad("votes", fmt.Sprintf("%d/%d", sum, r.Voters), fmt.Errorf("%w: %w", ErrVotesOverVoters, ErrInvalid))
	}
	st := rules.Standing{Reviewed: true, Rated: true} // the cell itself
	if m != nil {
		st = rs.Standing(subjectOf(*m, r), r.Year)
	}
	for f, lvl := range map[string]string{"self_level": r.SelfLevel, "cell_level": r.CellLevel, "hub_level": r.HubLevel} {
		if err := rs.Allow(st, lvl); err != nil {
			return bad(f, lvl, fmt.Errorf("%w: %w", err, ErrInvalid))
		}
	}
	if m != nil && !st.Reviewed && (r.SelfText != "" || r.Voters > 0) {
		return bad("member_id", m.FullName, fmt.Errorf("%w: %s: %w", rules.ErrNotRated, st.Reason, ErrInvalid))
	}
	return nil
}

// SaveReviews writes reviews in one transaction after checking each
// against the rules of its year: all or none.
func (s *Store) SaveReviews(ctx context.Context, rs []Review) ([]Review, error) {
	out := make([]Review, len(rs))
	err := s.writeTx(ctx, func(w *writer) error {
		for i, r := range rs {
			r.SelfText, r.CommitteeComment, r.OrgComment = NFC(r.SelfText), NFC(r.CommitteeComment), NFC(r.OrgComment)
			r.HubDecisionNo = NFC(r.HubDecisionNo)
			set, err := rules.RatingFor(r.Year)
			if err != nil {
				return err
			}
			var m *Member
			if r.MemberID != "" {
				mm, err := scanMember(w.tx.QueryRowContext(w.ctx, "SELECT "+memberCols+" FROM members WHERE id = ?", r.MemberID))
				if err == sql.ErrNoRows {
					return fmt.Errorf("member %s: %w", r.MemberID, ErrNotFound)
				}
				if err != nil {
					return err
				}
				m = &mm
			}
			if err := ValidateReview(set, m, r); err != nil {
				return fmt.Errorf("review %s/%d: %w", r.MemberID, r.Year, err)
			}
			r.OrgID = w.site
			r.ID = reviewID(w.site, r.MemberID, r.Year)
			if err := w.put("review", r.ID, w.site, reviewFields(r)); err != nil {
				return fmt.Errorf("review %s: %w", r.ID, err)
			}
			out[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: save reviews: %w", err)
	}
	return out, nil
}

// reviewList is every column a Review is read from, in scanReview's order.
const reviewList = `id, org_id, member_id, year, self_text, self_level, self_score, committee_comment, org_comment,
	voters, votes_excellent, votes_good, votes_done, votes_failed, cell_level, hub_level, hub_decision_no,
	hub_decision_date, suspended, sick_leave_months, imported, disciplined, maternity`

var reviewCols = readCols("review", "", reviewList)

func scanReview(r interface{ Scan(...any) error }) (Review, error) {
	var v Review
	var ex, gd, dn, fl int
	err := r.Scan(&v.ID, &v.OrgID, &v.MemberID, &v.Year, &v.SelfText, &v.SelfLevel, &v.SelfScore, &v.CommitteeComment,
		&v.OrgComment, &v.Voters, &ex, &gd, &dn, &fl, &v.CellLevel, &v.HubLevel, &v.HubDecisionNo, &v.HubDecisionDate,
		&v.Suspended, &v.SickLeaveMonths, &v.Imported, &v.Disciplined, &v.Maternity)
	v.Votes = map[string]int{"excellent": ex, "good": gd, "done": dn, "failed": fl}
	return v, err
}

// Reviews lists the reviews of one year of this site's cell (orgID "" =
// this site), keyed by member id ("" = the cell's own).
func (s *Store) Reviews(ctx context.Context, orgID string, year int) (map[string]Review, error) {
	if orgID == "" {
		site, err := metaGet(ctx, s.db, "site_id")
		if err != nil {
			return nil, fmt.Errorf("store: reviews: %w", err)
		}
		orgID = site
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+reviewCols+" FROM reviews WHERE org_id = ? AND year = ?", orgID, year)
	if err != nil {
		return nil, fmt.Errorf("store: reviews %d: %w", year, err)
	}
	defer rows.Close()
	out := map[string]Review{}
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reviews %d: %w", year, err)
		}
		out[r.MemberID] = r
	}
	return out, rows.Err()
}
