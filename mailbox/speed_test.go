package mailbox_test

import (
	"strings"
	"testing"
	"time"
)

// TestMonthlySendOverSlowLink: a cell's monthly send (a month's meeting
// and an edit, after the first exchange) over a simulated 256 kbit/s
// link with 300 ms round trips, through a throttling proxy, under TLS.
// The bar is 10 s; the figure and a baseline on the bare loopback in the
// same run are printed.
func TestMonthlySendOverSlowLink(t *testing.T) {
	mb := startMailbox(t, t.TempDir())
	slow := newProxy(t, strings.TrimPrefix(mb.URL, "https://"))
	slow.rate = 256_000 / 8             // bytes per second each way
	slow.delay = 150 * time.Millisecond // each way: 300 ms round trips
	p := newPair(t, mb, "https://"+slow.addr())
	p.enroll(t)

	p.another(t, 1)
	start := time.Now()
	out := mustChibo(t, "send", "--data", p.cell)
	took := time.Since(start)
	fetch(t, p.hub)
	mustChibo(t, "send", "--data", p.hub)
	fetch(t, p.cell)

	fast := newPair(t, mb, "")
	fast.enroll(t)
	fast.another(t, 1)
	start = time.Now()
	mustChibo(t, "send", "--data", fast.cell)
	base := time.Since(start)
	t.Logf("monthly send over 256 kbit/s, 300 ms RTT: %v (%s); on bare loopback: %v", took.Round(time.Millisecond),
		strings.TrimSpace(out), base.Round(time.Millisecond))
	if took > 10*time.Second {
		t.Fatalf("the monthly send took %v over the slow link, the bar is 10 s", took)
	}
}
