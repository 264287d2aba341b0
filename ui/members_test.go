package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"golang.org/x/text/unicode/norm"

	"chibo/store"
)

// openMembers selects the members section and returns its screen.
func openMembers(t *testing.T, s *shell) *membersScreen {
	t.Helper()
	s.nav.Select(1)
	m, ok := s.current.(*membersScreen)
	if !ok {
		t.Fatalf("section 1 is %T", s.current)
	}
	return m
}

func TestMemberFormSavesVietnameseNFC(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	m := openMembers(t, s)

	type person struct{ name, birth, sex, iso string }
	// The second name is typed decomposed, as some input methods send it.
	for _, p := range []person{
		{"Giàng A Páo", "5/3/1980", "Nam", "1980-03-05"},
		{norm.NFD.String("Lù Thị Mai"), "28/02/1992", "Nữ", "1992-02-28"},
	} {
		m.edit(store.Member{})
		f := s.current.(*memberForm)
		test.Type(f.fullName, p.name)
		test.Type(f.birth, p.birth)
		test.Type(f.ethnicity, "Mông")
		f.sex.SetSelected(p.sex)
		test.Tap(f.save)
		if s.current != m {
			t.Fatalf("after saving %q the screen is %T; dialog: %s", p.name, s.current, overlayText(s.win))
		}
	}
	all, err := s.st.Members(ctx, "", "")
	if err != nil || len(all) != 2 {
		t.Fatalf("stored %d members, %v", len(all), err)
	}
	mai := all[1]
	if mai.FullName != "Lù Thị Mai" || !norm.NFC.IsNormalString(mai.FullName) || mai.BirthDate != "1992-02-28" ||
		mai.Sex != store.SexFemale || mai.Status != store.StatusFull || mai.Ethnicity != "Mông" {
		t.Errorf("stored %+v", mai)
	}

	test.Type(m.search, "giang a pao")
	if len(m.rows) != 1 || m.cell(0, 0) != "Giàng A Páo" || m.cell(0, 2) != "05/03/1980" {
		t.Fatalf("search shows %d rows: %+v", len(m.rows), m.rows)
	}
	if m.count.Text != "1 người" {
		t.Errorf("count %q", m.count.Text)
	}
}

func TestMemberBadDateSavesNothing(t *testing.T) {
	s := newCellShell(t)
	m := openMembers(t, s)
	m.edit(store.Member{})
	f := s.current.(*memberForm)
	test.Type(f.fullName, "Vàng Seo Chứ")
	test.Type(f.birth, "31/02/1980")
	test.Tap(f.save)
	txt := overlayText(s.win)
	if !strings.Contains(txt, "Ngày sinh") || !strings.Contains(txt, "31/02/1980") {
		t.Errorf("dialog %q", txt)
	}
	if s.current != f || f.fullName.Text != "Vàng Seo Chứ" || f.birth.Text != "31/02/1980" {
		t.Error("the form lost what was typed")
	}
	if all, _ := s.st.Members(context.Background(), "", ""); len(all) != 0 {
		t.Errorf("saved %d members", len(all))
	}
}

func TestMembersCSVAllOrNothing(t *testing.T) {
	s := newCellShell(t)
	m := openMembers(t, s)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Họ và tên,Ngày sinh\nGiàng A Páo,05/03/1980\nLù Thị Mai,31/02/1992\n"), 0o600)
	m.importCSV(bad)
	txt := overlayText(s.win)
	if !strings.Contains(txt, "Dòng 3, cột Ngày sinh") || !strings.Contains(txt, "Chưa lưu") {
		t.Errorf("dialog %q", txt)
	}
	closeDialogs(s.win)
	if len(m.rows) != 0 {
		t.Fatalf("bad file saved %d rows", len(m.rows))
	}

	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("Họ và tên,Ngày sinh,Trạng thái\nGiàng A Páo,05/03/1980,Chính thức\nLù Thị Mai,28/02/1992,Dự bị\n"), 0o600)
	m.importCSV(good)
	if txt := overlayText(s.win); !strings.Contains(txt, "2 đảng viên") {
		t.Fatalf("confirmation %q", txt)
	}
	tapDialogButton(t, s.win, "Có")
	if len(m.rows) != 2 || m.cell(1, 4) != "Dự bị" {
		t.Errorf("after import: %+v", m.rows)
	}
}
