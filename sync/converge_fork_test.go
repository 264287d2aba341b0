package sync

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"chibo/store"
)

// TestRestoreAfterCopyIsAFork pins down a limit the convergence property
// found: a backup is taken, the laptop is copied, the copy sends, then the
// original is restored from the backup with its nonce file in place and
// writes again. The nonce only moves when this database exports, so the
// restored laptop reuses numbers the copy already sent. The hub must
// refuse that bundle as a fork and keep it in quarantine: nothing applied,
// nothing silently lost.
func TestRestoreAfterCopyIsAFork(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	backup := cell.dbBytes(t)
	m, err := cell.st.SaveMember(ctx, store.Member{FullName: "Giàng A Páo"})
	if err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(copyDir, store.FileName), cell.dbBytes(t), 0o600); err != nil {
		t.Fatal(err)
	}
	cp := &site{dir: copyDir}
	cp.reopen(t)
	t.Cleanup(func() { cp.st.Close() })
	if r := importNew(ctx, hub.st, export(t, cp).Path); r.Status != Accepted {
		t.Fatalf("copy's bundle: %s %v", r.Status, r.Err)
	}
	cell.close(t)
	if err := os.WriteFile(filepath.Join(cell.dir, store.FileName), backup, 0o600); err != nil {
		t.Fatal(err)
	}
	cell.reopen(t)
	if _, err := cell.st.SaveMember(ctx, store.Member{FullName: "Lò Thị Mai"}); err != nil {
		t.Fatal(err)
	}
	r := Import(ctx, hub.st, export(t, cell).Path, Options{})
	if !errors.Is(r.Err, store.ErrFork) {
		t.Fatalf("got %s %v, want a fork", r.Status, r.Err)
	}
	if _, err := os.Stat(filepath.Join(hub.dir, quarantineDir, keptName(r.Sender.SiteID, r.BundleID))); err != nil {
		t.Fatalf("forked bundle not kept: %v", err)
	}
	if got, err := hub.st.Member(ctx, m.ID); err != nil || got.FullName != "Giàng A Páo" {
		t.Fatalf("hub lost the copy's member: %+v %v", got, err)
	}
}

// dbBytes returns the database file (the store is closed and reopened).
func (s *site) dbBytes(tb testing.TB) []byte {
	tb.Helper()
	s.close(tb)
	b, err := os.ReadFile(filepath.Join(s.dir, store.FileName))
	if err != nil {
		tb.Fatal(err)
	}
	s.reopen(tb)
	return b
}
