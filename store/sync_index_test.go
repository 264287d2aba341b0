package store

import (
	"strings"
	"testing"
)

// TestRecordLookupsUseTheOrgIndex: the per-record lookups a merge and
// every local write make go through an index led by the organisation
// (changes_org_record, migrations/0009_record_index.sql; the keys of 0010_records_by_org.sql); without
// it each would scan the whole ledger or table, and with an index led by
// a random id a hub's import slows down as it grows (docs/scale.md).
func TestRecordLookupsUseTheOrgIndex(t *testing.T) {
	hub := newHub(t)
	tests := []struct {
		name, query, index string
		args               []any
	}{
		{"record heads", `SELECT origin, MAX(seq) FROM changes WHERE org_id = 'o' AND entity_id = 'e' AND entity = 'member' AND origin <> 's' GROUP BY origin`, "changes_org_record", nil},
		{"record changes", `SELECT origin, seq FROM changes WHERE org_id = 'o' AND entity_id = 'e' AND entity = 'member'`, "changes_org_record", nil},
	}
	for _, entity := range []string{"attendance", "review", "dues"} {
		def := entities[entity]
		where, args := def.keyWhere("e", "o")
		index := "sqlite_autoindex_" + def.table + "_1"
		tests = append(tests,
			struct {
				name, query, index string
				args               []any
			}{entity + " row", "SELECT * FROM " + def.table + " WHERE " + where, index, args},
			struct {
				name, query, index string
				args               []any
			}{entity + " import update", "UPDATE " + def.table + " SET org_id = org_id WHERE id = 'e' AND org_id = 'o'", index, nil})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := hub.db.Query("EXPLAIN QUERY PLAN "+tc.query, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			if p := strings.Join(plan, "; "); !strings.Contains(p, "USING COVERING INDEX "+tc.index) &&
				!strings.Contains(p, "USING INDEX "+tc.index) {
				t.Errorf("plan %q does not use %s", p, tc.index)
			}
		})
	}
}

// TestKeyedByOrg: the tables migrations/0010_records_by_org.sql keys under the organisation
// lead their key with org_id, so a bundle's rows land side by side.
func TestKeyedByOrg(t *testing.T) {
	hub := newHub(t)
	for name, def := range entities {
		t.Run(name, func(t *testing.T) {
			var cols []string
			rows, err := hub.db.Query("SELECT name FROM pragma_index_info('sqlite_autoindex_" + def.table + "_1')")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var c string
				if err := rows.Scan(&c); err != nil {
					t.Fatal(err)
				}
				cols = append(cols, c)
			}
			got := strings.Join(cols, ",")
			want := "id"
			if def.byOrg {
				want = "org_id,id"
			}
			if got != want {
				t.Errorf("%s is keyed by (%s), want (%s)", def.table, got, want)
			}
		})
	}
}
