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

// eachChange decodes the gzipped JSON array of changes one at a time and
// calls fn with each in turn; compressed is the body's size on the wire,
// which bounds how far it may inflate.
func eachChange(r io.Reader, compressed int64, fn func(store.Change) error) error {
	return eachItem(r, compressed, func(d *json.Decoder) error {
		var c store.Change
		if err := d.Decode(&c); err != nil {
			return decodeErr(err)
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

// Inflation bounds: a body may inflate to maxInflate times its
// compressed size plus inflateSlack, and never past maxChangesJSON. Real
// bundles inflate about 9 times (a cell of 200 members and 60 meetings:
// 0.6 MB to 5.6 MB); gzip can reach about 1,000.
const (
	maxInflate   = 64
	inflateSlack = 16 << 20
)

// inflateCap is how many bytes of JSON a body of compressed bytes may
// inflate to.
func inflateCap(compressed int64) int64 {
	return min(maxChangesJSON, maxInflate*max(compressed, 0)+inflateSlack)
}

// errInflated stops the decoder at inflateCap of the whole body.
var errInflated = errors.New("inflated too far")

// inflateLimit reads at most n bytes, then errInflated unless the input
// ends there.
type inflateLimit struct {
	r io.Reader
	n int64
}

func (l *inflateLimit) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if n, err := io.ReadFull(l.r, one[:]); n == 0 && err == io.EOF {
			return 0, io.EOF
		}
		return 0, errInflated
	}
	n, err := l.r.Read(p[:min(int64(len(p)), l.n)])
	l.n -= int64(n)
	return n, err
}

// decodeErr names why the decoder stopped: a deliberate limit, damage the
// age layer found, or a body that is not what a writer of this format
// makes.
func decodeErr(err error) error {
	switch {
	case errors.Is(err, store.ErrRecordTooLong):
		return fmt.Errorf("a change is larger than %d KiB: %w", store.MaxRecordBytes>>10, ErrTooLarge)
	case errors.Is(err, errInflated):
		return fmt.Errorf("changes inflate past %d times their size: %w", maxInflate, ErrTooLarge)
	case errors.Is(err, ErrDamaged):
		return err
	}
	return fmt.Errorf("changes: %v: %w", err, ErrInvalidBundle)
}

// eachItem walks the gzipped JSON array of changes, within inflateCap,
// calling fn to decode each element in turn, each within
// store.MaxRecordBytes.
func eachItem(r io.Reader, compressed int64, fn func(*json.Decoder) error) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return decodeErr(err)
	}
	rr := store.NewRecordReader(&inflateLimit{r: zr, n: inflateCap(compressed)})
	d := json.NewDecoder(rr)
	d.UseNumber()
	t, err := d.Token()
	switch {
	case err != nil:
		return decodeErr(err)
	case t == nil: // null: no changes, as decoding into a slice reads it
	case t != json.Delim('['):
		return fmt.Errorf("changes: want a list: %w", ErrInvalidBundle)
	default:
		for d.More() {
			start := d.InputOffset()
			rr.Start(start)
			if err := fn(d); err != nil {
				return err
			}
			if d.InputOffset()-start > store.MaxRecordBytes {
				return decodeErr(store.ErrRecordTooLong)
			}
		}
		rr.Start(d.InputOffset())
		if _, err := d.Token(); err != nil {
			return decodeErr(err)
		}
	}
	// Reading to the end checks gzip's own checksum; what follows the
	// array counts against the inflation cap like the rest.
	rr.Unlimited()
	if _, err := io.Copy(io.Discard, rr); err != nil {
		return decodeErr(err)
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
		return fmt.Errorf("more changes than the manifest's %d: %w", m.RecordCount, ErrInvalidBundle)
	}
	if len(m.Ranges) == 0 { // format 1.0: one origin, the sender's own
		if (rc.n == 1 && c.Seq != m.SeqFrom) || (rc.n == m.RecordCount && c.Seq != m.SeqTo) {
			return fmt.Errorf("change sequence range differs from the manifest: %w", ErrInvalidBundle)
		}
		if c.Origin != m.Sender.SiteID {
			return fmt.Errorf("change from %s in a bundle from %s: %w", c.Origin, m.Sender.SiteID, ErrInvalidBundle)
		}
		return nil
	}
	if c.OrgID != m.Sender.SiteID { // another cell's changes, replayed
		return fmt.Errorf("change of %s in a bundle from %s: %w", c.OrgID, m.Sender.SiteID, ErrInvalidBundle)
	}
	if !rc.advance() {
		return fmt.Errorf("changes beyond the manifest's ranges: %w", ErrInvalidBundle)
	}
	g := m.Ranges[rc.r]
	if c.Origin != g.Origin || c.Seq != rc.next {
		return fmt.Errorf("changes differ from the manifest's ranges: %w", ErrInvalidBundle)
	}
	rc.next++
	return nil
}

// done checks the count and that every signed range arrived whole.
func (rc *rangeCheck) done() error {
	m := rc.m
	if rc.n != m.RecordCount {
		return fmt.Errorf("%d changes, manifest says %d: %w", rc.n, m.RecordCount, ErrInvalidBundle)
	}
	if len(m.Ranges) == 0 {
		return nil
	}
	if rc.advance() { // a range not (wholly) delivered
		return fmt.Errorf("changes differ from the manifest's ranges: %w", ErrInvalidBundle)
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
