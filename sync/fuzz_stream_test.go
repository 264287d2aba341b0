package sync

import (
	"bytes"
	"compress/gzip"
	"reflect"
	"testing"

	"chibo/store"
)

// FuzzStreamChanges holds the streamed decoder Import uses to the
// in-memory one (checkChanges) on arbitrary bodies under a manifest whose
// length and hash match them: both accept the same bodies and yield the
// same changes, and neither panics.
func FuzzStreamChanges(f *testing.F) {
	p := seedParts(f)
	raw, err := gunzipBounded(p.changes)
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
		want, werr := checkChanges(q)
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
