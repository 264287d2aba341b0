package store

// The dues book (sổ thu đảng phí): one record per member and month,
// whether it was ticked at the meeting (dues_meeting.go), paid through the
// national portal, granted an exemption or a reduction, or recorded as
// not paid. A month with no record is "not recorded", never "unpaid":
// only months recorded as not paid count towards the rules' warning.

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"modernc.org/sqlite"

	"chibo/rules"
)

func init() {
	// The id of a month's record, for the schema step that moved the
	// meeting's ticks into the book (migrations/0013_one_dues_book.sql).
	sqlite.MustRegisterDeterministicScalarFunction("chibo_dues_id", 3,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			s := make([]string, 3)
			for i, a := range args {
				switch v := a.(type) {
				case string:
					s[i] = v
				case []byte:
					s[i] = string(v)
				default:
					return nil, fmt.Errorf("chibo_dues_id: argument %d is %T", i+1, a)
				}
			}
			return duesID(s[0], s[1], s[2]), nil
		})
}

// Dues payment methods.
const (
	DuesAtMeeting = "meeting" // nộp tại buổi sinh hoạt
	DuesPortal    = "portal"  // qua Cổng dịch vụ công quốc gia
)

// DuesMethodLabels are the methods' wordings.
var DuesMethodLabels = []Label{{DuesAtMeeting, "Nộp tại buổi sinh hoạt"}, {DuesPortal, "Qua Cổng dịch vụ công"}}

// States of a month in the book. "" is nothing recorded.
const (
	DuesStatePaid    = "paid"    // đã nộp
	DuesStateExempt  = "exempt"  // được miễn
	DuesStateUnpaid  = "unpaid"  // ghi là không nộp, không có lý do
	DuesStateExcused = "excused" // không nộp, có lý do chính đáng (Note)
)

// DuesEntry is one member's dues for one month.
type DuesEntry struct {
	ID        string
	OrgID     string
	MemberID  string
	Month     string // yyyy-mm
	State     string // DuesStatePaid …; "" on a row from before step 13 means: follow PaidDate and Exemption
	Amount    int64  // đồng
	PaidDate  string
	Method    string
	MeetingID string // the meeting whose roll recorded the payment, if any
	Exemption string // exemption code from the dues rules, "" = none
	// ReductionPct is a reduction the cell granted on application (30, 50
	// or 70 % under Quy định 01-QĐ/TW); Reduction says why.
	ReductionPct int
	Reduction    string
	Note         string // why a month was not paid, or anything else
}

// Status is the month's state, read from the old columns for a row
// written before the state was kept.
func (d DuesEntry) Status() string {
	switch {
	case d.State != "":
		return d.State
	case d.PaidDate != "":
		return DuesStatePaid
	case d.Exemption != "":
		return DuesStateExempt
	}
	return ""
}

// Settled reports whether the month needs nothing more.
func (d DuesEntry) Settled() bool {
	s := d.Status()
	return s == DuesStatePaid || s == DuesStateExempt || s == DuesStateExcused
}

// Errors of the dues book.
var (
	ErrDuesMonth    = errors.New("month is not yyyy-mm")
	ErrDuesRecorded = errors.New("the month is already recorded in the dues book")
	ErrDuesRelief   = errors.New("an exemption or reduction outside the dues rules")
)

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
	paid := d.Status() == DuesStatePaid
	switch {
	case d.MemberID == "":
		return bad("member_id", "", errors.New("no member"))
	case d.Amount < 0:
		return bad("amount", fmt.Sprint(d.Amount), errors.New("negative amount"))
	case !ValidDate(d.PaidDate):
		return bad("paid_date", d.PaidDate, errors.New("not a real date"))
	case d.Method != "" && d.Method != DuesAtMeeting && d.Method != DuesPortal:
		return bad("method", d.Method, errors.New("unknown method"))
	case paid && (d.PaidDate == "" || d.Method == ""):
		return bad("method", d.Method, errors.New("a payment needs a date and a method"))
	case !paid && (d.Amount != 0 || d.PaidDate != ""):
		return bad("amount", fmt.Sprint(d.Amount), errors.New("only a paid month has a payment"))
	case d.State != "" && d.State != DuesStatePaid && d.State != DuesStateExempt && d.State != DuesStateUnpaid && d.State != DuesStateExcused:
		return bad("state", d.State, errors.New("unknown state"))
	case d.ReductionPct != 0 && !set.Reduction(d.ReductionPct):
		return bad("reduction_pct", fmt.Sprint(d.ReductionPct), ErrDuesRelief)
	}
	if (d.Status() == DuesStateExempt) != (d.Exemption != "") {
		return bad("exemption", d.Exemption, errors.New("an exempt month names its exemption, and only it"))
	}
	if d.Exemption != "" {
		if _, ok := set.Exemption(d.Exemption); !ok {
			return bad("exemption", d.Exemption, ErrDuesRelief)
		}
	}
	return nil
}

