package sync

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"filippo.io/age"

	"chibo/store"
)

// Relay, the receiving side: which recipients a manifest may name, the
// roster a commune signs for the province, and the check that a relayed
// bundle comes from a cell a verified roster lists. See doc.go, "# Relay".

// maxRecipients bounds a manifest's recipient list: a cell's hub and the
// hubs above it, a handful at most.
const maxRecipients = 8

// peerCard is a site's public identity as cards, rosters and
// acknowledgements carry it.
type peerCard struct {
	SiteID       string `json:"site_id"`
	Name         string `json:"name"`
	SignPub      string `json:"sign_pub"` // base64
	AgeRecipient string `json:"age_recipient"`
	Fingerprint  string `json:"fingerprint"`
}

func cardOf(p store.Peer) peerCard {
	return peerCard{SiteID: p.SiteID, Name: p.Name, SignPub: base64.StdEncoding.EncodeToString(p.SignPub),
		AgeRecipient: p.AgeRecipient, Fingerprint: p.Fingerprint}
}

// peer checks a carried identity: well-formed keys whose fingerprint is
// the one named.
func (c peerCard) peer(role store.Role) (store.Peer, error) {
	pub, err := base64.StdEncoding.DecodeString(c.SignPub)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return store.Peer{}, fmt.Errorf("signing key of %q is malformed: %w", c.Name, ErrInvalidBundle)
	}
	if _, err := age.ParseX25519Recipient(c.AgeRecipient); err != nil {
		return store.Peer{}, fmt.Errorf("age recipient of %q is malformed: %w", c.Name, ErrInvalidBundle)
	}
	if c.SiteID == "" || len(c.SiteID) > 64 || c.Name == "" {
		return store.Peer{}, fmt.Errorf("site id or name missing: %w", ErrInvalidBundle)
	}
	if Fingerprint(pub, c.AgeRecipient) != c.Fingerprint {
		return store.Peer{}, fmt.Errorf("fingerprint of %q does not match its keys: %w", c.Name, ErrInvalidBundle)
	}
	return store.Peer{SiteID: c.SiteID, Role: role, Name: store.NFC(c.Name), SignPub: pub,
		AgeRecipient: c.AgeRecipient, Fingerprint: c.Fingerprint}, nil
}

