package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAttackWeakPassphraseOnCLI: init and passwd refuse a passphrase a
// thief would try first, in English, and change nothing.
func TestAttackWeakPassphraseOnCLI(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(envPass, "12345678")
	_, errOut, code := run(t, "init", "--data", filepath.Join(dir, "hub"), "--role", "hub", "--name", "Đảng ủy xã Sín Chéng")
	if code == 0 || !strings.Contains(errOut, "too easy to guess") {
		t.Fatalf("init with 12345678: exit %d, %s", code, errOut)
	}
	t.Setenv(envPass, testPass)
	_, cell, _ := setup(t)
	t.Setenv(envNewPass, "qwertyuiop")
	_, errOut, code = run(t, "passwd", "--data", cell)
	if code == 0 || !strings.Contains(errOut, "too easy to guess") || !strings.Contains(errOut, "nothing was changed") {
		t.Fatalf("passwd to qwertyuiop: exit %d, %s", code, errOut)
	}
	mustRun(t, "meetings", "--data", cell) // the old passphrase still opens it
}
