# Helpers for the Windows run under Wine (scripts/wine-check.sh sources
# this, then scripts/wine/*.sh): a Wine prefix per run, Xvfb displays, the
# small test tools, timed steps, driving chibo's window, and the cleanup of
# every process the run started. Needs wine64, xvfb, xdotool, imagemagick
# and mingw (scripts/deps.sh windows).
#
# Wine 8 (Debian bookworm's wine64) runs chibo.exe once the prefix has a
# bcryptprimitives.dll exporting ProcessPrng (Go's runtime needs it; Wine 8
# lacks it): scripts/wine/bcryptprimitives.c, built here with mingw.

wine_bin=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
wineserver_bin=$(command -v wineserver || echo /usr/lib/wine/wineserver)
[ -x "$wineserver_bin" ] || wineserver_bin=/usr/lib/wine/wineserver
lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# work: this run's folder; removed at exit with every process started.
work=$(mktemp -d "${TMPDIR:-/tmp}/chibo-wine.XXXXXX")
pids=()
HOME0=$(getent passwd "$(id -u)" | cut -d: -f6)
# A home of its own keeps the user's real one out of the prefix. Mono and
# Gecko are not needed and would be offered on the first start. Windows
# searches a program's DLL path before its system folder; under Wine a
# native opengl32.dll is taken only when allowed (the software fallback).
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEARCH=win64 HOME=$work/home LANG=C.UTF-8
export WINEDLLOVERRIDES="mscoree,mshtml=;opengl32=n,b"
mkdir -p "$HOME"

cleanup() {
  set +e
  [ -d "$WINEPREFIX" ] && timeout 20 "$wineserver_bin" -k 2>/dev/null
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  [ -n "${CHIBO_WINE_KEEP:-}" ] && { echo "kept $work"; return; } # for looking into a failure
  rm -rf "$work"
}
trap cleanup EXIT

fail_logs=()
fail() {
  echo "FAIL: $*"
  for f in "${fail_logs[@]}"; do [ -f "$f" ] && { echo "--- $f"; tail -30 "$f"; }; done
  [ -n "${DISPLAY:-}" ] && shot failed 2>/dev/null && echo "screen: $dist/windows-failed.png"
  exit 1
}

# step NAME CMD...: runs one step, prints its time, ends the run if it fails.
step_n=0
step() {
  local name=$1 t0
  t0=$(date +%s%N)
  shift
  step_n=$((step_n + 1))
  "$@" || fail "step $step_n ($name) after $((($(date +%s%N) - t0) / 1000000)) ms"
  printf '  %2d. %-62s %6d ms\n' "$step_n" "$name" $((($(date +%s%N) - t0) / 1000000))
}

# tools builds the stand-in DLL and the helpers into $work/tools:
# winlist.exe (the windows Windows shows), unikey.exe (typing as Unikey
# does) and framemeter (when the X screen changes).
tools() {
  local t=$work/tools
  mkdir -p "$t"
  x86_64-w64-mingw32-gcc -O2 -s -shared -Wl,--no-insert-timestamp -o "$t/bcryptprimitives.dll" \
    "$lib_dir/wine/bcryptprimitives.c" "$lib_dir/wine/bcryptprimitives.def" -ladvapi32 &&
    x86_64-w64-mingw32-gcc -O2 -s -o "$t/winlist.exe" "$lib_dir/wine/winlist.c" &&
    x86_64-w64-mingw32-gcc -O2 -s -municode -o "$t/unikey.exe" "$lib_dir/wine/unikey.c" &&
    gcc -O2 -o "$t/framemeter" "$lib_dir/wine/framemeter.c" -lX11 -lXdamage
}

# prefix makes this run's Wine prefix: a copy of a template kept in the
# cache (wineboot takes half a minute), keyed by Wine's version, plus the
# stand-in DLL. Wine links the user's Desktop, Documents… to the Linux home:
# in the template they become folders of the prefix. Every program runs in
# one virtual desktop of 1366x768 with a taskbar (Wine's "shell" desktop).
prefix() {
  local cache=${XDG_CACHE_HOME:-$HOME0/.cache}/chibo-wine tpl
  tpl=$cache/prefix-$("$wine_bin" --version 2>/dev/null | tr -c 'a-zA-Z0-9.\n' _)
  if [ ! -f "$tpl/ok" ]; then
    rm -rf "$tpl" && mkdir -p "$cache"
    WINEPREFIX=$tpl timeout 300 "$wine_bin" wineboot -i >/dev/null 2>&1 || return 1
    WINEPREFIX=$tpl timeout 60 "$wine_bin" reg add 'HKCU\Software\Wine\Explorer' /v Desktop /d shell /f >/dev/null 2>&1
    WINEPREFIX=$tpl timeout 60 "$wine_bin" reg add 'HKCU\Software\Wine\Explorer\Desktops' /v shell /d 1366x768 /f >/dev/null 2>&1
    WINEPREFIX=$tpl timeout 120 "$wineserver_bin" -w || return 1
    find "$tpl/drive_c/users" -maxdepth 2 -type l | while read -r l; do rm "$l" && mkdir "$l"; done
    touch "$tpl/ok"
  fi
  cp -a "$tpl" "$WINEPREFIX" && rm -f "$WINEPREFIX/ok" &&
    cp "$work/tools/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
}

