package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestDuesLedger: a month nobody recorded is "not recorded", never
// unpaid; only months recorded as not paid without a reason count towards
// the warning of Quy định 01-QĐ/TW, Điều 2 khoản 1 («không đóng đảng phí
// ba tháng trong năm mà không có lý do chính đáng»).
func TestDuesLedger(t *testing.T) {
	st, m, _ := reviewCell(t)
	ctx := context.Background()
	pao, mai, lu := m["Páo"].ID, m["Mai"].ID, m["Lử"].ID
	month := func(mon int) string {
		return time.Date(2026, time.Month(mon), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	}
	var entries []DuesEntry
	for mon := 1; mon <= 6; mon++ {
		entries = append(entries, DuesEntry{MemberID: pao, Month: month(mon), State: DuesStatePaid,
			Amount: 5000, PaidDate: "2026-06-30", Method: DuesAtMeeting})
	}
	entries = append(entries,
		DuesEntry{MemberID: mai, Month: "2026-01", Amount: 5000, PaidDate: "2026-01-05", Method: DuesPortal},
		DuesEntry{MemberID: mai, Month: "2026-02", Exemption: "poor_household", Reduction: "hộ nghèo có đơn"},
		DuesEntry{MemberID: lu, Month: "2026-01", State: DuesStateUnpaid},
		DuesEntry{MemberID: lu, Month: "2026-02", State: DuesStateUnpaid},
		DuesEntry{MemberID: lu, Month: "2026-03", State: DuesStateExcused, Note: "ốm nằm viện"},
		DuesEntry{MemberID: lu, Month: "2026-04", State: DuesStateUnpaid})
	if err := st.SaveDues(ctx, entries); err != nil {
		t.Fatal(err)
	}
	lines, err := st.DuesYear(ctx, 2026, time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]DuesLine{}
	for _, l := range lines {
		got[l.Member.ID] = l
	}
	// By 15 June, January to May are over.
	for _, tc := range []struct {
		name               string
		id                 string
		unpaid, unrecorded int
		warn               bool
		paid               int64
	}{
		{"paid every month", pao, 0, 0, false, 30000},
		{"one paid, one exempt, three never recorded: no warning", mai, 0, 3, false, 5000},
		{"three recorded unpaid, one with a reason: warned", lu, 3, 1, true, 0},
		{"50 years of membership owes nothing", m["Chứ"].ID, 0, 0, false, 0},
		{"admitted in the autumn owes nothing yet", m["Dính"].ID, 0, 0, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := got[tc.id]
			if l.Unpaid != tc.unpaid || l.Unrecorded != tc.unrecorded || l.Warn != tc.warn || l.Paid != tc.paid {
				t.Errorf("unpaid %d unrecorded %d warn %v paid %d; want %d %d %v %d",
					l.Unpaid, l.Unrecorded, l.Warn, l.Paid, tc.unpaid, tc.unrecorded, tc.warn, tc.paid)
			}
		})
	}
	if got[mai].Months[1].Exemption != "poor_household" || got[mai].Months[1].Status() != DuesStateExempt {
		t.Errorf("February %+v", got[mai].Months[1])
	}
	if got[pao].Rate != 5000 || got[lu].Rate != 5000 {
		t.Errorf("rates %d %d, want the last payment and the rules' default", got[pao].Rate, got[lu].Rate)
	}
	// Clearing a month takes it back to "not recorded", and the deletion travels.
	if err := st.ClearDues(ctx, lu, "2026-04"); err != nil {
		t.Fatal(err)
	}
	lines, _ = st.DuesYear(ctx, 2026, time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC))
	for _, l := range lines {
		if l.Member.ID == lu && (l.Unpaid != 2 || l.Warn) {
			t.Errorf("after clearing April: unpaid %d warn %v", l.Unpaid, l.Warn)
		}
	}
	if !loggedDelete(t, st, "dues") {
		t.Error("clearing a month logged no delete")
	}
}

func loggedDelete(t *testing.T, st *Store, entity string) bool {
	t.Helper()
	changes, err := st.LocalChanges(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		if c.Entity == entity && c.Op == OpDelete {
			return true
		}
	}
	return false
}

