package store

import (
	"context"
	"fmt"
	"strings"
)

// The meeting's roll and the dues book are one record: ticking "Nộp đảng
// phí" beside a member writes that member's entry for the meeting's month,
// marked with the meeting; unticking takes it back. The old revision and
// the correction of one meeting share their ticks (a "family").

// familySQL lists a meeting, the ones it corrects and the ones correcting it.
const familySQL = `WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT r.revises FROM meeting_revisions r JOIN up ON r.id = up.id),
	down(id) AS (SELECT ?1 UNION SELECT r.id FROM meeting_revisions r JOIN down ON r.revises = down.id)
	SELECT id FROM up WHERE id <> '' UNION SELECT id FROM down`

func meetingFamily(ctx context.Context, q querier, meetingID, revises string) (map[string]bool, error) {
	fam := map[string]bool{meetingID: true}
	for _, start := range []string{meetingID, revises} {
		if start == "" {
			continue
		}
		rows, err := q.QueryContext(ctx, familySQL, start)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			fam[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return fam, nil
}

// inList is "?, ?, …" and the ids for a family's IN clause.
func inList(fam map[string]bool) (string, []any) {
	args := make([]any, 0, len(fam))
	for id := range fam {
		args = append(args, id)
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", "), args
}

// saveMeetingDues writes the meeting's ticks into the book for the
// meeting's month and takes back the ticks of its family that are gone.
// A month the book already settled some other way (the portal, an
// exemption, another meeting) is refused, naming the member.
func (w *writer) saveMeetingDues(m *Meeting) error {
	fam, err := meetingFamily(w.ctx, w.tx, m.ID, m.Revises)
	if err != nil {
		return err
	}
	month := ""
	if len(m.Date) >= 7 {
		month = m.Date[:7]
	}
	keep := map[string]bool{}
	for i := range m.Dues {
		d := &m.Dues[i]
		name, err := w.memberName("dues", d.MemberID)
		if err != nil {
			return err
		}
		d.ID = duesID(w.site, d.MemberID, month)
		cur, exists, err := w.readDues(d.ID)
		if err != nil {
			return err
		}
		if exists && cur.Settled() && !fam[cur.MeetingID] {
			return &FieldError{Field: "dues", Value: name, Err: fmt.Errorf("%w: %w", ErrDuesRecorded, ErrInvalid)}
		}
		keep[d.ID] = true
		e := DuesEntry{MemberID: d.MemberID, Month: month, State: DuesStatePaid, Amount: int64(d.Amount), PaidDate: m.Date,
			Method: DuesAtMeeting, MeetingID: m.ID, ReductionPct: cur.ReductionPct, Reduction: cur.Reduction, Note: cur.Note}
		if err := w.putDues(e); err != nil {
			return err
		}
	}
	in, args := inList(fam)
	rows, err := w.tx.QueryContext(w.ctx, "SELECT "+duesCols+" FROM dues WHERE org_id = ? AND meeting_id IN ("+in+")", append([]any{w.site}, args...)...)
	if err != nil {
		return err
	}
	var gone []DuesEntry
	for rows.Next() {
		d, err := scanDues(rows)
		if err != nil {
			rows.Close()
			return err
		}
		if !keep[d.ID] {
			gone = append(gone, d)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range gone {
		if d.ReductionPct == 0 {
			if err := w.del("dues", d.ID, w.site); err != nil {
				return err
			}
			continue
		}
		back := DuesEntry{MemberID: d.MemberID, Month: d.Month, ReductionPct: d.ReductionPct, Reduction: d.Reduction}
		if err := w.putDues(back); err != nil {
			return err
		}
	}
	return nil
}

// loadMeetingDues reads the ticks of m's family for m's month.
func (s *Store) loadMeetingDues(ctx context.Context, m *Meeting) error {
	fam, err := meetingFamily(ctx, s.db, m.ID, m.Revises)
	if err != nil {
		return fmt.Errorf("store: meeting %s dues: %w", m.ID, err)
	}
	in, args := inList(fam)
	rows, err := s.db.QueryContext(ctx, "SELECT id, member_id, amount FROM dues WHERE org_id = ? AND month = ? AND meeting_id IN ("+in+
		") AND paid_date <> '' ORDER BY member_id", append([]any{m.OrgID, monthOf(m.Date)}, args...)...)
	if err != nil {
		return fmt.Errorf("store: meeting %s dues: %w", m.ID, err)
	}
	defer rows.Close()
	m.Dues = nil
	for rows.Next() {
		var d DuesPaid
		if err := rows.Scan(&d.ID, &d.MemberID, &d.Amount); err != nil {
			return fmt.Errorf("store: meeting %s dues: %w", m.ID, err)
		}
		m.Dues = append(m.Dues, d)
	}
	return rows.Err()
}

// MeetingDuesElsewhere lists, by member, the book's entries for the
// meeting's month that something other than this meeting recorded: the
// roll shows them instead of a tick box.
func (s *Store) MeetingDuesElsewhere(ctx context.Context, m Meeting) (map[string]DuesEntry, error) {
	site, err := metaGet(ctx, s.db, "site_id")
	if err != nil {
		return nil, err
	}
	fam, err := meetingFamily(ctx, s.db, m.ID, m.Revises)
	if err != nil {
		return nil, fmt.Errorf("store: meeting dues: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+duesCols+" FROM dues WHERE org_id = ? AND month = ?", site, monthOf(m.Date))
	if err != nil {
		return nil, fmt.Errorf("store: meeting dues: %w", err)
	}
	defer rows.Close()
	out := map[string]DuesEntry{}
	for rows.Next() {
		d, err := scanDues(rows)
		if err != nil {
			return nil, fmt.Errorf("store: meeting dues: %w", err)
		}
		if !fam[d.MeetingID] && d.Status() != "" {
			out[d.MemberID] = d
		}
	}
	return out, rows.Err()
}

func monthOf(date string) string {
	if len(date) < 7 {
		return ""
	}
	return date[:7]
}
