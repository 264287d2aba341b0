package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"chibo/rules"
)

// standardAgenda is what a new meeting opens with: the rules' standard
// items for a regular meeting; a thematic or extraordinary one starts
// empty and asks for its topic instead.
func standardAgenda(kind, date string) ([]AgendaItem, error) {
	if kind != MeetingRegular {
		return nil, nil
	}
	day, err := time.Parse("2006-01-02", date)
	if err != nil {
		return nil, &FieldError{Field: "date", Value: date, Err: fmt.Errorf("not a real date: %w", ErrInvalid)}
	}
	mr, err := rules.CurrentMeetingRules(day)
	if err != nil {
		return nil, fmt.Errorf("store: standard agenda: %w", err)
	}
	out := make([]AgendaItem, len(mr.Agenda.Items))
	for i, it := range mr.Agenda.Items {
		out[i] = AgendaItem{Title: it.Title}
	}
	return out, nil
}

// normParts stores the parts' text NFC, as all text is.
func normParts(m *Meeting) {
	for i := range m.Agenda {
		for j := range m.Agenda[i].Speakers {
			sp := &m.Agenda[i].Speakers[j]
			sp.Name, sp.Remarks = NFC(sp.Name), NFC(sp.Remarks)
		}
	}
	for i := range m.Tasks {
		m.Tasks[i].Title = NFC(m.Tasks[i].Title)
	}
	for i := range m.Reports {
		m.Reports[i].Note = NFC(m.Reports[i].Note)
	}
	for i := range m.Votes {
		m.Votes[i].Subject = NFC(m.Votes[i].Subject)
	}
	m.RevisionNote = NFC(m.RevisionNote)
}

