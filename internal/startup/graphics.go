package startup

// Which OpenGL a start uses. Fyne needs OpenGL 2.1. A Windows laptop
// whose graphics driver is missing (Windows' basic display adapter, after a
// shop reinstalled it) offers only 1.1, so the Windows build ships Mesa's
// software OpenGL (softpipe) in FallbackDir beside chibo.exe
// (scripts/build-mesa.sh). It is slower, so it is used only when the
// laptop's own OpenGL is missing or older than 2.1, when a window already
// failed on it, or when the user asks for it in Settings. The choice and
// what happened live in ChoiceFile in the data folder; they are read
// before Fyne starts, when its preferences are not there yet.

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// FallbackDir is the folder beside chibo.exe that holds the software
// OpenGL (opengl32.dll, libgallium_wgl.dll, libglapi.dll); its name says
// "software graphics" to whoever looks into the program's folder.
const FallbackDir = "do-hoa-phan-mem"

// ChoiceFile keeps the choice in the data folder.
const ChoiceFile = "graphics.json"

// Mode is the user's choice in Settings.
type Mode string

// The modes, ModeAuto by default.
const (
	ModeAuto     Mode = "auto"
	ModeHardware Mode = "hardware"
	ModeSoftware Mode = "software"
)

// What a start uses.
const (
	UsedHardware = "hardware" // the laptop's own OpenGL
	UsedSoftware = "software" // Mesa's from FallbackDir
)

// Choice is ChoiceFile.
type Choice struct {
	Mode Mode `json:"mode"`
	// FailedOn is the laptop's OpenGL (GLInfo.String) a window failed on:
	// automatic starts use the software one while it is the same, and try
	// the laptop's again once its driver has changed.
	FailedOn string `json:"hardware_failed_on,omitempty"`
	// WorkedOn is the laptop's OpenGL a window last appeared on, and
	// WorkedHost the computer: automatic starts on that computer skip the
	// probe (a second under Wine) and use it; if it has gone bad meanwhile,
	// the failure is caught and remembered. A data folder copied to
	// another computer probes again.
	WorkedOn   string `json:"hardware_worked_on,omitempty"`
	WorkedHost string `json:"hardware_worked_host,omitempty"`
}

// LoadChoice reads the choice in dir; a missing or unreadable file is the
// default, automatic.
func LoadChoice(dir string) Choice {
	c := Choice{Mode: ModeAuto}
	raw, err := os.ReadFile(filepath.Join(dir, ChoiceFile))
	if err == nil {
		_ = json.Unmarshal(raw, &c)
	}
	switch c.Mode {
	case ModeAuto, ModeHardware, ModeSoftware:
	default:
		c.Mode = ModeAuto // a hand-edited file must not stop the window
	}
	return c
}

