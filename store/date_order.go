package store

import (
	"errors"
	"fmt"
	"time"

	"chibo/rules"
)

// Dates that must follow one another: a ceremony is held after the
// admission decision, the cell votes after the awareness class. A record
// (or an import row) that puts them the other way round is refused with
// the field, the date it must follow and the clause that says so.

// OrderError is a date earlier than the date a rule says it follows.
type OrderError struct {
	Field, Before   string // the field too early, and the field it must follow
	Date, BeforeDay string // their dates, ISO
	Rule            rules.Source
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("%s %s is before %s %s (%s %s): %v", e.Field, e.Date, e.Before, e.BeforeDay,
		e.Rule.Source, e.Rule.Article, ErrInvalid)
}

// Unwrap makes an order error a stage-order and an invalid-input error.
func (e *OrderError) Unwrap() []error { return []error{ErrStageOrder, ErrInvalid} }

// AsOrderError finds an order error in err's chain.
func AsOrderError(err error) (*OrderError, bool) {
	var oe *OrderError
	ok := errors.As(err, &oe)
	return oe, ok
}

// orderCheck refuses after < before under the order rule key of the
// admission rules in force on the later date, as a *FieldError on after.
func orderCheck(key string, before, after struct{ field, date string }) error {
	if before.date == "" || after.date == "" || after.date >= before.date {
		return nil
	}
	adm, err := rules.AdmissionOn(parseISO(after.date))
	if err != nil {
		return err
	}
	rule, _ := adm.Order(key)
	return &FieldError{Field: after.field, Value: after.date, Err: &OrderError{Field: after.field, Before: before.field,
		Date: after.date, BeforeDay: before.date, Rule: rule.Ref()}}
}

type datedField = struct{ field, date string }

// checkMemberDates keeps a member's dates in order: the ceremony on or
// after the admission decision, full membership after both.
func checkMemberDates(m Member) error {
	if err := orderCheck(rules.OrderDecisionCeremony, datedField{"admission_date", m.AdmissionDate},
		datedField{"ceremony_date", m.CeremonyDate}); err != nil {
		return err
	}
	start := datedField{"ceremony_date", m.CeremonyDate}
	if start.date == "" {
		start = datedField{"admission_date", m.AdmissionDate}
	}
	if m.FullDate == "" || start.date == "" || m.FullDate >= start.date {
		return nil
	}
	adm, err := rules.AdmissionOn(parseISO(m.FullDate))
	if err != nil {
		return err
	}
	return &FieldError{Field: "full_date", Value: m.FullDate, Err: &OrderError{Field: "full_date", Before: start.field,
		Date: m.FullDate, BeforeDay: start.date, Rule: adm.FullFrom.Ref()}}
}

// checkCandidateOrder applies the named order rules to a candidate before
// the general stage order, so the refusal can cite its clause.
func checkCandidateOrder(c Candidate) error {
	if err := orderCheck(rules.OrderDecisionCeremony, datedField{"hub_decision_date", c.HubDecisionDate},
		datedField{"ceremony_date", c.CeremonyDate}); err != nil {
		return err
	}
	return orderCheck(rules.OrderClassVote, datedField{"class_date", c.ClassDate}, datedField{"cell_vote_date", c.CellVoteDate})
}

// probationStart is the day a member's probation runs from: the ceremony,
// or, when only the decision is known, the decision as an estimate (it
// is never later than the ceremony, so the reminder errs early).
func probationStart(m Member) (time.Time, bool, bool) {
	switch {
	case m.CeremonyDate != "":
		return parseISO(m.CeremonyDate), false, true
	case m.AdmissionDate != "":
		return parseISO(m.AdmissionDate), true, true
	}
	return time.Time{}, false, false
}
