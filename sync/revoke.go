package sync

import (
	"context"
	"errors"
	"fmt"

	"filippo.io/age"

	"chibo/store"
)

// ErrOwnKeyRevoked means the hub's revocation list names this laptop's
// key: a new laptop replaced it, so this one must not send any more.
var ErrOwnKeyRevoked = errors.New("this laptop's key has been revoked by the hub; send from the new laptop")

// ErrFingerprintMismatch means the fingerprint a person typed to confirm a
// new key is not the one the bundle carries.
var ErrFingerprintMismatch = errors.New("the confirmed fingerprint is not the one in the bundle")

// BundleSender opens a bundle addressed to this site and returns its
// sender's keys as signed in the manifest, without trusting or pinning
// them: what a person compares before replacing a cell's key.
func BundleSender(ctx context.Context, st *store.Store, path string) (store.Peer, error) {
	keys, err := st.Keys(ctx)
	if err != nil {
		return store.Peer{}, fmt.Errorf("sync: bundle sender: %w", err)
	}
	id, err := age.ParseX25519Identity(keys.AgeIdentity)
	if err != nil {
		return store.Peer{}, fmt.Errorf("sync: bundle sender: own age identity: %w", err)
	}
	p, err := readSigned(path, id)
	if err != nil {
		return store.Peer{}, fmt.Errorf("sync: bundle sender %s: %w", path, err)
	}
	return resultFrom(path, p.manifest).Sender, nil
}

// readSigned reads a bundle's manifest and checks its signature, leaving
// the body unread.
func readSigned(path string, id age.Identity) (payload, error) {
	f, err := store.OpenRegular(path)
	if err != nil {
		return payload{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return payload{}, err
	}
	p, _, err := openHead(f, fi.Size(), id)
	if err != nil {
		return p, err
	}
	return p, checkSignature(p)
}

// ReplaceKey pins the keys of an enrolled cell's new laptop, read from
// the first bundle it sent, and revokes the old key. fingerprint is what
// the person read on the new laptop's screen; it must match.
func ReplaceKey(ctx context.Context, st *store.Store, path, fingerprint, reason string) (store.Peer, error) {
	p, err := BundleSender(ctx, st, path)
	if err != nil {
		return p, err
	}
	if p.Fingerprint != fingerprint {
		return p, fmt.Errorf("sync: replace key: %w", ErrFingerprintMismatch)
	}
	if p.Role != store.RoleCell {
		return p, fmt.Errorf("sync: replace key: sender is a %s: %w", p.Role, ErrWrongKey)
	}
	if err := st.ReplacePeerKeys(ctx, p.SiteID, p.SignPub, p.AgeRecipient, p.Fingerprint, reason); err != nil {
		return p, fmt.Errorf("sync: replace key: %w", err)
	}
	return p, nil
}
