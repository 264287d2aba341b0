// Command chibo is Sổ tay Chi bộ: with no subcommand it opens the window,
// otherwise it runs a headless command (see cli).
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"chibo/cli"
	"chibo/ui"
)

func main() {
	dir, gui, code := cli.Main(os.Args[1:], os.Stdout, os.Stderr)
	if !gui {
		os.Exit(code)
	}
	if err := ui.UseVietnamese(); err != nil {
		fmt.Fprintln(os.Stderr, "chibo: translations:", err)
	}
	a := app.NewWithID("vn.sotaychibo.app")
	closeStore := ui.Launch(a, dir) // checks the database; offers a backup if damaged
	defer closeStore()
	a.Run()
}
