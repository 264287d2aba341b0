package store

// Member lists from Excel. The rules are the CSV reader's: the same
// headers (mapHeader), the same cell rules (memberFromRow), the same
// all-or-nothing result with the row and column of the first bad cell.
// Only reading the cells differs.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ErrXLSXUnreadable means the file is not an .xlsx workbook we can read.
var ErrXLSXUnreadable = errors.New("not a readable Excel (.xlsx) file")

// xlsxMaxSize bounds the file and its unzipped parts: a member list of a
// few hundred rows is far below it, a wrong file picked by mistake is not.
const xlsxMaxSize = 64 << 20

// ParseMembersFile reads a member list as CSV or, for a name ending in
// .xlsx, as an Excel workbook.
func ParseMembersFile(name string, r io.Reader) ([]Member, error) {
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		return ParseMembersXLSX(r)
	}
	return ParseMembersCSV(r)
}

// ParseMembersXLSX reads the first sheet that has a "Họ và tên" column in
// its first row. It returns every row or, at the first bad cell, a
// *CSVError (Line is the sheet's row number) and no rows.
func ParseMembersXLSX(r io.Reader) ([]Member, error) {
	raw, err := io.ReadAll(io.LimitReader(r, xlsxMaxSize))
	if err != nil {
		return nil, &CSVError{Line: 1, Err: ErrXLSXUnreadable}
	}
	if err := xlsxPreflight(raw); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{
		UnzipSizeLimit: 4 * xlsxMaxSize, UnzipXMLSizeLimit: xlsxMaxSize,
	})
	if err != nil {
		return nil, &CSVError{Line: 1, Err: ErrXLSXUnreadable}
	}
	defer f.Close()
	rows, err := memberSheet(f)
	if err != nil {
		return nil, err
	}
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	header := trimAll(rows[0])
	cols, err := mapHeader(header)
	if err != nil {
		return nil, err
	}
	var out []Member
	for i, rec := range rows[1:] {
		line := i + 2
		if blank(rec) {
			continue
		}
		rec = excelDates(rec, cols, date1904)
		m, err := memberFromRow(rec, header, cols, line)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, &CSVError{Line: 2, Err: ErrCSVEmpty}
	}
	return out, nil
}

// memberSheet returns the rows (raw cell values) of the first sheet whose
// first row names the member's full name, else of the first sheet, so the
// error then says the header is missing.
func memberSheet(f *excelize.File) ([][]string, error) {
	var first [][]string
	for i, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &CSVError{Line: 1, Err: ErrXLSXUnreadable}
		}
		if i == 0 {
			first = rows
		}
		if len(rows) > 0 {
			if _, err := mapHeader(trimAll(rows[0])); err == nil {
				return rows, nil
			}
		}
	}
	if len(first) == 0 {
		return nil, &CSVError{Line: 1, Err: ErrCSVNoHeader}
	}
	return first, nil
}

func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, v := range rec {
		out[i] = strings.TrimSpace(v)
	}
	return out
}

// excelDates turns date serial numbers in date columns into dd/mm/yyyy.
// Raw values are read on purpose: Excel's built-in date format would show
// 05/03/1980 as "03-05-80", month first, and the day and month would swap.
func excelDates(rec, cols []string, date1904 bool) []string {
	out := append([]string(nil), rec...)
	for i, field := range cols {
		if i >= len(out) || !memberDateFields[field] {
			continue
		}
		serial, err := strconv.ParseFloat(strings.TrimSpace(out[i]), 64)
		if err != nil {
			continue // typed as text: the CSV rules read it
		}
		t, err := excelize.ExcelDateToTime(serial, date1904)
		if err != nil {
			continue // the date rule then names the cell
		}
		out[i] = t.Format("02/01/2006")
	}
	return out
}

// xlsxPreflight reads the workbook's text parts (shared strings and
// sheets) token by token within MaxRecordBytes before excelize loads
// them whole: a cell of megabytes is refused where it starts, naming its
// row when it is in a sheet.
func xlsxPreflight(raw []byte) error {
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return &CSVError{Line: 1, Err: ErrXLSXUnreadable}
	}
	for _, f := range z.File {
		if f.Name != "xl/sharedStrings.xml" && !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		if f.UncompressedSize64 > xlsxMaxSize {
			return &CSVError{Line: 1, Err: ErrXLSXUnreadable}
		}
		rc, err := f.Open()
		if err != nil {
			return &CSVError{Line: 1, Err: ErrXLSXUnreadable}
		}
		err = scanXMLPart(rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// scanXMLPart reads one XML part a token at a time, each within
// MaxRecordBytes, and remembers the last row it entered for the message.
func scanXMLPart(r io.Reader) error {
	rr := NewRecordReader(r)
	d := xml.NewDecoder(rr)
	row := 1
	for {
		rr.Start(d.InputOffset())
		tok, err := d.RawToken()
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, ErrRecordTooLong):
			return &CSVError{Line: row, Err: ErrCSVLineTooLong}
		case err != nil:
			return &CSVError{Line: 1, Err: ErrXLSXUnreadable}
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "row" {
			for _, a := range se.Attr {
				if a.Name.Local == "r" {
					if n, err := strconv.Atoi(a.Value); err == nil {
						row = n
					}
				}
			}
		}
	}
}
