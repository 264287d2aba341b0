// Package client talks to a chibo mailbox (package mailbox): every
// request signed with the site's Ed25519 key, the server's certificate
// pinned, transfers resumed where they stopped and retried with backoff
// (github.com/cenkalti/backoff/v5). It moves files; what they are is
// package sync's business, and what to send and fetch is carrier's.
package client

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"chibo/mailbox/proto"
)

// Client is one site's connection to one mailbox.
type Client struct {
	base string
	site string
	priv ed25519.PrivateKey
	hc   *http.Client
	skew atomic.Int64 // seconds the mailbox's clock is ahead of ours
	// Patience bounds how long a transfer keeps retrying a link that
	// fails; Stall how long it waits for a byte before it calls the
	// connection dead and resumes on a new one.
	Patience time.Duration
	Stall    time.Duration
	now      func() time.Time
}

// New makes a client for the mailbox at rawURL: https with the pin
// "sha256:<hex>" of its certificate's public key, or plain http (no pin).
func New(rawURL, pin, site string, priv ed25519.PrivateKey) (*Client, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("mailbox address %q: want https://HOST:PORT", rawURL)
	}
	tr := &http.Transport{
		Proxy:                 nil, // a village's odd proxy settings must not carry signed requests elsewhere
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   30 * time.Second,
		ResponseHeaderTimeout: 2 * time.Minute,
		ExpectContinueTimeout: 10 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
	}
	if u.Scheme == "https" {
		want, err := parsePin(pin)
		if err != nil {
			return nil, err
		}
		tr.TLSClientConfig = pinnedTLS(want)
	}
	return &Client{base: strings.TrimSuffix(u.String(), "/"), site: site, priv: priv, hc: &http.Client{Transport: tr},
		Patience: 5 * time.Minute, Stall: 60 * time.Second, now: time.Now}, nil
}

func parsePin(pin string) ([]byte, error) {
	h, ok := strings.CutPrefix(pin, "sha256:")
	b, err := hex.DecodeString(h)
	if !ok || err != nil || len(b) != sha256.Size || h != strings.ToLower(h) {
		return nil, fmt.Errorf("pin %q: want sha256:<64 lowercase hex digits>", pin)
	}
	return b, nil
}

// pinnedTLS trusts exactly the certificate whose public key hashes to
// want, whatever names or dates it carries: a village laptop's store of
// authorities is years old, and the pin came signed on the hub's card.
func pinnedTLS(want []byte) *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, // replaced by the pin check below
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return ErrPin
			}
			got := sha256.Sum256(cs.PeerCertificates[0].RawSubjectPublicKeyInfo)
			if !bytes.Equal(got[:], want) {
				return ErrPin
			}
			return nil
		},
	}
}

// Close lets go of the connections kept open for the next request.
func (c *Client) Close() { c.hc.CloseIdleConnections() }

// URL is the mailbox's address.
func (c *Client) URL() string { return c.base }

// Ping asks the mailbox's time (no signature needed): it tells whether
// the mailbox is reachable now and how far this laptop's clock is off.
func (c *Client) Ping(ctx context.Context) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/time", nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, netErr(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1024))
	off := c.learnClock(resp)
	return off, nil
}

// learnClock keeps the difference between the mailbox's clock and ours.
func (c *Client) learnClock(resp *http.Response) time.Duration {
	t, err := strconv.ParseInt(resp.Header.Get(proto.HeaderServerTime), 10, 64)
	if err != nil {
		return time.Duration(c.skew.Load()) * time.Second
	}
	d := t - c.now().Unix()
	c.skew.Store(d)
	return time.Duration(d) * time.Second
}

// request is one signed request; body is made anew for each attempt.
type request struct {
	method, path string
	header       http.Header
	body         func() (io.Reader, int64)
}

