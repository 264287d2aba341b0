//go:build linux

package mailbox_test

import (
	"syscall"
	"testing"
)

type syscallStatfs = syscall.Statfs_t

// freeBytes is what a filesystem has left for files.
func freeBytes(t testing.TB, dir string, st *syscallStatfs) int {
	t.Helper()
	if err := syscall.Statfs(dir, st); err != nil {
		t.Fatal(err)
	}
	return int(st.Bavail) * int(st.Bsize)
}
