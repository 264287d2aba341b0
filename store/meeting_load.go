package store

import (
	"context"
	"database/sql"
	"fmt"
)

// loadParts reads a meeting's child records into m: only those of the
// meeting's own organisation (checkRefs refuses others on import; a line
// that came before its meeting did is left out here).
func (s *Store) loadParts(ctx context.Context, m *Meeting) error {
	q := func(query string, scan func(*sql.Rows) error) error {
		rows, err := s.db.QueryContext(ctx, query, m.ID, m.OrgID)
		if err != nil {
			return fmt.Errorf("store: meeting %s parts: %w", m.ID, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return fmt.Errorf("store: meeting %s parts: %w", m.ID, err)
			}
		}
		return rows.Err()
	}
	byItem := make(map[string]int, len(m.Agenda))
	for i, a := range m.Agenda {
		byItem[a.ID] = i
	}
	steps := []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{"SELECT " + readCols("speaker", "", "id, agenda_id, member_id, name, remarks") + " FROM meeting_speakers WHERE meeting_id = ? AND org_id = ? ORDER BY agenda_id, ord, id",
			func(r *sql.Rows) error {
				var sp Speaker
				var item string
				if err := r.Scan(&sp.ID, &item, &sp.MemberID, &sp.Name, &sp.Remarks); err != nil {
					return err
				}
				if i, ok := byItem[item]; ok {
					m.Agenda[i].Speakers = append(m.Agenda[i].Speakers, sp)
				}
				return nil
			}},
		{"SELECT id, meeting_id, title, assignee_id, assignee_name, due_date FROM meeting_tasks WHERE meeting_id = ? AND org_id = ? ORDER BY ord, id",
			func(r *sql.Rows) error {
				var t Task
				err := r.Scan(&t.ID, &t.MeetingID, &t.Title, &t.AssigneeID, &t.AssigneeName, &t.DueDate)
				m.Tasks = append(m.Tasks, t)
				return err
			}},
		{`SELECT r.id, r.task_id, r.done, r.note, COALESCE(t.title, ''), COALESCE(t.assignee_name, '')
			FROM meeting_task_reports r LEFT JOIN meeting_tasks t ON t.id = r.task_id AND t.org_id = r.org_id
			WHERE r.meeting_id = ? AND r.org_id = ? ORDER BY t.ord, r.id`,
			func(r *sql.Rows) error {
				var t TaskReport
				err := r.Scan(&t.ID, &t.TaskID, &t.Done, &t.Note, &t.Title, &t.AssigneeName)
				m.Reports = append(m.Reports, t)
				return err
			}},
		{"SELECT id, criterion, points FROM meeting_scores WHERE meeting_id = ? AND org_id = ? ORDER BY id",
			func(r *sql.Rows) error {
				var sc Score
				err := r.Scan(&sc.ID, &sc.Criterion, &sc.Points)
				m.Scores = append(m.Scores, sc)
				return err
			}},
		{"SELECT " + readCols("meeting_vote", "", "id, kind, subject, votes_for, votes_against, votes_abstain") + " FROM meeting_votes WHERE meeting_id = ? AND org_id = ? ORDER BY ord, id",
			func(r *sql.Rows) error {
				var v Vote
				err := r.Scan(&v.ID, &v.Kind, &v.Subject, &v.For, &v.Against, &v.Abstain)
				m.Votes = append(m.Votes, v)
				return err
			}},
		{"SELECT revises, note FROM meeting_revisions WHERE id = ? AND org_id = ?",
			func(r *sql.Rows) error { return r.Scan(&m.Revises, &m.RevisionNote) }},
	}
	for _, st := range steps {
		if err := q(st.query, st.scan); err != nil {
			return err
		}
	}
	return s.loadMeetingDues(ctx, m) // the book's entries (dues_meeting.go), once Revises is known
}

// Task lookups for the next meeting and the overview.

// OpenTask is a task handed out at an earlier meeting with its latest report.
type OpenTask struct {
	Task
	MeetingDate string
	Done        bool
	Note        string
}

// TasksBefore lists the tasks handed out at this site's finalized meetings
// before date, newest meeting first, with the latest report on each (done
// or not). Superseded revisions are skipped: their tasks live on in the
// correction.
func (s *Store) TasksBefore(ctx context.Context, date string) ([]OpenTask, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT t.id, t.meeting_id, t.title, t.assignee_id, t.assignee_name, t.due_date, m.date,
			COALESCE((SELECT r.done FROM meeting_task_reports r JOIN meetings rm ON rm.id = r.meeting_id
				WHERE r.task_id = t.id AND r.org_id = t.org_id ORDER BY rm.date DESC, r.id DESC LIMIT 1), 0),
			COALESCE((SELECT r.note FROM meeting_task_reports r JOIN meetings rm ON rm.id = r.meeting_id
				WHERE r.task_id = t.id AND r.org_id = t.org_id ORDER BY rm.date DESC, r.id DESC LIMIT 1), '')
		FROM meeting_tasks t JOIN meetings m ON m.id = t.meeting_id
		WHERE m.org_id = (SELECT value FROM meta WHERE key = 'site_id') AND m.state = ? AND m.date < ?
			AND NOT EXISTS (SELECT 1 FROM meeting_revisions v JOIN meetings vm ON vm.id = v.id
				WHERE v.revises = m.id AND v.org_id = m.org_id AND vm.state = ?)
		ORDER BY m.date DESC, t.ord`, StateFinalized, date, StateFinalized)
	if err != nil {
		return nil, fmt.Errorf("store: tasks before %s: %w", date, err)
	}
	defer rows.Close()
	var out []OpenTask
	for rows.Next() {
		var t OpenTask
		if err := rows.Scan(&t.ID, &t.MeetingID, &t.Title, &t.AssigneeID, &t.AssigneeName, &t.DueDate, &t.MeetingDate,
			&t.Done, &t.Note); err != nil {
			return nil, fmt.Errorf("store: tasks before %s: %w", date, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// LastMonthTasks are the tasks of the latest finalized meeting before date
// that handed any out: the ones the cell reports on at this meeting.
func (s *Store) LastMonthTasks(ctx context.Context, date string) ([]OpenTask, error) {
	all, err := s.TasksBefore(ctx, date)
	if err != nil || len(all) == 0 {
		return nil, err
	}
	var out []OpenTask
	for _, t := range all {
		if t.MeetingID == all[0].MeetingID {
			out = append(out, t)
		}
	}
	return out, nil
}

// OverdueTasks are tasks due before today that no report marks done.
func (s *Store) OverdueTasks(ctx context.Context, today string) ([]OpenTask, error) {
	all, err := s.TasksBefore(ctx, "9999-12-31")
	if err != nil {
		return nil, err
	}
	var out []OpenTask
	for _, t := range all {
		if !t.Done && t.DueDate != "" && t.DueDate < today {
			out = append(out, t)
		}
	}
	return out, nil
}
