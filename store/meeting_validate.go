package store

import (
	"fmt"
	"time"

	"chibo/rules"
)

// Checks on a meeting beyond its own fields: the parts (tasks, dues,
// score, votes), and the checks that need the roll as it stood on the day
// (who chaired, how many could vote). Every failure is a *FieldError
// naming the field so the form can point at it.

func badField(f, v, why string) error {
	return &FieldError{Field: f, Value: v, Err: fmt.Errorf("%s: %w", why, ErrInvalid)}
}

// validateParts checks the parts that need no database.
func validateParts(m Meeting) error {
	for _, t := range m.Tasks {
		if t.Title == "" {
			return badField("task", t.AssigneeName, "task without a title")
		}
		if !ValidDate(t.DueDate) {
			return badField("task_due", t.DueDate, "not a real date")
		}
	}
	for _, d := range m.Dues {
		if d.Amount < 0 {
			return badField("dues", fmt.Sprint(d.Amount), "negative amount")
		}
	}
	if len(m.Scores) > 0 {
		day, _ := time.Parse("2006-01-02", m.Date) // checked before
		mr, err := rules.CurrentMeetingRules(day)
		if err != nil {
			return err
		}
		for _, s := range m.Scores {
			c, ok := mr.Score.Criterion(s.Criterion)
			if !ok {
				return badField("score", s.Criterion, "unknown score criterion")
			}
			if s.Points < 0 || s.Points > c.Max {
				return badField("score", fmt.Sprintf("%s: %d", c.Label, s.Points), fmt.Sprintf("points outside 0–%d", c.Max))
			}
		}
	}
	for _, v := range m.Votes {
		if !knownVoteKind(v.Kind) {
			return badField("vote_kind", v.Kind, "unknown vote kind")
		}
		if v.For < 0 || v.Against < 0 || v.Abstain < 0 {
			return badField("votes_for", v.Subject, "negative count")
		}
	}
	return nil
}

func knownVoteKind(k string) bool {
	for _, x := range rules.VoteKinds {
		if x == k {
			return true
		}
	}
	return false
}

// RollOf counts the meeting's roll from its attendance lines, with each
// member's name and status as the lines carry them (the day's snapshot).
func RollOf(m Meeting) rules.Roll {
	people := make([]rules.Person, 0, len(m.Attendance))
	att := make([]rules.Presence, 0, len(m.Attendance))
	for _, a := range m.Attendance {
		people = append(people, rules.Person{ID: a.MemberID, Name: a.MemberName, Status: a.MemberStatus})
		att = append(att, rules.Presence{MemberID: a.MemberID, Status: a.Status, Reason: a.Reason})
	}
	return rules.ComputeRoll(people, att)
}

// CheckRoll checks what depends on the roll: the chair must be a member
// present, and no vote may have more ballots than members eligible to vote.
// The attendance lines must carry the day's snapshot (the store fills it
// on save; NewMeeting and Meeting return it).
func CheckRoll(m Meeting) error {
	if m.Chair != "" && !presentByName(m, m.Chair) {
		return badField("chair", m.Chair, "the chair is not a member present")
	}
	eligible := RollOf(m).Eligible
	if n := m.VotesFor + m.VotesAgainst + m.VotesAbstain; n > eligible {
		return &FieldError{Field: "votes_for", Value: fmt.Sprintf("%d > %d", n, eligible),
			Err: fmt.Errorf("%d votes but %d members may vote: %w", n, eligible, ErrTooManyVotes)}
	}
	for _, v := range m.Votes {
		if n := v.For + v.Against + v.Abstain; n > eligible {
			return &FieldError{Field: "vote_extra", Value: fmt.Sprintf("%s: %d > %d", v.Subject, n, eligible),
				Err: fmt.Errorf("%d votes but %d members may vote: %w", n, eligible, ErrTooManyVotes)}
		}
	}
	return nil
}

// ErrTooManyVotes: a tally larger than the members who may vote.
var ErrTooManyVotes = fmt.Errorf("more votes than eligible voters: %w", ErrInvalid)

func presentByName(m Meeting, name string) bool {
	for _, a := range m.Attendance {
		if a.MemberName == name && (a.Status == AttPresent || a.Status == AttExemptPresent) {
			return true
		}
	}
	return false
}

// checkFinal is what a meeting needs before it can be locked.
func checkFinal(m Meeting) error {
	if m.MinuteTaker == "" {
		return badField("minute_taker", "", "no minute-taker named")
	}
	if err := ValidateMeeting(m); err != nil {
		return err
	}
	return CheckRoll(m)
}
