package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeCSV(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCellWorkCommands(t *testing.T) {
	_, cell, dir := setup(t)
	mustRun(t, "import-csv", "--data", cell, "--kind", "members", "testdata/members.csv")

	ratings := writeCSV(t, dir, "ratings.csv", "Họ và tên,Số thẻ đảng viên,Năm,Xếp loại\n"+
		"Giàng A Páo,25012345,2023,Hoàn thành xuất sắc nhiệm vụ\nLù Thị Mai,25023456,2023,Tốt\n")
	if out := mustRun(t, "import-csv", "--data", cell, "--kind", "ratings", ratings); !strings.Contains(out, "imported 2 ratings") {
		t.Errorf("import ratings: %q", out)
	}
	candidates := writeCSV(t, dir, "candidates.csv", "Họ và tên,Ngày sinh,Trình độ học vấn,Giai đoạn,Ngày vào danh sách,"+
		"Ngày học lớp nhận thức,Ngày chi bộ biểu quyết,Số phiếu tán thành,Số đảng viên có quyền biểu quyết,Người giới thiệu 1,Người giới thiệu 2\n"+
		"Ly Thị Sua,01/01/2000,9/12,Chi bộ đã biểu quyết,10/01/2025,01/03/2025,15/12/2025,3,3,Giàng A Páo,Lù Thị Mai\n")
	mustRun(t, "import-csv", "--data", cell, "--kind", "candidates", candidates)

	var todos []todoJSON
	out := mustRun(t, "todo", "--data", cell, "--today", "2026-03-12", "--json")
	if err := json.Unmarshal([]byte(out), &todos); err != nil || len(todos) != 2 {
		t.Fatalf("todo json %q: %v", out, err)
	}
	if todos[0].Kind != "hub_decision" || todos[0].Due != "2026-03-17" || todos[0].DaysLeft != 5 || todos[0].Person != "Ly Thị Sua" {
		t.Errorf("todo %+v", todos[0])
	}
	if c := todos[0].Counted; c == nil || c.From != "2025-12-15" || c.Amount != 60 || len(c.Skipped) != 7 ||
		c.Skipped[1].Date != "2026-01-02" || len(c.MadeUp) != 1 || c.Extended != "2026-04-29" {
		t.Errorf("how the hub's deadline was counted: %+v", c)
	}
	// The member list's probationary member, admitted 15/08/2026 with no
	// ceremony date: reminded all the same, the start marked as estimated,
	// and 2027's days off are not decreed yet.
	if m := todos[1]; !m.Member || m.Person != "Vàng Seo Chứ" || m.Kind != "full_vote" || m.Counted.Before == nil ||
		m.Counted.Before.Estimated == "" || len(m.Provisional) == 0 {
		t.Errorf("member todo %+v", m)
	}
	text := mustRun(t, "todo", "--data", cell, "--today", "2026-03-12")
	if !strings.Contains(text, "[provisional: days off of [2027] not decreed yet]") || !strings.Contains(text, "[estimated:") {
		t.Errorf("todo text does not flag the provisional, estimated deadline:\n%s", text)
	}

	var rv reviewsJSON
	out = mustRun(t, "reviews", "--data", cell, "--year", "2023", "--json")
	if err := json.Unmarshal([]byte(out), &rv); err != nil {
		t.Fatalf("reviews json %q: %v", out, err)
	}
	levels := map[string]string{}
	for _, m := range rv.Members {
		levels[m.Name] = m.HubLevel
	}
	if levels["Giàng A Páo"] != "excellent" || levels["Lù Thị Mai"] != "good" || !rv.QuotaOK {
		t.Errorf("reviews %+v", rv)
	}

	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"rating for a member not yet admitted", []string{"import-csv", "--data", cell, "--kind", "ratings",
			writeCSV(t, dir, "bad.csv", "Họ và tên,Năm,Xếp loại\nGiàng A Páo,2022,Tốt\nVàng Seo Chứ,2025,Tốt\n")}, 1, `line 3, column "Xếp loại"`},
		{"candidate stage date before the previous", []string{"import-csv", "--data", cell, "--kind", "candidates",
			writeCSV(t, dir, "badc.csv", "Họ và tên,Ngày vào danh sách,Ngày học lớp nhận thức\nA,10/01/2025,01/01/2025\n")}, 1, `line 2, column "Ngày học lớp nhận thức"`},
		{"bad today", []string{"todo", "--data", cell, "--today", "12/03/2026"}, 2, "--today must be YYYY-MM-DD"},
		{"no year", []string{"reviews", "--data", cell}, 2, "--year"},
		{"unknown kind", []string{"import-csv", "--data", cell, "--kind", "cats", ratings}, 2, "--kind must be"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d %q; want %d with %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
	// Nothing of the refused files arrived.
	out = mustRun(t, "reviews", "--data", cell, "--year", "2022", "--json")
	if strings.Contains(out, `"hub_level"`) {
		t.Errorf("a refused ratings file left a rating: %s", out)
	}
}
