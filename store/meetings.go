package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"

	"github.com/google/uuid"
)

var clockRE = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// ValidateMeeting checks a meeting before it is saved.
func ValidateMeeting(m Meeting) error {
	bad := func(f, v, why string) error {
		return &FieldError{Field: f, Value: v, Err: fmt.Errorf("%s: %w", why, ErrInvalid)}
	}
	if m.Date == "" || !ValidDate(m.Date) {
		return bad("date", m.Date, "not a real date")
	}
	if _, ok := CodeOf(MeetingKindLabels, m.Kind); !ok {
		return bad("kind", m.Kind, "unknown meeting kind")
	}
	for f, v := range map[string]string{"start_time": m.StartTime, "end_time": m.EndTime} {
		if v != "" && !clockRE.MatchString(v) {
			return bad(f, v, "not a time hh:mm")
		}
	}
	if m.StartTime != "" && m.EndTime != "" && m.EndTime < m.StartTime {
		return bad("end_time", m.EndTime, "ends before it starts")
	}
	for f, v := range map[string]int{"votes_for": m.VotesFor, "votes_against": m.VotesAgainst, "votes_abstain": m.VotesAbstain} {
		if v < 0 {
			return bad(f, fmt.Sprint(v), "negative count")
		}
	}
	for _, a := range m.Attendance {
		if _, ok := CodeOf(AttendanceLabels, a.Status); !ok {
			return bad("attendance", a.Status, "unknown attendance")
		}
	}
	return validateParts(m)
}

// NewMeeting returns an unsaved draft for date with every active member
// marked present, ready for the form.
func (s *Store) NewMeeting(ctx context.Context, kind, date string) (Meeting, error) {
	site, err := s.Site(ctx)
	if err != nil {
		return Meeting{}, err
	}
	ms, err := s.Members(ctx, site.ID, "")
	if err != nil {
		return Meeting{}, err
	}
	m := Meeting{Kind: kind, Date: date, StartTime: "19:30", EndTime: "21:30", Place: site.Place, State: StateDraft, Revision: 1}
	if m.Agenda, err = standardAgenda(kind, date); err != nil {
		return Meeting{}, err
	}
	for _, mem := range ms {
		if !Active(mem.Status) {
			continue
		}
		a := Attendance{MemberID: mem.ID, Status: AttPresent, MemberName: mem.FullName, MemberStatus: mem.Status}
		switch mem.Status {
		case StatusExempt:
			a.Status = AttExempt
		}
		m.Attendance = append(m.Attendance, a)
		switch mem.Position {
		case PositionSecretary:
			m.Chair = mem.FullName
		}
	}
	return m, nil
}

func meetingFields(m Meeting) map[string]any {
	return map[string]any{
		"kind": m.Kind, "date": m.Date, "start_time": m.StartTime, "end_time": m.EndTime, "place": m.Place,
		"topic": m.Topic, "chair": m.Chair, "minute_taker": m.MinuteTaker, "guests": m.Guests,
		"resolution": m.Resolution, "votes_for": m.VotesFor, "votes_against": m.VotesAgainst,
		"votes_abstain": m.VotesAbstain, "state": m.State, "number": m.Number, "revision": m.Revision,
		"finalized_at": m.FinalizedAt,
	}
}

func normMeeting(m Meeting) Meeting {
	for _, p := range []*string{&m.Place, &m.Topic, &m.Chair, &m.MinuteTaker, &m.Guests, &m.Resolution, &m.StartTime, &m.EndTime} {
		*p = NFC(*p)
	}
	for i := range m.Agenda {
		a := &m.Agenda[i]
		a.Title, a.Discussion, a.Conclusion = NFC(a.Title), NFC(a.Discussion), NFC(a.Conclusion)
	}
	normParts(&m)
	for i := range m.Attendance {
		m.Attendance[i].Reason = NFC(m.Attendance[i].Reason)
	}
	if m.State == "" {
		m.State = StateDraft
	}
	if m.Revision == 0 {
		m.Revision = 1
	}
	return m
}

