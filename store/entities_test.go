package store

import (
	"database/sql"
	"slices"
	"testing"
)

// tableColumns reads a table's columns from a database made by the
// schema steps, as SQLite itself reports them.
func tableColumns(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query("SELECT name FROM pragma_table_info(?)", table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		t.Fatalf("no table %s in the schema", table)
	}
	return out
}

// TestEntitiesCoverTheSchema: every column of every record table is in
// entityTable, which decides whether it travels, is sealed, is the
// hub's, and how long it may be. A column added by a schema step alone
// would travel nowhere and be sealed by nothing: this test names it.
func TestEntitiesCoverTheSchema(t *testing.T) {
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, d := range entityTable {
		t.Run(d.name, func(t *testing.T) {
			schema := tableColumns(t, st.db, d.table)
			for _, c := range schema {
				if c == "id" || c == "org_id" {
					continue
				}
				if _, ok := d.byName[c]; !ok {
					t.Errorf("%s.%s is in the schema but not in entityTable", d.table, c)
				}
			}
			for _, c := range d.columns {
				if !slices.Contains(schema, c.name) {
					t.Errorf("%s.%s is in entityTable but not in the schema", d.table, c.name)
				}
			}
			for _, k := range []string{"id", "org_id"} {
				if !slices.Contains(schema, k) {
					t.Errorf("%s has no %s", d.table, k)
				}
			}
		})
	}
	for _, p := range storePlaces {
		schema := tableColumns(t, st.db, p.table)
		if !slices.Contains(schema, p.col) {
			t.Errorf("sealed place %s.%s is not in the schema", p.table, p.col)
		}
	}
}

// TestEntityTableNamesATableOnce: two record kinds over one table would
// seal and cap its columns twice, perhaps differently.
func TestEntityTableNamesATableOnce(t *testing.T) {
	seen := map[string]string{}
	for _, d := range entityTable {
		if other, dup := seen[d.table]; dup {
			t.Errorf("%s and %s both name table %s", other, d.name, d.table)
		}
		seen[d.table] = d.name
	}
}
