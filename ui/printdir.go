package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// printFolder is where printed documents go. A PDF of minutes holds in
// clear what the data folder keeps sealed (named remarks, ratings), so it
// is not written there, nor in the system's shared temporary folder where
// another account could make the folder first and read what lands in it:
// it goes to this user's own cache folder (~/.cache, %LocalAppData%,
// ~/Library/Caches), one per data folder, checked by privateDir before
// each write, and cleanPrints empties it when the app starts and closes.
func printFolder(dataDir string) string {
	sum := sha256.Sum256([]byte(dataDir))
	base, err := os.UserCacheDir()
	if err != nil { // no home folder: the shared one, still owner-checked
		base = os.TempDir()
	}
	return filepath.Join(base, "chibo", "in-"+hex.EncodeToString(sum[:6]))
}

// cleanPrints removes the printed documents of a data folder.
func cleanPrints(dataDir string) { os.RemoveAll(printFolder(dataDir)) }

// errPrintFolderShared refuses a print folder this user does not own
// alone.
var errPrintFolderShared = errors.New("the folder for printed documents belongs to another account or is open to others")

// privateDir makes dir if needed and checks it is a real folder (not a
// link) that only this user can enter: a folder someone else made first
// is refused, one of ours left open is closed.
func privateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s: %w", dir, errPrintFolderShared)
	}
	return ownedByMe(dir, fi)
}
