package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Protect gives a folder set up before the lock existed its passphrase: it
// makes the data key, seals every sensitive value already stored in one
// transaction, then rewrites the file (VACUUM) so no page keeps the old
// clear text, and empties the WAL.
func (s *Store) Protect(ctx context.Context, pass string) error {
	if s.lock != nil {
		return fmt.Errorf("store: protect: %w", ErrAlreadySetUp)
	}
	var escrow *Peer
	if site, err := s.Site(ctx); err == nil && site.Role == RoleCell {
		if h, err := s.Hub(ctx); err == nil {
			escrow = &h
		}
	}
	l, key, err := newLock(pass, escrow)
	if err != nil {
		return fmt.Errorf("store: protect: %w", err)
	}
	sl, err := newSealer(key)
	if err != nil {
		return err
	}
	var k Keys
	if err := s.db.QueryRowContext(ctx, "SELECT sign_priv, age_identity FROM keys LIMIT 1").Scan(&k.SignPriv, &k.AgeIdentity); err != nil {
		return fmt.Errorf("store: protect: keys: %w", err)
	}
	if err := addIdentity(l, sl, k.AgeIdentity); err != nil {
		return err
	}
	var b []byte
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := sealAll(ctx, tx, sl, clearIsData); err != nil {
			return err
		}
		b, err = metaLock(ctx, tx, l)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: protect: %w", err)
	}
	if err := writeLockFile(s.dir, b); err != nil {
		return err
	}
	s.lock = l
	if err := s.useKey(key); err != nil {
		return err
	}
	// Before the lock, a clear copy of the age identity sat beside the
	// database for restores; the lock now holds it sealed.
	if err := os.Remove(filepath.Join(s.dir, "backup.key")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: protect: %w", err)
	}
	return s.scrub(ctx)
}

// sealIfClear seals a database that holds clear values under a folder that
// has a lock: a backup from before the lock, restored after it. The lock's
// mirror in meta is written with the seals, so its absence says so.
func (s *Store) sealIfClear(ctx context.Context) error {
	m, err := metaGet(ctx, s.db, "lock")
	if err != nil || m != "" {
		return err
	}
	if site, err := metaGet(ctx, s.db, "site_id"); err != nil || site == "" {
		return err // nothing set up to seal
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := sealAll(ctx, tx, s.sl, clearIsData); err != nil {
			return err
		}
		_, err := metaLock(ctx, tx, s.lock)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: seal a restored database: %w", err)
	}
	return s.scrub(ctx)
}

// scrub rewrites the database so freed pages holding clear text are gone,
// and truncates the WAL that may still hold them.
func (s *Store) scrub(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("store: scrub: %w", err)
	}
	return truncateWAL(ctx, s.db, scrubTries)
}

// scrubTries bounds how long scrub waits for readers: each try waits the
// connection's busy timeout (5 s), and the window's integrity check
// (CheckFile) reads a province hub for about 25 s.
const scrubTries = 12

// truncateWAL checkpoints and empties the WAL. A reader still on an older
// snapshot (CheckFile on its own connection) blocks that without an
// error: the pragma says so in its first column, and the WAL would keep
// the clear pages, so it is tried again.
func truncateWAL(ctx context.Context, db *sql.DB, tries int) error {
	for range tries {
		var busy, frames, done int
		if err := db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &done); err != nil {
			return fmt.Errorf("store: scrub: %w", err)
		}
		if busy == 0 {
			return nil
		}
	}
	return fmt.Errorf("store: scrub: the write-ahead log is still held by a reader")
}
