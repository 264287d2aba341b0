package store

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// The schema steps are SQL files in migrations/, named NNNN_what.sql;
// step N moves a database from PRAGMA user_version N-1 to N. Each file
// opens with a comment that says why the step exists. Never edit a
// released step: add the next file. A gap or a repeated number in the
// names stops the app at start (and fails TestMigrationFilesAreNumbered),
// so a step can never be skipped.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations holds the steps in order: index i moves the schema to i+1.
var migrations = mustLoadMigrations(migrationFiles)

// mustLoadMigrations reads the embedded steps; a misnamed file is a
// build mistake, so it panics rather than opening a database half-known.
func mustLoadMigrations(fsys fs.FS) []string {
	steps, err := loadMigrations(fsys)
	if err != nil {
		panic(err)
	}
	return steps
}

func loadMigrations(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("store: list schema steps: %w", err)
	}
	steps := make([]string, len(names))
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || len(num) != 4 || n < 1 || n > len(names) {
			return nil, fmt.Errorf("store: schema step %s: want NNNN_name.sql numbered 1..%d", base, len(names))
		}
		if steps[n-1] != "" {
			return nil, fmt.Errorf("store: two schema steps numbered %d", n)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("store: read schema step %s: %w", base, err)
		}
		steps[n-1] = string(b)
	}
	return steps, nil
}
