package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"chibo/store"
)

// The hub's "Quyết định" screen: approving a cell's proposals needs a
// decision number, then writes the hub's level; the hub rates the cell;
// the quota line counts every cell.
func TestHubDecisionsScreen(t *testing.T) {
	ctx := context.Background()
	hubStore, _ := newHub(t)
	deliverCell(t, hubStore, "a", "Chi bộ thôn Sín Chéng", 3)
	deliverCell(t, hubStore, "b", "Chi bộ thôn Lùng Phìn", 2)
	sh := newTestShell(t, hubStore)
	h := newHubDecisions(sh)
	sh.show(h)
	h.year.SetSelected("2025")
	h.date.SetText("15/01/2026")

	tests := []struct {
		name   string
		act    func()
		dialog string // text the top dialog must show, "" = none
		check  func(t *testing.T)
	}{
		{"approve without a cell", h.approveAll, "Hãy chọn một chi bộ", nil},
		{"approve without a number", func() { h.pickCell(1); h.approveAll() }, "Hãy nhập số quyết định", func(t *testing.T) {
			if r, _ := hubStore.Reviews(ctx, "a", 2025); r["a-m0"].HubLevel != "" {
				t.Errorf("refused approval wrote %+v", r["a-m0"])
			}
		}},
		{"approve all", func() { h.no.SetText("12-QĐ/ĐU"); h.approveAll() }, "", func(t *testing.T) {
			r, _ := hubStore.Reviews(ctx, "a", 2025)
			if r["a-m0"].HubLevel != "good" || r["a-m0"].HubDecisionNo != "12-QĐ/ĐU" || r["a-m0"].HubDecisionDate != "2026-01-15" {
				t.Errorf("after approval %+v", r["a-m0"])
			}
			if got := h.rowText(h.selected().Rows[0]); !strings.Contains(got, "cấp ủy: Hoàn thành tốt nhiệm vụ") {
				t.Errorf("row shows %q", got)
			}
			if !strings.Contains(h.quota.Text, "«Xuất sắc» trong toàn đảng bộ: 0, tối đa 0") {
				t.Errorf("quota line %q", h.quota.Text)
			}
		}},
		{"approve again", h.approveAll, "Không còn đề nghị nào", nil},
		{"rate the cell", func() { h.own.SetSelected("Hoàn thành xuất sắc nhiệm vụ"); h.rateCell() }, "", func(t *testing.T) {
			r, _ := hubStore.Reviews(ctx, "a", 2025)
			if r[""].HubLevel != "excellent" || r[""].Year != 2025 {
				t.Errorf("cell's rating %+v", r[""])
			}
		}},
		{"bad date", func() { h.date.SetText("31/02/2026"); h.rateCell() }, "Ngày quyết định", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.act()
			got := overlayText(sh.win)
			if tc.dialog == "" && got != "" || !strings.Contains(got, tc.dialog) {
				t.Errorf("dialog %q, want %q", got, tc.dialog)
			}
			closeDialogs(sh.win)
			if tc.check != nil {
				tc.check(t)
			}
		})
	}
}

// TestHubDecisionsShowManyPeople: a cell's 28 proposals on a 1366x728
// window show at least 12 people at once, nothing cut, no English hint.
func TestHubDecisionsShowManyPeople(t *testing.T) {
	hubStore, _ := newHub(t)
	var cs []store.Change
	add := func(entity, id string, f map[string]any) {
		cs = append(cs, store.Change{Origin: "c", Seq: int64(len(cs) + 1), Lamport: int64(len(cs) + 1), Entity: entity,
			EntityID: id, OrgID: "c", Op: store.OpUpsert, Fields: f, WallTime: "2026-11-20T01:00:00Z"})
	}
	add("org", "c", map[string]any{"name": "Chi bộ thôn Sín Chéng", "kind": store.OrgKindCell})
	for i := range 28 {
		add("member", fmt.Sprintf("m%d", i), map[string]any{"full_name": fmt.Sprintf("Đảng viên số %02d", i+1), "status": store.StatusFull})
		add("review", fmt.Sprintf("r%d", i), map[string]any{"member_id": fmt.Sprintf("m%d", i), "year": 2025, "cell_level": "good"})
	}
	if _, err := hubStore.ApplyBundle(context.Background(), store.Incoming{BundleID: "c-b1", Pin: true, SeqFrom: 1, SeqTo: int64(len(cs)),
		Sender:  store.Peer{SiteID: "c", Role: store.RoleCell, Name: "Chi bộ thôn Sín Chéng", SignPub: []byte("c"), AgeRecipient: "age1x", Fingerprint: "f-c"},
		Changes: cs}); err != nil {
		t.Fatal(err)
	}
	sh := newTestShell(t, hubStore)
	applyTextSize(sh.app)
	h := sh.goSection("Quyết định").(*hubDecisionsScreen)
	h.year.SetSelected("2025")
	h.pickCell(0)
	settle(sh, fyne.NewSize(1366, 728))
	rowHeight := h.rows.MinSize().Height // a header and one row at least
	shown := int(h.rows.Size().Height/(rowHeight/2)) - 1
	if len(h.selected().Rows) != 28 || shown < 12 {
		t.Errorf("%d of %d people visible at once (table %.0f high, rows %.0f)", shown, len(h.selected().Rows), h.rows.Size().Height, rowHeight/2)
	}
	if ps := fitProblems(sh.win); len(ps) > 0 {
		t.Errorf("the screen does not fit: %v", ps)
	}
	if h.own.Selected == "" && strings.Contains(h.own.PlaceHolder, "Select") {
		t.Errorf("the level picker says %q", h.own.PlaceHolder)
	}
}
