#!/usr/bin/env bash
# Builds the software OpenGL fallback for the Windows build: Mesa's
# opengl32.dll over the GDI driver and softpipe, cross-compiled with mingw
# from Debian's own mesa source package (with Debian's patches), as
# ../shared/notes/windows-software-gl.md describes. The three DLLs it gives
# (opengl32, libgallium_wgl, libglapi) stand in for a laptop whose graphics
# driver offers no OpenGL 2.1; chibo.exe loads them only then (ui/glfallback*).
#
# The build takes minutes, so its result is cached outside the repo, keyed
# by the Mesa version and a hash of the recipe (options, cross file,
# compiler version): CHIBO_MESA_CACHE, default ~/.cache/chibo-mesa/<key>. A second
# run, and CI's second run, copies from there. Two builds from the same key
# are bit-identical (static runtime, --no-insert-timestamp).
#
# Usage: build-mesa.sh OUTDIR   (copies the three DLLs into OUTDIR)
# Needs: meson ninja-build python3-mako bison flex g++-mingw-w64-x86-64
# dpkg-dev (scripts/deps.sh --windows installs them).
set -euo pipefail
out=${1:?usage: build-mesa.sh OUTDIR}
dlls=(opengl32.dll libgallium_wgl.dll libglapi.dll)

# Debian's python3 first: a version manager's python lacks mako.
export PATH=/usr/bin:/bin:$PATH

# A private apt configuration reads Debian's source index without touching
# the machine's own sources list; apt checks the index's signature and the
# files' hashes, so the source is Debian's.
apt_dir=${CHIBO_MESA_APT:-${XDG_CACHE_HOME:-$HOME/.cache}/chibo-mesa/apt}
apt_opts=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent
  -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" -o Debug::NoLocking=1
  -o APT::Sandbox::User=root -qq)
apt_src() {
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  local keys=/usr/share/keyrings/debian-archive-keyring.gpg
  cat >"$apt_dir/sources.list" <<EOF
deb-src [signed-by=$keys] http://deb.debian.org/debian bookworm main
deb-src [signed-by=$keys] http://deb.debian.org/debian bookworm-updates main
deb-src [signed-by=$keys] http://deb.debian.org/debian-security bookworm-security main
EOF
  apt-get "${apt_opts[@]}" update >/dev/null
}

# The version: the newest mesa source Debian publishes for bookworm (its
# point and security updates), the one its Linux packages are built from.
mesa_version() {
  apt-cache "${apt_opts[@]}" showsrc mesa 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1
}

# The build's options; with the cross file below and the compiler's
# version they make the recipe, whose hash is half the cache key.
mesa_opts=(-Dplatforms=windows -Dgallium-drivers=swrast -Dvulkan-drivers= -Dllvm=disabled
  -Dshared-glapi=enabled -Dgles1=disabled -Dgles2=disabled -Degl=disabled -Dglx=disabled
  -Dgbm=disabled -Dbuildtype=release -Dzstd=disabled -Dzlib=disabled -Dosmesa=false
  -Dgallium-va=disabled -Dgallium-vdpau=disabled -Dgallium-xa=disabled -Dgallium-opencl=disabled
  -Dbuild-tests=false -Dshader-cache=disabled -Dvalgrind=disabled -Dlibunwind=disabled
  -Dlmsensors=disabled -Dopengl=true -Db_ndebug=true)
