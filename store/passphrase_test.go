package store

import (
	"context"
	"errors"
	"testing"
)

// TestAttackWeakPassphraseRefused: passphrases a thief with a copy of the
// folder would try first are refused at setup and when changed, each with
// its reason; a short sentence of one's own is accepted.
func TestAttackWeakPassphraseRefused(t *testing.T) {
	names := []string{"Chi bộ thôn Sín Chéng", "Sín Chéng", "Đảng ủy xã Sín Chéng"}
	tests := []struct {
		pass, reason string
	}{
		{"12345678", PassCommon},
		{"password", PassCommon},
		{"matkhau2025", PassCommon},
		{"mật khẩu 1", PassCommon},
		{"anh yêu em", PassCommon},
		{"qwertyuiop", PassCommon},
		{"aaaaaaaaaa", PassRepeat},
		{"01/02/1990", PassDate},
		{"Chi bộ thôn Sín Chéng", PassName},
		{"sincheng2025", PassName},
		{"ngắn", ""}, // too short: ErrWeakPassphrase
	}
	for _, tc := range tests {
		t.Run(tc.pass, func(t *testing.T) {
			err := CheckPassphrase(tc.pass, names...)
			var pe *PassphraseError
			switch {
			case tc.reason == "" && !errors.Is(err, ErrWeakPassphrase):
				t.Fatalf("got %v, want too short", err)
			case tc.reason != "" && (!errors.As(err, &pe) || pe.Reason != tc.reason || !errors.Is(err, ErrGuessablePassphrase)):
				t.Fatalf("got %v, want too easy to guess: %s", err, tc.reason)
			}
		})
	}
	for _, good := range []string{"mật khẩu thử nghiệm", "bắp ngô nương rẫy mùa thu", "Trâu đi cày sớm 7 giờ"} {
		if err := CheckPassphrase(good, names...); err != nil {
			t.Errorf("%q refused: %v", good, err)
		}
	}
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := Setup{Passphrase: "12345678", Role: RoleHub, Name: names[2], Keys: Keys{SignPriv: []byte{1}, AgeIdentity: "a"}}
	if _, err := st.Init(context.Background(), in); !errors.Is(err, ErrGuessablePassphrase) {
		t.Fatalf("setup with 12345678: %v", err)
	}
	in.Passphrase = testPass
	if _, err := st.Init(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if err := st.ChangePassphrase(context.Background(), testPass, "Đảng ủy xã Sín Chéng"); !errors.Is(err, ErrGuessablePassphrase) {
		t.Fatalf("changed to the hub's own name: %v", err)
	}
}
