// Package carrier moves a site's bundles through its mailboxes on the
// network: the same files the stick carries, written by sync.Export,
// sync.ExportAcks and sync.Relay and read by sync.ImportFiles, so nothing
// in the trust model changes. The window and the command line (chibo
// send, fetch, mailbox-use) both call it; mailbox/doc.go describes the
// service, sync/doc.go ("# Carriers") the part of the protocol it uses.
package carrier

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"chibo/mailbox/client"
	"chibo/store"
	chibosync "chibo/sync"
)

// ErrNoMailbox means this site has no mailbox to use.
var ErrNoMailbox = errors.New("no mailbox is set up (a hub runs chibo mailbox-use; a cell gets it from its hub's card or acknowledgement)")

// Folders beside chibo.db: bundles written for a mailbox and not yet
// deposited whole, and files taken from a mailbox and not yet settled.
const (
	outDir = "mailbox-out"
	inDir  = "mailbox-in"
)

// link is one mailbox this site uses, with a client signing as the site.
type link struct {
	mb store.Mailbox
	c  *client.Client
}

// links makes a client for every mailbox of the site, in the order they
// are tried.
func links(ctx context.Context, st *store.Store) (store.Site, []link, error) {
	site, err := st.Site(ctx)
	if err != nil {
		return site, nil, err
	}
	ms, err := st.Mailboxes(ctx)
	if err != nil {
		return site, nil, err
	}
	if len(ms) == 0 {
		return site, nil, ErrNoMailbox
	}
	keys, err := st.Keys(ctx)
	if err != nil {
		return site, nil, err
	}
	var out []link
	for _, m := range ms {
		c, err := newClient(m, site.ID, keys)
		if err != nil {
			return site, nil, err
		}
		out = append(out, link{mb: m, c: c})
	}
	return site, out, nil
}

func closeLinks(ls []link) {
	for _, l := range ls {
		l.c.Close()
	}
}

// Patience bounds how long one transfer retries a link that keeps
// failing before the send or fetch gives up (and the next one resumes).
var Patience = 5 * time.Minute

func newClient(m store.Mailbox, site string, keys store.Keys) (*client.Client, error) {
	c, err := client.New(m.URL, m.Pin, site, ed25519.PrivateKey(keys.SignPriv))
	if err != nil {
		return nil, fmt.Errorf("mailbox %s: %w", m.URL, err)
	}
	c.Patience = Patience
	return c, nil
}

// Use records a mailbox on this laptop. A hub also registers there with
// its card (which now names the mailbox) and its roster, so the mailbox
// knows it before any cell writes; if that fails nothing is recorded.
func Use(ctx context.Context, st *store.Store, url, pin string) (store.Site, error) {
	if err := chibosync.CheckMailboxAddr(chibosync.MailboxAddr{URL: url, Pin: pin}); err != nil {
		return store.Site{}, err
	}
	site, err := st.Site(ctx)
	if err != nil {
		return site, err
	}
	before, err := st.Mailboxes(ctx)
	if err != nil {
		return site, err
	}
	m := store.Mailbox{URL: url, Pin: pin, Source: store.MailboxOwn}
	if err := st.AddMailbox(ctx, m); err != nil {
		return site, err
	}
	if site.Role != store.RoleHub {
		return site, nil
	}
	if err := register(ctx, st, site, m); err != nil {
		restore(ctx, st, before, url)
		return site, err
	}
	return site, nil
}

// restore undoes AddMailbox after a failed registration.
func restore(ctx context.Context, st *store.Store, before []store.Mailbox, url string) {
	for _, b := range before {
		if b.URL == url {
			_ = st.AddMailbox(ctx, b)
			return
		}
	}
	_ = st.RemoveMailbox(ctx, url)
}

// register gives one mailbox the hub's card and roster.
func register(ctx context.Context, st *store.Store, site store.Site, m store.Mailbox) error {
	keys, err := st.Keys(ctx)
	if err != nil {
		return err
	}
	c, err := newClient(m, site.ID, keys)
	if err != nil {
		return err
	}
	defer c.Close()
	card, err := chibosync.CardBytes(ctx, st)
	if err != nil {
		return err
	}
	roster, err := chibosync.MailboxRoster(ctx, st)
	if err != nil {
		return err
	}
	if err := c.Register(ctx, card); err != nil {
		return fmt.Errorf("register at %s: %w", m.URL, err)
	}
	if err := c.PutRoster(ctx, roster); err != nil {
		return fmt.Errorf("roster to %s: %w", m.URL, err)
	}
	return nil
}

// reachable keeps the mailboxes that answer now (a quick unsigned
// probe), so a laptop with no network hears so at once instead of after
// every transfer's retries; it fails when none answers.
func reachable(ctx context.Context, ls []link) ([]link, error) {
	var out []link
	var errs []error
	for _, l := range ls {
		if _, err := l.c.Ping(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", l.mb.URL, err))
			continue
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// depositAny deposits the file at path for to at the first mailbox that
// takes it. A refusal from a mailbox (not a failure to reach it) is the
// error reported when no mailbox takes the file.
func depositAny(ctx context.Context, ls []link, to, path string) (string, link, error) {
	var first error
	for _, l := range ls {
		state, err := l.c.Deposit(ctx, to, filepath.Base(path), path)
		if err == nil {
			return state, l, nil
		}
		if ctx.Err() != nil {
			return "", l, ctx.Err()
		}
		var e *client.Error
		if first == nil || (errors.As(err, &e) && !errors.As(first, &e)) {
			first = fmt.Errorf("%s: %w", l.mb.URL, err)
		}
	}
	return "", link{}, first
}

// stagedFiles lists the bundles left in dir by an interrupted send.
func stagedFiles(dir string) []string {
	files, err := chibosync.BundleFiles(dir)
	if err != nil {
		return nil
	}
	return files
}
