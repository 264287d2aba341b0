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

	selectSection(t, s, "Việc cần làm")
	td := s.current.(*todoScreen)
	td.today = func() time.Time { return time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC) }
	td.reload()
	// The candidate's hub decision, then the probationary Thào Thị Dính's
	// full-membership vote (a member with no dossier gets reminded too).
	if len(td.rows) != 2 || td.rows[0].Due != "2026-03-17" || !td.rows[1].Member {
		t.Fatalf("todos %+v", td.rows)
	}
	row := td.list.CreateItem()
	td.list.UpdateItem(0, row)
	due := test.LaidOutObjects(row)
	var red bool
	for _, o := range due {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "quá hạn 3 ngày") && l.Importance == widget.DangerImportance {
			red = true
		}
	}
	if !red {
		t.Error("an overdue deadline is not shown in red")
	}
}

func TestDuesScreenWarnsAfterThreeMonths(t *testing.T) {
	s, ms := cellWorkShell(t, "Đảng phí")
	d := s.current.(*duesScreen)
	d.today = func() time.Time { return time.Date(d.selectedYear(), 5, 15, 0, 0, 0, 0, time.UTC) }
	var paid []store.DuesEntry
	for m := 1; m <= 4; m++ {
		paid = append(paid, store.DuesEntry{MemberID: ms[0].ID, Month: fmt.Sprintf("%d-%02d", d.selectedYear(), m),
			Amount: 5000, PaidDate: fmt.Sprintf("%d-%02d-05", d.selectedYear(), m), Method: store.DuesAtMeeting})
	}
	if err := s.st.SaveDues(context.Background(), paid); err != nil {
		t.Fatal(err)
	}
	d.reload()
	if !strings.Contains(d.warn.Text, "Lù Thị Mai (4 tháng)") || strings.Contains(d.warn.Text, "Giàng A Páo") {
		t.Errorf("warning %q", d.warn.Text)
	}
	for i, l := range d.lines {
		if l.Member.ID == ms[0].ID && (d.cell(i, 1) != "✓" || d.cell(i, 13) != "20000") {
			t.Errorf("row %v", l)
		}
	}
}
