package store

import (
	"context"
	"fmt"
	"time"

	"chibo/rules"
)

// Reminders are what the overview tells the secretary about meetings.
type Reminders struct {
	RegularDue  bool       // this month has fewer regular meetings than the rules ask
	ThematicDue bool       // this quarter has fewer thematic meetings than the rules ask
	Overdue     []OpenTask // tasks past their due date, not reported done
}

// MeetingReminders checks this month and quarter against the meeting rules
// in force on today. Drafts count: a meeting being written is not due.
func (s *Store) MeetingReminders(ctx context.Context, today time.Time) (Reminders, error) {
	mr, err := rules.CurrentMeetingRules(today)
	if err != nil {
		return Reminders{}, fmt.Errorf("store: reminders: %w", err)
	}
	ms, err := s.Meetings(ctx, "")
	if err != nil {
		return Reminders{}, err
	}
	sup, err := s.Superseded(ctx)
	if err != nil {
		return Reminders{}, err
	}
	month := today.Format("2006-01")
	q := (int(today.Month()) - 1) / 3
	regular, thematic := 0, 0
	for _, m := range ms {
		if sup[m.ID] || len(m.Date) < 7 {
			continue
		}
		d, err := time.Parse("2006-01-02", m.Date)
		if err != nil {
			continue
		}
		if m.Kind == MeetingRegular && m.Date[:7] == month {
			regular++
		}
		if m.Kind == MeetingThematic && d.Year() == today.Year() && (int(d.Month())-1)/3 == q {
			thematic++
		}
	}
	r := Reminders{RegularDue: regular < mr.RegularPerMonth.Value, ThematicDue: thematic < mr.ThematicPerQuarter.Value}
	r.Overdue, err = s.OverdueTasks(ctx, today.Format("2006-01-02"))
	return r, err
}
