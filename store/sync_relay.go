package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Relay: a commune committee carries its cells' bundles on to the
// province unchanged (see sync/doc.go, "# Relay"). Two more peer roles:
const (
	// RoleOnward is a higher hub this site's bundles are also encrypted
	// to: at a commune the province it relays to, at a cell the hubs its
	// own hub names on its card.
	RoleOnward Role = "onward"
	// RoleRelay is, at the province, a commune whose signed roster
	// vouches for the cells whose bundles it carries.
	RoleRelay Role = "relay"
)

// ErrRosterConflict means a roster names a cell that another hub vouched
// for, or that was enrolled directly, with other keys.
var ErrRosterConflict = errors.New("the roster names a cell enrolled through another hub with other keys")

// SetOnward replaces this site's onward hubs. A hub pins the province's
// card (a person compared the fingerprint); a cell takes the list its own
// hub signed on its card or in an acknowledgement.
func (s *Store) SetOnward(ctx context.Context, ps []Peer) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		site, err := metaGet(ctx, tx, "site_id")
		if err != nil {
			return err
		}
		return setOnwardTx(ctx, tx, site, ps)
	})
	if err != nil {
		return fmt.Errorf("store: set onward hubs: %w", err)
	}
	return nil
}

// setOnwardTx replaces the onward hubs within tx (SetOnward, and Init
// with the hub card's list).
func setOnwardTx(ctx context.Context, tx *sql.Tx, site string, ps []Peer) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM peers WHERE role = ?", string(RoleOnward)); err != nil {
		return err
	}
	for _, p := range ps {
		var role string
		err := tx.QueryRowContext(ctx, "SELECT role FROM peers WHERE site_id = ?", p.SiteID).Scan(&role)
		switch {
		case p.SiteID == site:
			return fmt.Errorf("onward hub is this site itself: %w", ErrInvalid)
		case err == nil:
			return fmt.Errorf("onward hub %s is already a %s peer: %w", p.SiteID, role, ErrInvalid)
		case err != sql.ErrNoRows:
			return err
		}
		p.Role = RoleOnward
		if err := pinPeer(ctx, tx, p); err != nil {
			return err
		}
	}
	return nil
}

// Onward lists the onward hubs, by name.
func (s *Store) Onward(ctx context.Context) ([]Peer, error) {
	return s.Peers(ctx, RoleOnward)
}

// RosterIn is a commune's verified roster, ready to apply at the province.
type RosterIn struct {
	ID          string
	ManifestSHA string
	Relay       Peer // the commune, keys as carried in the manifest
	Pin         bool // a person confirmed the commune's fingerprint
	Cells       []Peer
	Revoked     []RevokedKey // the commune's revocations of its cells' keys
}

// RosterApplied says what ApplyRoster did.
type RosterApplied struct {
	Duplicate bool
	Added     int // cells pinned for the first time
	Replaced  int // cells whose keys the commune replaced (new laptop)
}

// ApplyRoster pins the cells a commune vouches for, in one transaction.
// A cell already vouched for by this commune may get new keys (the old
// key is revoked); a cell enrolled directly or through another hub must
// keep its keys, or the whole roster is refused.
func (s *Store) ApplyRoster(ctx context.Context, in RosterIn) (RosterApplied, error) {
	var out RosterApplied
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM rosters_in WHERE sender = ? AND roster_id = ?", in.Relay.SiteID, in.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			out.Duplicate = true
			return nil
		}
		if err := pinRelay(ctx, tx, in); err != nil {
			return err
		}
		now := time.Now().UTC().Format(time.RFC3339)
		vouched := map[string]bool{}
		for _, c := range in.Cells {
			vouched[c.SiteID] = true
			if err := rosterCell(ctx, tx, in, c, now, &out); err != nil {
				return fmt.Errorf("cell %s: %w", c.SiteID, err)
			}
		}
		for _, k := range in.Revoked {
			if !vouched[k.SiteID] {
				continue // a commune revokes only its own cells' keys
			}
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO revoked_keys(sign_pub, site_id, revoked_at, reason) VALUES (?,?,?,?)",
				k.SignPub, k.SiteID, k.RevokedAt, "revoked by "+in.Relay.Name); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO rosters_in(roster_id, sender, manifest_sha, cell_count, imported_at) VALUES (?,?,?,?,?)",
			in.ID, in.Relay.SiteID, in.ManifestSHA, len(in.Cells), now)
		return err
	})
	if err != nil {
		return RosterApplied{}, fmt.Errorf("store: apply roster %s: %w", in.ID, err)
	}
	return out, nil
}

