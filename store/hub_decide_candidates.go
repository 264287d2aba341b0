package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// Admissions and full memberships wait for the hub once the cell has
// voted (stage "cell_vote" or "full_vote"). The hub's decision number and
// date move the candidate on; at the cell the stage follows from the date.

// Decision kinds for a candidate.
const (
	DecideAdmission = "admission" // quyết định kết nạp
	DecideFull      = "full"      // quyết định công nhận đảng viên chính thức
)

// AwaitingHub is a candidate waiting for the hub's decision.
type AwaitingHub struct {
	Candidate Candidate
	CellName  string
	Kind      string // DecideAdmission or DecideFull
	VoteDate  string // the cell's vote the decision answers
}

// CandidatesAwaitingHub lists, over every cell, the candidates whose
// cell vote waits for the hub's decision, oldest vote first.
func (s *Store) CandidatesAwaitingHub(ctx context.Context) ([]AwaitingHub, error) {
	var out []AwaitingHub
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = awaitingHub(tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: candidates awaiting the hub: %w", err)
	}
	return out, nil
}

func awaitingHub(tx *sql.Tx) ([]AwaitingHub, error) {
	rows, err := tx.Query(`SELECT ` + readCols("candidate", "c", candidateList) + `, COALESCE(o.name, '') FROM candidates c
		LEFT JOIN orgs o ON o.id = c.org_id
		WHERE (c.cell_vote_date <> '' AND c.hub_decision_date = '') OR (c.full_vote_date <> '' AND c.full_decision_date = '')`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AwaitingHub
	for rows.Next() {
		var name string
		c, err := scanCandidate(scanWithTail{rows, &name})
		if err != nil {
			return nil, err
		}
		a := AwaitingHub{Candidate: c, CellName: name}
		switch c.Stage() {
		case "cell_vote":
			a.Kind, a.VoteDate = DecideAdmission, c.CellVoteDate
		case "full_vote":
			a.Kind, a.VoteDate = DecideFull, c.FullVoteDate
		default:
			continue
		}
		out = append(out, a)
	}
	sortAwaiting(out)
	return out, rows.Err()
}

// scanWithTail lets scanCandidate read a row with extra columns after
// the candidate's.
type scanWithTail struct {
	r    interface{ Scan(...any) error }
	tail *string
}

func (s scanWithTail) Scan(dest ...any) error { return s.r.Scan(append(dest, s.tail)...) }

func sortAwaiting(as []AwaitingHub) {
	sort.SliceStable(as, func(i, j int) bool { return as[i].VoteDate < as[j].VoteDate })
}

// DecideCandidate records the hub's decision on a candidate waiting for
// it: admission (number and date) or full membership (date; the number
// is kept with the admission's until the candidate record has a column
// for it).
func (s *Store) DecideCandidate(ctx context.Context, candidateID string, d Decision, today time.Time) (string, error) {
	d, err := d.check(today)
	if err != nil {
		return "", fmt.Errorf("store: decide candidate %s: %w", candidateID, err)
	}
	kind := ""
	err = s.writeTx(ctx, func(w *writer) error {
		all, err := awaitingHub(w.tx)
		if err != nil {
			return err
		}
		for _, a := range all {
			if a.Candidate.ID != candidateID {
				continue
			}
			if d.Date < a.VoteDate {
				return &FieldError{Field: "decision_date", Value: d.Date, Err: fmt.Errorf("before the cell's vote: %w", ErrStageOrder)}
			}
			kind = a.Kind
			if kind == DecideAdmission {
				return w.put("candidate", candidateID, a.Candidate.OrgID,
					map[string]any{"hub_decision_no": d.No, "hub_decision_date": d.Date})
			}
			return w.put("candidate", candidateID, a.Candidate.OrgID, map[string]any{"full_decision_date": d.Date})
		}
		return ErrNotWaiting
	})
	if err != nil {
		return "", fmt.Errorf("store: decide candidate %s: %w", candidateID, err)
	}
	return kind, nil
}
