package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chibo/store"
)

// TestAttackWeakPassphraseInWindow: the setup screen and "Đổi mật khẩu"
// refuse a passphrase a thief would try first, say in Vietnamese why,
// and change nothing.
func TestAttackWeakPassphraseInWindow(t *testing.T) {
	st := openStore(t)
	s := newTestShell(t, st)
	sc := s.current.(*setupScreen)
	sc.role.SetSelected(roleHubText)
	test.Type(sc.name, "Đảng ủy xã Sín Chéng")
	test.Type(sc.pass.first, "12345678")
	test.Type(sc.pass.again, "12345678")
	test.Tap(sc.submit)
	if msg := overlayText(s.win); !strings.Contains(msg, "quá dễ đoán") || !strings.Contains(msg, "nhiều người dùng") {
		t.Fatalf("setup with 12345678 says %q", msg)
	}
	closeDialogs(s.win)
	if _, err := st.Site(context.Background()); !errors.Is(err, store.ErrNotInitialized) {
		t.Fatalf("set up with 12345678: %v", err)
	}

	cell, _ := newCellAndHub(t)
	askChangePassphrase(cell)
	entries := dialogEntries(cell.win)
	test.Type(entries[0], testPass)
	test.Type(entries[1], "Sín Chéng 2025")
	test.Type(entries[2], "Sín Chéng 2025")
	tapDialogButton(t, cell.win, "Đổi mật khẩu")
	if msg := overlayText(cell.win); !strings.Contains(msg, "quá dễ đoán") || !strings.Contains(msg, "tên hoặc địa danh") {
		t.Fatalf("changing to the cell's place says %q", msg)
	}
	closeDialogs(cell.win)
	cell.st.Lock()
	if err := cell.st.Unlock(testPass); err != nil {
		t.Fatalf("the old passphrase no longer opens: %v", err)
	}
}
