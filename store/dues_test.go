package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestDuesLedger(t *testing.T) {
	st, m, _ := reviewCell(t)
	ctx := context.Background()
	pao, mai := m["Páo"].ID, m["Mai"].ID
	var entries []DuesEntry
	for mon := 1; mon <= 6; mon++ {
		entries = append(entries, DuesEntry{MemberID: pao, Month: time.Date(2026, time.Month(mon), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"),
			Amount: 5000, PaidDate: "2026-06-30", Method: DuesAtMeeting})
	}
	entries = append(entries,
		DuesEntry{MemberID: mai, Month: "2026-01", Amount: 5000, PaidDate: "2026-01-05", Method: DuesPortal},
		DuesEntry{MemberID: mai, Month: "2026-02", Exemption: "poor_household", Reduction: "hộ nghèo có đơn"})
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
	// By 15 June, January to May are due.
	for _, tc := range []struct {
		name   string
		id     string
		unpaid int
		warn   bool
		paid   int64
	}{
		{"paid every month", pao, 0, false, 30000},
		{"one paid, one exempt, three open", mai, 3, true, 5000},
		{"exempt status owes nothing", m["Chứ"].ID, 0, false, 0},
		{"admitted in the autumn owes nothing yet", m["Dính"].ID, 0, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := got[tc.id]
			if l.Unpaid != tc.unpaid || l.Warn != tc.warn || l.Paid != tc.paid {
				t.Errorf("unpaid %d warn %v paid %d; want %d %v %d", l.Unpaid, l.Warn, l.Paid, tc.unpaid, tc.warn, tc.paid)
			}
		})
	}
	if got[mai].Months[1].Exemption != "poor_household" {
		t.Errorf("February %+v", got[mai].Months[1])
	}
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
		{"unknown exemption", DuesEntry{MemberID: id, Month: "2026-03", Exemption: "friend"}},
		{"exempt yet paid", DuesEntry{MemberID: id, Month: "2026-03", Exemption: "poor_household", Amount: 5000}},
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
