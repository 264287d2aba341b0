package store

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// TestAttackHugeFieldInCSV: a member list with a 10 MB "Ghi chú" is
// refused at the line where it starts, as too long, before any member is
// made of it.
func TestAttackHugeFieldInCSV(t *testing.T) {
	huge := strings.Repeat("x", 10<<20)
	for name, field := range map[string]string{"plain": huge, "quoted": `"` + huge + `"`} {
		t.Run(name, func(t *testing.T) {
			csv := "Họ và tên;Ghi chú\nGiàng A Páo;ngắn\nLò Thị Mai;" + field + "\nVàng Seo Chứ;\n"
			start := time.Now()
			_, err := ParseMembersCSV(strings.NewReader(csv))
			var ce *CSVError
			if !errors.As(err, &ce) || ce.Line != 3 || !errors.Is(err, ErrCSVLineTooLong) || !errors.Is(err, ErrRecordTooLong) {
				t.Fatalf("got %v, want line 3 too long", err)
			}
			if took := time.Since(start); took > 2*time.Second {
				t.Fatalf("took %v", took)
			}
		})
	}
}

// TestAttackHugeFieldInXLSX: the same in a workbook (excelize itself
// cannot write such a cell, so the shared string is planted in the file),
// refused before excelize loads it, naming the row.
func TestAttackHugeFieldInXLSX(t *testing.T) {
	raw := xlsxOf(t, [][]string{{"Họ và tên", "Ghi chú"}, {"Giàng A Páo", "ngắn"}, {"Lò Thị Mai", "PLANTED"}}, nil)
	raw = replaceInZip(t, raw, "PLANTED", strings.Repeat("x", 10<<20))
	_, err := ParseMembersXLSX(bytes.NewReader(raw))
	if !errors.Is(err, ErrCSVLineTooLong) {
		t.Fatalf("got %v, want a line too long", err)
	}
}

// replaceInZip rewrites every entry of a zip with old replaced by new.
func replaceInZip(t *testing.T, raw []byte, old, new string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		fw, _ := w.Create(f.Name)
		fw.Write(bytes.ReplaceAll(b, []byte(old), []byte(new)))
	}
	w.Close()
	return out.Bytes()
}
