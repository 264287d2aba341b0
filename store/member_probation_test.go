package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"chibo/rules"
)

// TestTodosOfProbationaryMembers: "Every probationary member must get the
// same reminders as one admitted through the app, from the dates the list
// gives (accept a ceremony-date column; where only the admission date is
// known, say the date is estimated and ask for the ceremony date)" (issue
// 13). Probation runs from the ceremony (Điều lệ Đảng, Điều 5.1).
func TestTodosOfProbationaryMembers(t *testing.T) {
	st := newCell(t)
	ctx := context.Background()
	if _, err := st.SaveMembers(ctx, []Member{
		{FullName: "Giàng A Páo", AdmissionDate: "2000-01-01", FullDate: "2001-01-01", Status: StatusFull},
		{FullName: "Lù Thị Có Lễ", AdmissionDate: "2025-03-10", CeremonyDate: "2025-04-14", Status: StatusProbationary},
		{FullName: "Vàng Seo Ước", AdmissionDate: "2025-03-10", Status: StatusProbationary},
		{FullName: "Sùng A Không Ngày", Status: StatusProbationary},
	}); err != nil {
		t.Fatal(err)
	}
	todos, err := st.Todos(ctx, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Todo{}
	for _, td := range todos {
		if !td.Member || td.Kind != TodoFullVote {
			t.Errorf("unexpected to-do %+v", td)
		}
		got[strings.Fields(td.Person)[len(strings.Fields(td.Person))-1]] = td
	}
	if len(got) != 2 {
		t.Fatalf("to-dos %+v, want one each for the two members with a date", got)
	}
	// From the ceremony: probation ends 14/04/2026, vote due 30 working days on.
	le := got["Lễ"]
	if le.Deadline.Before.Due.Format("2006-01-02") != "2026-04-14" || le.Deadline.Estimated != "" {
		t.Errorf("from the ceremony: %+v", le.Deadline.Before)
	}
	// Only the decision: estimated from it, and the to-do says so.
	uoc := got["Ước"]
	if uoc.Deadline.Before.Due.Format("2006-01-02") != "2026-03-10" || !strings.Contains(uoc.Deadline.Estimated, "tạm tính") {
		t.Errorf("estimated: %+v", uoc.Deadline)
	}
	if !(uoc.Due < le.Due) {
		t.Errorf("an estimate from the decision must not come later than the ceremony's: %s vs %s", uoc.Due, le.Due)
	}
}

// TestMemberImportCeremonyColumn: the member list takes "Ngày kết nạp"
// (the ceremony) beside "Ngày vào Đảng" (the decision), keeps both, and
// refuses a row whose ceremony comes before the decision, naming the row,
// the column and the clause: "kể từ ngày nhận được quyết định kết nạp đảng
// viên ..., chi bộ phải tổ chức lễ kết nạp" (Quy định 294-QĐ/TW, point 4.1).
func TestMemberImportCeremonyColumn(t *testing.T) {
	head := "Họ và tên,Ngày vào Đảng,Ngày kết nạp,Ngày chính thức,Trạng thái\n"
	ms, err := ParseMembersCSV(strings.NewReader(head + "Lù Thị Mai,10/03/2025,14/04/2025,,Dự bị\n"))
	if err != nil || len(ms) != 1 || ms[0].AdmissionDate != "2025-03-10" || ms[0].CeremonyDate != "2025-04-14" {
		t.Fatalf("parsed %+v %v", ms, err)
	}
	cases := []struct {
		name, row, column, before string
	}{
		{"ceremony before the decision", "Vàng Seo Ước,10/03/2025,01/03/2025,,Dự bị", "Ngày kết nạp", "admission_date"},
		{"full before the ceremony", "Vàng Seo Ước,10/03/2025,14/04/2025,01/04/2025,Chính thức", "Ngày chính thức", "ceremony_date"},
	}
	st := newCell(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := head + "Lù Thị Mai,10/03/2025,14/04/2025,,Dự bị\n" + tc.row + "\n"
			before := changeCount(t, st)
			ms, err := ParseMembersCSV(strings.NewReader(body))
			if err == nil {
				_, _, err = st.ImportMembers(context.Background(), ms)
			}
			var ce *CSVError
			if !errors.As(err, &ce) || ce.Line != 3 || ce.Column != tc.column {
				t.Fatalf("err = %v, want line 3, column %q", err, tc.column)
			}
			oe, ok := AsOrderError(err)
			if !ok || oe.Before != tc.before || oe.Rule.Source == "" || !errors.Is(err, ErrInvalid) {
				t.Errorf("order error %+v", oe)
			}
			if changeCount(t, st) != before {
				t.Error("a refused file saved something")
			}
		})
	}
}

