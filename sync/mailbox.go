package sync

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"time"

	"chibo/store"
)

// Carriers (doc.go, "# Carriers"): what a mailbox on the network and its
// client need from the bundle format. The mailbox opens nothing; it reads
// a bundle's clear header, a hub's card and a roster the hub signs in the
// clear for it.

// ErrBadMailbox means a mailbox address in a card or acknowledgement is
// not one (an http(s) URL, and for https a "sha256:" pin).
var ErrBadMailbox = errors.New("mailbox address is not valid")

// MailboxAddr is a mailbox as a hub card and an acknowledgement (1.5)
// name it.
type MailboxAddr struct {
	URL string `json:"url"`
	Pin string `json:"pin,omitempty"` // "sha256:<hex>" of the certificate's public key; none for plain http
}

// maxMailboxes bounds the list a card or an ack may carry.
const maxMailboxes = 8

// mailboxesDomain keeps the card's mailbox signature from being valid
// for anything else the hub signs.
const mailboxesDomain = "chibo mailboxes v1\n"

var pinRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// CheckMailboxAddr checks one address: an http or https URL with a host
// and no user part; https needs a pin, plain http has none.
func CheckMailboxAddr(a MailboxAddr) error {
	u, err := url.Parse(a.URL)
	switch {
	case err != nil, u.Host == "", u.User != nil, len(a.URL) > 512:
		return fmt.Errorf("%q: %w", a.URL, ErrBadMailbox)
	case u.Scheme == "https" && !pinRE.MatchString(a.Pin):
		return fmt.Errorf("%q needs a pin sha256:<64 lowercase hex digits>, got %q: %w", a.URL, a.Pin, ErrBadMailbox)
	case u.Scheme == "http" && a.Pin != "":
		return fmt.Errorf("%q is plain http, which has no certificate to pin: %w", a.URL, ErrBadMailbox)
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("%q is not an http or https address: %w", a.URL, ErrBadMailbox)
	}
	return nil
}

// mailboxAddrs lists this hub's own mailboxes for its card and its acks;
// never nil, so a cell knows the list is current.
func mailboxAddrs(ctx context.Context, st *store.Store) ([]MailboxAddr, error) {
	ms, err := st.Mailboxes(ctx)
	if err != nil {
		return nil, err
	}
	out := []MailboxAddr{}
	for _, m := range ms {
		if m.Source == store.MailboxOwn {
			out = append(out, MailboxAddr{URL: m.URL, Pin: m.Pin})
		}
	}
	return out, nil
}

// signedMailboxes is the card's list, signed like its onward hubs, so
// the fingerprint a cell confirms covers where it will send.
func signedMailboxes(ctx context.Context, st *store.Store, keys store.Keys) ([]MailboxAddr, string, error) {
	as, err := mailboxAddrs(ctx, st)
	if err != nil || len(as) == 0 {
		return nil, "", err
	}
	raw, err := json.Marshal(as)
	if err != nil {
		return nil, "", err
	}
	sig := ed25519.Sign(ed25519.PrivateKey(keys.SignPriv), append([]byte(mailboxesDomain), raw...))
	return as, base64.StdEncoding.EncodeToString(sig), nil
}

// checkMailboxes verifies a card's mailbox list against the hub's key.
func checkMailboxes(hubPub []byte, as []MailboxAddr, sig string) ([]store.Mailbox, error) {
	raw, err := json.Marshal(as)
	if err != nil {
		return nil, err
	}
	s, err := base64.StdEncoding.DecodeString(sig)
	if err != nil || !ed25519.Verify(ed25519.PublicKey(hubPub), append([]byte(mailboxesDomain), raw...), s) {
		return nil, fmt.Errorf("mailboxes are not signed by the hub: %w", ErrBadSignature)
	}
	return mailboxesOf(as)
}

// mailboxesOf checks carried addresses and makes them the hub's.
func mailboxesOf(as []MailboxAddr) ([]store.Mailbox, error) {
	if len(as) > maxMailboxes {
		return nil, fmt.Errorf("%d mailboxes: %w", len(as), ErrInvalidBundle)
	}
	out := make([]store.Mailbox, 0, len(as))
	for _, a := range as {
		if err := CheckMailboxAddr(a); err != nil {
			return nil, err
		}
		out = append(out, store.Mailbox{URL: a.URL, Pin: a.Pin, Source: store.MailboxFromHub})
	}
	return out, nil
}

