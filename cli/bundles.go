package cli

import (
	"flag"
	"fmt"
	"strings"

	"chibo/store"
	bundle "chibo/sync"
)

func runExport(e env, args []string) error {
	st, site, out, err := openForStick(e, "export", args, "", "the bundle")
	if err != nil {
		return err
	}
	defer st.Close()
	if site.Role == store.RoleHub {
		return writeAcks(e, st, out)
	}
	x, err := bundle.Export(e.ctx, st, out)
	for _, p := range exportedPaths(x) { // parts already on the stick, even after an error
		fmt.Fprintln(e.out, p)
	}
	return err
}

// exportedPaths lists every file an export wrote, in order.
func exportedPaths(x bundle.Exported) []string {
	if len(x.Parts) == 0 && x.Path != "" {
		return []string{x.Path}
	}
	var out []string
	for _, p := range x.Parts {
		out = append(out, p.Path)
	}
	return out
}

func runImport(e env, args []string) error {
	fs, data := newFlags(e, "import")
	accept := acceptFlag(fs)
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"give one or more bundle files"}
	}
	st, _, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	rs := bundle.ImportFiles(e.ctx, st, fs.Args(), bundle.Options{Accept: *accept}, nil)
	refused, stopped := 0, 0
	for _, r := range rs {
		switch r.Status {
		case bundle.Accepted, bundle.Duplicate:
		case bundle.Stopped:
			stopped++
			continue // one summary line below, not a line per file left
		default:
			refused++
		}
		fmt.Fprintln(e.out, resultLine(r))
	}
	if stopped > 0 {
		also := ""
		if refused > 0 {
			also = fmt.Sprintf(", %d refused", refused)
		}
		return fmt.Errorf("%d of %d files imported%s; the other %d were left untouched: run the same command again to import them",
			len(rs)-stopped-refused, len(rs), also, stopped)
	}
	warnUnused(e, *accept, rs)
	if refused > 0 {
		return fmt.Errorf("%d of %d files not imported", refused, fs.NArg())
	}
	return nil
}

// acceptFlag is --accept-new FINGERPRINT, repeatable: a new sender is
// enrolled only by the fingerprint a person compared with its laptop.
func acceptFlag(fs *flag.FlagSet) *[]string {
	var accept []string
	fs.Func("accept-new", "enroll the new sender with this key `FINGERPRINT` (as the sender read it out; repeatable)", func(v string) error {
		accept = append(accept, strings.Join(strings.Fields(strings.ToUpper(v)), " "))
		return nil
	})
	return &accept
}

// warnUnused names the fingerprints given to --accept-new that no file
// came from (a typo, or the wrong stick).
func warnUnused(e env, accept []string, rs []bundle.Result) {
	used := map[string]bool{}
	for _, r := range rs {
		used[r.Sender.Fingerprint] = true
	}
	for _, fp := range accept {
		if !used[fp] {
			fmt.Fprintf(e.errOut, "warning: no file came from the key %s given to --accept-new\n", fp)
		}
	}
}

// runAck writes the hub's acknowledgement bundles, one per enrolled cell.
func runAck(e env, args []string) error {
	st, _, out, err := openForStick(e, "ack", args, store.RoleHub, "the acknowledgements")
	if err != nil {
		return err
	}
	defer st.Close()
	return writeAcks(e, st, out)
}

func writeAcks(e env, st *store.Store, out string) error {
	xs, err := bundle.ExportAcks(e.ctx, st, out)
	for _, x := range xs {
		fmt.Fprintln(e.out, x.Path)
	}
	return err
}

func resultLine(r bundle.Result) string {
	switch {
	case r.Status == bundle.Accepted && r.Kind == "ack":
		return fmt.Sprintf("%s: accepted: acknowledgement from %s", r.File, from(r))
	case r.Status == bundle.Accepted && r.Kind == "roster":
		return fmt.Sprintf("%s: accepted: roster of %d cells from %s", r.File, r.Changes, from(r))
	case r.Status == bundle.NeedsConfirmation && r.Kind == "roster":
		return fmt.Sprintf("%s: refused: first roster from %q with key fingerprint %s (words: %s); check it with that hub and rerun with --accept-new %q%s",
			r.File, r.Sender.Name, r.Sender.Fingerprint, bundle.FingerprintWords(r.Sender.SignPub, r.Sender.AgeRecipient), r.Sender.Fingerprint, nameTaken(r))
	case r.Status == bundle.Accepted && r.Held > 0:
		miss := ""
		for _, m := range r.Missing {
			miss += fmt.Sprintf(" #%d-#%d", m.From, m.To)
		}
		return fmt.Sprintf("%s: accepted: %d changes from %s, %d held back until missing changes arrive:%s",
			r.File, r.Changes, from(r), r.Held, miss)
	}
	switch r.Status {
	case bundle.Accepted:
		if r.Conflicts > 0 {
			return fmt.Sprintf("%s: accepted: %d changes from %s, %d conflicts for a person to resolve in the window",
				r.File, r.Changes, from(r), r.Conflicts) + deletedNote(r)
		}
		return fmt.Sprintf("%s: accepted: %d changes from %s", r.File, r.Changes, from(r)) + deletedNote(r)
	case bundle.Duplicate:
		return fmt.Sprintf("%s: duplicate: already imported, nothing changed", r.File)
	case bundle.NeedsConfirmation:
		return fmt.Sprintf("%s: refused: first bundle from %q with key fingerprint %s (words: %s); check it with the cell and rerun with --accept-new %q%s",
			r.File, r.Sender.Name, r.Sender.Fingerprint, bundle.FingerprintWords(r.Sender.SignPub, r.Sender.AgeRecipient), r.Sender.Fingerprint, nameTaken(r))
	}
	return fmt.Sprintf("%s: refused: %v", r.File, r.Err)
}

