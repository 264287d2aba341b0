package ui

import (
	"strings"
	"testing"

	bundle "chibo/sync"
)

// The hub writes acknowledgements; the cell reads them from the stick and
// its send screen says up to which change the hub has everything.
func TestAckRoundTripOnSendScreen(t *testing.T) {
	cell, hubStore := newCellAndHub(t)
	hub := newTestShell(t, hubStore)
	addMembers(t, cell.st, "Giàng A Páo", "Lù Thị Mai")
	panel := makeAckPanel(cell)
	if !strings.Contains(panel.status.Text, "Cấp trên chưa gửi xác nhận") || !strings.Contains(panel.status.Text, "chưa gửi: lần gửi tới sẽ mang theo") {
		t.Fatalf("before any ack the panel says %q", panel.status.Text)
	}
	stick := t.TempDir()
	cell.nav.Select(3)
	cell.current.(*sendScreen).export(stick)
	closeDialogs(cell.win)
	files, _ := bundle.BundleFiles(stick)
	if r := importFiles(hub.ctx, hub.st, files, confirmed(hub.st, files...), nil); len(r) != 1 || r[0].Status != statusAccepted {
		t.Fatalf("hub import %+v", r)
	}
	back := t.TempDir()
	acks := newHubAcks(hub)
	acks.write(back)
	if !strings.Contains(acks.result.Text, "Đã ghi 1 tệp xác nhận") {
		t.Fatalf("hub says %q", acks.result.Text)
	}
	panel.read(back)
	txt := panel.status.Text
	if !strings.Contains(txt, "cấp trên báo đã nhận dữ liệu") || !strings.Contains(txt, "Cấp trên đã nhận hết dữ liệu") {
		t.Fatalf("after the ack the panel says %q", txt)
	}
	if !strings.Contains(overlayText(cell.win), "Đã nhận xác nhận") {
		t.Fatalf("dialog: %s", overlayText(cell.win))
	}
}
