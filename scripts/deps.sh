#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, run and test
# chibo: the C headers Fyne's window needs, Xvfb for the window test,
# poppler for reading PDFs back, mingw and zip for the Windows build.
# `deps.sh windows` adds what the Windows artefacts and their run under
# Wine need: Wine 8, NSIS, and the tools that build Mesa's software OpenGL
# from Debian's source package (scripts/build-mesa.sh).
# Only missing packages are installed.
set -euo pipefail
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev libgl1-mesa-dri xvfb xauth xdotool x11-apps x11-utils imagemagick poppler-utils gcc-mingw-w64-x86-64 zip file sqlite3 x11-xserver-utils)
if [ "${1:-}" = windows ]; then
  pkgs+=(wine64 nsis g++-mingw-w64-x86-64 meson ninja-build python3-mako bison flex dpkg-dev patch
    debian-archive-keyring libxdamage-dev)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then
    echo "add /usr/local/go/bin to PATH" >&2
  else
    echo "Go 1.26 is required (https://go.dev/doc/install)" >&2
  fi
  exit 1
fi
