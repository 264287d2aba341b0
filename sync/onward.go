package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"filippo.io/age"

	"chibo/store"
)

// Onward hubs: a commune pins its province's card; its own card (and
// every acknowledgement it sends) then names the province, and its cells
// encrypt their bundles to the province too, so the commune can carry
// them on unchanged (relay_out.go).

// onwardDomain keeps the card's onward signature from being valid for
// anything else the hub signs.
const onwardDomain = "chibo onward v1\n"

// signedOnward lists this hub's onward hubs for its card, signed.
func signedOnward(ctx context.Context, st *store.Store, keys store.Keys) ([]peerCard, string, error) {
	ps, err := st.Onward(ctx)
	if err != nil || len(ps) == 0 {
		return nil, "", err
	}
	cards := make([]peerCard, len(ps))
	for i, p := range ps {
		cards[i] = cardOf(p)
	}
	raw, err := json.Marshal(cards)
	if err != nil {
		return nil, "", err
	}
	sig := ed25519.Sign(ed25519.PrivateKey(keys.SignPriv), append([]byte(onwardDomain), raw...))
	return cards, base64.StdEncoding.EncodeToString(sig), nil
}

// checkOnward verifies a card's onward list against the hub's key.
func checkOnward(hubPub []byte, cards []peerCard, sig string) ([]store.Peer, error) {
	raw, err := json.Marshal(cards)
	if err != nil {
		return nil, err
	}
	s, err := base64.StdEncoding.DecodeString(sig)
	if err != nil || !ed25519.Verify(ed25519.PublicKey(hubPub), append([]byte(onwardDomain), raw...), s) {
		return nil, fmt.Errorf("onward hubs are not signed by the hub: %w", ErrBadSignature)
	}
	if len(cards) >= maxRecipients {
		return nil, fmt.Errorf("%d onward hubs: %w", len(cards), ErrInvalidBundle)
	}
	return peersOf(cards, store.RoleOnward)
}

// PinOnward reads a hub card. On a hub it pins that card's hub as the
// one it relays to, once fingerprint equals what a person read on the
// card (the province's laptop). On a cell the card must be its own hub's
// (same keys): the cell takes the onward hubs the card names.
func PinOnward(ctx context.Context, st *store.Store, cardPath, fingerprint string) (store.Peer, error) {
	c, err := ReadCard(cardPath)
	if err != nil {
		return store.Peer{}, err
	}
	site, err := st.Site(ctx)
	if err != nil {
		return store.Peer{}, fmt.Errorf("sync: pin onward: %w", err)
	}
	if site.Role == store.RoleCell {
		hub, err := st.Hub(ctx)
		if err != nil {
			return store.Peer{}, fmt.Errorf("sync: pin onward: %w", err)
		}
		if hub.SiteID != c.Hub.SiteID || !bytes.Equal(hub.SignPub, c.Hub.SignPub) {
			return c.Hub, fmt.Errorf("sync: pin onward: card of %q, not of this cell's hub: %w", c.Hub.Name, ErrWrongKey)
		}
		if err := st.SetOnward(ctx, c.Onward); err != nil {
			return store.Peer{}, fmt.Errorf("sync: pin onward: %w", err)
		}
		// Read again on purpose: the next export carries the whole
		// history to the hubs above once more (a stick was lost).
		if err := st.MarkOnwardHistory(ctx, ""); err != nil {
			return store.Peer{}, fmt.Errorf("sync: pin onward: %w", err)
		}
		return c.Hub, nil
	}
	if c.Hub.Fingerprint != fingerprint {
		return c.Hub, fmt.Errorf("sync: pin onward: fingerprint %q does not match the card's: %w", fingerprint, ErrWrongKey)
	}
	p := c.Hub
	p.Role = store.RoleOnward
	if err := st.SetOnward(ctx, []store.Peer{p}); err != nil {
		return store.Peer{}, fmt.Errorf("sync: pin onward: %w", err)
	}
	return p, nil
}

// onwardRecipients are the age recipients and site ids of this site's
// onward hubs, which a cell's bundle is encrypted and addressed to.
func onwardRecipients(ctx context.Context, st *store.Store) ([]age.Recipient, []string, error) {
	ps, err := st.Onward(ctx)
	if err != nil {
		return nil, nil, err
	}
	var rs []age.Recipient
	var ids []string
	for _, p := range ps {
		r, err := age.ParseX25519Recipient(p.AgeRecipient)
		if err != nil {
			return nil, nil, fmt.Errorf("onward hub %s age recipient: %w", p.Name, err)
		}
		rs, ids = append(rs, r), append(ids, p.SiteID)
	}
	return rs, ids, nil
}

// onwardCards lists this hub's onward hubs for an acknowledgement; never
// nil, so the cell knows the list is current.
func onwardCards(ctx context.Context, st *store.Store) ([]peerCard, error) {
	ps, err := st.Onward(ctx)
	if err != nil {
		return nil, err
	}
	out := []peerCard{}
	for _, p := range ps {
		out = append(out, cardOf(p))
	}
	return out, nil
}

// historyFor returns the whole history instead of the pending changes
// when the onward hubs include one the whole history has not gone to:
// the changes its hub acknowledged before relaying were never encrypted
// to it. The hub keeps such a bundle even when it brings it nothing new
// (import.go), so relaying carries it on.
func historyFor(ctx context.Context, st *store.Store, ids []string, pending []store.Change) ([]store.Change, error) {
	if len(ids) == 0 {
		return pending, nil
	}
	sent, err := st.OnwardHistorySent(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if !slices.Contains(strings.Split(sent, ","), id) {
			return st.OwnHistory(ctx)
		}
	}
	return pending, nil
}

// markHistory notes, after an export was written and read back, that the
// current onward hubs have the whole history. A lost stick after that
// loses it for them: "chibo onward --card" on the cell sends it again.
func markHistory(ctx context.Context, st *store.Store) error {
	_, ids, err := onwardRecipients(ctx, st)
	if err != nil || len(ids) == 0 {
		return err
	}
	sent, err := st.OnwardHistorySent(ctx)
	if err != nil {
		return err
	}
	have := strings.Split(sent, ",")
	for _, id := range ids {
		if !slices.Contains(have, id) {
			have = append(have, id)
		}
	}
	return st.MarkOnwardHistory(ctx, strings.Trim(strings.Join(have, ","), ","))
}
