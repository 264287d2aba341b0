package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// cellWorkShell is a cell with a full member, an exempt one and a member
// admitted this autumn, opened on the given section.
func cellWorkShell(t *testing.T, section string) (*shell, []store.Member) {
	t.Helper()
	s := newCellShell(t)
	year := store.ReviewYear(time.Now())
	ms, err := s.st.SaveMembers(context.Background(), []store.Member{
		{FullName: "Giàng A Páo", AdmissionDate: "2000-01-01", FullDate: "2001-01-01", Status: store.StatusFull},
		{FullName: "Lù Thị Mai", AdmissionDate: "2010-01-01", FullDate: "2011-01-01", Status: store.StatusFull},
		{FullName: "Vàng Seo Chứ", AdmissionDate: "1965-01-01", Status: store.StatusExempt},
		{FullName: "Thào Thị Dính", AdmissionDate: fmt.Sprintf("%d-10-01", year), Status: store.StatusProbationary},
	})
	if err != nil {
		t.Fatal(err)
	}
	selectSection(t, s, section)
	return s, ms
}

func TestReviewScreen(t *testing.T) {
	s, _ := cellWorkShell(t, "Kiểm điểm cuối năm")
	r, ok := s.current.(*reviewScreen)
	if !ok {
		t.Fatalf("screen %T", s.current)
	}
	got := map[string]string{}
	for i := range r.sheet.Rows {
		got[r.cell(i, 0)] = r.cell(i, 1)
	}
	if !strings.Contains(got["Vàng Seo Chứ"], "không kiểm điểm") || !strings.Contains(got["Thào Thị Dính"], "không xếp loại") ||
		got["Giàng A Páo"] != "Kiểm điểm, xếp loại" {
		t.Errorf("standings %v", got)
	}
	if !strings.Contains(r.info.Text, "20 %") || !strings.Contains(r.info.Text, "366-QĐ/TW") {
		t.Errorf("the quota's regulation is not shown: %q", r.info.Text)
	}
	for i, row := range r.sheet.Rows {
		if row.Member.FullName != "Thào Thị Dính" {
			continue
		}
		r.open(i)
		f := s.current.(*reviewForm)
		f.cellLevel.SetSelected("Hoàn thành tốt nhiệm vụ")
		f.submit()
		if msg := overlayText(s.win); !strings.Contains(msg, "không được xếp loại") || !strings.Contains(msg, "chưa đủ 6 tháng") {
			t.Errorf("refusal said %q", msg)
		}
		closeDialogs(s.win)
		f.done() // leaving the refused form asks «Lưu thay đổi?»; the change is given up
		tapDialogButton(t, s.win, "Không lưu")
	}
	// Two "xuất sắc" of two rated members breaks the 20 % quota: a red warning.
	for i, row := range r.sheet.Rows {
		if row.Standing.Rated {
			r.open(i)
			f := s.current.(*reviewForm)
			test.Type(f.voters, "3")
			test.Type(f.votes["excellent"], "3")
			f.cellLevel.SetSelected("Hoàn thành xuất sắc nhiệm vụ")
			f.submit()
			if s.current != r {
				t.Fatalf("save failed: %s", overlayText(s.win))
			}
		}
	}
	if r.quota.Importance != widget.DangerImportance || !strings.Contains(r.quota.Text, "Vượt tỷ lệ") {
		t.Errorf("quota warning %q", r.quota.Text)
	}
}

func TestReviewFormRefusesTallyOverVoters(t *testing.T) {
	s, ms := cellWorkShell(t, "Kiểm điểm cuối năm")
	r := s.current.(*reviewScreen)
	r.edit("Giàng A Páo", store.Review{MemberID: ms[0].ID, Year: r.selectedYear()}, r.sheet.Rows[0].Standing)
	f := s.current.(*reviewForm)
	test.Type(f.voters, "3")
	test.Type(f.votes["good"], "4")
	f.submit()
	if msg := overlayText(s.win); !strings.Contains(msg, "nhiều hơn số đảng viên biểu quyết") {
		t.Errorf("refusal said %q", msg)
	}
	if revs, _ := s.st.Reviews(context.Background(), "", r.selectedYear()); len(revs) != 0 {
		t.Errorf("a refused review was saved: %+v", revs)
	}
}

func TestCandidateFormAndTodo(t *testing.T) {
	s, _ := cellWorkShell(t, "Phát triển đảng viên")
	c := s.current.(*candidatesScreen)
	c.edit(store.Candidate{})
	f := s.current.(*candidateForm)
	test.Type(f.name, "Ly Thị Sua")
	test.Type(f.birth, "01/01/2000")
	test.Type(f.education, "9/12")
	f.intro1.SetSelected("Giàng A Páo — Chính thức")
	f.intro2.SetSelected("Thào Thị Dính — Dự bị")
	test.Type(f.dates["listed"], "10/01/2025")
	test.Type(f.dates["cell_vote"], "15/12/2025")
	test.Type(f.votesFor, "2")
	test.Type(f.voters, "2")
	f.submit()
	if msg := overlayText(s.win); !strings.Contains(msg, "Người giới thiệu phải là đảng viên chính thức") {
		t.Fatalf("probationary introducer: %q", msg)
	}
	closeDialogs(s.win)
	f.intro2.SetSelected("Lù Thị Mai — Chính thức")
	f.submit()
	if s.current != c || len(c.rows) != 1 || c.cell(0, 2) != "Chi bộ đã biểu quyết" {
		t.Fatalf("after save: %T %s", s.current, overlayText(s.win))
	}

	selectSection(t, s, "Tổng quan") // the one list of what to do (ui/todo.go)
	o := s.current.(*overviewScreen)
	o.today = func() time.Time { return time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC) }
	o.reload()
	var due []reminder
	for _, r := range o.todo {
		if strings.Contains(r.text, "Ly Thị Sua") {
			due = append(due, r)
		}
	}
	if len(due) != 1 || !strings.Contains(due[0].text, "hạn 17/03/2026 (quá hạn 3 ngày)") || due[0].level != widget.DangerImportance {
		t.Fatalf("the overdue deadline reads %+v", due)
	}
	// The probationary Thào Thị Dính's full-membership vote: a member with
	// no dossier gets reminded too, and her button opens her own record.
	for _, r := range o.todo {
		if strings.Contains(r.text, "Thào Thị Dính") {
			r.open()
			if f, ok := s.current.(*memberForm); !ok || f.m.FullName != "Thào Thị Dính" {
				t.Errorf("her reminder opened %T", s.current)
			}
			return
		}
	}
	t.Errorf("no reminder for the probationary member:\n%s", reminderTexts(o.todo))
}
