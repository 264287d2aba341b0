package ui

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"

	"chibo/store"
)

// shownText is every text the window shows: labels, buttons, entries and
// plain canvas text, dialogs included. What is not here is not on screen.
func shownText(w fyne.Window) string {
	var b strings.Builder
	objs := []fyne.CanvasObject{w.Content()}
	objs = append(objs, w.Canvas().Overlays().List()...)
	for _, root := range objs {
		for _, o := range test.LaidOutObjects(root) {
			switch x := o.(type) {
			case *widget.Label:
				b.WriteString(x.Text + "\n")
			case *widget.Button:
				b.WriteString("[" + x.Text + "]\n")
			case *widget.Entry:
				b.WriteString("{" + x.Text + "}\n")
			case *canvas.Text:
				b.WriteString(x.Text + "\n")
			}
		}
	}
	return b.String()
}

// lockedCellShell is a set-up cell with members, reopened from its folder
// as the app does at start: locked.
func lockedCellShell(t *testing.T) *shell {
	t.Helper()
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	dir := s.st.Dir()
	s.st.Close()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return newTestShell(t, st)
}

func TestSetupRefusesBadPassphrase(t *testing.T) {
	cases := []struct {
		name, first, again, want string
	}{
		{"empty", "", "", "ít nhất 8 ký tự"},
		{"too short", "abc1234", "abc1234", "ít nhất 8 ký tự"},
		{"short in letters, long in bytes", "Đảng bộ", "Đảng bộ", "ít nhất 8 ký tự"},
		{"typed differently twice", testPass, testPass + "x", "không giống nhau"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			s := newTestShell(t, st)
			sc := s.current.(*setupScreen)
			sc.role.SetSelected(roleHubText)
			test.Type(sc.name, "Đảng ủy xã Sín Chéng")
			test.Type(sc.pass.first, tc.first)
			test.Type(sc.pass.again, tc.again)
			test.Tap(sc.submit)
			if msg := overlayText(s.win); !strings.Contains(msg, tc.want) {
				t.Errorf("message %q, want %q", msg, tc.want)
			}
			if _, err := st.Site(context.Background()); !errors.Is(err, store.ErrNotInitialized) {
				t.Errorf("set up with a bad passphrase: %v", err)
			}
		})
	}
}

// The bar: the wrong passphrase opens nothing and shows nothing.
func TestUnlockScreen(t *testing.T) {
	s := lockedCellShell(t)
	u, ok := s.current.(*unlockScreen)
	if !ok {
		t.Fatalf("a locked folder opens on %T", s.current)
	}
	if !strings.HasSuffix(s.win.Title(), "(đang khóa)") {
		t.Errorf("locked window's title %q", s.win.Title())
	}
	cases := []struct {
		name, pass, want string
		opens            bool
	}{
		{"nothing typed", "", "Hãy gõ mật khẩu", false},
		{"wrong passphrase", "mật khẩu sai", "Mật khẩu không đúng", false},
		{"right one, typed decomposed", norm.NFD.String(testPass), "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u.pass.SetText(tc.pass)
			test.Tap(u.button)
			shown := shownText(s.win)
			if tc.opens {
				if _, ok := s.current.(*overviewScreen); !ok || !s.st.Unlocked() {
					t.Fatalf("right passphrase opens %T, unlocked %v:\n%s", s.current, s.st.Unlocked(), shown)
				}
				if strings.Contains(s.win.Title(), "khóa") {
					t.Errorf("unlocked window's title %q", s.win.Title())
				}
				return
			}
			if !strings.Contains(u.msg.Text, tc.want) || s.st.Unlocked() {
				t.Errorf("message %q, want %q", u.msg.Text, tc.want)
			}
			if strings.Contains(shown, "Giàng A Páo") || strings.Contains(shown, "Đảng viên") || s.nav != nil {
				t.Errorf("locked window shows data or navigation:\n%s", shown)
			}
			if u.pass.Text != "" {
				t.Error("a wrong passphrase stays in the box")
			}
		})
	}
}