user_dir() { echo "$WINEPREFIX/drive_c/users/$(id -un)"; }
appdata() { echo "$(user_dir)/AppData/Roaming"; }
prefs_file() { echo "$(appdata)/fyne/vn.sotaychibo.app/preferences.json"; }

# xvfb VAR ARGS...: starts an X server of its own and puts ":n" in VAR.
xvfb() {
  local var=$1 fd=$work/display.$RANDOM
  shift
  Xvfb -displayfd 3 -nolisten tcp "$@" 3>"$fd" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$fd" ] && break; sleep 0.05; done
  [ -s "$fd" ] || return 1
  printf -v "$var" ':%s' "$(tr -d '[:space:]' <"$fd")"
}

# win ARGS...: runs a Windows program to its end, at most two minutes.
win() { timeout 120 "$wine_bin" "$@"; }

# start_app LOG ARGS...: starts chibo.exe ($exe) in the background; its
# process is $app_pid.
start_app() {
  local log=$1
  shift
  timeout 900 "$wine_bin" "$exe" "$@" >"$log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
}

# winlist prints what Windows shows (scripts/wine/winlist.c).
winlist() { timeout 30 "$wine_bin" "$work/tools/winlist.exe" 2>/dev/null | tr -d '\r'; }

# main_window: chibo's window line from winlist, if it shows one.
main_window() { winlist | awk -F'\t' '$1 == "window" && $4 == "GLFW30"' | head -1; }

# wait_main SECONDS [TITLE]: waits for chibo's window (with TITLE in its
# title) and sets ox, oy (its client area's corner) and title.
wait_main() {
  local line deadline=$(($(date +%s) + $1))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    line=$(main_window)
    if [ -n "$line" ] && [[ "$(cut -f5 <<<"$line")" == *"${2:-}"* ]]; then
      IFS=, read -r ox oy _ _ <<<"$(cut -f3 <<<"$line")"
      title=$(cut -f5 <<<"$line")
      activate
      return 0
    fi
    sleep 0.2
  done
  return 1
}

# wait_title_without TEXT SECONDS: waits until the title no longer has TEXT.
wait_title_without() {
  local deadline=$(($(date +%s) + $2))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [[ "$(main_window | cut -f5)" != *"$1"* ]] && return 0
    sleep 0.3
  done
  return 1
}

# no_other_windows: nothing on screen but chibo's window and the taskbar;
# an error dialog or a crash report fails the step that made it.
no_other_windows() {
  local others
  others=$(winlist | awk -F'\t' '$1 == "window" && $4 != "GLFW30" && $4 != "Shell_TrayWnd"')
  [ -z "$others" ] && return 0
  echo "unexpected window: $others"
  return 1
}

# exists PATH...: each path exists; says which does not.
exists() {
  local p
  for p in "$@"; do [ -e "$p" ] || { echo "missing: $p"; return 1; }; done
}

# at X Y: a click at X,Y of chibo's client area (the 1100x720 window).
at() { xdotool mousemove $((ox + $1)) $((oy + $2)) click 1 && sleep "${pause:-0.6}"; }

# activate: makes chibo's window the foreground one, as a person's first
# click on its title bar does. Wine's desktop sometimes leaves a new window
# inactive, and then the first click on it only activates it: a click on
# «Đã hiểu» was lost that way.
activate() {
  local i
  for i in $(seq 10); do
    [ "$(winlist | awk -F'\t' '$1 == "foreground" { print $2 }')" = GLFW30 ] && return 0
    xdotool mousemove $((ox + 300)) $((oy - 10)) click 1
    sleep 0.5
  done
  echo "chibo's window never became the foreground window"
  return 1
}

