package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/mailbox"
	"chibo/mailbox/carrier"
	"chibo/mailbox/client"
	"chibo/store"
	bundle "chibo/sync"
)

func init() {
	autoNet = false // each test drives the exchange itself
	carrier.Patience = time.Second
}

// startTestMailbox runs a mailbox in the test over TLS and returns its
// address and pin.
func startTestMailbox(t *testing.T) (string, string) {
	t.Helper()
	srv, err := mailbox.New(mailbox.Config{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.StartTLS()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	sum := sha256.Sum256(ts.Certificate().RawSubjectPublicKeyInfo)
	return ts.URL, "sha256:" + hex.EncodeToString(sum[:])
}

// netCellAndHub is a hub registered at a mailbox and a cell set up from
// its card, which names the mailbox.
func netCellAndHub(t *testing.T, url, pin string) (*shell, *shell) {
	t.Helper()
	hubStore, _ := newHub(t)
	if _, err := carrier.Use(context.Background(), hubStore, url, pin); err != nil {
		t.Fatal(err)
	}
	return netCellAndHubFrom(t, hubStore)
}

// netCellAndHubFrom sets a cell up from the card of a hub with a mailbox.
func netCellAndHubFrom(t *testing.T, hubStore *store.Store) (*shell, *shell) {
	t.Helper()
	ctx := context.Background()
	card := filepath.Join(t.TempDir(), "card.json")
	if err := bundle.WriteHubCard(ctx, hubStore, card); err != nil {
		t.Fatal(err)
	}
	c, err := bundle.ReadCard(card)
	if err != nil || len(c.Mailboxes) != 1 {
		t.Fatalf("card mailboxes %+v, %v", c.Mailboxes, err)
	}
	cellStore := openStore(t)
	keys, _ := bundle.GenerateKeys()
	if _, err := cellStore.Init(ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Lao Chải",
		Keys: keys, Hub: &c.Hub, Mailboxes: c.Mailboxes}); err != nil {
		t.Fatal(err)
	}
	addMembers(t, cellStore, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ")
	return newTestShell(t, cellStore), newTestShell(t, hubStore)
}

// TestNetworkSendAndFetch: "Gửi qua mạng" on the cell, "Nhận qua mạng"
// on the hub with the new cell's fingerprint asked as for a stick, and
// the hub's acknowledgement back on the cell's next "Gửi qua mạng".
func TestNetworkSendAndFetch(t *testing.T) {
	url, pin := startTestMailbox(t)
	cell, hub := netCellAndHub(t, url, pin)
	cell.nav.Select(3)
	send := cell.current.(*sendScreen)
	test.Tap(send.netButton)
	if !strings.Contains(send.result.Text, "Đã gửi qua mạng 1 tệp") {
		t.Fatalf("send says %q; dialog %s", send.result.Text, overlayText(cell.win))
	}
	if !strings.Contains(send.net.label.Text, "thành công gần nhất") || !strings.Contains(send.net.label.Text, "Còn chờ:") {
		t.Fatalf("status %q", send.net.label.Text)
	}
	closeDialogs(cell.win)

	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)
	test.Tap(imp.netButton)
	if txt := overlayText(hub.win); !strings.Contains(txt, "lần đầu gửi dữ liệu") {
		t.Fatalf("no fingerprint question: %q (status %q)", txt, imp.status.Text)
	}
	tapDialogButton(t, hub.win, "Đúng, nhận dữ liệu")
	if !strings.Contains(imp.status.Text, "1 tệp đã nhận") || !strings.Contains(imp.status.Text, "Đã gửi qua mạng 1 tệp xác nhận") {
		t.Fatalf("hub status %q; dialog %s", imp.status.Text, overlayText(hub.win))
	}
	test.Tap(imp.netButton)
	if !strings.Contains(imp.status.Text, "Không có tệp nào đang chờ") {
		t.Fatalf("second fetch: %q", imp.status.Text)
	}

	test.Tap(send.netButton)
	if !strings.Contains(send.result.Text, "Đã nhận xác nhận") || !strings.Contains(send.net.label.Text, "Không còn gì chờ") {
		t.Fatalf("cell after the ack: %q / %q", send.result.Text, send.net.label.Text)
	}
}

// TestNetworkRefusalsInVietnamese: what the window says when the mailbox
// cannot be reached, or knows no such hub.
func TestNetworkRefusalsInVietnamese(t *testing.T) {
	url, pin := startTestMailbox(t)
	tests := []struct {
		name string
		url  string
		want string
	}{
		{"hub not registered", url, "chưa đăng ký ở hộp thư này"},
		{"nothing listening", "https://127.0.0.1:1", "Không kết nối được với hộp thư"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cell := newCellShell(t)
			if err := cell.st.AddMailbox(cell.ctx, store.Mailbox{URL: tc.url, Pin: pin}); err != nil {
				t.Fatal(err)
			}
			cell.nav.Select(3)
			send := cell.current.(*sendScreen)
			test.Tap(send.netButton)
			if txt := overlayText(cell.win); !strings.Contains(txt, tc.want) {
				t.Fatalf("dialog %q, want %q", txt, tc.want)
			}
			if !strings.Contains(send.result.Text, "Chưa gửi được qua mạng") {
				t.Fatalf("result %q", send.result.Text)
			}
		})
	}
}

