package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"filippo.io/age"

	"chibo/store"
)

// ErrNotHubCard means a file given as a hub card is something else.
var ErrNotHubCard = errors.New("this file is not a hub card")

// GenerateKeys makes a fresh signing key and age identity for a new site.
func GenerateKeys() (store.Keys, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return store.Keys{}, fmt.Errorf("sync: generate signing key: %w", err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return store.Keys{}, fmt.Errorf("sync: generate age identity: %w", err)
	}
	return store.Keys{SignPriv: priv, AgeIdentity: id.String()}, nil
}

// PublicKeys derives the public halves that other sites pin.
func PublicKeys(k store.Keys) (signPub []byte, ageRecipient string, err error) {
	if len(k.SignPriv) != ed25519.PrivateKeySize {
		return nil, "", fmt.Errorf("sync: signing key has %d bytes, want %d: %w", len(k.SignPriv), ed25519.PrivateKeySize, store.ErrInvalid)
	}
	id, err := age.ParseX25519Identity(k.AgeIdentity)
	if err != nil {
		return nil, "", fmt.Errorf("sync: age identity: %v: %w", err, store.ErrInvalid)
	}
	pub := ed25519.PrivateKey(k.SignPriv).Public().(ed25519.PublicKey)
	return []byte(pub), id.Recipient().String(), nil
}

// fingerprintDomain keeps our fingerprints from colliding with any other
// hash a person might be shown over the same bytes.
const fingerprintDomain = "chibo fingerprint v1\n"

// Fingerprint is what two people read aloud to confirm keys: SHA-256 over
// both public keys, first 16 bytes as 8 groups of 4 upper-case hex digits.
func Fingerprint(signPub []byte, ageRecipient string) string {
	h := sha256.New()
	h.Write([]byte(fingerprintDomain))
	h.Write(signPub)
	h.Write([]byte(ageRecipient))
	hx := strings.ToUpper(hex.EncodeToString(h.Sum(nil)[:16]))
	groups := make([]string, 0, 8)
	for i := 0; i < len(hx); i += 4 {
		groups = append(groups, hx[i:i+4])
	}
	return strings.Join(groups, " ")
}

const (
	cardFormat  = "chibo-hub-card"
	cardVersion = 1
	cardMaxSize = 64 << 10 // a card is a few hundred bytes; anything huge is not one
)

type hubCard struct {
	Format       string `json:"format"`
	Version      int    `json:"version"`
	SiteID       string `json:"site_id"`
	Name         string `json:"name"`
	Place        string `json:"place"`
	SignPub      string `json:"sign_pub"`
	AgeRecipient string `json:"age_recipient"`
	Fingerprint  string `json:"fingerprint"`
	// Onward names the higher hubs this hub relays to (relay.go); the
	// hub signs the list, so confirming its fingerprint covers it.
	Onward    []peerCard `json:"onward,omitempty"`
	OnwardSig string     `json:"onward_sig,omitempty"`
	// Mailboxes names the mailboxes on the network the hub uses
	// (mailbox.go), signed like Onward. An older reader ignores them.
	Mailboxes    []MailboxAddr `json:"mailboxes,omitempty"`
	MailboxesSig string        `json:"mailboxes_sig,omitempty"`
}

// WriteHubCard writes the hub's public card that cells start from.
func WriteHubCard(ctx context.Context, st *store.Store, path string) error {
	b, err := hubCardBytes(ctx, st)
	if err != nil {
		return err
	}
	if err := store.WriteFile(path, b); err != nil {
		return fmt.Errorf("sync: hub card %s: %w", path, err)
	}
	return nil
}

// hubCardBytes is the hub's card, signed lists included.
func hubCardBytes(ctx context.Context, st *store.Store) ([]byte, error) {
	site, err := st.Site(ctx)
	if err != nil {
		return nil, fmt.Errorf("sync: hub card: %w", err)
	}
	if site.Role != store.RoleHub {
		return nil, fmt.Errorf("sync: hub card: only the hub has one: %w", store.ErrWrongRole)
	}
	keys, err := st.Keys(ctx)
	if err != nil {
		return nil, fmt.Errorf("sync: hub card: %w", err)
	}
	pub, rcpt, err := PublicKeys(keys)
	if err != nil {
		return nil, fmt.Errorf("sync: hub card: %w", err)
	}
	card := hubCard{Format: cardFormat, Version: cardVersion, SiteID: site.ID, Name: site.Name, Place: site.Place,
		SignPub: base64.StdEncoding.EncodeToString(pub), AgeRecipient: rcpt, Fingerprint: Fingerprint(pub, rcpt)}
	if card.Onward, card.OnwardSig, err = signedOnward(ctx, st, keys); err != nil {
		return nil, fmt.Errorf("sync: hub card: %w", err)
	}
	if card.Mailboxes, card.MailboxesSig, err = signedMailboxes(ctx, st, keys); err != nil {
		return nil, fmt.Errorf("sync: hub card: %w", err)
	}
	b, err := json.MarshalIndent(card, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("sync: hub card: %w", err)
	}
	return append(b, '\n'), nil
}

