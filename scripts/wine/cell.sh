# Part 1 of the Windows run (sourced by scripts/wine-check.sh): a cell's
# laptop with the portable zip. Positions are in chibo's 1100x720 client
# area, as in docs/screenshots; the USB stick is drive E:, a folder the
# Linux hub (the Linux chibo) reads too.

usb=$work/usb
hub=$work/hub
prog=$WINEPREFIX/drive_c/SoTayChiBo
exe=$prog/chibo.exe
cell_pass="mật khẩu chi bộ 1" # typed into the window, Vietnamese and all
hub_pass=hub-passphrase-1
demo_pass=chibo-demo-2026
mkdir -p "$usb"
ln -s "$usb" "$WINEPREFIX/dosdevices/e:"
data=$(appdata)/SoTayChiBo # %APPDATA%\SoTayChiBo, the default data folder
demo=$WINEPREFIX/drive_c/demo
fail_logs=("$data/chibo.log" "$demo/chibo.log")

# Navigation rows (client y) of a cell's window.
nav_overview=21 nav_members=61 nav_meetings=100 nav_send=139 nav_backup=334 nav_settings=373

unpack() { unzip -q "$zip" -d "$prog" && [ -f "$prog/do-hoa-phan-mem/opengl32.dll" ]; }
step "the portable zip unpacked into C:\\SoTayChiBo" unpack

version_ok() { [ "$(win "$exe" --version | tr -d '\r')" = "chibo $version" ]; }
step "chibo.exe --version under Wine says $version" version_ok

make_hub() {
  CHIBO_PASSPHRASE=$hub_pass "$linux_chibo" init --data "$hub" --role hub --name "Đảng ủy xã Nậm Lầu" >/dev/null &&
    CHIBO_PASSPHRASE=$hub_pass "$linux_chibo" hub-card --data "$hub" --out "$usb/the-cap-uy.json" >/dev/null
}
step "a Linux hub, its card on the USB stick (E:)" make_hub

# fits: chibo's window (frame included) lies inside the work area.
fits() {
  local list wl wt wr wb l t r b
  list=$(winlist)
  IFS=, read -r wl wt wr wb <<<"$(awk -F'\t' '$1 == "workarea" { print $2 }' <<<"$list")"
  IFS=, read -r l t r b <<<"$(awk -F'\t' '$1 == "window" && $4 == "GLFW30" { print $2 }' <<<"$list" | head -1)"
  [ -n "$l" ] && [ "$l" -ge "$wl" ] && [ "$t" -ge "$wt" ] && [ "$r" -le "$wr" ] && [ "$b" -le "$wb" ] ||
    { echo "window $l,$t,$r,$b outside the work area $wl,$wt,$wr,$wb"; return 1; }
}

first_start() {
  [ ! -e "$data" ] || return 1
  start_app "$work/first.log"
  wait_main 30 && [ -f "$data/chibo.db" ] && grep -q "graphics: hardware" "$data/chibo.log" && shot 01-lan-dau-mo
}
step "first start on an empty profile: window, data folder in %APPDATA%" first_start
step "the window lies inside the work area, above the taskbar" fits

# A click the window did not take (it was busy drawing its first frames,
# or Wine spent it on activating the window) is sent again: each stage of
# the setup is checked on screen before the next.
guide_away() {
  local i
  for i in 1 2 3 4 5; do
    at 549 561                               # the first-start guide: Đã hiểu
    modal gone 5 >/dev/null && return 0
  done
  modal gone 5
}

card_from_usb() {
  local i
  for i in 1 2 3; do
    at 103 379                               # Chọn tệp thẻ cấp ủy…
    if modal shown 10 >/dev/null; then
      at 155 267 && at 377 188 && at 134 641 # the picker's E:, the-cap-uy.json, Mở tệp này
      modal gone 5 >/dev/null && return 0
      at 233 641 && modal gone 5 >/dev/null  # not taken: Thôi, and again
    fi
  done
  echo "the hub card could not be chosen in three tries"
  return 1
}

