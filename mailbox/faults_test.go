package mailbox_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"chibo/mailbox/client"
	"chibo/mailbox/proto"
	"chibo/store"
)

// pair is a hub and one of its cells, both using one mailbox, the cell
// holding the demo's book (25 members, 15 meetings).
type pair struct {
	w          world
	mb         *proc
	hub, cell  string
	hubID      string
	cellID     string
	mailboxURL string // what the sites use: the mailbox, or a proxy before it
	pin        string
}

// newPair sets the pair up; url, when not "", is the address the sites
// use instead of the mailbox's own (a proxy in front of it).
func newPair(t *testing.T, mb *proc, via string) pair {
	t.Helper()
	w := world{t, t.TempDir()}
	p := pair{w: w, mb: mb, mailboxURL: mb.URL, pin: mb.Pin}
	if via != "" {
		p.mailboxURL = via
	}
	p.hub = w.hub("hub", "Đảng ủy xã Tả Van")
	mustChibo(t, "mailbox-use", "--data", p.hub, "--url", p.mailboxURL, "--pin", p.pin)
	p.cell = w.path("cell")
	mustChibo(t, "demo", "--data", p.cell, "--hub-card", w.card(p.hub))
	p.hubID, p.cellID = siteID(t, p.hub), siteID(t, p.cell)
	return p
}

// enroll carries the cell's first bundle and the hub's answer, so the
// cell is on the hub's roster at the mailbox.
func (p pair) enroll(t *testing.T) {
	t.Helper()
	mustChibo(t, "send", "--data", p.cell)
	fetch(t, p.hub, fingerprintOf(t, p.cell))
	mustChibo(t, "send", "--data", p.hub)
	fetch(t, p.cell)
}

// another adds a meeting to the cell's book: a new bundle to carry.
func (p pair) another(t *testing.T, month int) {
	t.Helper()
	st := open(t, p.cell)
	defer st.Close()
	m, err := st.NewMeeting(context.Background(), store.MeetingThematic, fmt.Sprintf("2026-%02d-20", month))
	if err != nil {
		t.Fatal(err)
	}
	// A topic is one line (store/entities.go caps it); the bulk goes in the resolution.
	m.Topic = fmt.Sprintf("Chuyên đề %d: học tập và làm theo tư tưởng Hồ Chí Minh", month)
	m.Resolution = strings.Repeat("học tập và làm theo tư tưởng Hồ Chí Minh; ", 40)
	if _, err := st.SaveMeeting(context.Background(), m); err != nil {
		t.Fatal(err)
	}
}

// same checks that the hub holds exactly the cell's book.
func (p pair) same(t *testing.T) {
	t.Helper()
	got, want := recordsOf(t, p.hub, p.cellID), recordsOf(t, p.cell, "")
	if !reflect.DeepEqual(got.members, want.members) || !reflect.DeepEqual(got.meetings, want.meetings) {
		t.Fatalf("the hub holds %d members and %d meetings of the cell, the cell %d and %d",
			len(got.members), len(got.meetings), len(want.members), len(want.meetings))
	}
}

// accepted counts the "accepted" lines of a fetch and fails on a
// duplicate: every file carried once must be imported once.
func accepted(t *testing.T, out string) int {
	t.Helper()
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		switch {
		case strings.Contains(l, ": accepted:"):
			n++
		case strings.Contains(l, ": duplicate:"):
			t.Fatalf("a file arrived twice: %s", l)
		}
	}
	return n
}

// TestUploadCutAtEveryTenth: the connection drops after 10 %, 20 % …
// 90 % of a cell's upload; chibo send resumes where it stopped and the
// hub gets every change once.
func TestUploadCutAtEveryTenth(t *testing.T) {
	mb := startMailbox(t, t.TempDir(), "--plain-http")
	px := newProxy(t, strings.TrimPrefix(mb.URL, "http://"))
	p := newPair(t, mb, "http://"+px.addr())
	p.enroll(t)
	for k := 1; k <= 9; k++ {
		p.another(t, k)
		px.armCut(cutRule{prefix: []byte("PUT /v1/deposits/"), frac: float64(k) / 10})
		out := mustChibo(t, "send", "--data", p.cell)
		if int(px.cuts.Load()) != k {
			t.Fatalf("cut %d%%: the proxy cut %d uploads so far, want %d (%s)", k*10, px.cuts.Load(), k, out)
		}
		if n := accepted(t, fetch(t, p.hub)); n != 1 {
			t.Fatalf("cut %d%%: the hub accepted %d files, want 1", k*10, n)
		}
		mustChibo(t, "send", "--data", p.hub)
		fetch(t, p.cell)
	}
	p.same(t)
}

