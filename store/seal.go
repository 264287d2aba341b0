package store

// Sealing: how sensitive values are kept on disk.
//
// SQLite here has no page encryption (modernc.org/sqlite has no codec), so
// the sensitive columns of DOMAIN.md "Sensitive data" and every change-log
// payload are encrypted one value at a time with the site's data key
// (XChaCha20-Poly1305, random 24-byte nonce) before they are written, and
// stored as BLOBs:
//
//	0xC5 'S'  kind ('t' text, 'i' integer)  key id (4 bytes)  nonce (24)  ciphertext+tag
//
// Reads decrypt in SQL with unseal(col), a function registered with the
// driver that finds the key by its id in a process-wide key ring. The ring
// holds a key only while its store is unlocked, so a locked store's
// queries fail instead of returning ciphertext, and aggregates (GROUP BY
// unseal(cell_level)) still run inside SQLite. Plain values pass through
// unseal unchanged, which keeps the columns readable by older rows and
// tests of non-sensitive data.

import (
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	gosync "sync"

	"golang.org/x/crypto/chacha20poly1305"
	"modernc.org/sqlite"
)

const (
	sealMagic0 = 0xC5
	sealMagic1 = 'S'
	sealHeader = 2 + 1 + 4 + chacha20poly1305.NonceSizeX
)

// ErrStoreLocked means the data key is not in memory: the passphrase has
// not been given, or the app locked itself.
var ErrStoreLocked = errors.New("data is locked: the passphrase is needed")

// IsLocked reports whether err comes from reading sealed data while the
// store is locked. The error may have crossed SQLite (unseal() in a query),
// which keeps only its text, so the text is checked too.
func IsLocked(err error) bool {
	return err != nil && (errors.Is(err, ErrStoreLocked) || strings.Contains(err.Error(), ErrStoreLocked.Error()))
}

// sealedCols lists, per entity, the columns sealed at rest. The record's
// identity, dates and names stay clear so lists sort and search without
// the key; what DOMAIN.md calls sensitive does not.
var sealedCols = map[string]map[string]bool{
	"member": set("ethnicity", "religion", "citizen_id", "card_no", "background_no", "phone", "notes"),
	"candidate": set("ethnicity", "religion", "citizen_id", "phone", "notes", "dossier", "certificate_no",
		"votes_for", "voters"),
	"review": set("self_text", "self_level", "self_score", "committee_comment", "org_comment", "voters",
		"votes_excellent", "votes_good", "votes_done", "votes_failed", "cell_level", "hub_level",
		"suspended", "sick_leave_months", "disciplined", "maternity"),
	"attendance":   set("reason"),
	"speaker":      set("remarks"),
	"agenda_item":  set("discussion"),
	"meeting_vote": set("subject"),
	"dues":         set("exemption", "reduction", "note", "reduction_pct"),
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// isSealed reports whether a column of an entity is sealed at rest.
func isSealed(entity, col string) bool { return sealedCols[entity][col] }

// sealer encrypts values with one site's data key.
type sealer struct {
	kid  [4]byte
	aead cipher.AEAD
}

func newSealer(key []byte) (*sealer, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("store: data key: %w", err)
	}
	sl := &sealer{aead: aead}
	sum := sha256.Sum256(append([]byte("chibo data key id\x00"), key...))
	copy(sl.kid[:], sum[:4])
	return sl, nil
}

// keyring holds the unlocked data keys by id for unseal(), counted: two
// stores of one site (a copied folder, a restore beside the original) may
// be open at once, and locking one must not lock the other.
var keyring struct {
	gosync.RWMutex
	m map[uint32]*ringEntry
}

type ringEntry struct {
	aead cipher.AEAD
	n    int
}

func (sl *sealer) register() {
	id := binary.BigEndian.Uint32(sl.kid[:])
	keyring.Lock()
	defer keyring.Unlock()
	if keyring.m == nil {
		keyring.m = map[uint32]*ringEntry{}
	}
	if e := keyring.m[id]; e != nil {
		e.n++
		return
	}
	keyring.m[id] = &ringEntry{aead: sl.aead, n: 1}
}

