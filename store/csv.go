package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CSVError names the line and column of the first bad cell of a file.
type CSVError struct {
	Line   int    // 1-based line in the file
	Column string // header as written in the file; "" for the whole line
	Value  string
	Err    error
}

func (e *CSVError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, column %q: %q: %v", e.Line, e.Column, e.Value, e.Err)
}
func (e *CSVError) Unwrap() error { return e.Err }

// CSV reasons, for messages at the UI edge.
var (
	ErrCSVNoName      = errors.New("the name is empty")
	ErrCSVBadDate     = errors.New("not a real date dd/mm/yyyy")
	ErrCSVBadValue    = errors.New("not one of the allowed values")
	ErrCSVNoHeader    = errors.New(`no "Họ và tên" column in the header`)
	ErrCSVEmpty       = errors.New("the file has no member rows")
	ErrCSVDupColumn   = errors.New("column appears twice")
	ErrCSVUnreadable  = errors.New("not a readable CSV file")
	ErrCSVNotUTF8Text = errors.New("text is not UTF-8")
	ErrCSVLineTooLong = fmt.Errorf("the line is longer than %d KiB, more than any real member line: %w", MaxRecordBytes>>10, ErrRecordTooLong)
)

// memberColumns maps folded header text to the member field it fills.
var memberColumns = map[string]string{
	"ho va ten": "full_name", "ho ten": "full_name", "ten goi khac": "other_name", "gioi tinh": "sex",
	"ngay sinh": "birth_date", "dan toc": "ethnicity", "ton giao": "religion", "que quan": "home_town",
	"noi o hien nay": "residence", "noi o": "residence", "so cccd": "citizen_id", "cccd": "citizen_id",
	"so can cuoc": "citizen_id", "so the dang vien": "card_no", "so the": "card_no", "so ly lich": "background_no",
	"ngay vao dang": "admission_date", "ngay quyet dinh ket nap": "admission_date", "ngay ket nap": "ceremony_date",
	"ngay le ket nap": "ceremony_date", "ngay to chuc le ket nap": "ceremony_date",
	"ngay chinh thuc": "full_date", "trang thai": "status",
	"chuc vu trong chi bo": "position", "chuc vu": "position", "trinh do hoc van": "education",
	"hoc van": "education", "ly luan chinh tri": "theory_level", "nghe nghiep": "occupation",
	"dien thoai": "phone", "so dien thoai": "phone", "ghi chu": "notes",
}

// ParseMembersCSV reads a member list shaped like samples/members.csv. It
// returns every row or, at the first bad cell, a *CSVError and no rows.
func ParseMembersCSV(r io.Reader) ([]Member, error) {
	t, err := readCSVTable(r)
	if err != nil {
		return nil, err
	}
	cols, err := mapHeader(t.header)
	if err != nil {
		return nil, err
	}
	out := make([]Member, 0, len(t.rows))
	for i, rec := range t.rows {
		m, err := memberFromRow(rec, t.header, cols, t.lines[i])
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// csvTable is a CSV file read whole: the header, and the rows with their
// line numbers, blank rows dropped.
type csvTable struct {
	header []string
	rows   [][]string
	lines  []int
}

// csvReadErr names why a line could not be read.
func csvReadErr(err error) error {
	if errors.Is(err, ErrRecordTooLong) {
		return ErrCSVLineTooLong
	}
	return ErrCSVUnreadable
}

func readCSVTable(r io.Reader) (*csvTable, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("store: read csv: %w", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8Valid(raw) {
		return nil, &CSVError{Line: 1, Err: ErrCSVNotUTF8Text}
	}
	// One line at a time within MaxRecordBytes: a field of megabytes is
	// refused where it starts, not read whole first.
	rr := NewRecordReader(bytes.NewReader(raw))
	cr := csv.NewReader(rr)
	cr.Comma = sniffComma(raw)
	cr.FieldsPerRecord = -1
	t := &csvTable{}
	if t.header, err = cr.Read(); err != nil {
		return nil, &CSVError{Line: 1, Err: csvReadErr(err)}
	}
	for {
		rr.Start(cr.InputOffset())
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			} else {
				line = bytes.Count(raw[:cr.InputOffset()], []byte("\n")) + 1
			}
			return nil, &CSVError{Line: line, Err: csvReadErr(err)}
		}
		if !blank(rec) {
			t.rows, t.lines = append(t.rows, rec), append(t.lines, line)
		}
	}
	if len(t.rows) == 0 {
		return nil, &CSVError{Line: 2, Err: ErrCSVEmpty}
	}
	return t, nil
}

// columns maps folded header text through names to field keys; it refuses
// a duplicated column.
func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

// sniffComma picks ';' when a spreadsheet in a comma-decimal locale wrote it.
func sniffComma(raw []byte) rune {
	first, _, _ := bufio.NewReader(bytes.NewReader(raw)).ReadLine()
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		return ';'
	}
	return ','
}

