package carrier

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"chibo/mailbox/proto"
	"chibo/store"
	chibosync "chibo/sync"
)

// Sent is one file deposited at a mailbox.
type Sent struct {
	File    string // as written beside chibo.db, now removed
	To      string // the addressee's site id
	Kind    string // changes, ack, roster or relayed
	Bytes   int64
	Changes int
	State   string // complete; delivered when the addressee already had the same file
	Mailbox string
}

// SendReport is what one Send did.
type SendReport struct {
	Sent []Sent
	// Unchanged counts what was not sent again because the addressee has
	// it or it waits at the mailbox already: a cell's backlog, a hub's
	// acknowledgement or roster that says nothing new.
	Unchanged int
	Pending   int // a cell: changes its hub has not acknowledged
}

// Send deposits what this site owes: a cell the changes its hub has not
// acknowledged (unless the same backlog already waits at the mailbox); a
// hub its roster, every acknowledgement that says something new (with
// the decisions for that cell) and, when it relays, its roster and the
// cells' originals for the hubs above it.
func Send(ctx context.Context, st *store.Store) (SendReport, error) {
	site, ls, err := links(ctx, st)
	if err != nil {
		return SendReport{}, err
	}
	defer closeLinks(ls)
	if ls, err = reachable(ctx, ls); err != nil {
		return SendReport{}, err
	}
	if site.Role == store.RoleHub {
		return sendHub(ctx, st, site, ls)
	}
	return sendCell(ctx, st, ls)
}

