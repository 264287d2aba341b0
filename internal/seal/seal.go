// Package seal encrypts single values with a site's data key and binds
// each to the place it is kept, and keys the chain of MACs over the change
// log. It knows nothing of databases: the store says what a place is.
//
// A sealed value is
//
//	0xC5 'B'  kind (1)  key id (4)  nonce (24)  ciphertext+tag
//
// sealed with XChaCha20-Poly1305. The first seven bytes and the place
// (table, column and the values that name the row) are the additional
// data, so a value copied to another row, column or table no longer
// opens. Values sealed before binding existed start 0xC5 'S' and have
// only the seven bytes as additional data; OpenUnbound reads them, once,
// to seal them again bound.
package seal

import (
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"

	"golang.org/x/crypto/chacha20poly1305"
)

const (
	magic0  = 0xC5
	bound   = 'B' // sealed and bound to its place
	unbound = 'S' // sealed before places were bound
	// Header is the length of a sealed value's clear header.
	Header = 2 + 1 + 4 + chacha20poly1305.NonceSizeX
)

// Kinds of sealed values.
const (
	Text    = 't'
	Integer = 'i'
)

// ErrNotOpen means a sealed value does not open here: damaged, sealed with
// another key, or moved from the place it was sealed for.
var ErrNotOpen = errors.New("sealed value does not open at this place")

// Place names where a value is kept: a table, a column and the values of
// the row's key, as text.
type Place struct {
	Table, Column string
	Row           []string
}

// Key is a site's data key, ready to seal, open and chain.
type Key struct {
	id    [4]byte
	aead  cipher.AEAD
	chain []byte // the change log's MAC key, derived from the data key
}

// New prepares a 32-byte data key.
func New(key []byte) (*Key, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("seal: data key: %w", err)
	}
	k := &Key{aead: aead}
	sum := sha256.Sum256(append([]byte("chibo data key id\x00"), key...))
	copy(k.id[:], sum[:4])
	m := hmac.New(sha256.New, key)
	m.Write([]byte("chibo change log chain v1"))
	k.chain = m.Sum(nil)
	return k, nil
}

// ID is the key's id, as sealed values and keys.json carry it.
func (k *Key) ID() uint32 { return binary.BigEndian.Uint32(k.id[:]) }

// IDHex is the key's id as keys.json writes it.
func (k *Key) IDHex() string { return hex.EncodeToString(k.id[:]) }

// IsSealed tells a sealed value, bound or not, from a plain one.
func IsSealed(b []byte) bool {
	return len(b) >= Header && b[0] == magic0 && (b[1] == bound || b[1] == unbound)
}

// IsBound tells a value sealed to its place from one sealed before.
func IsBound(b []byte) bool { return IsSealed(b) && b[1] == bound }

// KeyID is the id of the key a sealed value was sealed with.
func KeyID(b []byte) uint32 { return binary.BigEndian.Uint32(b[3:7]) }

// Seal encrypts plain of a kind for a place.
func (k *Key) Seal(kind byte, plain []byte, p Place) ([]byte, error) {
	out := make([]byte, Header, Header+len(plain)+k.aead.Overhead())
	out[0], out[1], out[2] = magic0, bound, kind
	copy(out[3:7], k.id[:])
	if _, err := rand.Read(out[7:Header]); err != nil {
		return nil, err
	}
	return k.aead.Seal(out, out[7:Header], plain, additional(out[:7], p)), nil
}

// Open decrypts a value sealed for this place; a value sealed before
// binding does not open here.
func (k *Key) Open(b []byte, p Place) (kind byte, plain []byte, err error) {
	if !IsBound(b) {
		return 0, nil, ErrNotOpen
	}
	plain, err = k.aead.Open(nil, b[7:Header], b[Header:], additional(b[:7], p))
	if err != nil {
		return 0, nil, ErrNotOpen
	}
	return b[2], plain, nil
}

// OpenUnbound decrypts a value sealed before binding: only the upgrade
// that seals it again bound reads one.
func (k *Key) OpenUnbound(b []byte) (kind byte, plain []byte, err error) {
	if !IsSealed(b) || b[1] != unbound {
		return 0, nil, ErrNotOpen
	}
	plain, err = k.aead.Open(nil, b[7:Header], b[Header:], b[:7])
	if err != nil {
		return 0, nil, ErrNotOpen
	}
	return b[2], plain, nil
}

// additional is the AEAD's additional data: the header, then each part of
// the place with its length first, so no two places encode alike.
func additional(header []byte, p Place) []byte {
	n := len(header) + len(p.Table) + len(p.Column) + 3*binary.MaxVarintLen64
	for _, r := range p.Row {
		n += len(r) + binary.MaxVarintLen64
	}
	out := make([]byte, 0, n)
	out = append(out, header...)
	for _, s := range append([]string{p.Table, p.Column}, p.Row...) {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return out
}

// Digest is a row of the change log reduced to 32 bytes, computed ahead
// of the chain (it needs no order).
type Digest [32]byte

// RowDigest hashes the parts of one change-log row, each with its length.
func RowDigest(parts ...[]byte) Digest {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, p := range parts {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		h.Write(p)
	}
	var d Digest
	h.Sum(d[:0])
	return d
}

// Link is the MAC of the row at position pos of the change log: it covers
// the MAC before it, so a row planted, removed or moved breaks the chain
// from there on, and only the data key makes one.
func (k *Key) Link(prev []byte, pos int64, d Digest) []byte {
	return k.Linker().Link(prev, pos, d)
}

// Linker makes links with one MAC state, reset for each: for the many
// rows of one import. It is not safe for concurrent use.
func (k *Key) Linker() *Linker { return &Linker{m: hmac.New(sha256.New, k.chain)} }

// Linker is Key.Link for a run of rows.
type Linker struct{ m hash.Hash }

// Link is Key.Link.
func (l *Linker) Link(prev []byte, pos int64, d Digest) []byte {
	l.m.Reset()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(pos))
	l.m.Write([]byte{byte(len(prev))})
	l.m.Write(prev)
	l.m.Write(b[:])
	l.m.Write(d[:])
	return l.m.Sum(nil)
}

// Head is the MAC of the chain's last position and link, kept apart from
// the rows so that cutting rows off the end is seen too.
func (k *Key) Head(pos int64, link []byte) []byte {
	m := hmac.New(sha256.New, k.chain)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(pos))
	m.Write([]byte("head"))
	m.Write(b[:])
	m.Write(link)
	return m.Sum(nil)
}

// Equal compares MACs in constant time.
func Equal(a, b []byte) bool { return hmac.Equal(a, b) }