// ParseCard reads a hub card from its bytes (a mailbox receives the card
// in a hub's registration).
func ParseCard(b []byte) (Card, error) {
	if len(b) > cardMaxSize {
		return Card{}, fmt.Errorf("card of %d bytes: %w", len(b), ErrNotHubCard)
	}
	return parseCard(b)
}

// CardBytes is the hub's card as WriteHubCard writes it, for a mailbox
// registration.
func CardBytes(ctx context.Context, st *store.Store) ([]byte, error) {
	return hubCardBytes(ctx, st)
}

// BundleHeader is what a bundle's clear header says, read without any
// key: the whole file's size. A mailbox checks it so that it stores
// bundles only, never anything else a client sends.
type BundleHeader struct {
	Major, Minor int
	FileSize     int64 // header and ciphertext
}

// ReadBundleHeader checks the clear header at the start of a bundle
// file: b is its first min(file size, HeaderMaxSize) bytes.
func ReadBundleHeader(b []byte) (BundleHeader, error) {
	if err := checkMagic(b); err != nil {
		return BundleHeader{}, err
	}
	end, fields, err := headerLines(b)
	if err != nil {
		return BundleHeader{}, err
	}
	var h header
	if err := h.parseFields(fields); err != nil {
		return BundleHeader{}, err
	}
	return BundleHeader{Major: h.major, Minor: h.minor, FileSize: int64(end) + h.length}, nil
}

// HeaderMaxSize is how far into a file its header may go.
const HeaderMaxSize = headerMaxSize

// CheckBundleFile checks a whole bundle file without a key: its header,
// and that the ciphertext has the length and SHA-256 the header states.
func CheckBundleFile(r io.ReaderAt, size int64) error {
	_, _, err := parseHeaderAt(r, size)
	return err
}

// mailboxRosterFormat names the clear roster a hub gives its mailbox.
const (
	mailboxRosterFormat = "chibo-mailbox-roster"
	mailboxRosterDomain = "chibo mailbox roster v1\n"
)

// mailboxRoster tells a mailbox which cells may deposit for a hub and
// take what it left them: their site ids and signing keys only (no name,
// no encryption key), and the revoked keys of those cells.
type mailboxRoster struct {
	Format  string        `json:"format"`
	Hub     string        `json:"hub"`
	AsOf    string        `json:"as_of"`
	Cells   []mailboxCell `json:"cells"`
	Revoked []string      `json:"revoked,omitempty"` // signing keys, base64
}

type mailboxCell struct {
	SiteID  string `json:"site_id"`
	SignPub string `json:"sign_pub"` // base64
}

// signedDoc carries a document and the hub's signature over its exact
// bytes.
type signedDoc struct {
	Body json.RawMessage `json:"body"`
	Sig  string          `json:"sig"`
}

// MailboxRoster is the hub's signed roster for its mailbox: the cells it
// enrolled itself (not those a commune relays) and their revoked keys.
func MailboxRoster(ctx context.Context, st *store.Store) ([]byte, error) {
	site, err := st.Site(ctx)
	if err != nil {
		return nil, fmt.Errorf("sync: mailbox roster: %w", err)
	}
	if site.Role != store.RoleHub {
		return nil, fmt.Errorf("sync: mailbox roster: %w", store.ErrWrongRole)
	}
	own, err := loadOwnKeys(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("sync: mailbox roster: %w", err)
	}
	body, err := rosterOf(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("sync: mailbox roster: %w", err)
	}
	r := mailboxRoster{Format: mailboxRosterFormat, Hub: site.ID, AsOf: body.AsOf, Cells: []mailboxCell{}}
	for _, c := range body.Cells {
		if via, err := st.RelayedVia(ctx, c.SiteID); err != nil {
			return nil, fmt.Errorf("sync: mailbox roster: %w", err)
		} else if via == "" {
			r.Cells = append(r.Cells, mailboxCell{SiteID: c.SiteID, SignPub: c.SignPub})
		}
	}
	for _, k := range body.Revoked {
		r.Revoked = append(r.Revoked, k.SignPub)
	}
	raw, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	sig := ed25519.Sign(own.keys.SignPriv, append([]byte(mailboxRosterDomain), raw...))
	return json.Marshal(signedDoc{Body: raw, Sig: base64.StdEncoding.EncodeToString(sig)})
}

