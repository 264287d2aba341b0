package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Taking back what was entered by mistake: a member typed twice, a draft
// meeting started on the wrong day. A deletion is a change like any other,
// so a hub that already has the record receives the deletion with the
// next bundle and deletes it too: never a silent loss on one side only.

// ErrInUse marks a record that others refer to: a member on a finalized
// roll, with a review, dues or a candidate's file.
var ErrInUse = errors.New("the record is referred to by others")

// Sent reports whether the hub has acknowledged a change of this record
// of this site, so deleting it must reach the hub as a correction.
func (s *Store) Sent(ctx context.Context, entity, id string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM changes c JOIN ack_marks a ON a.origin = c.origin
		WHERE c.org_id = (SELECT value FROM meta WHERE key = 'site_id') AND c.entity = ? AND c.entity_id = ? AND c.seq <= a.seq`,
		entity, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: sent %s %s: %w", entity, id, err)
	}
	return n > 0, nil
}

// memberUses are the places a member is referred to that a deletion must
// not orphan, each with the word the refusal names it by.
var memberUses = []struct{ what, query string }{
	{"roll", `SELECT COUNT(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
		WHERE a.org_id = ?1 AND a.member_id = ?2 AND m.state = 'finalized'`},
	{"speaker", "SELECT COUNT(*) FROM meeting_speakers WHERE org_id = ?1 AND member_id = ?2"},
	{"task", "SELECT COUNT(*) FROM meeting_tasks WHERE org_id = ?1 AND assignee_id = ?2"},
	{"review", "SELECT COUNT(*) FROM reviews WHERE org_id = ?1 AND member_id = ?2"},
	{"dues", "SELECT COUNT(*) FROM dues WHERE org_id = ?1 AND member_id = ?2"},
	{"candidate", `SELECT COUNT(*) FROM candidates WHERE org_id = ?1 AND
		(member_id = ?2 OR helper_id = ?2 OR introducer1_id = ?2 OR introducer2_id = ?2)`},
}

// DeleteMember deletes a member entered by mistake, with their lines on
// draft rolls. A member anything else refers to is refused with
// ErrInUse, naming what refers to them: such a member left the cell and
// their status says so instead.
func (s *Store) DeleteMember(ctx context.Context, id string) error {
	err := s.writeTx(ctx, func(w *writer) error {
		if _, err := w.memberName("member", id); err != nil {
			return err
		}
		var uses []string
		for _, u := range memberUses {
			var n int
			if err := w.tx.QueryRowContext(w.ctx, u.query, w.site, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				uses = append(uses, u.what)
			}
		}
		if len(uses) > 0 {
			return &FieldError{Field: "member", Value: strings.Join(uses, ","), Err: fmt.Errorf("%w: %w", ErrInUse, ErrInvalid)}
		}
		if err := w.delWhere("attendance", "attendance", "member_id", id); err != nil {
			return err
		}
		return w.del("member", id, w.site)
	})
	if err != nil {
		return fmt.Errorf("store: delete member %s: %w", id, err)
	}
	return nil
}

// delWhere deletes, as logged changes, this site's records of a table
// whose column is value. Names come from this file, never from input.
func (w *writer) delWhere(entity, table, column, value string) error {
	ids, err := queryIDs(w.ctx, w.tx, "SELECT id FROM "+table+" WHERE org_id = ? AND "+column+" = ?", w.site, value)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := w.del(entity, id, w.site); err != nil {
			return err
		}
	}
	return nil
}

// meetingParts are a meeting's child tables, deleted with it (and the
// dues its roll recorded).
var meetingParts = []struct{ entity, table string }{
	{"speaker", "meeting_speakers"}, {"task", "meeting_tasks"}, {"task_report", "meeting_task_reports"},
	{"meeting_score", "meeting_scores"}, {"meeting_vote", "meeting_votes"}, {"agenda_item", "agenda_items"},
	{"attendance", "attendance"},
}

// DeleteMeeting deletes a draft meeting (or a draft correction) with all
// its parts and the dues its roll recorded. A finalized meeting is never
// deleted (ErrLocked): it is corrected.
func (s *Store) DeleteMeeting(ctx context.Context, id string) error {
	err := s.writeTx(ctx, func(w *writer) error {
		var state string
		if err := w.tx.QueryRowContext(w.ctx, "SELECT state FROM meetings WHERE id = ? AND org_id = ?", id, w.site).Scan(&state); err != nil {
			return fmt.Errorf("%w: %w", err, ErrNotFound)
		}
		if state == StateFinalized {
			return ErrLocked
		}
		for _, p := range append(meetingParts, struct{ entity, table string }{"dues", "dues"}) {
			if err := w.delWhere(p.entity, p.table, "meeting_id", id); err != nil {
				return err
			}
		}
		var n int
		if err := w.tx.QueryRowContext(w.ctx, "SELECT COUNT(*) FROM meeting_revisions WHERE id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			if err := w.del("meeting_revision", id, w.site); err != nil {
				return err
			}
		}
		return w.del("meeting", id, w.site)
	})
	if err != nil {
		return fmt.Errorf("store: delete meeting %s: %w", id, err)
	}
	return nil
}
