package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"chibo/rules"
	"chibo/store"
)

// The meeting's draft (drafts.go): every input of the minutes in a fixed
// order, and the shape of its lists (roll, reports, agenda items with
// their speakers, tasks, votes), so thirty minutes of minutes come back
// after a crash exactly as typed.

func (f *meetingForm) draftKey() string { return "meeting:" + or(f.m.ID, "new") }

func (f *meetingForm) draftTitle() string {
	return "Biên bản sinh hoạt ngày " + strings.TrimSpace(f.date.Text)
}

// saveForm stores the minutes as a draft meeting.
func (f *meetingForm) saveForm() bool {
	_, ok := f.store()
	return ok
}

func (f *meetingForm) draftFields() []fyne.CanvasObject {
	out := []fyne.CanvasObject{f.date, f.start, f.end, f.place, f.topic, f.kind, f.chair, f.taker, f.guests,
		f.resolution, f.votesFor, f.votesAgainst, f.votesAbstain}
	for _, r := range f.roll {
		out = append(out, r.status, r.reason, r.dues, r.amount)
	}
	for _, r := range f.reports {
		out = append(out, r.done, r.note)
	}
	for _, r := range f.agenda.rows {
		out = append(out, r.title, r.talk, r.concl)
		for _, s := range r.speakers {
			out = append(out, s.who, s.remarks)
		}
	}
	for _, r := range f.tasks.rows {
		out = append(out, r.title, r.assignee, r.due)
	}
	for _, r := range f.score {
		out = append(out, r.points)
	}
	for _, r := range f.extra.rows {
		out = append(out, r.action, r.who, r.votesFor, r.against, r.ab)
	}
	return out
}

// draftShape is the roll and reports by id (they come from the store and
// must match), then the lengths of the lists the secretary grows.
func (f *meetingForm) draftShape() []string {
	var roll, reports []string
	for _, r := range f.roll {
		roll = append(roll, r.att.MemberID)
	}
	for _, r := range f.reports {
		reports = append(reports, r.taskID)
	}
	agenda := make([]string, len(f.agenda.rows))
	for i, r := range f.agenda.rows {
		agenda[i] = strconv.Itoa(len(r.speakers))
	}
	return []string{strings.Join(roll, ","), strings.Join(reports, ","), strings.Join(agenda, ","),
		strconv.Itoa(len(f.tasks.rows)), strconv.Itoa(len(f.extra.rows))}
}

// reshape grows or trims the agenda, speakers, tasks and votes to a
// draft's shape; a roll or report list that differs refuses the draft.
func (f *meetingForm) reshape(shape []string) error {
	cur := f.draftShape()
	if len(shape) != len(cur) || shape[0] != cur[0] || shape[1] != cur[1] {
		return errDraftMismatch
	}
	var speakers []int
	if shape[2] != "" {
		for _, n := range strings.Split(shape[2], ",") {
			k, err := strconv.Atoi(n)
			if err != nil {
				return errDraftMismatch
			}
			speakers = append(speakers, k)
		}
	}
	tasks, err1 := strconv.Atoi(shape[3])
	votes, err2 := strconv.Atoi(shape[4])
	if err1 != nil || err2 != nil {
		return errDraftMismatch
	}
	l := f.agenda
	l.rows = resize(l.rows, len(speakers), func() *agendaRow { return l.newRow(store.AgendaItem{}) })
	for i, r := range l.rows {
		r.speakers = resize(r.speakers, speakers[i], func() *speakerRow { return l.newSpeaker(r, store.Speaker{}) })
		l.relayoutSpeakers(r)
	}
	l.relayout()
	f.tasks.rows = resize(f.tasks.rows, tasks, func() *taskRow { return f.tasks.newRow(store.Task{}) })
	f.tasks.relayout()
	f.extra.rows = resize(f.extra.rows, votes, func() *extraVoteRow {
		return f.extra.newRow(store.Vote{Kind: rules.VoteAdmission})
	})
	f.extra.relayout()
	return nil
}

// resize trims xs to n or grows it with fresh rows.
func resize[T any](xs []T, n int, fresh func() T) []T {
	if len(xs) > n {
		return xs[:n]
	}
	for len(xs) < n {
		xs = append(xs, fresh())
	}
	return xs
}
