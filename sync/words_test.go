package sync

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFingerprintWords(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range fingerprintWords {
		if seen[w] || w == "" || !norm.NFC.IsNormalString(w) {
			t.Fatalf("word %q is empty, repeated or not NFC", w)
		}
		seen[w] = true
	}
	k, _ := GenerateKeys()
	pub, rcpt, _ := PublicKeys(k)
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"stable", FingerprintWords(pub, rcpt), FingerprintWords(pub, rcpt), true},
		{"depends on the age key", FingerprintWords(pub, rcpt), FingerprintWords(pub, rcpt+"x"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if (tc.a == tc.b) != tc.same || len(strings.Fields(tc.a)) != 8 {
				t.Fatalf("%q vs %q", tc.a, tc.b)
			}
		})
	}
}
