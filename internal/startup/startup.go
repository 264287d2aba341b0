// Package startup guards the first seconds of the window, where a failure
// would otherwise be silent: a Windows GUI program has no console, and on a
// laptop without OpenGL 2.1 Fyne shows no window and never exits.
//
// Begin, called by main before Fyne starts, keeps a log in the data folder
// (chibo.log, with any crash's trace), and on Windows checks OpenGL in a
// child process (probe_windows.go) and turns to the software OpenGL
// shipped beside the exe when the laptop's own is missing or older than
// 2.1 (graphics.go, graphics_windows.go). When the window still cannot
// appear (no OpenGL at all, a GLFW error, a panic, no window in time) a
// native message box says in Vietnamese what happened and what to do, and
// the process exits: never a running process with no window.
//
// It imports Fyne only to look at the windows Fyne made, never the app
// package (main alone does).
package startup

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	gosync "sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// LogName is the log file kept in the data folder.
const LogName = "chibo.log"

// maxLog is the size past which the log starts again (the old one kept as
// chibo.log.1): a start writes a few lines, so this is years of starts.
const maxLog = 1 << 20

// Guard watches one start of the window.
type Guard struct {
	dir     string
	logPath string
	log     *os.File // nil when the data folder cannot be written
	shown   atomic.Bool
	fatal   gosync.Once
	gfx     Graphics // what this start uses (graphics.go)
	app     atomic.Pointer[fyne.App]

	// exit, box, restart and probe stand for os.Exit, the message box, a
	// new start of the program and the OpenGL probe in tests.
	exit    func(code int)
	box     func(title, text string)
	restart func() error
	probe   func() GLInfo
}

// current is the guard of this process, for the settings screen.
var current atomic.Pointer[Guard]

// Begin starts the guard of a window on the data folder dir. On Windows
// it decides the OpenGL this start uses, and when there is none it says
// so and exits without returning. A child started to probe OpenGL
// (probe_windows.go) never returns from Begin either.
func Begin(dir, version string) *Guard {
	runProbeChild() // returns only in the app itself
	g := &Guard{dir: dir, exit: os.Exit, box: messageBox, restart: restartSelf, probe: probeSystem}
	g.openLog()
	g.captureLogs()
	g.logf("start: chibo %s %s/%s, data folder %s", version, runtime.GOOS, runtime.GOARCH, dir)
	go g.watch(firstWindowTimeout, watchPoll, g.visible)
	g.gfx = g.chooseGraphics()
	current.Store(g)
	if g.gfx.Probed && g.gfx.Fallback == "" && g.gfx.System.Known() && !g.gfx.System.Sufficient() {
		g.Fail(failWindow, "no OpenGL 2.1 and no software OpenGL: "+g.gfx.System.String())
	}
	return g
}

// Current is the guard of this process, nil before Begin (and in tests).
func Current() *Guard { return current.Load() }

// Graphics is what this start found and used.
func (g *Guard) Graphics() Graphics { return g.gfx }

// Dir is the data folder the guard keeps its files in.
func (g *Guard) Dir() string { return g.dir }

// openLog opens the log in append mode, starting it again when it has
// grown past maxLog.
func (g *Guard) openLog() {
	g.logPath = filepath.Join(g.dir, LogName)
	if err := os.MkdirAll(g.dir, 0o700); err != nil {
		return
	}
	if fi, err := os.Stat(g.logPath); err == nil && fi.Size() > maxLog {
		os.Rename(g.logPath, g.logPath+".1")
	}
	f, err := os.OpenFile(g.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	g.log = f
}

// captureLogs sends Go's log and the trace of a crash on any goroutine to
// the log file.
func (g *Guard) captureLogs() {
	log.SetOutput(&logWriter{g: g})
	if g.log != nil {
		_ = debug.SetCrashOutput(g.log, debug.CrashOptions{})
	}
}

// logf writes one line with the time to the log file only: a terminal
// hears of a failure through the message (messageBox).
func (g *Guard) logf(format string, args ...any) {
	if g.log != nil {
		g.log.WriteString(time.Now().Format("2006-01-02 15:04:05.000 ") + fmt.Sprintf(format, args...) + "\n")
	}
}

// logWriter is Go's log output (where Fyne and GLFW report errors): the log
// file, and stderr for whoever started the program from a terminal (a
// Windows GUI program has none: the write fails quietly). A line that says
// the window cannot be made ends the start with the message box before
// Fyne itself exits silently (its initFailed calls os.Exit after logging).
type logWriter struct{ g *Guard }

// windowFailures are what is logged when GLFW or its window fails: Fyne's
// own lines, and GLFW's platform errors about OpenGL, which go-gl's binding
// only logs (glfw.Init then returns no error and the window never comes:
// "PlatformError: WGL: Failed to set pixel format for dummy context").
var windowFailures = []string{"failed to initialise GLFW", "window creation error",
	"PlatformError: WGL:", "PlatformError: GLX:", "PlatformError: EGL:"}

func (w *logWriter) Write(p []byte) (int, error) {
	if w.g.log != nil {
		w.g.log.Write(p)
	}
	os.Stderr.Write(p)
	if !w.g.shown.Load() {
		for _, f := range windowFailures {
			if strings.Contains(string(p), f) {
				w.g.Fail(failWindow, strings.TrimSpace(string(p)))
			}
		}
	}
	return len(p), nil
}

// Shown tells the guard the window is on screen; the watch stops. A
// window on the laptop's own OpenGL is remembered (graphics.go).
func (g *Guard) Shown() {
	if g.shown.Swap(true) {
		return
	}
	if err := g.gfx.markHardwareWorked(g.dir, hostName()); err != nil {
		g.logf("remember the OpenGL: %v", err)
	}
}

// Recover, deferred in main, turns a panic on the main goroutine (where
// Fyne runs every callback) into the message box and the log.
func (g *Guard) Recover() {
	if r := recover(); r != nil {
		g.Fail(failPanic, fmt.Sprintf("panic: %v\n%s", r, debug.Stack()))
	}
}

// Fail ends the start: the details go to the log, the message to a box, and
// the process exits. When the window failed on the laptop's own OpenGL and
// the software one is there, that is remembered (graphics.go) and OK on the
// box starts the program again on it.
func (g *Guard) Fail(k failure, detail string) {
	g.fatal.Do(func() {
		g.logf("failed: %s (graphics: %s, %s): %s", k, g.gfx.Used, g.gfx.System, detail)
		again := k.relaunches(g.gfx)
		if again && !g.gfx.Probed && g.probe != nil { // remember what it failed on
			g.gfx.System, g.gfx.Probed = g.probe(), true
		}
		if again {
			if err := g.gfx.markHardwareFailed(g.dir); err != nil {
				g.logf("remember the failure: %v", err)
				again = false
			}
		}
		title, text := k.message(g.gfx, g.logPath)
		g.box(title, text)
		if again {
			if err := g.restart(); err != nil {
				g.logf("start again: %v", err)
			}
		}
		g.exit(3)
	})
}

// restartSelf starts this program again with the same arguments.
func restartSelf() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return exec.Command(exe, os.Args[1:]...).Start()
}
