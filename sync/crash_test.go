package sync

import (
	"context"
	"errors"
	"os"
	"testing"
)

// TestTruncatedAtEveryByte cuts a small bundle at every byte offset, as a
// stick pulled mid-copy would. Every cut file is refused without touching
// the hub's database, and the whole file is accepted afterwards.
func TestTruncatedAtEveryByte(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 2, 0)
	e := export(t, cell)
	full, err := os.ReadFile(e.Path)
	if err != nil {
		t.Fatal(err)
	}
	before := hub.dbHash(t)
	for n := range len(full) {
		p := writeFile(t, "cut.chibo", full[:n])
		r := Import(ctx, hub.st, p, acceptAll(hub.st, p))
		if r.Status != Refused || !(errors.Is(r.Err, ErrTruncated) || errors.Is(r.Err, ErrNotBundle) || errors.Is(r.Err, ErrDamaged)) {
			t.Fatalf("cut at byte %d of %d: %s %v", n, len(full), r.Status, r.Err)
		}
	}
	if after := hub.dbHash(t); after != before {
		t.Fatal("a cut file changed the hub's database")
	}
	if r := importNew(ctx, hub.st, writeFile(t, "whole.chibo", full)); r.Status != Accepted {
		t.Fatalf("whole file: %s %v", r.Status, r.Err)
	}
}
