package store

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// WriteFileAtomic writes a file through a temporary name beside it,
// synced, then renamed over path, and syncs the folder: a pulled stick or
// a power cut leaves the old file or the new one, never half of one. The
// app's bundles, backups' keys, documents and recovery files all go
// through it.
func WriteFileAtomic(path string, fill func(io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".chibo-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return SyncDir(dir)
}

// WriteFile is WriteFileAtomic for bytes in hand.
func WriteFile(path string, data []byte) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

// SyncDir makes a rename into dir durable. Windows cannot sync a
// directory and does not need to, so it is skipped there.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
