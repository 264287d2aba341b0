package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"chibo/rules"

	"chibo/internal/seal"
)

// changeCount is how many changes the log holds: a refused action must
// leave it unchanged.
func changeCount(t *testing.T, st *Store) int {
	t.Helper()
	var n int
	if err := st.db.QueryRow("SELECT COUNT(*) FROM changes").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// reviewCell is a cell with members in every situation the rating rules
// treat differently, reviewed in the current year.
func reviewCell(t *testing.T) (*Store, map[string]Member, int) {
	t.Helper()
	st := newCell(t)
	year := time.Now().Year()
	recent := fmt.Sprintf("%d-10-01", year)
	ms, err := st.SaveMembers(context.Background(), []Member{
		{FullName: "Giàng A Páo", BirthDate: "1970-01-01", CardNo: "11111111", AdmissionDate: "2000-01-01", FullDate: "2001-01-01", Status: StatusFull},
		{FullName: "Lù Thị Mai", BirthDate: "1990-02-02", AdmissionDate: "2010-01-01", FullDate: "2011-01-01", Status: StatusFull},
		{FullName: "Vàng Seo Chứ", BirthDate: "1940-03-03", AdmissionDate: "1965-01-01", FullDate: "1966-01-01", Status: StatusExempt},
		{FullName: "Thào Thị Dính", BirthDate: "2000-04-04", AdmissionDate: recent, Status: StatusProbationary},
		{FullName: "Sùng A Lử", BirthDate: "1985-05-05", AdmissionDate: "2012-01-01", FullDate: "2013-01-01", Status: StatusTemporary},
	})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Member{}
	for _, m := range ms {
		by[strings.Fields(m.FullName)[2]] = m
	}
	return st, by, year
}

func TestReviewSheetStandings(t *testing.T) {
	st, m, year := reviewCell(t)
	sh, err := st.ReviewSheet(context.Background(), year)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]bool{"Páo": {true, true}, "Mai": {true, true}, "Chứ": {false, false}, "Dính": {true, false}, "Lử": {true, false}}
	if len(sh.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(sh.Rows), len(want))
	}
	for _, r := range sh.Rows {
		k := strings.Fields(r.Member.FullName)[2]
		if got := [2]bool{r.Standing.Reviewed, r.Standing.Rated}; got != want[k] {
			t.Errorf("%s: reviewed/rated %v, want %v", r.Member.FullName, got, want[k])
		}
	}
	_ = m
}

func TestSaveReviewRefusals(t *testing.T) {
	st, m, year := reviewCell(t)
	ctx := context.Background()
	cases := []struct {
		name string
		r    Review
		want error
	}{
		{"exempt member rated", Review{MemberID: m["Chứ"].ID, Year: year, CellLevel: "good"}, rules.ErrNotRated},
		{"exempt member reviewed", Review{MemberID: m["Chứ"].ID, Year: year, SelfText: "Tự kiểm điểm"}, rules.ErrNotRated},
		{"new member rated", Review{MemberID: m["Dính"].ID, Year: year, SelfLevel: "good"}, rules.ErrNotRated},
		{"suspended member rated", Review{MemberID: m["Mai"].ID, Year: year, Suspended: true, CellLevel: "done"}, rules.ErrNotRated},
		{"sick leave above the cap", Review{MemberID: m["Mai"].ID, Year: year, SickLeaveMonths: 3, CellLevel: "good"}, rules.ErrAboveCap},
		{"votes over voters", Review{MemberID: m["Páo"].ID, Year: year, Voters: 10, Votes: map[string]int{"excellent": 6, "good": 5}}, ErrVotesOverVoters},
		{"unknown level", Review{MemberID: m["Páo"].ID, Year: year, CellLevel: "heroic"}, rules.ErrUnknownLevel},
		{"score over 100", Review{MemberID: m["Páo"].ID, Year: year, SelfScore: 101}, rules.ErrScoreRange},
		{"score under 0", Review{MemberID: m["Páo"].ID, Year: year, SelfScore: -1}, rules.ErrScoreRange},
		{"disciplined yet rated «hoàn thành»", Review{MemberID: m["Mai"].ID, Year: year, Disciplined: true, CellLevel: "done"}, rules.ErrAboveCap},
		{"ill 6 months yet rated", Review{MemberID: m["Mai"].ID, Year: year, SickLeaveMonths: 6, CellLevel: "done"}, rules.ErrNotRated},
		{"unknown member", Review{MemberID: NewID(), Year: year}, ErrNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := changeCount(t, st)
			good := Review{MemberID: m["Páo"].ID, Year: year, SelfText: "Hoàn thành", CellLevel: "good"}
			_, err := st.SaveReviews(ctx, []Review{good, tc.r})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if changeCount(t, st) != before {
				t.Error("a refused save left changes behind")
			}
		})
	}
}

