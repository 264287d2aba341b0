package sync

import (
	"bufio"
	"bytes"
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
)

// The import log is an append-only file beside chibo.db with one JSON line
// per import attempt, whatever its outcome. Each line carries the SHA-256
// of the line before it, so editing or removing a line breaks the chain
// from there on. It lives outside chibo.db on purpose: a refused bundle
// must leave the database byte-for-byte unchanged, yet still be logged.
// refused.jsonl stays as it is: it feeds the "refused" part of the next
// acknowledgement and may be trimmed one day; this log is kept forever.
const importLog = "import-log.jsonl"

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
}

// LogReport summarises a verified import log.
type LogReport struct {
	Lines int
	// Torn lists lines cut off by a crash while being written that a later
	// line chains to, so they were not changed afterwards.
	Torn []int
	Head string // SHA-256 of the last line: write it down to anchor the chain
}

// logMu orders appends within this process, so two imports cannot chain
// to the same previous line.
var logMu gosync.Mutex

// appendImportLog writes and syncs one line for r.
func appendImportLog(dataDir string, r Result, at time.Time) error {
	logMu.Lock()
	defer logMu.Unlock()
	f, err := os.OpenFile(filepath.Join(dataDir, importLog), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
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
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("sync: import log: %w", err)
	}
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

// VerifyImportLog checks the import log in a data folder: every line
// chains to the one before, the first starts the chain, the last is
// whole, and every original kept under inbox/ and quarantine/ has a line.
// Removing the newest line is only caught by that last check or by
// comparing Head with a copy written down earlier.
func VerifyImportLog(dataDir string) (LogReport, error) {
	var rep LogReport
	seen, err := readChain(dataDir, &rep)
	if err != nil {
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

// readChain walks the log line by line and returns the file hashes seen.
func readChain(dataDir string, rep *LogReport) (map[string]bool, error) {
	seen := map[string]bool{}
	f, err := os.Open(filepath.Join(dataDir, importLog))
	if errors.Is(err, os.ErrNotExist) {
		return seen, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sync: verify import log: %w", err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var prev []byte
	var prevTorn bool
	for n := 1; ; n++ {
		raw, err := r.ReadBytes('\n')
		if err == io.EOF && len(raw) == 0 {
			return seen, nil
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("sync: verify import log: %w", err)
		}
		if err == io.EOF {
			return nil, fmt.Errorf("sync: verify import log: line %d: %w", n, ErrLogTruncated)
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
			return nil, fmt.Errorf("sync: verify import log: line %d does not follow line %d: %w", n, n-1, ErrLogEdited)
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
