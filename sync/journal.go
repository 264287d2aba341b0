package sync

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// The hub's files beside chibo.db. Refusals are logged here, not in the
// database, so a refused bundle leaves chibo.db byte-for-byte unchanged;
// the log feeds the "refused" part of the next acknowledgement.
const (
	refusedLog    = "refused.jsonl"
	quarantineDir = "quarantine" // forked bundles, kept for a person to look at
	inboxDir      = "inbox"      // every accepted original, kept forever
)

// logRefusal appends one refusal; a failure to log must not hide the
// refusal itself, so it is ignored.
func logRefusal(dataDir string, r Result) {
	if r.BundleID == "" || r.Sender.SiteID == "" || r.Err == nil {
		return // nothing to report back to anybody
	}
	line, _ := json.Marshal(Refusal{BundleID: r.BundleID, Sender: r.Sender.SiteID, Reason: r.Err.Error(),
		At: time.Now().UTC().Format(time.RFC3339)})
	f, err := os.OpenFile(filepath.Join(dataDir, refusedLog), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.Write(append(line, '\n'))
}

// refusalsFor reads the refusals of one sender, newest last, capped.
func refusalsFor(dataDir, sender string) []Refusal {
	f, err := os.Open(filepath.Join(dataDir, refusedLog))
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []Refusal
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var r Refusal
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Sender == sender {
			out = append(out, r)
		}
	}
	if len(out) > 100 {
		out = out[len(out)-100:]
	}
	return out
}
