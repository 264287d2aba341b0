// Package keyfile is what a data folder's key file (keys.json) is made of:
// the data key wrapped with the passphrase (age scrypt), wrapped to the
// hub's age key (the escrow a forgotten passphrase is recovered through),
// and wrapped with a paper recovery code. It knows nothing of databases;
// the store decides who may set a passphrase and what a wrong one means.
package keyfile

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// LogN is age's scrypt work factor for the passphrase and the recovery
// code: about a second on an old laptop, once per unlock. Only tests lower
// it (internal/testingutil.FastKeys), so that setting up hundreds of sites
// stays fast; being internal, nothing outside chibo can.
var LogN = 18

// File is keys.json.
type File struct {
	Format   int    `json:"format"`
	KeyID    string `json:"key_id"`
	Pass     string `json:"passphrase"`          // data key, age scrypt, armored
	Escrow   string `json:"escrow,omitempty"`    // data key to the hub's age recipient, armored
	EscrowTo string `json:"escrow_to,omitempty"` // that hub's site id
	// EscrowBound: the escrow holds, beside the key, the site id it
	// belongs to (store/lock_escrow.go), so a hub answers only for that
	// cell. An escrow made before is rewrapped the first time the key is
	// in memory.
	EscrowBound bool   `json:"escrow_bound,omitempty"`
	Code        string `json:"code,omitempty"` // data key, age scrypt with a paper recovery code
	// Identities are the site's age identities, newest last, each sealed
	// with the data key (base64): what opens a backup when the database
	// that also holds them is damaged or on a laptop that died.
	Identities []string `json:"identities"`
}

// KeySize is a data key's length.
const KeySize = 32

// ErrKeySize means a wrapped key opened to something that is not a data
// key: the file is damaged or not a key file.
var ErrKeySize = errors.New("wrapped key of the wrong size")

// Wrap encrypts the data key to one recipient, armored for JSON.
func Wrap(key []byte, r age.Recipient) (string, error) {
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		return "", err
	}
	if _, err := w.Write(key); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	if err := aw.Close(); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// Unwrap opens an armored wrapped data key with any age identity.
func Unwrap(armored string, id age.Identity) ([]byte, error) {
	r, err := age.Decrypt(armor.NewReader(strings.NewReader(armored)), id)
	if err != nil {
		return nil, err
	}
	key, err := io.ReadAll(io.LimitReader(r, 2*KeySize))
	if err != nil {
		return nil, err
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("%d bytes: %w", len(key), ErrKeySize)
	}
	return key, nil
}

// WrapSecret wraps the data key with a secret (a passphrase, a recovery
// code) at scrypt work factor logN.
func WrapSecret(key []byte, secret string, logN int) (string, error) {
	r, err := age.NewScryptRecipient(secret)
	if err != nil {
		return "", err
	}
	r.SetWorkFactor(logN)
	return Wrap(key, r)
}

// UnwrapSecret opens a key wrapped with a secret.
func UnwrapSecret(armored, secret string) ([]byte, error) {
	id, err := age.NewScryptIdentity(secret)
	if err != nil {
		return nil, err
	}
	return Unwrap(armored, id)
}

// Paper recovery codes: six groups of four characters from an alphabet
// without 0/O and 1/I, read aloud and copied by hand.
const (
	codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	codeGroups   = 6
)

// NewCode makes a recovery code.
func NewCode() (string, error) {
	b := make([]byte, codeGroups*4)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(codeAlphabet[int(c)%len(codeAlphabet)]) // 256 is a multiple of 32: no bias
	}
	return sb.String(), nil
}

// NormCode forgives case, spaces and dashes in a code typed from paper:
// it is what a code wraps and unwraps with.
func NormCode(code string) string {
	var sb strings.Builder
	for _, r := range strings.ToUpper(code) {
		if strings.ContainsRune(codeAlphabet, r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
