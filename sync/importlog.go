package sync

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	gosync "sync"
	"time"

	"chibo/store"
)

// The import log is an append-only file beside chibo.db with one JSON line
// per import attempt, whatever its outcome. Each line carries the SHA-256
// of the line before it, so editing or removing a line breaks the chain
// from there on, and ends with a MAC keyed from the data key
// (store.DerivedKey), so someone holding the folder without the
// passphrase cannot write a fresh chain over it either. It lives outside
// chibo.db on purpose: a refused bundle must leave the database
// byte-for-byte unchanged, yet still be logged. refused.jsonl stays as it
// is: it feeds the "refused" part of the next acknowledgement and may be
// trimmed one day; this log is kept forever.
const importLog = "import-log.jsonl"

// logKeyPurpose names the derived key the lines are keyed with.
const logKeyPurpose = "import log"

var (
	ErrLogEdited    = errors.New("import log was edited or a line was removed")
	ErrLogTruncated = errors.New("import log ends in a cut-off line")
	ErrLogMissing   = errors.New("a kept bundle has no line in the import log")
)

// ImportLogEntry is one line of the import log.
type ImportLogEntry struct {
	At         string `json:"at"`
	File       string `json:"file"`        // base name of the file as the person chose it
	FileSHA256 string `json:"file_sha256"` // of the copy taken off the stick; empty if none was taken
	BundleID   string `json:"bundle_id,omitempty"`
	Sender     string `json:"sender,omitempty"`
	SenderName string `json:"sender_name,omitempty"`
	Outcome    string `json:"outcome"`
	Reason     string `json:"reason,omitempty"`
	Changes    int    `json:"changes"`
	Prev       string `json:"prev"` // SHA-256 of the previous line's bytes, "" on the first
	// Mac, always the last field, is HMAC-SHA256 of the line's bytes up to
	// it with the log key; lines written before the log was keyed have
	// none (LogReport.Unkeyed).
	Mac string `json:"mac,omitempty"`
}

// LogReport summarises a verified import log.
type LogReport struct {
	Lines int
	// Torn lists lines cut off by a crash while being written that a later
	// line chains to, so they were not changed afterwards.
	Torn []int
	Head string // SHA-256 of the last line: write it down to anchor the chain
	// Unkeyed counts the lines written before the log was keyed (an older
	// build): chained, but not proven to be this folder's.
	Unkeyed int
}

// logMu orders appends within this process, so two imports cannot chain
// to the same previous line.
var logMu gosync.Mutex

// appendImportLog writes and syncs one keyed line for r. Without the
// data key (a locked store, which imports nothing) nothing is written.
func appendImportLog(st *store.Store, r Result, at time.Time) error {
	key, err := st.DerivedKey(logKeyPurpose)
	if err != nil {
		return fmt.Errorf("sync: import log: %w", err)
	}
	logMu.Lock()
	defer logMu.Unlock()
	f, err := os.OpenFile(filepath.Join(st.Dir(), importLog), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("sync: import log: %w", err)
	}
	defer f.Close()
	last, torn, err := lastLine(f)
	if err != nil {
		return fmt.Errorf("sync: import log: %w", err)
	}
	e := entryFor(r, at)
	if last != nil {
		e.Prev = sha256Hex(last)
	}
	body, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("sync: import log: %w", err)
	}
	line := withMac(body, key)
	if torn {
		// End the cut-off line rather than erase it; the chain keeps it.
		line = append([]byte{'\n'}, line...)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("sync: import log: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync: import log: %w", err)
	}
	return nil
}

// macField is how the MAC ends a line: `,"mac":"<64 hex>"}`.
const macField = `,"mac":"`

// withMac appends the MAC of body (a JSON object without one) as its last
// field, over body's exact bytes up to its closing brace.
func withMac(body, key []byte) []byte {
	open := body[:len(body)-1]
	m := hmac.New(sha256.New, key)
	m.Write(open)
	return append(append(append(bytes.Clone(open), macField...), hex.EncodeToString(m.Sum(nil))...), `"}`...)
}

// checkMac reports whether a line's MAC is the key's over the line's
// bytes before it.
func checkMac(line, key []byte) bool {
	i := bytes.LastIndex(line, []byte(macField))
	if i < 0 || !bytes.HasSuffix(line, []byte(`"}`)) {
		return false
	}
	got, err := hex.DecodeString(string(line[i+len(macField) : len(line)-2]))
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, key)
	m.Write(line[:i])
	return hmac.Equal(got, m.Sum(nil))
}

func entryFor(r Result, at time.Time) ImportLogEntry {
	e := ImportLogEntry{At: at.UTC().Format(time.RFC3339), File: filepath.Base(r.File), FileSHA256: r.FileSHA,
		BundleID: r.BundleID, Sender: r.Sender.SiteID, SenderName: r.Sender.Name, Outcome: string(r.Status),
		Changes: r.Changes}
	if r.Err != nil {
		e.Reason = r.Err.Error()
	}
	return e
}

