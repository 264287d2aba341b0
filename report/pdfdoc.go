package report

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"chibo/assets"
	"chibo/rules"
)

// The document font: Liberation Serif is metric-compatible with Times New
// Roman, which Party documents are set in, and covers Vietnamese.
const family = "LiberationSerif"

const (
	ptMM       = 25.4 / 72 // one point in millimetres
	lineFactor = 1.3       // line height as a multiple of the font size
	paraGap    = 1.2       // mm between paragraphs
)

var fontFiles = map[string]string{
	"":  "fonts/LiberationSerif-Regular.ttf",
	"B": "fonts/LiberationSerif-Bold.ttf",
	"I": "fonts/LiberationSerif-Italic.ttf",
}

// fontBytes reads the embedded fonts once: every document needs all three.
var fontBytes = sync.OnceValues(func() (map[string][]byte, error) {
	out := make(map[string][]byte, len(fontFiles))
	for style, name := range fontFiles {
		b, err := assets.Fonts.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", name, err)
		}
		out[style] = b
	}
	return out, nil
})

// run is a piece of text in one style ("", "B", "I", "BI").
type run struct{ text, style string }

func plain(s string) run   { return run{s, ""} }
func boldRun(s string) run { return run{s, "B"} }
func italic(s string) run  { return run{s, "I"} }

// column is a horizontal band text is set in.
type column struct{ x, w float64 }

// word is one unbreakable piece of text with its measured width.
type word struct {
	text, style string
	w           float64
}

// doc is a small flow-layout writer over fpdf: it wraps and justifies
// paragraphs word by word and breaks pages itself, so nothing is ever
// clipped at the bottom margin and a block can be kept together.
type doc struct {
	pdf   *fpdf.Fpdf
	lay   rules.Layout
	body  column
	y     float64 // top of the next line
	draft bool
}

func newDoc(lay rules.Layout, draft bool) (*doc, error) {
	fonts, err := fontBytes()
	if err != nil {
		return nil, err
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm",
		Size: fpdf.SizeType{Wd: lay.PageWidth, Ht: lay.PageHeight}})
	for _, style := range []string{"", "B", "I"} {
		pdf.AddUTF8FontFromBytes(family, style, fonts[style])
	}
	pdf.SetMargins(lay.MarginLeft, lay.MarginTop, lay.MarginRight)
	pdf.SetAutoPageBreak(false, lay.MarginBottom)
	pdf.SetLang("vi")
	pdf.SetCreator("Sổ tay Chi bộ", true)
	d := &doc{pdf: pdf, lay: lay, draft: draft,
		body: column{lay.MarginLeft, lay.PageWidth - lay.MarginLeft - lay.MarginRight}}
	pdf.SetHeaderFunc(d.pageHeader)
	d.newPage()
	return d, pdf.Error()
}

func lineHeight(pt float64) float64 { return pt * ptMM * lineFactor }

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.y = d.lay.MarginTop
}

// ensure starts a new page unless h more millimetres fit on this one.
func (d *doc) ensure(h float64) {
	if d.y+h > d.lay.PageHeight-d.lay.MarginBottom+0.01 {
		d.newPage()
	}
}

// pageHeader runs at the start of every page, before any content, so the
// draft mark lies under the text. Page numbers go in the middle of the top
// margin, from page 2 unless the rules say otherwise (Hướng dẫn 36-HD/VPTW).
func (d *doc) pageHeader() {
	p := d.pdf
	base := d.lay.MarginTop/2 + d.lay.BodyPt*ptMM/2
	if d.draft {
		d.draftMark(base)
	}
	n := p.PageNo()
	if n == 1 && !d.lay.NumberFirstPage {
		return
	}
	s := strconv.Itoa(n)
	p.SetFont(family, "", d.lay.BodyPt)
	p.Text((d.lay.PageWidth-p.GetStringWidth(s))/2, base, s)
}

