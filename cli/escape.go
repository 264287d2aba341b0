package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// Names in this app come from other people's files: a cell names itself
// in every bundle, a spreadsheet names its members. Printed raw, a name
// holding terminal escape sequences could rewrite the clerk's screen
// (hide a "refused", fake an "accepted", set the window title) or, with
// bidirectional overrides, show text in another order than it is. So
// everything the commands print goes through safeWriter, which shows
// such characters as visible escapes (\x1b, \u202e) and leaves the rest,
// Vietnamese included, as it is.

// safeWriter escapes control and bidi-override characters on their way to
// w. A UTF-8 sequence cut between two writes is held until it is whole.
type safeWriter struct {
	w       io.Writer
	pending []byte
}

func newSafeWriter(w io.Writer) *safeWriter { return &safeWriter{w: w} }

func (s *safeWriter) Write(p []byte) (int, error) {
	b := append(s.pending, p...)
	out := make([]byte, 0, len(b))
	i := 0
	for i < len(b) {
		if !utf8.FullRune(b[i:]) {
			break // the rest comes with the next write
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = fmt.Appendf(out, `\x%02x`, b[i])
		case unsafeRune(r):
			if r < 0x100 {
				out = fmt.Appendf(out, `\x%02x`, r)
			} else {
				out = fmt.Appendf(out, `\u%04x`, r)
			}
		default:
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	s.pending = append(s.pending[:0], b[i:]...)
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// unsafeRune: C0 controls but newline and tab, DEL, C1 controls (a lone
// 0x9b starts an escape on some terminals), and the bidirectional
// embeddings, overrides and isolates.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f || r == 0x061c:
		return true
	}
	return false
}
