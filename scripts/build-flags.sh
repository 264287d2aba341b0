#!/usr/bin/env bash
# The flags every build of chibo uses, so `make build` (and with it the
# window and typing checks), the release scripts and the test that builds
# a release (sync/release_test.go) build the same program:
#   build-flags.sh version           the release's version, from FyneApp.toml
#   build-flags.sh tags              the build tags
#   build-flags.sh ldflags [VERSION] the -ldflags that stamp VERSION (default: FyneApp.toml's)
# migrated_fynedo: every goroutine reaches the window through fyne.Do
# (ui/bridge.go), so Fyne's thread checks, which also hand a call made from
# the wrong goroutine over to the right one and so hide the mistake, are
# off in every build, and what the checks test is what ships.
# no_emoji: Fyne leaves out its colour emoji font (the app shows no emoji).
set -euo pipefail
root=$(dirname "${BASH_SOURCE[0]}")/..
version() { sed -n 's/^Version *= *"\(.*\)"/\1/p' "$root/FyneApp.toml"; }
case ${1:-} in
version) version ;;
tags) echo no_emoji,migrated_fynedo ;;
ldflags) echo "-X chibo/internal/buildinfo.Version=${2:-$(version)}" ;;
*) echo "usage: build-flags.sh version|tags|ldflags [VERSION]" >&2; exit 2 ;;
esac
