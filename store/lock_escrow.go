package store

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"

	"chibo/internal/keyfile"
)

// The escrow: a cell's data key wrapped to its hub's age key, with the
// cell's site id beside it (lock_recover.go says how recovery uses it).

// openEscrow decrypts a request's escrow with the hub's identity and
// returns the data key and the site it is bound to, after checking it is
// the key the request names. An escrow that names no site is refused.
func openEscrow(req recoveryRequest, identity string) (key []byte, site string, err error) {
	id, err := age.ParseX25519Identity(identity)
	if err != nil {
		return nil, "", err
	}
	plain, err := readAgeAll(req.Escrow, id, maxEscrowPlain)
	if err != nil {
		return nil, "", fmt.Errorf("the escrow does not open with this hub's key: %w", ErrInvalid)
	}
	key, site, ok := splitEscrow(plain)
	if !ok {
		return nil, "", fmt.Errorf("%w (it was made by an older version of the app and never opened since)", ErrRecoveryUnbound)
	}
	sl, err := newSealer(key)
	if err != nil || sl.keyID() != req.KeyID {
		return nil, "", fmt.Errorf("the escrow holds another key: %w", ErrInvalid)
	}
	return key, site, nil
}

// A bound escrow's plaintext: escrowMagic, the site id, a newline, then
// the 32-byte data key. age authenticates it, so the site id cannot be
// changed without the hub's key, and nobody without the data key can
// make an escrow of it for another site.
const (
	escrowMagic    = "chibo escrow v2\n"
	maxEscrowPlain = 256
)

func joinEscrow(key []byte, site string) []byte {
	return append([]byte(escrowMagic+site+"\n"), key...)
}

func splitEscrow(plain []byte) (key []byte, site string, ok bool) {
	rest, found := bytes.CutPrefix(plain, []byte(escrowMagic))
	i := bytes.IndexByte(rest, '\n')
	if !found || i <= 0 || len(rest)-i-1 != keyfile.KeySize {
		return nil, "", false
	}
	return rest[i+1:], string(rest[:i]), true
}

// bindEscrow rewraps an escrow made before escrows named their site, to
// the same hub, with this site's id inside; it needs the data key.
func (s *Store) bindEscrow(ctx context.Context) error {
	if s.lock == nil || s.lock.Escrow == "" || s.lock.EscrowBound || s.key == nil {
		return nil
	}
	site, err := metaGet(ctx, s.db, "site_id")
	if err != nil || site == "" {
		return err
	}
	hub, err := s.Peer(ctx, s.lock.EscrowTo)
	if err != nil {
		return err
	}
	r, err := age.ParseX25519Recipient(hub.AgeRecipient)
	if err != nil {
		return err
	}
	l := *s.lock
	if l.Escrow, err = keyfile.Wrap(joinEscrow(s.key, site), r); err != nil {
		return err
	}
	l.EscrowBound = true
	return s.saveLockNow(ctx, &l)
}

// readAgeAll opens an armored age file with id, reading at most max bytes.
func readAgeAll(armored string, id age.Identity, max int64) ([]byte, error) {
	r, err := age.Decrypt(armor.NewReader(strings.NewReader(armored)), id)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("escrow of %d bytes: %w", len(b), ErrDamaged)
	}
	return b, nil
}
