package sync

import (
	"context"
	"testing"
)

// TestExportSplit: above the cap a cell writes several bundles with
// contiguous ranges, and the hub reaches the cell's state whatever order
// they arrive in, duplicates included.
func TestExportSplit(t *testing.T) {
	tests := []struct {
		name  string
		cap   exportCap
		order func(n int) []int
	}{
		{"in order", exportCap{changes: 7, bytes: 64 << 20}, func(n int) []int { return seq(n, false) }},
		{"reverse order", exportCap{changes: 7, bytes: 64 << 20}, func(n int) []int { return seq(n, true) }},
		{"middle first, twice each", exportCap{changes: 7, bytes: 64 << 20}, func(n int) []int {
			return append(append([]int{n / 2}, seq(n, true)...), seq(n, false)...)
		}},
		{"byte cap", exportCap{changes: 1000, bytes: 3000}, func(n int) []int { return seq(n, true) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			hub := newHub(t, "Đảng ủy xã Tả Van")
			cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
			fillCell(t, cell, 6, 3)
			pending, err := cell.st.PendingChanges(ctx)
			if err != nil {
				t.Fatal(err)
			}
			x, err := exportCapped(ctx, cell.st, t.TempDir(), tc.cap)
			if err != nil {
				t.Fatal(err)
			}
			if len(x.Parts) < 2 || x.Changes != len(pending) {
				t.Fatalf("%d parts with %d changes, want several with %d", len(x.Parts), x.Changes, len(pending))
			}
			for i, p := range x.Parts {
				if p.Changes > tc.cap.changes || (p.Bytes > tc.cap.bytes && p.Changes > 1) {
					t.Fatalf("part %d over the cap: %+v", i, p)
				}
			}
			for k, i := range tc.order(len(x.Parts)) {
				// The first file to arrive enrolls the cell.
				opt := Options{}
				if k == 0 {
					opt = acceptAll(hub.st, x.Parts[i].Path)
				}
				r := Import(ctx, hub.st, x.Parts[i].Path, opt)
				if r.Status != Accepted && r.Status != Duplicate {
					t.Fatalf("part %d: %s %v", i, r.Status, r.Err)
				}
				if k == 0 && i > 0 && r.Held == 0 {
					t.Fatalf("part %d arrived first and was not held back", i)
				}
			}
			sameState(t, cell, hub)
		})
	}
}

func seq(n int, reverse bool) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
		if reverse {
			out[i] = n - 1 - i
		}
	}
	return out
}