// FinalizeMeeting locks a meeting and gives it the next number in the
// year's minute book; a correction keeps the number of the meeting it
// corrects. It refuses a meeting with no minute-taker or chair, a chair
// who was not present, or more votes than members who may vote.
func (s *Store) FinalizeMeeting(ctx context.Context, id string) (Meeting, error) {
	m, err := s.Meeting(ctx, id)
	if err != nil {
		return Meeting{}, fmt.Errorf("store: finalize meeting %s: %w", id, err)
	}
	if m.State == StateFinalized {
		return Meeting{}, fmt.Errorf("store: finalize meeting %s: %w", id, ErrLocked)
	}
	if err := checkFinal(m); err != nil {
		return Meeting{}, fmt.Errorf("store: finalize meeting %s: %w", id, err)
	}
	err = s.writeTx(ctx, func(w *writer) error {
		var state string
		err := w.tx.QueryRowContext(w.ctx, "SELECT state FROM meetings WHERE id = ? AND org_id = ?", id, w.site).Scan(&state)
		if err == sql.ErrNoRows {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if state == StateFinalized {
			return ErrLocked
		}
		return w.lock(m)
	})
	if err != nil {
		return Meeting{}, fmt.Errorf("store: finalize meeting %s: %w", id, err)
	}
	return s.Meeting(ctx, id)
}

// lock finalizes m with its minute-book number: the next of the year, or
// for a correction the number of the meeting it corrects.
func (w *writer) lock(m Meeting) error {
	n := m.Number
	if m.Revises == "" || n == 0 {
		if err := w.tx.QueryRowContext(w.ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM meetings WHERE org_id = ? AND state = ?
			AND substr(date, 1, 4) = ?`, w.site, StateFinalized, m.Date[:4]).Scan(&n); err != nil {
			return err
		}
	}
	return w.put("meeting", m.ID, w.site, map[string]any{"state": StateFinalized, "number": n,
		"finalized_at": time.Now().UTC().Format(time.RFC3339)})
}

// CorrectMeeting starts a correction of a finalized meeting: a new draft
// with the next revision number, the same minute-book number and a copy of
// everything, linked to the old one, which stays as it was. If a draft
// correction already exists it is returned instead of a second one.
func (s *Store) CorrectMeeting(ctx context.Context, id, note string) (Meeting, error) {
	old, err := s.Meeting(ctx, id)
	if err != nil {
		return Meeting{}, fmt.Errorf("store: correct meeting %s: %w", id, err)
	}
	if old.State != StateFinalized {
		return Meeting{}, fmt.Errorf("store: correct meeting %s: only a finalized meeting is corrected: %w", id, ErrInvalid)
	}
	var next string
	err = s.db.QueryRowContext(ctx, "SELECT id FROM meeting_revisions WHERE revises = ? AND org_id = ?", id, old.OrgID).Scan(&next)
	if err == nil {
		return s.Meeting(ctx, next)
	}
	if err != sql.ErrNoRows {
		return Meeting{}, fmt.Errorf("store: correct meeting %s: %w", id, err)
	}
	m := copyForRevision(old, note)
	err = s.writeTx(ctx, func(w *writer) error {
		if err := w.put("meeting", m.ID, w.site, meetingFields(m)); err != nil {
			return err
		}
		if err := w.saveChildren(&m); err != nil {
			return err
		}
		if err := w.saveParts(&m); err != nil {
			return err
		}
		return w.put("meeting_revision", m.ID, w.site, map[string]any{"revises": m.Revises, "note": m.RevisionNote})
	})
	if err != nil {
		return Meeting{}, fmt.Errorf("store: correct meeting %s: %w", id, err)
	}
	return s.Meeting(ctx, m.ID)
}

// copyForRevision is old as a fresh draft with new ids for every row.
func copyForRevision(old Meeting, note string) Meeting {
	m := old
	m.ID, m.State, m.FinalizedAt = NewID(), StateDraft, ""
	m.Revision, m.Revises, m.RevisionNote = old.Revision+1, old.ID, NFC(note)
	m.Agenda = make([]AgendaItem, len(old.Agenda))
	for i, a := range old.Agenda {
		a.ID = ""
		a.Speakers = append([]Speaker(nil), a.Speakers...)
		for j := range a.Speakers {
			a.Speakers[j].ID = ""
		}
		m.Agenda[i] = a
	}
	m.Attendance = append([]Attendance(nil), old.Attendance...)
	for i := range m.Attendance {
		m.Attendance[i].ID = ""
	}
	m.Tasks = append([]Task(nil), old.Tasks...)
	for i := range m.Tasks {
		m.Tasks[i].ID = ""
	}
	m.Votes = append([]Vote(nil), old.Votes...)
	for i := range m.Votes {
		m.Votes[i].ID = ""
	}
	m.Reports = append([]TaskReport(nil), old.Reports...)
	m.Dues = append([]DuesPaid(nil), old.Dues...)
	m.Scores = append([]Score(nil), old.Scores...)
	return m
}

// MinuteBook is the year's minute book (sổ biên bản): every finalized
// meeting of the year in number order, each at its latest finalized
// revision, with all its parts.
func (s *Store) MinuteBook(ctx context.Context, year int) ([]Meeting, error) {
	ids, err := s.bookIDs(ctx, year)
	if err != nil {
		return nil, err
	}
	out := make([]Meeting, 0, len(ids))
	for _, id := range ids {
		m, err := s.Meeting(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func (s *Store) bookIDs(ctx context.Context, year int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.id FROM meetings m
		WHERE m.org_id = (SELECT value FROM meta WHERE key = 'site_id') AND m.state = ? AND substr(m.date, 1, 4) = ?
		AND NOT EXISTS (SELECT 1 FROM meetings n WHERE n.org_id = m.org_id AND n.state = m.state
			AND n.number = m.number AND substr(n.date, 1, 4) = substr(m.date, 1, 4) AND n.revision > m.revision)
		ORDER BY m.number, m.date`, StateFinalized, fmt.Sprintf("%04d", year))
	if err != nil {
		return nil, fmt.Errorf("store: minute book %d: %w", year, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: minute book %d: %w", year, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Superseded lists the ids of this site's meetings that a later revision
// corrects, for the list to mark them.
func (s *Store) Superseded(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT v.revises FROM meeting_revisions v JOIN meetings m ON m.id = v.revises AND m.org_id = v.org_id")
	if err != nil {
		return nil, fmt.Errorf("store: superseded meetings: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: superseded meetings: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
