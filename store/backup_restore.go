package store

// Restore side of backups: which keys open them, what a backup holds
// (shown before anything is replaced), putting one in place, and the
// integrity check on open that decides whether to offer a restore.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
)

// maxBackupSize bounds what a decrypted backup may grow to, so a wrong
// file picked on a stick cannot fill the laptop's disk.
const maxBackupSize = 4 << 30

// BackupPreview is what a backup holds, read from a decrypted copy.
type BackupPreview struct {
	BackupInfo
	OrgName  string
	Role     Role
	Members  int
	Meetings int
}

// BackupKey is what opens a backup: the passphrase, or the data key of an
// unlocked store (the backup screen of a running app).
type BackupKey struct {
	pass string
	key  []byte
}

// PassKey opens backups with a passphrase.
func PassKey(pass string) BackupKey { return BackupKey{pass: pass} }

// BackupKey opens backups with this store's data key; locked, it opens
// nothing.
// The key is copied: it must outlive Close (a restore closes the store).
func (s *Store) BackupKey() BackupKey { return BackupKey{key: bytes.Clone(s.key)} }

// dataKey opens a lock's data key.
func (k BackupKey) dataKey(l *lockInfo) ([]byte, error) {
	if k.key != nil {
		if sl, err := newSealer(k.key); err == nil && sl.keyID() == l.KeyID {
			return k.key, nil
		}
	}
	if k.pass == "" {
		return nil, ErrWrongPassphrase
	}
	return unwrapKey(l.Pass, k.pass)
}

// backupIdentities opens the age identities of the locks that may hold
// the backup's key: the data folder's keys.json (it has the newest
// passphrase) and the copy in the backup's header (a new laptop).
func backupIdentities(dataDir string, info BackupInfo, k BackupKey) (*lockInfo, []age.Identity, error) {
	var locks []*lockInfo
	if b, err := os.ReadFile(filepath.Join(dataDir, LockFile)); err == nil {
		if l, err := parseLock(b); err == nil {
			locks = append(locks, l)
		}
	}
	if info.Lock != nil {
		locks = append(locks, info.Lock)
	}
	if len(locks) == 0 {
		return nil, nil, ErrBackupKey
	}
	err := ErrBackupKey
	for _, l := range locks {
		if info.Lock != nil && l.KeyID != info.Lock.KeyID {
			continue // another site's folder
		}
		key, kerr := k.dataKey(l)
		if kerr != nil {
			err = kerr
			continue
		}
		ids, ierr := lockIdentities(l, key)
		if ierr != nil {
			err = ierr
			continue
		}
		return l, ids, nil
	}
	return nil, nil, err
}

// PreviewBackup decrypts a backup into the data folder, checks it and
// reports what it holds; nothing is replaced. The keys that may open it
// are the data folder's keys.json and the copy in the backup's header
// (backupIdentities), opened with k.
func PreviewBackup(ctx context.Context, dataDir, path string, k BackupKey) (BackupPreview, error) {
	tmp, p, _, err := openBackup(ctx, dataDir, path, k)
	if tmp != "" {
		os.RemoveAll(tmp)
	}
	return p, err
}

// openBackup decrypts and inspects a backup into a temp folder inside
// dataDir and returns that folder; the caller removes it.
func openBackup(ctx context.Context, dataDir, path string, k BackupKey) (string, BackupPreview, *lockInfo, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return "", BackupPreview{}, nil, fmt.Errorf("store: open backup %s: %w", path, err)
	}
	defer f.Close()
	info, r, err := readBackupHeader(bufio.NewReader(f))
	if err != nil {
		return "", BackupPreview{}, nil, fmt.Errorf("store: open backup %s: %w", filepath.Base(path), err)
	}
	info.Path = path
	if info.Schema > SchemaVersion() {
		return "", BackupPreview{}, nil, fmt.Errorf("store: open backup %s: schema %d: %w", filepath.Base(path), info.Schema, ErrNewerBackup)
	}
	lock, ids, err := backupIdentities(dataDir, info, k)
	if err != nil {
		return "", BackupPreview{}, nil, fmt.Errorf("store: open backup %s: %w", filepath.Base(path), err)
	}
	dec, err := age.Decrypt(r, ids...)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return "", BackupPreview{}, nil, fmt.Errorf("store: open backup %s: %w", filepath.Base(path), ErrBackupKey)
		}
		return "", BackupPreview{}, nil, fmt.Errorf("store: open backup %s: %v: %w", filepath.Base(path), err, ErrNotBackup)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return "", BackupPreview{}, nil, fmt.Errorf("store: open backup: %w", err)
	}
	tmp, err := os.MkdirTemp(dataDir, ".restore-")
	if err != nil {
		return "", BackupPreview{}, nil, fmt.Errorf("store: open backup: %w", err)
	}
	p, err := decryptAndInspect(ctx, dec, filepath.Join(tmp, FileName))
	if err != nil {
		return tmp, BackupPreview{}, nil, fmt.Errorf("store: open backup %s: %w", filepath.Base(path), err)
	}
	p.BackupInfo = info
	return tmp, p, lock, nil
}

