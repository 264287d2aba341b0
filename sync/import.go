package sync

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"filippo.io/age"

	"chibo/store"
)

// Status is the outcome of importing or verifying one bundle.
type Status string

const (
	Accepted          Status = "accepted"
	Duplicate         Status = "duplicate"
	Refused           Status = "refused"
	NeedsConfirmation Status = "needs-confirmation"
	// Stopped: the person stopped the work (Ctrl-C, «Dừng», the window
	// closed) before this bundle was applied. Its transaction, if one had
	// begun, was rolled back whole; nothing of it is in the database or
	// the logs, and the same file imports normally next time.
	Stopped Status = "stopped"
)

// Result says what happened to one bundle file. Changes is the number of
// changes newly applied for an accepted import, otherwise the bundle's
// record count. Sender and BundleID are filled once the manifest could be
// read, even for a refused bundle; Sender.Name is the name this site
// enrolled the sender under, once it is enrolled, not the one the bundle
// claims.
type Result struct {
	File   string
	Status Status
	Err    error // set when Refused
	Sender store.Peer
	// Claimed is the name the bundle gives its sender when it differs
	// from the enrolled one (a renamed cell, or one posing as another).
	Claimed string
	// NameTaken lists the enrolled peers whose name a new sender also
	// carries: a person confirming the fingerprint is warned.
	NameTaken []store.Peer
	BundleID  string
	Changes   int
	Held      int              // changes stored behind a gap, applied when it closes
	Missing   []store.SeqRange // ranges the sender still owes
	Kind      string           // "changes" or "ack"
	// Conflicts counts new same-field or delete-against-edit conflicts
	// waiting for a person.
	Conflicts int
	// Deleted counts, per entity ("member", "meeting", …), the deletions
	// among the changes applied.
	Deleted map[string]int
	FileSHA string // SHA-256 of the file as copied off the stick, for the import log
}

// Options tune Import.
type Options struct {
	// Accept lists the fingerprints of new senders a person has compared
	// with the one shown on the sender's laptop: only a sender whose
	// fingerprint is listed is enrolled. A new sender not listed waits
	// (NeedsConfirmation), so one confirmation never enrols another
	// sender that happens to be in the same batch.
	Accept []string
}

// accepts reports whether a person confirmed this fingerprint.
func (o Options) accepts(fingerprint string) bool {
	return fingerprint != "" && slices.Contains(o.Accept, fingerprint)
}

// examined is a bundle that passed every check that needs no writing.
type examined struct {
	res    Result
	in     store.Incoming
	ack    *store.AckIn // set for an acknowledgement (a cell importing)
	pinned *store.Peer  // nil when the sender is not enrolled yet
	copy   *bundleCopy  // the file copied off the stick, kept by the hub
	// acked: hub changes the cell has applied (1.3), see decisions.go.
	acked map[string]int64
	// roster: a commune's roster (1.4, relay.go), checked, not applied.
	roster *store.RosterIn
	// onward: the higher hubs an acknowledgement names (1.4, relay.go).
	onward []store.Peer
	// mailboxes: the mailboxes an acknowledgement names (1.5,
	// mailbox.go), as of its date.
	mailboxes     []store.Mailbox
	mailboxesAsOf string
	// relayable: addressed to us and to hubs above (1.4): kept in inbox/
	// even when it brings nothing new here.
	relayable bool
}

// Import checks a bundle and applies it in one transaction. A refused or
// unconfirmed bundle leaves the database untouched; the hub logs the
// refusal beside the database for its next acknowledgement, and keeps a
// forked bundle in quarantine for a person.
func Import(ctx context.Context, st *store.Store, path string, opt Options) Result {
	r := importOne(ctx, st, path, opt)
	if r.Status == Refused && wasStopped(ctx, r.Err) {
		r.Status = Stopped
		return r // not refused, not attempted: nothing to log or report back
	}
	if r.Status == Refused {
		logRefusal(st.Dir(), r)
	}
	// Written once the outcome is known; a failure to log must not hide
	// the outcome, and verify-log notices a kept file without its line.
	_ = appendImportLog(st, r, time.Now())
	return r
}

