package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"chibo/internal/keyfile"
)

// secondCell enrols one more cell with the recovery pair's hub.
func secondCell(t *testing.T, hub *Store, name string) *Store {
	t.Helper()
	ctx := context.Background()
	hs, _ := hub.Site(ctx)
	hubKeys, _ := hub.Keys(ctx)
	hubID, _ := age.ParseX25519Identity(hubKeys.AgeIdentity)
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	key, _ := age.GenerateX25519Identity()
	cs, err := st.Init(ctx, Setup{Passphrase: testPass, Role: RoleCell, Name: name,
		Keys: Keys{SignPriv: make([]byte, 64), AgeIdentity: key.String()},
		Hub:  &Peer{SiteID: hs.ID, Role: RoleHub, Name: hs.Name, SignPub: make([]byte, 32), AgeRecipient: hubID.Recipient().String(), Fingerprint: "H"}})
	if err != nil {
		t.Fatal(err)
	}
	err = hub.tx(ctx, func(tx *sql.Tx) error {
		return pinPeer(ctx, tx, Peer{SiteID: cs.ID, Role: RoleCell, Name: cs.Name, SignPub: make([]byte, 32),
			AgeRecipient: key.Recipient().String(), Fingerprint: "B-FINGERPRINT"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// editRequest rewrites a request file's fields, as anyone holding the
// stick can.
func editRequest(t *testing.T, path string, edit func(map[string]any)) {
	t.Helper()
	b, _ := os.ReadFile(path)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, _ = json.Marshal(m)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestAttackRecoveryForAnotherCell: someone holding cell A's laptop (a
// thief, who does not know its passphrase) edits A's recovery request to
// name cell B, whose secretary the clerk knows. The hub answers only for
// the cell the escrow itself belongs to: the edited request is refused,
// naming A, and nothing is written; the true request is answered for A,
// named as the hub knows it, with its fingerprint.
func TestAttackRecoveryForAnotherCell(t *testing.T) {
	ctx := context.Background()
	hub, cellA := recoveryPair(t)
	cellB := secondCell(t, hub, "Chi bộ thôn Tả Van")
	b, _ := cellB.Site(ctx)
	cellA.Lock()
	stick := t.TempDir()
	req, err := cellA.WriteRecoveryRequest(ctx, stick)
	if err != nil {
		t.Fatal(err)
	}
	forged := filepath.Join(t.TempDir(), "forged.json")
	raw, _ := os.ReadFile(req)
	os.WriteFile(forged, raw, 0o600)
	editRequest(t, forged, func(m map[string]any) { m["site_id"], m["name"] = b.ID, b.Name })
	out := t.TempDir()
	_, err = hub.AnswerRecovery(ctx, forged, out)
	if !errors.Is(err, ErrRecoveryEdited) || !strings.Contains(err.Error(), "Chi bộ thôn Lao Chải") {
		t.Fatalf("edited request: %v", err)
	}
	if files, _ := os.ReadDir(out); len(files) != 0 {
		t.Fatalf("an answer was written for the edited request: %v", files)
	}
	if who, err := hub.RecoveryRequestFor(ctx, req); err != nil || who.Name != "Chi bộ thôn Lao Chải" || who.Fingerprint != "C" {
		t.Fatalf("the true request is for %+v, %v", who, err)
	}
	ans, err := hub.AnswerRecovery(ctx, req, out)
	if err != nil || ans.Cell.Name != "Chi bộ thôn Lao Chải" || ans.Cell.Fingerprint != "C" {
		t.Fatalf("true request: %+v, %v", ans, err)
	}
}

// TestAttackRecoveryUnboundEscrow: an escrow that does not name its cell
// (an old request, or one whose escrow was swapped for a bare key) is not
// answered: the hub could not tell whose key it hands back.
func TestAttackRecoveryUnboundEscrow(t *testing.T) {
	ctx := context.Background()
	hub, cell := recoveryPair(t)
	hubKeys, _ := hub.Keys(ctx)
	hubID, _ := age.ParseX25519Identity(hubKeys.AgeIdentity)
	bare, err := keyfile.Wrap(cell.key, hubID.Recipient()) // as the first builds escrowed
	if err != nil {
		t.Fatal(err)
	}
	cell.Lock()
	req, err := cell.WriteRecoveryRequest(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	editRequest(t, req, func(m map[string]any) { m["escrow"] = bare })
	if _, err := hub.AnswerRecovery(ctx, req, t.TempDir()); !errors.Is(err, ErrRecoveryUnbound) {
		t.Fatalf("unbound escrow: %v", err)
	}
}

// TestOldEscrowBoundOnUnlock: a folder whose escrow an older build made
// (a bare key) gets a bound one the first time it is unlocked, and its
// requests are answered from then on.
func TestOldEscrowBoundOnUnlock(t *testing.T) {
	ctx := context.Background()
	hub, cell := recoveryPair(t)
	hubKeys, _ := hub.Keys(ctx)
	hubID, _ := age.ParseX25519Identity(hubKeys.AgeIdentity)
	bare, err := keyfile.Wrap(cell.key, hubID.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	old := *cell.lock
	old.Escrow, old.EscrowBound = bare, false
	if err := cell.saveLockNow(ctx, &old); err != nil {
		t.Fatal(err)
	}
	cell.Lock()
	if err := cell.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	if !cell.lock.EscrowBound {
		t.Fatal("the old escrow was not bound on unlock")
	}
	cell.Lock()
	req, err := cell.WriteRecoveryRequest(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hub.AnswerRecovery(ctx, req, t.TempDir()); err != nil {
		t.Fatalf("bound escrow not answered: %v", err)
	}
}
