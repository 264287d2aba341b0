package sync

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// rechain rewrites a whole import log as someone holding the data folder
// without the passphrase can: each line edited by edit, then every Prev
// recomputed so the hash chain is whole again.
func rechain(t *testing.T, lines [][]byte, edit func(i int, e map[string]any)) []byte {
	t.Helper()
	var out bytes.Buffer
	prev := ""
	for i, l := range lines {
		var e map[string]any
		if err := json.Unmarshal(l, &e); err != nil {
			t.Fatal(err)
		}
		edit(i, e)
		e["prev"] = prev
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		prev = sha256Hex(b)
		out.Write(append(b, '\n'))
	}
	return out.Bytes()
}

// TestAttackImportLogRewritten: the import log rewritten end to end with
// a fresh hash chain is found by verify-log, whether the rewrite drops
// the MACs, keeps the old ones or makes up new ones.
func TestAttackImportLogRewritten(t *testing.T) {
	hub, _, _, lines := loggedHub(t)
	path := filepath.Join(hub.dir, importLog)
	hide := func(i int, e map[string]any) { // the accepted bundle "was refused"
		if e["outcome"] == "accepted" {
			e["outcome"], e["reason"] = "refused", "bundle file is damaged"
		}
	}
	tests := map[string]func(i int, e map[string]any){
		"MACs dropped":  func(i int, e map[string]any) { hide(i, e); delete(e, "mac") },
		"old MACs kept": hide,
		"MACs made up": func(i int, e map[string]any) {
			hide(i, e)
			e["mac"] = sha256Hex([]byte{byte(i)})
		},
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, rechain(t, lines, edit), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := verifyLog(hub)
			if !errors.Is(err, ErrLogEdited) && !errors.Is(err, ErrLogMissing) {
				t.Fatalf("rewritten log verified: %v", err)
			}
		})
	}
}
