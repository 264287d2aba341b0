package cli

// Where the headless commands get a passphrase: the environment (scripts,
// CI, the demo), else the terminal without echo, else one line of standard
// input (a pipe). A wrong one is refused before anything is read or
// written, so a mistyped passphrase changes nothing.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	gosync "sync"

	"golang.org/x/term"

	"chibo/store"
)

// Environment variables the commands read passphrases from.
const (
	envPass    = "CHIBO_PASSPHRASE"
	envNewPass = "CHIBO_NEW_PASSPHRASE"
	// DemoPassphrase locks the demo folders when CHIBO_PASSPHRASE is unset;
	// README gives it next to `make run`.
	DemoPassphrase = "chibo-demo-2026"
)

// stdin is where prompts read from; tests swap it for a pipe.
var stdin io.Reader = os.Stdin

// lines reads stdin one line at a time across prompts: `passwd` fed by a
// pipe reads the old passphrase, then the new one, from one buffer.
var lines struct {
	gosync.Mutex
	src io.Reader
	r   *bufio.Reader
}

// isTerminal reports whether stdin is a terminal that can hide typing.
func isTerminal() (int, bool) {
	f, ok := stdin.(*os.File)
	if !ok {
		return 0, false
	}
	fd := int(f.Fd())
	return fd, term.IsTerminal(fd)
}

// readSecret asks for one secret: without echo on a terminal, else one
// line of stdin. The prompt goes to errOut so stdout stays clean for
// commands whose output is piped.
func readSecret(e env, prompt string) (string, error) {
	if fd, ok := isTerminal(); ok {
		fmt.Fprint(e.errOut, prompt)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(e.errOut)
		if err != nil {
			return "", fmt.Errorf("read passphrase: %w", err)
		}
		return string(b), nil
	}
	lines.Lock()
	defer lines.Unlock()
	if lines.src != stdin {
		lines.src, lines.r = stdin, bufio.NewReader(stdin)
	}
	s, err := lines.r.ReadString('\n')
	if err != nil && (!errors.Is(err, io.EOF) || s == "") {
		return "", fmt.Errorf("no passphrase: set %s or type it on the terminal", envPass)
	}
	return strings.TrimRight(s, "\r\n"), nil
}

// passphrase is the folder's passphrase: known for this run (the demo),
// from CHIBO_PASSPHRASE, or asked for.
func passphrase(e env, dir string) (string, error) {
	if e.pass != "" {
		return e.pass, nil
	}
	if p := os.Getenv(envPass); p != "" {
		return p, nil
	}
	return readSecret(e, fmt.Sprintf("Passphrase for %s: ", dir))
}

// newPassphrase is a passphrase being chosen: from the variable named, or
// typed twice on a terminal (once from a pipe), and checked against the
// passphrase policy (store.CheckPassphrase) before any work is done.
func newPassphrase(e env, envName, what string) (string, error) {
	p := os.Getenv(envName)
	if p == "" {
		var err error
		if p, err = readSecret(e, what+": "); err != nil {
			return "", err
		}
		if _, ok := isTerminal(); ok {
			again, err := readSecret(e, "Type it again: ")
			if err != nil {
				return "", err
			}
			if again != p {
				return "", errors.New("the two passphrases differ; nothing was changed")
			}
		}
	}
	if err := store.CheckPassphrase(p); err != nil {
		return "", lockError("", err)
	}
	return p, nil
}

// unlock opens a protected folder's data key with its passphrase.
func unlock(e env, st *store.Store, dir string) error {
	if !st.Protected() {
		return fmt.Errorf("%s has no passphrase yet; run chibo protect --data %s first", dir, dir)
	}
	pass, err := passphrase(e, dir)
	if err != nil {
		return err
	}
	return lockError(dir, st.Unlock(pass))
}

// lockError words the lock's errors for the command line.
func lockError(dir string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrWrongPassphrase):
		return fmt.Errorf("wrong passphrase for %s; nothing was changed", dir)
	case errors.Is(err, store.ErrWeakPassphrase):
		return fmt.Errorf("the passphrase must have at least %d characters; nothing was changed", store.MinPassphrase)
	case errors.Is(err, store.ErrGuessablePassphrase):
		return fmt.Errorf("%v; nothing was changed", err)
	case errors.Is(err, store.ErrUnprotected):
		return fmt.Errorf("%s has no passphrase yet; run chibo protect --data %s first", dir, dir)
	case store.IsLocked(err):
		return fmt.Errorf("%s is locked: %w", dir, err)
	}
	return err
}
