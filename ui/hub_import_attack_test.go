package ui

import (
	"strings"
	"testing"

	"chibo/store"
	bundle "chibo/sync"
)

// TestAttackSameNameWarnedInWindow: a new cell carrying the name of a
// cell the hub already enrolled is flagged in the confirmation dialog,
// with the enrolled cell's fingerprint, before anyone confirms it.
func TestAttackSameNameWarnedInWindow(t *testing.T) {
	hubStore, card := newHub(t)
	hub := newTestShell(t, hubStore)
	cardPeer, _ := bundle.ReadHubCard(card)
	send := func(name string) (stick, fp string) {
		st := openStore(t)
		keys, _ := bundle.GenerateKeys()
		if _, err := st.Init(hub.ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: name, Keys: keys, Hub: &cardPeer}); err != nil {
			t.Fatal(err)
		}
		addMembers(t, st, "Giàng A Páo")
		stick = t.TempDir()
		if _, err := exportTo(hub.ctx, st, stick); err != nil {
			t.Fatal(err)
		}
		return stick, ownFingerprint(keys)
	}
	first, fp := send("Chi bộ thôn Lao Chải")
	files, _ := bundle.BundleFiles(first)
	if r := importOne(hub.ctx, hubStore, files[0], []string{fp}); r.Status != statusAccepted {
		t.Fatalf("first cell: %s %v", r.Status, r.Err)
	}
	twin, _ := send("Chi bộ thôn Lao Chải")
	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)
	imp.run(twin)
	if txt := overlayText(hub.win); !strings.Contains(txt, "CHÚ Ý") || !strings.Contains(txt, fp) {
		t.Fatalf("confirmation %q does not warn about the enrolled %s", txt, fp)
	}
	tapDialogButton(t, hub.win, "Không đúng")
}
