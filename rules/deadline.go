package rules

import (
	"fmt"
	"slices"
	"time"
)

// A deadline the app prints must be checkable by hand: every due date
// comes with how it was counted (the day the time runs from, the rule and
// its clause, each day off skipped and why, each Saturday worked by
// decree) so the secretary can tap it and redo the sum on paper.

// Counted is one run of working days over the holiday table.
type Counted struct {
	Start, Due  time.Time
	Days        int       // working days counted
	Weekends    int       // Saturdays and Sundays skipped (not decreed working days)
	Skipped     []Holiday // weekdays off skipped, with their names, in date order
	MadeUp      []Holiday // weekend days counted because a decree made them working days
	Provisional []int     // years of the window whose days off are not yet decreed
}

// Count runs n working days from start (not counted, Bộ luật Dân sự 2015,
// Điều 147.2) and says which days it skipped. A window leaving the table
// is refused: no deadline is better than a wrong one.
func (c *Calendar) Count(start time.Time, n int) (Counted, error) {
	d := day(start)
	w := Counted{Start: d, Days: n}
	if !c.Covers(d) {
		return Counted{}, fmt.Errorf("%w: %s", ErrOutsideCalendar, d.Format(dateLayout))
	}
	seen := map[int]bool{}
	for left := n; left > 0; {
		d = d.AddDate(0, 0, 1)
		if !c.Covers(d) {
			return Counted{}, fmt.Errorf("%w: %s", ErrOutsideCalendar, d.Format(dateLayout))
		}
		if info := c.years[d.Year()]; info.Provisional && !seen[d.Year()] {
			seen[d.Year()] = true
			w.Provisional = append(w.Provisional, d.Year())
		}
		k := d.Format(dateLayout)
		switch h, worked := c.work[k]; {
		case worked:
			w.MadeUp = append(w.MadeUp, h)
			left--
		case !isWeekday(d):
			w.Weekends++
		case c.off[k].Date != "":
			w.Skipped = append(w.Skipped, c.off[k])
		default:
			left--
		}
	}
	w.Due = d
	return w, nil
}

// AddMonths is the end of a period of n months from start: the same day of
// the month n months later or, when that month has no such day, its last
// day (Bộ luật Dân sự 2015, Điều 148.1.c), so twelve months from
// 29 February end on 28 February, not on 1 March as time.AddDate gives.
func AddMonths(start time.Time, n int) time.Time {
	s := day(start)
	first := time.Date(s.Year(), s.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(s.Day(), last), 0, 0, 0, 0, time.UTC)
}

// Deadline is a due date with everything that made it: the event it runs
// from, the rules applied (the figure first, then the counting rules), the
// working-day count when it is one, and the step before when the start was
// itself computed (the end of probation before the full-membership vote).
type Deadline struct {
	Step     string    // which step of the pipeline: one of the Step* keys
	What     string    // Vietnamese: what must be done by Due
	Due      time.Time // last day
	From     time.Time // the event the time runs from
	FromWhat string    // Vietnamese: what that event is ("ngày chi bộ nhận quyết định")
	Amount   int
	Unit     string   // UnitWorkdays, UnitMonths or UnitYears
	Rules    []Source // the figure applied, then how it is counted
	Count    *Counted // the working-day run; nil for months and years
	Before   *Deadline
	// Extended is the last day if the one extension the rule allows is
	// granted (zero when the rule allows none).
	Extended time.Time
	// Estimated says From is a stand-in for a date nobody recorded.
	Estimated string
}

// Steps of the admission pipeline a deadline belongs to.
const (
	StepHubDecision     = "hub_decision"       // the deciding committee decides the admission
	StepHubFullDecision = "hub_full_decision"  // the deciding committee decides the full membership
	StepCeremony        = "ceremony"           // the cell holds the ceremony
	StepProbation       = "probation"          // probation ends
	StepFullVote        = "full_vote"          // the cell votes on full membership
	StepCertificate     = "certificate_expiry" // the awareness-class certificate runs out
)

// Units of a deadline.
const (
	UnitWorkdays = "working_days"
	UnitMonths   = "months"
	UnitYears    = "years"
)

// Provisional lists the years, this step's or an earlier one's, whose
// days off are not decreed yet: a deadline over them may still move.
func (d Deadline) Provisional() []int {
	var out []int
	if d.Before != nil {
		out = d.Before.Provisional()
	}
	if d.Count != nil {
		for _, y := range d.Count.Provisional {
			if !slices.Contains(out, y) {
				out = append(out, y)
			}
		}
	}
	return out
}
