package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Resolution choices for a delete-against-edit conflict.
const (
	ConflictKeepDeleted = "keep-deleted"
	ConflictRestore     = "restore"
)

// ResolveConflict settles one conflict in one transaction. For a field,
// value is what the field keeps (ours, theirs or typed by the person);
// for a deleted record, value is ConflictConflictKeepDeleted or ConflictRestore. The settlement is
// written as a new local change that has seen both sides, so it wins on
// every replica it reaches and closes the same conflict there.
func (s *Store) ResolveConflict(ctx context.Context, id, value string) error {
	err := s.writeTx(ctx, func(w *writer) error {
		c, err := conflictByID(ctx, w.tx, id)
		if err != nil {
			return err
		}
		if c.ResolvedAt != "" {
			return fmt.Errorf("already resolved: %w", ErrInvalid)
		}
		def, ok := entities[c.Entity]
		if !ok {
			return fmt.Errorf("entity %s: %w", c.Entity, ErrInvalid)
		}
		switch {
		case !c.Deleted():
			err = w.force(def, c, map[string]any{c.Field: fieldInput(def, c.Field, value)})
		case value == ConflictRestore:
			err = w.restore(def, c)
		case value == ConflictKeepDeleted:
			err = w.forceDelete(def, c)
		default:
			err = fmt.Errorf("choice %q for a deleted record: %w", value, ErrInvalid)
		}
		if err != nil {
			return err
		}
		sv, err := w.sl.seal(value, storePlace("conflicts", "resolved", id))
		if err != nil {
			return err
		}
		_, err = w.tx.ExecContext(w.ctx, "UPDATE conflicts SET resolved = ?, resolved_at = ? WHERE id = ?",
			sv, time.Now().UTC().Format(time.RFC3339), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: resolve conflict %s: %w", id, err)
	}
	return nil
}

func conflictByID(ctx context.Context, tx *sql.Tx, id string) (Conflict, error) {
	var c Conflict
	err := tx.QueryRowContext(ctx, `SELECT id, entity, entity_id, org_id, field, resolved_at FROM conflicts WHERE id = ?`, id).
		Scan(&c.ID, &c.Entity, &c.EntityID, &c.OrgID, &c.Field, &c.ResolvedAt)
	if err == sql.ErrNoRows {
		return c, ErrNotFound
	}
	return c, err
}

// fieldInput turns typed text into what the column takes; def.value
// refuses a number column given letters.
func fieldInput(def entityDef, field, v string) any {
	if def.isInt(field) {
		return json.Number(v)
	}
	return v
}

// force writes fields and logs them even when the record already holds
// those values: the change must travel so other replicas settle too.
func (w *writer) force(def entityDef, c Conflict, fields map[string]any) error {
	vals := make(map[string]any, len(fields))
	for k, v := range fields {
		if !def.has(k) {
			return fmt.Errorf("field %s.%s: %w", c.Entity, k, ErrInvalid)
		}
		if err := def.check(k, v); err != nil {
			return err
		}
		vals[k], _ = def.value(k, v) // checked just above
	}
	saw, err := recordHeads(w.ctx, w.tx, c.OrgID, c.Entity, c.EntityID, w.origin)
	if err != nil {
		return err
	}
	sealed, err := w.sl.sealFields(def, c.OrgID, c.EntityID, vals)
	if err != nil {
		return err
	}
	_, exists, err := readRow(w.ctx, w.tx, c.Entity, def, c.EntityID, c.OrgID)
	if err != nil {
		return err
	}
	// A field settled on a record this replica does not hold (deleted
	// since, or its creation not here yet) may not make a whole row: it is
	// then only logged, as an import treats such an edit (applier.update),
	// because the settlement must still travel.
	err = upsertRow(w.ctx, w.tx, def, c.Entity, c.EntityID, c.OrgID, sealed)
	if err != nil && (exists || !isPartialRow(err)) {
		return err
	}
	return w.log(Change{Entity: c.Entity, EntityID: c.EntityID, OrgID: c.OrgID, Op: OpUpsert, Fields: vals, Saw: saw})
}

func (w *writer) forceDelete(def entityDef, c Conflict) error {
	saw, err := recordHeads(w.ctx, w.tx, c.OrgID, c.Entity, c.EntityID, w.origin)
	if err != nil {
		return err
	}
	where, args := def.keyWhere(c.EntityID, c.OrgID)
	if _, err := w.tx.ExecContext(w.ctx, "DELETE FROM "+def.table+" WHERE "+where, args...); err != nil {
		return err
	}
	return w.log(Change{Entity: c.Entity, EntityID: c.EntityID, OrgID: c.OrgID, Op: OpDelete, Saw: saw})
}

// restore brings a deleted record back with, per field, the newest value
// any change ever wrote.
func (w *writer) restore(def entityDef, c Conflict) error {
	all, err := recordChanges(w.ctx, w.tx, c.OrgID, c.Entity, c.EntityID)
	if err != nil {
		return err
	}
	sort.Slice(all, func(i, j int) bool { return newer(all[j], all[i]) })
	fields := map[string]any{}
	for _, e := range all {
		if e.Op != OpUpsert {
			continue
		}
		for k, v := range e.Fields {
			if def.has(k) {
				fields[k] = v
			}
		}
	}
	return w.force(def, c, fields)
}