// TestDownloadCutAtEveryTenth: the hub's download drops after 10 % …
// 90 %; chibo fetch resumes it (Range) and imports each file once.
func TestDownloadCutAtEveryTenth(t *testing.T) {
	mb := startMailbox(t, t.TempDir(), "--plain-http")
	px := newProxy(t, strings.TrimPrefix(mb.URL, "http://"))
	p := newPair(t, mb, "http://"+px.addr())
	p.enroll(t)
	for k := 1; k <= 9; k++ {
		p.another(t, k)
		mustChibo(t, "send", "--data", p.cell)
		px.armCut(cutRule{prefix: []byte("GET /v1/inbox/"), frac: float64(k) / 10, down: true})
		out, errOut, code := chibo(t, "fetch", "--data", p.hub)
		if n := accepted(t, out); code != 0 || n != 1 {
			t.Fatalf("cut %d%%: the hub accepted %d files, want 1 (exit %d)\n%s%s", k*10, n, code, out, errOut)
		}
		if int(px.cuts.Load()) != k {
			t.Fatalf("cut %d%%: the proxy cut %d downloads so far, want %d", k*10, px.cuts.Load(), k)
		}
		mustChibo(t, "send", "--data", p.hub)
		fetch(t, p.cell)
	}
	p.same(t)
}

// TestMailboxKilledMidUpload: the mailbox dies (SIGKILL) while a cell's
// upload crawls over a slow link, and comes back on the same port; the
// send finishes and the hub gets every change once.
func TestMailboxKilledMidUpload(t *testing.T) {
	dir := t.TempDir()
	mb := startMailbox(t, dir)
	px := newProxy(t, strings.TrimPrefix(mb.URL, "https://"))
	px.rate = 8 << 10 // 64 kbit/s: the demo's first bundle takes seconds
	p := newPair(t, mb, "https://"+px.addr())
	done := make(chan string, 1)
	go func() {
		out, errOut, code := chibo(t, "send", "--data", p.cell)
		done <- fmt.Sprintf("exit %d\n%s%s", code, out, errOut)
	}()
	waitFor(t, func() bool { return len(partials(dir)) > 0 })
	mb.kill()
	mb.restart()
	if res := <-done; !strings.HasPrefix(res, "exit 0") {
		t.Fatalf("send after the restart: %s", res)
	}
	if n := accepted(t, fetch(t, p.hub, fingerprintOf(t, p.cell))); n != 1 {
		t.Fatalf("the hub accepted %d files, want 1", n)
	}
	p.same(t)
}

// partials lists the uploads a mailbox store holds unfinished.
func partials(dir string) []string {
	out, _ := filepath.Glob(filepath.Join(dir, "uploads", "*", "*", "*", "data"))
	var some []string
	for _, f := range out {
		if fi, err := os.Stat(f); err == nil && fi.Size() > 0 {
			some = append(some, f)
		}
	}
	return some
}

// TestReplayedRequest: a signed request sent twice is refused the second
// time, and so is one signed too long ago.
func TestReplayedRequest(t *testing.T) {
	mb := startMailbox(t, t.TempDir())
	p := newPair(t, mb, "")
	p.enroll(t)
	key := signingKey(t, p.cell)
	req := signedGet(t, mb, p.cellID, key, 0)
	first, err := pinnedClient(t, mb).Do(req.clone())
	if err != nil || first.StatusCode != 200 {
		t.Fatalf("first: %v %v", first, err)
	}
	again, err := pinnedClient(t, mb).Do(req.clone())
	if err != nil {
		t.Fatal(err)
	}
	if e := problemOf(again); again.StatusCode != 401 || e.Code != "replay" {
		t.Fatalf("replay: %d %+v", again.StatusCode, e)
	}
	stale, err := pinnedClient(t, mb).Do(signedGet(t, mb, p.cellID, key, -10*60).clone())
	if err != nil {
		t.Fatal(err)
	}
	if e := problemOf(stale); stale.StatusCode != 401 || e.Code != "clock" {
		t.Fatalf("stale: %d %+v", stale.StatusCode, e)
	}
	if !strings.Contains(readLog(mb), `"code":"replay"`) {
		t.Fatal("the replay is not in the mailbox's log")
	}
}

