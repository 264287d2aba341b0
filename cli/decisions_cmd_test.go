package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chibo/store"
)

// The hub rates a cell, `decisions` writes one bundle for it, the cell
// imports it and holds the hub's rating; a second run still carries it
// until the cell reports it applied, a cell-only data folder is refused.
func TestDecisionsCommand(t *testing.T) {
	hub, cell, dir := setup(t)
	mustRun(t, "import-csv", "--data", cell, "--kind", "members", filepath.Join("testdata", "members.csv"))
	up := strings.TrimSpace(mustRun(t, "export", "--data", cell, "--out", filepath.Join(dir, "up")))
	mustRun(t, acceptNew(t, hub, up)...)
	if out := mustRun(t, "decisions", "--data", hub, "--out", filepath.Join(dir, "none")); !strings.Contains(out, "0 decisions for 0 cells") {
		t.Fatalf("nothing decided yet: %q", out)
	}

	ctx := context.Background()
	st, err := openUnlocked(hub)
	if err != nil {
		t.Fatal(err)
	}
	cells, _ := st.Peers(ctx, store.RoleCell)
	err = st.RateCell(ctx, cells[0].SiteID, 2025, "good", store.Decision{No: "12-QĐ/ĐU", Date: "2026-01-10"}, time.Now())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(mustRun(t, "decisions", "--data", hub, "--out", filepath.Join(dir, "down"))), "\n")
	if len(lines) != 2 || lines[1] != "1 decisions for 1 cells" {
		t.Fatalf("decisions output %q", lines)
	}
	if out := mustRun(t, "import", "--data", cell, lines[0]); !strings.Contains(out, "accepted") {
		t.Fatalf("cell import: %q", out)
	}
	cs, err := openUnlocked(cell)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	revs, err := cs.Reviews(ctx, "", 2025)
	if err != nil || revs[""].HubLevel != "good" || revs[""].HubDecisionNo != "12-QĐ/ĐU" {
		t.Fatalf("cell's rating by the hub: %+v %v", revs[""], err)
	}
	if _, errOut, code := run(t, "decisions", "--data", cell, "--out", filepath.Join(dir, "x")); code == 0 || !strings.Contains(errOut, "for a hub") {
		t.Errorf("on a cell: exit %d, %q", code, errOut)
	}
}
