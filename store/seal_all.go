package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"chibo/internal/seal"
)

// Sealing a whole database: a folder set up before the lock when it gets
// its passphrase (Protect, sealIfClear), and a folder sealed before values
// were bound to their places and the change log chained (upgradeSeals, on
// its first unlock). Each runs in one transaction: all of it or nothing.

// sealVersion is meta's seal_version once every sealed value is bound to
// its place and the change log is chained.
const sealVersion = "2"

// clearMode says what a plain value in a sealed place is.
type clearMode bool

const (
	clearIsData    clearMode = true  // a folder from before the lock: seal it
	clearIsPlanted clearMode = false // a protected folder: the app never wrote it
)

// sealAll seals every value of every sealed place (entities.go) bound to
// its place: clear values when the folder is from before the lock, values
// sealed before binding existed, and then links the change log.
func sealAll(ctx context.Context, tx *sql.Tx, sl *sealer, mode clearMode) error {
	for _, p := range sealedPlaces() {
		if err := sealColumn(ctx, tx, sl, p, mode); err != nil {
			return err
		}
	}
	if err := chainAll(ctx, tx, sl); err != nil {
		return err
	}
	return metaSet(ctx, tx, "seal_version", sealVersion)
}

// sealColumn seals the values of one place that are not yet bound to it,
// row by row through the rowid. Names come from entities.go, never from
// input.
func sealColumn(ctx context.Context, tx *sql.Tx, sl *sealer, p place, mode clearMode) error {
	keys := strings.Split(p.key, ", ")
	rows, err := tx.QueryContext(ctx, "SELECT rowid, "+p.col+", "+p.key+" FROM "+p.table+
		" WHERE "+p.col+" IS NOT NULL AND "+p.col+" <> ''")
	if err != nil {
		return fmt.Errorf("seal %s.%s: %w", p.table, p.col, err)
	}
	type pending struct {
		rowid, val any
	}
	var todo []pending
	for rows.Next() {
		vals := make([]any, 2+len(keys))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return err
		}
		at := storePlace(p.table, p.col, vals[2:]...)
		v, err := clearValue(sl, vals[1], at, mode)
		if err != nil {
			rows.Close()
			return err
		}
		if v == nil {
			continue // already bound here, or a column's default
		}
		sv, err := sl.seal(v, at)
		if err != nil {
			rows.Close()
			return fmt.Errorf("seal %s.%s: %w", p.table, p.col, err)
		}
		todo = append(todo, pending{vals[0], sv})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	q := "UPDATE " + p.table + " SET " + p.col + " = ? WHERE rowid = ?"
	for _, u := range todo {
		if _, err := tx.ExecContext(ctx, q, u.val, u.rowid); err != nil {
			return fmt.Errorf("seal %s.%s: %w", p.table, p.col, err)
		}
	}
	return nil
}

// clearValue returns what a stored value holds, to be sealed bound to its
// place, or nil when there is nothing to do.
func clearValue(sl *sealer, v any, at seal.Place, mode clearMode) (any, error) {
	b, isBlob := v.([]byte)
	switch {
	case isBlob && seal.IsBound(b):
		return nil, nil
	case isBlob && seal.IsSealed(b):
		kind, plain, err := sl.k.OpenUnbound(b)
		if err != nil {
			return nil, tampered(TamperMoved, at, "")
		}
		if kind == seal.Integer {
			var n int64
			_, err := fmt.Sscan(string(plain), &n)
			return n, err
		}
		return string(plain), nil
	case v == int64(0):
		return nil, nil // the column's default: nothing was written
	case mode == clearIsPlanted:
		return nil, tampered(TamperPlanted, at, "")
	case isBlob:
		return string(b), nil // private keys are stored as blobs
	}
	return v, nil
}

// chainAll links the change-log rows that have no place in the chain
// yet, in the order they were written (rowid), after the chain's head.
func chainAll(ctx context.Context, tx *sql.Tx, sl *sealer) error {
	ch, err := loadChain(ctx, tx)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT rowid, origin, seq, lamport, entity, entity_id, org_id, op, fields, author, wall_time, saw
		FROM changes WHERE pos IS NULL ORDER BY rowid`)
	if err != nil {
		return err
	}
	type link struct {
		rowid, pos int64
		mac        []byte
	}
	var todo []link
	for rows.Next() {
		var rowid int64
		var c Change
		var fields any
		var saw string
		if err := rows.Scan(&rowid, &c.Origin, &c.Seq, &c.Lamport, &c.Entity, &c.EntityID, &c.OrgID, &c.Op, &fields,
			&c.Author, &c.WallTime, &saw); err != nil {
			rows.Close()
			return err
		}
		b, _ := fields.([]byte)
		pos, mac := ch.next(sl.k, changeDigest(c, b, saw))
		todo = append(todo, link{rowid, pos, mac})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, l := range todo {
		if _, err := tx.ExecContext(ctx, "UPDATE changes SET pos = ?, mac = ? WHERE rowid = ?", l.pos, l.mac, l.rowid); err != nil {
			return err
		}
	}
	return ch.save(ctx, tx, sl.k)
}

// upgradeSeals brings a protected folder sealed before values were bound
// to their places up to date, once, in one transaction: every sealed
// value sealed again bound to its place, the change log linked. A plain
// value in a sealed place was never the app's: the upgrade stops there,
// naming it, and nothing changes.
func (s *Store) upgradeSeals(ctx context.Context) error {
	v, err := metaGet(ctx, s.db, "seal_version")
	if err != nil || v == sealVersion {
		return err
	}
	if site, err := metaGet(ctx, s.db, "site_id"); err != nil || site == "" {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error { return sealAll(ctx, tx, s.sl, clearIsPlanted) })
	if err != nil {
		return fmt.Errorf("store: bind the sealed values to their places: %w", err)
	}
	return nil
}