func saveChoice(dir string, c Choice) error {
	raw, _ := json.MarshalIndent(c, "", "  ")
	tmp := filepath.Join(dir, ChoiceFile+".tmp")
	if err := os.WriteFile(tmp, append(raw, '\n'), 0o600); err != nil {
		return fmt.Errorf("startup: save graphics choice: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, ChoiceFile)); err != nil {
		return fmt.Errorf("startup: save graphics choice: %w", err)
	}
	return nil
}

// SaveMode records the user's pick; it applies from the next start. A pick
// forgets an earlier failure, so choosing automatic tries the laptop's
// OpenGL again.
func SaveMode(dir string, m Mode) error {
	return saveChoice(dir, Choice{Mode: m})
}

// GLInfo is what a probe of OpenGL found.
type GLInfo struct {
	Version  string `json:"version,omitempty"`
	Renderer string `json:"renderer,omitempty"`
	Vendor   string `json:"vendor,omitempty"`
	// Err is OpenGL's own answer when it gave no context or version: the
	// laptop has no usable OpenGL.
	Err string `json:"error,omitempty"`
	// ProbeErr is set when the probe itself did not run to its end
	// (could not start, timed out): nothing is known about OpenGL.
	ProbeErr string `json:"-"`
}

// glVersion reads "major.minor" at the start of GL_VERSION ("4.6.0
// NVIDIA 537.13", "3.3 (Compatibility Profile) Mesa 22.3.6", "1.1.0").
var glVersion = regexp.MustCompile(`^(\d+)\.(\d+)`)

// Sufficient tells whether Fyne can run on it (OpenGL 2.1 or newer).
func (i GLInfo) Sufficient() bool {
	m := glVersion.FindStringSubmatch(i.Version)
	if i.Err != "" || i.ProbeErr != "" || m == nil {
		return false
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	return major > 2 || major == 2 && minor >= 1
}

// Known tells whether the probe gave an answer, good or bad.
func (i GLInfo) Known() bool { return i.ProbeErr == "" }

func (i GLInfo) String() string {
	switch {
	case i.ProbeErr != "":
		return "unknown (" + i.ProbeErr + ")"
	case i.Err != "":
		return "none (" + i.Err + ")"
	}
	return i.Version + " | " + i.Renderer
}

// Reason is why a start uses the OpenGL it uses.
type Reason int

// The reasons; Settings words each in Vietnamese (ui/settings_graphics.go).
const (
	ReasonNoFallback   Reason = iota // the software OpenGL is not beside the program
	ReasonChosen                     // chosen in Settings
	ReasonNotProbed                  // the probe gave no answer
	ReasonTooOld                     // the laptop's OpenGL is missing or older than 2.1
	ReasonFailedBefore               // a window failed on the laptop's OpenGL
	ReasonGood                       // the laptop's OpenGL is 2.1 or newer
	ReasonWorkedBefore               // a window appeared on the laptop's OpenGL last time
)

func (r Reason) String() string {
	return [...]string{"no software OpenGL beside the program", "chosen in settings",
		"the laptop's OpenGL could not be probed", "the laptop's OpenGL is missing or older than 2.1",
		"a window failed on the laptop's OpenGL before", "the laptop's OpenGL is 2.1 or newer",
		"a window appeared on the laptop's OpenGL last time"}[r]
}

// Graphics is what a start found and used.
type Graphics struct {
	Choice
	Used     string // UsedHardware or UsedSoftware
	Why      Reason
	System   GLInfo // the laptop's own OpenGL, when probed
	Probed   bool
	Fallback string // the software OpenGL's folder, "" when it is missing
}

// decide picks the OpenGL of a start on the computer host from the choice,
// the fallback folder ("" when missing) and, when it needs one, a probe of
// the laptop's own.
func decide(c Choice, fallback, host string, probe func() GLInfo) Graphics {
	g := Graphics{Choice: c, Fallback: fallback, Used: UsedHardware}
	if fallback == "" {
		g.Why = ReasonNoFallback
		return g
	}
	if c.Mode == ModeSoftware {
		g.Used, g.Why = UsedSoftware, ReasonChosen
		return g
	}
	if c.Mode == ModeAuto && c.FailedOn == "" && c.WorkedOn != "" && c.WorkedHost == host {
		g.Why = ReasonWorkedBefore
		return g
	}
	g.System, g.Probed = probe(), true
	switch {
	case c.Mode == ModeHardware:
		g.Why = ReasonChosen
	case !g.System.Known():
		g.Used, g.Why = UsedSoftware, ReasonNotProbed
	case !g.System.Sufficient():
		g.Used, g.Why = UsedSoftware, ReasonTooOld
	case c.FailedOn == g.System.String():
		g.Used, g.Why = UsedSoftware, ReasonFailedBefore
	default:
		g.Why = ReasonGood
	}
	return g
}

// markHardwareWorked remembers that a window appeared on the laptop's own
// OpenGL as probed on the computer host, so the next automatic start there
// need not probe it.
func (g Graphics) markHardwareWorked(dir, host string) error {
	if g.Used != UsedHardware || !g.Probed || g.Fallback == "" || g.WorkedOn == g.System.String() && g.WorkedHost == host {
		return nil
	}
	return saveChoice(dir, Choice{Mode: g.Mode, WorkedOn: g.System.String(), WorkedHost: host})
}

// hostName names this computer for WorkedHost.
func hostName() string {
	h, _ := os.Hostname()
	return h
}

// markHardwareFailed remembers that the window failed on the laptop's own
// OpenGL, so the next start turns to the software one; a choice of the
// laptop's OpenGL in Settings goes back to automatic for the same reason.
func (g Graphics) markHardwareFailed(dir string) error {
	if g.Fallback == "" {
		return errors.New("startup: no software OpenGL to turn to")
	}
	return saveChoice(dir, Choice{Mode: ModeAuto, FailedOn: g.System.String()})
}
