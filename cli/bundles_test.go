package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"chibo/store"
	bundle "chibo/sync"
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
	mustRun(t, acceptNew(t, hub, up)...)

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

// A lost laptop: the hub revokes the cell's key, the cell makes new keys
// and the hub pins them only with the fingerprint read out to it.
func TestRevokeAndReplaceKey(t *testing.T) {
	dir := t.TempDir()
	hub, cell, card := filepath.Join(dir, "hub"), filepath.Join(dir, "cell"), filepath.Join(dir, "card.json")
	mustRun(t, "init", "--data", hub, "--role", "hub", "--name", "Đảng ủy xã Sín Chéng")
	mustRun(t, "hub-card", "--data", hub, "--out", card)
	mustRun(t, "init", "--data", cell, "--role", "cell", "--name", "Chi bộ thôn Sín Chéng", "--hub-card", card)
	mustRun(t, "import-csv", "--data", cell, "--kind", "members", filepath.Join("testdata", "members.csv"))
	old := strings.TrimSpace(mustRun(t, "export", "--data", cell, "--out", filepath.Join(dir, "up")))
	mustRun(t, acceptNew(t, hub, old)...)
	st, err := openUnlocked(cell)
	if err != nil {
		t.Fatal(err)
	}
	site, _ := st.Site(context.Background())
	st.Close()

	mustRun(t, "revoke", "--data", hub, "--cell", site.ID, "--reason", "mất máy")
	if out, _, code := run(t, "import", "--data", hub, old); code == 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoked key accepted: %d %s", code, out)
	}
	said := mustRun(t, "replace-key", "--data", cell)
	i, j := strings.Index(said, "fingerprint "), strings.Index(said, " (words:")
	if i < 0 || j < i {
		t.Fatalf("cell says %q", said)
	}
	fp := said[i+len("fingerprint ") : j]
	mustRun(t, "import-csv", "--data", cell, "--kind", "members", filepath.Join("testdata", "members.csv"))
	fresh := strings.TrimSpace(mustRun(t, "export", "--data", cell, "--out", filepath.Join(dir, "up2")))
	cases := []struct {
		name string
		fp   string
		ok   bool
	}{
		{"wrong fingerprint", "0000 0000", false},
		{"fingerprint read out", fp, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, "replace-key", "--data", hub, "--fingerprint", tc.fp, fresh)
			if (code == 0) != tc.ok {
				t.Fatalf("code %d: %s", code, errOut)
			}
		})
	}
	if out := mustRun(t, "import", "--data", hub, fresh); !strings.Contains(out, "accepted") && !strings.Contains(out, "duplicate") {
		t.Fatalf("new laptop's bundle: %s", out)
	}
}

// An accepted bundle that deleted members or meetings says so on its line.
func TestResultLineNamesDeletions(t *testing.T) {
	for _, tc := range []struct {
		name    string
		deleted map[string]int
		want    string
	}{
		{"nothing deleted", nil, "accepted: 4 changes from Chi bộ A"},
		{"a dues tick only", map[string]int{"dues": 1}, "accepted: 4 changes from Chi bộ A"},
		{"a member and two meetings", map[string]int{"member": 1, "meeting": 2, "attendance": 6},
			"accepted: 4 changes from Chi bộ A; the cell DELETED 1 member and 2 meetings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := bundle.Result{File: "a.chibo", Status: bundle.Accepted, Changes: 4, Sender: store.Peer{Name: "Chi bộ A"}, Deleted: tc.deleted}
			if got := resultLine(r); got != "a.chibo: "+tc.want {
				t.Errorf("got %q, want %q", got, "a.chibo: "+tc.want)
			}
		})
	}
}
