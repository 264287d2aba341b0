package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// The desk's table at province scale (issue 6): 1,200 cells must scroll
// without stutter. Each benchmark runs a 12-cell desk as its baseline in
// the same run, so the figures read as a ratio on any machine:
//
//	CGO_ENABLED=0 go test -tags ci ./ui -run '^$' -bench HubCells -benchtime 200x

// deskScreen builds the cells screen over n synthetic rows, without a
// database: the table's cost depends on the rows, not on where they came from.
func deskScreen(n int) *hubCellsScreen {
	h := &hubCellsScreen{count: widget.NewLabel(""), search: widget.NewEntry(), today: time.Now}
	h.overdue = widget.NewCheck("", func(bool) { h.apply() })
	h.table = h.newTable()
	for i := range n {
		h.all = append(h.all, store.DeskRow{
			CellSummary: store.CellSummary{
				Org:  store.Org{ID: fmt.Sprint("c", i), Name: fmt.Sprintf("Chi bộ thôn %s %d", hubVillageNames[i%len(hubVillageNames)], i)},
				Peer: store.Peer{LastBundleAt: fmt.Sprintf("2026-%02d-%02dT08:00:00Z", 1+i%11, 1+i%28)},
			},
			Active: 80 + i%40, QuarterMeetings: i % 4,
			QuarterThematic: i%3 == 0, Gaps: i % 5 / 4, Conflicts: i % 7 / 6, Awaiting: i % 30, Overdue: i%9 == 0,
		})
	}
	h.apply()
	return h
}

var hubVillageNames = []string{"Sín Chéng", "Lùng Phìn", "Tả Van", "Bản Phố", "Nàn Sán", "Cán Cấu", "Lử Thẩn"}

// BenchmarkHubCellsScroll scrolls the table as a mouse wheel does, a
// row or so per step, then a page at a time, wrapping back to the top:
// every step lays out and fills the rows that come into view, which is
// what a frame of scrolling costs. The window is small enough that the
// 12-cell baseline scrolls too.
func BenchmarkHubCellsScroll(b *testing.B) {
	for _, step := range []float32{40, 300} {
		for _, n := range []int{12, 1200} {
			b.Run(fmt.Sprintf("step=%.0fpx/rows=%d", step, n), func(b *testing.B) {
				h := deskScreen(n)
				w := test.NewWindow(h.table)
				defer w.Close()
				w.Resize(fyne.NewSize(1000, 300))
				y := float32(0)
				cpu := startCPU(b)
				for range b.N {
					if y += step; y > float32(n)*30-300 {
						y = 0
					}
					h.table.ScrollToOffset(fyne.NewPos(0, y))
				}
				cpu.report(b)
			})
		}
	}
}

// BenchmarkHubCellsSort is a tap on a column header: filter, sort and
// refresh every row.
func BenchmarkHubCellsSort(b *testing.B) {
	for _, n := range []int{12, 1200} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			h := deskScreen(n)
			w := test.NewWindow(h.table)
			defer w.Close()
			w.Resize(fyne.NewSize(1000, 300))
			cpu := startCPU(b)
			for i := range b.N {
				h.sortBy(i % len(cellColumns))
			}
			cpu.report(b)
		})
	}
}

// cpuClock reports the process's CPU time per operation beside the wall
// time: the test driver waits between repaints, so ns/op is mostly its
// pacing, while cpu-ms/op is the work a frame of the real window costs
// (a frame at 60 Hz has 16.7 ms).
type cpuClock struct{ start time.Duration }

func startCPU(b *testing.B) cpuClock {
	b.ResetTimer()
	return cpuClock{processCPU()}
}

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(processCPU()-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// TestHubCellsManyRows checks the 1,200-row desk the benchmarks measure
// is real: every row is there, sorted, and the last one can be reached.
func TestHubCellsManyRows(t *testing.T) {
	h := deskScreen(1200)
	w := test.NewWindow(h.table)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 600))
	if rows, _ := h.table.Length(); rows != 1200 {
		t.Fatalf("table has %d rows, want 1200", rows)
	}
	h.sortBy(1) // members, largest first
	if h.rows[0].Active < h.rows[1199].Active {
		t.Errorf("sorted by members: first %d, last %d", h.rows[0].Active, h.rows[1199].Active)
	}
	h.table.ScrollToBottom()
	if got := h.cell(1199, 1); got != fmt.Sprint(h.rows[1199].Active) {
		t.Errorf("last row shows %q", got)
	}
}
