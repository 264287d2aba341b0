package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// IsRevoked reports whether a signing key is on this site's revocation list.
func (s *Store) IsRevoked(ctx context.Context, signPub []byte) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM revoked_keys WHERE sign_pub = ?", signPub).Scan(&n); err != nil {
		return false, fmt.Errorf("store: revoked: %w", err)
	}
	return n > 0, nil
}

// ReplacePeerKeys revokes a peer's pinned signing key and pins new keys
// (a cell's new laptop), after a person has confirmed the new fingerprint.
// Bundles signed with the old key are refused from then on.
func (s *Store) ReplacePeerKeys(ctx context.Context, siteID string, signPub []byte, ageRecipient, fingerprint, reason string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var old []byte
		if err := tx.QueryRow("SELECT sign_pub FROM peers WHERE site_id = ?", siteID).Scan(&old); err == sql.ErrNoRows {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		now := time.Now().UTC().Format(time.RFC3339)
		if _, err := tx.Exec("INSERT OR IGNORE INTO revoked_keys(sign_pub, site_id, revoked_at, reason) VALUES (?,?,?,?)",
			old, siteID, now, reason); err != nil {
			return err
		}
		_, err := tx.Exec("UPDATE peers SET sign_pub = ?, age_recipient = ?, fingerprint = ?, pinned_at = ? WHERE site_id = ?",
			signPub, ageRecipient, fingerprint, now, siteID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: replace keys of %s: %w", siteID, err)
	}
	return nil
}
