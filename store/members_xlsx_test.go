package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxOf writes rows as text cells of Sheet1; dates, if set, puts a real
// Excel date (a number with a date format) into that cell.
func xlsxOf(t *testing.T, rows [][]string, dates map[string]time.Time) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		vals := make([]any, len(row))
		for j, v := range row {
			vals[j] = v
		}
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14}) // Excel's built-in short date
	for cell, d := range dates {
		f.SetCellValue("Sheet1", cell, d)
		f.SetCellStyle("Sheet1", cell, cell, style)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestXLSXSameAsCSV(t *testing.T) {
	raw, err := os.ReadFile("testdata/members.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParseMembersCSV(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseMembersFile("danh-sach.XLSX", bytes.NewReader(xlsxOf(t, rows, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("xlsx gave\n%+v\ncsv gave\n%+v", got, want)
	}
}

func TestXLSXRows(t *testing.T) {
	header := []string{"STT", "Họ và tên", "Ngày sinh", "Trạng thái"}
	cases := map[string]struct {
		rows     [][]string
		dates    map[string]time.Time
		wantErr  error
		wantLine int
		wantCol  string
		wantDOB  string
	}{
		"text date": {rows: [][]string{header, {"1", "Giàng A Páo", "12/03/1978", "Chính thức"}}, wantDOB: "1978-03-12"},
		"real Excel date keeps day first": {rows: [][]string{header, {"1", "Giàng A Páo", "", "Chính thức"}},
			dates: map[string]time.Time{"C2": time.Date(1978, 3, 5, 0, 0, 0, 0, time.UTC)}, wantDOB: "1978-03-05"},
		"blank rows skipped": {rows: [][]string{header, {}, {"", " ", ""}, {"1", "Lù Thị Mai", "", ""}}},
		"bad date names row and column": {rows: [][]string{header, {"1", "Giàng A Páo", "", ""}, {"2", "Lù Thị Mai", "31/02/1986", ""}},
			wantErr: ErrCSVBadDate, wantLine: 3, wantCol: "Ngày sinh"},
		"bad status":  {rows: [][]string{header, {"1", "Giàng A Páo", "", "Đang ốm"}}, wantErr: ErrCSVBadValue, wantLine: 2, wantCol: "Trạng thái"},
		"no name":     {rows: [][]string{header, {"1", "", "12/03/1978", ""}}, wantErr: ErrCSVNoName, wantLine: 2, wantCol: "Họ và tên"},
		"no header":   {rows: [][]string{{"Tên", "Tuổi"}, {"A", "3"}}, wantErr: ErrCSVNoHeader, wantLine: 1},
		"only header": {rows: [][]string{header}, wantErr: ErrCSVEmpty, wantLine: 2},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ms, err := ParseMembersXLSX(bytes.NewReader(xlsxOf(t, tc.rows, tc.dates)))
			if tc.wantErr != nil {
				var ce *CSVError
				if !errors.Is(err, tc.wantErr) || !errors.As(err, &ce) || ce.Line != tc.wantLine || ce.Column != tc.wantCol {
					t.Fatalf("err = %v, want %v at line %d column %q", err, tc.wantErr, tc.wantLine, tc.wantCol)
				}
				if ms != nil {
					t.Error("rows returned with an error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantDOB != "" && ms[0].BirthDate != tc.wantDOB {
				t.Errorf("birth date = %q, want %q", ms[0].BirthDate, tc.wantDOB)
			}
		})
	}
}

func TestXLSXNotAWorkbook(t *testing.T) {
	_, err := ParseMembersXLSX(bytes.NewReader([]byte("Họ và tên\nGiàng A Páo\n")))
	if !errors.Is(err, ErrXLSXUnreadable) {
		t.Fatalf("err = %v", err)
	}
}

func TestXLSXFindsTheMemberSheet(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Ghi chú của chi bộ"})
	f.NewSheet("Danh sách")
	f.SetSheetRow("Danh sách", "A1", &[]any{"Họ và tên", "Giới tính"})
	f.SetSheetRow("Danh sách", "A2", &[]any{"Giàng A Páo", "Nam"})
	var b bytes.Buffer
	f.Write(&b)
	ms, err := ParseMembersXLSX(&b)
	if err != nil || len(ms) != 1 || ms[0].FullName != "Giàng A Páo" || ms[0].Sex == "" {
		t.Fatalf("ms = %+v, err = %v", ms, err)
	}
}
