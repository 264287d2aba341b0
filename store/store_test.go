package store

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

func newCell(t *testing.T) *Store {
	t.Helper()
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	hub := &Peer{SiteID: NewID(), Role: RoleHub, Name: "Đảng ủy xã Sín Chéng", SignPub: make([]byte, 32), AgeRecipient: testRecipient, Fingerprint: "X"}
	_, err = st.Init(context.Background(), Setup{Passphrase: testPass, Role: RoleCell, Name: "Chi bộ thôn Sín Chéng", ParentName: "Đảng bộ xã Sín Chéng",
		Place: "Sín Chéng", Keys: Keys{SignPriv: make([]byte, 64), AgeIdentity: "AGE-SECRET-KEY-X"}, Hub: hub})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestInit(t *testing.T) {
	ctx := context.Background()
	cases := map[string]struct {
		in   Setup
		want error
	}{
		"hub":               {Setup{Passphrase: testPass, Role: RoleHub, Name: "Đảng ủy xã", Keys: Keys{SignPriv: []byte{1}, AgeIdentity: "a"}}, nil},
		"cell without card": {Setup{Passphrase: testPass, Role: RoleCell, Name: "Chi bộ", Keys: Keys{SignPriv: []byte{1}, AgeIdentity: "a"}}, ErrInvalid},
		"no name":           {Setup{Passphrase: testPass, Role: RoleHub, Name: "  ", Keys: Keys{SignPriv: []byte{1}, AgeIdentity: "a"}}, ErrInvalid},
		"bad role":          {Setup{Passphrase: testPass, Role: "x", Name: "A", Keys: Keys{SignPriv: []byte{1}, AgeIdentity: "a"}}, ErrInvalid},
		"no keys":           {Setup{Passphrase: testPass, Role: RoleHub, Name: "A"}, ErrInvalid},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			st, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			_, err = st.Init(ctx, tc.in)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Init: got %v, want %v", err, tc.want)
			}
			_, err = st.Site(ctx)
			if tc.want != nil && !errors.Is(err, ErrNotInitialized) {
				t.Fatalf("failed init left a site behind: %v", err)
			}
			if tc.want == nil {
				if _, err := st.Init(ctx, tc.in); !errors.Is(err, ErrAlreadySetUp) {
					t.Fatalf("second init: %v", err)
				}
			}
		})
	}
}

func TestMemberSearchFoldsDiacritics(t *testing.T) {
	ctx := context.Background()
	st := newCell(t)
	// Decomposed input must be stored composed.
	decomposed := "Gia\u0300ng A Pa\u0301o"
	for _, n := range []string{decomposed, "Lù Thị Mai", "Đặng Văn Đức"} {
		if _, err := st.SaveMember(ctx, Member{FullName: n}); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]struct {
		query string
		want  []string
	}{
		"folded":      {"giang a pao", []string{"Giàng A Páo"}},
		"with marks":  {"GIÀNG", []string{"Giàng A Páo"}},
		"đ as d":      {"dang van duc", []string{"Đặng Văn Đức"}},
		"empty lists": {"", []string{"Đặng Văn Đức", "Giàng A Páo", "Lù Thị Mai"}},
		"no match":    {"xyz", nil},
		"like chars":  {"%", nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ms, err := st.Members(ctx, "", tc.query)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.FullName)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseMembersCSV(t *testing.T) {
	sample, err := os.ReadFile("testdata/members.csv")
	if err != nil {
		t.Fatal(err)
	}
	good := string(sample)
	cases := map[string]struct {
		in       string
		rows     int
		line     int
		column   string
		reason   error
		firstKey string
	}{
		"sample file":        {in: good, rows: 4},
		"BOM and semicolons": {in: "\ufeffHỌ VÀ TÊN;ngay sinh;Trạng thái\nA;01/02/1990;dự bị\n", rows: 1},
		"missing name":       {in: "Họ và tên,Ngày sinh\nA,01/01/1990\n,02/02/1990\n", line: 3, column: "Họ và tên", reason: ErrCSVNoName},
		"impossible date":    {in: "Họ và tên,Ngày sinh\nA,31/02/2020\n", line: 2, column: "Ngày sinh", reason: ErrCSVBadDate},
		"unknown status":     {in: "Họ và tên,Trạng thái\nA,Chính thức\nB,Đang nghỉ\n", line: 3, column: "Trạng thái", reason: ErrCSVBadValue},
		"no name column":     {in: "Tên,Ngày sinh\nA,01/01/1990\n", line: 1, reason: ErrCSVNoHeader},
		"header only":        {in: "Họ và tên\n", line: 2, reason: ErrCSVEmpty},
		"bad quoting":        {in: "Họ và tên,Ghi chú\nA,\"x\"y\"\n", line: 2, reason: ErrCSVUnreadable},
		"not utf-8":          {in: "H\xf4 v\xe0 t\xean\nA\n", line: 1, reason: ErrCSVNotUTF8Text},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ms, err := ParseMembersCSV(strings.NewReader(tc.in))
			if tc.reason == nil {
				if err != nil || len(ms) != tc.rows {
					t.Fatalf("got %d rows, %v; want %d", len(ms), err, tc.rows)
				}
				return
			}
			var ce *CSVError
			if !errors.As(err, &ce) || !errors.Is(err, tc.reason) {
				t.Fatalf("got %v, want CSVError %v", err, tc.reason)
			}
			if ce.Line != tc.line || ce.Column != tc.column || ms != nil {
				t.Fatalf("got line %d column %q (%d rows), want line %d column %q", ce.Line, ce.Column, len(ms), tc.line, tc.column)
			}
		})
	}
}

