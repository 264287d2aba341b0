// Package rules holds the Party's rules as data plus the pure functions that
// apply them: document layout, vote thresholds and the roll that gives a
// vote its denominator.
//
// Rules are reissued often, so no figure lives in code: every value comes
// from a versioned set in chibo/assets (rules/*.json) and carries the
// regulation it comes from and the date it takes effect. The functions here
// take plain values and never touch the database.
package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"chibo/assets"
)

const dateLayout = "2006-01-02"

// Value is one rule figure with its provenance. Check marks figures the
// sources disagree on or that were not verified, which the UI should flag.
//
// Provenance is what a secretary needs to check the app against the paper
// text: the regulation (Source), the article or point, the day it was
// signed and the day it takes effect, and the clause itself (Quote), with
// Via naming where the words were read when that was not the official
// gazette. A figure whose text could not be found says so in NotFound
// instead of a quotation; no quotation is ever made up.
type Value[T any] struct {
	Value     T      `json:"value"`
	Source    string `json:"source"`
	Article   string `json:"article,omitempty"`
	Signed    string `json:"signed,omitempty"`
	Effective string `json:"effective"`
	Quote     string `json:"quote,omitempty"`
	Via       string `json:"via,omitempty"`
	NotFound  string `json:"not_found,omitempty"`
	Check     bool   `json:"check,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Source describes one figure of a set for display: what it is, its value
// as text, where it comes from.
type Source struct {
	Key       string
	Value     string
	Source    string
	Article   string
	Signed    string
	Effective string
	Quote     string
	Via       string
	NotFound  string
	Check     bool
	Note      string
}

func (v Value[T]) source(key string) Source {
	return Source{Key: key, Value: valueText(v.Value), Source: v.Source, Article: v.Article, Signed: v.Signed,
		Effective: v.Effective, Quote: v.Quote, Via: v.Via, NotFound: v.NotFound, Check: v.Check, Note: v.Note}
}

// Ref is a figure's provenance alone, for a deadline or a refusal that
// cites the clause it applies.
func (v Value[T]) Ref() Source { return v.source("") }

func (v Value[T]) valid(key string) error {
	if v.Source == "" {
		return fmt.Errorf("%s: no source regulation", key)
	}
	if _, err := time.Parse(dateLayout, v.Effective); err != nil {
		return fmt.Errorf("%s: effective date %q: %w", key, v.Effective, err)
	}
	if v.Signed != "" && !isDate(v.Signed) {
		return fmt.Errorf("%s: signed date %q is not yyyy-mm-dd", key, v.Signed)
	}
	if v.Quote != "" && v.NotFound != "" {
		return fmt.Errorf("%s: both a quotation and \"not found\"", key)
	}
	return nil
}

// RuleSet is one version of the rules, in force from Effective.
type RuleSet struct {
	ID        string                     `json:"id"`
	Effective string                     `json:"effective"`
	Note      string                     `json:"note"`
	Page      layoutData                 `json:"layout"`
	Votes     map[string]Value[Fraction] `json:"votes"`
}

// Load reads every rule set from fsys (files rules/*.json), checks them
// and returns them sorted by effective date, oldest first.
func Load(fsys fs.FS) ([]RuleSet, error) {
	names, err := fs.Glob(fsys, "rules/*.json")
	if err != nil {
		return nil, fmt.Errorf("rules: list: %w", err)
	}
	// meeting*.json are the meeting rules, read by LoadMeetingRules.
	names = slices.DeleteFunc(names, func(n string) bool { return strings.HasPrefix(path.Base(n), "meeting") })
	if len(names) == 0 {
		return nil, fmt.Errorf("rules: no rule sets found")
	}
	sets := make([]RuleSet, 0, len(names))
	for _, name := range names {
		s, err := parse(fsys, name)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	sort.Slice(sets, func(i, j int) bool { return sets[i].Effective < sets[j].Effective })
	return sets, nil
}

func parse(fsys fs.FS, name string) (RuleSet, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return RuleSet{}, fmt.Errorf("rules: %s: %w", name, err)
	}
	var s RuleSet
	if err := json.Unmarshal(raw, &s); err != nil {
		return RuleSet{}, fmt.Errorf("rules: %s: %w", name, err)
	}
	if s.ID == "" {
		s.ID = path.Base(name)
	}
	if err := s.validate(); err != nil {
		return RuleSet{}, fmt.Errorf("rules: %s: %w", name, err)
	}
	return s, nil
}

func (s RuleSet) validate() error {
	if _, err := time.Parse(dateLayout, s.Effective); err != nil {
		return fmt.Errorf("effective date %q: %w", s.Effective, err)
	}
	if err := s.Page.validate(); err != nil {
		return err
	}
	for _, kind := range VoteKinds {
		v, ok := s.Votes[kind]
		if !ok {
			return fmt.Errorf("votes: no threshold for %q", kind)
		}
		if err := v.valid("votes." + kind); err != nil {
			return err
		}
		if err := v.Value.validate(); err != nil {
			return fmt.Errorf("votes.%s: %w", kind, err)
		}
	}
	return nil
}

// Current returns the embedded rule set in force on the given day. A day
// before the oldest set gets the oldest one: the app carries no older rules
// and an old meeting must still print.
func Current(on time.Time) (RuleSet, error) {
	sets, err := Load(assets.Rules)
	if err != nil {
		return RuleSet{}, err
	}
	return pick(sets, on), nil
}

// pick chooses from sets (sorted oldest first) the newest one in force on day on.
func pick(sets []RuleSet, on time.Time) RuleSet {
	day := on.Format(dateLayout)
	best := sets[0]
	for _, s := range sets {
		if s.Effective <= day {
			best = s
		}
	}
	return best
}

// Sources lists every figure of the set with its provenance, layout first,
// for a "where does this come from" screen.
func (s RuleSet) Sources() []Source {
	out := s.Page.sources()
	for _, kind := range VoteKinds {
		out = append(out, s.Votes[kind].source("votes."+kind))
	}
	return out
}
