package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chibo/store"
)

// sampleDues is 2026 for three members: one paid every month, one exempt
// as a poor household for the first half, one four months behind.
func sampleDues() []store.DuesLine {
	mk := func(id, name string, pos string) store.DuesLine {
		l := store.DuesLine{Member: store.Member{ID: id, FullName: name, Status: store.StatusFull, Position: pos}}
		for i := range l.Months {
			l.Months[i] = store.DuesEntry{MemberID: id, Month: fmt.Sprintf("2026-%02d", i+1)}
		}
		return l
	}
	paid := func(l *store.DuesLine, m int, amount int64) {
		l.Months[m-1].Amount, l.Months[m-1].PaidDate, l.Months[m-1].Method = amount, fmt.Sprintf("2026-%02d-05", m), store.DuesAtMeeting
		l.Paid += amount
	}
	a, b, c := mk("a", "Giàng A Páo", store.PositionSecretary), mk("b", "Lý Thị Mai", ""), mk("c", "Sùng Seo Chứ", "")
	for m := 1; m <= 12; m++ {
		paid(&a, m, 5000)
		if m <= 6 {
			b.Months[m-1].Exemption = "poor_household"
		} else {
			paid(&b, m, 5000)
		}
		if m <= 8 {
			paid(&c, m, 120000)
		} else {
			c.Months[m-1].State = store.DuesStateUnpaid // recorded as not paid
		}
	}
	c.Unpaid, c.Warn = 4, true
	return []store.DuesLine{a, b, c}
}

func TestDuesSummaryPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := DuesSummaryPDF(&buf, sampleOrg(), 2026, sampleDues(), mustDay("2026-12-28")); err != nil {
		t.Fatal(err)
	}
	pages := readPDF(t, buf.Bytes())
	if p := pages[0]; p.W <= p.H {
		t.Errorf("page %.0f×%.0f pt, want landscape", p.W, p.H)
	}
	for _, s := range []string{"TỔNG HỢP THU ĐẢNG PHÍ", "NĂM 2026", "NGƯỜI LẬP BIỂU", "T/M CHI ỦY",
		"Sín Chéng, ngày 28 tháng 12 năm 2026", "theo Quy định 01-QĐ/TW, Điều 5,"} {
		findOne(t, pages, s)
	}
	tests := []struct {
		name, row string
		want      []string
	}{
		{"paid all year", "Giàng A Páo", []string{"1", "5.000", "60.000", "0"}},
		{"exempt half the year", "Lý Thị Mai", []string{"2", "M", "30.000"}},
		{"behind", "Sùng Seo Chứ", []string{"3", "120.000", "KN", "960.000", "4"}},
		{"totals", "Cộng", []string{"125.000", "10.000", "1.050.000"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bs := find(pages, tc.row)
			if len(bs) == 0 {
				t.Fatalf("no row %q", tc.row)
			}
			row := bs[0]
			if tc.row == "Cộng" {
				row = bs[len(bs)-1] // "Cộng" also heads the total column
			}
			for _, w := range tc.want {
				if !sameRow(pages, row, w) {
					t.Errorf("%q not on the row of %s", w, tc.row)
				}
			}
		})
	}
	findOne(t, pages, "Lý Thị Mai: miễn: hộ nghèo, hộ cận nghèo (có đơn).")
	findOne(t, pages, "Sùng Seo Chứ (4 tháng).")
	findOne(t, pages, "(theo Quy định 01-QĐ/TW, Điều 2,")
}

func TestDuesSummaryXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := DuesSummaryXLSX(&buf, sampleOrg(), 2026, sampleDues()); err != nil {
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
		if len(r) > 0 && r[0] == "STT" {
			head = i
		}
	}
	if head < 0 || len(rows[head]) != 16 || rows[head][2] != "T1" || rows[head][14] != "Cộng (đồng)" {
		t.Fatalf("heading %q", rows)
	}
	want := [][]string{
		{"1", "Giàng A Páo", "5000"},
		{"2", "Lý Thị Mai", "M"},
		{"3", "Sùng Seo Chứ", "120000"},
		{"", "Cộng", "125000"},
	}
	for i, w := range want {
		if got := rows[head+1+i][:3]; strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d %q, want %q", i+1, got, w)
		}
	}
	// Amounts are numbers, so the clerk can sum them again in Excel.
	v, err := f.CalcCellValue(sheet, fmt.Sprintf("O%d", head+2))
	if err != nil || v != "60000" {
		t.Errorf("total cell %q, %v", v, err)
	}
	if typ, _ := f.GetCellType(sheet, fmt.Sprintf("C%d", head+2)); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("amount stored as text (%v)", typ)
	}
}
