package sync

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"filippo.io/age"

	"chibo/internal/buildinfo"
	"chibo/store"
)

// ackBody is what the hub tells a cell: per origin the contiguous
// high-water mark, the bundles it accepted and refused (with reasons), the
// ranges it needs again, and the keys it has revoked. A cell stores the
// body as received, so fields a newer minor adds are kept.
type ackBody struct {
	AsOf     string           `json:"as_of"`
	Marks    map[string]int64 `json:"marks"`
	Accepted []string         `json:"accepted"`
	Refused  []Refusal        `json:"refused,omitempty"`
	Resend   []store.SeqRange `json:"resend,omitempty"`
	Revoked  []string         `json:"revoked,omitempty"` // signing public keys, base64, the whole list every time
	// 1.3: the hub's own changes for this cell (decisions.go).
	Origins     []string           `json:"origins,omitempty"`
	Decisions   []store.Change     `json:"decisions,omitempty"`
	Resolutions []store.Resolution `json:"resolutions,omitempty"`
	// 1.4: the hubs above this hub (relay.go); the cell encrypts to them
	// too. Always written, so an empty list clears the cell's; a 1.3
	// hub's ack has none (nil) and changes nothing.
	Onward []peerCard `json:"onward"`
	// 1.5: the mailboxes on the network the hub uses (mailbox.go), the
	// whole list every time like Onward; a 1.4 hub's ack has none (nil).
	Mailboxes []MailboxAddr `json:"mailboxes"`
}

// Refusal is one refused bundle as the hub reports it back.
type Refusal struct {
	BundleID string `json:"bundle_id"`
	Sender   string `json:"sender"`
	Reason   string `json:"reason"`
	At       string `json:"at"`
}

