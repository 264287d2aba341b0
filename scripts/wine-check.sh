#!/usr/bin/env bash
# The Windows build, run for real: chibo.exe from the portable zip and from
# the installer, under Wine 8 (Debian's wine64) on Xvfb, in a Wine virtual
# desktop of 1366x768 with a taskbar (a common village laptop's screen).
# The window is driven with xdotool and typed into through Windows' own
# input path (scripts/wine/unikey.c); winlist.exe reports what Windows
# shows. Steps and their times are printed; any failing step, or any
# window that is not chibo's own (an error dialog, a crash report, a
# message box nobody asked for), fails the run. Screenshots of the main
# screens go to dist/windows-*.png.
#
#   1. scripts/wine/cell.sh     first start on an empty profile, setup, a member,
#                               the demo, minutes, a bundle a Linux hub imports,
#                               backup and restore, window size, the idle lock
#   2. scripts/wine/nogl.sh     a display without OpenGL: the software fallback,
#                               the message box, frame times of both paths
#   3. scripts/wine/install.sh  the installer: install, run, upgrade over the
#                               previous version with data, uninstall
#
# What Wine does not prove: real graphics drivers, real Unikey, real
# SmartScreen and antivirus (README, "Windows").
# Usage: wine-check.sh WINDOWS_DIR LINUX_CHIBO   (make test-windows)
set -euo pipefail
cd "$(dirname "$0")/.."
win_dir=$(readlink -f "$1")
linux_chibo=$(readlink -f "$2")
mkdir -p dist
dist=$(readlink -f dist)
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
zip=$dist/SoTayChiBo-$version-windows.zip
installer=$dist/SoTayChiBo-$version-cai-dat.exe
for f in "$win_dir/chibo.exe" "$zip" "$installer" "$linux_chibo"; do
  [ -f "$f" ] || { echo "FAIL: $f is missing (make windows build)"; exit 1; }
done
# shellcheck source=scripts/wine-lib.sh
. scripts/wine-lib.sh
started=$(date +%s)
echo "Windows run under $("$wine_bin" --version) on Xvfb, virtual desktop 1366x768"
step "tools: stand-in DLL, winlist, unikey, framemeter" tools
step "Wine prefix with the stand-in bcryptprimitives.dll" prefix
step "Xvfb 1366x768 with OpenGL (GLX)" xvfb gl_display -screen 0 1366x768x24
export DISPLAY=$gl_display
. scripts/wine/cell.sh
. scripts/wine/nogl.sh
. scripts/wine/install.sh
frames_report
echo "Windows run passed: $step_n steps in $(($(date +%s) - started)) s; screenshots in dist/windows-*.png"