func TestReviewRoundTripAndQuota(t *testing.T) {
	st, m, year := reviewCell(t)
	ctx := context.Background()
	in := []Review{
		{MemberID: m["Páo"].ID, Year: year, SelfText: "Tự đánh giá hoàn thành xuất sắc", SelfLevel: "excellent", SelfScore: 92,
			Voters: 4, Votes: map[string]int{"excellent": 3, "good": 1}, CellLevel: "excellent"},
		{MemberID: m["Mai"].ID, Year: year, CellLevel: "excellent", SickLeaveMonths: 0},
		{MemberID: "", Year: year, CellLevel: "good", SelfText: "Chi bộ tự đánh giá"},
	}
	if _, err := st.SaveReviews(ctx, in); err != nil {
		t.Fatal(err)
	}
	// Saving again changes nothing: ids come from member and year.
	before := changeCount(t, st)
	if _, err := st.SaveReviews(ctx, in); err != nil || changeCount(t, st) != before {
		t.Fatalf("second identical save: %v, %d → %d changes", err, before, changeCount(t, st))
	}
	sh, err := st.ReviewSheet(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	if sh.Cell.CellLevel != "good" || sh.QuotaOK || sh.Excellent != 2 || sh.Allowed != 0 {
		t.Errorf("cell %q, quota ok %v, %d excellent of %d allowed", sh.Cell.CellLevel, sh.QuotaOK, sh.Excellent, sh.Allowed)
	}
	for _, r := range sh.Rows {
		if r.Member.ID == m["Páo"].ID && (r.Review.Votes["excellent"] != 3 || r.Review.SelfScore != 92) {
			t.Errorf("review read back as %+v", r.Review)
		}
	}
}

func TestImportRatingsCSV(t *testing.T) {
	st, m, _ := reviewCell(t)
	ctx := context.Background()
	_ = m
	good := "Họ và tên,Ngày sinh,Năm,Xếp loại\nGiàng A Páo,01/01/1970,2022,Hoàn thành xuất sắc nhiệm vụ\nLù Thị Mai,02/02/1990,2022,Tốt\n"
	n, err := st.ImportRatingsCSV(ctx, strings.NewReader(good))
	if err != nil || n != 2 {
		t.Fatalf("import: %d, %v", n, err)
	}
	revs, _ := st.Reviews(ctx, "", 2022)
	if revs[m["Páo"].ID].HubLevel != "excellent" || !revs[m["Mai"].ID].Imported {
		t.Errorf("imported reviews %+v", revs)
	}
	cases := []struct {
		name, body string
		line       int
		column     string
	}{
		{"rated before admission", "Họ và tên,Ngày sinh,Năm,Xếp loại\nGiàng A Páo,01/01/1970,2021,Tốt\nLù Thị Mai,02/02/1990,2009,Tốt\n", 3, "Xếp loại"},
		{"admitted under 6 months", "Họ và tên,Số thẻ đảng viên,Năm,Xếp loại\nThào Thị Dính,,2021,Tốt\n", 2, "Xếp loại"},
		{"unknown level", "Họ và tên,Ngày sinh,Năm,Xếp loại\nGiàng A Páo,01/01/1970,2021,Giỏi\n", 2, "Xếp loại"},
		{"exempt member this review year", fmt.Sprintf("Họ và tên,Năm,Xếp loại\nVàng Seo Chứ,%d,Tốt\n", ReviewYear(time.Now())), 2, "Xếp loại"},
		{"unknown member", "Họ và tên,Ngày sinh,Năm,Xếp loại\nGiàng A Pao,02/01/1970,2021,Tốt\n", 2, "Họ và tên"},
		{"bad year", "Họ và tên,Ngày sinh,Năm,Xếp loại\nGiàng A Páo,01/01/1970,năm ngoái,Tốt\n", 2, "Năm"},
		{"bad date", "Họ và tên,Ngày sinh,Năm,Xếp loại\nGiàng A Páo,31/02/1970,2021,Tốt\n", 2, "Ngày sinh"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := changeCount(t, st)
			_, err := st.ImportRatingsCSV(ctx, strings.NewReader(tc.body))
			var ce *CSVError
			if !errors.As(err, &ce) || ce.Line != tc.line || ce.Column != tc.column {
				t.Fatalf("err = %v, want line %d column %q", err, tc.line, tc.column)
			}
			if changeCount(t, st) != before {
				t.Error("a refused file saved something")
			}
		})
	}
}

// TestReviewDisciplineAndLeave: a member disciplined during the year is
// rated "Không hoàn thành nhiệm vụ"; maternity leave, however long, neither
// withholds nor caps the rating ("Đảng viên nghỉ thai sản thì kết quả xếp
// loại chất lượng trong năm là kết quả xếp loại chất lượng của thời gian làm
// việc thực tế của năm đó", Hướng dẫn 21-HD/BTCTW). Both facts are sealed.
func TestReviewDisciplineAndLeave(t *testing.T) {
	st, m, year := reviewCell(t)
	ctx := context.Background()
	in := []Review{
		{MemberID: m["Mai"].ID, Year: year, Disciplined: true, CellLevel: "failed"},
		{MemberID: m["Páo"].ID, Year: year, Maternity: true, SickLeaveMonths: 6, CellLevel: "good"},
	}
	if _, err := st.SaveReviews(ctx, in); err != nil {
		t.Fatal(err)
	}
	revs, err := st.Reviews(ctx, "", year)
	if err != nil {
		t.Fatal(err)
	}
	if !revs[m["Mai"].ID].Disciplined || !revs[m["Páo"].ID].Maternity {
		t.Errorf("read back %+v", revs)
	}
	var raw any
	if err := st.db.QueryRow("SELECT disciplined FROM reviews WHERE member_id = ?", m["Mai"].ID).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if b, ok := raw.([]byte); !ok || !seal.IsSealed(b) {
		t.Errorf("disciplined stored as %v, want a sealed value", raw)
	}
}
