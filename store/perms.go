package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// The data folder is the owner's alone. On Unix the folder is 0700 and
// every file the app keeps in it 0600: SQLite gives the WAL and shared
// memory files the database's own mode, so creating chibo.db owner-only
// before SQLite opens it covers them; the app's own files (keys.json, the
// logs, kept bundles, backups, documents) are written through CreateTemp
// or with 0600 already. A folder made by an older build (chibo.db was
// 0644) is tightened when it is opened.
//
// On Windows file modes do not apply: the default data folder lies in the
// user's profile (%APPDATA%), whose access list admits only that user, the
// administrators and the system; a folder chosen elsewhere keeps the
// access list of where it was put.

// keptFiles are the files of a data folder tightened on open.
var keptFiles = []string{FileName, FileName + "-wal", FileName + "-shm", LockFile, "import-log.jsonl", "refused.jsonl", recoveryKeyFile}

// ownerOnly makes dir 0700, creates chibo.db 0600 if it does not exist
// yet, and takes group and other access off the files the app keeps. A
// chmod the file system refuses (a folder on a FAT stick has no modes)
// does not stop the folder from opening.
func ownerOnly(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	_ = os.Chmod(dir, 0o700)
	f, err := os.OpenFile(filepath.Join(dir, FileName), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	switch {
	case err == nil:
		if err := f.Close(); err != nil {
			return err
		}
	case !errors.Is(err, fs.ErrExist):
		return err
	}
	for _, name := range keptFiles {
		p := filepath.Join(dir, name)
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if fi.Mode().IsRegular() && fi.Mode().Perm()&0o077 != 0 {
			_ = os.Chmod(p, fi.Mode().Perm()&0o700)
		}
	}
	return nil
}
