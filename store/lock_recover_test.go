package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"chibo/internal/keyfile"
)

// recoveryPair is a hub and one of its cells, each pinned by the other.
func recoveryPair(t *testing.T) (hub, cell *Store) {
	t.Helper()
	ctx := context.Background()
	open := func() *Store {
		st, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	hubKey, _ := age.GenerateX25519Identity()
	hub = open()
	hs, err := hub.Init(ctx, Setup{Passphrase: "mật khẩu của xã", Role: RoleHub, Name: "Đảng ủy xã Sín Chéng",
		Keys: Keys{SignPriv: make([]byte, 64), AgeIdentity: hubKey.String()}})
	if err != nil {
		t.Fatal(err)
	}
	cellKey, _ := age.GenerateX25519Identity()
	cell = open()
	cs, err := cell.Init(ctx, Setup{Passphrase: testPass, Role: RoleCell, Name: "Chi bộ thôn Lao Chải",
		Keys: Keys{SignPriv: make([]byte, 64), AgeIdentity: cellKey.String()},
		Hub:  &Peer{SiteID: hs.ID, Role: RoleHub, Name: hs.Name, SignPub: make([]byte, 32), AgeRecipient: hubKey.Recipient().String(), Fingerprint: "H"}})
	if err != nil {
		t.Fatal(err)
	}
	err = hub.tx(ctx, func(tx *sql.Tx) error {
		return pinPeer(ctx, tx, Peer{SiteID: cs.ID, Role: RoleCell, Name: cs.Name, SignPub: make([]byte, 32),
			AgeRecipient: cellKey.Recipient().String(), Fingerprint: "C"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return hub, cell
}

func TestRecoveryThroughTheHub(t *testing.T) {
	ctx := context.Background()
	hub, cell := recoveryPair(t)
	if _, err := cell.SaveMember(ctx, Member{FullName: "Giàng A Páo", Status: StatusFull, CitizenID: "001234567890"}); err != nil {
		t.Fatal(err)
	}
	cell.Lock() // the passphrase is forgotten
	stick := t.TempDir()
	req, err := cell.WriteRecoveryRequest(ctx, stick)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cell.WriteRecoveryRequest(ctx, stick); err != nil { // asked twice: the newest counts
		t.Fatal(err)
	}
	hub.Lock()
	if _, err := hub.AnswerRecovery(ctx, req, stick); !IsLocked(err) {
		t.Fatalf("a locked hub answered: %v", err)
	}
	if err := hub.Unlock("mật khẩu của xã"); err != nil {
		t.Fatal(err)
	}
	ans, err := hub.AnswerRecovery(ctx, req, stick)
	if err != nil {
		t.Fatal(err)
	}
	if ans.CellName != "Chi bộ thôn Lao Chải" || len(keyfile.NormCode(ans.Code)) != 24 {
		t.Fatalf("answer %+v", ans)
	}
	cases := []struct {
		name, code, pass string
		want             error
	}{
		{"wrong code", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", "mật khẩu mới dài", ErrWrongPassphrase},
		{"short new passphrase", ans.Code, "ngắn", ErrWeakPassphrase},
		{"code typed loosely", " " + lowerSpaced(ans.Code), "mật khẩu mới dài", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := cell.Recover(ctx, ans.Path, tc.code, tc.pass); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	site, _ := cell.Site(ctx)
	if ms, err := cell.Members(ctx, site.ID, ""); err != nil || ms[0].CitizenID != "001234567890" {
		t.Fatalf("after recovery: %+v, %v", ms, err)
	}
	cell.Lock()
	if err := cell.Unlock("mật khẩu mới dài"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cell.Dir(), recoveryKeyFile)); !errors.Is(err, os.ErrNotExist) {
		t.Error("the one-time reply key stayed behind")
	}
}

func TestRecoveryRefusals(t *testing.T) {
	ctx := context.Background()
	hub, cell := recoveryPair(t)
	other, _ := recoveryPair(t)
	stick := t.TempDir()
	req, err := cell.WriteRecoveryRequest(ctx, stick)
	if err != nil {
		t.Fatal(err)
	}
	notReq := filepath.Join(stick, "danh-sach.json")
	os.WriteFile(notReq, []byte(`{"kind":"something else"}`), 0o600)
	cases := map[string]struct {
		hub  *Store
		path string
		want error
	}{
		"request for another hub": {other, req, ErrWrongRole},
		"not a request":           {hub, notReq, ErrInvalid},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := tc.hub.AnswerRecovery(ctx, tc.path, t.TempDir()); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := hub.WriteRecoveryRequest(ctx, stick); !errors.Is(err, ErrNoEscrow) {
		t.Errorf("a hub asked its own hub: %v", err)
	}
}

func TestHubPaperCode(t *testing.T) {
	ctx := context.Background()
	hub, _ := recoveryPair(t)
	code, err := hub.NewRecoveryCode(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hub.Lock()
	if err := hub.RecoverWithCode(ctx, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", "mật khẩu mới của xã"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong code: %v", err)
	}
	if err := hub.RecoverWithCode(ctx, code, "mật khẩu mới của xã"); err != nil {
		t.Fatal(err)
	}
	hub.Lock()
	if err := hub.Unlock("mật khẩu mới của xã"); err != nil {
		t.Fatal(err)
	}
}

func lowerSpaced(code string) string {
	out := []rune{}
	for i, r := range code {
		if r == '-' {
			out = append(out, ' ')
			continue
		}
		if i%2 == 0 && r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		out = append(out, r)
	}
	return string(out)
}
