package cli

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	gosync "sync"
	"time"

	"chibo/store"
	bundle "chibo/sync"
)

// Invented name parts for synthetic members: common Mông, Nùng, Dao,
// Tày and Kinh family names, middle names and given names.
var (
	hubFamilies = []string{"Giàng", "Lù", "Thào", "Vàng", "Sùng", "Ly", "Hầu", "Mùa", "Nông", "Hoàng", "Triệu", "Bàn", "Nguyễn", "Trần", "Lò", "Ma", "Cư"}
	hubGiven    = []string{"Páo", "Mai", "Lử", "Chứ", "Dợ", "Dín", "Dế", "Mỷ", "Chảo", "Súa", "Hòa", "Lan", "Vần", "Mây", "An", "Hà", "Sáng", "Tỉnh", "Phử", "Dung", "Thắng", "Lủ", "Pà", "Sình", "Tiến"}
	hubEthnic   = []string{"Mông", "Mông", "Mông", "Nùng", "Dao", "Tày", "Kinh", "Giáy"}
	hubVillages = []string{"Sín Chéng", "Lùng Phìn", "Tả Van", "Bản Phố", "Nàn Sán", "Cán Cấu", "Lử Thẩn", "Thải Giàng Phố", "Hoàng Thu Phố", "Lùng Cải"}
)

// hubDemo is what `demo --hub` builds.
type hubDemo struct {
	dir                   string
	cells, members, years int
	cpuProfile            string // profile of the import phase, for scripts/bench-hub.sh
	cleanup               func() // removes the temporary bundles
	progress              bool   // a line every tenth of the bundles: time and memory as the hub grows
	keep                  string // folder keeping the bundles and the empty hub (hubdemo_keep.go)
}

func parseHubDemo(fs *flag.FlagSet) *hubDemo {
	h := &hubDemo{}
	fs.IntVar(&h.cells, "cells", 12, "with --hub: number of cells")
	fs.IntVar(&h.members, "members", 250, "with --hub: members in all cells together")
	fs.IntVar(&h.years, "years", 2, "with --hub: years of meetings and reviews")
	fs.StringVar(&h.keep, "bundles", "", "with --hub: keep the cells' bundles and the empty hub in this folder, or import the ones kept there")
	fs.BoolVar(&h.progress, "progress", false, "with --hub: print time and memory after every tenth of the bundles")
	fs.StringVar(&h.cpuProfile, "cpuprofile", "", "with --hub: write a CPU profile of the import phase to this file")
	return h
}

// runHubDemo builds a hub as if it had imported every cell's bundles: each
// cell is a real data folder (in a temporary folder) filled through the
// store, exported with sync.Export and imported with sync.Import, so the
// hub holds nothing the protocol would not have delivered.
func runHubDemo(e env, h *hubDemo) error {
	if h.cells < 1 || h.members < 2*h.cells || h.years < 1 || h.years > 20 {
		return usageError{"--cells must be at least 1, --members at least 2 per cell, --years 1 to 20"}
	}
	start := time.Now()
	paths, err := h.kept(e)
	if err != nil {
		return err
	}
	if paths == nil {
		if paths, err = h.build(e); err != nil {
			return err
		}
	}
	built := time.Since(start)
	if h.cleanup != nil {
		defer h.cleanup()
	}
	st, _, err := openSite(e, h.dir, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	stop, err := startProfile(h.cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	start = time.Now()
	changes := 0
	lap := start
	for i, p := range paths {
		// The demo made these cells itself: their keys are the ones a
		// person would confirm.
		sender, err := bundle.BundleSender(e.ctx, st, p)
		if err != nil {
			return fmt.Errorf("demo hub: %w", err)
		}
		r := bundle.Import(e.ctx, st, p, bundle.Options{Accept: []string{sender.Fingerprint}})
		if r.Status != bundle.Accepted {
			return fmt.Errorf("demo hub: import %s: %s: %v", p, r.Status, r.Err)
		}
		changes += r.Changes
		if step := max(1, len(paths)/10); h.progress && ((i+1)%step == 0 || i+1 == len(paths)) {
			fmt.Fprintf(e.out, "  %d/%d bundles, %d changes: %s (last %d: %s), memory %s\n", i+1, len(paths), changes,
				time.Since(start).Round(time.Millisecond), step, time.Since(lap).Round(time.Millisecond), memoryNow())
			lap = time.Now()
		}
	}
	fmt.Fprintf(e.out, "demo hub in %s: %d cells, %d members, %d years; built and exported in %s; imported %d bundles (%d changes) in %s\n",
		h.dir, h.cells, h.members, h.years, built.Round(time.Millisecond), len(paths), changes, time.Since(start).Round(time.Millisecond))
	return nil
}

// build sets up the hub and makes and exports every cell, into h.keep or
// a temporary folder removed once imported.
func (h *hubDemo) build(e env) ([]string, error) {
	card, err := demoHub(e, h.dir)
	if err != nil {
		return nil, err
	}
	hub, err := bundle.ReadHubCard(card)
	if err != nil {
		return nil, err
	}
	if err := h.keepHub(); err != nil {
		return nil, err
	}
	tmp := h.keep
	if tmp == "" {
		if tmp, err = os.MkdirTemp("", "chibo-hubdemo-"); err != nil {
			return nil, err
		}
		h.cleanup = func() { os.RemoveAll(tmp) }
	}
	return h.buildCells(e, hub, tmp, 0)
}

// buildCells makes every cell on twice as many workers as there are cores
// (a cell's commits wait on the disk as much as they use a core) and
// returns the bundle files in cell order.
func (h *hubDemo) buildCells(e env, hub store.Peer, tmp string, from int) ([]string, error) {
	paths := make([]string, h.cells-from)
	errs := make([]error, h.cells-from)
	next := make(chan int)
	var wg gosync.WaitGroup
	for range 2 * max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				paths[i-from], errs[i-from] = h.buildCell(e, hub, tmp, i)
			}
		}()
	}
	for i := from; i < h.cells; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// buildCell sets up cell i in its own folder, fills it and exports one
