#!/bin/sh
# Installs chibo for the current user: the binary in ~/.local/bin, the
# menu entry and its icon, no root needed. Run from the unpacked folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
install -Dm755 "$here/chibo" "$HOME/.local/bin/chibo"
install -Dm644 "$here/chibo.png" "$data/icons/hicolor/256x256/apps/chibo.png"
sed "s|^Exec=chibo|Exec=$HOME/.local/bin/chibo|" "$here/chibo.desktop" >"$here/.chibo.desktop"
install -Dm644 "$here/.chibo.desktop" "$data/applications/chibo.desktop"
rm -f "$here/.chibo.desktop"
echo "Đã cài Sổ tay Chi bộ: mở từ menu ứng dụng (mục Văn phòng / Office)."
