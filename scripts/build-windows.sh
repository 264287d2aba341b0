#!/usr/bin/env bash
# Cross-compiles the Windows build: one chibo.exe (icon, version and
# Vietnamese product name from FyneApp.toml, GUI subsystem, release flags,
# opengl32.dll delay-loaded), checks its PE headers and resources, adds the
# software OpenGL (scripts/build-mesa.sh, cached) in do-hoa-phan-mem/ and
# the Vietnamese user guide, and makes both artefacts: the portable zip and
# the per-user installer (packaging/windows/installer.nsi).
# Needs scripts/deps.sh --windows (mingw, zip, nsis, the Mesa build tools).
# Output: dist/windows/ (the program's folder as installed),
# dist/SoTayChiBo-VERSION-windows.zip and dist/SoTayChiBo-VERSION-cai-dat.exe.
# CHIBO_VERSION overrides the version; CHIBO_SRC builds another checkout's
# source with this script's flags and CHIBO_EXE_ONLY=1 stops at the exe
# (the upgrade test builds the previous version so: scripts/wine/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
toml() { sed -n "s/^$1 *= *\"*\([^\"]*\)\"* *$/\1/p" FyneApp.toml | head -1; }
name=$(toml Name); version=${CHIBO_VERSION:-$(bash scripts/build-flags.sh version)}; build=$(toml Build)
out=$(mkdir -p "${CHIBO_WINDOWS_OUT:-dist/windows}" && readlink -f "${CHIBO_WINDOWS_OUT:-dist/windows}")
src=$(readlink -f "${CHIBO_SRC:-.}")
work=$(mktemp -d)
# The resource object must sit beside main.go while go build runs; it is
# only ever linked into Windows builds (the _windows_amd64 suffix).
syso=$src/rsrc_windows_amd64.syso
trap 'rm -f "$syso"; rm -rf "$work"' EXIT
go run github.com/tc-hib/go-winres@v0.3.3 simply --arch amd64 --out "$src/rsrc" --manifest gui \
  --icon "$src/assets/icon.png" --product-name "$name" --file-description "$name" \
  --product-version "$version.$build" --file-version "$version.$build" \
  --original-filename chibo.exe --copyright "Sổ tay Chi bộ"
# opengl32.dll delay-loaded: Go's GL and GLFW bindings link -lopengl32, which
# would make Windows load the laptop's OpenGL before main runs. A delay-load
# import library of the same name, searched first, defers it to GLFW's own
# LoadLibrary, after internal/startup has chosen between the laptop's
# OpenGL and the software one. The exports are those of mingw's own library.
# Its folder is fixed: CGO_LDFLAGS is part of Go's build cache key.
delay=${XDG_CACHE_HOME:-$HOME/.cache}/chibo-windows/delayload
mkdir -p "$delay"
imp=/usr/x86_64-w64-mingw32/lib/libopengl32.a
{ echo "LIBRARY opengl32.dll"; echo EXPORTS
  x86_64-w64-mingw32-nm -g "$imp" | sed -n 's/.* I __imp_//p' | sort -u; } >"$work/opengl32.def"
x86_64-w64-mingw32-dlltool --input-def "$work/opengl32.def" --output-delaylib "$work/libopengl32.a" \
  --dllname opengl32.dll
cmp -s "$work/libopengl32.a" "$delay/libopengl32.a" || cp "$work/libopengl32.a" "$delay/"
# The release's flags (scripts/build-flags.sh); an older checkout (the
# upgrade test's previous version) kept its version in chibo/cli.Version,
# and -X of a variable a build lacks does nothing.
tags=$(bash scripts/build-flags.sh tags)
ldflags="$(bash scripts/build-flags.sh ldflags "$version") -X chibo/cli.Version=$version"
start=$(date +%s)
(cd "$src" && CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS="-L$delay" \
  go build -tags "$tags" -trimpath -ldflags "-s -w -H=windowsgui $ldflags" -o "$out/chibo.exe" .)
echo "built $out/chibo.exe in $(( $(date +%s) - start )) s"
[ "${CHIBO_EXE_ONLY:-}" != 1 ] || exit 0
file "$out/chibo.exe"
go run ./packaging/execheck -version "$version" -product "$name" "$out/chibo.exe"
go run ./packaging/guide -out "$out/Huong-dan.pdf"
bash scripts/build-mesa.sh "$out/do-hoa-phan-mem"
zipfile=dist/SoTayChiBo-$version-windows.zip
rm -f "$zipfile"
(cd "$out" && zip -q -r -X "$OLDPWD/$zipfile" chibo.exe Huong-dan.pdf do-hoa-phan-mem)
echo "wrote $zipfile ($(du -h "$zipfile" | cut -f1))"
bash scripts/build-installer.sh "$out" "$version" "$build"
