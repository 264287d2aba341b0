package rules

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func mustCalendar(t *testing.T) *Calendar {
	t.Helper()
	c, err := LoadCalendar()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestLunarDatesAgainstPublished cross-checks the generated table against
// dates known from published calendars. Tết 2030 is 2 February in Vietnam
// (UTC+7) but 3 February in China (UTC+8): the case that shows the table
// was computed for Vietnam's meridian, not copied from a Chinese calendar.
func TestLunarDatesAgainstPublished(t *testing.T) {
	c := mustCalendar(t)
	if c.First != 2020 || c.Last != 2035 {
		t.Fatalf("table covers %d–%d, want 2020–2035", c.First, c.Last)
	}
	tet := map[int]string{2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22",
		2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26",
		2029: "2029-02-13", 2030: "2030-02-02", 2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31",
		2034: "2034-02-19", 2035: "2035-02-08"}
	gioTo := map[int]string{2020: "2020-04-02", 2021: "2021-04-21", 2022: "2022-04-10", 2023: "2023-04-29",
		2024: "2024-04-18", 2025: "2025-04-07", 2026: "2026-04-26"}
	for y := 2020; y <= 2035; y++ {
		gotTet, gotGio, ok := c.LunarDays(y)
		if !ok || gotTet != tet[y] {
			t.Errorf("Tết %d = %q, want %s", y, gotTet, tet[y])
		}
		if want, known := gioTo[y]; known && gotGio != want {
			t.Errorf("Giỗ Tổ %d = %q, want %s", y, gotGio, want)
		}
		if c.IsWorkday(d(gotTet)) || c.IsWorkday(d(gotGio)) {
			t.Errorf("%d: Tết %s or Giỗ Tổ %s is a working day", y, gotTet, gotGio)
		}
		// Giỗ Tổ is 10/3 lunar: 68 to 98 days after Tết whatever the leap month.
		if gap := d(gotGio).Sub(d(gotTet)).Hours() / 24; gap < 66 || gap > 98 {
			t.Errorf("%d: Giỗ Tổ %d days after Tết", y, int(gap))
		}
	}
}

func TestFixedHolidays(t *testing.T) {
	c := mustCalendar(t)
	for y := 2020; y <= 2035; y++ {
		for _, md := range []string{"-01-01", "-04-30", "-05-01", "-09-02"} {
			if c.Holiday(d(itoa(y)+md)) == "" {
				t.Errorf("%d%s is not in the table", y, md)
			}
		}
		if y >= 2021 && c.Holiday(d(itoa(y)+"-09-01")) == "" && c.Holiday(d(itoa(y)+"-09-03")) == "" {
			t.Errorf("%d: no day adjacent to 2/9", y)
		}
	}
}

func itoa(y int) string { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") }

func TestAddWorkdays(t *testing.T) {
	c := mustCalendar(t)
	cases := []struct {
		name, start string
		n           int
		want        string
	}{
		{"plain week", "2024-03-04", 4, "2024-03-08"},
		{"from a Friday", "2024-03-08", 1, "2024-03-11"},
		{"from a Saturday", "2024-03-09", 1, "2024-03-11"},
		{"zero days is the start", "2024-03-09", 0, "2024-03-09"},
		{"across Tết 2023", "2023-01-19", 1, "2023-01-27"},
		{"across Tết 2024", "2024-02-07", 1, "2024-02-15"},
		{"across Tết 2025 onto the make-up Saturday", "2025-01-24", 6, "2025-02-08"},
		{"Tết 2026 break", "2026-02-13", 1, "2026-02-23"},
		{"Tết 2030 model with nghỉ bù", "2030-01-31", 1, "2030-02-08"},
		{"day before Giỗ Tổ 2024", "2024-04-17", 1, "2024-04-19"},
		{"day before Giỗ Tổ 2024, two days", "2024-04-17", 2, "2024-04-22"},
		{"day before 2/9 2025", "2025-08-29", 1, "2025-09-03"},
		{"day before 2/9 2024 (adjacent 3/9)", "2024-08-30", 1, "2024-09-04"},
		{"30/4–1/5 then weekend 2026", "2026-04-29", 1, "2026-05-04"},
		{"30/4–1/5 on a weekend 2022 (nghỉ bù)", "2022-04-29", 1, "2022-05-04"},
		{"Giỗ Tổ, 30/4, 1/5 run 2023", "2023-04-28", 1, "2023-05-04"},
		{"30/4–1/5 midweek 2025, then the swapped Friday 2/5", "2025-04-29", 1, "2025-05-05"},
		{"leap day 2024", "2024-02-28", 1, "2024-02-29"},
		{"past leap day 2024", "2024-02-28", 2, "2024-03-01"},
		{"leap day 2028", "2028-02-28", 1, "2028-02-29"},
		{"no leap day 2025", "2025-02-28", 1, "2025-03-03"},
		{"leap day on a Sunday 2032", "2032-02-27", 1, "2032-03-01"},
		{"60 days over Tết 2026 (hub decision)", "2025-12-15", 60, "2026-03-17"},
		{"60 days over Tết and Giỗ Tổ 2024", "2024-01-05", 60, "2024-04-05"},
		{"30 days over Tết 2026 (ceremony)", "2026-01-20", 30, "2026-03-10"},
		{"30 days over 2/9 2026", "2026-08-20", 30, "2026-10-05"},
		{"30 days over Tết 2030", "2030-01-25", 30, "2030-03-15"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.AddWorkdays(d(tc.start), tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format(dateLayout) != tc.want {
				t.Errorf("%s + %d working days = %s, want %s", tc.start, tc.n, got.Format(dateLayout), tc.want)
			}
			if tc.n > 0 && c.WorkdaysBetween(d(tc.start), got) != tc.n {
				t.Errorf("WorkdaysBetween disagrees: %d", c.WorkdaysBetween(d(tc.start), got))
			}
		})
	}
}

func TestAddWorkdaysOutsideTable(t *testing.T) {
	c := mustCalendar(t)
	for _, tc := range []struct {
		name, start string
		n           int
	}{{"year after the table", "2036-01-05", 1}, {"runs off the end", "2035-12-28", 10}, {"before the table", "2019-12-30", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.AddWorkdays(d(tc.start), tc.n); !errors.Is(err, ErrOutsideCalendar) {
				t.Errorf("err = %v, want ErrOutsideCalendar", err)
			}
		})
	}
}

func TestWorkdaysBetweenSign(t *testing.T) {
	c := mustCalendar(t)
	if n := c.WorkdaysBetween(d("2024-02-15"), d("2024-02-07")); n != -1 {
		t.Errorf("backwards = %d, want -1", n)
	}
	if h := c.Holidays(2025); len(h) == 0 || !strings.Contains(c.Holiday(d("2025-01-29")), "Tết") {
		t.Errorf("2025 holidays %v", h)
	}
}