# modal shown|gone [SECONDS]: waits until a modal dialog of chibo's
# (Fyne's, drawn inside the window) is on screen, or gone. A modal dialog
# dims the window behind it: the client area's bottom-right corner, which
# no dialog covers (the picker takes 90 % of the window) and no screen
# draws on, turns from white to grey. The window shows its first frame before
# the first-start guide, so a click sent at once can land on nothing.
modal() {
  local want=$1 deadline=$(($(date +%s) + ${2:-20})) rgb
  while [ "$(date +%s)" -lt "$deadline" ]; do
    rgb=$(xwd -root -silent | convert xwd:- -crop "1x1+$((ox + 1080))+$((oy + 700))" \
      -format '%[fx:int(255*r)],%[fx:int(255*g)],%[fx:int(255*b)]' info:)
    case $want,$rgb in
      shown,255,255,255 | gone,204,204,204) sleep 0.2 ;;
      *) sleep 0.3 && return 0 ;;
    esac
  done
  echo "no dialog $want within ${2:-20} s (the corner reads $rgb)"
  return 1
}

# uni ARGS...: types through SendInput as Unikey does (scripts/wine/unikey.c).
uni() { timeout 60 "$wine_bin" "$work/tools/unikey.exe" 30 "$@" && sleep 0.3; }

# close_app: asks chibo's window to close (WM_CLOSE, as the title bar's X
# does) and waits until every Windows program of the prefix has ended.
close_app() {
  timeout 30 "$wine_bin" taskkill /im chibo.exe >/dev/null 2>&1
  for _ in $(seq 100); do main_window | grep -q . || break; sleep 0.2; done
  timeout 30 "$wineserver_bin" -w || { echo "a Windows program is still running:"; winlist; return 1; }
}

# stop_wine ends every Windows program of the prefix (a display change).
stop_wine() { timeout 30 "$wineserver_bin" -k 2>/dev/null || true; timeout 30 "$wineserver_bin" -w 2>/dev/null || true; }

# shot NAME: the whole screen into dist/windows-NAME.png.
shot() { xwd -root -silent | convert xwd:- "$dist/windows-$1.png"; }

# Frame times. framemeter prints the wall-clock time of every change of the
# X screen, whatever draws it (GLX on the laptop's path, GDI on the software
# one). frames LABEL NAME X Y: clicks X,Y and records how long the screen
# took to settle (the last frame before 400 ms without one) and how many
# frames it drew, into $work/frames.
frames() {
  local label=$1 name=$2 out=$work/meter.$RANDOM
  xdotool mousemove $((ox + $3)) $((oy + $4))
  sleep 0.4
  "$work/tools/framemeter" 3000 >"$out" &
  for _ in $(seq 50); do grep -q start "$out" 2>/dev/null && break; sleep 0.02; done
  local t0
  t0=$(date +%s%3N)
  xdotool click 1
  wait $!
  awk -F'\t' -v t0="$t0" -v label="$label" -v name="$name" '
    $1 == "frame" && $2 >= t0 { if (n > 0 && $2 - last > 400) exit; last = $2; n++ }
    END { printf "%s\t%s\t%d\t%d\n", label, name, n ? last - t0 : 0, n }' "$out" >>"$work/frames"
}

# scroll_frames LABEL X Y: ten wheel steps over X,Y; records the median
# time between frames while the list scrolls.
scroll_frames() {
  local label=$1 out=$work/meter.$RANDOM median n
  xdotool mousemove $((ox + $2)) $((oy + $3))
  sleep 0.4
  "$work/tools/framemeter" 4000 >"$out" &
  for _ in $(seq 50); do grep -q start "$out" 2>/dev/null && break; sleep 0.02; done
  xdotool click --repeat 10 --delay 30 5
  wait $!
  n=$(grep -c '^frame' "$out" || true)
  median=$(awk -F'\t' '$1 == "frame" { if (n++) print $2 - last; last = $2 }' "$out" | sort -n |
    awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }')
  printf '%s\tscrolling the member list\t%d\t%d\n' "$label" "$median" "$n" >>"$work/frames"
}

# frames_report prints both paths' figures side by side.
frames_report() {
  [ -f "$work/frames" ] || return 0
  echo "Frame times under Wine, same run (ms to settle after a click; median ms between frames while scrolling):"
  awk -F'\t' '{ key = $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key }; v[$1, key] = $3 " ms (" $4 " frames)" }
    END { printf "  %-28s %-24s %s\n", "screen", "laptop OpenGL (GLX)", "software OpenGL (Mesa)";
          for (i = 1; i <= n; i++) printf "  %-28s %-24s %s\n", order[i], v["hardware", order[i]], v["software", order[i]] }' \
    "$work/frames" | tee "$dist/windows-frames.txt"
}
