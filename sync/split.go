package sync

import (
	"context"
	"fmt"

	"chibo/store"
)

// exportCap bounds one changes bundle. A cell that has not reached the
// hub for a long time (or a first export of a large cell) would otherwise
// write a file that is slow to carry and that the hub must refuse
// (maxRecords, maxPayload); above the cap the changes go into several
// bundles with contiguous ranges, which the hub takes in any order.
type exportCap struct {
	changes int   // changes per bundle
	bytes   int64 // size of a bundle file, compressed and encrypted
}

// defaultCap keeps each file well inside the import limits (format.go)
// and small enough for an old stick formatted FAT32 and a slow laptop.
// These are technical limits, not numbers from a Party regulation.
var defaultCap = exportCap{changes: 100_000, bytes: 64 << 20}

// exportCapped writes the cell's pending changes in as many bundles as
// the cap needs. Each part is written, read back and recorded before the
// next, so a failure keeps the parts already on the stick valid.
func exportCapped(ctx context.Context, st *store.Store, dir string, c exportCap) (Exported, error) {
	spec, err := prepareExport(ctx, st)
	if err != nil {
		return Exported{}, fmt.Errorf("sync: export: %w", err)
	}
	all := spec.changes
	var parts []Exported
	for start, first := 0, true; first || start < len(all); first = false {
		n := min(max(c.changes, 1), len(all)-start)
		for {
			part := partSpec(spec, all[start:start+n])
			file, msha, err := encodeBundle(part)
			if err != nil {
				return combine(parts), fmt.Errorf("sync: export: %w", err)
			}
			if int64(len(file)) > c.bytes && n > 1 {
				n = (n + 1) / 2 // too big: try half as many changes
				continue
			}
			x, err := writeBundle(ctx, st, dir, part, file, msha)
			if err != nil {
				return combine(parts), err
			}
			parts = append(parts, x)
			spec.manifest.PrevManifestSHA = msha
			start += n
			break
		}
	}
	return combine(parts), nil
}

// partSpec is spec carrying only cs, with its own id and ranges.
func partSpec(spec bundleSpec, cs []store.Change) bundleSpec {
	m := spec.manifest
	m.BundleID = store.NewID()
	m.Ranges = rangesOf(cs)
	m.SeqFrom, m.SeqTo = 0, 0
	for _, r := range m.Ranges {
		if r.Origin == m.Sender.SiteID || m.SeqTo == 0 {
			m.SeqFrom, m.SeqTo = r.From, r.To
		}
	}
	spec.manifest, spec.changes = m, cs
	return spec
}

// combine describes the parts as one export: the first part, with totals.
func combine(parts []Exported) Exported {
	switch len(parts) {
	case 0:
		return Exported{}
	case 1:
		return parts[0]
	}
	x := parts[0]
	x.Parts = parts
	for _, p := range parts[1:] {
		x.Changes += p.Changes
		x.Bytes += p.Bytes
	}
	return x
}
