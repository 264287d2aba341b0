package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// conflictHub is a hub holding one phone conflict and one delete against
// an edit, from a cell whose laptop was copied (a second origin, E).
func conflictHub(t *testing.T) (*store.Store, string) {
	t.Helper()
	ctx := context.Background()
	hub, _ := newHub(t)
	cell, origin2, pao, mai := "cell-1", "cell-1-epoch", "member-pao", "member-mai"
	ch := func(origin string, seq, lam int64, id, op string, f map[string]any, saw map[string]int64) store.Change {
		return store.Change{Origin: origin, Seq: seq, Lamport: lam, Entity: "member", EntityID: id, OrgID: cell,
			Op: op, Fields: f, Saw: saw, WallTime: "2026-01-02T03:04:05Z"}
	}
	cs := []store.Change{
		ch(cell, 1, 1, pao, store.OpUpsert, map[string]any{"full_name": "Giàng A Páo", "phone": "0911", "status": "full"}, nil),
		ch(cell, 2, 2, mai, store.OpUpsert, map[string]any{"full_name": "Lò Thị Mai", "status": "full"}, nil),
		ch(cell, 3, 3, pao, store.OpUpsert, map[string]any{"phone": "0922"}, nil),
		ch(cell, 4, 4, mai, store.OpDelete, nil, nil),
		ch(origin2, 1, 3, pao, store.OpUpsert, map[string]any{"phone": "0933"}, map[string]int64{cell: 1}),
		ch(origin2, 2, 4, mai, store.OpUpsert, map[string]any{"notes": "chuyển đi"}, map[string]int64{cell: 2}),
	}
	sender := store.Peer{SiteID: cell, Role: store.RoleCell, Name: "Chi bộ thôn Lao Chải", SignPub: []byte{1}, AgeRecipient: "r", Fingerprint: "F"}
	res, err := hub.ApplyBundle(ctx, store.Incoming{BundleID: "b1", Sender: sender, Pin: true, SeqFrom: 1, SeqTo: 4, Changes: cs})
	if err != nil || res.Conflicts != 2 {
		t.Fatalf("setup: %+v %v", res, err)
	}
	return hub, pao
}

func TestConflictsScreen(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		button string
		typed  string
		phone  string
	}{
		{"keep ours", "Giữ giá trị đang dùng", "", "0933"}, // the greater stamp is kept
		{"take theirs", "Lấy giá trị bên kia", "", "0922"},
		{"typed value", "Lưu giá trị đã sửa", "0944", "0944"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hub, pao := conflictHub(t)
			sh := newTestShell(t, hub)
			sc := newConflicts(sh)
			sh.win.SetContent(sc.view())
			if !strings.Contains(sc.status.Text, "2 xung đột") {
				t.Fatalf("status %q", sc.status.Text)
			}
			card := sc.list.Objects[0].(*widget.Card)
			if !strings.Contains(card.Subtitle, "Điện thoại") || !strings.Contains(card.Title, "Giàng A Páo") {
				t.Fatalf("first card %q / %q", card.Title, card.Subtitle)
			}
			if tc.typed != "" {
				findEntry(t, card).SetText(tc.typed)
			}
			test.Tap(findButton(t, card, tc.button))
			m, err := hub.Member(ctx, pao)
			if err != nil || m.Phone != tc.phone {
				t.Fatalf("phone %q %v, want %q", m.Phone, err, tc.phone)
			}
			if len(sc.list.Objects) != 1 {
				t.Fatalf("%d cards left, want the delete conflict only", len(sc.list.Objects))
			}
			del := sc.list.Objects[0].(*widget.Card)
			test.Tap(findButton(t, del, "Khôi phục bản ghi"))
			if m, err := hub.Member(ctx, "member-mai"); err != nil || m.Notes != "chuyển đi" {
				t.Fatalf("restored %+v %v", m, err)
			}
			if !strings.Contains(sc.status.Text, "Không có xung đột") {
				t.Fatalf("status %q", sc.status.Text)
			}
		})
	}
}

func findButton(t *testing.T, c *widget.Card, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	conflictWalk(c.Content, func(o any) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", label)
	}
	return found
}

func findEntry(t *testing.T, c *widget.Card) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	conflictWalk(c.Content, func(o any) {
		if e, ok := o.(*widget.Entry); ok {
			found = e
		}
	})
	if found == nil {
		t.Fatal("no entry")
	}
	return found
}

// conflictWalk visits every object inside containers and forms.
func conflictWalk(o fyne.CanvasObject, f func(any)) {
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			conflictWalk(c, f)
		}
	case *widget.Form:
		for _, it := range x.Items {
			conflictWalk(it.Widget, f)
		}
	}
}

// TestConflictsMenuOnlyWhenThereAreSome: «Xung đột dữ liệu» is in the
// menu, with its count, only while conflicts wait; settling the last one
// takes it away.
func TestConflictsMenuOnlyWhenThereAreSome(t *testing.T) {
	cell := newCellShell(t)
	for _, it := range cell.items {
		if strings.Contains(it.title, sectionConflicts) {
			t.Errorf("a cell without conflicts shows %q", it.title)
		}
	}
	hub, _ := conflictHub(t)
	sh := newTestShell(t, hub)
	var title string
	for _, it := range sh.items {
		if strings.HasPrefix(it.title, sectionConflicts) {
			title = it.title
		}
	}
	if title != sectionConflicts+" (2)" {
		t.Fatalf("menu entry %q, want the count", title)
	}
	sc := sh.goSection(sectionConflicts).(*conflictsScreen)
	test.Tap(findButton(t, sc.list.Objects[0].(*widget.Card), "Giữ giá trị đang dùng"))
	test.Tap(findButton(t, sc.list.Objects[0].(*widget.Card), "Khôi phục bản ghi"))
	sh.goSection("Các chi bộ")
	for _, it := range sh.items {
		if strings.HasPrefix(it.title, sectionConflicts) {
			t.Errorf("settled, yet the menu shows %q", it.title)
		}
	}
}
