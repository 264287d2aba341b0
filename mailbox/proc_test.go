package mailbox_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"chibo/cli"
	"chibo/internal/testingutil"
	"chibo/store"
)

// The tests run the mailbox as a real process, built here from
// cmd/chibo-mailbox as a server would run it, and the laptops through
// cli.Main: the code path chibo send and fetch take.

const testPass = testingutil.Pass

var mailboxBin string

func TestMain(m *testing.M) {
	testingutil.FastKeys()
	os.Setenv("CHIBO_PASSPHRASE", testPass)
	dir, err := os.MkdirTemp("", "chibo-mailbox-bin")
	if err != nil {
		panic(err)
	}
	mailboxBin = filepath.Join(dir, "chibo-mailbox")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", mailboxBin, "chibo/cmd/chibo-mailbox")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build chibo-mailbox: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// proc is a running mailbox process.
type proc struct {
	t      testing.TB
	dir    string
	listen string
	args   []string
	env    []string
	cmd    *exec.Cmd
	URL    string
	Pin    string
	Line   string
	mu     sync.Mutex
	stderr bytes.Buffer
}

// startMailbox starts chibo-mailbox on a free loopback port with its
// store in dir and waits for its first line.
func startMailbox(t testing.TB, dir string, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, dir: dir, listen: "127.0.0.1:0", args: args}
	p.start()
	t.Cleanup(p.stop)
	return p
}

func (p *proc) start() {
	p.t.Helper()
	args := append([]string{"--listen", p.listen, "--store", p.dir}, p.args...)
	p.cmd = exec.Command(mailboxBin, args...)
	p.cmd.Env = append(os.Environ(), p.env...)
	p.cmd.Stderr = &lockedWriter{mu: &p.mu, w: &p.stderr}
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		p.t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
	}()
	select {
	case l := <-line:
		p.Line = l
	case <-time.After(20 * time.Second):
		p.t.Fatalf("mailbox did not start: %s", p.errText())
	}
	f := strings.Fields(p.Line)
	if len(f) < 4 {
		p.t.Fatalf("first line %q; stderr %s", p.Line, p.errText())
	}
	p.URL = f[3]
	if len(f) >= 6 && f[4] == "pin" {
		p.Pin = f[5]
	}
	p.listen = strings.TrimPrefix(strings.TrimPrefix(p.URL, "https://"), "http://") // a restart keeps the port
}

func (p *proc) errText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// stop interrupts the mailbox as an operator would and waits for it.
func (p *proc) stop() {
	if p.cmd == nil || p.cmd.Process == nil || p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// kill stops it the hard way, mid-whatever.
func (p *proc) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	_ = p.cmd.Wait()
}

func (p *proc) restart() {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) { // the port may linger a moment
		if l, err := net.Listen("tcp", p.listen); err == nil {
			l.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.start()
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// chibo runs one command of the app as the binary would.
func chibo(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	_, gui, code := cli.Main(args, &out, &errOut)
	if gui {
		t.Fatalf("%v asked for the window", args)
	}
	return out.String(), errOut.String(), code
}

func mustChibo(t testing.TB, args ...string) string {
	t.Helper()
	out, errOut, code := chibo(t, args...)
	if code != 0 {
		t.Fatalf("chibo %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// world is sites set up through the command line, under one folder.
type world struct {
	t   testing.TB
	dir string
}

func (w world) path(name string) string { return filepath.Join(w.dir, name) }

func (w world) hub(name, title string) string {
	d := w.path(name)
	mustChibo(w.t, "init", "--data", d, "--role", "hub", "--name", title)
	return d
}

func (w world) card(hub string) string {
	c := hub + "-card.json"
	mustChibo(w.t, "hub-card", "--data", hub, "--out", c)
	return c
}

func (w world) cell(name, title, hub string) string {
	d := w.path(name)
	mustChibo(w.t, "init", "--data", d, "--role", "cell", "--name", title, "--parent", "Đảng ủy xã Tả Van",
		"--place", "Lao Chải", "--has-committee", "--hub-card", w.card(hub))
	return d
}

// use points a site at a mailbox (a hub registers there).
func (w world) use(site string, p *proc) {
	mustChibo(w.t, "mailbox-use", "--data", site, "--url", p.URL, "--pin", p.Pin)
}

// open opens a site's store for the test's own edits and checks.
func open(t testing.TB, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	return st
}
