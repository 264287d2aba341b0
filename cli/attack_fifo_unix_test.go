//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAttackNamedPipeInput: import, verify, import-csv and restore of a
// named pipe are refused at once instead of waiting forever for a writer.
func TestAttackNamedPipeInput(t *testing.T) {
	hub, cell, dir := setup(t)
	pipe := filepath.Join(dir, "x.chibo")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	tests := map[string][]string{
		"import":     {"import", "--data", hub, pipe},
		"verify":     {"verify", "--data", hub, pipe},
		"import-csv": {"import-csv", "--data", cell, "--kind", "members", pipe},
		"restore":    {"restore", "--data", filepath.Join(dir, "new"), "--preview", pipe},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			done := make(chan string, 1)
			go func() {
				out, errOut, code := run(t, args...)
				if code == 0 {
					done <- "exit 0: " + out
					return
				}
				done <- out + errOut
			}()
			select {
			case got := <-done:
				if !strings.Contains(got, "pipe") {
					t.Fatalf("refused without naming the pipe: %s", got)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("still waiting on the pipe after 10 s")
			}
		})
	}
}
