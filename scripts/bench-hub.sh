#!/usr/bin/env bash
# Scale check of the hub's desk: builds a synthetic hub through the real
# bundle protocol (chibo demo --hub: each cell a data folder, exported and
# imported), then times the roll-up report in every format.
#
#   scripts/bench-hub.sh                 district: 160 cells, 2,300 members, 5 years
#   scripts/bench-hub.sh province        1,200 cells, 120,000 members, 5 years (long)
#   CELLS=40 MEMBERS=600 YEARS=2 scripts/bench-hub.sh
#   PROFILE=/tmp/import.prof scripts/bench-hub.sh   CPU profile of the import phase
#   KEEP=/tmp/province scripts/bench-hub.sh province  keep the built bundles there; a
#                                                     second run imports them without building;
#                                                     CELLS above the kept number builds only the rest
#
# The report lines time whole `chibo report` runs, which include the
# process start and the passphrase's scrypt (the "open only" line); the
# report's own time is BenchmarkHubReport in report/hub_bench_test.go.
#
# A baseline hub of 10 cells is measured in the same run, so the figures
# read as a ratio on whatever machine runs this. Bars (issue 6): district
# import < 10 s and report < 0.5 s; province import < 5 min, report < 5 s.
set -euo pipefail
export CHIBO_PASSPHRASE=${CHIBO_PASSPHRASE:-chibo-demo-2026}
cd "$(dirname "$0")/.."
case "${1:-district}" in
district) cells=${CELLS:-160} members=${MEMBERS:-2300} years=${YEARS:-5} ;;
province) cells=${CELLS:-1200} members=${MEMBERS:-120000} years=${YEARS:-5} ;;
*) echo "usage: $0 [district|province]" >&2; exit 2 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$work/chibo
CGO_ENABLED=0 go build -tags ci -o "$bin" .

# rss runs a command and prints its peak memory in MB after its output.
rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -o "$work/rss" -f "peak_rss_mb %M" "$@" && awk '{printf "  (peak memory %.0f MB)\n", $2/1024}' "$work/rss"
	else
		"$@"
	fi
}

# report_ms times one report command in milliseconds (best of three).
report_ms() {
	local best=999999 t0 t1 ms
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$bin" report "$@" >/dev/null
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		((ms < best)) && best=$ms
	done
	echo "$best"
}

# open_ms times a command that only opens the hub (best of three): what
# every report line below includes before the report itself starts.
open_ms() {
	local best=999999 t0 t1 ms
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$bin" meetings --data "$1" >/dev/null
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		((ms < best)) && best=$ms
	done
	echo "$best"
}

hub() { # name cells members years
	local dir=$work/$1
	echo "== $1: $2 cells, $3 members, $4 years"
	local prof=()
	if [ "$1" != baseline ]; then prof=(--progress); fi
	if [ -n "${PROFILE:-}" ] && [ "$1" != baseline ]; then prof+=(--cpuprofile "$PROFILE"); fi
	if [ -n "${KEEP:-}" ] && [ "$1" != baseline ]; then prof+=(--bundles "$KEEP"); fi
	rss "$bin" demo --data "$dir" --hub --cells "$2" --members "$3" --years "$4" "${prof[@]}"
	local y
	y=$(($(date +%Y) - 1))
	echo "  open only (start, passphrase scrypt, no report; subtract from the lines below): $(open_ms "$dir") ms"
	for f in json xlsx pdf; do
		echo "  report --format $f --year $y: $(report_ms --data "$dir" --year "$y" --from "$y-01-01" --to "$y-12-31" --format $f --out "$work/$1.$f") ms"
	done
	echo "  hub database: $(du -sh "$dir/chibo.db" | cut -f1)"
}

hub baseline 10 $((members * 10 / cells)) "$years"
hub "${1:-district}" "$cells" "$members" "$years"
