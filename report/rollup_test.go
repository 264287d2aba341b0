package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"chibo/store"
)

func TestRollupArithmetic(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	cell := func(id string, committee bool, meetings int, members map[string]int) store.CellSummary {
		return store.CellSummary{Org: store.Org{ID: id, Name: "Chi bộ " + id, HasCommittee: committee},
			Peer: store.Peer{SiteID: id, LastBundleAt: "2026-11-20T01:00:00Z"}, Members: members, Meetings: meetings}
	}
	tests := map[string]struct {
		cells []store.CellSummary
		want  Rollup
	}{
		"no cells": {
			want: Rollup{GeneratedAt: "2026-11-30T03:00:00Z", Hub: "Đảng ủy xã Sín Chéng",
				MembersByStatus: map[string]int{}, PerCell: []CellFigures{}},
		},
		"inactive and temporarily attached kept by status but not counted": {
			cells: []store.CellSummary{cell("a", true, 11, map[string]int{"full": 20, "probationary": 2, "exempt": 1,
				"temporary": 1, "transferred": 3, "deceased": 1, "expelled": 1})},
			want: Rollup{GeneratedAt: "2026-11-30T03:00:00Z", Hub: "Đảng ủy xã Sín Chéng", Orgs: 1, Cells: 1, CellsWithCommittee: 1,
				CellsWithCommitteePct: 100, Meetings: 11, Members: 23, MembersFull: 21, MembersProbationary: 2,
				MembersByStatus: map[string]int{"full": 20, "probationary": 2, "exempt": 1, "temporary": 1, "transferred": 3, "deceased": 1, "expelled": 1},
				PerCell: []CellFigures{{ID: "a", Name: "Chi bộ a", Members: 23, MembersFull: 21, MembersProbationary: 2,
					MembersByStatus: map[string]int{"full": 20, "probationary": 2, "exempt": 1, "temporary": 1, "transferred": 3, "deceased": 1, "expelled": 1},
					Meetings:        11, LastBundleAt: "2026-11-20T01:00:00Z", HasCommittee: true}}},
		},
		"sums over cells": {
			cells: []store.CellSummary{
				cell("a", true, 3, map[string]int{"full": 10, "probationary": 1}),
				cell("b", false, 2, map[string]int{"full": 5}),
				cell("c", false, 0, map[string]int{}),
			},
			want: Rollup{GeneratedAt: "2026-11-30T03:00:00Z", Hub: "Đảng ủy xã Sín Chéng", Orgs: 3, Cells: 3, CellsWithCommittee: 1,
				CellsWithCommitteePct: 33.3, Meetings: 5, Members: 16, MembersFull: 15, MembersProbationary: 1, MembersByStatus: map[string]int{"full": 15, "probationary": 1},
				PerCell: []CellFigures{
					{ID: "a", Name: "Chi bộ a", Members: 11, MembersFull: 10, MembersProbationary: 1, MembersByStatus: map[string]int{"full": 10, "probationary": 1}, Meetings: 3, LastBundleAt: "2026-11-20T01:00:00Z", HasCommittee: true},
					{ID: "b", Name: "Chi bộ b", Members: 5, MembersFull: 5, MembersByStatus: map[string]int{"full": 5}, Meetings: 2, LastBundleAt: "2026-11-20T01:00:00Z"},
					{ID: "c", Name: "Chi bộ c", MembersByStatus: map[string]int{}, LastBundleAt: "2026-11-20T01:00:00Z"},
				}},
		},
		"cell known only by its keys": {
			cells: []store.CellSummary{{Peer: store.Peer{SiteID: "z", Name: "Chi bộ chưa gửi"}, Members: map[string]int{}}},
			want: Rollup{GeneratedAt: "2026-11-30T03:00:00Z", Hub: "Đảng ủy xã Sín Chéng", Orgs: 1, Cells: 1, MembersByStatus: map[string]int{},
				PerCell: []CellFigures{{ID: "z", Name: "Chi bộ chưa gửi", MembersByStatus: map[string]int{}}}},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := rollup("Đảng ủy xã Sín Chéng", now, tc.cells)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("rollup:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestRollupJSONNames(t *testing.T) {
	raw, err := json.Marshal(rollup("Hub", time.Unix(0, 0), []store.CellSummary{{Members: map[string]int{}}}))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"generated_at"`, `"cells_with_committee"`, `"members_by_status"`, `"per_cell"`,
		`"members_full"`, `"members_probationary"`, `"last_bundle_at"`, `"has_committee"`} {
		if !strings.Contains(string(raw), key) {
			t.Errorf("JSON lacks %s: %s", key, raw)
		}
	}
}

// TestHubRollup runs against a real hub database fed through the store's
// own bundle-apply path, as an imported cell's data arrives.
func TestHubRollup(t *testing.T) {
	ctx := context.Background()
	st := openHub(t)
	applyCell(t, st, "cell-a", "Chi bộ thôn Sín Chéng", true, []string{"full", "full", "full", "probationary", "exempt", "transferred"}, 2)
	applyCell(t, st, "cell-b", "Chi bộ thôn Lùng Phìn", false, []string{"full", "temporary", "deceased"}, 0)
	r, err := HubRollup(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string][2]int{
		"cells":                {r.Cells, 2},
		"cells with committee": {r.CellsWithCommittee, 1},
		"members":              {r.Members, 6},
		"full":                 {r.MembersFull, 5},
		"probationary":         {r.MembersProbationary, 1},
		"transferred kept":     {r.MembersByStatus["transferred"], 1},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %d, want %d", name, c[0], c[1])
		}
	}
	if r.Hub != "Đảng ủy xã Sín Chéng" || len(r.PerCell) != 2 {
		t.Fatalf("rollup %+v", r)
	}
	for _, c := range r.PerCell {
		if c.ID == "cell-a" && (c.Meetings != 2 || !c.HasCommittee || c.LastBundleAt == "" || c.Name != "Chi bộ thôn Sín Chéng") {
			t.Errorf("cell a: %+v", c)
		}
	}
}

func TestHubRollupRefusesCell(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = st.Init(ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ", Keys: testKeys(),
		Hub: &store.Peer{SiteID: "hub", Role: store.RoleHub, Name: "Hub", SignPub: []byte{1}, AgeRecipient: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p", Fingerprint: "f"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := HubRollup(ctx, st); !errors.Is(err, store.ErrWrongRole) {
		t.Errorf("err = %v, want ErrWrongRole", err)
	}
}

func testKeys() store.Keys {
	return store.Keys{SignPriv: []byte("test-key"), AgeIdentity: "AGE-SECRET-KEY-TEST"}
}

func openHub(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Init(context.Background(), store.Setup{Passphrase: testPass, Role: store.RoleHub, Name: "Đảng ủy xã Sín Chéng", Keys: testKeys()}); err != nil {
		t.Fatal(err)
	}
	return st
}

// applyCell delivers one bundle from a cell: its org record, members with
// the given statuses and some meetings.
func applyCell(t *testing.T, st *store.Store, id, name string, committee bool, statuses []string, meetings int) {
	t.Helper()
	var cs []store.Change
	add := func(entity, eid string, f map[string]any) {
		cs = append(cs, store.Change{Origin: id, Seq: int64(len(cs) + 1), Lamport: int64(len(cs) + 1), Entity: entity,
			EntityID: eid, OrgID: id, Op: store.OpUpsert, Fields: f, WallTime: "2026-11-20T01:00:00Z"})
	}
	hc := 0
	if committee {
		hc = 1
	}
	add("org", id, map[string]any{"name": name, "kind": store.OrgKindCell, "has_committee": hc})
	for i, s := range statuses {
		add("member", fmt.Sprintf("%s-m%d", id, i), map[string]any{"full_name": fmt.Sprint("Đảng viên ", i), "status": s})
	}
	for i := 0; i < meetings; i++ {
		add("meeting", fmt.Sprintf("%s-mt%d", id, i), map[string]any{"kind": store.MeetingRegular, "date": "2026-10-05"})
	}
	_, err := st.ApplyBundle(context.Background(), store.Incoming{BundleID: id + "-b1", Pin: true, SeqFrom: 1, SeqTo: int64(len(cs)),
		Sender:  store.Peer{SiteID: id, Role: store.RoleCell, Name: name, SignPub: []byte{1}, AgeRecipient: "age1x", Fingerprint: "f-" + id},
		Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
}
