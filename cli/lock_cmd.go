package cli

// The passphrase commands: change it, give an old folder one, and recover
// a forgotten one through the hub (a cell) or the paper code (a hub).

import (
	"errors"
	"fmt"
	"os"

	"chibo/store"
)

// runPasswd changes the passphrase: the old one as every command takes
// it, the new one from CHIBO_NEW_PASSPHRASE or typed twice.
func runPasswd(e env, args []string) error {
	fs, data := newFlags(e, "passwd")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	st, _, err := openLocked(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	if !st.Protected() {
		return lockError(*data, store.ErrUnprotected)
	}
	old, err := passphrase(e, *data)
	if err != nil {
		return err
	}
	if err := st.Unlock(old); err != nil { // refuse a wrong one before asking for the new one
		return lockError(*data, err)
	}
	pass, err := newPassphrase(e, envNewPass, "New passphrase")
	if err != nil {
		return err
	}
	if err := st.ChangePassphrase(e.ctx, old, pass); err != nil {
		return lockError(*data, err)
	}
	fmt.Fprintf(e.out, "changed the passphrase of %s\n", *data)
	return nil
}

// runProtect gives a folder set up before the lock existed its passphrase
// (CHIBO_PASSPHRASE or typed twice) and seals what it holds.
func runProtect(e env, args []string) error {
	fs, data := newFlags(e, "protect")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	st, site, err := openLocked(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	if st.Protected() {
		return fmt.Errorf("%s already has a passphrase; change it with chibo passwd", *data)
	}
	pass, err := newPassphrase(e, envPass, "Choose a passphrase for "+*data)
	if err != nil {
		return err
	}
	if err := st.Protect(e.ctx, pass); err != nil {
		return lockError(*data, err)
	}
	fmt.Fprintf(e.out, "protected %q in %s with a passphrase\n", site.Name, *data)
	if site.Role == store.RoleHub {
		return printRecoveryCode(e, st)
	}
	return nil
}

// runRecoverRequest writes a cell's recovery request onto a stick; it
// needs no passphrase, since it is for when the passphrase is forgotten.
func runRecoverRequest(e env, args []string) error {
	fs, data := newFlags(e, "recover-request")
	out := fs.String("out", "", "folder to write the request into (e.g. a USB stick)")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out DIR is required"}
	}
	st, site, err := openLocked(e, *data, store.RoleCell)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return err
	}
	path, err := st.WriteRecoveryRequest(e.ctx, *out)
	if errors.Is(err, store.ErrNoEscrow) {
		return fmt.Errorf("%s left no recovery key with a hub; it cannot be recovered this way", *data)
	}
	if err != nil {
		return lockError(*data, err)
	}
	fmt.Fprintf(e.out, "wrote the recovery request of %q to %s; take it to the hub in person\n", site.Name, path)
	return nil
}

// runRecoverAnswer is the hub's side: the answer file goes back on the
// stick, the code is printed to be written on paper.
func runRecoverAnswer(e env, args []string) error {
	fs, data := newFlags(e, "recover-answer")
	req := fs.String("request", "", "the cell's recovery request file")
	out := fs.String("out", "", "folder to write the answer into (the cell's stick)")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *req == "" || *out == "" {
		return usageError{"--request FILE and --out DIR are required"}
	}
	st, _, err := openSite(e, *data, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return err
	}
	ans, err := st.AnswerRecovery(e.ctx, *req, *out)
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was written", *req, err)
	}
	fmt.Fprintf(e.out, "answered for the cell enrolled here as %q (key fingerprint %s, site %s): its key is the one this request carries\n",
		ans.Cell.Name, ans.Cell.Fingerprint, ans.Cell.SiteID)
	fmt.Fprintf(e.out, "wrote the recovery answer to %s\nrecovery code (write it on paper and give it in person to that cell's secretary only): %s\n",
		ans.Path, ans.Code)
	return nil
}

// runRecover sets a new passphrase on a locked folder: a cell with the
// hub's answer file and code, a hub with its own paper code.
func runRecover(e env, args []string) error {
	fs, data := newFlags(e, "recover")
	answer := fs.String("answer", "", "the hub's answer file (a cell)")
	code := fs.String("code", "", "the recovery code written on paper")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *code == "" {
		return usageError{"--code CODE is required"}
	}
	st, site, err := openLocked(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	if *answer == "" && site.Role == store.RoleCell {
		return usageError{"a cell needs --answer FILE (the file the hub wrote)"}
	}
	pass, err := newPassphrase(e, envNewPass, "New passphrase")
	if err != nil {
		return err
	}
	if *answer != "" {
		err = st.Recover(e.ctx, *answer, *code, pass)
	} else {
		err = st.RecoverWithCode(e.ctx, *code, pass)
	}
	switch {
	case errors.Is(err, store.ErrWrongPassphrase):
		return errors.New("the recovery code does not match; check it letter by letter; nothing was changed")
	case errors.Is(err, store.ErrNoEscrow):
		return fmt.Errorf("%s has no recovery code; nothing was changed", *data)
	case err != nil:
		return fmt.Errorf("%w; nothing was changed", lockError(*data, err))
	}
	fmt.Fprintf(e.out, "recovered %q: the new passphrase is set\n", site.Name)
	return nil
}

// runRecoveryCode makes a new paper recovery code for a hub's own folder;
// the old one stops working.
func runRecoveryCode(e env, args []string) error {
	fs, data := newFlags(e, "recovery-code")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	st, _, err := openSite(e, *data, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	return printRecoveryCode(e, st)
}

func printRecoveryCode(e env, st *store.Store) error {
	code, err := st.NewRecoveryCode(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "recovery code (shown once; write it on paper and lock it away): %s\n", code)
	return nil
}
