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

// Admissions and full memberships wait for the hub once the cell has
// voted (stage "cell_vote" or "full_vote"). The hub's decision number and
// date move the candidate on; at the cell the stage follows from the date.

// Decision kinds for a candidate.
const (
	DecideAdmission = "admission" // quyết định kết nạp
	DecideFull      = "full"      // quyết định công nhận đảng viên chính thức
)

// AwaitingHub is a candidate waiting for the hub's decision, with the
// hub's own deadline for it (zero Due when the vote is outside the
// holiday table: no deadline rather than a wrong one).
type AwaitingHub struct {
	Candidate Candidate
	CellName  string
	Kind      string // DecideAdmission or DecideFull
	VoteDate  string // the cell's vote the decision answers
	Deadline  rules.Deadline
	// Claim is the decision the cell wrote for itself: its proposal, kept
	// apart (hub_claims.go), never the hub's decision. Zero when none.
	Claim CandidateClaim
}

// CandidateClaim is a decision number and date a cell proposed for a
// decision only the hub makes (a full membership has no number).
type CandidateClaim struct{ No, Date string }

// CandidatesAwaitingHub lists, over every cell, the candidates whose
// cell vote waits for the hub's decision, oldest vote first.
func (s *Store) CandidatesAwaitingHub(ctx context.Context) ([]AwaitingHub, error) {
	var out []AwaitingHub
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = awaitingHub(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: candidates awaiting the hub: %w", err)
	}
	return out, nil
}

func awaitingHub(ctx context.Context, tx *sql.Tx) ([]AwaitingHub, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+readCols("candidate", "c", candidateList)+`, COALESCE(o.name, '') FROM candidates c
		LEFT JOIN orgs o ON o.id = c.org_id
		WHERE (c.cell_vote_date <> '' AND c.hub_decision_date = '') OR (c.full_vote_date <> '' AND c.full_decision_date = '')`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cal, err := rules.LoadCalendar()
	if err != nil {
		return nil, err
	}
	claims, err := candidateClaims(ctx, tx)
	if err != nil {
		return nil, err
	}
	var out []AwaitingHub
	for rows.Next() {
		var name string
		c, err := scanCandidate(scanWithTail{rows, &name})
		if err != nil {
			return nil, err
		}
		a := AwaitingHub{Candidate: c, CellName: name}
		// By the hub's own decision fields, not the stage: a cell that
		// wrote the decision it expects, its receipt and the ceremony
		// still waits for the hub's decision (its dates are a proposal,
		// hub_claims.go), first for the admission, then the full one.
		switch {
		case c.CellVoteDate != "" && c.HubDecisionDate == "":
			a.Kind, a.VoteDate = DecideAdmission, c.CellVoteDate
		case c.FullVoteDate != "" && c.FullDecisionDate == "":
			a.Kind, a.VoteDate = DecideFull, c.FullVoteDate
		default:
			continue
		}
		if a.Deadline, err = hubDeadline(cal, a); err != nil {
			return nil, err
		}
		cl := claims[c.OrgID+"/"+c.ID]
		if a.Kind == DecideAdmission {
			a.Claim = CandidateClaim{No: cl["hub_decision_no"], Date: cl["hub_decision_date"]}
		} else {
			a.Claim = CandidateClaim{Date: cl["full_decision_date"]}
		}
		out = append(out, a)
	}
	sortAwaiting(out)
	return out, rows.Err()
}

// candidateClaims reads the cells' proposals for candidates' decisions,
// by organisation/candidate id and field.
func candidateClaims(ctx context.Context, tx *sql.Tx) (map[string]map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT cc.org_id, cc.entity_id, cc.field, COALESCE(`+unsealSQL("cell_claims", "value", "cc")+`, '')
		FROM cell_claims cc WHERE cc.entity = 'candidate'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var org, id, field, v string
		if err := rows.Scan(&org, &id, &field, &v); err != nil {
			return nil, err
		}
		k := org + "/" + id
		if out[k] == nil {
			out[k] = map[string]string{}
		}
		out[k][field] = v
	}
	return out, rows.Err()
}

// hubDeadline is the hub's time limit for a waiting decision: 60 working
// days for an admission, 30 for a full membership, from the cell's vote,
// each extendable once (Quy định 294-QĐ/TW, point 4.3).
func hubDeadline(cal *rules.Calendar, a AwaitingHub) (rules.Deadline, error) {
	from := parseISO(a.VoteDate)
	adm, err := rules.AdmissionOn(from)
	if err != nil {
		return rules.Deadline{}, err
	}
	var d rules.Deadline
	if a.Kind == DecideAdmission {
		d, err = adm.HubDecisionDue(cal, from)
	} else {
		d, err = adm.HubFullDecisionDue(cal, from)
	}
	if errors.Is(err, rules.ErrOutsideCalendar) {
		return rules.Deadline{}, nil
	}
	return d, err
}

// LateCeremony is an admission whose ceremony came, or is still to come,
// later than the time limit after the decision reached the cell: a breach
// the hub must see (Quy định 294-QĐ/TW, point 4.1: "Nếu để quá thời hạn
// nêu trên phải báo cáo và được cấp ủy cấp trên trực tiếp đồng ý").
type LateCeremony struct {
	Candidate Candidate
	CellName  string
	Deadline  rules.Deadline
	Held      bool // the ceremony took place (late); false: still not held, past the limit
}

// LateCeremonies lists, over every cell, the ceremonies held after their
// time limit or not yet held past it as of today, latest limit first.
func (s *Store) LateCeremonies(ctx context.Context, today time.Time) ([]LateCeremony, error) {
	cal, err := rules.LoadCalendar()
	if err != nil {
		return nil, fmt.Errorf("store: late ceremonies: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+readCols("candidate", "c", candidateList)+`, COALESCE(o.name, '') FROM candidates c
		LEFT JOIN orgs o ON o.id = c.org_id WHERE c.decision_received <> ''`)
	if err != nil {
		return nil, fmt.Errorf("store: late ceremonies: %w", err)
	}
	defer rows.Close()
	day := today.Format("2006-01-02")
	var out []LateCeremony
	for rows.Next() {
		var name string
		c, err := scanCandidate(scanWithTail{rows, &name})
		if err != nil {
			return nil, fmt.Errorf("store: late ceremonies: %w", err)
		}
		from := parseISO(c.DecisionReceived)
		adm, err := rules.AdmissionOn(from)
		if err != nil {
			return nil, fmt.Errorf("store: late ceremonies: %w", err)
		}
		d, err := adm.CeremonyDue(cal, from)
		if errors.Is(err, rules.ErrOutsideCalendar) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store: late ceremonies: %w", err)
		}
		due := d.Due.Format("2006-01-02")
		held := c.CeremonyDate != ""
		if held && c.CeremonyDate > due || !held && day > due {
			out = append(out, LateCeremony{Candidate: c, CellName: name, Deadline: d, Held: held})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Deadline.Due.After(out[j].Deadline.Due) })
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
		all, err := awaitingHub(ctx, w.tx)
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
