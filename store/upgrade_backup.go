package store

// The copy before an upgrade: a new version of the app moves an existing
// database to its newer schema as it opens it (migrate), before any
// passphrase is typed. The encrypted backups (backup.go) need the unlocked
// key, so this copy is a plain snapshot of the file instead, kept inside
// the data folder beside the database it copies: it holds nothing the
// folder does not already hold (sensitive columns stay sealed), and never
// leaves the laptop. If the upgrade goes wrong, the folder is a whole data
// folder the previous version opens as it was.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// UpgradeBackupPrefix starts the name of every copy taken before an upgrade.
const UpgradeBackupPrefix = "before-upgrade-"

// keepUpgradeBackups is how many copies before an upgrade are kept: a
// province hub's file is gigabytes, and upgrades come a few times a year.
const keepUpgradeBackups = 3

// backupBeforeUpgrade snapshots the database at schema from into a new
// before-upgrade folder, with keys.json, and prunes the oldest such folders.
func (s *Store) backupBeforeUpgrade(ctx context.Context, from int, now time.Time) (string, error) {
	aside := freeName(s.dir, fmt.Sprintf("%s%s-schema%d", UpgradeBackupPrefix, now.Format("20060102-150405"), from), "")
	if err := os.Mkdir(aside, 0o700); err != nil {
		return "", err
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", filepath.Join(aside, FileName)); err != nil {
		os.RemoveAll(aside)
		return "", fmt.Errorf("snapshot: %w", err)
	}
	if raw, err := os.ReadFile(filepath.Join(s.dir, LockFile)); err == nil {
		if err := os.WriteFile(filepath.Join(aside, LockFile), raw, 0o600); err != nil {
			os.RemoveAll(aside)
			return "", err
		}
	}
	return aside, pruneUpgradeBackups(s.dir)
}

// pruneUpgradeBackups removes all but the newest keepUpgradeBackups
// folders; their names start with the time they were taken.
func pruneUpgradeBackups(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), UpgradeBackupPrefix) {
			names = append(names, e.Name())
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	for _, n := range names[min(len(names), keepUpgradeBackups):] {
		if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
			return err
		}
	}
	return nil
}