// Settings: lock now keeps an open dialog for after the unlock, the idle
// time is a choice, and the passphrase changes only with the old one.
func TestSettingsLockAndPassphrase(t *testing.T) {
	s := newCellShell(t)
	set := newSettings(s)
	s.show(set)
	set.idle.SetSelected("30 phút")
	if got := s.idle.after(); got != 30*time.Minute {
		t.Errorf("idle time %v after picking 30 phút", got)
	}
	askChangePassphrase(s)
	s.lockNow()
	if s.win.Canvas().Overlays().Top() != nil || s.st.Unlocked() {
		t.Fatal("lock now left a dialog on screen or the key in memory")
	}
	u := s.current.(*unlockScreen)
	u.pass.SetText(testPass)
	test.Tap(u.button)
	if !strings.Contains(overlayText(s.win), "Đổi mật khẩu") {
		t.Fatalf("the open dialog did not come back: %s", overlayText(s.win))
	}
	closeDialogs(s.win)
	const newPass = "mật khẩu mới năm 2027"
	cases := []struct {
		name, old, first, again, want string
	}{
		{"wrong old passphrase", "sai mật khẩu", newPass, newPass, "Mật khẩu không đúng"},
		{"new one typed differently", testPass, newPass, newPass + "!", "không giống nhau"},
		{"new one too short", testPass, "ngắn", "ngắn", "ít nhất 8 ký tự"},
		{"changed", testPass, newPass, newPass, "Đã đổi mật khẩu"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			askChangePassphrase(s)
			entries := dialogEntries(s.win)
			if len(entries) != 3 {
				t.Fatalf("change dialog has %d entries", len(entries))
			}
			test.Type(entries[0], tc.old)
			test.Type(entries[1], tc.first)
			test.Type(entries[2], tc.again)
			tapDialogButton(t, s.win, "Đổi mật khẩu")
			if msg := overlayText(s.win); !strings.Contains(msg, tc.want) {
				t.Errorf("message %q, want %q", msg, tc.want)
			}
			closeDialogs(s.win)
		})
	}
	s.lockNow()
	if err := s.st.Unlock(testPass); err == nil {
		t.Error("the old passphrase still opens")
	}
	if err := s.st.Unlock(newPass); err != nil {
		t.Errorf("the new passphrase: %v", err)
	}
}

// dialogEntries are the entries of the top dialog, in order.
func dialogEntries(w fyne.Window) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	}
	return out
}

var codeShown = regexp.MustCompile(`[A-Z2-9]{4}(-[A-Z2-9]{4}){5}`)

// The forgotten passphrase, through both windows: the cell writes a
// request, the hub answers it from its keys screen and shows the code,
// the cell types the code and a new passphrase and is open again.
func TestRecoveryThroughTheWindows(t *testing.T) {
	cell, hubStore := enrolledCell(t)
	addMembers(t, cell.st, "Giàng A Páo")
	dir := cell.st.Dir()
	cell.st.Close()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := newTestShell(t, st)
	u := c.current.(*unlockScreen)
	stick := t.TempDir()
	writeRequest(u, stick)
	if msg := overlayText(c.win); !strings.Contains(msg, "Đã ghi tệp yêu cầu") {
		t.Fatalf("request: %s", msg)
	}
	closeDialogs(c.win)

	h := newTestShell(t, hubStore)
	reqs := mustGlob(t, stick+"/*.json")
	writeAnswer(h, reqs[0], stick)
	msg := overlayText(h.win)
	code := codeShown.FindString(msg)
	if code == "" || !strings.Contains(msg, "Sín Chéng") {
		t.Fatalf("hub answer shows: %s", msg)
	}
	var answer string
	for _, p := range mustGlob(t, stick+"/*.json") {
		if p != reqs[0] {
			answer = p
		}
	}
	const newPass = "mật khẩu sau khi quên"
	cases := []struct {
		name, code, pass, want string
		opens                  bool
	}{
		{"no code", "", newPass, "Hãy gõ mã khôi phục", false},
		{"wrong code", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", newPass, "Mã khôi phục không đúng", false},
		{"short passphrase", code, "ngắn", "ít nhất 8 ký tự", false},
		{"code and new passphrase", code, newPass, "Đã đặt mật khẩu mới", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			answerForm(u, answer)
			entries := dialogEntries(c.win)
			test.Type(entries[0], tc.code)
			test.Type(entries[1], tc.pass)
			test.Type(entries[2], tc.pass)
			tapDialogButton(t, c.win, "Đặt mật khẩu mới")
			if msg := overlayText(c.win); !strings.Contains(msg, tc.want) {
				t.Errorf("message %q, want %q", msg, tc.want)
			}
			if _, open := c.current.(*overviewScreen); open != tc.opens {
				t.Errorf("main screen open = %v, want %v", open, tc.opens)
			}
			closeDialogs(c.win)
		})
	}
	if got := memberNames(t, c.st); got != "Giàng A Páo" {
		t.Errorf("members after recovery: %s", got)
	}
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil || len(m) == 0 {
		t.Fatalf("nothing matches %s: %v", pattern, err)
	}
	return m
}

