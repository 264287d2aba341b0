package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"

	"chibo/mailbox/proto"
)

// Transfers resume: an upload asks the mailbox how many bytes it holds
// and sends the rest; a download asks for the bytes after those on disk
// (Range). Either retries with exponential backoff while the link fails,
// for Patience at most, and honours the mailbox's Retry-After. Why not
// the tus protocol: see mailbox/doc.go, "# Resuming".

// retry runs op with backoff until it succeeds, fails for good, or
// Patience passes; it returns op's last real error, not the backoff's.
func retry[T any](ctx context.Context, c *Client, op func() (T, error)) (T, error) {
	var last error
	wrapped := func() (T, error) {
		v, err := op()
		if err != nil {
			last = err
			var e *Error
			switch {
			case errors.Is(err, ErrPin), errors.Is(err, context.Canceled):
				return v, backoff.Permanent(err)
			case errors.As(err, &e) && (e.Code == proto.CodeRateLimited || e.Status == http.StatusServiceUnavailable):
				return v, backoff.RetryAfter(max(e.retryAfter, 1))
			case errors.As(err, &e) && e.Code != proto.CodeOffset:
				return v, backoff.Permanent(err)
			}
		}
		return v, err
	}
	b := backoff.NewExponentialBackOff()
	b.InitialInterval, b.MaxInterval = time.Second, 30*time.Second
	v, err := backoff.Retry(ctx, wrapped, backoff.WithBackOff(b), backoff.WithMaxElapsedTime(c.Patience))
	if err != nil && last != nil && ctx.Err() == nil {
		return v, last
	}
	return v, err
}

// Deposit uploads the file at path for the site to, under name, and
// returns the deposit's state: complete, or delivered when the addressee
// had already taken the same bytes. Sending the same file again is a
// no-op at the mailbox.
func (c *Client) Deposit(ctx context.Context, to, name, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	sum, err := fileSHA(f)
	if err != nil {
		return "", err
	}
	offset := int64(0)
	for {
		// Patience counts from the last progress: a link that drops every
		// 30 s but moves bytes each time keeps going.
		from := offset
		state, err := retry(ctx, c, func() (string, error) {
			state, next, err := c.put(ctx, to, name, f, fi.Size(), sum, offset)
			offset = next
			return state, err
		})
		if err == nil || offset <= from || ctx.Err() != nil {
			return state, err
		}
	}
}

// put sends the file from offset on; it returns the offset to try next.
func (c *Client) put(outer context.Context, to, name string, f *os.File, size int64, sum string, offset int64) (string, int64, error) {
	ctx, cancel := context.WithCancel(outer)
	defer cancel()
	h := http.Header{}
	h.Set(proto.HeaderLength, strconv.FormatInt(size, 10))
	h.Set(proto.HeaderSHA, sum)
	h.Set(proto.HeaderOffset, strconv.FormatInt(offset, 10))
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Expect", "100-continue") // a refusal, or a file already there, costs no upload
	watch := newWatchdog(c.Stall, cancel)
	defer watch.stop()
	resp, err := c.do(ctx, request{method: http.MethodPut, path: "/v1/deposits/" + to + "/" + name, header: h,
		body: func() (io.Reader, int64) {
			return watch.reader(io.NewSectionReader(f, offset, size-offset)), size - offset
		}})
	if err != nil {
		// The connection dropped: ask how much arrived, then resume.
		return "", c.heldOffset(outer, to, name, offset), err
	}
	next := offset
	if o, err := strconv.ParseInt(resp.Header.Get(proto.HeaderOffset), 10, 64); err == nil {
		next = o
	}
	if resp.StatusCode >= 300 {
		e := readProblem(resp)
		e.retryAfter, _ = strconv.Atoi(resp.Header.Get("Retry-After"))
		return "", next, e
	}
	defer resp.Body.Close()
	var it proto.Item
	_ = json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&it)
	if it.State == proto.StatePartial || it.State == "" {
		return "", next, fmt.Errorf("%w: upload stopped at %d of %d bytes", ErrUnreachable, next, size)
	}
	return it.State, next, nil
}

