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
	"unicode/utf8"
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

// ValidChange checks that a change names a known entity, operation and
// columns with values of the right type and length, before anything
// touches SQL. Import and local saves alike go through it (put calls
// checkFields), so a record no clerk could type is refused everywhere.
func ValidChange(c Change) error {
	if err := checkEnvelope(c); err != nil {
		return err
	}
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
		if err := def.check(k, v); err != nil {
			return fmt.Errorf("%s %s: %w", c.Entity, c.EntityID, err)
		}
	}
	return unknown
}

// checkEnvelope caps what every change carries besides its known fields:
// its names and ids, and the fields and entities of a newer minor that
// are kept in the ledger unread.
func checkEnvelope(c Change) error {
	for _, f := range []struct {
		name, v string
		max     int
	}{{"entity", c.Entity, capCode}, {"entity_id", c.EntityID, capID}, {"org_id", c.OrgID, capID},
		{"origin", c.Origin, capID}, {"op", c.Op, capCode}, {"author", c.Author, capName}, {"wall_time", c.WallTime, capDate}} {
		if err := checkLen(f.name, f.v, f.max); err != nil {
			return err
		}
	}
	if len(c.Fields) > maxFields || len(c.Saw) > maxSaw {
		return fmt.Errorf("change with %d fields and %d origins seen: %w", len(c.Fields), len(c.Saw), ErrInvalid)
	}
	for o := range c.Saw {
		if err := checkLen("saw", o, capID); err != nil {
			return err
		}
	}
	def := entities[c.Entity]
	for k, v := range c.Fields {
		if def.has(k) {
			continue // checked against its column
		}
		if err := checkLen("field name", k, capCode); err != nil {
			return err
		}
		if s, ok := v.(string); ok {
			if err := checkLen(k, s, capText); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxFields and maxSaw bound a change's fields and its version vector: a
// record kind has at most 41 columns, and a record is written by a few
// origins (a cell's epochs and its hub's).
const (
	maxFields = 100
	maxSaw    = 1000
)

// ErrTooLong marks a text longer than its column allows (entities.go).
var ErrTooLong = errors.New("text too long")

// TooLongError says how long a text was and how long it may be. It
// unwraps to ErrTooLong and ErrInvalid; a FieldError names the field.
type TooLongError struct{ Len, Max int }

func (e *TooLongError) Error() string {
	return fmt.Sprintf("%d characters, at most %d", e.Len, e.Max)
}

func (e *TooLongError) Unwrap() []error { return []error{ErrTooLong, ErrInvalid} }

// checkLen refuses a text of more than max characters. Bytes are counted
// first: no text is longer in characters than in bytes, and a huge one is
// refused without walking it.
func checkLen(field, s string, max int) error {
	if len(s) <= max {
		return nil
	}
	n := len(s)
	if n <= 4*max {
		if n = utf8.RuneCountInString(s); n <= max {
			return nil
		}
	}
	return &FieldError{Field: field, Value: clip(s, 40), Err: &TooLongError{Len: n, Max: max}}
}

// clip shortens a text for an error message.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// check converts a value for its column and checks its length.
func (d entityDef) check(col string, v any) error {
	nv, err := d.value(col, v)
	if err != nil {
		return err
	}
	if s, ok := nv.(string); ok {
		return checkLen(col, s, d.byName[col].max)
	}
	return nil
}

// errUnknownName marks an entity or field this build does not know: fatal
// for a bundle of this format, kept and passed on for a newer minor.
var errUnknownName = errors.New("unknown to this version")

// value converts a decoded JSON value to what the column stores.
func (d entityDef) value(col string, v any) (any, error) {
	if d.isInt(col) {
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
	ctx    context.Context // the action's: its statements stop with it
	tx     *sql.Tx
	site   string
	origin string  // current epoch's change origin; the site id until a copy is detected
	sl     *sealer // seals sensitive columns and the change payload
	ch     *chain  // the change log's chain, loaded at the first change; done saves it
}

// done saves what the writer's changes did to the chain's head: every
// writer ends with it, inside its transaction.
func (w *writer) done() error {
	if w.ch == nil {
		return nil
	}
	return w.ch.save(w.ctx, w.tx, w.sl.k)
}

func (s *Store) writeTx(ctx context.Context, fn func(w *writer) error) error {
	if s.sl == nil {
		return ErrStoreLocked
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		site, err := metaGet(ctx, tx, "site_id")
		if err != nil {
			return err
		}
		if site == "" {
			return ErrNotInitialized
		}
		origin, err := metaGet(ctx, tx, "origin")
		if err != nil {
			return err
		}
		if origin == "" {
			origin = site
		}
		w := &writer{ctx: ctx, tx: tx, site: site, origin: origin, sl: s.sl}
		if err := fn(w); err != nil {
			return err
		}
		return w.done()
	})
}

// put writes fields of one record and logs the fields that changed.
func (w *writer) put(entity, id, orgID string, fields map[string]any) error {
	def := entities[entity]
	cur, exists, err := readRow(w.ctx, w.tx, entity, def, id, orgID)
	if err != nil {
		return err
	}
	changed := map[string]any{}
	for k, v := range fields {
		if err := def.check(k, v); err != nil {
			return err
		}
		v, _ := def.value(k, v) // checked just above
		if exists && fmt.Sprint(cur[k]) == fmt.Sprint(v) {
			continue
		}
		changed[k] = v
	}
	if exists && len(changed) == 0 {
		return nil
	}
	c := Change{Entity: entity, EntityID: id, OrgID: orgID, Op: OpUpsert, Fields: changed}
	if c.Saw, err = recordHeads(w.ctx, w.tx, orgID, entity, id, w.origin); err != nil {
		return err
	}
	sealed, err := w.sl.sealFields(def, orgID, id, changed)
	if err != nil {
		return err
	}
	if err := upsertRow(w.ctx, w.tx, def, entity, id, orgID, sealed); err != nil {
		return err
	}
	return w.log(c)
}

// del removes one record and logs it.
func (w *writer) del(entity, id, orgID string) error {
	saw, err := recordHeads(w.ctx, w.tx, orgID, entity, id, w.origin)
	if err != nil {
		return err
	}
	where, args := entities[entity].keyWhere(id, orgID)
	if _, err := w.tx.ExecContext(w.ctx, "DELETE FROM "+entities[entity].table+" WHERE "+where, args...); err != nil {
		return err
	}
	return w.log(Change{Entity: entity, EntityID: id, OrgID: orgID, Op: OpDelete, Saw: saw})
}

func (w *writer) log(c Change) error {
	seq, err := metaInc(w.ctx, w.tx, "next_seq")
	if err != nil {
		return err
	}
	lam, err := tick(w.ctx, w.tx)
	if err != nil {
		return err
	}
	c.Origin, c.Seq, c.Lamport = w.origin, seq, lam
	if c.Origin == "" {
		c.Origin = w.site
	}
	c.WallTime = time.Now().UTC().Format(time.RFC3339)
	return w.insert(c)
}

// insert writes a local change into the log, sealed and linked to the
// chain (changes_chain.go).
func (w *writer) insert(c Change) error {
	p := prepared{Change: c}
	if err := p.seal(w.sl); err != nil {
		return err
	}
	if w.ch == nil {
		ch, err := loadChain(w.ctx, w.tx)
		if err != nil {
			return err
		}
		w.ch = &ch
	}
	pos, link := w.ch.next(w.sl.k, p.digest)
	_, err := w.tx.ExecContext(w.ctx, `INSERT INTO changes(origin, seq, lamport, entity, entity_id, org_id, op, fields, author, wall_time, saw, pos, mac)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, c.Origin, c.Seq, c.Lamport, c.Entity, c.EntityID, c.OrgID, c.Op, p.sealed,
		c.Author, c.WallTime, p.saw, pos, link)
	return err
}

func readRow(ctx context.Context, tx *sql.Tx, entity string, def entityDef, id, orgID string) (map[string]any, bool, error) {
	vals := make([]any, len(def.cols))
	ptrs := make([]any, len(def.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	where, args := def.keyWhere(id, orgID)
	err := tx.QueryRowContext(ctx, "SELECT "+readCols(entity, "", strings.Join(def.cols, ", "))+" FROM "+def.table+" WHERE "+where, args...).Scan(ptrs...)
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
func upsertRow(ctx context.Context, tx execer, def entityDef, entity, id, orgID string, fields map[string]any) error {
	cols := make([]string, 0, len(fields))
	for k := range fields {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	if len(cols) > 0 && len(cols) < len(def.cols) {
		q, args := updateSQL(def, entity, cols, fields, id, orgID)
		res, err := tx.ExecContext(ctx, q, args...)
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
	_, err := tx.ExecContext(ctx, q, args...)
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

// querier reads under the caller's context through the database or a
// transaction (*sql.DB, *sql.Tx), so helpers that read inside a write stop
// with it.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func metaGet(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

func metaSet(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

// metaInc increments a counter and returns the new value.
func metaInc(ctx context.Context, tx *sql.Tx, key string) (int64, error) {
	v, err := metaGet(ctx, tx, key)
	if err != nil {
		return 0, err
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	n++
	return n, metaSet(ctx, tx, key, strconv.FormatInt(n, 10))
}

// LocalChanges returns this site's own changes with seq > after, in order.
func (s *Store) LocalChanges(ctx context.Context, after int64) ([]Change, error) {
	site, err := metaGet(ctx, s.db, "site_id")
	if err != nil {
		return nil, fmt.Errorf("store: local changes: %w", err)
	}
	return s.changesOf(ctx, site, after)
}

// changesOf returns the ledger of one origin with seq > after, in order:
// what every bundle is made from. Each row is checked against the chain
// first (changes_chain.go), so a row planted, removed or reordered outside
// the app stops the export before anything is signed.
func (s *Store) changesOf(ctx context.Context, origin string, after int64) ([]Change, error) {
	if s.sl == nil {
		return nil, fmt.Errorf("store: changes of %s: %w", origin, ErrStoreLocked)
	}
	if err := verifyHead(ctx, s.db, s.sl.k); err != nil {
		return nil, fmt.Errorf("store: changes of %s: %w", origin, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.origin, c.seq, c.lamport, c.entity, c.entity_id, c.org_id, c.op, c.fields, c.author,
		c.wall_time, c.saw, c.pos, c.mac, p.mac
		FROM changes c LEFT JOIN changes p ON p.pos = c.pos - 1 WHERE c.origin = ? AND c.seq > ? ORDER BY c.seq`, origin, after)
	if err != nil {
		return nil, fmt.Errorf("store: changes of %s: %w", origin, err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var r storedRow
		c := &r.c
		var fields any
		if err := rows.Scan(&c.Origin, &c.Seq, &c.Lamport, &c.Entity, &c.EntityID, &c.OrgID, &c.Op, &fields, &c.Author, &c.WallTime,
			&r.saw, &r.pos, &r.link, &r.prevLink); err != nil {
			return nil, fmt.Errorf("store: changes of %s: %w", origin, err)
		}
		r.fields, _ = fields.([]byte)
		if err := verifyRow(s.sl.k, r); err != nil {
			return nil, fmt.Errorf("store: changes of %s: %w", origin, err)
		}
		if err := decodeStored(&r, fields); err != nil {
			return nil, fmt.Errorf("store: change %s/%d: %w", origin, c.Seq, err)
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

// decodeStored opens a change-log row's payload and version vector.
func decodeStored(r *storedRow, fields any) error {
	c := &r.c
	if r.saw != "" {
		if err := json.Unmarshal([]byte(r.saw), &c.Saw); err != nil {
			return fmt.Errorf("version vector: %w", err)
		}
	}
	f, err := unsealText(fields, storePlace("changes", "fields", c.Origin, c.Seq))
	if err != nil {
		return err
	}
	return decodeJSON(f, &c.Fields)
}
