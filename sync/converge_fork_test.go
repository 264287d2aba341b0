package sync

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
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
	hub, m, r := restoreAfterCopy(t)
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

// TestAttackClonedLaptopNamedAsSuch: the refusal of a copied laptop's
// bundle says it comes from a copied laptop, not that the file is damaged
// or a bare "same origin sequence with different content".
func TestAttackClonedLaptopNamedAsSuch(t *testing.T) {
	_, _, r := restoreAfterCopy(t)
	msg := r.Err.Error()
	if !errors.Is(r.Err, ErrCopiedLaptop) || !strings.Contains(msg, "copied laptop") || strings.Contains(msg, "copy it again") {
		t.Fatalf("refused as %q", msg)
	}
}

// restoreAfterCopy: a backup is taken, the laptop is copied, the copy
// sends, then the original is restored from the backup and writes again;
// it returns the hub, the copy's member and the result of importing the
// restored laptop's bundle.
func restoreAfterCopy(t *testing.T) (*site, store.Member, Result) {
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
	return hub, m, Import(ctx, hub.st, export(t, cell).Path, Options{})
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
