package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"chibo/store"
	bundle "chibo/sync"
)

// runVerifyLog checks the hash-chained import log beside chibo.db. It
// reads files only, so it works on a copy of a data folder too.
func runVerifyLog(e env, args []string) error {
	fs, data := newFlags(e, "verify-log")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*data, store.FileName)); err != nil {
		return fmt.Errorf("%s is not a chibo data folder (run chibo init first)", *data)
	}
	rep, err := bundle.VerifyImportLog(*data)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "import log intact: %d lines, head %s\n", rep.Lines, rep.Head)
	for _, n := range rep.Torn {
		fmt.Fprintf(e.out, "line %d was cut off by an interruption while being written; the next line chains to it\n", n)
	}
	return nil
}
