package sync

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"chibo/store"
)

// FuzzSignedBundle is the insider's fuzz target: an enrolled cell signs,
// with its genuine key, bundles of random changes (real records'
// entities and fields, mutated: other fields, hub-only ones, levels and
// years a cell may claim, values of every type, numbers at the edges,
// other origins and sequences), with one value of up to 2 MB in one
// change or many, compressible or not. Whatever it sends, the hub either
// imports it or refuses it with a reason (never as damaged), within
// memCap of the file's size (20 times it plus 64 MiB of heap) and timeCap
// (10 s plus 1 s per MB), stays usable, and its figures never count what
// the cell wrote as a decision: the hub decides nothing here, so for the
// year the cell began keeping its books in the app and later no level is
// decided (store/hub_claims.go).
//
//	go test -tags ci -run '^$' -fuzz FuzzSignedBundle -fuzztime 5m ./sync
func FuzzSignedBundle(f *testing.F) {
	ctx := context.Background()
	hub := newHub(f, "Đảng ủy xã Tả Van")
	cell := newCell(f, hub, "Chi bộ thôn Lao Chải")
	fillCell(f, cell, 5, 3)
	ms, err := cell.st.Members(ctx, "", "")
	if err != nil {
		f.Fatal(err)
	}
	if _, err := cell.st.SaveReviews(ctx, []store.Review{{MemberID: ms[1].ID, Year: time.Now().Year(), SelfLevel: "good", CellLevel: "good"}}); err != nil {
		f.Fatal(err)
	}
	templates, err := cell.st.PendingChanges(ctx)
	if err != nil {
		f.Fatal(err)
	}
	first := export(f, cell)
	if r := importNew(ctx, hub.st, first.Path); r.Status != Accepted {
		f.Fatalf("enrol: %+v", r)
	}
	next := templates[len(templates)-1].Seq + 1
	began := time.Now().Year() // the hub accepted the cell's first bundle
	f.Add(uint64(1), uint8(3), uint32(100), false)
	f.Add(uint64(2), uint8(1), uint32(3<<20), true)
	f.Add(uint64(3), uint8(40), uint32(900<<10), true)
	f.Add(uint64(4), uint8(200), uint32(2000), false)
	f.Add(uint64(5), uint8(2), uint32(1<<20+7), false)
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, size uint32, compressible bool) {
		rng := rand.New(rand.NewPCG(seed, uint64(n)<<32|uint64(size)))
		size %= 2 << 20
		body, count := fuzzBody(t, rng, cell, templates, next, int(n)%64+1, int(size), compressible)
		file := signedRaw(t, cell, hub, body, next, count)
		path := writeFile(t, "f.chibo", file)
		var r Result
		start := time.Now()
		peak := peakHeap(func() { r = Import(ctx, hub.st, path, Options{}) })
		took := time.Since(start)
		switch {
		case r.Status == Refused && r.Err == nil:
			t.Fatalf("refused without a reason")
		case r.Status != Refused && r.Status != Accepted && r.Status != Duplicate:
			t.Fatalf("status %s: %v", r.Status, r.Err)
		case peak > memCap(len(file)):
			t.Fatalf("peak heap %d MiB for a %d KB file (cap %d MiB): %s %v", peak>>20, len(file)>>10, memCap(len(file))>>20, r.Status, r.Err)
		case took > timeCap(len(file)):
			t.Fatalf("took %v for a %d KB file (cap %v)", took, len(file)>>10, timeCap(len(file)))
		}
		if r.Status == Refused && errors.Is(r.Err, ErrDamaged) {
			t.Fatalf("a validly signed bundle refused as damaged: %v", r.Err)
		}
		if _, err := hub.st.Cells(ctx); err != nil {
			t.Fatalf("hub unusable after %s: %v", r.Status, err)
		}
		noDecisionCounted(t, hub, cell.id, began)
		if r.Status == Accepted {
			next += int64(count) // the cell's numbers move on only when taken
		}
	})
}