// TestNetworkSettings: a hub adds its mailbox in the settings, and turns
// automatic sending off.
func TestNetworkSettings(t *testing.T) {
	url, pin := startTestMailbox(t)
	hubStore, _ := newHub(t)
	hub := newTestShell(t, hubStore)
	card := networkCard(hub)
	entries := netEntries(card)
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	test.Type(entries[0], url)
	test.Type(entries[1], pin)
	netTap(t, card, "Thêm hộp thư")
	ms, err := hubStore.Mailboxes(hub.ctx)
	if err != nil || len(ms) != 1 || ms[0].URL != url {
		t.Fatalf("mailboxes %+v, %v; dialog %s", ms, err, overlayText(hub.win))
	}
	test.Type(entries[0], "https://example")
	netTap(t, card, "Thêm hộp thư")
	if txt := overlayText(hub.win); !strings.Contains(txt, "mã ghim") {
		t.Fatalf("a bad address: %q", txt)
	}
	closeDialogs(hub.win)
	netTapCheck(t, card, "Tự động gửi khi có mạng")
	if s, _ := carrier.ReadStatus(hub.ctx, hubStore); s.Auto {
		t.Fatal("automatic sending still on")
	}
}

func netEntries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	for _, x := range test.LaidOutObjects(o) {
		if e, ok := x.(*widget.Entry); ok {
			out = append(out, e)
		}
	}
	return out
}

func netTap(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q", text)
}

func netTapCheck(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if c, ok := x.(*widget.Check); ok && c.Text == text {
			test.Tap(c)
			return
		}
	}
	t.Fatalf("no check %q", text)
}

// TestHubRunsLANMailbox: "Chạy hộp thư trên máy này" starts a mailbox in
// the hub's window and registers the hub there; a cell on the same
// network then sends to it.
func TestHubRunsLANMailbox(t *testing.T) {
	hubStore, _ := newHub(t)
	hub := newTestShell(t, hubStore)
	t.Cleanup(hub.net.stopLAN)
	card := networkCard(hub)
	netTap(t, card, "Chạy hộp thư trên máy này")
	ms, err := hubStore.Mailboxes(hub.ctx)
	if err != nil || len(ms) != 1 || !strings.HasPrefix(ms[0].URL, "https://") {
		t.Fatalf("mailboxes %+v, %v; dialog %s", ms, err, overlayText(hub.win))
	}
	cell, _ := netCellAndHubFrom(t, hubStore)
	cell.nav.Select(3)
	send := cell.current.(*sendScreen)
	test.Tap(send.netButton)
	if !strings.Contains(send.result.Text, "Đã gửi qua mạng 1 tệp") {
		t.Fatalf("send to the LAN mailbox: %q; dialog %s", send.result.Text, overlayText(cell.win))
	}
}

// TestEveryNetworkRefusalHasVietnamese: each kind of refusal the client
// reports has its own sentence in the window.
func TestEveryNetworkRefusalHasVietnamese(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range netMessages {
		if m.msg == "" || seen[m.msg] {
			t.Fatalf("%v: empty or repeated message", m.err)
		}
		seen[m.msg] = true
		if got := message(fmt.Errorf("send: %w", m.err)); got != m.msg {
			t.Fatalf("%v reads %q", m.err, got)
		}
	}
	for _, err := range []error{client.ErrRevoked, client.ErrDiskFull, client.ErrQuota, client.ErrRateLimited, client.ErrForbidden,
		client.ErrWrongKey, client.ErrNotFound} {
		if networkMessage(&client.Error{Status: 403, Code: codeOf(err)}) == "" {
			t.Fatalf("no Vietnamese for %v", err)
		}
	}
}

// codeOf finds the protocol code of a client error kind.
func codeOf(kind error) string {
	for _, c := range []string{"revoked", "disk-full", "quota", "rate-limited", "forbidden", "wrong-key", "not-found"} {
		if errors.Is(&client.Error{Code: c}, kind) {
			return c
		}
	}
	return ""
}
