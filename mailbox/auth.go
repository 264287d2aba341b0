package mailbox

import (
	"net/http"
	"strconv"
	gosync "sync"
	"time"

	"golang.org/x/time/rate"

	"chibo/mailbox/proto"
)

// Signed requests: the signature (proto.Verify), then the clock, then
// the nonce, then the rate. A request replayed within the window finds
// its nonce taken; one replayed later is outside the window; one
// replayed after a restart (the nonces are in memory) is older than the
// start, which the mailbox refuses too: an honest client whose clock
// lags learns the mailbox's time from that refusal and signs again.

// maxNonces bounds the memory the nonces of one window may take; past
// it the mailbox refuses new requests for a moment rather than grow.
const maxNonces = 2_000_000

type guard struct {
	now   func() time.Time
	start time.Time

	mu     gosync.Mutex
	nonces map[string]time.Time // nonce → when it may be forgotten
	swept  time.Time

	limMu    gosync.Mutex
	limiters map[string]*limiter
	limits   Limits
}

type limiter struct {
	*rate.Limiter
	used time.Time
}

func newGuard(now func() time.Time, l Limits) *guard {
	return &guard{now: now, start: now(), nonces: map[string]time.Time{}, limiters: map[string]*limiter{}, limits: l}
}

// check verifies a request's signature, time and nonce.
func (g *guard) check(r *http.Request) (proto.Signed, *apiError) {
	s, err := proto.Verify(r)
	if err != nil {
		return s, problem(http.StatusUnauthorized, proto.CodeBadSignature, "the request is not signed, or not validly")
	}
	now := g.now()
	if d := s.Time.Sub(now); d > proto.Window || d < -proto.Window || s.Time.Before(g.start.Truncate(time.Second)) {
		return s, problem(http.StatusUnauthorized, proto.CodeClock,
			"the request's time is not the mailbox's time (Chibo-Server-Time); sign again with the difference")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if now.Sub(g.swept) > time.Minute || len(g.nonces) >= maxNonces {
		for n, until := range g.nonces {
			if now.After(until) {
				delete(g.nonces, n)
			}
		}
		g.swept = now
	}
	if _, seen := g.nonces[s.Nonce]; seen {
		return s, problem(http.StatusUnauthorized, proto.CodeReplay, "this request was already received once (a replay); it is refused")
	}
	if len(g.nonces) >= maxNonces {
		return s, problem(http.StatusServiceUnavailable, proto.CodeRateLimited, "the mailbox is busy; send again in a minute")
	}
	g.nonces[s.Nonce] = s.Time.Add(proto.Window + time.Second)
	return s, nil
}

// allow takes one request from site's bucket; hubs, which fetch and
// acknowledge for hundreds of cells, get the larger one.
func (g *guard) allow(site string, hub bool) (time.Duration, bool) {
	now := g.now()
	g.limMu.Lock()
	defer g.limMu.Unlock()
	if len(g.limiters) > 100_000 {
		for k, l := range g.limiters {
			if now.Sub(l.used) > 10*time.Minute {
				delete(g.limiters, k)
			}
		}
	}
	key := site
	if hub { // a hub's first request (its registration) came before it was one
		key += "/hub"
	}
	l := g.limiters[key]
	if l == nil {
		r, b := g.limits.CellRate, g.limits.CellBurst
		if hub {
			r, b = g.limits.HubRate, g.limits.HubBurst
		}
		l = &limiter{Limiter: rate.NewLimiter(r, b)}
		g.limiters[key] = l
	}
	l.used = now
	res := l.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d, false
	}
	return 0, true
}

// retryAfter words a wait for the Retry-After header, in whole seconds.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(int(d/time.Second) + 1)
}
