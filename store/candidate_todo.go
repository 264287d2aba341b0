package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"chibo/rules"
)

// Todo kinds: the deadlines of the admission pipeline.
const (
	TodoHubDecision = "hub_decision"       // the deciding committee must decide
	TodoCeremony    = "ceremony"           // the cell must hold the ceremony
	TodoFullVote    = "full_vote"          // the cell must vote on full membership
	TodoCertificate = "certificate_expiry" // the awareness-class certificate runs out
)

// TodoLabels are the kinds' wordings.
var TodoLabels = []Label{
	{TodoHubDecision, "Cấp ủy ra quyết định kết nạp"},
	{TodoCeremony, "Tổ chức lễ kết nạp"},
	{TodoFullVote, "Xét công nhận đảng viên chính thức"},
	{TodoCertificate, "Giấy chứng nhận lớp nhận thức hết hạn"},
}

// Todo is one open deadline.
type Todo struct {
	Kind     string
	Person   string
	PersonID string // candidate id
	Due      string // yyyy-mm-dd
	DaysLeft int    // calendar days from today; negative = overdue
	Rule     string // the regulation the deadline comes from
}

// Todos lists the open deadlines of this cell's candidates, soonest first.
func (s *Store) Todos(ctx context.Context, today time.Time) ([]Todo, error) {
	cs, err := s.Candidates(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := rules.LoadCalendar()
	if err != nil {
		return nil, fmt.Errorf("store: todos: %w", err)
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var out []Todo
	for _, c := range cs {
		ts, err := candidateTodos(c, cal)
		if errors.Is(err, rules.ErrOutsideCalendar) {
			continue // a stage dated outside the holiday table: no trustworthy deadline
		}
		if err != nil {
			return nil, fmt.Errorf("store: todos of %q: %w", c.FullName, err)
		}
		for _, t := range ts {
			t.Person, t.PersonID = c.FullName, c.ID
			t.DaysLeft = int(parseISO(t.Due).Sub(today).Hours() / 24)
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
	return out, nil
}

// candidateTodos is the one deadline a candidate's stage opens, if any.
func candidateTodos(c Candidate, cal *rules.Calendar) ([]Todo, error) {
	var from time.Time
	switch {
	case c.FullDecisionDate != "":
		return nil, nil
	case c.CeremonyDate != "" && c.FullVoteDate == "":
		from = parseISO(c.HubDecisionDate)
	case c.DecisionReceived != "" && c.CeremonyDate == "":
		from = parseISO(c.DecisionReceived)
	case c.CellVoteDate != "" && c.HubDecisionDate == "":
		from = parseISO(c.CellVoteDate)
	}
	adm, err := rules.AdmissionOn(from)
	if err != nil {
		return nil, err
	}
	var due time.Time
	var kind string
	var rule rules.Value[int]
	switch {
	case c.CeremonyDate != "" && c.FullVoteDate == "":
		kind, rule = TodoFullVote, adm.FullVoteDays
		due, err = adm.FullVoteDue(cal, adm.ProbationEnd(from))
	case c.DecisionReceived != "" && c.CeremonyDate == "":
		kind, rule = TodoCeremony, adm.CeremonyDays
		due, err = adm.CeremonyDue(cal, from)
	case c.CellVoteDate != "" && c.HubDecisionDate == "":
		kind, rule = TodoHubDecision, adm.HubDecisionDays
		due, err = adm.HubDecisionDue(cal, from)
	case c.ClassDate != "" && c.CellVoteDate == "":
		adm, err = rules.AdmissionOn(parseISO(c.ClassDate))
		kind, rule = TodoCertificate, adm.CertificateYears
		due = adm.CertificateValidUntil(parseISO(c.ClassDate))
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []Todo{{Kind: kind, Due: due.Format("2006-01-02"), Rule: rule.Source}}, nil
}
