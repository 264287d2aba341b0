package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"testing"

	"filippo.io/age"
)

// encryptPayload wraps a hand-made payload for the hub, with a header.
func encryptPayload(t *testing.T, pt []byte, hub *site, major, minor int) []byte {
	t.Helper()
	keys, _ := hub.st.Keys(context.Background())
	id := mustIdentity(t, keys.AgeIdentity).(*age.X25519Identity)
	var ct bytes.Buffer
	w, err := age.Encrypt(&ct, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	w.Write(pt)
	w.Close()
	h := encodeHeader(header{major: major, minor: minor, length: int64(ct.Len()), sha: sha256Hex(ct.Bytes())})
	return append(h, ct.Bytes()...)
}

// openParts decrypts a bundle built for the hub back into its parts.
func openParts(t *testing.T, b []byte, hub *site) payload {
	t.Helper()
	keys, _ := hub.st.Keys(context.Background())
	p, err := openBundle(b, mustIdentity(t, keys.AgeIdentity))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// resigned changes a manifest and signs it again with the cell's own key,
// as a sender with a broken or hostile writer would.
func resigned(t *testing.T, cell *site, p payload, edit func(*manifest), hub *site) []byte {
	t.Helper()
	m := p.manifest
	edit(&m)
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := cell.st.Keys(context.Background())
	return encryptPayload(t, encodePayload(raw, ed25519.Sign(keys.SignPriv, raw), p.changes), hub, formatMajor, formatMinor)
}

// TestHostile is the list of hostile inputs, each by name. Every
// one is refused and leaves the hub's database byte-for-byte unchanged.
func TestHostile(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cellA := newCell(t, hub, "Chi bộ thôn Lao Chải")
	cellB := newCell(t, hub, "Chi bộ thôn Tả Van")
	fillCell(t, cellA, 3, 1)
	fillCell(t, cellB, 3, 1)
	mustImport(t, hub.st, export(t, cellA).Path, Accepted)
	mustImport(t, hub.st, export(t, cellB).Path, Accepted)
	fillCell(t, cellA, 2, 0)
	fillCell(t, cellB, 2, 0)
	good := build(t, cellA, func(*bundleSpec) {})
	hdr := bytes.Index(good, []byte("age-encryption.org"))
	other := build(t, cellB, func(*bundleSpec) {})
	pa, pb := openParts(t, good, hub), openParts(t, other, hub)

	// Cell B re-signs cell A's changes as its own: a replay from another cell.
	replay := build(t, cellB, func(s *bundleSpec) {
		a, _ := cellA.st.PendingChanges(ctx)
		s.changes = a
		s.manifest.Ranges = rangesOf(a)
	})
	// Revoke cell A's key (its laptop was lost) before the last cases run.
	revoked := build(t, cellA, func(*bundleSpec) {})
	newKey := newEd25519(t)
	newPub := newKey.Public().(ed25519.PublicKey)

	tests := []struct {
		name string
		data []byte
		prep func()
		want error
	}{
		{"truncated", good[:len(good)-7], nil, ErrTruncated},
		{"one bit flipped in the header", flip(good, 40), nil, ErrDamaged},
		{"one bit flipped in the body", flip(good, hdr+(len(good)-hdr)*2/3), nil, ErrDamaged},
		{"wrong signer", build(t, cellA, func(s *bundleSpec) { s.signKey = newEd25519(t) }), nil, ErrBadSignature},
		{"other recipient", build(t, cellA, func(s *bundleSpec) { s.manifest.Recipient, s.manifest.Recipients = cellB.id, []string{cellB.id} }), nil, ErrWrongRecipient},
		{"replay from another cell", replay, nil, ErrInvalidBundle},
		{"manifest of one bundle on the payload of another",
			encryptPayload(t, encodePayload(pa.manifestRaw, pa.sig, pb.changes), hub, formatMajor, formatMinor), nil, ErrInvalidBundle},
		{"downgrade of the format number", encryptPayload(t, encodePayload(pa.manifestRaw, pa.sig, pa.changes), hub, 1, 0), nil, ErrInvalidBundle},
		{"10 GB declared length", withHeader(t, good, good[hdr:], func(h *header) { h.length = 10 << 30 }), nil, ErrDamaged},
		{"1 million changes declared", resigned(t, cellA, pa, func(m *manifest) { m.RecordCount = 1_000_000 }, hub), nil, ErrTooLarge},
		{"revoked signer", revoked, func() {
			if err := hub.st.ReplacePeerKeys(ctx, cellA.id, newPub, pa.manifest.Sender.AgeRecipient,
				Fingerprint(newPub, pa.manifest.Sender.AgeRecipient), "máy bị mất"); err != nil {
				t.Fatal(err)
			}
		}, ErrRevoked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.prep != nil {
				tc.prep()
			}
			before := hub.dbHash(t)
			path := writeFile(t, "x.chibo", tc.data)
			if r := Import(ctx, hub.st, path, acceptAll(hub.st, path)); r.Status != Refused || !errors.Is(r.Err, tc.want) {
				t.Fatalf("got %s %v, want refused with %q", r.Status, r.Err, tc.want)
			}
			if hub.dbHash(t) != before {
				t.Fatal("hub database changed")
			}
		})
	}
	t.Run("new laptop's key accepted after replacement", func(t *testing.T) {
		b := build(t, cellA, func(s *bundleSpec) {
			s.signKey, s.manifest.Sender.SignPub = newKey, newPub
			s.manifest.Sender.Fingerprint = Fingerprint(newPub, s.manifest.Sender.AgeRecipient)
		})
		mustImport(t, hub.st, writeFile(t, "n.chibo", b), Accepted)
	})
}
