#!/usr/bin/env bash
# Starts the real chibo window under Xvfb on an existing data folder and
# prints how long the window took to appear and how long until the folder
# was open (the title drops "(đang mở)"; the check of every page goes on
# beside the window). For hubs too large to build in CI: docs/scale.md.
# Usage: open-time.sh BINARY DIR
set -euo pipefail
bin=$(readlink -f "$1"); dir=$2
work=$(mktemp -d)
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.05; done
export DISPLAY=:$(tr -d '[:space:]' <"$work/display")
ms() { echo $(( ($(date +%s%N) - start) / 1000000 )); }
start=$(date +%s%N)
LANG=C "$bin" --data "$dir" >"$work/log" 2>&1 &
app_pid=$!
wid=""
until wid=$(xdotool search --onlyvisible --name "tay Chi b" 2>/dev/null | head -1) && [ -n "$wid" ]; do
  kill -0 $app_pid 2>/dev/null || { echo "FAIL: chibo exited"; cat "$work/log"; exit 1; }
  sleep 0.02
done
echo "window shown in $(ms) ms"
while case "$(xdotool getwindowname "$wid" 2>/dev/null)" in *"mở)"*) true ;; *) false ;; esac; do sleep 0.05; done
echo "folder open in $(ms) ms: $(xdotool getwindowname "$wid")"
