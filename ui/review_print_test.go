package ui

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/internal/testingutil"
)

// watchOpened records the PDFs the screens open instead of starting a viewer.
func watchOpened(t *testing.T) *[]string {
	t.Helper()
	var opened []string
	real := openFile
	openFile = func(_ fyne.App, u *url.URL) error { opened = append(opened, u.Path); return nil }
	t.Cleanup(func() { openFile = real })
	return &opened
}

func TestPrintLists(t *testing.T) {
	cases := []struct {
		name, section, button string
		list                  func(s *shell) printList
		want                  []string // in the workbook
	}{
		{"rating proposals", "Kiểm điểm cuối năm", "In danh sách đề nghị (PDF)",
			func(s *shell) printList { return s.current.(*reviewScreen).proposalList() },
			[]string{"DANH SÁCH ĐỀ NGHỊ XẾP LOẠI", "|Giàng A Páo|", "|Thào Thị Dính|", "366-QĐ/TW"}},
		{"dues summary", "Đảng phí", "In tổng hợp năm (PDF)",
			func(s *shell) printList { return s.current.(*duesScreen).summary() },
			[]string{"TỔNG HỢP THU ĐẢNG PHÍ", "|Giàng A Páo|", "|Lù Thị Mai|", "Cộng (đồng)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := cellWorkShell(t, tc.section)
			opened := watchOpened(t)
			// The button asks where to save.
			tapButton(t, s.win, tc.button)
			if s.win.Canvas().Overlays().Top() == nil {
				t.Fatal("no save dialog")
			}
			closeDialogs(s.win)

			dir := t.TempDir()
			tc.list(s).save(s, filepath.Join(dir, "danh-sach"), "pdf")
			pdf := filepath.Join(dir, "danh-sach.pdf")
			b, err := os.ReadFile(pdf)
			if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
				t.Fatalf("no PDF (%v); dialog %q", err, overlayText(s.win))
			}
			if len(*opened) != 1 || (*opened)[0] != pdf {
				t.Errorf("opened %q, want %s", *opened, pdf)
			}

			tc.list(s).save(s, filepath.Join(dir, "danh-sach.xlsx"), "xlsx")
			if msg := overlayText(s.win); !strings.Contains(msg, "danh-sach.xlsx") {
				t.Errorf("saved workbook not reported: %q", msg)
			}
			cells := testingutil.XLSXText(t, filepath.Join(dir, "danh-sach.xlsx"))
			for _, w := range tc.want {
				if !strings.Contains(cells, w) {
					t.Errorf("%q missing from workbook:\n%s", w, cells)
				}
			}
			if len(*opened) != 1 {
				t.Errorf("a workbook was opened as a PDF: %q", *opened)
			}
		})
	}
}

// A folder that cannot be written says so and leaves nothing behind.
func TestPrintListFails(t *testing.T) {
	s, _ := cellWorkShell(t, "Kiểm điểm cuối năm")
	opened := watchOpened(t)
	missing := filepath.Join(t.TempDir(), "khong-co", "ds.pdf")
	s.current.(*reviewScreen).proposalList().save(s, missing, "pdf")
	if msg := overlayText(s.win); !strings.Contains(msg, "Không tìm thấy tệp") {
		t.Errorf("no error shown: %q", msg)
	}
	if len(*opened) != 0 {
		t.Errorf("opened %q after a failure", *opened)
	}
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tep.csv")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportRatingsInWindow(t *testing.T) {
	s, _ := cellWorkShell(t, "Kiểm điểm cuối năm")
	r := s.current.(*reviewScreen)
	if !strings.Contains(windowText(s.win), "[Nhập xếp loại từ CSV]") {
		t.Fatalf("no import button:\n%s", windowText(s.win))
	}
	cases := []struct {
		name, body string
		want       []string
		saved      int
	}{
		{"a member not yet admitted refuses the file",
			"Họ và tên,Năm,Xếp loại\nGiàng A Páo,2022,Tốt\nThào Thị Dính,2022,Tốt\n",
			[]string{"Dòng 3, cột Xếp loại", "không được xếp loại", "Chưa lưu dòng nào"}, 0},
		{"unknown member", "Họ và tên,Năm,Xếp loại\nNgười Lạ,2022,Tốt\n",
			[]string{"Dòng 2, cột Họ và tên", "không có đảng viên nào của chi bộ khớp"}, 0},
		{"no level column", "Họ và tên,Năm\nGiàng A Páo,2022\n", []string{"Dòng 1, cột Xếp loại: thiếu cột bắt buộc"}, 0},
		{"year not a number", "Họ và tên,Năm,Xếp loại\nGiàng A Páo,hai,Tốt\n", []string{"Dòng 2, cột Năm", "số nguyên"}, 0},
		{"good file", "Họ và tên,Năm,Xếp loại\nGiàng A Páo,2022,Hoàn thành xuất sắc nhiệm vụ\nLù Thị Mai,2022,Tốt\n",
			[]string{"Đã nhập 2 kết quả xếp loại"}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			importRatings.importFile(s, writeFile(t, tc.body), r.reload)
			msg := overlayText(s.win)
			closeDialogs(s.win)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q not in %q", w, msg)
				}
			}
			revs, err := s.st.Reviews(context.Background(), "", 2022)
			if err != nil || len(revs) != tc.saved {
				t.Errorf("%d ratings of 2022 saved (%v), want %d", len(revs), err, tc.saved)
			}
		})
	}
}

