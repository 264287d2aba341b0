package store

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// prelockFixture is a data folder made by the release before the lock
// (commit 689d0ec, `chibo demo`): 25 members with ID numbers and phones in
// clear. Other packages' tests read it from ../store/testdata/prelock.
const prelockFixture = "testdata/prelock"

// copyPrelock puts the pre-lock fixture into a fresh folder.
func copyPrelock(t *testing.T) string { return copyFixture(t, prelockFixture) }

// clearValues reads, straight from the file, the sensitive values the
// fixture holds in clear.
func clearValues(t *testing.T, dir string) map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	for _, q := range []string{"SELECT 'citizen id', citizen_id FROM members WHERE citizen_id <> ''",
		"SELECT 'phone', phone FROM members WHERE phone <> ''",
		"SELECT 'card', card_no FROM members WHERE card_no <> ''"} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var what, v string
			rows.Scan(&what, &v)
			out[v] = what
		}
		rows.Close()
	}
	return out
}

func TestProtectTheReleaseBeforeTheLock(t *testing.T) {
	ctx := context.Background()
	dir := copyPrelock(t)
	values := clearValues(t, dir)
	if len(values) < 25 {
		t.Fatalf("fixture holds only %d clear values", len(values))
	}
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Protected() {
		t.Fatal("a pre-lock folder opened as protected")
	}
	if err := st.Unlock(testPass); err != ErrUnprotected {
		t.Fatalf("unlock before protect: %v", err)
	}
	if err := st.Protect(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	site, err := st.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Members(ctx, site.ID, "")
	if err != nil || len(ms) != 25 {
		t.Fatalf("members after protect: %d, %v", len(ms), err)
	}
	if _, err := os.Stat(filepath.Join(dir, "backup.key")); !os.IsNotExist(err) {
		t.Error("the clear backup key stayed beside the database")
	}
	cp := copyFolder(t, dir)
	for v, what := range values {
		b, _ := os.ReadFile(filepath.Join(cp, FileName))
		w, _ := os.ReadFile(filepath.Join(cp, FileName+"-wal"))
		if containsAny(b, w, v) {
			t.Errorf("%s %q still in clear after protect", what, v)
		}
	}
}

func containsAny(a, b []byte, s string) bool {
	return bytes.Contains(a, []byte(s)) || bytes.Contains(b, []byte(s))
}

// TestRestoredPreLockDatabaseIsSealed: a backup from before the lock,
// restored into a folder that has one, holds clear values; the first
// unlock seals them.
func TestRestoredPreLockDatabaseIsSealed(t *testing.T) {
	ctx := context.Background()
	dir := copyPrelock(t)
	values := clearValues(t, dir)
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Protect(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	st.Close()
	// The old database comes back under the folder's keys.json.
	old := copyPrelock(t)
	for _, name := range []string{FileName, FileName + "-wal", FileName + "-shm"} {
		os.Remove(filepath.Join(dir, name))
	}
	b, _ := os.ReadFile(filepath.Join(old, FileName))
	os.WriteFile(filepath.Join(dir, FileName), b, 0o600)
	st, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if !st.Protected() {
		t.Fatal("the folder's lock was lost")
	}
	if err := st.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	cp := copyFolder(t, dir)
	db, _ := os.ReadFile(filepath.Join(cp, FileName))
	wal, _ := os.ReadFile(filepath.Join(cp, FileName+"-wal"))
	for v, what := range values {
		if containsAny(db, wal, v) {
			t.Errorf("%s %q still in clear after the first unlock", what, v)
		}
	}
	site, _ := st.Site(ctx)
	if ms, err := st.Members(ctx, site.ID, ""); err != nil || len(ms) != 25 {
		t.Fatalf("members: %d, %v", len(ms), err)
	}
}
