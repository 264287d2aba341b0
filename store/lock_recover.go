package store

// Recovering a forgotten passphrase.
//
// A cell: its data key was wrapped to the hub's age key at setup (the
// escrow in keys.json), together with the cell's site id, so the escrow
// itself says whose key it is (bindEscrow, lock_escrow.go, rewraps one
// made before). The secretary writes a request onto a stick (the
// escrow, plus a one-time age key made for the reply, kept beside the
// database) and takes it to the hub in person. The clerk, having checked
// who is asking, opens the escrow with the hub's key and writes an answer:
// the data key wrapped with a fresh code (age scrypt), then encrypted to
// the request's one-time key. The code goes back on paper, the answer on
// the stick; only the two together, on the laptop that made the request,
// give the key back. The cell then chooses a new passphrase.
//
// The request file is plain JSON anyone holding the stick can edit, so
// the hub trusts nothing in it but the escrow: it answers only for the
// enrolled cell the escrow names (ErrRecoveryEdited when the request
// names another, ErrRecoveryUnbound when the escrow names none), and
// tells the clerk that cell's name as enrolled here and its fingerprint
// (RecoveryRequestFor) before writing anything. Signing the request with
// the cell's key is not possible: that key is sealed with the very data
// key the passphrase no longer opens.
//
// A hub has no one above it in this app, so at setup it gets a paper code
// of its own that wraps the data key the same way (NewRecoveryCode).

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"

	"chibo/internal/keyfile"
)

const (
	recoveryKeyFile    = "recovery.key"
	requestKind        = "chibo-recovery-request"
	answerKind         = "chibo-recovery-answer"
	maxRecoveryFileLen = 64 << 10
)

// ErrNoEscrow means the folder cannot be recovered through a hub: a hub's
// own folder, or one set up without a hub's card.
var ErrNoEscrow = errors.New("no recovery key was left with a hub")

// Recovery refusals at the hub: the request names another cell than the
// one its escrow belongs to (it was edited), or its escrow does not say
// which cell it belongs to (made by an older version and never opened
// since), so the hub cannot check whom it would be answering for.
var (
	ErrRecoveryEdited  = errors.New("the recovery request names another cell than the one its key belongs to")
	ErrRecoveryUnbound = errors.New("the recovery request does not say which cell its key belongs to")
)

// RecoveryAnswer is what the hub hands back: a file and a code, and the
// cell it answered for, as the hub knows it (its escrow says which).
type RecoveryAnswer struct {
	Path string
	Code string
	Cell Peer
	// CellName is Cell.Name.
	CellName string
}

type recoveryRequest struct {
	Kind     string `json:"kind"`
	Format   int    `json:"format"`
	SiteID   string `json:"site_id"`
	Name     string `json:"name"`
	KeyID    string `json:"key_id"`
	Escrow   string `json:"escrow"`
	EscrowTo string `json:"escrow_to"`
	ReplyTo  string `json:"reply_to"`
	Created  string `json:"created"`
}

type recoveryAnswer struct {
	Kind    string `json:"kind"`
	Format  int    `json:"format"`
	SiteID  string `json:"site_id"`
	KeyID   string `json:"key_id"`
	Payload string `json:"payload"` // base64 of age(reply_to, armored age scrypt(code, data key))
}

// WriteRecoveryRequest writes a cell's request for the hub into outDir.
// It works while locked: that is when it is needed.
func (s *Store) WriteRecoveryRequest(ctx context.Context, outDir string) (string, error) {
	if s.lock == nil || s.lock.Escrow == "" {
		return "", fmt.Errorf("store: recovery request: %w", ErrNoEscrow)
	}
	site, err := s.Site(ctx)
	if err != nil {
		return "", fmt.Errorf("store: recovery request: %w", err)
	}
	reply, err := age.GenerateX25519Identity()
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(s.dir, recoveryKeyFile), []byte(reply.String()+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("store: recovery request: %w", err)
	}
	req := recoveryRequest{Kind: requestKind, Format: 1, SiteID: site.ID, Name: site.Name, KeyID: s.lock.KeyID,
		Escrow: s.lock.Escrow, EscrowTo: s.lock.EscrowTo, ReplyTo: reply.Recipient().String(),
		Created: time.Now().UTC().Format(time.RFC3339)}
	path := filepath.Join(outDir, "chibo-yeu-cau-khoi-phuc.json")
	if err := writeJSONFile(path, req); err != nil {
		return "", fmt.Errorf("store: recovery request: %w", err)
	}
	return path, nil
}

