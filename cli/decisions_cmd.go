package cli

import (
	"fmt"
	"os"

	"chibo/store"
	bundle "chibo/sync"
)

// runDecisions writes, for every cell with hub decisions it has not
// applied yet, one bundle (acknowledgement and decisions) into --out: the
// hub's "write decisions for all cells to the stick", headless.
func runDecisions(e env, args []string) error {
	fs, data := newFlags(e, "decisions")
	out := fs.String("out", "", "folder to write the bundles into (e.g. a USB stick)")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out DIR is required"}
	}
	st, _, err := openSite(e, *data, store.RoleHub)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return fmt.Errorf("decisions: %w", err)
	}
	xs, err := bundle.ExportDecisions(e.ctx, st, *out, nil)
	n := 0
	for _, x := range xs {
		fmt.Fprintln(e.out, x.Path)
		n += x.Changes
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "%d decisions for %d cells\n", n, len(xs))
	return nil
}
