package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// NonceFile sits beside chibo.db. It holds a random nonce that the
// database also holds, and the machine's name. A database copied without
// it, restored from an older backup (older nonce) or a folder copied to
// another machine (other name) no longer matches, and the site starts a
// new epoch: a fresh change origin with its own sequence numbers, so the
// copy can never send the hub two different changes under one number.
const NonceFile = "chibo.nonce"

// Epoch reasons, stored with each epoch and shown to a clerk.
const (
	EpochCopied   = "copied"   // nonce file missing or from another database
	EpochMachine  = "machine"  // folder moved or copied to another machine
	EpochRestored = "restored" // the hub has acknowledged more than this database holds
)

func newNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func hostName() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "unknown"
	}
	return strings.Fields(h)[0]
}

// CheckCopy compares the nonce beside the database with the one inside it
// and starts a new epoch when they disagree. It returns the reason, or ""
// when the database is where it was left. Open calls it.
func (s *Store) CheckCopy(ctx context.Context) (string, error) {
	site, err := metaGet(ctx, s.db, "site_id")
	if err != nil || site == "" {
		return "", err
	}
	inDB, err := metaGet(ctx, s.db, "nonce")
	if err != nil {
		return "", fmt.Errorf("store: check copy: %w", err)
	}
	reason := ""
	if inDB != "" {
		b, err := os.ReadFile(filepath.Join(s.dir, NonceFile))
		f := strings.Fields(string(b))
		switch {
		case err != nil, len(f) != 2, f[0] != inDB:
			reason = EpochCopied
		case f[1] != hostName():
			reason = EpochMachine
		default:
			return "", nil
		}
	}
	if err := s.rotateNonce(ctx, reason); err != nil {
		return "", fmt.Errorf("store: check copy: %w", err)
	}
	return reason, nil
}

// rotateNonce stores a fresh nonce (starting a new epoch when reason is
// set) and then writes the file. A crash between the two leaves them
// different, which only costs one more epoch: always the safe side.
func (s *Store) rotateNonce(ctx context.Context, reason string) error {
	n := newNonce()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if reason != "" {
			if err := startEpoch(ctx, tx, reason); err != nil {
				return err
			}
		}
		return metaSet(ctx, tx, "nonce", n)
	})
	if err != nil {
		return err
	}
	return WriteFile(filepath.Join(s.dir, NonceFile), []byte(n+" "+hostName()+"\n"))
}

// startEpoch switches local writes to a fresh origin numbered from 1.
func startEpoch(ctx context.Context, tx *sql.Tx, reason string) error {
	origin := NewID()
	if _, err := tx.ExecContext(ctx, "INSERT INTO epochs(origin, started_at, reason) VALUES (?,?,?)",
		origin, time.Now().UTC().Format(time.RFC3339Nano), reason); err != nil {
		return err
	}
	if err := metaSet(ctx, tx, "origin", origin); err != nil {
		return err
	}
	return metaSet(ctx, tx, "next_seq", "0")
}

// Epoch is one of this site's change origins.
type Epoch struct {
	Origin    string
	StartedAt string
	Reason    string
}

// Epochs lists this site's origins, oldest first; the first is the site id.
func (s *Store) Epochs(ctx context.Context) ([]Epoch, error) {
	site, err := metaGet(ctx, s.db, "site_id")
	if err != nil {
		return nil, fmt.Errorf("store: epochs: %w", err)
	}
	out := []Epoch{{Origin: site}}
	rows, err := s.db.QueryContext(ctx, "SELECT origin, started_at, reason FROM epochs ORDER BY started_at, rowid")
	if err != nil {
		return nil, fmt.Errorf("store: epochs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e Epoch
		if err := rows.Scan(&e.Origin, &e.StartedAt, &e.Reason); err != nil {
			return nil, fmt.Errorf("store: epochs: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// PendingChanges returns this site's own changes the hub has not
// acknowledged, every epoch in order: what the next export carries.
func (s *Store) PendingChanges(ctx context.Context) ([]Change, error) {
	eps, err := s.Epochs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Change
	for _, e := range eps {
		var acked int64
		err := s.db.QueryRowContext(ctx, "SELECT seq FROM ack_marks WHERE origin = ?", e.Origin).Scan(&acked)
		if err != nil && err != sql.ErrNoRows {
			return nil, fmt.Errorf("store: pending changes: %w", err)
		}
		cs, err := s.changesOf(ctx, e.Origin, acked)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}
