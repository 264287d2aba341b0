package rules

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"chibo/assets"
)

// Level is one rating level, best first in a set, with the lowest score
// (100-point scale) that reaches it.
type Level struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	MinScore int    `json:"min_score"`
}

// SickCap limits the level of a member on long sick leave.
type SickCap struct {
	Months   int    `json:"months"`
	MaxLevel string `json:"max_level"`
}

// Rating is one version of the year-end rating rules (rating-*.json).
type Rating struct {
	ID                string          `json:"id"`
	Effective         string          `json:"effective"`
	Note              string          `json:"note"`
	Levels            Value[[]Level]  `json:"levels"`
	ScoreRange        Value[[2]int]   `json:"score_range"`
	QuotaPercent      Value[int]      `json:"excellent_quota_percent"`
	MinMonths         Value[int]      `json:"min_months_to_rate"`
	SickLeave         Value[SickCap]  `json:"sick_leave_cap"`
	SickNotRated      Value[int]      `json:"sick_leave_not_rated_months"` // 0 = the set has no such rule
	MaternityExcepted Value[bool]     `json:"maternity_leave_excepted"`
	DisciplinedLevel  Value[string]   `json:"disciplined_level"`
	NotReviewed       Value[[]string] `json:"not_reviewed_statuses"`
	RatedElsewhere    Value[[]string] `json:"rated_elsewhere_statuses"`
	QuotaFromLevels   Value[[]string] `json:"quota_base_levels"`
}

func (r Rating) effective() string { return r.Effective }

func (r Rating) validate() error {
	for k, v := range map[string]interface{ valid(string) error }{
		"levels": r.Levels, "score_range": r.ScoreRange, "excellent_quota_percent": r.QuotaPercent,
		"min_months_to_rate": r.MinMonths, "sick_leave_cap": r.SickLeave, "sick_leave_not_rated_months": r.SickNotRated,
		"maternity_leave_excepted": r.MaternityExcepted, "disciplined_level": r.DisciplinedLevel,
		"not_reviewed_statuses": r.NotReviewed, "rated_elsewhere_statuses": r.RatedElsewhere,
		"quota_base_levels": r.QuotaFromLevels,
	} {
		if err := v.valid(k); err != nil {
			return err
		}
	}
	if lo, hi := r.ScoreRange.Value[0], r.ScoreRange.Value[1]; lo >= hi {
		return fmt.Errorf("score_range %d–%d", lo, hi)
	}
	if _, ok := r.Level(r.DisciplinedLevel.Value); !ok {
		return fmt.Errorf("disciplined_level: unknown level %q", r.DisciplinedLevel.Value)
	}
	for _, l := range r.QuotaFromLevels.Value {
		if _, ok := r.Level(l); !ok {
			return fmt.Errorf("quota_base_levels: unknown level %q", l)
		}
	}
	if n := r.SickNotRated.Value; n != 0 && n <= r.SickLeave.Value.Months {
		return fmt.Errorf("sick_leave_not_rated_months %d must be above the cap's %d", n, r.SickLeave.Value.Months)
	}
	if len(r.Levels.Value) < 2 {
		return fmt.Errorf("levels: need at least two")
	}
	for i := 1; i < len(r.Levels.Value); i++ {
		if r.Levels.Value[i].MinScore >= r.Levels.Value[i-1].MinScore {
			return fmt.Errorf("levels: scores must fall from best to worst")
		}
	}
	if p := r.QuotaPercent.Value; p < 1 || p > 100 {
		return fmt.Errorf("excellent_quota_percent %d out of range", p)
	}
	if _, ok := r.Level(r.SickLeave.Value.MaxLevel); !ok {
		return fmt.Errorf("sick_leave_cap: unknown level %q", r.SickLeave.Value.MaxLevel)
	}
	return nil
}

// versioned is a rule family whose sets take effect on a date.
type versioned interface {
	effective() string
	validate() error
}

