#!/usr/bin/env bash
# The whole test suite: Rust unit and integration tests, the real-corpus suite over
# ../shared/corpus, doc tests, and the check that ConvoKit itself loads relate's export
# (and networkx its network exports).
#
#   scripts/test.sh            everything that this machine can run
#
# The real-corpus suite needs ../shared/corpus beside the checkout (or RELATE_CORPUS); the
# ConvoKit check needs python3 (it creates .venv-convokit with a minimal ConvoKit install,
# about 400 MB, the first time). Under CI=true both are required, not skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

corpus=${RELATE_CORPUS:-../shared/corpus}
features=()
if [[ -d $corpus ]]; then
    export RELATE_CORPUS=$(cd "$corpus" && pwd)
    features=(--features relate-cli/real-corpus)
elif [[ ${CI:-} == true ]]; then
    echo "scripts/test.sh: the real-corpus suite needs $corpus (missing)" >&2
    exit 1
else
    echo "scripts/test.sh: $corpus not found: skipping the real-corpus suite" >&2
fi

if command -v cargo-nextest >/dev/null 2>&1; then
    cargo nextest run --workspace --locked "${features[@]}" --no-fail-fast
else
    cargo test --workspace --locked "${features[@]}" --no-fail-fast
fi
cargo test --workspace --doc --locked

# The HTML report and the `relate serve` dashboard in headless Chromium (tests-browser/, every
# *.test.mjs): every number leads to its items, other people's HTML stays text, screenshots to
# docs/screenshots. Needs node (with npm) and
# Debian's chromium, which .ci/run installs; under CI=true it must run.
if command -v node >/dev/null 2>&1 && [[ -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
    cargo build --locked -q -p relate-cli
    if [[ ! -d tests-browser/node_modules/playwright-core ]]; then
        (cd tests-browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
    fi
    (cd tests-browser && RELATE_BIN=target/debug/relate node --test)
elif [[ ${CI:-} == true ]]; then
    echo "scripts/test.sh: the browser suite needs node and ${CHROMIUM:-/usr/bin/chromium}" >&2
    exit 1
else
    echo "scripts/test.sh: no node or chromium: skipping the browser suite (apt-get install chromium)" >&2
fi

# ConvoKit loads what `relate export convokit` writes, with the counts relate has.
if ! command -v python3 >/dev/null 2>&1; then
    [[ ${CI:-} == true ]] && { echo "scripts/test.sh: python3 is missing" >&2; exit 1; }
    echo "scripts/test.sh: no python3: skipping the ConvoKit round trip" >&2
    exit 0
fi
venv=.venv-convokit
if [[ ! -x $venv/bin/python ]] || ! $venv/bin/python -c "import convokit" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --no-deps -r tests-py/requirements-convokit.txt
fi
cargo build --locked -q -p relate-cli
relate=target/debug/relate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
roundtrip() { # name, then import arguments
    local name=$1; shift
    local db=$work/$name.db out=$work/$name-convokit
    for source in "$@"; do $relate --db "$db" import "$source" --quiet; done
    $relate --db "$db" export convokit "$out" 2>/dev/null
    # expected counts from relate's own database, not from the exported files: its public
    # items with words (likes and boosts are not utterances), and its conversations less those stitched into another (a toot announcing a
    # blog post is exported as a reply in the post's conversation)
    read -r utterances conversations < <($relate --db "$db" stats --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
print(s["public_utterances"], s["public_conversations"])')
    stitched=$($relate --db "$db" report --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["stitched_count"])')
    conversations=$((conversations - stitched))
    CONVOKIT_BACKEND=mem "$venv/bin/python" tests-py/convokit_roundtrip.py "$out" \
        --utterances "$utterances" --replies $((utterances - conversations)) --conversations "$conversations"
    passed=$((passed + 1))
}
roundtrip demo demo/museum-blog.xml demo/mastodon
roundtrip fixtures fixtures/wordpress-wxr/blog-v2.xml fixtures/convokit/legacy-2019
if [[ -n ${RELATE_CORPUS:-} ]]; then
    roundtrip seed "$RELATE_CORPUS/wxr/seed-social-media-roi.xml"
    roundtrip theme "$RELATE_CORPUS/wxr/theme-unit-test-data.xml"
    roundtrip mastodon "$RELATE_CORPUS/convokit/mastodon-context-corpus"
    roundtrip platforms "$RELATE_CORPUS/mastodon-archive" "$RELATE_CORPUS/twitter-archive" \
        "$RELATE_CORPUS/bluesky-car" "$RELATE_CORPUS/disqus/isso-disqus.xml"
fi
echo "convokit-roundtrip: $passed passed, 0 failed"

# networkx loads what `relate export gexf|graphml|edges` writes, with the ledger's counts
# (tests-py/networks_check.py says which). networkx has no dependencies: same venv.
"$venv/bin/pip" install --quiet --no-deps -r tests-py/requirements-networks.txt
graphs=0
networks() { # name, then import arguments
    local name=$1; shift
    local db=$work/net-$name.db out=$work/net-$name
    mkdir -p "$out"
    for source in "$@"; do $relate --db "$db" import "$source" --quiet; done
    $relate --db "$db" report --json >"$out/report.json"
    for graph in people knowledge; do
        $relate --db "$db" export gexf "$out/$graph.gexf" --graph "$graph" --json \
            >"$out/$graph.json" 2>/dev/null
        $relate --db "$db" export graphml "$out/$graph.graphml" --graph "$graph" 2>/dev/null
        $relate --db "$db" export edges "$out/$graph-csv" --graph "$graph" 2>/dev/null
        "$venv/bin/python" tests-py/networks_check.py --report "$out/report.json" \
            --summary "$out/$graph.json" "$out/$graph.gexf" "$out/$graph.graphml" "$out/$graph-csv"
        graphs=$((graphs + 1))
    done
}
networks demo demo/museum-blog.xml demo/mastodon
networks fixtures fixtures/wordpress-wxr/blog-v2.xml fixtures/convokit/legacy-2019
if [[ -n ${RELATE_CORPUS:-} ]]; then
    networks seed "$RELATE_CORPUS/wxr/seed-social-media-roi.xml"
    networks theme "$RELATE_CORPUS/wxr/theme-unit-test-data.xml"
    # the largest network of people in the corpus: a Mastodon thread of 51
    networks mastodon "$RELATE_CORPUS/convokit/mastodon-context-corpus"
    networks platforms "$RELATE_CORPUS/mastodon-archive" "$RELATE_CORPUS/twitter-archive" \
        "$RELATE_CORPUS/bluesky-car" "$RELATE_CORPUS/disqus/isso-disqus.xml"
fi
echo "networks-check: $graphs passed, 0 failed"
