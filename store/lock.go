package store

// The passphrase lock.
//
// A site's data key (32 random bytes, made at setup) seals the sensitive
// columns (seal.go). It is never stored in clear: keys.json beside the
// database holds it wrapped with the passphrase (age scrypt) and, for a
// cell, wrapped to its hub's age recipient, the escrow a forgotten
// passphrase is recovered through (lock_recover.go); a hub gets a paper
// recovery code instead. The same JSON is mirrored in meta, so either copy
// can restore the other, and it rides in every backup's header so a backup
// restores on a new laptop with the passphrase alone. The file's format
// and the wrapping are chibo/internal/keyfile; who may set a passphrase,
// and what a wrong one means, is decided here.

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"filippo.io/age"

	"chibo/internal/keyfile"
	"chibo/internal/seal"
)

// LockFile is the wrapped data key beside the database.
const LockFile = "keys.json"

// Lock errors, for messages at the UI edge (the passphrase policy's are
// in passphrase.go).
var (
	ErrWrongPassphrase = errors.New("wrong passphrase")
	ErrUnprotected     = errors.New("data folder has no passphrase yet")
)

// lockInfo is keys.json (chibo/internal/keyfile).
type lockInfo = keyfile.File

// Protected reports whether the data folder has a passphrase.
func (s *Store) Protected() bool { return s.lock != nil }

// Unlocked reports whether the data key is in memory.
func (s *Store) Unlocked() bool { return s.sl != nil }

// Unlock opens the data key with the passphrase.
func (s *Store) Unlock(pass string) error {
	if s.lock == nil {
		return ErrUnprotected
	}
	key, err := unwrapKey(s.lock.Pass, pass)
	if err != nil {
		return fmt.Errorf("store: unlock: %w", err)
	}
	if err := s.useKey(key); err != nil {
		return err
	}
	if err := s.sealIfClear(context.Background()); err != nil {
		return err
	}
	if err := s.upgradeSeals(context.Background()); err != nil {
		s.Lock() // nothing was upgraded: the folder stays as it was, locked
		return err
	}
	return s.settleClaimsOnce(context.Background())
}

// Lock forgets the data key: sealed values no longer read and sensitive
// writes fail until Unlock.
func (s *Store) Lock() {
	if s.sl != nil {
		s.sl.unregister()
		s.sl = nil
	}
	clear(s.key)
	s.key = nil
}

func (s *Store) useKey(key []byte) error {
	s.Lock() // a second Unlock must not leave a count behind
	sl, err := newSealer(key)
	if err != nil {
		return err
	}
	if s.lock != nil && sl.keyID() != s.lock.KeyID {
		return fmt.Errorf("store: data key does not belong to this folder: %w", ErrWrongPassphrase)
	}
	sl.register()
	s.sl = sl
	s.key = key
	// Best effort: an unbound escrow only means the hub refuses to answer
	// for it, and the next unlock tries again.
	_ = s.bindEscrow(context.Background())
	return nil
}

// DerivedKey is a key for one purpose (a MAC over a file beside the
// database), derived from the data key with HMAC-SHA256 under a label
// naming that purpose, so no two purposes share a key and none of them
// reveals the data key. It needs the store unlocked.
func (s *Store) DerivedKey(purpose string) ([]byte, error) {
	if s.key == nil {
		return nil, fmt.Errorf("store: derived key for %s: %w", purpose, ErrStoreLocked)
	}
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("chibo derived key v1\n" + purpose))
	return m.Sum(nil), nil
}

// unwrapKey opens a key wrapped with a passphrase or a recovery code.
func unwrapKey(armored, pass string) ([]byte, error) {
	key, err := keyfile.UnwrapSecret(armored, NFC(pass))
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return key, nil
}

// passRecipient wraps with a passphrase the policy accepts (passphrase.go);
// names are the site's own.
func passRecipient(pass string, names ...string) (age.Recipient, error) {
	if err := CheckPassphrase(pass, names...); err != nil {
		return nil, err
	}
	r, err := age.NewScryptRecipient(NFC(pass))
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(keyfile.LogN)
	return r, nil
}

// identityPlace is where the lock's identities are sealed: keys.json,
// and a backup's header, which carries a copy of it.
var identityPlace = seal.Place{Table: LockFile, Column: "identities"}

// addIdentity seals an age identity into the lock for backups.
func addIdentity(l *lockInfo, sl *sealer, identity string) error {
	v, err := sl.seal(identity, identityPlace)
	if err != nil {
		return err
	}
	l.Identities = append(l.Identities, base64.StdEncoding.EncodeToString(v.([]byte)))
	return nil
}

// lockIdentities opens the lock's age identities with its data key.
func lockIdentities(l *lockInfo, key []byte) ([]age.Identity, error) {
	sl, err := newSealer(key)
	if err != nil {
		return nil, err
	}
	if sl.keyID() != l.KeyID {
		return nil, ErrWrongPassphrase
	}
	var out []age.Identity
	for _, s := range l.Identities {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || !seal.IsSealed(b) {
			return nil, fmt.Errorf("store: %s identity: %w", LockFile, ErrDamaged)
		}
		// A lock written before places were bound, in a backup's header,
		// holds its identities unbound.
		_, plain, err := sl.k.Open(b, identityPlace)
		if !seal.IsBound(b) {
			_, plain, err = sl.k.OpenUnbound(b)
		}
		if err != nil {
			return nil, fmt.Errorf("store: %s identity: %w", LockFile, ErrDamaged)
		}
		id, err := age.ParseX25519Identity(string(plain))
		if err != nil {
			return nil, fmt.Errorf("store: %s identity: %w", LockFile, ErrDamaged)
		}
		out = append(out, id)
	}
	return out, nil
}

