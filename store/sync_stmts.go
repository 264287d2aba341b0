package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Prepared statements and batched ledger rows for ApplyBundle.
//
// The SQLite driver parses every statement it is handed; on a bundle of
// 100,000 changes that parsing cost more than the inserts themselves. An
// import therefore prepares each distinct statement once per transaction
// and writes ledger rows in multi-row INSERTs.

// execer is what upsertRow needs: a transaction, or a statement cache
// working within one.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// stmtCache prepares each distinct query once within one transaction; the
// statements close with the transaction.
type stmtCache struct {
	ctx context.Context // the import's: a stop interrupts the statement running
	tx  *sql.Tx
	m   map[string]*sql.Stmt
}

func newStmtCache(ctx context.Context, tx *sql.Tx) *stmtCache {
	return &stmtCache{ctx: ctx, tx: tx, m: map[string]*sql.Stmt{}}
}

func (s *stmtCache) stmt(q string) (*sql.Stmt, error) {
	if st, ok := s.m[q]; ok {
		return st, nil
	}
	st, err := s.tx.PrepareContext(s.ctx, q)
	if err != nil {
		return nil, err
	}
	s.m[q] = st
	return st, nil
}

// ExecContext runs a cached statement.
func (s *stmtCache) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := s.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// scan runs a cached one-row query into dest; sql.ErrNoRows as usual.
func (s *stmtCache) scan(q string, args []any, dest ...any) error {
	st, err := s.stmt(q)
	if err != nil {
		return err
	}
	return st.QueryRowContext(s.ctx, args...).Scan(dest...)
}

// importPragmas tune the connection an import runs on (they stay with the
// pooled connection). Records and ledger rows land at random places in
// their indexes (ids are random), so a bundle of a few thousand changes
// dirties thousands of pages: with SQLite's default 2 MiB cache they were
// spilled to the WAL mid-import and read back, and every bundle's commit
// set off a checkpoint copying them all into the database again. A larger,
// fixed cache and a less frequent checkpoint keep memory bounded whatever
// the number of bundles while a page shared by several bundles is copied
// once.
var importPragmas = []string{
	"PRAGMA cache_size = -32768",        // KiB: 32 MiB
	"PRAGMA wal_autocheckpoint = 16384", // pages: about 64 MiB of WAL
}

// ledgerBatch is how many ledger rows one INSERT writes; 13 columns each
// stays far below SQLite's limit on parameters.
const ledgerBatch = 64

const ledgerCols = "INSERT INTO changes(origin, seq, lamport, entity, entity_id, org_id, op, fields, author, wall_time, saw, pos, mac) VALUES "

// queued is a ledger row waiting for its batch, linked into the chain.
type queued struct {
	prepared
	pos  int64
	link []byte
}

// queueLedger adds a change to the pending ledger rows, writing them once
// a batch is full. Its link in the chain is made here, in the order the
// rows are applied.
func (a *applier) queueLedger(p prepared) error {
	if err := p.seal(a.sl); err != nil { // a released held change is sealed here
		return err
	}
	if !a.chained {
		ch, err := loadChain(a.ctx, a.tx)
		if err != nil {
			return err
		}
		a.chain, a.chained = ch, true
	}
	pos, link := a.chain.next(a.sl.k, p.digest)
	a.ledger = append(a.ledger, queued{p, pos, link})
	if len(a.ledger) >= ledgerBatch || ledgerSize(a.ledger) >= pipeBatchBytes {
		return a.flushLedger()
	}
	return nil
}

// ledgerSize is the memory the pending ledger rows hold, so a few large
// changes are written out before a whole batch of them piles up.
func ledgerSize(ps []queued) int {
	n := 0
	for _, p := range ps {
		n += p.size
	}
	return n
}

// flushLedger writes the pending ledger rows. Anything that reads the
// changes table within the import calls it first, so reads see every
// change applied so far.
func (a *applier) flushLedger() error {
	if len(a.ledger) == 0 {
		return nil
	}
	q := ledgerCols + strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?,?,?,?,?,?,?,?),", len(a.ledger)), ",")
	args := make([]any, 0, 13*len(a.ledger))
	for _, p := range a.ledger {
		c := p.Change
		args = append(args, c.Origin, c.Seq, c.Lamport, c.Entity, c.EntityID, c.OrgID, c.Op, p.sealed, c.Author, c.WallTime, p.saw, p.pos, p.link)
	}
	if _, err := a.st.ExecContext(a.ctx, q, args...); err != nil {
		return err
	}
	clear(a.ledger)
	a.ledger = a.ledger[:0]
	a.unsaved = true
	return nil
}

