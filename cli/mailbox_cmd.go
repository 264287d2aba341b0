package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"chibo/mailbox"
	"chibo/mailbox/carrier"
	"chibo/store"
	bundle "chibo/sync"
)

// The network carrier (mailbox/doc.go): run a mailbox, point a site at
// one, and send and fetch through it the very bundles a stick carries.
func init() {
	commands["mailbox"] = command{mailbox.Usage + "   (run a mailbox until interrupted)", runMailbox}
	commands["mailbox-use"] = command{"mailbox-use --data DIR --url URL --pin sha256:HEX   (hub: register there; cell: use it)", runMailboxUse}
	commands["send"] = command{"send --data DIR   (deposit at the mailbox what the hub has not acknowledged; hub: acknowledgements and decisions)", runSend}
	commands["fetch"] = command{"fetch --data DIR [--accept-new FINGERPRINT]...   (take what waits at the mailbox and import it)", runFetch}
}

func runMailbox(e env, args []string) error {
	err := mailbox.Command(args, e.out, e.errOut)
	if errors.Is(err, mailbox.ErrUsage) {
		return usageError{errors.Unwrap(err).Error()}
	}
	return err
}

func runMailboxUse(e env, args []string) error {
	fs, data := newFlags(e, "mailbox-use")
	url := fs.String("url", "", "the mailbox's address, https://HOST:PORT (http:// only for a LAN mailbox run with --plain-http)")
	pin := fs.String("pin", "", "sha256:HEX as chibo mailbox printed it (not for http://)")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *url == "" {
		return usageError{"--url URL is required"}
	}
	st, _, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	site, err := carrier.Use(e.ctx, st, *url, *pin)
	if err != nil {
		return err
	}
	if site.Role == store.RoleHub {
		fmt.Fprintf(e.out, "mailbox %s recorded and %s registered there; new hub cards and acknowledgements name it\n", *url, site.Name)
		return nil
	}
	fmt.Fprintf(e.out, "mailbox %s recorded; chibo send and chibo fetch use it first\n", *url)
	return nil
}

func runSend(e env, args []string) error {
	fs, data := newFlags(e, "send")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	st, site, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := carrier.Send(e.ctx, st)
	carrier.Note(e.ctx, st, err)
	if err != nil && len(rep.Sent) == 0 {
		return err
	}
	for _, s := range rep.Sent {
		fmt.Fprintln(e.out, sentLine(e, st, s))
	}
	switch {
	case rep.Unchanged > 0 && site.Role == store.RoleCell:
		fmt.Fprintf(e.out, "nothing new to send: the mailbox already holds the %d changes the hub has not acknowledged\n", rep.Pending)
	case rep.Unchanged > 0:
		fmt.Fprintf(e.out, "%d acknowledgements and rosters unchanged since last sent, not sent again\n", rep.Unchanged)
	}
	if err != nil && len(rep.Sent) > 0 {
		return fmt.Errorf("%d files sent, then: %w", len(rep.Sent), err)
	}
	return nil
}

// sentLine names what was deposited and for whom, as the hub knows it.
func sentLine(e env, st *store.Store, s carrier.Sent) string {
	to := s.To
	if p, err := st.Peer(e.ctx, s.To); err == nil {
		to = p.Name
	} else if h, err := st.Hub(e.ctx); err == nil && h.SiteID == s.To {
		to = h.Name
	}
	what := map[string]string{"changes": fmt.Sprintf("%d changes", s.Changes), "ack": "acknowledgement",
		"roster": "roster of cells", "relayed": "relayed bundle of a cell"}[s.Kind]
	if s.Kind == "ack" && s.Changes > 0 {
		what = fmt.Sprintf("acknowledgement with %d decisions", s.Changes)
	}
	state := "sent"
	if s.State == "delivered" {
		state = "already delivered"
	}
	return fmt.Sprintf("%s: %s to %s via %s (%s, %s)", filepath.Base(s.File), state, to, s.Mailbox, what, humanSize(s.Bytes))
}

func runFetch(e env, args []string) error {
	fs, data := newFlags(e, "fetch")
	accept := acceptFlag(fs)
	if err := parse(fs, args, data); err != nil {
		return err
	}
	st, _, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	rs, d, err := carrier.Fetch(e.ctx, st, bundle.Options{Accept: *accept})
	carrier.Note(e.ctx, st, err)
	for _, x := range d.Errors {
		fmt.Fprintf(e.errOut, "chibo fetch: %v\n", x)
	}
	refused := 0
	for _, r := range rs {
		fmt.Fprintln(e.out, resultLine(r))
		if r.Status != bundle.Accepted && r.Status != bundle.Duplicate {
			refused++
		}
	}
	warnUnused(e, *accept, rs)
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		fmt.Fprintln(e.errOut, "chibo fetch: nothing waiting at the mailbox")
	}
	if refused > 0 {
		return fmt.Errorf("%d of %d files not imported", refused, len(rs))
	}
	return nil
}
