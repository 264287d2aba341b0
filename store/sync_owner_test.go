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

// TestSameIDUnderTwoOrgsStaysApart: attendance, reviews and dues are keyed
// under their organisation (migrations/0010_records_by_org.sql). A cell that sends one of them
// under an id another cell already uses gets a record of its own; the
// other cell's record is untouched, whichever arrives first.
func TestSameIDUnderTwoOrgsStaysApart(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	const shared = "6f1d3c2e-0000-5000-8000-000000000001"
	withReview := func(st *Store, id, text string) Incoming {
		t.Helper()
		site, _ := st.Site(ctx)
		if _, err := st.SaveMember(ctx, Member{FullName: "Hờ A Dình"}); err != nil {
			t.Fatal(err)
		}
		cs, err := st.LocalChanges(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		last := cs[len(cs)-1]
		cs = append(cs, Change{Origin: last.Origin, Seq: last.Seq + 1, Lamport: last.Lamport + 1, Entity: "review",
			EntityID: shared, OrgID: site.ID, Op: OpUpsert, WallTime: last.WallTime,
			Fields: map[string]any{"member_id": "", "year": float64(2025), "self_text": text}})
		sender := Peer{SiteID: site.ID, Role: RoleCell, Name: site.Name, SignPub: []byte{1}, AgeRecipient: "r", Fingerprint: site.ID}
		return Incoming{BundleID: id, Sender: sender, Pin: true, SeqFrom: 1, SeqTo: last.Seq + 1, ManifestSHA: "x", Changes: cs}
	}
	a, b := newCell(t), newCell(t)
	for _, in := range []Incoming{withReview(a, "a1", "Chi bộ A tự đánh giá"), withReview(b, "b1", "Chi bộ B tự đánh giá")} {
		if _, err := hub.ApplyBundle(ctx, in); err != nil {
			t.Fatalf("bundle %s: %v", in.BundleID, err)
		}
	}
	for _, c := range []struct {
		st   *Store
		want string
	}{{a, "Chi bộ A tự đánh giá"}, {b, "Chi bộ B tự đánh giá"}} {
		site, _ := c.st.Site(ctx)
		var got string
		err := hub.db.QueryRow("SELECT "+unsealSQL("reviews", "self_text", "")+" FROM reviews WHERE org_id = ? AND id = ?", site.ID, shared).Scan(&got)
		if err != nil || got != c.want {
			t.Errorf("review of %s: %q, %v; want %q", site.ID, got, err, c.want)
		}
	}
}
