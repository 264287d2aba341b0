//go:build !windows

package ui

import "fyne.io/fyne/v2"

// fitWorkArea: outside Windows the window manager keeps a new window on
// screen, and Fyne tells no work area; the size is startSize's.
func fitWorkArea(fyne.Window) {}
