package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// NewID returns a fresh UUIDv7: time-ordered, so indexes stay compact.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// Setup is what the first-start screen (or `chibo init`) collects.
type Setup struct {
	Role         Role
	Name         string
	ParentName   string
	Place        string
	HasCommittee bool
	Keys         Keys
	Hub          *Peer     // the hub's card, for a cell
	Onward       []Peer    // the hubs above it its card names (sync_relay.go)
	Mailboxes    []Mailbox // the mailboxes its card names (mailbox.go)
	Passphrase   string    // locks the data key (lock.go)
}

// Init sets up an empty data folder: identity, keys, own org record and, for
// a cell, the pinned hub. Everything commits together or not at all.
func (s *Store) Init(ctx context.Context, in Setup) (Site, error) {
	in.Name, in.ParentName, in.Place = NFC(in.Name), NFC(in.ParentName), NFC(in.Place)
	switch {
	case in.Role != RoleCell && in.Role != RoleHub:
		return Site{}, fmt.Errorf("store: init: role %q: %w", in.Role, ErrInvalid)
	case in.Name == "":
		return Site{}, fmt.Errorf("store: init: organisation name is empty: %w", ErrInvalid)
	case in.Role == RoleCell && in.Hub == nil:
		return Site{}, fmt.Errorf("store: init: a cell needs the hub card: %w", ErrInvalid)
	case len(in.Keys.SignPriv) == 0 || in.Keys.AgeIdentity == "":
		return Site{}, fmt.Errorf("store: init: keys missing: %w", ErrInvalid)
	}
	if s.lock != nil {
		return Site{}, fmt.Errorf("store: init: %w", ErrAlreadySetUp)
	}
	l, key, err := newLock(in.Passphrase, in.Hub, in.Name, in.Place, in.ParentName)
	if err != nil {
		return Site{}, fmt.Errorf("store: init: %w", err)
	}
	sl, err := newSealer(key)
	if err != nil {
		return Site{}, err
	}
	if err := addIdentity(l, sl, in.Keys.AgeIdentity); err != nil {
		return Site{}, err
	}
	id := NewID()
	kind := OrgKindCell
	if in.Role == RoleHub {
		kind = OrgKindCommune
	}
	var lockJSON []byte
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if cur, err := metaGet(ctx, tx, "site_id"); err != nil {
			return err
		} else if cur != "" {
			return ErrAlreadySetUp
		}
		now := time.Now().UTC().Format(time.RFC3339)
		// A new folder holds no cell's claims to settle (hub_claims.go).
		for k, v := range map[string]string{"site_id": id, "role": string(in.Role), "created_at": now, "claims_settled": now,
			"seal_version": sealVersion} {
			if err := metaSet(ctx, tx, k, v); err != nil {
				return err
			}
		}
		if err := insertKeys(ctx, tx, sl, id, in.Keys); err != nil {
			return err
		}
		if lockJSON, err = metaLock(ctx, tx, l); err != nil {
			return err
		}
		if in.Hub != nil {
			if err := pinPeer(ctx, tx, *in.Hub); err != nil {
				return err
			}
			if err := setOnwardTx(ctx, tx, id, in.Onward); err != nil {
				return err
			}
			if err := setHubMailboxesTx(ctx, tx, in.Mailboxes, ""); err != nil {
				return err
			}
		}
		w := &writer{ctx: ctx, tx: tx, site: id, origin: id, sl: sl}
		if err := w.put("org", id, id, map[string]any{
			"name": in.Name, "kind": kind, "parent_name": in.ParentName, "place": in.Place, "has_committee": in.HasCommittee,
		}); err != nil {
			return err
		}
		return w.done()
	})
	if err != nil {
		return Site{}, fmt.Errorf("store: init: %w", err)
	}
	if err := writeLockFile(s.dir, lockJSON); err != nil {
		return Site{}, fmt.Errorf("store: init: %w", err)
	}
	s.lock = l
	if err := s.useKey(key); err != nil {
		return Site{}, err
	}
	if _, err := s.CheckCopy(ctx); err != nil {
		return Site{}, fmt.Errorf("store: init: %w", err)
	}
	return s.Site(ctx)
}

// Site returns this folder's identity, or ErrNotInitialized.
func (s *Store) Site(ctx context.Context) (Site, error) {
	id, err := metaGet(ctx, s.db, "site_id")
	if err != nil {
		return Site{}, fmt.Errorf("store: site: %w", err)
	}
	if id == "" {
		return Site{}, ErrNotInitialized
	}
	role, err := metaGet(ctx, s.db, "role")
	if err != nil {
		return Site{}, fmt.Errorf("store: site: %w", err)
	}
	o, err := s.Org(ctx, id)
	if err != nil {
		return Site{}, fmt.Errorf("store: site: %w", err)
	}
	return Site{Org: o, Role: Role(role)}, nil
}

