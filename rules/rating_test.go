package rules

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func mustRating(t *testing.T) Rating {
	t.Helper()
	r, err := RatingFor(2025)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLevelForScore(t *testing.T) {
	r := mustRating(t)
	for _, tc := range []struct {
		score int
		want  string
	}{{100, "excellent"}, {90, "excellent"}, {89, "good"}, {70, "good"}, {69, "done"}, {50, "done"}, {49, "failed"}, {0, "failed"}} {
		if got := r.LevelForScore(tc.score).Code; got != tc.want {
			t.Errorf("score %d → %s, want %s", tc.score, got, tc.want)
		}
	}
}

func TestStanding(t *testing.T) {
	r := mustRating(t)
	cases := []struct {
		name           string
		s              Subject
		reviewed, rate bool
		max            string
	}{
		{"full member", Subject{Status: "full", Admitted: d("2010-05-01")}, true, true, ""},
		{"exempt", Subject{Status: "exempt", Admitted: d("1970-05-01")}, false, false, ""},
		{"suspended", Subject{Status: "full", Suspended: true, Admitted: d("2010-05-01")}, false, false, ""},
		{"temporarily attached", Subject{Status: "temporary", Admitted: d("2010-05-01")}, true, false, ""},
		{"admitted 5 months 30 days before", Subject{Status: "probationary", Admitted: d("2025-07-01")}, true, false, ""},
		{"admitted exactly 6 months before", Subject{Status: "probationary", Admitted: d("2025-06-30")}, true, true, ""},
		{"admitted after the year", Subject{Status: "probationary", Admitted: d("2026-01-10")}, false, false, ""},
		{"sick 3 months", Subject{Status: "full", Admitted: d("2010-05-01"), SickLeaveMonths: 3}, true, true, "done"},
		{"sick 2 months", Subject{Status: "full", Admitted: d("2010-05-01"), SickLeaveMonths: 2}, true, true, ""},
		{"unknown admission date", Subject{Status: "full"}, true, true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := r.Standing(tc.s, 2025)
			if st.Reviewed != tc.reviewed || st.Rated != tc.rate || st.MaxLevel != tc.max {
				t.Errorf("standing %+v, want reviewed %v rated %v max %q", st, tc.reviewed, tc.rate, tc.max)
			}
			if (!st.Reviewed || !st.Rated || st.MaxLevel != "") && st.Reason == "" {
				t.Error("an exemption or cap without a reason")
			}
		})
	}
}

func TestAllow(t *testing.T) {
	r := mustRating(t)
	full := r.Standing(Subject{Status: "full"}, 2025)
	sick := r.Standing(Subject{Status: "full", SickLeaveMonths: 4}, 2025)
	fresh := r.Standing(Subject{Status: "probationary", Admitted: d("2025-10-01")}, 2025)
	cases := []struct {
		name  string
		st    Standing
		level string
		want  error
	}{
		{"full member excellent", full, "excellent", nil},
		{"no level yet", fresh, "", nil},
		{"new member rated", fresh, "good", ErrNotRated},
		{"sick member good", sick, "good", ErrAboveCap},
		{"sick member excellent", sick, "excellent", ErrAboveCap},
		{"sick member done", sick, "done", nil},
		{"sick member failed", sick, "failed", nil},
		{"unknown level", full, "heroic", ErrUnknownLevel},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := r.Allow(tc.st, tc.level); !errors.Is(err, tc.want) {
				t.Errorf("Allow = %v, want %v", err, tc.want)
			}
		})
	}
}

func levels(excellent, good, done int) []string {
	var out []string
	for i := 0; i < excellent; i++ {
		out = append(out, "excellent")
	}
	for i := 0; i < good; i++ {
		out = append(out, "good")
	}
	for i := 0; i < done; i++ {
		out = append(out, "done")
	}
	return out
}

func TestQuota(t *testing.T) {
	r := mustRating(t)
	r25 := r
	r25.QuotaPercent.Value = 25 // the (check) variant some places use
	cases := []struct {
		name    string
		r       Rating
		levels  []string
		ok      bool
		allowed int
	}{
		{"exactly 20 %", r, levels(2, 8, 5), true, 2},
		{"one more than 20 %", r, levels(3, 7, 5), false, 2},
		{"lower levels do not count", r, levels(2, 8, 30), true, 2},
		{"nobody excellent", r, levels(0, 4, 0), true, 0},
		{"one excellent of four", r, levels(1, 3, 0), false, 0},
		{"one excellent of five", r, levels(1, 4, 0), true, 1},
		{"25 %: exactly", r25, levels(2, 6, 0), true, 2},
		{"25 %: one more", r25, levels(3, 6, 0), false, 2},
		{"25 %: 3 of 10 refused at 20 % passes", r25, levels(3, 9, 0), true, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ok, _, allowed := tc.r.Quota(tc.levels)
			if ok != tc.ok || allowed != tc.allowed {
				t.Errorf("Quota = %v allowed %d, want %v allowed %d", ok, allowed, tc.ok, tc.allowed)
			}
		})
	}
}

func TestMonthsBetween(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"2008-03-10", "2026-03-09", 215}, {"2008-03-10", "2026-03-10", 216},
		{"2008-02-29", "2026-02-28", 215}, {"2008-02-29", "2026-03-01", 216},
		{"2008-01-31", "2008-02-29", 0}, {"2008-01-31", "2008-03-02", 1},
		{"2025-06-30", "2025-12-31", 6}, {"2025-07-01", "2025-12-31", 5},
	} {
		if got := MonthsBetween(d(tc.a), d(tc.b)); got != tc.want {
			t.Errorf("MonthsBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestFutureRuleSet: a set dated in the future is ignored until its day.
func TestFutureRuleSet(t *testing.T) {
	raw, err := os.ReadFile("../assets/rules/cellwork/rating-2025-01-01.json")
	if err != nil {
		t.Fatal(err)
	}
	later := strings.Replace(strings.Replace(string(raw), `"excellent_quota_percent": {"value": 20`, `"excellent_quota_percent": {"value": 25`, 1),
		`"effective": "2025-01-01",`, `"effective": "2027-06-01",`, 1)
	fsys := fstest.MapFS{
		"rules/cellwork/rating-2025-01-01.json": {Data: raw},
		"rules/cellwork/rating-2027-06-01.json": {Data: []byte(later)},
	}
	for _, tc := range []struct {
		year, want int
	}{{2024, 20}, {2026, 20}, {2027, 25}, {2030, 25}} {
		r, err := ratingFrom(fsys, tc.year)
		if err != nil {
			t.Fatal(err)
		}
		if r.QuotaPercent.Value != tc.want {
			t.Errorf("year %d: quota %d %%, want %d %%", tc.year, r.QuotaPercent.Value, tc.want)
		}
	}
	a, err := admissionFrom(fstest.MapFS{}, time.Now())
	if err == nil {
		t.Errorf("empty rules folder accepted: %+v", a)
	}
}
