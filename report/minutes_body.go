package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"chibo/rules"
)

// agenda sets each item: numbered bold title, the discussion with its
// speakers, the chair's conclusion.
func (mw *minutes) agenda() {
	d := mw.d
	if len(mw.m.Agenda) == 0 {
		return
	}
	lh := lineHeight(d.lay.BodyPt)
	d.y += lh / 3
	d.ensure(3 * lh)
	d.para(d.body, d.lay.BodyPt, 'C', 0, 0, boldRun("NỘI DUNG SINH HOẠT"))
	for i, it := range mw.m.Agenda {
		head := boldRun(roman(i+1) + ". " + it.Title)
		// Keep a heading with the first line of what follows it.
		d.ensure(d.height(d.body, d.lay.BodyPt, indent, 0, head) + lh)
		mw.line(indent, head)
		if ps := paragraphs(it.Discussion); len(ps) > 0 || len(it.Speakers) > 0 {
			d.ensure(2 * lh)
			mw.line(indent, italic("Ý kiến thảo luận:"))
			for _, p := range ps {
				mw.line(indent, plain(p))
			}
			mw.speakers(it.Speakers)
		}
		for j, p := range paragraphs(it.Conclusion) {
			if j == 0 {
				mw.line(indent, boldRun("Kết luận:"), plain(p))
				continue
			}
			mw.line(indent, plain(p))
		}
	}
}

// vote sets the resolution and the tally against the eligible members,
// with whether it carried under the rules in force that day.
func (mw *minutes) vote() {
	m, r := mw.m, mw.roll
	voted := m.VotesFor+m.VotesAgainst+m.VotesAbstain > 0
	if m.Resolution == "" && !voted {
		return
	}
	d := mw.d
	d.y += lineHeight(d.lay.BodyPt) / 3
	d.ensure(3 * lineHeight(d.lay.BodyPt))
	d.para(d.body, d.lay.BodyPt, 'C', 0, 0, boldRun("NGHỊ QUYẾT VÀ BIỂU QUYẾT"))
	for _, p := range paragraphs(m.Resolution) {
		mw.line(indent, plain(p))
	}
	if !voted {
		return
	}
	mw.line(indent, boldRun("Biểu quyết:"), plain(fmt.Sprintf("tán thành %d/%d (%s %%), không tán thành %d, không biểu quyết %d.",
		m.VotesFor, r.Eligible, rules.Percent(m.VotesFor, r.Eligible), m.VotesAgainst, m.VotesAbstain)))
	ok, why := mw.rules.Passes(rules.VoteResolution, m.VotesFor, r.Eligible)
	result := "nghị quyết được thông qua"
	if !ok {
		result = "nghị quyết không được thông qua"
	}
	mw.line(indent, boldRun("Kết quả:"), plain(result+" ("+why+")."))
}

// closing sets the closing time, the adoption statement and the
// signatures, kept together on one page so the signatures never stand
// alone under nothing.
func (mw *minutes) closing() {
	d, pt := mw.d, mw.d.lay.BodyPt
	end := plain("Cuộc họp kết thúc cùng ngày.")
	if mw.m.EndTime != "" {
		end = plain("Cuộc họp kết thúc hồi " + clock(mw.m.EndTime) + " cùng ngày.")
	}
	adopt := plain("Biên bản đã được đọc lại cho chi bộ nghe và nhất trí thông qua.")
	lh := lineHeight(pt)
	sign := lh/2 + lh + signGap + lh
	d.ensure(d.height(d.body, pt, indent, 0, end) + d.height(d.body, pt, indent, 0, adopt) + sign)
	mw.line(indent, end)
	mw.line(indent, adopt)
	d.y += lh / 2
	half := d.body.w / 2
	left, right := column{d.body.x, half}, column{d.body.x + half, half}
	top := d.y
	d.tight(left, pt, boldRun("THƯ KÝ"))
	d.y = top
	d.tight(right, pt, boldRun("CHỦ TRÌ"))
	names := d.y + signGap
	for _, s := range []struct {
		col  column
		name string
	}{{left, mw.m.MinuteTaker}, {right, mw.m.Chair}} {
		if s.name != "" {
			d.y = names
			d.tight(s.col, pt, boldRun(s.name))
		}
	}
	d.y = names + lh
}

// lowerFirst turns "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11" into running text.
func lowerFirst(s string) string { return strings.ToLower(s) }

// capitalise upper-cases the first letter ("ngày 05…" → "Ngày 05…").
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// mustLongDate formats a date already parsed once by writeMinutes.
func mustLongDate(iso string) string {
	s, err := longDate(iso)
	if err != nil {
		return iso
	}
	return s
}
