package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Conflict is one field written by two changes that did not see each
// other, or a record deleted on one side and edited on the other. Ours is
// the value the record holds now (the change with the greater stamp),
// Theirs the value that lost, Base the value both writers had last seen.
// The same conflict has the same id and content on every replica.
type Conflict struct {
	ID         string
	Entity     string
	EntityID   string
	OrgID      string
	Field      string // "" for a delete against an edit
	Base       string
	Ours       string // kept; "" with Field "" means the record is deleted
	Theirs     string // lost; with Field "" the edit's fields as JSON
	OursFrom   string // origin/seq
	TheirsFrom string
	CreatedAt  string
	Resolved   string
	ResolvedAt string
}

// Deleted reports a delete-against-edit conflict.
func (c Conflict) Deleted() bool { return c.Field == "" }

func stampOf(c Change) string { return c.Origin + "/" + strconv.FormatInt(c.Seq, 10) }

// conflictID derives the id from the two changes and the field, so every
// replica and every re-import names the conflict the same.
func conflictID(entityID, field string, x, y Change) string {
	p := []string{stampOf(x), stampOf(y)}
	sort.Strings(p)
	h := sha256.Sum256([]byte(entityID + "\x00" + field + "\x00" + p[0] + "\x00" + p[1]))
	return hex.EncodeToString(h[:12])
}

// fieldConflict describes two concurrent writes of one field; the newer
// one is kept.
func fieldConflict(def entityDef, all []Change, field string, x, y Change) Conflict {
	win, lose := x, y
	if newer(y, x) {
		win, lose = y, x
	}
	var base *Change
	for i, e := range all {
		if _, ok := e.Fields[field]; !ok || e.Op != OpUpsert || !saw(x, e) || !saw(y, e) {
			continue
		}
		if base == nil || newer(e, *base) {
			base = &all[i]
		}
	}
	c := Conflict{ID: conflictID(x.EntityID, field, x, y), Entity: x.Entity, EntityID: x.EntityID, OrgID: x.OrgID,
		Field: field, Ours: fieldText(def, field, win.Fields[field]), Theirs: fieldText(def, field, lose.Fields[field]),
		OursFrom: stampOf(win), TheirsFrom: stampOf(lose)}
	if base != nil {
		c.Base = fieldText(def, field, base.Fields[field])
	}
	return c
}

// recordConflict describes a delete against an edit it did not see.
func recordConflict(del, edit Change) Conflict {
	f, _ := json.Marshal(edit.Fields)
	return Conflict{ID: conflictID(del.EntityID, "", del, edit), Entity: del.Entity, EntityID: del.EntityID,
		OrgID: del.OrgID, Theirs: string(f), OursFrom: stampOf(del), TheirsFrom: stampOf(edit)}
}

func (a *applier) conflict(c Conflict) error {
	var vals [3]any
	for i, v := range []string{c.Base, c.Ours, c.Theirs} {
		sv, err := a.sl.seal(v, storePlace("conflicts", []string{"base", "ours", "theirs"}[i], c.ID))
		if err != nil {
			return err
		}
		vals[i] = sv
	}
	_, err := a.tx.ExecContext(a.ctx, `INSERT OR IGNORE INTO conflicts(id, entity, entity_id, org_id, field, base, ours, theirs,
		theirs_from, ours_from, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, c.ID, c.Entity, c.EntityID, c.OrgID,
		c.Field, vals[0], vals[1], vals[2], c.TheirsFrom, c.OursFrom, time.Now().UTC().Format(time.RFC3339))
	if err == nil {
		a.res.Conflicts++
	}
	return err
}

// closeSeen marks open conflicts of a record resolved when a change that
// saw both sides arrives: a resolution made on another replica.
func closeSeen(ctx context.Context, tx *sql.Tx, c Change) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, field, ours_from, theirs_from FROM conflicts WHERE entity_id = ? AND resolved_at = ''`, c.EntityID)
	if err != nil {
		return err
	}
	var done []string
	for rows.Next() {
		var id, field, of, tf string
		if err := rows.Scan(&id, &field, &of, &tf); err != nil {
			rows.Close()
			return err
		}
		if _, touched := c.Fields[field]; (touched || field == "") && sawStamp(c, of) && sawStamp(c, tf) {
			done = append(done, id)
		}
	}
	rows.Close()
	for _, id := range done {
		if _, err := tx.ExecContext(ctx, "UPDATE conflicts SET resolved = ?, resolved_at = ? WHERE id = ?",
			"by "+stampOf(c), time.Now().UTC().Format(time.RFC3339), id); err != nil {
			return err
		}
	}
	return rows.Err()
}

func sawStamp(c Change, stamp string) bool {
	i := strings.LastIndexByte(stamp, '/')
	if i < 0 {
		return false
	}
	seq, err := strconv.ParseInt(stamp[i+1:], 10, 64)
	if err != nil {
		return false
	}
	return saw(c, Change{Origin: stamp[:i], Seq: seq})
}

// Conflicts lists conflicts, open ones only unless all is set, oldest first.
func (s *Store) Conflicts(ctx context.Context, all bool) ([]Conflict, error) {
	u := func(col string) string { return unsealSQL("conflicts", col, "") }
	q := `SELECT id, entity, entity_id, org_id, field, ` + u("base") + `, ` + u("ours") + `, ` + u("theirs") + `, ours_from, theirs_from, created_at,
		` + u("resolved") + `, resolved_at FROM conflicts`
	if !all {
		q += " WHERE resolved_at = ''"
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY created_at, id")
	if err != nil {
		return nil, fmt.Errorf("store: conflicts: %w", err)
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		var c Conflict
		if err := rows.Scan(&c.ID, &c.Entity, &c.EntityID, &c.OrgID, &c.Field, &c.Base, &c.Ours, &c.Theirs,
			&c.OursFrom, &c.TheirsFrom, &c.CreatedAt, &c.Resolved, &c.ResolvedAt); err != nil {
			return nil, fmt.Errorf("store: conflicts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
