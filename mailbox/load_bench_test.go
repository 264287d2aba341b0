package mailbox_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"

	"chibo/mailbox/client"
	"chibo/store"
	chibosync "chibo/sync"
)

// BenchmarkMailboxLoad is a province's month-end rush against one real
// mailbox process on this machine: 1,200 cells of 8 communes each
// deposit a 50 KB bundle, arriving evenly over CHIBO_LOAD_RUSH (default
// 10m), while the communes fetch and acknowledge every 30 s. It reports
// the p99 of a deposit and of a fetched file, and the mailbox's memory.
// Then 64 workers deposit as fast as the mailbox takes them for
// CHIBO_LOAD_SUSTAIN (default 1m), the communes still fetching: the
// deposit rate it sustains; and the same workers PUT the same files to
// a plain HTTPS file server (a second process, fsync per file) for the
// baseline. Run it alone:
//
//	CHIBO_LOAD=1 CGO_ENABLED=0 go test -tags ci -run '^$' -bench MailboxLoad -benchtime 1x -timeout 60m ./mailbox/
func BenchmarkMailboxLoad(b *testing.B) {
	if os.Getenv("CHIBO_LOAD") == "" {
		b.Skip("set CHIBO_LOAD=1 (make bench-mailbox): it runs for twelve minutes")
	}
	rush := envDuration("CHIBO_LOAD_RUSH", 10*time.Minute)
	sustain := envDuration("CHIBO_LOAD_SUSTAIN", time.Minute)
	for range b.N {
		dir := b.TempDir()
		mb := startMailbox(b, filepath.Join(dir, "store"))
		prov := newProvince(b, mb, 8, 150)
		file := fakeBundle(b, 50_000-200)

		stop := make(chan struct{})
		fetched := prov.fetchEvery(b, 30*time.Second, stop)
		dep := prov.rush(b, file, rush)
		close(stop)
		fl := fetched()
		b.ReportMetric(ms(percentile(dep, 0.99)), "deposit-p99-ms")
		b.ReportMetric(ms(percentile(fl, 0.99)), "fetch-p99-ms")
		b.ReportMetric(float64(rss(b, mb, "VmHWM")), "mailbox-peak-MiB")
		b.Logf("rush: %d deposits over %v: p50 %v, p99 %v, max %v; %d files fetched by the communes: p99 %v; mailbox peak memory %d MiB",
			len(dep), rush, percentile(dep, 0.5), percentile(dep, 0.99), percentile(dep, 1), len(fl), percentile(fl, 0.99), rss(b, mb, "VmHWM"))

		stop = make(chan struct{})
		fetched = prov.fetchEvery(b, 5*time.Second, stop)
		n, lat := prov.flood(b, file, sustain, 64)
		close(stop)
		fetched()
		rate := float64(n) / sustain.Seconds()
		b.ReportMetric(rate, "deposits/s")

		base := startBaseline(b, filepath.Join(dir, "baseline"))
		bn := baselineFlood(b, base, file, sustain/2, 64)
		brate := float64(bn) / (sustain / 2).Seconds()
		b.ReportMetric(brate, "baseline-puts/s")
		b.Logf("sustained: %.0f deposits/s for %v (p99 %v), mailbox peak memory %d MiB; baseline plain HTTPS PUT with fsync: %.0f/s (%.0f %%)",
			rate, sustain, percentile(lat, 0.99), rss(b, mb, "VmHWM"), brate, 100*rate/brate)
	}
}

func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// rss reads a memory figure of the mailbox process, in MiB.
func rss(b testing.TB, p *proc, field string) int {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(l, field+":") {
			kb, _ := strconv.Atoi(strings.Fields(l)[1])
			return kb >> 10
		}
	}
	return -1
}

// site is a synthetic laptop: an id and a signing key.
type site struct {
	id  string
	key ed25519.PrivateKey
}

func newSite() site {
	_, k, _ := ed25519.GenerateKey(rand.Reader)
	return site{id: store.NewID(), key: k}
}

// province is communes registered at a mailbox with rosters of cells.
type province struct {
	mb      *proc
	hubs    []site
	cells   [][]site // per hub
	clients sync.Map
}

func newProvince(b testing.TB, mb *proc, hubs, cellsEach int) *province {
	p := &province{mb: mb}
	for h := range hubs {
		hub := newSite()
		cells := make([]site, cellsEach)
		for i := range cells {
			cells[i] = newSite()
		}
		c := p.client(b, hub)
		if err := c.Register(context.Background(), syntheticCard(b, hub, h)); err != nil {
			b.Fatal(err)
		}
		if err := c.PutRoster(context.Background(), syntheticRoster(hub, cells)); err != nil {
			b.Fatal(err)
		}
		p.hubs, p.cells = append(p.hubs, hub), append(p.cells, cells)
	}
	return p
}

func (p *province) client(b testing.TB, s site) *client.Client {
	if c, ok := p.clients.Load(s.id); ok {
		return c.(*client.Client)
	}
	c := clientFor(b, p.mb, s.id, s.key)
	c.Patience = time.Minute
	p.clients.Store(s.id, c)
	return c
}

// syntheticCard is a hub card as sync writes it (sync/keys.go).
func syntheticCard(b testing.TB, hub site, n int) []byte {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		b.Fatal(err)
	}
	pub := hub.key.Public().(ed25519.PublicKey)
	rcpt := id.Recipient().String()
	card, _ := json.Marshal(map[string]any{"format": "chibo-hub-card", "version": 1, "site_id": hub.id,
		"name": fmt.Sprintf("Đảng ủy xã %d", n), "sign_pub": base64.StdEncoding.EncodeToString(pub),
		"age_recipient": rcpt, "fingerprint": chibosync.Fingerprint(pub, rcpt)})
	return card
}

