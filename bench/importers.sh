#!/usr/bin/env bash
# Importer throughput: MB/s and peak RSS of `relate import` per format, at two sizes, so you can
# see that memory does not grow with the size of the file.
#
# usage: bench/importers.sh [SMALL_MB] [LARGE_MB] [FORMAT...]
#        (defaults: 50 500, every format bench/gen_exports.py knows)
#
# Generates synthetic exports with bench/gen_exports.py into bench/out/exports/ (once; reused),
# imports each into a fresh database with the release binary (RELATE_BIN to use another), and
# prints one line per format and size: MiB, records, wall seconds, MiB/s, peak RSS (MiB).
# The table also goes to bench/out/importers.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SMALL=${1:-50}
LARGE=${2:-500}
shift $(( $# < 2 ? $# : 2 ))
FORMATS=("$@")
[[ ${#FORMATS[@]} -gt 0 ]] || FORMATS=(twitter-archive mastodon-archive twitter-api-v2 hackernews disqus reddit csv)
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "importers.sh: $TIME is missing: apt-get install -y time" >&2; exit 1; }
OUT=bench/out/exports
mkdir -p "$OUT"

if [[ -z ${RELATE_BIN:-} ]]; then
    cargo build --release -p relate-cli --locked >&2
    RELATE_BIN=target/release/relate
fi

printf '%-18s %8s %10s %8s %8s %10s\n' format MiB records seconds MiB/s "RSS MiB" | tee bench/out/importers.txt
for format in "${FORMATS[@]}"; do
    for mb in $SMALL $LARGE; do
        dir=$OUT/$format-$mb
        if [[ ! -f $dir/.done ]]; then
            rm -rf "$dir"
            python3 bench/gen_exports.py "$format" "$mb" "$dir" >"$dir.path"
            touch "$dir/.done"
        fi
        read -r path records <"$dir.path"
        bytes=$(du -sb --exclude=.done "$path" | cut -f1)
        db=$OUT/$format-$mb.db
        rm -f "$db" "$db-wal" "$db-shm"
        "$TIME" -f '%e %M' -o "$OUT/time.txt" "$RELATE_BIN" --db "$db" import --format "$format" -q "$path"
        read -r wall rss <"$OUT/time.txt"
        awk -v f="$format" -v b="$bytes" -v r="$records" -v w="$wall" -v m="$rss" 'BEGIN {
            mib = b / 1048576; printf "%-18s %8.1f %10d %8.2f %8.1f %10.1f\n", f, mib, r, w, (w > 0 ? mib / w : 0), m / 1024 }' \
            | tee -a bench/out/importers.txt
        rm -f "$db" "$db-wal" "$db-shm"
    done
done