func TestImportSampleTwiceAddsNoTwins(t *testing.T) {
	ctx := context.Background()
	st := newCell(t)
	f, _ := os.Open("testdata/members.csv")
	defer f.Close()
	ms, err := ParseMembersCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	if c, u, err := st.ImportMembers(ctx, ms); err != nil || c != 4 || u != 0 {
		t.Fatalf("first import: %d created %d updated %v", c, u, err)
	}
	if c, u, err := st.ImportMembers(ctx, ms); err != nil || c != 0 || u != 4 {
		t.Fatalf("second import: %d created %d updated %v", c, u, err)
	}
	got, _ := st.Members(ctx, "", "vang seo chu")
	if len(got) != 1 || got[0].Status != StatusProbationary || got[0].BirthDate != "1999-11-20" || got[0].CitizenID != "010099007777" {
		t.Fatalf("imported row: %+v", got)
	}
}

func TestMeetingLifecycle(t *testing.T) {
	ctx := context.Background()
	st := newCell(t)
	a, _ := st.SaveMember(ctx, Member{FullName: "Giàng A Páo", Position: PositionSecretary})
	b, _ := st.SaveMember(ctx, Member{FullName: "Lù Thị Mai", Status: StatusExempt})
	m, err := st.NewMeeting(ctx, MeetingRegular, "2026-11-05")
	if err != nil {
		t.Fatal(err)
	}
	if m.Chair != a.FullName || len(m.Attendance) != 2 {
		t.Fatalf("new meeting: chair %q, %d on roll", m.Chair, len(m.Attendance))
	}
	m.Agenda = []AgendaItem{{Title: "Thông tin thời sự", Discussion: "Đồng chí Páo phát biểu", Conclusion: "Nhất trí"}}
	m.VotesFor = 1
	m.MinuteTaker = a.FullName // finalizing needs a minute-taker
	if m, err = st.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	got, err := st.Meeting(ctx, m.ID)
	if err != nil || len(got.Agenda) != 1 || len(got.Attendance) != 2 || got.VotesFor != 1 {
		t.Fatalf("read back: %+v %v", got, err)
	}
	for _, at := range got.Attendance {
		if at.MemberID == b.ID && at.Status != AttExempt {
			t.Fatalf("exempt member marked %q", at.Status)
		}
	}
	// Dropping the agenda item deletes it; an unchanged save logs nothing.
	before, _ := st.LocalChanges(ctx, 0)
	if _, err := st.SaveMeeting(ctx, got); err != nil {
		t.Fatal(err)
	}
	after, _ := st.LocalChanges(ctx, 0)
	if len(after) != len(before) {
		t.Fatalf("unchanged save logged %d changes", len(after)-len(before))
	}
	got.Agenda = nil
	if got, err = st.SaveMeeting(ctx, got); err != nil {
		t.Fatal(err)
	}
	fin, err := st.FinalizeMeeting(ctx, m.ID)
	if err != nil || fin.State != StateFinalized || fin.Number != 1 || len(fin.Agenda) != 0 {
		t.Fatalf("finalize: %+v %v", fin, err)
	}
	if _, err := st.SaveMeeting(ctx, fin); !errors.Is(err, ErrLocked) {
		t.Fatalf("edit after finalize: %v", err)
	}
	if _, err := st.FinalizeMeeting(ctx, m.ID); !errors.Is(err, ErrLocked) {
		t.Fatalf("finalize twice: %v", err)
	}
}

