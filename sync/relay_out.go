package sync

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"chibo/internal/buildinfo"
	"chibo/store"
)

// Relay, the commune's side: the originals its cells sent, unchanged,
// and a roster it signs so the province knows who those cells are.

// rosterPrefix starts a roster's file name, so an import of a folder
// reads the roster before the bundles it vouches for. It says nothing
// about any cell.
const rosterPrefix = "roster-"

// Relayed says what Relay wrote.
type Relayed struct {
	Rosters []string // one roster file per onward hub
	Cells   int      // cells each roster lists
	Bundles int      // original bundles written (or already there, unchanged)
	Skipped int      // originals not encrypted to the onward hub (sent before it was pinned)
	Bytes   int64
	// Files lists every file written with its addressees (To is one
	// onward hub for a roster, each onward hub it names for an original)
	// and, for a roster, its Digest: a mailbox carrier deposits each
	// file only for those hubs (mailbox.go).
	Files []Exported
}

// Relay writes to dir, for every onward hub, a roster of this hub's
// cells signed by this hub, and every original bundle kept in inbox/
// that is encrypted to that onward hub, byte for byte, each read back.
// Bundles are cumulative at the province: writing them all every time
// costs space, never correctness.
func Relay(ctx context.Context, st *store.Store, dir string, progress func(done, total int)) (Relayed, error) {
	var out Relayed
	site, err := st.Site(ctx)
	if err != nil {
		return out, fmt.Errorf("sync: relay: %w", err)
	}
	if site.Role != store.RoleHub {
		return out, fmt.Errorf("sync: relay: only a hub relays: %w", store.ErrWrongRole)
	}
	onward, err := st.Onward(ctx)
	if err != nil {
		return out, fmt.Errorf("sync: relay: %w", err)
	}
	if len(onward) == 0 {
		return out, fmt.Errorf("sync: relay: %w", ErrNoOnward)
	}
	body, err := rosterOf(ctx, st)
	if err != nil {
		return out, fmt.Errorf("sync: relay: %w", err)
	}
	out.Cells = len(body.Cells)
	for _, o := range onward {
		e, err := writeRoster(ctx, st, site, o, body, dir)
		if err != nil {
			return out, fmt.Errorf("sync: relay: roster for %s: %w", o.Name, err)
		}
		out.Rosters, out.Bytes = append(out.Rosters, e.Path), out.Bytes+e.Bytes
		out.Files = append(out.Files, e)
	}
	if err := relayOriginals(ctx, st, onward, dir, &out, progress); err != nil {
		return out, fmt.Errorf("sync: relay: %w", err)
	}
	return out, nil
}

// rosterOf lists this hub's cells and the revoked keys of those cells.
func rosterOf(ctx context.Context, st *store.Store) (*rosterBody, error) {
	cells, err := st.Peers(ctx, store.RoleCell)
	if err != nil {
		return nil, err
	}
	revoked, err := st.RevokedKeys(ctx)
	if err != nil {
		return nil, err
	}
	b := &rosterBody{AsOf: time.Now().UTC().Format(time.RFC3339), Cells: []peerCard{}}
	ours := map[string]bool{}
	for _, c := range cells {
		b.Cells = append(b.Cells, cardOf(c))
		ours[c.SiteID] = true
	}
	for _, k := range revoked {
		if ours[k.SiteID] {
			b.Revoked = append(b.Revoked, rosterKill{SiteID: k.SiteID, SignPub: base64.StdEncoding.EncodeToString(k.SignPub), RevokedAt: k.RevokedAt})
		}
	}
	return b, nil
}

