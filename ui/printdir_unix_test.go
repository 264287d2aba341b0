//go:build unix

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestAttackPrintFolderOfAnotherAccount: printed minutes do not go to a
// folder another account can guess and make first in the shared
// temporary folder; a print folder another account owns is refused with
// a clear message and nothing is written into it.
func TestAttackPrintFolderOfAnotherAccount(t *testing.T) {
	cache := t.TempDir() // this user's own cache folder, as ~/.cache is
	t.Setenv("XDG_CACHE_HOME", cache)
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo")
	dir := printFolder(s.st.Dir())
	if !strings.HasPrefix(dir, cache+string(os.PathSeparator)) {
		t.Fatalf("print folder %s is not in the user's own cache folder %s", dir, cache)
	}
	if os.Getuid() != 0 {
		t.Skip("making a folder owned by another account needs root")
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 4242, 4242); err != nil {
		t.Fatal(err)
	}
	_, f := openNewMeeting(t, s)
	test.Type(f.topic, "In thử")
	test.Tap(f.print)
	if files, _ := filepath.Glob(filepath.Join(dir, "*.pdf")); len(files) != 0 {
		t.Fatalf("printed into another account's folder: %v", files)
	}
	if msg := overlayText(s.win); !strings.Contains(msg, "tài khoản khác") {
		t.Fatalf("dialog %q", msg)
	}
}
