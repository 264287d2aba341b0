package store

import (
	"context"
	"fmt"
	"testing"
)

// An insider: an enrolled cell that writes its bundles by hand. Its
// bundles are as signed as any (the store sees them after sync checked
// the signature), so only the store's own checks stand between them and
// the hub's records. Each test here is written as the attack.

// rogueCell builds changes of one cell, in sequence, as a bundle would
// carry them.
type rogueCell struct {
	id     string
	seq    int64
	clock  int64
	bundle int
}

func newRogue(id string) *rogueCell { return &rogueCell{id: id} }

func (r *rogueCell) peer() Peer {
	return Peer{SiteID: r.id, Role: RoleCell, Name: "Chi bộ " + r.id, SignPub: []byte(r.id), AgeRecipient: "age1" + r.id, Fingerprint: "F-" + r.id}
}

// change is the next change of the cell.
func (r *rogueCell) change(entity, id string, fields map[string]any) Change {
	r.seq++
	r.clock++
	return Change{Origin: r.id, Seq: r.seq, Lamport: r.clock, Entity: entity, EntityID: id, OrgID: r.id,
		Op: OpUpsert, Fields: fields, WallTime: "2026-11-20T01:00:00Z"}
}

// send applies changes at the hub as one bundle.
func (r *rogueCell) send(hub *Store, cs ...Change) (Applied, error) {
	r.bundle++
	return hub.ApplyBundle(context.Background(), Incoming{BundleID: fmt.Sprintf("%s-b%d", r.id, r.bundle), Sender: r.peer(),
		Pin: true, SeqFrom: cs[0].Seq, SeqTo: cs[len(cs)-1].Seq, ManifestSHA: "x", Changes: cs})
}

// mustSend applies changes the hub must accept.
func (r *rogueCell) mustSend(t *testing.T, hub *Store, cs ...Change) {
	t.Helper()
	if _, err := r.send(hub, cs...); err != nil {
		t.Fatal(err)
	}
}

// unsent takes back changes a refused bundle carried, so the next bundle
// numbers on from what the hub holds.
func (r *rogueCell) unsent(cs ...Change) {
	r.seq -= int64(len(cs))
}