// lastLine returns the bytes of the file's last line without its newline
// (nil for an empty file) and whether that line lacks its newline. It
// reads backwards, so the cost does not grow with the log.
func lastLine(f *os.File) ([]byte, bool, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	size := st.Size()
	for window := int64(4096); ; window *= 2 {
		n := min(window, size)
		buf := make([]byte, n)
		if _, err := f.ReadAt(buf, size-n); err != nil && err != io.EOF {
			return nil, false, err
		}
		torn := n > 0 && buf[n-1] != '\n'
		body := buf
		if !torn && n > 0 {
			body = buf[:n-1]
		}
		if i := bytes.LastIndexByte(body, '\n'); i >= 0 {
			return body[i+1:], torn, nil
		}
		if n == size { // the whole file is one line, or empty
			if n == 0 {
				return nil, false, nil
			}
			return body, torn, nil
		}
	}
}

// VerifyImportLog checks the import log of an unlocked store: every line
// chains to the one before, the first starts the chain, the last is
// whole, every line after the first keyed one carries this folder's MAC,
// every bundle imported since the log was keyed has a keyed line, and
// every original kept under inbox/ and quarantine/ has a line. Removing
// the newest lines is caught by those last two checks, or by comparing
// Head with a copy written down earlier.
func VerifyImportLog(ctx context.Context, st *store.Store) (LogReport, error) {
	var rep LogReport
	key, err := st.DerivedKey(logKeyPurpose)
	if err != nil {
		return rep, fmt.Errorf("sync: verify import log: %w", err)
	}
	dataDir := st.Dir()
	seen, keyed, err := readChain(dataDir, key, &rep)
	if err != nil {
		return rep, err
	}
	if err := checkImported(ctx, st, keyed); err != nil {
		return rep, err
	}
	for _, sub := range []string{inboxDir, quarantineDir} {
		files, err := BundleFiles(filepath.Join(dataDir, sub))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return rep, err
		}
		for _, p := range files {
			sum, err := fileSHA(p)
			if err != nil {
				return rep, err
			}
			if !seen[sum] {
				return rep, fmt.Errorf("sync: verify import log: %s/%s: %w", sub, filepath.Base(p), ErrLogMissing)
			}
		}
	}
	return rep, nil
}

// checkImported: every bundle the database says it imported since the log
// was keyed has a keyed "accepted" line, so a log rewritten without MACs
// (or cut short) does not pass for an old one.
func checkImported(ctx context.Context, st *store.Store, keyed map[store.ImportedBundle]bool) error {
	since, err := st.ImportLogKeyedSince(ctx)
	if err != nil || since == "" {
		return err
	}
	bs, err := st.ImportedSince(ctx, since)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if !keyed[b] {
			return fmt.Errorf("sync: verify import log: bundle %s from %s: %w", b.BundleID, b.Sender, ErrLogMissing)
		}
	}
	return nil
}

// readChain walks the log line by line and returns the file hashes seen
// and the bundles whose acceptance a keyed line records.
func readChain(dataDir string, key []byte, rep *LogReport) (map[string]bool, map[store.ImportedBundle]bool, error) {
	seen, keyed := map[string]bool{}, map[store.ImportedBundle]bool{}
	f, err := os.Open(filepath.Join(dataDir, importLog))
	if errors.Is(err, os.ErrNotExist) {
		return seen, keyed, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("sync: verify import log: %w", err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var prev []byte
	var prevTorn, keying bool
	for n := 1; ; n++ {
		raw, err := r.ReadBytes('\n')
		if err == io.EOF && len(raw) == 0 {
			return seen, keyed, nil
		}
		if err != nil && err != io.EOF {
			return nil, nil, fmt.Errorf("sync: verify import log: %w", err)
		}
		if err == io.EOF {
			return nil, nil, fmt.Errorf("sync: verify import log: line %d: %w", n, ErrLogTruncated)
		}
		raw = raw[:len(raw)-1]
		var e ImportLogEntry
		if json.Unmarshal(raw, &e) != nil {
			// Only a line the next one chains to may be torn.
			prev, prevTorn = raw, true
			rep.Lines, rep.Head = n, sha256Hex(raw)
			continue
		}
		want := ""
		if n > 1 {
			want = sha256Hex(prev)
		}
		if e.Prev != want {
			return nil, nil, fmt.Errorf("sync: verify import log: line %d does not follow line %d: %w", n, n-1, ErrLogEdited)
		}
		switch {
		case e.Mac != "" && !checkMac(raw, key):
			return nil, nil, fmt.Errorf("sync: verify import log: line %d is not keyed with this folder's key: %w", n, ErrLogEdited)
		case e.Mac != "":
			keying = true
			if e.Outcome == string(Accepted) {
				keyed[store.ImportedBundle{Sender: e.Sender, BundleID: e.BundleID}] = true
			}
		case keying:
			return nil, nil, fmt.Errorf("sync: verify import log: line %d has lost its key: %w", n, ErrLogEdited)
		default:
			rep.Unkeyed++
		}
		if prevTorn {
			rep.Torn = append(rep.Torn, n-1)
		}
		seen[e.FileSHA256] = true
		prev, prevTorn = raw, false
		rep.Lines, rep.Head = n, sha256Hex(raw)
	}
}

func fileSHA(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("sync: verify import log: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("sync: verify import log: %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sum is the SHA-256 of the copy taken off the stick ("" without one),
// taken before keep moves it.
func (c *bundleCopy) sum() string {
	if c == nil {
		return ""
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(c.f, 0, c.size)); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
