package ui

// drive is a removable drive the picker offers first, by the name the
// secretary sees on the stick ("KINGSTON (E:)").
type drive struct{ name, path string }

// removableDrives lists the sticks plugged in now (drives_windows.go,
// drives_other.go); tests replace it.
var removableDrives = osDrives
