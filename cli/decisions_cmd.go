package cli

import (
	"fmt"

	"chibo/store"
	bundle "chibo/sync"
)

// runDecisions writes, for every cell with hub decisions it has not
// applied yet, one bundle (acknowledgement and decisions) into --out: the
// hub's "write decisions for all cells to the stick", headless.
func runDecisions(e env, args []string) error {
	st, _, out, err := openForStick(e, "decisions", args, store.RoleHub, "the bundles")
	if err != nil {
		return err
	}
	defer st.Close()
	xs, err := bundle.ExportDecisions(e.ctx, st, out, nil)
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
