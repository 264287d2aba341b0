package store

import (
	"context"
	"database/sql"
	"fmt"
)

// AckIn is a verified acknowledgement from the hub, as a cell applies it.
type AckIn struct {
	BundleID string
	HubID    string
	AsOf     string           // RFC 3339, when the hub wrote it
	Marks    map[string]int64 // contiguous high-water mark per origin
	Body     string           // the whole decoded ack, unknown fields included
	Revoked  [][]byte         // the hub's revocation list: signing keys
}

// ApplyAck records what the hub has received, in one transaction. Marks
// only move forward, so an old ack carried late changes nothing. A mark
// beyond what this database ever wrote means it was restored from a
// backup: a new epoch starts so the lost numbers are never reused.
func (s *Store) ApplyAck(ctx context.Context, in AckIn) (dup bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM acks_in WHERE hub_id = ? AND bundle_id = ?", in.HubID, in.BundleID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			dup = true
			return nil
		}
		return ackTx(ctx, tx, s.sl, in)
	})
	if err != nil {
		return false, fmt.Errorf("store: apply ack %s: %w", in.BundleID, err)
	}
	return dup, nil
}

// applyMarks raises the ack marks of this site's own origins and reports
// whether the hub holds more of the current origin than this database.
func applyMarks(ctx context.Context, tx *sql.Tx, in AckIn) (restored bool, err error) {
	site, err := metaGet(ctx, tx, "site_id")
	if err != nil {
		return false, err
	}
	cur, err := metaGet(ctx, tx, "origin")
	if err != nil {
		return false, err
	}
	if cur == "" {
		cur = site
	}
	for origin, seq := range in.Marks {
		var own int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM epochs WHERE origin = ?", origin).Scan(&own); err != nil {
			return false, err
		}
		if origin != site && own == 0 {
			continue // not ours: ignore rather than trust
		}
		var have int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM changes WHERE origin = ?", origin).Scan(&have); err != nil {
			return false, err
		}
		if seq > have {
			restored = restored || origin == cur
			seq = have // never mark as acknowledged what is not here
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO ack_marks(origin, seq, acked_at) VALUES (?,?,?)
			ON CONFLICT(origin) DO UPDATE SET seq = excluded.seq, acked_at = excluded.acked_at
			WHERE excluded.seq > ack_marks.seq`, origin, seq, in.AsOf); err != nil {
			return false, err
		}
	}
	return restored, nil
}

// AckState is what a cell knows about the hub's receipt of its changes.
type AckState struct {
	Seq     int64  // the hub has every change of the current epoch up to this
	At      string // when the hub said so (RFC 3339), "" before any ack
	Pending int    // changes the next export carries
	Body    string // the newest ack as received, for refusals and resend requests
}

// Acks returns the cell's view of the hub's acknowledgements.
func (s *Store) Acks(ctx context.Context) (AckState, error) {
	var a AckState
	eps, err := s.Epochs(ctx)
	if err != nil {
		return a, err
	}
	for _, e := range eps {
		var seq int64
		var at string
		err := s.db.QueryRowContext(ctx, "SELECT seq, acked_at FROM ack_marks WHERE origin = ?", e.Origin).Scan(&seq, &at)
		if err == nil {
			a.Seq, a.At = seq, at
		} else if err != sql.ErrNoRows {
			return a, fmt.Errorf("store: acks: %w", err)
		}
	}
	pend, err := s.PendingChanges(ctx)
	if err != nil {
		return a, err
	}
	a.Pending = len(pend)
	err = s.db.QueryRowContext(ctx, "SELECT "+unsealSQL("acks_in", "body", "")+" FROM acks_in ORDER BY as_of DESC, rowid DESC LIMIT 1").Scan(&a.Body)
	if err != nil && err != sql.ErrNoRows {
		return a, fmt.Errorf("store: acks: %w", err)
	}
	return a, nil
}

// AckOut is what the hub tells one cell it has received.
type AckOut struct {
	Marks    map[string]int64
	Accepted []string // newest bundle ids first, capped
	Missing  []SeqRange
}

// maxAckedIDs caps the accepted ids in one ack; marks carry the rest.
const maxAckedIDs = 200

// AckFor gathers the hub's receipt state for one cell.
func (s *Store) AckFor(ctx context.Context, cellID string) (AckOut, error) {
	out := AckOut{Marks: map[string]int64{}}
	rows, err := s.db.QueryContext(ctx, "SELECT origin, high_water FROM origin_marks WHERE site_id = ?", cellID)
	if err != nil {
		return out, fmt.Errorf("store: ack for %s: %w", cellID, err)
	}
	for rows.Next() {
		var o string
		var hw int64
		if err := rows.Scan(&o, &hw); err != nil {
			rows.Close()
			return out, fmt.Errorf("store: ack for %s: %w", cellID, err)
		}
		out.Marks[o] = hw
	}
	rows.Close()
	if _, ok := out.Marks[cellID]; !ok {
		var hw int64
		if err := s.db.QueryRowContext(ctx, "SELECT high_water FROM peers WHERE site_id = ?", cellID).Scan(&hw); err == nil && hw > 0 {
			out.Marks[cellID] = hw
		}
	}
	ids, err := s.db.QueryContext(ctx, "SELECT bundle_id FROM bundles_in WHERE sender = ? ORDER BY imported_at DESC, rowid DESC LIMIT ?", cellID, maxAckedIDs)
	if err != nil {
		return out, fmt.Errorf("store: ack for %s: %w", cellID, err)
	}
	for ids.Next() {
		var id string
		if err := ids.Scan(&id); err != nil {
			ids.Close()
			return out, fmt.Errorf("store: ack for %s: %w", cellID, err)
		}
		out.Accepted = append(out.Accepted, id)
	}
	ids.Close()
	out.Missing, err = s.Missing(ctx, cellID)
	return out, err
}