// pinRelay checks the roster's sender is a pinned commune, or pins it
// once a person confirmed its fingerprint.
func pinRelay(ctx context.Context, tx *sql.Tx, in RosterIn) error {
	var role string
	var pub []byte
	err := tx.QueryRowContext(ctx, "SELECT role, sign_pub FROM peers WHERE site_id = ?", in.Relay.SiteID).Scan(&role, &pub)
	switch {
	case err == sql.ErrNoRows && in.Pin:
		p := in.Relay
		p.Role = RoleRelay
		return pinPeer(ctx, tx, p)
	case err == sql.ErrNoRows:
		return ErrUnknownSender
	case err != nil:
		return err
	case role != string(RoleRelay) || !bytes.Equal(pub, in.Relay.SignPub):
		return fmt.Errorf("roster from %s, pinned as %s with other keys: %w", in.Relay.SiteID, role, ErrUnknownSender)
	}
	return nil
}

func rosterCell(ctx context.Context, tx *sql.Tx, in RosterIn, c Peer, now string, out *RosterApplied) error {
	var role, via string
	var pub []byte
	err := tx.QueryRowContext(ctx, `SELECT p.role, p.sign_pub, COALESCE(r.via, '') FROM peers p
		LEFT JOIN relay_cells r ON r.site_id = p.site_id WHERE p.site_id = ?`, c.SiteID).Scan(&role, &pub, &via)
	switch {
	case err == sql.ErrNoRows:
		c.Role = RoleCell
		if err := pinPeer(ctx, tx, c); err != nil {
			return err
		}
		out.Added++
	case err != nil:
		return err
	case role != string(RoleCell):
		return fmt.Errorf("site is a %s here: %w", role, ErrRosterConflict)
	case bytes.Equal(pub, c.SignPub):
		if via == "" {
			return nil // enrolled directly with the same keys: stays direct
		}
	case via != in.Relay.SiteID:
		return ErrRosterConflict
	default: // the commune pinned this cell's new laptop
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO revoked_keys(sign_pub, site_id, revoked_at, reason) VALUES (?,?,?,?)",
			pub, c.SiteID, now, "replaced by "+in.Relay.Name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE peers SET sign_pub = ?, age_recipient = ?, fingerprint = ?, name = ?, pinned_at = ? WHERE site_id = ?",
			c.SignPub, c.AgeRecipient, c.Fingerprint, NFC(c.Name), now, c.SiteID); err != nil {
			return err
		}
		out.Replaced++
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO relay_cells(site_id, via, roster_id, updated_at) VALUES (?,?,?,?)
		ON CONFLICT(site_id) DO UPDATE SET via = excluded.via, roster_id = excluded.roster_id, updated_at = excluded.updated_at`,
		c.SiteID, in.Relay.SiteID, in.ID, now)
	return err
}

// RelayedVia returns the commune that vouched for a cell, or "" for a
// cell enrolled directly (or not at all).
func (s *Store) RelayedVia(ctx context.Context, cellID string) (string, error) {
	var via string
	err := s.db.QueryRowContext(ctx, "SELECT via FROM relay_cells WHERE site_id = ?", cellID).Scan(&via)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: relayed via %s: %w", cellID, err)
	}
	return via, nil
}

// onwardHistoryKey (meta) holds the onward hubs, comma-joined, that this
// cell has already sent its whole history to (sync/onward.go).
const onwardHistoryKey = "onward_history_sent"

// OwnHistory returns every change of this site's own origins (epochs),
// acknowledged or not: what a cell sends once when its hub starts relaying
// to a hub above, which never saw the changes acknowledged before.
func (s *Store) OwnHistory(ctx context.Context) ([]Change, error) {
	eps, err := s.Epochs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Change
	for _, e := range eps {
		cs, err := s.changesOf(ctx, e.Origin, 0)
		if err != nil {
			return nil, fmt.Errorf("store: own history: %w", err)
		}
		out = append(out, cs...)
	}
	return out, nil
}

// OnwardHistorySent returns what MarkOnwardHistory last stored.
func (s *Store) OnwardHistorySent(ctx context.Context) (string, error) {
	v, err := metaGet(ctx, s.db, onwardHistoryKey)
	if err != nil {
		return "", fmt.Errorf("store: onward history: %w", err)
	}
	return v, nil
}

// MarkOnwardHistory records the onward hubs the whole history went to.
func (s *Store) MarkOnwardHistory(ctx context.Context, ids string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error { return metaSet(ctx, tx, onwardHistoryKey, ids) })
	if err != nil {
		return fmt.Errorf("store: mark onward history: %w", err)
	}
	return nil
}
