package assets

import "embed"

// CellWork holds the rule sets for year-end reviews, admission, dues and
// the holiday calendar (rules/cellwork/*.json). They sit in their own
// folder because rules.Load reads every rules/*.json as a meeting-and-
// layout set and would refuse these.
//
//go:embed rules/cellwork/*.json
var CellWork embed.FS
