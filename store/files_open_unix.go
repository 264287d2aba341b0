//go:build unix

package store

import (
	"os"
	"syscall"
)

// openNoWait opens path for reading with O_NONBLOCK, so opening a named
// pipe returns at once instead of waiting for a writer; OpenRegular then
// refuses it. For a regular file the flag changes nothing.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
