package mailbox_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chibo/mailbox"
	"chibo/mailbox/client"
	"chibo/store"
	chibosync "chibo/sync"
)

// TestDiskFull: the mailbox's disk fills during a cell's upload (a
// 256 KiB tmpfs, or the store's quota where mounting is not allowed);
// the cell is told plainly, loses nothing, and its next send goes
// through once there is room.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	filler := filepath.Join(dir, "filler")
	var env []string
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir).Run(); err == nil {
		t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	} else {
		env = []string{mailbox.QuotaEnv + "=16384"}
	}
	mb := &proc{t: t, dir: dir, listen: "127.0.0.1:0", env: env}
	mb.start()
	t.Cleanup(mb.stop)
	p := newPair(t, mb, "")
	if env == nil { // fill the tmpfs but for 8 KiB: less than the cell's first bundle
		var st syscallStatfs
		free := freeBytes(t, dir, &st)
		if err := os.WriteFile(filler, make([]byte, max(free-8<<10, 0)), 0o600); err != nil && !strings.Contains(err.Error(), "no space") {
			t.Fatal(err)
		}
	}
	_, errOut, code := chibo(t, "send", "--data", p.cell)
	if code == 0 || !strings.Contains(errOut, "disk is full") {
		t.Fatalf("send to a full mailbox: exit %d, %s", code, errOut)
	}
	if len(waitingFiles(t, dir)) != 0 {
		t.Fatal("a deposit was shown to the hub from a full disk")
	}
	os.Remove(filler)
	if env != nil { // a quota cannot be lifted but by a restart
		mb.stop()
		mb.env = nil
		mb.restart()
	}
	mustChibo(t, "send", "--data", p.cell)
	if n := accepted(t, fetch(t, p.hub, fingerprintOf(t, p.cell))); n != 1 {
		t.Fatalf("the hub accepted %d files, want 1", n)
	}
	p.same(t)
}

// TestThousandUploadsInAMinute: one cell's laptop, broken or hostile,
// fires 1,000 deposits at once. The mailbox takes what its rate allows,
// answers the rest "too many requests" with Retry-After, keeps nothing
// twice, still serves the hub meanwhile, and the laptop's real send
// goes through afterwards.
func TestThousandUploadsInAMinute(t *testing.T) {
	mb := startMailbox(t, t.TempDir())
	p := newPair(t, mb, "")
	p.enroll(t)
	c := clientFor(t, mb, p.cellID, signingKey(t, p.cell))
	c.Patience = time.Millisecond // no retries: count every refusal
	// The cell's enrolment took a few tokens from its bucket moments ago
	// (the mailbox logs each request): the flood starts with fewer than a
	// full burst, refilled at CellRate since.
	used := int32(strings.Count(readLog(mb), `"site":"`+p.cellID+`"`))
	files := make([]string, 1000)
	for i := range files {
		files[i] = fakeBundle(t, 512)
	}
	var ok, limited, quota atomic.Int32
	var odd sync.Map
	start := time.Now()
	var wg sync.WaitGroup
	next := atomic.Int32{}
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				_, err := c.Deposit(context.Background(), p.hubID, filepath.Base(files[i]), files[i])
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, client.ErrRateLimited) && strings.Contains(err.Error(), "wait and send again"):
					limited.Add(1)
				case errors.Is(err, client.ErrQuota):
					quota.Add(1)
				default:
					odd.Store(err.Error(), true)
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	odd.Range(func(k, _ any) bool { t.Errorf("unexpected refusal: %v", k); return true })
	t.Logf("1,000 deposits in %v: %d taken, %d rate-limited, %d over the waiting cap (%d tokens used before)", took.Round(time.Millisecond), ok.Load(), limited.Load(), quota.Load(), used)
	limits := mailbox.DefaultLimits
	least := int32(limits.CellBurst) - used
	most := int32(limits.CellBurst) + int32(took.Seconds()*float64(limits.CellRate)) + 2
	if ok.Load() < least || ok.Load() > most || limited.Load() == 0 || took > time.Minute {
		t.Fatalf("taken %d (want %d..%d), limited %d, in %v", ok.Load(), least, most, limited.Load(), took)
	}
	hubC := clientFor(t, mb, p.hubID, signingKey(t, p.hub))
	items, err := hubC.Inbox(context.Background())
	if err != nil {
		t.Fatalf("the hub is not served during the flood: %v", err)
	}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.Name] {
			t.Fatalf("%s kept twice", it.Name)
		}
		seen[it.Name] = true
	}
	if len(items) != int(ok.Load()) {
		t.Fatalf("the hub sees %d files, the mailbox took %d", len(items), ok.Load())
	}
	for _, it := range items { // the hub clears the junk
		if err := hubC.Ack(context.Background(), it); err != nil {
			t.Fatal(err)
		}
	}
	p.another(t, 1)
	mustChibo(t, "send", "--data", p.cell)
	if n := accepted(t, fetch(t, p.hub)); n != 1 {
		t.Fatalf("after the flood the hub accepted %d of the cell's real files, want 1", n)
	}
	p.same(t)
}

