package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// What this site has received, and from whom: the bundles imported since
// the import log was keyed (sync's verify-log checks each has a keyed
// line), the newest acknowledgement applied (an older one must not undo
// it), and the enrolled peers a new sender's name could be confused with.

// ImportedBundle names one bundle the hub has imported.
type ImportedBundle struct {
	Sender, BundleID string
}

// ImportedSince lists the bundles imported at or after since (RFC 3339,
// UTC), for the import log's check.
func (s *Store) ImportedSince(ctx context.Context, since string) ([]ImportedBundle, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT sender, bundle_id FROM bundles_in WHERE imported_at >= ? ORDER BY rowid", since)
	if err != nil {
		return nil, fmt.Errorf("store: imported bundles: %w", err)
	}
	defer rows.Close()
	var out []ImportedBundle
	for rows.Next() {
		var b ImportedBundle
		if err := rows.Scan(&b.Sender, &b.BundleID); err != nil {
			return nil, fmt.Errorf("store: imported bundles: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// ImportLogKeyedSince is when this database's import log began to carry
// keyed MACs (schema step 18).
func (s *Store) ImportLogKeyedSince(ctx context.Context) (string, error) {
	v, err := metaGet(ctx, s.db, "import_log_keyed_since")
	if err != nil {
		return "", fmt.Errorf("store: import log keyed since: %w", err)
	}
	return v, nil
}

// NewestAckAsOf is the as_of of the newest acknowledgement this cell has
// applied ("" before the first): an older one arriving late must not
// undo what a newer one set.
func (s *Store) NewestAckAsOf(ctx context.Context) (string, error) {
	var v sql.NullString
	if err := s.db.QueryRowContext(ctx, "SELECT MAX(as_of) FROM acks_in").Scan(&v); err != nil {
		return "", fmt.Errorf("store: newest ack: %w", err)
	}
	return v.String, nil
}

// PeersNamed lists the enrolled peers whose name reads the same as name
// once case, diacritics and spacing are set aside: a new sender carrying
// an enrolled cell's name may be posing as it, so the person confirming
// its fingerprint is warned.
func (s *Store) PeersNamed(ctx context.Context, name string) ([]Peer, error) {
	all, err := s.Peers(ctx, "")
	if err != nil {
		return nil, err
	}
	want := strings.Join(strings.Fields(Fold(name)), " ")
	var out []Peer
	for _, p := range all {
		if want != "" && strings.Join(strings.Fields(Fold(p.Name)), " ") == want {
			out = append(out, p)
		}
	}
	return out, nil
}
