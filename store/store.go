package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database file inside a data folder.
const FileName = "chibo.db"

// Store is an open data folder.
type Store struct {
	db   *sql.DB
	dir  string
	lock *lockInfo // nil: no passphrase yet
	sl   *sealer   // nil: locked
	key  []byte    // the data key while unlocked, for backups and rewrapping
}

// Error kinds callers can test with errors.Is and turn into messages.
var (
	ErrNotInitialized = errors.New("data folder is not set up yet")
	ErrAlreadySetUp   = errors.New("data folder is already set up")
	ErrNotFound       = errors.New("not found")
	ErrLocked         = errors.New("meeting is finalized and locked")
	ErrInvalid        = errors.New("invalid input")
	ErrFork           = errors.New("same origin sequence with different content")
	ErrWrongRole      = errors.New("not allowed for this role")
	ErrNewerData      = errors.New("data folder was written by a newer version of the app")
)

const dsnPragmas = "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=secure_delete(1)&_txlock=immediate"

// Open opens (creating if needed) the database in dir and migrates it.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	if err := ownerOnly(dir); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, FileName)+dsnPragmas)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	// One writer: a single connection serialises writes and keeps
	// transactions simple on a laptop with one user.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, dir: dir}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.loadLock(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	// A copied or restored database must not reuse sequence numbers.
	if _, err := s.CheckCopy(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Dir is the data folder.
func (s *Store) Dir() string { return s.dir }

// Close checkpoints and closes the database.
func (s *Store) Close() error {
	s.Lock()
	_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return s.db.Close()
}

// tx runs fn in one immediate transaction: one user action, one commit.
// Cancelling ctx rolls the whole transaction back (database/sql does so
// the moment ctx is done); the error then wraps ctx's, so a caller that
// stopped the work can tell "stopped" from "refused" (stopped).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return stopped(ctx, err)
	}
	if err := fn(t); err != nil {
		t.Rollback()
		return stopped(ctx, err)
	}
	return stopped(ctx, t.Commit())
}

// stopped adds ctx's error to err when ctx was cancelled meanwhile: a
// statement cut off by a cancel reports "transaction has already been
// rolled back" or "interrupted" rather than context.Canceled.
func stopped(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil || errors.Is(err, ctx.Err()) {
		return err
	}
	return fmt.Errorf("%w (%w)", ctx.Err(), err)
}

func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("store: database schema %d is newer than this app (%d): %w", v, len(migrations), ErrNewerData)
	}
	if v > 0 && v < len(migrations) { // an upgrade of real data: copy it first (upgrade_backup.go)
		if _, err := s.backupBeforeUpgrade(ctx, v, time.Now()); err != nil {
			return fmt.Errorf("store: copy schema %d before upgrading it: %w", v, err)
		}
	}
	for i := v; i < len(migrations); i++ {
		err := s.tx(ctx, func(t *sql.Tx) error {
			if _, err := t.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			_, err := t.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migrate to schema %d: %w", i+1, err)
		}
	}
	return nil
}

// SchemaVersion is the schema this build writes.
func SchemaVersion() int { return len(migrations) }
