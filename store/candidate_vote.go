package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"chibo/rules"
)

// A candidate's two cell votes (admission, 6-KNĐ, and full membership,
// 13-KNĐ) are held at a cell meeting, so their denominator is that
// meeting's roll counted as the minutes count it (RollOf → rules.ComputeRoll),
// not a number typed on the candidate. Only a vote from the paper records,
// held before the cell kept its book in the app, has no meeting: then, and
// only then, the typed number stands, and it is the number of members who
// had the right to vote by the rule (full members called, less those
// excused or sent elsewhere), never the number who happened to vote. A
// typed base larger than the full members the roll could have had that
// day contradicts the roll and is refused (paperBase).

// Candidate vote errors.
var (
	ErrVoteMeeting     = errors.New("the vote's meeting is not in this cell's book")
	ErrVoteMeetingDate = errors.New("the vote's date is not the date of its meeting")
	ErrVoteMeetingPick = errors.New("several meetings that day: name the one the vote was held at")
	ErrVoteNoRoll      = errors.New("the meeting's roll has no member eligible to vote")
	ErrPaperBase       = errors.New("more eligible voters than full members on the roll that day")
)

// candidateVote points at one of a candidate's votes.
type candidateVote struct {
	meeting, date                 *string
	votesFor, against, ab, voters *int
	meetingField, dateField       string
	votersField                   string
}

func (c *Candidate) votes() []candidateVote {
	return []candidateVote{
		{&c.CellVoteMeeting, &c.CellVoteDate, &c.VotesFor, &c.VotesAgainst, &c.VotesAbstain, &c.Voters,
			"cell_vote_meeting", "cell_vote_date", "voters"},
		{&c.FullVoteMeeting, &c.FullVoteDate, &c.FullVotesFor, &c.FullVotesAgainst, &c.FullVotesAbstain, &c.FullVoters,
			"full_vote_meeting", "full_vote_date", "full_voters"},
	}
}

// linkVotes ties each dated vote to its meeting in org's book and sets its
// denominator from that meeting's roll. A vote naming no meeting is linked
// to the one meeting held that day; with none that day it is a paper
// record and keeps its typed voters; with several the user must pick.
func linkVotes(ctx context.Context, q querier, org string, c *Candidate) error {
	for _, v := range c.votes() {
		if *v.meeting == "" && *v.date == "" {
			continue
		}
		if *v.meeting == "" {
			ids, err := meetingsOn(ctx, q, org, *v.date)
			if err != nil {
				return err
			}
			switch {
			case len(ids) == 0: // paper record: the typed denominator stands if the roll allows it
				if err := paperBase(ctx, q, org, *v.date, *v.voters, v.votersField); err != nil {
					return err
				}
				continue
			case len(ids) > 1:
				return &FieldError{Field: v.meetingField, Value: FormatDMY(*v.date), Err: fmt.Errorf("%w: %w", ErrVoteMeetingPick, ErrInvalid)}
			}
			*v.meeting = ids[0]
		}
		m, ok, err := voteMeeting(ctx, q, org, *v.meeting)
		if err != nil {
			return err
		}
		if !ok {
			return &FieldError{Field: v.meetingField, Value: *v.meeting, Err: fmt.Errorf("%w: %w", ErrVoteMeeting, ErrInvalid)}
		}
		if *v.date == "" {
			*v.date = m.Date
		}
		if *v.date != m.Date {
			return &FieldError{Field: v.dateField, Value: FormatDMY(*v.date),
				Err: fmt.Errorf("%w (%s): %w", ErrVoteMeetingDate, FormatDMY(m.Date), ErrInvalid)}
		}
		*v.voters = RollOf(m).Eligible
		if *v.voters == 0 {
			return &FieldError{Field: v.meetingField, Value: FormatDMY(m.Date), Err: fmt.Errorf("%w: %w", ErrVoteNoRoll, ErrInvalid)}
		}
	}
	return nil
}

// paperBase refuses a typed denominator larger than the full members the
// cell's list could have had on date: members now full (or exempt, or gone
// since) whose admission and full dates, where known, are not after it.
// Probationary members never vote; temporarily attached ones vote at home.
// A cell whose list is still empty has no roll to check against.
func paperBase(ctx context.Context, q querier, org, date string, voters int, field string) error {
	var all, full int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN status NOT IN ('probationary', 'temporary')
			AND (full_date = '' OR full_date <= ?) AND (admission_date = '' OR admission_date <= ?) THEN 1 ELSE 0 END), 0)
		FROM members WHERE org_id = ?`, date, date, org).Scan(&all, &full)
	if err != nil {
		return fmt.Errorf("roll on %s: %w", date, err)
	}
	if all > 0 && voters > full {
		return &FieldError{Field: field, Value: fmt.Sprintf("%d > %d", voters, full),
			Err: fmt.Errorf("%w (%s: %d): %w", ErrPaperBase, FormatDMY(date), full, ErrInvalid)}
	}
	return nil
}

// meetingsOn lists the ids of org's meetings held on date.
func meetingsOn(ctx context.Context, q querier, org, date string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM meetings WHERE org_id = ? AND date = ? ORDER BY id", org, date)
	if err != nil {
		return nil, fmt.Errorf("meetings on %s: %w", date, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("meetings on %s: %w", date, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// voteMeeting reads the date and the attendance lines (with the day's
// snapshot of name and status) of one of org's meetings: all RollOf needs.
// It reads through q so it works inside the write transaction.
func voteMeeting(ctx context.Context, q querier, org, id string) (Meeting, bool, error) {
	var m Meeting
	err := q.QueryRowContext(ctx, "SELECT id, date FROM meetings WHERE id = ? AND org_id = ?", id, org).Scan(&m.ID, &m.Date)
	if err == sql.ErrNoRows {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("vote meeting %s: %w", id, err)
	}
	rows, err := q.QueryContext(ctx, "SELECT member_id, status, "+unsealSQL("attendance", "reason", "")+", member_name, member_status FROM attendance WHERE meeting_id = ? AND org_id = ?", id, org)
	if err != nil {
		return m, false, fmt.Errorf("vote meeting %s roll: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a Attendance
		if err := rows.Scan(&a.MemberID, &a.Status, &a.Reason, &a.MemberName, &a.MemberStatus); err != nil {
			return m, false, fmt.Errorf("vote meeting %s roll: %w", id, err)
		}
		m.Attendance = append(m.Attendance, a)
	}
	return m, true, rows.Err()
}

// checkVote refuses a tally whose ballots outnumber the voters and, when a
// later stage depends on it, one that did not reach the admission
// threshold of the rules in force on the day.
func checkVote(field string, votesFor, against, abstain, voters int, mustPass bool, on time.Time) error {
	n := votesFor + against + abstain
	v := fmt.Sprintf("%d/%d", votesFor, voters)
	if voters <= 0 || votesFor < 0 || against < 0 || abstain < 0 || n > voters {
		if n > votesFor {
			v = fmt.Sprintf("%d+%d+%d > %d", votesFor, against, abstain, voters)
		}
		return &FieldError{Field: field, Value: v, Err: fmt.Errorf("%w: %w", ErrVotesOverVoters, ErrInvalid)}
	}
	if !mustPass {
		return nil
	}
	set, err := rules.Current(on)
	if err != nil {
		return err
	}
	if ok, why := set.Passes(rules.VoteAdmission, votesFor, voters); !ok {
		return &FieldError{Field: field, Value: v, Err: fmt.Errorf("%w (%s): %w", ErrVoteFailed, why, ErrInvalid)}
	}
	return nil
}
