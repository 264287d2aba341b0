package report

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chibo/rules"
	"chibo/store"
)

// sampleSheet is a year-2026 review of n members built from sampleNames:
// the first proposed "xuất sắc", the rest "tốt" (one exempt, one admitted
// in the autumn), the second with the hub's decision. excellent members
// are proposed "xuất sắc" in all.
func sampleSheet(t *testing.T, n, excellent int) store.ReviewSheet {
	t.Helper()
	set, err := rules.RatingFor(2026)
	if err != nil {
		t.Fatal(err)
	}
	sh := store.ReviewSheet{Year: 2026, Rules: set}
	var levels []string
	for i := 0; i < n; i++ {
		m := store.Member{ID: fmt.Sprintf("m%03d", i), FullName: sampleNames[i%len(sampleNames)], Status: store.StatusFull,
			BirthDate: fmt.Sprintf("19%02d-03-05", 60+i%40), AdmissionDate: "2005-01-01", Position: store.PositionMember}
		if i >= len(sampleNames) {
			m.FullName += fmt.Sprintf(" %d", i)
		}
		r := store.Review{MemberID: m.ID, Year: 2026, SelfLevel: "good", CellLevel: "good", Voters: 20,
			Votes: map[string]int{"good": 18, "done": 2}}
		switch {
		case i == 0:
			m.Position = store.PositionSecretary
		case i == 2:
			r.HubLevel, r.HubDecisionNo, r.HubDecisionDate = "good", "15-QĐ/ĐU", "2027-01-20"
		case i == 3:
			m.Status, r = store.StatusExempt, store.Review{MemberID: m.ID, Year: 2026}
		case i == 4:
			m.AdmissionDate, r.SelfLevel, r.CellLevel, r.Votes = "2026-10-01", "", "", nil
		}
		if i < excellent {
			r.SelfLevel, r.CellLevel, r.Votes = "excellent", "excellent", map[string]int{"excellent": 17, "good": 3}
		}
		st := set.Standing(rules.Subject{Status: m.Status, Admitted: mustDay(m.AdmissionDate)}, 2026)
		sh.Rows = append(sh.Rows, store.ReviewRow{Member: m, Standing: st, Review: r})
		if st.Rated && r.CellLevel != "" {
			levels = append(levels, r.CellLevel)
		}
	}
	sh.QuotaOK, sh.Excellent, sh.Allowed = set.Quota(levels)
	return sh
}

func reviewPDF(t *testing.T, sh store.ReviewSheet) []pdfPage {
	t.Helper()
	var buf bytes.Buffer
	if err := ReviewListPDF(&buf, sampleOrg(), sh, mustDay("2026-12-20")); err != nil {
		t.Fatal(err)
	}
	return readPDF(t, buf.Bytes())
}

// sameRow reports whether the phrase sits on the line of the name's row.
func sameRow(pages []pdfPage, name box, phrase string) bool {
	for _, b := range find(pages, phrase) {
		if b.page == name.page && math.Abs(b.yMin-name.yMin) < 2 {
			return true
		}
	}
	return false
}