func TestDuesRefusals(t *testing.T) {
	st, m, _ := reviewCell(t)
	ctx := context.Background()
	id := m["Páo"].ID
	for _, tc := range []struct {
		name string
		d    DuesEntry
	}{
		{"bad month", DuesEntry{MemberID: id, Month: "2026-13", Amount: 5000}},
		{"negative amount", DuesEntry{MemberID: id, Month: "2026-03", Amount: -1}},
		{"paid without method", DuesEntry{MemberID: id, Month: "2026-03", Amount: 5000, PaidDate: "2026-03-05"}},
		{"paid without a date", DuesEntry{MemberID: id, Month: "2026-03", State: DuesStatePaid, Amount: 5000, Method: DuesPortal}},
		{"unknown exemption", DuesEntry{MemberID: id, Month: "2026-03", Exemption: "friend"}},
		{"exempt yet paid", DuesEntry{MemberID: id, Month: "2026-03", Exemption: "poor_household", Amount: 5000}},
		{"unpaid with an amount", DuesEntry{MemberID: id, Month: "2026-03", State: DuesStateUnpaid, Amount: 5000}},
		{"unknown state", DuesEntry{MemberID: id, Month: "2026-03", State: "maybe"}},
		{"40 % is no reduction of Quy định 01-QĐ/TW", DuesEntry{MemberID: id, Month: "2026-03", ReductionPct: 40}},
		{"no reductions before 02/2026", DuesEntry{MemberID: id, Month: "2026-01", ReductionPct: 50}},
		{"social pension not an exemption before 02/2026", DuesEntry{MemberID: id, Month: "2026-01", Exemption: "social_pension"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := changeCount(t, st)
			ok := DuesEntry{MemberID: id, Month: "2026-02", Amount: 5000, PaidDate: "2026-02-05", Method: DuesAtMeeting}
			if err := st.SaveDues(ctx, []DuesEntry{ok, tc.d}); !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v", err)
			}
			if changeCount(t, st) != before {
				t.Error("a refused save left changes behind")
			}
		})
	}
}

// TestDuesReliefOneApplication: Quy định 01-QĐ/TW, Điều 5 khoản 1: «Mỗi
// lần xem xét miễn, giảm mức đóng đảng phí trong thời gian tối đa là 12
// tháng», at 30, 50 or 70 %.
func TestDuesReliefOneApplication(t *testing.T) {
	st, m, _ := reviewCell(t)
	ctx := context.Background()
	mai := m["Mai"].ID
	for _, tc := range []struct {
		name string
		r    DuesRelief
		ok   bool
	}{
		{"50 % for 12 months", DuesRelief{MemberID: mai, From: "2026-03", To: "2027-02", ReductionPct: 50, Reason: "ốm đau"}, true},
		{"70 % for 13 months", DuesRelief{MemberID: mai, From: "2026-03", To: "2027-03", ReductionPct: 70}, false},
		{"serious illness for 13 months", DuesRelief{MemberID: mai, From: "2026-03", To: "2027-03", Exemption: "serious_illness"}, false},
		{"social pension has no limit", DuesRelief{MemberID: m["Lử"].ID, From: "2026-03", To: "2028-03", Exemption: "social_pension"}, true},
		{"both a reduction and an exemption", DuesRelief{MemberID: mai, From: "2026-03", To: "2026-04", Exemption: "poor_household", ReductionPct: 30}, false},
		{"to before from", DuesRelief{MemberID: mai, From: "2026-05", To: "2026-04", ReductionPct: 30}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := changeCount(t, st)
			err := st.SaveDuesRelief(ctx, tc.r)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want ok %v", err, tc.ok)
			}
			if !tc.ok && (!errors.Is(err, ErrInvalid) || changeCount(t, st) != before) {
				t.Errorf("refusal %v left %d changes", err, changeCount(t, st)-before)
			}
		})
	}
	lines, err := st.DuesYear(ctx, 2026, time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Member.ID == mai && (l.Months[2].ReductionPct != 50 || l.Amount(2) != 2500 || l.Amount(1) != 5000) {
			t.Errorf("March %+v, one click records %d", l.Months[2], l.Amount(2))
		}
	}
	// An exemption over a month already paid is refused.
	paid := DuesEntry{MemberID: mai, Month: "2026-09", Amount: 2500, PaidDate: "2026-09-05", Method: DuesPortal}
	if err := st.SaveDues(ctx, []DuesEntry{paid}); err != nil {
		t.Fatal(err)
	}
	err = st.SaveDuesRelief(ctx, DuesRelief{MemberID: mai, From: "2026-09", To: "2026-10", Exemption: "poor_household"})
	if !errors.Is(err, ErrDuesRecorded) {
		t.Errorf("exemption over a paid month: %v", err)
	}
}

