package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"chibo/store"
)

// parseHeaderAt is parseHeader on the copy of the file: the header is read
// from its first bytes, the ciphertext's length and hash are checked by
// streaming it, and the ciphertext is returned as a section of the copy.
func parseHeaderAt(src io.ReaderAt, size int64) (header, *io.SectionReader, error) {
	var h header
	// parseHeader looks no further than headerMaxSize for the header, so
	// this prefix gives it the same answers as the whole file would.
	b := make([]byte, min(size, headerMaxSize))
	if _, err := src.ReadAt(b, 0); err != nil && err != io.EOF {
		return h, nil, fmt.Errorf("read bundle copy: %w", err)
	}
	if err := checkMagic(b); err != nil {
		return h, nil, err
	}
	end, fields, err := headerLines(b)
	if err != nil {
		return h, nil, err
	}
	if err := h.parseFields(fields); err != nil {
		return h, nil, err
	}
	n := size - int64(end)
	switch {
	case n < h.length:
		return h, nil, fmt.Errorf("%d of %d bytes: %w", n, h.length, ErrTruncated)
	case n > h.length:
		return h, nil, fmt.Errorf("%d bytes more than expected: %w", n-h.length, ErrDamaged)
	}
	ct := io.NewSectionReader(src, int64(end), n)
	sum := sha256.New()
	if _, err := io.Copy(sum, ct); err != nil {
		return h, nil, fmt.Errorf("read bundle copy: %w", err)
	}
	if hex.EncodeToString(sum.Sum(nil)) != h.sha {
		return h, nil, fmt.Errorf("content hash does not match: %w", ErrDamaged)
	}
	return h, io.NewSectionReader(src, int64(end), n), nil
}

// bundleCopy is the copy of a bundle file Import reads: a temporary file
// beside the database, so pulling the stick cannot leave half a bundle
// applied and the bundle's size does not decide the memory an import
// takes.
type bundleCopy struct {
	f    *os.File
	size int64
}

// copyOff copies a bundle file into dir, refusing one larger than any
// bundle can be.
func copyOff(path, dir string) (*bundleCopy, error) {
	src, err := store.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	f, err := os.CreateTemp(dir, ".import-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("copy bundle off the stick: %w", err)
	}
	c := &bundleCopy{f: f}
	limit := int64(maxCiphertext + headerMaxSize)
	if c.size, err = io.Copy(f, io.LimitReader(src, limit+1)); err != nil {
		c.close()
		return nil, fmt.Errorf("copy bundle off the stick: %w", err)
	}
	if c.size > limit {
		c.close()
		return nil, fmt.Errorf("file is larger than %d bytes: %w", limit, ErrDamaged)
	}
	return c, nil
}

// close removes the copy unless keep has moved it away.
func (c *bundleCopy) close() {
	if c == nil {
		return
	}
	c.f.Close()
	os.Remove(c.f.Name())
}

// keep moves the copy to sub/ in the data folder under keptName (the hub
// keeps every original, and forked bundles in quarantine). A failure is
// ignored: the import itself has its answer.
func (c *bundleCopy) keep(dataDir, sub, sender, bundleID string) {
	dir := filepath.Join(dataDir, sub)
	if c == nil || bundleID == "" || os.MkdirAll(dir, 0o700) != nil || c.f.Sync() != nil {
		return
	}
	target := filepath.Join(dir, keptName(sender, bundleID))
	if _, err := os.Lstat(target); err == nil {
		return // the first original under this name stays; the log has both
	}
	c.f.Close() // Windows renames no open file; close's second Close is harmless
	if os.Rename(c.f.Name(), target) == nil {
		_ = store.SyncDir(dir)
	}
}

// keptName names a kept original by its sender and bundle id together:
// a bundle id is the sender's choice, so another cell reusing it must not
// overwrite the original. The name is a hash, so a relayed copy on a stick
// (relay_out.go keeps the name) still says nothing about the cell.
func keptName(sender, bundleID string) string {
	h := sha256.Sum256([]byte("chibo kept original v1\n" + sender + "\n" + bundleID))
	return hex.EncodeToString(h[:16]) + bundleExt
}
