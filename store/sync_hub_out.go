package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The hub's changes travel down to the cells: decisions on ratings,
// admissions and full memberships, and conflict resolutions. Each is an
// ordinary change of one of the hub's own origins with the cell as org_id.
// The hub sends a cell every such change above what the cell has
// reported applied (RecordCellAcked), so bundles are cumulative and a lost
// stick costs nothing.

// Resolution names a conflict the hub settled, so a cell accepts the
// hub's change of a field it may otherwise not decide.
type Resolution struct {
	ConflictID string `json:"conflict_id"`
	Entity     string `json:"entity"`
	EntityID   string `json:"entity_id"`
	Field      string `json:"field"` // "" = a deleted record
}

// HubOut is what the hub sends one cell besides its acknowledgement.
type HubOut struct {
	Origins     []string // the hub's own origins (epochs)
	Changes     []Change // hub changes for the cell not yet applied there, in origin, seq order
	Resolutions []Resolution
}

// HubChangesFor gathers the hub changes a cell has not reported applied.
// Changes of fields the hub may not decide and that settle no conflict
// are left out: the cell would refuse them.
func (s *Store) HubChangesFor(ctx context.Context, cellID string) (HubOut, error) {
	var out HubOut
	eps, err := s.Epochs(ctx)
	if err != nil {
		return out, fmt.Errorf("store: hub changes for %s: %w", cellID, err)
	}
	for _, e := range eps {
		out.Origins = append(out.Origins, e.Origin)
		var acked int64
		err := s.db.QueryRowContext(ctx, "SELECT seq FROM hub_acked WHERE cell_id = ? AND origin = ?", cellID, e.Origin).Scan(&acked)
		if err != nil && err != sql.ErrNoRows {
			return out, fmt.Errorf("store: hub changes for %s: %w", cellID, err)
		}
		cs, err := s.changesFor(ctx, e.Origin, cellID, acked)
		if err != nil {
			return out, err
		}
		for _, c := range cs {
			rs, ok, err := s.hubMayDecide(ctx, c)
			if err != nil {
				return out, err
			}
			if ok {
				out.Changes = append(out.Changes, c)
				out.Resolutions = append(out.Resolutions, rs...)
			}
		}
	}
	return out, nil
}

// changesFor is changesOf narrowed to one organisation.
func (s *Store) changesFor(ctx context.Context, origin, orgID string, after int64) ([]Change, error) {
	all, err := s.changesOf(ctx, origin, after)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, c := range all {
		if c.OrgID == orgID {
			out = append(out, c)
		}
	}
	return out, nil
}

// hubMayDecide reports whether a hub change may travel to the cell, with
// the resolutions that allow fields outside the decision whitelist.
func (s *Store) hubMayDecide(ctx context.Context, c Change) ([]Resolution, bool, error) {
	var need []string
	if c.Op == OpDelete {
		need = []string{""}
	} else {
		for f := range c.Fields {
			if !hubField(c, f) {
				need = append(need, f)
			}
		}
	}
	var out []Resolution
	for _, f := range need {
		var r Resolution
		err := s.db.QueryRowContext(ctx, `SELECT id, entity, entity_id, field FROM conflicts
			WHERE entity = ? AND entity_id = ? AND field = ? AND resolved_at <> '' ORDER BY resolved_at DESC LIMIT 1`,
			c.Entity, c.EntityID, f).Scan(&r.ConflictID, &r.Entity, &r.EntityID, &r.Field)
		if err == sql.ErrNoRows {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("store: hub change %s/%d: %w", c.Origin, c.Seq, err)
		}
		out = append(out, r)
	}
	return out, true, nil
}

// RecordCellAcked keeps how far a cell has applied the hub's changes, as
// its signed changes manifest says. Marks only move forward, and only for
// the hub's own origins.
func (s *Store) RecordCellAcked(ctx context.Context, cellID string, acked map[string]int64) error {
	if len(acked) == 0 {
		return nil
	}
	eps, err := s.Epochs(ctx)
	if err != nil {
		return fmt.Errorf("store: record acked of %s: %w", cellID, err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		for _, e := range eps {
			seq, ok := acked[e.Origin]
			if !ok || seq <= 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO hub_acked(cell_id, origin, seq, at) VALUES (?,?,?,?)
				ON CONFLICT(cell_id, origin) DO UPDATE SET seq = excluded.seq, at = excluded.at
				WHERE excluded.seq > hub_acked.seq`, cellID, e.Origin, seq, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: record acked of %s: %w", cellID, err)
	}
	return nil
}

// CellsAwaitingDecisions lists the enrolled cells with hub changes not yet
// applied there: the cells a "write decisions" run writes a bundle for.
func (s *Store) CellsAwaitingDecisions(ctx context.Context) ([]Peer, error) {
	cells, err := s.Peers(ctx, RoleCell)
	if err != nil {
		return nil, err
	}
	var out []Peer
	for _, c := range cells {
		h, err := s.HubChangesFor(ctx, c.SiteID)
		if err != nil {
			return nil, err
		}
		if len(h.Changes) > 0 {
			out = append(out, c)
		}
	}
	return out, nil
}
