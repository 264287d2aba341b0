package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// candidateDateColumns maps folded headers to the stage date fields.
var candidateDateColumns = map[string]string{
	"ngay vao danh sach": "listed_date", "ngay hoc lop nhan thuc": "class_date",
	"ngay tham tra ly lich": "background_date", "ngay chi bo bieu quyet": "cell_vote_date",
	"ngay quyet dinh ket nap": "hub_decision_date", "ngay nhan quyet dinh": "decision_received",
	"ngay ket nap": "ceremony_date", "ngay le ket nap": "ceremony_date", "ngay to chuc le ket nap": "ceremony_date",
	"ngay xet chinh thuc":       "full_vote_date",
	"ngay cong nhan chinh thuc": "full_decision_date", "ngay nghi quyet doan": "youth_union_date",
}

var candidateOtherColumns = map[string]string{
	"giai doan": "stage", "so phieu tan thanh": "votes_for", "so dang vien co quyen bieu quyet": "voters",
	"so dang vien bieu quyet":  "ambiguous_voters",
	"so phieu khong tan thanh": "votes_against", "so phieu khong bieu quyet": "votes_abstain",
	"so quyet dinh": "hub_decision_no", "so giay chung nhan": "certificate_no",
	"nguoi gioi thieu 1": "introducer1", "nguoi gioi thieu 2": "introducer2", "vung cao": "highland",
}

// ErrCSVStage marks a "Giai đoạn" that the row's dates do not reach.
var ErrCSVStage = errors.New("the stage does not match the dates given")

// ErrCSVAmbiguousVoters refuses the old "Số đảng viên biểu quyết" column:
// it reads as "how many voted", but the base of a vote is how many had the
// right to vote, and a smaller base lets a failed vote pass. The column
// must be named "Số đảng viên có quyền biểu quyết".
var ErrCSVAmbiguousVoters = errors.New(`"Số đảng viên biểu quyết" is ambiguous: name the column "Số đảng viên có quyền biểu quyết"`)

