package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chibo/store"
)

// TestHubDemoAndReport builds a small synthetic hub through real bundles
// and checks the report's figures add up in every format.
func TestHubDemoAndReport(t *testing.T) {
	dir := t.TempDir()
	hub := filepath.Join(dir, "hub")
	out := mustRun(t, "demo", "--data", hub, "--hub", "--cells", "3", "--members", "31", "--years", "4")
	if !strings.Contains(out, "imported 3 bundles") {
		t.Fatalf("demo --hub: %s", out)
	}
	year := store.ReviewYear(time.Now()) - 1
	var r struct {
		Orgs           int `json:"orgs"`
		Cells          int `json:"cells"`
		Members        int `json:"members"`
		Rated          int `json:"rated"`
		RatedExcellent int `json:"rated_excellent"`
		RatedGood      int `json:"rated_good"`
		RatedDone      int `json:"rated_done"`
		RatedNotDone   int `json:"rated_not_done"`
		Meetings       int `json:"meetings"`
		PerCell        []struct {
			ID      string `json:"id"`
			Members int    `json:"members"`
			Rated   int    `json:"rated"`
		} `json:"per_cell"`
	}
	raw := mustRun(t, "report", "--data", hub, "--year", fmt.Sprint(year), "--from", fmt.Sprintf("%d-01-01", year),
		"--to", fmt.Sprintf("%d-12-31", year))
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatal(err)
	}
	sumMembers, sumRated := 0, 0
	for _, c := range r.PerCell {
		sumMembers += c.Members
		sumRated += c.Rated
	}
	// Every cell holds a meeting a month and a thematic one a quarter;
	// four years back cover the whole of last year in any month.
	if r.Cells != 3 || r.Orgs != 3 || len(r.PerCell) != 3 || r.Members == 0 || r.Members > 31 || sumMembers != r.Members ||
		r.Rated == 0 || sumRated != r.Rated || r.RatedExcellent+r.RatedGood+r.RatedDone+r.RatedNotDone != r.Rated ||
		r.Meetings != 3*16 {
		t.Errorf("report %+v", r)
	}
	for _, f := range []struct{ format, magic string }{{"xlsx", "PK"}, {"pdf", "%PDF-"}, {"json", "{"}} {
		path := filepath.Join(dir, "r."+f.format)
		mustRun(t, "report", "--data", hub, "--year", fmt.Sprint(year), "--format", f.format, "--out", path)
		if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, []byte(f.magic)) {
			t.Errorf("%s report starts %.10q", f.format, b)
		}
	}
}

func TestReportRefusesBadFlags(t *testing.T) {
	hub := filepath.Join(t.TempDir(), "hub")
	mustRun(t, "init", "--data", hub, "--role", "hub", "--name", "Đảng ủy xã")
	tests := map[string]struct {
		args []string
		want string
	}{
		"not a date":        {[]string{"--from", "01/01/2025"}, "not a date"},
		"from after to":     {[]string{"--from", "2025-12-01", "--to", "2025-01-01"}, "after --to"},
		"unknown format":    {[]string{"--format", "csv"}, "json, xlsx or pdf"},
		"xlsx needs a file": {[]string{"--format", "xlsx"}, "--out FILE is required"},
		"year out of range": {[]string{"--year", "1800"}, "out of range"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, errOut, code := run(t, append([]string{"report", "--data", hub}, tc.args...)...)
			if code == 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, %q; want %q", code, errOut, tc.want)
			}
		})
	}
}
