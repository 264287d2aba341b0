package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"chibo/store"
)

// TestHubDeadlinesTab: at the hub, a ceremony held later than 30 working
// days after the decision arrived is flagged ("Nếu để quá thời hạn nêu
// trên phải báo cáo và được cấp ủy cấp trên trực tiếp đồng ý", point 4.1),
// and the hub records a small cell's shorter minimum meeting length under
// the decision typed at the top ("Đối với chi bộ có ít đảng viên, cấp ủy
// có thẩm quyền ... quy định cụ thể", Hướng dẫn 42-HD/BTCTW).
func TestHubDeadlinesTab(t *testing.T) {
	ctx := context.Background()
	hubStore, _ := newHub(t)
	deliverCell(t, hubStore, "a", "Chi bộ thôn Sín Chéng", 3)
	_, err := hubStore.ApplyBundle(ctx, store.Incoming{BundleID: "a-b2", SeqFrom: 6, SeqTo: 6,
		Sender: store.Peer{SiteID: "a", Role: store.RoleCell, Name: "Chi bộ thôn Sín Chéng", SignPub: []byte("a"),
			AgeRecipient: "age1x", Fingerprint: "f-a"},
		Changes: []store.Change{{Origin: "a", Seq: 6, Lamport: 6, Entity: "candidate", EntityID: "a-c1", OrgID: "a",
			Op: store.OpUpsert, WallTime: "2026-11-20T01:00:00Z", Fields: map[string]any{"full_name": "Ly Thị Sua",
				"cell_vote_date": "2025-12-01", "hub_decision_date": "2026-01-15", "decision_received": "2026-01-20",
				"ceremony_date": "2026-03-20"}}}})
	if err != nil {
		t.Fatal(err)
	}
	sh := newTestShell(t, hubStore)
	h := newHubDecisions(sh)
	sh.show(h)
	h.date.SetText("05/01/2026")
	h.no.SetText("12-QĐ/ĐU")
	d := newHubDeadlines(sh, h.decision, func() time.Time { return time.Date(2026, 3, 25, 0, 0, 0, 0, time.UTC) })
	if len(d.late) != 1 || !strings.Contains(lateText(d.late[0]), "lễ kết nạp ngày 20/03/2026, quá hạn 10/03/2026") {
		t.Fatalf("late ceremonies %+v", d.late)
	}
	d.cellPick.SetSelectedIndex(0)
	d.regular.SetText("100")
	d.combined.SetText("130")
	d.save()
	if got := overlayText(sh.win); !strings.Contains(got, "dài hơn thời lượng tối thiểu chung") {
		t.Errorf("a longer minimum: %q", got)
	}
	closeDialogs(sh.win)
	d.regular.SetText("60")
	d.combined.SetText("80")
	d.save()
	if got := overlayText(sh.win); got != "" {
		t.Fatalf("dialog %q", got)
	}
	cm, err := hubStore.CellMinimum(ctx, "a")
	if err != nil || cm.Regular != 60 || cm.Combined != 80 || cm.DecisionNo != "12-QĐ/ĐU" || cm.DecisionDate != "2026-01-05" {
		t.Errorf("recorded %+v %v", cm, err)
	}
	if !strings.Contains(d.cellPick.Selected, "60 / 80 phút theo quyết định 12-QĐ/ĐU") {
		t.Errorf("pick shows %q", d.cellPick.Selected)
	}
}
