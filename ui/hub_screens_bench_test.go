package ui

import (
	"os"
	"testing"
	"time"

	"chibo/store"
)

// TestHubScreensOnDisk times opening each of the hub's screens on a hub
// built by `chibo demo --hub` (docs/scale.md), background loads included:
//
//	CHIBO_BENCH_HUB=/tmp/province CHIBO_PASSPHRASE=chibo-demo \
//	  go test -tags ci ./ui -run HubScreensOnDisk -v
//
// It prints the figures; what a screen does on the UI thread is the
// tests' business (TestHubScreensLoadOffTheUIThread), not a bar here.
func TestHubScreensOnDisk(t *testing.T) {
	dir := os.Getenv("CHIBO_BENCH_HUB")
	if dir == "" {
		t.Skip("set CHIBO_BENCH_HUB to a hub folder made by chibo demo --hub")
	}
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Unlock(os.Getenv("CHIBO_PASSPHRASE")); err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, st)
	for _, sec := range s.sections() {
		start := time.Now()
		scr := sec.open()
		scr.view()
		t.Logf("%-20s %v", sec.title, time.Since(start).Round(time.Millisecond))
	}
}
