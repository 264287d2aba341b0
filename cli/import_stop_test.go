package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"chibo/store"
	bundle "chibo/sync"
)

// The import of a province's stick can be stopped. Ctrl-C during
// `chibo import` of 100 bundles stops after the bundle in progress,
// commits or rolls back that bundle whole, says how many were imported
// and exits 130; SIGKILL at any point leaves whole bundles too (SQLite's
// commit). Either way the hub then holds exactly what an uninterrupted
// import holds after the same number of bundles, and running the import
// again ends where an uninterrupted import ends.

// stopChildEnv names the data folder a child process imports into; its
// arguments follow in stopArgsEnv, one per line.
const (
	stopChildEnv = "CHIBO_IMPORT_STOP_CHILD"
	stopArgsEnv  = "CHIBO_IMPORT_STOP_ARGS"
)

// stopCells × stopRounds bundles, two new members each.
const stopCells, stopRounds = 4, 25

func TestImportStoppedAtRandomPoints(t *testing.T) {
	if os.Getenv(stopChildEnv) != "" {
		_, _, code := Main(strings.Split(os.Getenv(stopArgsEnv), "\n"), os.Stdout, os.Stderr)
		os.Exit(code)
	}
	if testing.Short() {
		t.Skip("starts a dozen processes")
	}
	fx := newStopFixture(t)
	whole := time.Duration(0) // an uninterrupted child, timed: the kill points are fractions of it
	{
		hub := fx.copyHub(t)
		start := time.Now()
		cmd := fx.child(hub)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("uninterrupted import: %v\n%s", err, out)
		}
		whole = time.Since(start)
		if got := dumpHub(t, hub); got != fx.after[len(fx.files)] {
			t.Fatal("an uninterrupted child import differs from the in-process one")
		}
	}
	t.Logf("uninterrupted import of %d bundles in a child process: %v", len(fx.files), whole)
	cases := []struct {
		name string
		sig  syscall.Signal
		seed uint64
	}{
		{"ctrl-c seed 1", syscall.SIGINT, 1},
		{"ctrl-c seed 2", syscall.SIGINT, 2},
		{"ctrl-c seed 3", syscall.SIGINT, 3},
		{"ctrl-c seed 4", syscall.SIGINT, 4},
		{"ctrl-c seed 5", syscall.SIGINT, 5},
		{"kill seed 1", syscall.SIGKILL, 1},
		{"kill seed 2", syscall.SIGKILL, 2},
		{"kill seed 3", syscall.SIGKILL, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Once the first bundle is in, within the next 80% of the run.
			at := time.Duration(float64(whole) * 0.8 * rand.New(rand.NewPCG(tc.seed, uint64(tc.sig))).Float64())
			hub := fx.copyHub(t)
			code, stderr := fx.interrupt(t, hub, tc.sig, at)
			k := len(importedIDs(t, hub))
			t.Logf("signal after %v: %d of %d bundles in, exit %d", at, k, len(fx.files), code)
			if got := dumpHub(t, hub); got != fx.after[k] {
				t.Fatalf("after %d bundles the hub is not what an uninterrupted import leaves after %d:\n%s\nwant\n%s", k, k, got, fx.after[k])
			}
			if want := fx.ids[:k]; !slices.Equal(importedIDs(t, hub), want) {
				t.Fatalf("imported bundles are not the first %d files", k)
			}
			fx.checkLog(t, hub, k, tc.sig == syscall.SIGINT)
			if tc.sig == syscall.SIGINT {
				checkStopSaid(t, code, stderr, k, len(fx.files))
			}
			if _, errOut, code := run(t, fx.args(hub)...); code != 0 {
				t.Fatalf("import again: exit %d: %s", code, errOut)
			}
			if got := dumpHub(t, hub); got != fx.after[len(fx.files)] {
				t.Fatal("importing again after the stop does not end where an uninterrupted import ends")
			}
		})
	}
}

