package store

// Sealing: how sensitive values are kept on disk.
//
// SQLite here has no page encryption (modernc.org/sqlite has no codec), so
// the sensitive columns of DOMAIN.md "Sensitive data" (colSealed in
// entities.go) and the store's own sealed places (storePlaces: every
// change-log payload, held changes, conflicts, acknowledgements, cells'
// claims, the private keys) are encrypted one value at a time with the
// site's data key before they are written, and stored as BLOBs (format in
// chibo/internal/seal). Each value is bound to its place: its table, its
// column and the key of its row, so a value copied elsewhere does not open.
//
// Reads decrypt in SQL with unseal(col, 'table.col', key…), a function
// registered with the driver that finds the data key by its id in a
// process-wide key ring and the place from its arguments (unsealSQL
// writes them). The ring holds a key only while its store is unlocked, so
// a locked store's queries fail instead of returning ciphertext, and
// aggregates (GROUP BY unseal(…)) still run inside SQLite.
//
// In a sealed place only a bound sealed value, NULL, "" or 0 (a column's
// default before anything was written) is accepted: a plain value, or a
// value sealed for another place or before places were bound, is a value
// planted from outside the app, and the read fails with ErrTampered.

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	gosync "sync"

	"modernc.org/sqlite"

	"chibo/internal/seal"
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

// sealer seals values with one site's data key.
type sealer struct {
	kid [4]byte
	k   *seal.Key
}

func newSealer(key []byte) (*sealer, error) {
	k, err := seal.New(key)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	sl := &sealer{k: k}
	id := k.ID()
	sl.kid = [4]byte{byte(id >> 24), byte(id >> 16), byte(id >> 8), byte(id)}
	return sl, nil
}

// keyID is the data key's id as keys.json writes it.
func (sl *sealer) keyID() string { return sl.k.IDHex() }

// keyring holds the unlocked data keys by id for unseal(), counted: two
// stores of one site (a copied folder, a restore beside the original) may
// be open at once, and locking one must not lock the other.
var keyring struct {
	gosync.RWMutex
	m map[uint32]*ringEntry
}

type ringEntry struct {
	k *seal.Key
	n int
}

func (sl *sealer) register() {
	id := sl.k.ID()
	keyring.Lock()
	defer keyring.Unlock()
	if keyring.m == nil {
		keyring.m = map[uint32]*ringEntry{}
	}
	if e := keyring.m[id]; e != nil {
		e.n++
		return
	}
	keyring.m[id] = &ringEntry{k: sl.k, n: 1}
}

func (sl *sealer) unregister() {
	id := sl.k.ID()
	keyring.Lock()
	defer keyring.Unlock()
	if e := keyring.m[id]; e != nil {
		if e.n--; e.n <= 0 {
			delete(keyring.m, id)
		}
	}
}

func ringKey(id uint32) (*seal.Key, bool) {
	keyring.RLock()
	defer keyring.RUnlock()
	e := keyring.m[id]
	if e == nil {
		return nil, false
	}
	return e.k, true
}

// seal encrypts a text or integer value for a place; nil and "" stay as
// they are, so an empty field costs nothing and reads back empty.
func (sl *sealer) seal(v any, p seal.Place) (any, error) {
	var kind byte
	var plain []byte
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if x == "" {
			return x, nil
		}
		kind, plain = seal.Text, []byte(x)
	case []byte: // private keys are stored as blobs
		if len(x) == 0 {
			return "", nil
		}
		kind, plain = seal.Text, x
	case int64:
		kind, plain = seal.Integer, strconv.AppendInt(nil, x, 10)
	case int:
		kind, plain = seal.Integer, strconv.AppendInt(nil, int64(x), 10)
	case bool:
		n := int64(0)
		if x {
			n = 1
		}
		kind, plain = seal.Integer, strconv.AppendInt(nil, n, 10)
	default:
		return nil, fmt.Errorf("store: seal a %T: %w", v, ErrInvalid)
	}
	if sl == nil {
		return nil, ErrStoreLocked
	}
	return sl.k.Seal(kind, plain, p)
}