// ExportAcks writes one acknowledgement bundle per enrolled cell into dir
// (a hub's job before the stick goes back down).
func ExportAcks(ctx context.Context, st *store.Store, dir string) ([]Exported, error) {
	site, err := st.Site(ctx)
	if err != nil {
		return nil, fmt.Errorf("sync: export acks: %w", err)
	}
	if site.Role != store.RoleHub {
		return nil, fmt.Errorf("sync: export acks: only the hub acknowledges: %w", store.ErrWrongRole)
	}
	cells, err := st.Peers(ctx, store.RoleCell)
	if err != nil {
		return nil, fmt.Errorf("sync: export acks: %w", err)
	}
	var out []Exported
	for _, c := range cells {
		// A cell known through a commune's roster trusts its commune,
		// not us: an ack from here would only be refused.
		if via, err := st.RelayedVia(ctx, c.SiteID); err != nil {
			return out, fmt.Errorf("sync: export acks: %w", err)
		} else if via != "" {
			continue
		}
		e, err := exportAck(ctx, st, site, c, dir)
		if err != nil {
			return out, fmt.Errorf("sync: export ack for %s: %w", c.Name, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func exportAck(ctx context.Context, st *store.Store, site store.Site, cell store.Peer, dir string) (Exported, error) {
	own, err := loadOwnKeys(ctx, st)
	if err != nil {
		return Exported{}, err
	}
	cellRcpt, err := age.ParseX25519Recipient(cell.AgeRecipient)
	if err != nil {
		return Exported{}, fmt.Errorf("cell age recipient: %w", err)
	}
	a, err := st.AckFor(ctx, cell.SiteID)
	if err != nil {
		return Exported{}, err
	}
	revoked, err := st.RevokedKeys(ctx)
	if err != nil {
		return Exported{}, err
	}
	body := &ackBody{AsOf: time.Now().UTC().Format(time.RFC3339), Marks: a.Marks, Accepted: a.Accepted,
		Refused: refusalsFor(st.Dir(), cell.SiteID), Resend: a.Missing}
	for _, k := range revoked {
		body.Revoked = append(body.Revoked, base64.StdEncoding.EncodeToString(k.SignPub))
	}
	if err := addDecisions(ctx, st, cell.SiteID, body); err != nil {
		return Exported{}, err
	}
	if body.Onward, err = onwardCards(ctx, st); err != nil {
		return Exported{}, err
	}
	if body.Mailboxes, err = mailboxAddrs(ctx, st); err != nil {
		return Exported{}, err
	}
	m := manifest{
		Format: formatVersion{formatMajor, formatMinor}, Schema: store.SchemaVersion(), App: buildinfo.Version,
		BundleID: store.NewID(), Kind: kindAck, Recipient: cell.SiteID, Sender: own.sender(site),
		CreatedAt: body.AsOf,
	}
	spec := bundleSpec{manifest: m, signKey: own.keys.SignPriv, recipients: []age.Recipient{cellRcpt, own.id.Recipient()},
		ownID: own.id, ack: body}
	file, msha, err := encodeBundle(spec)
	if err != nil {
		return Exported{}, err
	}
	path := filepath.Join(dir, m.BundleID+bundleExt)
	if err := store.WriteFile(path, file); err != nil {
		return Exported{}, err
	}
	if err := verifyOwn(path, spec, msha); err != nil {
		return Exported{}, fmt.Errorf("read back: %w", err)
	}
	undated := *body
	undated.AsOf = ""
	return Exported{Path: path, BundleID: m.BundleID, Changes: len(body.Decisions), Bytes: int64(len(file)),
		To: cell.SiteID, Digest: bodyDigest(undated)}, nil
}

// checkAck checks and decodes an acknowledgement body; raw keeps every
// field, including those this build does not know.
func checkAck(p payload) (ackBody, error) {
	var a ackBody
	if err := checkBody(p); err != nil {
		return a, err
	}
	raw, err := inflateBody(p.changes)
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal(raw, &a); err != nil || a.AsOf == "" {
		return a, fmt.Errorf("acknowledgement: %w", ErrInvalidBundle)
	}
	if _, err := time.Parse(time.RFC3339, a.AsOf); err != nil {
		return a, fmt.Errorf("acknowledgement date %q: %w", a.AsOf, ErrInvalidBundle)
	}
	return a, nil
}

// ackIn turns a checked ack payload into what the store applies.
func ackIn(p payload, a ackBody) (store.AckIn, error) {
	raw, err := inflateBody(p.changes)
	if err != nil {
		return store.AckIn{}, err
	}
	in := store.AckIn{BundleID: p.manifest.BundleID, HubID: p.manifest.Sender.SiteID, AsOf: a.AsOf,
		Marks: a.Marks, Body: string(raw)}
	for _, k := range a.Revoked {
		pub, err := base64.StdEncoding.DecodeString(k)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			return store.AckIn{}, fmt.Errorf("acknowledgement revocation list: %w", ErrInvalidBundle)
		}
		in.Revoked = append(in.Revoked, pub)
	}
	return in, nil
}

// AckInfo is a cell's view of the hub's newest acknowledgement.
type AckInfo struct {
	Seq      int64     // "Cấp trên đã nhận đến #Seq"
	At       time.Time // zero before any ack
	Pending  int       // changes the next export carries
	Refused  []Refusal
	Resend   []store.SeqRange
	Accepted int
}

// Acks reads what the hub has acknowledged to this cell.
func Acks(ctx context.Context, st *store.Store) (AckInfo, error) {
	s, err := st.Acks(ctx)
	if err != nil {
		return AckInfo{}, fmt.Errorf("sync: acks: %w", err)
	}
	out := AckInfo{Seq: s.Seq, Pending: s.Pending}
	out.At, _ = time.Parse(time.RFC3339, s.At)
	if s.Body != "" {
		var a ackBody
		if json.Unmarshal([]byte(s.Body), &a) == nil {
			out.Refused, out.Resend, out.Accepted = a.Refused, a.Resend, len(a.Accepted)
		}
	}
	return out, nil
}

// checkRevoked refuses a sender whose signing key is on the revocation
// list, even if it is still pinned.
func checkRevoked(ctx context.Context, st *store.Store, s sender) error {
	revoked, err := st.IsRevoked(ctx, s.SignPub)
	if err != nil {
		return err
	}
	if revoked {
		return fmt.Errorf("key %s: %w", s.Fingerprint, ErrRevoked)
	}
	return nil
}
