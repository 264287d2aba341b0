package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestMembersImportFromExcel(t *testing.T) {
	cases := []struct {
		name string
		rows [][]any
		want string
	}{
		{"good", [][]any{{"Họ và tên", "Ngày sinh"}, {"Giàng A Páo", "12/03/1978"}, {"Lù Thị Mai", ""}}, "Tệp có 2 đảng viên"},
		{"bad date", [][]any{{"Họ và tên", "Ngày sinh"}, {"Giàng A Páo", ""}, {"Lù Thị Mai", "31/02/1986"}}, "Dòng 3, cột Ngày sinh"},
		{"not a workbook", nil, "không đọc được tệp Excel"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newCellShell(t)
			m := openMembers(t, s)
			path := filepath.Join(t.TempDir(), "danh-sach.xlsx")
			f := excelize.NewFile()
			for i, r := range tc.rows {
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				f.SetSheetRow("Sheet1", cell, &r)
			}
			if tc.rows != nil {
				if err := f.SaveAs(path); err != nil {
					t.Fatal(err)
				}
			} else {
				os.WriteFile(path, []byte("Họ và tên\nGiàng A Páo\n"), 0o600)
			}
			m.importCSV(path)
			if got := overlayText(s.win); !strings.Contains(got, tc.want) {
				t.Errorf("dialog says %q, want %q", got, tc.want)
			}
			if n := len(m.rows); n != 0 {
				t.Errorf("%d members saved before confirming", n)
			}
		})
	}
}