// TestWrongLaptopClock: a laptop whose clock is hours off is told the
// mailbox's time and signs once more with the difference; a request
// signed with the old time is still refused.
func TestWrongLaptopClock(t *testing.T) {
	ctx := context.Background()
	var log bytes.Buffer
	var mu sync.Mutex
	srv, err := mailbox.New(mailbox.Config{Dir: t.TempDir(), Now: func() time.Time { return time.Now().Add(3*time.Hour + 7*time.Minute) },
		Log: writerFunc(func(b []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return log.Write(b) })})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.StartTLS()
	defer ts.Close()
	sum := sha256.Sum256(ts.Certificate().RawSubjectPublicKeyInfo)
	w := world{t, t.TempDir()}
	hub := w.hub("hub", "Đảng ủy xã Tả Van")
	st := open(t, hub)
	card, err := chibosync.CardBytes(ctx, st)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(ts.URL, "sha256:"+hex.EncodeToString(sum[:]), siteID(t, hub), signingKey(t, hub))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Register(ctx, card); err != nil {
		t.Fatalf("a laptop 3 hours behind could not register: %v", err)
	}
	mu.Lock()
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	mu.Unlock()
	if len(lines) != 2 || !strings.Contains(lines[0], `"code":"clock"`) || !strings.Contains(lines[1], `"status":200`) {
		t.Fatalf("want one refusal for the clock, then the registration:\n%s", strings.Join(lines, "\n"))
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// TestMailboxHoldsNoPlaintext greps every byte of a mailbox's store and
// log after a real exchange for what the cell recorded: none of it is
// there, nor the cell's name; the hubs' cards name only the hubs.
func TestMailboxHoldsNoPlaintext(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mb := startMailbox(t, dir)
	p := newPair(t, mb, "")
	secret := []string{"038095001234", "0912345678", "Đ/c Sùng phê bình đ/c Páo uống rượu", "Chi bộ thôn Sín Chéng", "Giàng A Páo"}
	st := open(t, p.cell)
	if _, err := st.SaveMembers(ctx, []store.Member{{FullName: "Sùng A Páo", Status: store.StatusFull, CitizenID: secret[0],
		Phone: secret[1], BirthDate: "1979-01-02", Notes: secret[2]}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	p.enroll(t)
	p.another(t, 1)
	mustChibo(t, "send", "--data", p.cell) // one waits at the mailbox now
	var seen int
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		seen++
		for _, s := range secret {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds %q", strings.TrimPrefix(path, dir), s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 5 || len(waitingFiles(t, dir)) != 1 {
		t.Fatalf("looked at %d files, %d waiting: the exchange did not happen", seen, len(waitingFiles(t, dir)))
	}
}
