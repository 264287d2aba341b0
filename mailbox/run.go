package mailbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	gosync "sync"
	"time"
)

// RunConfig is chibo mailbox's command line.
type RunConfig struct {
	Listen    string // host:port; port 0 picks a free one
	Dir       string // the store folder
	CertFile  string // the operator's certificate and key; both or neither
	KeyFile   string
	PlainHTTP bool // no TLS: only on a LAN, and only when asked for
	Limits    Limits
	Log       io.Writer // request lines besides the store's mailbox.log
}

// Running is a started mailbox.
type Running struct {
	URL    string // https://HOST:PORT (or http://)
	Pin    string // sha256:<hex>; "" for plain HTTP
	srv    *http.Server
	mb     *Server
	served chan error // Serve's return, once
	quit   chan struct{}
	once   gosync.Once
}

// Start opens the store, listens and serves in the background.
func Start(cfg RunConfig) (*Running, error) {
	mb, err := New(Config{Dir: cfg.Dir, Limits: cfg.Limits, Log: cfg.Log})
	if err != nil {
		return nil, err
	}
	var tlsCfg *tls.Config
	pin := ""
	if !cfg.PlainHTTP {
		cert, err := loadOrMakeCert(cfg.Dir, cfg.CertFile, cfg.KeyFile)
		if err != nil {
			mb.Close()
			return nil, err
		}
		pin = Pin(cert.Leaf)
		tlsCfg = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		mb.Close()
		return nil, fmt.Errorf("mailbox: listen on %s: %w", cfg.Listen, err)
	}
	scheme := "https"
	if tlsCfg == nil {
		scheme = "http"
	} else {
		ln = tls.NewListener(ln, tlsCfg)
	}
	// No read or write deadline for a whole request: a 2 MB backlog over
	// a 2G link takes minutes. Headers must come quickly, though.
	srv := &http.Server{Handler: mb.Handler(), ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10}
	r := &Running{URL: scheme + "://" + publicAddr(ln.Addr()), Pin: pin, srv: srv, mb: mb,
		served: make(chan error, 1), quit: make(chan struct{})}
	go func() { r.served <- srv.Serve(ln) }()
	go r.sweep()
	return r, nil
}

// sweep forgets delivered files' metadata once it is old enough.
func (r *Running) sweep() {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			r.mb.disk.expire(r.mb.cfg.Now(), r.mb.cfg.Limits.DeliveredKeep)
		case <-r.quit:
			return
		}
	}
}

// Stop lets requests in flight finish (up to ctx) and closes the store.
func (r *Running) Stop(ctx context.Context) error {
	var err error
	r.once.Do(func() {
		close(r.quit)
		err = r.srv.Shutdown(ctx)
		if e := <-r.served; err == nil && !errors.Is(e, http.ErrServerClosed) {
			err = e
		}
		if e := r.mb.Close(); err == nil {
			err = e
		}
	})
	return err
}

// Line is the first line chibo mailbox prints, which scripts read.
func (r *Running) Line() string {
	if r.Pin == "" {
		return "mailbox listening on " + r.URL + " (plain HTTP: use only on a LAN you trust)"
	}
	return "mailbox listening on " + r.URL + " pin " + r.Pin
}

// Run serves until ctx is done, printing Line first to out.
func Run(ctx context.Context, cfg RunConfig, out io.Writer) error {
	r, err := Start(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, r.Line())
	select {
	case <-ctx.Done():
	case err := <-r.served:
		r.served <- err
		_ = r.Stop(context.Background())
		return fmt.Errorf("mailbox: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return r.Stop(sctx)
}

// publicAddr is the address to print: the listener's, with a wildcard
// host replaced by one a laptop on the LAN can reach.
func publicAddr(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := ta.IP.String()
	if ta.IP.IsUnspecified() {
		host = lanIP()
	}
	return net.JoinHostPort(host, strconv.Itoa(ta.Port))
}

// lanIP is the first IPv4 address of an interface that is up and not a
// loopback, or 127.0.0.1.
func lanIP() string {
	ifs, _ := net.Interfaces()
	for _, i := range ifs {
		if i.Flags&net.FlagUp == 0 || i.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := i.Addrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil {
				return n.IP.String()
			}
		}
	}
	return "127.0.0.1"
}
