package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// openHubKeys opens the hub's key screen through its navigation entry.
func openHubKeys(t *testing.T, hubStore *store.Store) (*shell, *hubKeysScreen) {
	t.Helper()
	hub := newTestShell(t, hubStore)
	for i, it := range hub.items {
		if it.title == "Khóa của chi bộ" {
			hub.nav.Select(i)
			return hub, hub.current.(*hubKeysScreen)
		}
	}
	t.Fatal("no «Khóa của chi bộ» in the hub's navigation")
	return nil, nil
}

// typeInDialog types text into the top dialog's only entry.
func typeInDialog(t *testing.T, sh *shell, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(sh.win.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			test.Type(e, text)
			return
		}
	}
	t.Fatalf("no entry in dialog:\n%s", overlayText(sh.win))
}

// enrolledCell is a cell whose first bundle the hub has accepted.
func enrolledCell(t *testing.T) (cell *shell, hubStore *store.Store) {
	t.Helper()
	cell, hubStore = newCellAndHub(t)
	out, err := exportTo(cell.ctx, cell.st, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r := importOne(cell.ctx, hubStore, out.Path, confirmed(hubStore, out.Path)); r.Status != statusAccepted {
		t.Fatalf("first bundle %s: %v", r.Status, r.Err)
	}
	return cell, hubStore
}

// The hub clerk revokes a lost laptop's key: the dialog names the cell,
// the reason is kept, and only "Thu hồi" changes the store.
func TestHubRevokeKey(t *testing.T) {
	cell, hubStore := enrolledCell(t)
	hub, _ := openHubKeys(t, hubStore)
	tests := []struct {
		name    string
		answer  string
		revoked bool
	}{
		{name: "declined", answer: "Không", revoked: false},
		{name: "confirmed with a reason", answer: "Thu hồi", revoked: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tapButton(t, hub.win, "Thu hồi khóa")
			if !strings.Contains(overlayText(hub.win), "Chi bộ thôn Sín Chéng") {
				t.Fatalf("confirmation does not name the cell:\n%s", overlayText(hub.win))
			}
			typeInDialog(t, hub, "máy bị mất")
			tapDialogButton(t, hub.win, tc.answer)
			p, err := hubStore.Peer(hub.ctx, cell.site.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := hubStore.IsRevoked(hub.ctx, p.SignPub)
			if err != nil || got != tc.revoked {
				t.Fatalf("revoked %v (%v), want %v", got, err, tc.revoked)
			}
			if !tc.revoked {
				return
			}
			if !strings.Contains(windowText(hub.win), "Đã thu hồi") {
				t.Fatalf("the list does not mark the key revoked:\n%s", windowText(hub.win))
			}
			keys, _ := hubStore.RevokedKeys(hub.ctx)
			if len(keys) != 1 || keys[0].Reason != "máy bị mất" {
				t.Fatalf("revocation list %+v, want one key with the typed reason", keys)
			}
			closeDialogs(hub.win)
		})
	}
}

// A cell moves to a new laptop; the hub pins the new key from its first
// bundle only when the typed fingerprint (hex or words) matches.
func TestHubReplaceKey(t *testing.T) {
	cell, hubStore := enrolledCell(t)
	old, _ := hubStore.Peer(cell.ctx, cell.site.ID)
	newKeys, _ := bundle.GenerateKeys()
	if err := cell.st.ReplaceOwnKeys(cell.ctx, newKeys); err != nil {
		t.Fatal(err)
	}
	addMembers(t, cell.st, "Giàng A Páo") // so the new laptop's bundle carries news
	out, err := exportTo(cell.ctx, cell.st, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fp := ownFingerprint(newKeys)
	pub, rcpt, _ := bundle.PublicKeys(newKeys)
	hub, h := openHubKeys(t, hubStore)
	tests := []struct {
		name  string
		typed string
		want  string // the peer's fingerprint afterwards
		dlg   string // in the dialog shown afterwards
	}{
		{name: "wrong fingerprint changes nothing", typed: "0000 1111", want: old.Fingerprint, dlg: "không khớp"},
		{name: "words, as read on the phone", typed: " " + strings.ToUpper(bundle.FingerprintWords(pub, rcpt)), want: fp, dlg: "Đã ghi nhận khóa mới"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.askReplace(old, out.Path)
			txt := overlayText(hub.win)
			if !strings.Contains(txt, fp) || !strings.Contains(txt, bundle.FingerprintWords(pub, rcpt)) {
				t.Fatalf("dialog does not show the file's fingerprint %s:\n%s", fp, txt)
			}
			typeInDialog(t, hub, tc.typed)
			tapDialogButton(t, hub.win, "Nhận khóa mới")
			if !strings.Contains(overlayText(hub.win), tc.dlg) {
				t.Fatalf("dialog %q, want %q", overlayText(hub.win), tc.dlg)
			}
			p, _ := hubStore.Peer(hub.ctx, cell.site.ID)
			if p.Fingerprint != tc.want {
				t.Fatalf("pinned %s, want %s", p.Fingerprint, tc.want)
			}
			closeDialogs(hub.win)
		})
	}
	if r := importOne(cell.ctx, hubStore, out.Path, nil); r.Status != statusAccepted {
		t.Fatalf("new laptop's bundle after the replacement: %s %v", r.Status, r.Err)
	}
	if revoked, _ := hubStore.IsRevoked(cell.ctx, old.SignPub); !revoked {
		t.Fatal("old key is not revoked after the replacement")
	}
}

// The clerk may type the fingerprint however it was read out.
func TestConfirmedFingerprint(t *testing.T) {
	keys, _ := bundle.GenerateKeys()
	pub, rcpt, _ := bundle.PublicKeys(keys)
	p := store.Peer{SignPub: pub, AgeRecipient: rcpt, Fingerprint: bundle.Fingerprint(pub, rcpt)}
	words := bundle.FingerprintWords(pub, rcpt)
	tests := []struct {
		name, typed string
		match       bool
	}{
		{name: "as shown", typed: p.Fingerprint, match: true},
		{name: "lower case, no spaces", typed: strings.ToLower(strings.ReplaceAll(p.Fingerprint, " ", "")), match: true},
		{name: "words with extra spaces", typed: "  " + strings.ReplaceAll(words, " ", "   "), match: true},
		{name: "one group wrong", typed: "0000" + p.Fingerprint[4:], match: p.Fingerprint[:4] == "0000"},
		{name: "empty", typed: "", match: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := confirmedFingerprint(tc.typed, p) == p.Fingerprint; got != tc.match {
				t.Fatalf("confirmedFingerprint(%q) matches %v, want %v", tc.typed, got, tc.match)
			}
		})
	}
}

// TestHubKeysSearch: a province's 1,200 keys are one virtual list that the
// clerk narrows by the cell's name, typed with or without accents.
func TestHubKeysSearch(t *testing.T) {
	hubStore, _ := newHub(t)
	deliverCell(t, hubStore, "a", "Chi bộ thôn Sín Chéng", 1)
	deliverCell(t, hubStore, "b", "Chi bộ thôn Lùng Phìn", 1)
	deliverCell(t, hubStore, "c", "Chi bộ thôn Lùng Sán", 1)
	_, h := openHubKeys(t, hubStore)
	tests := []struct {
		name, typed, count string
		shown              int
	}{
		{"everything", "", "3 chi bộ", 3},
		{"with accents", "Lùng", "2 trong 3 chi bộ", 2},
		{"without accents", "lung phin", "1 trong 3 chi bộ", 1},
		{"nothing", "Pả Vi", "0 trong 3 chi bộ", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.search.SetText(tc.typed)
			if h.count.Text != tc.count || len(h.shown) != tc.shown || h.list.Length() != tc.shown {
				t.Fatalf("count %q, %d shown, list %d; want %q, %d", h.count.Text, len(h.shown), h.list.Length(), tc.count, tc.shown)
			}
		})
	}
}
