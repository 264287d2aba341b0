//go:build !windows && !((linux || freebsd || netbsd || openbsd) && cgo && !ci)

package ui

import "fyne.io/fyne/v2"

// fitWorkArea does nothing under Fyne's test driver (-tags ci) and where
// neither Windows nor GLFW tells a work area (macOS keeps windows on screen
// itself); the size is startSize's.
func fitWorkArea(fyne.Window) {}
