package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"chibo/internal/testingutil"
	"chibo/store"
)

// pdfText extracts a PDF's text with poppler (installed in CI).
func pdfText(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func TestPrintedLists(t *testing.T) {
	_, cell, dir := setup(t)
	mustRun(t, "import-csv", "--data", cell, "--kind", "members", "testdata/members.csv")
	ratings := writeCSV(t, dir, "ratings.csv", "Họ và tên,Số thẻ đảng viên,Năm,Xếp loại\n"+
		"Giàng A Páo,25012345,2023,Hoàn thành xuất sắc nhiệm vụ\nLù Thị Mai,25023456,2023,Tốt\n")
	mustRun(t, "import-csv", "--data", cell, "--kind", "ratings", ratings)
	st, err := openUnlocked(cell)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Members(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	var payer string
	for _, m := range ms {
		if m.FullName == "Lù Thị Mai" {
			payer = m.ID
		}
	}
	err = st.SaveDues(context.Background(), []store.DuesEntry{
		{MemberID: payer, Month: "2025-01", Amount: 5000, PaidDate: "2025-01-10", Method: store.DuesAtMeeting},
		{MemberID: payer, Month: "2025-02", Amount: 5000, PaidDate: "2025-02-10", Method: store.DuesPortal}})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name string
		args []string
		text func(testing.TB, string) string
		want []string
	}{
		{"review list pdf", []string{"reviews", "--year", "2023", "--format", "pdf"}, pdfText,
			[]string{"DANH SÁCH ĐỀ NGHỊ XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN", "NĂM 2023", "Giàng A Páo", "Hoàn thành xuất", "Lù Thị Mai", "21-HD/BTCTW"}},
		{"review list xlsx", []string{"reviews", "--year", "2023", "--format", "xlsx"}, testingutil.XLSXText,
			[]string{"STT|Họ và tên|Năm sinh", "|Giàng A Páo|", "Hoàn thành xuất sắc nhiệm vụ", "Nhập từ sổ sách cũ"}},
		{"dues pdf", []string{"dues", "--year", "2025", "--format", "pdf"}, pdfText,
			[]string{"TỔNG HỢP THU ĐẢNG PHÍ", "NĂM 2025", "Lù Thị Mai", "10.000"}},
		{"dues xlsx", []string{"dues", "--year", "2025", "--format", "xlsx"}, testingutil.XLSXText,
			[]string{"|Lù Thị Mai|5000|5000|", "Cộng (đồng)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+"."+tc.args[4])
			msg := mustRun(t, append(tc.args, "--data", cell, "--out", out)...)
			if !strings.Contains(msg, "wrote ") || !strings.Contains(msg, out) {
				t.Errorf("printed %q", msg)
			}
			text := tc.text(t, out)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("%q missing from:\n%s", w, text)
				}
			}
		})
	}

	x := filepath.Join(dir, "x.pdf")
	bad := []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown format", []string{"reviews", "--data", cell, "--year", "2023", "--format", "doc", "--out", x}, "--format must be pdf or xlsx"},
		{"no out", []string{"dues", "--data", cell, "--year", "2025", "--format", "pdf"}, "--out FILE is required"},
		{"no format", []string{"dues", "--data", cell, "--year", "2025", "--out", x}, "--format pdf|xlsx is required"},
		{"no year", []string{"dues", "--data", cell, "--format", "pdf", "--out", x}, "--year"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d %q; want 2 with %q", code, errOut, tc.msg)
			}
		})
	}
	// A refused command leaves no file behind.
	if _, err := os.Stat(x); !os.IsNotExist(err) {
		t.Errorf("a refused command wrote a file: %v", err)
	}
}