// recordPlace is where a record's sealed column is kept: bound to the
// record's organisation and id (recordKey).
func recordPlace(def entityDef, col, orgID, id string) seal.Place {
	return seal.Place{Table: def.table, Column: col, Row: []string{orgID, id}}
}

// storePlace is a sealed column of the store's own tables (storePlaces)
// and the values of its row's key.
func storePlace(table, col string, key ...any) seal.Place {
	row := make([]string, len(key))
	for i, k := range key {
		row[i] = keyText(k)
	}
	return seal.Place{Table: table, Column: col, Row: row}
}

// keyText is a key value as the place binds it, the same whether it comes
// from Go or from SQLite.
func keyText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// sealFields returns a copy of a record's fields with its sealed columns
// encrypted; the caller's map is left clear for the change log.
func (sl *sealer) sealFields(def entityDef, orgID, id string, fields map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		if def.sealed(k) {
			sv, err := sl.seal(v, recordPlace(def, k, orgID, id))
			if err != nil {
				return nil, fmt.Errorf("store: seal %s.%s: %w", def.name, k, err)
			}
			v = sv
		}
		out[k] = v
	}
	return out, nil
}

// unsealValue opens the value found at a place with a key from the ring.
// NULL, "" and 0 are what a column holds before anything is written;
// anything else that is not a value sealed for this very place is not the
// app's, and is refused.
func unsealValue(v any, p seal.Place) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if x == "" {
			return x, nil
		}
	case int64:
		if x == 0 {
			return x, nil
		}
	case []byte:
		if len(x) == 0 {
			return "", nil
		}
		if !seal.IsSealed(x) {
			break
		}
		k, ok := ringKey(seal.KeyID(x))
		if !ok {
			return nil, ErrStoreLocked
		}
		kind, plain, err := k.Open(x, p)
		if err != nil {
			return nil, tampered(TamperMoved, p, "")
		}
		if kind == seal.Integer {
			return strconv.ParseInt(string(plain), 10, 64)
		}
		return string(plain), nil
	}
	return nil, tampered(TamperPlanted, p, "")
}

// unsealText is unsealValue for a value scanned as raw bytes or text.
func unsealText(v any, p seal.Place) (string, error) {
	u, err := unsealValue(v, p)
	if err != nil {
		return "", err
	}
	switch x := u.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	default:
		return fmt.Sprint(x), nil
	}
}

// unsealSQL is the SQL that reads a sealed column: unseal(col, 'table.col',
// key…), the row's key columns taken with the same alias ("" for none).
func unsealSQL(table, col, alias string) string {
	key := recordKey
	for _, p := range storePlaces {
		if p.table == table && p.col == col {
			key = p.key
		}
	}
	if alias != "" {
		alias += "."
	}
	parts := strings.Split(key, ", ")
	for i, k := range parts {
		parts[i] = alias + k
	}
	return "unseal(" + alias + col + ", '" + table + "." + col + "', " + strings.Join(parts, ", ") + ")"
}

// readCols is a select list of a record's columns ("id, org_id, …") with
// each sealed column read through unseal, every column under alias.
func readCols(entity, alias, list string) string {
	def := entities[entity]
	cols := strings.Split(strings.Join(strings.Fields(list), " "), ", ")
	for i, c := range cols {
		switch {
		case def.sealed(c):
			cols[i] = unsealSQL(def.table, c, alias)
		case alias != "":
			cols[i] = alias + "." + c
		}
	}
	return strings.Join(cols, ", ")
}

func init() {
	// unseal(value, 'table.column', key…): the place's key columns follow.
	sqlite.MustRegisterDeterministicScalarFunction("unseal", -1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			if len(args) < 3 {
				return nil, fmt.Errorf("unseal: want a value, its place and its row's key: %w", ErrInvalid)
			}
			table, col, _ := strings.Cut(keyText(args[1]), ".")
			p := seal.Place{Table: table, Column: col, Row: make([]string, len(args)-2)}
			for i, k := range args[2:] {
				p.Row[i] = keyText(k)
			}
			return unsealValue(args[0], p)
		})
}
