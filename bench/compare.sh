#!/usr/bin/env bash
# Compare relate with the ConvoKit peer on a synthetic corpus of N utterances.
#
# usage: bench/compare.sh [N]          (default N=1000000)
#
# Steps: (a) cargo build --release -p relate-cli --locked
#        (b) generate bench/out/corpus-N with ../shared/bench/gen_corpus.py (once; reused afterwards)
#        (c) make sure bench/.venv has ConvoKit (python3 -m venv + pip install -r bench/requirements.txt)
#        (d) time ConvoKit: ../shared/bench/convokit_baseline.py bench/out/corpus-N owner
#        (e) time relate on a fresh bench/out/relate-N.db: owner add (untimed), import, report --json
#        (f) print wall seconds, peak RSS, the speed ratio, the targets, and the numbers side by side.
#
# Environment:
#   RELATE_BIN=path     use this relate binary and skip step (a)
#   SHARED_DIR=path     where gen_corpus.py/convokit_baseline.py live (default: ../shared beside the checkout)
#   COMPARE_STRICT=1    exit 3 if a target is missed or a number differs from ConvoKit's
#
# Timings use GNU time (`/usr/bin/time -f '%e %M'`): wall seconds and peak RSS in KiB, for the whole
# process (interpreter start-up and imports included for ConvoKit). MB below means MiB (KiB / 1024).
# Everything is written under bench/out/ (git-ignored); the summary also goes to bench/out/compare-N.txt.
set -euo pipefail

die() { echo "compare.sh: $*" >&2; exit 1; }

