//go:build windows

package ui

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// osDrives lists the removable drives by letter and volume label, then
// the laptop's own drives: Windows names a stick "KINGSTON (E:)" and so
// does this list. A card reader with no card has no volume and is left out.
func osDrives() []drive {
	mask, err := windows.GetLogicalDrives()
	if err != nil {
		return nil
	}
	var sticks, fixed []drive
	for i := 0; i < 26; i++ {
		if mask&(1<<uint(i)) == 0 {
			continue
		}
		letter := string(rune('A' + i))
		root := letter + `:\`
		p, err := windows.UTF16PtrFromString(root)
		if err != nil {
			continue
		}
		kind := windows.GetDriveType(p)
		if kind != windows.DRIVE_REMOVABLE && kind != windows.DRIVE_FIXED {
			continue
		}
		var label [windows.MAX_PATH + 1]uint16
		if err := windows.GetVolumeInformation(p, &label[0], uint32(len(label)), nil, nil, nil, nil, 0); err != nil {
			continue // no medium
		}
		name := windows.UTF16ToString(label[:])
		if kind == windows.DRIVE_REMOVABLE {
			if name == "" {
				name = "USB"
			}
			sticks = append(sticks, drive{fmt.Sprintf("%s (%s:)", name, letter), root})
			continue
		}
		if name == "" {
			name = "Ổ đĩa máy"
		}
		fixed = append(fixed, drive{fmt.Sprintf("%s (%s:)", name, letter), root})
	}
	return append(sticks, fixed...)
}
