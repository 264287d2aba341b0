package startup

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// fakeGuard is a guard on a temporary data folder whose box, exit and
// restart are recorded instead of done.
type fakeGuard struct {
	*Guard
	title, text string
	exited      atomic.Int32 // exit code + 1 once exited
	restarted   bool
}

func newFakeGuard(t *testing.T, gfx Graphics) *fakeGuard {
	t.Helper()
	f := &fakeGuard{}
	f.Guard = &Guard{dir: t.TempDir(), gfx: gfx}
	f.box = func(title, text string) { f.title, f.text = title, text }
	f.exit = func(code int) { f.exited.Store(int32(code) + 1) }
	f.restart = func() error { f.restarted = true; return nil }
	f.openLog()
	t.Cleanup(func() { f.log.Close() })
	return f
}

func (f *fakeGuard) logged(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(f.dir, LogName))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

const testFallback = `C:\Users\a\AppData\Local\Programs\SoTayChiBo\do-hoa-phan-mem`

var (
	goodGL = GLInfo{Version: "4.5 (Compatibility Profile) Mesa 22.3.6", Renderer: "llvmpipe (LLVM 15.0.6, 256 bits)"}
	oldGL  = GLInfo{Version: "1.1.0", Renderer: "GDI Generic"}
	noGL   = GLInfo{Err: "no OpenGL pixel format"}
	hungGL = GLInfo{ProbeErr: "no answer within 4s"}
)

func TestSufficient(t *testing.T) {
	cases := []struct {
		version string
		want    bool
	}{
		{"4.6.0 NVIDIA 537.13", true},
		{"3.3 (Compatibility Profile) Mesa 22.3.6", true},
		{"2.1 Mesa 22.3.6", true},
		{"2.0.0", false},
		{"1.1.0", false},
		{"", false},
		{"OpenGL ES 3.2", false},
	}
	for _, tc := range cases {
		t.Run(tc.version, func(t *testing.T) {
			if got := (GLInfo{Version: tc.version}).Sufficient(); got != tc.want {
				t.Errorf("Sufficient(%q) = %v", tc.version, got)
			}
		})
	}
	if (GLInfo{Version: "4.6", Err: "x"}).Sufficient() || (GLInfo{Version: "4.6", ProbeErr: "x"}).Sufficient() {
		t.Error("a failed probe counted as sufficient")
	}
}

// TestDecide: the software OpenGL is used only when the laptop's cannot
// serve, or when the user asks for it; never when it is missing.
func TestDecide(t *testing.T) {
	cases := []struct {
		name     string
		choice   Choice
		fallback string
		system   GLInfo
		used     string
		why      Reason
		probed   bool
	}{
		{"good driver", Choice{Mode: ModeAuto}, testFallback, goodGL, UsedHardware, ReasonGood, true},
		{"basic display adapter", Choice{Mode: ModeAuto}, testFallback, oldGL, UsedSoftware, ReasonTooOld, true},
		{"no OpenGL at all", Choice{Mode: ModeAuto}, testFallback, noGL, UsedSoftware, ReasonTooOld, true},
		{"probe hung", Choice{Mode: ModeAuto}, testFallback, hungGL, UsedSoftware, ReasonNotProbed, true},
		{"window failed on this driver", Choice{Mode: ModeAuto, FailedOn: goodGL.String()}, testFallback, goodGL, UsedSoftware, ReasonFailedBefore, true},
		{"driver changed since the failure", Choice{Mode: ModeAuto, FailedOn: oldGL.String()}, testFallback, goodGL, UsedHardware, ReasonGood, true},
		{"software chosen", Choice{Mode: ModeSoftware}, testFallback, goodGL, UsedSoftware, ReasonChosen, false},
		{"hardware chosen on an old driver", Choice{Mode: ModeHardware}, testFallback, oldGL, UsedHardware, ReasonChosen, true},
		{"fallback folder removed", Choice{Mode: ModeSoftware}, "", oldGL, UsedHardware, ReasonNoFallback, false},
		{"worked last time: no probe", Choice{Mode: ModeAuto, WorkedOn: goodGL.String(), WorkedHost: "may-chi-bo"}, testFallback, oldGL, UsedHardware, ReasonWorkedBefore, false},
		{"worked on another computer", Choice{Mode: ModeAuto, WorkedOn: goodGL.String(), WorkedHost: "may-cu"}, testFallback, oldGL, UsedSoftware, ReasonTooOld, true},
		{"hardware chosen after it worked", Choice{Mode: ModeHardware, WorkedOn: goodGL.String(), WorkedHost: "may-chi-bo"}, testFallback, goodGL, UsedHardware, ReasonChosen, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			probed := false
			g := decide(tc.choice, tc.fallback, "may-chi-bo", func() GLInfo { probed = true; return tc.system })
			if g.Used != tc.used || g.Why != tc.why || probed != tc.probed || g.Probed != tc.probed {
				t.Errorf("used %s (%s), probed %v; want %s (%s), probed %v", g.Used, g.Why, probed, tc.used, tc.why, tc.probed)
			}
		})
	}
}

