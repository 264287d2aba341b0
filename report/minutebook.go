package report

import (
	"fmt"
	"io"
	"time"

	"chibo/rules"
	"chibo/store"
)

// MinuteBookPDF writes the year's minute book (sổ biên bản): a cover with
// the list of meetings, then every meeting's minutes, each from a new
// page, numbered through. meetings come in book order (store.MinuteBook).
func MinuteBookPDF(w io.Writer, org store.Org, year int, meetings []store.Meeting, members []store.Member) error {
	if err := writeBook(w, org, year, meetings, members); err != nil {
		return fmt.Errorf("report: minute book %d: %w", year, err)
	}
	return nil
}

func writeBook(w io.Writer, org store.Org, year int, meetings []store.Meeting, members []store.Member) error {
	for _, m := range meetings {
		if m.State != store.StateFinalized {
			return fmt.Errorf("meeting %s is not finalized", m.ID)
		}
	}
	rs, err := rules.Current(time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	d, err := newDoc(rs.Layout(), false)
	if err != nil {
		return err
	}
	d.pdf.SetTitle(fmt.Sprintf("Sổ biên bản sinh hoạt chi bộ năm %d", year), true)
	if n := len(meetings); n > 0 {
		// The same book prints the same bytes.
		if t, err := time.Parse(time.RFC3339, meetings[n-1].FinalizedAt); err == nil {
			d.pdf.SetCreationDate(t)
			d.pdf.SetModificationDate(t)
		}
	}
	bookCover(d, org, year, meetings)
	for _, m := range meetings {
		d.newPage()
		mw, err := newMinutes(d, org, m, members)
		if err != nil {
			return err
		}
		mw.write()
	}
	return d.pdf.Output(w)
}

// bookCover sets the book's title and its list of meetings.
func bookCover(d *doc, org store.Org, year int, meetings []store.Meeting) {
	lay := d.lay
	lh := lineHeight(lay.BodyPt)
	if org.ParentName != "" {
		d.para(d.body, lay.HeaderPt, 'C', 0, 0, plain(upper(org.ParentName)))
	}
	d.para(d.body, lay.HeaderPt, 'C', 0, 0, boldRun(upper(org.Name)))
	d.y += 3 * lh
	d.para(d.body, lay.TitlePt, 'C', 0, 0, boldRun("SỔ BIÊN BẢN SINH HOẠT CHI BỘ"))
	d.para(d.body, lay.SubtitlePt, 'C', 0, 0, boldRun(fmt.Sprintf("NĂM %d", year)))
	d.y += 2 * lh
	if len(meetings) == 0 {
		d.para(d.body, lay.BodyPt, 'C', 0, 0, italic("Chưa có biên bản nào được chốt trong năm."))
		return
	}
	d.para(d.body, lay.BodyPt, 'L', 0, 0, boldRun("Danh mục biên bản:"))
	for _, m := range meetings {
		day, err := time.Parse("2006-01-02", m.Date)
		if err != nil {
			continue
		}
		s := fmt.Sprintf("Số %d — ngày %s — %s", m.Number, store.FormatDMY(m.Date), capitalise(lowerFirst(meetingLine(m, day))))
		if m.Revision > 1 {
			s += fmt.Sprintf(" (bản sửa lần %d)", m.Revision-1)
		}
		d.para(d.body, lay.BodyPt, 'L', 0, 10, plain(s))
	}
}
