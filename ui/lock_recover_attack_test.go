package ui

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestAttackRecoveryWindowNamesTheCell: the hub's window names the cell
// a request's key belongs to, with its fingerprint, before anything is
// answered, and refuses a request edited to name another cell.
func TestAttackRecoveryWindowNamesTheCell(t *testing.T) {
	cell, hubStore := enrolledCell(t)
	cell.st.Lock()
	u := newUnlock(cell, func() {})
	stick := t.TempDir()
	writeRequest(u, stick)
	closeDialogs(cell.win)
	req := mustGlob(t, stick+"/*.json")[0]
	h := newTestShell(t, hubStore)
	confirmAnswer(h, req)
	site, _ := cell.st.Site(cell.ctx)
	peer, _ := hubStore.Peer(cell.ctx, site.ID)
	if msg := overlayText(h.win); !strings.Contains(msg, "Chi bộ thôn Sín Chéng") || !strings.Contains(msg, peer.Fingerprint) {
		t.Fatalf("the hub is not told whose key it would give back: %s", msg)
	}
	closeDialogs(h.win)

	var m map[string]any
	b, _ := os.ReadFile(req)
	json.Unmarshal(b, &m)
	m["site_id"], m["name"] = "another-cell", "Chi bộ thôn Tả Van"
	b, _ = json.Marshal(m)
	os.WriteFile(req, b, 0o600)
	confirmAnswer(h, req)
	if msg := overlayText(h.win); !strings.Contains(msg, "đã bị sửa") {
		t.Fatalf("an edited request: %s", msg)
	}
}
