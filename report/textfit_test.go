package report

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// clipQuadratic is how cells were clipped before: one letter off the end
// at a time, the whole prefix measured again each time. Kept as the
// oracle and the benchmark's baseline.
func clipQuadratic(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 && pdf.GetStringWidth(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

func fontPDF(t testing.TB) *fpdf.Fpdf {
	t.Helper()
	fonts, err := fontBytes()
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", fonts[""])
	pdf.SetFont(family, "", 10)
	return pdf
}

// TestClipToWidthSameAsBefore: the linear clipping gives what the old one
// gave, on names of every length against widths from one letter up.
func TestClipToWidthSameAsBefore(t *testing.T) {
	pdf := fontPDF(t)
	rng := rand.New(rand.NewPCG(1, 2))
	letters := []rune("aăâbcdđeêghiklmnoôơpqrstuưvxyÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬ iíìỉĩị WM.1")
	for n := 0; n < 2000; n++ {
		rs := make([]rune, rng.IntN(60))
		for i := range rs {
			rs[i] = letters[rng.IntN(len(letters))]
		}
		s, w := string(rs), 1+rng.Float64()*80
		if got, want := clipToWidth(s, w, pdf.GetStringWidth), clipQuadratic(pdf, s, w); got != want {
			t.Fatalf("%q at %.2f mm: got %q, want %q", s, w, got, want)
		}
	}
}

// TestAttackHugeNameInHubPDF: a cell that names itself with 100,000
// letters (its bundle is 33 KB) no longer keeps the hub's PDF report busy
// for 37 s: it prints within a second or two, clipped.
func TestAttackHugeNameInHubPDF(t *testing.T) {
	r := Rollup{Hub: "Đảng ủy xã Tả Van", PerCell: []CellFigures{{Name: strings.Repeat("Chi bộ giả mạo ", 100_000/15)}}}
	start := time.Now()
	if err := HubPDF(io.Discard, r, time.Now()); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("the hub PDF with a 100,000-letter name took %v", took)
	}
}

// BenchmarkClipText clips a name of n letters to a 62 mm cell, the linear
// way and, as the baseline in the same run, the quadratic way it was
// done before (up to 10,000 letters: at 100,000 the baseline takes about
// half a minute).
//
//	go test -tags ci -run '^$' -bench ClipText ./report
func BenchmarkClipText(b *testing.B) {
	pdf := fontPDF(b)
	for _, n := range []int{100, 1_000, 10_000, 100_000} {
		s := string([]rune(strings.Repeat("Giàng A Páo ", n/12+1))[:n])
		var base float64
		if n <= 10_000 {
			b.Run(fmt.Sprintf("baseline-quadratic-%d", n), func(b *testing.B) {
				for b.Loop() {
					clipQuadratic(pdf, s, 62)
				}
				base = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			})
		}
		b.Run(fmt.Sprintf("linear-%d", n), func(b *testing.B) {
			for b.Loop() {
				clipToWidth(s, 62, pdf.GetStringWidth)
			}
			if base > 0 {
				b.ReportMetric(base/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "x-faster")
			}
		})
	}
}

// splitQuadratic is how a long word was cut before, kept as the oracle.
func splitQuadratic(pdf *fpdf.Fpdf, s string, maxW float64) []string {
	if pdf.GetStringWidth(s) <= maxW {
		return []string{s}
	}
	var out []string
	start := 0
	for i, r := range s {
		if i > start && pdf.GetStringWidth(s[start:i+len(string(r))]) > maxW {
			out = append(out, s[start:i])
			start = i
		}
	}
	return append(out, s[start:])
}

// TestSplitToWidthSameAsBefore: cutting a word wider than its column gives
// the pieces it gave before.
func TestSplitToWidthSameAsBefore(t *testing.T) {
	pdf := fontPDF(t)
	rng := rand.New(rand.NewPCG(3, 4))
	letters := []rune("aăâbcdđeêghiklmnoôơpqrstuưvxyÀẢÃÁẠWM1")
	for n := 0; n < 2000; n++ {
		rs := make([]rune, rng.IntN(200))
		for i := range rs {
			rs[i] = letters[rng.IntN(len(letters))]
		}
		s, w := string(rs), 2+rng.Float64()*60
		if got, want := splitToWidth(s, w, pdf.GetStringWidth), splitQuadratic(pdf, s, w); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q at %.2f mm: got %q, want %q", s, w, got, want)
		}
	}
}