# first_guide: the first-start guide, when it shows, is closed. In about
# one run of three under Wine the window, freshly started, takes no click
# at all (the guide stays however often «Đã hiểu» is pressed); the run
# then says so, closes the window and starts it once more. Its cause is
# not found, and no real Windows laptop was at hand to tell whether it
# happens there too: the README says so, as a known limit of this run.
first_guide() {
  modal shown 10 >/dev/null || return 0
  guide_away >/dev/null && return 0
  echo "      the new window took no click in 30 s: closed and started again"
  close_app || { echo "      (it did not close when asked: ended)"; stop_wine; }
  start_app "$work/first-again.log" && wait_main 60 && { ! modal shown 10 >/dev/null || guide_away; }
}

setup_cell() {
  first_guide || return 1
  card_from_usb || return 1
  at 567 183 && uni "Chi bộ thôn Nậm Lầu"
  at 567 261 && uni "Nậm Lầu"
  at 700 514 && uni "$cell_pass"
  at 700 554 && uni "$cell_pass"
  shot 02-thiet-lap
  at 58 651 # Thiết lập
  wait_main 30 "Chi bộ thôn Nậm Lầu" && sleep 1 && shot 03-tong-quan && no_other_windows
}
step "setup in the window: hub card from E:, Vietnamese typed" setup_cell

add_member() {
  at 70 $nav_members && at 693 25 && at 482 70 # Thêm đảng viên, Họ và tên
  uni "Giang" -3 "àng" " Thi" -1 "ị" " D" -1 "Đ" "ao" -2 "ào"
  shot 04-them-dang-vien
  at 233 693 && sleep 1 && shot 05-dang-vien && no_other_windows
}
step "a member typed Telex-style as Unikey sends it (BackSpace + Unicode)" add_member

maximise_close() {
  xdotool mousemove $((ox + 400)) $((oy - 12)) click --repeat 2 --delay 80 1
  sleep 3 # the size is saved within two seconds
  close_app && grep -q '"window_size":\[1366' "$(prefs_file)"
}
step "maximised, then closed: the size is remembered" maximise_close

linux_reads() {
  local got
  got=$(sqlite3 "$data/chibo.db" "SELECT full_name FROM members ORDER BY rowid DESC LIMIT 1")
  [ "$got" = "Giàng Thị Đào" ] || { echo "stored '$got'"; return 1; }
  CHIBO_PASSPHRASE=$cell_pass "$linux_chibo" todo --data "$data" >/dev/null
}
step "the folder made on Windows opens on Linux; the name stored exactly" linux_reads

reopen_size() {
  start_app "$work/second.log"
  wait_main 30 && fits && [ "$(main_window | cut -f3 | cut -d, -f3)" -gt 1300 ] && close_app
}
step "reopened at the remembered size, still inside the work area" reopen_size

make_demo() {
  CHIBO_PASSPHRASE=$demo_pass win "$exe" demo --data 'C:\demo' --hub-card 'E:\the-cap-uy.json' | grep -q "demo cell" &&
    printf '{"guide_seen":true,"lock_minutes":1}\n' >"$(prefs_file)" # the 1100x720 window; lock after a minute
}
step "chibo.exe demo (headless): a demo cell sending to the Linux hub" make_demo

open_demo() {
  CHIBO_PASSPHRASE=$demo_pass start_app "$work/demo.log" --data 'C:\demo'
  wait_main 30 "Sín Chéng" && wait_title_without "(đang" 60 && no_other_windows
}
step "the demo in the window, unlocked" open_demo

