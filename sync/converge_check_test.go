package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"

	"pgregory.net/rapid"

	"chibo/store"
)

// state is what two replicas must agree on: records and conflict rows.
type state struct {
	Members   map[string][]string
	Agenda    map[string][]string // per cell, its draft meeting's agenda items
	Conflicts []string
}

func (s *sim) stateOf(st *store.Store) state {
	ctx := context.Background()
	out := state{Members: map[string][]string{}, Agenda: map[string][]string{}}
	for _, c := range s.cells {
		out.Agenda[c.id] = agendaOf(s.t, st, c.meeting)
		ms, err := st.Members(ctx, c.id, "")
		if err != nil {
			s.t.Fatal(err)
		}
		for _, m := range ms {
			out.Members[c.id] = append(out.Members[c.id], fmt.Sprintf("%s|%s|%s|%s|%s|%s", m.ID, m.FullName, m.Phone, m.Notes, m.Occupation, m.Residence))
		}
		slices.Sort(out.Members[c.id])
	}
	cs, err := st.Conflicts(ctx, true)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, c := range cs {
		out.Conflicts = append(out.Conflicts, fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s", c.ID, c.EntityID, c.Field, c.Base, c.Ours, c.Theirs, c.OursFrom, c.TheirsFrom))
	}
	slices.Sort(out.Conflicts)
	return out
}

func (s *sim) check(t *rapid.T) {
	ctx := context.Background()
	hub := s.stateOf(s.hub.st)
	for _, c := range s.cells {
		if c.diverged {
			continue
		}
		own := s.stateOf(c.laptops[0].st)
		if !reflect.DeepEqual(own.Members[c.id], hub.Members[c.id]) {
			t.Fatalf("cell %s and hub differ:\n%v\n%v", c.id, own.Members[c.id], hub.Members[c.id])
		}
		if !reflect.DeepEqual(own.Agenda[c.id], hub.Agenda[c.id]) {
			t.Fatalf("cell %s and hub differ on the agenda:\n%v\n%v", c.id, own.Agenda[c.id], hub.Agenda[c.id])
		}
	}
	ledger := ledgerMap(s.t, s.hub.st)
	for _, c := range s.cells {
		for _, l := range c.laptops {
			for k, v := range ledgerMap(s.t, l.st) {
				if got, ok := ledger[k]; !ok || got.fields != v.fields {
					t.Fatalf("change %s of a laptop is missing or different at the hub", k)
				}
			}
		}
	}
	s.checkConflictRows(t, hub)
	s.checkDecisions(t)
	for _, p := range s.delivered {
		if r := Import(ctx, s.hub.st, p, Options{}); r.Status != Duplicate {
			t.Fatalf("re-import of %s: %s %v", p, r.Status, r.Err)
		}
	}
	if again := s.stateOf(s.hub.st); !reflect.DeepEqual(again, hub) {
		t.Fatal("re-importing changed the hub")
	}
	// A second hub gets the cells' files only, not what this hub's clerk
	// decided: with hub resolutions it is compared up to those.
	if s.hubResolved > 0 {
		return
	}
	if other := s.secondHub(t); !reflect.DeepEqual(other, hub) {
		t.Fatalf("a hub fed another order differs:\n%+v\n%+v", other, hub)
	}
}

type ledgerEntry struct {
	c      store.Change
	fields string
}

func ledgerMap(tb interface{ Fatal(...any) }, st *store.Store) map[string]ledgerEntry {
	cs, err := st.Ledger(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]ledgerEntry{}
	for _, c := range cs {
		if c.Entity != "member" && c.Entity != "agenda_item" {
			continue
		}
		f, _ := json.Marshal(c.Fields)
		out[fmt.Sprintf("%s/%d", c.Origin, c.Seq)] = ledgerEntry{c: c, fields: string(f)}
	}
	return out
}

func sawChange(x, e store.Change) bool {
	if e.Origin == x.Origin {
		return e.Seq < x.Seq
	}
	return e.Seq <= x.Saw[e.Origin]
}

// checkConflictRows finds, from the hub's ledger alone, every pair of
// changes that did not see each other and wrote one field differently.
func (s *sim) checkConflictRows(t *rapid.T, hub state) {
	byRecord := map[string][]store.Change{}
	for _, e := range ledgerMap(s.t, s.hub.st) {
		byRecord[e.c.EntityID] = append(byRecord[e.c.EntityID], e.c)
	}
	rows := map[string]bool{}
	cs, _ := s.hub.st.Conflicts(context.Background(), true)
	for _, c := range cs {
		rows[c.EntityID+"|"+c.Field+"|"+c.OursFrom+"|"+c.TheirsFrom] = true
		rows[c.EntityID+"|"+c.Field+"|"+c.TheirsFrom+"|"+c.OursFrom] = true
	}
	for id, list := range byRecord {
		for i, x := range list {
			for _, y := range list[i+1:] {
				if x.Origin == y.Origin || sawChange(x, y) || sawChange(y, x) {
					continue
				}
				if (x.Op == store.OpDelete) != (y.Op == store.OpDelete) { // a delete against an edit
					k := fmt.Sprintf("%s||%s/%d|%s/%d", id, x.Origin, x.Seq, y.Origin, y.Seq)
					if !rows[k] {
						t.Fatalf("delete against an edit without a conflict row: %s", k)
					}
					continue
				}
				for f, xv := range x.Fields {
					yv, ok := y.Fields[f]
					if !ok || fmt.Sprint(xv) == fmt.Sprint(yv) {
						continue
					}
					k := fmt.Sprintf("%s|%s|%s/%d|%s/%d", id, f, x.Origin, x.Seq, y.Origin, y.Seq)
					if !rows[k] {
						t.Fatalf("concurrent edits without a conflict row: %s", k)
					}
				}
			}
		}
	}
}

// secondHub starts from the hub's database as it was before any import
// and imports every delivered file twice, in a random order.
func (s *sim) secondHub(t *rapid.T) state {
	dir := s.tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, store.FileName), s.hubCopy, 0o600); err != nil {
		s.t.Fatal(err)
	}
	st, err := store.Open(dir)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := st.Unlock(testPass); err != nil {
		s.t.Fatal(err)
	}
	s.open = append(s.open, st)
	files := append(slices.Clone(s.delivered), s.delivered...)
	files = rapid.Permutation(files).Draw(t, "second hub order")
	for _, p := range files {
		if r := Import(context.Background(), st, p, acceptAll(st, p)); r.Status == Refused {
			t.Fatalf("second hub refused %s: %v", p, r.Err)
		}
	}
	return s.stateOf(st)
}
