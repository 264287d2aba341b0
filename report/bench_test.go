package report

import (
	"io"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"chibo/store"
)

// BenchmarkMinutesPDF measures a 25-member, 6-item minutes against two
// baselines in the same run: the same words set with fpdf's core Times
// font (no font parsing or embedding, ASCII-folded as core fonts need) and
// an empty page with our three fonts loaded. The minutes run reports its
// ratio to the core-font baseline.
func BenchmarkMinutesPDF(b *testing.B) {
	m, ms := sampleMeeting(6, 0)
	org := sampleOrg()
	text := plainText(m)
	var baseNs float64
	b.Run("baseline-core-times", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := coreTimesPDF(io.Discard, text); err != nil {
				b.Fatal(err)
			}
		}
		baseNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("fonts-only-empty-page", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := fontsOnlyPDF(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("minutes", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := MinutesPDF(io.Discard, org, m, ms); err != nil {
				b.Fatal(err)
			}
		}
		if baseNs > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/baseNs, "x-core-times")
		}
	})
}

// plainText is the meeting's words, folded to ASCII for a core font.
func plainText(m store.Meeting) string {
	var sb strings.Builder
	for _, s := range []string{m.Place, m.Chair, m.MinuteTaker, m.Guests, m.Resolution} {
		sb.WriteString(s + "\n")
	}
	for _, a := range m.Agenda {
		sb.WriteString(a.Title + "\n" + a.Discussion + "\n" + a.Conclusion + "\n")
	}
	return store.Fold(sb.String())
}

func coreTimesPDF(w io.Writer, text string) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(30, 20, 15)
	pdf.AddPage()
	pdf.SetFont("Times", "", 14)
	pdf.MultiCell(0, 6.4, text, "", "J", false)
	return pdf.Output(w)
}

func fontsOnlyPDF(w io.Writer) error {
	d, err := newDoc(testLayout(), false)
	if err != nil {
		return err
	}
	for _, st := range []string{"", "B", "I"} {
		d.textWidth("Sổ tay", st, 14)
		d.pdf.Text(40, 40+float64(len(st))*10, "Sổ tay") // so each font is used and embedded
	}
	return d.pdf.Output(w)
}
