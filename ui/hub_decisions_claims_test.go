package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"chibo/store"
)

// A cell writes the admission decision it expects (number, date, even
// its receipt and the ceremony) for a candidate it voted on: only the hub
// decides, so the hub keeps those as the cell's proposal. Its list of
// candidates awaiting a decision shows the proposal beside the candidate,
// worded as the cell's, and the hub's decision is what the hub types.
func TestHubDecisionsShowCellsClaimAsProposal(t *testing.T) {
	ctx := context.Background()
	hubStore, _ := newHub(t)
	// This year, which the cell keeps in the app (no history from paper),
	// and never a day to come, whatever the day the test runs.
	y := time.Now().Year()
	vote, claimed := fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-01-01", y)
	var cs []store.Change
	add := func(entity, id string, f map[string]any) {
		cs = append(cs, store.Change{Origin: "c", Seq: int64(len(cs) + 1), Lamport: int64(len(cs) + 1), Entity: entity,
			EntityID: id, OrgID: "c", Op: store.OpUpsert, Fields: f, WallTime: time.Now().UTC().Format(time.RFC3339)})
	}
	add("org", "c", map[string]any{"name": "Chi bộ thôn Sín Chéng", "kind": store.OrgKindCell})
	add("candidate", "k1", map[string]any{"full_name": "Ly Thị Sua", "cell_vote_date": vote, "votes_for": 3, "voters": 3,
		"hub_decision_no": "5-QĐ/CB", "hub_decision_date": claimed, "decision_received": claimed, "ceremony_date": claimed})
	add("candidate", "k2", map[string]any{"full_name": "Giàng Thị Dợ", "cell_vote_date": vote, "votes_for": 3, "voters": 3})
	if _, err := hubStore.ApplyBundle(ctx, store.Incoming{BundleID: "c-b1", Pin: true, SeqFrom: 1, SeqTo: int64(len(cs)),
		Sender:  store.Peer{SiteID: "c", Role: store.RoleCell, Name: "Chi bộ thôn Sín Chéng", SignPub: []byte("c"), AgeRecipient: "age1x", Fingerprint: "f-c"},
		Changes: cs}); err != nil {
		t.Fatal(err)
	}
	sh := newTestShell(t, hubStore)
	h := sh.goSection("Quyết định").(*hubDecisionsScreen)
	rows := map[string]int{}
	for i, a := range h.wait {
		rows[a.Candidate.FullName] = i
	}
	if len(h.wait) != 2 {
		t.Fatalf("%d candidates awaiting the hub, want 2 (the one whose cell wrote a decision too): %+v", len(h.wait), h.wait)
	}
	claimCol := len(h.cands.cols) - 1
	want := "Chi bộ đề nghị: số 5-QĐ/CB, ngày " + fmt.Sprintf("01/01/%d", y)
	if got := h.cands.cell(rows["Ly Thị Sua"], claimCol); got != want {
		t.Errorf("claim shown %q, want %q", got, want)
	}
	if got := h.cands.cell(rows["Giàng Thị Dợ"], claimCol); got != "" {
		t.Errorf("a candidate without a claim shows %q", got)
	}
	if got := h.cands.cell(rows["Ly Thị Sua"], 2); got != "kết nạp đảng viên" {
		t.Errorf("what is asked %q", got)
	}

	h.no.SetText("8-QĐ/ĐU")
	h.date.SetText(fmt.Sprintf("01/01/%d", y))
	h.askCandidate(h.wait[rows["Ly Thị Sua"]])
	q := overlayText(sh.win)
	if !strings.Contains(q, want) || !strings.Contains(q, "chưa phải quyết định của cấp ủy") {
		t.Fatalf("the question does not show the cell's proposal as such: %q", q)
	}
	tapDialogButton(t, sh.win, "Ghi quyết định")
	cands, err := hubStore.CandidatesOf(ctx, "c")
	if err != nil {
		t.Fatal(err)
	}
	decided := 0
	for _, c := range cands {
		if c.ID == "k1" {
			decided++
			if c.HubDecisionNo != "8-QĐ/ĐU" || c.HubDecisionDate != vote {
				t.Errorf("the hub recorded %q of %s, want its own 8-QĐ/ĐU", c.HubDecisionNo, c.HubDecisionDate)
			}
		}
	}
	if decided != 1 {
		t.Errorf("the hub lists %d candidates k1: %+v", decided, cands)
	}
	if len(h.wait) != 1 || h.wait[0].Candidate.ID != "k2" {
		t.Errorf("after the decision still awaiting: %+v", h.wait)
	}
}
