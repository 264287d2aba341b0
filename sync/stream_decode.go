package sync

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"chibo/store"
)

// Decoding a changes body, one change at a time and within bounds: the
// JSON array inside gzip (eachChange), what one change and the whole
// body may grow to (store.RecordReader, inflateLimit), and the check that
// the changes are exactly the signed ranges (rangeCheck). stream.go reads
// the bundle around it.

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
