package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
)

// QuickCheck runs SQLite's quick_check and reports damage as ErrDamaged.
func (s *Store) QuickCheck(ctx context.Context) error {
	if err := quickCheck(ctx, s.db); err != nil {
		return fmt.Errorf("store: check %s: %w", s.dir, err)
	}
	return nil
}

// CheckFile is QuickCheck over a read-only connection of its own, so the
// window reads and writes meanwhile: the check reads every page, about
// 25 s for a province hub's 10 GB (docs/scale.md), and the store has one
// connection.
func (s *Store) CheckFile(ctx context.Context) error {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(s.dir, FileName)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return fmt.Errorf("store: check %s: %w", s.dir, err)
	}
	defer db.Close()
	if err := quickCheck(ctx, db); err != nil {
		return fmt.Errorf("store: check %s: %w", s.dir, err)
	}
	return nil
}

func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("%v: %w", err, ErrDamaged)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return fmt.Errorf("%v: %w", err, ErrDamaged)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%v: %w", err, ErrDamaged)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %w", strings.Join(problems[:min(3, len(problems))], "; "), ErrDamaged)
	}
	return nil
}

// OpenChecked opens a data folder and runs the integrity check. A file
// SQLite cannot read, or one that fails the check, gives ErrDamaged, and
// the caller offers the newest good backup.
func OpenChecked(dir string) (*Store, error) {
	st, err := OpenUnchecked(dir)
	if err != nil {
		return nil, err
	}
	if err := st.QuickCheck(context.Background()); err != nil {
		st.db.Close()
		return nil, err
	}
	return st, nil
}

// OpenUnchecked is Open with a file SQLite cannot read given as
// ErrDamaged; the window opens on it and runs CheckFile beside it.
func OpenUnchecked(dir string) (*Store, error) {
	st, err := Open(dir)
	if err != nil && looksDamaged(err) {
		return nil, fmt.Errorf("store: open %s: %v: %w", dir, err, ErrDamaged)
	}
	return st, err
}
