//go:build !unix

package store

import "os"

// openNoWait opens path for reading. Windows has no named pipes in the
// file system a person browses (they live under \\.\pipe\), so a plain
// open does not wait; OpenRegular still refuses folders and devices.
func openNoWait(path string) (*os.File, error) {
	return os.Open(path)
}
