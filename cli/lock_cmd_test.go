package cli

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// codeIn finds the recovery code a command printed.
var codeIn = regexp.MustCompile(`[A-Z2-9]{4}(-[A-Z2-9]{4}){5}`)

// readable runs a command that reads the folder with CHIBO_PASSPHRASE.
func readable(t *testing.T, dir string) string {
	t.Helper()
	return mustRun(t, "meetings", "--data", dir)
}

func TestPassphraseSources(t *testing.T) {
	_, cell, _ := setup(t)
	cases := []struct {
		name  string
		env   string
		stdin string
		code  int
		msg   string
	}{
		{"from CHIBO_PASSPHRASE", testPass, "", 0, ""},
		{"wrong CHIBO_PASSPHRASE", "mật khẩu sai rồi", "", 1, "wrong passphrase for " + cell + "; nothing was changed"},
		{"one line of stdin", "", testPass + "\n", 0, ""},
		{"stdin without newline", "", testPass, 0, ""},
		{"wrong line of stdin", "", "sai\n", 1, "wrong passphrase"},
		{"nothing at all", "", "", 1, "set CHIBO_PASSPHRASE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envPass, tc.env)
			stdin = strings.NewReader(tc.stdin)
			t.Cleanup(func() { stdin = strings.NewReader("") })
			_, errOut, code := run(t, "import-csv", "--data", cell, "--kind", "members", "testdata/members.csv")
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Fatalf("exit %d (want %d): %s", code, tc.code, errOut)
			}
		})
	}
	// Only the two right passphrases imported; the wrong ones changed nothing
	// (the second import of the same file updates, it adds no one).
	out := mustRun(t, "import-csv", "--data", cell, "--kind", "members", "testdata/members.csv")
	if !strings.Contains(out, "0 new") {
		t.Errorf("third import: %s", out)
	}
}

func TestPasswd(t *testing.T) {
	_, cell, _ := setup(t)
	const newPass = "mật khẩu mới 2026"
	cases := []struct {
		name, old, new string
		code           int
		msg            string
	}{
		{"wrong old passphrase", "sai mật khẩu", newPass, 1, "wrong passphrase"},
		{"new one too short", testPass, "ngắn", 1, "at least 8 characters"},
		{"changed", testPass, newPass, 0, "changed the passphrase"},
		{"old one no longer works", testPass, "thêm một mật khẩu", 1, "wrong passphrase"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envPass, tc.old)
			t.Setenv(envNewPass, tc.new)
			out, errOut, code := run(t, "passwd", "--data", cell)
			if code != tc.code || !strings.Contains(out+errOut, tc.msg) {
				t.Fatalf("exit %d (want %d): %s%s", code, tc.code, out, errOut)
			}
		})
	}
	t.Setenv(envPass, newPass)
	readable(t, cell)
}

