//go:build unix

package ui

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// ownedByMe refuses a folder another account owns, and takes group and
// other access off one of ours.
func ownedByMe(dir string, fi fs.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) != os.Getuid() {
		return fmt.Errorf("%s: %w", dir, errPrintFolderShared)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return os.Chmod(dir, 0o700)
	}
	return nil
}
