package cli

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
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
}

func parseHubDemo(fs *flag.FlagSet) *hubDemo {
	h := &hubDemo{}
	fs.IntVar(&h.cells, "cells", 12, "with --hub: number of cells")
	fs.IntVar(&h.members, "members", 250, "with --hub: members in all cells together")
	fs.IntVar(&h.years, "years", 2, "with --hub: years of meetings and reviews")
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
	card, err := demoHub(e, h.dir)
	if err != nil {
		return err
	}
	hub, err := bundle.ReadHubCard(card)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "chibo-hubdemo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	paths, err := h.buildCells(e, hub, tmp)
	if err != nil {
		return err
	}
	built := time.Since(start)
	st, _, err := openSite(e, h.dir, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	start = time.Now()
	changes := 0
	for _, p := range paths {
		r := bundle.Import(e.ctx, st, p, bundle.Options{AcceptNew: true})
		if r.Status != bundle.Accepted {
			return fmt.Errorf("demo hub: import %s: %s: %v", p, r.Status, r.Err)
		}
		changes += r.Changes
	}
	fmt.Fprintf(e.out, "demo hub in %s: %d cells, %d members, %d years; built and exported in %s; imported %d bundles (%d changes) in %s\n",
		h.dir, h.cells, h.members, h.years, built.Round(time.Millisecond), len(paths), changes, time.Since(start).Round(time.Millisecond))
	return nil
}

// buildCells makes every cell on as many workers as there are cores and
// returns the bundle files in cell order.
func (h *hubDemo) buildCells(e env, hub store.Peer, tmp string) ([]string, error) {
	paths := make([]string, h.cells)
	errs := make([]error, h.cells)
	next := make(chan int)
	var wg gosync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				paths[i], errs[i] = h.buildCell(e, hub, tmp, i)
			}
		}()
	}
	for i := range h.cells {
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
	quiet := env{ctx: e.ctx, out: discard{}, errOut: e.errOut}
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

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// ctxEnv is the env demoMeeting needs inside a worker.
func ctxEnv(ctx context.Context) env { return env{ctx: ctx, out: discard{}, errOut: discard{}} }
