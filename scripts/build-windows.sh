#!/usr/bin/env bash
# Cross-compiles the portable Windows build: one chibo.exe (icon, version
# and Vietnamese product name from FyneApp.toml, GUI subsystem, release
# flags), checks its PE headers and resources, and zips it with the
# Vietnamese user guide. Needs gcc-mingw-w64-x86-64 (scripts/deps.sh).
# Output: dist/windows/chibo.exe and dist/SoTayChiBo-VERSION-windows.zip.
set -euo pipefail
cd "$(dirname "$0")/.."
toml() { sed -n "s/^$1 *= *\"*\([^\"]*\)\"* *$/\1/p" FyneApp.toml | head -1; }
name=$(toml Name); version=$(toml Version); build=$(toml Build)
out=dist/windows
mkdir -p "$out"
# The resource object must sit beside main.go while go build runs; it is
# only ever linked into Windows builds (the _windows_amd64 suffix).
syso=rsrc_windows_amd64.syso
trap 'rm -f "$syso"' EXIT
go run github.com/tc-hib/go-winres@v0.3.3 simply --arch amd64 --out rsrc --manifest gui \
  --icon assets/icon.png --product-name "$name" --file-description "$name" \
  --product-version "$version.$build" --file-version "$version.$build" \
  --original-filename chibo.exe --copyright "Sổ tay Chi bộ"
start=$(date +%s)
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -tags no_emoji,migrated_fynedo -trimpath \
  -ldflags "-s -w -H=windowsgui -X chibo/cli.Version=$version" -o "$out/chibo.exe" .
echo "built $out/chibo.exe in $(( $(date +%s) - start )) s"
file "$out/chibo.exe"
go run ./packaging/execheck -version "$version" -product "$name" "$out/chibo.exe"
go run ./packaging/guide -out "$out/Huong-dan.pdf"
zipfile=dist/SoTayChiBo-$version-windows.zip
rm -f "$zipfile"
zip -q -j "$zipfile" "$out/chibo.exe" "$out/Huong-dan.pdf"
echo "wrote $zipfile ($(du -h "$zipfile" | cut -f1))"
