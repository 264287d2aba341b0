package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// windowText is every label and button text of a window's content.
func windowText(w fyne.Window) string {
	var b strings.Builder
	for _, o := range test.LaidOutObjects(w.Content()) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + x.Text + "]\n")
		}
	}
	return b.String()
}

// typeInWindow replaces the text of the window's first entry.
func typeInWindow(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if e, ok := o.(*widget.Entry); ok {
			e.SetText("")
			test.Type(e, text)
			return
		}
	}
	t.Fatalf("no entry in window:\n%s", windowText(w))
}

func tapButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in window:\n%s", text, windowText(w))
}

func memberNames(t *testing.T, st *store.Store) string {
	t.Helper()
	ms, err := st.Members(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.FullName)
	}
	return strings.Join(names, ", ")
}

// The bar: a damaged database makes the app offer the newest backup, and
// restoring it loses only what was entered after that backup.
func TestDamagedDatabaseOffersNewestBackup(t *testing.T) {
	for _, damage := range []struct {
		name       string
		start, end int // byte range overwritten; end < 0 counts from the file's end
	}{
		{"pages after the header", 4096, -1},
		{"file header", 0, 100},
	} {
		t.Run(damage.name, func(t *testing.T) {
			ctx := context.Background()
			s := newCellShell(t)
			st, dir := s.st, s.st.Dir()
			day := time.Date(2026, 3, 1, 8, 0, 0, 0, time.Local)
			addMembers(t, st, "Giàng A Páo")
			st.AutoBackup(ctx, day)
			addMembers(t, st, "Lù Thị Mai")
			if _, _, err := st.AutoBackup(ctx, day.AddDate(0, 0, 1)); err != nil {
				t.Fatal(err)
			}
			addMembers(t, st, "Sùng A Chư") // entered after the newest backup
			st.Close()                      // the window closes with the test
			spoil(t, filepath.Join(dir, store.FileName), damage.start, damage.end)

			l := launch(test.NewTempApp(t), dir)
			if l.cur != nil || l.recover == nil {
				t.Fatal("a damaged database opened the main window")
			}
			// The backups are sealed: a wrong passphrase opens none.
			typeInWindow(t, l.recover, "không phải mật khẩu")
			tapButton(t, l.recover, "Mở các bản sao lưu")
			if shown := windowText(l.recover); !strings.Contains(shown, "Mật khẩu không đúng") || strings.Contains(shown, "đảng viên") {
				t.Fatalf("wrong passphrase in the recovery window:\n%s", shown)
			}
			typeInWindow(t, l.recover, testPass)
			tapButton(t, l.recover, "Mở các bản sao lưu")
			shown := windowText(l.recover)
			if !strings.Contains(shown, "2 đảng viên") || !strings.Contains(shown, "02/03/2026 lúc 08:00") {
				t.Fatalf("recovery window does not offer the newest backup:\n%s", shown)
			}
			tapButton(t, l.recover, "Khôi phục bản này")
			if l.cur == nil {
				t.Fatalf("no main window after restoring; dialog: %s", overlayText(l.recover))
			}
			t.Cleanup(func() { l.cur.st.Close() })
			if got := memberNames(t, l.cur.st); got != "Giàng A Páo, Lù Thị Mai" {
				t.Errorf("members after restore: %s", got)
			}
			if !strings.Contains(overlayText(l.cur.win), "Đã khôi phục") && !strings.Contains(overlayText(l.cur.win), "Chào mừng") {
				t.Errorf("no word after restoring: %s", overlayText(l.cur.win))
			}
		})
	}
}

