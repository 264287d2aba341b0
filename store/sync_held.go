package store

// Held changes: what arrived past a gap waits here until the range before
// it comes, and the gaps still open are what the next ack asks to resend.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// hold stores a change that arrived past a gap.
func (a *applier) hold(c Change) error {
	body, err := json.Marshal(c)
	if err != nil {
		return err
	}
	var stored string
	err = a.st.scan("SELECT "+unsealSQL("held_changes", "body", "")+" FROM held_changes WHERE origin = ? AND seq = ?", []any{c.Origin, c.Seq}, &stored)
	if err == nil {
		var old Change
		if json.Unmarshal([]byte(stored), &old) != nil || !sameChange(old, c) {
			return ErrFork
		}
		return nil
	}
	if err != sql.ErrNoRows {
		return err
	}
	sealed, err := a.sl.seal(string(body), storePlace("held_changes", "body", c.Origin, c.Seq))
	if err != nil {
		return err
	}
	_, err = a.st.ExecContext(a.ctx, "INSERT INTO held_changes(origin, seq, bundle_id, site_id, body) VALUES (?,?,?,?,?)",
		c.Origin, c.Seq, a.bundle, a.sender, sealed)
	if err == nil {
		a.res.Held++
		a.held = true
	}
	return err
}

func sameChange(x, y Change) bool {
	f, _ := json.Marshal(x.Fields)
	return x.Entity == y.Entity && x.EntityID == y.EntityID && x.Op == y.Op && sameFields(string(f), y.Fields)
}

// release applies held changes that now follow the mark without a gap.
func (a *applier) release(origin string) error {
	for {
		next := a.marks[origin] + 1
		var body string
		err := a.st.scan("SELECT "+unsealSQL("held_changes", "body", "")+" FROM held_changes WHERE origin = ? AND seq = ?", []any{origin, next}, &body)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return err
		}
		c, err := decodeChange(body)
		if err != nil {
			return err
		}
		if _, err := a.st.ExecContext(a.ctx, "DELETE FROM held_changes WHERE origin = ? AND seq = ?", origin, next); err != nil {
			return err
		}
		if a.res.Held > 0 {
			a.res.Held--
		}
		if err := a.materialize(c); err != nil {
			return err
		}
	}
}

func decodeChange(body string) (Change, error) {
	var c Change
	d := json.NewDecoder(strings.NewReader(body))
	d.UseNumber()
	if err := d.Decode(&c); err != nil {
		return c, fmt.Errorf("held change: %v: %w", err, ErrInvalid)
	}
	return c, nil
}

// missing lists the ranges a sender still owes: between each origin's mark
// and its held changes, and between held changes.
func missing(ctx context.Context, q querier, site string) ([]SeqRange, error) {
	rows, err := q.QueryContext(ctx, `SELECT h.origin, h.seq, COALESCE(m.high_water, 0) FROM held_changes h
		LEFT JOIN origin_marks m ON m.origin = h.origin WHERE h.site_id = ? ORDER BY h.origin, h.seq`, site)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SeqRange
	last := map[string]int64{}
	for rows.Next() {
		var o string
		var seq, hw int64
		if err := rows.Scan(&o, &seq, &hw); err != nil {
			return nil, err
		}
		prev, ok := last[o]
		if !ok {
			prev = hw
		}
		if seq > prev+1 {
			out = append(out, SeqRange{Origin: o, From: prev + 1, To: seq - 1})
		}
		last[o] = seq
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Origin < out[j].Origin })
	return out, rows.Err()
}

// Missing lists the ranges a sender still owes this site.
func (s *Store) Missing(ctx context.Context, siteID string) ([]SeqRange, error) {
	out, err := missing(ctx, s.db, siteID)
	if err != nil {
		return nil, fmt.Errorf("store: missing from %s: %w", siteID, err)
	}
	return out, nil
}