func decryptAndInspect(ctx context.Context, dec io.Reader, plain string) (BackupPreview, error) {
	out, err := os.OpenFile(plain, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return BackupPreview{}, err
	}
	n, err := io.Copy(out, io.LimitReader(dec, maxBackupSize+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// age authenticates every chunk: a flipped bit or a cut file ends here.
		return BackupPreview{}, fmt.Errorf("%v: %w", err, ErrDamaged)
	}
	if n > maxBackupSize {
		return BackupPreview{}, fmt.Errorf("larger than %d bytes: %w", int64(maxBackupSize), ErrNotBackup)
	}
	return inspectDB(ctx, plain)
}

// inspectDB checks a database file and counts what it holds.
func inspectDB(ctx context.Context, path string) (BackupPreview, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return BackupPreview{}, err
	}
	defer db.Close()
	if err := quickCheck(ctx, db); err != nil {
		return BackupPreview{}, err
	}
	var p BackupPreview
	var role string
	err = db.QueryRowContext(ctx, `SELECT o.name, (SELECT value FROM meta WHERE key = 'role'),
		(SELECT count(*) FROM members), (SELECT count(*) FROM meetings)
		FROM orgs o WHERE o.id = (SELECT value FROM meta WHERE key = 'site_id')`).Scan(&p.OrgName, &role, &p.Members, &p.Meetings)
	if err != nil {
		return BackupPreview{}, fmt.Errorf("read what it holds: %v: %w", err, ErrDamaged)
	}
	p.Role = Role(role)
	return p, nil
}

// Restore replaces the data folder's database with a backup. The folder
// must not be open. The database it replaces is kept, never deleted, in a
// "before-restore-…" folder beside it. It returns what was restored.
//
// The restored database gets a nonce no file holds (markRestored), so
// the next Open always starts a new epoch (sync_epoch.go); it also
// records restored_at and restored_from in meta.
func Restore(ctx context.Context, dataDir, path string, k BackupKey) (BackupPreview, error) {
	tmp, p, lock, err := openBackup(ctx, dataDir, path, k)
	if tmp != "" {
		defer os.RemoveAll(tmp)
	}
	if err != nil {
		return BackupPreview{}, err
	}
	plain := filepath.Join(tmp, FileName)
	if err := markRestored(ctx, plain, p.BackupInfo); err != nil {
		return BackupPreview{}, fmt.Errorf("store: restore: %w", err)
	}
	// The last point where a stop («Dừng», Ctrl-C) leaves the folder as
	// it was; from here the swap is a few renames.
	if err := ctx.Err(); err != nil {
		return BackupPreview{}, fmt.Errorf("store: restore: %w", err)
	}
	if err := moveAside(dataDir, time.Now()); err != nil {
		return BackupPreview{}, fmt.Errorf("store: restore: keep the old database: %w", err)
	}
	if err := os.Rename(plain, filepath.Join(dataDir, FileName)); err != nil {
		return BackupPreview{}, fmt.Errorf("store: restore: %w", err)
	}
	// The lock that opened the backup goes beside it: on a new laptop that
	// is the header's copy; otherwise the folder's own, unchanged.
	b, err := json.MarshalIndent(lock, "", "  ")
	if err != nil {
		return p, fmt.Errorf("store: restore: %w", err)
	}
	if err := writeLockFile(dataDir, b); err != nil {
		return p, fmt.Errorf("store: restore: %w", err)
	}
	return p, nil
}

func markRestored(ctx context.Context, path string, info BackupInfo) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	// A fresh nonce no file holds: the next open finds the nonce beside the
	// database different and starts a new epoch. The backup's own nonce
	// may still match the file when nothing was exported since it was
	// taken, and a copy of this laptop may have sent changes under the
	// numbers the restored database would reuse.
	_, err = db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('restored_at', ?), ('restored_from', ?), ('nonce', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
		time.Now().UTC().Format(time.RFC3339), info.Created.Format(time.RFC3339), "restored-"+newNonce())
	if err == nil {
		_, err = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return err
}

// moveAside moves the current database and its WAL files, if any, into a
// new before-restore folder.
func moveAside(dataDir string, now time.Time) error {
	var present []string
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(filepath.Join(dataDir, FileName+suffix)); err == nil {
			present = append(present, FileName+suffix)
		}
	}
	if len(present) == 0 {
		return nil
	}
	aside := freeName(dataDir, "before-restore-"+now.Format("20060102-150405"), "")
	if err := os.Mkdir(aside, 0o700); err != nil {
		return err
	}
	for _, name := range present {
		if err := os.Rename(filepath.Join(dataDir, name), filepath.Join(aside, name)); err != nil {
			return err
		}
	}
	return nil
}

func looksDamaged(err error) bool {
	s := strings.ToLower(err.Error())
	for _, k := range []string{"not a database", "malformed", "corrupt", "disk i/o"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}
