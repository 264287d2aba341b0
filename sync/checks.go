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
	if err := checkBody(p); err != nil {
		return nil, err
	}
	cs, err := decodeChanges(p.changes)
	if err != nil {
		return nil, err
	}
	m := p.manifest
	if len(cs) != m.RecordCount {
		return nil, fmt.Errorf("%d changes, manifest says %d: %w", len(cs), m.RecordCount, ErrDamaged)
	}
	if err := checkRanges(m, cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// checkBody checks the body's length, hash and encoding against the
// signed manifest before anything decodes it.
func checkBody(p payload) error {
	m := p.manifest
	switch {
	case int64(len(p.changes)) != m.ChangesLen:
		return fmt.Errorf("changes are %d bytes, manifest says %d: %w", len(p.changes), m.ChangesLen, ErrDamaged)
	case sha256Hex(p.changes) != m.ChangesSHA256:
		return fmt.Errorf("changes hash does not match the manifest: %w", ErrDamaged)
	case m.ChangesEncoding != encodingGzip:
		return fmt.Errorf("changes encoding %q: %w", m.ChangesEncoding, ErrNewerFormat)
	}
	return nil
}

// checkRanges checks that the changes are exactly the signed ranges, so
// a payload cannot carry changes its manifest does not declare.
func checkRanges(m manifest, cs []store.Change) error {
	if len(m.Ranges) == 0 { // format 1.0: one origin, the sender's own
		if len(cs) > 0 && (cs[0].Seq != m.SeqFrom || cs[len(cs)-1].Seq != m.SeqTo) {
			return fmt.Errorf("change sequence range differs from the manifest: %w", ErrDamaged)
		}
		for _, c := range cs {
			if c.Origin != m.Sender.SiteID {
				return fmt.Errorf("change from %s in a bundle from %s: %w", c.Origin, m.Sender.SiteID, ErrDamaged)
			}
		}
		return nil
	}
	for _, c := range cs {
		if c.OrgID != m.Sender.SiteID { // another cell's changes, replayed
			return fmt.Errorf("change of %s in a bundle from %s: %w", c.OrgID, m.Sender.SiteID, ErrDamaged)
		}
	}
	i := 0
	for _, r := range m.Ranges {
		for seq := r.From; seq <= r.To; seq++ {
			if i >= len(cs) || cs[i].Origin != r.Origin || cs[i].Seq != seq {
				return fmt.Errorf("changes differ from the manifest's ranges: %w", ErrDamaged)
			}
			i++
		}
	}
	if i != len(cs) {
		return fmt.Errorf("changes beyond the manifest's ranges: %w", ErrDamaged)
	}
	return nil
}

// decodeChanges gunzips with a bound, since a few kilobytes of gzip can
// expand to gigabytes, and keeps numbers exact with UseNumber.
func decodeChanges(b []byte) ([]store.Change, error) {
	raw, err := gunzipBounded(b)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var cs []store.Change
	if err := d.Decode(&cs); err != nil {
		return nil, fmt.Errorf("changes: %v: %w", err, ErrDamaged)
	}
	return cs, nil
}

func gunzipBounded(b []byte) ([]byte, error) {
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
	return raw, nil
}
