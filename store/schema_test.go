package store

import (
	"testing"
	"testing/fstest"
)

// TestMigrationFilesAreNumbered: the embedded steps load, and a gap, a
// repeat or a misnamed file is refused rather than skipped.
func TestMigrationFilesAreNumbered(t *testing.T) {
	if _, err := loadMigrations(migrationFiles); err != nil {
		t.Fatalf("embedded steps: %v", err)
	}
	step := &fstest.MapFile{Data: []byte("SELECT 1;")}
	cases := map[string]fstest.MapFS{
		"gap":       {"migrations/0001_a.sql": step, "migrations/0003_c.sql": step},
		"repeat":    {"migrations/0001_a.sql": step, "migrations/0001_b.sql": step},
		"no number": {"migrations/0001_a.sql": step, "migrations/init.sql": step},
		"short":     {"migrations/1_a.sql": step},
	}
	for name, fsys := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := loadMigrations(fsys); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}