// TestCellStaysInItsOwnBox: a cell cannot take another cell's replies,
// nor speak as it, nor deposit for a hub that is not its own.
func TestCellStaysInItsOwnBox(t *testing.T) {
	mb := startMailbox(t, t.TempDir())
	a := newPair(t, mb, "")
	a.enroll(t)
	// A second cell of the same hub, with a reply waiting for it.
	b := a
	b.cell = a.w.path("cell-b")
	mustChibo(t, "demo", "--data", b.cell, "--hub-card", a.w.card(a.hub))
	b.cellID = siteID(t, b.cell)
	b.enroll(t)
	b.another(t, 1)
	mustChibo(t, "send", "--data", b.cell)
	fetch(t, a.hub)
	mustChibo(t, "send", "--data", a.hub) // a reply for b waits now
	// Another hub with its own cell.
	other := newPair(t, mb, "")
	other.enroll(t)

	ctx := context.Background()
	keyA := signingKey(t, a.cell)
	asA := clientFor(t, mb, a.cellID, keyA)
	items, err := asA.Inbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.To != a.cellID {
			t.Fatalf("cell a sees %s's file", it.To)
		}
	}
	tests := []struct {
		name string
		do   func() error
		want error
	}{
		{"take b's replies speaking as b", func() error { _, err := clientFor(t, mb, b.cellID, keyA).Inbox(ctx); return err }, client.ErrWrongKey},
		{"take b's reply by its path", func() error {
			return asA.Download(ctx, proto.Item{From: a.hubID, Name: replyName(t, b), SHA256: strings.Repeat("0", 64), Size: 10}, filepath.Join(t.TempDir(), "x"))
		}, client.ErrNotFound},
		{"deposit for another hub", func() error {
			_, err := asA.Deposit(ctx, other.hubID, "01a24b4f-6e19-7f35-877d-ba0a38821e39.chibo", fakeBundle(t, 2000))
			return err
		}, client.ErrForbidden},
		{"deposit for another cell", func() error {
			_, err := asA.Deposit(ctx, b.cellID, "01a24b4f-6e19-7f35-877d-ba0a38821e39.chibo", fakeBundle(t, 2000))
			return err
		}, client.ErrNotRegistered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.do(); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	if out := fetch(t, b.cell); accepted(t, out) != 1 {
		t.Fatalf("b's own reply did not reach it: %s", out)
	}
}

// TestRevokedLaptop: once the hub revokes a cell's key, the mailbox
// refuses that laptop, and says so.
func TestRevokedLaptop(t *testing.T) {
	mb := startMailbox(t, t.TempDir())
	p := newPair(t, mb, "")
	p.enroll(t)
	mustChibo(t, "revoke", "--data", p.hub, "--cell", p.cellID, "--reason", "máy bị mất")
	mustChibo(t, "send", "--data", p.hub) // the roster now names the key revoked
	p.another(t, 1)
	for _, cmd := range []string{"send", "fetch"} {
		_, errOut, code := chibo(t, cmd, "--data", p.cell)
		if code == 0 || !strings.Contains(errOut, "revoked this laptop's key") {
			t.Fatalf("%s from a revoked laptop: exit %d, %s", cmd, code, errOut)
		}
	}
}

// TestGarbageUpload10MB: 10 MB that are not a bundle are refused after
// the first kilobyte, from an enrolled cell and from a stranger alike,
// and nothing of them is kept.
func TestGarbageUpload10MB(t *testing.T) {
	dir := t.TempDir()
	mb := startMailbox(t, dir)
	p := newPair(t, mb, "")
	p.enroll(t)
	junk := filepath.Join(t.TempDir(), "01a24b4f-6e19-7f35-877d-ba0a38821e39.chibo")
	b := make([]byte, 10<<20)
	_, _ = rand.Read(b)
	if err := os.WriteFile(junk, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, stranger, _ := ed25519.GenerateKey(rand.Reader)
	tests := []struct {
		name string
		c    *client.Client
		want error
		says string
	}{
		{"enrolled cell", clientFor(t, mb, p.cellID, signingKey(t, p.cell)), client.ErrNotBundle, "not a chibo bundle"},
		// A stranger may leave only a little, so the size alone stops it.
		{"stranger", clientFor(t, mb, "01a24b4f-0000-7000-8000-000000000001", stranger), client.ErrQuota, "not yet enrolled may leave only a little"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The mailbox answers after the first kilobyte and closes while
			// the laptop still writes: on a busy machine the close can reset
			// the connection before the answer is read, and the client tries
			// again. Patience enough for a few tries keeps this test about
			// the refusal, not about the scheduler.
			tc.c.Patience = 20 * time.Second
			_, err := tc.c.Deposit(context.Background(), p.hubID, filepath.Base(junk), junk)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("got %v", err)
			}
			if left := append(partials(dir), waitingFiles(t, dir)...); len(left) > 0 {
				t.Fatalf("the mailbox kept %v", left)
			}
		})
	}
}