// candidateCSV is n candidates voted on by the cell in early 2025, so
// their hub decision is overdue by now.
func candidateCSV(n int) string {
	var b strings.Builder
	b.WriteString("Họ và tên,Ngày sinh,Trình độ học vấn,Giai đoạn,Ngày vào danh sách,Ngày học lớp nhận thức," +
		"Ngày chi bộ biểu quyết,Số phiếu tán thành,Số đảng viên có quyền biểu quyết,Người giới thiệu 1,Người giới thiệu 2\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Ly Thị Sua %d,01/01/2000,9/12,Chi bộ đã biểu quyết,10/01/2024,01/03/2024,%02d/12/2024,2,2,Giàng A Páo,Lù Thị Mai\n", i+1, 10+i)
	}
	return b.String()
}

func TestImportCandidatesAndOverviewTodos(t *testing.T) {
	s, _ := cellWorkShell(t, "Phát triển đảng viên")
	c := s.current.(*candidatesScreen)
	bad := "Họ và tên,Ngày vào danh sách,Ngày học lớp nhận thức\nA Sử,10/01/2025,01/01/2025\n"
	importCandidates.importFile(s, writeFile(t, bad), c.reload)
	if msg := overlayText(s.win); !strings.Contains(msg, "Dòng 2, cột Ngày học lớp nhận thức") || !strings.Contains(msg, "sớm hơn bước trước") {
		t.Errorf("refusal %q", msg)
	}
	closeDialogs(s.win)
	if len(c.rows) != 0 {
		t.Fatalf("a refused file left %d candidates", len(c.rows))
	}
	importCandidates.importFile(s, writeFile(t, candidateCSV(7)), c.reload)
	if msg := overlayText(s.win); !strings.Contains(msg, "Đã nhập 7 người") {
		t.Errorf("import said %q", msg)
	}
	closeDialogs(s.win)
	if len(c.rows) != 7 {
		t.Errorf("%d candidates listed after import", len(c.rows))
	}

	selectSection(t, s, "Tổng quan")
	var todos []*widget.Label
	text := windowText(s.win)
	for _, o := range testObjects(s.win) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "• ") && strings.Contains(l.Text, "Ly Thị Sua") {
			todos = append(todos, l)
		}
	}
	// 7 candidates (the probationary Thào Thị Dính's full-membership vote
	// is a reminder of its own); the overview holds the one whole list.
	if len(todos) != 7 {
		t.Fatalf("%d deadlines on the overview:\n%s", len(todos), text)
	}
	// Soonest first: the first vote's decision is the most overdue, in red.
	if !strings.Contains(todos[0].Text, "Ly Thị Sua 1") || !strings.Contains(todos[0].Text, "quá hạn") ||
		todos[0].Importance != widget.DangerImportance {
		t.Errorf("first deadline %q (importance %v)", todos[0].Text, todos[0].Importance)
	}
}

// testObjects is every object laid out in the window.
func testObjects(w fyne.Window) []fyne.CanvasObject { return test.LaidOutObjects(w.Content()) }