// draftMark stamps a page as a draft twice: a large pale diagonal word
// nobody can miss on paper, and a plain label in the top margin that
// survives photocopying and text extraction (rotated text extracts as
// scattered letters).
func (d *doc) draftMark(base float64) {
	const mark = "BẢN NHÁP"
	p := d.pdf
	p.SetTextColor(220, 220, 220)
	p.SetFont(family, "B", 72)
	cx, cy := d.lay.PageWidth/2, d.lay.PageHeight/2
	p.TransformBegin()
	p.TransformRotate(45, cx, cy)
	// Lower the baseline by half the cap height so the word's middle, not
	// its baseline, sits on the page centre.
	p.Text(cx-p.GetStringWidth(mark)/2, cy+72*ptMM*0.33, mark)
	p.TransformEnd()
	p.SetTextColor(170, 0, 0)
	p.SetFont(family, "B", d.lay.BodyPt)
	p.Text(d.lay.PageWidth-d.lay.MarginRight-p.GetStringWidth(mark), base, mark)
	p.SetTextColor(0, 0, 0)
}

// words splits runs at spaces and measures each piece; a piece wider than
// the column is cut between letters so it still fits.
func (d *doc) words(runs []run, pt, maxW float64) []word {
	var out []word
	for _, r := range runs {
		d.pdf.SetFont(family, r.style, pt)
		for _, f := range strings.Fields(r.text) {
			for _, piece := range d.fit(f, maxW) {
				out = append(out, word{piece, r.style, d.pdf.GetStringWidth(piece)})
			}
		}
	}
	return out
}

// fit cuts s into pieces no wider than maxW (current font).
func (d *doc) fit(s string, maxW float64) []string {
	return splitToWidth(s, maxW, d.pdf.GetStringWidth)
}

// breakLines fills lines greedily: the first line is first mm narrower,
// the rest rest mm narrower (indents).
func (d *doc) breakLines(ws []word, space, w, first, rest float64) [][]word {
	var lines [][]word
	var cur []word
	used, avail := 0.0, w-first
	for _, wd := range ws {
		need := wd.w
		if len(cur) > 0 {
			need += space
		}
		if len(cur) > 0 && used+need > avail+0.001 {
			lines = append(lines, cur)
			cur, used, avail = nil, 0, w-rest
			need = wd.w
		}
		cur = append(cur, wd)
		used += need
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// para sets runs as one paragraph in col: align 'J' (justify, last line
// left), 'L' or 'C'. It breaks pages between lines, never inside one.
func (d *doc) para(col column, pt float64, align byte, first, rest float64, runs ...run) {
	lines := d.layout(col, pt, first, rest, runs)
	lh := lineHeight(pt)
	space := d.spaceWidth(pt)
	for i, ln := range lines {
		d.ensure(lh)
		indent := rest
		if i == 0 {
			indent = first
		}
		d.drawLine(ln, col, pt, align, indent, space, i == len(lines)-1)
		d.y += lh
	}
	d.y += paraGap
}

// height measures what para would use, for keeping blocks together.
func (d *doc) height(col column, pt, first, rest float64, runs ...run) float64 {
	return float64(len(d.layout(col, pt, first, rest, runs)))*lineHeight(pt) + paraGap
}

func (d *doc) layout(col column, pt, first, rest float64, runs []run) [][]word {
	ws := d.words(runs, pt, col.w-max(first, rest))
	return d.breakLines(ws, d.spaceWidth(pt), col.w, first, rest)
}

func (d *doc) spaceWidth(pt float64) float64 {
	d.pdf.SetFont(family, "", pt)
	return d.pdf.GetStringWidth(" ")
}

// drawLine places each word; justified lines spread the slack over the gaps.
func (d *doc) drawLine(ln []word, col column, pt float64, align byte, indent, space float64, last bool) {
	total := 0.0
	for _, w := range ln {
		total += w.w
	}
	natural := total + space*float64(len(ln)-1)
	avail := col.w - indent
	x, gap := col.x+indent, space
	switch {
	case align == 'C':
		x += (avail - natural) / 2
	case align == 'J' && !last && len(ln) > 1:
		gap = (avail - total) / float64(len(ln)-1)
	}
	base := d.y + pt*ptMM*0.99 // Liberation Serif ascent, centred in the line
	for _, w := range ln {
		d.pdf.SetFont(family, w.style, pt)
		d.pdf.Text(x, base, w.text)
		x += w.w + gap
	}
}

// textWidth measures s in the given style and size.
func (d *doc) textWidth(s, style string, pt float64) float64 {
	d.pdf.SetFont(family, style, pt)
	return d.pdf.GetStringWidth(s)
}