// TestMeetingTickIsTheBookEntry: a tick on the roll is the month's entry
// in the book, untick takes it back, a correction shares it, and a month
// the book settled otherwise is not ticked twice.
func TestMeetingTickIsTheBookEntry(t *testing.T) {
	ctx := context.Background()
	st, ms, m := meetingCell(t)
	m.Dues = []DuesPaid{{MemberID: ms[0].ID, Amount: 10000}, {MemberID: ms[1].ID, Amount: 5000}}
	saved, err := st.SaveMeeting(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	book := func() map[string]DuesEntry {
		t.Helper()
		lines, err := st.DuesYear(ctx, 2026, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]DuesEntry{}
		for _, l := range lines {
			if e := l.Months[10]; e.ID != "" {
				out[l.Member.ID] = e
			}
		}
		return out
	}
	b := book()
	if len(b) != 2 || b[ms[0].ID].Amount != 10000 || b[ms[0].ID].MeetingID != saved.ID || b[ms[0].ID].PaidDate != "2026-11-05" {
		t.Fatalf("November in the book after the meeting: %+v", b)
	}
	saved.Dues = saved.Dues[:0]
	for _, d := range m.Dues[:1] {
		saved.Dues = append(saved.Dues, d)
	}
	if saved, err = st.SaveMeeting(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if b = book(); len(b) != 1 {
		t.Errorf("after unticking one member the book holds %+v", b)
	}
	// Paid through the portal: the meeting cannot tick that month again.
	portal := DuesEntry{MemberID: ms[2].ID, Month: "2026-11", Amount: 5000, PaidDate: "2026-11-02", Method: DuesPortal}
	if err := st.SaveDues(ctx, []DuesEntry{portal}); err != nil {
		t.Fatal(err)
	}
	elsewhere, err := st.MeetingDuesElsewhere(ctx, saved)
	if err != nil || elsewhere[ms[2].ID].Method != DuesPortal || len(elsewhere) != 1 {
		t.Errorf("elsewhere %+v, %v", elsewhere, err)
	}
	saved.Dues = append(saved.Dues, DuesPaid{MemberID: ms[2].ID, Amount: 5000})
	if _, err := st.SaveMeeting(ctx, saved); !errors.Is(err, ErrDuesRecorded) {
		t.Errorf("ticking a month paid through the portal: %v", err)
	}
	// A correction of the finalized meeting shows and keeps the same ticks.
	saved.Dues = saved.Dues[:1]
	fin, err := st.SaveAndFinalize(ctx, saved)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.CorrectMeeting(ctx, fin.ID, "sửa số tiền")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Dues) != 1 || c.Dues[0].Amount != 10000 {
		t.Errorf("correction's dues %+v", c.Dues)
	}
	c.Dues[0].Amount = 12000
	if _, err := st.SaveMeeting(ctx, c); err != nil {
		t.Fatal(err)
	}
	if b = book(); len(b) != 2 || b[ms[0].ID].Amount != 12000 {
		t.Errorf("after the correction the book holds %+v", b)
	}
	if old, _ := st.Meeting(ctx, fin.ID); len(old.Dues) != 1 {
		t.Errorf("the finalized revision lost its ticks: %+v", old.Dues)
	}
}

// TestSchemaV13MovesMeetingTicks: the ticks made before the book was one
// move into it under the id a new tick gets; a month the book already
// settled keeps its entry.
func TestSchemaV13MovesMeetingTicks(t *testing.T) {
	dir := copyPrelock(t)
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	var org, meeting, date, m1, m2 string
	if err := raw.QueryRow(`SELECT m.org_id, m.id, m.date FROM meetings m ORDER BY m.date DESC LIMIT 1`).Scan(&org, &meeting, &date); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT id FROM members ORDER BY id LIMIT 1`).Scan(&m1); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT id FROM members ORDER BY id LIMIT 1 OFFSET 1`).Scan(&m2); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO meeting_dues(id, org_id, meeting_id, member_id, amount) VALUES ('t1', ?, ?, ?, 7000)", []any{org, meeting, m1}},
		{"INSERT INTO meeting_dues(id, org_id, meeting_id, member_id, amount) VALUES ('t2', ?, ?, ?, 7000)", []any{org, meeting, m2}},
		{"INSERT INTO dues(id, org_id, member_id, month, amount, paid_date, method) VALUES (?, ?, ?, ?, 9000, ?, 'portal')",
			[]any{duesID(org, m2, date[:7]), org, m2, date[:7], date}},
	} {
		if _, err := raw.Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	read := func(member string) (amount int64, method, meetingID string) {
		t.Helper()
		err := st.db.QueryRow("SELECT amount, method, meeting_id FROM dues WHERE org_id = ? AND id = ?",
			org, duesID(org, member, date[:7])).Scan(&amount, &method, &meetingID)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if a, method, mid := read(m1); a != 7000 || method != DuesAtMeeting || mid != meeting {
		t.Errorf("moved tick: %d %s %s", a, method, mid)
	}
	if a, method, _ := read(m2); a != 9000 || method != DuesPortal {
		t.Errorf("the book's own entry was overwritten: %d %s", a, method)
	}
	var left int
	st.db.QueryRow("SELECT COUNT(*) FROM meeting_dues").Scan(&left)
	if left != 0 {
		t.Errorf("%d ticks left in the old table", left)
	}
}
