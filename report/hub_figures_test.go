package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chibo/store"
)

func TestPct(t *testing.T) {
	tests := map[string]struct {
		n, d int
		want float64
	}{
		"51 of 59 as a report prints it": {51, 59, 86.4},
		"half rounds up":                 {1, 16, 6.3},
		"two thirds":                     {2, 3, 66.7},
		"all":                            {7, 7, 100},
		"none of none is zero":           {0, 0, 0},
		"none":                           {0, 12, 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Pct(tc.n, tc.d); got != tc.want {
				t.Errorf("Pct(%d, %d) = %v, want %v", tc.n, tc.d, got, tc.want)
			}
		})
	}
}

// synthMember is one member of a synthetic cell and the review of 2025.
type synthMember struct {
	status, admitted string
	cellLevel        string
	hubLevel         string // the hub's decision, made at the hub after the cell's bundle
	reviewed         bool   // a review exists, perhaps without a level yet
}

// applySynthCell delivers one cell's bundle through the store's apply
// path: its org record, members, their 2025 reviews, the cell's own
// review and meetings on the given dates. What the hub decides it
// decides itself, as a clerk does: a member's level (DecideRating), the
// cell's (RateCell), and every other proposal approved as proposed.
func applySynthCell(t *testing.T, st *store.Store, id, name string, committee bool, orgLevel string, ms []synthMember, meetings ...string) {
	t.Helper()
	var cs []store.Change
	add := func(entity, eid string, f map[string]any) {
		cs = append(cs, store.Change{Origin: id, Seq: int64(len(cs) + 1), Lamport: int64(len(cs) + 1), Entity: entity,
			EntityID: eid, OrgID: id, Op: store.OpUpsert, Fields: f, WallTime: "2026-11-20T01:00:00Z"})
	}
	add("org", id, map[string]any{"name": name, "kind": store.OrgKindCell, "has_committee": committee})
	for i, m := range ms {
		mid := fmt.Sprintf("%s-m%d", id, i)
		add("member", mid, map[string]any{"full_name": fmt.Sprint("Đảng viên ", i), "status": m.status, "admission_date": m.admitted})
		if m.reviewed || m.cellLevel != "" || m.hubLevel != "" {
			level := m.cellLevel
			if level == "" {
				level = m.hubLevel // proposed as what the hub then decides
			}
			add("review", mid+"-r2025", map[string]any{"member_id": mid, "year": 2025, "self_text": "Tự kiểm điểm",
				"cell_level": level})
		}
	}
	for i, d := range meetings {
		add("meeting", fmt.Sprintf("%s-mt%d", id, i), map[string]any{"kind": store.MeetingRegular, "date": d, "state": "finalized"})
	}
	_, err := st.ApplyBundle(context.Background(), store.Incoming{BundleID: id + "-b1", Pin: true, SeqFrom: 1, SeqTo: int64(len(cs)),
		Sender:  store.Peer{SiteID: id, Role: store.RoleCell, Name: name, SignPub: []byte(id), AgeRecipient: "age1x", Fingerprint: "f-" + id},
		Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
}

// decideSynth has the hub decide a synthetic cell's year as a clerk does:
// every proposal approved as proposed, then the members' levels it
// changes (DecideRating) and the cell's own (RateCell).
func decideSynth(t *testing.T, st *store.Store, id, orgLevel string, ms []synthMember) {
	t.Helper()
	ctx, d, today := context.Background(), store.Decision{No: "12-QĐ/ĐU", Date: "2026-01-15"}, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	if _, err := st.ApproveRatings(ctx, id, 2025, d, today); err != nil && !errors.Is(err, store.ErrNotWaiting) {
		t.Fatal(err)
	}
	for i, m := range ms {
		if m.hubLevel != "" && m.hubLevel != m.cellLevel && m.cellLevel != "" {
			if err := st.DecideRating(ctx, fmt.Sprintf("%s-m%d-r2025", id, i), 2025, m.hubLevel, d, today); err != nil {
				t.Fatal(err)
			}
		}
	}
	if orgLevel != "" {
		if err := st.RateCell(ctx, id, 2025, orgLevel, d, today); err != nil {
			t.Fatal(err)
		}
	}
}

// synthHub is a hub with three cells whose every figure is worked out
// by hand in TestHubFiguresJSON. Every level is decided by the hub;
// cell-c's three members keep the one "excellent" within the quota (20%
// of those rated "good").
func synthHub(t *testing.T) *store.Store {
	st := openHub(t)
	a := []synthMember{
		{status: "full", admitted: "2020-03-01", cellLevel: "good", hubLevel: "excellent"},
		{status: "full", admitted: "2025-06-15", cellLevel: "good"},
		{status: "probationary", admitted: "2026-05-01"},
		{status: "exempt", admitted: "1990-01-01"},
		{status: "transferred", admitted: "2025-02-01", hubLevel: "done"},
		{status: "temporary", admitted: "2025-03-01"}, // admitted and counted at its home cell
	}
	b := []synthMember{
		{status: "full", admitted: "2025-12-31", cellLevel: "failed"},
		{status: "probationary", admitted: "2026-01-01", cellLevel: "good"},
		{status: "deceased", admitted: "2024-12-31", reviewed: true},
	}
	c := []synthMember{
		{status: "full", admitted: "2020-01-01", cellLevel: "good"},
		{status: "full", admitted: "2020-01-01", cellLevel: "good"},
		{status: "full", admitted: "2020-01-01", cellLevel: "good"},
	}
	applySynthCell(t, st, "cell-a", "Chi bộ thôn Sín Chéng", true, "good", a, "2024-12-05", "2025-10-05")
	applySynthCell(t, st, "cell-b", "Chi bộ thôn Lùng Phìn", false, "excellent", b, "2025-01-01", "2025-12-31", "2026-01-01")
	applySynthCell(t, st, "cell-c", "Chi bộ thôn Tả Van", true, "", c)
	decideSynth(t, st, "cell-c", "", c)
	decideSynth(t, st, "cell-b", "excellent", b)
	decideSynth(t, st, "cell-a", "good", a)
	return st
}

func TestHubFiguresJSON(t *testing.T) {
	st := synthHub(t)
	r, err := HubRollupFor(context.Background(), st, Period{From: "2025-01-01", To: "2025-12-31", Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"orgs": 3, "cells": 3, "cells_with_committee": 2, "cells_with_committee_pct": 66.7,
		"members": 9, "members_full": 7, "members_probationary": 2, "admitted": 3, "meetings": 3,
		"rated": 8, "rated_excellent": 1, "rated_good": 5, "rated_done": 1, "rated_not_done": 1,
		"good_or_above_pct": 75, "excellent_pct": 12.5, "year": 2025, "proposed": 0,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	orgs := got["org_ratings"].(map[string]any)
	for k, v := range map[string]float64{"rated": 2, "rated_excellent": 1, "rated_good": 1, "good_or_above_pct": 100, "excellent_pct": 50} {
		if orgs[k] != v {
			t.Errorf("org_ratings.%s = %v, want %v", k, orgs[k], v)
		}
	}
	perCell := map[string]map[string]float64{
		"cell-a": {"members": 4, "members_full": 3, "members_probationary": 1, "admitted": 2, "meetings": 1,
			"rated": 3, "rated_excellent": 1, "rated_good": 1, "rated_done": 1, "rated_not_done": 0,
			"good_or_above_pct": 66.7, "excellent_pct": 33.3},
		"cell-b": {"members": 2, "members_full": 1, "members_probationary": 1, "admitted": 1, "meetings": 2,
			"rated": 2, "rated_excellent": 0, "rated_good": 1, "rated_done": 0, "rated_not_done": 1,
			"good_or_above_pct": 50, "excellent_pct": 0},
		"cell-c": {"members": 3, "members_full": 3, "admitted": 0, "rated": 3, "rated_good": 3, "good_or_above_pct": 100,
			"excellent_pct": 0},
	}
	cells := got["per_cell"].([]any)
	if len(cells) != 3 {
		t.Fatalf("per_cell has %d cells", len(cells))
	}
	for _, c := range cells {
		c := c.(map[string]any)
		w, ok := perCell[c["id"].(string)]
		if !ok || c["name"] == "" {
			t.Errorf("unexpected cell %v", c)
			continue
		}
		for k, v := range w {
			if c[k] != v {
				t.Errorf("%s: %s = %v, want %v", c["id"], k, c[k], v)
			}
		}
	}
}

func TestHubFiguresWithoutYear(t *testing.T) {
	st := synthHub(t)
	r, err := HubRollupFor(context.Background(), st, Period{})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(r)
	var got map[string]any
	json.Unmarshal(raw, &got)
	if _, has := got["rated"]; has {
		t.Errorf("ratings without --year: %s", raw)
	}
	// Every admission but the temporarily attached member's, whatever the date.
	if got["admitted"] != 11.0 || got["meetings"] != 5.0 {
		t.Errorf("admitted = %v, meetings = %v; want 11, 5", got["admitted"], got["meetings"])
	}
}

// TestHubFiguresShowProposalsApart: a cell that claimed this year's
// levels as the hub's (22 of 25 "excellent") is counted as proposing
// them, not as rated, in every format of the roll-up.
func TestHubFiguresShowProposalsApart(t *testing.T) {
	st := openHub(t)
	year := time.Now().UTC().Year()
	var cs []store.Change
	add := func(entity, eid string, f map[string]any) {
		cs = append(cs, store.Change{Origin: "cell-x", Seq: int64(len(cs) + 1), Lamport: int64(len(cs) + 1), Entity: entity,
			EntityID: eid, OrgID: "cell-x", Op: store.OpUpsert, Fields: f, WallTime: "2026-11-20T01:00:00Z"})
	}
	add("org", "cell-x", map[string]any{"name": "Chi bộ thôn Sín Chéng", "kind": store.OrgKindCell})
	for i := range 25 {
		mid, level := fmt.Sprintf("m%d", i), "excellent"
		if i >= 22 {
			level = "good"
		}
		add("member", mid, map[string]any{"full_name": fmt.Sprint("Đảng viên ", i), "status": "full"})
		add("review", mid+"-r", map[string]any{"member_id": mid, "year": year, "imported": true, "hub_level": level})
	}
	_, err := st.ApplyBundle(context.Background(), store.Incoming{BundleID: "b1", Pin: true, SeqFrom: 1, SeqTo: int64(len(cs)),
		Sender:  store.Peer{SiteID: "cell-x", Role: store.RoleCell, Name: "x", SignPub: []byte("x"), AgeRecipient: "age1x", Fingerprint: "f"},
		Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
	r, err := HubRollupFor(context.Background(), st, Period{Year: year})
	if err != nil {
		t.Fatal(err)
	}
	if r.Rated != 0 || r.Proposed != 25 || r.ProposedExcellent != 22 || r.ExcellentPct != 0 {
		t.Errorf("rated %d, proposed %d (%d excellent), excellent %v%%", r.Rated, r.Proposed, r.ProposedExcellent, r.ExcellentPct)
	}
	var js bytes.Buffer
	if err := HubJSON(&js, r); err != nil || !strings.Contains(js.String(), `"proposed_excellent": 22`) {
		t.Errorf("json: %v\n%s", err, js.String())
	}
	var xb bytes.Buffer
	if err := HubXLSX(&xb, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xb)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Tổng hợp")
	found := false
	for _, row := range rows {
		if len(row) == 2 && row[0] == "Chi bộ đề nghị, cấp trên chưa quyết định" && row[1] == "25" {
			found = true
		}
	}
	if !found {
		t.Errorf("xlsx totals lack the proposals: %q", rows)
	}
	var pb bytes.Buffer
	if err := HubPDF(&pb, r, time.Now()); err != nil {
		t.Fatal(err)
	}
	if len(find(readPDF(t, pb.Bytes()), "Chi bộ đề nghị, cấp trên chưa quyết định 25")) != 1 {
		t.Error("the pdf does not show the proposals apart")
	}
}