// bundle; the cell's folder is removed, the bundle stays in tmp/out.
func (h *hubDemo) buildCell(e env, hub store.Peer, tmp string, i int) (string, error) {
	dir := filepath.Join(tmp, fmt.Sprintf("cell-%04d", i))
	defer os.RemoveAll(dir)
	size := h.members / h.cells
	if i < h.members%h.cells {
		size++
	}
	village := hubVillages[i%len(hubVillages)]
	name := fmt.Sprintf("Chi bộ thôn %s %d", village, i/len(hubVillages)+1)
	quiet := env{ctx: e.ctx, out: discard{}, errOut: e.errOut, pass: e.pass}
	r := rand.New(rand.NewPCG(2026, uint64(i)))
	if _, err := initSite(quiet, dir, store.Setup{Role: store.RoleCell, Name: name, ParentName: hub.Name,
		Place: village, HasCommittee: r.IntN(3) > 0, Hub: &hub}); err != nil {
		return "", fmt.Errorf("demo hub: cell %d: %w", i, err)
	}
	st, _, err := openSite(quiet, dir, store.RoleCell)
	if err != nil {
		return "", err
	}
	defer st.Close()
	if err := fillHubCell(e.ctx, st, r, size, h.years, time.Now()); err != nil {
		return "", fmt.Errorf("demo hub: fill %s: %w", name, err)
	}
	out := filepath.Join(tmp, "out")
	if err := os.MkdirAll(out, 0o700); err != nil {
		return "", err
	}
	x, err := bundle.Export(e.ctx, st, out)
	if err != nil {
		return "", fmt.Errorf("demo hub: export %s: %w", name, err)
	}
	return x.Path, nil
}

// newDemoCell sets up a cell's folder and keeps the store Init left
// unlocked: opening it again would derive the passphrase key (scrypt, about
// half a second and 256 MiB) a second time for every synthetic cell.
func newDemoCell(e env, dir string, in store.Setup) (*store.Store, error) {
	keys, err := bundle.GenerateKeys()
	if err != nil {
		return nil, err
	}
	if in.Passphrase, err = passphrase(e, dir); err != nil { // the hub's, as the demo's cells share it
		return nil, err
	}
	in.Keys = keys
	st, err := store.Open(dir)
	if err != nil {
		return nil, err
	}
	if _, err := st.Init(e.ctx, in); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// startProfile writes a CPU profile to path until the returned stop is
// called; no path, no profile.
func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("demo hub: cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("demo hub: cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// ctxEnv is the env demoMeeting needs inside a worker.
func ctxEnv(ctx context.Context) env { return env{ctx: ctx, out: discard{}, errOut: discard{}} }
