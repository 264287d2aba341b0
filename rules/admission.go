package rules

import (
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"sync"
	"time"

	"chibo/assets"
)

// Admission is one version of the admission rules (admission-*.json):
// eligibility, the deadlines of the pipeline, the introducers' standing
// and how dates follow one another.
type Admission struct {
	ID                  string                     `json:"id"`
	Effective           string                     `json:"effective"`
	Note                string                     `json:"note"`
	MinAgeMonths        Value[int]                 `json:"min_age_months"`
	MaxAgeMonths        Value[int]                 `json:"max_age_months"`
	MinGrade            Value[int]                 `json:"min_grade"`
	MinGradeHighland    Value[int]                 `json:"min_grade_highland"`
	HubDecisionDays     Value[int]                 `json:"hub_decision_working_days"`
	HubFullDecisionDays Value[int]                 `json:"hub_full_decision_working_days"`
	HubExtensionDays    Value[int]                 `json:"hub_decision_extension_working_days"`
	CeremonyDays        Value[int]                 `json:"ceremony_working_days"`
	ProbationMonths     Value[int]                 `json:"probation_months"`
	FullVoteDays        Value[int]                 `json:"full_vote_working_days"`
	IntroducerMonths    Value[int]                 `json:"introducer_min_months"`
	IntroducersNeeded   Value[int]                 `json:"introducers_needed"`
	CertificateYears    Value[int]                 `json:"certificate_valid_years"`
	ProbationFrom       Value[string]              `json:"probation_from"`
	PartyAgeFrom        Value[string]              `json:"party_age_from"`
	FullFrom            Value[string]              `json:"full_membership_from"`
	FirstDayNotCounted  Value[string]              `json:"first_day_not_counted"`
	MonthsEnd           Value[string]              `json:"months_end"`
	DateOrder           map[string]Value[DatePair] `json:"date_order"`
}

// DatePair is an order two dates must keep: Before on or before After
// (field names of the candidate and member records).
type DatePair struct {
	Before string `json:"before"`
	After  string `json:"after"`
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
	for k, v := range map[string]Value[string]{"probation_from": a.ProbationFrom, "party_age_from": a.PartyAgeFrom,
		"full_membership_from": a.FullFrom, "first_day_not_counted": a.FirstDayNotCounted, "months_end": a.MonthsEnd} {
		if err := v.valid(k); err != nil {
			return err
		}
	}
	for _, k := range []string{OrderDecisionCeremony, OrderClassVote} {
		v, ok := a.DateOrder[k]
		if !ok || v.Value.Before == "" || v.Value.After == "" {
			return fmt.Errorf("date_order.%s missing", k)
		}
		if err := v.valid("date_order." + k); err != nil {
			return err
		}
	}
	if a.MinAgeMonths.Value >= a.MaxAgeMonths.Value {
		return fmt.Errorf("min_age_months must be below max_age_months")
	}
	return nil
}

// Orders every admission set names, so a refusal can cite its clause.
const (
	OrderDecisionCeremony = "decision_before_ceremony" // the ceremony follows the decision
	OrderClassVote        = "class_before_vote"        // the awareness class comes before the cell's vote
)

// Order returns the order rule of a key, ok false when the set has none.
func (a Admission) Order(key string) (Value[DatePair], bool) {
	v, ok := a.DateOrder[key]
	return v, ok
}

func (a Admission) values() map[string]Value[int] {
	return map[string]Value[int]{
		"min_age_months": a.MinAgeMonths, "max_age_months": a.MaxAgeMonths, "min_grade": a.MinGrade,
		"min_grade_highland": a.MinGradeHighland, "hub_decision_working_days": a.HubDecisionDays,
		"hub_full_decision_working_days": a.HubFullDecisionDays, "hub_decision_extension_working_days": a.HubExtensionDays,
		"ceremony_working_days": a.CeremonyDays, "probation_months": a.ProbationMonths,
		"full_vote_working_days": a.FullVoteDays, "introducer_min_months": a.IntroducerMonths,
		"introducers_needed": a.IntroducersNeeded, "certificate_valid_years": a.CertificateYears,
	}
}

// embeddedAdmission reads the embedded admission sets once: they cannot
// change while the app runs, and deadlines are counted per candidate.
var embeddedAdmission = sync.OnceValues(func() ([]Admission, error) {
	return loadSets[Admission](assets.CellWork, "rules/cellwork/admission-*.json")
})

