package cli

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestAttackOutInsideDataFolder: no command that writes may write into
// the data folder, by a plain, relative or linked path; the database is
// left as it was.
func TestAttackOutInsideDataFolder(t *testing.T) {
	hub, cell, dir := setup(t)
	db := filepath.Join(hub, "chibo.db")
	link := filepath.Join(dir, "link-to-hub")
	if err := os.Symlink(hub, link); err != nil && runtime.GOOS != "windows" {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(mustGetwd(t), filepath.Join(hub, "chibo.db"))
	tests := map[string][]string{
		"report over the database":     {"report", "--data", hub, "--format", "xlsx", "--out", db},
		"report by a relative path":    {"report", "--data", hub, "--format", "xlsx", "--out", rel},
		"report through a link":        {"report", "--data", hub, "--format", "pdf", "--out", filepath.Join(link, "chibo.db")},
		"acknowledgements into it":     {"ack", "--data", hub, "--out", hub},
		"backup into a sub-folder":     {"backup", "--data", hub, "--out", filepath.Join(hub, "inbox")},
		"hub card over keys.json":      {"hub-card", "--data", hub, "--out", filepath.Join(hub, "keys.json")},
		"cell export into its folder":  {"export", "--data", cell, "--out", filepath.Join(cell, "out")},
		"recovery request into it":     {"recover-request", "--data", cell, "--out", cell},
		"minute book over its lock":    {"book", "--data", cell, "--year", "2026", "--out", filepath.Join(cell, "keys.json")},
		"reviews over the database":    {"reviews", "--data", cell, "--year", "2026", "--format", "xlsx", "--out", filepath.Join(cell, "chibo.db")},
		"dues summary over its backup": {"dues", "--data", cell, "--year", "2026", "--format", "pdf", "--out", filepath.Join(cell, "chibo.db-wal")},
	}
	before, beforeCell := fileHash(t, db), fileHash(t, filepath.Join(cell, "chibo.db"))
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			_, errOut, code := run(t, args...)
			if code == 0 || !strings.Contains(errOut, "inside the data folder") {
				t.Fatalf("exit %d: %s", code, errOut)
			}
		})
	}
	if fileHash(t, db) != before || fileHash(t, filepath.Join(cell, "chibo.db")) != beforeCell {
		t.Fatal("a database changed")
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
