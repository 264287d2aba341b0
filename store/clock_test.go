package store

import (
	"context"
	"errors"
	"math"
	"testing"
)

// TestInsiderClockAtMaxIsRefused: a cell sent a change with its Lamport
// clock at the largest int64; the hub's clock took it and wrapped on its
// next write, so every decision of the hub lost every merge after. The
// change is refused, the hub's clock does not move, and it never wraps.
func TestInsiderClockAtMaxIsRefused(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	r := newRogue("cell-clock")
	r.mustSend(t, hub, r.change("org", r.id, map[string]any{"name": "Chi bộ thôn Sín Chéng"}))
	clockBefore := hubClock(t, hub)
	cases := map[string]int64{
		"at the largest int64":       math.MaxInt64,
		"just past the window":       clockBefore + 1 + 1 + clockSlack + 1, // + its one change known + this bundle's one
		"negative":                   -5,
		"zero":                       0,
		"near the end, still a wrap": math.MaxInt64 - 1,
	}
	for name, lamport := range cases {
		t.Run(name, func(t *testing.T) {
			c := r.change("member", "m1", map[string]any{"full_name": "Giàng A Páo"})
			defer r.unsent(c)
			c.Lamport = lamport
			if _, err := r.send(hub, c); !errors.Is(err, ErrBadClock) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want a clock outside the window", err)
			}
			if got := hubClock(t, hub); got != clockBefore {
				t.Fatalf("hub clock moved from %d to %d", clockBefore, got)
			}
		})
	}
	// An honest cell that worked a while offline is inside the window.
	c := r.change("member", "m1", map[string]any{"full_name": "Giàng A Páo"})
	c.Lamport = clockBefore + 5000
	r.mustSend(t, hub, c)
	if err := hub.UpdateOrg(ctx, Org{Name: "Đảng ủy xã Sín Chéng"}); err != nil {
		t.Fatal(err)
	}
	own, err := hub.LocalChanges(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if last := own[len(own)-1]; last.Lamport <= c.Lamport {
		t.Fatalf("the hub's write after the import is at clock %d, the cell's change at %d", last.Lamport, c.Lamport)
	}
}

// TestClockNeverWraps: a clock already at the end (a folder edited by
// hand) stops a write instead of wrapping to a negative time.
func TestClockNeverWraps(t *testing.T) {
	hub := newHub(t)
	if _, err := hub.db.Exec("UPDATE meta SET value = ? WHERE key = 'lamport'", "9223372036854775807"); err != nil {
		t.Fatal(err)
	}
	if err := hub.UpdateOrg(context.Background(), Org{Name: "Đảng ủy xã Tả Van"}); !errors.Is(err, ErrBadClock) {
		t.Fatalf("got %v", err)
	}
}

func hubClock(t *testing.T, st *Store) int64 {
	t.Helper()
	var n int64
	if err := st.db.QueryRow("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'lamport'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