// checkStopSaid checks what a Ctrl-C'd import said and how it exited.
func checkStopSaid(t *testing.T, code int, stderr string, k, n int) {
	t.Helper()
	switch {
	case code == exitStopped:
		m := regexp.MustCompile(`stopped: (\d+) of (\d+) files imported; the other (\d+) were left untouched`).FindStringSubmatch(stderr)
		if m == nil {
			t.Fatalf("a stopped import said %q", stderr)
		}
		done, total, left := atoi(t, m[1]), atoi(t, m[2]), atoi(t, m[3])
		if done != k || total != n || done+left != n {
			t.Fatalf("said %d of %d imported and %d left; the hub holds %d", done, total, left, k)
		}
	case code == 0 && k == n: // the signal came after the last bundle
	default:
		t.Fatalf("Ctrl-C with %d of %d bundles in: exit %d, %s", k, n, code, stderr)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// stopFixture is a hub before the import, its 100 bundles in order, and
// the hub's state after each prefix of them, from an in-process import.
type stopFixture struct {
	hub    string // never imported into; each case copies it
	files  []string
	ids    []string // bundle id of each file
	accept []string // --accept-new for the first bundle of each cell
	after  []string // after[k]: dumpHub after the first k files
}

func newStopFixture(t *testing.T) *stopFixture {
	ctx := context.Background()
	dir := t.TempDir()
	fx := &stopFixture{hub: filepath.Join(dir, "hub")}
	card := filepath.Join(dir, "hub-card.json")
	mustRun(t, "init", "--data", fx.hub, "--role", "hub", "--name", "Đảng ủy xã Sín Chéng")
	mustRun(t, "hub-card", "--data", fx.hub, "--out", card)
	stick := filepath.Join(dir, "stick")
	if err := os.Mkdir(stick, 0o700); err != nil {
		t.Fatal(err)
	}
	cells := make([]*store.Store, stopCells)
	for c := range cells {
		data := filepath.Join(dir, fmt.Sprintf("cell%d", c))
		mustRun(t, "init", "--data", data, "--role", "cell", "--name", fmt.Sprintf("Chi bộ thôn %d", c+1), "--hub-card", card)
		st, err := openUnlocked(data)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		cells[c] = st
	}
	for r := range stopRounds {
		for c, st := range cells {
			ms := []store.Member{stopMember(c, 2*r), stopMember(c, 2*r+1)}
			if _, err := st.SaveMembers(ctx, ms); err != nil {
				t.Fatal(err)
			}
			x, err := bundle.Export(ctx, st, stick)
			if err != nil || len(x.Parts) > 1 {
				t.Fatalf("export: %v, %d parts", err, len(x.Parts))
			}
			fx.files, fx.ids = append(fx.files, x.Path), append(fx.ids, x.BundleID)
		}
	}
	args := acceptNew(t, fx.hub, fx.files[:stopCells]...)
	fx.accept = args[3 : len(args)-stopCells]
	if len(fx.accept) != 2*stopCells {
		t.Fatalf("fingerprints to accept: %q", fx.accept)
	}
	fx.after = fx.prefixStates(t)
	return fx
}

func stopMember(cell, i int) store.Member {
	return store.Member{FullName: fmt.Sprintf("Giàng A Páo %d-%02d", cell, i), Sex: store.SexMale, BirthDate: "1980-03-04",
		Ethnicity: "H'Mông", HomeTown: "Sín Chéng", CardNo: fmt.Sprintf("%d%07d", cell, i), AdmissionDate: "2005-05-19",
		Status: store.StatusFull, Position: store.PositionMember}
}

// prefixStates imports the files one at a time into a copy of the hub
// and dumps it after each.
func (fx *stopFixture) prefixStates(t *testing.T) []string {
	hub := fx.copyHub(t)
	out := []string{dumpHub(t, hub)}
	var accept []string
	for i, a := range fx.accept {
		if i%2 == 1 {
			accept = append(accept, a)
		}
	}
	st, err := openUnlocked(hub)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, f := range fx.files {
		if r := bundle.Import(context.Background(), st, f, bundle.Options{Accept: accept}); r.Status != bundle.Accepted {
			t.Fatalf("%s: %s %v", f, r.Status, r.Err)
		}
		out = append(out, dumpHub(t, hub))
	}
	return out
}

// args is the import command of every file into hub.
func (fx *stopFixture) args(hub string) []string {
	return append(append([]string{"import", "--data", hub}, fx.accept...), fx.files...)
}

// child is this test binary running `chibo import` into hub.
func (fx *stopFixture) child(hub string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportStoppedAtRandomPoints$", "-test.count=1")
	cmd.Env = append(os.Environ(), stopChildEnv+"=1", stopArgsEnv+"="+strings.Join(fx.args(hub), "\n"))
	return cmd
}

// interrupt runs the import and sends sig at after the first bundle is
// in (its line in the import log); it returns the exit code (-1 when the
// signal killed it) and what it wrote to stderr.
func (fx *stopFixture) interrupt(t *testing.T, hub string, sig syscall.Signal, at time.Duration) (int, string) {
	t.Helper()
	cmd := fx.child(hub)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		if fi, err := os.Stat(filepath.Join(hub, "import-log.jsonl")); err == nil && fi.Size() > 0 {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no bundle imported in a minute: %s", stderr.String())
		}
	}
	time.Sleep(at)
	_ = cmd.Process.Signal(sig)
	err := cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// copyHub copies the hub's folder, nonce file included, so the copy opens
// as the same hub rather than as a copied laptop.
func (fx *stopFixture) copyHub(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "hub")
	err := filepath.WalkDir(fx.hub, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(fx.hub, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// dumpHub lists what imports change in a hub's database, without times:
// the bundles in, every change, every member and each sender's high
// water, and anything held back.
func dumpHub(t *testing.T, hub string) string {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(hub, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, q := range []string{
		"SELECT bundle_id || ' ' || sender || ' ' || seq_from || '-' || seq_to FROM bundles_in ORDER BY bundle_id",
		"SELECT origin || ' ' || seq || ' ' || entity || ' ' || entity_id FROM changes ORDER BY origin, seq",
		"SELECT id || ' ' || org_id FROM members ORDER BY id",
		"SELECT site_id || ' ' || high_water FROM peers ORDER BY site_id",
		"SELECT origin || ' ' || seq FROM held_changes ORDER BY origin, seq",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			b.WriteString(s + "\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		b.WriteString("--\n")
	}
	return b.String()
}

// importedIDs lists the bundles the hub holds, in the order imported.
func importedIDs(t *testing.T, hub string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(hub, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT bundle_id FROM bundles_in ORDER BY rowid")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// checkLog checks the import log against the k bundles in: one accepted
// line each, in order, and no other line (a stopped bundle is not an
// attempt). A killed process may have died between a commit and its
// line, so then the last line may be missing; a stopped one may not.
func (fx *stopFixture) checkLog(t *testing.T, hub string, k int, stopped bool) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(hub, "import-log.jsonl"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var logged []string
	for l := range strings.Lines(string(b)) {
		var e bundle.ImportLogEntry
		if json.Unmarshal([]byte(l), &e) != nil {
			continue // a line cut by the kill
		}
		if e.Outcome != string(bundle.Accepted) {
			t.Fatalf("the log says %s for %s: %s", e.Outcome, e.File, e.Reason)
		}
		logged = append(logged, e.BundleID)
	}
	if !slices.Equal(logged, fx.ids[:k]) && (stopped || !slices.Equal(logged, fx.ids[:max(k-1, 0)])) {
		t.Fatalf("the log names %d bundles, the hub holds %d", len(logged), k)
	}
	if stopped {
		if _, errOut, code := run(t, "verify-log", "--data", hub); code != 0 {
			t.Fatalf("verify-log after a stop: %s", errOut)
		}
	}
}
