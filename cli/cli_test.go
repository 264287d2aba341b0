package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run calls Main as the binary would and returns stdout, stderr and code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	_, gui, code := Main(args, &out, &errOut)
	if gui {
		t.Fatalf("%v: asked for the window", args)
	}
	return out.String(), errOut.String(), code
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := run(t, args...)
	if code != 0 {
		t.Fatalf("chibo %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// setup makes a hub and a cell enrolled with it.
func setup(t *testing.T) (hub, cell, dir string) {
	dir = t.TempDir()
	hub, cell = filepath.Join(dir, "hub"), filepath.Join(dir, "cell")
	card := filepath.Join(dir, "hub-card.json")
	mustRun(t, "init", "--data", hub, "--role", "hub", "--name", "Đảng ủy xã Sín Chéng")
	mustRun(t, "hub-card", "--data", hub, "--out", card)
	mustRun(t, "init", "--data", cell, "--role", "cell", "--name", "Chi bộ thôn Sín Chéng", "--parent", "Đảng bộ xã Sín Chéng",
		"--place", "Sín Chéng", "--has-committee", "--hub-card", card)
	return hub, cell, dir
}

func TestWindowArgs(t *testing.T) {
	cases := map[string]struct {
		args []string
		dir  string
	}{
		"no args":   {nil, DefaultDataDir()},
		"data flag": {[]string{"--data", "/x/y"}, "/x/y"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir, gui, _ := Main(tc.args, &bytes.Buffer{}, &bytes.Buffer{})
			if !gui || dir != tc.dir {
				t.Fatalf("got %q gui=%v", dir, gui)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	_, cell, _ := setup(t)
	cases := map[string]struct {
		args []string
		code int
		msg  string
	}{
		"unknown command":    {[]string{"frobnicate"}, 2, "unknown command"},
		"missing data":       {[]string{"meetings"}, 2, "--data DIR is required"},
		"bad role":           {[]string{"init", "--data", t.TempDir(), "--role", "x", "--name", "A"}, 2, "--role must be cell or hub"},
		"cell without card":  {[]string{"init", "--data", t.TempDir(), "--role", "cell", "--name", "A"}, 2, "needs --hub-card"},
		"not a data folder":  {[]string{"meetings", "--data", t.TempDir()}, 1, "not a chibo data folder"},
		"init twice":         {[]string{"init", "--data", cell, "--role", "hub", "--name", "A"}, 1, "already set up"},
		"hub card from cell": {[]string{"hub-card", "--data", cell, "--out", filepath.Join(t.TempDir(), "c")}, 1, "for a hub"},
		"unknown meeting":    {[]string{"minutes", "--data", cell, "--meeting", "nope", "--out", filepath.Join(t.TempDir(), "m.pdf")}, 1, "no meeting nope"},
		"bad csv kind":       {[]string{"import-csv", "--data", cell, "--kind", "cows", "x.csv"}, 2, "--kind must be members"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, errOut, code := run(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
}

func TestImportCSV(t *testing.T) {
	_, cell, dir := setup(t)
	cases := map[string]struct {
		body string
		code int
		msg  string
	}{
		"missing name":    {"Họ và tên,Ngày sinh\nA,01/01/1990\n,02/02/1990\n", 1, `line 3, column "Họ và tên"`},
		"impossible date": {"Họ và tên,Ngày sinh\nA,01/01/1990\nB,31/02/2020\n", 1, `line 3, column "Ngày sinh": "31/02/2020": not a real date`},
		"unknown status":  {"Họ và tên,Trạng thái\nA,Chính thức\nB,Nghỉ hưu\n", 1, `line 3, column "Trạng thái": "Nghỉ hưu"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(dir, name+".csv")
			os.WriteFile(f, []byte(tc.body), 0o600)
			_, errOut, code := run(t, "import-csv", "--data", cell, "--kind", "members", f)
			if code != tc.code || !strings.Contains(errOut, tc.msg) || !strings.Contains(errOut, "nothing was imported") {
				t.Fatalf("exit %d: %s", code, errOut)
			}
		})
	}
	// Nothing from the refused files reached the database.
	out := mustRun(t, "import-csv", "--data", cell, "--kind", "members", "testdata/members.csv")
	if !strings.Contains(out, "imported 4 members") || !strings.Contains(out, "4 new") {
		t.Fatalf("sample import: %s", out)
	}
}

func TestDemoMinutesExportImportReport(t *testing.T) {
	hub, _, dir := setup(t)
	demo := filepath.Join(dir, "demo")
	out := mustRun(t, "demo", "--data", demo, "--hub-card", filepath.Join(dir, "hub-card.json"))
	if !strings.Contains(out, "25 members") {
		t.Fatalf("demo: %s", out)
	}
	var meetings []meetingJSON
	if err := json.Unmarshal([]byte(mustRun(t, "meetings", "--data", demo, "--json")), &meetings); err != nil {
		t.Fatal(err)
	}
	final := 0
	for _, m := range meetings {
		if m.State == "finalized" {
			final++
		}
	}
	if len(meetings) < 12 || final < len(meetings)/2 {
		t.Fatalf("demo meetings: %d, %d finalized", len(meetings), final)
	}
	pdf := filepath.Join(dir, "m.pdf")
	mustRun(t, "minutes", "--data", demo, "--meeting", meetings[1].ID, "--out", pdf)
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("minutes is not a PDF")
	}

	path := strings.TrimSpace(mustRun(t, "export", "--data", demo, "--out", filepath.Join(dir, "usb")))
	if strings.Contains(filepath.Base(path), "Sin") {
		t.Fatalf("bundle name reveals the cell: %s", path)
	}
	mustRun(t, "verify", "--data", hub, path)
	out, _, code := run(t, "import", "--data", hub, path)
	if code == 0 || !strings.Contains(out, "--accept-new") {
		t.Fatalf("first import without --accept-new: exit %d, %s", code, out)
	}
	if out := mustRun(t, acceptNew(t, hub, path)...); !strings.Contains(out, ": accepted:") {
		t.Fatalf("import: %s", out)
	}
	if out := mustRun(t, "import", "--data", hub, path); !strings.Contains(out, ": duplicate:") {
		t.Fatalf("second import: %s", out)
	}
	var r struct {
		Cells   int `json:"cells"`
		Members int `json:"members"`
		PerCell []struct {
			Name    string `json:"name"`
			Members int    `json:"members"`
		} `json:"per_cell"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "report", "--data", hub, "--format", "json")), &r); err != nil {
		t.Fatal(err)
	}
	// 25 on the list, one of them only temporarily attached.
	if r.Cells != 1 || r.Members != 24 || len(r.PerCell) != 1 || r.PerCell[0].Name != "Chi bộ thôn Sín Chéng" {
		t.Fatalf("report: %+v", r)
	}

	// A damaged copy is refused with a reason and a non-zero exit.
	b, _ := os.ReadFile(path)
	bad := filepath.Join(dir, "bad.chibo")
	os.WriteFile(bad, b[:len(b)/2], 0o600)
	out, _, code = run(t, "import", "--data", hub, bad)
	if code == 0 || !strings.Contains(out, "refused:") {
		t.Fatalf("truncated: exit %d %s", code, out)
	}
}
