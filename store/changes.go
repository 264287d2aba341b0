package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Change is one entry of the change log: what one write did to one record.
// Fields holds only the fields that changed (all of them on creation).
type Change struct {
	Origin   string         `json:"origin"`
	Seq      int64          `json:"seq"`
	Lamport  int64          `json:"lamport"`
	Entity   string         `json:"entity"`
	EntityID string         `json:"entity_id"`
	OrgID    string         `json:"org_id"`
	Op       string         `json:"op"`
	Fields   map[string]any `json:"fields,omitempty"`
	Author   string         `json:"author,omitempty"`
	WallTime string         `json:"wall_time"`
	// Saw is the record's version vector the writer had seen, other
	// origins only: origin → highest seq of that origin on this record.
	// Empty for a record only its own origin has touched. An incoming
	// change that did not see a change already here is concurrent with it.
	Saw map[string]int64 `json:"saw,omitempty"`
}

// Change operations.
const (
	OpUpsert = "upsert"
	OpDelete = "delete"
)

// entityDef maps an entity name to its table and the columns that travel.
type entityDef struct {
	table string
	cols  []string
	ints  map[string]bool
	// byOrg: the table is keyed by (org_id, id) (migrations/0010_records_by_org.sql), so every
	// lookup of one record gives its organisation. Only for records with
	// random ids that no other table refers to.
	byOrg bool
}

// conflictKey is the upsert's conflict target: the table's key.
func (d entityDef) conflictKey() string {
	if d.byOrg {
		return "org_id, id"
	}
	return "id"
}

// keyWhere finds one record by its key: by id, or under its organisation
// for a table keyed by both.
func (d entityDef) keyWhere(id, orgID string) (string, []any) {
	if d.byOrg {
		return "org_id = ? AND id = ?", []any{orgID, id}
	}
	return "id = ?", []any{id}
}

// registerEntity adds a record type that travels in bundles; files that
// add tables call it from init so this list needs no central edit.
func registerEntity(name string, d entityDef) {
	if _, dup := entities[name]; dup {
		panic("store: entity registered twice: " + name)
	}
	entities[name] = d
}

var entities = map[string]entityDef{
	"org": {table: "orgs", cols: []string{"name", "kind", "parent_name", "place", "has_committee",
		"meeting_min_regular", "meeting_min_combined", "meeting_min_no", "meeting_min_date"},
		ints: map[string]bool{"has_committee": true, "meeting_min_regular": true, "meeting_min_combined": true}},
	"member": {table: "members", cols: []string{"full_name", "other_name", "sex", "birth_date", "ethnicity",
		"religion", "home_town", "residence", "citizen_id", "card_no", "background_no", "admission_date",
		"ceremony_date", "full_date", "status", "education", "theory_level", "occupation", "position", "phone", "notes"}},
	"meeting": {table: "meetings", cols: []string{"kind", "date", "start_time", "end_time", "place", "topic",
		"chair", "minute_taker", "guests", "resolution", "votes_for", "votes_against", "votes_abstain",
		"state", "number", "revision", "finalized_at"},
		ints: map[string]bool{"votes_for": true, "votes_against": true, "votes_abstain": true, "number": true, "revision": true}},
	"attendance": {table: "attendance", cols: []string{"meeting_id", "member_id", "status", "reason", "member_name", "member_status"},
		byOrg: true},
	"agenda_item": {table: "agenda_items", cols: []string{"meeting_id", "ord", "title", "discussion", "conclusion"}, ints: map[string]bool{"ord": true}},
}

// ValidChange checks that a change names a known entity, operation and
// columns with values of the right type, before anything touches SQL.
func ValidChange(c Change) error {
	def, ok := entities[c.Entity]
	if !ok {
		return fmt.Errorf("unknown entity %q: %w: %w", c.Entity, errUnknownName, ErrInvalid)
	}
	if c.Op != OpUpsert && c.Op != OpDelete {
		return fmt.Errorf("unknown operation %q: %w", c.Op, ErrInvalid)
	}
	if c.EntityID == "" || c.OrgID == "" || c.Origin == "" || c.Seq < 1 {
		return fmt.Errorf("change without id, org, origin or sequence: %w", ErrInvalid)
	}
	if c.Entity == "org" && c.EntityID != c.OrgID {
		// An organisation record describes its own site only.
		return fmt.Errorf("org record %s under %s: %w", c.EntityID, c.OrgID, ErrInvalid)
	}
	var unknown error
	for k, v := range c.Fields {
		if !def.has(k) {
			unknown = fmt.Errorf("unknown field %s.%s: %w: %w", c.Entity, k, errUnknownName, ErrInvalid)
			continue
		}
		if _, err := def.value(k, v); err != nil {
			return err
		}
	}
	return unknown
}

// errUnknownName marks an entity or field this build does not know: fatal
// for a bundle of this format, kept and passed on for a newer minor.
var errUnknownName = errors.New("unknown to this version")

