package mailbox

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"

	"chibo/mailbox/proto"
	chibosync "chibo/sync"
)

// The hubs a mailbox knows: each registered itself with its card (signed
// request, the card's key) and keeps a roster there that it signed: the
// cells that may deposit for it. Nothing else is trusted; a site is who
// its signature and these two documents say.

// allowFile, when present in the store folder, lists the fingerprints
// (one a line, as the card shows them) of the hubs that may register.
// Without it any hub may; its cells' data stay encrypted either way.
const allowFile = "hubs.allow"

type hubEntry struct {
	id      string
	name    string
	pub     ed25519.PublicKey
	onward  map[string]ed25519.PublicKey // onward hubs its card names
	cells   map[string]ed25519.PublicKey // from its roster
	revoked map[string]bool              // signing keys, as strings
	asOf    string                       // roster date
}

type registry struct {
	mu    gosync.RWMutex
	hubs  map[string]*hubEntry
	disk  *disk
	allow map[string]bool // nil: every hub may register
}

func openRegistry(d *disk) (*registry, error) {
	r := &registry{hubs: map[string]*hubEntry{}, disk: d}
	if err := r.loadAllow(); err != nil {
		return nil, err
	}
	cards, _ := filepath.Glob(d.path("hubs", "*.card"))
	for _, p := range cards {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("mailbox: hub card %s: %w", p, err)
		}
		h, err := entryFromCard(b)
		if err != nil {
			return nil, fmt.Errorf("mailbox: hub card %s: %w", p, err)
		}
		if rb, err := os.ReadFile(strings.TrimSuffix(p, ".card") + ".roster"); err == nil {
			if err := h.setRoster(rb); err != nil {
				return nil, fmt.Errorf("mailbox: roster of %s: %w", h.id, err)
			}
		}
		r.hubs[h.id] = h
	}
	return r, nil
}

func (r *registry) loadAllow() error {
	f, err := os.Open(filepath.Join(r.disk.root, allowFile))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("mailbox: %s: %w", allowFile, err)
	}
	defer f.Close()
	r.allow = map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.ToUpper(strings.TrimSpace(sc.Text())); l != "" && !strings.HasPrefix(l, "#") {
			r.allow[l] = true
		}
	}
	return sc.Err()
}

func entryFromCard(b []byte) (*hubEntry, error) {
	c, err := chibosync.ParseCard(b)
	if err != nil {
		return nil, err
	}
	h := &hubEntry{id: c.Hub.SiteID, name: c.Hub.Name, pub: ed25519.PublicKey(c.Hub.SignPub),
		onward: map[string]ed25519.PublicKey{}, cells: map[string]ed25519.PublicKey{}, revoked: map[string]bool{}}
	for _, o := range c.Onward {
		h.onward[o.SiteID] = ed25519.PublicKey(o.SignPub)
	}
	return h, nil
}

func (h *hubEntry) setRoster(b []byte) error {
	cr, err := chibosync.ParseMailboxRoster(b, h.id, h.pub)
	if err != nil {
		return err
	}
	h.cells = map[string]ed25519.PublicKey{}
	for id, k := range cr.Cells {
		h.cells[id] = ed25519.PublicKey(k)
	}
	h.revoked = map[string]bool{}
	for _, k := range cr.Revoked {
		h.revoked[string(k)] = true
	}
	h.asOf = cr.AsOf.UTC().Format("2006-01-02T15:04:05Z")
	return nil
}

// register records a hub's card, sent by the hub itself. A hub known with
// another key is refused: the card pinned by its cells would not match.
func (r *registry) register(s proto.Signed, card []byte) *apiError {
	h, err := entryFromCard(card)
	if err != nil {
		return problem(http.StatusBadRequest, proto.CodeBadRequest, "the body is not a valid hub card: "+err.Error())
	}
	if h.id != s.Site || !bytes.Equal(h.pub, s.Key) {
		return problem(http.StatusForbidden, proto.CodeForbidden, "a hub registers only its own card, signed with its own key")
	}
	if r.allow != nil && !r.allow[strings.ToUpper(chibosync.Fingerprint(h.pub, cardRecipient(card)))] {
		return problem(http.StatusForbidden, proto.CodeForbidden, "this mailbox serves only the hubs its operator listed; this hub's fingerprint is not among them")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if old, ok := r.hubs[h.id]; ok {
		if !bytes.Equal(old.pub, h.pub) {
			return problem(http.StatusConflict, proto.CodeConflict, "this hub is registered here with another key")
		}
		h.cells, h.revoked, h.asOf = old.cells, old.revoked, old.asOf
	}
	if err := writeSynced(r.disk.path("hubs", h.id+".card"), card, 0o600); err != nil {
		return storeProblem(err)
	}
	r.hubs[h.id] = h
	return nil
}

// cardRecipient is the card's age recipient, for its fingerprint.
func cardRecipient(card []byte) string {
	c, err := chibosync.ParseCard(card)
	if err != nil {
		return ""
	}
	return c.Hub.AgeRecipient
}

// setRoster replaces a hub's roster with a newer one it signed.
func (r *registry) setRoster(hubID string, b []byte) *apiError {
	r.mu.Lock()
	defer r.mu.Unlock()
	h, ok := r.hubs[hubID]
	if !ok {
		return problem(http.StatusNotFound, proto.CodeNotRegistered, "this hub is not registered at this mailbox")
	}
	n := *h
	if err := n.setRoster(b); err != nil {
		return problem(http.StatusBadRequest, proto.CodeBadRequest, "the roster is not valid: "+err.Error())
	}
	if n.asOf < h.asOf {
		return problem(http.StatusConflict, proto.CodeConflict, "this mailbox holds a newer roster of this hub")
	}
	if err := writeSynced(r.disk.path("hubs", hubID+".roster"), b, 0o600); err != nil {
		return storeProblem(err)
	}
	r.hubs[hubID] = &n
	return nil
}