// The secretary forgets the passphrase: request on a stick, answer and
// code from the hub, new passphrase on the cell; every step through the
// commands, with the mistakes a person makes on the way.
func TestRecoveryRoundTrip(t *testing.T) {
	hub, cell, dir := setup(t)
	// The hub knows the cell from its first bundle.
	up := strings.TrimSpace(mustRun(t, "export", "--data", cell, "--out", filepath.Join(dir, "up")))
	mustRun(t, acceptNew(t, hub, up)...)
	stick := filepath.Join(dir, "usb")
	t.Setenv(envPass, "") // forgotten
	out := mustRun(t, "recover-request", "--data", cell, "--out", stick)
	reqs, _ := filepath.Glob(filepath.Join(stick, "*"))
	if len(reqs) != 1 || !strings.Contains(out, reqs[0]) {
		t.Fatalf("request said %q, stick has %v", out, reqs)
	}
	t.Setenv(envPass, testPass) // the hub clerk's own passphrase
	answerDir := filepath.Join(dir, "usb-back")
	out = mustRun(t, "recover-answer", "--data", hub, "--request", reqs[0], "--out", answerDir)
	code := codeIn.FindString(out)
	answers, _ := filepath.Glob(filepath.Join(answerDir, "*"))
	if code == "" || len(answers) != 1 || !strings.Contains(out, "Chi bộ thôn Sín Chéng") {
		t.Fatalf("answer said %q, stick has %v", out, answers)
	}
	const newPass = "mật khẩu sau khôi phục"
	t.Setenv(envPass, "")
	cases := []struct {
		name    string
		args    []string
		newPass string
		exit    int
		msg     string
	}{
		{"wrong code", []string{"recover", "--data", cell, "--answer", answers[0], "--code", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"}, newPass, 1, "code does not match"},
		{"cell without answer", []string{"recover", "--data", cell, "--code", code}, newPass, 2, "--answer FILE"},
		{"new passphrase too short", []string{"recover", "--data", cell, "--answer", answers[0], "--code", code}, "ngắn", 1, "at least 8"},
		{"code typed in lower case", []string{"recover", "--data", cell, "--answer", answers[0], "--code", strings.ToLower(code)}, newPass, 0, "new passphrase is set"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envNewPass, tc.newPass)
			out, errOut, exit := run(t, tc.args...)
			if exit != tc.exit || !strings.Contains(out+errOut, tc.msg) {
				t.Fatalf("exit %d (want %d): %s%s", exit, tc.exit, out, errOut)
			}
		})
	}
	t.Setenv(envPass, newPass)
	readable(t, cell)
	t.Setenv(envPass, testPass)
	if _, errOut, exit := run(t, "meetings", "--data", cell); exit != 1 || !strings.Contains(errOut, "wrong passphrase") {
		t.Errorf("old passphrase after recovery: exit %d %s", exit, errOut)
	}
}

// A hub has nobody above it: init prints a paper code, which later sets a
// new passphrase; recovery-code replaces it.
func TestHubRecoveryCode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hub")
	out := mustRun(t, "init", "--data", dir, "--role", "hub", "--name", "Đảng ủy xã Sín Chéng")
	first := codeIn.FindString(out)
	if first == "" {
		t.Fatalf("init printed no recovery code: %s", out)
	}
	second := codeIn.FindString(mustRun(t, "recovery-code", "--data", dir))
	if second == "" || second == first {
		t.Fatalf("recovery-code gave %q after %q", second, first)
	}
	const newPass = "mật khẩu mới của cấp ủy"
	t.Setenv(envPass, "")
	t.Setenv(envNewPass, newPass)
	cases := []struct {
		name, code string
		exit       int
		msg        string
	}{
		{"the replaced code", first, 1, "code does not match"},
		{"the current code", second, 0, "new passphrase is set"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, exit := run(t, "recover", "--data", dir, "--code", tc.code)
			if exit != tc.exit || !strings.Contains(out+errOut, tc.msg) {
				t.Fatalf("exit %d (want %d): %s%s", exit, tc.exit, out, errOut)
			}
		})
	}
	t.Setenv(envPass, newPass)
	mustRun(t, "hub-card", "--data", dir, "--out", filepath.Join(t.TempDir(), "card.json"))
}

func TestDemoPassphrase(t *testing.T) {
	cases := []struct{ name, env, open string }{
		{"documented default", "", DemoPassphrase},
		{"from CHIBO_PASSPHRASE", "mật khẩu của buổi demo", "mật khẩu của buổi demo"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envPass, tc.env)
			dir := filepath.Join(t.TempDir(), "demo")
			mustRun(t, "demo", "--data", dir)
			t.Setenv(envPass, tc.open)
			readable(t, dir)
			readable(t, dir+"-hub")
		})
	}
}

// prelockFolder unpacks a data folder written by the release before the
// lock (store/testdata/prelock).
func prelockFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	f, err := os.Open("../store/testdata/prelock/chibo.db.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "chibo.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestProtectCommand(t *testing.T) {
	dir := prelockFolder(t)
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"other commands refuse a pre-lock folder", []string{"meetings", "--data", dir}, 1, "chibo protect"},
		{"protect", []string{"protect", "--data", dir}, 0, ""},
		{"protect again", []string{"protect", "--data", dir}, 1, "already"},
		{"the folder now opens with the passphrase", []string{"meetings", "--data", dir}, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Fatalf("exit %d (want %d): %s", code, tc.code, errOut)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "keys.json")); err != nil {
		t.Errorf("no keys.json after protect: %v", err)
	}
}
