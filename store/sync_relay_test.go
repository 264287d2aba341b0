package store

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

func newProvince(t *testing.T) *Store {
	t.Helper()
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Init(context.Background(), Setup{Passphrase: testPass, Role: RoleHub, Name: "Tỉnh ủy Lào Cai",
		Keys: Keys{SignPriv: []byte{1}, AgeIdentity: "a"}}); err != nil {
		t.Fatal(err)
	}
	return st
}

func testPeer(id string, key byte) Peer {
	return Peer{SiteID: id, Name: "Chi bộ " + id, SignPub: bytes.Repeat([]byte{key}, 32), AgeRecipient: testRecipient, Fingerprint: id}
}

// TestApplyRoster: what a commune's roster may and may not change at the
// province, each case on a fresh province holding one roster already.
func TestApplyRoster(t *testing.T) {
	ctx := context.Background()
	commune, other := testPeer("xa-ta-van", 9), testPeer("xa-ban-ho", 8)
	first := RosterIn{ID: "r1", Relay: commune, Pin: true, Cells: []Peer{testPeer("lao-chai", 1)}}
	tests := []struct {
		name    string
		in      RosterIn
		want    error
		via     string // expected via of lao-chai afterwards
		revoked bool   // lao-chai's first key is revoked afterwards
		out     RosterApplied
	}{
		{name: "same roster again is a no-op", in: first, via: "xa-ta-van", out: RosterApplied{Duplicate: true}},
		{name: "new cell and same cell", in: RosterIn{ID: "r2", Relay: commune, Cells: []Peer{testPeer("lao-chai", 1), testPeer("ta-van", 2)}},
			via: "xa-ta-van", out: RosterApplied{Added: 1}},
		{name: "commune replaces its cell's keys", in: RosterIn{ID: "r2", Relay: commune, Cells: []Peer{testPeer("lao-chai", 3)}},
			via: "xa-ta-van", revoked: true, out: RosterApplied{Replaced: 1}},
		{name: "another commune claims the cell with other keys", in: RosterIn{ID: "r2", Relay: other, Pin: true, Cells: []Peer{testPeer("lao-chai", 3)}},
			want: ErrRosterConflict, via: "xa-ta-van"},
		{name: "unknown commune without confirmation", in: RosterIn{ID: "r2", Relay: other, Cells: []Peer{testPeer("sa-pa", 4)}},
			want: ErrUnknownSender, via: "xa-ta-van"},
		{name: "pinned commune with another key", in: RosterIn{ID: "r2", Relay: testPeer("xa-ta-van", 7), Cells: nil},
			want: ErrUnknownSender, via: "xa-ta-van"},
		{name: "revocation of a cell the commune does not vouch for is ignored", in: RosterIn{ID: "r2", Relay: commune,
			Cells: []Peer{testPeer("lao-chai", 1)}, Revoked: []RevokedKey{{SiteID: "elsewhere", SignPub: []byte("k")}, {SiteID: "lao-chai", SignPub: bytes.Repeat([]byte{1}, 32)}}},
			via: "xa-ta-van", revoked: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newProvince(t)
			if _, err := st.ApplyRoster(ctx, first); err != nil {
				t.Fatal(err)
			}
			out, err := st.ApplyRoster(ctx, tc.in)
			if !errors.Is(err, tc.want) || (err == nil && out != tc.out) {
				t.Fatalf("got %+v, %v; want %+v, %v", out, err, tc.out, tc.want)
			}
			if via, err := st.RelayedVia(ctx, "lao-chai"); err != nil || via != tc.via {
				t.Fatalf("via %q, %v", via, err)
			}
			if rv, _ := st.IsRevoked(ctx, bytes.Repeat([]byte{1}, 32)); rv != tc.revoked {
				t.Fatalf("first key revoked: %v", rv)
			}
			if rv, _ := st.IsRevoked(ctx, []byte("k")); rv {
				t.Fatal("a commune revoked another's key")
			}
		})
	}
}

func TestSetOnward(t *testing.T) {
	ctx := context.Background()
	st := newProvince(t)
	site, _ := st.Site(ctx)
	if err := st.SetOnward(ctx, []Peer{testPeer("tinh", 5)}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetOnward(ctx, []Peer{testPeer(site.ID, 6)}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("pinned itself as onward: %v", err)
	}
	ps, err := st.Onward(ctx)
	if err != nil || len(ps) != 1 || ps[0].SiteID != "tinh" || ps[0].Role != RoleOnward {
		t.Fatalf("onward %+v, %v: a refused change must keep the old list", ps, err)
	}
}