// TestCandidateImportVoteBeforeClass: a row whose cell vote comes before
// the awareness class is refused with the row, the column and the rule it
// breaks, and nothing from the file is saved.
func TestCandidateImportVoteBeforeClass(t *testing.T) {
	st, _ := candidateCell(t)
	body := candidateHeader +
		"Giàng Thị Pà,02/02/2003,Mông,12/12,Quần chúng ưu tú,01/02/2025,,,,,,\n" +
		"Ly Thị Sua,01/01/2000,Mông,9/12,,10/01/2025,01/07/2025,10/06/2025,3,3,Giàng A Páo,Lù Thị Mai\n"
	before := changeCount(t, st)
	_, err := st.ImportCandidatesCSV(context.Background(), strings.NewReader(body))
	var ce *CSVError
	if !errors.As(err, &ce) || ce.Line != 3 || ce.Column != "Ngày chi bộ biểu quyết" {
		t.Fatalf("err = %v, want line 3, the vote's column", err)
	}
	oe, ok := AsOrderError(err)
	if !ok || oe.Before != "class_date" {
		t.Fatalf("order error %+v", oe)
	}
	adm, _ := rules.AdmissionOn(parseISO("2025-06-10"))
	if rule, _ := adm.Order(rules.OrderClassVote); oe.Rule.Source != rule.Source {
		t.Errorf("rule %q, want %q", oe.Rule.Source, rule.Source)
	}
	if changeCount(t, st) != before {
		t.Error("a refused file saved something")
	}
}

// TestPaperVoteBase: on paper records the base of a vote is "the eligible
// voters by the rule, not the number who voted"; a base larger than the
// full members the roll could hold that day contradicts the roll.
func TestPaperVoteBase(t *testing.T) {
	st, m := candidateCell(t) // full on 10/06/2025: Páo, Mai and the exempt Chứ
	ctx := context.Background()
	c := admitted(m)
	c.VotesFor, c.Voters = 9, 12
	_, err := st.SaveCandidates(ctx, []Candidate{c})
	var fe *FieldError
	if !errors.Is(err, ErrPaperBase) || !errors.As(err, &fe) || fe.Field != "voters" || fe.Value != "12 > 3" {
		t.Fatalf("err = %v, want the base refused against the roll's 3", err)
	}
	c.VotesFor, c.Voters = 2, 3 // two voted for, three had the right: passes at exactly two thirds
	if _, err := st.SaveCandidates(ctx, []Candidate{c}); err != nil {
		t.Fatal(err)
	}
	// The ambiguous old column is refused rather than read as the base.
	old := strings.Replace(candidateHeader, "Số đảng viên có quyền biểu quyết", "Số đảng viên biểu quyết", 1) +
		"Giàng Thị Pà,02/02/2003,Mông,12/12,Quần chúng ưu tú,01/02/2025,,,,,,\n"
	if _, err := st.ImportCandidatesCSV(ctx, strings.NewReader(old)); !errors.Is(err, ErrCSVAmbiguousVoters) {
		t.Errorf("old column: %v", err)
	}
}

// TestHubDeadlines: the hub's side — "trong thời hạn 60 ngày làm việc kể
// từ ngày chi bộ có nghị quyết đề nghị kết nạp; trong thời hạn 30 ngày làm
// việc kể từ ngày chi bộ có nghị quyết đề nghị công nhận đảng viên chính
// thức, thì cấp ủy có thẩm quyền phải xem xét, quyết định; trường hợp đặc
// biệt, có thể gia hạn tối đa 30 ngày làm việc" (point 4.3), and a
// ceremony held later than 30 working days after the decision arrived is
// flagged (point 4.1).
func TestHubDeadlines(t *testing.T) {
	st, m := candidateCell(t)
	ctx := context.Background()
	waitAdm := atStage(m, "A Chờ Kết Nạp", "2025-12-15", "", "", "")
	waitFull := atStage(m, "B Chờ Chính Thức", "2025-06-10", "2025-08-01", "2025-08-05", "2025-08-05")
	waitFull.FullVoteDate, waitFull.FullVotesFor, waitFull.FullVoters = "2026-08-10", 3, 3
	late := atStage(m, "C Kết Nạp Muộn", "2025-12-01", "2026-01-15", "2026-01-20", "2026-03-20")
	pending := atStage(m, "D Chưa Kết Nạp", "2025-12-01", "2026-01-15", "2026-01-20", "")
	onTime := atStage(m, "E Đúng Hạn", "2025-12-01", "2026-01-15", "2026-01-20", "2026-03-10")
	if _, err := st.SaveCandidates(ctx, []Candidate{waitAdm, waitFull, late, pending, onTime}); err != nil {
		t.Fatal(err)
	}
	wait, err := st.CandidatesAwaitingHub(ctx)
	if err != nil || len(wait) != 2 {
		t.Fatalf("awaiting %+v %v", wait, err)
	}
	due := map[string]string{}
	for _, a := range wait {
		due[a.Kind] = a.Deadline.Due.Format("2006-01-02") + "/" + a.Deadline.Extended.Format("2006-01-02")
	}
	if due[DecideAdmission] != "2026-03-17/2026-04-29" || due[DecideFull] != "2026-09-23/2026-11-04" {
		t.Errorf("hub deadlines %v", due)
	}
	flags, err := st.LateCeremonies(ctx, time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range flags {
		names = append(names, strings.Fields(f.Candidate.FullName)[0]+map[bool]string{true: " held", false: " pending"}[f.Held])
		if f.Deadline.Due.Format("2006-01-02") != "2026-03-10" {
			t.Errorf("ceremony limit %s", f.Deadline.Due.Format("2006-01-02"))
		}
	}
	if strings.Join(names, ",") != "C held,D pending" && strings.Join(names, ",") != "D pending,C held" {
		t.Errorf("flagged %v, want the late ceremony and the overdue one, not the one on time", names)
	}
}
