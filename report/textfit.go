package report

import "unicode/utf8"

// Text that does not fit a table cell is cut with an ellipsis, and a word
// wider than a column is cut between letters. Both measure each letter
// once, adding widths as they go: measuring the whole prefix again after
// every letter removed or added was quadratic, and a 100,000-character
// name (a rogue cell's) kept the hub's PDF report busy for 37 s. The
// font has no kerning (fpdf sums the letters' widths), so the sum is the
// width of the string.

// widthFunc measures a string in the current font.
type widthFunc func(string) float64

// clipToWidth returns s if it fits w, else the longest prefix (at least
// one letter) that fits w with "…" after it.
func clipToWidth(s string, w float64, width widthFunc) string {
	ell := width("…")
	acc, cut := 0.0, -1
	for i, r := range s {
		if i > 0 && acc+ell <= w {
			cut = i
		}
		acc += width(string(r))
		if acc > w {
			if cut < 0 { // not even one letter and the ellipsis: keep one
				_, cut = utf8.DecodeRuneInString(s)
			}
			return s[:cut] + "…"
		}
	}
	return s
}

// splitToWidth cuts s into pieces no wider than maxW, each at least one
// letter.
func splitToWidth(s string, maxW float64, width widthFunc) []string {
	var out []string
	start, acc := 0, 0.0
	for i, r := range s {
		rw := width(string(r))
		if i > start && acc+rw > maxW {
			out = append(out, s[start:i])
			start, acc = i, 0
		}
		acc += rw
	}
	return append(out, s[start:])
}
