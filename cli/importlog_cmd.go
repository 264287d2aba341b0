package cli

import (
	"fmt"

	bundle "chibo/sync"
)

// runVerifyLog checks the import log beside chibo.db: its hash chain and
// the MACs keyed from the data key, so it needs the passphrase. It works
// on a copy of a data folder too.
func runVerifyLog(e env, args []string) error {
	fs, data := newFlags(e, "verify-log")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	st, _, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := bundle.VerifyImportLog(e.ctx, st)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "import log intact: %d lines, head %s\n", rep.Lines, rep.Head)
	for _, n := range rep.Torn {
		fmt.Fprintf(e.out, "line %d was cut off by an interruption while being written; the next line chains to it\n", n)
	}
	if rep.Unkeyed > 0 {
		fmt.Fprintf(e.out, "the first %d lines were written by an older version: chained, but not keyed to this folder\n", rep.Unkeyed)
	}
	return nil
}
