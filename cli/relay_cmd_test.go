package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// A cell's bundle goes to its commune, which relays it with a roster to
// the province; the province imports the folder in one go.
func TestRelayCommand(t *testing.T) {
	dir := t.TempDir()
	at := func(n string) string { return filepath.Join(dir, n) }
	mustRun(t, "init", "--data", at("province"), "--role", "hub", "--name", "Tỉnh ủy Lào Cai")
	mustRun(t, "init", "--data", at("commune"), "--role", "hub", "--name", "Đảng ủy xã Sín Chéng")
	mustRun(t, "hub-card", "--data", at("province"), "--out", at("province.json"))
	_, errOut, code := run(t, "onward", "--data", at("commune"), "--card", at("province.json"))
	i, j := strings.Index(errOut, "fingerprint "), strings.Index(errOut, " (words:")
	if code == 0 || i < 0 || j < i {
		t.Fatalf("onward without --fingerprint: %d %q", code, errOut)
	}
	fp := errOut[i+len("fingerprint ") : j]
	if _, errOut, code := run(t, "relay", "--data", at("commune"), "--out", at("none")); code == 0 || !strings.Contains(errOut, "no higher hub") {
		t.Fatalf("relay before pinning: %d %s", code, errOut)
	}
	mustRun(t, "onward", "--data", at("commune"), "--card", at("province.json"), "--fingerprint", fp)
	mustRun(t, "hub-card", "--data", at("commune"), "--out", at("commune.json"))
	mustRun(t, "init", "--data", at("cell"), "--role", "cell", "--name", "Chi bộ thôn Sín Chéng", "--hub-card", at("commune.json"))
	if out := mustRun(t, "onward", "--data", at("cell"), "--card", at("commune.json")); !strings.Contains(out, "1 hubs above") {
		t.Fatalf("cell onward: %s", out)
	}
	mustRun(t, "import-csv", "--data", at("cell"), "--kind", "members", filepath.Join("testdata", "members.csv"))
	up := strings.TrimSpace(mustRun(t, "export", "--data", at("cell"), "--out", at("up")))
	mustRun(t, acceptNew(t, at("commune"), up)...)
	out := mustRun(t, "relay", "--data", at("commune"), "--out", at("stick"))
	if !strings.Contains(out, "relayed 1 bundles of 1 cells") {
		t.Fatalf("relay says %q", out)
	}
	files, _ := filepath.Glob(at("stick/*.chibo"))
	if _, _, code := run(t, "import", "--data", at("province"), files[len(files)-1]); code == 0 {
		t.Fatal("province took a relayed bundle before any roster")
	}
	got := mustRun(t, acceptNew(t, at("province"), files...)...)
	if !strings.Contains(got, "accepted: roster of 1 cells from Đảng ủy xã Sín Chéng") || !strings.Contains(got, "from Chi bộ thôn Sín Chéng") {
		t.Fatalf("province import says %q", got)
	}
}