// ClearRoster is a hub's mailbox roster, verified.
type ClearRoster struct {
	Hub     string
	AsOf    time.Time
	Cells   map[string][]byte // site id → signing key
	Revoked [][]byte
}

// maxRosterCells bounds a roster: a hub has at most a few hundred cells.
const maxRosterCells = 20_000

// ParseMailboxRoster verifies a roster with the hub's signing key.
func ParseMailboxRoster(b []byte, hubID string, hubPub []byte) (ClearRoster, error) {
	var d signedDoc
	if err := json.Unmarshal(b, &d); err != nil {
		return ClearRoster{}, fmt.Errorf("mailbox roster: %w", ErrDamaged)
	}
	sig, err := base64.StdEncoding.DecodeString(d.Sig)
	if err != nil || len(hubPub) != ed25519.PublicKeySize ||
		!ed25519.Verify(ed25519.PublicKey(hubPub), append([]byte(mailboxRosterDomain), d.Body...), sig) {
		return ClearRoster{}, fmt.Errorf("mailbox roster: %w", ErrBadSignature)
	}
	var r mailboxRoster
	if err := json.Unmarshal(d.Body, &r); err != nil || r.Format != mailboxRosterFormat || r.Hub != hubID {
		return ClearRoster{}, fmt.Errorf("mailbox roster of another hub or format: %w", ErrDamaged)
	}
	if len(r.Cells) > maxRosterCells || len(r.Revoked) > maxRecords {
		return ClearRoster{}, fmt.Errorf("mailbox roster of %d cells: %w", len(r.Cells), ErrDamaged)
	}
	out := ClearRoster{Hub: r.Hub, Cells: map[string][]byte{}}
	if out.AsOf, err = time.Parse(time.RFC3339, r.AsOf); err != nil {
		return ClearRoster{}, fmt.Errorf("mailbox roster date: %w", ErrDamaged)
	}
	for _, c := range r.Cells {
		pub, err := base64.StdEncoding.DecodeString(c.SignPub)
		if err != nil || len(pub) != ed25519.PublicKeySize || c.SiteID == "" || len(c.SiteID) > 64 {
			return ClearRoster{}, fmt.Errorf("mailbox roster cell: %w", ErrDamaged)
		}
		out.Cells[c.SiteID] = pub
	}
	for _, k := range r.Revoked {
		pub, err := base64.StdEncoding.DecodeString(k)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			return ClearRoster{}, fmt.Errorf("mailbox roster revocation: %w", ErrDamaged)
		}
		out.Revoked = append(out.Revoked, pub)
	}
	return out, nil
}

// ExportDigest says what Export would send now: the ranges of changes,
// the hub changes applied here and the recipients. A carrier compares it
// with the digest of its last deposit, so an unchanged backlog is not
// sent again and again over a slow link. pending counts the changes.
func ExportDigest(ctx context.Context, st *store.Store) (digest string, pending int, err error) {
	spec, err := prepareExport(ctx, st)
	if err != nil {
		return "", 0, fmt.Errorf("sync: export digest: %w", err)
	}
	return specDigest(spec.manifest), len(spec.changes), nil
}

// specDigest covers what a changes bundle says, not when or under which id.
func specDigest(m manifest) string {
	b, _ := json.Marshal(struct {
		Ranges     []store.SeqRange `json:"ranges"`
		Acked      map[string]int64 `json:"acked"`
		Recipients []string         `json:"recipients"`
		Sender     string           `json:"sender"`
	}{rangesOrEmpty(m.Ranges), m.Acked, m.Recipients, m.Sender.Fingerprint})
	return sha256Hex(b)
}

func rangesOrEmpty(rs []store.SeqRange) []store.SeqRange {
	if rs == nil {
		return []store.SeqRange{}
	}
	return rs
}

// bodyDigest covers an acknowledgement's or roster's body without its
// date, so an unchanged one can be told from a new one.
func bodyDigest(v any) string {
	b, _ := json.Marshal(v)
	return sha256Hex(b)
}
