package store

import (
	"context"
	"fmt"
	"time"

	"chibo/rules"
)

// DuesLine is one member's year in the book.
type DuesLine struct {
	Member Member
	Months [12]DuesEntry // January first; a month with no record has ID ""
	// Owed marks the months the member owed dues at all: on the roll,
	// admitted by then, not exempt by party age (AutoExempt).
	Owed       [12]bool
	AutoExempt [12]bool
	// Rate is the member's full monthly amount: the last payment on
	// record (before any reduction), else the rules' default rate.
	Rate       int64
	Paid       int64
	Unpaid     int  // months recorded as not paid without a reason
	Unrecorded int  // months owed and over with nothing recorded
	Warn       bool // Unpaid reaches the rules' warning (Quy định 01-QĐ/TW, Điều 2)
}

// Amount is what one click records for month i (0 = January): the rate,
// less the month's reduction.
func (l DuesLine) Amount(i int) int64 {
	if p := l.Months[i].ReductionPct; p > 0 {
		return rules.Reduce(l.Rate, p)
	}
	return l.Rate
}

// DuesYear builds the book of one year; months after today are not over.
func (s *Store) DuesYear(ctx context.Context, year int, today time.Time) ([]DuesLine, error) {
	members, err := s.Members(ctx, "", "")
	if err != nil {
		return nil, err
	}
	site, err := metaGet(ctx, s.db, "site_id")
	if err != nil {
		return nil, fmt.Errorf("store: dues %d: %w", year, err)
	}
	entries, err := s.DuesOf(ctx, site, year)
	if err != nil {
		return nil, err
	}
	rates, err := s.lastRates(ctx, site, fmt.Sprintf("%04d-12", year))
	if err != nil {
		return nil, err
	}
	var sets [12]rules.Dues
	for i := range sets {
		if sets[i], err = rules.DuesOn(time.Date(year, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC)); err != nil {
			return nil, err
		}
	}
	byMember := map[string][]DuesEntry{}
	for _, d := range entries {
		byMember[d.MemberID] = append(byMember[d.MemberID], d)
	}
	var out []DuesLine
	for _, m := range members {
		if !Active(m.Status) && len(byMember[m.ID]) == 0 {
			continue
		}
		l := duesLine(m, byMember[m.ID], year, today, sets)
		l.Rate = rates[m.ID]
		if l.Rate == 0 {
			def, _ := sets[11].DefaultRate()
			l.Rate = def.FixedVND
		}
		out = append(out, l)
	}
	return out, nil
}

