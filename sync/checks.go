package sync

import (
	"crypto/ed25519"
	"fmt"

	"filippo.io/age"

	"chibo/store"
)

// The checks on a manifest, the part of a bundle that is signed: its shape
// and versions (checkManifest) and its signature (checkSignature). The
// reader that gets to the manifest is stream.go.

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

// checkManifest refuses newer formats first, so a user is told to update
// rather than that the file is broken.
func checkManifest(m manifest) error {
	switch {
	case m.Format.Major > formatMajor:
		return fmt.Errorf("format %d.%d: %w", m.Format.Major, m.Format.Minor, ErrNewerFormat)
	case m.Schema > store.SchemaVersion():
		return fmt.Errorf("schema %d, this app knows %d: %w", m.Schema, store.SchemaVersion(), ErrNewerFormat)
	case m.Kind != kindChanges && m.Kind != kindAck && m.Kind != kindRoster:
		return fmt.Errorf("bundle kind %q: %w", m.Kind, ErrNewerFormat)
	case m.Format.Major < 1, m.BundleID == "", len(m.BundleID) > 64, m.Sender.SiteID == "", m.Recipient == "":
		return fmt.Errorf("manifest incomplete: %w", ErrInvalidBundle)
	case m.Kind == kindChanges && m.Sender.Role != string(store.RoleCell):
		return fmt.Errorf("changes from a %q, want a cell: %w", m.Sender.Role, ErrInvalidBundle)
	case (m.Kind == kindAck || m.Kind == kindRoster) && m.Sender.Role != string(store.RoleHub):
		return fmt.Errorf("%s from a %q, want a hub: %w", m.Kind, m.Sender.Role, ErrInvalidBundle)
	case !recipientsWellFormed(m):
		return fmt.Errorf("manifest recipients: %w", ErrInvalidBundle)
	case m.SeqFrom > m.SeqTo, m.RecordCount < 0, m.ChangesLen < 0, m.ChangesLen > maxPayload:
		return fmt.Errorf("manifest ranges: %w", ErrInvalidBundle)
	case m.RecordCount > maxRecords:
		return fmt.Errorf("%d changes in one bundle, at most %d: %w", m.RecordCount, maxRecords, ErrTooLarge)
	case m.Kind == kindAck && m.RecordCount != 1:
		return fmt.Errorf("manifest ranges: %w", ErrInvalidBundle)
	}
	return nil
}