// Start: CHIBO_PASSPHRASE opens the window unlocked (make run, the
// scripts); without it, or wrong, the unlock screen asks, and the daily
// backup waits for the key.
func TestStartWithPassphraseVariable(t *testing.T) {
	cases := []struct {
		name, env string
		unlocked  bool
	}{
		{"unset", "", false},
		{"wrong", "không phải mật khẩu", false},
		{"right", testPass, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newCellShell(t)
			dir := s.st.Dir()
			s.st.Close()
			t.Setenv(envPassphrase, tc.env)
			l := launch(test.NewTempApp(t), dir)
			t.Cleanup(func() { l.cur.st.Close() })
			backups := func() int {
				list, _ := store.ListBackups(filepath.Join(dir, store.BackupsDir))
				return len(list)
			}
			u, locked := l.cur.current.(*unlockScreen)
			if locked == tc.unlocked || (backups() == 1) != tc.unlocked {
				t.Fatalf("screen %T, %d backups", l.cur.current, backups())
			}
			if locked {
				u.pass.SetText(testPass)
				test.Tap(u.button)
				if backups() != 1 {
					t.Errorf("no daily backup after unlocking: %d", backups())
				}
			}
		})
	}
}

// TestProtectScreen opens a folder written by the release before the lock
// (store/testdata/prelock): nothing shows until it has a passphrase, and
// once set the data opens and the folder is locked with it.
func TestProtectScreen(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Open("../store/testdata/prelock/chibo.db.gz")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	f.Close()
	os.WriteFile(filepath.Join(dir, store.FileName), b, 0o600)
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := newTestShell(t, st)
	p, ok := s.current.(*protectScreen)
	if !ok {
		t.Fatalf("a pre-lock folder opens on %T", s.current)
	}
	cases := []struct {
		name, first, again string
		protected          bool
	}{
		{"too short", "ngắn", "ngắn", false},
		{"not the same twice", "mật khẩu chi bộ", "mật khẩu chi bô", false},
		{"good", "mật khẩu chi bộ", "mật khẩu chi bộ", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p.pair.first.SetText(tc.first)
			p.pair.again.SetText(tc.again)
			test.Tap(p.button)
			if st.Protected() != tc.protected {
				t.Fatalf("protected = %v", st.Protected())
			}
			if !tc.protected {
				if s.nav != nil || strings.Contains(shownText(s.win), "Đảng viên") {
					t.Error("data shown before the passphrase was set")
				}
				return
			}
			if _, ok := s.current.(*overviewScreen); !ok {
				t.Fatalf("after protect the window shows %T", s.current)
			}
		})
	}
	st.Lock()
	if err := st.Unlock("mật khẩu chi bộ"); err != nil {
		t.Fatal(err)
	}
}