func importOne(ctx context.Context, st *store.Store, path string, opt Options) (r Result) {
	ex, err := examine(ctx, st, path)
	defer ex.copy.close()    // a no-op once kept
	fileSHA := ex.copy.sum() // before keep moves the copy away
	defer func() { r.FileSHA = fileSHA }()
	if err != nil {
		return refuse(ex.res, path, err)
	}
	if ex.roster != nil {
		return applyRoster(ctx, st, ex, opt)
	}
	if ex.ack != nil {
		return applyAck(ctx, st, ex, path)
	}
	if ex.pinned == nil && !opt.accepts(ex.res.Sender.Fingerprint) {
		ex.res.Status = NeedsConfirmation
		return ex.res
	}
	ex.in.Pin = ex.pinned == nil
	applied, err := st.ApplyBundle(ctx, ex.in)
	if errors.Is(err, store.ErrUnknownSender) {
		err = fmt.Errorf("%w: %w", ErrUnknownSender, err)
	}
	if errors.Is(err, store.ErrFork) {
		ex.copy.keep(st.Dir(), quarantineDir, ex.res.Sender.SiteID, ex.res.BundleID)
		err = fmt.Errorf("%w: %w", ErrCopiedLaptop, err)
	}
	if err != nil {
		return refuse(ex.res, path, err)
	}
	// Only prunes what the hub sends back; if it fails, the decisions go
	// again and the cell skips them. The bundle is in: a stop arriving
	// now must not cut short what follows its commit.
	_ = noteAcked(context.WithoutCancel(ctx), st, ex.res.Sender.SiteID, ex.acked)
	if applied.Duplicate {
		if ex.relayable { // it may be new to the hub above (onward.go)
			ex.copy.keep(st.Dir(), inboxDir, ex.res.Sender.SiteID, ex.res.BundleID)
		}
		ex.res.Status = Duplicate
		return ex.res
	}
	ex.copy.keep(st.Dir(), inboxDir, ex.res.Sender.SiteID, ex.res.BundleID)
	ex.res.Status, ex.res.Changes, ex.res.Held, ex.res.Missing = Accepted, applied.Changes, applied.Held, applied.Missing
	ex.res.Conflicts, ex.res.Deleted = applied.Conflicts, applied.Deleted
	return ex.res
}

// wasStopped reports whether err comes from ctx being cancelled: the
// bundle was not refused, the work was stopped around it.
func wasStopped(ctx context.Context, err error) bool {
	return ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}

// applyAck applies a hub's acknowledgement (a cell importing), then
// notes the hubs above and the mailboxes it names.
func applyAck(ctx context.Context, st *store.Store, ex examined, path string) Result {
	newest, err := st.NewestAckAsOf(ctx)
	if err != nil {
		return refuse(ex.res, path, err)
	}
	dup, n, err := applyFromHub(ctx, st, *ex.ack)
	if err != nil {
		return refuse(ex.res, path, err)
	}
	ex.res.Status, ex.res.Changes = Accepted, n
	after := context.WithoutCancel(ctx) // the ack is in: a stop now cuts nothing short
	if ex.onward != nil && !dup && notBefore(ex.ack.AsOf, newest) {
		// Only the newest ack says who the hubs above are now; an
		// older one carried late (or again) says who they were.
		// Outside the ack's transaction: if it fails, the next ack
		// carries the same list again.
		_ = st.SetOnward(after, ex.onward)
	}
	if ex.mailboxes != nil { // an older ack read late changes nothing
		_, _ = st.SetHubMailboxes(after, ex.mailboxes, ex.mailboxesAsOf)
	}
	if dup {
		ex.res.Status = Duplicate
	}
	return ex.res
}

// notBefore reports whether the RFC 3339 time a is not before b ("" is
// before everything).
func notBefore(a, b string) bool {
	if b == "" {
		return true
	}
	ta, err1 := time.Parse(time.RFC3339, a)
	tb, err2 := time.Parse(time.RFC3339, b)
	return err1 == nil && err2 == nil && !ta.Before(tb)
}

// Verify runs the checks Import runs and never writes. Accepted means the
// bundle would be accepted; Duplicate means its changes have all arrived.
// Only a fork, which needs the stored ledger, is left to Import. For a
// sender not enrolled yet it stops, as Import does, at the signature and
// the hash: nothing of the body is decoded before a person knows who sent
// it.
func Verify(ctx context.Context, st *store.Store, path string) Result {
	ex, err := examine(ctx, st, path)
	defer ex.copy.close()
	if err == nil && ex.in.Stream != nil && ex.pinned != nil {
		// The decoding pass Import makes inside its transaction.
		err = ex.in.Stream(func(store.Change) error { return nil })
	}
	switch {
	case err != nil:
		return refuse(ex.res, path, err)
	case ex.ack != nil, ex.roster != nil && ex.pinned != nil:
		ex.res.Status = Accepted
	case ex.pinned == nil:
		ex.res.Status = NeedsConfirmation
	case ex.pinned.HighWater >= ex.in.SeqTo:
		ex.res.Status = Duplicate
	default:
		ex.res.Status = Accepted
	}
	return ex.res
}

// ImportFiles imports several bundles in order, calling progress after
// each; a refused file does not stop the others. Cancelling ctx stops it
// at a bundle boundary: the bundle being applied commits or rolls back
// whole, and it and every later file come back Stopped, untouched.
func ImportFiles(ctx context.Context, st *store.Store, paths []string, opt Options, progress func(done, total int)) []Result {
	paths = rostersFirst(paths)
	out := make([]Result, 0, len(paths))
	for i, p := range paths {
		if err := ctx.Err(); err != nil {
			out = append(out, Result{File: p, Status: Stopped, Err: fmt.Errorf("sync: import %s: %w", p, err)})
		} else {
			out = append(out, Import(ctx, st, p, opt))
		}
		if progress != nil {
			progress(i+1, len(paths))
		}
	}
	return out
}