// UpdateOrg edits this site's own organisation record.
func (s *Store) UpdateOrg(ctx context.Context, o Org) error {
	err := s.writeTx(ctx, func(w *writer) error {
		return w.put("org", w.site, w.site, map[string]any{
			"name": NFC(o.Name), "parent_name": NFC(o.ParentName), "place": NFC(o.Place), "has_committee": o.HasCommittee,
		})
	})
	if err != nil {
		return fmt.Errorf("store: update org: %w", err)
	}
	return nil
}

// Org reads one organisation.
func (s *Store) Org(ctx context.Context, id string) (Org, error) {
	var o Org
	var hc int
	err := s.db.QueryRowContext(ctx, "SELECT id, name, kind, parent_name, place, has_committee FROM orgs WHERE id = ?", id).
		Scan(&o.ID, &o.Name, &o.Kind, &o.ParentName, &o.Place, &hc)
	if err == sql.ErrNoRows {
		return Org{}, fmt.Errorf("org %s: %w", id, ErrNotFound)
	}
	o.HasCommittee = hc != 0
	return o, err
}

// Keys returns this site's private keys.
func (s *Store) Keys(ctx context.Context) (Keys, error) {
	var k Keys
	err := s.db.QueryRowContext(ctx, "SELECT "+unsealSQL("keys", "sign_priv", "")+", "+unsealSQL("keys", "age_identity", "")+" FROM keys LIMIT 1").Scan(&k.SignPriv, &k.AgeIdentity)
	if err == sql.ErrNoRows {
		return Keys{}, ErrNotInitialized
	}
	if err != nil {
		return Keys{}, fmt.Errorf("store: keys: %w", err)
	}
	return k, nil
}

// insertKeys stores the site's private keys sealed with the data key.
func insertKeys(ctx context.Context, tx *sql.Tx, sl *sealer, site string, k Keys) error {
	sp, err := sl.seal(string(k.SignPriv), storePlace("keys", "sign_priv", site))
	if err != nil {
		return err
	}
	ai, err := sl.seal(k.AgeIdentity, storePlace("keys", "age_identity", site))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO keys(site_id, sign_priv, age_identity) VALUES (?,?,?)", site, sp, ai)
	return err
}

func pinPeer(ctx context.Context, tx *sql.Tx, p Peer) error {
	if p.PinnedAt == "" {
		p.PinnedAt = time.Now().UTC().Format(time.RFC3339)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO peers(site_id, role, name, sign_pub, age_recipient, fingerprint, pinned_at)
		VALUES (?,?,?,?,?,?,?)`, p.SiteID, string(p.Role), NFC(p.Name), p.SignPub, p.AgeRecipient, p.Fingerprint, p.PinnedAt)
	return err
}

// Peer returns a pinned peer, or ErrNotFound.
func (s *Store) Peer(ctx context.Context, siteID string) (Peer, error) {
	ps, err := s.peers(ctx, "WHERE site_id = ?", siteID)
	if err != nil {
		return Peer{}, err
	}
	if len(ps) == 0 {
		return Peer{}, fmt.Errorf("store: peer %s: %w", siteID, ErrNotFound)
	}
	return ps[0], nil
}

// Peers lists pinned peers with the given role ("" for all).
func (s *Store) Peers(ctx context.Context, role Role) ([]Peer, error) {
	if role == "" {
		return s.peers(ctx, "ORDER BY name")
	}
	return s.peers(ctx, "WHERE role = ? ORDER BY name", string(role))
}

func (s *Store) peers(ctx context.Context, where string, args ...any) ([]Peer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT site_id, role, name, sign_pub, age_recipient, fingerprint, pinned_at,
		last_bundle_at, high_water FROM peers `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: peers: %w", err)
	}
	defer rows.Close()
	var out []Peer
	for rows.Next() {
		var p Peer
		var role string
		if err := rows.Scan(&p.SiteID, &role, &p.Name, &p.SignPub, &p.AgeRecipient, &p.Fingerprint, &p.PinnedAt,
			&p.LastBundleAt, &p.HighWater); err != nil {
			return nil, fmt.Errorf("store: peers: %w", err)
		}
		p.Role = Role(role)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Hub returns the hub a cell sends to.
func (s *Store) Hub(ctx context.Context) (Peer, error) {
	ps, err := s.Peers(ctx, RoleHub)
	if err != nil {
		return Peer{}, err
	}
	if len(ps) == 0 {
		return Peer{}, fmt.Errorf("store: hub: %w", ErrNotFound)
	}
	return ps[0], nil
}

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE")
}
