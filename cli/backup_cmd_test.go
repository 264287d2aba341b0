package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestBackupRestoreCommands(t *testing.T) {
	_, cell, dir := setup(t)
	mustRun(t, "import-csv", "--data", cell, "--kind", "members", "testdata/members.csv")
	stick := filepath.Join(dir, "usb")
	out := mustRun(t, "backup", "--data", cell, "--out", stick)
	files, _ := filepath.Glob(filepath.Join(stick, "*.chibak"))
	if len(files) != 1 || !strings.Contains(out, files[0]) {
		t.Fatalf("backup said %q, stick has %v", out, files)
	}
	bak := files[0]
	// In order: the last case replaces the cell's database.
	cases := []struct {
		name     string
		pass     string // CHIBO_PASSPHRASE for the case
		args     []string
		code     int
		contains string
	}{
		{"preview on own laptop", testPass, []string{"restore", "--data", cell, "--preview", bak}, 0, "Chi bộ thôn Sín Chéng"},
		{"new laptop, wrong passphrase", "không phải mật khẩu", []string{"restore", "--data", filepath.Join(dir, "new1"), bak}, 1, "wrong passphrase"},
		{"new laptop, the passphrase alone", testPass, []string{"restore", "--data", filepath.Join(dir, "new2"), bak}, 0, "restored"},
		{"not a backup", testPass, []string{"restore", "--data", cell, "testdata/members.csv"}, 1, "not a chibo backup"},
		{"no file", testPass, []string{"restore", "--data", cell}, 2, "one backup file"},
		{"backup needs out", testPass, []string{"backup", "--data", cell}, 2, "--out"},
		{"backup of empty folder", testPass, []string{"backup", "--data", filepath.Join(dir, "nothing"), "--out", stick}, 1, "not a chibo data folder"},
		{"restore on own laptop", testPass, []string{"restore", "--data", cell, bak}, 0, "restored"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envPass, tc.pass)
			out, errOut, code := run(t, tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.contains) {
				t.Fatalf("exit %d (want %d): %s%s", code, tc.code, out, errOut)
			}
		})
	}
	// The new laptop's copy is the cell's data, opened with its passphrase.
	mustRun(t, "meetings", "--data", filepath.Join(dir, "new2"))
	if _, err := os.Stat(filepath.Join(dir, "new1", "chibo.db")); err == nil {
		t.Error("a failed restore left a database behind")
	}
}

func TestImportXLSXCommand(t *testing.T) {
	_, cell, dir := setup(t)
	raw, _ := os.ReadFile("testdata/members.csv")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		cellName, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cellName, &vals)
	}
	good := filepath.Join(dir, "danh-sach.xlsx")
	if err := f.SaveAs(good); err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Sheet1", "D3", "31/02/1986")
	bad := filepath.Join(dir, "sai.xlsx")
	f.SaveAs(bad)

	out := mustRun(t, "import-csv", "--data", cell, "--kind", "members", good)
	if !strings.Contains(out, "imported "+strconv.Itoa(len(rows)-1)+" members") {
		t.Errorf("import said %q", out)
	}
	_, errOut, code := run(t, "import-csv", "--data", cell, "--kind", "members", bad)
	if code != 1 || !strings.Contains(errOut, "line 3") || !strings.Contains(errOut, "Ngày sinh") || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("bad file: exit %d: %s", code, errOut)
	}
}