func spoil(t *testing.T, path string, start, end int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if end < 0 {
		end = len(b)
	}
	for i := start; i < end; i++ {
		b[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBackupScreenToStickThenRestore(t *testing.T) {
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo")
	b := newBackup(s)
	s.show(b)
	stick := t.TempDir()
	b.backupTo(stick)
	if msg := overlayText(s.win); !strings.Contains(msg, "Có thể rút USB") || !strings.Contains(msg, "1 đảng viên") {
		t.Fatalf("after backing up: %s", msg)
	}
	closeDialogs(s.win)
	files, _ := filepath.Glob(filepath.Join(stick, "*"+store.BackupExt))
	if len(files) != 1 {
		t.Fatalf("stick holds %v", files)
	}
	addMembers(t, s.st, "Lù Thị Mai")

	b.askRestore(files[0])
	if q := overlayText(s.win); !strings.Contains(q, "«Chi bộ thôn Sín Chéng», 1 đảng viên, 0 buổi sinh hoạt") {
		t.Fatalf("restore question does not show what the backup holds: %s", q)
	}
	typeInDialog(t, s, "không phải mật khẩu")
	tapDialogButton(t, s.win, "Khôi phục")
	if msg := overlayText(s.win); !strings.Contains(msg, "Mật khẩu không đúng") {
		t.Fatalf("restore with a wrong passphrase: %s", msg)
	}
	if got := memberNames(t, s.st); got != "Giàng A Páo, Lù Thị Mai" {
		t.Fatalf("a wrong passphrase changed the data: %s", got)
	}
	closeDialogs(s.win)
	b.askRestore(files[0])
	typeInDialog(t, s, testPass)
	tapDialogButton(t, s.win, "Khôi phục")
	if got := memberNames(t, s.st); got != "Giàng A Páo" {
		t.Errorf("members after restore: %s", got)
	}
	if msg := overlayText(s.win); !strings.Contains(msg, "Đã khôi phục") {
		t.Errorf("after restoring: %s", msg)
	}

	closeDialogs(s.win)
	b.askRestore(filepath.Join("..", "cli", "testdata", "members.csv"))
	if msg := overlayText(s.win); !strings.Contains(msg, ".chibak") {
		t.Errorf("a CSV picked as backup: %s", msg)
	}
}

func TestTextSizeSetting(t *testing.T) {
	s := newCellShell(t)
	base := s.app.Settings().Theme().Size("text")
	applyTextSize(s.app)
	if got := s.app.Settings().Theme().Size("text"); got != base {
		t.Fatalf("default scale changed text size %v → %v", base, got)
	}
	cases := []struct {
		name  string
		pick  string
		pref  float64
		scale float32
	}{
		{"large", "Lớn", 0, 1.2},
		{"very large", "Rất lớn", 0, 1.45},
		{"back to normal", "Vừa", 0, 1},
		{"hand-edited nonsense", "", 9, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.pick != "" {
				newSettings(s).sizes.SetSelected(tc.pick)
			} else {
				s.app.Preferences().SetFloat(prefTextScale, tc.pref)
			}
			applyTextSize(s.app) // what the next start does with the saved choice
			if got, want := s.app.Settings().Theme().Size("text"), base*tc.scale; got != want {
				t.Errorf("text size %v, want %v", got, want)
			}
		})
	}
}

func TestHelpCoversEachTask(t *testing.T) {
	intro, topics := helpTopics()
	if intro == "" {
		t.Error("no introduction")
	}
	titles := map[string]bool{}
	for _, tp := range topics {
		titles[tp.title] = true
		if strings.TrimSpace(tp.body) == "" || strings.Contains(tp.body, "![") {
			t.Errorf("topic %q body: %q", tp.title, tp.body)
		}
	}
	for _, want := range []string{"Lần đầu mở: thiết lập", "Danh sách đảng viên", "Nhập danh sách từ Excel",
		"Sinh hoạt chi bộ và biên bản", "Gửi dữ liệu cho cấp ủy cấp trên", "Sao lưu và khôi phục",
		"Khi chương trình báo dữ liệu bị hỏng", "Mật khẩu, tự khóa và khi quên mật khẩu", "Cỡ chữ và bàn phím"} {
		if !titles[want] {
			t.Errorf("no help on %q", want)
		}
	}
	s := newCellShell(t)
	s.show(newHelp(s))
}

func TestFirstRunGuideShowsOnce(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	for i, want := range []bool{true, false} {
		l := launch(a, dir)
		shown := strings.Contains(overlayText(l.cur.win), "Đã hiểu")
		if shown != want {
			t.Errorf("start %d: guide shown = %v, want %v", i+1, shown, want)
		}
		if shown {
			tapDialogButton(t, l.cur.win, "Đã hiểu")
		}
		l.cur.win.Close()
		l.cur.st.Close()
	}
}

// TestDailyBackupWhileOpen: the hourly tick makes today's backup for a
// window left open, and not for a locked one.
func TestDailyBackupWhileOpen(t *testing.T) {
	cases := []struct {
		name   string
		locked bool
		want   int
	}{
		{"unlocked", false, 1},
		{"locked", true, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newCellShell(t)
			if tc.locked {
				s.st.Lock()
			}
			l := &launcher{cur: s}
			tick := make(chan time.Time, 2)
			tick <- time.Now()
			tick <- time.Now() // a second tick the same day adds nothing
			close(tick)
			l.daily(tick)
			list, err := store.ListBackups(filepath.Join(s.st.Dir(), store.BackupsDir))
			if err != nil || len(list) != tc.want {
				t.Fatalf("%d backups (want %d), %v", len(list), tc.want, err)
			}
		})
	}
}
