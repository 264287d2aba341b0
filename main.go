// Command chibo is Sổ tay Chi bộ: with no subcommand it opens the window,
// otherwise it runs a headless command (see cli).
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"chibo/cli"
	"chibo/internal/buildinfo"
	"chibo/internal/startup"
	"chibo/ui"
)

func main() {
	dir, gui, code := cli.Main(os.Args[1:], os.Stdout, os.Stderr)
	if !gui {
		os.Exit(code)
	}
	// A log in the data folder, the OpenGL this start uses, and a message
	// box instead of a silent failure if the window cannot appear.
	guard := startup.Begin(dir, buildinfo.Version)
	defer guard.Recover()
	if err := ui.UseVietnamese(); err != nil {
		fmt.Fprintln(os.Stderr, "chibo: translations:", err)
	}
	a := app.NewWithID("vn.sotaychibo.app")
	guard.Watch(a)
	closeStore := ui.Launch(a, dir) // checks the database; offers a backup if damaged
	defer closeStore()
	a.Run()
}
