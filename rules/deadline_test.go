package rules

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestProbationRunsFromCeremony: "the twelve months of probation are
// counted from the day the cell holds the admission ceremony" (Điều lệ
// Đảng, Điều 5.1, as DOMAIN.md words it; the statute's own text was not
// found), while party age counts from the decision (Điều 5.4).
func TestProbationRunsFromCeremony(t *testing.T) {
	a := mustAdmission(t)
	c := mustCalendar(t)
	// Decision 10/03/2025, ceremony 14/04/2025.
	full, err := a.FullVoteDue(c, d("2025-04-14"))
	if err != nil {
		t.Fatal(err)
	}
	if got := full.Before.Due.Format(dateLayout); got != "2026-04-14" {
		t.Errorf("probation ends %s, want 2026-04-14 (12 months from the ceremony, not from the decision)", got)
	}
	if full.Before.FromWhat != "ngày chi bộ tổ chức lễ kết nạp" {
		t.Errorf("probation counted from %q", full.Before.FromWhat)
	}
	if a.PartyAgeFrom.Value != "ngày ghi trong quyết định kết nạp" || a.PartyAgeFrom.Article != "Điều 5, khoản 4" {
		t.Errorf("party age rule %+v", a.PartyAgeFrom)
	}
	if !strings.Contains(a.FullFrom.Source+a.FullFrom.NotFound, "294") {
		t.Errorf("full date rule not from Quy định 294: %+v", a.FullFrom)
	}
}

// TestTwelveMonthsFromLeapDay: "nếu tháng kết thúc thời hạn không có ngày
// tương ứng thì thời hạn kết thúc vào ngày cuối cùng của tháng đó" (Bộ
// luật Dân sự 2015, Điều 148.1.c): 29/02 + 12 months = 28/02.
func TestTwelveMonthsFromLeapDay(t *testing.T) {
	for _, tc := range []struct {
		name, start string
		months      int
		want        string
	}{
		{"leap day plus a year", "2024-02-29", 12, "2025-02-28"},
		{"leap day plus four years", "2024-02-29", 48, "2028-02-29"},
		{"31 January plus a month", "2026-01-31", 1, "2026-02-28"},
		{"31 January plus a month in a leap year", "2028-01-31", 1, "2028-02-29"},
		{"ordinary day", "2025-08-20", 12, "2026-08-20"},
		{"31 October plus a month", "2025-10-31", 1, "2025-11-30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AddMonths(d(tc.start), tc.months).Format(dateLayout); got != tc.want {
				t.Errorf("AddMonths(%s, %d) = %s, want %s", tc.start, tc.months, got, tc.want)
			}
		})
	}
	a := mustAdmission(t)
	if got := a.ProbationEnd(d("2024-02-29")).Format(dateLayout); got != "2025-02-28" {
		t.Errorf("probation from 29/02/2024 ends %s, want 28/02/2025", got)
	}
	if a.MonthsEnd.Article != "Điều 148, khoản 1, điểm c" || a.MonthsEnd.Quote == "" {
		t.Errorf("months rule not quoted: %+v", a.MonthsEnd)
	}
}