// deletedNote says which members and meetings an accepted bundle
// deleted: a cell taking back a member must not pass unseen.
func deletedNote(r bundle.Result) string {
	var parts []string
	for _, k := range []struct{ entity, word string }{{"member", "member"}, {"meeting", "meeting"}} {
		if n := r.Deleted[k.entity]; n == 1 {
			parts = append(parts, "1 "+k.word)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %ss", n, k.word))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; the cell DELETED " + strings.Join(parts, " and ")
}

// nameTaken warns that a new sender carries the name of a site already
// enrolled: it may be posing as it.
func nameTaken(r bundle.Result) string {
	if len(r.NameTaken) == 0 {
		return ""
	}
	p := r.NameTaken[0]
	return fmt.Sprintf("\nWARNING: %q is already the name of an enrolled site (key fingerprint %s); enrol this one only if it is really another, new unit",
		p.Name, p.Fingerprint)
}

// from names a result's sender as this site enrolled it, and the name
// the bundle claims when that differs.
func from(r bundle.Result) string {
	if r.Claimed != "" {
		return fmt.Sprintf("%s (the bundle calls it %q)", r.Sender.Name, r.Claimed)
	}
	return r.Sender.Name
}

func runVerify(e env, args []string) error {
	fs, data := newFlags(e, "verify")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"give exactly one bundle file"}
	}
	st, _, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	r := bundle.Verify(e.ctx, st, fs.Arg(0))
	switch r.Status {
	case bundle.Accepted, bundle.Duplicate:
		fmt.Fprintf(e.out, "%s: valid bundle %s from %s with %d changes (%s)\n", r.File, r.BundleID, r.Sender.Name, r.Changes, r.Status)
		return nil
	case bundle.NeedsConfirmation:
		fmt.Fprintf(e.out, "%s: valid bundle from not yet enrolled %q, key fingerprint %s\n", r.File, r.Sender.Name, r.Sender.Fingerprint)
		return nil
	}
	return fmt.Errorf("%s: %v", r.File, r.Err)
}

// runRevoke puts an enrolled cell's key on the hub's revocation list (a
// lost or stolen laptop). Every later acknowledgement carries the list.
func runRevoke(e env, args []string) error {
	fs, data := newFlags(e, "revoke")
	cell := fs.String("cell", "", "site id of the cell whose key is revoked")
	reason := fs.String("reason", "revoked by the hub", "why, kept with the revocation")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *cell == "" {
		return usageError{"--cell SITE_ID is required"}
	}
	st, _, err := openSite(e, *data, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RevokePeerKey(e.ctx, *cell, *reason); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "key of %s revoked; its bundles are refused until replace-key pins a new one\n", *cell)
	return nil
}

// runReplaceKey on a cell gives this laptop new keys and prints the
// fingerprint to read to the hub; on the hub it pins the new keys from
// the cell's next bundle once --fingerprint matches what was read out.
func runReplaceKey(e env, args []string) error {
	fs, data := newFlags(e, "replace-key")
	fp := fs.String("fingerprint", "", "hub: the new key's fingerprint as read on the cell's laptop")
	reason := fs.String("reason", "new laptop", "hub: why, kept with the revocation of the old key")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	st, site, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	if site.Role == store.RoleCell {
		keys, err := bundle.GenerateKeys()
		if err != nil {
			return err
		}
		if err := st.ReplaceOwnKeys(e.ctx, keys); err != nil {
			return err
		}
		pub, rcpt, err := bundle.PublicKeys(keys)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.out, "new key fingerprint %s (words: %s); read it to the hub, then export\n",
			bundle.Fingerprint(pub, rcpt), bundle.FingerprintWords(pub, rcpt))
		return nil
	}
	if fs.NArg() != 1 || *fp == "" {
		return usageError{"on the hub give --fingerprint \"XXXX ...\" and the cell's bundle file"}
	}
	p, err := bundle.ReplaceKey(e.ctx, st, fs.Arg(0), *fp, *reason)
	if err != nil {
		if p.Fingerprint != "" {
			return fmt.Errorf("%w: the bundle carries %s (words: %s)", err, p.Fingerprint, bundle.FingerprintWords(p.SignPub, p.AgeRecipient))
		}
		return err
	}
	fmt.Fprintf(e.out, "new key of %q pinned; import its bundles now\n", p.Name)
	return nil
}
