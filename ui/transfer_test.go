package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// A cell writes a bundle to a "stick"; the hub reads it, a person confirms
// the new cell's fingerprint, and the cells table shows the members.
func TestSendThenHubImport(t *testing.T) {
	hubStore, card := newHub(t)
	hub := newTestShell(t, hubStore)

	cardPeer, _ := bundle.ReadHubCard(card)
	cellStore := openStore(t)
	keys, _ := bundle.GenerateKeys()
	if _, err := cellStore.Init(hub.ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Lao Chải", Keys: keys, Hub: &cardPeer}); err != nil {
		t.Fatal(err)
	}
	cell := newTestShell(t, cellStore)
	addMembers(t, cellStore, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ")

	stick := t.TempDir()
	cell.nav.Select(3)
	send := cell.current.(*sendScreen)
	send.export(stick)
	if !strings.Contains(send.result.Text, "Có thể rút USB") {
		t.Fatalf("send says %q; dialog %s", send.result.Text, overlayText(cell.win))
	}

	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)
	imp.run(stick)
	txt := overlayText(hub.win)
	fp := ownFingerprint(keys)
	if !strings.HasPrefix(txt, "Chi bộ thôn Lao Chải lần đầu gửi dữ liệu") || !strings.Contains(txt, fp) {
		t.Fatalf("confirmation %q, want fingerprint %s", txt, fp)
	}
	if !strings.Contains(txt, "Đọc thành lời: ") {
		t.Fatalf("confirmation %q does not show the fingerprint words", txt)
	}
	tapDialogButton(t, hub.win, "Đúng, nhận dữ liệu")
	if !strings.Contains(imp.status.Text, "1 tệp đã nhận") {
		t.Fatalf("status %q", imp.status.Text)
	}

	// The same stick again: the file is a duplicate, nothing is asked.
	imp.run(stick)
	if hub.win.Canvas().Overlays().Top() != nil || !strings.Contains(imp.status.Text, "1 tệp trùng") {
		t.Fatalf("second run: %q %s", imp.status.Text, overlayText(hub.win))
	}

	hub.nav.Select(0)
	cells := hub.current.(*hubCellsScreen)
	if len(cells.rows) != 1 || cells.cell(0, 0) != "Chi bộ thôn Lao Chải" || cells.cell(0, 1) != "3" {
		t.Fatalf("cells %+v", cells.rows)
	}
}

func TestImportOutcomeWording(t *testing.T) {
	for _, tc := range []struct {
		r    imported
		want string
	}{
		{imported{File: "/x/a.chibo", Status: statusAccepted, Changes: 4, Sender: store.Peer{Name: "Chi bộ A"}}, "a.chibo — Chi bộ A: Đã nhận."},
		{imported{File: "b.chibo", Status: statusDuplicate}, "b.chibo: Trùng, đã có"},
		{imported{File: "c.chibo", Status: statusDeclined}, "mã khóa chưa được xác nhận"},
		{imported{File: "d.chibo", Status: statusRefused}, "d.chibo: Bị từ chối: không rõ lý do"},
		{imported{File: "e.chibo", Status: statusAccepted, Deleted: map[string]int{"member": 2, "attendance": 5}},
			"e.chibo: Đã nhận (có 2 mục chi bộ đã xóa: 2 đảng viên)."},
	} {
		got := outcomeText(tc.r)
		if !strings.Contains(got, tc.want) {
			t.Errorf("got %q, want %q", got, tc.want)
		}
		// "✔" and "✘" drew as boxes under Wine: only "•", which every
		// font has, opens a line.
		if !strings.HasPrefix(got, "• ") || strings.ContainsAny(got, "✔✘✓✗") {
			t.Errorf("line %q must open with «• » and carry no tick or cross", got)
		}
	}
}

func TestImportRefusesJunkWithReason(t *testing.T) {
	hubStore, _ := newHub(t)
	hub := newTestShell(t, hubStore)
	stick := t.TempDir()
	os.WriteFile(filepath.Join(stick, "a.chibo"), []byte("không phải tệp dữ liệu"), 0o600)
	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)
	imp.run(stick)
	if !strings.Contains(imp.status.Text, "1 tệp bị từ chối") || len(imp.summary.Objects) != 1 {
		t.Fatalf("status %q", imp.status.Text)
	}
	line := imp.summary.Objects[0].(*widget.Label).Text
	if !strings.Contains(line, "a.chibo: Bị từ chối: Tệp này không phải tệp dữ liệu") {
		t.Errorf("summary %q", line)
	}
}
