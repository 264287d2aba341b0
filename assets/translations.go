package assets

import (
	"embed"
	"os"
)

// Translations holds the Vietnamese wording of Fyne's own strings (dialog
// buttons, the file picker, weekday names), which Fyne does not ship. The
// ui package installs it with ui.UseVietnamese.
//
//go:embed translations/*.json
var Translations embed.FS

// Fyne's lang package reads the OS locale in its init, before main runs,
// and logs "Error parsing user locale C" when LANG is C.UTF-8 (the default
// in many Linux setups). On Unix it prefers LANGUAGE over LANG for any
// locale but exactly C or POSIX, so naming Vietnamese there first silences
// that line. This must happen in a package initializer: since Go 1.21
// packages initialise in import-path order once their imports are done, and
// "chibo/assets" sorts before "fyne.io/fyne/v2/lang", which cannot be ready
// earlier because it imports os too. Windows and macOS ignore LANGUAGE.
var _ = os.Setenv("LANGUAGE", "vi")
