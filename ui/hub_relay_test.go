package ui

import (
	"context"
	"strings"
	"testing"

	"chibo/store"
	bundle "chibo/sync"
)

// A commune picks the province's card in the window, relays its cell's
// file with one button, and the province takes the stick after a person
// confirms the commune's fingerprint.
func TestRelayThroughTheWindow(t *testing.T) {
	ctx := context.Background()
	provinceStore, provinceCard := newHub(t)
	communeStore, _ := newHub(t)
	commune := newTestShell(t, communeStore)
	commune.nav.Select(1)
	imp := commune.current.(*hubImportScreen)
	if !imp.relay.button.Disabled() {
		t.Fatal("relay possible before a hub above is chosen")
	}
	imp.relay.confirmCard(provinceCard)
	if txt := overlayText(commune.win); !strings.Contains(txt, "Đọc thành lời:") {
		t.Fatalf("card confirmation %q", txt)
	}
	tapDialogButton(t, commune.win, "Đúng")
	closeDialogs(commune.win)
	if imp.relay.button.Disabled() || !strings.Contains(imp.relay.onward.Text, "Cấp trên nhận chuyển tiếp") {
		t.Fatalf("after pinning: %q", imp.relay.onward.Text)
	}

	c := relayingCard(t, communeStore)
	cellStore := openStore(t)
	keys, _ := bundle.GenerateKeys()
	cellSite, err := cellStore.Init(ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Lao Chải", Keys: keys, Hub: &c.Hub})
	if err != nil {
		t.Fatal(err)
	}
	if err := cellStore.SetOnward(ctx, c.Onward); err != nil {
		t.Fatal(err)
	}
	addMembers(t, cellStore, "Giàng A Páo", "Lù Thị Mai")
	e, err := bundle.Export(ctx, cellStore, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r := bundle.Import(ctx, communeStore, e.Path, bundle.Options{Accept: confirmed(communeStore, e.Path)}); r.Status != bundle.Accepted {
		t.Fatalf("commune import %+v", r)
	}
	stick := t.TempDir()
	imp.relay.relay(stick)
	if !strings.Contains(imp.relay.summary.Text, "Đã ghi 1 tệp của các chi bộ và danh sách 1 chi bộ") {
		t.Fatalf("relay says %q; %s", imp.relay.summary.Text, overlayText(commune.win))
	}

	province := newTestShell(t, provinceStore)
	province.nav.Select(1)
	pimp := province.current.(*hubImportScreen)
	pimp.run(stick)
	if txt := overlayText(province.win); !strings.Contains(txt, "lần đầu chuyển tiếp dữ liệu") {
		t.Fatalf("province asks %q", txt)
	}
	tapDialogButton(t, province.win, "Đúng, nhận dữ liệu")
	if !strings.Contains(pimp.status.Text, "2 tệp đã nhận") {
		t.Fatalf("province status %q", pimp.status.Text)
	}
	ms, err := provinceStore.Members(ctx, cellSite.ID, "")
	if err != nil || len(ms) != 2 {
		t.Fatalf("province members %d, %v", len(ms), err)
	}
}
