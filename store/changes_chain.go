package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"

	"chibo/internal/seal"
)

// The change log's MAC chain.
//
// Every row of changes gets the next position (pos) in the order it was
// written and a link (mac): a MAC, keyed from the data key, of the link
// before it, its position and a digest of the row as stored (its sealed
// payload included). The last position and link are kept in meta with a
// MAC of their own (chain_head), so rows cut off the end are seen too.
// Someone without the passphrase can neither make a link nor move one:
// a row planted, removed, changed or put out of order is found when the
// rows are read for a bundle (verifyRow, in changesOf), before anything
// is signed.

// chain is the head of the MAC chain while rows are written.
type chain struct {
	pos    int64
	link   []byte
	linker *seal.Linker // one MAC state for the rows of one write
}

// loadChain reads the head as meta holds it: position 0 and no link for
// an empty log.
func loadChain(ctx context.Context, q querier) (chain, error) {
	var c chain
	pos, err := metaGet(ctx, q, "chain_pos")
	if err != nil || pos == "" {
		return c, err
	}
	if c.pos, err = strconv.ParseInt(pos, 10, 64); err != nil {
		return c, fmt.Errorf("chain position %q: %w", pos, ErrDamaged)
	}
	link, err := metaGet(ctx, q, "chain_link")
	if err != nil {
		return c, err
	}
	if c.link, err = hex.DecodeString(link); err != nil {
		return c, fmt.Errorf("chain link: %w", ErrDamaged)
	}
	return c, nil
}

// next gives the next row its position and link.
func (c *chain) next(k *seal.Key, d seal.Digest) (int64, []byte) {
	if c.linker == nil {
		c.linker = k.Linker()
	}
	c.pos++
	c.link = c.linker.Link(c.link, c.pos, d)
	return c.pos, c.link
}

// save writes the head and its MAC into meta, in the transaction that
// wrote the rows.
func (c chain) save(ctx context.Context, tx *sql.Tx, k *seal.Key) error {
	for key, v := range map[string]string{"chain_pos": strconv.FormatInt(c.pos, 10), "chain_link": hex.EncodeToString(c.link),
		"chain_head": hex.EncodeToString(k.Head(c.pos, c.link))} {
		if err := metaSet(ctx, tx, key, v); err != nil {
			return err
		}
	}
	return nil
}

// changeDigest hashes a change-log row as stored: fields is the sealed
// payload, saw the version vector's JSON.
func changeDigest(c Change, fields []byte, saw string) seal.Digest {
	return seal.RowDigest([]byte(c.Origin), strconv.AppendInt(nil, c.Seq, 10), strconv.AppendInt(nil, c.Lamport, 10),
		[]byte(c.Entity), []byte(c.EntityID), []byte(c.OrgID), []byte(c.Op), fields, []byte(c.Author), []byte(c.WallTime), []byte(saw))
}

// storedRow is a change-log row read back with what its check needs.
type storedRow struct {
	c        Change
	pos      sql.NullInt64
	link     []byte
	prevLink []byte // the link at pos-1; nil when that row is missing
	fields   []byte // the payload as stored (sealed)
	saw      string
}

// verifyRow checks one row against the chain.
func verifyRow(k *seal.Key, r storedRow) error {
	p := storePlace("changes", "fields", r.c.Origin, r.c.Seq)
	switch {
	case !r.pos.Valid || len(r.link) == 0:
		return tampered(TamperPlanted, p, "")
	case r.pos.Int64 > 1 && r.prevLink == nil:
		return tampered(TamperRemoved, p, "before position "+strconv.FormatInt(r.pos.Int64, 10))
	case !seal.Equal(k.Link(r.prevLink, r.pos.Int64, changeDigest(r.c, r.fields, r.saw)), r.link):
		return tampered(TamperAltered, p, "")
	}
	return nil
}

// verifyHead checks that the log ends where meta says, with the link it
// holds, and that meta's head is the app's.
func verifyHead(ctx context.Context, q querier, k *seal.Key) error {
	c, err := loadChain(ctx, q)
	if err != nil {
		return err
	}
	p := seal.Place{Table: "changes", Column: "fields"}
	head, err := metaGet(ctx, q, "chain_head")
	if err != nil {
		return err
	}
	want, _ := hex.DecodeString(head)
	if !seal.Equal(k.Head(c.pos, c.link), want) {
		return tampered(TamperAltered, p, "head of the log")
	}
	var last sql.NullInt64
	var link []byte
	err = q.QueryRowContext(ctx, "SELECT pos, mac FROM changes WHERE pos IS NOT NULL ORDER BY pos DESC LIMIT 1").Scan(&last, &link)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	switch {
	case last.Int64 < c.pos:
		return tampered(TamperRemoved, p, "the last rows")
	case last.Int64 > c.pos:
		return tampered(TamperPlanted, p, "after the last row")
	case c.pos > 0 && !seal.Equal(link, c.link):
		return tampered(TamperAltered, p, "the last row")
	}
	var planted int
	if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM changes WHERE pos IS NULL").Scan(&planted); err != nil {
		return err
	}
	switch {
	case planted == 1:
		return tampered(TamperPlanted, p, "a row without a link")
	case planted > 1:
		return tampered(TamperPlanted, p, strconv.Itoa(planted)+" rows without a link")
	}
	return nil
}
