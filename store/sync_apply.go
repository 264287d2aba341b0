package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Incoming is a verified bundle ready to apply.
type Incoming struct {
	BundleID    string
	Sender      Peer // keys as carried in the manifest
	Pin         bool // the user confirmed a first bundle's fingerprint
	SeqFrom     int64
	SeqTo       int64
	ManifestSHA string
	Changes     []Change
	// Stream, when set, takes the place of Changes, so a large bundle is
	// never held decoded: called once within the transaction, it calls fn
	// with each change in order and returns fn's error, or its own when the
	// body no longer matches what was verified, which rolls the import back.
	Stream  func(fn func(Change) error) error
	Count   int      // changes Stream yields
	Origins []string // distinct origins of the changes Stream yields
	// Lenient is set for a bundle of a newer minor format: fields and
	// entities this build does not know are kept in the ledger (and so
	// sent on) but not materialized, instead of refusing the bundle.
	Lenient bool
}

// SeqRange is an inclusive range of one origin's sequence numbers.
type SeqRange struct {
	Origin string `json:"origin"`
	From   int64  `json:"from"`
	To     int64  `json:"to"`
}

// Applied says what ApplyBundle did.
type Applied struct {
	Duplicate bool       // nothing new: the database was not touched
	Changes   int        // changes applied
	Held      int        // changes stored but held back behind a gap
	Missing   []SeqRange // gaps still open for this sender after the import
	Conflicts int        // new conflict rows waiting for a person
	// Deleted counts, per entity, the deletions among the changes
	// applied: a cell taking back a member or a meeting it had sent
	// must not pass unseen at the hub.
	Deleted map[string]int
}

// applier carries one ApplyBundle transaction.
type applier struct {
	ctx     context.Context // the import's: its statements stop with it
	tx      *sql.Tx
	st      *stmtCache        // statements prepared once per import
	ledger  []queued          // ledger rows not yet written, see flushLedger
	chain   chain             // the change log's chain as the queued rows leave it
	chained bool              // chain loaded
	unsaved bool              // rows written past the head meta holds
	upserts map[string]string // upsert statement per entity and columns
	sender  string
	lenient bool
	bundle  string
	marks   map[string]int64
	res     Applied
	held    bool  // any held changes of this sender: only then look for releases
	lamport int64 // greatest Lamport time applied; the site's clock moves past it
	window  int64 // greatest Lamport time a change of this bundle may carry (sync_clock.go)
	single  bool  // only one origin ever wrote this sender's records: nothing can be concurrent
	sl      *sealer
	owners  map[string]string // entity/id → organisation, for checkRefs
	// fromCell: a cell's bundle at its hub, where the fields only the hub
	// decides are the hub's (hub_claims.go); own are the hub's origins and
	// books the year each cell began keeping its books in the app.
	fromCell bool
	own      map[string]bool
	books    map[string]int
}