// loadSets reads the files matching pattern, checks them and sorts them
// oldest first.
func loadSets[T versioned](fsys fs.FS, pattern string) ([]T, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("rules: no rule sets match %s", pattern)
	}
	out := make([]T, 0, len(names))
	for _, n := range names {
		var s T
		if err := readJSON(fsys, n, &s); err != nil {
			return nil, err
		}
		if !isDate(s.effective()) {
			return nil, fmt.Errorf("rules: %s: effective date %q", path.Base(n), s.effective())
		}
		if err := s.validate(); err != nil {
			return nil, fmt.Errorf("rules: %s: %w", path.Base(n), err)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].effective() < out[j].effective() })
	return out, nil
}

// pickSet returns the newest set in force on day on; a day before the
// oldest set gets the oldest (the app carries no older rules). A set whose
// effective date is still in the future is therefore ignored until then.
func pickSet[T versioned](sets []T, on time.Time) T {
	d := on.Format(dateLayout)
	best := sets[0]
	for _, s := range sets {
		if s.effective() <= d {
			best = s
		}
	}
	return best
}

// RatingFor returns the embedded rating rules for a review year: the set in
// force on 31 December of that year, when reviews are held.
func RatingFor(year int) (Rating, error) {
	return ratingFrom(assets.CellWork, year)
}

func ratingFrom(fsys fs.FS, year int) (Rating, error) {
	sets, err := loadSets[Rating](fsys, "rules/cellwork/rating-*.json")
	if err != nil {
		return Rating{}, err
	}
	return pickSet(sets, time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)), nil
}

// Level finds a level by code.
func (r Rating) Level(code string) (Level, bool) {
	for _, l := range r.Levels.Value {
		if l.Code == code {
			return l, true
		}
	}
	return Level{}, false
}

// rank is a level's place, 0 = best; -1 when unknown.
func (r Rating) rank(code string) int {
	for i, l := range r.Levels.Value {
		if l.Code == code {
			return i
		}
	}
	return -1
}

// LevelForScore is the best level whose band holds score.
func (r Rating) LevelForScore(score int) Level {
	for _, l := range r.Levels.Value {
		if score >= l.MinScore {
			return l
		}
	}
	return r.Levels.Value[len(r.Levels.Value)-1]
}

// Subject is what the rating rules need to know about one member for one year.
type Subject struct {
	Status          string    // member status code (store's codes)
	Suspended       bool      // đình chỉ sinh hoạt
	Admitted        time.Time // admission date; zero when unknown
	SickLeaveMonths int       // months absent through illness (or, with Maternity, on maternity leave)
	Maternity       bool      // the absence was maternity leave
	Disciplined     bool      // disciplined during the year
}

// Standing says how a member takes part in one year's review.
type Standing struct {
	Reviewed bool
	Rated    bool
	MaxLevel string // best level allowed; "" = any
	Reason   string // Vietnamese, for the screen; "" when nothing special
}

// Standing applies the exemptions and caps to one member for year; the
// review is taken to be held on 31 December.
func (r Rating) Standing(s Subject, year int) Standing {
	at := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	switch {
	case contains(r.NotReviewed.Value, s.Status):
		return Standing{Reason: "miễn sinh hoạt: không kiểm điểm"}
	case s.Suspended:
		return Standing{Reason: "đình chỉ sinh hoạt: không kiểm điểm"}
	case !s.Admitted.IsZero() && s.Admitted.After(at):
		return Standing{Reason: "chưa vào Đảng trong năm " + fmt.Sprint(year)}
	case contains(r.RatedElsewhere.Value, s.Status):
		return Standing{Reviewed: true, Reason: "sinh hoạt tạm thời: chi bộ nơi sinh hoạt chính thức xếp loại"}
	case !s.Admitted.IsZero() && MonthsBetween(s.Admitted, at) < r.MinMonths.Value:
		return Standing{Reviewed: true, Reason: fmt.Sprintf("vào Đảng chưa đủ %d tháng: kiểm điểm, không xếp loại", r.MinMonths.Value)}
	case s.Disciplined:
		l, _ := r.Level(r.DisciplinedLevel.Value)
		return Standing{Reviewed: true, Rated: true, MaxLevel: l.Code,
			Reason: fmt.Sprintf("bị thi hành kỷ luật trong năm: xếp loại %s (%s)", l.Name, r.DisciplinedLevel.Source)}
	case s.Maternity && r.MaternityExcepted.Value:
		return Standing{Reviewed: true, Rated: true}
	case r.SickNotRated.Value > 0 && s.SickLeaveMonths >= r.SickNotRated.Value:
		return Standing{Reviewed: true, Reason: fmt.Sprintf("nghỉ ốm từ %d tháng trở lên: kiểm điểm, không xếp loại (%s)",
			r.SickNotRated.Value, r.SickNotRated.Source)}
	case s.SickLeaveMonths >= r.SickLeave.Value.Months:
		l, _ := r.Level(r.SickLeave.Value.MaxLevel)
		return Standing{Reviewed: true, Rated: true, MaxLevel: l.Code,
			Reason: fmt.Sprintf("nghỉ ốm từ %d tháng: cao nhất %s", r.SickLeave.Value.Months, l.Name)}
	}
	return Standing{Reviewed: true, Rated: true}
}

