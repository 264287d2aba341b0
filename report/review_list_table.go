package report

import (
	"fmt"
	"time"

	"chibo/rules"
	"chibo/store"
)

// Building blocks of the cell's printed lists (the rating proposal list,
// the dues summary): a landscape page with the Party header, a ruled table
// whose cells wrap, and the secretary's signature.

// tableCol is one column of a ruled table: heading, width in mm (0 = an
// equal share of what the fixed columns leave) and alignment ('L', 'C').
type tableCol struct {
	title string
	w     float64
	align byte
}

const cellPad = 1.2 // mm between a cell's rule and its text

// listDoc starts a landscape document of org in the layout of the rules in
// force on day, with the header blocks of the minutes already set.
func listDoc(org store.Org, day time.Time, title string) (*doc, error) {
	rs, err := rules.Current(day)
	if err != nil {
		return nil, err
	}
	lay := rs.Layout()
	// A wide table needs the long side across; margins keep their sides
	// (the left one is still the binding edge).
	if lay.PageWidth < lay.PageHeight {
		lay.PageWidth, lay.PageHeight = lay.PageHeight, lay.PageWidth
	}
	d, err := newDoc(lay, false)
	if err != nil {
		return nil, err
	}
	d.pdf.SetTitle(title, true)
	// The same day prints the same bytes.
	d.pdf.SetCreationDate(day)
	d.pdf.SetModificationDate(day)
	place := org.Place
	if place == "" {
		place = blank
	}
	long, err := longDate(day.Format("2006-01-02"))
	if err != nil {
		return nil, err
	}
	d.orgHeader(org, place+", "+long)
	return d, nil
}

// titles sets the bold title and the line under it, centred.
func (d *doc) titles(title, sub string) {
	d.para(d.body, d.lay.TitlePt, 'C', 0, 0, boldRun(title))
	d.y -= paraGap
	d.para(d.body, d.lay.SubtitlePt, 'C', 0, 0, boldRun(sub))
	d.y += lineHeight(d.lay.BodyPt) / 3
}

// widths resolves the columns' widths across the body.
func (d *doc) widths(cols []tableCol) []float64 {
	out := make([]float64, len(cols))
	rest, shares := d.body.w, 0
	for i, c := range cols {
		out[i] = c.w
		rest -= c.w
		if c.w == 0 {
			shares++
		}
	}
	for i, c := range cols {
		if c.w == 0 {
			out[i] = rest / float64(shares)
		}
	}
	return out
}

// table sets rows under a heading row, wrapping long cells and starting a
// new page (with the heading again) rather than splitting a row.
func (d *doc) table(cols []tableCol, rows [][]string, pt float64) {
	ws := d.widths(cols)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.title
	}
	d.pdf.SetLineWidth(0.2)
	d.tableRow(cols, ws, head, pt, "B")
	for _, r := range rows {
		if d.y+d.rowHeight(ws, r, pt, "") > d.lay.PageHeight-d.lay.MarginBottom {
			d.newPage()
			d.tableRow(cols, ws, head, pt, "B")
		}
		d.tableRow(cols, ws, r, pt, "")
	}
	d.y += paraGap
}

// rowHeight is the tallest cell's wrapped height plus padding.
func (d *doc) rowHeight(ws []float64, texts []string, pt float64, style string) float64 {
	n := 1
	for i, t := range texts {
		n = max(n, len(d.layout(column{0, ws[i] - 2*cellPad}, pt, 0, 0, []run{{t, style}})))
	}
	return float64(n)*lineHeight(pt) + 2*cellPad
}

func (d *doc) tableRow(cols []tableCol, ws []float64, texts []string, pt float64, style string) {
	h := d.rowHeight(ws, texts, pt, style)
	top, x := d.y, d.body.x
	space := d.spaceWidth(pt)
	for i, t := range texts {
		d.pdf.Rect(x, top, ws[i], h, "D")
		col := column{x + cellPad, ws[i] - 2*cellPad}
		align := cols[i].align
		if style == "B" {
			align = 'C'
		}
		lines := d.layout(col, pt, 0, 0, []run{{t, style}})
		for j, ln := range lines {
			d.y = top + cellPad + float64(j)*lineHeight(pt)
			d.drawLine(ln, col, pt, align, 0, space, true)
		}
		x += ws[i]
	}
	d.y = top + h
}

// signBlock is one signature: the bold lines above the space to sign and
// the name under it ("" leaves the name to be written by hand).
type signBlock struct {
	lines []string
	name  string
}

// signatures sets the blocks side by side, all on one page.
func (d *doc) signatures(blocks ...signBlock) {
	pt := d.lay.BodyPt
	lh := lineHeight(pt)
	most := 0
	for _, b := range blocks {
		most = max(most, len(b.lines))
	}
	d.ensure(lh/2 + float64(most)*lh + signGap + lh)
	d.y += lh / 2
	top, end := d.y, d.y
	w := d.body.w / float64(len(blocks))
	for i, b := range blocks {
		col := column{d.body.x + float64(i)*w, w}
		d.y = top
		for _, l := range b.lines {
			d.tight(col, pt, boldRun(l))
		}
		d.y += signGap
		if b.name != "" {
			d.tight(col, pt, boldRun(b.name))
		}
		end = max(end, d.y)
	}
	d.y = end + lh
}

// secretarySign is the cell's signature: on behalf of the committee (or
// the cell without one), the secretary.
func secretarySign(org store.Org, name string) signBlock {
	tm := "T/M CHI BỘ"
	if org.HasCommittee {
		tm = "T/M CHI ỦY"
	}
	return signBlock{lines: []string{tm, "BÍ THƯ"}, name: name}
}

// secretaryOf names the cell's secretary among members, "" if none.
func secretaryOf(members []store.Member) string {
	for _, m := range members {
		if m.Position == store.PositionSecretary && store.Active(m.Status) {
			return m.FullName
		}
	}
	return ""
}

// birthYear is the year of an ISO birth date, "" when unknown.
func birthYear(iso string) string {
	if len(iso) < 4 {
		return ""
	}
	return iso[:4]
}

// sourceLine cites a rule figure's regulation and its effective date.
func sourceLine[T any](v rules.Value[T]) string {
	return fmt.Sprintf("theo %s, áp dụng từ %s", v.Source, store.FormatDMY(v.Effective))
}
