package cli

import (
	"fmt"

	"chibo/store"
	bundle "chibo/sync"
)

// Relay: a commune carries its cells' bundles on to the province
// (sync/doc.go, "# Relay"). Registered here, after cli.go's init has made
// the command table (files initialise in name order).
func init() {
	commands["relay"] = command{"relay --data DIR --out DIR   (hub: cells' bundles and a signed roster for the hub above)", runRelay}
	commands["onward"] = command{"onward --data DIR --card FILE [--fingerprint FP]   (hub: pin the hub above; cell: take the hubs above from its hub's card)", runOnward}
}

// runRelay writes the roster and the kept originals for every onward hub.
func runRelay(e env, args []string) error {
	st, _, out, err := openForStick(e, "relay", args, store.RoleHub, "the relayed bundles")
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := bundle.Relay(e.ctx, st, out, nil)
	for _, p := range r.Rosters {
		fmt.Fprintln(e.out, p)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "relayed %d bundles of %d cells (%s) to %s", r.Bundles, r.Cells, humanSize(r.Bytes), out)
	if r.Skipped > 0 {
		fmt.Fprintf(e.out, "; %d older bundles skipped: they were sent before the hub above was pinned", r.Skipped)
	}
	fmt.Fprintln(e.out)
	return nil
}

// runOnward pins the hub above on a hub (after a person compared the
// fingerprint), or refreshes a cell's list from its hub's card.
func runOnward(e env, args []string) error {
	fs, data := newFlags(e, "onward")
	card := fs.String("card", "", "hub card file")
	fp := fs.String("fingerprint", "", "hub: the fingerprint read on the card's laptop")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *card == "" {
		return usageError{"--card FILE is required"}
	}
	st, site, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	if site.Role == store.RoleHub && *fp == "" {
		c, err := bundle.ReadCard(*card)
		if err != nil {
			return err
		}
		return fmt.Errorf("card of %q has fingerprint %s (words: %s); compare it with that hub and rerun with --fingerprint",
			c.Hub.Name, c.Hub.Fingerprint, bundle.FingerprintWords(c.Hub.SignPub, c.Hub.AgeRecipient))
	}
	p, err := bundle.PinOnward(e.ctx, st, *card, *fp)
	if err != nil {
		return err
	}
	if site.Role == store.RoleHub {
		fmt.Fprintf(e.out, "%q pinned as the hub above; new cards and acknowledgements name it, relay carries bundles to it\n", p.Name)
		return nil
	}
	ps, err := st.Onward(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "card of %q read: bundles are now also encrypted to %d hubs above it\n", p.Name, len(ps))
	return nil
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
