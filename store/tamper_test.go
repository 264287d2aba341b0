package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestInsiderPlantedAtRest: someone with the data folder and sqlite3 but
// not the passphrase inserted a plain change row; the next ordinary
// export signed it and the hub marked the secretary as expelled. Each
// way of writing into the folder from outside is found: before an export
// (the change log's chain) or when the value is read (sealed values bound
// to their places), and named.
func TestInsiderPlantedAtRest(t *testing.T) {
	const plainRow = `INSERT INTO changes(origin, seq, lamport, entity, entity_id, org_id, op, fields, author, wall_time)
		SELECT origin, MAX(seq) + 1, MAX(lamport) + 1, 'member', (SELECT id FROM members LIMIT 1), org_id, 'upsert',
			'{"status":"expelled"}', '', '2026-11-20T01:00:00Z' FROM changes WHERE origin = (SELECT value FROM meta WHERE key = 'site_id')`
	cases := map[string]struct {
		sql  []string
		read bool // found when the records are read, not at export
		want TamperKind
	}{
		"a plain change row": {sql: []string{plainRow}, want: TamperPlanted},
		"a plain change row given the last row's link": {sql: []string{plainRow,
			"UPDATE changes SET pos = (SELECT MAX(pos) + 1 FROM changes), mac = (SELECT mac FROM changes ORDER BY pos DESC LIMIT 1) WHERE pos IS NULL"},
			want: TamperPlanted},
		"a payload copied from another row": {sql: []string{
			"UPDATE changes SET fields = (SELECT fields FROM changes WHERE pos = 2) WHERE pos = 3"}, want: TamperAltered},
		"a row removed": {sql: []string{"DELETE FROM changes WHERE pos = 2"}, want: TamperRemoved},
		"the last row removed": {sql: []string{"DELETE FROM changes WHERE pos = (SELECT MAX(pos) FROM changes)"},
			want: TamperRemoved},
		"two rows swapped": {sql: []string{"UPDATE changes SET pos = -1 WHERE pos = 2", "UPDATE changes SET pos = 2 WHERE pos = 3",
			"UPDATE changes SET pos = 3 WHERE pos = -1"}, want: TamperAltered},
		"the head of the log moved back": {sql: []string{"DELETE FROM changes WHERE pos = (SELECT MAX(pos) FROM changes)",
			"UPDATE meta SET value = value - 1 WHERE key = 'chain_pos'"}, want: TamperAltered},
		"a plain value in a sealed column": {sql: []string{"UPDATE members SET citizen_id = '000000000000'"}, read: true,
			want: TamperPlanted},
		"a sealed value copied from another member": {sql: []string{
			"UPDATE members SET phone = (SELECT phone FROM members WHERE phone <> '' AND full_name = 'Lù Thị Mai') WHERE full_name = 'Giàng A Páo'"},
			read: true, want: TamperMoved},
		"a sealed value moved to another column": {sql: []string{"UPDATE members SET religion = phone WHERE full_name = 'Giàng A Páo'"},
			read: true, want: TamperMoved},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := lockedCell(t)
			if _, err := st.SaveMember(ctx, Member{FullName: "Lù Thị Mai", Status: StatusFull, Phone: "0987654321"}); err != nil {
				t.Fatal(err)
			}
			if _, err := st.PendingChanges(ctx); err != nil {
				t.Fatalf("before: %v", err)
			}
			byHand(t, st, tc.sql...)
			var err error
			if tc.read {
				_, err = st.Members(ctx, "", "")
			} else {
				_, err = st.PendingChanges(ctx)
			}
			if !IsTampered(err) || TamperKindOf(err) != tc.want {
				t.Fatalf("got %v, want %s", err, tc.want)
			}
		})
	}
}

// byHand runs statements on the database file as sqlite3 would: on its
// own connection, without the app's key.
func byHand(t *testing.T, st *Store, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(st.Dir(), FileName)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