// TestDecreedSwaps: the Prime Minister's office swaps days around holidays
// — 2024 "nghỉ lễ 5 ngày liên tục từ thứ bảy, ngày 27/4 đến hết thứ tư,
// ngày 1/5" (Văn bản 2450/VPCP-KGVX), Saturday 04/05 worked; 2025 Friday
// 02/05 off, Saturday 26/04 worked; 2026 "hoán đổi từ ngày làm việc thứ
// sáu (ngày 2/1/2026) sang ngày nghỉ hằng tuần thứ bảy (ngày 10/1/2026)"
// (Văn bản 12729/VPCP-KGVX); Monday 31/08/2026 off, Saturday 22/08 worked.
func TestDecreedSwaps(t *testing.T) {
	c := mustCalendar(t)
	for _, tc := range []struct{ off, worked string }{
		{"2024-04-29", "2024-05-04"}, {"2025-05-02", "2025-04-26"}, {"2025-01-27", "2025-02-08"},
		{"2026-01-02", "2026-01-10"}, {"2026-08-31", "2026-08-22"},
	} {
		if c.IsWorkday(d(tc.off)) {
			t.Errorf("%s should be a day off by decree", tc.off)
		}
		if !c.IsWorkday(d(tc.worked)) {
			t.Errorf("Saturday %s should be worked by decree", tc.worked)
		}
	}
	for _, tc := range []struct {
		name, start string
		n           int
		want        string
	}{
		{"2024: 26/4 + 1 skips the swapped Monday", "2024-04-26", 1, "2024-05-02"},
		{"2024: 3/5 + 1 lands on the worked Saturday", "2024-05-03", 1, "2024-05-04"},
		{"2026: 31/12/2025 + 1 skips Friday 2/1", "2025-12-31", 1, "2026-01-05"},
		{"2026: 9/1 + 1 lands on Saturday 10/1", "2026-01-09", 1, "2026-01-10"},
		{"2026: 28/8 + 1 skips 31/8, 1/9, 2/9", "2026-08-28", 1, "2026-09-03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.AddWorkdays(d(tc.start), tc.n)
			if err != nil || got.Format(dateLayout) != tc.want {
				t.Errorf("%s + %d = %v %v, want %s", tc.start, tc.n, got.Format(dateLayout), err, tc.want)
			}
		})
	}
	y, _ := c.Year(2026)
	quoted := 0
	for _, n := range y.Notices {
		if n.Quote != "" {
			quoted++
		} else if n.NotFound == "" {
			t.Errorf("2026 notice %q neither quoted nor marked not found", n.What)
		}
	}
	if quoted == 0 {
		t.Error("no 2026 notice quoted")
	}
}

// TestProvisionalYears: years whose days off the Government has not yet
// announced are provisional, and a deadline whose window touches one says so.
func TestProvisionalYears(t *testing.T) {
	c := mustCalendar(t)
	for y := c.First; y <= c.Last; y++ {
		info, ok := c.Year(y)
		if !ok {
			t.Fatalf("year %d missing", y)
		}
		if want := y > 2026; info.Provisional != want {
			t.Errorf("year %d provisional = %v, want %v", y, info.Provisional, want)
		}
		if info.Provisional && info.Reason == "" {
			t.Errorf("year %d provisional without a reason", y)
		}
		if !info.Provisional && len(info.Notices) == 0 {
			t.Errorf("year %d decreed without the notice it follows (or a \"not found\")", y)
		}
	}
	w, err := c.Count(d("2026-12-01"), 30)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Provisional) != 1 || w.Provisional[0] != 2027 {
		t.Errorf("window into 2027 reports provisional %v", w.Provisional)
	}
	w, _ = c.Count(d("2026-03-02"), 30)
	if len(w.Provisional) != 0 {
		t.Errorf("window inside 2026 reports provisional %v", w.Provisional)
	}
	a := mustAdmission(t)
	full, err := a.FullVoteDue(c, d("2026-06-01")) // probation ends 01/06/2027
	if err != nil || len(full.Provisional()) == 0 {
		t.Errorf("full vote in 2027 not provisional: %v %v", full.Provisional(), err)
	}
}

// TestCountExplains: a deadline tells how it was counted, day by day.
func TestCountExplains(t *testing.T) {
	c := mustCalendar(t)
	w, err := c.Count(d("2026-01-20"), 30) // over Tết 2026
	if err != nil {
		t.Fatal(err)
	}
	if w.Due.Format(dateLayout) != "2026-03-10" || w.Days != 30 {
		t.Fatalf("due %s", w.Due.Format(dateLayout))
	}
	if len(w.Skipped) != 5 || !strings.Contains(w.Skipped[0].Name, "Tết") || w.Skipped[0].Date != "2026-02-16" {
		t.Errorf("skipped %+v, want the five weekdays of the Tết break", w.Skipped)
	}
	if w.Weekends != 14 {
		t.Errorf("weekends skipped %d, want 14", w.Weekends)
	}
	counted := int(w.Due.Sub(w.Start).Hours()/24) - w.Weekends - len(w.Skipped) + len(w.MadeUp)
	if counted != w.Days+len(w.MadeUp) && counted != w.Days {
		t.Errorf("days do not add up: %d", counted)
	}
	w, _ = c.Count(d("2026-01-09"), 1)
	if len(w.MadeUp) != 1 || w.MadeUp[0].Date != "2026-01-10" {
		t.Errorf("made-up Saturday not listed: %+v", w.MadeUp)
	}
}

