package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"chibo/report"
	"chibo/store"
	bundle "chibo/sync"
)

func runInit(e env, args []string) error {
	fs, data := newFlags(e, "init")
	role := fs.String("role", "", "cell or hub")
	name := fs.String("name", "", "organisation name")
	parent := fs.String("parent", "", "parent organisation")
	place := fs.String("place", "", "place name used on documents")
	committee := fs.Bool("has-committee", false, "the cell has an elected committee (chi ủy)")
	card := fs.String("hub-card", "", "hub card file (cell only)")
	hubFP := fs.String("hub-fingerprint", "", "the hub's key fingerprint as read on the hub's screen (cell only; checked against the card)")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *role != "cell" && *role != "hub" {
		return usageError{"--role must be cell or hub"}
	}
	if *name == "" {
		return usageError{"--name is required"}
	}
	in := store.Setup{Role: store.Role(*role), Name: *name, ParentName: *parent, Place: *place, HasCommittee: *committee}
	if in.Role == store.RoleCell {
		if *card == "" {
			return usageError{"a cell needs --hub-card FILE (the card its hub gave it)"}
		}
		c, err := bundle.ReadCard(*card)
		if err != nil {
			return err
		}
		if err := checkCardFingerprint(e, c.Hub, *hubFP); err != nil {
			return err
		}
		in.Hub, in.Onward, in.Mailboxes = &c.Hub, c.Onward, c.Mailboxes
	}
	pass, err := newPassphrase(e, envPass, "Choose a passphrase for "+*data)
	if err != nil {
		return err
	}
	in.Passphrase = pass
	if in.Keys, err = bundle.GenerateKeys(); err != nil {
		return err
	}
	site, err := initSite(e, *data, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "initialized %s %q in %s (id %s)\n", site.Role, site.Name, *data, site.ID)
	if pub, rcpt, err := bundle.PublicKeys(in.Keys); err == nil {
		fmt.Fprintf(e.out, "this site's key fingerprint %s (words: %s)\n", bundle.Fingerprint(pub, rcpt), bundle.FingerprintWords(pub, rcpt))
	}
	if site.Role != store.RoleHub {
		return nil // a cell's key is escrowed to its hub
	}
	e.pass = pass
	st, _, err := openSite(e, *data, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	return printRecoveryCode(e, st)
}

// checkCardFingerprint shows the hub card's fingerprint before a cell
// trusts it, and refuses the card when the one read on the hub's screen
// (--hub-fingerprint) differs.
func checkCardFingerprint(e env, hub store.Peer, typed string) error {
	fmt.Fprintf(e.out, "hub card of %q, key fingerprint %s (words: %s)\n", hub.Name, hub.Fingerprint,
		bundle.FingerprintWords(hub.SignPub, hub.AgeRecipient))
	if typed == "" {
		fmt.Fprintln(e.out, "compare it with the fingerprint on the hub's screen; give it with --hub-fingerprint to have it checked")
		return nil
	}
	if strings.Join(strings.Fields(strings.ToUpper(typed)), " ") != hub.Fingerprint {
		return fmt.Errorf("the card's key fingerprint is %s, not %s: this card is not the hub's; nothing was set up", hub.Fingerprint, typed)
	}
	return nil
}

// initSite generates keys and sets up a fresh data folder.
func initSite(e env, dir string, in store.Setup) (store.Site, error) {
	if len(in.Keys.SignPriv) == 0 {
		keys, err := bundle.GenerateKeys()
		if err != nil {
			return store.Site{}, err
		}
		in.Keys = keys
	}
	var err error
	if in.Passphrase == "" {
		in.Passphrase = e.pass
	}
	if in.Passphrase == "" {
		if in.Passphrase, err = newPassphrase(e, envPass, "Choose a passphrase for "+dir); err != nil {
			return store.Site{}, err
		}
	}
	st, err := store.Open(dir)
	if err != nil {
		return store.Site{}, err
	}
	defer st.Close()
	site, err := st.Init(e.ctx, in)
	if errors.Is(err, store.ErrAlreadySetUp) {
		return store.Site{}, fmt.Errorf("%s is already set up; choose an empty folder", dir)
	}
	return site, lockError(dir, err)
}

func runHubCard(e env, args []string) error {
	fs, data := newFlags(e, "hub-card")
	out := fs.String("out", "", "card file to write")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out FILE is required"}
	}
	st, site, err := openSite(e, *data, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := bundle.WriteHubCard(e.ctx, st, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "wrote hub card of %q to %s\n", site.Name, *out)
	if c, err := bundle.ReadHubCard(*out); err == nil {
		fmt.Fprintf(e.out, "key fingerprint %s (words: %s): the cell checks it when it starts from the card\n",
			c.Fingerprint, bundle.FingerprintWords(c.SignPub, c.AgeRecipient))
	}
	return nil
}

func runImportCSV(e env, args []string) error {
	fs, data := newFlags(e, "import-csv")
	kind := fs.String("kind", "", "what the file holds: members")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *kind == "ratings" || *kind == "candidates" {
		return importCellWorkCSV(e, *data, *kind, fs)
	}
	if *kind != "members" {
		return usageError{"--kind must be members, ratings or candidates"}
	}
	if fs.NArg() != 1 {
		return usageError{"give exactly one CSV or XLSX file"}
	}
	st, _, err := openSite(e, *data, store.RoleCell)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := store.OpenRegular(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	ms, err := store.ParseMembersFile(fs.Arg(0), f)
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", fs.Arg(0), err)
	}
	created, updated, err := st.ImportMembers(e.ctx, ms)
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", fs.Arg(0), err)
	}
	fmt.Fprintf(e.out, "imported %d members from %s (%d new, %d updated)\n", len(ms), fs.Arg(0), created, updated)
	return nil
}

