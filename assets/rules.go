package assets

import "embed"

// Rules holds the Party's rules as versioned data sets (rules/*.json), one
// file per set, each value carrying the regulation it comes from and the
// date it takes effect, so a reissued rule is a data change, not a code one.
// Package chibo/rules loads and checks them.
//
//go:embed rules/*.json
var Rules embed.FS