func sendCell(ctx context.Context, st *store.Store, ls []link) (SendReport, error) {
	var rep SendReport
	hub, err := st.Hub(ctx)
	if err != nil {
		return rep, err
	}
	dir := filepath.Join(st.Dir(), outDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return rep, err
	}
	// A send that stopped halfway left its files: finish them first.
	for _, f := range stagedFiles(dir) {
		if err := deposit(ctx, st, ls, hub.SiteID, f, "changes", readDigest(f), 0, &rep); err != nil {
			return rep, err
		}
	}
	digest, pending, err := chibosync.ExportDigest(ctx, st)
	if err != nil {
		return rep, err
	}
	rep.Pending = pending
	if pending == 0 { // nothing to carry unless hub decisions were applied here since
		if acked, err := st.HubApplied(ctx); err != nil || len(acked) == 0 {
			rep.Unchanged++
			return rep, err
		}
	}
	if last, ok, err := st.LastDeposit(ctx, hub.SiteID); err != nil {
		return rep, err
	} else if ok && last.Digest == digest {
		there, err := stillThere(ctx, ls, last)
		if err != nil {
			return rep, err
		}
		if there {
			rep.Unchanged++
			return rep, nil
		}
	}
	x, err := chibosync.Export(ctx, st, dir)
	parts := x.Parts
	if len(parts) == 0 && x.Path != "" {
		parts = []chibosync.Exported{x}
	}
	for _, p := range parts { // the parts written, even after an error
		_ = writeDigest(p.Path, digest)
	}
	if err != nil {
		return rep, err
	}
	for _, p := range parts {
		if err := deposit(ctx, st, ls, hub.SiteID, p.Path, "changes", digest, p.Changes, &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// stillThere asks the mailbox of the last deposit whether it still holds
// it or its addressee took it: then the same backlog is not sent again.
func stillThere(ctx context.Context, ls []link, last store.Deposit) (bool, error) {
	for _, l := range ls {
		if l.mb.URL != last.Mailbox {
			continue
		}
		items, err := l.c.Outbox(ctx)
		if err != nil {
			return false, fmt.Errorf("%s: %w", l.mb.URL, err)
		}
		for _, it := range items {
			if it.Name == last.Name && it.To == last.To && it.State != proto.StatePartial {
				return true, nil
			}
		}
		return false, nil
	}
	return false, nil // that mailbox is no longer used: send to the others
}

// deposit sends one file, records it and removes it.
func deposit(ctx context.Context, st *store.Store, ls []link, to, path, kind, digest string, changes int, rep *SendReport) error {
	sum, size, err := fileSum(path)
	if err != nil {
		return err
	}
	state, l, err := depositAny(ctx, ls, to, path)
	if err != nil {
		return fmt.Errorf("deposit %s: %w", filepath.Base(path), err)
	}
	d := store.Deposit{To: to, Name: filepath.Base(path), SHA256: sum, Bytes: size, Digest: digest, Mailbox: l.mb.URL, At: time.Now()}
	if err := st.RecordDeposit(ctx, d); err != nil {
		return err
	}
	rep.Sent = append(rep.Sent, Sent{File: path, To: to, Kind: kind, Bytes: size, Changes: changes, State: state, Mailbox: l.mb.URL})
	os.Remove(path)
	os.Remove(path + ".digest")
	return nil
}

func fileSum(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// A staged file's digest waits beside it, for a send that resumes it.
func writeDigest(path, digest string) error {
	return os.WriteFile(path+".digest", []byte(digest), 0o600)
}

func readDigest(path string) string {
	b, _ := os.ReadFile(path + ".digest")
	return strings.TrimSpace(string(b))
}

func sendHub(ctx context.Context, st *store.Store, site store.Site, ls []link) (SendReport, error) {
	var rep SendReport
	var live []link
	var errs []error
	for _, l := range ls { // card and roster first: the mailbox checks deposits against them
		if err := register(ctx, st, site, l.mb); err != nil {
			errs = append(errs, err)
			continue
		}
		live = append(live, l)
	}
	if len(live) == 0 {
		return rep, errors.Join(errs...)
	}
	dir := filepath.Join(st.Dir(), outDir, "acks")
	if err := freshDir(dir); err != nil {
		return rep, err
	}
	xs, err := chibosync.ExportAcks(ctx, st, dir)
	if err != nil {
		return rep, err
	}
	for _, x := range xs {
		last, ok, err := st.LastDeposit(ctx, x.To)
		if err != nil {
			return rep, err
		}
		if ok && last.Digest == x.Digest {
			rep.Unchanged++
			os.Remove(x.Path)
			continue
		}
		if err := deposit(ctx, st, live, x.To, x.Path, "ack", x.Digest, x.Changes, &rep); err != nil {
			errs = append(errs, err) // one cell's refusal does not hold back the others
		}
	}
	if err := sendRelay(ctx, st, live, &rep); err != nil {
		errs = append(errs, err)
	}
	return rep, errors.Join(errs...)
}

func freshDir(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.MkdirAll(dir, 0o700)
}

// sendRelay deposits, for each hub above, a roster that says something
// new and every original not deposited for it before. It runs only when
// the hub kept a new original since the last time.
func sendRelay(ctx context.Context, st *store.Store, ls []link, rep *SendReport) error {
	onward, err := st.Onward(ctx)
	if err != nil || len(onward) == 0 {
		return err
	}
	last, err := st.MailboxSetting(ctx, store.MailboxLastRelay)
	if err != nil {
		return err
	}
	started := time.Now().UTC()
	if !keptSince(filepath.Join(st.Dir(), "inbox"), last) {
		return nil
	}
	dir := filepath.Join(st.Dir(), outDir, "relay")
	if err := freshDir(dir); err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	r, err := chibosync.Relay(ctx, st, dir, nil)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range r.Files { // rosters come first in Files
		name := filepath.Base(f.Path)
		var done bool
		if f.Digest != "" {
			done, err = st.DepositedDigest(ctx, f.To, f.Digest)
		} else {
			_, done, err = st.Deposited(ctx, f.To, name)
		}
		if err != nil {
			return err
		}
		if done {
			rep.Unchanged++
			continue
		}
		kind := "relayed"
		if f.Digest != "" {
			kind = "roster"
		}
		if err := depositCopy(ctx, st, ls, f, kind, rep); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		return st.SetMailboxSetting(ctx, store.MailboxLastRelay, started.Format(time.RFC3339Nano))
	}
	return errors.Join(errs...)
}

// depositCopy deposits a relayed file, which may go to several hubs
// above, so the copy stays until the relay folder is removed.
func depositCopy(ctx context.Context, st *store.Store, ls []link, f chibosync.Exported, kind string, rep *SendReport) error {
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return err
	}
	dir := filepath.Join(filepath.Dir(f.Path), f.To)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	one := filepath.Join(dir, filepath.Base(f.Path))
	if err := os.WriteFile(one, b, 0o600); err != nil {
		return err
	}
	return deposit(ctx, st, ls, f.To, one, kind, f.Digest, f.Changes, rep)
}

// keptSince reports whether a file in dir changed after the RFC 3339
// time since ("" = never).
func keptSince(dir, since string) bool {
	t, err := time.Parse(time.RFC3339Nano, since)
	if err != nil {
		return true
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && fi.ModTime().After(t) {
			return true
		}
	}
	return false
}