// do signs and sends r. Two refusals are answered once, by signing the
// request again: one for the clock (the mailbox sent its time, and the
// request goes with the difference: a village laptop's clock is often
// hours or years off), and one for a replay. This client never sends a
// nonce twice itself, but Go's Transport resends an idempotent request,
// headers and all, when a reused connection drops before the answer
// came back (a cut mobile link); the mailbox took the first copy, so the
// second looks replayed. A fresh nonce is the same request, honestly.
func (c *Client) do(ctx context.Context, r request) (*http.Response, error) {
	resp, err := c.send(ctx, r)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get(proto.HeaderServerTime) == "" {
		return resp, nil
	}
	e := readProblem(resp)
	switch e.Code {
	case proto.CodeClock:
		c.learnClock(resp)
	case proto.CodeReplay:
	default:
		return nil, e
	}
	return c.send(ctx, r)
}

func (c *Client) send(ctx context.Context, r request) (*http.Response, error) {
	var body io.Reader
	var n int64
	if r.body != nil {
		body, n = r.body()
	}
	req, err := http.NewRequestWithContext(ctx, r.method, c.base+r.path, body)
	if err != nil {
		return nil, err
	}
	req.ContentLength = n
	if body == nil {
		req.ContentLength = 0
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	t := c.now().Add(time.Duration(c.skew.Load()) * time.Second)
	if err := proto.Sign(req, c.site, c.priv, t); err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, netErr(err)
	}
	return resp, nil
}

// netErr names a failure to talk at all, keeping a pin mismatch apart.
func netErr(err error) error {
	if errors.Is(err, ErrPin) || errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrUnreachable, err)
}

// readProblem turns a refusal into an *Error and closes the body.
func readProblem(resp *http.Response) *Error {
	defer resp.Body.Close()
	var p proto.Problem
	_ = json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&p)
	return &Error{Status: resp.StatusCode, Code: p.Code, Message: p.Message}
}

// call sends r and decodes a JSON answer into out (nil: discard).
func (c *Client) call(ctx context.Context, r request, out any) error {
	resp, err := c.do(ctx, r)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return readProblem(resp)
	}
	defer resp.Body.Close()
	if out == nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		return nil
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(out); err != nil {
		return fmt.Errorf("%w: answer: %v", ErrUnreachable, err)
	}
	return nil
}

// signedJSON is a request carrying a small body whose hash it signs.
func signedJSON(method, path string, b []byte) request {
	sum := sha256.Sum256(b)
	h := http.Header{}
	h.Set(proto.HeaderBodySHA, hex.EncodeToString(sum[:]))
	h.Set("Content-Type", "application/json")
	return request{method: method, path: path, header: h,
		body: func() (io.Reader, int64) { return bytes.NewReader(b), int64(len(b)) }}
}

// Register sends the hub's card, so the mailbox knows the hub and its
// key before any cell writes to it.
func (c *Client) Register(ctx context.Context, card []byte) error {
	return c.call(ctx, signedJSON(http.MethodPost, "/v1/hubs", card), nil)
}

// PutRoster gives the mailbox the hub's signed roster of cells.
func (c *Client) PutRoster(ctx context.Context, roster []byte) error {
	return c.call(ctx, signedJSON(http.MethodPut, "/v1/hubs/"+c.site+"/roster", roster), nil)
}

// Inbox lists what waits for this site.
func (c *Client) Inbox(ctx context.Context) ([]proto.Item, error) {
	var out []proto.Item
	err := c.call(ctx, request{method: http.MethodGet, path: "/v1/inbox"}, &out)
	return out, err
}

// Outbox lists what this site deposited: waiting, partial or delivered.
func (c *Client) Outbox(ctx context.Context) ([]proto.Item, error) {
	var out []proto.Item
	err := c.call(ctx, request{method: http.MethodGet, path: "/v1/outbox"}, &out)
	return out, err
}

// Ack tells the mailbox this site has taken and imported it: the
// mailbox deletes it.
func (c *Client) Ack(ctx context.Context, it proto.Item) error {
	path := "/v1/inbox/" + it.From + "/" + it.Name + "?sha256=" + it.SHA256
	return c.call(ctx, request{method: http.MethodDelete, path: path}, nil)
}