// heldOffset asks (HEAD) how many bytes of a deposit the mailbox holds.
func (c *Client) heldOffset(ctx context.Context, to, name string, guess int64) int64 {
	if ctx.Err() != nil {
		return guess
	}
	hctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := c.do(hctx, request{method: http.MethodHead, path: "/v1/deposits/" + to + "/" + name})
	if err != nil {
		return guess
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return 0
	}
	if o, err := strconv.ParseInt(resp.Header.Get(proto.HeaderOffset), 10, 64); err == nil && resp.StatusCode < 300 {
		return o
	}
	return guess
}

func fileSHA(f *os.File) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, 1<<62)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Download fetches a waiting item into dst, resuming a partial dst.part
// left by an earlier attempt, and checks its SHA-256 before renaming it.
func (c *Client) Download(ctx context.Context, it proto.Item, dst string) error {
	part := dst + ".part"
	for {
		from := fileSize(part)
		_, err := retry(ctx, c, func() (struct{}, error) {
			return struct{}{}, c.get(ctx, it, part)
		})
		if err == nil {
			break
		}
		if fileSize(part) <= from || ctx.Err() != nil { // no progress: give up for now
			return err
		}
	}
	if err := checkSHA(part, it.SHA256); err != nil {
		os.Remove(part)
		return err
	}
	return os.Rename(part, dst)
}

func (c *Client) get(ctx context.Context, it proto.Item, part string) error {
	have := int64(0)
	if fi, err := os.Stat(part); err == nil {
		have = fi.Size()
	}
	if have > it.Size { // not this item's bytes
		os.Remove(part)
		have = 0
	}
	if have == it.Size {
		if checkSHA(part, it.SHA256) == nil {
			return nil
		}
		os.Remove(part)
		have = 0
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	h := http.Header{}
	h.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	h.Set("If-Range", `"`+it.SHA256+`"`)
	resp, err := c.do(ctx, request{method: http.MethodGet, path: "/v1/inbox/" + it.From + "/" + it.Name, header: h})
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		e := readProblem(resp)
		e.retryAfter, _ = strconv.Atoi(resp.Header.Get("Retry-After"))
		return e
	}
	defer resp.Body.Close()
	flag := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if resp.StatusCode != http.StatusPartialContent {
		flag = os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	}
	f, err := os.OpenFile(part, flag, 0o600)
	if err != nil {
		return backoff.Permanent(err)
	}
	watch := newWatchdog(c.Stall, cancel)
	defer watch.stop()
	_, cerr := io.Copy(f, watch.reader(io.LimitReader(resp.Body, it.Size)))
	serr := f.Sync()
	if err := errors.Join(serr, f.Close()); err != nil {
		return backoff.Permanent(err)
	}
	if cerr != nil {
		return fmt.Errorf("%w: download stopped: %v", ErrUnreachable, cerr)
	}
	return nil
}

func checkSHA(path, want string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	got, err := fileSHA(f)
	if err != nil {
		return err
	}
	if got != want {
		return ErrHash
	}
	return nil
}

// watchdog cancels a transfer when no byte moves for d: a link that
// hangs without closing is common on mobile data, and the transfer
// resumes faster on a new connection than it recovers on the old.
type watchdog struct {
	mu sync.Mutex
	t  *time.Timer
	d  time.Duration
}

func newWatchdog(d time.Duration, cancel func()) *watchdog {
	return &watchdog{t: time.AfterFunc(d, cancel), d: d}
}

func (w *watchdog) kick() {
	w.mu.Lock()
	w.t.Reset(w.d)
	w.mu.Unlock()
}

func (w *watchdog) stop() { w.t.Stop() }

func (w *watchdog) reader(r io.Reader) io.Reader { return &watched{r: r, w: w} }

type watched struct {
	r io.Reader
	w *watchdog
}

func (x *watched) Read(p []byte) (int, error) {
	n, err := x.r.Read(p)
	if n > 0 {
		x.w.kick()
	}
	return n, err
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
