package store

import (
	"errors"
	"strings"

	"chibo/internal/seal"
)

// Data changed outside the app.
//
// Someone with the data folder and sqlite3 but not the passphrase cannot
// read the sealed values, but could once write: a plain value where a
// sealed one belongs, a sealed value copied from another row, a change-log
// row of their own making, which the next export then signed. Each sealed
// value is now bound to its place (seal.go), and every change-log row is
// linked to the one before by a MAC made with the data key (changes_chain.go).
// What does not fit is reported as a TamperError, before it is shown and
// before it is ever exported.

// ErrTampered means the data folder holds something the app did not write.
var ErrTampered = errors.New("the data folder was changed outside the app")

// TamperKind says what was found.
type TamperKind string

// What tampering looks like.
const (
	TamperPlanted TamperKind = "planted" // a value or change-log row the app did not write
	TamperMoved   TamperKind = "moved"   // a sealed value that does not open where it is: changed, or copied from elsewhere
	TamperRemoved TamperKind = "removed" // change-log rows are missing
	TamperAltered TamperKind = "altered" // a change-log row no longer matches its link: changed or put out of order
)

// TamperError names what was found and where.
type TamperError struct {
	Kind  TamperKind
	Place string // table.column
	Row   string // the row's key
}

func (e *TamperError) Error() string {
	s := ErrTampered.Error() + ": " + string(e.Kind) + " " + e.Place
	if e.Row != "" {
		s += " (" + e.Row + ")"
	}
	return s
}

func (e *TamperError) Unwrap() error { return ErrTampered }

func tampered(kind TamperKind, p seal.Place, row string) error {
	if row == "" {
		row = strings.Join(p.Row, "/")
	}
	return &TamperError{Kind: kind, Place: p.Table + "." + p.Column, Row: row}
}

// IsTampered reports whether err says the folder was changed outside the
// app. Like IsLocked, it also knows the error by its text, which is all
// that is left of it after it crossed SQLite (unseal() in a query).
func IsTampered(err error) bool {
	return err != nil && (errors.Is(err, ErrTampered) || strings.Contains(err.Error(), ErrTampered.Error()))
}

// TamperKindOf returns what a tampering error found.
func TamperKindOf(err error) TamperKind {
	var te *TamperError
	if errors.As(err, &te) {
		return te.Kind
	}
	if !IsTampered(err) {
		return ""
	}
	_, rest, _ := strings.Cut(err.Error(), ErrTampered.Error()+": ")
	for _, k := range []TamperKind{TamperPlanted, TamperMoved, TamperRemoved, TamperAltered} {
		if strings.HasPrefix(rest, string(k)) {
			return k
		}
	}
	return ""
}
