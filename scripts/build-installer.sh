#!/usr/bin/env bash
# Builds the Vietnamese per-user installer from the program's folder that
# scripts/build-windows.sh made (chibo.exe, Huong-dan.pdf,
# do-hoa-phan-mem/), with NSIS (Debian's nsis package).
# Usage: build-installer.sh SRC_DIR VERSION BUILD [OUT.exe]
# Output: OUT.exe, by default dist/SoTayChiBo-VERSION-cai-dat.exe
set -euo pipefail
cd "$(dirname "$0")/.."
src=$1; version=$2; build=$3
out=${4:-dist/SoTayChiBo-$version-cai-dat.exe}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The installer's icon is the program's, as .ico.
convert assets/icon.png -define icon:auto-resize=256,48,32,16 "$work/icon.ico"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DBUILD="$build" -DSRC="$(readlink -f "$src")" \
  -DOUT="$(readlink -f "$(dirname "$out")")/$(basename "$out")" -DICON="$work/icon.ico" packaging/windows/installer.nsi
echo "wrote $out ($(du -h "$out" | cut -f1))"
