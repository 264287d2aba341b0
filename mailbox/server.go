package mailbox

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	gosync "sync"
	"time"

	"golang.org/x/time/rate"

	"chibo/mailbox/proto"
)

// Limits are the mailbox's technical bounds; none comes from a Party
// regulation. The defaults suit a province's mailbox on a small server.
type Limits struct {
	// MaxFile bounds one deposit: a bundle part is at most 64 MiB
	// (sync/split.go) plus its header.
	MaxFile int64
	// WaitingPerSender bounds what one site may have waiting (files and
	// bytes), so one broken or hostile laptop cannot fill the disk.
	WaitingFiles int
	WaitingBytes int64
	// A cell its hub has not enrolled may leave this much for the hub,
	// and all such cells together this many files per hub.
	UnenrolledFiles  int
	UnenrolledBytes  int64
	UnenrolledPerHub int
	// Requests per second and burst, per signing site.
	CellRate, HubRate   rate.Limit
	CellBurst, HubBurst int
	// Quota bounds the store's uploads and items together (0: the disk's
	// own size). Past it deposits are refused as "disk full".
	Quota int64
	// DeliveredKeep is how long the record of a delivered file is kept,
	// so a late resend of it is recognised and not stored again.
	DeliveredKeep time.Duration
}

// DefaultLimits are used where Config leaves Limits zero.
var DefaultLimits = Limits{
	MaxFile:          64<<20 + 4096,
	WaitingFiles:     500,
	WaitingBytes:     512 << 20,
	UnenrolledFiles:  4,
	UnenrolledBytes:  8 << 20,
	UnenrolledPerHub: 200,
	CellRate:         2, CellBurst: 60,
	HubRate: 200, HubBurst: 1000,
	DeliveredKeep: 30 * 24 * time.Hour,
}

// Config sets up a Server.
type Config struct {
	Dir    string           // the store folder
	Limits Limits           // zero: DefaultLimits
	Now    func() time.Time // the clock; nil: time.Now
	Log    io.Writer        // where request lines go besides Dir/mailbox.log; nil: only the file
}

// Server is a mailbox: an http.Handler over its store folder.
type Server struct {
	cfg   Config
	disk  *disk
	reg   *registry
	guard *guard
	locks keyedMutex
	logMu gosync.Mutex
	log   *os.File
}

// New opens (or makes) the store folder and loads the hubs it knows.
func New(cfg Config) (*Server, error) {
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("mailbox: store %s: %w", cfg.Dir, err)
	}
	d, err := openDisk(cfg.Dir, cfg.Limits.Quota)
	if err != nil {
		return nil, err
	}
	reg, err := openRegistry(d)
	if err != nil {
		return nil, err
	}
	lf, err := os.OpenFile(filepath.Join(cfg.Dir, "mailbox.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("mailbox: log: %w", err)
	}
	s := &Server{cfg: cfg, disk: d, reg: reg, guard: newGuard(cfg.Now, cfg.Limits), log: lf}
	s.disk.expire(cfg.Now(), cfg.Limits.DeliveredKeep)
	return s, nil
}

// Close closes the log.
func (s *Server) Close() error { return s.log.Close() }

// Handler routes the protocol (doc.go, "# Requests").
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/time", s.handleTime)
	mux.Handle("POST /v1/hubs", s.signed(s.handleRegister))
	mux.Handle("PUT /v1/hubs/{hub}/roster", s.signed(s.handleRoster))
	mux.Handle("PUT /v1/deposits/{to}/{name}", s.signed(s.handleDeposit))
	mux.Handle("HEAD /v1/deposits/{to}/{name}", s.signed(s.handleDepositState))
	mux.Handle("GET /v1/inbox", s.signed(s.handleInbox))
	mux.Handle("GET /v1/inbox/{from}/{name}", s.signed(s.handleTake))
	mux.Handle("DELETE /v1/inbox/{from}/{name}", s.signed(s.handleDelivered))
	mux.Handle("GET /v1/outbox", s.signed(s.handleOutbox))
	return mux
}

// signedHandler handles a request whose signature, time and nonce passed.
type signedHandler func(w http.ResponseWriter, r *http.Request, s proto.Signed) *apiError

// logged is what one request line records: never a body.
type logged struct {
	Time   time.Time `json:"time"`
	IP     string    `json:"ip"`
	Site   string    `json:"site,omitempty"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Status int       `json:"status"`
	Code   string    `json:"code,omitempty"`
	Bytes  int64     `json:"bytes,omitempty"`
	MS     int64     `json:"ms"`
}

func (s *Server) signed(h signedHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		w.Header().Set(proto.HeaderServerTime, strconv.FormatInt(s.cfg.Now().Unix(), 10))
		cw := &countingWriter{ResponseWriter: w}
		sg, e := s.guard.check(r)
		if e == nil {
			e = s.reg.identity(sg)
		}
		if e == nil {
			if wait, ok := s.guard.allow(sg.Site, s.reg.isHub(sg)); !ok {
				w.Header().Set("Retry-After", retryAfter(wait))
				e = problem(http.StatusTooManyRequests, proto.CodeRateLimited, "too many requests from this site; wait and send again")
			}
		}
		if e == nil {
			e = h(cw, r, sg)
		}
		if e != nil {
			writeProblem(cw, e)
		}
		ip, _, _ := net.SplitHostPort(r.RemoteAddr)
		l := logged{Time: start.UTC(), IP: ip, Site: sg.Site, Method: r.Method, Path: r.URL.Path,
			Status: cw.status(), Bytes: cw.n, MS: time.Since(start).Milliseconds()}
		if e != nil {
			l.Code = e.code
		}
		s.writeLog(l)
	})
}

func (s *Server) writeLog(l logged) {
	b, _ := json.Marshal(l)
	b = append(b, '\n')
	s.logMu.Lock()
	defer s.logMu.Unlock()
	_, _ = s.log.Write(b)
	if s.cfg.Log != nil {
		_, _ = s.cfg.Log.Write(b)
	}
}

func writeProblem(w http.ResponseWriter, e *apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(proto.Problem{Code: e.code, Message: e.msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) handleTime(w http.ResponseWriter, r *http.Request) {
	now := s.cfg.Now()
	w.Header().Set(proto.HeaderServerTime, strconv.FormatInt(now.Unix(), 10))
	writeJSON(w, http.StatusOK, map[string]int64{"time": now.Unix()})
}

// countingWriter remembers the status and the bytes written.
type countingWriter struct {
	http.ResponseWriter
	code int
	n    int64
}

func (c *countingWriter) WriteHeader(code int) {
	if c.code == 0 {
		c.code = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if c.code == 0 {
		c.code = http.StatusOK
	}
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (c *countingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

func (c *countingWriter) status() int {
	if c.code == 0 {
		return http.StatusOK
	}
	return c.code
}

// keyedMutex serialises the work on one deposit.
type keyedMutex struct {
	mu gosync.Mutex
	m  map[string]*keyedEntry
}

type keyedEntry struct {
	gosync.Mutex
	n int
}

func (k *keyedMutex) lock(key string) func() {
	k.mu.Lock()
	if k.m == nil {
		k.m = map[string]*keyedEntry{}
	}
	e := k.m[key]
	if e == nil {
		e = &keyedEntry{}
		k.m[key] = e
	}
	e.n++
	k.mu.Unlock()
	e.Lock()
	return func() {
		e.Unlock()
		k.mu.Lock()
		if e.n--; e.n == 0 {
			delete(k.m, key)
		}
		k.mu.Unlock()
	}
}