// SaveMeeting writes a draft meeting with its agenda and attendance in one
// transaction and returns it with ids filled in. Finalized meetings are
// refused with ErrLocked.
func (s *Store) SaveMeeting(ctx context.Context, m Meeting) (Meeting, error) {
	return s.saveMeeting(ctx, m, false)
}

// SaveAndFinalize saves what is on screen and locks it in one
// transaction, so a refusal (no minute-taker, too many votes) leaves the
// store exactly as it was.
func (s *Store) SaveAndFinalize(ctx context.Context, m Meeting) (Meeting, error) {
	m, err := s.saveMeeting(ctx, m, true)
	if err != nil {
		return Meeting{}, err
	}
	return s.Meeting(ctx, m.ID)
}

func (s *Store) saveMeeting(ctx context.Context, m Meeting, final bool) (Meeting, error) {
	m = normMeeting(m)
	if err := ValidateMeeting(m); err != nil {
		return Meeting{}, fmt.Errorf("store: save meeting: %w", err)
	}
	if m.ID == "" {
		m.ID = NewID()
	}
	m.State = StateDraft
	err := s.writeTx(ctx, func(w *writer) error {
		m.OrgID = w.site
		var state string
		err := w.tx.QueryRowContext(w.ctx, "SELECT state FROM meetings WHERE id = ?", m.ID).Scan(&state)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if state == StateFinalized {
			return ErrLocked
		}
		if err := w.put("meeting", m.ID, w.site, meetingFields(m)); err != nil {
			return err
		}
		if err := w.saveChildren(&m); err != nil {
			return err
		}
		if err := w.saveParts(&m); err != nil {
			return err
		}
		// Checked after the roll's snapshot is filled; failing here rolls
		// the whole save back.
		if !final {
			return CheckRoll(m)
		}
		if err := checkFinal(m); err != nil {
			return err
		}
		return w.lock(m)
	})
	if err != nil {
		return Meeting{}, fmt.Errorf("store: save meeting %s: %w", m.ID, err)
	}
	return m, nil
}

// saveChildren writes agenda and attendance and deletes the ones dropped.
func (w *writer) saveChildren(m *Meeting) error {
	keep := map[string]bool{}
	for i := range m.Agenda {
		a := &m.Agenda[i]
		if a.ID == "" {
			a.ID = NewID()
		}
		keep[a.ID] = true
		if err := w.put("agenda_item", a.ID, w.site, map[string]any{"meeting_id": m.ID, "ord": i + 1,
			"title": a.Title, "discussion": a.Discussion, "conclusion": a.Conclusion}); err != nil {
			return err
		}
	}
	for i := range m.Attendance {
		a := &m.Attendance[i]
		if a.ID == "" {
			// Attendance ids derive from meeting and member, so two edits of
			// the same roll line can never create two rows.
			a.ID = uuid.NewSHA1(uuid.NameSpaceOID, []byte(m.ID+"/"+a.MemberID)).String()
		}
		keep[a.ID] = true
		if m.Revises != "" && a.MemberName != "" {
			// A correction keeps the roll as it stood on the day.
			if _, err := w.memberName("attendance", a.MemberID); err != nil {
				return err
			}
		} else if err := w.snapshot(a); err != nil {
			return err
		}
		if err := w.put("attendance", a.ID, w.site, map[string]any{"meeting_id": m.ID, "member_id": a.MemberID,
			"status": a.Status, "reason": a.Reason, "member_name": a.MemberName, "member_status": a.MemberStatus}); err != nil {
			return err
		}
	}
	return w.dropChildren(m.ID, keep)
}

// snapshot fills a draft's roll line from the member list; the snapshot
// freezes at finalize.
func (w *writer) snapshot(a *Attendance) error {
	err := w.tx.QueryRowContext(w.ctx, "SELECT full_name, status FROM members WHERE id = ? AND org_id = ?", a.MemberID, w.site).
		Scan(&a.MemberName, &a.MemberStatus)
	if err == sql.ErrNoRows {
		return &FieldError{Field: "attendance", Value: a.MemberID, Err: fmt.Errorf("no such member: %w", ErrInvalid)}
	}
	return err
}

