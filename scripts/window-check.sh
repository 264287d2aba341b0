#!/usr/bin/env bash
# Starts the real chibo binary under Xvfb on a demo cell, waits for its
# window, captures it and prints how long the window took to appear.
# Fails if no window shows within 10 s, or if it is larger than the screen
# (ui/window_place_glfw.go). Usage: window-check.sh BINARY OUT.png [LANG [WxH]]
set -euo pipefail
# The demo folder is locked with this passphrase, and the window opens it
# already unlocked from the same variable.
export CHIBO_PASSPHRASE=${CHIBO_PASSPHRASE:-chibo-demo-2026}
bin=$(readlink -f "$1"); out=$2; lang=${3:-C}; screen=${4:-1280x800}
work=$(mktemp -d)
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" demo --data "$work/cell" >/dev/null
# Xvfb picks a free display itself and writes its number to fd 3.
Xvfb -displayfd 3 -screen 0 "${screen}x24" -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.05; done
display=:$(tr -d '[:space:]' <"$work/display")
[ "$display" != ":" ] || { echo "FAIL: Xvfb did not start"; exit 1; }
start=$(date +%s%N)
LANG=$lang LC_ALL=$lang DISPLAY=$display "$bin" --data "$work/cell" >"$work/log" 2>&1 &
app_pid=$!
shown=""
while [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 10000 ]; do
  if DISPLAY=$display xdotool search --onlyvisible --name "tay Chi b" >/dev/null 2>&1; then
    shown=$(( ($(date +%s%N) - start) / 1000000 )); break
  fi
  kill -0 $app_pid 2>/dev/null || break
  sleep 0.02
done
if [ -z "$shown" ]; then
  echo "FAIL: no window within 10 s (LANG=$lang)"; cat "$work/log"; exit 1
fi
sleep 1.5 # let the first frame render before the capture
DISPLAY=$display xwd -root -silent | convert xwd:- "$out" 2>/dev/null || DISPLAY=$display xwd -root -silent -out "${out%.png}.xwd"
if grep -qiE "translation|missing key|fyne error" "$work/log"; then
  echo "FAIL: log has translation or Fyne errors (LANG=$lang):"; cat "$work/log"; exit 1
fi
geom=$(DISPLAY=$display xdotool search --onlyvisible --name "tay Chi b" getwindowgeometry | sed -n 's/ *Geometry: //p' | head -1)
if [ "${geom%x*}" -gt "${screen%x*}" ] || [ "${geom#*x}" -gt "${screen#*x}" ]; then
  echo "FAIL: window $geom larger than the $screen screen"; exit 1
fi
echo "window $geom shown in ${shown} ms (LANG=$lang, screen $screen), captured to $out"
