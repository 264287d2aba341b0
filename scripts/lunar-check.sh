#!/usr/bin/env bash
# Checks the holiday table's lunar dates, and the Tết and Giỗ Tổ days off
# that follow from them, for every year the table covers, against two npm
# calendars (needs node and npm; not part of `make test`, which must not
# depend on npm).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work" && npm init -y >/dev/null && npm install --silent lunar-javascript@1.7.7 vietnamese-lunar-calendar@0.0.6 >/dev/null
NODE_PATH="$work/node_modules" TZ=Asia/Ho_Chi_Minh node "$here/lunar-check/check.js"
