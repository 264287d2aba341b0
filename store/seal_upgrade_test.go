package store

import (
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"chibo/internal/seal"
)

// sealV1Fixture holds two folders made by the release before sealed values
// were bound to their places and the change log chained (commit 7137e7a):
// `chibo demo` (a cell of 25 members and 15 meetings and its hub), the
// cell's bundle imported at the hub and the hub's acknowledgement at the
// cell. Their passphrase is the demo's.
const (
	sealV1Fixture = "testdata/sealv1"
	sealV1Pass    = "chibo-demo"
)

// copyFixture puts a fixture folder (its database gzipped) into a fresh
// folder.
func copyFixture(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	f, err := os.Open(filepath.Join(from, "chibo.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	out.Close()
	for _, name := range []string{LockFile, NonceFile} {
		if b, err := os.ReadFile(filepath.Join(from, name)); err == nil {
			os.WriteFile(filepath.Join(dir, name), b, 0o600)
		}
	}
	return dir
}

// assertBound checks every value of every sealed place: bound to where it
// is, or a column's default.
func assertBound(t *testing.T, st *Store) {
	t.Helper()
	for _, p := range sealedPlaces() {
		rows, err := st.db.Query("SELECT " + p.col + " FROM " + p.table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v any
			rows.Scan(&v)
			switch x := v.(type) {
			case nil:
			case []byte:
				if len(x) > 0 && !seal.IsBound(x) {
					t.Errorf("%s.%s holds a value not bound to its place", p.table, p.col)
				}
			case string:
				if x != "" {
					t.Errorf("%s.%s holds a plain value", p.table, p.col)
				}
			case int64:
				if x != 0 {
					t.Errorf("%s.%s holds a plain number", p.table, p.col)
				}
			}
		}
		rows.Close()
	}
}

// assertChained reads the whole change log through the chain's checks.
func assertChained(t *testing.T, st *Store) {
	t.Helper()
	cs, err := st.Ledger(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var n int
	st.db.QueryRow("SELECT COUNT(*) FROM changes").Scan(&n)
	if len(cs) != n || n == 0 {
		t.Fatalf("ledger read %d of %d rows", len(cs), n)
	}
}

// TestUpgradeBindsTheLastReleasesFolders: a cell and a hub made by the
// release before are bound and chained in one transaction on their first
// unlock, and read as before.
func TestUpgradeBindsTheLastReleasesFolders(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"cell", "hub"} {
		t.Run(name, func(t *testing.T) {
			st, err := Open(copyFixture(t, filepath.Join(sealV1Fixture, name)))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.Unlock(sealV1Pass); err != nil {
				t.Fatal(err)
			}
			assertBound(t, st)
			assertChained(t, st)
			cells, _ := st.Cells(ctx)
			org := ""
			if len(cells) == 1 {
				org = cells[0].Org.ID
			}
			ms, err := st.Members(ctx, org, "")
			if err != nil || len(ms) != 25 || ms[0].CitizenID == "" {
				t.Fatalf("members after the upgrade: %d, %v", len(ms), err)
			}
			// The next unlock has nothing left to do, and writes link on.
			st.Lock()
			if err := st.Unlock(sealV1Pass); err != nil {
				t.Fatal(err)
			}
			if err := st.UpdateOrg(ctx, Org{Name: "Tên mới"}); err != nil && org == "" {
				t.Fatal(err)
			}
			assertChained(t, st)
		})
	}
}

// TestUpgradeRefusesAValuePlantedBefore: a plain value planted in the
// last release's folder, where it was accepted, stops the upgrade with
// its place named; the folder stays as it was, locked.
func TestUpgradeRefusesAValuePlantedBefore(t *testing.T) {
	dir := copyFixture(t, filepath.Join(sealV1Fixture, "cell"))
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	byHand(t, st, "UPDATE members SET citizen_id = '000000000000' WHERE rowid = 3")
	err = st.Unlock(sealV1Pass)
	if !IsTampered(err) || TamperKindOf(err) != TamperPlanted {
		t.Fatalf("got %v", err)
	}
	if st.Unlocked() {
		t.Error("left unlocked")
	}
	if v, _ := metaGet(context.Background(), st.db, "seal_version"); v != "" {
		t.Errorf("seal version %q after a refused upgrade", v)
	}
}

// TestProtectBindsAndChains: the release from before the lock, given its
// passphrase, comes out bound and chained like a new folder.
func TestProtectBindsAndChains(t *testing.T) {
	st, err := Open(copyPrelock(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Protect(context.Background(), testPass); err != nil {
		t.Fatal(err)
	}
	assertBound(t, st)
	assertChained(t, st)
}