// TestHubDeadlinesWithExtension: "trong thời hạn 30 ngày làm việc kể từ
// ngày chi bộ có nghị quyết đề nghị công nhận đảng viên chính thức, thì
// cấp ủy có thẩm quyền phải xem xét, quyết định; trường hợp đặc biệt, có
// thể gia hạn tối đa 30 ngày làm việc" (Quy định 29-QĐ/TW, điểm 4.3.1;
// the same figures in Quy định 294-QĐ/TW, points 4.1–4.3).
func TestHubDeadlinesWithExtension(t *testing.T) {
	a := mustAdmission(t)
	c := mustCalendar(t)
	dl, err := a.HubFullDecisionDue(c, d("2026-03-02"))
	if err != nil {
		t.Fatal(err)
	}
	if dl.Due.Format(dateLayout) != "2026-04-13" || dl.Extended.Format(dateLayout) != "2026-05-28" {
		t.Errorf("full decision due %s, extended %s", dl.Due.Format(dateLayout), dl.Extended.Format(dateLayout))
	}
	if got := c.WorkdaysBetween(dl.Due, dl.Extended); got != a.HubExtensionDays.Value {
		t.Errorf("extension is %d working days", got)
	}
	cer, _ := a.CeremonyDue(c, d("2026-03-02"))
	if !cer.Extended.IsZero() {
		t.Error("the ceremony deadline has no extension, only the superior committee's consent")
	}
	old, _ := AdmissionOn(d("2025-06-30"))
	if !strings.Contains(old.HubFullDecisionDays.Source, "29-QĐ/TW") || old.HubFullDecisionDays.Quote == "" {
		t.Errorf("pre-July-2025 rule: %+v", old.HubFullDecisionDays)
	}
	if !strings.Contains(a.HubDecisionDays.Source, "294-QĐ/TW") || a.HubDecisionDays.Article != "điểm 4.3" {
		t.Errorf("60 working days cite %s %s, want Quy định 294-QĐ/TW point 4.3", a.HubDecisionDays.Source, a.HubDecisionDays.Article)
	}
}

// TestRulesApplyFromTheirDate: a rule in force from a date applies to
// events from that date; earlier events keep the earlier rule.
func TestRulesApplyFromTheirDate(t *testing.T) {
	before, _ := AdmissionOn(d("2025-06-30"))
	after, _ := AdmissionOn(d("2025-07-01"))
	if before.ID != "admission-2016-07-25" || after.ID != "admission-2025-07-01" {
		t.Errorf("admission sets %s / %s", before.ID, after.ID)
	}
	r24, _ := RatingFor(2024)
	r25, _ := RatingFor(2025)
	if r24.ID != "rating-2019-10-18" || r25.ID != "rating-2025-08-30" {
		t.Errorf("rating sets %s / %s", r24.ID, r25.ID)
	}
	if r25.Levels.Signed != "2025-08-30" || !strings.Contains(r25.Levels.Source, "366-QĐ/TW") {
		t.Errorf("rating levels cite %s signed %s", r25.Levels.Source, r25.Levels.Signed)
	}
	m1, _ := CurrentMeetingRules(d("2025-10-27"))
	m2, _ := CurrentMeetingRules(d("2025-10-28"))
	if m1.MinLength(false) != 0 || m2.MinLength(false) != 90 || m2.MinLength(true) != 120 {
		t.Errorf("meeting minimum %d before Hướng dẫn 42, %d/%d from it", m1.MinLength(false), m2.MinLength(false), m2.MinLength(true))
	}
	if m2.RegularPerMonth.Signed != "2025-07-23" || m2.MinMinutes[LengthRegular].Signed != "2025-10-28" {
		t.Errorf("meeting rules signed %s / %s", m2.RegularPerMonth.Signed, m2.MinMinutes[LengthRegular].Signed)
	}
}

