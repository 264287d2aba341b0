package store

// What this site has exported: the manifest chain's last link and the
// record of each bundle written.

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// LastExport returns the newest bundle this site wrote, for the manifest
// chain; ok is false before the first export.
func (s *Store) LastExport(ctx context.Context) (id, manifestSHA string, seqTo int64, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT bundle_id, manifest_sha, seq_to FROM bundles_out ORDER BY rowid DESC LIMIT 1").
		Scan(&id, &manifestSHA, &seqTo)
	if err == sql.ErrNoRows {
		return "", "", 0, false, nil
	}
	if err != nil {
		return "", "", 0, false, fmt.Errorf("store: last export: %w", err)
	}
	return id, manifestSHA, seqTo, true, nil
}

// RecordExport notes a bundle written and verified on the stick.
func (s *Store) RecordExport(ctx context.Context, bundleID string, seqFrom, seqTo int64, manifestSHA string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO bundles_out(bundle_id, seq_from, seq_to, manifest_sha, created_at) VALUES (?,?,?,?,?)",
			bundleID, seqFrom, seqTo, manifestSHA, time.Now().UTC().Format(time.RFC3339Nano))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: record export %s: %w", bundleID, err)
	}
	// A backup taken before this export now holds an older nonce, so
	// restoring it is noticed.
	if err := s.rotateNonce(ctx, ""); err != nil {
		return fmt.Errorf("store: record export %s: %w", bundleID, err)
	}
	return nil
}
