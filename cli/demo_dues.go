package cli

import (
	"math/rand/v2"
	"time"

	"chibo/rules"
	"chibo/store"
)

// The demo cell's dues, as a highland cell's book looks: members hand
// their dues over at the meeting (ticked on the roll), most of those
// absent pay through the national portal a few days later, some months
// stay unrecorded, one member was granted a reduction on application and
// one a social pension exemption (Quy định 01-QĐ/TW, Điều 5), and one
// month of one member is recorded as not paid.

// demoSalary is the monthly base of those paid a salary or a pension, in
// đồng; everyone else pays the province's fixed rate.
var demoSalary = map[string]struct {
	category string
	base     int64
}{
	"Giáo viên":     {"insured", 6_840_000},
	"Cán bộ xã":     {"insured", 7_250_000},
	"Y tá thôn bản": {"insured", 5_310_000},
	"Hưu trí":       {"pensioner", 5_100_000},
}

// demoReduced and demoPension name the members with a relief.
const (
	demoReduced = "Cư Thị Pà"   // 50 %, hardship, six months
	demoPension = "Vàng A Sình" // social pension: exempt
	demoLate    = "Hầu A Dế"    // one month recorded as not paid
)

// demoRate is one member's monthly dues on day under the rules then.
func demoRate(p string, day time.Time) int64 {
	set, err := rules.DuesOn(day)
	if err != nil {
		return 0
	}
	if s, ok := demoSalary[p]; ok {
		if n, err := set.Amount(s.category, s.base); err == nil {
			return n
		}
	}
	def, _ := set.DefaultRate()
	return def.FixedVND
}

// demoDues carries what the demo's dues depend on: the day the demo is
// made and each member's occupation by id.
type demoDues struct {
	now        time.Time
	occupation map[string]string
}

// reliefFrom is the first month a relief of Quy định 01-QĐ/TW starts in
// the demo's window: five months back, not before the rule applies.
func (dd demoDues) reliefFrom() time.Time {
	from := time.Date(dd.now.Year(), dd.now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -5, 0)
	if first := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC); from.Before(first) {
		from = first
	}
	return from
}

// reliefs records the reduction and the exemption before any meeting
// ticks, so the ticks follow them.
func (dd demoDues) reliefs(e env, st *store.Store, ms []store.Member) error {
	from := dd.reliefFrom()
	if from.After(dd.now) {
		return nil // a demo made before the rule applied has no relief
	}
	for _, m := range ms {
		r := store.DuesRelief{MemberID: m.ID, From: from.Format("2006-01")}
		switch m.FullName {
		case demoReduced:
			r.To, r.ReductionPct, r.Reason = from.AddDate(0, 5, 0).Format("2006-01"), 50, "Đơn ngày "+from.Format("02/01/2006")+": chồng ốm dài ngày"
		case demoPension:
			r.To, r.Exemption, r.Reason = from.AddDate(0, 11, 0).Format("2006-01"), "social_pension", "Hưởng trợ cấp hưu trí xã hội"
		default:
			continue
		}
		if err := st.SaveDuesRelief(e.ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// owes is false for the exempt member's months after the exemption, and
// the late member's month (recorded as not paid after the meeting).
func (dd demoDues) owes(name string, day time.Time) bool {
	from := dd.reliefFrom()
	switch {
	case name == demoPension:
		return day.Before(from) || from.After(dd.now)
	case name == demoLate:
		return day.Format("2006-01") != dd.now.AddDate(0, -2, 0).Format("2006-01")
	}
	return true
}

// ticks are the dues handed over at a regular meeting on day: every
// member present, at their rate (halved under the reduction).
func (dd demoDues) ticks(m store.Meeting, day time.Time) []store.DuesPaid {
	from := dd.reliefFrom()
	var out []store.DuesPaid
	for _, a := range m.Attendance {
		if a.Status != store.AttPresent || !dd.owes(a.MemberName, day) {
			continue
		}
		n := demoRate(dd.occupation[a.MemberID], day)
		if a.MemberName == demoReduced && !from.After(dd.now) && !day.Before(from) && day.Before(from.AddDate(0, 6, 0)) {
			n = rules.Reduce(n, 50)
		}
		out = append(out, store.DuesPaid{MemberID: a.MemberID, Amount: int(n)})
	}
	return out
}

// afterMeeting records what those not ticked did that month: most pay
// through the portal three days later, some stay unrecorded, and the late
// member's month is recorded as not paid.
func (dd demoDues) afterMeeting(e env, st *store.Store, m store.Meeting, day time.Time, r *rand.Rand) error {
	ticked := map[string]bool{}
	for _, d := range m.Dues {
		ticked[d.MemberID] = true
	}
	var es []store.DuesEntry
	month := day.Format("2006-01")
	for _, a := range m.Attendance {
		switch {
		case ticked[a.MemberID]:
		case a.MemberName == demoLate && !dd.owes(a.MemberName, day):
			es = append(es, store.DuesEntry{MemberID: a.MemberID, Month: month, State: store.DuesStateUnpaid,
				Note: "Chưa nộp, đã nhắc tại buổi sinh hoạt"})
		case !dd.owes(a.MemberName, day), r.IntN(4) == 0: // exempt, or not recorded yet
		default:
			es = append(es, store.DuesEntry{MemberID: a.MemberID, Month: month, State: store.DuesStatePaid,
				Amount: demoRate(dd.occupation[a.MemberID], day), PaidDate: day.AddDate(0, 0, 3).Format("2006-01-02"),
				Method: store.DuesPortal})
		}
	}
	if len(es) == 0 {
		return nil
	}
	return st.SaveDues(e.ctx, es)
}