type meetingJSON struct {
	ID       string `json:"id"`
	Date     string `json:"date"`
	Kind     string `json:"kind"`
	State    string `json:"state"`
	Number   int    `json:"number,omitempty"`
	Revision int    `json:"revision"`
}

func runMeetings(e env, args []string) error {
	fs, data := newFlags(e, "meetings")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	st, _, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	ms, err := st.Meetings(e.ctx, "")
	if err != nil {
		return err
	}
	list := make([]meetingJSON, len(ms))
	for i, m := range ms {
		list[i] = meetingJSON{ID: m.ID, Date: m.Date, Kind: m.Kind, State: m.State, Number: m.Number, Revision: m.Revision}
	}
	if *asJSON {
		enc := json.NewEncoder(e.out)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	for _, m := range list {
		fmt.Fprintf(e.out, "%s  %s  %-13s %-9s\n", m.ID, m.Date, m.Kind, m.State)
	}
	return nil
}

// runMinutes writes a meeting's minutes (biên bản); at the hub, a cell's.
func runMinutes(e env, args []string) error {
	return meetingDoc(e, "minutes", args, report.MinutesPDF)
}

func runReport(e env, args []string) error {
	fs, data := newFlags(e, "report")
	format := fs.String("format", "json", "json, xlsx or pdf")
	out := fs.String("out", "", "file to write (default: standard output; required for xlsx and pdf)")
	year := fs.Int("year", 0, "year of the ratings to count (default: none)")
	from := fs.String("from", "", "first day of admissions and meetings counted, YYYY-MM-DD")
	to := fs.String("to", "", "last day of admissions and meetings counted, YYYY-MM-DD")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	p, err := reportPeriod(*year, *from, *to)
	if err != nil {
		return err
	}
	if *format != "json" && *format != "xlsx" && *format != "pdf" {
		return usageError{"--format must be json, xlsx or pdf"}
	}
	if *format != "json" && *out == "" {
		return usageError{"--out FILE is required for --format " + *format}
	}
	st, _, err := openSite(e, *data, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := report.HubRollupFor(e.ctx, st, p)
	if err != nil {
		return err
	}
	write := func(f io.Writer) error { return report.HubXLSX(f, r) }
	switch *format {
	case "pdf":
		write = func(f io.Writer) error { return report.HubPDF(f, r, time.Now()) }
	case "json":
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return err
		}
		if *out == "" {
			_, err = fmt.Fprintln(e.out, string(b))
			return err
		}
		write = func(f io.Writer) error { _, err := f.Write(append(b, '\n')); return err }
	}
	if err := store.WriteFileAtomic(*out, write); err != nil {
		return fmt.Errorf("write report %s: %w", *out, err)
	}
	fmt.Fprintf(e.out, "wrote report of %d cells to %s\n", r.Cells, *out)
	return nil
}

// reportPeriod checks the report's --year, --from and --to.
func reportPeriod(year int, from, to string) (report.Period, error) {
	for name, d := range map[string]string{"--from": from, "--to": to} {
		if _, err := time.Parse("2006-01-02", d); d != "" && err != nil {
			return report.Period{}, usageError{fmt.Sprintf("%s %q is not a date; use YYYY-MM-DD", name, d)}
		}
	}
	if from != "" && to != "" && from > to {
		return report.Period{}, usageError{fmt.Sprintf("--from %s is after --to %s", from, to)}
	}
	if year != 0 && (year < 1930 || year > time.Now().Year()+1) {
		return report.Period{}, usageError{fmt.Sprintf("--year %d is out of range", year)}
	}
	return report.Period{From: from, To: to, Year: year}, nil
}
