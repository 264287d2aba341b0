package carrier

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"chibo/mailbox/client"
	"chibo/mailbox/proto"
	"chibo/store"
	chibosync "chibo/sync"
)

// Fetching takes what waits for this site into mailbox-in/<sender>/
// beside chibo.db, imports it as files from a stick are imported, and
// only then tells each mailbox what it may delete: what was imported,
// was a duplicate, or was refused for good (the refusal is logged and
// the sender hears of it in the next acknowledgement). A bundle waiting
// for a person to confirm its sender's fingerprint, or refused for a
// reason that can pass (a newer app, a roster not yet confirmed, a
// locked laptop), stays at the mailbox and on disk.

// Downloaded is what Download took, ready to import.
type Downloaded struct {
	Files  []string         // the files on disk, in the order taken
	refs   map[string][]ref // file → the mailboxes it waits at
	Errors []error          // mailboxes that could not be read (the others were)
	links  []link
}

// Close lets go of the mailboxes' connections, once Settle is done.
func (d Downloaded) Close() { closeLinks(d.links) }

type ref struct {
	l  link
	it proto.Item
}

// Download takes every file waiting for this site at each of its
// mailboxes; a file already on disk from an earlier fetch is not taken
// again. It fails only when no mailbox could be read.
func Download(ctx context.Context, st *store.Store) (Downloaded, error) {
	d := Downloaded{refs: map[string][]ref{}}
	_, ls, err := links(ctx, st)
	if err != nil {
		return d, err
	}
	d.links = ls
	if ls, err = reachable(ctx, ls); err != nil {
		return d, err
	}
	read := 0
	for _, l := range ls {
		items, err := l.c.Inbox(ctx)
		if err != nil {
			d.Errors = append(d.Errors, fmt.Errorf("%s: %w", l.mb.URL, err))
			continue
		}
		read++
		for _, it := range items {
			if err := d.take(ctx, st, l, it); err != nil {
				d.Errors = append(d.Errors, fmt.Errorf("%s: %s: %w", l.mb.URL, it.Name, err))
			}
		}
	}
	if read == 0 {
		return d, errors.Join(d.Errors...)
	}
	return d, nil
}

func (d *Downloaded) take(ctx context.Context, st *store.Store, l link, it proto.Item) error {
	if !proto.ValidSite(it.From) || !proto.ValidName(it.Name) {
		return fmt.Errorf("odd name %q from %q: skipped", it.Name, it.From)
	}
	dir := filepath.Join(st.Dir(), inDir, it.From)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	dst := filepath.Join(dir, it.Name)
	if sum, _, err := fileSum(dst); err != nil || sum != it.SHA256 {
		if err := l.c.Download(ctx, it, dst); err != nil {
			return err
		}
	}
	if len(d.refs[dst]) == 0 {
		d.Files = append(d.Files, dst)
	}
	d.refs[dst] = append(d.refs[dst], ref{l: l, it: it})
	return nil
}

// Outcome is one file's import outcome, as Settle needs it.
type Outcome struct {
	File   string
	Status chibosync.Status
	Err    error
}

// OutcomesOf turns import results into outcomes.
func OutcomesOf(rs []chibosync.Result) []Outcome {
	out := make([]Outcome, len(rs))
	for i, r := range rs {
		out[i] = Outcome{File: r.File, Status: r.Status, Err: r.Err}
	}
	return out
}

// Settle acknowledges at the mailboxes every file whose import is
// final, and removes it from disk. It returns how many it settled.
func Settle(ctx context.Context, d Downloaded, outs []Outcome) (int, error) {
	n := 0
	var errs []error
	for _, o := range outs {
		refs := d.refs[o.File]
		if len(refs) == 0 || !final(o) {
			continue
		}
		ok := true
		for _, r := range refs {
			if err := r.l.c.Ack(ctx, r.it); err != nil && !errors.Is(err, client.ErrConflict) {
				errs = append(errs, fmt.Errorf("%s: %s: %w", r.l.mb.URL, r.it.Name, err))
				ok = false
			}
		}
		if ok {
			os.Remove(o.File)
			n++
		}
	}
	return n, errors.Join(errs...)
}

// final reports whether an import's outcome will not change by trying
// again: then the mailbox may delete the file.
func final(o Outcome) bool {
	switch o.Status {
	case chibosync.Accepted, chibosync.Duplicate:
		return true
	case chibosync.Refused:
	default:
		return false
	}
	for _, passing := range []error{chibosync.ErrNewerFormat, chibosync.ErrNotRelayed, store.ErrStoreLocked,
		context.Canceled, context.DeadlineExceeded} {
		if errors.Is(o.Err, passing) {
			return false
		}
	}
	for _, lasting := range []error{chibosync.ErrTruncated, chibosync.ErrDamaged, chibosync.ErrNotForUs,
		chibosync.ErrBadSignature, chibosync.ErrWrongKey, chibosync.ErrUnknownSender, chibosync.ErrNotBundle,
		chibosync.ErrWrongRecipient, chibosync.ErrRevoked, store.ErrFork, store.ErrRosterConflict, store.ErrInvalid} {
		if errors.Is(o.Err, lasting) {
			return true
		}
	}
	return false // an I/O error or the like: try again next time
}

// Fetch downloads, imports and settles in one go (chibo fetch, and the
// window's background exchange).
func Fetch(ctx context.Context, st *store.Store, opt chibosync.Options) ([]chibosync.Result, Downloaded, error) {
	d, err := Download(ctx, st)
	defer d.Close()
	if err != nil {
		return nil, d, err
	}
	rs := chibosync.ImportFiles(ctx, st, d.Files, opt, nil)
	_, err = Settle(ctx, d, OutcomesOf(rs))
	return rs, d, err
}
