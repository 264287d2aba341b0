package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Mailboxes on the network (schema step 12): which this site uses, what
// it deposited there, and a few settings of the network exchange. None
// of it travels; see mailbox/doc.go for the service itself.

// Where a mailbox address came from.
const (
	MailboxOwn     = "own" // set on this laptop
	MailboxFromHub = "hub" // from the hub's card or newest acknowledgement
)

// Mailbox is one mailbox address: its URL and, for https, the SHA-256 pin
// of its certificate's public key ("sha256:<hex>").
type Mailbox struct {
	URL    string
	Pin    string
	Source string
}

// Mailboxes lists the mailboxes this site tries, its own first, each in
// the order it was added or the hub listed it.
func (s *Store) Mailboxes(ctx context.Context) ([]Mailbox, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT url, pin, source FROM mailboxes ORDER BY source = 'hub', position")
	if err != nil {
		return nil, fmt.Errorf("store: mailboxes: %w", err)
	}
	defer rows.Close()
	var out []Mailbox
	for rows.Next() {
		var m Mailbox
		if err := rows.Scan(&m.URL, &m.Pin, &m.Source); err != nil {
			return nil, fmt.Errorf("store: mailboxes: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// AddMailbox records a mailbox set on this laptop, or gives a known one
// its new pin; it stays this site's own whatever the hub later lists.
func (s *Store) AddMailbox(ctx context.Context, m Mailbox) error {
	if m.URL == "" {
		return fmt.Errorf("store: add mailbox: no address: %w", ErrInvalid)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mailboxes(url, pin, source, position, added_at)
			VALUES (?, ?, 'own', (SELECT COALESCE(MAX(position), 0) + 1 FROM mailboxes), ?)
			ON CONFLICT(url) DO UPDATE SET pin = excluded.pin, source = 'own'`,
			m.URL, m.Pin, time.Now().UTC().Format(time.RFC3339))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: add mailbox %s: %w", m.URL, err)
	}
	return nil
}

// RemoveMailbox forgets a mailbox; what was deposited there stays noted.
func (s *Store) RemoveMailbox(ctx context.Context, url string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM mailboxes WHERE url = ?", url)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: remove mailbox %s: %w", url, err)
	}
	return nil
}

// mailboxesAsOfKey (meta) is the date of the hub's list stored last.
const mailboxesAsOfKey = "mailboxes_hub_as_of"

// SetHubMailboxes replaces the mailboxes the hub listed with ms, unless
// the list stored came from a newer card or acknowledgement (asOf, RFC
// 3339): an old acknowledgement read late must not undo a change. A
// mailbox set on this laptop stays its own. It reports whether it
// replaced the list.
func (s *Store) SetHubMailboxes(ctx context.Context, ms []Mailbox, asOf string) (bool, error) {
	changed := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		prev, err := metaGet(ctx, tx, mailboxesAsOfKey)
		if err != nil {
			return err
		}
		if prev != "" && asOf <= prev { // dated to the second: the first of a second wins
			return nil
		}
		changed = true
		return setHubMailboxesTx(ctx, tx, ms, asOf)
	})
	if err != nil {
		return false, fmt.Errorf("store: set the hub's mailboxes: %w", err)
	}
	return changed, nil
}

// setHubMailboxesTx replaces the hub's list within tx (and Init, with
// the card's list, dated "").
func setHubMailboxesTx(ctx context.Context, tx *sql.Tx, ms []Mailbox, asOf string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM mailboxes WHERE source = 'hub'"); err != nil {
		return err
	}
	now := time.Now().UTC().Format(time.RFC3339)
	for i, m := range ms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mailboxes(url, pin, source, position, added_at) VALUES (?, ?, 'hub', ?, ?)
			ON CONFLICT(url) DO NOTHING`, m.URL, m.Pin, i+1, now); err != nil {
			return err
		}
	}
	return metaSet(ctx, tx, mailboxesAsOfKey, asOf)
}

// Deposit is a file deposited complete at a mailbox.
type Deposit struct {
	To      string // the addressee's site id
	Name    string // the file name, <bundle id>.chibo (roster-… for a roster)
	SHA256  string
	Bytes   int64
	Digest  string // what it said, to tell an unchanged bundle (see the schema step)
	Mailbox string // the mailbox's URL
	At      time.Time
}

// RecordDeposit notes a completed deposit.
func (s *Store) RecordDeposit(ctx context.Context, d Deposit) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mailbox_sent(to_site, name, sha256, bytes, digest, mailbox, sent_at) VALUES (?,?,?,?,?,?,?)
			ON CONFLICT(to_site, name) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes,
			digest = excluded.digest, mailbox = excluded.mailbox, sent_at = excluded.sent_at`,
			d.To, d.Name, d.SHA256, d.Bytes, d.Digest, d.Mailbox, d.At.UTC().Format(time.RFC3339Nano))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: record deposit %s: %w", d.Name, err)
	}
	return nil
}

// Deposited returns the deposit of name for to, if there was one.
func (s *Store) Deposited(ctx context.Context, to, name string) (Deposit, bool, error) {
	return s.oneDeposit(ctx, "WHERE to_site = ? AND name = ?", to, name)
}

// LastDeposit returns the newest deposit for to, if any.
func (s *Store) LastDeposit(ctx context.Context, to string) (Deposit, bool, error) {
	return s.oneDeposit(ctx, "WHERE to_site = ? ORDER BY sent_at DESC, rowid DESC LIMIT 1", to)
}

// DepositedDigest reports whether a file saying digest was deposited
// for to before (a hub's unchanged roster for the hub above).
func (s *Store) DepositedDigest(ctx context.Context, to, digest string) (bool, error) {
	_, ok, err := s.oneDeposit(ctx, "WHERE to_site = ? AND digest = ? LIMIT 1", to, digest)
	return ok, err
}

func (s *Store) oneDeposit(ctx context.Context, where string, args ...any) (Deposit, bool, error) {
	var d Deposit
	var at string
	err := s.db.QueryRowContext(ctx, "SELECT to_site, name, sha256, bytes, digest, mailbox, sent_at FROM mailbox_sent "+where, args...).
		Scan(&d.To, &d.Name, &d.SHA256, &d.Bytes, &d.Digest, &d.Mailbox, &at)
	if err == sql.ErrNoRows {
		return Deposit{}, false, nil
	}
	if err != nil {
		return Deposit{}, false, fmt.Errorf("store: deposit: %w", err)
	}
	d.At, _ = time.Parse(time.RFC3339Nano, at)
	return d, true, nil
}

// Settings and state of the network exchange, kept in meta.
const (
	MailboxAuto      = "mailbox_auto"       // "off" turns automatic sending off; on by default
	MailboxLastOK    = "mailbox_last_ok"    // RFC 3339 time of the last exchange that went through
	MailboxLastError = "mailbox_last_error" // what stopped the last attempt, in English; "" after a success
	MailboxLastRelay = "mailbox_last_relay" // a hub: RFC 3339 time its kept originals were last relayed through a mailbox
)

// MailboxSetting reads one of the keys above ("" when never set).
func (s *Store) MailboxSetting(ctx context.Context, key string) (string, error) {
	v, err := metaGet(ctx, s.db, key)
	if err != nil {
		return "", fmt.Errorf("store: mailbox setting %s: %w", key, err)
	}
	return v, nil
}

// SetMailboxSetting writes one of the keys above.
func (s *Store) SetMailboxSetting(ctx context.Context, key, value string) error {
	switch key {
	case MailboxAuto, MailboxLastOK, MailboxLastError, MailboxLastRelay:
	default:
		return fmt.Errorf("store: mailbox setting %q: %w", key, ErrInvalid)
	}
	if err := s.tx(ctx, func(tx *sql.Tx) error { return metaSet(ctx, tx, key, value) }); err != nil {
		return fmt.Errorf("store: mailbox setting %s: %w", key, err)
	}
	return nil
}