// ErrScoreRange refuses a score outside the scale.
var ErrScoreRange = fmt.Errorf("rules: score outside the scale")

// CheckScore refuses a score outside the scale of the set (0–100).
func (r Rating) CheckScore(score int) error {
	if lo, hi := r.ScoreRange.Value[0], r.ScoreRange.Value[1]; score < lo || score > hi {
		return fmt.Errorf("%w: %d not in %d–%d", ErrScoreRange, score, lo, hi)
	}
	return nil
}

// Errors a rating can be refused with.
var (
	ErrNotRated     = fmt.Errorf("rules: member is not rated that year")
	ErrUnknownLevel = fmt.Errorf("rules: unknown rating level")
	ErrAboveCap     = fmt.Errorf("rules: level above what the member may get")
)

// Allow checks one level for a member's standing.
func (r Rating) Allow(st Standing, level string) error {
	if level == "" {
		return nil
	}
	if r.rank(level) < 0 {
		return fmt.Errorf("%w: %q", ErrUnknownLevel, level)
	}
	if !st.Rated {
		return fmt.Errorf("%w: %s", ErrNotRated, st.Reason)
	}
	if st.MaxLevel != "" && r.rank(level) < r.rank(st.MaxLevel) {
		return fmt.Errorf("%w: %s", ErrAboveCap, st.Reason)
	}
	return nil
}

// Quota says whether the levels proposed for a cell keep "xuất sắc" within
// its share of those rated in the quota's base levels, and how many are
// allowed. The base is what the text says, literally: "không vượt quá 20%
// số đảng viên được xếp loại 'Hoàn thành tốt nhiệm vụ'" counts those rated
// "tốt" only, so 1 "xuất sắc" and 4 "tốt" fail. It counts in integers:
// 2 "xuất sắc" of 10 "tốt" at 20 % passes.
func (r Rating) Quota(levels []string) (ok bool, top, allowed int) {
	base := 0
	best := r.Levels.Value[0].Code
	for _, l := range levels {
		if contains(r.QuotaFromLevels.Value, l) {
			base++
		}
		if l == best {
			top++
		}
	}
	allowed = base * r.QuotaPercent.Value / 100
	return top*100 <= base*r.QuotaPercent.Value, top, allowed
}

// QuotaBase names the levels the quota counts, as the text names them:
// "«Hoàn thành tốt nhiệm vụ»".
func (r Rating) QuotaBase() string {
	var names []string
	for _, code := range r.QuotaFromLevels.Value {
		if l, ok := r.Level(code); ok {
			names = append(names, "«"+l.Name+"»")
		}
	}
	return strings.Join(names, " hoặc ")
}

// MonthsBetween counts whole months from a to b (age in months when a is
// the birth date). It is the largest m with a.AddDate(0, m, 0) on or before
// b, so it agrees with the date AddDate gives for "eligible from": a child
// born on 29 February completes its years on 1 March.
func MonthsBetween(a, b time.Time) int {
	a, b = day(a), day(b)
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()) + 1
	for m > -1200 && a.AddDate(0, m, 0).After(b) {
		m--
	}
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
