package sync

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"chibo/store"
)

// Benchmarks use a demo-sized cell (25 members, 12 meetings) and report,
// beside ns/op, how many times slower than a plain JSON + SHA-256 baseline
// over the same changes they are ("x-baseline"), measured in the same run.

// baselineNs times fn for about 200 ms and returns ns per call.
func baselineNs(fn func()) float64 {
	start, n := time.Now(), 0
	for time.Since(start) < 200*time.Millisecond {
		fn()
		n++
	}
	return float64(time.Since(start).Nanoseconds()) / float64(n)
}

func reportRatio(b *testing.B, base float64) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/base, "x-baseline")
}

func demoPair(b *testing.B) (hub, cell *site, changes []store.Change) {
	hub = newHub(b, "Đảng ủy xã Tả Van")
	cell = newCell(b, hub, "Chi bộ thôn Lao Chải")
	fillCell(b, cell, 25, 12)
	changes, err := cell.st.LocalChanges(context.Background(), 0)
	if err != nil {
		b.Fatal(err)
	}
	return hub, cell, changes
}

func marshalAndHash(b *testing.B, cs []store.Change) []byte {
	raw, err := json.Marshal(cs)
	if err != nil {
		b.Fatal(err)
	}
	sha256.Sum256(raw)
	return raw
}

func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	_, cell, changes := demoPair(b)
	base := func() { marshalAndHash(b, changes) }
	b.Run("baseline-json-sha256", func(b *testing.B) {
		for b.Loop() {
			base()
		}
	})
	b.Run("bundle", func(b *testing.B) {
		ratio := baselineNs(base)
		dir := b.TempDir()
		var size int64
		for b.Loop() {
			e, err := Export(ctx, cell.st, dir)
			if err != nil {
				b.Fatal(err)
			}
			size = e.Bytes
		}
		b.ReportMetric(float64(size), "bytes/bundle")
		reportRatio(b, ratio)
	})
}

func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	hub, cell, changes := demoPair(b)
	e := export(b, cell)
	raw := marshalAndHash(b, changes)
	base := func() {
		var cs []store.Change
		sha256.Sum256(raw)
		if err := json.Unmarshal(raw, &cs); err != nil {
			b.Fatal(err)
		}
	}
	hub.close(b)
	pristine := filepath.Join(hub.dir, store.FileName)
	b.Run("baseline-sha256-json", func(b *testing.B) {
		for b.Loop() {
			base()
		}
	})
	b.Run("import", func(b *testing.B) {
		ratio := baselineNs(base)
		b.ResetTimer()
		for range b.N {
			b.StopTimer()
			st := freshCopy(b, pristine)
			b.StartTimer()
			if r := Import(ctx, st, e.Path, acceptAll(st, e.Path)); r.Status != Accepted {
				b.Fatal(r.Err)
			}
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
		reportRatio(b, ratio)
	})
	b.Run("verify", func(b *testing.B) {
		ratio := baselineNs(base)
		st := freshCopy(b, pristine)
		defer st.Close()
		for b.Loop() {
			if r := Verify(ctx, st, e.Path); r.Status != NeedsConfirmation {
				b.Fatal(r.Err)
			}
		}
		reportRatio(b, ratio)
	})
}

// freshCopy opens a copy of a hub database that has not imported anything.
func freshCopy(b *testing.B, db string) *store.Store {
	dir := b.TempDir()
	src, err := os.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(filepath.Join(dir, store.FileName))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	dst.Close()
	st, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Unlock(testPass); err != nil {
		b.Fatal(err)
	}
	return st
}
