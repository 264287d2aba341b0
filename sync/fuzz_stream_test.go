package sync

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"testing"

	"chibo/store"
)

// FuzzStreamChanges holds the streamed decoder Import uses to an
// independent oracle (sliceOracle, the in-memory reader that production
// code used before there was one reader) on arbitrary bodies under a
// manifest whose length and hash match them: both accept the same bodies
// and yield the same changes, and neither panics.
func FuzzStreamChanges(f *testing.F) {
	p := seedParts(f)
	raw, err := inflateBody(p.changes)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw, true)
	f.Add(p.changes, false)
	f.Add([]byte(`null`), true)
	f.Add([]byte(`[] trailing`), true)
	f.Add([]byte(`[{"origin":"a","seq":1}] [`), true)
	f.Fuzz(func(t *testing.T, b []byte, compress bool) {
		if compress {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(b)
			zw.Close()
			b = buf.Bytes()
		}
		q := p
		q.changes = b
		q.manifest.ChangesLen, q.manifest.ChangesSHA256 = int64(len(b)), sha256Hex(b)
		want, werr := sliceOracle(q)
		var got []store.Change
		gerr := checkStream(q.manifest, bytes.NewReader(b))
		if gerr == nil {
			gerr = eachChecked(q.manifest, bytes.NewReader(b), func(c store.Change) error {
				got = append(got, c)
				return nil
			})
		}
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("in memory: %v; streamed: %v", werr, gerr)
		}
		if werr == nil && len(want)+len(got) > 0 && !reflect.DeepEqual(want, got) {
			t.Fatalf("in memory %d changes, streamed %d, not the same", len(want), len(got))
		}
	})
}

// sliceOracle is the old in-memory reader, kept as a test oracle only:
// gunzip the whole body, decode it into one slice, then check count and
// ranges over the slice.
func sliceOracle(p payload) ([]store.Change, error) {
	if err := checkBody(p); err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(p.changes))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxChangesJSON+1))
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var cs []store.Change
	if err := d.Decode(&cs); err != nil {
		return nil, err
	}
	m := p.manifest
	if len(cs) != m.RecordCount {
		return nil, fmt.Errorf("%d changes, manifest says %d", len(cs), m.RecordCount)
	}
	return cs, oracleRanges(m, cs)
}

// oracleRanges: the changes are exactly the signed ranges.
func oracleRanges(m manifest, cs []store.Change) error {
	if len(m.Ranges) == 0 { // format 1.0: one origin, the sender's own
		if len(cs) > 0 && (cs[0].Seq != m.SeqFrom || cs[len(cs)-1].Seq != m.SeqTo) {
			return fmt.Errorf("range differs")
		}
		for _, c := range cs {
			if c.Origin != m.Sender.SiteID {
				return fmt.Errorf("other origin")
			}
		}
		return nil
	}
	i := 0
	for _, c := range cs {
		if c.OrgID != m.Sender.SiteID {
			return fmt.Errorf("other org")
		}
	}
	for _, r := range m.Ranges {
		for seq := r.From; seq <= r.To; seq++ {
			if i >= len(cs) || cs[i].Origin != r.Origin || cs[i].Seq != seq {
				return fmt.Errorf("ranges differ")
			}
			i++
		}
	}
	if i != len(cs) {
		return fmt.Errorf("beyond ranges")
	}
	return nil
}
