package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Lamport clocks from outside.
//
// A site's clock moves past every change it applies (raiseLamport), and
// merges order changes by it (sync_merge.go). A cell's change once came
// with its clock at the largest int64; the hub's clock took it, its next
// increment wrapped to the most negative number, and from then on every
// decision of the hub lost every merge. A change's clock is now checked
// against a window before anything uses it, and no clock ever wraps.
//
// An honest cell's clock is at most the hub's clock as the cell last saw
// it (the hub's acknowledgements and decisions raise it) plus every
// change the cell has made since. The hub's own clock has only moved on
// since then, and those changes are all among what the hub holds from the
// cell or what the bundle brings. So the window is
//
//	1 ≤ lamport ≤ hub clock + the cell's changes known here + the bundle's changes + clockSlack
//
// clockSlack covers what the hub cannot count: a part of a split export
// still on another stick, an epoch of a copied laptop not yet arrived.
// A rogue cell can then move the hub's clock by at most about a million
// per bundle, which leaves the hub's decisions winning (they come after)
// and is 2^43 bundles away from the end of an int64.

// clockSlack: 200 members over 20 years is a few hundred thousand
// changes; a cell holding back more than a million unsent is not a cell.
const clockSlack = 1 << 20

// maxClock is the largest clock any site accepts or reaches: far below
// the end of an int64, so adding a bundle's window to it cannot wrap.
const maxClock = math.MaxInt64 >> 2

// ErrBadClock marks a change whose Lamport clock is outside the window
// (not an honest cell's, whatever its signature).
var ErrBadClock = errors.New("change clock outside the window a cell can reach")

// clockWindow is the largest Lamport clock a bundle of n changes from
// sender may carry.
func clockWindow(ctx context.Context, tx *sql.Tx, sender string, n int) (int64, error) {
	v, err := metaGet(ctx, tx, "lamport")
	if err != nil {
		return 0, err
	}
	clock, _ := strconv.ParseInt(v, 10, 64)
	var known int64
	// peers.high_water is the mark of the origin equal to the site id from
	// before origin_marks; counted only when origin_marks lacks it.
	err = tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT SUM(high_water) FROM origin_marks WHERE site_id = ?1), 0) +
		COALESCE((SELECT high_water FROM peers WHERE site_id = ?1 AND NOT EXISTS (SELECT 1 FROM origin_marks WHERE origin = ?1)), 0)`,
		sender).Scan(&known)
	if err != nil {
		return 0, err
	}
	return addClock(addClock(addClock(clock, known), int64(n)), clockSlack), nil
}

// addClock adds without passing maxClock.
func addClock(a, b int64) int64 {
	if b < 0 || a > maxClock-b {
		return maxClock
	}
	return a + b
}

// checkClock refuses a change clock outside [1, max].
func checkClock(c Change, max int64) error {
	if c.Lamport < 1 || c.Lamport > max || c.Lamport > maxClock {
		return fmt.Errorf("change %s/%d at clock %d, at most %d: %w: %w", c.Origin, c.Seq, c.Lamport, max, ErrBadClock, ErrInvalid)
	}
	return nil
}

// raiseLamport moves this site's clock past every change it has applied,
// so its own later changes (a conflict's resolution) order after them.
func raiseLamport(ctx context.Context, tx *sql.Tx, seen int64) error {
	cur, err := metaGet(ctx, tx, "lamport")
	if err != nil {
		return err
	}
	if n, _ := strconv.ParseInt(cur, 10, 64); n >= seen {
		return nil
	}
	if seen > maxClock {
		return fmt.Errorf("clock %d: %w", seen, ErrBadClock)
	}
	return metaSet(ctx, tx, "lamport", strconv.FormatInt(seen, 10))
}

// tick advances this site's clock for a change it writes. It never wraps:
// a clock at maxClock (which no window lets in) stops the write.
func tick(ctx context.Context, tx *sql.Tx) (int64, error) {
	v, err := metaGet(ctx, tx, "lamport")
	if err != nil {
		return 0, err
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	if n >= maxClock || n < 0 {
		return 0, fmt.Errorf("clock %d: %w", n, ErrBadClock)
	}
	n++
	return n, metaSet(ctx, tx, "lamport", strconv.FormatInt(n, 10))
}
