//go:build unix

package sync

import (
	"path/filepath"
	"syscall"
	"testing"
)

// makeFIFO makes a named pipe called like a bundle: opening it for
// reading would wait for a writer that never comes.
func makeFIFO(t *testing.T, dir string) string {
	if err := syscall.Mkfifo(filepath.Join(dir, "g-pipe.chibo"), 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	return "g-pipe.chibo"
}
