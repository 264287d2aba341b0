package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"chibo/assets"
)

// MeetingRules is one version of the rules for cell meetings (Chỉ thị
// 50-CT/TW, Hướng dẫn 42-HD/BTCTW): how long and how often meetings are,
// the standard agenda a regular meeting opens with, and the 100-point
// score with its bands. They live in assets/rules/meeting-*.json.
type MeetingRules struct {
	ID                 string                `json:"id"`
	Effective          string                `json:"effective"`
	Note               string                `json:"note"`
	MinMinutes         map[string]Value[int] `json:"min_minutes"` // "regular", "combined"; 0 = no minimum known
	HubMaySetShorter   Value[bool]           `json:"small_cell_hub_minimum"`
	RegularPerMonth    Value[int]            `json:"regular_per_month"`
	ThematicPerQuarter Value[int]            `json:"thematic_per_quarter"`
	Agenda             AgendaTemplate        `json:"agenda"`
	Score              ScoreScheme           `json:"score"`
}

// AgendaTemplate is the standard agenda of a regular meeting.
type AgendaTemplate struct {
	Source    string          `json:"source"`
	Signed    string          `json:"signed,omitempty"`
	Effective string          `json:"effective"`
	Quote     string          `json:"quote,omitempty"`
	Via       string          `json:"via,omitempty"`
	NotFound  string          `json:"not_found,omitempty"`
	Items     []AgendaPattern `json:"items"`
}

// AgendaPattern is one standard item; Section is opening, body or closing.
type AgendaPattern struct {
	Section string `json:"section"`
	Title   string `json:"title"`
}

// ScoreScheme is the meeting score: criteria with maximum points summing
// to the scale, and bands from the best down.
type ScoreScheme struct {
	Source    string      `json:"source"`
	Signed    string      `json:"signed,omitempty"`
	Effective string      `json:"effective"`
	Quote     string      `json:"quote,omitempty"`
	Via       string      `json:"via,omitempty"`
	NotFound  string      `json:"not_found,omitempty"`
	Check     bool        `json:"check,omitempty"`
	Note      string      `json:"note,omitempty"`
	Criteria  []Criterion `json:"criteria"`
	Bands     []Band      `json:"bands"`
}

// Criterion is one part of the score.
type Criterion struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Max   int    `json:"max"`
}

// Band names a score range: a total at or above Min (and below the band
// above it) gets Label.
type Band struct {
	Label string `json:"label"`
	Min   int    `json:"min"`
}

// Kinds of minimum length.
const (
	LengthRegular  = "regular"
	LengthCombined = "combined"
)

// LoadMeetingRules reads every meeting rule set (rules/meeting*.json) from
// fsys, checks them and returns them oldest first.
func LoadMeetingRules(fsys fs.FS) ([]MeetingRules, error) {
	names, err := fs.Glob(fsys, "rules/meeting*.json")
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("rules: no meeting rules found: %v", err)
	}
	var out []MeetingRules
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("rules: %s: %w", name, err)
		}
		var r MeetingRules
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, fmt.Errorf("rules: %s: %w", name, err)
		}
		if err := r.validate(); err != nil {
			return nil, fmt.Errorf("rules: %s: %w", name, err)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Effective < out[j].Effective })
	return out, nil
}

func (r MeetingRules) validate() error {
	if _, err := time.Parse(dateLayout, r.Effective); err != nil {
		return fmt.Errorf("effective date %q: %w", r.Effective, err)
	}
	for _, k := range []string{LengthRegular, LengthCombined} {
		v, ok := r.MinMinutes[k]
		if !ok || v.Value < 0 || v.Value == 0 && v.NotFound == "" {
			return fmt.Errorf("min_minutes.%s missing (0 only where the text was not found)", k)
		}
		if err := v.valid("min_minutes." + k); err != nil {
			return err
		}
	}
	if err := r.HubMaySetShorter.valid("small_cell_hub_minimum"); err != nil {
		return err
	}
	if err := r.RegularPerMonth.valid("regular_per_month"); err != nil {
		return err
	}
	if err := r.ThematicPerQuarter.valid("thematic_per_quarter"); err != nil {
		return err
	}
	if len(r.Agenda.Items) == 0 || r.Agenda.Source == "" {
		return fmt.Errorf("agenda: no items or no source")
	}
	return r.Score.validate()
}

func (s ScoreScheme) validate() error {
	if s.Source == "" || len(s.Criteria) == 0 || len(s.Bands) == 0 {
		return fmt.Errorf("score: no source, criteria or bands")
	}
	seen := map[string]bool{}
	for _, c := range s.Criteria {
		if c.Key == "" || c.Max <= 0 || seen[c.Key] {
			return fmt.Errorf("score: bad or repeated criterion %q", c.Key)
		}
		seen[c.Key] = true
	}
	for i := 1; i < len(s.Bands); i++ {
		if s.Bands[i].Min >= s.Bands[i-1].Min {
			return fmt.Errorf("score: bands must go from the best down")
		}
	}
	if s.Bands[len(s.Bands)-1].Min > 0 {
		return fmt.Errorf("score: the lowest band must start at 0")
	}
	return nil
}

// CurrentMeetingRules returns the embedded meeting rules in force on day
// on (the oldest set for earlier days, so old meetings still print).
func CurrentMeetingRules(on time.Time) (MeetingRules, error) {
	sets, err := LoadMeetingRules(assets.Rules)
	if err != nil {
		return MeetingRules{}, err
	}
	day := on.Format(dateLayout)
	best := sets[0]
	for _, s := range sets {
		if s.Effective <= day {
			best = s
		}
	}
	return best, nil
}

// MaxScore is the scale: the sum of every criterion's maximum.
func (s ScoreScheme) MaxScore() int {
	n := 0
	for _, c := range s.Criteria {
		n += c.Max
	}
	return n
}

// Criterion finds a criterion by key.
func (s ScoreScheme) Criterion(key string) (Criterion, bool) {
	for _, c := range s.Criteria {
		if c.Key == key {
			return c, true
		}
	}
	return Criterion{}, false
}

// Band names the band of a total score.
func (s ScoreScheme) Band(total int) string {
	for _, b := range s.Bands {
		if total >= b.Min {
			return b.Label
		}
	}
	return s.Bands[len(s.Bands)-1].Label
}

// MinLength is the shortest a meeting may be, in minutes; combined is a
// regular meeting holding its thematic part the same evening. 0 means the
// rules in force that day set no minimum the app knows of.
func (r MeetingRules) MinLength(combined bool) int {
	return r.MinRule(combined).Value
}

// MinRule is the minimum with its provenance.
func (r MeetingRules) MinRule(combined bool) Value[int] {
	if combined {
		return r.MinMinutes[LengthCombined]
	}
	return r.MinMinutes[LengthRegular]
}