// newLock makes a data key and its keys.json for a passphrase and, when
// escrow is set, the hub that can recover it.
func newLock(pass string, escrow *Peer, names ...string) (*lockInfo, []byte, error) {
	pr, err := passRecipient(pass, names...)
	if err != nil {
		return nil, nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, nil, err
	}
	sl, err := newSealer(key)
	if err != nil {
		return nil, nil, err
	}
	l := &lockInfo{Format: 1, KeyID: sl.keyID()}
	if l.Pass, err = keyfile.Wrap(key, pr); err != nil {
		return nil, nil, err
	}
	if escrow != nil {
		hr, err := age.ParseX25519Recipient(escrow.AgeRecipient)
		if err != nil {
			return nil, nil, fmt.Errorf("hub age recipient: %v: %w", err, ErrInvalid)
		}
		if l.Escrow, err = keyfile.Wrap(key, hr); err != nil {
			return nil, nil, err
		}
		l.EscrowTo = escrow.SiteID
	}
	return l, key, nil
}

// metaLock writes the lock's mirror in meta within tx and returns the
// bytes for keys.json, which the caller writes once tx has committed.
func metaLock(ctx context.Context, tx *sql.Tx, l *lockInfo) ([]byte, error) {
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return nil, err
	}
	return b, metaSet(ctx, tx, "lock", string(b))
}

func writeLockFile(dir string, b []byte) error {
	if err := WriteFile(filepath.Join(dir, LockFile), append(b, '\n')); err != nil {
		return fmt.Errorf("store: save %s: %w", LockFile, err)
	}
	return nil
}

// loadLock reads keys.json, or its mirror in meta when the file is gone
// or damaged (and puts the file back). No lock at all is an unprotected
// folder.
func (s *Store) loadLock(ctx context.Context) error {
	b, err := os.ReadFile(filepath.Join(s.dir, LockFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: read %s: %w", LockFile, err)
	}
	if err == nil {
		if l, perr := parseLock(b); perr == nil {
			s.lock = l
			return nil
		}
	}
	m, merr := metaGet(ctx, s.db, "lock")
	if merr != nil {
		return fmt.Errorf("store: read lock: %w", merr)
	}
	if m == "" {
		if err == nil { // a keys.json that does not parse and no copy
			return fmt.Errorf("store: %s is damaged: %w", LockFile, ErrDamaged)
		}
		s.lock = nil
		return nil
	}
	l, err := parseLock([]byte(m))
	if err != nil {
		return err
	}
	if err := writeLockFile(s.dir, []byte(m)); err != nil {
		return err
	}
	s.lock = l
	return nil
}

func parseLock(b []byte) (*lockInfo, error) {
	var l lockInfo
	if err := json.Unmarshal(b, &l); err != nil || l.Pass == "" || l.KeyID == "" {
		return nil, fmt.Errorf("store: %s is damaged: %w", LockFile, ErrDamaged)
	}
	if l.Format > 1 {
		return nil, fmt.Errorf("store: %s format %d: %w", LockFile, l.Format, ErrNewerBackup)
	}
	return &l, nil
}

// ChangePassphrase rewraps the data key; the sealed data is untouched.
func (s *Store) ChangePassphrase(ctx context.Context, old, pass string) error {
	if s.lock == nil {
		return ErrUnprotected
	}
	key, err := unwrapKey(s.lock.Pass, old)
	if err != nil {
		return fmt.Errorf("store: change passphrase: %w", err)
	}
	return s.setPassphrase(ctx, key, pass)
}

// setPassphrase wraps key with a new passphrase and saves the lock.
func (s *Store) setPassphrase(ctx context.Context, key []byte, pass string) error {
	pr, err := passRecipient(pass, s.siteNames(ctx)...)
	if err != nil {
		return fmt.Errorf("store: passphrase: %w", err)
	}
	l := *s.lock
	if l.Pass, err = keyfile.Wrap(key, pr); err != nil {
		return fmt.Errorf("store: passphrase: %w", err)
	}
	if err := s.saveLockNow(ctx, &l); err != nil {
		return fmt.Errorf("store: passphrase: %w", err)
	}
	return s.useKey(key)
}

// siteNames are the names a passphrase must not be built from; none
// before setup or when the site cannot be read.
func (s *Store) siteNames(ctx context.Context) []string {
	site, err := s.Site(ctx)
	if err != nil {
		return nil
	}
	return []string{site.Name, site.Place, site.ParentName}
}

// saveLockNow saves a changed lock: meta in its own transaction, then
// keys.json, then memory.
func (s *Store) saveLockNow(ctx context.Context, l *lockInfo) error {
	var b []byte
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		b, err = metaLock(ctx, tx, l)
		return err
	})
	if err != nil {
		return err
	}
	if err := writeLockFile(s.dir, b); err != nil {
		return err
	}
	s.lock = l
	return nil
}
