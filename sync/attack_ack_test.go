package sync

import (
	"context"
	"testing"
	"time"
)

// TestAttackOldAckRewritesOnward: an acknowledgement the commune wrote
// before it pinned the province, carried late (or imported again), must
// not take the province off the cell's list of hubs above: the cell
// would stop encrypting to it.
func TestAttackOldAckRewritesOnward(t *testing.T) {
	ctx := context.Background()
	province, commune := newHub(t, "Tỉnh ủy Lào Cai"), newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, commune, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 3, 1)
	mustImport(t, commune.st, export(t, cell).Path, Accepted)
	ack := func() string {
		t.Helper()
		xs, err := ExportAcks(ctx, commune.st, t.TempDir())
		if err != nil || len(xs) != 1 {
			t.Fatalf("acks %v: %v", xs, err)
		}
		return xs[0].Path
	}
	old := ack() // no hub above yet
	late := ack()
	mustImport(t, cell.st, old, Accepted)
	time.Sleep(1100 * time.Millisecond) // as_of has whole seconds
	pinOnward(t, commune, province)
	mustImport(t, cell.st, ack(), Accepted)
	onward := func() int {
		ps, err := cell.st.Onward(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(ps)
	}
	if onward() != 1 {
		t.Fatal("the newer ack did not name the province")
	}
	mustImport(t, cell.st, old, Duplicate)
	if onward() != 1 {
		t.Fatal("the old ack, imported again, took the province off the list")
	}
	mustImport(t, cell.st, late, Accepted)
	if onward() != 1 {
		t.Fatal("an older ack carried late took the province off the list")
	}
}
