package rules

import "fmt"

// Layout is the printed page of a Party document, in millimetres and
// points, ready for a PDF writer.
type Layout struct {
	Paper                   string
	PageWidth, PageHeight   float64 // mm
	MarginTop, MarginBottom float64 // mm
	MarginLeft, MarginRight float64 // mm
	HeaderPt, PartyNamePt   float64 // top blocks; "ĐẢNG CỘNG SẢN VIỆT NAM"
	TitlePt, SubtitlePt     float64 // "BIÊN BẢN" and the line under it
	BodyPt                  float64
	NumberFirstPage         bool // page numbers start on page 1 instead of 2
}

// paperSizes are ISO 216 sizes in mm: a standard, not a Party rule.
var paperSizes = map[string][2]float64{"A4": {210, 297}}

type layoutData struct {
	Paper           Value[string]  `json:"paper"`
	MarginTop       Value[float64] `json:"margin_top_mm"`
	MarginBottom    Value[float64] `json:"margin_bottom_mm"`
	MarginLeft      Value[float64] `json:"margin_left_mm"`
	MarginRight     Value[float64] `json:"margin_right_mm"`
	HeaderPt        Value[float64] `json:"header_pt"`
	PartyNamePt     Value[float64] `json:"party_name_pt"`
	TitlePt         Value[float64] `json:"title_pt"`
	SubtitlePt      Value[float64] `json:"subtitle_pt"`
	BodyPt          Value[float64] `json:"body_pt"`
	NumberFirstPage Value[bool]    `json:"number_first_page"`
}

// numbers pairs each numeric figure with its key, for checks and listings.
func (d layoutData) numbers() []struct {
	key string
	v   Value[float64]
} {
	type kv = struct {
		key string
		v   Value[float64]
	}
	return []kv{
		{"layout.margin_top_mm", d.MarginTop}, {"layout.margin_bottom_mm", d.MarginBottom},
		{"layout.margin_left_mm", d.MarginLeft}, {"layout.margin_right_mm", d.MarginRight},
		{"layout.header_pt", d.HeaderPt}, {"layout.party_name_pt", d.PartyNamePt},
		{"layout.title_pt", d.TitlePt}, {"layout.subtitle_pt", d.SubtitlePt}, {"layout.body_pt", d.BodyPt},
	}
}

func (d layoutData) validate() error {
	size, ok := paperSizes[d.Paper.Value]
	if !ok {
		return fmt.Errorf("layout.paper: unknown paper %q", d.Paper.Value)
	}
	if err := d.Paper.valid("layout.paper"); err != nil {
		return err
	}
	if err := d.NumberFirstPage.valid("layout.number_first_page"); err != nil {
		return err
	}
	for _, n := range d.numbers() {
		if err := n.v.valid(n.key); err != nil {
			return err
		}
		if n.v.Value <= 0 {
			return fmt.Errorf("%s: must be positive, got %v", n.key, n.v.Value)
		}
	}
	// A page must keep room for text; a typo like 300 mm would otherwise
	// produce an endless loop of empty pages.
	if d.MarginLeft.Value+d.MarginRight.Value > size[0]/2 || d.MarginTop.Value+d.MarginBottom.Value > size[1]/2 {
		return fmt.Errorf("layout: margins leave less than half the page")
	}
	return nil
}

func (d layoutData) sources() []Source {
	out := []Source{d.Paper.source("layout.paper")}
	for _, n := range d.numbers() {
		out = append(out, n.v.source(n.key))
	}
	return append(out, d.NumberFirstPage.source("layout.number_first_page"))
}

// Layout returns the set's page layout.
func (s RuleSet) Layout() Layout {
	d := s.Page
	size := paperSizes[d.Paper.Value]
	return Layout{
		Paper: d.Paper.Value, PageWidth: size[0], PageHeight: size[1],
		MarginTop: d.MarginTop.Value, MarginBottom: d.MarginBottom.Value,
		MarginLeft: d.MarginLeft.Value, MarginRight: d.MarginRight.Value,
		HeaderPt: d.HeaderPt.Value, PartyNamePt: d.PartyNamePt.Value,
		TitlePt: d.TitlePt.Value, SubtitlePt: d.SubtitlePt.Value, BodyPt: d.BodyPt.Value,
		NumberFirstPage: d.NumberFirstPage.Value,
	}
}