func mapHeader(header []string) ([]string, error) {
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		f := memberColumns[Fold(h)]
		if f != "" && seen[f] {
			return nil, &CSVError{Line: 1, Column: h, Value: h, Err: ErrCSVDupColumn}
		}
		seen[f] = true
		cols[i] = f
	}
	if !seen["full_name"] {
		return nil, &CSVError{Line: 1, Err: ErrCSVNoHeader}
	}
	return cols, nil
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

func memberFromRow(rec, header, cols []string, line int) (Member, error) {
	var m Member
	for i, field := range cols {
		if field == "" || i >= len(rec) {
			continue
		}
		v := NFC(rec[i])
		bad := func(why error) error { return &CSVError{Line: line, Column: header[i], Value: v, Err: why} }
		switch field {
		case "birth_date", "admission_date", "ceremony_date", "full_date": // memberDateFields
			d, ok := ParseDMY(v)
			if !ok {
				return Member{}, bad(ErrCSVBadDate)
			}
			v = d
		case "sex", "status", "position":
			labels := map[string][]Label{"sex": SexLabels, "status": StatusLabels, "position": PositionLabels}[field]
			if v != "" {
				code, ok := CodeOf(labels, v)
				if !ok {
					return Member{}, bad(ErrCSVBadValue)
				}
				v = code
			}
		}
		setMemberField(&m, field, v)
	}
	if m.FullName == "" {
		col := ""
		for i, f := range cols {
			if f == "full_name" {
				col = header[i]
			}
		}
		return Member{}, &CSVError{Line: line, Column: col, Err: ErrCSVNoName}
	}
	if err := checkMemberDates(m); err != nil {
		return Member{}, rowError(err, rec, header, cols, line)
	}
	return m, nil
}

// memberDateFields are the member fields read as dates.
var memberDateFields = map[string]bool{"birth_date": true, "admission_date": true, "ceremony_date": true, "full_date": true}

// rowError points a record's *FieldError at its column in the file.
func rowError(err error, rec, header, cols []string, line int) error {
	var fe *FieldError
	if !errors.As(err, &fe) {
		return err
	}
	ce := &CSVError{Line: line, Err: fe.Err}
	for i, f := range cols {
		if f == fe.Field {
			ce.Column = header[i]
			if i < len(rec) {
				ce.Value = NFC(rec[i])
			}
		}
	}
	return ce
}

func setMemberField(m *Member, field, v string) {
	p := map[string]*string{
		"full_name": &m.FullName, "other_name": &m.OtherName, "sex": &m.Sex, "birth_date": &m.BirthDate,
		"ethnicity": &m.Ethnicity, "religion": &m.Religion, "home_town": &m.HomeTown, "residence": &m.Residence,
		"citizen_id": &m.CitizenID, "card_no": &m.CardNo, "background_no": &m.BackgroundNo,
		"admission_date": &m.AdmissionDate, "ceremony_date": &m.CeremonyDate, "full_date": &m.FullDate, "status": &m.Status,
		"education": &m.Education, "theory_level": &m.TheoryLevel, "occupation": &m.Occupation,
		"position": &m.Position, "phone": &m.Phone, "notes": &m.Notes,
	}[field]
	*p = v
}

// ImportMembers saves a parsed list in one transaction. A row matching an
// existing member (same card number, citizen ID, or name and birth date)
// updates that member instead of adding a twin, so importing a file twice
// is harmless.
func (s *Store) ImportMembers(ctx context.Context, ms []Member) (created, updated int, err error) {
	existing, err := s.Members(ctx, "", "")
	if err != nil {
		return 0, 0, err
	}
	match := map[string]string{}
	for _, e := range existing {
		for _, k := range memberKeys(e) {
			match[k] = e.ID
		}
	}
	rows := make([]Member, len(ms))
	for i, m := range ms {
		m = normMember(m)
		for _, k := range memberKeys(m) {
			if id, ok := match[k]; ok {
				m.ID = id
				break
			}
		}
		if m.ID == "" {
			created++
		} else {
			updated++
		}
		rows[i] = m
	}
	if _, err := s.SaveMembers(ctx, rows); err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

func memberKeys(m Member) []string {
	var k []string
	if m.CardNo != "" {
		k = append(k, "card:"+m.CardNo)
	}
	if m.CitizenID != "" {
		k = append(k, "cccd:"+m.CitizenID)
	}
	if m.BirthDate != "" {
		k = append(k, "nb:"+Fold(m.FullName)+"|"+m.BirthDate)
	}
	return k
}