// dropChildren deletes the agenda items and roll lines no longer kept.
func (w *writer) dropChildren(meetingID string, keep map[string]bool) error {
	for _, t := range []struct{ entity, table string }{{"agenda_item", "agenda_items"}, {"attendance", "attendance"}} {
		ids, err := queryIDs(w.ctx, w.tx, "SELECT id FROM "+t.table+" WHERE meeting_id = ? AND org_id = ?", meetingID, w.site)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if !keep[id] {
				if err := w.del(t.entity, id, w.site); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func queryIDs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

const meetingCols = `id, org_id, kind, date, start_time, end_time, place, topic, chair, minute_taker, guests,
	resolution, votes_for, votes_against, votes_abstain, state, number, revision, finalized_at`

func scanMeeting(r interface{ Scan(...any) error }) (Meeting, error) {
	var m Meeting
	err := r.Scan(&m.ID, &m.OrgID, &m.Kind, &m.Date, &m.StartTime, &m.EndTime, &m.Place, &m.Topic, &m.Chair,
		&m.MinuteTaker, &m.Guests, &m.Resolution, &m.VotesFor, &m.VotesAgainst, &m.VotesAbstain, &m.State,
		&m.Number, &m.Revision, &m.FinalizedAt)
	return m, err
}

// Meeting reads one meeting with its agenda, attendance and parts.
func (s *Store) Meeting(ctx context.Context, id string) (Meeting, error) {
	m, err := scanMeeting(s.db.QueryRowContext(ctx, "SELECT "+meetingCols+" FROM meetings WHERE id = ?", id))
	if err == sql.ErrNoRows {
		return Meeting{}, fmt.Errorf("store: meeting %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("store: meeting %s: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+readCols("agenda_item", "", "id, title, discussion, conclusion")+" FROM agenda_items WHERE meeting_id = ? AND org_id = ? ORDER BY ord, id", id, m.OrgID)
	if err != nil {
		return Meeting{}, fmt.Errorf("store: meeting %s agenda: %w", id, err)
	}
	for rows.Next() {
		var a AgendaItem
		if err := rows.Scan(&a.ID, &a.Title, &a.Discussion, &a.Conclusion); err != nil {
			rows.Close()
			return Meeting{}, fmt.Errorf("store: meeting %s agenda: %w", id, err)
		}
		m.Agenda = append(m.Agenda, a)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `SELECT `+readCols("attendance", "a", "id, member_id, status, reason, member_name, member_status")+` FROM attendance a
		LEFT JOIN members m ON m.id = a.member_id WHERE a.meeting_id = ? AND a.org_id = ? ORDER BY m.name_fold, a.id`, id, m.OrgID)
	if err != nil {
		return Meeting{}, fmt.Errorf("store: meeting %s attendance: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a Attendance
		if err := rows.Scan(&a.ID, &a.MemberID, &a.Status, &a.Reason, &a.MemberName, &a.MemberStatus); err != nil {
			return Meeting{}, fmt.Errorf("store: meeting %s attendance: %w", id, err)
		}
		m.Attendance = append(m.Attendance, a)
	}
	if err := rows.Err(); err != nil {
		return Meeting{}, fmt.Errorf("store: meeting %s attendance: %w", id, err)
	}
	rows.Close()
	if err := s.loadParts(ctx, &m); err != nil {
		return Meeting{}, err
	}
	return m, nil
}

// Meetings lists the meetings of org (this site's when "") newest first,
// without agenda and attendance.
func (s *Store) Meetings(ctx context.Context, orgID string) ([]Meeting, error) {
	if orgID == "" {
		site, err := metaGet(ctx, s.db, "site_id")
		if err != nil {
			return nil, fmt.Errorf("store: meetings: %w", err)
		}
		orgID = site
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+meetingCols+" FROM meetings WHERE org_id = ? ORDER BY date DESC, id DESC", orgID)
	if err != nil {
		return nil, fmt.Errorf("store: meetings: %w", err)
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, fmt.Errorf("store: meetings: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
