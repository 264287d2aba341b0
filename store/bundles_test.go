package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func newHub(t *testing.T) *Store {
	t.Helper()
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Init(context.Background(), Setup{Passphrase: testPass, Role: RoleHub, Name: "Đảng ủy xã", Keys: Keys{SignPriv: []byte{1}, AgeIdentity: "a"}}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestApplyBundle(t *testing.T) {
	ctx := context.Background()
	cell := newCell(t)
	site, _ := cell.Site(ctx)
	if _, err := cell.SaveMember(ctx, Member{FullName: "Giàng A Páo"}); err != nil {
		t.Fatal(err)
	}
	changes, _ := cell.LocalChanges(ctx, 0)
	sender := Peer{SiteID: site.ID, Role: RoleCell, Name: site.Name, SignPub: []byte{1}, AgeRecipient: "r", Fingerprint: "F"}
	bundle := func(id string, cs []Change) Incoming {
		return Incoming{BundleID: id, Sender: sender, Pin: true, SeqFrom: cs[0].Seq, SeqTo: cs[len(cs)-1].Seq, ManifestSHA: "x", Changes: cs}
	}
	forged := changes[1]
	forged.Fields = map[string]any{"full_name": "Kẻ mạo danh"}
	stranger := changes[1]
	stranger.OrgID, stranger.Origin = "other-cell", "other-cell"
	badField := changes[1]
	badField.Fields = map[string]any{"name_fold; DROP TABLE members": "x"}

	cases := map[string]struct {
		in      Incoming
		want    error
		applied int
		held    int
	}{
		"unknown sender": {Incoming{BundleID: "b0", Sender: sender, Changes: changes, SeqFrom: 1, SeqTo: 2}, ErrUnknownSender, 0, 0},
		// Past a gap the change is stored and held back, not refused.
		"gap":            {bundle("b1", changes[1:]), nil, 0, 1},
		"other org":      {bundle("b2", []Change{changes[0], stranger}), ErrInvalid, 0, 0},
		"unknown column": {bundle("b3", []Change{changes[0], badField}), ErrInvalid, 0, 0},
		"accepted":       {bundle("b4", changes), nil, len(changes), 0},
	}
	hub := newHub(t)
	for _, name := range []string{"unknown sender", "gap", "other org", "unknown column", "accepted"} {
		tc := cases[name]
		t.Run(name, func(t *testing.T) {
			res, err := hub.ApplyBundle(ctx, tc.in)
			if !errors.Is(err, tc.want) || res.Changes != tc.applied || res.Held != tc.held {
				t.Fatalf("got %+v %v, want %d changes, %d held, %v", res, err, tc.applied, tc.held, tc.want)
			}
		})
	}
	t.Run("same changes again are a duplicate", func(t *testing.T) {
		for _, id := range []string{"b4", "b5"} {
			res, err := hub.ApplyBundle(ctx, bundle(id, changes))
			if err != nil || !res.Duplicate {
				t.Fatalf("%s: %+v %v", id, res, err)
			}
		}
	})
	t.Run("fork", func(t *testing.T) {
		_, err := hub.ApplyBundle(ctx, bundle("b6", []Change{changes[0], forged}))
		if !errors.Is(err, ErrFork) {
			t.Fatalf("got %v", err)
		}
	})
	ms, _ := hub.Members(ctx, site.ID, "")
	if len(ms) != 1 || ms[0].FullName != "Giàng A Páo" {
		t.Fatalf("hub holds %+v", ms)
	}
	cells, _ := hub.Cells(ctx)
	if len(cells) != 1 || cells[0].Members[StatusFull] != 1 || cells[0].Org.Name != site.Name {
		t.Fatalf("cells: %+v", cells)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.db.Exec("PRAGMA user_version = 999")
	st.Close()
	if _, err := Open(dir); !errors.Is(err, ErrNewerData) {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
}