func TestValidateMeeting(t *testing.T) {
	ok := Meeting{Kind: MeetingRegular, Date: "2026-11-05", StartTime: "19:30", EndTime: "21:30"}
	cases := map[string]struct {
		edit  func(*Meeting)
		field string
	}{
		"valid":          {func(*Meeting) {}, ""},
		"no date":        {func(m *Meeting) { m.Date = "" }, "date"},
		"31 February":    {func(m *Meeting) { m.Date = "2026-02-31" }, "date"},
		"bad kind":       {func(m *Meeting) { m.Kind = "party" }, "kind"},
		"bad time":       {func(m *Meeting) { m.StartTime = "25:00" }, "start_time"},
		"ends too early": {func(m *Meeting) { m.EndTime = "18:00" }, "end_time"},
		"negative votes": {func(m *Meeting) { m.VotesAgainst = -1 }, "votes_against"},
		"bad attendance": {func(m *Meeting) { m.Attendance = []Attendance{{Status: "asleep"}} }, "attendance"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m := ok
			tc.edit(&m)
			err := ValidateMeeting(m)
			var fe *FieldError
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("got %v, want field %s", err, tc.field)
			}
		})
	}
}

func TestChangeLogHoldsOnlyChangedFields(t *testing.T) {
	ctx := context.Background()
	st := newCell(t)
	m, _ := st.SaveMember(ctx, Member{FullName: "Giàng A Páo", Phone: "0912"})
	before, _ := st.LocalChanges(ctx, 0)
	m.Phone = "0987"
	if _, err := st.SaveMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	after, _ := st.LocalChanges(ctx, before[len(before)-1].Seq)
	if len(after) != 1 || len(after[0].Fields) != 1 || after[0].Fields["phone"] != "0987" {
		t.Fatalf("edit logged %+v", after)
	}
}

func TestFinalizedRollKeepsStatusOnTheDay(t *testing.T) {
	ctx := context.Background()
	st := newCell(t)
	p, _ := st.SaveMember(ctx, Member{FullName: "Vàng Seo Chứ", Status: StatusProbationary})
	m, _ := st.NewMeeting(ctx, MeetingRegular, "2026-10-05")
	m.MinuteTaker = p.FullName // finalizing needs a minute-taker
	m, err := st.SaveMeeting(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.FinalizeMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	p.Status, p.FullName = StatusFull, "Vàng Seo Chư"
	if _, err := st.SaveMember(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Meeting(ctx, m.ID)
	if a := got.Attendance[0]; a.MemberStatus != StatusProbationary || a.MemberName != "Vàng Seo Chứ" {
		t.Fatalf("roll changed after the meeting: %+v", a)
	}
	if _, err := st.SaveMeeting(ctx, Meeting{Kind: MeetingRegular, Date: "2026-11-05",
		Attendance: []Attendance{{MemberID: "ghost", Status: AttPresent}}}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("attendance of a stranger: %v", err)
	}
}