func duesFields(d DuesEntry) map[string]any {
	return map[string]any{"member_id": d.MemberID, "month": d.Month, "amount": d.Amount, "paid_date": d.PaidDate,
		"method": d.Method, "exemption": d.Exemption, "reduction": d.Reduction, "note": d.Note,
		"meeting_id": d.MeetingID, "state": d.Status(), "reduction_pct": d.ReductionPct}
}

// SaveDues writes book entries in one transaction: all or none.
func (s *Store) SaveDues(ctx context.Context, ds []DuesEntry) error {
	err := s.writeTx(ctx, func(w *writer) error {
		for _, d := range ds {
			if err := w.putDues(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: save dues: %w", err)
	}
	return nil
}

func (w *writer) putDues(d DuesEntry) error {
	d.Reduction, d.Note = NFC(d.Reduction), NFC(d.Note)
	if err := ValidateDues(d); err != nil {
		return fmt.Errorf("dues %s %s: %w", d.MemberID, d.Month, err)
	}
	if _, err := w.memberName("dues", d.MemberID); err != nil {
		return err
	}
	d.ID = duesID(w.site, d.MemberID, d.Month)
	if err := w.put("dues", d.ID, w.site, duesFields(d)); err != nil {
		return fmt.Errorf("dues %s: %w", d.ID, err)
	}
	return nil
}

// ClearDues takes a month back to "not recorded"; a reduction granted for
// it stays. The deletion travels like any change.
func (s *Store) ClearDues(ctx context.Context, memberID, month string) error {
	err := s.writeTx(ctx, func(w *writer) error {
		id := duesID(w.site, memberID, month)
		cur, ok, err := w.readDues(id)
		if err != nil || !ok {
			return err
		}
		if cur.ReductionPct == 0 {
			return w.del("dues", id, w.site)
		}
		return w.put("dues", id, w.site, duesFields(DuesEntry{MemberID: memberID, Month: month,
			ReductionPct: cur.ReductionPct, Reduction: cur.Reduction, State: ""}))
	})
	if err != nil {
		return fmt.Errorf("store: clear dues %s %s: %w", memberID, month, err)
	}
	return nil
}

var duesCols = readCols("dues", "", `id, org_id, member_id, month, state, amount, paid_date, method, meeting_id, exemption,
	reduction_pct, reduction, note`)

func scanDues(r interface{ Scan(...any) error }) (DuesEntry, error) {
	var d DuesEntry
	var pct any
	err := r.Scan(&d.ID, &d.OrgID, &d.MemberID, &d.Month, &d.State, &d.Amount, &d.PaidDate, &d.Method, &d.MeetingID,
		&d.Exemption, &pct, &d.Reduction, &d.Note)
	if n, ok := pct.(int64); ok {
		d.ReductionPct = int(n)
	}
	return d, err
}

// readDues reads one month's record inside a write.
func (w *writer) readDues(id string) (DuesEntry, bool, error) {
	rows, err := w.tx.QueryContext(w.ctx, "SELECT "+duesCols+" FROM dues WHERE org_id = ? AND id = ?", w.site, id)
	if err != nil {
		return DuesEntry{}, false, err
	}
	defer rows.Close()
	if !rows.Next() {
		return DuesEntry{}, false, rows.Err()
	}
	d, err := scanDues(rows)
	return d, err == nil, err
}

// DuesOf lists one organisation's book entries of a year (at the hub: a
// cell's), by member and month.
func (s *Store) DuesOf(ctx context.Context, orgID string, year int) ([]DuesEntry, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+duesCols+` FROM dues WHERE org_id = ? AND month LIKE ?
		ORDER BY member_id, month`, orgID, fmt.Sprintf("%04d-%%", year))
	if err != nil {
		return nil, fmt.Errorf("store: dues %d: %w", year, err)
	}
	defer rows.Close()
	var out []DuesEntry
	for rows.Next() {
		d, err := scanDues(rows)
		if err != nil {
			return nil, fmt.Errorf("store: dues %d: %w", year, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
