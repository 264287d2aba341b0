package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// newCellAt sets up a cell from the hub's card, adds members and exports
// them into its own folder; it returns the bundle's path.
func newCellAt(t *testing.T, dir, name, card string) string {
	t.Helper()
	data := filepath.Join(dir, name)
	mustRun(t, "init", "--data", data, "--role", "cell", "--name", name, "--hub-card", card)
	mustRun(t, "import-csv", "--data", data, "--kind", "members", filepath.Join("testdata", "members.csv"))
	return strings.TrimSpace(mustRun(t, "export", "--data", data, "--out", filepath.Join(dir, "up-"+name)))
}

// enrolledAt sets up a hub and a cell called name enrolled there through
// its first bundle; it returns the hub, the folder and the cell's key
// fingerprint.
func enrolledAt(t *testing.T, name string) (hub, dir, fp string) {
	t.Helper()
	hub, _, dir = setup(t)
	up := newCellAt(t, dir, name, filepath.Join(dir, "hub-card.json"))
	fp = fingerprintOf(t, hub, up)
	mustRun(t, "import", "--data", hub, "--accept-new", fp, up)
	return hub, dir, fp
}

// fingerprintOf is the fingerprint verify prints for a new sender.
func fingerprintOf(t *testing.T, data, file string) string {
	t.Helper()
	out, _, _ := run(t, "verify", "--data", data, file)
	m := fingerprintRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("verify printed no fingerprint: %s", out)
	}
	return m[1]
}

// TestAttackAcceptNewEnrolsOnlyTheNamedSender: a clerk confirms one new
// cell's fingerprint; a second unknown sender slipped into the same batch
// is not enrolled with it.
func TestAttackAcceptNewEnrolsOnlyTheNamedSender(t *testing.T) {
	hub, _, dir := setup(t)
	card := filepath.Join(dir, "hub-card.json")
	honest := newCellAt(t, dir, "Chi bộ thôn Lao Chải", card)
	intruder := newCellAt(t, dir, "Chi bộ thôn Tả Van", card)
	fp := fingerprintOf(t, hub, honest)
	out, _, code := run(t, "import", "--data", hub, "--accept-new", fp, honest, intruder)
	if code == 0 || !strings.Contains(out, honest+": accepted") || !strings.Contains(out, intruder+": refused: first bundle") {
		t.Fatalf("exit %d: %s", code, out)
	}
	if v := mustRun(t, "verify", "--data", hub, intruder); !strings.Contains(v, "not yet enrolled") {
		t.Fatalf("the intruder was enrolled: %s", v)
	}
}

// TestAttackSameNameWarned: a new sender carrying the name of a cell
// already enrolled is named as such before anyone confirms it.
func TestAttackSameNameWarned(t *testing.T) {
	hub, dir, fp := enrolledAt(t, "Chi bộ thôn Lao Chải")
	card := filepath.Join(dir, "hub-card.json")
	twin := newCellAt(t, filepath.Join(dir, "twin"), "Chi Bo Thon Lao Chai", card)
	out, _, _ := run(t, "import", "--data", hub, twin)
	if !strings.Contains(out, "WARNING") || !strings.Contains(out, fp) {
		t.Fatalf("no warning naming the enrolled cell: %s", out)
	}
}

// TestAttackInitShowsHubCardFingerprint: setting up a cell from a card
// shows the card's fingerprint, and a fingerprint read on the hub's
// screen that differs refuses the card.
func TestAttackInitShowsHubCardFingerprint(t *testing.T) {
	dir := t.TempDir()
	hub, card := filepath.Join(dir, "hub"), filepath.Join(dir, "card.json")
	mustRun(t, "init", "--data", hub, "--role", "hub", "--name", "Đảng ủy xã Sín Chéng")
	wrote := mustRun(t, "hub-card", "--data", hub, "--out", card)
	m := fingerprintRe.FindStringSubmatch(wrote)
	if m == nil {
		t.Fatalf("hub-card printed no fingerprint: %s", wrote)
	}
	out := mustRun(t, "init", "--data", filepath.Join(dir, "a"), "--role", "cell", "--name", "Chi bộ A", "--hub-card", card)
	if !strings.Contains(out, "hub card of \"Đảng ủy xã Sín Chéng\", key fingerprint "+m[1]) {
		t.Fatalf("init does not show the card's fingerprint: %s", out)
	}
	_, errOut, code := run(t, "init", "--data", filepath.Join(dir, "b"), "--role", "cell", "--name", "Chi bộ B", "--hub-card", card,
		"--hub-fingerprint", "0000 0000 0000 0000 0000 0000 0000 0000")
	if code == 0 || !strings.Contains(errOut, "not the hub's") {
		t.Fatalf("a wrong fingerprint was accepted: exit %d, %s", code, errOut)
	}
}

// TestAttackRecoveryAnswerNamesTheCell: recover-answer says which cell,
// as the hub enrolled it, it answered for.
func TestAttackRecoveryAnswerNamesTheCell(t *testing.T) {
	hub, dir, fp := enrolledAt(t, "Chi bộ thôn Lao Chải")
	stick := filepath.Join(dir, "stick")
	mustRun(t, "recover-request", "--data", filepath.Join(dir, "Chi bộ thôn Lao Chải"), "--out", stick)
	out := mustRun(t, "recover-answer", "--data", hub, "--request", filepath.Join(stick, "chibo-yeu-cau-khoi-phuc.json"), "--out", stick)
	if !strings.Contains(out, `answered for the cell enrolled here as "Chi bộ thôn Lao Chải" (key fingerprint `+fp) {
		t.Fatalf("recover-answer says %s", out)
	}
}
