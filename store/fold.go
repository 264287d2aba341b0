package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in composed form with surrounding space trimmed; everything
// stored goes through it so PDFs render and search matches.
func NFC(s string) string {
	return norm.NFC.String(strings.TrimSpace(s))
}

// Fold lowers case and strips diacritics ("Giàng A Páo" → "giang a pao").
// đ has no decomposition, so it is mapped by hand.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.NewReplacer("đ", "d", "Đ", "d").Replace(out)
	return strings.Join(strings.Fields(strings.ToLower(out)), " ")
}
