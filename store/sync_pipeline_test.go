package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// TestPipelinedApply: a streamed bundle is prepared on a second goroutine
// (sync_ledger.go). Whatever goes wrong, and wherever — a bad change deep
// in the stream, a fork the applier finds, the body's own check failing
// after the last change — the bundle is refused whole, the database is as
// it was, and the producing goroutine has finished before ApplyBundle
// returns.
func TestPipelinedApply(t *testing.T) {
	ctx := context.Background()
	const n = 3*pipeBatch + 17 // several batches and a part batch
	sender := Peer{SiteID: "cell-p", Role: RoleCell, Name: "Chi bộ thôn Pả Vi", SignPub: []byte{2}, AgeRecipient: "r", Fingerprint: "P"}
	changes := make([]Change, n)
	for i := range changes {
		changes[i] = Change{Origin: sender.SiteID, Seq: int64(i + 1), Lamport: int64(i + 1), Entity: "member",
			EntityID: fmt.Sprintf("m-%04d", i), OrgID: sender.SiteID, Op: OpUpsert, WallTime: "2026-11-20T01:00:00Z",
			Fields: map[string]any{"full_name": fmt.Sprintf("Thào A Sình %d", i), "ethnicity": "Mông"}}
	}
	changes[0] = Change{Origin: sender.SiteID, Seq: 1, Lamport: 1, Entity: "org", EntityID: sender.SiteID, OrgID: sender.SiteID,
		Op: OpUpsert, WallTime: "2026-11-20T01:00:00Z", Fields: map[string]any{"name": sender.Name, "kind": OrgKindCell}}
	errBody := errors.New("body hash does not match")

	tests := []struct {
		name    string
		edit    func(cs []Change)
		bodyErr error // returned by the stream after the last change
		want    error
	}{
		{name: "invalid change in the third batch", edit: func(cs []Change) { cs[2*pipeBatch+5].Fields = map[string]any{"no_such": 1} }, want: ErrInvalid},
		{name: "change of another organisation", edit: func(cs []Change) { cs[pipeBatch+1].OrgID = "elsewhere" }, want: ErrInvalid},
		{name: "body check fails after the last change", edit: func([]Change) {}, bodyErr: errBody, want: errBody},
		{name: "accepted", edit: func([]Change) {}},
	}
	hub := newHub(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs := append([]Change(nil), changes...)
			tc.edit(cs)
			running := false
			in := Incoming{BundleID: NewID(), Sender: sender, Pin: true, SeqFrom: 1, SeqTo: n, ManifestSHA: "x", Count: n,
				Origins: []string{sender.SiteID}}
			in.Stream = func(fn func(Change) error) error {
				running = true
				defer func() { running = false }()
				for _, c := range cs {
					if err := fn(c); err != nil {
						return err
					}
				}
				return tc.bodyErr
			}
			res, err := hub.ApplyBundle(ctx, in)
			if running {
				t.Error("the stream was still running when ApplyBundle returned")
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err %v, want %v", err, tc.want)
			}
			var got int
			if err := hub.db.QueryRow("SELECT COUNT(*) FROM changes WHERE origin = ?", sender.SiteID).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: n, false: 0}[tc.want == nil]; got != want || (tc.want == nil && res.Changes != n) {
				t.Errorf("%d ledger rows, %d applied; want %d", got, res.Changes, want)
			}
		})
	}
	// The sealed payloads written ahead read back as the changes sent.
	led, err := hub.Ledger(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var last Change
	for _, c := range led {
		if c.Origin == sender.SiteID {
			last = c
		}
	}
	if want := fmt.Sprintf("Thào A Sình %d", n-1); last.Seq != n || fmt.Sprint(last.Fields["full_name"]) != want {
		t.Errorf("last ledger change %d %v, want %d %s", last.Seq, last.Fields, n, want)
	}
	var eth string
	if err := hub.db.QueryRow("SELECT " + unsealSQL("members", "ethnicity", "") + " FROM members WHERE id = 'm-0100'").Scan(&eth); err != nil || eth != "Mông" {
		t.Errorf("sealed column reads %q (%v)", eth, err)
	}
}