// syntheticRoster is a mailbox roster as sync.MailboxRoster signs it.
func syntheticRoster(hub site, cells []site) []byte {
	type cell struct {
		SiteID  string `json:"site_id"`
		SignPub string `json:"sign_pub"`
	}
	body := struct {
		Format string `json:"format"`
		Hub    string `json:"hub"`
		AsOf   string `json:"as_of"`
		Cells  []cell `json:"cells"`
	}{"chibo-mailbox-roster", hub.id, time.Now().UTC().Format(time.RFC3339), nil}
	for _, c := range cells {
		body.Cells = append(body.Cells, cell{c.id, base64.StdEncoding.EncodeToString(c.key.Public().(ed25519.PublicKey))})
	}
	raw, _ := json.Marshal(body)
	sig := ed25519.Sign(hub.key, append([]byte("chibo mailbox roster v1\n"), raw...))
	doc, _ := json.Marshal(map[string]any{"body": json.RawMessage(raw), "sig": base64.StdEncoding.EncodeToString(sig)})
	return doc
}

// rush has every cell deposit file once, arrivals spread evenly over d.
func (p *province) rush(b testing.TB, file string, d time.Duration) []time.Duration {
	var all []site
	var to []string
	for h, cs := range p.cells {
		for _, c := range cs {
			all, to = append(all, c), append(to, p.hubs[h].id)
		}
	}
	lat := make([]time.Duration, len(all))
	var wg sync.WaitGroup
	start := time.Now()
	for i, c := range all {
		time.Sleep(time.Until(start.Add(d * time.Duration(i) / time.Duration(len(all)))))
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			if _, err := p.client(b, c).Deposit(context.Background(), to[i], bundleName(), file); err != nil {
				b.Errorf("deposit %d: %v", i, err)
			}
			lat[i] = time.Since(t0)
		}()
	}
	wg.Wait()
	return lat
}

func bundleName() string { return store.NewID() + ".chibo" }

// flood deposits from random cells with workers for d; it returns how
// many deposits completed and their latencies.
func (p *province) flood(b testing.TB, file string, d time.Duration, workers int) (int, []time.Duration) {
	var n atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; time.Now().Before(deadline); i += workers {
				h := i % len(p.hubs)
				c := p.cells[h][(i/len(p.hubs))%len(p.cells[h])]
				t0 := time.Now()
				if _, err := p.client(b, c).Deposit(context.Background(), p.hubs[h].id, bundleName(), file); err != nil {
					b.Errorf("deposit: %v", err)
					return
				}
				n.Add(1)
				mu.Lock()
				lat = append(lat, time.Since(t0))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return int(n.Load()), lat
}

// fetchEvery has every commune take, and acknowledge, what waits for it
// every period until stop; the returned func waits and gives the
// latency of each file fetched (download and acknowledgement).
func (p *province) fetchEvery(b testing.TB, period time.Duration, stop chan struct{}) func() []time.Duration {
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	for _, h := range p.hubs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dst := filepath.Join(b.TempDir(), "in")
			for last := false; !last; {
				select {
				case <-stop:
					last = true
				case <-time.After(period):
				}
				c := p.client(b, h)
				items, err := c.Inbox(context.Background())
				if err != nil {
					b.Errorf("inbox: %v", err)
					return
				}
				for _, it := range items {
					t0 := time.Now()
					if err := c.Download(context.Background(), it, dst); err != nil {
						b.Errorf("download: %v", err)
						return
					}
					if err := c.Ack(context.Background(), it); err != nil {
						b.Errorf("ack: %v", err)
						return
					}
					mu.Lock()
					lat = append(lat, time.Since(t0))
					mu.Unlock()
				}
			}
		}()
	}
	return func() []time.Duration { wg.Wait(); return lat }
}

// The baseline: this test binary started again as a plain HTTPS server
// that writes each PUT body to a file and fsyncs it.
const baselineEnv = "CHIBO_BASELINE_PUT_SERVER"

func init() {
	if dir := os.Getenv(baselineEnv); dir != "" {
		runBaseline(dir)
		os.Exit(0)
	}
}

func runBaseline(dir string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	cert, err := tls.LoadX509KeyPair(filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem"))
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr().String())
	var n atomic.Int64
	_ = http.Serve(tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}}), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Create(filepath.Join(dir, strconv.FormatInt(n.Add(1), 10)))
		if err == nil {
			_, err = io.Copy(f, r.Body)
			if err == nil {
				err = f.Sync()
			}
			f.Close()
		}
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
}

func startBaseline(b testing.TB, dir string) string {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	// The mailbox's own certificate, so TLS costs the same.
	for _, f := range []string{"cert.pem", "key.pem"} {
		raw, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "store", "tls", f))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), raw, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), baselineEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addr := make([]byte, 64)
	k, _ := out.Read(addr)
	return "https://" + strings.TrimSpace(string(addr[:k]))
}

func baselineFlood(b testing.TB, url, file string, d time.Duration, workers int) int {
	body, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, MaxIdleConnsPerHost: workers}}
	var n atomic.Int64
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				req, _ := http.NewRequest(http.MethodPut, url+"/x", strings.NewReader(string(body)))
				resp, err := hc.Do(req)
				if err != nil {
					b.Errorf("baseline put: %v", err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(n.Load())
}
