package sync

import (
	"bytes"
	"compress/gzip"
	"testing"

	"chibo/store"
)

// seedParts returns the decrypted payload of a real bundle.
func seedParts(f *testing.F) payload {
	good, id := fuzzSeed(f)
	p, err := openBundle(good, id)
	if err != nil {
		f.Fatal(err)
	}
	return p
}

// FuzzManifest feeds arbitrary plaintext payloads (manifest framing and
// JSON) to the parser and the manifest checks: errors only, no panic.
func FuzzManifest(f *testing.F) {
	p := seedParts(f)
	f.Add(encodePayload(p.manifestRaw, p.sig, p.changes))
	f.Add(encodePayload([]byte(`{"format":{"major":9}}`), p.sig, nil))
	f.Add(encodePayload([]byte(`{"kind":"ack","record_count":-1}`), p.sig, nil))
	f.Add([]byte(payloadMagic + "\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, pt []byte) {
		q, err := parsePayload(pt)
		if err != nil {
			return
		}
		if checkManifest(q.manifest) != nil {
			return
		}
		_ = checkSignature(q)
		_, _ = checkChanges(q)
		_, _ = checkAck(q)
	})
}

// FuzzDecodeChanges feeds arbitrary gzip streams and JSON to the change
// decoder and the store's change validation.
func FuzzDecodeChanges(f *testing.F) {
	p := seedParts(f)
	f.Add(p.changes, false)
	f.Add([]byte(`[{"origin":"a","seq":1,"entity":"member","entity_id":"x","org_id":"a","op":"upsert","fields":{"full_name":1}}]`), true)
	f.Add([]byte(`[{"seq":9223372036854775807,"fields":{"votes_for":1e400}}]`), true)
	f.Add([]byte(`{"as_of":"2025-01-01T00:00:00Z","marks":{"a":-1}}`), true)
	f.Fuzz(func(t *testing.T, b []byte, compress bool) {
		if compress {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(b)
			zw.Close()
			b = buf.Bytes()
		}
		cs, err := decodeChanges(b)
		if err != nil {
			return
		}
		for _, c := range cs {
			_ = store.ValidChange(c)
		}
	})
}