func (d entityDef) has(col string) bool {
	for _, c := range d.cols {
		if c == col {
			return true
		}
	}
	return false
}

// value converts a decoded JSON value to what the column stores.
func (d entityDef) value(col string, v any) (any, error) {
	if d.ints[col] {
		switch n := v.(type) {
		case int:
			return int64(n), nil
		case int64:
			return n, nil
		case float64:
			if n != float64(int64(n)) {
				return nil, fmt.Errorf("field %s: not a whole number: %w", col, ErrInvalid)
			}
			return int64(n), nil
		case json.Number:
			i, err := strconv.ParseInt(string(n), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("field %s: %v: %w", col, err, ErrInvalid)
			}
			return i, nil
		case bool:
			if n {
				return int64(1), nil
			}
			return int64(0), nil
		}
		return nil, fmt.Errorf("field %s: want a number: %w", col, ErrInvalid)
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("field %s: want text: %w", col, ErrInvalid)
	}
	return s, nil
}

// writer carries what a local write needs inside one transaction.
type writer struct {
	tx     *sql.Tx
	site   string
	origin string  // current epoch's change origin; the site id until a copy is detected
	sl     *sealer // seals sensitive columns and the change payload
}

func (s *Store) writeTx(ctx context.Context, fn func(w *writer) error) error {
	if s.sl == nil {
		return ErrStoreLocked
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		site, err := metaGet(tx, "site_id")
		if err != nil {
			return err
		}
		if site == "" {
			return ErrNotInitialized
		}
		origin, err := metaGet(tx, "origin")
		if err != nil {
			return err
		}
		if origin == "" {
			origin = site
		}
		return fn(&writer{tx: tx, site: site, origin: origin, sl: s.sl})
	})
}

// put writes fields of one record and logs the fields that changed.
func (w *writer) put(entity, id, orgID string, fields map[string]any) error {
	def := entities[entity]
	cur, exists, err := readRow(w.tx, entity, def, id, orgID)
	if err != nil {
		return err
	}
	changed := map[string]any{}
	for k, v := range fields {
		v, err := def.value(k, v)
		if err != nil {
			return err
		}
		if exists && fmt.Sprint(cur[k]) == fmt.Sprint(v) {
			continue
		}
		changed[k] = v
	}
	if exists && len(changed) == 0 {
		return nil
	}
	c := Change{Entity: entity, EntityID: id, OrgID: orgID, Op: OpUpsert, Fields: changed}
	if c.Saw, err = recordHeads(w.tx, orgID, entity, id, w.origin); err != nil {
		return err
	}
	sealed, err := w.sl.sealFields(entity, changed)
	if err != nil {
		return err
	}
	if err := upsertRow(w.tx, def, entity, id, orgID, sealed); err != nil {
		return err
	}
	return w.log(c)
}

// del removes one record and logs it.
func (w *writer) del(entity, id, orgID string) error {
	saw, err := recordHeads(w.tx, orgID, entity, id, w.origin)
	if err != nil {
		return err
	}
	where, args := entities[entity].keyWhere(id, orgID)
	if _, err := w.tx.Exec("DELETE FROM "+entities[entity].table+" WHERE "+where, args...); err != nil {
		return err
	}
	return w.log(Change{Entity: entity, EntityID: id, OrgID: orgID, Op: OpDelete, Saw: saw})
}

func (w *writer) log(c Change) error {
	seq, err := metaInc(w.tx, "next_seq")
	if err != nil {
		return err
	}
	lam, err := metaInc(w.tx, "lamport")
	if err != nil {
		return err
	}
	c.Origin, c.Seq, c.Lamport = w.origin, seq, lam
	if c.Origin == "" {
		c.Origin = w.site
	}
	c.WallTime = time.Now().UTC().Format(time.RFC3339)
	return insertChange(w.tx, w.sl, c)
}

func insertChange(tx *sql.Tx, sl *sealer, c Change) error {
	b, err := json.Marshal(c.Fields)
	if err != nil {
		return err
	}
	f, err := sl.sealString(string(b))
	if err != nil {
		return err
	}
	saw := ""
	if len(c.Saw) > 0 {
		b, err := json.Marshal(c.Saw)
		if err != nil {
			return err
		}
		saw = string(b)
	}
	_, err = tx.Exec(`INSERT INTO changes(origin, seq, lamport, entity, entity_id, org_id, op, fields, author, wall_time, saw)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`, c.Origin, c.Seq, c.Lamport, c.Entity, c.EntityID, c.OrgID, c.Op, f, c.Author, c.WallTime, saw)
	return err
}