func peersOf(cs []peerCard, role store.Role) ([]store.Peer, error) {
	out := make([]store.Peer, 0, len(cs))
	for _, c := range cs {
		p, err := c.peer(role)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// recipientsWellFormed: a 1.4 list starts with the primary recipient,
// names each site once and stays short. An older manifest has none.
func recipientsWellFormed(m manifest) bool {
	if len(m.Recipients) == 0 {
		return true
	}
	if len(m.Recipients) > maxRecipients || m.Recipients[0] != m.Recipient {
		return false
	}
	for i, r := range m.Recipients {
		if r == "" || len(r) > 64 || slices.Contains(m.Recipients[:i], r) {
			return false
		}
	}
	return true
}

// checkRecipient accepts a bundle addressed to this site, or, for a hub,
// one that names it as an onward recipient (relayed = true). Only
// changes are relayed: acknowledgements and rosters go to one site.
func checkRecipient(m manifest, site store.Site) (relayed bool, err error) {
	if m.Recipient == site.ID {
		return false, nil
	}
	if m.Kind == kindChanges && site.Role == store.RoleHub && slices.Contains(m.Recipients, site.ID) {
		return true, nil
	}
	return false, fmt.Errorf("recipient %s: %w", m.Recipient, ErrWrongRecipient)
}

// checkRelayed accepts a relayed bundle only from a cell that a verified
// roster of the bundle's first recipient (its commune) lists; such a cell
// is never enrolled by confirming a fingerprint here.
func checkRelayed(ctx context.Context, st *store.Store, m manifest, pinned *store.Peer) error {
	if pinned == nil {
		return fmt.Errorf("%s: %w", m.Sender.Name, ErrNotRelayed)
	}
	via, err := st.RelayedVia(ctx, m.Sender.SiteID)
	if err != nil {
		return err
	}
	if via != m.Recipient {
		return fmt.Errorf("%s is not vouched for by %s: %w", m.Sender.Name, m.Recipient, ErrNotRelayed)
	}
	return nil
}

// rosterBody is what a commune signs for the province: the cells whose
// bundles it carries, and the keys it has revoked.
type rosterBody struct {
	AsOf    string       `json:"as_of"`
	Cells   []peerCard   `json:"cells"`
	Revoked []rosterKill `json:"revoked,omitempty"`
}

type rosterKill struct {
	SiteID    string `json:"site_id"`
	SignPub   string `json:"sign_pub"` // base64
	RevokedAt string `json:"revoked_at"`
}

// examineRoster checks a roster: only a hub receives one, from a site it
// pinned as a commune (or, once a person confirms the fingerprint, pins).
func examineRoster(ex examined, site store.Site, p payload) (examined, error) {
	if site.Role != store.RoleHub {
		return ex, fmt.Errorf("a cell receives no roster: %w", ErrWrongRecipient)
	}
	if ex.pinned != nil && ex.pinned.Role != store.RoleRelay {
		return ex, fmt.Errorf("roster from %q, pinned here as a %s: %w", ex.pinned.Name, ex.pinned.Role, ErrUnknownSender)
	}
	if err := checkBody(p); err != nil {
		return ex, err
	}
	raw, err := inflateBody(p.changes)
	if err != nil {
		return ex, err
	}
	in, err := parseRoster(raw, p.manifest, site.ID)
	if err != nil {
		return ex, err
	}
	in.ManifestSHA = sha256Hex(p.manifestRaw)
	ex.roster = &in
	ex.res.Changes = len(in.Cells)
	return ex, nil
}

func parseRoster(raw []byte, m manifest, self string) (store.RosterIn, error) {
	var b rosterBody
	if err := json.Unmarshal(raw, &b); err != nil || b.AsOf == "" {
		return store.RosterIn{}, fmt.Errorf("roster: %w", ErrInvalidBundle)
	}
	if len(b.Cells) != m.RecordCount || len(b.Revoked) > maxRecords {
		return store.RosterIn{}, fmt.Errorf("roster has %d cells, manifest says %d: %w", len(b.Cells), m.RecordCount, ErrInvalidBundle)
	}
	cells, err := peersOf(b.Cells, store.RoleCell)
	if err != nil {
		return store.RosterIn{}, fmt.Errorf("roster: %w", err)
	}
	seen := map[string]bool{}
	for _, c := range cells {
		if c.SiteID == self || c.SiteID == m.Sender.SiteID || seen[c.SiteID] {
			return store.RosterIn{}, fmt.Errorf("roster lists %s twice or as a hub: %w", c.SiteID, ErrInvalidBundle)
		}
		seen[c.SiteID] = true
	}
	s := m.Sender
	in := store.RosterIn{ID: m.BundleID, Cells: cells, Relay: store.Peer{SiteID: s.SiteID, Role: store.RoleRelay,
		Name: s.Name, SignPub: s.SignPub, AgeRecipient: s.AgeRecipient, Fingerprint: s.Fingerprint}}
	for _, k := range b.Revoked {
		pub, err := base64.StdEncoding.DecodeString(k.SignPub)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			return store.RosterIn{}, fmt.Errorf("roster revocation list: %w", ErrInvalidBundle)
		}
		in.Revoked = append(in.Revoked, store.RevokedKey{SiteID: k.SiteID, SignPub: pub, RevokedAt: k.RevokedAt})
	}
	return in, nil
}

// applyRoster pins the roster's cells; an unknown commune waits for a
// person to confirm its fingerprint, like a new cell's first bundle.
func applyRoster(ctx context.Context, st *store.Store, ex examined, opt Options) Result {
	if ex.pinned == nil && !opt.accepts(ex.res.Sender.Fingerprint) {
		ex.res.Status = NeedsConfirmation
		return ex.res
	}
	in := *ex.roster
	in.Pin = ex.pinned == nil
	a, err := st.ApplyRoster(ctx, in)
	if err != nil {
		if errorsIsUnknown(err) {
			err = fmt.Errorf("%w: %w", ErrUnknownSender, err)
		}
		return refuse(ex.res, ex.res.File, err)
	}
	if a.Duplicate {
		ex.res.Status = Duplicate
		return ex.res
	}
	ex.copy.keep(st.Dir(), inboxDir, ex.res.Sender.SiteID, ex.res.BundleID)
	ex.res.Status = Accepted
	return ex.res
}

func errorsIsUnknown(err error) bool { return errors.Is(err, store.ErrUnknownSender) }

// rostersFirst orders a commune's rosters before the bundles they vouch
// for, keeping the given order otherwise.
func rostersFirst(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, first := range []bool{true, false} {
		for _, p := range paths {
			if strings.HasPrefix(filepath.Base(p), rosterPrefix) == first {
				out = append(out, p)
			}
		}
	}
	return out
}
