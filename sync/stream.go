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

// Streaming the changes of a bundle.
//
// Decoded, a change takes a few kilobytes of memory against about 25 bytes
// on the wire, so a bundle of 100,000 changes decoded into a slice took
// more than 500 MiB. Import instead reads the changes twice from the
// encrypted copy it holds, never keeping more than one change decoded:
// the first pass (checkStream) checks length and hash against the signed
// manifest, so nothing is applied before both signature and hash hold;
// the second (streamChanges) runs inside the store's transaction, hands
// each change on as it is decoded, checks count and ranges as it goes and
// the hash again at the end; any failure rolls the whole import back.

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
			h.major, h.minor, p.manifest.Format.Major, p.manifest.Format.Minor, ErrDamaged)
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
	if _, err := io.ReadFull(r, pre); err != nil || !bytes.HasPrefix(pre, []byte(payloadMagic)) {
		return p, fmt.Errorf("content start: %w", ErrDamaged)
	}
	n := binary.BigEndian.Uint32(pre[len(payloadMagic):])
	if n > maxManifest {
		return p, fmt.Errorf("manifest length %d: %w", n, ErrDamaged)
	}
	buf := make([]byte, int(n)+ed25519.SignatureSize)
	if _, err := io.ReadFull(r, buf); err != nil {
		return p, fmt.Errorf("manifest length %d: %w", n, ErrDamaged)
	}
	p.manifestRaw, p.sig = buf[:n], buf[n:]
	if err := json.Unmarshal(p.manifestRaw, &p.manifest); err != nil {
		return payload{}, fmt.Errorf("manifest: %v: %w", err, ErrDamaged)
	}
	return p, nil
}

// readBody reads the rest of a small body (an acknowledgement) whole.
func readBody(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxPayload+1))
	if err != nil {
		return nil, fmt.Errorf("decrypt: %v: %w", err, ErrDamaged)
	}
	if len(b) > maxPayload {
		return nil, fmt.Errorf("content larger than %d MiB: %w", maxPayload>>20, ErrDamaged)
	}
	return b, nil
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
		return fmt.Errorf("changes are %d bytes, manifest says %d: %w", h.n, m.ChangesLen, ErrDamaged)
	case hex.EncodeToString(h.h.Sum(nil)) != m.ChangesSHA256:
		return fmt.Errorf("changes hash does not match the manifest: %w", ErrDamaged)
	}
	return nil
}

// eachChange decodes the gzipped JSON array of changes one at a time and
// calls fn with each in turn.
func eachChange(r io.Reader, fn func(store.Change) error) error {
	return eachItem(r, func(d *json.Decoder) error {
		var c store.Change
		if err := d.Decode(&c); err != nil {
			return fmt.Errorf("changes: %v: %w", err, ErrDamaged)
		}
		return fn(c)
	})
}

// changeHead is the part of a change the range check looks at.
type changeHead struct {
	Origin string `json:"origin"`
	Seq    int64  `json:"seq"`
	OrgID  string `json:"org_id"`
}

// eachItem walks the gzipped JSON array of changes, within maxChangesJSON,
// calling fn to decode each element in turn.
func eachItem(r io.Reader, fn func(*json.Decoder) error) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("changes: %v: %w", err, ErrDamaged)
	}
	lr := &io.LimitedReader{R: zr, N: maxChangesJSON + 1}
	d := json.NewDecoder(lr)
	d.UseNumber()
	t, err := d.Token()
	switch {
	case err != nil:
		return fmt.Errorf("changes: %v: %w", err, ErrDamaged)
	case t == nil: // null: no changes, as decoding into a slice reads it
	case t != json.Delim('['):
		return fmt.Errorf("changes: want a list: %w", ErrDamaged)
	default:
		for d.More() {
			if err := fn(d); err != nil {
				return err
			}
		}
		if _, err := d.Token(); err != nil {
			return fmt.Errorf("changes: %v: %w", err, ErrDamaged)
		}
	}
	// Reading to the end checks gzip's own checksum, as gunzipBounded does.
	if _, err := io.Copy(io.Discard, lr); err != nil {
		return fmt.Errorf("changes: %v: %w", err, ErrDamaged)
	}
	if lr.N <= 0 {
		return fmt.Errorf("changes larger than %d MiB: %w", maxChangesJSON>>20, ErrDamaged)
	}
	return nil
}

// rangeCheck is checkRanges one change at a time: the changes must be
// exactly the signed ranges, in order.
type rangeCheck struct {
	m       manifest
	n       int   // changes seen
	r       int   // current range
	next    int64 // sequence expected next within range r, once started
	started bool
}

func (rc *rangeCheck) add(c changeHead) error {
	m := rc.m
	rc.n++
	if rc.n > m.RecordCount {
		return fmt.Errorf("more changes than the manifest's %d: %w", m.RecordCount, ErrDamaged)
	}
	if len(m.Ranges) == 0 { // format 1.0: one origin, the sender's own
		if (rc.n == 1 && c.Seq != m.SeqFrom) || (rc.n == m.RecordCount && c.Seq != m.SeqTo) {
			return fmt.Errorf("change sequence range differs from the manifest: %w", ErrDamaged)
		}
		if c.Origin != m.Sender.SiteID {
			return fmt.Errorf("change from %s in a bundle from %s: %w", c.Origin, m.Sender.SiteID, ErrDamaged)
		}
		return nil
	}
	if c.OrgID != m.Sender.SiteID { // another cell's changes, replayed
		return fmt.Errorf("change of %s in a bundle from %s: %w", c.OrgID, m.Sender.SiteID, ErrDamaged)
	}
	if !rc.advance() {
		return fmt.Errorf("changes beyond the manifest's ranges: %w", ErrDamaged)
	}
	g := m.Ranges[rc.r]
	if c.Origin != g.Origin || c.Seq != rc.next {
		return fmt.Errorf("changes differ from the manifest's ranges: %w", ErrDamaged)
	}
	rc.next++
	return nil
}

// done checks the count and that every signed range arrived whole.
func (rc *rangeCheck) done() error {
	m := rc.m
	if rc.n != m.RecordCount {
		return fmt.Errorf("%d changes, manifest says %d: %w", rc.n, m.RecordCount, ErrDamaged)
	}
	if len(m.Ranges) == 0 {
		return nil
	}
	if rc.advance() { // a range not (wholly) delivered
		return fmt.Errorf("changes differ from the manifest's ranges: %w", ErrDamaged)
	}
	return nil
}

// advance moves past finished and empty ranges and reports whether a range
// still expects a change.
func (rc *rangeCheck) advance() bool {
	rs := rc.m.Ranges
	for rc.r < len(rs) {
		if !rc.started {
			rc.next, rc.started = rs[rc.r].From, true
		}
		if rc.next <= rs[rc.r].To {
			return true
		}
		rc.r++
		rc.started = false
	}
	return false
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
	err := eachChange(hr, func(c store.Change) error {
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
