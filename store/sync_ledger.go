package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"chibo/internal/seal"
)

// Ledger returns every change this site holds, by origin then sequence:
// what a check of convergence or of "nothing acknowledged was lost"
// compares between replicas.
func (s *Store) Ledger(ctx context.Context) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT origin FROM changes ORDER BY origin")
	if err != nil {
		return nil, fmt.Errorf("store: ledger: %w", err)
	}
	var origins []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: ledger: %w", err)
		}
		origins = append(origins, o)
	}
	rows.Close()
	var out []Change
	for _, o := range origins {
		cs, err := s.changesOf(ctx, o, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// OriginMarks returns the contiguous high-water mark applied here per
// origin (a hub's view of what it holds).
func (s *Store) OriginMarks(ctx context.Context) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT origin, high_water FROM origin_marks")
	if err != nil {
		return nil, fmt.Errorf("store: origin marks: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var o string
		var hw int64
		if err := rows.Scan(&o, &hw); err != nil {
			return nil, fmt.Errorf("store: origin marks: %w", err)
		}
		out[o] = hw
	}
	return out, rows.Err()
}

// Pipelined apply: a bundle's changes are decoded (decrypt, inflate,
// JSON), checked and their ledger payload marshalled and sealed on one
// goroutine while SQLite writes the changes before them on another, so an
// import uses both cores of the clerk's laptop. The order of changes,
// the single transaction and every check are the same as applying them
// one by one: the producer only prepares, and a change it finds invalid
// reaches the applier as an error at its place in the order.

// pipeBatch is how many prepared changes travel together; pipeDepth
// batches may wait, which bounds the memory an import holds ahead.
const (
	pipeBatch = 256
	pipeDepth = 4
	// pipeBatchBytes cuts a batch early when its changes are large, so
	// what waits in the pipe stays a few MiB whatever the changes hold
	// (a signed bundle of records each just under MaxRecordBytes).
	pipeBatchBytes = 256 << 10
)

// sizeOf estimates the memory a decoded change holds, without encoding it.
func sizeOf(c Change) int {
	n := 256 + len(c.Saw)*64
	for k, v := range c.Fields {
		n += len(k) + 16
		if s, ok := v.(string); ok {
			n += len(s)
		}
	}
	return n
}

// prepared is a change with what can be worked out without the database.
type prepared struct {
	Change
	err    error       // from valid(): returned when the change's turn comes
	sealed any         // ledger payload: the sealed JSON of Fields, nil until made
	saw    string      // the version vector's JSON
	digest seal.Digest // the row as stored, for its link in the chain (changes_chain.go)
	size   int         // sizeOf the change, counted once
}

// prepare checks a change and seals its ledger payload; it touches no
// database and no applier state that the applying goroutine writes.
func (a *applier) prepare(c Change) prepared {
	p := prepared{Change: c, size: sizeOf(c)}
	if p.err = a.valid(c); p.err != nil {
		return p
	}
	p.err = p.seal(a.sl)
	return p
}

// seal fills the ledger payload and the row's digest once.
func (p *prepared) seal(sl *sealer) error {
	if p.sealed != nil {
		return nil
	}
	f, err := json.Marshal(p.Fields)
	if err != nil {
		return err
	}
	if len(p.Saw) > 0 {
		b, err := json.Marshal(p.Saw)
		if err != nil {
			return err
		}
		p.saw = string(b)
	}
	if p.sealed, err = sl.seal(string(f), storePlace("changes", "fields", p.Origin, p.Seq)); err != nil {
		return err
	}
	b, _ := p.sealed.([]byte)
	p.digest = changeDigest(p.Change, b, p.saw)
	return nil
}

// errPipeStopped ends the producer once the applier has failed.
var errPipeStopped = errors.New("apply stopped")

// applyAll applies the bundle's changes in order, preparing them on a
// second goroutine when they are streamed.
func (a *applier) applyAll(in Incoming) error {
	if in.Stream == nil {
		for _, c := range in.Changes {
			if err := a.applyOne(a.prepare(c)); err != nil {
				return err
			}
		}
		return nil
	}
	batches := make(chan []prepared, pipeDepth)
	stop := make(chan struct{})
	var streamErr error
	go func() {
		defer close(batches)
		send := func(b []prepared) error {
			select {
			case batches <- b:
				return nil
			case <-stop:
				return errPipeStopped
			}
		}
		buf, size := make([]prepared, 0, pipeBatch), 0
		streamErr = in.Stream(func(c Change) error {
			p := a.prepare(c)
			buf, size = append(buf, p), size+p.size
			if len(buf) < pipeBatch && size < pipeBatchBytes {
				return nil
			}
			b := buf
			buf, size = make([]prepared, 0, pipeBatch), 0
			return send(b)
		})
		if streamErr == nil && len(buf) > 0 {
			streamErr = send(buf)
		}
	}()
	var applyErr error
	for b := range batches { // drained to the end, so the producer always finishes
		for i := 0; applyErr == nil && i < len(b); i++ {
			if applyErr = a.applyOne(b[i]); applyErr != nil {
				close(stop)
			}
		}
	}
	if applyErr != nil {
		return applyErr
	}
	return streamErr // the body's own checks (count, ranges, hash) come last
}