// AdmissionOn returns the embedded admission rules in force on day on.
func AdmissionOn(on time.Time) (Admission, error) {
	sets, err := embeddedAdmission()
	if err != nil {
		return Admission{}, err
	}
	return pickSet(sets, on), nil
}

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

// workdays makes a working-day deadline.
func (a Admission) workdays(c *Calendar, step, what, fromWhat string, from time.Time, v Value[int], ext bool) (Deadline, error) {
	w, err := c.Count(from, v.Value)
	if err != nil {
		return Deadline{}, err
	}
	d := Deadline{Step: step, What: what, Due: w.Due, From: day(from), FromWhat: fromWhat, Amount: v.Value, Unit: UnitWorkdays,
		Rules: []Source{v.Ref(), a.FirstDayNotCounted.Ref()}, Count: &w}
	if ext && a.HubExtensionDays.Value > 0 {
		x, err := c.AddWorkdays(w.Due, a.HubExtensionDays.Value)
		if err != nil {
			return Deadline{}, err
		}
		d.Extended = x
		d.Rules = append(d.Rules, a.HubExtensionDays.Ref())
	}
	return d, nil
}

// HubDecisionDue is the last day for the deciding committee to decide an
// admission, counted from the cell's resolution; one extension allowed.
func (a Admission) HubDecisionDue(c *Calendar, cellResolution time.Time) (Deadline, error) {
	return a.workdays(c, StepHubDecision, "Cấp ủy có thẩm quyền quyết định kết nạp", "ngày chi bộ có nghị quyết đề nghị kết nạp",
		cellResolution, a.HubDecisionDays, true)
}

// HubFullDecisionDue is the last day for the deciding committee to decide
// a full membership, counted from the cell's resolution; one extension.
func (a Admission) HubFullDecisionDue(c *Calendar, cellResolution time.Time) (Deadline, error) {
	return a.workdays(c, StepHubFullDecision, "Cấp ủy có thẩm quyền quyết định công nhận đảng viên chính thức",
		"ngày chi bộ có nghị quyết đề nghị công nhận chính thức", cellResolution, a.HubFullDecisionDays, true)
}

// CeremonyDue is the last day for the ceremony, counted from the day the decision reached the cell.
func (a Admission) CeremonyDue(c *Calendar, decisionReceived time.Time) (Deadline, error) {
	return a.workdays(c, StepCeremony, "Chi bộ tổ chức lễ kết nạp", "ngày chi bộ nhận quyết định kết nạp", decisionReceived, a.CeremonyDays, false)
}

// ProbationEnd is the day probation ends: twelve months from the admission
// ceremony (Điều lệ Đảng, Điều 5.1), counted as the Civil Code counts months.
func (a Admission) ProbationEnd(ceremony time.Time) time.Time {
	return AddMonths(ceremony, a.ProbationMonths.Value)
}

// Probation is the end of probation as a deadline, with its rules.
func (a Admission) Probation(ceremony time.Time) Deadline {
	return Deadline{Step: StepProbation, What: "Hết thời kỳ dự bị", Due: a.ProbationEnd(ceremony), From: day(ceremony),
		FromWhat: "ngày chi bộ tổ chức lễ kết nạp", Amount: a.ProbationMonths.Value, Unit: UnitMonths,
		Rules: []Source{a.ProbationMonths.Ref(), a.ProbationFrom.Ref(), a.MonthsEnd.Ref()}}
}

// FullVoteDue is the last day for the cell's full-membership vote: the
// working days after probation ends, probation counted from the ceremony.
func (a Admission) FullVoteDue(c *Calendar, ceremony time.Time) (Deadline, error) {
	p := a.Probation(ceremony)
	d, err := a.workdays(c, StepFullVote, "Chi bộ xét công nhận đảng viên chính thức", "ngày hết 12 tháng dự bị", p.Due, a.FullVoteDays, false)
	if err != nil {
		return Deadline{}, err
	}
	d.Before = &p
	return d, nil
}

// Certificate is the last day an awareness-class certificate counts, as a deadline.
func (a Admission) Certificate(issued time.Time) Deadline {
	return Deadline{Step: StepCertificate, What: "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng hết hạn", Due: a.CertificateValidUntil(issued),
		From: day(issued), FromWhat: "ngày học lớp bồi dưỡng nhận thức về Đảng", Amount: a.CertificateYears.Value,
		Unit: UnitYears, Rules: []Source{a.CertificateYears.Ref()}}
}
