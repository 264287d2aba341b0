package ui

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chibo/store"
)

// TestLaunchShowsTheWindowFirst: the window shows "opening" before the
// data folder is opened and checked (seconds on a province hub), then
// shows what the folder holds, or why it cannot be opened, in Vietnamese.
func TestLaunchShowsTheWindowFirst(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(t *testing.T, dir string)
		want  string
	}{
		{"a locked cell", func(*testing.T, string) {}, "Mở khóa"},
		{"a newer version's data", func(t *testing.T, dir string) {
			db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("PRAGMA user_version = 999"); err != nil {
				t.Fatal(err)
			}
		}, "phiên bản chương trình mới hơn"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newCellShell(t)
			dir := s.st.Dir()
			s.st.Close()
			tc.spoil(t, dir)
			var pending func()
			old := spawn
			spawn = func(f func()) { pending = f }
			t.Cleanup(func() { spawn = old })

			l := launch(test.NewTempApp(t), dir)
			var w fyne.Window
			for _, win := range fyne.CurrentApp().Driver().AllWindows() {
				w = win
			}
			if got := windowText(w); !strings.Contains(got, "Đang mở dữ liệu") {
				t.Fatalf("before the check the window shows:\n%s", got)
			}
			if pending == nil {
				t.Fatal("the folder was opened on the UI thread")
			}
			pending()
			if l.cur != nil {
				t.Cleanup(func() { l.cur.st.Close() })
			}
			if got := windowText(w); !strings.Contains(got, tc.want) {
				t.Fatalf("after the check the window shows:\n%s\nwant %q", got, tc.want)
			}
		})
	}
}

// TestPrintsDeletedAtStartAndClose: printed PDFs (minutes with absence
// reasons and named remarks, in clear) are removed by the real start and
// close path, Launch and the function main defers, not only by tests.
func TestPrintsDeletedAtStartAndClose(t *testing.T) {
	s := newCellShell(t)
	dir := s.st.Dir()
	s.st.Close()
	leftover := filepath.Join(printFolder(dir), "bien-ban-2026-11-05-regular.pdf")
	put := func() {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(leftover), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(leftover, []byte("%PDF-1.4 lý do vắng: ốm"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	put() // what a crash left behind
	closeStore := Launch(test.NewTempApp(t), dir)
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("a start left the last run's print: %v", err)
	}
	put() // printed during this run
	closeStore()
	if _, err := os.Stat(printFolder(dir)); !os.IsNotExist(err) {
		t.Errorf("closing left the print folder: %v", err)
	}
}
