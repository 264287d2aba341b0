package sync

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"

	"filippo.io/age"

	"chibo/store"
)

// The one reader of the bundle format.
//
// Every bundle this build reads, whatever its kind or format version, goes
// through the functions in this file: the header on the copy of the file
// (parseHeaderAt), the age layer (decryptStream), the manifest and its
// signature bytes (readHead), then the body. A changes body is never held
// decoded: decoded, a change takes a few kilobytes of memory against about
// 25 bytes on the wire, so a bundle of 100,000 changes decoded into a
// slice took more than 500 MiB. Import reads the changes twice from the
// encrypted copy it holds: the first pass (checkStream) checks length and
// hash against the signed manifest, so nothing is applied before both
// signature and hash hold; the second (streamChanges) runs inside the
// store's transaction, hands each change on as it is decoded, checks
// count and ranges as it goes and the hash again at the end; any failure
// rolls the whole import back. The small bodies of acknowledgements and
// rosters are read whole, within maxSmallBody.
//
// A signed bundle from an enrolled cell is still input to distrust (an
// insider): the decoder stops at store.MaxRecordBytes of JSON for one
// change, and at maxInflate times the compressed body (plus a little),
// so neither one enormous field nor a gzip bomb holds more than a bounded
// amount of memory, and the time spent grows with the file's size.

// openHead runs openBundle's checks on the header, the decryption, the
// manifest and the versions, on the copy of the file, and returns a reader
// positioned at the changes instead of the decrypted changes themselves.
func openHead(src io.ReaderAt, size int64, id age.Identity) (payload, io.Reader, error) {
	h, ct, err := parseHeaderAt(src, size)
	if err != nil {
		return payload{}, nil, err
	}
	r, err := decryptStream(ct, id)
	if err != nil {
		return payload{}, nil, err
	}
	p, err := readHead(r)
	if err != nil {
		return p, nil, err
	}
	if err := checkManifest(p.manifest); err != nil {
		return p, nil, err
	}
	if h.major != p.manifest.Format.Major || h.minor != p.manifest.Format.Minor {
		return p, nil, fmt.Errorf("header says format %d.%d, manifest %d.%d: %w",
			h.major, h.minor, p.manifest.Format.Major, p.manifest.Format.Minor, ErrInvalidBundle)
	}
	return p, r, nil
}

// decryptStream opens the age layer; a failure while reading later means
// a damaged file, reported by whoever reads.
func decryptStream(ct io.Reader, id age.Identity) (io.Reader, error) {
	r, err := age.Decrypt(ct, id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return nil, ErrNotForUs
		}
		return nil, fmt.Errorf("decrypt: %v: %w", err, ErrDamaged)
	}
	return r, nil
}

// readHead reads what parsePayload splits off the front: magic, manifest
// length, manifest and signature.
func readHead(r io.Reader) (payload, error) {
	var p payload
	pre := make([]byte, len(payloadMagic)+4)
	if _, err := io.ReadFull(r, pre); err != nil {
		return p, readErr("content start", err)
	}
	if !bytes.HasPrefix(pre, []byte(payloadMagic)) {
		return p, fmt.Errorf("content start: %w", ErrInvalidBundle)
	}
	n := binary.BigEndian.Uint32(pre[len(payloadMagic):])
	if n > maxManifest {
		return p, fmt.Errorf("manifest length %d: %w", n, ErrInvalidBundle)
	}
	buf := make([]byte, int(n)+ed25519.SignatureSize)
	if _, err := io.ReadFull(r, buf); err != nil {
		return p, readErr(fmt.Sprintf("manifest length %d", n), err)
	}
	p.manifestRaw, p.sig = buf[:n], buf[n:]
	if err := json.Unmarshal(p.manifestRaw, &p.manifest); err != nil {
		return payload{}, fmt.Errorf("manifest: %v: %w", err, ErrInvalidBundle)
	}
	return p, nil
}

// readErr words a failure to read the decrypted payload: the content
// ending early is the sender's doing (the age layer authenticates where
// it ends); any other error is age's own check failing on a damaged file.
func readErr(what string, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s: content ends early: %w", what, ErrInvalidBundle)
	}
	return fmt.Errorf("%s: %v: %w", what, err, ErrDamaged)
}

// readBody reads the rest of a small body (an acknowledgement, a roster)
// whole, within maxSmallBody; a read error is the age layer's check.
func readBody(r io.Reader) ([]byte, error) { return readSmall(r, "content", ErrDamaged) }

// readSmall reads r whole within maxSmallBody; what names the part, and
// failed is the kind of a read error.
func readSmall(r io.Reader, what string, failed error) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxSmallBody+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", what, err, failed)
	}
	if len(b) > maxSmallBody {
		return nil, fmt.Errorf("%s larger than %d MiB: %w", what, maxSmallBody>>20, ErrTooLarge)
	}
	return b, nil
}