func readRow(tx *sql.Tx, entity string, def entityDef, id, orgID string) (map[string]any, bool, error) {
	vals := make([]any, len(def.cols))
	ptrs := make([]any, len(def.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	where, args := def.keyWhere(id, orgID)
	err := tx.QueryRow("SELECT "+sealedExprs(entity, def.cols)+" FROM "+def.table+" WHERE "+where, args...).Scan(ptrs...)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	row := make(map[string]any, len(vals))
	for i, c := range def.cols {
		row[c] = vals[i]
	}
	return row, true, nil
}

// upsertRow writes the given columns of one row, creating it if needed.
// Column names come from the entity table, never from input.
//
// Some of the changed fields only (an edit) is an UPDATE: SQLite checks
// NOT NULL on the INSERT half of an upsert before it sees the conflict,
// so "INSERT (id, discussion) … ON CONFLICT DO UPDATE" of a saved agenda
// item failed on its meeting_id.
func upsertRow(tx execer, def entityDef, entity, id, orgID string, fields map[string]any) error {
	cols := make([]string, 0, len(fields))
	for k := range fields {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	if len(cols) > 0 && len(cols) < len(def.cols) {
		q, args := updateSQL(def, entity, cols, fields, id, orgID)
		res, err := tx.Exec(q, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
	}
	names := []string{"id", "org_id"}
	args := []any{id, orgID}
	sets := []string{}
	for _, c := range cols {
		names = append(names, c)
		args = append(args, fields[c])
		sets = append(sets, c+" = excluded."+c)
	}
	if entity == "member" {
		if n, ok := fields["full_name"]; ok {
			names = append(names, "name_fold")
			args = append(args, Fold(fmt.Sprint(n)))
			sets = append(sets, "name_fold = excluded.name_fold")
		}
	}
	q := "INSERT INTO " + def.table + "(" + strings.Join(names, ", ") + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")"
	if len(sets) > 0 {
		q += " ON CONFLICT(" + def.conflictKey() + ") DO UPDATE SET " + strings.Join(sets, ", ")
	} else {
		q += " ON CONFLICT(" + def.conflictKey() + ") DO NOTHING"
	}
	_, err := tx.Exec(q, args...)
	return err
}

// updateSQL is "UPDATE table SET cols… WHERE key" for sorted columns,
// with their values and the record's key.
func updateSQL(def entityDef, entity string, cols []string, fields map[string]any, id, orgID string) (string, []any) {
	sets := make([]string, 0, len(cols)+1)
	args := make([]any, 0, len(cols)+2)
	for _, c := range cols {
		sets = append(sets, c+" = ?")
		args = append(args, fields[c])
	}
	if n, ok := fields["full_name"]; ok && entity == "member" {
		sets = append(sets, "name_fold = ?")
		args = append(args, Fold(fmt.Sprint(n)))
	}
	where, key := def.keyWhere(id, orgID)
	return "UPDATE " + def.table + " SET " + strings.Join(sets, ", ") + " WHERE " + where, append(args, key...)
}

func metaGet(q interface {
	QueryRow(string, ...any) *sql.Row
}, key string) (string, error) {
	var v string
	err := q.QueryRow("SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

func metaSet(tx *sql.Tx, key, value string) error {
	_, err := tx.Exec("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

// metaInc increments a counter and returns the new value.
func metaInc(tx *sql.Tx, key string) (int64, error) {
	v, err := metaGet(tx, key)
	if err != nil {
		return 0, err
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	n++
	return n, metaSet(tx, key, strconv.FormatInt(n, 10))
}

// LocalChanges returns this site's own changes with seq > after, in order.
func (s *Store) LocalChanges(ctx context.Context, after int64) ([]Change, error) {
	site, err := metaGet(s.db, "site_id")
	if err != nil {
		return nil, fmt.Errorf("store: local changes: %w", err)
	}
	return s.changesOf(ctx, site, after)
}

// changesOf returns the ledger of one origin with seq > after, in order.
func (s *Store) changesOf(ctx context.Context, origin string, after int64) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT origin, seq, lamport, entity, entity_id, org_id, op, unseal(fields), author, wall_time, saw
		FROM changes WHERE origin = ? AND seq > ? ORDER BY seq`, origin, after)
	if err != nil {
		return nil, fmt.Errorf("store: changes of %s: %w", origin, err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var f, saw string
		if err := rows.Scan(&c.Origin, &c.Seq, &c.Lamport, &c.Entity, &c.EntityID, &c.OrgID, &c.Op, &f, &c.Author, &c.WallTime, &saw); err != nil {
			return nil, fmt.Errorf("store: changes of %s: %w", origin, err)
		}
		if saw != "" {
			if err := json.Unmarshal([]byte(saw), &c.Saw); err != nil {
				return nil, fmt.Errorf("store: change %s/%d: version vector: %w", origin, c.Seq, err)
			}
		}
		d := json.NewDecoder(strings.NewReader(f))
		d.UseNumber()
		if err := d.Decode(&c.Fields); err != nil {
			return nil, fmt.Errorf("store: change %s/%d: %w", origin, c.Seq, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