// fakeBundle writes a file shaped like a bundle (a valid clear header as
// sync/doc.go describes it, random bytes as its ciphertext): what a
// mailbox, which opens nothing, cannot tell from a real one.
func fakeBundle(t testing.TB, size int) string {
	t.Helper()
	ct := make([]byte, size)
	_, _ = rand.Read(ct)
	sum := sha256.Sum256(ct)
	head := fmt.Sprintf("CHIBO-BUNDLE\nformat 1.5\nlength %d\nsha256 %s\n", len(ct), hex.EncodeToString(sum[:]))
	check := sha256.Sum256([]byte(head))
	head += "check " + hex.EncodeToString(check[:])[:16] + "\n"
	name := fmt.Sprintf("01a24b4f-%04x-7000-8000-%012x.chibo", size%0xffff, randInt())
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, append([]byte(head), ct...), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func randInt() uint64 {
	var b [6]byte
	_, _ = rand.Read(b[:])
	n := uint64(0)
	for _, x := range b {
		n = n<<8 | uint64(x)
	}
	return n
}

// replyName is the name of the file waiting for a pair's cell.
func replyName(t *testing.T, p pair) string {
	t.Helper()
	items, err := clientFor(t, p.mb, p.cellID, signingKey(t, p.cell)).Inbox(context.Background())
	if err != nil || len(items) == 0 {
		t.Fatalf("nothing waits for %s: %v", p.cellID, err)
	}
	return items[0].Name
}

// TestBacklogOverALinkThatKeepsDropping: a 2 MB backlog over a link that
// drops every connection after 256 KB still gets through in one send:
// each attempt resumes where the last stopped, and patience counts from
// the last progress, not from the start.
func TestBacklogOverALinkThatKeepsDropping(t *testing.T) {
	mb := startMailbox(t, t.TempDir())
	px := newProxy(t, strings.TrimPrefix(mb.URL, "https://"))
	px.cutEvery = 256 << 10
	p := newPair(t, mb, "")
	p.enroll(t)
	c, err := client.New("https://"+px.addr(), mb.Pin, p.cellID, signingKey(t, p.cell))
	if err != nil {
		t.Fatal(err)
	}
	c.Patience = 3 * time.Second // less than the whole upload's retries take
	file := fakeBundle(t, 2<<20)
	state, err := c.Deposit(context.Background(), p.hubID, filepath.Base(file), file)
	if err != nil || state != proto.StateComplete {
		t.Fatalf("deposit over a dropping link: %q, %v", state, err)
	}
	if px.cuts.Load() < 7 {
		t.Fatalf("the link dropped only %d times", px.cuts.Load())
	}
	items, err := clientFor(t, mb, p.hubID, signingKey(t, p.hub)).Inbox(context.Background())
	if err != nil || len(items) != 1 || items[0].Size != fileSizeOf(t, file) {
		t.Fatalf("the hub sees %+v, %v", items, err)
	}
}

func fileSizeOf(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