N=${1:-1000000}
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, got '$N' (usage: bench/compare.sh [N])"
[[ $# -le 1 ]] || die "too many arguments (usage: bench/compare.sh [N])"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SHARED=${SHARED_DIR:-$ROOT/../shared}
GEN=$SHARED/bench/gen_corpus.py
BASELINE=$SHARED/bench/convokit_baseline.py
OUT=bench/out
VENV=bench/.venv
CORPUS=$OUT/corpus-$N
DB=$OUT/relate-$N.db
REPORT=$OUT/relate-report-$N.json
CK_JSON=$OUT/convokit-$N.json
TIME=/usr/bin/time
TARGET_RATIO=10
TARGET_RSS_MB=500

[[ -f $GEN && -f $BASELINE ]] || die "cannot find $GEN and $BASELINE (set SHARED_DIR)"
[[ -x $TIME ]] || die "$TIME is missing: apt-get update && apt-get install -y time"
command -v python3 >/dev/null || die "python3 is missing"
mkdir -p "$OUT"

step() { printf '\n== %s\n' "$*" >&2; }

# timed NAME STDOUT_FILE CMD... : runs CMD under GNU time; sets WALL (s) and RSS (KiB).
timed() {
    local name=$1 stdout=$2; shift 2
    local tfile=$OUT/time-$name-$N.txt errfile=$OUT/$name-$N.stderr
    if ! "$TIME" -f '%e %M' -o "$tfile" "$@" >"$stdout" 2>"$errfile"; then
        echo "compare.sh: step '$name' failed: $*" >&2
        echo "--- last lines of $errfile:" >&2
        tail -n 20 "$errfile" >&2 || true
        exit 1
    fi
    read -r WALL RSS < <(tail -n 1 "$tfile")
    [[ $WALL =~ ^[0-9.]+$ && $RSS =~ ^[0-9]+$ ]] || die "could not parse timing of '$name' from $tfile"
    echo "   $name: ${WALL} s, ${RSS} KiB peak RSS" >&2
}

# (a) build relate ----------------------------------------------------------------------------
if [[ -n ${RELATE_BIN:-} ]]; then
    RELATE=$RELATE_BIN
    step "(a) using RELATE_BIN=$RELATE (no build)"
else
    step "(a) cargo build --release -p relate-cli --locked"
    command -v cargo >/dev/null || die "cargo is missing (or set RELATE_BIN to a built relate)"
    cargo build --release -p relate-cli --locked || die "cargo build failed"
    RELATE=${CARGO_TARGET_DIR:-target}/release/relate
fi
[[ -x $RELATE ]] || die "no relate binary at $RELATE"

# (b) corpus ----------------------------------------------------------------------------------
# Complete = index.json written (gen_corpus.py writes it last) and N lines of utterances.
corpus_complete() {
    [[ -f $CORPUS/index.json && -f $CORPUS/utterances.jsonl ]] &&
        [[ $(wc -l <"$CORPUS/utterances.jsonl") -eq $N ]]
}
if corpus_complete; then
    step "(b) reusing $CORPUS"
else
    step "(b) generating $CORPUS"
    rm -rf "$CORPUS" "$CORPUS.tmp"
    python3 "$GEN" "$N" "$CORPUS.tmp"
    mv "$CORPUS.tmp" "$CORPUS"
    corpus_complete || die "generated corpus $CORPUS is incomplete"
fi

# (c) ConvoKit virtualenv ---------------------------------------------------------------------
step "(c) ConvoKit virtualenv $VENV"
if [[ ! -x $VENV/bin/python ]]; then
    python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
fi
if ! "$VENV/bin/python" -c 'import convokit' 2>/dev/null; then
    echo "   installing bench/requirements.txt (large: torch + CUDA wheels, ~6.5 GB, a few minutes)" >&2
    "$VENV/bin/pip" install -r bench/requirements.txt || die "pip install -r bench/requirements.txt failed"
fi
# In-memory backend whatever ~/.convokit/config.yml says (the other one is MongoDB).
export CONVOKIT_BACKEND=mem

# (d) ConvoKit baseline -----------------------------------------------------------------------
step "(d) ConvoKit baseline on $CORPUS"
timed convokit "$CK_JSON" "$VENV/bin/python" "$BASELINE" "$CORPUS" owner
CK_WALL=$WALL CK_RSS=$RSS

# (e) relate ----------------------------------------------------------------------------------
step "(e) relate on a fresh $DB"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
"$RELATE" --db "$DB" owner add convokit:owner >"$OUT/relate-owner-$N.log" 2>&1 ||
    { cat "$OUT/relate-owner-$N.log" >&2; die "relate owner add failed"; }
timed relate-import "$OUT/relate-import-$N.log" "$RELATE" --db "$DB" import "$CORPUS" --format convokit --quiet
IM_WALL=$WALL IM_RSS=$RSS
timed relate-report "$REPORT" "$RELATE" --db "$DB" report --json
RP_WALL=$WALL RP_RSS=$RSS

# (f) summary ---------------------------------------------------------------------------------
python3 - "$N" "$CK_WALL" "$CK_RSS" "$IM_WALL" "$IM_RSS" "$RP_WALL" "$RP_RSS" "$CK_JSON" "$REPORT" \
    "$TARGET_RATIO" "$TARGET_RSS_MB" <<'PY' | tee "$OUT/compare-$N.txt"
import json, sys
n, ck_w, ck_r, im_w, im_r, rp_w, rp_r, ck_json, report, t_ratio, t_rss = sys.argv[1:]
ck_w, im_w, rp_w = float(ck_w), float(im_w), float(rp_w)
ck_r, im_r, rp_r = int(ck_r), int(im_r), int(rp_r)
t_ratio, t_rss = float(t_ratio), float(t_rss)
rel_w, rel_r = im_w + rp_w, max(im_r, rp_r)
mb = lambda kib: kib / 1024

print(f"\nrelate vs ConvoKit, N={n} utterances")
print(f"{'tool':<24} {'wall s':>9} {'peak RSS MB':>12}")
for name, w, r in [("convokit", ck_w, ck_r), ("relate import", im_w, im_r),
                   ("relate report", rp_w, rp_r), ("relate import+report", rel_w, rel_r)]:
    print(f"{name:<24} {w:>9.2f} {mb(r):>12.1f}")
# GNU time reports wall with 0.01 s resolution; clamp so tiny N does not divide by zero.
ratio = ck_w / max(rel_w, 0.01)
ok_ratio, ok_rss = ratio >= t_ratio, mb(rel_r) <= t_rss
print(f"\nspeed ratio (convokit wall / relate import+report wall): {ratio:.1f}x"
      f"   target >= {t_ratio:g}x: {'yes' if ok_ratio else 'NO'}")
print(f"relate peak RSS: {mb(rel_r):.1f} MB   target <= {t_rss:g} MB: {'yes' if ok_rss else 'NO'}")

def load(path):
    try:
        with open(path) as f:
            text = f.read()
        # convokit_baseline.py prints one JSON line; relate prints one JSON document.
        return json.loads(text.strip().splitlines()[-1] if path == ck_json else text), None
    except (OSError, ValueError, IndexError) as e:
        return {}, f"{type(e).__name__}: {e}"

def find(doc, key):
    """Top-level key first, then the first match in nested objects (relate's layout may nest)."""
    if isinstance(doc, dict):
        if key in doc:
            return doc[key]
        for v in doc.values():
            hit = find(v, key)
            if hit is not None:
                return hit
    return None

ck, ck_err = load(ck_json)
rel, rel_err = load(report)
print("\nconvokit JSON:", json.dumps(ck) if not ck_err else f"unreadable ({ck_err})")
if rel_err:
    print(f"relate report {report}: unreadable ({rel_err})")
keys = ["utterances", "conversations", "owner_replies", "reciprocal_pairs", "returning_speakers"]
keys += [k for k in ck if k not in keys and k not in ("load_s", "analyse_s")]
print(f"\n{'number':<26} {'convokit':>12} {'relate':>12}  same")
differ = 0
for k in keys:
    # relate reports ConvoKit's numbers in its `structure` block, conversations as `threads`
    a, b = ck.get(k), find(rel.get("structure", rel), {"conversations": "threads"}.get(k, k))
    same = "n/a" if a is None or b is None else ("yes" if a == b else "NO")
    differ += same == "NO"
    fmt = lambda v: "n/a" if v is None else str(v)
    print(f"{k:<26} {fmt(a):>12} {fmt(b):>12}  {same}")
# Last line is machine-readable for the strict check below.
print(f"\nRESULT ratio_ok={int(ok_ratio)} rss_ok={int(ok_rss)} numbers_differ={differ}")
PY

if [[ ${COMPARE_STRICT:-0} == 1 ]]; then
    result=$(tail -n 1 "$OUT/compare-$N.txt")
    [[ $result == "RESULT ratio_ok=1 rss_ok=1 numbers_differ=0" ]] ||
        { echo "compare.sh: COMPARE_STRICT: $result" >&2; exit 3; }
fi
