// Package assets embeds the files the binary carries: fonts with their
// licence, the rules data, translations and icons.
package assets

import "embed"

// Fonts holds Liberation Serif (OFL, see fonts/LICENSE-LiberationSerif.txt),
// metric-compatible with Times New Roman and covering Vietnamese.
//
//go:embed fonts/*.ttf fonts/*.txt
var Fonts embed.FS

// Icon is the application icon (also named in FyneApp.toml).
//
//go:embed icon.png
var Icon []byte
