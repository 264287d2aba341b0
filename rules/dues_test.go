package rules

import (
	"strings"
	"testing"
	"time"
)

var zeroTime time.Time

func TestDues(t *testing.T) {
	du, err := DuesOn(d("2026-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, cat string
		base      int64
		want      int64
		bad       bool
	}{
		{"insured 1 %", "insured", 5_310_000, 53_100, false},
		{"insured rounds half up", "insured", 4_999_950, 50_000, false},
		{"pensioner 0.5 %", "pensioner", 6_000_000, 30_000, false},
		{"student fixed", "student", 0, 5_000, false},
		{"insured without salary", "insured", 0, 0, true},
		{"unknown category", "astronaut", 1, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := du.Amount(tc.cat, tc.base)
			if (err != nil) != tc.bad || got != tc.want {
				t.Errorf("Amount = %d, %v; want %d (error %v)", got, err, tc.want, tc.bad)
			}
		})
	}
	for _, tc := range []struct {
		name, admitted string
		want           bool
	}{{"50 years to the day", "1976-03-01", true}, {"a day short", "1976-03-02", false}, {"unknown", "", false}} {
		t.Run(tc.name, func(t *testing.T) {
			adm := zeroTime
			if tc.admitted != "" {
				adm = d(tc.admitted)
			}
			if got := du.ExemptByMembership(adm, d("2026-03-01")); got != tc.want {
				t.Errorf("ExemptByMembership = %v", got)
			}
		})
	}
	if du.UnpaidWarning(2) || !du.UnpaidWarning(3) {
		t.Error("unpaid warning must start at 3 months")
	}
	if _, ok := du.Exemption("poor_household"); !ok {
		t.Error("no poor-household exemption")
	}
}

// TestDuesReliefQD01of2026 follows Quy định 01-QĐ/TW (signed 03/02/2026,
// applied from 01/02/2026), Điều 5 khoản 1: «Đảng viên được miễn đóng
// đảng phí: từ đủ 50 năm tuổi đảng trở lên; được hưởng trợ cấp hưu trí xã
// hội; có hoàn cảnh đặc biệt khó khăn (thuộc hộ nghèo, hộ cận nghèo; người
// mắc bệnh hiểm nghèo), có đơn …»; «… được xem xét cho miễn hoặc giảm 30%,
// 50%, 70% mức đóng đảng phí …. Mỗi lần xem xét miễn, giảm mức đóng đảng
// phí trong thời gian tối đa là 12 tháng.» Months before it keep the
// rules of Quyết định 342-QĐ/TW.
func TestDuesReliefQD01of2026(t *testing.T) {
	before, err := DuesOn(d("2026-01-31"))
	if err != nil {
		t.Fatal(err)
	}
	after, err := DuesOn(d("2026-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		set  Dues
		code string
		want bool
	}{
		{"social pension exempt from 02/2026", after, "social_pension", true},
		{"serious illness exempt from 02/2026", after, "serious_illness", true},
		{"poor household exempt from 02/2026", after, "poor_household", true},
		{"no social pension exemption in 01/2026", before, "social_pension", false},
		{"no serious illness exemption in 01/2026", before, "serious_illness", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := tc.set.Exemption(tc.code); ok != tc.want {
				t.Errorf("Exemption(%q) = %v, want %v", tc.code, ok, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name string
		set  Dues
		pct  int
		want bool
	}{
		{"30 % from 02/2026", after, 30, true}, {"50 % from 02/2026", after, 50, true}, {"70 % from 02/2026", after, 70, true},
		{"40 % is no reduction of the rule", after, 40, false}, {"no 50 % before 02/2026", before, 50, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.set.Reduction(tc.pct); got != tc.want {
				t.Errorf("Reduction(%d) = %v, want %v", tc.pct, got, tc.want)
			}
		})
	}
	if after.ReliefMaxMonths.Value != 12 {
		t.Errorf("relief lasts at most %d months, the text says 12", after.ReliefMaxMonths.Value)
	}
	if got := Reduce(5000, 70); got != 1500 {
		t.Errorf("70 %% off 5,000 = %d", got)
	}
	if after.Exemptions.Cite() != "Quy định 01-QĐ/TW, Điều 5" || after.Exemptions.Quote == "" || after.Exemptions.Signed != "2026-02-03" {
		t.Errorf("exemptions cite %q signed %q", after.Exemptions.Cite(), after.Exemptions.Signed)
	}
}

// TestDuesUnpaidWarningClause: Quy định 01-QĐ/TW, Điều 2 khoản 1: «Chi bộ
// xem xét, đề nghị … xóa tên … đối với trường hợp đảng viên không đóng
// đảng phí ba tháng trong năm mà không có lý do chính đáng.»
func TestDuesUnpaidWarningClause(t *testing.T) {
	for _, day := range []string{"2025-06-01", "2026-06-01"} {
		set, err := DuesOn(d(day))
		if err != nil {
			t.Fatal(err)
		}
		if set.UnpaidWarnMonths.Value != 3 || set.UnpaidWarning(2) || !set.UnpaidWarning(3) {
			t.Errorf("%s: warning at %d months", day, set.UnpaidWarnMonths.Value)
		}
	}
	set, _ := DuesOn(d("2026-06-01"))
	if set.UnpaidWarnMonths.Cite() != "Quy định 01-QĐ/TW, Điều 2, khoản 1" || !strings.Contains(set.UnpaidWarnMonths.Quote, "ba tháng trong năm") {
		t.Errorf("warning cites %q", set.UnpaidWarnMonths.Cite())
	}
}
