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
		if err := tx.QueryRowContext(ctx, "SELECT sign_pub FROM peers WHERE site_id = ?", siteID).Scan(&old); err == sql.ErrNoRows {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		now := time.Now().UTC().Format(time.RFC3339)
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO revoked_keys(sign_pub, site_id, revoked_at, reason) VALUES (?,?,?,?)",
			old, siteID, now, reason); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE peers SET sign_pub = ?, age_recipient = ?, fingerprint = ?, pinned_at = ? WHERE site_id = ?",
			signPub, ageRecipient, fingerprint, now, siteID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: replace keys of %s: %w", siteID, err)
	}
	return nil
}

// RevokedKey is one signing key on this site's revocation list.
type RevokedKey struct {
	SiteID    string
	SignPub   []byte
	RevokedAt string
	Reason    string
}

// RevokedKeys lists the revocation list, oldest first: the hub sends it
// in every acknowledgement.
func (s *Store) RevokedKeys(ctx context.Context) ([]RevokedKey, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT site_id, sign_pub, revoked_at, reason FROM revoked_keys ORDER BY revoked_at, rowid")
	if err != nil {
		return nil, fmt.Errorf("store: revoked keys: %w", err)
	}
	defer rows.Close()
	var out []RevokedKey
	for rows.Next() {
		var k RevokedKey
		if err := rows.Scan(&k.SiteID, &k.SignPub, &k.RevokedAt, &k.Reason); err != nil {
			return nil, fmt.Errorf("store: revoked keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RevokePeerKey puts a peer's pinned signing key on the revocation list
// (a stolen or lost laptop) without a replacement yet: its bundles are
// refused until ReplacePeerKeys pins the new laptop's keys.
func (s *Store) RevokePeerKey(ctx context.Context, siteID, reason string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var pub []byte
		if err := tx.QueryRowContext(ctx, "SELECT sign_pub FROM peers WHERE site_id = ?", siteID).Scan(&pub); err == sql.ErrNoRows {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO revoked_keys(sign_pub, site_id, revoked_at, reason) VALUES (?,?,?,?)",
			pub, siteID, time.Now().UTC().Format(time.RFC3339), reason)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: revoke key of %s: %w", siteID, err)
	}
	return nil
}

// addRevoked stores keys from the hub's revocation list, as a cell
// receives it in an acknowledgement.
func addRevoked(ctx context.Context, tx *sql.Tx, hubID, at string, keys [][]byte) error {
	for _, k := range keys {
		if len(k) == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO revoked_keys(sign_pub, site_id, revoked_at, reason) VALUES (?,?,?,?)",
			k, hubID, at, "revoked by the hub"); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceOwnKeys gives this site new keys (a cell moved to a new laptop,
// or its old key leaked) and starts a new epoch. The hub pins the new keys
// from the next bundle once a person has compared the fingerprint.
func (s *Store) ReplaceOwnKeys(ctx context.Context, k Keys) error {
	if s.sl == nil || s.lock == nil {
		return fmt.Errorf("store: replace own keys: %w", ErrStoreLocked)
	}
	l := *s.lock
	l.Identities = append([]string(nil), s.lock.Identities...)
	if err := addIdentity(&l, s.sl, k.AgeIdentity); err != nil {
		return fmt.Errorf("store: replace own keys: %w", err)
	}
	var lockJSON []byte
	err := s.tx(ctx, func(tx *sql.Tx) error {
		site, err := metaGet(ctx, tx, "site_id")
		if err != nil {
			return err
		}
		if site == "" {
			return ErrNotInitialized
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM keys WHERE site_id = ?", site); err != nil {
			return err
		}
		if err := insertKeys(ctx, tx, s.sl, site, k); err != nil {
			return err
		}
		if lockJSON, err = metaLock(ctx, tx, &l); err != nil {
			return err
		}
		return startEpoch(ctx, tx, EpochMachine)
	})
	if err != nil {
		return fmt.Errorf("store: replace own keys: %w", err)
	}
	if err := writeLockFile(s.dir, lockJSON); err != nil {
		return fmt.Errorf("store: replace own keys: %w", err)
	}
	s.lock = &l
	return nil
}
