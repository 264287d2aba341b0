//go:build !windows

package startup

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/driver"
)

// runProbeChild: only Windows probes OpenGL in a child.
func runProbeChild() {}

// probeSystem: outside Windows there is nothing to choose between.
var probeSystem func() GLInfo

// chooseGraphics: outside Windows the system's OpenGL is the only one
// (Mesa is part of every Linux desktop); a failure still ends in a message
// and the log rather than a silent process.
func (g *Guard) chooseGraphics() Graphics {
	return Graphics{Choice: Choice{Mode: ModeAuto}, Used: UsedHardware, Why: ReasonNoFallback}
}

// messageBox has no native box to show outside Windows: whoever started
// the program from a terminal reads it there, and the log keeps it.
func messageBox(title, text string) {
	fmt.Fprintf(os.Stderr, "%s\n\n%s\n", title, text)
}

// nativeVisible tells whether a native window exists behind ctx.
func nativeVisible(ctx any) bool {
	switch c := ctx.(type) {
	case driver.X11WindowContext:
		return c.WindowHandle != 0
	case driver.WaylandWindowContext:
		return c.WaylandSurface != 0
	case driver.MacWindowContext:
		return c.NSWindow != 0
	}
	return false
}
