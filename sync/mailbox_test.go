package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chibo/store"
)

var testMailbox = store.Mailbox{URL: "https://mailbox.example:8443", Pin: "sha256:" + strings.Repeat("ab", 32), Source: store.MailboxOwn}

// TestCardNamesMailboxes: a hub's card carries its mailboxes signed; a
// changed address breaks the signature, and a cell set up from the card
// tries them.
func TestCardNamesMailboxes(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	if err := hub.st.AddMailbox(ctx, testMailbox); err != nil {
		t.Fatal(err)
	}
	b, err := CardBytes(ctx, hub.st)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCard(b)
	if err != nil || len(c.Mailboxes) != 1 || c.Mailboxes[0].URL != testMailbox.URL || c.Mailboxes[0].Source != store.MailboxFromHub {
		t.Fatalf("card mailboxes %+v, %v", c.Mailboxes, err)
	}
	forged := bytes.Replace(b, []byte("mailbox.example"), []byte("attacker.example"), 1)
	if _, err := ParseCard(forged); !errorsIs(err, ErrBadSignature) {
		t.Fatalf("forged mailbox accepted: %v", err)
	}
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	if _, err := cell.st.SetHubMailboxes(ctx, c.Mailboxes, ""); err != nil {
		t.Fatal(err)
	}
	ms, err := cell.st.Mailboxes(ctx)
	if err != nil || len(ms) != 1 || ms[0].Pin != testMailbox.Pin {
		t.Fatalf("cell mailboxes %+v, %v", ms, err)
	}
}

// TestAckCarriesMailboxes: a hub that changes its mailbox tells its cells
// in the next acknowledgement (1.5); an older ack read later changes
// nothing back.
func TestAckCarriesMailboxes(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 2, 0)
	if r := importNew(ctx, hub.st, export(t, cell).Path); r.Status != Accepted {
		t.Fatalf("import: %+v", r)
	}
	old := ackFiles(t, hub)
	if err := hub.st.AddMailbox(ctx, testMailbox); err != nil {
		t.Fatal(err)
	}
	newer := ackFiles(t, hub)
	if r := Import(ctx, cell.st, newer[0].Path, Options{}); r.Status != Accepted {
		t.Fatalf("ack: %+v", r)
	}
	if newer[0].Digest == old[0].Digest || newer[0].To != cell.id {
		t.Fatalf("a changed ack kept its digest: %+v %+v", old[0], newer[0])
	}
	if again := ackFiles(t, hub); again[0].Digest != newer[0].Digest {
		t.Fatal("an unchanged ack changed its digest")
	}
	// The old ack (no mailbox) arrives late: the list stays.
	if r := Import(ctx, cell.st, old[0].Path, Options{}); r.Status != Accepted && r.Status != Duplicate {
		t.Fatalf("old ack: %+v", r)
	}
	ms, err := cell.st.Mailboxes(ctx)
	if err != nil || len(ms) != 1 || ms[0].URL != testMailbox.URL || ms[0].Source != store.MailboxFromHub {
		t.Fatalf("cell mailboxes %+v, %v", ms, err)
	}
}

func ackFiles(t *testing.T, hub *site) []Exported {
	t.Helper()
	xs, err := ExportAcks(context.Background(), hub.st, t.TempDir())
	if err != nil || len(xs) != 1 {
		t.Fatalf("acks %+v, %v", xs, err)
	}
	return xs
}

