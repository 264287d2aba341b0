package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"chibo/rules"
)

func (t *csvTable) columns(names map[string]string) (map[string]int, error) {
	idx := map[string]int{}
	for i, h := range t.header {
		f := names[Fold(h)]
		if f == "" {
			continue
		}
		if _, dup := idx[f]; dup {
			return nil, &CSVError{Line: 1, Column: h, Value: h, Err: ErrCSVDupColumn}
		}
		idx[f] = i
	}
	return idx, nil
}

// cell returns the NFC text of field f in row i and the header it came from.
func (t *csvTable) cell(idx map[string]int, i int, f string) (string, string) {
	c, ok := idx[f]
	if !ok {
		return "", ""
	}
	if c >= len(t.rows[i]) {
		return "", t.header[c]
	}
	return strings.TrimSpace(NFC(t.rows[i][c])), t.header[c]
}

// CSV reasons of the rating and candidate imports.
var (
	ErrCSVNoColumn   = errors.New("a required column is missing")
	ErrCSVNoMember   = errors.New("no member of the cell matches")
	ErrCSVManyMember = errors.New("more than one member matches")
	ErrCSVBadNumber  = errors.New("not a whole number")
	// ErrCSVNotHistory: the ratings import records levels decided on paper
	// in years before the cell kept its books in the app; from that year on
	// the hub decides them in the app (hub_claims.go).
	ErrCSVNotHistory = errors.New("a rating of a year kept in the app is decided by the hub, not imported")
)

var ratingColumns = map[string]string{
	"ho va ten": "name", "ho ten": "name", "ngay sinh": "birth", "so the dang vien": "card", "so the": "card",
	"nam": "year", "xep loai": "level", "muc xep loai": "level",
}

// levelShort lets a spreadsheet say "Tốt" for "Hoàn thành tốt nhiệm vụ".
var levelShort = map[string]string{"xuat sac": "excellent", "tot": "good", "hoan thanh": "done",
	"khong hoan thanh": "failed", "htxsnv": "excellent", "httnv": "good", "htnv": "done", "khtnv": "failed"}

func levelCode(set rules.Rating, text string) (string, bool) {
	f := Fold(text)
	for _, l := range set.Levels.Value {
		if Fold(l.Name) == f || l.Code == text {
			return l.Code, true
		}
	}
	c, ok := levelShort[f]
	return c, ok
}

// ImportRatingsCSV reads past ratings (Họ và tên, Ngày sinh or Số thẻ đảng
// viên, Năm, Xếp loại) and records each as the level decided that year.
// Every row obeys the rating rules of its year; the first bad cell refuses
// the whole file with its line and column, and nothing is saved.
func (s *Store) ImportRatingsCSV(ctx context.Context, r io.Reader) (int, error) {
	t, err := readCSVTable(r)
	if err != nil {
		return 0, err
	}
	idx, err := t.columns(ratingColumns)
	if err != nil {
		return 0, err
	}
	for _, need := range []string{"name", "year", "level"} {
		if _, ok := idx[need]; !ok {
			return 0, &CSVError{Line: 1, Column: need, Err: ErrCSVNoColumn}
		}
	}
	members, err := s.Members(ctx, "", "")
	if err != nil {
		return 0, err
	}
	from, err := s.booksFrom(ctx)
	if err != nil {
		return 0, err
	}
	var out []Review
	for i := range t.rows {
		rv, err := s.ratingRow(ctx, t, idx, i, members, from)
		if err != nil {
			return 0, err
		}
		out = append(out, rv)
	}
	if _, err := s.SaveReviews(ctx, out); err != nil {
		return 0, err
	}
	return len(out), nil
}

func (s *Store) ratingRow(ctx context.Context, t *csvTable, idx map[string]int, i int, members []Member, booksFrom int) (Review, error) {
	line := t.lines[i]
	bad := func(f string, why error) error {
		v, col := t.cell(idx, i, f)
		return &CSVError{Line: line, Column: col, Value: v, Err: why}
	}
	name, _ := t.cell(idx, i, "name")
	birthText, _ := t.cell(idx, i, "birth")
	card, _ := t.cell(idx, i, "card")
	birth, ok := ParseDMY(birthText)
	if !ok {
		return Review{}, bad("birth", ErrCSVBadDate)
	}
	m, err := matchMember(members, name, birth, card)
	if err != nil {
		return Review{}, bad("name", err)
	}
	yearText, _ := t.cell(idx, i, "year")
	year, err := strconv.Atoi(yearText)
	if err != nil {
		return Review{}, bad("year", ErrCSVBadNumber)
	}
	set, err := rules.RatingFor(year)
	if err != nil {
		return Review{}, err
	}
	levelText, _ := t.cell(idx, i, "level")
	level, ok := levelCode(set, levelText)
	if !ok {
		return Review{}, bad("level", ErrCSVBadValue)
	}
	revs, err := s.Reviews(ctx, "", year)
	if err != nil {
		return Review{}, err
	}
	rv, has := revs[m.ID]
	if !has {
		rv = Review{MemberID: m.ID, Year: year, Imported: true}
	}
	rv.HubLevel = level
	if err := ValidateReview(set, &m, rv); err != nil {
		col := "level"
		var fe *FieldError
		if errors.As(err, &fe) && fe.Field == "year" {
			col = "year"
		}
		return Review{}, bad(col, err)
	}
	if year >= booksFrom {
		return Review{}, bad("year", ErrCSVNotHistory)
	}
	return rv, nil
}

// booksFrom is the year this site began keeping its books in the app:
// the year it was set up.
func (s *Store) booksFrom(ctx context.Context) (int, error) {
	v, err := metaGet(ctx, s.db, "created_at")
	if err != nil {
		return 0, fmt.Errorf("store: set-up date: %w", err)
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Now().UTC().Year(), nil // a folder from before created_at: as if set up now
	}
	return t.Year(), nil
}

// matchMember finds the one member a row names: by card number when
// given, else by name and birth date, else by name alone if unique.
func matchMember(members []Member, name, birth, card string) (Member, error) {
	var hits []Member
	for _, m := range members {
		switch {
		case card != "":
			if m.CardNo == card {
				hits = append(hits, m)
			}
		case Fold(m.FullName) == Fold(name) && (birth == "" || m.BirthDate == birth):
			hits = append(hits, m)
		}
	}
	switch len(hits) {
	case 0:
		return Member{}, ErrCSVNoMember
	case 1:
		return hits[0], nil
	}
	return Member{}, ErrCSVManyMember
}
