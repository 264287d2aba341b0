package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chibo/store"
)

// TestMemberListWithCeremonyDates: the member list's "Ngày kết nạp" column
// is the ceremony, kept beside "Ngày vào Đảng" (the decision); a row whose
// ceremony comes before its decision is refused in Vietnamese, naming the
// row, the column and the clause, and nothing from the file is saved.
func TestMemberListWithCeremonyDates(t *testing.T) {
	s := newCellShell(t)
	selectSection(t, s, "Đảng viên")
	m := s.current.(*membersScreen)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	head := "Họ và tên,Ngày vào Đảng,Ngày kết nạp,Trạng thái\n"
	if err := os.WriteFile(bad, []byte(head+"Lù Thị Mai,10/03/2025,14/04/2025,Dự bị\nVàng Seo Ước,10/08/2025,01/08/2025,Dự bị\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m.importCSV(bad)
	got := overlayText(s.win)
	for _, want := range []string{"Dòng 3, cột Ngày kết nạp", "«Ngày lễ kết nạp» (01/08/2025) sớm hơn «Ngày vào Đảng (quyết định kết nạp)» (10/08/2025)",
		"Quy định 294-QĐ/TW thi hành Điều lệ Đảng, điểm 4.1", "Chưa lưu"} {
		if !strings.Contains(got, want) {
			t.Errorf("refusal lacks %q:\n%s", want, got)
		}
	}
	closeDialogs(s.win)
	if ms, _ := s.st.Members(context.Background(), "", ""); len(ms) != 0 {
		t.Fatalf("a refused file saved %d members", len(ms))
	}
	good := filepath.Join(dir, "good.csv")
	if err := os.WriteFile(good, []byte(head+"Lù Thị Mai,10/03/2025,14/04/2025,Dự bị\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m.importCSV(good)
	tapDialogButton(t, s.win, "Có")
	closeDialogs(s.win)
	ms, _ := s.st.Members(context.Background(), "", "")
	if len(ms) != 1 || ms[0].CeremonyDate != "2025-04-14" || ms[0].AdmissionDate != "2025-03-10" {
		t.Fatalf("imported %+v", ms)
	}
	// The member form shows the ceremony date and saves a correction.
	f := newMemberForm(s, ms[0], func() {})
	s.show(f)
	if f.ceremony.Text != "14/04/2025" {
		t.Errorf("form shows ceremony %q", f.ceremony.Text)
	}
	f.ceremony.SetText("")
	test.Type(f.ceremony, "15/04/2025")
	f.submit()
	if back, _ := s.st.Member(context.Background(), ms[0].ID); back.CeremonyDate != "2025-04-15" {
		t.Errorf("saved ceremony %q", back.CeremonyDate)
	}
}

// TestReviewFormDisciplineAndMaternity: the review form records a
// discipline during the year, which allows only "Không hoàn thành nhiệm
// vụ", and a maternity leave, which does not cap the level.
func TestReviewFormDisciplineAndMaternity(t *testing.T) {
	s, ms := cellWorkShell(t, "Kiểm điểm cuối năm")
	r := s.current.(*reviewScreen)
	var row int
	for i, x := range r.sheet.Rows {
		if x.Member.ID == ms[1].ID {
			row = i
		}
	}
	x := r.sheet.Rows[row]
	f := newReviewForm(s, r.sheet.Rules, x.Member.FullName, store.Review{MemberID: x.Member.ID, Year: r.sheet.Year}, x.Standing, func() {})
	s.show(f)
	f.disciplined.SetChecked(true)
	f.cellLevel.SetSelected("Hoàn thành nhiệm vụ")
	f.submit()
	if got := overlayText(s.win); !strings.Contains(got, "kỷ luật") {
		t.Errorf("disciplined and rated «Hoàn thành nhiệm vụ»: %q", got)
	}
	closeDialogs(s.win)
	f.cellLevel.SetSelected("Không hoàn thành nhiệm vụ")
	f.submit()
	if got := overlayText(s.win); got != "" {
		t.Fatalf("dialog %q", got)
	}
	revs, _ := s.st.Reviews(context.Background(), "", r.sheet.Year)
	if rv := revs[x.Member.ID]; !rv.Disciplined || rv.CellLevel != "failed" {
		t.Errorf("saved %+v", rv)
	}
}
