// Package cli runs chibo's headless subcommands: the hub's batch work,
// scripts and tests. Each prints one English line on success and exits
// non-zero with a clear message on failure.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"syscall"

	"chibo/internal/buildinfo"
	"chibo/store"
)

// env is what a command runs with.
type env struct {
	ctx    context.Context
	out    io.Writer
	errOut io.Writer
	pass   string // the passphrase when this run already knows it (demo)
}

type command struct {
	usage string
	run   func(e env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"init":       {"init --data DIR --role cell|hub --name NAME [--parent NAME] [--place NAME] [--has-committee] [--hub-card FILE [--hub-fingerprint FP]]", runInit},
		"hub-card":   {"hub-card --data DIR --out FILE", runHubCard},
		"import-csv": {"import-csv --data DIR --kind members|ratings|candidates FILE", runImportCSV},
		"demo":       {"demo --data DIR [--hub-card FILE] | demo --data DIR --hub [--cells N] [--members M] [--years Y]", runDemo},
		"meetings":   {"meetings --data DIR [--json]", runMeetings},
		"minutes":    {"minutes --data DIR --meeting ID --out FILE.pdf", runMinutes},
		"resolution": {"resolution --data DIR --meeting ID --out FILE.pdf", runResolution},
		"sheet":      {"sheet --data DIR --meeting ID --out FILE.pdf   (attendance sheet to sign)", runAttendanceSheet},
		"book":       {"book --data DIR --year YYYY --out FILE.pdf", runBook},
		"export":     {"export --data DIR --out DIR", runExport},
		"import":     {"import --data DIR [--accept-new FINGERPRINT]... FILE...", runImport},
		"ack":        {"ack --data DIR --out DIR", runAck},
		"verify":     {"verify --data DIR FILE", runVerify},
		"revoke":     {"revoke --data DIR --cell SITE_ID [--reason TEXT]   (hub: revoke a cell's key)", runRevoke},
		"report":     {"report --data DIR [--year Y] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format json|xlsx|pdf] [--out FILE]", runReport},
		"backup":     {"backup --data DIR --out DIR", runBackup},
		"restore":    {"restore --data DIR [--preview] FILE   (passphrase of the backup's folder)", runRestore},
		"todo":       {"todo --data DIR [--today YYYY-MM-DD] [--json]", runTodo},
		"reviews":    {"reviews --data DIR --year YYYY [--json] [--format pdf|xlsx --out FILE]", runReviews},
		"dues":       {"dues --data DIR --year YYYY --format pdf|xlsx --out FILE   (yearly dues summary)", runDues},
	}
	commands["replace-key"] = command{"replace-key --data DIR   (cell: new keys) | replace-key --data DIR --fingerprint FP FILE   (hub)", runReplaceKey}
	commands["decisions"] = command{"decisions --data DIR --out DIR   (hub: one bundle of decisions per cell waiting for them)", runDecisions}
	commands["passwd"] = command{"passwd --data DIR   (new passphrase from CHIBO_NEW_PASSPHRASE or typed twice)", runPasswd}
	commands["protect"] = command{"protect --data DIR   (give a folder made before the lock its passphrase)", runProtect}
	commands["recover-request"] = command{"recover-request --data DIR --out DIR   (cell: passphrase forgotten; take the file to the hub)", runRecoverRequest}
	commands["recover-answer"] = command{"recover-answer --data DIR --request FILE --out DIR   (hub: answer a cell's request; prints the code)", runRecoverAnswer}
	commands["recover"] = command{"recover --data DIR [--answer FILE] --code CODE   (cell: the hub's answer; hub: its paper code)", runRecover}
	commands["recovery-code"] = command{"recovery-code --data DIR   (hub: a new paper recovery code)", runRecoveryCode}
	commands["verify-log"] = command{"verify-log --data DIR   (check the hash-chained import log beside chibo.db)", runVerifyLog}
}

