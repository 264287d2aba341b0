package store

import (
	"strings"
	"testing"
)

// TestRecordLookupsUseTheOrgIndex: the per-record lookups a merge and
// every local write make go through changes_org_record (schema_v9.go);
// without it each would scan the whole ledger.
func TestRecordLookupsUseTheOrgIndex(t *testing.T) {
	hub := newHub(t)
	tests := []struct {
		name, query string
	}{
		{"record heads", `SELECT origin, MAX(seq) FROM changes WHERE org_id = 'o' AND entity_id = 'e' AND entity = 'member' AND origin <> 's' GROUP BY origin`},
		{"record changes", `SELECT origin, seq FROM changes WHERE org_id = 'o' AND entity_id = 'e' AND entity = 'member'`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := hub.db.Query("EXPLAIN QUERY PLAN " + tc.query)
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
			if p := strings.Join(plan, "; "); !strings.Contains(p, "USING COVERING INDEX changes_org_record") &&
				!strings.Contains(p, "USING INDEX changes_org_record") {
				t.Errorf("plan %q does not use changes_org_record", p)
			}
		})
	}
}
