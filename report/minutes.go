// Package report writes the documents a cell or its hub prints or sends:
// the minutes of a meeting as a PDF in the Party's document layout, and the
// hub's roll-up figures over its cells.
//
// Layout figures the regulations set (paper, margins, font sizes) and vote
// thresholds come from chibo/rules, because the regulations behind them
// are reissued every year or two; the few literals left in this package
// are drawing details no regulation names (the line under the header,
// a gap of a millimetre or two).
package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"chibo/rules"
	"chibo/store"
)

const (
	partyName = "ĐẢNG CỘNG SẢN VIỆT NAM"
	indent    = 10 // mm, first-line indent of body paragraphs
	signGap   = 25 // mm left blank for a handwritten signature
	blank     = "………………………"
)

// minutes carries what the sections of one biên bản need.
type minutes struct {
	d       *doc
	org     store.Org
	m       store.Meeting
	members []store.Member
	day     time.Time
	roll    rules.Roll
	rules   rules.RuleSet
}

// MinutesPDF writes the minutes (biên bản) of m as an A4 PDF in the layout
// of DOMAIN.md "Printed layout". members are the cell's members; only those
// with an attendance line in m are on the meeting's roll, because the
// attendance lines are the record of who was called. A meeting that is not
// finalized is marked "BẢN NHÁP" on every page.
func MinutesPDF(w io.Writer, org store.Org, m store.Meeting, members []store.Member) error {
	if err := writeMinutes(w, org, m, members); err != nil {
		return fmt.Errorf("report: minutes %s: %w", m.ID, err)
	}
	return nil
}