// TestMailboxRoster: the roster a mailbox keeps names cells by id and
// signing key only, and only the hub's signature makes it one.
func TestMailboxRoster(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 1, 0)
	if r := importNew(ctx, hub.st, export(t, cell).Path); r.Status != Accepted {
		t.Fatalf("import: %+v", r)
	}
	b, err := MailboxRoster(ctx, hub.st)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("Lao Chải")) || bytes.Contains(b, []byte("age1")) {
		t.Fatalf("roster names more than ids and keys: %s", b)
	}
	hubPeer := hubCardOf(t, hub)
	r, err := ParseMailboxRoster(b, hub.id, hubPeer.SignPub)
	if err != nil || len(r.Cells) != 1 || r.Cells[cell.id] == nil {
		t.Fatalf("roster %+v, %v", r, err)
	}
	tests := []struct {
		name string
		edit func([]byte) []byte
		hub  string
		want error
	}{
		{"another hub's id", func(b []byte) []byte { return b }, "other", ErrDamaged},
		{"a cell added", func(b []byte) []byte { return bytes.Replace(b, []byte(cell.id), []byte(hub.id), 1) }, hub.id, ErrBadSignature},
		{"not json", func([]byte) []byte { return []byte("{") }, hub.id, ErrDamaged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseMailboxRoster(tc.edit(bytes.Clone(b)), tc.hub, hubPeer.SignPub); !errorsIs(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func hubCardOf(t *testing.T, hub *site) store.Peer {
	t.Helper()
	b, err := CardBytes(context.Background(), hub.st)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCard(b)
	if err != nil {
		t.Fatal(err)
	}
	return c.Hub
}

// TestBundleHeaderWithoutKey: what a mailbox checks with no key at all.
func TestBundleHeaderWithoutKey(t *testing.T) {
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 2, 1)
	b, err := os.ReadFile(export(t, cell).Path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ReadBundleHeader(b[:HeaderMaxSize])
	if err != nil || h.FileSize != int64(len(b)) || h.Major != formatMajor {
		t.Fatalf("header %+v, %v (file %d bytes)", h, err, len(b))
	}
	if err := CheckBundleFile(bytes.NewReader(b), int64(len(b))); err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(b)
	flipped[len(flipped)-1] ^= 1
	if err := CheckBundleFile(bytes.NewReader(flipped), int64(len(flipped))); !errorsIs(err, ErrDamaged) {
		t.Fatalf("flipped byte: %v", err)
	}
	if _, err := ReadBundleHeader(bytes.Repeat([]byte{0x5a}, 1024)); !errorsIs(err, ErrNotBundle) {
		t.Fatalf("garbage: %v", err)
	}
}

// TestCheckMailboxAddr names what an address must be.
func TestCheckMailboxAddr(t *testing.T) {
	pin := testMailbox.Pin
	tests := []struct {
		name string
		a    MailboxAddr
		ok   bool
	}{
		{"https with pin", MailboxAddr{"https://10.0.0.2:8443", pin}, true},
		{"plain http on a LAN", MailboxAddr{"http://192.168.1.10:8080", ""}, true},
		{"https without pin", MailboxAddr{"https://10.0.0.2:8443", ""}, false},
		{"upper-case pin", MailboxAddr{"https://10.0.0.2:8443", strings.ToUpper(pin)}, false},
		{"http with a pin", MailboxAddr{"http://10.0.0.2", pin}, false},
		{"ftp", MailboxAddr{"ftp://10.0.0.2", ""}, false},
		{"user in url", MailboxAddr{"https://a:b@10.0.0.2", pin}, false},
		{"no host", MailboxAddr{"https:///x", pin}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := CheckMailboxAddr(tc.a); (err == nil) != tc.ok {
				t.Fatalf("got %v", err)
			}
		})
	}
}

// TestGoldenAckMailboxes reads the 1.5 golden acknowledgement: a hub's
// ack naming a mailbox. CHIBO_WRITE_GOLDEN=1 writes it with the bundle.
func TestGoldenAckMailboxes(t *testing.T) {
	dir := filepath.Join("testdata", "golden", "v1.5")
	if os.Getenv("CHIBO_WRITE_GOLDEN") != "" && goldenName() == "v1.5" {
		writeGoldenAck(t, dir)
	}
	b, err := os.ReadFile(filepath.Join(dir, "ack.chibo"))
	if err != nil {
		t.Fatal(err)
	}
	id, _ := os.ReadFile(filepath.Join(dir, "cell-identity.txt"))
	p, err := openBundle(b, mustIdentity(t, string(trimNL(id))))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkSignature(p); err != nil {
		t.Fatal(err)
	}
	a, err := checkAck(p)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := mailboxesOf(a.Mailboxes)
	if err != nil || len(ms) != 1 || ms[0].URL != testMailbox.URL || p.manifest.Format.Minor != 5 {
		t.Fatalf("golden ack mailboxes %+v, %v", ms, err)
	}
}

func writeGoldenAck(t *testing.T, dir string) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 1, 0)
	if r := importNew(ctx, hub.st, export(t, cell).Path); r.Status != Accepted {
		t.Fatalf("import: %+v", r)
	}
	if err := hub.st.AddMailbox(ctx, testMailbox); err != nil {
		t.Fatal(err)
	}
	x := ackFiles(t, hub)[0]
	b, _ := os.ReadFile(x.Path)
	keys, _ := cell.st.Keys(ctx)
	if _, err := os.Stat(filepath.Join(dir, "ack.chibo")); err == nil {
		t.Fatalf("%s holds an ack: a released golden bundle is never overwritten", dir)
	}
	for name, data := range map[string][]byte{"ack.chibo": b, "cell-identity.txt": []byte(keys.AgeIdentity + "\n")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	js, _ := json.Marshal(x)
	t.Logf("wrote %s", js)
}
