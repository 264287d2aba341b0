package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"chibo/store"
	bundle "chibo/sync"
)

// Kept bundles: building a province's cells takes far longer than
// importing them, so `demo --hub --bundles DIR` keeps what it built in DIR
// (the cells' bundles in DIR/out, the hub as it was before the import in
// DIR/hub) and a later run with the same DIR imports them into a fresh
// copy of that hub without building anything. The bundles are encrypted
// to that hub's key, so they are only ever imported into a copy of it. A
// run asking for more cells than are kept builds only the missing ones,
// so a province can be built a part at a time.

// demoHubCard is the card demoHub (demo.go) writes beside the hub's data.
const demoHubCard = "the-cap-uy.json"

// kept returns the bundles kept in h.keep after copying the kept hub into
// h.dir, or nil when there is nothing kept yet.
func (h *hubDemo) kept(e env) ([]string, error) {
	if h.keep == "" {
		return nil, nil
	}
	paths, err := bundle.BundleFiles(filepath.Join(h.keep, "out"))
	if err != nil || len(paths) == 0 {
		return nil, nil // nothing kept: build
	}
	if len(paths) > h.cells {
		return nil, usageError{fmt.Sprintf("%s keeps %d cells' bundles, more than %d: use another folder", h.keep, len(paths), h.cells)}
	}
	if _, err := os.Stat(filepath.Join(h.dir, store.FileName)); err == nil {
		return nil, usageError{fmt.Sprintf("%s already holds data: kept bundles go into a new folder", h.dir)}
	}
	if err := copyFlat(filepath.Join(h.keep, "hub"), h.dir); err != nil {
		return nil, fmt.Errorf("demo hub: copy the kept hub: %w", err)
	}
	if len(paths) == h.cells {
		return paths, nil
	}
	hub, err := bundle.ReadHubCard(filepath.Join(h.keep, "hub", demoHubCard))
	if err != nil {
		return nil, err
	}
	more, err := h.buildCells(e, hub, h.keep, len(paths))
	if err != nil {
		return nil, err
	}
	return append(paths, more...), nil
}

// keepHub copies the hub, set up and not yet importing, into h.keep.
func (h *hubDemo) keepHub() error {
	if h.keep == "" {
		return nil
	}
	if err := copyFlat(h.dir, filepath.Join(h.keep, "hub")); err != nil {
		return fmt.Errorf("demo hub: keep the hub: %w", err)
	}
	return nil
}

// copyFlat copies the regular files of one folder into another.
func copyFlat(from, to string) error {
	ents, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o700); err != nil {
		return err
	}
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		if err := copyFile(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// memoryNow is the process's resident memory and its peak so far, as
// Linux reports them, or the Go heap elsewhere.
func memoryNow() string {
	b, err := os.ReadFile("/proc/self/status")
	if err == nil {
		var rss, hwm string
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
				rss = strings.TrimSpace(v)
			}
			if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
				hwm = strings.TrimSpace(v)
			}
		}
		if rss != "" {
			return fmt.Sprintf("resident %s (peak %s)", rss, hwm)
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return fmt.Sprintf("Go heap %d MiB", m.HeapInuse>>20)
}
