package store

import (
	"context"
	"fmt"
	"time"

	"chibo/rules"
)

// Reminders are what the overview tells the secretary about meetings.
type Reminders struct {
	RegularDue  bool          // this month has fewer regular meetings than the rules ask
	ThematicDue bool          // this quarter has fewer thematic meetings than the rules ask
	Overdue     []OpenTask    // tasks past their due date, not reported done
	Short       []LengthCheck // meetings of this month or last shorter than the rules' minimum
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
	cm, err := s.CellMinimum(ctx, "")
	if err != nil {
		return r, err
	}
	if r.Short, err = shortMeetings(ms, sup, today, cm); err != nil {
		return r, err
	}
	r.Overdue, err = s.OverdueTasks(ctx, today.Format("2006-01-02"))
	return r, err
}

// LengthCheck is a meeting's length against the rules' minimum
// (Hướng dẫn 42-HD/BTCTW via assets/rules/meeting-*.json), or against the
// shorter one the hub decided for a small cell. It is a warning, never a
// refusal: a short meeting still has minutes.
type LengthCheck struct {
	Date     string // yyyy-mm-dd
	Minutes  int    // start to end; of the joint session when combined
	Min      int    // 0 when the rules set no minimum for this kind
	Combined bool   // a regular and a thematic meeting held the same day
	Source   string // the regulation (or the hub's decision) the minimum comes from
	ByHub    bool   // the minimum is the hub's decision for this cell
}

// Short says whether the meeting is known to be shorter than the minimum.
func (c LengthCheck) Short() bool { return c.Min > 0 && c.Minutes > 0 && c.Minutes < c.Min }

// CheckLength measures m against the rules in force on its day, or the
// hub's shorter minimum for the cell (cm) when those rules allow one and
// the decision came before the meeting. The rules set minimums only for a
// regular meeting and for a regular meeting held together with the
// thematic one; so a regular or thematic meeting with the other kind on
// the same day (in others; m itself and superseded revisions are skipped)
// is one joint session, measured from the earliest start to the latest
// end. A meeting without both times is not measured.
func CheckLength(m Meeting, others []Meeting, sup map[string]bool, cm CellMinimum) (LengthCheck, error) {
	c := LengthCheck{Date: m.Date}
	if m.Kind != MeetingRegular && m.Kind != MeetingThematic {
		return c, nil
	}
	day, err := time.Parse("2006-01-02", m.Date)
	if err != nil {
		return c, nil // not a date yet; the form says so on save
	}
	start, end := m.StartTime, m.EndTime
	for _, o := range others {
		if o.ID == m.ID || sup[o.ID] || o.Date != m.Date || o.Kind == m.Kind ||
			(o.Kind != MeetingRegular && o.Kind != MeetingThematic) {
			continue
		}
		c.Combined = true
		if o.StartTime != "" && (start == "" || o.StartTime < start) {
			start = o.StartTime
		}
		if o.EndTime > end {
			end = o.EndTime
		}
	}
	if m.Kind == MeetingThematic && !c.Combined {
		return c, nil // the rules set no minimum for a thematic meeting alone
	}
	mr, err := rules.CurrentMeetingRules(day)
	if err != nil {
		return c, fmt.Errorf("store: meeting length %s: %w", m.Date, err)
	}
	rule := mr.MinRule(c.Combined)
	c.Min, c.Source = rule.Value, rule.Source
	if hub := cm.minutes(m.Date, c.Combined); hub > 0 && mr.HubMaySetShorter.Value {
		c.Min, c.ByHub = hub, true
		c.Source = fmt.Sprintf("quyết định %s ngày %s của cấp ủy cấp trên, theo %s", cm.DecisionNo,
			FormatDMY(cm.DecisionDate), mr.HubMaySetShorter.Source)
	}
	c.Minutes = clockMinutes(end) - clockMinutes(start)
	if start == "" || end == "" || c.Minutes < 0 {
		c.Minutes = 0
	}
	return c, nil
}

// clockMinutes reads "hh:mm" as minutes after midnight, -1 if it is not.
func clockMinutes(s string) int {
	if !clockRE.MatchString(s) {
		return -1
	}
	return int(s[0]-'0')*600 + int(s[1]-'0')*60 + int(s[3]-'0')*10 + int(s[4]-'0')
}

// shortMeetings lists the meetings dated this month or last (as of today)
// that are shorter than the rules' minimum, oldest first, one line per
// session (a combined session is reported once, under its regular meeting).
func shortMeetings(ms []Meeting, sup map[string]bool, today time.Time, cm CellMinimum) ([]LengthCheck, error) {
	this := today.Format("2006-01")
	last := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0).Format("2006-01")
	var out []LengthCheck
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if sup[m.ID] || len(m.Date) < 7 || (m.Date[:7] != this && m.Date[:7] != last) {
			continue
		}
		c, err := CheckLength(m, ms, sup, cm)
		if err != nil {
			return nil, err
		}
		if c.Short() && !(c.Combined && m.Kind == MeetingThematic) {
			out = append(out, c)
		}
	}
	return out, nil
}
