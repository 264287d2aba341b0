package sync

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	gosync "sync"
	"testing"
	"time"

	"filippo.io/age"

	"chibo/store"
)

// BenchmarkImportMemory imports bundles of 10,000 and 100,000 member
// changes into fresh hubs and reports the peak heap the import adds over
// the heap before it (sampled every 2 ms), beside the baseline measured in
// the same run: the peak heap of decoding the same bundle into one slice,
// as import did before it streamed. The import's peak should stay flat
// from 10k to 100k; the baseline grows with the bundle.
//
//	go test -tags ci -run '^$' -bench ImportMemory -benchtime 1x ./sync
func BenchmarkImportMemory(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			path, pristine, id := bigBundle(b, n)
			for b.Loop() {
				slice := peakHeap(func() {
					raw, err := os.ReadFile(path)
					if err != nil {
						b.Fatal(err)
					}
					p, err := openBundle(raw, id)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := checkChanges(p); err != nil {
						b.Fatal(err)
					}
				})
				st := freshCopy(b, pristine)
				var r Result
				imp := peakHeap(func() { r = Import(context.Background(), st, path, acceptAll(st, path)) })
				st.Close()
				if r.Status != Accepted || r.Changes != n {
					b.Fatalf("import: %+v", r)
				}
				b.ReportMetric(float64(imp)/(1<<20), "import-peak-MiB")
				b.ReportMetric(float64(slice)/(1<<20), "slice-decode-peak-MiB")
			}
		})
	}
}

// bigBundle exports n member changes from a new cell and returns the
// bundle, a copy of the hub's database from before any import, and the
// hub's age identity.
func bigBundle(b *testing.B, n int) (path, pristine string, id *age.X25519Identity) {
	ctx := context.Background()
	hub := newHub(b, "Đảng ủy xã Tả Van")
	cell := newCell(b, hub, "Chi bộ thôn Lao Chải")
	ms := make([]store.Member, n-1) // the cell's own org record is the n-th change
	for i := range ms {
		ms[i] = store.Member{FullName: fmt.Sprintf("Giàng A Páo %06d", i), Sex: store.SexMale, BirthDate: "1980-03-04",
			Ethnicity: "H'Mông", Status: store.StatusFull, Position: store.PositionMember}
	}
	if _, err := cell.st.SaveMembers(ctx, ms); err != nil {
		b.Fatal(err)
	}
	e := export(b, cell)
	keys, err := hub.st.Keys(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if id, err = age.ParseX25519Identity(keys.AgeIdentity); err != nil {
		b.Fatal(err)
	}
	hub.close(b)
	cell.close(b)
	return e.Path, filepath.Join(hub.dir, store.FileName), id
}

// peakHeap runs f and returns the highest HeapInuse seen while it ran,
// less the HeapInuse before it, after a collection on both sides.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, peak := m.HeapInuse, m.HeapInuse
	stop := make(chan struct{})
	var wg gosync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				var s runtime.MemStats
				runtime.ReadMemStats(&s)
				peak = max(peak, s.HeapInuse)
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	if peak < base {
		return 0
	}
	return peak - base
}