func TestChoiceFile(t *testing.T) {
	dir := t.TempDir()
	if c := LoadChoice(dir); c.Mode != ModeAuto {
		t.Errorf("no file: %+v", c)
	}
	os.WriteFile(filepath.Join(dir, ChoiceFile), []byte(`{"mode":"turbo"}`), 0o600)
	if c := LoadChoice(dir); c.Mode != ModeAuto {
		t.Errorf("hand-edited mode: %+v", c)
	}
	g := Graphics{Fallback: testFallback, System: goodGL, Used: UsedHardware}
	if err := g.markHardwareFailed(dir); err != nil {
		t.Fatal(err)
	}
	if c := LoadChoice(dir); c.FailedOn != goodGL.String() || c.Mode != ModeAuto {
		t.Errorf("after a failure: %+v", c)
	}
	// A pick in Settings forgets the failure.
	if err := SaveMode(dir, ModeAuto); err != nil {
		t.Fatal(err)
	}
	if c := LoadChoice(dir); c.FailedOn != "" {
		t.Errorf("after a pick: %+v", c)
	}
}

// TestFailOnHardwareTurnsToSoftware: a window that failed on the laptop's
// OpenGL says so, is remembered, and OK starts the program again, which
// then uses the software OpenGL.
func TestFailOnHardwareTurnsToSoftware(t *testing.T) {
	f := newFakeGuard(t, Graphics{Choice: Choice{Mode: ModeAuto}, Used: UsedHardware, Fallback: testFallback, System: goodGL, Probed: true})
	(&logWriter{g: f.Guard}).Write([]byte("2026/11/02 Fyne error:  failed to initialise GLFW\n"))
	if f.exited.Load() != 4 || !f.restarted {
		t.Fatalf("exit %d, restarted %v", f.exited.Load()-1, f.restarted)
	}
	if f.title != boxTitle || !strings.Contains(f.text, "đồ họa phần mềm") || !strings.Contains(f.text, f.logPath) {
		t.Errorf("box: %s\n%s", f.title, f.text)
	}
	if !strings.Contains(f.logged(t), "failed to initialise GLFW") {
		t.Errorf("log: %s", f.logged(t))
	}
	next := decide(LoadChoice(f.dir), testFallback, hostName(), func() GLInfo { return goodGL })
	if next.Used != UsedSoftware {
		t.Errorf("the next start uses %s", next.Used)
	}
}

