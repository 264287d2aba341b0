package mailbox_test

import (
	"bytes"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// proxy stands between the laptops and the mailbox: it can slow a link
// to a village's (rate and latency each way) and cut one transfer's
// connection after a given share of its body, as a dropping 2G link
// would. Cutting reads plain HTTP, so the cut tests run the mailbox with
// --plain-http; throttling works under TLS too.
type proxy struct {
	ln     net.Listener
	target string
	rate   int64         // bytes per second each way; 0: unlimited
	delay  time.Duration // one way
	// cutEvery drops every connection once it has carried this many
	// bytes upstream: a link that keeps failing, whatever is sent.
	cutEvery int64
	mu       sync.Mutex
	cut      *cutRule
	cuts     atomic.Int32
	wg       sync.WaitGroup
	conns    map[net.Conn]bool
}

// cutRule cuts the first connection that carries the body of a request
// whose line starts with prefix, after after bytes of that body, in the
// upload direction (down false) or of the answer's body (down true).
type cutRule struct {
	prefix []byte
	frac   float64 // of the body's Content-Length
	down   bool
	after  int64 // set once the length is known
}

func newProxy(t testing.TB, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) armCut(c cutRule) {
	p.mu.Lock()
	p.cut = &c
	p.mu.Unlock()
}

func (p *proxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go p.handle(c)
	}
}

func (p *proxy) handle(c net.Conn) {
	defer p.wg.Done()
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[c], p.conns[s] = true, true
	p.mu.Unlock()
	closeBoth := func() {
		c.Close()
		s.Close()
		p.mu.Lock()
		delete(p.conns, c)
		delete(p.conns, s)
		p.mu.Unlock()
	}
	w := &watch{p: p, kill: closeBoth}
	var g sync.WaitGroup
	g.Add(2)
	go func() { defer g.Done(); p.pipe(s, c, w, false); closeBoth() }()
	go func() { defer g.Done(); p.pipe(c, s, w, true); closeBoth() }()
	g.Wait()
}

// pipe copies src to dst in small pieces, throttled and delayed, and
// lets the watch see each piece.
func (p *proxy) pipe(dst, src net.Conn, w *watch, down bool) {
	buf := make([]byte, 1024)
	var carried int64
	for {
		n, err := src.Read(buf)
		if n > 0 {
			piece := buf[:n]
			if keep, cut := w.see(piece, down); cut {
				_, _ = dst.Write(piece[:keep])
				return
			}
			if carried += int64(n); !down && p.cutEvery > 0 && carried > p.cutEvery {
				p.cuts.Add(1)
				return
			}
			if p.rate > 0 {
				time.Sleep(time.Duration(int64(n) * int64(time.Second) / p.rate))
			}
			if p.delay > 0 {
				time.Sleep(p.delay)
			}
			if _, err := dst.Write(piece); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// watch follows one connection for the armed cut rule.
type watch struct {
	p     *proxy
	kill  func()
	mu    sync.Mutex
	rule  *cutRule
	up    bytes.Buffer // the request so far, until its headers end
	armed bool         // the request matched; counting the body
	down  bool         // counting the answer's body
	head  bytes.Buffer
	n     int64
}

// see returns, when the connection must be cut in this piece, how many of
// its bytes still pass.
func (w *watch) see(b []byte, down bool) (int, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.rule == nil && !w.armed {
		w.p.mu.Lock()
		w.rule = w.p.cut
		w.p.mu.Unlock()
		if w.rule == nil {
			return len(b), false
		}
	}
	r := w.rule
	if !down && !w.armed {
		w.up.Write(b)
		if bytes.HasPrefix(w.up.Bytes(), r.prefix) {
			if i := bytes.Index(w.up.Bytes(), []byte("\r\n\r\n")); i >= 0 {
				w.armed = true
				if !r.down {
					r.after = int64(r.frac * float64(contentLength(w.up.Bytes()[:i])))
					w.n = int64(w.up.Len() - i - 4)
					if w.n >= r.after {
						return w.fire(len(b) - int(w.n-r.after))
					}
				}
			}
		} else if w.up.Len() >= len(r.prefix) {
			w.rule, w.up = nil, bytes.Buffer{} // another request: pass on
			return len(b), false
		}
		return len(b), false
	}
	if !w.armed || down != r.down {
		return len(b), false
	}
	if down && !w.down {
		w.head.Write(b)
		i := bytes.Index(w.head.Bytes(), []byte("\r\n\r\n"))
		if i < 0 || bytes.HasPrefix(w.head.Bytes(), []byte("HTTP/1.1 100")) {
			if i >= 0 {
				w.head.Next(i + 4)
			}
			return len(b), false
		}
		w.down = true
		r.after = int64(r.frac * float64(contentLength(w.head.Bytes()[:i])))
		w.n = int64(w.head.Len() - i - 4)
	} else {
		w.n += int64(len(b))
	}
	if w.n >= r.after {
		return w.fire(len(b) - int(w.n-r.after))
	}
	return len(b), false
}

func (w *watch) fire(keep int) (int, bool) {
	w.p.mu.Lock()
	fired := w.p.cut == w.rule
	w.p.cut = nil // once
	w.p.mu.Unlock()
	if !fired {
		return 0, false
	}
	w.p.cuts.Add(1)
	go w.kill()
	return max(keep, 0), true
}

// contentLength reads the Content-Length of a header block, 0 if none.
func contentLength(head []byte) int64 {
	for _, l := range bytes.Split(head, []byte("\r\n")) {
		k, v, ok := bytes.Cut(l, []byte(":"))
		if ok && bytes.EqualFold(bytes.TrimSpace(k), []byte("Content-Length")) {
			n, _ := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
			return n
		}
	}
	return 0
}
