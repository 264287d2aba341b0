package sync

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestAttackReusedBundleID: a rogue cell that knows another cell's bundle
// ids (it saw a stick, or a cloned laptop makes the same ones) sends its
// own changes under them. The other cell's kept original is not
// overwritten and stays in the import log, and the other cell's real
// bundle is still accepted when it comes after a bundle of the rogue cell
// that took its id first.
func TestAttackReusedBundleID(t *testing.T) {
	hub := newHub(t, "Đảng ủy xã Tả Van")
	honest := newCell(t, hub, "Chi bộ thôn Lao Chải")
	rogue := newCell(t, hub, "Chi bộ thôn Tả Van")
	fillCell(t, honest, 3, 1)
	fillCell(t, rogue, 3, 1)

	first := export(t, honest)
	r := mustImport(t, hub.st, first.Path, Accepted)
	kept := filepath.Join(hub.dir, inboxDir, keptName(r.Sender.SiteID, r.BundleID))
	original, err := os.ReadFile(kept)
	if err != nil {
		t.Fatalf("honest original not kept: %v", err)
	}

	t.Run("reuses an id already imported", func(t *testing.T) {
		b := build(t, rogue, func(s *bundleSpec) { s.manifest.BundleID = first.BundleID })
		mustImport(t, hub.st, writeFile(t, "x.chibo", b), Accepted)
		if now, _ := os.ReadFile(kept); string(now) != string(original) {
			t.Fatal("the honest cell's kept original was overwritten")
		}
		if _, err := VerifyImportLog(context.Background(), hub.st); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("takes an id before its owner's bundle arrives", func(t *testing.T) {
		fillCell(t, honest, 2, 0)
		real := build(t, honest, func(*bundleSpec) {})
		id := openParts(t, real, hub).manifest.BundleID
		fillCell(t, rogue, 2, 0)
		b := build(t, rogue, func(s *bundleSpec) { s.manifest.BundleID = id })
		mustImport(t, hub.st, writeFile(t, "x.chibo", b), Accepted)
		if r := mustImport(t, hub.st, writeFile(t, "y.chibo", real), Accepted); r.Changes == 0 {
			t.Fatalf("the honest cell's bundle applied nothing: %+v", r)
		}
	})
}
