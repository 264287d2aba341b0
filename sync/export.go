package sync

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"chibo/internal/buildinfo"
	"chibo/store"
)

// Exported describes a bundle written by Export. When the changes were
// split over several bundles, Path and BundleID name the first, Changes
// and Bytes are totals and Parts lists every bundle in order.
type Exported struct {
	Path     string
	BundleID string
	Changes  int
	Bytes    int64
	Parts    []Exported
	// To is the addressee's site id; Digest what the bundle says, not
	// when (mailbox.go): a carrier skips an unchanged one.
	To     string
	Digest string
}

// bundleSpec is everything needed to write one bundle. Export fills it from
// the store; tests change single parts of it to build bad bundles.
type bundleSpec struct {
	manifest   manifest
	changes    []store.Change
	signKey    ed25519.PrivateKey
	recipients []age.Recipient
	ownID      age.Identity // to read the file back
	ack        *ackBody     // set for an acknowledgement instead of changes
	roster     *rosterBody  // set for a commune's roster (relay_out.go)
}

// Export writes every local change into bundles for the hub, checks the
// written files and records the exports. All changes travel, not only new
// ones, until the hub's acknowledgements exist, so a lost stick costs
// nothing. Above the size cap the changes go into several bundles
// (split.go); the result then lists every part.
func Export(ctx context.Context, st *store.Store, dir string) (Exported, error) {
	x, err := exportCapped(ctx, st, dir, defaultCap)
	if err == nil {
		err = markHistory(ctx, st)
	}
	return x, err
}

// writeBundle puts one encoded bundle on the stick, reads it back and
// records the export.
func writeBundle(ctx context.Context, st *store.Store, dir string, spec bundleSpec, file []byte, msha string) (Exported, error) {
	path := filepath.Join(dir, spec.manifest.BundleID+bundleExt)
	if err := store.WriteFile(path, file); err != nil {
		return Exported{}, fmt.Errorf("sync: export %s: %w", path, err)
	}
	// Read back what is on the stick, not what is in memory: a failing
	// stick or a full disk shows up here, before the user unplugs it.
	if err := verifyOwn(path, spec, msha); err != nil {
		return Exported{}, fmt.Errorf("sync: export %s: read back: %w", path, err)
	}
	m := spec.manifest
	if err := st.RecordExport(ctx, m.BundleID, m.SeqFrom, m.SeqTo, msha); err != nil {
		return Exported{}, fmt.Errorf("sync: export %s: %w", path, err)
	}
	return Exported{Path: path, BundleID: m.BundleID, Changes: len(spec.changes), Bytes: int64(len(file)),
		To: m.Recipient, Digest: specDigest(m)}, nil
}

// prepareExport gathers keys, hub and changes of a cell into a spec.
func prepareExport(ctx context.Context, st *store.Store) (bundleSpec, error) {
	site, err := st.Site(ctx)
	if err != nil {
		return bundleSpec{}, err
	}
	if site.Role != store.RoleCell {
		return bundleSpec{}, fmt.Errorf("only a cell exports changes: %w", store.ErrWrongRole)
	}
	own, err := loadOwnKeys(ctx, st)
	if err != nil {
		return bundleSpec{}, err
	}
	hub, err := st.Hub(ctx)
	if err != nil {
		return bundleSpec{}, err
	}
	// Everything the hub has not acknowledged, every epoch: a lost stick
	// costs nothing, and acknowledged changes stop travelling.
	changes, err := st.PendingChanges(ctx)
	if err != nil {
		return bundleSpec{}, err
	}
	_, prevSHA, _, _, err := st.LastExport(ctx)
	if err != nil {
		return bundleSpec{}, err
	}
	// The hub's revocation list named this laptop's key: a new laptop
	// has replaced it, and the hub would refuse what it sends.
	if revoked, err := st.IsRevoked(ctx, own.pub); err != nil {
		return bundleSpec{}, err
	} else if revoked {
		return bundleSpec{}, fmt.Errorf("key %s: %w", Fingerprint(own.pub, own.rcpt), ErrOwnKeyRevoked)
	}
	hubRcpt, err := age.ParseX25519Recipient(hub.AgeRecipient)
	if err != nil {
		return bundleSpec{}, fmt.Errorf("hub age recipient: %w", err)
	}
	m := manifest{
		Format: formatVersion{formatMajor, formatMinor}, Schema: store.SchemaVersion(), App: buildinfo.Version,
		BundleID: store.NewID(), Kind: kindChanges, Recipient: hub.SiteID, PrevManifestSHA: prevSHA,
		Sender: own.sender(site), CreatedAt: time.Now().UTC().Format(time.RFC3339),
	}
	// 1.4: the hubs above ours can read the bundle when ours relays it;
	// the first bundle they can read carries the whole history.
	onward, ids, err := onwardRecipients(ctx, st)
	if err != nil {
		return bundleSpec{}, err
	}
	if changes, err = historyFor(ctx, st, ids, changes); err != nil {
		return bundleSpec{}, err
	}
	m.Recipients = append([]string{hub.SiteID}, ids...)
	m.Ranges = rangesOf(changes)
	// Tell the hub how far its decisions have been applied here, so it
	// stops sending them (1.3).
	if m.Acked, err = st.HubApplied(ctx); err != nil {
		return bundleSpec{}, err
	}
	for _, r := range m.Ranges {
		if r.Origin == site.ID || m.SeqTo == 0 {
			m.SeqFrom, m.SeqTo = r.From, r.To
		}
	}
	rcpts := append([]age.Recipient{hubRcpt}, onward...)
	return bundleSpec{manifest: m, changes: changes, signKey: own.keys.SignPriv,
		recipients: append(rcpts, own.id.Recipient()), ownID: own.id}, nil
}

