package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestImportCrash cuts an import at every step: between changes and just
// before commit, the database and its WAL are copied as a power cut would
// leave them. Each copy must pass integrity_check, hold no high-water mark
// ahead of its applied changes, and complete when the import is rerun,
// ending exactly where an uncut import ends.
func TestImportCrash(t *testing.T) {
	ctx := context.Background()
	cell := newCell(t)
	for i := range 6 {
		if _, err := cell.SaveMember(ctx, Member{FullName: fmt.Sprintf("Đảng viên %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := cell.PendingChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	site, _ := cell.Site(ctx)
	sender := Peer{SiteID: site.ID, Role: RoleCell, Name: site.Name, SignPub: []byte{1}, AgeRecipient: "r", Fingerprint: "F"}
	// The second bundle arrives first: its changes are held behind a gap,
	// then released by the first, so the cut also lands mid-release.
	bundles := []Incoming{
		{BundleID: "late", Sender: sender, Pin: true, SeqFrom: cs[4].Seq, SeqTo: cs[len(cs)-1].Seq, Changes: cs[4:]},
		{BundleID: "early", Sender: sender, Pin: true, SeqFrom: cs[0].Seq, SeqTo: cs[3].Seq, Changes: cs[:4]},
	}
	want, steps := crashRun(t, bundles, -1, "")
	if len(want) != 6 {
		t.Fatalf("uncut import holds %d members", len(want))
	}
	for cut := range steps {
		t.Run(fmt.Sprintf("cut at step %d", cut), func(t *testing.T) {
			dir := t.TempDir()
			crashRun(t, bundles, cut, dir)
			st, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.Unlock(testPass); err != nil {
				t.Fatal(err)
			}
			checkAfterCrash(t, st)
			for _, b := range bundles {
				if _, err := st.ApplyBundle(ctx, b); err != nil {
					t.Fatalf("rerun %s: %v", b.BundleID, err)
				}
			}
			got, _ := st.Members(ctx, site.ID, "")
			if len(got) != len(want) {
				t.Fatalf("after rerun %d members, want %d", len(got), len(want))
			}
			checkAfterCrash(t, st)
		})
	}
}

// crashRun imports the bundles into a fresh hub and, at step cut, copies
// its files into dir. It returns the members at the end and the steps seen.
func crashRun(t *testing.T, bundles []Incoming, cut int, dir string) ([]Member, int) {
	t.Helper()
	hub := newHub(t)
	step := 0
	applyStep = func(string) {
		if step == cut {
			for _, name := range []string{FileName, FileName + "-wal"} {
				b, err := os.ReadFile(filepath.Join(hub.Dir(), name))
				if err == nil {
					err = os.WriteFile(filepath.Join(dir, name), b, 0o600)
				}
				if err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
			}
		}
		step++
	}
	defer func() { applyStep = func(string) {} }()
	for _, b := range bundles {
		if _, err := hub.ApplyBundle(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
	ms, _ := hub.Members(context.Background(), bundles[0].Sender.SiteID, "")
	return ms, step
}

func checkAfterCrash(t *testing.T, st *Store) {
	t.Helper()
	var ok string
	if err := st.db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	marks, err := st.OriginMarks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for o, hw := range marks {
		var n int64
		if err := st.db.QueryRow("SELECT COUNT(*) FROM changes WHERE origin = ? AND seq <= ?", o, hw).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != hw {
			t.Fatalf("origin %s: mark %d but %d changes applied", o, hw, n)
		}
	}
}