// Main runs a subcommand. Commands that open a data folder take its
// passphrase from CHIBO_PASSPHRASE or ask for it (passphrase.go). When args ask for the window instead, it returns
// gui = true and the data folder to open.
func Main(args []string, out, errOut io.Writer) (dataDir string, gui bool, code int) {
	out, errOut = newSafeWriter(out), newSafeWriter(errOut)
	if len(args) == 0 || args[0] == "--data" || args[0] == "-data" {
		fs := flag.NewFlagSet("chibo", flag.ContinueOnError)
		fs.SetOutput(errOut)
		data := fs.String("data", DefaultDataDir(), "data folder")
		if err := fs.Parse(args); err != nil {
			return "", false, 2
		}
		return *data, true, 0
	}
	name := args[0]
	if name == "--version" || name == "version" {
		fmt.Fprintf(out, "chibo %s\n", buildinfo.Version)
		return "", false, 0
	}
	if name == "help" || name == "-h" || name == "--help" {
		usage(out)
		return "", false, 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(errOut, "chibo: unknown command %q\n", name)
		usage(errOut)
		return "", false, 2
	}
	// Ctrl-C (or a service manager's SIGTERM) cancels the command's
	// context: long work stops at a bundle boundary and says what it
	// left, instead of the process dying mid-way.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := env{ctx: ctx, out: out, errOut: errOut}
	if err := c.run(e, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", false, 0
		}
		if ctx.Err() != nil {
			fmt.Fprintf(errOut, "chibo %s: stopped: %v\n", name, err)
			return "", false, exitStopped
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(errOut, "chibo %s: %v\nusage: chibo %s\n", name, ue.msg, c.usage)
			return "", false, 2
		}
		fmt.Fprintf(errOut, "chibo %s: %v\n", name, err)
		return "", false, 1
	}
	return "", false, 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: chibo [--data DIR]   open the window")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "       chibo %s\n", commands[n].usage)
	}
}

// exitStopped is the exit code of a command stopped by Ctrl-C or
// SIGTERM: 128 + SIGINT, as shells report it.
const exitStopped = 130

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// flags makes a flag set that reports to errOut and requires --data.
func newFlags(e env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.errOut)
	return fs, fs.String("data", "", "data folder (required)")
}

func parse(fs *flag.FlagSet, args []string, data *string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if *data == "" {
		return usageError{"--data DIR is required"}
	}
	if out := fs.Lookup("out"); out != nil && out.Value.String() != "" {
		return outsideData(*data, out.Value.String())
	}
	return nil
}

// openForStick handles the commands that write into --out DIR (usually a
// USB stick): it parses the flags, opens the data folder (of role, unless
// "") and makes sure DIR exists.
func openForStick(e env, name string, args []string, role store.Role, what string) (*store.Store, store.Site, string, error) {
	fs, data := newFlags(e, name)
	out := fs.String("out", "", "folder to write "+what+" into (e.g. a USB stick)")
	if err := parse(fs, args, data); err != nil {
		return nil, store.Site{}, "", err
	}
	if *out == "" {
		return nil, store.Site{}, "", usageError{"--out DIR is required"}
	}
	st, site, err := openSite(e, *data, role)
	if err != nil {
		return nil, store.Site{}, "", err
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		st.Close()
		return nil, store.Site{}, "", err
	}
	return st, site, *out, nil
}

// openSite opens a data folder that must already be set up, and of the
// given role unless role is "".
func openSite(e env, dir string, role store.Role) (*store.Store, store.Site, error) {
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err != nil {
		return nil, store.Site{}, fmt.Errorf("%s is not a chibo data folder (run chibo init first)", dir)
	}
	st, err := store.Open(dir)
	if err != nil {
		return nil, store.Site{}, err
	}
	if err := unlock(e, st, dir); err != nil {
		st.Close()
		return nil, store.Site{}, err
	}
	site, err := siteOf(e, st, dir, role)
	if err != nil {
		st.Close()
		return nil, store.Site{}, err
	}
	return st, site, nil
}

// openLocked opens a data folder without its passphrase, for the recovery
// commands a cell runs when the passphrase is forgotten.
func openLocked(e env, dir string, role store.Role) (*store.Store, store.Site, error) {
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err != nil {
		return nil, store.Site{}, fmt.Errorf("%s is not a chibo data folder (run chibo init first)", dir)
	}
	st, err := store.Open(dir)
	if err != nil {
		return nil, store.Site{}, err
	}
	site, err := siteOf(e, st, dir, role)
	if err != nil {
		st.Close()
		return nil, store.Site{}, err
	}
	return st, site, nil
}

// siteOf reads the folder's site and checks its role unless role is "".
func siteOf(e env, st *store.Store, dir string, role store.Role) (store.Site, error) {
	site, err := st.Site(e.ctx)
	if err != nil {
		if errors.Is(err, store.ErrNotInitialized) {
			return store.Site{}, fmt.Errorf("%s is not set up yet (run chibo init first)", dir)
		}
		return store.Site{}, err
	}
	if role != "" && site.Role != role {
		return store.Site{}, fmt.Errorf("this command is for a %s; %s is a %s", role, site.Name, site.Role)
	}
	return site, nil
}

// DefaultDataDir is where the window keeps its data when --data is absent.
func DefaultDataDir() string {
	if runtime.GOOS == "windows" {
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "SoTayChiBo")
		}
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "chibo")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "chibo")
	}
	return "chibo-data"
}