// AnswerRecovery is the hub's side: it opens a pinned cell's escrow and
// writes the answer into outDir. The caller shows the code to the clerk,
// and the cell it answers for: the one the escrow itself names, never
// the one the request file claims (a request is a plain file anyone can
// edit).
func (s *Store) AnswerRecovery(ctx context.Context, requestPath, outDir string) (RecoveryAnswer, error) {
	req, cell, key, err := s.checkRecoveryRequest(ctx, requestPath)
	if err != nil {
		return RecoveryAnswer{}, err
	}
	code, payload, err := sealAnswer(key, req.ReplyTo)
	if err != nil {
		return RecoveryAnswer{}, fmt.Errorf("store: recovery answer for %s: %w", cell.Name, err)
	}
	ans := recoveryAnswer{Kind: answerKind, Format: 1, SiteID: cell.SiteID, KeyID: req.KeyID, Payload: payload}
	path := filepath.Join(outDir, "chibo-tra-loi-khoi-phuc.json")
	if err := writeJSONFile(path, ans); err != nil {
		return RecoveryAnswer{}, fmt.Errorf("store: recovery answer: %w", err)
	}
	return RecoveryAnswer{Path: path, Code: code, Cell: cell, CellName: cell.Name}, nil
}

// RecoveryRequestFor reads a request and tells, without answering it,
// which enrolled cell its escrow belongs to, so the clerk checks the
// person asking against that cell before the answer is written.
func (s *Store) RecoveryRequestFor(ctx context.Context, requestPath string) (Peer, error) {
	_, cell, key, err := s.checkRecoveryRequest(ctx, requestPath)
	clear(key)
	return cell, err
}

// checkRecoveryRequest opens a request's escrow and returns the enrolled
// cell it is bound to, with the data key, after every check.
func (s *Store) checkRecoveryRequest(ctx context.Context, requestPath string) (recoveryRequest, Peer, []byte, error) {
	var req recoveryRequest
	if err := readJSONFile(requestPath, &req); err != nil || req.Kind != requestKind {
		return req, Peer{}, nil, fmt.Errorf("store: recovery answer: %s is not a recovery request: %w", filepath.Base(requestPath), ErrInvalid)
	}
	site, err := s.Site(ctx)
	if err != nil {
		return req, Peer{}, nil, fmt.Errorf("store: recovery answer: %w", err)
	}
	if req.EscrowTo != site.ID {
		return req, Peer{}, nil, fmt.Errorf("store: recovery answer: the request is for another hub: %w", ErrWrongRole)
	}
	keys, err := s.Keys(ctx)
	if err != nil {
		return req, Peer{}, nil, fmt.Errorf("store: recovery answer: %w", err)
	}
	key, owner, err := openEscrow(req, keys.AgeIdentity)
	if err != nil {
		return req, Peer{}, nil, fmt.Errorf("store: recovery answer: %w", err)
	}
	cell, err := s.Peer(ctx, owner)
	if err != nil || cell.Role != RoleCell {
		clear(key)
		return req, Peer{}, nil, fmt.Errorf("store: recovery answer: the key belongs to a site that is not one of this hub's cells: %w", ErrNotFound)
	}
	if req.SiteID != owner {
		clear(key)
		return req, cell, nil, fmt.Errorf("store: recovery answer: the request says %q, but its key is the one %q (key fingerprint %s) left here: %w",
			req.Name, cell.Name, cell.Fingerprint, ErrRecoveryEdited)
	}
	return req, cell, key, nil
}

