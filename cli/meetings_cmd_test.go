package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMeetingDocCommands runs the demo, then prints a resolution, an
// attendance sheet and the minute book of the demo's year.
func TestMeetingDocCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "cell")
	run := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		_, _, code := Main(args, &out, &errOut)
		return out.String(), errOut.String(), code
	}
	if _, e, code := run("demo", "--data", data); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	list, _, _ := run("meetings", "--data", data)
	var id, year string
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Fields(line); len(f) == 4 && f[3] == "finalized" {
			id, year = f[0], f[1][:4]
			break
		}
	}
	if id == "" {
		t.Fatalf("no finalized meeting in:\n%s", list)
	}
	tests := map[string]struct {
		args []string
		code int
		want string
	}{
		"resolution":      {[]string{"resolution", "--data", data, "--meeting", id, "--out", filepath.Join(dir, "nq.pdf")}, 0, "wrote resolution"},
		"sheet":           {[]string{"sheet", "--data", data, "--meeting", id, "--out", filepath.Join(dir, "ds.pdf")}, 0, "wrote sheet"},
		"book":            {[]string{"book", "--data", data, "--year", year, "--out", filepath.Join(dir, "so.pdf")}, 0, "minute book"},
		"book empty year": {[]string{"book", "--data", data, "--year", "1999", "--out", filepath.Join(dir, "x.pdf")}, 1, "no finalized meeting in 1999"},
		"book no year":    {[]string{"book", "--data", data, "--out", filepath.Join(dir, "x.pdf")}, 2, "--year YYYY"},
		"unknown meeting": {[]string{"resolution", "--data", data, "--meeting", "nope", "--out", filepath.Join(dir, "x.pdf")}, 1, "no meeting nope"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := run(tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Fatalf("exit %d (%s%s), want %d with %q", code, out, errOut, tc.code, tc.want)
			}
			if code == 0 {
				b, err := os.ReadFile(tc.args[len(tc.args)-1])
				if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
					t.Errorf("no PDF written: %v", err)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed command left a file behind")
	}
}
