package rules

import (
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"time"

	"chibo/assets"
)

// Admission is one version of the admission rules (admission-*.json):
// eligibility, the deadlines of the pipeline and the introducers' standing.
type Admission struct {
	ID                string     `json:"id"`
	Effective         string     `json:"effective"`
	Note              string     `json:"note"`
	MinAgeMonths      Value[int] `json:"min_age_months"`
	MaxAgeMonths      Value[int] `json:"max_age_months"`
	MinGrade          Value[int] `json:"min_grade"`
	MinGradeHighland  Value[int] `json:"min_grade_highland"`
	HubDecisionDays   Value[int] `json:"hub_decision_working_days"`
	CeremonyDays      Value[int] `json:"ceremony_working_days"`
	ProbationMonths   Value[int] `json:"probation_months"`
	FullVoteDays      Value[int] `json:"full_vote_working_days"`
	IntroducerMonths  Value[int] `json:"introducer_min_months"`
	IntroducersNeeded Value[int] `json:"introducers_needed"`
	CertificateYears  Value[int] `json:"certificate_valid_years"`
}

func (a Admission) effective() string { return a.Effective }

func (a Admission) validate() error {
	for k, v := range a.values() {
		if err := v.valid(k); err != nil {
			return err
		}
		if v.Value < 0 {
			return fmt.Errorf("%s: negative", k)
		}
	}
	if a.MinAgeMonths.Value >= a.MaxAgeMonths.Value {
		return fmt.Errorf("min_age_months must be below max_age_months")
	}
	return nil
}

func (a Admission) values() map[string]Value[int] {
	return map[string]Value[int]{
		"min_age_months": a.MinAgeMonths, "max_age_months": a.MaxAgeMonths, "min_grade": a.MinGrade,
		"min_grade_highland": a.MinGradeHighland, "hub_decision_working_days": a.HubDecisionDays,
		"ceremony_working_days": a.CeremonyDays, "probation_months": a.ProbationMonths,
		"full_vote_working_days": a.FullVoteDays, "introducer_min_months": a.IntroducerMonths,
		"introducers_needed": a.IntroducersNeeded, "certificate_valid_years": a.CertificateYears,
	}
}

// Sources lists the figures with their regulations, for the screen.
func (a Admission) Sources() []Source {
	var out []Source
	for _, k := range []string{"min_age_months", "max_age_months", "min_grade", "min_grade_highland",
		"hub_decision_working_days", "ceremony_working_days", "probation_months", "full_vote_working_days",
		"introducer_min_months", "introducers_needed", "certificate_valid_years"} {
		out = append(out, a.values()[k].source(k))
	}
	return out
}

// AdmissionOn returns the embedded admission rules in force on day on.
func AdmissionOn(on time.Time) (Admission, error) { return admissionFrom(assets.CellWork, on) }

func admissionFrom(fsys fs.FS, on time.Time) (Admission, error) {
	sets, err := loadSets[Admission](fsys, "rules/cellwork/admission-*.json")
	if err != nil {
		return Admission{}, err
	}
	return pickSet(sets, on), nil
}

// Eligibility errors.
var (
	ErrTooYoung    = fmt.Errorf("rules: candidate is under the minimum age")
	ErrTooOld      = fmt.Errorf("rules: candidate is over the maximum age and needs the province")
	ErrEducation   = fmt.Errorf("rules: candidate's education is below the minimum")
	ErrNoBirthDate = fmt.Errorf("rules: candidate has no birth date")
	ErrNoEducation = fmt.Errorf("rules: candidate's education is not a grade such as 9/12")
	ErrIntroducer  = fmt.Errorf("rules: introducer is not a full member of long enough standing")
	ErrCertExpired = fmt.Errorf("rules: awareness-class certificate has expired")
)

// AgeError refuses a candidate by age and says from which day they are
// (or until which day they were) eligible.
type AgeError struct {
	Months   int
	Eligible time.Time // too young: first eligible day; too old: last one
	Err      error
}

func (e *AgeError) Error() string {
	return fmt.Sprintf("%v: %d months old, eligible %s", e.Err, e.Months, e.Eligible.Format(dateLayout))
}
func (e *AgeError) Unwrap() error { return e.Err }

// CheckAge applies the age limits in months on the day the cell considers
// the candidate.
func (a Admission) CheckAge(birth, on time.Time) error {
	if birth.IsZero() {
		return ErrNoBirthDate
	}
	m := MonthsBetween(birth, on)
	switch {
	case m < a.MinAgeMonths.Value:
		return &AgeError{Months: m, Eligible: day(birth).AddDate(0, a.MinAgeMonths.Value, 0), Err: ErrTooYoung}
	case m > a.MaxAgeMonths.Value:
		return &AgeError{Months: m, Eligible: day(birth).AddDate(0, a.MaxAgeMonths.Value+1, -1), Err: ErrTooOld}
	}
	return nil
}

var gradeRe = regexp.MustCompile(`^\s*(\d{1,2})\s*/\s*(10|12)\s*$`)

// CheckEducation reads a grade written "9/12" (or the old "7/10") and
// applies the minimum, the lower one in highland and ethnic-minority areas.
func (a Admission) CheckEducation(text string, highland bool) error {
	g := gradeRe.FindStringSubmatch(text)
	if g == nil {
		return fmt.Errorf("%w: %q", ErrNoEducation, text)
	}
	n, _ := strconv.Atoi(g[1])
	if g[2] == "10" && n >= 5 { // 10-year system: grade 7/10 ≈ 9/12
		n += 2
	}
	min := a.MinGrade.Value
	if highland {
		min = a.MinGradeHighland.Value
	}
	if n < min {
		return fmt.Errorf("%w: %s, cần lớp %d/12", ErrEducation, text, min)
	}
	return nil
}

// CheckIntroducer checks one introducer on the day of the introduction:
// a full member for at least the required months.
func (a Admission) CheckIntroducer(fullMember bool, fullSince, on time.Time) error {
	if !fullMember || fullSince.IsZero() || MonthsBetween(fullSince, on) < a.IntroducerMonths.Value {
		return fmt.Errorf("%w (cần đảng viên chính thức từ %d tháng)", ErrIntroducer, a.IntroducerMonths.Value)
	}
	return nil
}

// CertificateValidUntil is the last day an awareness-class certificate counts.
func (a Admission) CertificateValidUntil(issued time.Time) time.Time {
	return day(issued).AddDate(a.CertificateYears.Value, 0, -1)
}

// HubDecisionDue is the last day for the deciding committee, counted from the cell's resolution.
func (a Admission) HubDecisionDue(c *Calendar, cellResolution time.Time) (time.Time, error) {
	return c.AddWorkdays(cellResolution, a.HubDecisionDays.Value)
}

// CeremonyDue is the last day for the ceremony, counted from the day the decision reached the cell.
func (a Admission) CeremonyDue(c *Calendar, decisionReceived time.Time) (time.Time, error) {
	return c.AddWorkdays(decisionReceived, a.CeremonyDays.Value)
}

// ProbationEnd is the day probation ends, counted from the admission decision.
func (a Admission) ProbationEnd(decision time.Time) time.Time {
	return day(decision).AddDate(0, a.ProbationMonths.Value, 0)
}

// FullVoteDue is the last day for the cell's full-membership vote.
func (a Admission) FullVoteDue(c *Calendar, probationEnd time.Time) (time.Time, error) {
	return c.AddWorkdays(probationEnd, a.FullVoteDays.Value)
}
