package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// openAccordions opens every accordion of the current screen so its text
// is laid out.
func openAccordions(s *shell) {
	for _, o := range testObjects(s.win) {
		if a, ok := o.(*widget.Accordion); ok {
			a.OpenAll()
		}
	}
}

// TestRulesPage: "A «Quy định áp dụng» page lists every rule the app
// applies, with its value, source, article and dates in force, so a
// secretary or the hub can check the app against the paper text" (issue
// 13), reachable from the menu of both a cell and the hub.
func TestRulesPage(t *testing.T) {
	cell := newCellShell(t)
	hubStore, _ := newHub(t)
	hub := newTestShell(t, hubStore)
	for name, s := range map[string]*shell{"cell": cell, "hub": hub} {
		t.Run(name, func(t *testing.T) {
			selectSection(t, s, "Quy định áp dụng")
			if _, ok := s.current.(*rulesScreen); !ok {
				t.Fatalf("screen %T", s.current)
			}
			openAccordions(s)
			text := windowText(s.win)
			for _, want := range []string{
				// Short titles (an accordion's never wrap), the period inside.
				"Kết nạp đảng viên, công nhận chính thức — từ 2016", "Áp dụng từ 25/07/2016 đến 30/06/2025",
				"Kết nạp đảng viên, công nhận chính thức — từ 2025", "Áp dụng từ 01/07/2025",
				"Cấp ủy quyết định kết nạp (ngày làm việc từ nghị quyết chi bộ): 60",
				"Văn bản: Quy định 294-QĐ/TW thi hành Điều lệ Đảng, điểm 4.3; ký ngày 26/05/2025; áp dụng từ 01/07/2025.",
				"Trích: «Trong thời hạn 60 ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị kết nạp",
				"Kiểm điểm, đánh giá, xếp loại — từ 2025", "Áp dụng từ 30/08/2025",
				"Sinh hoạt chi bộ — từ 2025", "Áp dụng từ 28/10/2025",
				"Không tìm thấy văn bản:",
				"Năm 2027: TẠM TÍNH.",
				"Làm việc bù: thứ Bảy 22/08/2026.",
				"Đảng phí",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}
}

// TestTodoShowsHowItWasCounted: "A deadline shown anywhere can be tapped
// to see how it was counted (start date, rule, days skipped and why)".
func TestTodoShowsHowItWasCounted(t *testing.T) {
	s, ms := cellWorkShell(t, "Phát triển đảng viên")
	ctx := context.Background()
	if _, err := s.st.SaveCandidates(ctx, []store.Candidate{{FullName: "Ly Thị Sua", BirthDate: "2000-01-01",
		Education: "9/12", ListedDate: "2025-01-10", ClassDate: "2025-03-01", Introducer1: ms[0].ID, Introducer2: ms[1].ID,
		CellVoteDate: "2025-12-15", VotesFor: 3, Voters: 3}}); err != nil {
		t.Fatal(err)
	}
	selectSection(t, s, "Tổng quan") // the one list of what to do (ui/todo.go)
	o := s.current.(*overviewScreen)
	o.today = func() time.Time { return time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC) }
	o.reload()
	s.display(o)
	tapReminder(t, s, "Ly Thị Sua", "Cách tính")
	got := overlayText(s.win)
	for _, want := range []string{
		"Cấp ủy có thẩm quyền quyết định kết nạp: hạn chót 17/03/2026.",
		"• Bắt đầu: ngày chi bộ có nghị quyết đề nghị kết nạp 15/12/2025 (ngày này không tính).",
		"• Thời hạn: 60 ngày làm việc.",
		"• Căn cứ: Quy định 294-QĐ/TW thi hành Điều lệ Đảng, điểm 4.3, ký ngày 26/05/2025, áp dụng từ 01/07/2025.",
		"• Căn cứ: Bộ luật Dân sự 2015 (91/2015/QH13), Điều 147, khoản 2",
		"• Không tính thứ Sáu 02/01/2026: Nghỉ hoán đổi (Tết Dương lịch).",
		"• Có tính thứ Bảy 10/01/2026 (thứ Bảy làm việc)",
		"• Trường hợp đặc biệt được gia hạn một lần: đến 29/04/2026.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
	closeDialogs(s.win)
	// The probationary member (admitted on 01/10 this year, no ceremony
	// date): reminded, the start marked as estimated.
	tapReminder(t, s, "Thào Thị Dính", "Cách tính")
	if got := overlayText(s.win); !strings.Contains(got, "Chưa có ngày lễ kết nạp: tạm tính") {
		t.Errorf("member's explanation:\n%s", got)
	}
	closeDialogs(s.win)
}