// sealAnswer wraps key with a fresh code, then to the request's reply key.
func sealAnswer(key []byte, replyTo string) (code, payload string, err error) {
	rcpt, err := age.ParseX25519Recipient(replyTo)
	if err != nil {
		return "", "", fmt.Errorf("reply key: %v: %w", err, ErrInvalid)
	}
	code, err = keyfile.NewCode()
	if err != nil {
		return "", "", err
	}
	inner, err := keyfile.WrapSecret(key, keyfile.NormCode(code), keyfile.LogN)
	if err != nil {
		return "", "", err
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, rcpt)
	if err != nil {
		return "", "", err
	}
	if _, err := io.WriteString(w, inner); err != nil {
		return "", "", err
	}
	if err := w.Close(); err != nil {
		return "", "", err
	}
	return code, base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// Recover is the cell's last step: the answer file and the paper code give
// the data key back, and newPass becomes the passphrase.
func (s *Store) Recover(ctx context.Context, answerPath, code, newPass string) error {
	if s.lock == nil {
		return ErrUnprotected
	}
	var ans recoveryAnswer
	if err := readJSONFile(answerPath, &ans); err != nil || ans.Kind != answerKind {
		return fmt.Errorf("store: recover: %s is not a recovery answer: %w", filepath.Base(answerPath), ErrInvalid)
	}
	if ans.KeyID != s.lock.KeyID {
		return fmt.Errorf("store: recover: the answer is for another data folder: %w", ErrInvalid)
	}
	b, err := os.ReadFile(filepath.Join(s.dir, recoveryKeyFile))
	if err != nil {
		return fmt.Errorf("store: recover: no request was made from this folder: %w", ErrNotFound)
	}
	reply, err := age.ParseX25519Identity(strings.TrimSpace(string(b)))
	if err != nil {
		return fmt.Errorf("store: recover: %s: %w", recoveryKeyFile, ErrDamaged)
	}
	outer, err := base64.StdEncoding.DecodeString(ans.Payload)
	if err != nil {
		return fmt.Errorf("store: recover: %w", ErrInvalid)
	}
	r, err := age.Decrypt(bytes.NewReader(outer), reply)
	if err != nil {
		return fmt.Errorf("store: recover: the answer was made for another request: %w", ErrInvalid)
	}
	inner, err := io.ReadAll(io.LimitReader(r, maxRecoveryFileLen))
	if err != nil {
		return fmt.Errorf("store: recover: %w", ErrInvalid)
	}
	key, err := unwrapKey(string(inner), keyfile.NormCode(code))
	if err != nil {
		return fmt.Errorf("store: recover: the code does not match: %w", ErrWrongPassphrase)
	}
	if err := s.setPassphrase(ctx, key, newPass); err != nil {
		return err
	}
	os.Remove(filepath.Join(s.dir, recoveryKeyFile))
	return nil
}

// NewRecoveryCode makes a paper code that opens the data key (a hub's
// recovery; a cell may have one too) and returns it to be shown once.
func (s *Store) NewRecoveryCode(ctx context.Context) (string, error) {
	if s.lock == nil || s.key == nil {
		return "", fmt.Errorf("store: recovery code: %w", ErrStoreLocked)
	}
	code, err := keyfile.NewCode()
	if err != nil {
		return "", err
	}
	l := *s.lock
	if l.Code, err = keyfile.WrapSecret(s.key, keyfile.NormCode(code), keyfile.LogN); err != nil {
		return "", fmt.Errorf("store: recovery code: %w", err)
	}
	if err := s.saveLockNow(ctx, &l); err != nil {
		return "", fmt.Errorf("store: recovery code: %w", err)
	}
	return code, nil
}

// RecoverWithCode opens the data key with the paper code and sets a new
// passphrase.
func (s *Store) RecoverWithCode(ctx context.Context, code, newPass string) error {
	if s.lock == nil {
		return ErrUnprotected
	}
	if s.lock.Code == "" {
		return fmt.Errorf("store: recover: %w", ErrNoEscrow)
	}
	key, err := unwrapKey(s.lock.Code, keyfile.NormCode(code))
	if err != nil {
		return fmt.Errorf("store: recover: the code does not match: %w", ErrWrongPassphrase)
	}
	return s.setPassphrase(ctx, key, newPass)
}

func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return WriteFile(path, append(b, '\n'))
}

func readJSONFile(path string, v any) error {
	f, err := OpenRegular(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return json.NewDecoder(io.LimitReader(f, maxRecoveryFileLen)).Decode(v)
}
