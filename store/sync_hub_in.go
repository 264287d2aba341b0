package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// A cell applies what its pinned hub decided. Only the hub may write
// there, only into this cell, and only what the hub decides: the levels
// and decision numbers of reviews (a member's or the cell's own rating),
// the decision on an admission or a full membership, and fields of a
// conflict the hub settled. Anything else refuses the whole bundle.

// ErrNotHubDecision marks a hub change of something only the cell decides.
var ErrNotHubDecision = errors.New("the hub may not decide this field")

// HubIn is the verified hub part of an acknowledgement, as a cell applies it.
type HubIn struct {
	Origins     []string // the hub's own origins
	Changes     []Change
	Resolutions []Resolution
}

// hubField reports whether the hub may write field f of change c. A
// review the cell never recorded (the hub rating the cell itself) may be
// created with its member and year when they are what its id derives from.
func hubField(c Change, f string) bool {
	if entities[c.Entity].hubOnly(f) {
		return true
	}
	if c.Entity != "review" || (f != "member_id" && f != "year") {
		return false
	}
	m, _ := c.Fields["member_id"].(string)
	y, err := entities["review"].value("year", c.Fields["year"])
	n, _ := y.(int64)
	return err == nil && reviewID(c.OrgID, m, int(n)) == c.EntityID
}

// hubApplier checks and applies the hub's changes in one transaction.
type hubApplier struct {
	*applier
	site    string
	own     map[string]bool // this cell's own origins
	hub     map[string]bool // origins the hub may write under
	settled map[string]bool // entity/id/field the hub resolved
}

// ApplyHubBundle applies an acknowledgement and the hub's decisions in it
// in one transaction. The same bundle again changes nothing; a change
// already applied from an earlier bundle is skipped (or is a fork if its
// content differs).
func (s *Store) ApplyHubBundle(ctx context.Context, ack AckIn, in HubIn) (dup bool, applied int, err error) {
	if s.sl == nil {
		return false, 0, fmt.Errorf("store: apply hub bundle %s: %w", ack.BundleID, ErrStoreLocked)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM acks_in WHERE hub_id = ? AND bundle_id = ?", ack.HubID, ack.BundleID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			dup = true
			return nil
		}
		h, err := newHubApplier(ctx, tx, s.sl, ack.HubID, in)
		if err != nil {
			return err
		}
		for _, c := range in.Changes {
			if err := h.apply(c); err != nil {
				return fmt.Errorf("hub change %s/%d: %w", c.Origin, c.Seq, err)
			}
		}
		if err := h.saveChain(); err != nil {
			return err
		}
		applied = h.res.Changes
		if err := raiseLamport(ctx, tx, h.lamport); err != nil {
			return err
		}
		if err := afterHubDecisions(ctx, tx, s.sl, in.Changes, time.Now()); err != nil {
			return err
		}
		if err := h.saveOrigins(in.Origins); err != nil {
			return err
		}
		return ackTx(ctx, tx, s.sl, ack)
	})
	if err != nil {
		return false, 0, fmt.Errorf("store: apply hub bundle %s: %w", ack.BundleID, err)
	}
	return dup, applied, nil
}

func newHubApplier(ctx context.Context, tx *sql.Tx, sl *sealer, hubID string, in HubIn) (*hubApplier, error) {
	site, err := metaGet(ctx, tx, "site_id")
	if err != nil {
		return nil, err
	}
	// Set up as ApplyBundle sets up its applier, so the hub's changes merge
	// with the cell's exactly as a cell's merge at the hub.
	a := &applier{ctx: ctx, tx: tx, st: newStmtCache(ctx, tx), sender: hubID, marks: map[string]int64{}, sl: sl}
	h := &hubApplier{applier: a, site: site,
		own: map[string]bool{site: true}, hub: map[string]bool{hubID: true}, settled: map[string]bool{}}
	rows, err := tx.QueryContext(ctx, "SELECT origin FROM epochs")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, err
		}
		h.own[o] = true
	}
	for _, o := range in.Origins {
		h.hub[o] = true
	}
	for _, r := range in.Resolutions {
		h.settled[r.Entity+"/"+r.EntityID+"/"+r.Field] = true
	}
	return h, rows.Err()
}

