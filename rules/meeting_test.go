package rules

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestVoteDenominatorExclusions walks every exclusion of DOMAIN.md "Votes"
// on one cell of four full members, checking the denominator and what a
// resolution with three votes for would say.
func TestVoteDenominatorExclusions(t *testing.T) {
	full := func(id string) Person { return Person{ID: id, Name: "Đ/c " + id, Status: StatusFull} }
	people := []Person{full("a"), full("b"), full("c"), full("d")}
	base := []Presence{{"a", AttPresent, ""}, {"b", AttPresent, ""}, {"c", AttPresent, ""}}
	tests := map[string]struct {
		people   []Person
		last     Presence // d's attendance
		eligible int
		passes   bool // 3 votes for a resolution
	}{
		"full member present is counted":                {people, Presence{"d", AttPresent, ""}, 4, true},
		"unexcused absence is still counted":            {people, Presence{"d", AttUnexcused, ""}, 4, true},
		"excused for the whole meeting is left out":     {people, Presence{"d", AttExcused, "ốm"}, 3, true},
		"sent to attend elsewhere is left out":          {people, Presence{"d", AttElsewhere, ""}, 3, true},
		"suspended, prosecuted or detained is left out": {people, Presence{"d", AttSuspended, ""}, 3, true},
		"exempt and absent is left out": {append(people[:3:3], Person{"d", "Cụ D", StatusExempt}),
			Presence{"d", AttExempt, ""}, 3, true},
		"exempt but present votes": {append(people[:3:3], Person{"d", "Cụ D", StatusExempt}),
			Presence{"d", AttExemptPresent, ""}, 4, true},
		"probationary present never votes": {append(people[:3:3], Person{"d", "Lò D", StatusProbationary}),
			Presence{"d", AttPresent, ""}, 3, true},
		"temporarily attached votes at home": {append(people[:3:3], Person{"d", "Sùng D", StatusTemporary}),
			Presence{"d", AttPresent, ""}, 3, true},
	}
	rs := mustSet(t)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := ComputeRoll(tc.people, append(base[:3:3], tc.last))
			if r.Eligible != tc.eligible {
				t.Fatalf("eligible %d, want %d", r.Eligible, tc.eligible)
			}
			if r.Present+r.Elsewhere+len(r.Absent)+exemptAbsent(tc.last) != r.Total {
				t.Errorf("roll does not add up: %+v", r)
			}
			if ok, why := rs.Passes(VoteResolution, 3, r.Eligible); ok != tc.passes {
				t.Errorf("passes %v (%s)", ok, why)
			}
		})
	}
}

func exemptAbsent(p Presence) int {
	if p.Status == AttExempt {
		return 1
	}
	return 0
}

func TestSuspendedIsNamedAbsent(t *testing.T) {
	r := ComputeRoll([]Person{{"a", "Vàng A Sử", StatusFull}}, []Presence{{"a", AttSuspended, ""}})
	if r.Suspended != 1 || len(r.Absent) != 1 || r.Absent[0].Reason != ReasonSuspended || r.Eligible != 0 {
		t.Fatalf("%+v", r)
	}
}

func mustSet(t *testing.T) RuleSet {
	t.Helper()
	s, err := Current(mustDate(t, "2026-11-05"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustDate(t *testing.T, iso string) time.Time {
	t.Helper()
	d, err := time.Parse(dateLayout, iso)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func replace(s, old, new string) string { return strings.ReplaceAll(s, old, new) }

func TestMeetingRules(t *testing.T) {
	r, err := CurrentMeetingRules(mustDate(t, "2026-11-05"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Score.MaxScore() != 100 {
		t.Errorf("score scale %d, want 100", r.Score.MaxScore())
	}
	if r.MinLength(false) != 90 || r.MinLength(true) != 120 {
		t.Errorf("min length %d / %d", r.MinLength(false), r.MinLength(true))
	}
	bands := map[int]string{100: "Tốt", 90: "Tốt", 89: "Khá", 70: "Khá", 69: "Trung bình", 50: "Trung bình", 49: "Kém", 0: "Kém"}
	for total, want := range bands {
		if got := r.Score.Band(total); got != want {
			t.Errorf("band(%d) = %q, want %q", total, got, want)
		}
	}
	if len(r.Agenda.Items) < 10 || r.Agenda.Items[0].Section != "opening" {
		t.Errorf("agenda %+v", r.Agenda.Items)
	}
}

func TestLoadMeetingRulesRefusesBadData(t *testing.T) {
	good := `{"effective":"2025-07-01","min_minutes":{"regular":{"value":90,"source":"x","effective":"2025-07-01"},
	"combined":{"value":120,"source":"x","effective":"2025-07-01"}},
	"regular_per_month":{"value":1,"source":"x","effective":"2025-07-01"},
	"thematic_per_quarter":{"value":1,"source":"x","effective":"2025-07-01"},
	"small_cell_hub_minimum":{"value":true,"source":"x","effective":"2025-07-01"},
	"agenda":{"source":"x","items":[{"section":"body","title":"t"}]},
	"score":{"source":"x","criteria":[{"key":"a","max":60},{"key":"b","max":40}],"bands":[{"label":"Tốt","min":90},{"label":"Kém","min":BANDMIN}]}}`
	tests := map[string]struct {
		body string
		ok   bool
	}{
		"good":                 {replace(good, "BANDMIN", "0"), true},
		"lowest band above 0":  {replace(good, "BANDMIN", "10"), false},
		"bands not descending": {replace(good, "BANDMIN", "95"), false},
		"not json":             {"{", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := LoadMeetingRules(fstest.MapFS{"rules/meeting-x.json": {Data: []byte(tc.body)}})
			if (err == nil) != tc.ok {
				t.Fatalf("err %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
