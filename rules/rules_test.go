package rules

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"chibo/assets"
)

func TestEmbeddedSetsValid(t *testing.T) {
	sets, err := Load(assets.Rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		for _, src := range s.Sources() {
			if src.Source == "" || src.Effective == "" {
				t.Errorf("set %s: %s has no provenance", s.ID, src.Key)
			}
		}
	}
}

func TestCurrentLayout(t *testing.T) {
	s, err := Current(time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	got := s.Layout()
	want := Layout{Paper: "A4", PageWidth: 210, PageHeight: 297, MarginTop: 20, MarginBottom: 20,
		MarginLeft: 30, MarginRight: 15, HeaderPt: 14, PartyNamePt: 15, TitlePt: 16, SubtitlePt: 14, BodyPt: 14}
	if got != want {
		t.Errorf("Layout:\n got %+v\nwant %+v", got, want)
	}
}

func TestPick(t *testing.T) {
	sets := []RuleSet{{ID: "old", Effective: "2018-04-03"}, {ID: "new", Effective: "2025-07-01"}}
	tests := map[string]struct {
		on   string
		want string
	}{
		"before every set falls back to the oldest": {"2010-01-01", "old"},
		"on the first day of the old set":           {"2018-04-03", "old"},
		"day before the new set":                    {"2025-06-30", "old"},
		"first day of the new set":                  {"2025-07-01", "new"},
		"later":                                     {"2030-01-01", "new"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			on, _ := time.Parse(dateLayout, tc.on)
			if got := pick(sets, on).ID; got != tc.want {
				t.Errorf("pick(%s) = %s, want %s", tc.on, got, tc.want)
			}
		})
	}
}

// withJSON decodes a rule file, lets f change it and encodes it again, so
// a test can break one figure whatever the file's layout.
func withJSON(t *testing.T, raw []byte, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLoadRejects(t *testing.T) {
	good, err := assets.Rules.ReadFile("rules/2025-07-01.json")
	if err != nil {
		t.Fatal(err)
	}
	at := func(m map[string]any, path ...string) map[string]any {
		for _, p := range path {
			m = m[p].(map[string]any)
		}
		return m
	}
	tests := map[string]struct {
		edit func(m map[string]any)
		want string
	}{
		"value without source": {func(m map[string]any) { at(m, "layout", "margin_top_mm")["source"] = "" }, "no source"},
		"bad effective date":   {func(m map[string]any) { m["effective"] = "01/07/2025" }, "effective date"},
		"bad signed date":      {func(m map[string]any) { at(m, "layout", "paper")["signed"] = "03/04/2018" }, "signed date"},
		"quote and not found": {func(m map[string]any) { at(m, "layout", "margin_top_mm")["quote"] = "x" },
			"not found"},
		"margins eat the page": {func(m map[string]any) { at(m, "layout", "margin_left_mm")["value"] = 130 }, "margins"},
		"threshold above one": {func(m map[string]any) { at(m, "votes", "admission", "value")["num"] = 4 },
			"out of range"},
		"unknown operator":  {func(m map[string]any) { at(m, "votes", "resolution", "value")["op"] = "=>" }, "operator"},
		"missing vote kind": {func(m map[string]any) { delete(at(m, "votes"), "expulsion") }, "expulsion"},
		"unknown paper":     {func(m map[string]any) { at(m, "layout", "paper")["value"] = "Letter" }, "paper"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			bad := withJSON(t, good, tc.edit)
			_, err := Load(fstest.MapFS{"rules/x.json": {Data: bad}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load = %v, want error containing %q", err, tc.want)
			}
		})
	}
}

func TestPasses(t *testing.T) {
	s, err := Current(time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		kind      string
		votes, of int
		ok        bool
		why       string
	}{
		"resolution clear majority":    {VoteResolution, 18, 26, true, "18/26 = 69,2 %, cần > 50 %"},
		"resolution exactly half":      {VoteResolution, 13, 26, false, "13/26 = 50 %, cần > 50 %"},
		"resolution half plus one":     {VoteResolution, 14, 26, true, "14/26 = 53,8 %, cần > 50 %"},
		"admission exactly two thirds": {VoteAdmission, 18, 27, true, "18/27 = 66,7 %, cần ≥ 2/3"},
		"admission just short":         {VoteAdmission, 17, 26, false, "17/26 = 65,4 %, cần ≥ 2/3"},
		"discipline half fails":        {VoteDiscipline, 5, 10, false, "5/10 = 50 %, cần > 50 %"},
		"expulsion two thirds":         {VoteExpulsion, 6, 9, true, "6/9 = 66,7 %, cần ≥ 2/3"},
		"nobody eligible":              {VoteResolution, 0, 0, false, "không có đảng viên nào đủ quyền biểu quyết"},
		"more votes than voters":       {VoteResolution, 30, 26, false, "không hợp lệ"},
		"unknown kind":                 {"election", 5, 6, false, "không có quy định"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ok, why := s.Passes(tc.kind, tc.votes, tc.of)
			if ok != tc.ok || !strings.Contains(why, tc.why) {
				t.Errorf("Passes(%s, %d, %d) = %v %q, want %v %q", tc.kind, tc.votes, tc.of, ok, why, tc.ok, tc.why)
			}
		})
	}
}