// BundleFiles lists the bundle files in a folder, sorted by name.
func BundleFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sync: list bundles in %s: %w", dir, err)
	}
	var out []string
	for _, e := range ents {
		// Skip our own temp files and macOS "._" shadow files on FAT sticks.
		n := e.Name()
		if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(n), bundleExt) && !strings.HasPrefix(n, ".") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out, nil
}

func refuse(r Result, path string, err error) Result {
	r.File, r.Status, r.Err = path, Refused, fmt.Errorf("sync: import %s: %w", path, err)
	return r
}

// examine runs the checks in the documented order up to, not including,
// applying. The file is copied off the stick into the data folder first:
// pulling the stick later cannot leave half a bundle applied. The changes
// are read from that copy one at a time, twice (stream.go), so memory
// does not grow with the bundle.
func examine(ctx context.Context, st *store.Store, path string) (examined, error) {
	ex := examined{res: Result{File: path}}
	site, err := st.Site(ctx)
	if err != nil {
		return ex, err
	}
	keys, err := st.Keys(ctx)
	if err != nil {
		return ex, err
	}
	id, err := age.ParseX25519Identity(keys.AgeIdentity)
	if err != nil {
		return ex, fmt.Errorf("own age identity: %w", err)
	}
	if ex.copy, err = copyOff(path, st.Dir()); err != nil {
		return ex, err
	}
	p, body, err := openHead(ex.copy.f, ex.copy.size, id)
	if p.manifestRaw != nil {
		ex.res = resultFrom(path, p.manifest)
	}
	if err != nil {
		return ex, err
	}
	m := p.manifest
	relayed, err := checkRecipient(m, site)
	if err != nil {
		return ex, err
	}
	if err := checkSignature(p); err != nil {
		return ex, err
	}
	// A revoked key is named as such before "other than enrolled".
	if err := checkRevoked(ctx, st, m.Sender); err != nil {
		return ex, err
	}
	if ex.pinned, err = pinnedSender(ctx, st, site, m.Sender); err != nil {
		return ex, err
	}
	if err := nameAsEnrolled(ctx, st, &ex); err != nil {
		return ex, err
	}
	if m.Kind == kindAck || m.Kind == kindRoster {
		if p.changes, err = readBody(body); err != nil {
			return ex, err
		}
		if m.Kind == kindRoster {
			return examineRoster(ex, site, p)
		}
		return examineAck(ex, site, p)
	}
	if site.Role != store.RoleHub {
		return ex, fmt.Errorf("a cell receives acknowledgements, not changes: %w", ErrWrongRecipient)
	}
	if relayed {
		if err := checkRelayed(ctx, st, m, ex.pinned); err != nil {
			return ex, err
		}
	}
	// First pass over the changes; the store makes the second (stream.go).
	if err := checkStream(m, body); err != nil {
		return ex, err
	}
	ex.in = incoming(p, ex.res.Sender, ex.copy, id)
	ex.acked = m.Acked
	ex.relayable = !relayed && len(m.Recipients) > 1
	return ex, nil
}

// incoming is what the store applies for a checked changes bundle: the
// second pass over the copy, run inside its transaction.
func incoming(p payload, sender store.Peer, c *bundleCopy, id age.Identity) store.Incoming {
	m := p.manifest
	return store.Incoming{BundleID: m.BundleID, Sender: sender, SeqFrom: m.SeqFrom, SeqTo: m.SeqTo,
		ManifestSHA: sha256Hex(p.manifestRaw), Stream: streamChanges(c, id, p), Count: m.RecordCount,
		Origins: manifestOrigins(m), Lenient: m.Format.Minor > formatMinor}
}

// examineAck checks an acknowledgement: only the pinned hub sends one,
// and only to a cell.
func examineAck(ex examined, site store.Site, p payload) (examined, error) {
	if site.Role != store.RoleCell || ex.pinned == nil || ex.pinned.Role != store.RoleHub {
		return ex, fmt.Errorf("acknowledgement from a site that is not our hub: %w", ErrUnknownSender)
	}
	a, err := checkAck(p)
	if err != nil {
		return ex, err
	}
	in, err := ackIn(p, a)
	if err != nil {
		return ex, err
	}
	if a.Onward != nil {
		if ex.onward, err = peersOf(a.Onward, store.RoleOnward); err != nil {
			return ex, err
		}
		if len(ex.onward) >= maxRecipients {
			return ex, fmt.Errorf("%d onward hubs: %w", len(ex.onward), ErrInvalidBundle)
		}
	}
	if a.Mailboxes != nil {
		if ex.mailboxes, err = mailboxesOf(a.Mailboxes); err != nil {
			return ex, err
		}
		ex.mailboxesAsOf = a.AsOf
	}
	ex.ack = &in
	ex.res.Changes = 0
	return ex, nil
}
