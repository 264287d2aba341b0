package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Draft is a form's unsaved typing: the window writes it every few
// seconds and when it locks, and offers it back after a crash. Title and
// body are sealed at rest with the data key; drafts never travel.
type Draft struct {
	Key     string // which form, e.g. "member:<id>"
	Title   string // how the window names it, e.g. "Sửa thông tin: Giàng A Páo"
	Body    string // the form's own encoding of what was on screen
	SavedAt time.Time
}

// SaveDraft writes or replaces the draft of one form.
func (s *Store) SaveDraft(ctx context.Context, d Draft) error {
	if s.sl == nil {
		return fmt.Errorf("store: save draft %s: %w", d.Key, ErrStoreLocked)
	}
	title, err := s.sl.seal(NFC(d.Title), storePlace("drafts", "title", d.Key))
	if err != nil {
		return fmt.Errorf("store: save draft %s: %w", d.Key, err)
	}
	body, err := s.sl.seal(NFC(d.Body), storePlace("drafts", "body", d.Key))
	if err != nil {
		return fmt.Errorf("store: save draft %s: %w", d.Key, err)
	}
	if d.SavedAt.IsZero() {
		d.SavedAt = time.Now()
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO drafts(key, title, body, saved_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET title = excluded.title, body = excluded.body, saved_at = excluded.saved_at`,
		d.Key, title, body, d.SavedAt.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("store: save draft %s: %w", d.Key, err)
	}
	return nil
}

// draftText reads a draft's sealed title and body.
var draftText = unsealSQL("drafts", "title", "") + ", " + unsealSQL("drafts", "body", "")

// DraftOf reads one form's draft; ok is false when there is none.
func (s *Store) DraftOf(ctx context.Context, key string) (d Draft, ok bool, err error) {
	var at string
	err = s.db.QueryRowContext(ctx, "SELECT key, "+draftText+", saved_at FROM drafts WHERE key = ?", key).
		Scan(&d.Key, &d.Title, &d.Body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, false, nil
	}
	if err != nil {
		return Draft{}, false, fmt.Errorf("store: draft %s: %w", key, err)
	}
	d.SavedAt, _ = time.Parse(time.RFC3339, at)
	return d, true, nil
}

// Drafts lists every draft, most recent first.
func (s *Store) Drafts(ctx context.Context) ([]Draft, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT key, "+draftText+", saved_at FROM drafts ORDER BY saved_at DESC, key")
	if err != nil {
		return nil, fmt.Errorf("store: drafts: %w", err)
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		var d Draft
		var at string
		if err := rows.Scan(&d.Key, &d.Title, &d.Body, &at); err != nil {
			return nil, fmt.Errorf("store: drafts: %w", err)
		}
		d.SavedAt, _ = time.Parse(time.RFC3339, at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// DeleteDraft drops a form's draft once it is saved or given up.
func (s *Store) DeleteDraft(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM drafts WHERE key = ?", key); err != nil {
		return fmt.Errorf("store: delete draft %s: %w", key, err)
	}
	return nil
}
