package sync

import (
	"context"
	"errors"
	"testing"

	"chibo/store"
)

// TestRevokeAndReplaceKey walks a cell's move to a new laptop: the hub
// revokes the old key, its acknowledgement carries the revocation list so
// the old laptop stops sending, and the new keys are pinned only with the
// fingerprint a person read off the new laptop.
func TestRevokeAndReplaceKey(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 2, 0)
	if r := importNew(ctx, hub.st, export(t, cell).Path); r.Status != Accepted {
		t.Fatalf("enrol: %s %v", r.Status, r.Err)
	}
	oldBundle := export(t, cell).Path
	if err := hub.st.RevokePeerKey(ctx, cell.id, "máy bị mất"); err != nil {
		t.Fatal(err)
	}
	t.Run("revoked key refused at the hub", func(t *testing.T) {
		if r := Import(ctx, hub.st, oldBundle, Options{}); !errors.Is(r.Err, ErrRevoked) {
			t.Fatalf("got %s %v", r.Status, r.Err)
		}
	})
	t.Run("revocation list rides in the ack and stops the old laptop", func(t *testing.T) {
		acks, err := ExportAcks(ctx, hub.st, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if r := Import(ctx, cell.st, acks[0].Path, Options{}); r.Status != Accepted {
			t.Fatalf("ack: %s %v", r.Status, r.Err)
		}
		if _, err := Export(ctx, cell.st, t.TempDir()); !errors.Is(err, ErrOwnKeyRevoked) {
			t.Fatalf("old laptop exported: %v", err)
		}
	})
	// The new laptop: the cell's database restored there, with new keys.
	newKeys, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	if err := cell.st.ReplaceOwnKeys(ctx, newKeys); err != nil {
		t.Fatal(err)
	}
	if _, err := cell.st.SaveMember(ctx, store.Member{FullName: "Lò Thị Mai"}); err != nil {
		t.Fatal(err)
	}
	fresh := export(t, cell).Path
	pub, rcpt, _ := PublicKeys(newKeys)
	cases := []struct {
		name        string
		fingerprint string
		want        error
	}{
		{"wrong fingerprint refused", Fingerprint([]byte("x"), rcpt), ErrFingerprintMismatch},
		{"confirmed fingerprint pinned", Fingerprint(pub, rcpt), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ReplaceKey(ctx, hub.st, fresh, tc.fingerprint, "máy mới"); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	if r := Import(ctx, hub.st, fresh, Options{}); r.Status != Accepted {
		t.Fatalf("new laptop's bundle: %s %v", r.Status, r.Err)
	}
	if r := Import(ctx, hub.st, oldBundle, Options{}); !errors.Is(r.Err, ErrRevoked) {
		t.Fatalf("old key accepted after replacement: %s %v", r.Status, r.Err)
	}
	p, _ := hub.st.Peer(ctx, cell.id)
	if p.Fingerprint != Fingerprint(pub, rcpt) || p.Role != store.RoleCell {
		t.Fatalf("pinned %+v", p)
	}
}
