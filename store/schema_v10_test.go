package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// TestSchemaV10KeepsTheRows: rekeying attendance, reviews and dues under
// their organisation keeps every row, its values and its rowid (lines read
// without ORDER BY keep their order). The folder is the first release's
// (store/testdata/prelock, schema 7), which has 400 attendance lines.
func TestSchemaV10KeepsTheRows(t *testing.T) {
	dir := copyPrelock(t)
	const q = "SELECT rowid, id, org_id, meeting_id, member_id, status, member_name, member_status FROM attendance ORDER BY rowid"
	read := func(db *sql.DB) []string {
		t.Helper()
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var rowid int64
			var id, org, meeting, member, status, name, mstatus string
			if err := rows.Scan(&rowid, &id, &org, &meeting, &member, &status, &name, &mstatus); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(rowid, id, org, meeting, member, status, name, mstatus))
		}
		return out
	}
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	before := read(raw)
	raw.Close()
	if len(before) != 400 {
		t.Fatalf("fixture holds %d attendance lines, want 400", len(before))
	}
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	after := read(st.db)
	if len(after) != len(before) {
		t.Fatalf("%d lines after the migration, %d before", len(after), len(before))
	}
	for i := range before {
		if after[i] != before[i] {
			t.Fatalf("line %d: %q, was %q", i, after[i], before[i])
		}
	}
	if err := st.Protect(context.Background(), testPass); err != nil {
		t.Fatal(err)
	}
	site, err := st.Site(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Meetings(context.Background(), site.ID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("meetings: %d, %v", len(ms), err)
	}
	m, err := st.Meeting(context.Background(), ms[0].ID)
	if err != nil || len(m.Attendance) == 0 {
		t.Fatalf("meeting %s after the migration: %d lines, %v", ms[0].ID, len(m.Attendance), err)
	}
}
