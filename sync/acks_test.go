package sync

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"chibo/store"
)

func mustImport(t *testing.T, st *store.Store, path string, want Status) Result {
	t.Helper()
	r := Import(context.Background(), st, path, acceptAll(st, path))
	if r.Status != want {
		t.Fatalf("import %s: got %s %v, want %s", filepath.Base(path), r.Status, r.Err, want)
	}
	return r
}

// TestAckPrunesExport: the hub's ack moves the cell's mark, the next export
// carries only what is not acknowledged, and an old ack changes nothing.
func TestAckPrunesExport(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 5, 1)
	first := export(t, cell)
	mustImport(t, hub.st, first.Path, Accepted)

	if _, err := ExportAcks(ctx, cell.st, t.TempDir()); !errors.Is(err, store.ErrWrongRole) {
		t.Fatalf("a cell wrote acks: %v", err)
	}
	acks, err := ExportAcks(ctx, hub.st, t.TempDir())
	if err != nil || len(acks) != 1 {
		t.Fatalf("acks %+v %v", acks, err)
	}
	if r := Import(ctx, hub.st, acks[0].Path, Options{}); r.Status != Refused {
		t.Fatalf("hub imported its own ack: %+v", r)
	}
	mustImport(t, cell.st, acks[0].Path, Accepted)
	mustImport(t, cell.st, acks[0].Path, Duplicate)
	info, err := Acks(ctx, cell.st)
	if err != nil || info.Seq != int64(first.Changes) || info.Pending != 0 || info.At.IsZero() || info.Accepted != 1 {
		t.Fatalf("ack info %+v %v, want mark %d", info, err, first.Changes)
	}
	if e := export(t, cell); e.Changes != 0 {
		t.Fatalf("export after a full ack carries %d changes", e.Changes)
	}
	fillCell(t, cell, 2, 0)
	second := export(t, cell)
	if second.Changes == 0 || second.Changes >= first.Changes {
		t.Fatalf("second export carries %d changes (first %d)", second.Changes, first.Changes)
	}
	mustImport(t, hub.st, second.Path, Accepted)
	sameState(t, cell, hub)
}

// TestGapHeldBack: a bundle past a lost one is stored and listed as
// missing on both sides; the lost range arriving releases it.
func TestGapHeldBack(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 4, 1)
	lost := export(t, cell)
	mustImport(t, hub.st, lost.Path, Accepted)
	acks, _ := ExportAcks(ctx, hub.st, t.TempDir())
	mustImport(t, cell.st, acks[0].Path, Accepted)
	fillCell(t, cell, 2, 1)
	stick := export(t, cell) // this stick is lost
	fillCell(t, cell, 1, 0)
	// The later export is cumulative, so build one that skips the lost range.
	late := build(t, cell, func(s *bundleSpec) {
		n := len(s.changes) - stick.Changes
		s.changes = s.changes[stick.Changes:]
		s.manifest.Ranges = rangesOf(s.changes)
		s.manifest.SeqFrom, s.manifest.SeqTo = s.changes[0].Seq, s.changes[n-1].Seq
	})
	r := mustImport(t, hub.st, writeFile(t, "late.chibo", late), Accepted)
	if r.Held == 0 || len(r.Missing) != 1 || r.Changes != 0 {
		t.Fatalf("late bundle: %+v", r)
	}
	acks, _ = ExportAcks(ctx, hub.st, t.TempDir())
	mustImport(t, cell.st, acks[0].Path, Accepted)
	info, _ := Acks(ctx, cell.st)
	if len(info.Resend) != 1 || info.Resend[0] != r.Missing[0] {
		t.Fatalf("cell sees resend %+v, hub missing %+v", info.Resend, r.Missing)
	}
	r = mustImport(t, hub.st, stick.Path, Accepted)
	if r.Held != 0 || len(r.Missing) != 0 {
		t.Fatalf("after the lost stick: %+v", r)
	}
	sameState(t, cell, hub)
}

// TestCopiedDatabaseStartsNewEpoch: a database copied without its nonce
// file numbers its changes under a new origin, so the hub sees no fork
// and loses nothing from either copy.
func TestCopiedDatabaseStartsNewEpoch(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 3, 1)
	mustImport(t, hub.st, export(t, cell).Path, Accepted)
	cell.close(t)
	b, err := os.ReadFile(filepath.Join(cell.dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	clone := &site{dir: t.TempDir(), id: cell.id}
	if err := os.WriteFile(filepath.Join(clone.dir, store.FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	clone.reopen(t)
	t.Cleanup(func() { clone.st.Close() })
	cell.reopen(t)
	eps, _ := clone.st.Epochs(ctx)
	if len(eps) != 2 || eps[1].Reason != store.EpochCopied {
		t.Fatalf("clone epochs %+v", eps)
	}
	if eps0, _ := cell.st.Epochs(ctx); len(eps0) != 1 {
		t.Fatalf("original started an epoch: %+v", eps0)
	}
	fillCell(t, cell, 1, 0)
	fillCell(t, clone, 1, 0)
	mustImport(t, hub.st, export(t, cell).Path, Accepted)
	mustImport(t, hub.st, export(t, clone).Path, Accepted)
}

// TestForkQuarantined: the same sequence with other content is refused,
// the hub database is untouched and the file is kept in quarantine.
func TestForkQuarantined(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 3, 1)
	mustImport(t, hub.st, export(t, cell).Path, Accepted)
	forked := build(t, cell, func(s *bundleSpec) {
		s.changes[0].Fields["name"] = "Chi bộ giả"
		s.manifest.BundleID = store.NewID()
	})
	before := hub.dbHash(t)
	r := Import(ctx, hub.st, writeFile(t, "f.chibo", forked), Options{})
	if r.Status != Refused || !errors.Is(r.Err, store.ErrFork) {
		t.Fatalf("fork: %+v", r)
	}
	if hub.dbHash(t) != before {
		t.Fatal("hub database changed")
	}
	if _, err := os.Stat(filepath.Join(hub.dir, quarantineDir, keptName(r.Sender.SiteID, r.BundleID))); err != nil {
		t.Fatalf("not quarantined: %v", err)
	}
	if rs := refusalsFor(hub.dir, cell.id); len(rs) != 1 || rs[0].BundleID != r.BundleID {
		t.Fatalf("refusal log %+v", rs)
	}
}

// sameState fails unless the hub holds exactly the cell's members and
// meetings.
func sameState(t *testing.T, cell, hub *site) {
	t.Helper()
	ctx := context.Background()
	want, _ := cell.st.Members(ctx, "", "")
	got, err := hub.st.Members(ctx, cell.id, "")
	if err != nil || len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("members differ: hub %d, cell %d, %v", len(got), len(want), err)
	}
	cms, _ := cell.st.Meetings(ctx, "")
	hms, _ := hub.st.Meetings(ctx, cell.id)
	for i, m := range cms {
		w, _ := cell.st.Meeting(ctx, m.ID)
		g, err := hub.st.Meeting(ctx, m.ID)
		if err != nil || !reflect.DeepEqual(g, w) {
			t.Fatalf("meeting %d differs: %v", i, err)
		}
	}
	if len(hms) != len(cms) {
		t.Fatalf("meetings: hub %d, cell %d", len(hms), len(cms))
	}
}
