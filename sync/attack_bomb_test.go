package sync

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"chibo/store"
)

// Resource bombs from an insider: an enrolled cell signs, with its own
// valid key, a small bundle whose changes inflate to something huge. The
// hub must refuse it cleanly within memCap of the file's size and
// timeCap, with the database unchanged.

// memCap is the memory an import or verify may add over the heap before
// it: about 20 times the bundle's size plus a constant for the
// decoder's and SQLite's working set.
func memCap(fileSize int) uint64 { return 20*uint64(fileSize) + 64<<20 }

// timeCap is the time one bundle may take, for a file of the given size.
func timeCap(fileSize int) time.Duration {
	return 10*time.Second + time.Duration(fileSize)*time.Second/(1<<20)
}

// gzipStream compresses what write produces without holding it.
func gzipStream(t testing.TB, write func(io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err := write(zw); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// repeat writes n copies of b.
func repeat(w io.Writer, b byte, n int) error {
	chunk := bytes.Repeat([]byte{b}, 1<<16)
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := w.Write(chunk[:k]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// signedRaw signs a manifest for body with the cell's own key, as a rogue
// cell with its genuine laptop would, and encrypts it for the hub. The
// changes are the cell's own origin from seq from, count of them.
func signedRaw(t testing.TB, cell, hub *site, body []byte, from int64, count int) []byte {
	t.Helper()
	ctx := context.Background()
	spec, err := prepareExport(ctx, cell.st)
	if err != nil {
		t.Fatal(err)
	}
	m := spec.manifest
	m.SeqFrom, m.SeqTo = from, from+int64(count)-1
	m.Ranges = []store.SeqRange{{Origin: cell.id, From: m.SeqFrom, To: m.SeqTo}}
	m.RecordCount, m.ChangesEncoding = count, encodingGzip
	m.ChangesLen, m.ChangesSHA256 = int64(len(body)), sha256Hex(body)
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := cell.st.Keys(ctx)
	pt := encodePayload(raw, ed25519.Sign(keys.SignPriv, raw), body)
	var ct bytes.Buffer
	w, err := age.Encrypt(&ct, spec.recipients...)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(pt)
	w.Close()
	h := encodeHeader(header{major: formatMajor, minor: formatMinor, length: int64(ct.Len()), sha: sha256Hex(ct.Bytes())})
	return append(h, ct.Bytes()...)
}

// bombHead is one member change of the cell, with its name left open
// for the caller to write.
func bombHead(cell *site, seq int64) string {
	return fmt.Sprintf(`{"origin":%q,"seq":%d,"lamport":%d,"entity":"member","entity_id":"%s-%d","org_id":%q,"op":"upsert","wall_time":"2025-01-01T00:00:00Z","fields":{"status":"full","full_name":"`,
		cell.id, seq, seq+100, cell.id, seq, cell.id)
}

// bombs builds the attack bundles for a cell whose next seq is next.
func bombs(t testing.TB, cell, hub *site, next int64) map[string][]byte {
	oneHuge := gzipStream(t, func(w io.Writer) error {
		io.WriteString(w, "["+bombHead(cell, next))
		if err := repeat(w, 'a', 400<<20); err != nil {
			return err
		}
		_, err := io.WriteString(w, `"}}]`)
		return err
	})
	const many, each = 500, 900 << 10
	manyLarge := gzipStream(t, func(w io.Writer) error {
		io.WriteString(w, "[")
		for i := range many {
			if i > 0 {
				io.WriteString(w, ",")
			}
			io.WriteString(w, bombHead(cell, next+int64(i)))
			repeat(w, 'b', each)
			io.WriteString(w, `"}}`)
		}
		_, err := io.WriteString(w, "]")
		return err
	})
	spaces := gzipStream(t, func(w io.Writer) error {
		io.WriteString(w, "[")
		repeat(w, ' ', 400<<20)
		_, err := io.WriteString(w, bombHead(cell, next)+`x"}}]`)
		return err
	})
	return map[string][]byte{
		"one 400 MB name":                  signedRaw(t, cell, hub, oneHuge, next, 1),
		"500 names of 900 KB":              signedRaw(t, cell, hub, manyLarge, next, many),
		"400 MB of blanks before a change": signedRaw(t, cell, hub, spaces, next, 1),
	}
}

// TestAttackSignedBombs: each bomb, validly signed by an enrolled cell,
// is refused as too large (not as damaged) within the memory and time
// caps, and the hub's database is unchanged; verify refuses it too.
func TestAttackSignedBombs(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 3, 1)
	first := export(t, cell)
	mustImport(t, hub.st, first.Path, Accepted)
	pending, _ := cell.st.PendingChanges(ctx)
	next := pending[len(pending)-1].Seq + 1
	for name, b := range bombs(t, cell, hub, next) {
		t.Run(name, func(t *testing.T) {
			before := hub.dbHash(t)
			path := writeFile(t, "bomb.chibo", b)
			for _, verb := range []string{"verify", "import"} {
				var r Result
				start := time.Now()
				peak := peakHeap(func() {
					if verb == "verify" {
						r = Verify(ctx, hub.st, path)
					} else {
						r = Import(ctx, hub.st, path, acceptAll(hub.st, path))
					}
				})
				took := time.Since(start)
				t.Logf("%s: %d KB file, peak heap %d MiB, %v: %v", verb, len(b)>>10, peak>>20, took.Round(time.Millisecond), r.Err)
				// Too large for the decoder, or, once decoded, for its field
				// (store.ErrTooLong, the entities table's caps): either way
				// refused as too much, not as damage.
				if r.Status != Refused || !(errors.Is(r.Err, ErrTooLarge) || errors.Is(r.Err, store.ErrTooLong)) {
					t.Errorf("%s: got %s %v, want refused as too large", verb, r.Status, r.Err)
				}
				if peak > memCap(len(b)) {
					t.Errorf("%s: peak heap %d MiB, cap %d MiB", verb, peak>>20, memCap(len(b))>>20)
				}
				if took > timeCap(len(b)) {
					t.Errorf("%s: took %v, cap %v", verb, took, timeCap(len(b)))
				}
			}
			if hub.dbHash(t) != before {
				t.Fatal("hub database changed")
			}
		})
	}
}

// TestAttackBombFromUnknownSender: verify of a bomb from a cell that is
// not enrolled yet stops at the signature and the hash: it names the
// sender for a person to check and decodes nothing.
func TestAttackBombFromUnknownSender(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	b := bombs(t, cell, hub, 1)["one 400 MB name"]
	path := writeFile(t, "bomb.chibo", b)
	var r Result
	peak := peakHeap(func() { r = Verify(ctx, hub.st, path) })
	t.Logf("verify: %d KB file, peak heap %d MiB: %s %v", len(b)>>10, peak>>20, r.Status, r.Err)
	if r.Status != NeedsConfirmation || !strings.Contains(r.Sender.Name, "Lao Chải") {
		t.Errorf("got %s %v, want needs-confirmation naming the sender", r.Status, r.Err)
	}
	if peak > memCap(len(b)) {
		t.Errorf("peak heap %d MiB, cap %d MiB", peak>>20, memCap(len(b))>>20)
	}
}
