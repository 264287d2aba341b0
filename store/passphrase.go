package store

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/match"
)

// The passphrase policy, in one place: every passphrase the app accepts
// (setup, protect, change, recovery) goes through CheckPassphrase.
//
// The passphrase wraps the data key with scrypt (about a second per guess
// on an old laptop), and anyone holding a copy of the folder can guess
// offline for as long as they like. So a passphrase must be long enough
// and not among the first guesses an attacker tries: it is scored with
// zxcvbn (github.com/trustelem/zxcvbn, the Go port of Dropbox's
// estimator: common passwords, words, names, dates, keyboard rows,
// repeats and sequences), fed also with the site's own names and a short
// list of Vietnamese choices (passphrase_vi.txt), on the passphrase as
// typed and without its diacritics. A score of 3 means about 10^8
// guesses or more: years of scrypt on one laptop. It is the app's own
// policy, not a Party regulation, so it lives here.

// MinPassphrase is the shortest passphrase accepted, in characters.
const MinPassphrase = 8

// minPassScore is the lowest zxcvbn score accepted (0 to 4).
const minPassScore = 3

// maxScored bounds the characters scored: the estimator's work grows
// faster than the length, and a passphrase weak in its first 64
// characters is weak.
const maxScored = 64

// Passphrase errors. A weak one is a *PassphraseError that Is
// ErrGuessablePassphrase and names why.
var (
	ErrWeakPassphrase      = fmt.Errorf("passphrase shorter than %d characters", MinPassphrase)
	ErrGuessablePassphrase = errors.New("passphrase is too easy to guess")
)

// Why a passphrase is easy to guess, as PassphraseError.Reason.
const (
	PassCommon   = "common"   // a common password or word
	PassName     = "name"     // the site's own name or place
	PassSequence = "sequence" // 12345678, abcdefgh
	PassRepeat   = "repeat"   // 11111111, abcabcabc
	PassKeyboard = "keyboard" // qwertyui, a row of keys
	PassDate     = "date"     // a date or a year
	PassShort    = "short"    // too little of anything else
)

// PassphraseError says why a passphrase was refused.
type PassphraseError struct{ Reason string }

var passReasons = map[string]string{
	PassCommon: "it is a common password or word", PassName: "it is made of this unit's own name or place",
	PassSequence: "it is a run like 12345678 or abcdefgh", PassRepeat: "it repeats the same characters",
	PassKeyboard: "it follows a row of keys on the keyboard", PassDate: "it is a date or a year",
	PassShort: "it is too short for what it is made of",
}

func (e *PassphraseError) Error() string {
	return fmt.Sprintf("%v: %s; choose a few words of your own, at least %d characters in all", ErrGuessablePassphrase, passReasons[e.Reason], MinPassphrase)
}

func (e *PassphraseError) Unwrap() error { return ErrGuessablePassphrase }

//go:embed passphrase_vi.txt
var viCommonText string

// viCommon is passphrase_vi.txt without its comments.
var viCommon = func() []string {
	var out []string
	for _, l := range strings.Split(viCommonText, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}()

// CheckPassphrase refuses a passphrase that is too short or too easy to
// guess; names are the site's own (its name, place, parent), which a
// passphrase must not be built from.
func CheckPassphrase(pass string, names ...string) error {
	pass = NFC(pass)
	runes := []rune(pass)
	if len(runes) < MinPassphrase {
		return ErrWeakPassphrase
	}
	if len(runes) > maxScored {
		runes = runes[:maxScored]
	}
	hints := append([]string{}, viCommon...)
	for _, n := range names {
		if n = strings.TrimSpace(NFC(n)); n != "" {
			hints = append(hints, strings.ToLower(n), Fold(n), strings.ReplaceAll(Fold(n), " ", ""))
			hints = append(hints, strings.Fields(Fold(n))...)
		}
	}
	worst := zxcvbn.PasswordStrength(string(runes), hints)
	if r := zxcvbn.PasswordStrength(Fold(string(runes)), hints); r.Guesses < worst.Guesses {
		worst = r
	}
	if worst.Score >= minPassScore {
		return nil
	}
	return &PassphraseError{Reason: reasonOf(worst.Sequence, names)}
}

// reasonOf names the longest pattern the estimator found.
func reasonOf(seq []*match.Match, names []string) string {
	var best *match.Match
	for _, m := range seq {
		if m.Pattern != "bruteforce" && (best == nil || m.J-m.I > best.J-best.I) {
			best = m
		}
	}
	if best == nil {
		return PassShort
	}
	switch best.Pattern {
	case "dictionary":
		if best.DictionaryName == "user_inputs" && fromNames(best.MatchedWord, names) {
			return PassName
		}
		return PassCommon
	case "sequence":
		return PassSequence
	case "repeat":
		return PassRepeat
	case "spatial":
		return PassKeyboard
	case "date", "regex":
		return PassDate
	}
	return PassShort
}

// fromNames reports whether a matched hint came from the site's names
// rather than the common list.
func fromNames(word string, names []string) bool {
	for _, n := range names {
		f := Fold(n)
		if word != "" && (strings.Contains(strings.ToLower(n), word) || strings.Contains(f, word) ||
			strings.Contains(strings.ReplaceAll(f, " ", ""), word)) {
			return true
		}
	}
	return false
}