func (sl *sealer) unregister() {
	id := binary.BigEndian.Uint32(sl.kid[:])
	keyring.Lock()
	defer keyring.Unlock()
	if e := keyring.m[id]; e != nil {
		if e.n--; e.n <= 0 {
			delete(keyring.m, id)
		}
	}
}

func ringKey(id uint32) (cipher.AEAD, bool) {
	keyring.RLock()
	defer keyring.RUnlock()
	e := keyring.m[id]
	if e == nil {
		return nil, false
	}
	return e.aead, true
}

// seal encrypts a text or integer value; nil and "" stay as they are, so
// an empty field costs nothing and reads back empty.
func (sl *sealer) seal(v any) (any, error) {
	var kind byte
	var plain []byte
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if x == "" {
			return x, nil
		}
		kind, plain = 't', []byte(x)
	case int64:
		kind, plain = 'i', strconv.AppendInt(nil, x, 10)
	case int:
		kind, plain = 'i', strconv.AppendInt(nil, int64(x), 10)
	case bool:
		n := int64(0)
		if x {
			n = 1
		}
		kind, plain = 'i', strconv.AppendInt(nil, n, 10)
	default:
		return nil, fmt.Errorf("store: seal a %T: %w", v, ErrInvalid)
	}
	if sl == nil {
		return nil, ErrStoreLocked
	}
	out := make([]byte, sealHeader, sealHeader+len(plain)+sl.aead.Overhead())
	out[0], out[1], out[2] = sealMagic0, sealMagic1, kind
	copy(out[3:7], sl.kid[:])
	if _, err := rand.Read(out[7:sealHeader]); err != nil {
		return nil, err
	}
	return sl.aead.Seal(out, out[7:sealHeader], plain, out[:7]), nil
}

// sealString seals text that is never empty in practice (change payloads).
func (sl *sealer) sealString(s string) (any, error) { return sl.seal(s) }

// sealFields returns a copy of fields with the entity's sealed columns
// encrypted; the caller's map is left clear for the change log.
func (sl *sealer) sealFields(entity string, fields map[string]any) (map[string]any, error) {
	cols := sealedCols[entity]
	if len(cols) == 0 {
		return fields, nil
	}
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		if cols[k] {
			sv, err := sl.seal(v)
			if err != nil {
				return nil, fmt.Errorf("store: seal %s.%s: %w", entity, k, err)
			}
			v = sv
		}
		out[k] = v
	}
	return out, nil
}

// isSealedBlob tells a sealed value from a plain one.
func isSealedBlob(b []byte) bool {
	return len(b) >= sealHeader && b[0] == sealMagic0 && b[1] == sealMagic1
}

// unsealValue decrypts a sealed value with a key from the ring; anything
// that is not a sealed blob is returned unchanged.
func unsealValue(v any) (any, error) {
	b, ok := v.([]byte)
	if !ok || !isSealedBlob(b) {
		return v, nil
	}
	a, ok := ringKey(binary.BigEndian.Uint32(b[3:7]))
	if !ok {
		return nil, ErrStoreLocked
	}
	plain, err := a.Open(nil, b[7:sealHeader], b[sealHeader:], b[:7])
	if err != nil {
		return nil, fmt.Errorf("store: sealed value does not open: %w", ErrDamaged)
	}
	if b[2] == 'i' {
		return strconv.ParseInt(string(plain), 10, 64)
	}
	return string(plain), nil
}

// unsealText is unsealValue for a column scanned as raw bytes or text.
func unsealText(v any) (string, error) {
	u, err := unsealValue(v)
	if err != nil {
		return "", err
	}
	switch x := u.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	default:
		return fmt.Sprint(x), nil
	}
}

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("unseal", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			return unsealValue(args[0])
		})
}
