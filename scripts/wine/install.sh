# Part 3 of the Windows run (sourced by scripts/wine-check.sh): the
# installer. The previous version is the last build before schema step 10
# ($prev_commit), compiled here the same way (cached by commit) and packed
# with this installer script as version 0.0.9: installed, given data, then
# this version's installer goes over it, opens the data (which upgrades it,
# after a copy), and uninstalls, leaving the data.

prev_commit=8e55b1857ecf99c39dac99d4a7ad33a92c5a74e9
prev_version=0.0.9
inst=$(user_dir)/AppData/Local/Programs/SoTayChiBo
exe=$inst/chibo.exe
start_menu=$(appdata)/Microsoft/Windows/Start\ Menu/Programs/Sổ\ tay\ Chi\ bộ
desktop_lnk=$(user_dir)/Desktop/Sổ\ tay\ Chi\ bộ.lnk
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SoTayChiBo'
fail_logs=("$data/chibo.log")

# prev_installer builds the previous version's exe (once per commit, kept
# in the cache) and its installer.
prev_installer() {
  local cache=${XDG_CACHE_HOME:-$HOME0/.cache}/chibo-windows/prev-$prev_commit src=$work/prev
  if [ ! -f "$cache/chibo.exe" ]; then
    git cat-file -e "$prev_commit^{commit}" 2>/dev/null || { echo "git history lacks $prev_commit"; return 1; }
    mkdir -p "$src" "$cache" && git archive "$prev_commit" | tar -x -C "$src" || return 1
    # Built as this version is (same flags, so Go's cache serves the libraries).
    HOME=$HOME0 CHIBO_SRC=$src CHIBO_VERSION=$prev_version CHIBO_WINDOWS_OUT=$cache CHIBO_EXE_ONLY=1 \
      bash scripts/build-windows.sh >"$work/prev-build.log" 2>&1 || { tail "$work/prev-build.log"; return 1; }
  fi
  # Its installer too, keyed by what goes into it but the guide, whose PDF
  # carries its date (LZMA takes half a minute).
  local key
  key=$(cat "$cache/chibo.exe" "$win_dir"/do-hoa-phan-mem/*.dll \
    packaging/windows/installer.nsi scripts/build-installer.sh | sha256sum | cut -c1-12)
  prev_setup=$cache/SoTayChiBo-$prev_version-cai-dat-$key.exe
  [ -f "$prev_setup" ] && return 0
  rm -f "$cache"/SoTayChiBo-*-cai-dat-*.exe
  mkdir -p "$work/prev-dir" && cp "$cache/chibo.exe" "$win_dir/Huong-dan.pdf" "$work/prev-dir/" &&
    cp -r "$win_dir/do-hoa-phan-mem" "$work/prev-dir/" &&
    HOME=$HOME0 bash scripts/build-installer.sh "$work/prev-dir" "$prev_version" 1 "$prev_setup" >/dev/null
}
step "the previous version ($prev_version, schema 9) and its installer" prev_installer

install_prev() {
  mv "$data" "$WINEPREFIX/drive_c/cell-a" # this profile starts without data
  win "$prev_setup" /S || { echo "installer exit $?"; return 1; }
  timeout 60 "$wineserver_bin" -w
  exists "$exe" "$inst/go-cai-dat.exe" "$inst/Huong-dan.pdf" "$inst/do-hoa-phan-mem/opengl32.dll" \
    "$start_menu/Sổ tay Chi bộ.lnk" "$start_menu/Hướng dẫn sử dụng.lnk" "$desktop_lnk" &&
    win reg query "$uninstall_key" /v DisplayVersion | grep -q "$prev_version"
}
step "install the previous version: per user, shortcuts, no administrator" install_prev

prev_data() {
  CHIBO_PASSPHRASE=$demo_pass win "$exe" demo --data 'C:\users\'"$(id -un)"'\AppData\Roaming\SoTayChiBo' | grep -q "demo cell" &&
    [ "$(sqlite3 "$data/chibo.db" "PRAGMA user_version")" = 9 ]
}
step "the previous version makes its data (schema 9)" prev_data

# run_shortcut LNK: opens a shortcut as a double-click does.
run_shortcut() {
  CHIBO_PASSPHRASE=$demo_pass timeout 120 "$wine_bin" start /unix "$1" >/dev/null 2>&1 &
  pids+=($!)
  wait_main 60 "Sín Chéng" && wait_title_without "(đang" 90 && no_other_windows
}
run_prev() { run_shortcut "$desktop_lnk" && shot 50-phien-ban-cu && close_app; }
step "the previous version runs from the desktop shortcut" run_prev

upgrade() {
  local before
  before=$(sha256sum "$data/chibo.db")
  win "$installer" /S && timeout 60 "$wineserver_bin" -w &&
    [ "$(win "$exe" --version | tr -d '\r')" = "chibo $version" ] &&
    win reg query "$uninstall_key" /v DisplayVersion | grep -q "$version" &&
    [ "$(sha256sum "$data/chibo.db")" = "$before" ]
}
step "upgrade: this version's installer over it; the data untouched" upgrade

upgraded() {
  run_shortcut "$start_menu/Sổ tay Chi bộ.lnk" && shot 51-sau-nang-cap && close_app || return 1
  local copy
  copy=$(ls -d "$data"/before-upgrade-*-schema9 2>/dev/null | head -1)
  [ -n "$copy" ] && [ "$(sqlite3 "$copy/chibo.db" "PRAGMA user_version")" = 9 ] &&
    [ "$(sqlite3 "$data/chibo.db" "PRAGMA user_version")" = "$(ls store/migrations/*.sql | wc -l)" ] &&
    [ "$(CHIBO_PASSPHRASE=$demo_pass "$linux_chibo" meetings --data "$data" | grep -c .)" -ge 15 ]
}
step "this version opens it: a copy first, then the schema upgraded" upgraded

uninstall() {
  local before
  before=$(sha256sum "$data/chibo.db")
  win "$inst/go-cai-dat.exe" /S && timeout 60 "$wineserver_bin" -w && sleep 1 &&
    [ ! -e "$exe" ] && [ ! -e "$start_menu" ] && [ ! -e "$desktop_lnk" ] &&
    ! win reg query "$uninstall_key" >/dev/null 2>&1 &&
    [ "$(sha256sum "$data/chibo.db")" = "$before" ] && ls -d "$data"/before-upgrade-* >/dev/null
}
step "uninstall: the program and shortcuts go, the data folder stays" uninstall

sizes() {
  local z i limit=$((40 * 1024 * 1024))
  z=$(stat -c %s "$zip") i=$(stat -c %s "$installer")
  awk -v z="$z" -v i="$i" 'BEGIN { printf "      zip %.1f MB, installer %.1f MB (each under 40 MB)\n", z / 1048576, i / 1048576 }'
  [ "$z" -lt "$limit" ] && [ "$i" -lt "$limit" ]
}
step "the zip and the installer are each under 40 MB" sizes