// ReadHubCard reads and checks a hub card and returns its hub; the caller
// still shows the fingerprint to a person before trusting it.
func ReadHubCard(path string) (store.Peer, error) {
	c, err := ReadCard(path)
	return c.Hub, err
}

// Card is a hub card: the hub a cell pins and the higher hubs it names.
type Card struct {
	Hub       store.Peer
	Onward    []store.Peer    // role onward; their signature by Hub is checked
	Mailboxes []store.Mailbox // source hub; signed by Hub too (mailbox.go)
}

// ReadCard reads a hub card with its onward hubs (relay.go).
func ReadCard(path string) (Card, error) {
	b, err := readBounded(path, cardMaxSize)
	if err != nil {
		return Card{}, fmt.Errorf("sync: hub card %s: %w", path, err)
	}
	c, err := parseCard(b)
	if err != nil {
		return Card{}, fmt.Errorf("sync: hub card %s: %w", filepath.Base(path), err)
	}
	return c, nil
}

func parseCard(b []byte) (Card, error) {
	hub, err := parseHubCard(b)
	if err != nil {
		return Card{}, err
	}
	var c hubCard
	_ = json.Unmarshal(b, &c) // parseHubCard decoded it already
	out := Card{Hub: hub}
	if len(c.Onward) > 0 {
		if out.Onward, err = checkOnward(hub.SignPub, c.Onward, c.OnwardSig); err != nil {
			return Card{}, err
		}
	}
	if len(c.Mailboxes) > 0 {
		if out.Mailboxes, err = checkMailboxes(hub.SignPub, c.Mailboxes, c.MailboxesSig); err != nil {
			return Card{}, err
		}
	}
	return out, nil
}

func parseHubCard(b []byte) (store.Peer, error) {
	var c hubCard
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(&c); err != nil || c.Format != cardFormat {
		return store.Peer{}, ErrNotHubCard
	}
	if c.Version > cardVersion {
		return store.Peer{}, fmt.Errorf("card version %d: %w", c.Version, ErrNewerFormat)
	}
	pub, err := base64.StdEncoding.DecodeString(c.SignPub)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return store.Peer{}, fmt.Errorf("signing key is malformed: %w", ErrDamaged)
	}
	if _, err := age.ParseX25519Recipient(c.AgeRecipient); err != nil {
		return store.Peer{}, fmt.Errorf("age recipient is malformed: %w", ErrDamaged)
	}
	if c.SiteID == "" || c.Name == "" {
		return store.Peer{}, fmt.Errorf("site id or name missing: %w", ErrDamaged)
	}
	if fp := Fingerprint(pub, c.AgeRecipient); fp != c.Fingerprint {
		return store.Peer{}, fmt.Errorf("fingerprint does not match the keys: %w", ErrDamaged)
	}
	return store.Peer{SiteID: c.SiteID, Role: store.RoleHub, Name: c.Name, SignPub: pub,
		AgeRecipient: c.AgeRecipient, Fingerprint: c.Fingerprint}, nil
}

// readBounded reads a whole file but refuses one larger than max, so a
// wrong file picked by mistake cannot exhaust an old laptop's memory.
func readBounded(path string, max int64) ([]byte, error) {
	f, err := store.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("file is larger than %d bytes: %w", max, ErrDamaged)
	}
	return b, nil
}

// ownKeys are this site's keys as a bundle it writes needs them.
type ownKeys struct {
	keys store.Keys
	pub  []byte
	rcpt string
	id   *age.X25519Identity
}

func loadOwnKeys(ctx context.Context, st *store.Store) (ownKeys, error) {
	keys, err := st.Keys(ctx)
	if err != nil {
		return ownKeys{}, err
	}
	pub, rcpt, err := PublicKeys(keys)
	if err != nil {
		return ownKeys{}, err
	}
	id, err := age.ParseX25519Identity(keys.AgeIdentity)
	if err != nil {
		return ownKeys{}, fmt.Errorf("own age identity: %w", err)
	}
	return ownKeys{keys: keys, pub: pub, rcpt: rcpt, id: id}, nil
}

// sender is how a manifest names this site.
func (k ownKeys) sender(site store.Site) sender {
	return sender{SiteID: site.ID, Role: string(site.Role), Name: site.Name, SignPub: k.pub,
		AgeRecipient: k.rcpt, Fingerprint: Fingerprint(k.pub, k.rcpt)}
}
