package store

// Backups: a whole copy of the database, taken with SQLite's VACUUM INTO
// (a consistent snapshot even while the app is open), encrypted with age to
// this site's own key and to the hub's. Inside, the sensitive values stay
// sealed with the data key (seal.go). A file has a short clear header
// (format, site id, time taken, and the wrapped keys of keys.json) so a
// folder can be listed without decrypting and a backup restores on a new
// laptop with the passphrase alone; then the age ciphertext of the database
// file.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"filippo.io/age"
)

const (
	// BackupExt ends every backup file's name.
	BackupExt = ".chibak"
	// BackupsDir is the folder inside the data folder for daily backups.
	BackupsDir = "backups"
	// KeepAutoBackups is how many daily backups are kept; older ones go.
	KeepAutoBackups = 30
	backupMagic     = "chibo-backup v1"
	maxHeaderLen    = 64 << 10
)

// Backup errors, for messages at the UI edge.
var (
	ErrNotBackup   = errors.New("not a chibo backup file")
	ErrBackupKey   = errors.New("no key on this machine opens this backup")
	ErrDamaged     = errors.New("the database file is damaged")
	ErrNewerBackup = errors.New("backup was made by a newer version of the app")
)

// BackupInfo is what the clear header of a backup tells.
type BackupInfo struct {
	Path    string    `json:"-"`
	SiteID  string    `json:"site_id"`
	Created time.Time `json:"created"`
	Schema  int       `json:"schema"`
	// Lock is keys.json as it was: wrapped keys only, nothing in clear.
	Lock *lockInfo `json:"lock,omitempty"`
}

// Backup writes an encrypted backup into outDir (a USB stick, say) and
// returns it. It never leaves a half-written file under the final name.
func (s *Store) Backup(ctx context.Context, outDir string) (BackupInfo, error) {
	return s.backupAt(ctx, outDir, time.Now())
}

func (s *Store) backupAt(ctx context.Context, outDir string, now time.Time) (BackupInfo, error) {
	site, err := s.Site(ctx)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	rcpts, err := s.backupRecipients(ctx)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	if err := os.MkdirAll(outDir, 0o700); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup to %s: %w", outDir, err)
	}
	// The plain snapshot stays inside the data folder, which already holds
	// the plain database; only ciphertext ever reaches outDir.
	tmpDir, err := os.MkdirTemp(s.dir, ".backup-")
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	snap := filepath.Join(tmpDir, FileName)
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", snap); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: snapshot: %w", err)
	}
	info := BackupInfo{SiteID: site.ID, Created: now.UTC().Truncate(time.Second), Schema: SchemaVersion(), Lock: s.lock}
	info.Path = freeName(outDir, "chibo-"+now.Format("20060102-150405"), BackupExt)
	if err := writeBackupFile(info, snap, rcpts); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup to %s: %w", outDir, err)
	}
	return info, nil
}

// backupRecipients are this site's own key and, for a cell, its hub's.
func (s *Store) backupRecipients(ctx context.Context) ([]age.Recipient, error) {
	if s.sl == nil || s.lock == nil {
		return nil, ErrStoreLocked
	}
	keys, err := s.Keys(ctx)
	if err != nil {
		return nil, err
	}
	id, err := age.ParseX25519Identity(keys.AgeIdentity)
	if err != nil {
		return nil, fmt.Errorf("own age identity: %v: %w", err, ErrInvalid)
	}
	rcpts := []age.Recipient{id.Recipient()}
	hubs, err := s.Peers(ctx, RoleHub)
	if err != nil {
		return nil, err
	}
	for _, h := range hubs {
		r, err := age.ParseX25519Recipient(h.AgeRecipient)
		if err != nil {
			return nil, fmt.Errorf("hub %s age recipient: %v: %w", h.Name, err, ErrInvalid)
		}
		rcpts = append(rcpts, r)
	}
	return rcpts, nil
}

// writeBackupFile writes header and ciphertext to a temp name, syncs it and
// renames it, so a pulled stick leaves no file that looks complete.
func writeBackupFile(info BackupInfo, snap string, rcpts []age.Recipient) error {
	in, err := os.Open(snap)
	if err != nil {
		return err
	}
	defer in.Close()
	hdr, _ := json.Marshal(info)
	return WriteFileAtomic(info.Path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		fmt.Fprintf(bw, "%s\n%s\n", backupMagic, hdr)
		enc, err := age.Encrypt(bw, rcpts...)
		if err != nil {
			return err
		}
		if _, err := io.Copy(enc, in); err != nil {
			return err
		}
		if err := enc.Close(); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// freeName picks dir/base+ext, or base-2, base-3… if taken.
func freeName(dir, base, ext string) string {
	p := filepath.Join(dir, base+ext)
	for i := 2; ; i++ {
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, i, ext))
	}
}

// AutoBackup makes today's backup in the data folder's backups folder
// unless one already exists, and keeps only the newest KeepAutoBackups.
// made is false when today's backup was already there.
func (s *Store) AutoBackup(ctx context.Context, now time.Time) (info BackupInfo, made bool, err error) {
	dir := filepath.Join(s.dir, BackupsDir)
	list, err := ListBackups(dir)
	if err != nil {
		return BackupInfo{}, false, err
	}
	y, m, d := now.Date()
	if len(list) > 0 {
		ly, lm, ld := list[0].Created.In(now.Location()).Date()
		if ly == y && lm == m && ld == d {
			return list[0], false, nil
		}
	}
	info, err = s.backupAt(ctx, dir, now)
	if err != nil {
		return BackupInfo{}, false, err
	}
	list = append([]BackupInfo{info}, list...)
	for _, old := range list[min(len(list), KeepAutoBackups):] {
		if err := os.Remove(old.Path); err != nil {
			return info, true, fmt.Errorf("store: prune backup %s: %w", old.Path, err)
		}
	}
	return info, true, nil
}

// ListBackups reads the headers of the backups in dir, newest first. A
// missing folder is an empty list; files that are not backups are skipped.
func ListBackups(dir string) ([]BackupInfo, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: list backups in %s: %w", dir, err)
	}
	var out []BackupInfo
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), BackupExt) {
			continue
		}
		info, err := ReadBackupInfo(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.After(out[j].Created)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// ReadBackupInfo reads only the clear header of a backup file.
func ReadBackupInfo(path string) (BackupInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup %s: %w", path, err)
	}
	defer f.Close()
	info, _, err := readBackupHeader(bufio.NewReader(f))
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup %s: %w", filepath.Base(path), err)
	}
	info.Path = path
	return info, nil
}

// readBackupHeader consumes the two clear lines and returns the reader
// positioned at the ciphertext.
func readBackupHeader(r *bufio.Reader) (BackupInfo, *bufio.Reader, error) {
	line := func() (string, error) {
		b, err := r.ReadSlice('\n')
		if err != nil || len(b) > maxHeaderLen {
			return "", ErrNotBackup
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	magic, err := line()
	if err != nil || magic != backupMagic {
		return BackupInfo{}, nil, ErrNotBackup
	}
	hdr, err := line()
	if err != nil {
		return BackupInfo{}, nil, err
	}
	var info BackupInfo
	if err := json.Unmarshal([]byte(hdr), &info); err != nil || info.SiteID == "" {
		return BackupInfo{}, nil, ErrNotBackup
	}
	return info, r, nil
}
