package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrGap means a bundle starts past what has arrived from its sender. Its
// changes are held back, not refused; the error names the missing range.
var ErrGap = errors.New("changes are missing before this bundle")

// ErrUnknownSender means the sender's keys are not pinned and Pin was false.
var ErrUnknownSender = errors.New("sender is not enrolled")

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
		_, err := tx.Exec("INSERT INTO bundles_out(bundle_id, seq_from, seq_to, manifest_sha, created_at) VALUES (?,?,?,?,?)",
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

// CellSummary is one enrolled cell as the hub sees it.
type CellSummary struct {
	Org
	Peer
	Members  map[string]int // by status code
	Meetings int
}

// Cells lists the cells the hub has enrolled with member counts by status.
func (s *Store) Cells(ctx context.Context) ([]CellSummary, error) {
	peers, err := s.Peers(ctx, RoleCell)
	if err != nil {
		return nil, err
	}
	out := make([]CellSummary, 0, len(peers))
	for _, p := range peers {
		c := CellSummary{Peer: p, Members: map[string]int{}}
		if o, err := s.Org(ctx, p.SiteID); err == nil {
			c.Org = o
		} else {
			c.Org = Org{ID: p.SiteID, Name: p.Name}
		}
		rows, err := s.db.QueryContext(ctx, "SELECT status, COUNT(*) FROM members WHERE org_id = ? GROUP BY status", p.SiteID)
		if err != nil {
			return nil, fmt.Errorf("store: cells: %w", err)
		}
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: cells: %w", err)
			}
			c.Members[st] = n
		}
		rows.Close()
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM meetings WHERE org_id = ?", p.SiteID).Scan(&c.Meetings); err != nil {
			return nil, fmt.Errorf("store: cells: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

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
// keyed MACs (schema step 16).
func (s *Store) ImportLogKeyedSince(ctx context.Context) (string, error) {
	v, err := metaGet(s.db, "import_log_keyed_since")
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
