package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// upgradeCopies lists the before-upgrade folders of dir.
func upgradeCopies(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, UpgradeBackupPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// schemaOf reads user_version of the database file in dir without migrating it.
func schemaOf(t *testing.T, dir string) (v, attendance int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT count(*) FROM attendance").Scan(&attendance); err != nil {
		t.Fatal(err)
	}
	return v, attendance
}

// TestUpgradeCopiesTheDataFirst: opening a folder of an older version
// (the first release's, schema 7) keeps a copy of it as it was before the
// schema moves on; the copy opens as the old version would open it.
func TestUpgradeCopiesTheDataFirst(t *testing.T) {
	dir := copyPrelock(t)
	from, lines := schemaOf(t, dir)
	if from >= SchemaVersion() {
		t.Fatalf("fixture is at schema %d, not older than %d", from, SchemaVersion())
	}
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	copies := upgradeCopies(t, dir)
	if len(copies) != 1 || !strings.HasSuffix(copies[0], "-schema7") {
		t.Fatalf("copies before the upgrade: %v", copies)
	}
	if v, n := schemaOf(t, copies[0]); v != from || n != lines {
		t.Fatalf("the copy is at schema %d with %d lines, want %d with %d", v, n, from, lines)
	}
	if v, _ := schemaOf(t, dir); v != SchemaVersion() {
		t.Fatalf("the folder is at schema %d after opening, want %d", v, SchemaVersion())
	}
	// Opening the upgraded folder again copies nothing more.
	st, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got := upgradeCopies(t, dir); len(got) != 1 {
		t.Fatalf("a second open made copies: %v", got)
	}
}

// TestNewFolderIsNotCopied: a folder made by this version has nothing to
// keep from before.
func TestNewFolderIsNotCopied(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got := upgradeCopies(t, dir); len(got) != 0 {
		t.Fatalf("a new folder made copies: %v", got)
	}
}

// TestUpgradeCopiesArePruned keeps the newest keepUpgradeBackups copies.
func TestUpgradeCopiesArePruned(t *testing.T) {
	dir := copyPrelock(t)
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	day := time.Date(2099, 1, 1, 9, 0, 0, 0, time.UTC) // after the copy Open made
	var made []string
	for i := range keepUpgradeBackups + 2 {
		p, err := st.backupBeforeUpgrade(t.Context(), 9, day.AddDate(0, i, 0))
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
	}
	for i, p := range made {
		_, err := os.Stat(p)
		if kept := i >= len(made)-keepUpgradeBackups; kept != (err == nil) {
			t.Errorf("copy %d (%s): kept %v, stat %v", i, filepath.Base(p), kept, err)
		}
	}
}
