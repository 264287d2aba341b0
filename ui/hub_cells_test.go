package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// deliverCell applies one cell's bundle to the hub through the store's
// apply path: its org, members and meetings dated as given.
func deliverCell(t *testing.T, st *store.Store, id, name string, members int, meetings ...[2]string) {
	t.Helper()
	var cs []store.Change
	add := func(entity, eid string, f map[string]any) {
		cs = append(cs, store.Change{Origin: id, Seq: int64(len(cs) + 1), Lamport: int64(len(cs) + 1), Entity: entity,
			EntityID: eid, OrgID: id, Op: store.OpUpsert, Fields: f, WallTime: "2026-11-20T01:00:00Z"})
	}
	add("org", id, map[string]any{"name": name, "kind": store.OrgKindCell})
	for i := range members {
		add("member", fmt.Sprintf("%s-m%d", id, i), map[string]any{"full_name": fmt.Sprint("Đảng viên ", i), "status": store.StatusFull})
	}
	for i, m := range meetings {
		add("meeting", fmt.Sprintf("%s-mt%d", id, i), map[string]any{"kind": m[0], "date": m[1]})
	}
	add("review", id+"-r", map[string]any{"member_id": id + "-m0", "year": 2025, "cell_level": "good"})
	_, err := st.ApplyBundle(context.Background(), store.Incoming{BundleID: id + "-b1", Pin: true, SeqFrom: 1, SeqTo: int64(len(cs)),
		Sender:  store.Peer{SiteID: id, Role: store.RoleCell, Name: name, SignPub: []byte(id), AgeRecipient: "age1x", Fingerprint: "f-" + id},
		Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHubCellsDesk(t *testing.T) {
	hubStore, _ := newHub(t)
	now := time.Now()
	q := time.Date(now.Year(), (now.Month()-1)/3*3+1, 2, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	deliverCell(t, hubStore, "a", "Chi bộ thôn Sín Chéng", 3, [2]string{store.MeetingRegular, q}, [2]string{store.MeetingThematic, q})
	deliverCell(t, hubStore, "b", "Chi bộ thôn Lùng Phìn", 7, [2]string{store.MeetingRegular, "2020-01-05"})
	sh := newTestShell(t, hubStore)
	h := sh.current.(*hubCellsScreen)

	tests := []struct {
		name   string
		act    func()
		want   []string // first column of each shown row, in order
		detail func(t *testing.T)
	}{
		{name: "by name at first", act: func() {}, want: []string{"Chi bộ thôn Lùng Phìn", "Chi bộ thôn Sín Chéng"},
			detail: func(t *testing.T) {
				// Sín Chéng: 3 members, 2 meetings this quarter, thematic held, 1 rating awaiting.
				got := []string{h.cell(1, 1), h.cell(1, 3), h.cell(1, 4), h.cell(1, 7), h.cell(0, 4)}
				want := []string{"3", "2", "Đã họp", "1", "Chưa"}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("row figures %v, want %v", got, want)
				}
				if !strings.Contains(h.cell(1, 2), "/") {
					t.Errorf("last bundle %q is not dd/mm/yyyy", h.cell(1, 2))
				}
			}},
		{name: "members, largest first", act: func() { h.sortBy(1) }, want: []string{"Chi bộ thôn Lùng Phìn", "Chi bộ thôn Sín Chéng"}},
		{name: "members again reverses", act: func() { h.sortBy(1) }, want: []string{"Chi bộ thôn Sín Chéng", "Chi bộ thôn Lùng Phìn"}},
		{name: "filter without diacritics", act: func() { h.search.SetText("lung phin") }, want: []string{"Chi bộ thôn Lùng Phìn"}},
		{name: "nothing overdue today", act: func() { h.search.SetText(""); h.overdue.SetChecked(true) }, want: nil},
		{name: "two months on, both overdue and marked", act: func() {
			h.today = func() time.Time { return now.AddDate(0, 2, 5) }
			h.reload()
		}, want: []string{"⚠ Chi bộ thôn Sín Chéng", "⚠ Chi bộ thôn Lùng Phìn"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.act()
			var got []string
			for r := range h.rows {
				got = append(got, h.cell(r, 0))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("rows %q, want %q", got, tc.want)
			}
			if tc.detail != nil {
				tc.detail(t)
			}
		})
	}
	if !strings.Contains(h.count.Text, "2 chi bộ quá hạn") {
		t.Errorf("count line %q", h.count.Text)
	}
	// An overdue row is drawn in the danger colour, a current one is not.
	for _, row := range []int{0, 1} {
		l := h.table.CreateCell().(*widget.Label)
		h.table.UpdateCell(widget.TableCellID{Row: row, Col: 1}, l)
		if l.Importance != widget.DangerImportance {
			t.Errorf("overdue row %d drawn with importance %v", row, l.Importance)
		}
	}
	h.today = time.Now
	h.overdue.SetChecked(false)
	h.reload()
	if len(h.rows) != 2 {
		t.Fatalf("%d rows after clearing the filter", len(h.rows))
	}
	l := h.table.CreateCell().(*widget.Label)
	h.table.UpdateCell(widget.TableCellID{Row: 0, Col: 1}, l)
	if l.Importance == widget.DangerImportance {
		t.Error("a current cell is drawn as overdue")
	}
}

// TestHubScreensLoadOffTheUIThread: the desk, the rating sheet and the
// dashboard read the hub's tables in the background (half a second to a
// second each for a province) and say so meanwhile, rather than freezing
// the window.
func TestHubScreensLoadOffTheUIThread(t *testing.T) {
	hubStore, _ := newHub(t)
	deliverCell(t, hubStore, "a", "Chi bộ thôn Sín Chéng", 3)
	sh := newTestShell(t, hubStore)
	var pending []func()
	old := spawn
	spawn = func(f func()) { pending = append(pending, f) }
	t.Cleanup(func() { spawn = old })
	run := func() {
		for len(pending) > 0 {
			f := pending[0]
			pending = pending[1:]
			f()
		}
	}
	t.Run("desk", func(t *testing.T) {
		h := newHubCells(sh)
		if got := h.count.Text; !strings.Contains(got, "Đang tải") || len(h.rows) != 0 {
			t.Fatalf("before the load: %q, %d rows", got, len(h.rows))
		}
		run()
		if len(h.rows) != 1 || h.body.Objects[0] != h.table {
			t.Fatalf("after the load: %d rows, body %T", len(h.rows), h.body.Objects[0])
		}
	})
	t.Run("decisions", func(t *testing.T) {
		h := newHubDecisions(sh)
		if got := h.quota.Text; !strings.Contains(got, "Đang tải") {
			t.Fatalf("before the load: %q", got)
		}
		run()
		if got := h.quota.Text; !strings.Contains(got, "trong toàn đảng bộ") {
			t.Fatalf("after the load: %q", got)
		}
	})
	t.Run("dashboard", func(t *testing.T) {
		h := newHubDashboard(sh)
		if l, ok := h.charts.Objects[0].(*widget.Label); !ok || !strings.Contains(l.Text, "Đang tính") {
			t.Fatalf("before the load: %T", h.charts.Objects[0])
		}
		run()
		if l, ok := h.charts.Objects[0].(*widget.Label); !ok || strings.Contains(l.Text, "Đang tính") || h.stats.Cells != 1 {
			t.Fatalf("after the load: %T, %d cells", h.charts.Objects[0], h.stats.Cells)
		}
	})
}
