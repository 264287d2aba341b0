package store

import (
	"context"
	"errors"
	"testing"
)

// TestApplyRefusesAnotherOrgsRecord: a cell's bundle may not write a record
// id that another cell owns, whether the change would update columns (the
// upsert's condition leaves the row alone) or has none to write (the
// upsert does nothing); the whole bundle is refused and the row unchanged.
func TestApplyRefusesAnotherOrgsRecord(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	bundleOf := func(st *Store, id string) (Incoming, []Change) {
		t.Helper()
		site, _ := st.Site(ctx)
		cs, err := st.LocalChanges(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		sender := Peer{SiteID: site.ID, Role: RoleCell, Name: site.Name, SignPub: []byte{1}, AgeRecipient: "r", Fingerprint: site.ID}
		return Incoming{BundleID: id, Sender: sender, Pin: true, SeqFrom: 1, SeqTo: int64(len(cs)), ManifestSHA: "x", Changes: cs}, cs
	}
	a, b := newCell(t), newCell(t)
	for _, c := range []struct {
		st   *Store
		name string
	}{{a, "Giàng A Páo"}, {b, "Lù Thị Mai"}} {
		if _, err := c.st.SaveMember(ctx, Member{FullName: c.name}); err != nil {
			t.Fatal(err)
		}
	}
	inA, csA := bundleOf(a, "a1")
	if _, err := hub.ApplyBundle(ctx, inA); err != nil {
		t.Fatal(err)
	}
	victim := csA[len(csA)-1].EntityID
	cases := map[string]map[string]any{
		"columns to update": {"full_name": "Kẻ mạo danh"},
		"nothing to update": {},
	}
	for name, fields := range cases {
		t.Run(name, func(t *testing.T) {
			in, cs := bundleOf(b, "b-"+name)
			forged := cs[len(cs)-1]
			forged.EntityID, forged.Fields = victim, fields
			in.Changes = append(cs[:len(cs)-1:len(cs)-1], forged)
			if _, err := hub.ApplyBundle(ctx, in); !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
			m, err := hub.Member(ctx, victim)
			if err != nil || m.FullName != "Giàng A Páo" {
				t.Fatalf("victim now %+v %v", m, err)
			}
		})
	}
}
