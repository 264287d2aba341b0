package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ErrGap means a bundle starts past what has arrived from its sender.
var ErrGap = errors.New("changes are missing before this bundle")

// Incoming is a verified bundle ready to apply.
type Incoming struct {
	BundleID    string
	Sender      Peer // keys as carried in the manifest
	Pin         bool // the user confirmed a first bundle's fingerprint
	SeqFrom     int64
	SeqTo       int64
	ManifestSHA string
	Changes     []Change
}

// Applied says what ApplyBundle did.
type Applied struct {
	Duplicate bool // nothing new: the database was not touched
	Changes   int  // changes applied
}

// ErrUnknownSender means the sender's keys are not pinned and Pin was false.
var ErrUnknownSender = errors.New("sender is not enrolled")

// ApplyBundle applies a verified bundle in one transaction: the ledger rows,
// the records and the sender's high-water mark commit together. A bundle
// that brings nothing new rolls back so the file is left untouched.
func (s *Store) ApplyBundle(ctx context.Context, in Incoming) (Applied, error) {
	var res Applied
	errNothing := errors.New("nothing new")
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var seen int
		if err := tx.QueryRow("SELECT COUNT(*) FROM bundles_in WHERE bundle_id = ?", in.BundleID).Scan(&seen); err != nil {
			return err
		}
		if seen > 0 {
			return errNothing
		}
		hw, err := s.senderMark(tx, in)
		if err != nil {
			return err
		}
		for _, c := range in.Changes {
			applied, err := applyChange(tx, in.Sender.SiteID, &hw, c)
			if err != nil {
				return fmt.Errorf("change %d: %w", c.Seq, err)
			}
			if applied {
				res.Changes++
			}
		}
		if res.Changes == 0 {
			return errNothing
		}
		now := time.Now().UTC().Format(time.RFC3339)
		if _, err := tx.Exec("UPDATE peers SET high_water = ?, last_bundle_at = ? WHERE site_id = ?", hw, now, in.Sender.SiteID); err != nil {
			return err
		}
		_, err = tx.Exec(`INSERT INTO bundles_in(bundle_id, sender, seq_from, seq_to, record_count, manifest_sha, imported_at)
			VALUES (?,?,?,?,?,?,?)`, in.BundleID, in.Sender.SiteID, in.SeqFrom, in.SeqTo, len(in.Changes), in.ManifestSHA, now)
		return err
	})
	if errors.Is(err, errNothing) {
		return Applied{Duplicate: true}, nil
	}
	if err != nil {
		return Applied{}, fmt.Errorf("store: apply bundle %s: %w", in.BundleID, err)
	}
	return res, nil
}

// senderMark pins a confirmed new sender and returns its high-water mark.
func (s *Store) senderMark(tx *sql.Tx, in Incoming) (int64, error) {
	var hw int64
	err := tx.QueryRow("SELECT high_water FROM peers WHERE site_id = ?", in.Sender.SiteID).Scan(&hw)
	if err == sql.ErrNoRows {
		if !in.Pin {
			return 0, ErrUnknownSender
		}
		return 0, pinPeer(tx, in.Sender)
	}
	return hw, err
}

// applyChange applies one change unless the ledger already has it. The
// same (origin, seq) with other content is a fork.
func applyChange(tx *sql.Tx, sender string, hw *int64, c Change) (bool, error) {
	if err := ValidChange(c); err != nil {
		return false, err
	}
	if c.Origin != sender || c.OrgID != sender {
		return false, fmt.Errorf("change for %s/%s in a bundle from %s: %w", c.Origin, c.OrgID, sender, ErrInvalid)
	}
	var stored string
	err := tx.QueryRow("SELECT fields FROM changes WHERE origin = ? AND seq = ?", c.Origin, c.Seq).Scan(&stored)
	if err == nil {
		if !sameFields(stored, c.Fields) {
			return false, ErrFork
		}
		return false, nil
	}
	if err != sql.ErrNoRows {
		return false, err
	}
	if c.Seq != *hw+1 {
		return false, fmt.Errorf("expected change %d, got %d: %w", *hw+1, c.Seq, ErrGap)
	}
	def := entities[c.Entity]
	if c.Op == OpDelete {
		if _, err := tx.Exec("DELETE FROM "+def.table+" WHERE id = ? AND org_id = ?", c.EntityID, c.OrgID); err != nil {
			return false, err
		}
	} else {
		vals := make(map[string]any, len(c.Fields))
		for k, v := range c.Fields {
			vals[k], _ = def.value(k, v) // checked by ValidChange
		}
		var owner string
		err := tx.QueryRow("SELECT org_id FROM "+def.table+" WHERE id = ?", c.EntityID).Scan(&owner)
		if err == nil && owner != c.OrgID {
			return false, fmt.Errorf("record %s belongs to another organisation: %w", c.EntityID, ErrInvalid)
		}
		if err := upsertRow(tx, def, c.Entity, c.EntityID, c.OrgID, vals); err != nil {
			return false, err
		}
	}
	if err := insertChange(tx, c); err != nil {
		return false, err
	}
	*hw = c.Seq
	return true, nil
}

func sameFields(stored string, f map[string]any) bool {
	var a, b any
	if json.Unmarshal([]byte(stored), &a) != nil {
		return false
	}
	raw, err := json.Marshal(f)
	if err != nil || json.Unmarshal(raw, &b) != nil {
		return false
	}
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

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
