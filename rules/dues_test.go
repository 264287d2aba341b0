package rules

import (
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
