package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"chibo/store"
	bundle "chibo/sync"
)

func openSite(t *testing.T, in store.Setup) (*store.Store, store.Site) {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	keys, err := bundle.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	in.Keys = keys
	site, err := st.Init(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return st, site
}

// hubAndCell sets up a hub and a cell made from its hub card.
func hubAndCell(t *testing.T) (hub, cell *store.Store, cellSite store.Site) {
	t.Helper()
	hub, _ = openSite(t, store.Setup{Passphrase: testPass, Role: store.RoleHub, Name: "Đảng ủy xã Tả Van"})
	card := filepath.Join(t.TempDir(), "hub.json")
	if err := bundle.WriteHubCard(context.Background(), hub, card); err != nil {
		t.Fatal(err)
	}
	peer, err := bundle.ReadHubCard(card)
	if err != nil {
		t.Fatal(err)
	}
	cell, cellSite = openSite(t, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Lao Chải", Hub: &peer})
	return hub, cell, cellSite
}

// TestCellWorkTravels: reviews, candidates (and the member a ceremony
// makes) and the dues ledger reach the hub unchanged in one bundle.
func TestCellWorkTravels(t *testing.T) {
	ctx := context.Background()
	hub, cell, site := hubAndCell(t)
	ms, err := cell.SaveMembers(ctx, []store.Member{
		{FullName: "Giàng A Páo", AdmissionDate: "2000-01-01", FullDate: "2001-01-01", Status: store.StatusFull},
		{FullName: "Lù Thị Mai", AdmissionDate: "2010-01-01", FullDate: "2011-01-01", Status: store.StatusFull},
	})
	if err != nil {
		t.Fatal(err)
	}
	year := time.Now().Year()
	if _, err := cell.SaveReviews(ctx, []store.Review{
		{MemberID: ms[0].ID, Year: year, SelfText: "Tự kiểm điểm", SelfLevel: "good", SelfScore: 85, Voters: 2,
			Votes: map[string]int{"good": 2}, CellLevel: "good", SickLeaveMonths: 1},
		{MemberID: "", Year: year, CellLevel: "good"},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := cell.SaveCandidates(ctx, []store.Candidate{{FullName: "Ly Thị Sua", BirthDate: "2000-01-01", Education: "9/12",
		ListedDate: "2025-01-10", ClassDate: "2025-03-01", Introducer1: ms[0].ID, Introducer2: ms[1].ID,
		Dossier: map[string]string{"1-KNĐ": "2025-04-01"}, CellVoteDate: "2025-06-10", VotesFor: 2, Voters: 2,
		HubDecisionDate: "2025-08-01", DecisionReceived: "2025-08-05", CeremonyDate: "2025-08-20"}}); err != nil {
		t.Fatal(err)
	}
	if err := cell.SaveDues(ctx, []store.DuesEntry{
		{MemberID: ms[0].ID, Month: "2026-01", Amount: 5000, PaidDate: "2026-01-05", Method: store.DuesAtMeeting},
		{MemberID: ms[1].ID, Month: "2026-01", Exemption: "poor_household", Reduction: "hộ nghèo"},
	}); err != nil {
		t.Fatal(err)
	}
	e, err := bundle.Export(ctx, cell, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r := importNew(ctx, hub, e.Path); r.Status != bundle.Accepted {
		t.Fatalf("import: %+v", r)
	}
	wantR, _ := cell.Reviews(ctx, "", year)
	gotR, err := hub.Reviews(ctx, site.ID, year)
	if err != nil || len(wantR) != 2 || !reflect.DeepEqual(gotR, wantR) {
		t.Errorf("reviews differ: %v\nhub  %+v\ncell %+v", err, gotR, wantR)
	}
	wantC, _ := cell.Candidates(ctx)
	gotC, err := hub.CandidatesOf(ctx, site.ID)
	if err != nil || len(wantC) != 1 || wantC[0].MemberID == "" || !reflect.DeepEqual(gotC, wantC) {
		t.Errorf("candidates differ: %v\nhub  %+v\ncell %+v", err, gotC, wantC)
	}
	wantD, _ := cell.DuesOf(ctx, site.ID, 2026)
	gotD, err := hub.DuesOf(ctx, site.ID, 2026)
	if err != nil || len(wantD) != 2 || !reflect.DeepEqual(gotD, wantD) {
		t.Errorf("dues differ: %v\nhub  %+v\ncell %+v", err, gotD, wantD)
	}
	if m, err := hub.Members(ctx, site.ID, "sua"); err != nil || len(m) != 1 || m[0].Status != store.StatusProbationary {
		t.Errorf("admitted member at the hub: %+v %v", m, err)
	}
}
