package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"chibo/store"
)

// runBackup writes one encrypted backup of a data folder into --out.
func runBackup(e env, args []string) error {
	st, site, out, err := openForStick(e, "backup", args, "", "the backup")
	if err != nil {
		return err
	}
	defer st.Close()
	info, err := st.Backup(e.ctx, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "backed up %q to %s\n", site.Name, info.Path)
	return nil
}

// runRestore puts a backup in place of a data folder's database, after
// checking it opens and is whole; the replaced database is kept aside.
func runRestore(e env, args []string) error {
	fs, data := newFlags(e, "restore")
	dryRun := fs.Bool("preview", false, "only show what the backup holds")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"give exactly one backup file"}
	}
	file := fs.Arg(0)
	// The passphrase of the folder the backup was taken from: its header
	// carries the wrapped keys, so it restores on a new laptop too.
	pass, err := passphrase(e, file)
	if err != nil {
		return err
	}
	key := store.PassKey(pass)
	p, err := store.PreviewBackup(e.ctx, *data, file, key)
	if err != nil {
		return restoreError(file, err)
	}
	summary := fmt.Sprintf("%q (%s): %d members, %d meetings, taken %s", p.OrgName, p.Role, p.Members, p.Meetings,
		p.Created.Local().Format("02/01/2006 15:04"))
	if *dryRun {
		fmt.Fprintf(e.out, "backup %s holds %s\n", file, summary)
		return nil
	}
	if _, err := store.Restore(e.ctx, *data, file, key); err != nil {
		return restoreError(file, err)
	}
	fmt.Fprintf(e.out, "restored %s into %s; the previous database was kept in %s\n", summary, *data,
		filepath.Join(*data, "before-restore-*"))
	return nil
}

func restoreError(file string, err error) error {
	switch {
	case errors.Is(err, store.ErrWrongPassphrase):
		return fmt.Errorf("%s: wrong passphrase for this backup; give the passphrase of the folder it was taken from; nothing was changed", file)
	case errors.Is(err, store.ErrBackupKey):
		return fmt.Errorf("%s: no key here opens this backup; give the passphrase of the folder it was taken from (forgotten: chibo recover-request); nothing was changed", file)
	case errors.Is(err, store.ErrNotBackup), errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s is not a chibo backup (%w); nothing was changed", file, err)
	case errors.Is(err, store.ErrDamaged):
		return fmt.Errorf("%s is damaged (%w); try an older backup; nothing was changed", file, err)
	}
	return fmt.Errorf("%s: %w; nothing was changed", file, err)
}