// lastRates is each member's last full monthly amount paid up to month.
func (s *Store) lastRates(ctx context.Context, orgID, month string) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT member_id, amount, `+unsealSQL("dues", "reduction_pct", "")+` FROM dues
		WHERE org_id = ? AND month <= ? AND paid_date <> '' AND amount > 0 ORDER BY month`, orgID, month)
	if err != nil {
		return nil, fmt.Errorf("store: dues rates: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var amount int64
		var pct any
		if err := rows.Scan(&id, &amount, &pct); err != nil {
			return nil, fmt.Errorf("store: dues rates: %w", err)
		}
		if p, ok := pct.(int64); ok && p > 0 && p < 100 {
			amount = (amount*100 + (100-p)/2) / (100 - p)
		}
		out[id] = amount
	}
	return out, rows.Err()
}

func duesLine(m Member, entries []DuesEntry, year int, today time.Time, sets [12]rules.Dues) DuesLine {
	l := DuesLine{Member: m}
	for i := range l.Months {
		l.Months[i] = DuesEntry{MemberID: m.ID, Month: fmt.Sprintf("%04d-%02d", year, i+1)}
	}
	for _, e := range entries {
		if t, err := time.Parse("2006-01", e.Month); err == nil {
			l.Months[t.Month()-1] = e
			if e.Status() == DuesStatePaid {
				l.Paid += e.Amount
			}
		}
	}
	admitted := parseISO(m.AdmissionDate)
	for i, e := range l.Months {
		start := time.Date(year, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC)
		next := start.AddDate(0, 1, 0)
		l.AutoExempt[i] = sets[i].ExemptByMembership(admitted, start)
		joined := m.AdmissionDate == "" || m.AdmissionDate < next.Format("2006-01-02")
		l.Owed[i] = joined && Active(m.Status) && !l.AutoExempt[i]
		switch {
		case e.Status() == DuesStateUnpaid:
			l.Unpaid++
		case e.Status() == "" && l.Owed[i] && !today.Before(next):
			l.Unrecorded++
		}
	}
	l.Warn = sets[11].UnpaidWarning(l.Unpaid)
	return l
}

// DuesRelief is an exemption or a reduction the cell grants a member for
// a run of months, on the member's application (Quy định 01-QĐ/TW, Điều 5).
type DuesRelief struct {
	MemberID     string
	From, To     string // yyyy-mm, inclusive
	Exemption    string // an exemption code, or
	ReductionPct int    // a reduction the rules allow
	Reason       string
}

// SaveDuesRelief records a relief on every month of its run in one
// transaction. A run longer than the rules allow for one application, a
// reduction or exemption the month's rules do not know, or an exemption
// over a month already paid is refused and nothing is saved.
func (s *Store) SaveDuesRelief(ctx context.Context, r DuesRelief) error {
	months, err := reliefMonths(r)
	if err != nil {
		return fmt.Errorf("store: dues relief: %w", err)
	}
	err = s.writeTx(ctx, func(w *writer) error {
		for _, mon := range months {
			cur, _, err := w.readDues(duesID(w.site, r.MemberID, mon))
			if err != nil {
				return err
			}
			cur.MemberID, cur.Month = r.MemberID, mon
			if r.Exemption != "" {
				if cur.Status() == DuesStatePaid {
					return &FieldError{Field: "dues", Value: mon, Err: fmt.Errorf("%w: %w", ErrDuesRecorded, ErrInvalid)}
				}
				cur.State, cur.Exemption, cur.ReductionPct = DuesStateExempt, r.Exemption, 0
			} else {
				cur.ReductionPct = r.ReductionPct
				if cur.Status() == DuesStateExempt {
					cur.State, cur.Exemption = "", ""
				}
			}
			cur.Reduction = r.Reason
			if err := w.putDues(cur); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: dues relief: %w", err)
	}
	return nil
}

// reliefMonths lists the months of a relief after checking it against the
// rules in force when it starts.
func reliefMonths(r DuesRelief) ([]string, error) {
	from, err1 := time.Parse("2006-01", r.From)
	to, err2 := time.Parse("2006-01", r.To)
	if err1 != nil || err2 != nil || to.Before(from) {
		return nil, &FieldError{Field: "month", Value: r.From + "…" + r.To, Err: fmt.Errorf("%w: %w", ErrDuesMonth, ErrInvalid)}
	}
	if (r.Exemption == "") == (r.ReductionPct == 0) {
		return nil, &FieldError{Field: "exemption", Value: r.Exemption, Err: fmt.Errorf("%w: %w", ErrDuesRelief, ErrInvalid)}
	}
	set, err := rules.DuesOn(from)
	if err != nil {
		return nil, err
	}
	limited := r.ReductionPct != 0
	if x, ok := set.Exemption(r.Exemption); ok && x.Application {
		limited = true
	}
	var months []string
	for t := from; !t.After(to); t = t.AddDate(0, 1, 0) {
		months = append(months, t.Format("2006-01"))
	}
	if limited && len(months) > set.ReliefMaxMonths.Value {
		return nil, &FieldError{Field: "months", Value: fmt.Sprint(len(months)),
			Err: fmt.Errorf("%w: at most %d months per application (%s): %w", ErrDuesRelief,
				set.ReliefMaxMonths.Value, set.ReliefMaxMonths.Cite(), ErrInvalid)}
	}
	return months, nil
}

// DuesAmounts is, by member, what one tick records for a month: the
// member's rate less the month's reduction, as in the book (DuesLine.Amount).
func (s *Store) DuesAmounts(ctx context.Context, month string) (map[string]int64, error) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return nil, fmt.Errorf("store: dues amounts %q: %w", month, ErrDuesMonth)
	}
	lines, err := s.DuesYear(ctx, t.Year(), t)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(lines))
	for _, l := range lines {
		out[l.Member.ID] = l.Amount(int(t.Month()) - 1)
	}
	return out, nil
}
