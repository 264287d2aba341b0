// Package buildinfo holds what a build stamps into the binary: the
// release's version. The Makefile and scripts/build-*.sh set it from
// FyneApp.toml with the flags scripts/build-flags.sh prints, so every
// place that shows or records the version (the manifest of every bundle,
// `chibo --version`, the settings page, the start log) reads this one
// variable. A hub tells an old app by its manifests, so a build that
// forgets the flag says "dev" rather than a release's number.
package buildinfo

// Version is the release, "dev" in a build without the flags.
var Version = "dev"