// TestEveryFigureHasProvenance: every figure of the rules this app applies
// carries its regulation, its dates, and its clause or an honest "not found".
func TestEveryFigureHasProvenance(t *testing.T) {
	fams, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range fams {
		seen[f.Key] = true
		for i, v := range f.Versions {
			if i+1 < len(f.Versions) && v.Until == "" {
				t.Errorf("%s %s: no end date though a later set exists", f.Key, v.ID)
			}
			for _, it := range v.Items {
				if it.Source == "" || !isDate(it.Effective) {
					t.Errorf("%s %s %s: no source or date in force", f.Key, v.ID, it.Key)
				}
				if (it.Quote == "") == (it.NotFound == "") {
					t.Errorf("%s %s %s: needs a quotation or a \"not found\"", f.Key, v.ID, it.Key)
				}
				if it.Quote != "" && it.Via == "" {
					t.Errorf("%s %s %s: quotation without where it was read", f.Key, v.ID, it.Key)
				}
			}
		}
	}
	for _, k := range []string{"votes", "meeting", "admission", "rating", "dues"} {
		if !seen[k] {
			t.Errorf("family %s missing from the catalog", k)
		}
	}
}

// withoutSwaps is the calendar as it was before the decreed swaps.
func withoutSwaps(c *Calendar) *Calendar {
	out := *c
	out.off, out.work = map[string]Holiday{}, map[string]Holiday{}
	for k, h := range c.off {
		if h.Kind != DaySwap {
			out.off[k] = h
		}
	}
	return &out
}

// TestWorkingDayProperties: for random start dates over 2024–2030 and
// every working-day rule, the deadline is never a day off, counting is
// monotone in the start date, and adding the decreed swap days changes
// only the deadlines whose window contains one of them.
func TestWorkingDayProperties(t *testing.T) {
	c := mustCalendar(t)
	bare := withoutSwaps(c)
	a := mustAdmission(t)
	ns := []int{a.HubDecisionDays.Value, a.HubFullDecisionDays.Value, a.CeremonyDays.Value, a.FullVoteDays.Value,
		a.HubFullDecisionDays.Value + a.HubExtensionDays.Value, a.HubDecisionDays.Value + a.HubExtensionDays.Value}
	first := d("2024-01-01")
	span := int(d("2030-12-31").Sub(first).Hours() / 24)
	swapDays := map[string]bool{}
	for k, h := range c.off {
		if h.Kind == DaySwap {
			swapDays[k] = true
		}
	}
	for k := range c.work {
		swapDays[k] = true
	}
	rapid.Check(t, func(rt *rapid.T) {
		s1 := first.AddDate(0, 0, rapid.IntRange(0, span).Draw(rt, "s1"))
		s2 := s1.AddDate(0, 0, rapid.IntRange(0, 40).Draw(rt, "gap"))
		n := rapid.SampledFrom(ns).Draw(rt, "n")
		d1, err := c.AddWorkdays(s1, n)
		if err != nil {
			rt.Fatal(err)
		}
		d2, err := c.AddWorkdays(s2, n)
		if err != nil {
			rt.Fatal(err)
		}
		if !c.IsWorkday(d1) {
			rt.Fatalf("%s + %d = %s, a day off", s1.Format(dateLayout), n, d1.Format(dateLayout))
		}
		if d2.Before(d1) {
			rt.Fatalf("not monotone: %s→%s but later start %s→%s", s1.Format(dateLayout), d1.Format(dateLayout),
				s2.Format(dateLayout), d2.Format(dateLayout))
		}
		b, err := bare.AddWorkdays(s1, n)
		if err != nil {
			rt.Fatal(err)
		}
		if !b.Equal(d1) {
			end := d1
			if b.After(end) {
				end = b
			}
			found := false
			for x := s1.AddDate(0, 0, 1); !x.After(end); x = x.AddDate(0, 0, 1) {
				found = found || swapDays[x.Format(dateLayout)]
			}
			if !found {
				rt.Fatalf("%s + %d moved from %s to %s without a swap day in the window", s1.Format(dateLayout), n,
					b.Format(dateLayout), d1.Format(dateLayout))
			}
		}
	})
}