// ApplyBundle applies a verified bundle in one transaction: the ledger rows,
// the records, held changes and the sender's high-water marks commit
// together. A bundle that brings nothing new rolls back so the file is
// left untouched. A change past a gap is stored and applied once the range
// before it arrives; the same (origin, seq) with other content is a fork
// and refuses the whole bundle.
func (s *Store) ApplyBundle(ctx context.Context, in Incoming) (Applied, error) {
	errNothing := errors.New("nothing new")
	if s.sl == nil {
		return Applied{}, fmt.Errorf("store: apply bundle %s: %w", in.BundleID, ErrStoreLocked)
	}
	a := &applier{sender: in.Sender.SiteID, lenient: in.Lenient, bundle: in.BundleID, marks: map[string]int64{}, sl: s.sl, fromCell: true}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a.ctx, a.tx, a.st, a.upserts = ctx, tx, newStmtCache(ctx, tx), map[string]string{}
		for _, q := range importPragmas {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		var seen int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM bundles_in WHERE sender = ? AND bundle_id = ?", in.Sender.SiteID, in.BundleID).Scan(&seen); err != nil {
			return err
		}
		if seen > 0 {
			return errNothing
		}
		if err := s.senderKnown(ctx, tx, in); err != nil {
			return err
		}
		var held int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM held_changes WHERE site_id = ?", a.sender).Scan(&held); err != nil {
			return err
		}
		a.held = held > 0
		single, err := singleOrigin(ctx, tx, a.sender, in.origins())
		if err != nil {
			return err
		}
		a.single = single
		if a.own, err = ownOrigins(ctx, tx); err != nil {
			return err
		}
		if a.window, err = clockWindow(ctx, tx, a.sender, in.count()); err != nil {
			return err
		}
		if err := a.applyAll(in); err != nil {
			return err
		}
		if a.res.Changes == 0 && a.res.Held == 0 {
			return errNothing
		}
		if err := a.saveChain(); err != nil {
			return err
		}
		if err := a.saveMarks(); err != nil {
			return err
		}
		if err := raiseLamport(ctx, tx, a.lamport); err != nil {
			return err
		}
		now := time.Now().UTC().Format(time.RFC3339)
		if _, err := tx.ExecContext(ctx, "UPDATE peers SET last_bundle_at = ? WHERE site_id = ?", now, a.sender); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO bundles_in(bundle_id, sender, seq_from, seq_to, record_count, manifest_sha, imported_at)
			VALUES (?,?,?,?,?,?,?)`, in.BundleID, a.sender, in.SeqFrom, in.SeqTo, in.count(), in.ManifestSHA, now)
		if err != nil {
			return err
		}
		a.res.Missing, err = missing(ctx, tx, a.sender)
		applyStep("commit")
		return err
	})
	if errors.Is(err, errNothing) {
		return Applied{Duplicate: true}, nil
	}
	if err != nil {
		return Applied{}, fmt.Errorf("store: apply bundle %s: %w", in.BundleID, err)
	}
	return a.res, nil
}

func (a *applier) applyOne(p prepared) error {
	if err := a.apply(p); err != nil {
		c := p.Change
		return fmt.Errorf("change %s/%d: %w", c.Origin, c.Seq, err)
	}
	applyStep("change")
	return nil
}

// applyStep is called between the steps of ApplyBundle; the crash test
// copies the files there, as a power cut would leave them.
var applyStep = func(string) {}

// senderKnown pins a confirmed new sender, or refuses an unknown one.
func (s *Store) senderKnown(ctx context.Context, tx *sql.Tx, in Incoming) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM peers WHERE site_id = ?", in.Sender.SiteID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if !in.Pin {
		return ErrUnknownSender
	}
	return pinPeer(ctx, tx, in.Sender)
}

// mark returns the applied high-water mark of an origin, claiming a new
// origin for the sender. An origin already claimed by another site is
// refused: one cell cannot write into another's sequence.
func (a *applier) mark(origin string) (int64, error) {
	if hw, ok := a.marks[origin]; ok {
		return hw, nil
	}
	var owner string
	var hw int64
	err := a.st.scan("SELECT site_id, high_water FROM origin_marks WHERE origin = ?", []any{origin}, &owner, &hw)
	switch {
	case err == sql.ErrNoRows && origin == a.sender:
		// Bundles imported before origin_marks existed kept the mark here.
		err = a.tx.QueryRowContext(a.ctx, "SELECT high_water FROM peers WHERE site_id = ?", a.sender).Scan(&hw)
		if err == sql.ErrNoRows {
			err = nil
		}
	case err == sql.ErrNoRows:
		err = nil
	case err == nil && owner != a.sender:
		return 0, fmt.Errorf("origin %s belongs to another site: %w", origin, ErrInvalid)
	}
	if err != nil {
		return 0, err
	}
	a.marks[origin] = hw
	return hw, nil
}

func (a *applier) saveMarks() error {
	for o, hw := range a.marks {
		if _, err := a.st.ExecContext(a.ctx, `INSERT INTO origin_marks(origin, site_id, high_water) VALUES (?,?,?)
			ON CONFLICT(origin) DO UPDATE SET high_water = excluded.high_water`, o, a.sender, hw); err != nil {
			return err
		}
		if o == a.sender {
			if _, err := a.tx.ExecContext(a.ctx, "UPDATE peers SET high_water = ? WHERE site_id = ?", hw, a.sender); err != nil {
				return err
			}
		}
	}
	return nil
}

// apply applies one change, holds it behind a gap, or skips a duplicate,
// then applies whatever it released from the held changes.
func (a *applier) apply(p prepared) error {
	if p.err != nil { // valid() or sealing, run ahead by prepare
		return p.err
	}
	c := p.Change
	hw, err := a.mark(c.Origin)
	if err != nil {
		return err
	}
	if c.Seq <= hw {
		return a.sameAsLedger(c)
	}
	if c.Seq > hw+1 {
		return a.hold(c)
	}
	if err := a.materializeP(p); err != nil {
		return err
	}
	if !a.held {
		return nil
	}
	return a.release(c.Origin)
}

func (a *applier) valid(c Change) error {
	err := ValidChange(c)
	if err != nil && !(a.lenient && errors.Is(err, errUnknownName)) {
		return err
	}
	if c.OrgID != a.sender || c.Origin == "" {
		return fmt.Errorf("change for %s/%s in a bundle from %s: %w", c.Origin, c.OrgID, a.sender, ErrInvalid)
	}
	return checkClock(c, a.window)
}

// sameAsLedger turns a re-sent change into a no-op, or a fork alarm when
// its content differs from what arrived under that number before.
func (a *applier) sameAsLedger(c Change) error {
	if err := a.flushLedger(); err != nil {
		return err
	}
	var stored string
	err := a.st.scan("SELECT "+unsealSQL("changes", "fields", "")+" FROM changes WHERE origin = ? AND seq = ?", []any{c.Origin, c.Seq}, &stored)
	if err != nil {
		return err
	}
	if !sameFields(stored, c.Fields) {
		return ErrFork
	}
	return nil
}

// materialize writes the change into its record and the ledger and moves
// the mark.
func (a *applier) materialize(c Change) error { return a.materializeP(prepared{Change: c}) }

// materializeP is materialize for a change whose ledger payload may
// already be sealed (sync_ledger.go).
func (a *applier) materializeP(p prepared) error {
	c := p.Change
	def, known := entities[c.Entity]
	if known {
		if err := a.checkRefs(def, c); err != nil {
			return err
		}
		if err := a.mergeRecord(def, a.cellView(def, c)); err != nil {
			return err
		}
	}
	if err := a.queueLedger(p); err != nil {
		return err
	}
	if known && a.fromCell && touchesHub(def, c) {
		if err := a.settleHubOnly(def, c.OrgID, c.EntityID); err != nil {
			return err
		}
	}
	if len(c.Saw) > 0 {
		if err := closeSeen(a.ctx, a.tx, c); err != nil {
			return err
		}
	}
	a.lamport = max(a.lamport, c.Lamport)
	a.marks[c.Origin] = c.Seq
	a.res.Changes++
	if known && c.Op == OpDelete {
		if a.res.Deleted == nil {
			a.res.Deleted = map[string]int{}
		}
		a.res.Deleted[c.Entity]++
	}
	return nil
}

// writeRecord writes a merged change into its row, refusing a record id
// another organisation owns.
func (a *applier) writeRecord(def entityDef, c Change) error {
	if c.Op == OpDelete {
		if kept, err := a.keptFromCell(def, c); err != nil || kept {
			return err
		}
		_, err := a.st.ExecContext(a.ctx, "DELETE FROM "+def.table+" WHERE id = ? AND org_id = ?", c.EntityID, c.OrgID)
		return err
	}
	vals := make(map[string]any, len(c.Fields))
	for k, v := range c.Fields {
		if !def.has(k) {
			continue // a newer minor's field: kept in the ledger only
		}
		vals[k], _ = def.value(k, v) // checked by ValidChange
	}
	wrote, err := a.upsert(def, c.Entity, c.EntityID, c.OrgID, vals)
	if err != nil || wrote {
		return err
	}
	// Nothing written: a row with nothing to update, or another
	// organisation's row, which the upsert's condition left alone. A
	// table keyed under the organisation has no other organisation's row
	// to find.
	if def.byOrg {
		return nil
	}
	var owner string
	err = a.st.scan("SELECT org_id FROM "+def.table+" WHERE id = ?", []any{c.EntityID}, &owner)
	if err == nil && owner != c.OrgID {
		return fmt.Errorf("record %s belongs to another organisation: %w", c.EntityID, ErrInvalid)
	}
	if err == sql.ErrNoRows {
		err = nil
	}
	return err
}

// sameFields compares a stored ledger body with incoming fields as JSON
// values, so number formatting and key order do not matter.
func sameFields(stored string, f map[string]any) bool {
	var a, b any
	if json.Unmarshal([]byte(stored), &a) != nil {
		return false
	}
	raw, err := json.Marshal(f)
	if err != nil || json.Unmarshal(raw, &b) != nil {
		return false
	}
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// checkRefs refuses a change that points at a record of another
// organisation: a cell that knows another cell's meeting id must not add
// a line to its minutes, nor a review to another cell's member. A record
// not here yet (its bundle still on a stick) cannot be checked; the
// readers of child records ask for the parent's organisation too.
func (a *applier) checkRefs(def entityDef, c Change) error {
	for k, v := range c.Fields {
		col, ok := def.col(k)
		if !ok || col.ref == "" {
			continue
		}
		id, _ := v.(string)
		if id == "" {
			continue
		}
		owner, err := a.ownerOf(col.ref, id)
		if err != nil {
			return err
		}
		if owner != "" && owner != c.OrgID {
			return fmt.Errorf("%s %s: %s points at %s %s of another organisation: %w", c.Entity, c.EntityID, k, col.ref, id, ErrInvalid)
		}
	}
	return nil
}

// ownerOf returns the organisation of a record, "" when it is not here.
func (a *applier) ownerOf(entity, id string) (string, error) {
	key := entity + "/" + id
	if o, ok := a.owners[key]; ok {
		return o, nil
	}
	def := entities[entity]
	if def.byOrg {
		return "", nil // keyed under its organisation: an id names no other's record
	}
	var owner string
	err := a.st.scan("SELECT org_id FROM "+def.table+" WHERE id = ?", []any{id}, &owner)
	if err != nil && err != sql.ErrNoRows {
		return "", err
	}
	if a.owners == nil {
		a.owners = map[string]string{}
	}
	a.owners[key] = owner
	return owner, nil
}