// rangesOf lists the origin ranges of changes sorted by origin, then seq.
func rangesOf(cs []store.Change) []store.SeqRange {
	var out []store.SeqRange
	for _, c := range cs {
		if n := len(out); n > 0 && out[n-1].Origin == c.Origin && out[n-1].To+1 == c.Seq {
			out[n-1].To = c.Seq
			continue
		}
		out = append(out, store.SeqRange{Origin: c.Origin, From: c.Seq, To: c.Seq})
	}
	return out
}

// encodeBundle builds the file bytes and returns the manifest's hash.
func encodeBundle(spec bundleSpec) (file []byte, manifestSHA string, err error) {
	var changes []byte
	m := spec.manifest
	switch {
	case spec.ack != nil:
		changes, err = gzipJSON(spec.ack)
		m.RecordCount = 1
	case spec.roster != nil:
		changes, err = gzipJSON(spec.roster)
		m.RecordCount = len(spec.roster.Cells)
	default:
		changes, err = encodeChanges(spec.changes)
		m.RecordCount = len(spec.changes)
	}
	if err != nil {
		return nil, "", err
	}
	m.ChangesEncoding = encodingGzip
	m.ChangesLen, m.ChangesSHA256 = int64(len(changes)), sha256Hex(changes)
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, "", err
	}
	pt := encodePayload(raw, ed25519.Sign(spec.signKey, raw), changes)
	var ct bytes.Buffer
	w, err := age.Encrypt(&ct, spec.recipients...)
	if err != nil {
		return nil, "", fmt.Errorf("encrypt: %w", err)
	}
	if _, err := w.Write(pt); err != nil {
		return nil, "", fmt.Errorf("encrypt: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, "", fmt.Errorf("encrypt: %w", err)
	}
	h := encodeHeader(header{major: formatMajor, minor: formatMinor, length: int64(ct.Len()), sha: sha256Hex(ct.Bytes())})
	return append(h, ct.Bytes()...), sha256Hex(raw), nil
}

// encodeChanges writes the changes as gzip-compressed JSON: member lists
// repeat the same words, so bundles shrink several times over.
func encodeChanges(cs []store.Change) ([]byte, error) {
	if cs == nil {
		cs = []store.Change{}
	}
	return gzipJSON(cs)
}

func gzipJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, fmt.Errorf("encode changes: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("encode changes: %w", err)
	}
	return buf.Bytes(), nil
}

// verifyOwn reads a just-written bundle back with the cell's own identity
// and checks its signature, hashes and that it is the manifest we signed,
// through the reader the hub uses (stream.go).
func verifyOwn(path string, spec bundleSpec, manifestSHA string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	p, body, err := openHead(f, fi.Size(), spec.ownID)
	if err != nil {
		return err
	}
	if err := checkSignature(p); err != nil {
		return err
	}
	if sha256Hex(p.manifestRaw) != manifestSHA {
		return fmt.Errorf("manifest differs from the one signed: %w", ErrDamaged)
	}
	if spec.ack != nil || spec.roster != nil {
		if p.changes, err = readBody(body); err != nil {
			return err
		}
		if spec.ack != nil {
			_, err = checkAck(p)
			return err
		}
		return checkRosterBody(p)
	}
	if err := checkStream(p.manifest, body); err != nil {
		return err
	}
	held := &bundleCopy{f: f, size: fi.Size()} // read only: never closed as a copy
	return streamChanges(held, spec.ownID, p)(func(store.Change) error { return nil })
}
