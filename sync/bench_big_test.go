package sync

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"chibo/store"
)

// BenchmarkImport100k imports one bundle of 100,000 member changes into a
// fresh hub and, in the same run, inserts the same rows (records and
// ledger) with plain prepared SQL in one transaction. It reports both,
// their ratio, the re-import of the same bundle, bytes per change on the
// wire and the heap in use after the import.
//
//	go test -tags ci -run '^$' -bench Import100k -benchtime 1x ./sync
func BenchmarkImport100k(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	hub := newHub(b, "Đảng ủy xã Tả Van")
	cell := newCell(b, hub, "Chi bộ thôn Lao Chải")
	ms := make([]store.Member, n-1)
	for i := range ms {
		ms[i] = store.Member{FullName: fmt.Sprintf("Giàng A Páo %06d", i), Sex: store.SexMale, BirthDate: "1980-03-04",
			Ethnicity: "H'Mông", Status: store.StatusFull, Position: store.PositionMember}
	}
	if _, err := cell.st.SaveMembers(ctx, ms); err != nil {
		b.Fatal(err)
	}
	e := export(b, cell)
	changes, _ := cell.st.PendingChanges(ctx)
	hub.close(b)
	pristine := filepath.Join(hub.dir, store.FileName)
	for b.Loop() {
		plain := timeIt(b, func() { plainInsert(b, freshDir(b, pristine), changes) })
		st := freshCopy(b, pristine)
		var first, again time.Duration
		var peak uint64
		first = timeIt(b, func() {
			if r := Import(ctx, st, e.Path, acceptAll(st, e.Path)); r.Status != Accepted || r.Changes != e.Changes {
				b.Fatalf("import: %+v", r)
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = m.HeapInuse
		})
		again = timeIt(b, func() {
			if r := Import(ctx, st, e.Path, Options{}); r.Status != Duplicate {
				b.Fatalf("re-import: %+v", r)
			}
		})
		st.Close()
		b.ReportMetric(float64(plain.Milliseconds()), "plain-sql-ms")
		b.ReportMetric(float64(first.Milliseconds()), "import-ms")
		b.ReportMetric(float64(first)/float64(plain), "x-plain-sql")
		b.ReportMetric(float64(again.Milliseconds()), "reimport-ms")
		b.ReportMetric(float64(first)/float64(again), "first/reimport")
		b.ReportMetric(float64(e.Bytes)/float64(e.Changes), "wire-B/change")
		b.ReportMetric(float64(peak>>20), "heap-MiB-after")
	}
}

func timeIt(b *testing.B, f func()) time.Duration {
	b.Helper()
	start := time.Now()
	f()
	return time.Since(start)
}

func freshDir(b *testing.B, db string) string {
	st := freshCopy(b, db)
	dir := st.Dir()
	st.Close()
	return dir
}

// plainInsert is the baseline: the same member rows and ledger rows with
// prepared statements in one transaction, no checks at all.
func plainInsert(b *testing.B, dir string, cs []store.Change) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	mem, _ := tx.Prepare(`INSERT INTO members(id, org_id, full_name, name_fold, sex, birth_date, ethnicity, status, position)
		VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING`)
	led, _ := tx.Prepare(`INSERT INTO changes(origin, seq, lamport, entity, entity_id, org_id, op, fields, author, wall_time)
		VALUES (?,?,?,?,?,?,?,?,?,?)`)
	for _, c := range cs {
		f := c.Fields
		if c.Entity == "member" {
			if _, err := mem.Exec(c.EntityID, c.OrgID, f["full_name"], store.Fold(fmt.Sprint(f["full_name"])), f["sex"],
				f["birth_date"], f["ethnicity"], f["status"], f["position"]); err != nil {
				b.Fatal(err)
			}
		}
		body, _ := json.Marshal(f)
		if _, err := led.Exec(c.Origin, c.Seq, c.Lamport, c.Entity, c.EntityID, c.OrgID, c.Op, string(body), c.Author, c.WallTime); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
