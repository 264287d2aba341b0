package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"chibo/assets"
)

// Holiday is one dated day off (or, in Workdays, a Saturday worked to
// make up for a bridged day).
type Holiday struct {
	Date string `json:"date"`
	Name string `json:"name"`
}

type holidayYear struct {
	Year         int       `json:"year"`
	Holidays     []Holiday `json:"holidays"`
	Workdays     []Holiday `json:"workdays"`
	TetPublished bool      `json:"tet_published"`
	Tet          string    `json:"tet"`
	GioTo        string    `json:"gio_to"`
}

type holidayFile struct {
	Source    string        `json:"source"`
	Effective string        `json:"effective"`
	Check     bool          `json:"check"`
	Note      string        `json:"note"`
	Years     []holidayYear `json:"years"`
}

// Calendar knows which days are working days: Monday to Friday except the
// dated public holidays, plus any Saturday named as a make-up workday.
// The table is data (assets/rules/cellwork/holidays.json), generated once
// by holidays_gen.go from the lunar calendar and checked in tests.
type Calendar struct {
	Source, Effective, Note string
	Check                   bool
	First, Last             int // years the table covers
	off                     map[string]string
	work                    map[string]string
	lunar                   map[int][2]string // year → Tết, Giỗ Tổ
}

// ErrOutsideCalendar means a date falls in a year the holiday table does
// not cover, so no working-day count can be trusted.
var ErrOutsideCalendar = fmt.Errorf("rules: date outside the holiday table")

// LoadCalendar reads the embedded holiday table.
func LoadCalendar() (*Calendar, error) {
	return loadCalendar(assets.CellWork, "rules/cellwork/holidays.json")
}

func loadCalendar(fsys fs.FS, name string) (*Calendar, error) {
	var f holidayFile
	if err := readJSON(fsys, name, &f); err != nil {
		return nil, err
	}
	if f.Source == "" || !isDate(f.Effective) || len(f.Years) == 0 {
		return nil, fmt.Errorf("rules: %s: needs source, effective date and years", name)
	}
	c := &Calendar{Source: f.Source, Effective: f.Effective, Note: f.Note, Check: f.Check,
		off: map[string]string{}, work: map[string]string{}, lunar: map[int][2]string{}, First: f.Years[0].Year, Last: f.Years[0].Year}
	for _, y := range f.Years {
		if !isDate(y.Tet) || !isDate(y.GioTo) {
			return nil, fmt.Errorf("rules: %s: year %d: no lunar dates", name, y.Year)
		}
		c.lunar[y.Year] = [2]string{y.Tet, y.GioTo}
		c.First, c.Last = min(c.First, y.Year), max(c.Last, y.Year)
		for _, h := range y.Holidays {
			if !isDate(h.Date) || h.Date[:4] != fmt.Sprint(y.Year) && h.Date[:4] != fmt.Sprint(y.Year-1) {
				return nil, fmt.Errorf("rules: %s: year %d: bad holiday %q", name, y.Year, h.Date)
			}
			c.off[h.Date] = h.Name
		}
		for _, w := range y.Workdays {
			if !isDate(w.Date) {
				return nil, fmt.Errorf("rules: %s: year %d: bad workday %q", name, y.Year, w.Date)
			}
			c.work[w.Date] = w.Name
		}
	}
	return c, nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("rules: %s: %w", name, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("rules: %s: %w", name, err)
	}
	return nil
}

func isDate(s string) bool {
	_, err := time.Parse(dateLayout, s)
	return err == nil
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// Covers reports whether the table has the year of t.
func (c *Calendar) Covers(t time.Time) bool { return t.Year() >= c.First && t.Year() <= c.Last }

// Holiday names the public holiday on t, or "".
func (c *Calendar) Holiday(t time.Time) string { return c.off[day(t).Format(dateLayout)] }

// Holidays lists the days off of one year, in date order.
func (c *Calendar) Holidays(year int) []Holiday {
	var out []Holiday
	for d, n := range c.off {
		if d[:4] == fmt.Sprint(year) {
			out = append(out, Holiday{d, n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// LunarDays returns the Gregorian dates of Tết (1/1 lunar) and Giỗ Tổ Hùng
// Vương (10/3 lunar) of a year, as yyyy-mm-dd, from the table.
func (c *Calendar) LunarDays(year int) (tet, gioTo string, ok bool) {
	d, ok := c.lunar[year]
	return d[0], d[1], ok
}

// IsWorkday reports whether t is a working day.
func (c *Calendar) IsWorkday(t time.Time) bool {
	k := day(t).Format(dateLayout)
	if _, ok := c.work[k]; ok {
		return true
	}
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, off := c.off[k]
	return !off
}

// AddWorkdays returns the day n working days after start: the deadline
// "within n working days of start". Counting begins the day after start,
// whatever start is, so a decision received the day before Tết has its
// first working day after the break.
func (c *Calendar) AddWorkdays(start time.Time, n int) (time.Time, error) {
	d := day(start)
	if !c.Covers(d) {
		return time.Time{}, fmt.Errorf("%w: %s", ErrOutsideCalendar, d.Format(dateLayout))
	}
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if !c.Covers(d) {
			return time.Time{}, fmt.Errorf("%w: %s", ErrOutsideCalendar, d.Format(dateLayout))
		}
		if c.IsWorkday(d) {
			n--
		}
	}
	return d, nil
}

// WorkdaysBetween counts working days after from up to and including to
// (negative when to is before from).
func (c *Calendar) WorkdaysBetween(from, to time.Time) int {
	from, to = day(from), day(to)
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return sign * n
}