screens() {
  local label=$1 prefix=$2 name y
  for name in overview:$nav_overview members:$nav_members meetings:$nav_meetings send:$nav_send \
    backup:$nav_backup settings:$nav_settings; do
    y=${name#*:}
    frames "$label" "${name%:*}" 70 "$y" && shot "$prefix-${name%:*}" || return 1
    [ "${name%:*}" != members ] || scroll_frames "$label" 600 400 || return 1
  done
  no_other_windows
}
step "the main screens, their frame times (laptop OpenGL)" screens hardware 1x

print_minutes() {
  at 70 $nav_meetings && at 247 144 # meeting no. 14
  find "$WINEPREFIX/drive_c" -path '*chibo/in-*' -name 'bien-ban-*.pdf' -delete 2>/dev/null
  at 472 693 # In biên bản
  local pdf=""
  for _ in $(seq 100); do
    pdf=$(find "$WINEPREFIX/drive_c" -path '*chibo/in-*' -name 'bien-ban-*.pdf' | head -1)
    [ -n "$pdf" ] && break
    sleep 0.2
  done
  [ -n "$pdf" ] && sleep 0.5 && cp "$pdf" "$dist/windows-bien-ban.pdf" && shot 20-bien-ban &&
    pdftotext "$dist/windows-bien-ban.pdf" - | grep -q "BIÊN BẢN" &&
    pdftotext "$dist/windows-bien-ban.pdf" - | grep -q "Sín Chéng" &&
    modal shown && at 587 404 && modal gone && no_other_windows # Đóng
}
step "minutes printed from the window; the PDF reads back" print_minutes

send_bundle() {
  at 70 $nav_send && at 350 147 && modal shown && at 155 267 && at 134 641 # Chọn thư mục (USB)…, E:, Lưu vào đây
  for _ in $(seq 100); do ls "$usb"/*.chibo >/dev/null 2>&1 && break; sleep 0.2; done
  sleep 1 && shot 21-da-gui && at 549 431 && modal gone && ls "$usb"/*.chibo >/dev/null
}
step "a bundle written to the USB stick from the window" send_bundle

# The clerk confirms the new cell's key fingerprint (by phone, in life;
# here as verify reads it from the bundle) and names it to accept it.
hub_import() {
  local fp
  fp=$(CHIBO_PASSPHRASE=$hub_pass "$linux_chibo" verify --data "$hub" "$usb"/*.chibo |
    sed -n 's/.*key fingerprint \([0-9A-F ]*\)$/\1/p' | head -1)
  [ -n "$fp" ] && CHIBO_PASSPHRASE=$hub_pass "$linux_chibo" import --data "$hub" --accept-new "$fp" "$usb"/*.chibo | grep -q accepted
}
step "the Linux hub imports it" hub_import

backup_usb() {
  at 70 $nav_backup && at 548 25 && modal shown && at 155 267 && at 134 641 # Sao lưu ra USB…, E:, Lưu vào đây
  for _ in $(seq 150); do ls "$usb"/*.chibak >/dev/null 2>&1 && break; sleep 0.2; done
  sleep 1 && shot 22-da-sao-luu && at 549 431 && modal gone && ls "$usb"/*.chibak >/dev/null
}
step "a backup to the USB stick from the window" backup_usb

after_backup() { at 70 $nav_members && at 693 25 && at 482 70 && uni "Lò Văn Sau" && at 233 693 && no_other_windows; }
step "a member added after the backup" after_backup

restore() {
  at 70 $nav_backup && at 383 25 && modal shown && at 155 267 && at 377 227 && at 134 641 # Khôi phục từ tệp…, E:, the backup (2nd file), Mở tệp này
  at 550 407 && xdotool type --delay 30 "$demo_pass" && sleep 0.3
  at 606 481 # Khôi phục
  for _ in $(seq 300); do ls -d "$demo"/before-restore-* >/dev/null 2>&1 && break; sleep 0.2; done
  sleep 3 && shot 23-da-khoi-phuc && at 549 431 && modal gone && no_other_windows
}
step "the backup restored in the window" restore

# The idle lock: one minute (set in the preferences above). A mouse that
# keeps moving over the navigation's rows is seen only by Windows (the
# window's own hooks hear moves over empty space, not over rows): the
# window stays open only through GetLastInputInfo (ui/idle_windows.go).
hover() {
  local end=$(($(date +%s) + 80)) i=0
  while [ "$(date +%s)" -lt "$end" ]; do
    xdotool mousemove $((ox + 60 + i % 2 * 8)) $((oy + nav_members + i % 2 * 4))
    i=$((i + 1))
    sleep 2
  done
  [[ "$(main_window | cut -f5)" != *"khóa)"* ]]
}
step "the idle lock: a minute of mouse over buttons keeps it open" hover

locks() {
  local end=$(($(date +%s) + 100))
  while [ "$(date +%s)" -lt "$end" ]; do
    [[ "$(main_window | cut -f5)" == *"khóa)"* ]] && shot 24-tu-khoa && return 0
    sleep 2
  done
  return 1
}
step "the idle lock: left alone, it locks within 75 s" locks

restored() {
  close_app
  [ "$(sqlite3 "$demo/chibo.db" "SELECT count(*) FROM members WHERE full_name = 'Lò Văn Sau'")" = 0 ] &&
    ls "$demo"/before-restore-*/chibo.db >/dev/null
}
step "closed: the restored data lacks the later member; the old kept aside" restored
