package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"sync"
	"time"

	"chibo/assets"
)

// Holiday is one dated day off (or, in Workdays, a Saturday worked to
// make up for a bridged day). Kind says why: one of the Day* kinds.
type Holiday struct {
	Date string `json:"date"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// Kinds of day in the holiday table.
const (
	DayHoliday      = "holiday"      // a public holiday of Bộ luật Lao động Điều 112
	DayCompensation = "compensation" // nghỉ bù for a holiday on a weekend
	DayAdjacent     = "adjacent"     // the day joined to 2/9
	DayTetBreak     = "tet_break"    // a weekday of the announced Tết break
	DaySwap         = "swap"         // a decreed exchange: weekday off, or Saturday worked
)

// Year statuses: a year's days off are decreed once the Government has
// announced them; until then the table is the statutory model, provisional.
const (
	YearDecreed     = "decreed"
	YearProvisional = "provisional"
)

// Notice is a government decision a year of the table follows.
type Notice struct {
	What     string `json:"what"`
	Source   string `json:"source"`
	Signed   string `json:"signed,omitempty"`
	Quote    string `json:"quote,omitempty"`
	Via      string `json:"via,omitempty"`
	NotFound string `json:"not_found,omitempty"`
}

type holidayYear struct {
	Year         int       `json:"year"`
	Status       string    `json:"status"`
	Reason       string    `json:"reason"`
	Notices      []Notice  `json:"notices"`
	Holidays     []Holiday `json:"holidays"`
	Workdays     []Holiday `json:"workdays"`
	TetPublished bool      `json:"tet_published"`
	Tet          string    `json:"tet"`
	GioTo        string    `json:"gio_to"`
}

// YearInfo is one year of the table as the rules page shows it.
type YearInfo struct {
	Year        int
	Provisional bool
	Reason      string // why provisional; "" when decreed
	Notices     []Notice
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
	off                     map[string]Holiday
	work                    map[string]Holiday
	lunar                   map[int][2]string // year → Tết, Giỗ Tổ
	years                   map[int]YearInfo
}

// ErrOutsideCalendar means a date falls in a year the holiday table does
// not cover, so no working-day count can be trusted.
var ErrOutsideCalendar = fmt.Errorf("rules: date outside the holiday table")

// LoadCalendar reads the embedded holiday table, once: it cannot change
// while the app runs. The calendar is shared and must not be changed.
func LoadCalendar() (*Calendar, error) { return embeddedCalendar() }

var embeddedCalendar = sync.OnceValues(func() (*Calendar, error) {
	return loadCalendar(assets.CellWork, "rules/cellwork/holidays.json")
})

func loadCalendar(fsys fs.FS, name string) (*Calendar, error) {
	var f holidayFile
	if err := readJSON(fsys, name, &f); err != nil {
		return nil, err
	}
	if f.Source == "" || !isDate(f.Effective) || len(f.Years) == 0 {
		return nil, fmt.Errorf("rules: %s: needs source, effective date and years", name)
	}
	c := &Calendar{Source: f.Source, Effective: f.Effective, Note: f.Note, Check: f.Check,
		off: map[string]Holiday{}, work: map[string]Holiday{}, lunar: map[int][2]string{}, years: map[int]YearInfo{},
		First: f.Years[0].Year, Last: f.Years[0].Year}
	for _, y := range f.Years {
		if err := c.addYear(y); err != nil {
			return nil, fmt.Errorf("rules: %s: year %d: %w", name, y.Year, err)
		}
	}
	return c, nil
}

var dayKinds = map[string]bool{DayHoliday: true, DayCompensation: true, DayAdjacent: true, DayTetBreak: true, DaySwap: true}

func (c *Calendar) addYear(y holidayYear) error {
	if !isDate(y.Tet) || !isDate(y.GioTo) {
		return fmt.Errorf("no lunar dates")
	}
	if y.Status != YearDecreed && y.Status != YearProvisional {
		return fmt.Errorf("status %q: want decreed or provisional", y.Status)
	}
	if y.Status == YearProvisional && y.Reason == "" {
		return fmt.Errorf("provisional without a reason")
	}
	c.lunar[y.Year] = [2]string{y.Tet, y.GioTo}
	c.years[y.Year] = YearInfo{Year: y.Year, Provisional: y.Status == YearProvisional, Reason: y.Reason, Notices: y.Notices}
	c.First, c.Last = min(c.First, y.Year), max(c.Last, y.Year)
	for _, h := range y.Holidays {
		if !isDate(h.Date) || h.Date[:4] != fmt.Sprint(y.Year) && h.Date[:4] != fmt.Sprint(y.Year-1) || !dayKinds[h.Kind] {
			return fmt.Errorf("bad holiday %q (%s)", h.Date, h.Kind)
		}
		c.off[h.Date] = h
	}
	for _, w := range y.Workdays {
		// Only a Saturday or Sunday can be made a working day, and only by a decree.
		if !isDate(w.Date) || w.Kind != DaySwap || isWeekday(d0(w.Date)) {
			return fmt.Errorf("bad workday %q (%s)", w.Date, w.Kind)
		}
		c.work[w.Date] = w
	}
	return nil
}

func d0(s string) time.Time { t, _ := time.Parse(dateLayout, s); return t }

func isWeekday(t time.Time) bool { wd := t.Weekday(); return wd != time.Saturday && wd != time.Sunday }

// Year describes one year of the table; ok is false outside it.
func (c *Calendar) Year(y int) (YearInfo, bool) {
	info, ok := c.years[y]
	return info, ok
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
func (c *Calendar) Holiday(t time.Time) string { return c.off[day(t).Format(dateLayout)].Name }

// Holidays lists the days off of one year, in date order.
func (c *Calendar) Holidays(year int) []Holiday {
	var out []Holiday
	for d, h := range c.off {
		if d[:4] == fmt.Sprint(year) {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// MadeUpDays lists the weekend days a decree made working days in one year.
func (c *Calendar) MadeUpDays(year int) []Holiday {
	var out []Holiday
	for d, h := range c.work {
		if d[:4] == fmt.Sprint(year) {
			out = append(out, h)
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
// whatever start is (Bộ luật Dân sự 2015, Điều 147.2: the first day is not
// counted), so a decision received the day before Tết has its first
// working day after the break.
func (c *Calendar) AddWorkdays(start time.Time, n int) (time.Time, error) {
	w, err := c.Count(start, n)
	return w.Due, err
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
