package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	bundle "chibo/sync"
)

// skippedLines words the entries of a stick's folder that were not
// bundles (sync.ScanFolder), for the import summary: each reason once,
// with the names when there are few, and a count when a stick holds
// thousands of photos, so the summary stays short and the window quick.
func skippedLines(skipped []bundle.Result) []string {
	const named = 5 // names listed under one reason before counting the rest
	var order []string
	byWhy := map[string][]string{}
	for _, r := range skipped {
		why := message(r.Err)
		if _, ok := byWhy[why]; !ok {
			order = append(order, why)
		}
		byWhy[why] = append(byWhy[why], filepath.Base(r.File))
	}
	out := make([]string, 0, len(order))
	for _, why := range order {
		names := byWhy[why]
		if len(names) <= named {
			out = append(out, fmt.Sprintf("• %s: %s", strings.Join(names, ", "), why))
			continue
		}
		out = append(out, fmt.Sprintf("• %d mục: %s (%s… và %d mục khác)", len(names), why,
			strings.Join(names[:named], ", "), len(names)-named))
	}
	return out
}
