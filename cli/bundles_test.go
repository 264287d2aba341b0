package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// A cell's bundle goes up, the hub's acknowledgement comes back down, and
// the cell's next export carries only what is not acknowledged.
func TestAckRoundTrip(t *testing.T) {
	dir := t.TempDir()
	hub, cell, card := filepath.Join(dir, "hub"), filepath.Join(dir, "cell"), filepath.Join(dir, "card.json")
	mustRun(t, "init", "--data", hub, "--role", "hub", "--name", "Đảng ủy xã Sín Chéng")
	mustRun(t, "hub-card", "--data", hub, "--out", card)
	mustRun(t, "init", "--data", cell, "--role", "cell", "--name", "Chi bộ thôn Sín Chéng", "--hub-card", card)
	mustRun(t, "import-csv", "--data", cell, "--kind", "members", filepath.Join("testdata", "members.csv"))
	up := strings.TrimSpace(mustRun(t, "export", "--data", cell, "--out", filepath.Join(dir, "up")))
	mustRun(t, "import", "--data", hub, "--accept-new", up)

	tests := []struct {
		name string
		args []string
	}{
		{"ack command", []string{"ack", "--data", hub, "--out", filepath.Join(dir, "down1")}},
		{"export on a hub writes acks", []string{"export", "--data", hub, "--out", filepath.Join(dir, "down2")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			down := strings.Fields(mustRun(t, tc.args...))
			if len(down) != 1 || !strings.HasSuffix(down[0], ".chibo") {
				t.Fatalf("ack files: %q", down)
			}
			out := mustRun(t, "import", "--data", cell, down[0])
			if !strings.Contains(out, ": accepted: acknowledgement from Đảng ủy xã Sín Chéng") &&
				!strings.Contains(out, ": duplicate:") {
				t.Fatalf("cell import says %q", out)
			}
		})
	}
	if _, errOut, code := run(t, "ack", "--data", cell, "--out", dir); code == 0 || !strings.Contains(errOut, "for a hub") {
		t.Fatalf("a cell wrote acks: %d %s", code, errOut)
	}
	again := strings.TrimSpace(mustRun(t, "export", "--data", cell, "--out", filepath.Join(dir, "up2")))
	if out := mustRun(t, "verify", "--data", hub, again); !strings.Contains(out, "with 0 changes") {
		t.Fatalf("export after the ack: %s", out)
	}
}
