package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"testing"

	"filippo.io/age"

	"chibo/store"
)

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// build makes a bundle from the cell's current state after edit has
// changed the spec, the way a broken or hostile sender would.
func build(t *testing.T, cell *site, edit func(*bundleSpec)) []byte {
	t.Helper()
	spec, err := prepareExport(context.Background(), cell.st)
	if err != nil {
		t.Fatal(err)
	}
	edit(&spec)
	b, _, err := encodeBundle(spec)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withHeader puts a fresh, self-consistent header from a good file in
// front of ct, then lets edit change it.
func withHeader(t *testing.T, good, ct []byte, edit func(*header)) []byte {
	t.Helper()
	h, _, err := parseHeader(good)
	if err != nil {
		t.Fatal(err)
	}
	h.length, h.sha = int64(len(ct)), sha256Hex(ct)
	edit(&h)
	return append(encodeHeader(h), ct...)
}

func flip(b []byte, off int) []byte {
	out := bytes.Clone(b)
	out[off] ^= 0x04
	return out
}

func newEd25519(t *testing.T) ed25519.PrivateKey {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestRefused(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	other := newHub(t, "Đảng ủy xã khác")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 10, 3)
	first := export(t, cell)
	if r := Import(ctx, hub.st, first.Path, acceptAll(hub.st, first.Path)); r.Status != Accepted {
		t.Fatalf("enrol: %+v", r)
	}
	// New changes, so a bundle that got through would change the hub.
	fillCell(t, cell, 2, 1)
	good := build(t, cell, func(*bundleSpec) {})
	hdrLen := bytes.Index(good, []byte("age-encryption.org"))
	otherKeys, _ := other.st.Keys(ctx)
	otherID, _ := age.ParseX25519Identity(otherKeys.AgeIdentity)

	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrTruncated},
		{"not a bundle", []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), ErrNotBundle},
		{"text file", bytes.Repeat([]byte("Họ và tên;Ngày sinh\n"), 50), ErrNotBundle},
		{"cut in magic", good[:5], ErrTruncated},
		{"cut in header", good[:30], ErrTruncated},
		{"cut after header", good[:hdrLen], ErrTruncated},
		{"cut in ciphertext", good[:hdrLen+200], ErrTruncated},
		{"last byte missing", good[:len(good)-1], ErrTruncated},
		{"extra bytes", append(bytes.Clone(good), 0), ErrDamaged},
		{"flip magic", flip(good, 2), ErrDamaged},
		{"flip format", flip(good, 20), ErrDamaged},
		{"flip length", flip(good, 32), ErrDamaged},
		{"flip hash", flip(good, 50), ErrDamaged},
		{"flip check", flip(good, hdrLen-3), ErrDamaged},
		{"flip newline", flip(good, hdrLen-1), ErrDamaged},
		{"flip age header", flip(good, hdrLen+5), ErrDamaged},
		{"flip middle", flip(good, hdrLen+(len(good)-hdrLen)/2), ErrDamaged},
		{"flip last byte", flip(good, len(good)-1), ErrDamaged},
		{"damaged but rehashed", withHeader(t, good, flip(good, len(good)-40)[hdrLen:], func(*header) {}), ErrDamaged},
		// A changed key share inside age's own header cannot be told from a
		// file for someone else; the outer hash is what catches bit rot.
		{"age stanza changed, rehashed", withHeader(t, good, flip(good, hdrLen+30)[hdrLen:], func(*header) {}), ErrNotForUs},
		{"newer header major", withHeader(t, good, good[hdrLen:], func(h *header) { h.major = 2 }), ErrNewerFormat},
		{"newer manifest major", build(t, cell, func(s *bundleSpec) { s.manifest.Format.Major = 2 }), ErrNewerFormat},
		{"newer schema", build(t, cell, func(s *bundleSpec) { s.manifest.Schema = 999 }), ErrNewerFormat},
		{"other kind", build(t, cell, func(s *bundleSpec) { s.manifest.Kind = "decisions" }), ErrNewerFormat},
		{"for another hub", build(t, cell, func(s *bundleSpec) {
			s.recipients = []age.Recipient{otherID.Recipient(), s.ownID.(*age.X25519Identity).Recipient()}
		}), ErrNotForUs},
		{"addressed to another site", build(t, cell, func(s *bundleSpec) { s.manifest.Recipient, s.manifest.Recipients = other.id, []string{other.id} }), ErrWrongRecipient},
		{"signature by another key", build(t, cell, func(s *bundleSpec) { s.signKey = newEd25519(t) }), ErrBadSignature},
		{"fingerprint forged", build(t, cell, func(s *bundleSpec) { s.manifest.Sender.Fingerprint = "0000" }), ErrBadSignature},
		{"same site, other key", build(t, cell, func(s *bundleSpec) {
			k := newEd25519(t)
			s.signKey, s.manifest.Sender.SignPub = k, k.Public().(ed25519.PublicKey)
			s.manifest.Sender.Fingerprint = Fingerprint(s.manifest.Sender.SignPub, s.manifest.Sender.AgeRecipient)
		}), ErrWrongKey},
		{"claims to be the hub", build(t, cell, func(s *bundleSpec) { s.manifest.Sender.SiteID = hub.id }), ErrWrongKey},
		{"fork", build(t, cell, func(s *bundleSpec) { s.changes[0].Fields["name"] = "Chi bộ giả" }), store.ErrFork},
		{"sequence range lies", build(t, cell, func(s *bundleSpec) { s.changes = s.changes[:len(s.changes)-1] }), ErrInvalidBundle},
	}
	before := hub.dbHash(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "x.chibo", tc.data)
			// Only the store's ledger shows a fork, so Verify passes it.
			atApply := tc.want == store.ErrFork
			if r := Verify(ctx, hub.st, path); atApply && r.Status != Accepted {
				t.Fatalf("verify: got %s %v, want accepted", r.Status, r.Err)
			} else if !atApply && (r.Status != Refused || !errors.Is(r.Err, tc.want)) {
				t.Fatalf("verify: got %s %v, want refused with %q", r.Status, r.Err, tc.want)
			}
			if r := Import(ctx, hub.st, path, acceptAll(hub.st, path)); r.Status != Refused || !errors.Is(r.Err, tc.want) {
				t.Fatalf("import: got %s %v, want refused with %q", r.Status, r.Err, tc.want)
			}
			if hub.dbHash(t) != before {
				t.Fatal("hub database changed")
			}
		})
	}
}
