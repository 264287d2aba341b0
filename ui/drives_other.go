//go:build !windows

package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// mediaRoots are where Linux desktops mount sticks (udisks under /media
// or /run/media, by hand under /mnt) and macOS under /Volumes.
var mediaRoots = []string{"/media", "/run/media", "/mnt", "/Volumes"}

// osDrives lists the mounted sticks, named by their mount folder, which
// is the stick's label.
func osDrives() []drive {
	b, err := os.ReadFile("/proc/self/mounts")
	if err != nil {
		return volumes("/Volumes") // macOS has no /proc
	}
	return mountedMedia(string(b), mediaRoots)
}

// mountedMedia picks from a mounts table (fstab format) the mounts under
// the media roots.
func mountedMedia(table string, roots []string) []drive {
	var out []drive
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		mp := unescapeMount(f[1])
		for _, r := range roots {
			if strings.HasPrefix(mp, r+"/") {
				out = append(out, drive{"USB " + filepath.Base(mp), mp})
				break
			}
		}
	}
	return out
}

// unescapeMount decodes the octal escapes of a mounts table ("\040" is a space).
func unescapeMount(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// volumes lists the folders of a mount root but the system's own volume.
func volumes(root string) []drive {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	var out []drive
	for _, e := range entries {
		path := filepath.Join(root, e.Name())
		if target, err := os.Readlink(path); err == nil && target == "/" {
			continue
		}
		out = append(out, drive{"USB " + e.Name(), path})
	}
	return out
}