// apply checks one hub change and applies it unless it is already here.
func (h *hubApplier) apply(c Change) error {
	if err := ValidChange(c); err != nil {
		return err
	}
	if err := checkClock(c, maxClock); err != nil { // the hub is trusted, but no clock wraps
		return err
	}
	switch {
	case !h.hub[c.Origin] || h.own[c.Origin]:
		return fmt.Errorf("origin %s is not the hub's: %w", c.Origin, ErrInvalid)
	case c.OrgID != h.site:
		return fmt.Errorf("change for %s sent to %s: %w", c.OrgID, h.site, ErrInvalid)
	}
	if err := h.allowed(c); err != nil {
		return err
	}
	if err := h.flushLedger(); err != nil {
		return err
	}
	var stored string
	err := h.tx.QueryRowContext(h.ctx, "SELECT "+unsealSQL("changes", "fields", "")+" FROM changes WHERE origin = ? AND seq = ?", c.Origin, c.Seq).Scan(&stored)
	if err == nil {
		if !sameFields(stored, c.Fields) {
			return ErrFork
		}
		return nil
	}
	if err != sql.ErrNoRows {
		return err
	}
	return h.materialize(c)
}

// allowed refuses a hub change of anything only the cell decides.
func (h *hubApplier) allowed(c Change) error {
	if c.Op == OpDelete {
		if !h.settled[c.Entity+"/"+c.EntityID+"/"] {
			return fmt.Errorf("delete of %s %s: %w", c.Entity, c.EntityID, ErrNotHubDecision)
		}
		return nil
	}
	for f := range c.Fields {
		if !hubField(c, f) && !h.settled[c.Entity+"/"+c.EntityID+"/"+f] {
			return fmt.Errorf("%s.%s: %w", c.Entity, f, ErrNotHubDecision)
		}
	}
	return nil
}

// saveOrigins remembers the hub's origins, so the next changes bundle can
// tell the hub how far each has been applied here.
func (h *hubApplier) saveOrigins(origins []string) error {
	known, err := hubOrigins(h.ctx, h.tx)
	if err != nil {
		return err
	}
	for _, o := range origins {
		if !h.own[o] && !slices.Contains(known, o) {
			known = append(known, o)
		}
	}
	b, err := json.Marshal(known)
	if err != nil {
		return err
	}
	return metaSet(h.ctx, h.tx, "hub_origins", string(b))
}

func hubOrigins(ctx context.Context, q querier) ([]string, error) {
	v, err := metaGet(ctx, q, "hub_origins")
	if err != nil || v == "" {
		return nil, err
	}
	var out []string
	if err := json.Unmarshal([]byte(v), &out); err != nil {
		return nil, fmt.Errorf("hub origins: %w", err)
	}
	return out, nil
}

// ackTx records an ack inside a transaction: ApplyAck's own, or the one that
// also applies the hub's decisions, so both commit together.
func ackTx(ctx context.Context, tx *sql.Tx, sl *sealer, in AckIn) error {
	restored, err := applyMarks(ctx, tx, in)
	if err != nil {
		return err
	}
	if err := addRevoked(ctx, tx, in.HubID, in.AsOf, in.Revoked); err != nil {
		return err
	}
	if restored {
		if err := startEpoch(ctx, tx, EpochRestored); err != nil {
			return err
		}
	}
	// The body carries the hub's decisions (ratings by member): sealed.
	body, err := sl.seal(in.Body, storePlace("acks_in", "body", in.BundleID))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO acks_in(bundle_id, hub_id, as_of, body, imported_at) VALUES (?,?,?,?,?)",
		in.BundleID, in.HubID, in.AsOf, body, time.Now().UTC().Format(time.RFC3339))
	return err
}

// HubApplied returns, per hub origin, the highest hub change applied
// here: the "acked" vector of the next changes bundle.
func (s *Store) HubApplied(ctx context.Context) (map[string]int64, error) {
	origins, err := hubOrigins(ctx, s.db)
	if err != nil {
		return nil, fmt.Errorf("store: hub applied: %w", err)
	}
	out := map[string]int64{}
	for _, o := range origins {
		var n int64
		if err := s.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM changes WHERE origin = ?", o).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: hub applied: %w", err)
		}
		if n > 0 {
			out[o] = n
		}
	}
	return out, nil
}
