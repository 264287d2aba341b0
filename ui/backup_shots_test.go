package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestScreenshotsUpkeep renders the backup, settings, help and damaged-data
// screens beside the others (`make screenshots` runs every TestScreenshots*).
func TestScreenshotsUpkeep(t *testing.T) {
	dir := screenshotDir(t)
	shot := func(a fyne.App, w fyne.Window, name string) {
		t.Helper()
		fyne.SetCurrentApp(a)
		a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
		w.Resize(shotSize)
		w.Resize(shotSize) // wrapped text takes its height from the first pass
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	cell := newCellShell(t)
	addMembers(t, cell.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ", "Thào Thị Dua")
	day := time.Date(2026, 11, 1, 7, 30, 0, 0, time.Local)
	for i := range 5 {
		if _, _, err := cell.st.AutoBackup(ctx, day.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, sc := range []struct{ title, file string }{
		{"Sao lưu", "12-sao-luu"}, {"Cài đặt", "13-cai-dat"}, {"Hướng dẫn", "14-huong-dan"},
	} {
		selectSection(t, cell, sc.title)
		shot(cell.app, cell.win, sc.file)
	}

	dataDir := cell.st.Dir()
	cell.st.Close()
	spoil(t, filepath.Join(dataDir, "chibo.db"), 4096, -1)
	a := test.NewTempApp(t)
	l := launch(a, dataDir)
	if l.recover == nil {
		t.Fatal("no recovery window")
	}
	shot(a, l.recover, "15-du-lieu-hong")
}

// selectSection taps the navigation entry with this title.
func selectSection(t *testing.T, s *shell, title string) {
	t.Helper()
	for i, it := range s.items {
		if it.title == title {
			s.nav.Select(i)
			return
		}
	}
	t.Fatalf("no section %q", title)
}
