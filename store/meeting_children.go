package store

import (
	"database/sql"
	"fmt"

	"github.com/google/uuid"
)

// childKey derives a stable id for a child that exists once per meeting
// and key (a member's dues, a criterion's score), so two edits of the same
// line can never create two rows.
func childKey(meetingID, kind, key string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte(meetingID+"/"+kind+"/"+key)).String()
}

// child is one row to keep under a meeting.
type child struct {
	id     string
	fields map[string]any
}

// putChildren writes rows of one child entity of meeting m and deletes the
// ones of that meeting not among them.
func (w *writer) putChildren(entity, meetingID string, rows []child) error {
	keep := make(map[string]bool, len(rows))
	for _, r := range rows {
		keep[r.id] = true
		r.fields["meeting_id"] = meetingID
		if err := w.put(entity, r.id, w.site, r.fields); err != nil {
			return err
		}
	}
	ids, err := queryIDs(w.ctx, w.tx, "SELECT id FROM "+entities[entity].table+" WHERE meeting_id = ? AND org_id = ?", meetingID, w.site)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !keep[id] {
			if err := w.del(entity, id, w.site); err != nil {
				return err
			}
		}
	}
	return nil
}

// memberName reads a member of this site, or says the field is wrong.
func (w *writer) memberName(field, id string) (string, error) {
	var name string
	err := w.tx.QueryRowContext(w.ctx, "SELECT full_name FROM members WHERE id = ? AND org_id = ?", id, w.site).Scan(&name)
	if err == sql.ErrNoRows {
		return "", &FieldError{Field: field, Value: id, Err: fmt.Errorf("no such member: %w", ErrInvalid)}
	}
	return name, err
}

// saveParts writes speakers, tasks, reports, dues, scores and votes; m's
// agenda already carries its ids.
func (w *writer) saveParts(m *Meeting) error {
	var speakers []child
	for i := range m.Agenda {
		for j := range m.Agenda[i].Speakers {
			sp := &m.Agenda[i].Speakers[j]
			if sp.ID == "" {
				sp.ID = NewID()
			}
			if sp.MemberID != "" {
				name, err := w.memberName("speaker", sp.MemberID)
				if err != nil {
					return err
				}
				sp.Name = name
			}
			speakers = append(speakers, child{sp.ID, map[string]any{"agenda_id": m.Agenda[i].ID, "ord": j + 1,
				"member_id": sp.MemberID, "name": sp.Name, "remarks": sp.Remarks}})
		}
	}
	tasks := make([]child, 0, len(m.Tasks))
	for i := range m.Tasks {
		t := &m.Tasks[i]
		if t.ID == "" {
			t.ID = NewID()
		}
		t.MeetingID = m.ID
		if t.AssigneeID != "" {
			name, err := w.memberName("task_assignee", t.AssigneeID)
			if err != nil {
				return err
			}
			t.AssigneeName = name
		}
		tasks = append(tasks, child{t.ID, map[string]any{"ord": i + 1, "title": t.Title, "assignee_id": t.AssigneeID,
			"assignee_name": t.AssigneeName, "due_date": t.DueDate}})
	}
	reports := make([]child, 0, len(m.Reports))
	for i := range m.Reports {
		r := &m.Reports[i]
		r.ID = childKey(m.ID, "report", r.TaskID)
		var n int
		if err := w.tx.QueryRowContext(w.ctx, "SELECT COUNT(*) FROM meeting_tasks WHERE id = ? AND meeting_id <> ?", r.TaskID, m.ID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &FieldError{Field: "task_report", Value: r.TaskID, Err: fmt.Errorf("no such earlier task: %w", ErrInvalid)}
		}
		reports = append(reports, child{r.ID, map[string]any{"task_id": r.TaskID, "done": r.Done, "note": r.Note}})
	}
	scores := make([]child, 0, len(m.Scores))
	for i := range m.Scores {
		s := &m.Scores[i]
		s.ID = childKey(m.ID, "score", s.Criterion)
		scores = append(scores, child{s.ID, map[string]any{"criterion": s.Criterion, "points": s.Points}})
	}
	votes := make([]child, 0, len(m.Votes))
	for i := range m.Votes {
		v := &m.Votes[i]
		if v.ID == "" {
			v.ID = NewID()
		}
		votes = append(votes, child{v.ID, map[string]any{"ord": i + 1, "kind": v.Kind, "subject": v.Subject,
			"votes_for": v.For, "votes_against": v.Against, "votes_abstain": v.Abstain}})
	}
	for _, part := range []struct {
		entity string
		rows   []child
	}{{"speaker", speakers}, {"task", tasks}, {"task_report", reports},
		{"meeting_score", scores}, {"meeting_vote", votes}} {
		if err := w.putChildren(part.entity, m.ID, part.rows); err != nil {
			return err
		}
	}
	return w.saveMeetingDues(m) // the dues book (dues_meeting.go)
}
