package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// What a cell writes into a field only the hub decides.
//
// The fields marked colHub in entities.go (a review's hub level, decision
// number and date; a candidate's admission and full-membership decisions)
// are decided by the hub, whatever a cell's bundle says and whatever its
// format version. At the hub, a cell's change is merged into the record
// without them (cellView), and after every change to such a record
// settleHubOnly works out each of those fields again from the record's
// changes in the ledger, so the outcome does not depend on the order the
// bundles arrived in:
//
//   - decided: once any change of this hub's own origins wrote a hub field
//     of the record, the hub's values stand and no cell's write moves them;
//   - history: otherwise a cell's newest write stands when it is history
//     decided on paper before the cell kept its books in the app (below);
//   - otherwise the field is empty here, and the cell's newest write is its
//     proposal, kept in cell_claims and shown apart from the decisions.
//
// History, precisely. A cell "began keeping its books in the app" in the
// year this hub accepted its first bundle (bundles_in, the hub's own
// clock: nothing the cell writes moves it). A review is history when the
// record is marked imported (the ratings CSV import, "Nhập xếp loại các
// năm trước") and its year is before that year; a candidate's admission
// decision (number and date) when the decision date the cell gives is in
// a year before it, and its full-membership decision likewise. A rogue
// cell can therefore never write a decision for the year it joined or
// any later one, and never over one this hub made; what it can write is
// what the exception is for: years it did not keep in the app. The cell
// refuses such an import itself for a year from its own setup on
// (ErrCSVNotHistory), so an honest cell's file never meets the hub's rule.

// cellView is a cell's change as the hub merges it into the record: its
// fields only the hub decides taken out. The ledger keeps it whole.
func (a *applier) cellView(def entityDef, c Change) Change {
	if !a.fromCell || len(def.hub) == 0 || a.own[c.Origin] || c.Op != OpUpsert {
		return c
	}
	var out map[string]any
	for _, f := range def.hub {
		if _, ok := c.Fields[f]; !ok {
			continue
		}
		if out == nil {
			out = make(map[string]any, len(c.Fields))
			for k, v := range c.Fields {
				out[k] = v
			}
		}
		delete(out, f)
	}
	if out != nil {
		c.Fields = out
	}
	return c
}

// historyInputs are the fields besides the hub's that decide whether a
// cell's write is history (see history).
var historyInputs = map[string][]string{"review": {"imported", "year"}}

// touchesHub reports whether a change can move a record's hub fields: it
// writes one of them, or what says whether a write is history. Any other
// change leaves them as they were, and is not worth a look at the ledger.
func touchesHub(def entityDef, c Change) bool {
	if len(def.hub) == 0 || c.Op != OpUpsert {
		return false
	}
	for _, fs := range [][]string{def.hub, historyInputs[def.name]} {
		for _, f := range fs {
			if _, ok := c.Fields[f]; ok {
				return true
			}
		}
	}
	return false
}

// hubState is what the ledger says of one record's hub fields.
type hubState struct {
	decided bool              // a change of this hub's own origins wrote one
	claims  map[string]Change // field → the newest cell change that wrote it
}

func (a *applier) hubStateOf(def entityDef, org, id string) (hubState, error) {
	st := hubState{claims: map[string]Change{}}
	if err := a.flushLedger(); err != nil {
		return st, err
	}
	all, err := recordChanges(a.ctx, a.tx, org, def.name, id)
	if err != nil {
		return st, err
	}
	for _, ch := range all {
		if ch.Op != OpUpsert {
			continue
		}
		for _, f := range def.hub {
			if _, ok := ch.Fields[f]; !ok {
				continue
			}
			if a.own[ch.Origin] {
				st.decided = true
				continue
			}
			if prev, ok := st.claims[f]; !ok || newer(ch, prev) {
				st.claims[f] = ch
			}
		}
	}
	return st, nil
}

// settleHubOnly sets a record's hub fields from its changes (see above)
// and keeps the cell's proposals apart.
func (a *applier) settleHubOnly(def entityDef, org, id string) error {
	st, err := a.hubStateOf(def, org, id)
	if err != nil {
		return err
	}
	row, exists, err := readRow(a.ctx, a.tx, def.name, def, id, org)
	if err != nil || !exists {
		return err // a record not here (deleted, or its creation still on a stick) has nothing to settle
	}
	history, err := a.history(def, org, row, st)
	if err != nil {
		return err
	}
	set := map[string]any{}
	for _, f := range def.hub {
		c, claimed := st.claims[f]
		var v any = "" // the column's default: nothing decided
		if def.isInt(f) {
			v = int64(0)
		}
		if claimed {
			v, _ = def.value(f, c.Fields[f]) // checked by ValidChange when it arrived
		}
		proposal := claimed && (st.decided || !history[f]) && fieldText(def, f, v) != ""
		if err := a.keepClaim(def, org, id, f, c, v, proposal); err != nil {
			return err
		}
		if st.decided {
			continue // the hub's own writes stand
		}
		if !history[f] {
			v = ""
			if def.isInt(f) {
				v = int64(0)
			}
		}
		if fieldText(def, f, row[f]) != fieldText(def, f, v) {
			set[f] = v
		}
	}
	if len(set) == 0 {
		return nil
	}
	_, err = a.upsert(def, def.name, id, org, set)
	return err
}

