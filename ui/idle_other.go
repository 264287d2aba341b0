//go:build !windows

package ui

import "time"

// osIdle has no portable source outside Windows (X11 and Wayland each
// need their own protocol); the window's hooks and fingerprint stand in.
func osIdle() (time.Duration, bool) { return 0, false }