func writeRoster(ctx context.Context, st *store.Store, site store.Site, to store.Peer, body *rosterBody, dir string) (Exported, error) {
	own, err := loadOwnKeys(ctx, st)
	if err != nil {
		return Exported{}, err
	}
	toRcpt, err := age.ParseX25519Recipient(to.AgeRecipient)
	if err != nil {
		return Exported{}, fmt.Errorf("onward age recipient: %w", err)
	}
	m := manifest{
		Format: formatVersion{formatMajor, formatMinor}, Schema: store.SchemaVersion(), App: buildinfo.Version,
		BundleID: store.NewID(), Kind: kindRoster, Recipient: to.SiteID, Recipients: []string{to.SiteID},
		Sender: own.sender(site), CreatedAt: body.AsOf,
	}
	spec := bundleSpec{manifest: m, signKey: own.keys.SignPriv, recipients: []age.Recipient{toRcpt, own.id.Recipient()},
		ownID: own.id, roster: body}
	file, msha, err := encodeBundle(spec)
	if err != nil {
		return Exported{}, err
	}
	path := filepath.Join(dir, rosterPrefix+m.BundleID+bundleExt)
	if err := store.WriteFile(path, file); err != nil {
		return Exported{}, err
	}
	if err := verifyOwn(path, spec, msha); err != nil {
		return Exported{}, fmt.Errorf("read back: %w", err)
	}
	undated := *body
	undated.AsOf = ""
	return Exported{Path: path, BundleID: m.BundleID, Changes: len(body.Cells), Bytes: int64(len(file)),
		To: to.SiteID, Digest: bodyDigest(undated)}, nil
}

// checkRosterBody is verifyOwn's check of a roster just written.
func checkRosterBody(p payload) error {
	if err := checkBody(p); err != nil {
		return err
	}
	raw, err := inflateBody(p.changes)
	if err != nil {
		return err
	}
	_, err = parseRoster(raw, p.manifest, "")
	return err
}

// relayOriginals copies every kept original that an onward hub can read.
func relayOriginals(ctx context.Context, st *store.Store, onward []store.Peer, dir string, out *Relayed, progress func(done, total int)) error {
	files, err := BundleFiles(filepath.Join(st.Dir(), inboxDir))
	if errors.Is(err, fs.ErrNotExist) { // nothing accepted yet
		files, err = nil, nil
	}
	if err != nil {
		return err
	}
	keys, err := st.Keys(ctx)
	if err != nil {
		return err
	}
	id, err := age.ParseX25519Identity(keys.AgeIdentity)
	if err != nil {
		return fmt.Errorf("own age identity: %w", err)
	}
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		to, err := forOnward(f, id, onward)
		switch ok := len(to) > 0; {
		case errors.Is(err, ErrNotForUs): // kept before this hub's keys were replaced
			out.Skipped++
		case err != nil:
			return fmt.Errorf("kept bundle %s: %w", filepath.Base(f), err)
		case ok:
			n, err := copyVerified(f, filepath.Join(dir, filepath.Base(f)))
			if err != nil {
				return fmt.Errorf("copy %s: %w", filepath.Base(f), err)
			}
			out.Bundles, out.Bytes = out.Bundles+1, out.Bytes+n
			for _, t := range to {
				out.Files = append(out.Files, Exported{Path: filepath.Join(dir, filepath.Base(f)), Bytes: n, To: t})
			}
		default:
			out.Skipped++
		}
		if progress != nil {
			progress(i+1, len(files))
		}
	}
	return nil
}

// forOnward lists the onward hubs a kept original names as recipients,
// when it is a cell's changes.
func forOnward(path string, id age.Identity, onward []store.Peer) ([]string, error) {
	if strings.HasPrefix(filepath.Base(path), rosterPrefix) {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	p, _, err := openHead(f, fi.Size(), id)
	if err != nil {
		return nil, err
	}
	if p.manifest.Kind != kindChanges {
		return nil, nil
	}
	var to []string
	for _, o := range onward {
		if slices.Contains(p.manifest.Recipients, o.SiteID) {
			to = append(to, o.SiteID)
		}
	}
	return to, nil
}

// copyVerified copies src to dst under a temporary name, syncs, renames
// and reads dst back against src's hash, as export does for its own files.
func copyVerified(src, dst string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	h := sha256.New()
	var n int64
	err = store.WriteFileAtomic(dst, func(w io.Writer) (err error) {
		n, err = io.Copy(io.MultiWriter(w, h), in)
		return err
	})
	if err != nil {
		return 0, err
	}
	back, err := fileSHA(dst)
	if err != nil {
		return 0, err
	}
	if back != hex.EncodeToString(h.Sum(nil)) {
		return 0, fmt.Errorf("read back differs from the original: %w", ErrDamaged)
	}
	return n, nil
}
