package sync

import (
	"context"
	"testing"
)

// TestAttackBundleClaimsAnotherName: an enrolled cell signs a bundle that
// calls itself by another cell's name. The result, and so every line
// shown to the clerk, names the sender as the hub enrolled it, with the
// claimed name beside it.
func TestAttackBundleClaimsAnotherName(t *testing.T) {
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 2, 0)
	mustImport(t, hub.st, export(t, cell).Path, Accepted)
	fillCell(t, cell, 1, 0)
	b := build(t, cell, func(s *bundleSpec) { s.manifest.Sender.Name = "Chi bộ thôn Tả Van" })
	r := mustImport(t, hub.st, writeFile(t, "x.chibo", b), Accepted)
	if r.Sender.Name != "Chi bộ thôn Lao Chải" || r.Claimed != "Chi bộ thôn Tả Van" {
		t.Fatalf("result names %q (claimed %q)", r.Sender.Name, r.Claimed)
	}
}

// TestAttackOneConfirmationEnrolsOne: confirming one new sender's
// fingerprint does not enrol another new sender imported with it.
func TestAttackOneConfirmationEnrolsOne(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	a, b := newCell(t, hub, "Chi bộ thôn Lao Chải"), newCell(t, hub, "Chi bộ thôn Tả Van")
	fillCell(t, a, 2, 0)
	fillCell(t, b, 2, 0)
	pa, pb := export(t, a).Path, export(t, b).Path
	rs := ImportFiles(ctx, hub.st, []string{pa, pb}, acceptAll(hub.st, pa), nil)
	if rs[0].Status != Accepted || rs[1].Status != NeedsConfirmation {
		t.Fatalf("got %s and %s, want accepted and needs-confirmation", rs[0].Status, rs[1].Status)
	}
}