// noDecisionCounted fails when the hub's figures count a level for the
// cell in the year it began keeping its books in the app or later: only
// the hub decides those, and here it decided nothing.
func noDecisionCounted(t *testing.T, hub *site, cellID string, began int) {
	t.Helper()
	for _, year := range []int{began, began + 1} {
		facts, err := hub.st.HubFacts(context.Background(), store.HubQuery{Year: year})
		if err != nil {
			t.Fatalf("hub figures: %v", err)
		}
		f := facts[cellID]
		if f == nil {
			continue
		}
		n := 0
		for _, c := range f.Levels {
			n += c
		}
		if n > 0 || f.OrgLevel != "" {
			t.Fatalf("the hub counts %d levels of %d (and %q for the cell) as decided: %v", n, year, f.OrgLevel, f.Levels)
		}
	}
}

// fuzzBody writes count changes as the gzipped JSON array of a body,
// each a template mutated by rng; size is the length of the one big
// value it plants.
func fuzzBody(t *testing.T, rng *rand.Rand, cell *site, templates []store.Change, from int64, count, size int, compressible bool) ([]byte, int) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	io.WriteString(zw, "[")
	// The big value goes into reps changes in a row from big on: one
	// huge field, or many large ones (what the pipeline holds at once).
	big, reps := rng.IntN(count), 1
	if rng.IntN(2) == 0 {
		reps = 1 + rng.IntN(count)
	}
	wild := rng.IntN(3) // 0: real records only; 1: a few mutations; 2: many
	for i := range count {
		c := templates[rng.IntN(len(templates))]
		c.Seq, c.Origin, c.OrgID = from+int64(i), cell.id, cell.id
		if wild > 0 && rng.IntN(4-wild) == 0 {
			c.Fields = mutateFields(rng, c.Fields)
		}
		switch rng.IntN(200 / (wild + 1)) {
		case 0:
			c.Origin = store.NewID() // another origin than the ranges say
		case 1:
			c.Lamport = int64(rng.Uint64())
		case 2:
			c.Op = store.OpDelete
		case 3:
			c.EntityID = fmt.Sprint(rng.Uint64())
		}
		raw, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			io.WriteString(zw, ",")
		}
		if i >= big && i < big+reps && size > 0 { // the big value, streamed so the test holds none of it
			key := pickOne(rng, append(fieldNames(c.Fields), "notes", "full_name", "hub_level", "discussion"))
			zw.Write(raw[:len(raw)-1])
			fmt.Fprintf(zw, ",%q:\"", key)
			writeFiller(zw, rng, size, compressible)
			io.WriteString(zw, "\"}")
			continue
		}
		zw.Write(raw)
	}
	io.WriteString(zw, "]")
	zw.Close()
	return buf.Bytes(), count
}

// mutateFields copies fields and changes some: a hub-only field, a value
// of another type, an empty or long string, a number at the edge.
func mutateFields(rng *rand.Rand, in map[string]any) map[string]any {
	out := make(map[string]any, len(in)+2)
	for k, v := range in {
		out[k] = v
	}
	for range rng.IntN(4) {
		k := pickOne(rng, append(fieldNames(in), "hub_level", "hub_decision_no", "hub_decision_date", "full_decision_date",
			"cell_level", "imported", "year", "x"))
		switch rng.IntN(11) {
		case 8: // a level, as a cell would claim it
			out[k] = pickOne(rng, []string{"excellent", "good", "done", "failed"})
		case 9: // a year near this one
			out[k] = int64(time.Now().Year() - 2 + rng.IntN(4))
		case 10: // a flag
			out[k] = int64(rng.IntN(2))
		case 0:
			out[k] = "excellent"
		case 1:
			out[k] = int64(rng.Uint64())
		case 2:
			out[k] = 1e308
		case 3:
			out[k] = ""
		case 4:
			out[k] = []any{1, "a", nil}
		case 5:
			out[k] = map[string]any{"a": 1}
		case 6:
			out[k] = nil
		case 7:
			out[k] = "2025-13-45"
		}
	}
	return out
}

func fieldNames(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func pickOne(rng *rand.Rand, s []string) string { return s[rng.IntN(len(s))] }

// writeFiller writes n bytes of a JSON string's content: one letter
// repeated (a gzip bomb) or random letters (no compression).
func writeFiller(w io.Writer, rng *rand.Rand, n int, compressible bool) {
	chunk := make([]byte, 32<<10)
	for n > 0 {
		k := min(n, len(chunk))
		for i := range chunk[:k] {
			if compressible {
				chunk[i] = 'a'
			} else {
				chunk[i] = byte('a' + rng.IntN(26))
			}
		}
		w.Write(chunk[:k])
		n -= k
	}
}
