package ui

import (
	"context"
	"errors"
	gosync "sync"
	"time"

	"github.com/cenkalti/backoff/v5"

	"chibo/mailbox"
	"chibo/mailbox/carrier"
	"chibo/store"
)

// The window's network exchange: with "Tự động gửi khi có mạng" on and a
// mailbox set up, a goroutine tries the mailbox now and then; when it
// answers, a cell sends what is unacknowledged and fetches the hub's
// answers, a hub fetches its cells' files and answers them. A failure
// waits longer each time (backoff), a success waits the usual pause.
// Widgets hear of it only through onUI (bridge.go), so the window never
// waits for the network.

// Pauses between rounds. A hub left open fetches more often than a cell.
var (
	cellPause  = 10 * time.Minute
	hubPause   = 3 * time.Minute
	firstRound = 20 * time.Second // after the window opens
	autoNet    = true             // tests turn the goroutine off
)

// netLoop is the shell's network state, shared by the screens that show
// it (network.go).
type netLoop struct {
	sh      *shell
	kick    chan struct{}
	mu      gosync.Mutex
	lastErr error // the last round's failure, nil after a success
	waiting int   // a hub: files kept for a fingerprint check
	running bool  // a round is under way
	watch   []func()
	lan     *mailbox.Running // the mailbox this hub runs for its LAN
}

func newNetLoop(sh *shell) *netLoop {
	n := &netLoop{sh: sh, kick: make(chan struct{}, 1)}
	if autoNet {
		ctx, cancel := context.WithCancel(context.Background())
		sh.app.Lifecycle().SetOnStopped(func() {
			cancel()
			n.stopLAN()
		})
		go n.run(ctx)
	}
	return n
}

// onChange registers a refresh of a screen's status; it runs on the UI
// thread after every round.
func (n *netLoop) onChange(f func()) {
	n.mu.Lock()
	n.watch = append(n.watch, f)
	n.mu.Unlock()
}

// now asks for a round at once (a mailbox was just added).
func (n *netLoop) now() {
	select {
	case n.kick <- struct{}{}:
	default:
	}
}

func (n *netLoop) run(ctx context.Context) {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval, b.MaxInterval = 30*time.Second, 15*time.Minute
	wait := firstRound
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		case <-n.kick:
		}
		switch err := n.round(ctx); {
		case errors.Is(err, errSkipped):
			wait = time.Minute
		case err != nil:
			wait = b.NextBackOff()
		default:
			b.Reset()
			wait = cellPause
			if n.sh.site.Role == store.RoleHub {
				wait = hubPause
			}
		}
	}
}

var errSkipped = errors.New("not now")

// round runs one exchange unless the window is locked, busy, or has no
// mailbox or automatic sending.
func (n *netLoop) round(ctx context.Context) error {
	st := n.sh.st
	if !st.Unlocked() || working.Load() > 0 {
		return errSkipped
	}
	s, err := carrier.ReadStatus(ctx, st)
	if err != nil || !s.Configured || !s.Auto {
		return errSkipped
	}
	working.Add(1) // the idle lock waits for the round, as for any import (idle.go)
	n.set(func() { n.running = true })
	x, err := carrier.Exchange(ctx, st)
	working.Add(-1)
	n.set(func() { n.running, n.lastErr, n.waiting = false, err, x.Waiting })
	return err
}

// set changes the state and tells the screens.
func (n *netLoop) set(f func()) {
	n.mu.Lock()
	f()
	watch := append([]func(){}, n.watch...)
	n.mu.Unlock()
	onUI(func() {
		for _, w := range watch {
			w()
		}
	})
}

// state reads it.
func (n *netLoop) state() (lastErr error, waiting int, running bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.lastErr, n.waiting, n.running
}

// startLAN runs a mailbox in this hub's window for cells on the same
// network (no internet needed) and registers the hub there, so its card
// and acknowledgements name it.
func (n *netLoop) startLAN(ctx context.Context) (*mailbox.Running, error) {
	n.mu.Lock()
	if n.lan != nil {
		defer n.mu.Unlock()
		return n.lan, nil
	}
	n.mu.Unlock()
	dir := n.sh.st.Dir() + "/mailbox-server"
	r, err := mailbox.Start(mailbox.RunConfig{Listen: ":8443", Dir: dir})
	if err != nil { // the usual port is taken: any free one
		r, err = mailbox.Start(mailbox.RunConfig{Listen: ":0", Dir: dir})
	}
	if err != nil {
		return nil, err
	}
	if _, err := carrier.Use(ctx, n.sh.st, r.URL, r.Pin); err != nil {
		_ = r.Stop(ctx)
		return nil, err
	}
	n.mu.Lock()
	n.lan = r
	n.mu.Unlock()
	n.now()
	return r, nil
}

func (n *netLoop) stopLAN() {
	n.mu.Lock()
	r := n.lan
	n.lan = nil
	n.mu.Unlock()
	if r != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = r.Stop(ctx)
	}
}
