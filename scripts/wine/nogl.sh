# Part 2 of the Windows run (sourced by scripts/wine-check.sh): a laptop
# without OpenGL, as after a shop reinstalled Windows without the graphics
# driver. Under Wine that is an X display with no GLX; WINEDLLOVERRIDES
# (wine-lib.sh) stands for Windows' DLL search finding the software
# OpenGL that chibo.exe puts on its path (internal/startup).

box_limit=${CHIBO_BOX_SECONDS:-5} # the message must be on screen within this

# soon TEXT FILE: FILE has TEXT within five seconds (the app writes its
# log and graphics.json while the window opens, not before).
soon() {
  local _
  for _ in $(seq 25); do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.2; done
  echo "no «$1» in $2"
  return 1
}

# last_graphics TEXT: the newest "graphics:" line of the demo's log says TEXT.
last_graphics() {
  local _
  for _ in $(seq 25); do
    grep "graphics:" "$demo/chibo.log" 2>/dev/null | tail -1 | grep -q "$1" && return 0
    sleep 0.2
  done
  echo "the log's last graphics line is not «$1»"
  return 1
}

step "Xvfb 1366x768 without OpenGL (-extension GLX)" xvfb nogl_display -screen 0 1366x768x24 -extension GLX
stop_wine
export DISPLAY=$nogl_display

software_window() {
  printf '{"guide_seen":true}\n' >"$(prefs_file)"
  rm -f "$demo/graphics.json" # a laptop that never had the driver
  CHIBO_PASSPHRASE=$demo_pass start_app "$work/soft.log" --data 'C:\demo'
  wait_main 60 "Sín Chéng" && wait_title_without "(đang" 90 && no_other_windows &&
    last_graphics "graphics: software (the laptop's OpenGL is missing or older than 2.1)"
}
step "no OpenGL: the window appears by itself on the software OpenGL" software_window
step "the main screens, their frame times (software OpenGL)" screens software 3x
close_soft() { close_app; }
step "closed" close_soft

# message_box SECONDS: waits for chibo's message box; prints its seconds.
message_box() {
  local t0 line
  t0=$(date +%s%N)
  while [ $((($(date +%s%N) - t0) / 1000000000)) -lt "$1" ]; do
    line=$(winlist | awk -F'\t' '$1 == "window" && $4 == "#32770" && $5 ~ /không mở được/')
    [ -n "$line" ] && { box_ms=$((($(date +%s%N) - box_t0) / 1000000)); return 0; }
    sleep 0.1
  done
  return 1
}

forced_hardware() {
  printf '{"mode":"hardware"}\n' >"$demo/graphics.json" # as if chosen in Settings
  box_t0=$(date +%s%N)
  CHIBO_PASSPHRASE=$demo_pass start_app "$work/forced.log" --data 'C:\demo'
  message_box 30 && shot 40-hop-thoai-doi-do-hoa && xdotool key Return &&
    wait_main 60 "Sín Chéng" && wait_title_without "(đang" 90 && no_other_windows &&
    soon '"hardware_failed_on"' "$demo/graphics.json" && last_graphics "graphics: software" && close_app
}
step "the laptop's OpenGL forced in Settings: a message, OK reopens on software" forced_hardware

no_fallback() {
  mv "$prog/do-hoa-phan-mem" "$work/do-hoa-phan-mem"
  # Wine's own session (wineserver, desktop, services) starts with its first
  # program and takes seconds; Windows' is running before anyone clicks.
  winlist >/dev/null
  box_t0=$(date +%s%N)
  start_app "$work/nofallback.log" --data 'C:\demo'
  message_box 30 || { echo "no message box within 30 s"; return 1; }
  echo "      message box $box_ms ms after the start (limit ${box_limit} s)"
  shot 41-hop-thoai-khong-co-do-hoa
  xdotool key Return
  for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  ! kill -0 "$app_pid" 2>/dev/null || { echo "chibo.exe still running after OK"; return 1; }
  grep -q "PlatformError: WGL" "$demo/chibo.log" && mv "$work/do-hoa-phan-mem" "$prog/" &&
    [ "$box_ms" -le $((box_limit * 1000)) ]
}
step "software OpenGL removed: a message box within ${box_limit} s, then it exits" no_fallback
stop_wine
export DISPLAY=$gl_display
