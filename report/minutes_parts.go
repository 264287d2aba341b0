package report

import (
	"fmt"
	"strings"

	"chibo/rules"
	"chibo/store"
)

// The parts of the minutes the Party's guidance adds to the skeleton's
// agenda: named speakers, dues paid, last month's tasks, next month's
// tasks, other votes and the meeting's score.

// speakers sets one paragraph per speaker, the name in bold.
func (mw *minutes) speakers(sp []store.Speaker) {
	for _, s := range sp {
		name := s.Name
		if name == "" {
			name = blank
		}
		mw.line(indent, boldRun("- Đồng chí "+name+":"), plain(s.Remarks))
	}
}

// dues states what was collected at the meeting.
func (mw *minutes) dues() {
	paid, total := 0, 0
	for _, d := range mw.m.Dues {
		if d.Amount > 0 {
			paid++
			total += d.Amount
		}
	}
	if paid == 0 {
		return
	}
	mw.line(indent, plain(fmt.Sprintf("- Thu đảng phí: %d đồng chí nộp, tổng số %s đồng.", paid, money(total))))
}

// money writes đồng with dots between thousands, as Vietnamese does.
func money(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// section starts a centred bold heading kept with what follows it.
func (mw *minutes) section(title string) {
	d := mw.d
	d.y += lineHeight(d.lay.BodyPt) / 3
	d.ensure(3 * lineHeight(d.lay.BodyPt))
	d.para(d.body, d.lay.BodyPt, 'C', 0, 0, boldRun(title))
}

// taskReports lists how last month's tasks went.
func (mw *minutes) taskReports() {
	if len(mw.m.Reports) == 0 {
		return
	}
	mw.section("KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG TRƯỚC")
	for _, r := range mw.m.Reports {
		state := "chưa hoàn thành"
		if r.Done {
			state = "đã hoàn thành"
		}
		s := "- " + r.Title
		if r.AssigneeName != "" {
			s += " (đồng chí " + r.AssigneeName + ")"
		}
		s += ": " + state
		if r.Note != "" {
			s += "; " + r.Note
		}
		mw.line(indent, plain(s+"."))
	}
}

// tasks lists next month's tasks with who does them and by when.
func (mw *minutes) tasks() {
	if len(mw.m.Tasks) == 0 {
		return
	}
	mw.section("PHÂN CÔNG NHIỆM VỤ")
	for i, t := range mw.m.Tasks {
		s := fmt.Sprintf("%d. %s", i+1, t.Title)
		if t.AssigneeName != "" {
			s += " — giao đồng chí " + t.AssigneeName
		}
		if t.DueDate != "" {
			s += ", hạn " + store.FormatDMY(t.DueDate)
		}
		mw.line(indent, plain(s+"."))
	}
}

// voteKindNames words the vote kinds for the minutes.
var voteKindNames = map[string]string{
	rules.VoteResolution: "nghị quyết", rules.VoteAdmission: "kết nạp, công nhận chính thức",
	rules.VoteDiscipline: "kỷ luật", rules.VoteExpulsion: "khai trừ",
}

// extraVotes sets the other votes with their own thresholds.
func (mw *minutes) extraVotes() {
	if len(mw.m.Votes) == 0 {
		return
	}
	mw.section("CÁC NỘI DUNG BIỂU QUYẾT KHÁC")
	e := mw.roll.Eligible
	for _, v := range mw.m.Votes {
		ok, why := mw.rules.Passes(v.Kind, v.For, e)
		result := "đạt"
		if !ok {
			result = "không đạt"
		}
		mw.line(indent, boldRun(v.Subject+":"), plain(fmt.Sprintf(" tán thành %d/%d, không tán thành %d, không biểu quyết %d; %s (%s, biểu quyết %s).",
			v.For, e, v.Against, v.Abstain, result, why, voteKindNames[v.Kind])))
	}
}

// score states the meeting's score and band under the rules of the day.
func (mw *minutes) score() {
	if len(mw.m.Scores) == 0 {
		return
	}
	mr, err := rules.CurrentMeetingRules(mw.day)
	if err != nil {
		return // validated when saved; an old file without rules prints no score
	}
	total := mw.m.ScoreTotal()
	mw.line(indent, boldRun("Chấm điểm buổi sinh hoạt:"),
		plain(fmt.Sprintf("%d/%d điểm, xếp loại %s.", total, mr.Score.MaxScore(), mr.Score.Band(total))))
}
