package ui

import (
	"strings"
	"testing"
)

// A cell changes keys from the send screen: declining changes nothing,
// confirming stores new keys and shows their fingerprint to read out.
func TestCellChangeKeys(t *testing.T) {
	sh := newCellShell(t)
	sh.show(newSend(sh))
	before, err := sh.st.Keys(sh.ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		answer  string
		changed bool
	}{
		{name: "declined keeps the old key", answer: "Không", changed: false},
		{name: "confirmed makes a new key", answer: "Đổi khóa", changed: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tapButton(t, sh.win, "Đổi khóa (máy mới)")
			if !strings.Contains(overlayText(sh.win), "cấp ủy") {
				t.Fatalf("confirmation does not explain the hub must be told:\n%s", overlayText(sh.win))
			}
			tapDialogButton(t, sh.win, tc.answer)
			after, err := sh.st.Keys(sh.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(after.SignPriv) != string(before.SignPriv); got != tc.changed {
				t.Fatalf("key changed %v, want %v", got, tc.changed)
			}
			if !tc.changed {
				return
			}
			fp := ownFingerprint(after)
			txt := overlayText(sh.win)
			if !strings.Contains(txt, fp) || !strings.Contains(txt, "Đọc thành lời: ") {
				t.Fatalf("result %q does not show the new fingerprint %s in hex and words", txt, fp)
			}
			closeDialogs(sh.win)
		})
	}
}

// TestSendShowsTheCellsOwnKey: the key the hub's clerk is asked to
// compare at the first import is on the cell's «Gửi cấp trên», the same
// hex and the same words.
func TestSendShowsTheCellsOwnKey(t *testing.T) {
	cell, hubStore := newCellAndHub(t)
	selectSection(t, cell, "Gửi cấp trên")
	shown := windowText(cell.win)
	stick := t.TempDir()
	if _, err := exportTo(cell.ctx, cell.st, stick); err != nil {
		t.Fatal(err)
	}
	hub := newTestShell(t, hubStore)
	hub.nav.Select(1)
	hub.current.(*hubImportScreen).run(stick)
	asked := overlayText(hub.win)
	var hex, words string
	for _, line := range strings.Split(asked, "\n") {
		if v, ok := strings.CutPrefix(line, "Mã khóa: "); ok {
			hex = v
		}
		if v, ok := strings.CutPrefix(line, "Đọc thành lời: "); ok {
			words = v
		}
	}
	if hex == "" || words == "" {
		t.Fatalf("the hub asks without a key:\n%s", asked)
	}
	if !strings.Contains(shown, "Mã khóa: "+hex) || !strings.Contains(shown, "Đọc thành lời: "+words) {
		t.Errorf("the cell's send screen does not show %s / %s:\n%s", hex, words, shown)
	}
}
