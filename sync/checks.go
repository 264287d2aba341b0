package sync

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"

	"filippo.io/age"

	"chibo/store"
)

// checkSignature verifies the manifest against the key the manifest itself
// carries; whether that key is the enrolled one is checked separately so
// the user gets the more precise ErrWrongKey.
func checkSignature(p payload) error {
	s := p.manifest.Sender
	if len(s.SignPub) != ed25519.PublicKeySize {
		return fmt.Errorf("sender key has %d bytes: %w", len(s.SignPub), ErrBadSignature)
	}
	if _, err := age.ParseX25519Recipient(s.AgeRecipient); err != nil {
		return fmt.Errorf("sender age recipient: %w", ErrBadSignature)
	}
	if Fingerprint(s.SignPub, s.AgeRecipient) != s.Fingerprint {
		return fmt.Errorf("sender fingerprint does not match its keys: %w", ErrBadSignature)
	}
	if !ed25519.Verify(ed25519.PublicKey(s.SignPub), p.manifestRaw, p.sig) {
		return ErrBadSignature
	}
	return nil
}

// checkChanges checks the changes against the signed manifest and decodes
// them. Only after this are they handed to the store.
func checkChanges(p payload) ([]store.Change, error) {
	m := p.manifest
	switch {
	case int64(len(p.changes)) != m.ChangesLen:
		return nil, fmt.Errorf("changes are %d bytes, manifest says %d: %w", len(p.changes), m.ChangesLen, ErrDamaged)
	case sha256Hex(p.changes) != m.ChangesSHA256:
		return nil, fmt.Errorf("changes hash does not match the manifest: %w", ErrDamaged)
	case m.ChangesEncoding != encodingGzip:
		return nil, fmt.Errorf("changes encoding %q: %w", m.ChangesEncoding, ErrNewerFormat)
	}
	cs, err := decodeChanges(p.changes)
	if err != nil {
		return nil, err
	}
	if len(cs) != m.RecordCount {
		return nil, fmt.Errorf("%d changes, manifest says %d: %w", len(cs), m.RecordCount, ErrDamaged)
	}
	if len(cs) > 0 && (cs[0].Seq != m.SeqFrom || cs[len(cs)-1].Seq != m.SeqTo) {
		return nil, fmt.Errorf("change sequence range differs from the manifest: %w", ErrDamaged)
	}
	for _, c := range cs {
		if c.Origin != m.Sender.SiteID {
			return nil, fmt.Errorf("change from %s in a bundle from %s: %w", c.Origin, m.Sender.SiteID, ErrDamaged)
		}
	}
	return cs, nil
}

// decodeChanges gunzips with a bound, since a few kilobytes of gzip can
// expand to gigabytes, and keeps numbers exact with UseNumber.
func decodeChanges(b []byte) ([]store.Change, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("changes: %v: %w", err, ErrDamaged)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxChangesJSON+1))
	if err != nil {
		return nil, fmt.Errorf("changes: %v: %w", err, ErrDamaged)
	}
	if len(raw) > maxChangesJSON {
		return nil, fmt.Errorf("changes larger than %d MiB: %w", maxChangesJSON>>20, ErrDamaged)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var cs []store.Change
	if err := d.Decode(&cs); err != nil {
		return nil, fmt.Errorf("changes: %v: %w", err, ErrDamaged)
	}
	return cs, nil
}
