package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"chibo/store"
	bundle "chibo/sync"
)

// cellAndHub is a cell enrolled with its hub, and the cell's site.
func cellAndHub(t *testing.T) (cell, hub *store.Store, site store.Site) {
	t.Helper()
	ctx := context.Background()
	hub, _ = openSite(t, store.Setup{Passphrase: testPass, Role: store.RoleHub, Name: "Đảng ủy xã Tả Van"})
	card := filepath.Join(t.TempDir(), "hub.json")
	if err := bundle.WriteHubCard(ctx, hub, card); err != nil {
		t.Fatal(err)
	}
	peer, err := bundle.ReadHubCard(card)
	if err != nil {
		t.Fatal(err)
	}
	cell, site = openSite(t, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Lao Chải", Hub: &peer})
	return cell, hub, site
}

// send carries the cell's changes to the hub and the hub's receipt back.
func send(t *testing.T, cell, hub *store.Store) {
	t.Helper()
	ctx := context.Background()
	e, err := bundle.Export(ctx, cell, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r := importNew(ctx, hub, e.Path); r.Status != bundle.Accepted {
		t.Fatalf("import at the hub: %+v", r)
	}
	dir := t.TempDir()
	acks, err := bundle.ExportAcks(ctx, hub, dir)
	if err != nil || len(acks) != 1 {
		t.Fatalf("acks: %v %v", acks, err)
	}
	if r := bundle.Import(ctx, cell, acks[0].Path, bundle.Options{}); r.Err != nil {
		t.Fatalf("ack at the cell: %+v", r)
	}
}

// TestDeleteAMemberEnteredTwice: a member typed twice is deleted with
// their line on a draft roll; once the hub has them, the deletion reaches
// the hub as a change and the hub deletes them too. A member a finalized
// roll or the dues book refers to is refused, naming why.
func TestDeleteAMemberEnteredTwice(t *testing.T) {
	ctx := context.Background()
	cell, hub, site := cellAndHub(t)
	ms, err := cell.SaveMembers(ctx, []store.Member{{FullName: "Giàng A Páo", Status: store.StatusFull, Position: store.PositionSecretary},
		{FullName: "Lù Thị Mai", Status: store.StatusFull}, {FullName: "Lù Thị Mai", Status: store.StatusFull}})
	if err != nil {
		t.Fatal(err)
	}
	if sent, _ := cell.Sent(ctx, "member", ms[2].ID); sent {
		t.Error("a member never sent counts as sent")
	}
	send(t, cell, hub)
	if sent, _ := cell.Sent(ctx, "member", ms[2].ID); !sent {
		t.Error("a member the hub acknowledged does not count as sent")
	}
	m, err := cell.NewMeeting(ctx, store.MeetingRegular, "2026-11-05")
	if err != nil {
		t.Fatal(err)
	}
	m.MinuteTaker = "Lù Thị Mai"
	if m, err = cell.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := cell.DeleteMember(ctx, ms[2].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := cell.Meeting(ctx, m.ID); len(got.Attendance) != 2 {
		t.Errorf("the draft roll kept %d lines", len(got.Attendance))
	}
	send(t, cell, hub)
	if at, _ := hub.Members(ctx, site.ID, ""); len(at) != 2 {
		t.Errorf("the hub has %d members after the deletion travelled, want 2", len(at))
	}
	// On a finalized roll, or in the dues book: refused, nothing moves.
	m, _ = cell.Meeting(ctx, m.ID)
	if _, err := cell.SaveAndFinalize(ctx, m); err != nil {
		t.Fatal(err)
	}
	err = cell.DeleteMember(ctx, ms[1].ID)
	var fe *store.FieldError
	if !errors.Is(err, store.ErrInUse) || !errors.As(err, &fe) || fe.Value != "roll" {
		t.Errorf("deleting a member on a finalized roll: %v", err)
	}
}

// TestDeleteADraftMeeting: a draft meeting goes with its parts and the
// dues its roll recorded; a finalized one is corrected, never deleted.
func TestDeleteADraftMeeting(t *testing.T) {
	ctx := context.Background()
	cell, _, _ := cellAndHub(t)
	ms, err := cell.SaveMembers(ctx, []store.Member{{FullName: "Giàng A Páo", Status: store.StatusFull, Position: store.PositionSecretary},
		{FullName: "Lù Thị Mai", Status: store.StatusFull}})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := cell.NewMeeting(ctx, store.MeetingRegular, "2026-11-05")
	m.MinuteTaker = "Lù Thị Mai"
	m.Dues = []store.DuesPaid{{MemberID: ms[0].ID, Amount: 5000}}
	m.Tasks = []store.Task{{Title: "Sửa đường", AssigneeID: ms[1].ID}}
	if m, err = cell.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := cell.DeleteMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := cell.Meeting(ctx, m.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the meeting is still there: %v", err)
	}
	if d, _ := cell.DuesOf(ctx, m.OrgID, 2026); len(d) != 0 {
		t.Errorf("its dues stayed: %+v", d)
	}
	if err := cell.DeleteMember(ctx, ms[1].ID); err != nil {
		t.Errorf("the task's assignee is still held by the deleted meeting: %v", err)
	}
	f, _ := cell.NewMeeting(ctx, store.MeetingRegular, "2026-12-05")
	f.MinuteTaker = "Giàng A Páo"
	if f, err = cell.SaveAndFinalize(ctx, f); err != nil {
		t.Fatal(err)
	}
	if err := cell.DeleteMeeting(ctx, f.ID); !errors.Is(err, store.ErrLocked) {
		t.Errorf("deleting a finalized meeting: %v", err)
	}
}