// TestFailWithoutFallback: no software OpenGL to turn to, so the box says
// what is missing and the program does not start again.
func TestFailWithoutFallback(t *testing.T) {
	f := newFakeGuard(t, Graphics{Choice: Choice{Mode: ModeAuto}, Used: UsedHardware, Why: ReasonNoFallback})
	(&logWriter{g: f.Guard}).Write([]byte("Fyne error:  window creation error\n  Cause: WGL: Failed to set pixel format for dummy context\n"))
	if f.exited.Load() != 4 || f.restarted {
		t.Fatalf("exit %d, restarted %v", f.exited.Load()-1, f.restarted)
	}
	for _, want := range []string{"OpenGL 2.1", FallbackDir, "cài lại", dataSafe} {
		if !strings.Contains(f.text, want) {
			t.Errorf("box lacks %q:\n%s", want, f.text)
		}
	}
	if _, err := os.Stat(filepath.Join(f.dir, ChoiceFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failure with nothing to turn to was remembered: %v", err)
	}
}

// TestLogAfterShownIsNotFatal: once the window is up, a logged error is
// only logged.
func TestLogAfterShownIsNotFatal(t *testing.T) {
	f := newFakeGuard(t, Graphics{Used: UsedHardware})
	f.Shown()
	(&logWriter{g: f.Guard}).Write([]byte("Fyne error:  window creation error\n"))
	if f.exited.Load() != 0 {
		t.Fatal("exited after the window was shown")
	}
}

func TestRecover(t *testing.T) {
	f := newFakeGuard(t, Graphics{Used: UsedSoftware, Fallback: testFallback})
	func() {
		defer f.Recover()
		panic("boom")
	}()
	if f.exited.Load() != 4 || f.restarted || !strings.Contains(f.text, "phải đóng lại") {
		t.Fatalf("exit %d, restarted %v, box %q", f.exited.Load()-1, f.restarted, f.text)
	}
	if log := f.logged(t); !strings.Contains(log, "panic: boom") || !strings.Contains(log, "startup_test.go") {
		t.Errorf("log lacks the panic and its stack: %s", log)
	}
}

func TestWatch(t *testing.T) {
	t.Run("window appears", func(t *testing.T) {
		f := newFakeGuard(t, Graphics{Used: UsedHardware})
		polls := 0
		f.watch(time.Second, time.Millisecond, func() bool { polls++; return polls == 3 })
		if !f.shown.Load() || f.exited.Load() != 0 {
			t.Fatalf("shown %v, exit %d", f.shown.Load(), f.exited.Load()-1)
		}
	})
	t.Run("no window in time", func(t *testing.T) {
		f := newFakeGuard(t, Graphics{Used: UsedSoftware, Fallback: testFallback})
		start := time.Now()
		f.watch(50*time.Millisecond, time.Millisecond, func() bool { return false })
		if f.exited.Load() != 4 || time.Since(start) > 5*time.Second || !strings.Contains(f.text, "chưa hiện ra") {
			t.Fatalf("exit %d after %s, box %q", f.exited.Load()-1, time.Since(start), f.text)
		}
	})
}

// TestMessagesAreNFC: every message, whatever the case, is Vietnamese in
// NFC and ends with where the details are.
func TestMessagesAreNFC(t *testing.T) {
	for _, k := range []failure{failWindow, failTimeout, failPanic} {
		for _, g := range []Graphics{{Used: UsedHardware}, {Used: UsedHardware, Fallback: testFallback}, {Used: UsedSoftware, Fallback: testFallback}} {
			title, text := k.message(g, `C:\x\chibo.log`)
			if !norm.NFC.IsNormalString(title+text) || !strings.HasSuffix(text, `C:\x\chibo.log`) {
				t.Errorf("%s, %s: not NFC or no log path: %q", k, g.Used, text)
			}
		}
	}
}

// TestShownRemembersTheDriver: a window on the laptop's probed OpenGL
// lets the next start skip the probe; a failure later brings it back.
func TestShownRemembersTheDriver(t *testing.T) {
	f := newFakeGuard(t, Graphics{Choice: Choice{Mode: ModeAuto}, Used: UsedHardware, Probed: true, System: goodGL, Fallback: testFallback})
	f.Shown()
	c := LoadChoice(f.dir)
	if c.WorkedOn != goodGL.String() || c.WorkedHost != hostName() {
		t.Fatalf("after the window: %+v", c)
	}
	// The driver went bad since: the next start skips the probe, the
	// window fails, the failure is probed and remembered.
	next := newFakeGuard(t, decide(c, testFallback, hostName(), func() GLInfo { t.Fatal("probed"); return GLInfo{} }))
	next.dir = f.dir
	next.probe = func() GLInfo { return oldGL }
	(&logWriter{g: next.Guard}).Write([]byte("PlatformError: WGL: Failed to set pixel format for dummy context: Invalid window handle.\n"))
	if next.exited.Load() != 4 || !next.restarted {
		t.Fatalf("exit %d, restarted %v", next.exited.Load()-1, next.restarted)
	}
	if c := LoadChoice(f.dir); c.FailedOn != oldGL.String() || c.WorkedOn != "" {
		t.Fatalf("after the failure: %+v", c)
	}
	if g := decide(LoadChoice(f.dir), testFallback, hostName(), func() GLInfo { return oldGL }); g.Used != UsedSoftware {
		t.Errorf("the start after the failure uses %s (%s)", g.Used, g.Why)
	}
}
