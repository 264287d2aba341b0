package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerifyLog(t *testing.T) {
	hub, cell, dir := setup(t)
	mustRun(t, "import-csv", "--data", cell, "--kind", "members", filepath.Join("testdata", "members.csv"))
	up := strings.TrimSpace(mustRun(t, "export", "--data", cell, "--out", filepath.Join(dir, "up")))
	mustRun(t, acceptNew(t, hub, up)...)
	mustRun(t, "import", "--data", hub, up)
	logPath := filepath.Join(hub, "import-log.jsonl")
	good, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		log  string
		ok   bool
		want string
	}{
		{"intact", string(good), true, "import log intact: 2 lines"},
		{"edited line", strings.Replace(string(good), `"accepted"`, `"refused"`, 1), false, "edited"},
		{"truncated last line", string(good[:len(good)-5]), false, "cut-off"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(logPath, []byte(tc.log), 0o600); err != nil {
				t.Fatal(err)
			}
			out, errOut, code := run(t, "verify-log", "--data", hub)
			if (code == 0) != tc.ok || !strings.Contains(out+errOut, tc.want) {
				t.Fatalf("exit %d, out %q, err %q", code, out, errOut)
			}
		})
	}
}