cross_file() { # pkg-config wrapper path → meson cross file
  cat <<EOF
[binaries]
c = 'x86_64-w64-mingw32-gcc-posix'
cpp = 'x86_64-w64-mingw32-g++-posix'
ar = 'x86_64-w64-mingw32-ar'
strip = 'x86_64-w64-mingw32-strip'
pkgconfig = '$1'
windres = 'x86_64-w64-mingw32-windres'

[properties]
needs_exe_wrapper = true
sys_root = '/usr/x86_64-w64-mingw32/'

[built-in options]
c_link_args = ['-static', '-static-libgcc', '-Wl,--no-insert-timestamp']
cpp_link_args = ['-static', '-static-libgcc', '-static-libstdc++', '-Wl,--no-insert-timestamp']

[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
}
recipe=$( { echo "${mesa_opts[*]}"; cross_file PKGCONFIG; x86_64-w64-mingw32-gcc-posix --version 2>/dev/null | head -1; } |
  sha256sum | cut -c1-12)

cache_root=${CHIBO_MESA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chibo-mesa}
# Warm path without the network: the newest complete build of this recipe
# (CHIBO_MESA_REFRESH=1 looks for a newer Debian version first).
cached=""
for d in $(ls -1d "$cache_root"/*-"$recipe" 2>/dev/null | sort -V -r); do
  [ -f "$d/ok" ] && { cached=$d; break; }
done
if [ -z "$cached" ] || [ "${CHIBO_MESA_REFRESH:-}" = 1 ]; then
  apt_src
  version=$(mesa_version)
  [ -n "$version" ] || { echo "build-mesa: no mesa source package found" >&2; exit 1; }
  cached=$cache_root/$version-$recipe
fi
if [ -f "$cached/ok" ]; then
  mkdir -p "$out"
  for f in "${dlls[@]}"; do cp "$cached/$f" "$out/"; done
  echo "mesa: cached $(basename "$cached") → $out ($(du -ch "${dlls[@]/#/$out/}" | tail -1 | cut -f1))"
  exit 0
fi

version=${version:-$(mesa_version)}
start=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/chibo-mesa.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "mesa: building $version for Windows (a few minutes, once; cached in $cached)"
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only "mesa=$version" >/dev/null 2>&1)
dpkg-source --no-check -x "$work"/mesa_*.dsc "$work/src" >/dev/null # hashes checked by apt
# Debian's own patches (format 1.0 + quilt series), as its package builds.
if [ -f "$work/src/debian/patches/series" ]; then
  grep -v '^#' "$work/src/debian/patches/series" | while read -r p; do
    [ -n "$p" ] && patch -d "$work/src" -p1 -s <"$work/src/debian/patches/$p"
  done
fi

# Mesa's own CI cross file (.gitlab-ci/x86_64-w64-mingw32) without ccache
# and LLVM; a static runtime so the DLLs need only system DLLs.
mkdir -p "$work/bin"
cat >"$work/bin/pkg-config" <<'EOF'
#!/bin/sh
PKG_CONFIG_SYSROOT_DIR=/usr/x86_64-w64-mingw32 PKG_CONFIG_LIBDIR=/usr/x86_64-w64-mingw32/lib/pkgconfig exec pkg-config "$@"
EOF
chmod +x "$work/bin/pkg-config"
cross_file "$work/bin/pkg-config" >"$work/cross.ini"
# Paths and dates must not leak into the DLLs, so two builds match.
export SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l "$work/src/debian/changelog" -S Timestamp)
flags="-ffile-prefix-map=$work=."
meson setup "$work/build" "$work/src" --cross-file "$work/cross.ini" \
  -Dc_args="$flags" -Dcpp_args="$flags" \
  "${mesa_opts[@]}" >"$work/meson.log" 2>&1 ||
  { tail -30 "$work/meson.log"; exit 1; }
ninja -C "$work/build" src/gallium/targets/libgl-gdi/opengl32.dll >"$work/ninja.log" 2>&1 ||
  { tail -30 "$work/ninja.log"; exit 1; }
mkdir -p "$cached.tmp"
for f in "${dlls[@]}"; do
  src=$(find "$work/build" -name "$f" -type f | head -1)
  [ -n "$src" ] || { echo "build-mesa: $f was not built" >&2; exit 1; }
  x86_64-w64-mingw32-strip -o "$cached.tmp/$f" "$src"
done
(cd "$cached.tmp" && sha256sum "${dlls[@]}" >SHA256SUMS && echo "$version" >VERSION && touch ok)
rm -rf "$cached" && mv "$cached.tmp" "$cached"
echo "mesa: built $version in $(($(date +%s) - start)) s"
mkdir -p "$out"
for f in "${dlls[@]}"; do cp "$cached/$f" "$out/"; done
cat "$cached/SHA256SUMS"
