//go:build !windows

package ui

import "testing"

// TestLinuxSticksFromTheMountsTable: sticks mounted under /media and
// /run/media are offered by their label; the system's own mounts are not.
func TestLinuxSticksFromTheMountsTable(t *testing.T) {
	table := `/dev/sda2 / ext4 rw 0 0
/dev/sdb1 /media/bithu/KINGSTON vfat rw 0 0
/dev/sdc1 /run/media/bithu/USB\040DATA vfat rw 0 0
tmpfs /run tmpfs rw 0 0
`
	got := mountedMedia(table, []string{"/media", "/run/media", "/mnt"})
	if len(got) != 2 || got[0] != (drive{"USB KINGSTON", "/media/bithu/KINGSTON"}) || got[1].path != "/run/media/bithu/USB DATA" {
		t.Errorf("sticks %+v", got)
	}
}
