package ui

import (
	"os"
	"testing"

	"chibo/store"
)

// BenchmarkHubScreensOnDisk times opening each of the hub's screens on a
// hub built by `chibo demo --hub` (docs/scale.md), background loads
// included (the tests run them inline):
//
//	CHIBO_BENCH_HUB=/tmp/province CHIBO_PASSPHRASE=chibo-demo-2026 \
//	  go test -tags ci ./ui -run '^$' -bench HubScreensOnDisk -benchtime 3x
//
// What a screen does on the UI thread is the tests' business
// (TestHubScreensLoadOffTheUIThread); this only gives the figures.
func BenchmarkHubScreensOnDisk(b *testing.B) {
	dir := os.Getenv("CHIBO_BENCH_HUB")
	if dir == "" {
		b.Skip("set CHIBO_BENCH_HUB to a hub folder made by chibo demo --hub")
	}
	st, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.Unlock(os.Getenv("CHIBO_PASSPHRASE")); err != nil {
		b.Fatal(err)
	}
	s := newTestShell(b, st)
	for _, sec := range s.sections() {
		b.Run(sec.title, func(b *testing.B) {
			for range b.N {
				sec.open().view()
			}
		})
	}
}