func writeMinutes(w io.Writer, org store.Org, m store.Meeting, members []store.Member) error {
	mw, err := newMinutes(nil, org, m, members)
	if err != nil {
		return err
	}
	mw.write()
	if err := mw.d.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// newMinutes prepares the minutes of m on d, or on a new document when d
// is nil (the minute book sets several meetings on one document).
func newMinutes(d *doc, org store.Org, m store.Meeting, members []store.Member) (*minutes, error) {
	day, err := time.Parse("2006-01-02", m.Date)
	if err != nil {
		return nil, fmt.Errorf("meeting date %q: %w", m.Date, err)
	}
	rs, err := rules.Current(day)
	if err != nil {
		return nil, err
	}
	if d == nil {
		if d, err = newDoc(rs.Layout(), m.State != store.StateFinalized); err != nil {
			return nil, err
		}
		d.pdf.SetTitle("Biên bản "+lowerFirst(meetingLine(m, day)), true)
		if m.FinalizedAt != "" {
			// A finalized document prints the same bytes every time.
			if t, err := time.Parse(time.RFC3339, m.FinalizedAt); err == nil {
				d.pdf.SetCreationDate(t)
				d.pdf.SetModificationDate(t)
			}
		}
	}
	people, att := rollInput(m, members)
	return &minutes{d: d, org: org, m: m, members: members, day: day, rules: rs,
		roll: rules.ComputeRoll(people, att)}, nil
}

// write sets the whole biên bản from the current position.
func (mw *minutes) write() {
	mw.header()
	mw.title()
	mw.opening()
	mw.rollCall()
	mw.dues()
	mw.agenda()
	mw.taskReports()
	mw.tasks()
	mw.vote()
	mw.extraVotes()
	mw.score()
	mw.closing()
}

// rollInput turns the attendance lines into the rules' plain values.
func rollInput(m store.Meeting, members []store.Member) ([]rules.Person, []rules.Presence) {
	byID := make(map[string]store.Member, len(members))
	for _, mem := range members {
		byID[mem.ID] = mem
	}
	var people []rules.Person
	att := make([]rules.Presence, 0, len(m.Attendance))
	for _, a := range m.Attendance {
		mem, ok := byID[a.MemberID]
		if a.MemberName != "" {
			// The roll as it stood on the day, not as the list stands now.
			mem, ok = store.Member{ID: a.MemberID, FullName: a.MemberName, Status: a.MemberStatus}, true
		}
		if !ok {
			continue
		}
		people = append(people, rules.Person{ID: mem.ID, Name: mem.FullName, Status: mem.Status})
		att = append(att, rules.Presence{MemberID: a.MemberID, Status: a.Status, Reason: a.Reason})
	}
	return people, att
}

// header sets the two top blocks: parent body and cell on the left, the
// Party's name with its rule and the place and date on the right.
func (mw *minutes) header() {
	mw.d.orgHeader(mw.org, mw.placeName()+", "+mustLongDate(mw.m.Date))
}

// orgHeader sets the header blocks of any Party document of org: the
// minutes and the cell's lists share it.
func (d *doc) orgHeader(org store.Org, dateLine string) {
	lay := d.lay
	partyW := d.textWidth(partyName, "B", lay.PartyNamePt)
	rw := min(max(partyW, d.textWidth(dateLine, "I", lay.HeaderPt))+2, d.body.w*0.6)
	right := column{d.body.x + d.body.w - rw, rw}
	left := column{d.body.x, min(d.body.w-rw-4, 80)}
	top := d.y

	if org.ParentName != "" {
		d.tight(left, lay.HeaderPt, plain(upper(org.ParentName)))
	}
	d.tight(left, lay.HeaderPt, boldRun(upper(org.Name)))
	d.tight(left, lay.HeaderPt, plain("*"))
	leftEnd := d.y

	d.y = top
	d.tight(right, lay.PartyNamePt, boldRun(partyName))
	cx := right.x + right.w/2
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(cx-partyW/2, d.y+0.5, cx+partyW/2, d.y+0.5)
	// The date sits level with the "*" under the cell name.
	d.y = top + 2*lineHeight(lay.HeaderPt)
	d.tight(right, lay.HeaderPt, italic(dateLine))
	d.y = max(d.y, leftEnd) + lineHeight(lay.BodyPt)
}

// tight sets centred lines with no paragraph gap, as the header blocks are.
func (d *doc) tight(col column, pt float64, r run) {
	d.para(col, pt, 'C', 0, 0, r)
	d.y -= paraGap
}

func (mw *minutes) placeName() string {
	if mw.org.Place != "" {
		return mw.org.Place
	}
	if mw.m.Place != "" {
		return mw.m.Place
	}
	return blank
}

// title sets "BIÊN BẢN", the meeting line, the topic and the revision.
func (mw *minutes) title() {
	d, lay, m := mw.d, mw.d.lay, mw.m
	d.para(d.body, lay.TitlePt, 'C', 0, 0, boldRun("BIÊN BẢN"))
	d.y -= paraGap
	d.para(d.body, lay.SubtitlePt, 'C', 0, 0, boldRun(meetingLine(m, mw.day)))
	switch {
	case m.Topic == "":
	case m.Kind == store.MeetingThematic:
		d.para(d.body, lay.SubtitlePt, 'C', 0, 0, boldRun("Chuyên đề: “"+m.Topic+"”"))
	case m.Kind == store.MeetingExtraordinary:
		d.para(d.body, lay.SubtitlePt, 'C', 0, 0, boldRun("Về việc: "+m.Topic))
	}
	if m.Revision > 1 {
		// Revision 1 is the original, so revision 2 is the first correction.
		note := fmt.Sprintf("(Bản sửa lần %d", m.Revision-1)
		if m.RevisionNote != "" {
			note += ": " + m.RevisionNote
		}
		d.para(d.body, lay.BodyPt, 'C', 0, 0, italic(note+")"))
	}
	d.y += lineHeight(lay.BodyPt) / 2
}

// line sets one justified body paragraph with the usual first-line indent.
func (mw *minutes) line(first float64, runs ...run) {
	mw.d.para(mw.d.body, mw.d.lay.BodyPt, 'J', first, 0, runs...)
}

// opening states time, place, chair, minute-taker and guests.
func (mw *minutes) opening() {
	m := mw.m
	when := capitalise(mustLongDate(m.Date))
	if m.StartTime != "" {
		when = "Hồi " + clock(m.StartTime) + ", " + mustLongDate(m.Date)
	}
	if m.Place != "" {
		when += ", tại " + m.Place
	}
	// "sinh hoạt thường kỳ tháng 11…": the cell is already the subject.
	what := strings.Replace(lowerFirst(meetingLine(m, mw.day)), "chi bộ ", "", 1)
	mw.line(indent, plain(fmt.Sprintf("%s, %s tiến hành %s.", when, mw.org.Name, what)))
	mw.line(indent, plain("- Chủ trì: "+mw.comrade(m.Chair)+"."))
	mw.line(indent, plain("- Thư ký: "+mw.comrade(m.MinuteTaker)+"."))
	if m.Guests != "" {
		mw.line(indent, plain("- Khách mời: "+m.Guests+"."))
	}
}

// comrade names a person with their post, or leaves a blank to fill by hand.
func (mw *minutes) comrade(name string) string {
	if name == "" {
		return blank
	}
	s := "đồng chí " + name
	if t := positionTitle(mw.members, name); t != "" {
		s += ", " + t
	}
	return s
}

// rollCall reports the roll and names every absentee.
func (mw *minutes) rollCall() {
	r := mw.roll
	mw.line(indent, plain(fmt.Sprintf("- Tổng số đảng viên: %d (chính thức: %d, dự bị: %d, sinh hoạt tạm thời: %d); "+
		"miễn sinh hoạt: %d; đi sinh hoạt nơi khác: %d; có mặt: %d; vắng: %d.",
		r.Total, r.Full, r.Probationary, r.Temporary, r.Exempt, r.Elsewhere, r.Present, len(r.Absent))))
	for _, a := range r.Absent {
		why := "vắng không lý do"
		if a.Excused {
			why = "vắng có lý do"
		}
		if a.Reason != "" {
			why += " (" + a.Reason + ")"
		}
		mw.line(indent+5, plain("+ Đồng chí "+a.Name+": "+why+"."))
	}
}