// keepClaim stores a cell's proposal for a hub field, or removes one that
// is no longer a proposal.
func (a *applier) keepClaim(def entityDef, org, id, field string, c Change, v any, proposal bool) error {
	if !proposal {
		_, err := a.st.ExecContext(a.ctx, "DELETE FROM cell_claims WHERE org_id = ? AND entity = ? AND entity_id = ? AND field = ?", org, def.name, id, field)
		return err
	}
	sv, err := a.sl.seal(fieldText(def, field, v), storePlace("cell_claims", "value", org, def.name, id, field))
	if err != nil {
		return err
	}
	_, err = a.st.ExecContext(a.ctx, `INSERT INTO cell_claims(org_id, entity, entity_id, field, value, origin, seq) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT(org_id, entity, entity_id, field) DO UPDATE SET value = excluded.value, origin = excluded.origin, seq = excluded.seq`,
		org, def.name, id, field, sv, c.Origin, c.Seq)
	return err
}

// history says, per hub field of a record, whether the cell's newest
// write is history from before it kept its books in the app.
func (a *applier) history(def entityDef, org string, row map[string]any, st hubState) (map[string]bool, error) {
	from, err := a.booksFrom(org)
	if err != nil {
		return nil, err
	}
	before := func(v any) bool { // a year, or a date's year, before the books
		s := fmt.Sprint(v)
		if len(s) >= 4 {
			s = s[:4]
		}
		y, err := strconv.Atoi(s)
		return err == nil && y > 0 && y < from
	}
	claimed := func(f string) any {
		if c, ok := st.claims[f]; ok {
			return c.Fields[f]
		}
		return ""
	}
	out := map[string]bool{}
	switch def.name {
	case "review":
		h := fmt.Sprint(row["imported"]) == "1" && before(row["year"])
		for _, f := range def.hub {
			out[f] = h
		}
	case "candidate":
		adm := before(claimed("hub_decision_date"))
		out["hub_decision_no"], out["hub_decision_date"] = adm, adm
		out["full_decision_date"] = before(claimed("full_decision_date"))
	}
	return out, nil
}

// booksFrom is the year a cell began keeping its books in the app, as
// this hub knows it: the year it accepted the cell's first bundle (this
// one, when none came before).
func (a *applier) booksFrom(org string) (int, error) {
	if y, ok := a.books[org]; ok {
		return y, nil
	}
	var first sql.NullString
	if err := a.tx.QueryRowContext(a.ctx, "SELECT MIN(imported_at) FROM bundles_in WHERE sender = ?", org).Scan(&first); err != nil {
		return 0, err
	}
	y := time.Now().UTC().Year()
	if t, err := time.Parse(time.RFC3339, first.String); first.Valid && err == nil {
		y = t.Year()
	}
	if a.books == nil {
		a.books = map[string]int{}
	}
	a.books[org] = y
	return y, nil
}

// keptFromCell reports whether a cell's delete must leave the record: the
// hub has decided on it, and only the hub undoes its decisions.
func (a *applier) keptFromCell(def entityDef, c Change) (bool, error) {
	if !a.fromCell || len(def.hub) == 0 || a.own[c.Origin] {
		return false, nil
	}
	st, err := a.hubStateOf(def, c.OrgID, c.EntityID)
	return st.decided, err
}

// ownOrigins lists this site's own change origins: its site id, its
// epochs, its current origin.
func ownOrigins(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT value FROM meta WHERE key IN ('site_id', 'origin') AND value <> ''
		UNION SELECT origin FROM epochs`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, err
		}
		out[o] = true
	}
	return out, rows.Err()
}

// settleClaimsOnce runs settleHubOnly over every record of a hub that
// holds a hub field, once: a hub's database from before step 11 holds in
// those fields whatever cells wrote there. Unlock calls it.
func (s *Store) settleClaimsOnce(ctx context.Context) error {
	if done, err := metaGet(ctx, s.db, "claims_settled"); err != nil || done != "" {
		return err
	}
	if role, err := metaGet(ctx, s.db, "role"); err != nil || role != string(RoleHub) {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		own, err := ownOrigins(ctx, tx)
		if err != nil {
			return err
		}
		a := &applier{ctx: ctx, tx: tx, st: newStmtCache(ctx, tx), sl: s.sl, own: own, marks: map[string]int64{}, fromCell: true}
		for _, def := range entityTable {
			if len(def.hub) == 0 {
				continue
			}
			if err := a.settleTable(def); err != nil {
				return fmt.Errorf("settle %s: %w", def.table, err)
			}
		}
		return metaSet(ctx, tx, "claims_settled", time.Now().UTC().Format(time.RFC3339))
	})
	if err != nil {
		return fmt.Errorf("store: settle the cells' claims: %w", err)
	}
	return nil
}

// settleTable settles every record of a table whose hub fields are set.
func (a *applier) settleTable(def entityDef) error {
	where := ""
	for i, f := range def.hub {
		if i > 0 {
			where += " OR "
		}
		where += f + " <> ''"
	}
	rows, err := a.tx.QueryContext(a.ctx, "SELECT org_id, id FROM "+def.table+" WHERE "+where)
	if err != nil {
		return err
	}
	var keys [][2]string
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range keys {
		if err := a.settleHubOnly(def, k[0], k[1]); err != nil {
			return err
		}
	}
	return nil
}
