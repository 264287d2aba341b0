package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chibo/store"
	bundle "chibo/sync"
)

func TestSetupCreatesHubThenCell(t *testing.T) {
	ctx := context.Background()
	hubStore := openStore(t)
	h := newTestShell(t, hubStore)
	sc := h.current.(*setupScreen)
	sc.role.SetSelected(roleHubText)
	if sc.cardBox.Visible() {
		t.Error("a hub is not asked for a hub card")
	}
	test.Type(sc.name, "Đảng ủy xã Sín Chéng")
	test.Type(sc.parent, "Tỉnh ủy Lào Cai")
	test.Type(sc.pass.first, testPass)
	test.Type(sc.pass.again, testPass)
	test.Tap(sc.submit)
	// A hub has nobody above it: its paper recovery code shows once first.
	if txt := overlayText(h.win); !strings.Contains(txt, "Hãy chép mã này ra giấy và cất vào tủ có khóa") {
		t.Fatalf("no recovery code after a hub's setup: %q", txt)
	}
	tapDialogButton(t, h.win, "Tôi đã chép mã ra giấy")
	site, err := hubStore.Site(ctx)
	if err != nil || site.Role != store.RoleHub || site.Name != "Đảng ủy xã Sín Chéng" || site.ParentName != "Tỉnh ủy Lào Cai" {
		t.Fatalf("hub site %+v, %v", site, err)
	}
	if h.win.Title() != "Sổ tay Chi bộ — Đảng ủy xã Sín Chéng" {
		t.Errorf("title %q", h.win.Title())
	}
	if _, ok := h.current.(*hubCellsScreen); !ok {
		t.Errorf("hub opens on %T", h.current)
	}

	// The hub's card screen writes the card a cell starts from.
	card := h.items[2].open().(*hubCardScreen)
	path := t.TempDir() + "/" + hubCardFile
	card.write(path)
	closeDialogs(h.win)

	cellStore := openStore(t)
	c := newTestShell(t, cellStore)
	cs := c.current.(*setupScreen)
	test.Type(cs.name, "Chi bộ thôn Sín Chéng")
	test.Tap(cs.submit) // no hub card yet
	if txt := overlayText(c.win); !strings.Contains(txt, "thẻ cấp ủy") {
		t.Errorf("missing card not explained: %q", txt)
	}
	closeDialogs(c.win)
	if _, err := cellStore.Site(ctx); !errors.Is(err, store.ErrNotInitialized) {
		t.Fatalf("cell set up without a hub card: %v", err)
	}
	cs.loadCard(path)
	if !strings.Contains(cs.cardInfo.Text, card.fp) || card.fp == "" {
		t.Errorf("card info %q does not show fingerprint %q", cs.cardInfo.Text, card.fp)
	}
	if hc, _ := bundle.ReadHubCard(path); !strings.Contains(cs.cardInfo.Text, "Đọc thành lời: "+bundle.FingerprintWords(hc.SignPub, hc.AgeRecipient)) {
		t.Errorf("card info %q does not show the fingerprint words", cs.cardInfo.Text)
	}
	test.Type(cs.place, "Sín Chéng")
	test.Type(cs.pass.first, testPass)
	test.Type(cs.pass.again, testPass)
	test.Tap(cs.committee)
	test.Tap(cs.submit)
	site, err = cellStore.Site(ctx)
	if err != nil || site.Role != store.RoleCell || !site.HasCommittee || site.ParentName != "Đảng ủy xã Sín Chéng" {
		t.Fatalf("cell site %+v, %v", site, err)
	}
	if hub, err := cellStore.Hub(ctx); err != nil || hub.Fingerprint != card.fp {
		t.Errorf("pinned hub %+v, %v", hub, err)
	}
	if _, ok := c.current.(*overviewScreen); !ok {
		t.Errorf("cell opens on %T", c.current)
	}
}

func TestSetupRefusesEmptyName(t *testing.T) {
	st := openStore(t)
	s := newTestShell(t, st)
	sc := s.current.(*setupScreen)
	sc.role.SetSelected(roleHubText)
	test.Tap(sc.submit)
	if txt := overlayText(s.win); !strings.Contains(txt, "tên tổ chức") {
		t.Errorf("got dialog %q", txt)
	}
	if _, err := st.Site(context.Background()); !errors.Is(err, store.ErrNotInitialized) {
		t.Errorf("set up anyway: %v", err)
	}
}