func candidateColumnNames() map[string]string {
	out := map[string]string{}
	for k, v := range memberColumns {
		out[k] = v
	}
	for _, m := range []map[string]string{candidateDateColumns, candidateOtherColumns} {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// ImportCandidatesCSV reads candidates with the personal columns of
// members.csv plus "Giai đoạn" and the date of each stage reached. The
// whole file is checked (dates, stage order, age, votes, introducers)
// before one transaction saves it; the first bad cell refuses everything.
func (s *Store) ImportCandidatesCSV(ctx context.Context, r io.Reader) (int, error) {
	t, err := readCSVTable(r)
	if err != nil {
		return 0, err
	}
	idx, err := t.columns(candidateColumnNames())
	if err != nil {
		return 0, err
	}
	if _, ok := idx["full_name"]; !ok {
		return 0, &CSVError{Line: 1, Err: ErrCSVNoHeader}
	}
	if i, ok := idx["ambiguous_voters"]; ok {
		return 0, &CSVError{Line: 1, Column: t.header[i], Value: t.header[i], Err: ErrCSVAmbiguousVoters}
	}
	members, err := s.Members(ctx, "", "")
	if err != nil {
		return 0, err
	}
	byID := map[string]Member{}
	for _, m := range members {
		byID[m.ID] = m
	}
	look := func(id string) (Member, bool, error) { m, ok := byID[id]; return m, ok, nil }
	site, err := metaGet(ctx, s.db, "site_id")
	if err != nil {
		return 0, fmt.Errorf("store: import candidates: %w", err)
	}
	var out []Candidate
	for i := range t.rows {
		c, err := candidateRow(t, idx, i, members)
		if err != nil {
			return 0, err
		}
		// A vote held at a meeting the app has is counted on that meeting's
		// roll; the file's "Số đảng viên biểu quyết" stands only for paper records.
		err = linkVotes(ctx, s.db, site, &c)
		if err == nil {
			err = ValidateCandidate(normCandidate(c), look, time.Now())
		}
		if err != nil {
			var fe *FieldError
			col := "full_name"
			if errors.As(err, &fe) {
				col = fe.Field
				if c, ok := map[string]string{"introducer1_id": "introducer1", "introducer2_id": "introducer2",
					"cell_vote_meeting": "cell_vote_date", "full_vote_meeting": "full_vote_date"}[col]; ok {
					col = c
				}
			}
			v, h := t.cell(idx, i, col)
			return 0, &CSVError{Line: t.lines[i], Column: h, Value: v, Err: err}
		}
		out = append(out, c)
	}
	if _, err := s.SaveCandidates(ctx, out); err != nil {
		return 0, err
	}
	return len(out), nil
}

func candidateRow(t *csvTable, idx map[string]int, i int, members []Member) (Candidate, error) {
	var c Candidate
	line := t.lines[i]
	bad := func(f string, why error) error {
		v, col := t.cell(idx, i, f)
		return &CSVError{Line: line, Column: col, Value: v, Err: why}
	}
	var m Member
	for f := range idx {
		v, _ := t.cell(idx, i, f)
		switch {
		case candidateDateColumns[Fold(t.header[idx[f]])] != "" || f == "birth_date":
			d, ok := ParseDMY(v)
			if !ok {
				return c, bad(f, ErrCSVBadDate)
			}
			if f == "birth_date" {
				c.BirthDate = d
			} else {
				setCandidateDate(&c, f, d)
			}
		case f == "votes_for" || f == "voters" || f == "votes_against" || f == "votes_abstain":
			n, err := strconv.Atoi(or0(v))
			if err != nil || n < 0 {
				return c, bad(f, ErrCSVBadNumber)
			}
			*map[string]*int{"votes_for": &c.VotesFor, "voters": &c.Voters, "votes_against": &c.VotesAgainst,
				"votes_abstain": &c.VotesAbstain}[f] = n
		case f == "introducer1" || f == "introducer2":
			if v == "" {
				continue
			}
			im, err := matchMember(members, v, "", "")
			if err != nil {
				return c, bad(f, err)
			}
			if f == "introducer1" {
				c.Introducer1 = im.ID
			} else {
				c.Introducer2 = im.ID
			}
		case f == "sex":
			if v != "" {
				code, ok := CodeOf(SexLabels, v)
				if !ok {
					return c, bad(f, ErrCSVBadValue)
				}
				c.Sex = code
			}
		case f == "highland":
			c.Highland = Fold(v) == "co" || v == "1" || Fold(v) == "x"
		case f == "hub_decision_no":
			c.HubDecisionNo = v
		case f == "certificate_no":
			c.CertificateNo = v
		case f != "stage":
			setMemberField(&m, f, v)
		}
	}
	c.FullName, c.Ethnicity, c.Religion, c.HomeTown = m.FullName, m.Ethnicity, m.Religion, m.HomeTown
	c.Residence, c.CitizenID, c.Education, c.Occupation, c.Phone, c.Notes = m.Residence, m.CitizenID, m.Education, m.Occupation, m.Phone, m.Notes
	if c.FullName == "" {
		return c, bad("full_name", ErrCSVNoName)
	}
	if v, _ := t.cell(idx, i, "stage"); v != "" {
		code, ok := CodeOf(CandidateStages, v)
		if !ok {
			return c, bad("stage", ErrCSVBadValue)
		}
		if code != c.Stage() {
			return c, bad("stage", fmt.Errorf("%w (%s)", ErrCSVStage, LabelOf(CandidateStages, c.Stage())))
		}
	}
	return c, nil
}

func or0(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

func setCandidateDate(c *Candidate, field, d string) {
	p := map[string]*string{
		"listed_date": &c.ListedDate, "class_date": &c.ClassDate, "background_date": &c.BackgroundDate,
		"cell_vote_date": &c.CellVoteDate, "hub_decision_date": &c.HubDecisionDate,
		"decision_received": &c.DecisionReceived, "ceremony_date": &c.CeremonyDate,
		"full_vote_date": &c.FullVoteDate, "full_decision_date": &c.FullDecisionDate,
		"youth_union_date": &c.YouthUnionDate,
	}[field]
	if p != nil {
		*p = d
	}
}
