package rules

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"chibo/assets"
)

// DuesRate is how one category of member pays: a share of the base (in
// per mille of the insured salary or pension) or a fixed amount in đồng.
type DuesRate struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	PerMille int    `json:"per_mille,omitempty"`
	FixedVND int64  `json:"fixed_vnd,omitempty"`
	// Default marks the category a member with no recorded payment is
	// assumed to be in (the book's one-click amount): in a highland cell,
	// farmers at the province's rate.
	Default bool `json:"default,omitempty"`
}

// DuesExemption is a reason a member pays nothing. Application marks the
// reasons granted on the member's written request to the cell, for a
// limited time (ReliefMaxMonths); the others follow from a fact.
type DuesExemption struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Application bool   `json:"application,omitempty"`
}

// DuesRates are a set's categories; they read as the rules page shows them.
type DuesRates []DuesRate

func (rs DuesRates) String() string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name + ": " + fmt.Sprintf("%d đồng", r.FixedVND)
		if r.PerMille > 0 {
			out[i] = r.Name + ": " + strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", float64(r.PerMille)/10), "0"), ".") + " %"
		}
	}
	return strings.Join(out, "; ")
}

// DuesExemptions are a set's reasons for paying nothing.
type DuesExemptions []DuesExemption

func (es DuesExemptions) String() string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return strings.Join(out, "; ")
}

// Percents are reductions, each percent off the rate.
type Percents []int

func (ps Percents) String() string {
	if len(ps) == 0 {
		return "không có"
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%d %%", p)
	}
	return strings.Join(out, ", ")
}

// Dues is one version of the dues rules (dues-*.json).
type Dues struct {
	ID                string                `json:"id"`
	Effective         string                `json:"effective"`
	Note              string                `json:"note"`
	Rates             Value[DuesRates]      `json:"rates"`
	Exemptions        Value[DuesExemptions] `json:"exemptions"`
	Reductions        Value[Percents]       `json:"reductions"`        // percent off the rate, on application
	ReliefMaxMonths   Value[int]            `json:"relief_max_months"` // one exemption or reduction lasts at most this long
	ExemptYears       Value[int]            `json:"exempt_after_membership_years"`
	UnpaidWarnMonths  Value[int]            `json:"unpaid_warning_months"`
	FarmerRateChecked Value[bool]           `json:"farmer_rate_set_by_province"`
}

func (d Dues) effective() string { return d.Effective }

func (d Dues) validate() error {
	for k, v := range map[string]interface{ valid(string) error }{
		"rates": d.Rates, "exemptions": d.Exemptions, "exempt_after_membership_years": d.ExemptYears,
		"unpaid_warning_months": d.UnpaidWarnMonths, "farmer_rate_set_by_province": d.FarmerRateChecked,
		"reductions": d.Reductions, "relief_max_months": d.ReliefMaxMonths,
	} {
		if err := v.valid(k); err != nil {
			return err
		}
	}
	for _, r := range d.Rates.Value {
		if r.Code == "" || (r.PerMille <= 0) == (r.FixedVND <= 0) {
			return fmt.Errorf("rates: %q needs exactly one of per_mille and fixed_vnd", r.Code)
		}
	}
	if d.UnpaidWarnMonths.Value < 1 {
		return fmt.Errorf("unpaid_warning_months must be positive")
	}
	if d.ReliefMaxMonths.Value < 1 {
		return fmt.Errorf("relief_max_months must be positive")
	}
	for _, p := range d.Reductions.Value {
		if p <= 0 || p >= 100 {
			return fmt.Errorf("reductions: %d %% is not a reduction", p)
		}
	}
	if _, ok := d.DefaultRate(); !ok {
		return fmt.Errorf("rates: no fixed rate marked default")
	}
	return nil
}

// DuesOn returns the embedded dues rules in force on day on.
func DuesOn(on time.Time) (Dues, error) { return duesFrom(assets.CellWork, on) }

func duesFrom(fsys fs.FS, on time.Time) (Dues, error) {
	sets, err := loadSets[Dues](fsys, "rules/cellwork/dues-*.json")
	if err != nil {
		return Dues{}, err
	}
	return pickSet(sets, on), nil
}

// Rate finds a category.
func (d Dues) Rate(code string) (DuesRate, bool) {
	for _, r := range d.Rates.Value {
		if r.Code == code {
			return r, true
		}
	}
	return DuesRate{}, false
}

// Exemption finds an exemption reason.
func (d Dues) Exemption(code string) (DuesExemption, bool) {
	for _, e := range d.Exemptions.Value {
		if e.Code == code {
			return e, true
		}
	}
	return DuesExemption{}, false
}

// Amount is the monthly due of a category for a base salary or pension in
// đồng, rounded to whole đồng (half up).
func (d Dues) Amount(category string, baseVND int64) (int64, error) {
	r, ok := d.Rate(category)
	if !ok {
		return 0, fmt.Errorf("rules: unknown dues category %q", category)
	}
	if r.FixedVND > 0 {
		return r.FixedVND, nil
	}
	if baseVND <= 0 {
		return 0, fmt.Errorf("rules: dues category %q needs a salary or pension", category)
	}
	return (baseVND*int64(r.PerMille) + 500) / 1000, nil
}

// DefaultRate is the fixed rate assumed for a member with no payment on
// record.
func (d Dues) DefaultRate() (DuesRate, bool) {
	for _, r := range d.Rates.Value {
		if r.Default && r.FixedVND > 0 {
			return r, true
		}
	}
	return DuesRate{}, false
}

// Reduction reports whether pct is a reduction these rules allow.
func (d Dues) Reduction(pct int) bool { return slices.Contains(d.Reductions.Value, pct) }

// Reduce applies a reduction of pct percent to a monthly amount, rounded
// to whole đồng (half up).
func Reduce(amount int64, pct int) int64 {
	return (amount*int64(100-pct) + 50) / 100
}

// ExemptByMembership reports whether party age alone exempts a member on day on.
func (d Dues) ExemptByMembership(admitted, on time.Time) bool {
	return !admitted.IsZero() && MonthsBetween(admitted, on) >= 12*d.ExemptYears.Value
}

// UnpaidWarning reports whether this many unpaid months in a year call for
// the cell to consider striking the member from the roll.
func (d Dues) UnpaidWarning(unpaidMonths int) bool { return unpaidMonths >= d.UnpaidWarnMonths.Value }

// Cite names a figure's regulation and clause, "Quy định 01-QĐ/TW, Điều 5",
// for the sentences that say where a figure comes from.
func (v Value[T]) Cite() string {
	if v.Article == "" {
		return v.Source
	}
	return v.Source + ", " + v.Article
}
