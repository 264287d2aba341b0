package keyfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestWrapSecretRoundTrip(t *testing.T) {
	key := bytes.Repeat([]byte{7}, KeySize)
	w, err := WrapSecret(key, "mật khẩu của chi bộ", 10)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(w, "-----BEGIN AGE ENCRYPTED FILE-----") {
		t.Fatalf("not armored: %.40q", w)
	}
	got, err := UnwrapSecret(w, "mật khẩu của chi bộ")
	if err != nil || !bytes.Equal(got, key) {
		t.Fatalf("unwrap: %x %v", got, err)
	}
	if _, err := UnwrapSecret(w, "mật khẩu khác"); err == nil {
		t.Fatal("a wrong passphrase opened the key")
	}
}

func TestUnwrapRefusesWhatIsNotAKey(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	w, err := Wrap([]byte("short"), id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Unwrap(w, id); !errors.Is(err, ErrKeySize) {
		t.Fatalf("got %v", err)
	}
}

func TestRecoveryCodes(t *testing.T) {
	code, err := NewCode()
	if err != nil {
		t.Fatal(err)
	}
	if len(code) != codeGroups*5-1 || strings.Count(code, "-") != codeGroups-1 {
		t.Fatalf("code %q", code)
	}
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	if NormCode(typed) != NormCode(code) || strings.ContainsAny(NormCode(code), "-01OI") {
		t.Fatalf("typed %q normalises to %q, the code to %q", typed, NormCode(typed), NormCode(code))
	}
}
