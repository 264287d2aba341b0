//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestAttackDataFolderOwnerOnly: another account on the laptop cannot read
// the data folder: the folder is 0700, chibo.db, its WAL and shared
// memory, keys.json and the logs 0600, whatever the umask; a folder an
// older build left readable is closed when it is opened.
func TestAttackDataFolderOwnerOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Init(context.Background(), Setup{Passphrase: testPass, Role: RoleHub, Name: "Đảng ủy xã Tả Van",
		Keys: Keys{SignPriv: []byte{1}, AgeIdentity: "a"}}); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		fi, _ := os.Stat(dir)
		if fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: folder is %v", when, fi.Mode().Perm())
		}
		for _, name := range []string{FileName, FileName + "-wal", FileName + "-shm", LockFile} {
			fi, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Errorf("%s: %s: %v", when, name, err)
				continue
			}
			if fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s: %s is %v", when, name, fi.Mode().Perm())
			}
		}
	}
	check("new folder")
	st.Close()
	for _, name := range []string{FileName, LockFile} {
		os.Chmod(filepath.Join(dir, name), 0o644)
	}
	os.Chmod(dir, 0o755)
	st, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	check("folder of an older build, reopened")
}