// checkBody checks a small body held in memory against the signed
// manifest: checkStream over its bytes.
func checkBody(p payload) error {
	return checkStream(p.manifest, bytes.NewReader(p.changes))
}

// inflateBody gunzips a small body checked by checkBody, within
// maxSmallBody: a few kilobytes of gzip can expand to gigabytes.
func inflateBody(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("body: %v: %w", err, ErrInvalidBundle)
	}
	return readSmall(zr, "body", ErrInvalidBundle)
}

// openBundle is openHead on a bundle held in memory, with the body read
// whole: for a file known to be small (one's own acknowledgement read
// back) and for tests.
func openBundle(b []byte, id age.Identity) (payload, error) {
	p, body, err := openHead(bytes.NewReader(b), int64(len(b)), id)
	if err != nil {
		return p, err
	}
	if p.changes, err = readBody(body); err != nil {
		return p, err
	}
	return p, nil
}

// hashReader hashes and counts what is read through it, reading at most
// one byte more than the manifest declares.
type hashReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func newHashReader(r io.Reader, declared int64) *hashReader {
	return &hashReader{r: io.LimitReader(r, declared+1), h: sha256.New()}
}

func (h *hashReader) Read(b []byte) (int, error) {
	n, err := h.r.Read(b)
	h.h.Write(b[:n])
	h.n += int64(n)
	if err != nil && err != io.EOF { // the age layer's own check failed
		err = fmt.Errorf("decrypt: %v: %w", err, ErrDamaged)
	}
	return n, err
}

// finish reads what the decoder left and checks length and hash against
// the manifest, as checkBody does for a body held in memory.
func (h *hashReader) finish(m manifest) error {
	if _, err := io.Copy(io.Discard, h); err != nil {
		return fmt.Errorf("decrypt: %v: %w", err, ErrDamaged)
	}
	switch {
	case h.n != m.ChangesLen:
		return fmt.Errorf("changes are %d bytes, manifest says %d: %w", h.n, m.ChangesLen, ErrInvalidBundle)
	case hex.EncodeToString(h.h.Sum(nil)) != m.ChangesSHA256:
		return fmt.Errorf("changes hash does not match the manifest: %w", ErrInvalidBundle)
	}
	return nil
}

// checkStream is the first pass over the changes: their length, hash and
// encoding against the signed manifest, nothing decoded or kept. Count and
// ranges are checked as the second pass decodes (a mismatch rolls the
// import back); Verify runs that pass without applying.
func checkStream(m manifest, body io.Reader) error {
	if err := newHashReader(body, m.ChangesLen).finish(m); err != nil {
		return err
	}
	if m.ChangesEncoding != encodingGzip {
		return fmt.Errorf("changes encoding %q: %w", m.ChangesEncoding, ErrNewerFormat)
	}
	return nil
}

// manifestOrigins lists the origins the signed ranges name, in order; the
// second pass refuses changes from any other.
func manifestOrigins(m manifest) []string {
	if m.RecordCount == 0 {
		return nil
	}
	if len(m.Ranges) == 0 {
		return []string{m.Sender.SiteID}
	}
	var out []string
	for _, r := range m.Ranges {
		if len(out) == 0 || out[len(out)-1] != r.Origin {
			out = append(out, r.Origin)
		}
	}
	return out
}

// streamChanges is the second pass, run by the store inside its import
// transaction: it decrypts the held copy again and hands on each change as
// it is decoded. The manifest must be the one checked, and the hash is
// checked again at the end, so what is applied is what was verified or
// the transaction rolls back.
func streamChanges(c *bundleCopy, id age.Identity, checked payload) func(func(store.Change) error) error {
	return func(fn func(store.Change) error) error {
		p, body, err := openHead(c.f, c.size, id)
		if err != nil {
			return err
		}
		if !bytes.Equal(p.manifestRaw, checked.manifestRaw) {
			return fmt.Errorf("bundle changed between check and import: %w", ErrDamaged)
		}
		return eachChecked(p.manifest, body, fn)
	}
}

// eachChecked decodes a body's changes one at a time, checking count and
// ranges as it goes and length and hash at the end: what checkChanges
// checks of a body held in memory.
func eachChecked(m manifest, body io.Reader, fn func(store.Change) error) error {
	hr := newHashReader(body, m.ChangesLen)
	rc := &rangeCheck{m: m}
	err := eachChange(hr, m.ChangesLen, func(c store.Change) error {
		if err := rc.add(changeHead{Origin: c.Origin, Seq: c.Seq, OrgID: c.OrgID}); err != nil {
			return err
		}
		return fn(c)
	})
	if err != nil {
		return err
	}
	if err := rc.done(); err != nil {
		return err
	}
	return hr.finish(m)
}
