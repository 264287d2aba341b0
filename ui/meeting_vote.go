package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// The live figures of the meeting: the roll's counts, whether the vote
// carries and the score's band. They follow every tap and keystroke; the
// arithmetic is rules' and store's, this file only shows it.

// liveRoll is the roll as the screen shows it now.
func (f *meetingForm) liveRoll() rules.Roll {
	m := store.Meeting{Attendance: make([]store.Attendance, len(f.roll))}
	for i, r := range f.roll {
		a := r.att
		a.Status = selectedCode(store.AttendanceLabels, r.status)
		m.Attendance[i] = a
	}
	return store.RollOf(m)
}

// rollChanged refreshes everything that depends on the roll.
func (f *meetingForm) rollChanged() {
	if f.rollInfo == nil {
		return // still building
	}
	r := f.liveRoll()
	f.rollInfo.SetText(fmt.Sprintf("Tổng số %d đảng viên (chính thức %d, dự bị %d, sinh hoạt tạm thời %d); miễn sinh hoạt %d; "+
		"sinh hoạt nơi khác %d; có mặt %d; vắng %d. Có quyền biểu quyết: %d.",
		r.Total, r.Full, r.Probationary, r.Temporary, r.Exempt, r.Elsewhere, r.Present, len(r.Absent), r.Eligible))
	f.votesChanged()
}

// votesChanged states whether the resolution carries and why.
func (f *meetingForm) votesChanged() {
	if f.verdict == nil {
		return
	}
	f.verdict.SetText(f.verdictText())
}

func (f *meetingForm) verdictText() string {
	var n [3]int
	for i, e := range []*widget.Entry{f.votesFor, f.votesAgainst, f.votesAbstain} {
		v, err := count(e.Text)
		if err != nil {
			return "Số phiếu phải là số người, ví dụ 12."
		}
		n[i] = v
	}
	if n[0]+n[1]+n[2] == 0 {
		return "Chưa nhập kết quả biểu quyết."
	}
	eligible := f.liveRoll().Eligible
	if total := n[0] + n[1] + n[2]; total > eligible {
		return fmt.Sprintf("Tổng số phiếu %d nhiều hơn số đảng viên có quyền biểu quyết (%d). Hãy kiểm tra lại số phiếu và điểm danh.", total, eligible)
	}
	rs, err := rules.Current(f.day())
	if err != nil {
		return message(err)
	}
	ok, why := rs.Passes(rules.VoteResolution, n[0], eligible)
	if ok {
		return "Nghị quyết được thông qua: " + why + "."
	}
	return "Nghị quyết chưa được thông qua: " + why + "."
}

// day is the meeting's date as typed, or today while it is not a date.
func (f *meetingForm) day() time.Time {
	if iso, err := parseDate(f.date.Text); err == nil && iso != "" {
		if t, err := time.Parse("2006-01-02", iso); err == nil {
			return t
		}
	}
	return time.Now()
}

// scoreRow is the points for one criterion of the rules' score.
type scoreRow struct {
	crit   rules.Criterion
	points *widget.Entry
}

// buildScore makes one field per criterion of the rules in force.
func (f *meetingForm) buildScore() {
	mr, err := rules.CurrentMeetingRules(f.day())
	if err != nil {
		f.band = widget.NewLabel(message(err))
		return
	}
	f.scheme = mr.Score
	have := map[string]int{}
	for _, s := range f.m.Scores {
		have[s.Criterion] = s.Points
	}
	for _, c := range mr.Score.Criteria {
		r := &scoreRow{crit: c, points: widget.NewEntry()}
		r.points.SetPlaceHolder(fmt.Sprintf("0–%d", c.Max))
		if p, ok := have[c.Key]; ok {
			r.points.SetText(strconv.Itoa(p))
		}
		r.points.OnChanged = func(string) { f.scoreChanged() }
		f.score = append(f.score, r)
		f.inputs = append(f.inputs, r.points)
	}
	f.band = widget.NewLabel("")
	f.scoreChanged()
}

func (f *meetingForm) scoreView() fyne.CanvasObject {
	form := fitForm()
	for _, r := range f.score {
		formAppend(form, fmt.Sprintf("%s (tối đa %d)", r.crit.Label, r.crit.Max), r.points)
	}
	note := wrapped("Thang điểm theo " + f.scheme.Source + checkNote(f.scheme.Check) + ".")
	note.TextStyle = fyne.TextStyle{Italic: true}
	return container.NewVBox(form, f.band, note)
}

// collectScore reads the points; empty fields mean the meeting is not
// scored yet.
func (f *meetingForm) collectScore() ([]store.Score, error) {
	var out []store.Score
	for _, r := range f.score {
		s := strings.TrimSpace(r.points.Text)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > r.crit.Max {
			return nil, fieldProblem(fmt.Sprintf("Điểm «%s» phải từ 0 đến %d.", r.crit.Label, r.crit.Max))
		}
		out = append(out, store.Score{Criterion: r.crit.Key, Points: n})
	}
	return out, nil
}

func (f *meetingForm) scoreChanged() {
	if f.band == nil || len(f.score) == 0 {
		return
	}
	sc, err := f.collectScore()
	switch {
	case err != nil:
		f.band.SetText(string(err.(fieldProblem)))
	case len(sc) == 0:
		f.band.SetText("Chưa chấm điểm.")
	default:
		total := store.MeetingParts{Scores: sc}.ScoreTotal()
		f.band.SetText(fmt.Sprintf("Tổng: %d/%d điểm — xếp loại %s.", total, f.scheme.MaxScore(), f.scheme.Band(total)))
	}
}
