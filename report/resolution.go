package report

import (
	"fmt"
	"io"

	"chibo/store"
)

// ResolutionPDF writes the meeting's resolution (nghị quyết) in the layout
// of DOMAIN.md "Printed layout": the same header blocks as the minutes,
// the title "NGHỊ QUYẾT", what the cell resolved with next month's tasks,
// the vote, and the "T/M CHI ỦY / BÍ THƯ" signature on the right (T/M CHI
// BỘ for a cell without a committee).
func ResolutionPDF(w io.Writer, org store.Org, m store.Meeting, members []store.Member) error {
	mw, err := newMinutes(nil, org, m, members)
	if err != nil {
		return fmt.Errorf("report: resolution %s: %w", m.ID, err)
	}
	mw.d.pdf.SetTitle("Nghị quyết "+lowerFirst(meetingLine(m, mw.day)), true)
	mw.header()
	mw.resolutionBody()
	mw.resolutionSign()
	if err := mw.d.pdf.Output(w); err != nil {
		return fmt.Errorf("report: resolution %s: write pdf: %w", m.ID, err)
	}
	return nil
}

func (mw *minutes) resolutionBody() {
	d, lay, m, r := mw.d, mw.d.lay, mw.m, mw.roll
	d.para(d.body, lay.TitlePt, 'C', 0, 0, boldRun("NGHỊ QUYẾT"))
	d.y -= paraGap
	d.para(d.body, lay.SubtitlePt, 'C', 0, 0, boldRun(meetingLine(m, mw.day)))
	if m.Revision > 1 {
		d.para(d.body, lay.BodyPt, 'C', 0, 0, italic(fmt.Sprintf("(Bản sửa lần %d)", m.Revision-1)))
	}
	d.y += lineHeight(lay.BodyPt) / 2
	mw.line(indent, italic("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"))
	mw.line(indent, italic(fmt.Sprintf("- Căn cứ kết quả %s ngày %s (có mặt %d/%d đảng viên),",
		lowerFirst(meetingLine(m, mw.day)), store.FormatDMY(m.Date), r.Present, r.Total)))
	d.y += lineHeight(lay.BodyPt) / 3
	d.para(d.body, lay.BodyPt, 'C', 0, 0, boldRun(upper(mw.org.Name)+" QUYẾT NGHỊ:"))
	for _, p := range paragraphs(m.Resolution) {
		mw.line(indent, plain(p))
	}
	if len(m.Tasks) > 0 {
		mw.line(indent, boldRun("Nhiệm vụ cụ thể:"))
		for i, t := range m.Tasks {
			s := fmt.Sprintf("%d. %s", i+1, t.Title)
			if t.AssigneeName != "" {
				s += " — đồng chí " + t.AssigneeName + " thực hiện"
			}
			if t.DueDate != "" {
				s += ", hạn " + store.FormatDMY(t.DueDate)
			}
			mw.line(indent, plain(s+"."))
		}
	}
	if m.VotesFor+m.VotesAgainst+m.VotesAbstain > 0 {
		ok, why := mw.rules.Passes("resolution", m.VotesFor, r.Eligible)
		result := "được thông qua"
		if !ok {
			result = "không được thông qua"
		}
		mw.line(indent, plain(fmt.Sprintf("Nghị quyết %s với %d/%d đảng viên tán thành (%s).", result, m.VotesFor, r.Eligible, why)))
	}
	mw.line(indent, plain("Chi ủy, các đồng chí đảng viên trong chi bộ có trách nhiệm tổ chức thực hiện nghị quyết này."))
}

// resolutionSign sets "Nơi nhận" on the left and the secretary's block on
// the right, kept together on one page.
func (mw *minutes) resolutionSign() {
	d, pt := mw.d, mw.d.lay.BodyPt
	lh := lineHeight(pt)
	d.ensure(lh/2 + 2*lh + signGap + lh)
	d.y += lh / 2
	half := d.body.w / 2
	left, right := column{d.body.x, half}, column{d.body.x + half, half}
	top := d.y
	small := pt - 2
	d.para(left, small, 'L', 0, 0, italic("Nơi nhận:"))
	d.y -= paraGap
	for _, s := range []string{"- Đảng ủy cấp trên,", "- Đảng viên trong chi bộ,", "- Lưu chi bộ."} {
		d.para(left, small, 'L', 0, 0, plain(s))
		d.y -= paraGap
	}
	leftEnd := d.y
	d.y = top
	tm := "T/M CHI BỘ"
	if mw.org.HasCommittee {
		tm = "T/M CHI ỦY"
	}
	d.tight(right, pt, boldRun(tm))
	d.tight(right, pt, boldRun("BÍ THƯ"))
	if name := mw.secretary(); name != "" {
		d.y += signGap
		d.tight(right, pt, boldRun(name))
	}
	d.y = max(d.y, leftEnd) + lh
}

// secretary is the cell secretary's name, else the chair's.
func (mw *minutes) secretary() string {
	for _, a := range mw.m.Attendance {
		for _, mem := range mw.members {
			if mem.ID == a.MemberID && mem.Position == store.PositionSecretary {
				return mem.FullName
			}
		}
	}
	return mw.m.Chair
}
