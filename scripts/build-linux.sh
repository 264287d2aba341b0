#!/usr/bin/env bash
# Release build for Linux: the binary, its menu entry (.desktop) and icon,
# the user guide and a per-user install script, in one tarball.
# Output: dist/linux/ and dist/SoTayChiBo-VERSION-linux-amd64.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(bash scripts/build-flags.sh version)
out=dist/linux
mkdir -p "$out"
go build -tags "$(bash scripts/build-flags.sh tags)" -trimpath \
  -ldflags "-s -w $(bash scripts/build-flags.sh ldflags "$version")" -o "$out/chibo" .
got=$("$out/chibo" --version)
[ "$got" = "chibo $version" ] || { echo "FAIL: --version printed '$got', want 'chibo $version'"; exit 1; }
cp packaging/chibo.desktop "$out/chibo.desktop"
cp assets/icon.png "$out/chibo.png"
install -m755 packaging/install-linux.sh "$out/install.sh"
go run ./packaging/guide -out "$out/Huong-dan.pdf"
tarball=dist/SoTayChiBo-$version-linux-amd64.tar.gz
tar -czf "$tarball" -C dist --transform "s|^linux|SoTayChiBo-$version|" linux
echo "wrote $tarball ($(du -h "$tarball" | cut -f1)); $got"
