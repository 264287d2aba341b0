package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

func TestHubDashboard(t *testing.T) {
	hubStore, _ := newHub(t)
	now := time.Now()
	deliverCell(t, hubStore, "a", "Chi bộ thôn Sín Chéng", 3, [2]string{store.MeetingRegular, now.Format("2006-01-02")})
	deliverCell(t, hubStore, "b", "Chi bộ thôn Lùng Phìn", 2)
	// The figures count the hub's decisions, the cells' proposals apart.
	if s, err := hubStore.HubStats(context.Background(), now); err != nil || len(s.Ratings[2025]) != 0 || s.Proposed[2025] != 2 {
		t.Fatalf("before the hub decides: %+v %v", s, err)
	}
	for _, id := range []string{"a", "b"} {
		if _, err := hubStore.ApproveRatings(context.Background(), id, 2025, store.Decision{No: "12-QĐ/ĐU", Date: "2026-01-15"}, now); err != nil {
			t.Fatal(err)
		}
	}
	sh := newTestShell(t, hubStore)
	var h *hubDashboardScreen
	for i, it := range sh.items {
		if it.title == "Số liệu tổng hợp" {
			sh.nav.Select(i)
			h = sh.current.(*hubDashboardScreen)
		}
	}
	if h == nil {
		t.Fatal("no dashboard in the hub's navigation")
	}
	s := h.stats
	month := now.Format("2006-01")
	if s.Cells != 2 || len(s.ByStatus) != 1 || s.ByStatus[0] != (store.Count{Key: store.StatusFull, N: 5}) ||
		s.Ratings[2025]["good"] != 2 || len(s.Meetings) != 1 || s.Meetings[0] != (store.Count{Key: month, N: 1}) {
		t.Errorf("stats %+v", s)
	}
	if n := len(h.charts.Objects); n != 6 {
		t.Errorf("%d rows, want the note and 5 charts", n)
	}
	note := h.charts.Objects[0].(*widget.Label).Text
	if !strings.Contains(note, "2 chi bộ") || !strings.Contains(note, "5 đảng viên đang sinh hoạt") || !strings.Contains(note, "kể cả 0 người") {
		t.Errorf("the totals are not explained: %q", note)
	}

	dir := t.TempDir()
	tests := []struct {
		format string
		check  func(b []byte) bool
	}{
		{"xlsx", func(b []byte) bool { return bytes.HasPrefix(b, []byte("PK")) }},
		{"pdf", func(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF-")) }},
	}
	h.year.SetSelected("2025")
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			path := filepath.Join(dir, "so-lieu."+tc.format)
			h.export(path, tc.format)
			closeDialogs(sh.win)
			b, err := os.ReadFile(path)
			if err != nil || !tc.check(b) {
				t.Errorf("export %s: %v, %.60q", tc.format, err, b)
			}
		})
	}
	// A folder that does not exist: an error in the window, no file.
	h.export(filepath.Join(dir, "missing", "x.pdf"), "pdf")
	if txt := overlayText(sh.win); txt == "" {
		t.Error("no message for a failed export")
	}
}
