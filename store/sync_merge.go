package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// Merging an incoming change into a record.
//
// Every change carries the version vector of the record its writer had
// seen (Change.Saw, other origins only). When nothing on the record here
// is unseen by the incoming change, it simply applies: the usual case,
// one indexed query. Otherwise the record's changes are loaded and each
// field goes to the change with the greater (Lamport, origin, seq) stamp,
// so every replica ends with the same value whatever the arrival order,
// and a field written by two changes that did not see each other, with
// different values, gets a conflict row for a person. A delete against a
// concurrent edit wins, always with a conflict row, so it is never silent.

// recordHeads returns, per origin other than self, the highest sequence
// of a change to the record; nil when no other origin touched it. Every
// change of a record carries the record's organisation, which leads the
// index (migrations/0009_record_index.sql).
func recordHeads(ctx context.Context, tx *sql.Tx, org, entity, id, self string) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT origin, MAX(seq) FROM changes WHERE org_id = ? AND entity_id = ? AND entity = ? AND origin <> ?
		GROUP BY origin`, org, id, entity, self)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out map[string]int64
	for rows.Next() {
		var o string
		var seq int64
		if err := rows.Scan(&o, &seq); err != nil {
			return nil, err
		}
		if out == nil {
			out = map[string]int64{}
		}
		out[o] = seq
	}
	return out, rows.Err()
}

// saw reports whether change x had seen change e when it was written.
func saw(x, e Change) bool {
	if e.Origin == x.Origin {
		return e.Seq < x.Seq
	}
	return e.Seq <= x.Saw[e.Origin]
}

// newer orders changes by (Lamport, origin, seq): a total order every
// replica agrees on, and one that follows causality because a site's
// Lamport clock moves past every change it imports.
func newer(x, y Change) bool {
	if x.Lamport != y.Lamport {
		return x.Lamport > y.Lamport
	}
	if x.Origin != y.Origin {
		return x.Origin > y.Origin
	}
	return x.Seq > y.Seq
}

// mergeRecord writes an incoming change into its record.
func (a *applier) mergeRecord(def entityDef, c Change) error {
	if a.single {
		return a.writeRecord(def, c)
	}
	if err := a.flushLedger(); err != nil { // the heads read the ledger
		return err
	}
	heads, err := recordHeads(a.ctx, a.tx, c.OrgID, c.Entity, c.EntityID, c.Origin)
	if err != nil {
		return err
	}
	unseen := false
	for o, seq := range heads {
		if seq > c.Saw[o] {
			unseen = true
			break
		}
	}
	if !unseen {
		return a.writeRecord(def, c)
	}
	return a.mergeConcurrent(def, c)
}

// mergeConcurrent handles a change that did not see everything already
// applied to its record.
func (a *applier) mergeConcurrent(def entityDef, c Change) error {
	all, err := recordChanges(a.ctx, a.tx, c.OrgID, c.Entity, c.EntityID)
	if err != nil {
		return err
	}
	var rivals []Change // here already, not seen by c; a cell's as the hub merges it
	for _, e := range all {
		if !saw(c, e) {
			rivals = append(rivals, a.cellView(def, e))
		}
	}
	_, exists, err := readRow(a.ctx, a.tx, c.Entity, def, c.EntityID, c.OrgID)
	if err != nil {
		return err
	}
	if c.Op == OpDelete {
		return a.mergeDelete(def, c, rivals)
	}
	vals := map[string]any{}
	for k, v := range c.Fields {
		if !def.has(k) {
			continue // a newer minor's field: kept in the ledger only
		}
		nv, _ := def.value(k, v) // checked by ValidChange
		win := true
		for _, r := range rivals {
			rv, ok := r.Fields[k]
			if r.Op == OpDelete || !ok {
				continue
			}
			if newer(r, c) {
				win = false
			}
			if !saw(r, c) && fieldText(def, k, rv) != fieldText(def, k, nv) {
				if err := a.conflict(fieldConflict(def, all, k, c, r)); err != nil {
					return err
				}
			}
		}
		if win {
			vals[k] = nv
		}
	}
	// After the field conflicts, so an edit that loses to a delete still
	// leaves a row for each field it disagreed on with another edit: a
	// person restoring the record must see those too.
	for _, r := range rivals {
		if r.Op != OpDelete {
			continue
		}
		if !saw(r, c) {
			if err := a.conflict(recordConflict(r, c)); err != nil {
				return err
			}
		}
		if !exists {
			return nil // a delete wins over an edit it did not see
		}
	}
	if !exists {
		addEarlyEdits(def, c, rivals, vals)
	}
	if exists && len(vals) == 0 {
		return nil
	}
	return a.writeRecord(def, Change{Entity: c.Entity, EntityID: c.EntityID, OrgID: c.OrgID, Op: OpUpsert, Fields: vals})
}

// addEarlyEdits gives a record that is only now being created the newest
// value of each field its rivals edited: edits that arrived before the
// creation (another origin's bundle first) could not be written alone and
// wait in the ledger, so the row must take them now, as it would have had
// they arrived in order.
func addEarlyEdits(def entityDef, c Change, rivals []Change, vals map[string]any) {
	from := map[string]Change{}
	for _, r := range rivals {
		if r.Op != OpUpsert {
			continue
		}
		for k, rv := range r.Fields {
			if !def.has(k) {
				continue
			}
			if _, mine := c.Fields[k]; mine && !newer(r, c) {
				continue
			}
			if prev, ok := from[k]; ok && !newer(r, prev) {
				continue
			}
			from[k] = r
			vals[k], _ = def.value(k, rv) // checked by ValidChange when it arrived
		}
	}
}

// mergeDelete deletes a record unless a change made after the delete has
// already brought it back; concurrent edits each get a conflict row.
func (a *applier) mergeDelete(def entityDef, c Change, rivals []Change) error {
	restored := false
	for _, r := range rivals {
		if saw(r, c) {
			restored = true
			continue
		}
		if r.Op == OpUpsert {
			if err := a.conflict(recordConflict(c, r)); err != nil {
				return err
			}
		}
	}
	if restored {
		return nil
	}
	return a.writeRecord(def, c)
}

// recordChanges loads every ledger change of one record.
func recordChanges(ctx context.Context, tx *sql.Tx, org, entity, id string) ([]Change, error) {
	rows, err := tx.QueryContext(ctx, `SELECT origin, seq, lamport, org_id, op, `+unsealSQL("changes", "fields", "")+`, saw FROM changes
		WHERE org_id = ? AND entity_id = ? AND entity = ?`, org, id, entity)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		c := Change{Entity: entity, EntityID: id}
		var f, sw string
		if err := rows.Scan(&c.Origin, &c.Seq, &c.Lamport, &c.OrgID, &c.Op, &f, &sw); err != nil {
			return nil, err
		}
		if err := decodeJSON(f, &c.Fields); err != nil {
			return nil, fmt.Errorf("change %s/%d: %w", c.Origin, c.Seq, err)
		}
		if sw != "" {
			if err := json.Unmarshal([]byte(sw), &c.Saw); err != nil {
				return nil, fmt.Errorf("change %s/%d: version vector: %w", c.Origin, c.Seq, err)
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func decodeJSON(s string, v any) error {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	return d.Decode(v)
}

// fieldText is how a value is compared and shown: numbers as digits.
func fieldText(def entityDef, k string, v any) string {
	if v == nil {
		return ""
	}
	if n, err := def.value(k, v); err == nil {
		return fmt.Sprint(n)
	}
	return fmt.Sprint(v)
}

// singleOrigin reports whether the bundle's changes all come from one
// origin and no other origin (an earlier epoch, a copied laptop, this
// site's own resolutions) ever wrote a record of the sender: then every
// change follows the one before it and the per-record check is skipped,
// which keeps the common import fast.
func singleOrigin(ctx context.Context, tx *sql.Tx, sender string, origins []string) (bool, error) {
	if len(origins) == 0 {
		return true, nil
	}
	o := origins[0]
	for _, x := range origins {
		if x != o {
			return false, nil
		}
	}
	// Asking the ledger "any change of the sender's records from another
	// origin" scans it whole (org_id has no index), once per bundle: on a
	// district hub that was most of the import. Only a few origins can
	// have written the sender's records at all, since a change for another
	// organisation is refused: the sender's own (epochs it sent, and its
	// site id from before origin_marks) and this site's own (resolutions,
	// decisions). Each is asked through the ledger's primary key.
	rows, err := tx.QueryContext(ctx, `SELECT origin FROM origin_marks WHERE site_id = ?1 UNION SELECT ?1
		UNION SELECT value FROM meta WHERE key IN ('site_id', 'origin') UNION SELECT origin FROM epochs`, sender)
	if err != nil {
		return false, err
	}
	var others []string
	for rows.Next() {
		var x string
		if err := rows.Scan(&x); err != nil {
			rows.Close()
			return false, err
		}
		if x != o {
			others = append(others, x)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, err
	}
	for _, x := range others {
		var other int
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM changes WHERE origin = ? AND org_id = ?)", x, sender).Scan(&other); err != nil || other != 0 {
			return false, err
		}
	}
	return true, nil
}