func TestReviewListPDF(t *testing.T) {
	sh := sampleSheet(t, 10, 1)
	pages := reviewPDF(t, sh)
	if p := pages[0]; p.W <= p.H {
		t.Errorf("page %.0f×%.0f pt, want landscape", p.W, p.H)
	}
	for _, s := range []string{"DANH SÁCH ĐỀ NGHỊ XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN", "NĂM 2026", "ĐẢNG CỘNG SẢN VIỆT NAM",
		"CHI BỘ THÔN SÍN CHÉNG", "Sín Chéng, ngày 20 tháng 12 năm 2026", "T/M CHI ỦY", "BÍ THƯ"} {
		findOne(t, pages, s)
	}
	// The secretary signs under the block and is listed in the table.
	if n := len(find(pages, "Giàng A Páo")); n != 2 {
		t.Errorf("secretary's name found %d times, want table + signature", n)
	}
	tests := []struct {
		name, member string
		want         []string
	}{
		{"proposed excellent", "Giàng A Páo", []string{"1", "1960", "Bí thư", "XS 17; T 3 / 20"}},
		{"hub decided", "Vàng A Sử", []string{"3", "Hoàn thành tốt", "QĐ số 15-QĐ/ĐU"}},
		{"exempt", "Sùng Seo Chứ", []string{"4", "Miễn sinh hoạt: không"}},
		{"new member", "Thào Thị Dung", []string{"5", "Vào Đảng chưa"}},
		{"plain", "Ma Thị Hoa", []string{"8", "1967", "Đảng viên", "T 18; HT 2 / 20"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bs := find(pages, tc.member)
			if len(bs) == 0 {
				t.Fatalf("%q not in the list", tc.member)
			}
			for _, w := range tc.want {
				if !sameRow(pages, bs[0], w) {
					t.Errorf("%q not on the row of %s", w, tc.member)
				}
			}
		})
	}
	findOne(t, pages, "tối đa theo tỷ lệ: 1")
	findOne(t, pages, "(không quá 20 %")
	// The quota's base is literally those rated "tốt" (issue 13), and the
	// 2026 list cites the rating rules in force then.
	findOne(t, pages, "xếp loại «Hoàn")
	findOne(t, pages, "áp dụng từ 30/08/2025).")
	if len(find(pages, "vượt tỷ lệ")) != 0 {
		t.Error("quota within limits reported as broken")
	}
}

// A long list breaks pages between rows, repeats the heading, keeps every
// name exactly once, and says when the quota is broken.
func TestReviewListLong(t *testing.T) {
	sh := sampleSheet(t, 60, 20)
	pages := reviewPDF(t, sh)
	if len(pages) < 3 {
		t.Fatalf("%d pages for 60 members", len(pages))
	}
	if n := len(find(pages, "Chi bộ đề nghị")); n < len(pages)-1 {
		t.Errorf("heading on %d of %d pages", n, len(pages))
	}
	for _, x := range sh.Rows {
		if n := len(find(pages, x.Member.FullName)); n < 1 {
			t.Errorf("%q missing", x.Member.FullName)
		}
	}
	findOne(t, pages, "Chi bộ đề nghị vượt tỷ lệ.")
}

func TestReviewListXLSX(t *testing.T) {
	sh := sampleSheet(t, 10, 1)
	var buf bytes.Buffer
	if err := ReviewListXLSX(&buf, sampleOrg(), sh); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	head := -1
	for i, r := range rows {
		if len(r) > 1 && r[0] == "STT" {
			head = i
		}
	}
	if head < 0 || strings.Join(rows[head], "|") != "STT|Họ và tên|Năm sinh|Chức vụ|Tự xếp loại|Chi bộ đề nghị|Kết quả biểu quyết|Cấp trên quyết định|Ghi chú" {
		t.Fatalf("no heading row: %q", rows)
	}
	for i, x := range sh.Rows {
		r := rows[head+1+i]
		if r[1] != x.Member.FullName {
			t.Errorf("row %d name %q, want %q", i+1, r[1], x.Member.FullName)
		}
	}
	if r := rows[head+3]; r[7] != "Hoàn thành tốt nhiệm vụ" || !strings.Contains(r[8], "15-QĐ/ĐU") {
		t.Errorf("hub decision row %q", r)
	}
	// Birth years are numbers, so the spreadsheet can sort and count them.
	cell, _ := excelize.CoordinatesToCellName(3, head+2)
	if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("birth year stored as text (%v)", typ)
	}
	if !strings.Contains(strings.Join(rows[len(rows)-1], ""), "366-QĐ/TW") {
		t.Errorf("last line %q does not cite the quota's regulation", rows[len(rows)-1])
	}
}