// saveChain writes the chain's head once the import's rows are all in,
// before anything else in the transaction writes to the log.
func (a *applier) saveChain() error {
	if err := a.flushLedger(); err != nil || !a.unsaved {
		return err
	}
	a.unsaved = false
	return a.chain.save(a.ctx, a.tx, a.sl.k)
}

// upsert is upsertRow for an import: the statement text is built once per
// set of columns and prepared once per import, and its update applies only
// to a row of the change's own organisation, so ownership costs no query
// of its own. It reports whether a row was inserted or updated.
func (a *applier) upsert(def entityDef, entity, id, orgID string, fields map[string]any) (bool, error) {
	cols := make([]string, 0, len(fields))
	for k := range fields {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	key := entity + ":" + strings.Join(cols, ",")
	q, ok := a.upserts[key]
	if !ok {
		if a.upserts == nil { // an applier set up outside ApplyBundle
			a.upserts = map[string]string{}
		}
		q = upsertSQL(def, entity, cols)
		a.upserts[key] = q
	}
	args := make([]any, 0, len(cols)+3)
	args = append(args, id, orgID)
	for _, c := range cols {
		v := fields[c]
		if def.sealed(c) {
			sv, err := a.sl.seal(v, recordPlace(def, c, orgID, id))
			if err != nil {
				return false, err
			}
			v = sv
		}
		args = append(args, v)
	}
	if n, ok := fields["full_name"]; ok && entity == "member" {
		args = append(args, Fold(fmt.Sprint(n))) // as upsertRow: search by folded name
	}
	if len(cols) > 0 && len(cols) < len(def.cols) {
		// An edit of some fields: see upsertRow for why not an upsert.
		return a.update(def, entity, key, cols, args)
	}
	res, err := a.st.ExecContext(a.ctx, q, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// update applies a change of some fields to a row of the change's own
// organisation; upsertArgs are upsert's (id, org, values…, fold). A row
// that does not exist yet is created as upsert would (and fails if the
// fields do not make a whole record); a row of another organisation is
// left alone.
func (a *applier) update(def entityDef, entity, key string, cols []string, upsertArgs []any) (bool, error) {
	q, ok := a.upserts["update:"+key]
	if !ok {
		sets := make([]string, 0, len(cols)+1)
		for _, c := range cols {
			sets = append(sets, c+" = ?")
		}
		if entity == "member" && slices.Contains(cols, "full_name") {
			sets = append(sets, "name_fold = ?")
		}
		q = "UPDATE " + def.table + " SET " + strings.Join(sets, ", ") + " WHERE id = ? AND org_id = ?"
		a.upserts["update:"+key] = q
	}
	args := append(append([]any{}, upsertArgs[2:]...), upsertArgs[0], upsertArgs[1])
	res, err := a.st.ExecContext(a.ctx, q, args...)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return n > 0, err
	}
	var exists int
	where, keyArgs := def.keyWhere(upsertArgs[0].(string), upsertArgs[1].(string))
	if err := a.st.scan("SELECT COUNT(*) FROM "+def.table+" WHERE "+where, keyArgs, &exists); err != nil || exists > 0 {
		return false, err
	}
	res, err = a.st.ExecContext(a.ctx, a.upserts[key], upsertArgs...)
	if isPartialRow(err) {
		// An edit that arrived before the record's creation (another
		// origin's bundle came first): it stays in the ledger, and the
		// creation merges with it when it comes.
		return false, nil
	}
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// isPartialRow reports the error of creating a row from an edit of some
// fields only: a NOT NULL column without a default was not given.
func isPartialRow(err error) bool {
	return err != nil && strings.Contains(err.Error(), "NOT NULL constraint failed")
}

// upsertSQL builds upsert's statement for sorted columns; column names
// come from the entity table, never from input.
func upsertSQL(def entityDef, entity string, cols []string) string {
	names := append([]string{"id", "org_id"}, cols...)
	var sets []string
	for _, c := range cols {
		sets = append(sets, c+" = excluded."+c)
	}
	if entity == "member" && slices.Contains(cols, "full_name") {
		names = append(names, "name_fold")
		sets = append(sets, "name_fold = excluded.name_fold")
	}
	q := "INSERT INTO " + def.table + "(" + strings.Join(names, ", ") + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")"
	if len(sets) == 0 {
		return q + " ON CONFLICT(" + def.conflictKey() + ") DO NOTHING"
	}
	return q + " ON CONFLICT(" + def.conflictKey() + ") DO UPDATE SET " + strings.Join(sets, ", ") +
		" WHERE " + def.table + ".org_id = excluded.org_id"
}
