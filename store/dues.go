package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"chibo/rules"
)

// Dues payment methods.
const (
	DuesAtMeeting = "meeting" // nộp tại buổi sinh hoạt
	DuesPortal    = "portal"  // qua Cổng dịch vụ công quốc gia
)

// DuesMethodLabels are the methods' wordings.
var DuesMethodLabels = []Label{{DuesAtMeeting, "Nộp tại buổi sinh hoạt"}, {DuesPortal, "Qua Cổng dịch vụ công"}}

// DuesEntry is one member's dues for one month: paid (amount and date),
// exempt (with the rule's reason), or open.
type DuesEntry struct {
	ID        string
	OrgID     string
	MemberID  string
	Month     string // yyyy-mm
	Amount    int64  // đồng
	PaidDate  string
	Method    string
	Exemption string // exemption code from the dues rules, "" = none
	Reduction string // reason for a reduced amount
	Note      string
}

// Settled reports whether the month needs nothing more.
func (d DuesEntry) Settled() bool { return d.PaidDate != "" || d.Exemption != "" }

// ErrDuesMonth marks a month that is not yyyy-mm.
var ErrDuesMonth = errors.New("month is not yyyy-mm")

var duesNS = uuid.MustParse("0e3c52a4-7a3e-4c8f-8d7e-3f3d0a9d6b21")

func duesID(orgID, memberID, month string) string {
	return uuid.NewSHA1(duesNS, []byte(orgID+"|"+memberID+"|"+month)).String()
}

// ValidateDues checks one entry against the dues rules of its month.
func ValidateDues(d DuesEntry) error {
	bad := func(f, v string, err error) error {
		return &FieldError{Field: f, Value: v, Err: fmt.Errorf("%w: %w", err, ErrInvalid)}
	}
	mon, err := time.Parse("2006-01", d.Month)
	if err != nil {
		return bad("month", d.Month, ErrDuesMonth)
	}
	set, err := rules.DuesOn(mon)
	if err != nil {
		return err
	}
	switch {
	case d.MemberID == "":
		return bad("member_id", "", errors.New("no member"))
	case d.Amount < 0:
		return bad("amount", fmt.Sprint(d.Amount), errors.New("negative amount"))
	case !ValidDate(d.PaidDate):
		return bad("paid_date", d.PaidDate, errors.New("not a real date"))
	case d.Method != "" && d.Method != DuesAtMeeting && d.Method != DuesPortal:
		return bad("method", d.Method, errors.New("unknown method"))
	case d.PaidDate != "" && d.Method == "":
		return bad("method", "", errors.New("a payment needs a method"))
	}
	if d.Exemption != "" {
		if _, ok := set.Exemption(d.Exemption); !ok {
			return bad("exemption", d.Exemption, errors.New("not an exemption of the dues rules"))
		}
		if d.Amount != 0 || d.PaidDate != "" {
			return bad("amount", fmt.Sprint(d.Amount), errors.New("an exempt month has no payment"))
		}
	}
	return nil
}

// SaveDues writes ledger entries in one transaction: all or none.
func (s *Store) SaveDues(ctx context.Context, ds []DuesEntry) error {
	err := s.writeTx(ctx, func(w *writer) error {
		for _, d := range ds {
			d.Reduction, d.Note = NFC(d.Reduction), NFC(d.Note)
			if err := ValidateDues(d); err != nil {
				return fmt.Errorf("dues %s %s: %w", d.MemberID, d.Month, err)
			}
			d.ID = duesID(w.site, d.MemberID, d.Month)
			if err := w.put("dues", d.ID, w.site, map[string]any{"member_id": d.MemberID, "month": d.Month,
				"amount": d.Amount, "paid_date": d.PaidDate, "method": d.Method, "exemption": d.Exemption,
				"reduction": d.Reduction, "note": d.Note}); err != nil {
				return fmt.Errorf("dues %s: %w", d.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: save dues: %w", err)
	}
	return nil
}

// DuesLine is one member's year in the ledger.
type DuesLine struct {
	Member Member
	Months [12]DuesEntry // January first; an open month has ID ""
	Paid   int64
	Unpaid int  // months due so far with neither payment nor exemption
	Warn   bool // unpaid months reach the rules' warning
}

// DuesYear builds the ledger of one year; months after today are not due yet.
func (s *Store) DuesYear(ctx context.Context, year int, today time.Time) ([]DuesLine, error) {
	members, err := s.Members(ctx, "", "")
	if err != nil {
		return nil, err
	}
	set, err := rules.DuesOn(time.Date(year, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return nil, err
	}
	site, err := metaGet(s.db, "site_id")
	if err != nil {
		return nil, fmt.Errorf("store: dues %d: %w", year, err)
	}
	entries, err := s.DuesOf(ctx, site, year)
	if err != nil {
		return nil, err
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
		out = append(out, duesLine(m, byMember[m.ID], year, today, set))
	}
	return out, nil
}

// DuesOf lists one organisation's ledger entries of a year (at the hub: a
// cell's), by member and month.
func (s *Store) DuesOf(ctx context.Context, orgID string, year int) ([]DuesEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+readCols("dues", "", "id, org_id, member_id, month, amount, paid_date, method, exemption, reduction, note")+` FROM dues WHERE org_id = ? AND month LIKE ? ORDER BY member_id, month`, orgID, fmt.Sprintf("%04d-%%", year))
	if err != nil {
		return nil, fmt.Errorf("store: dues %d: %w", year, err)
	}
	defer rows.Close()
	var out []DuesEntry
	for rows.Next() {
		var d DuesEntry
		if err := rows.Scan(&d.ID, &d.OrgID, &d.MemberID, &d.Month, &d.Amount, &d.PaidDate, &d.Method,
			&d.Exemption, &d.Reduction, &d.Note); err != nil {
			return nil, fmt.Errorf("store: dues %d: %w", year, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func duesLine(m Member, entries []DuesEntry, year int, today time.Time, set rules.Dues) DuesLine {
	l := DuesLine{Member: m}
	for i := range l.Months {
		l.Months[i] = DuesEntry{MemberID: m.ID, Month: fmt.Sprintf("%04d-%02d", year, i+1)}
	}
	for _, e := range entries {
		if t, err := time.Parse("2006-01", e.Month); err == nil {
			l.Months[t.Month()-1] = e
			l.Paid += e.Amount
		}
	}
	exemptAll := set.ExemptByMembership(parseISO(m.AdmissionDate), time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC))
	for i, e := range l.Months {
		start := time.Date(year, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC)
		due := !today.Before(start.AddDate(0, 1, 0)) // the month is over
		joined := m.AdmissionDate == "" || m.AdmissionDate < start.AddDate(0, 1, 0).Format("2006-01-02")
		if due && joined && Active(m.Status) && !exemptAll && !e.Settled() {
			l.Unpaid++
		}
	}
	l.Warn = set.UnpaidWarning(l.Unpaid)
	return l
}
