#!/usr/bin/env python3
"""Check that ConvoKit itself can load a corpus directory and sees the expected structure.

usage: convokit_roundtrip.py DIR --utterances N --replies M [--conversations C] [--speakers S]

Loads DIR with convokit.Corpus(filename=DIR), counts utterances, reply links
(utterances whose reply_to is not None), conversations and speakers, and checks
that every reply_to target is an utterance of the corpus. Prints one JSON line
with what it found. Exits 0 if everything matches, 1 with a message on stderr
if a count differs or a reply target is missing, 2 on a usage or load error.

Run it with the bench virtualenv (see bench/README.md):
    bench/.venv/bin/python tests-py/convokit_roundtrip.py DIR --utterances 60 --replies 59
It never touches the network: `from convokit import Corpus` imports no models.
"""
import argparse
import json
import os
import sys

# Keep ConvoKit on its in-memory backend whatever ~/.convokit/config.yml says
# (the other backend is MongoDB). Note: ConvoKit writes ~/.convokit/config.yml
# on first use if it is missing; that is harmless but happens under $HOME.
os.environ.setdefault("CONVOKIT_BACKEND", "mem")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", metavar="DIR", help="ConvoKit corpus directory")
    ap.add_argument("--utterances", type=int, required=True, help="expected number of utterances")
    ap.add_argument("--replies", type=int, required=True,
                    help="expected number of utterances whose reply_to is not None")
    ap.add_argument("--conversations", type=int, help="expected number of conversations")
    ap.add_argument("--speakers", type=int, help="expected number of speakers")
    args = ap.parse_args()

    if not os.path.isdir(args.dir):
        print(f"convokit_roundtrip: {args.dir}: not a directory", file=sys.stderr)
        return 2
    try:
        from convokit import Corpus
    except ImportError as e:
        print(f"convokit_roundtrip: cannot import convokit ({e}); "
              "use bench/.venv/bin/python (see bench/README.md)", file=sys.stderr)
        return 2
    try:
        corpus = Corpus(filename=args.dir)
    except Exception as e:  # ConvoKit raises KeyError/ValueError/... on malformed input
        print(f"convokit_roundtrip: ConvoKit could not load {args.dir}: {type(e).__name__}: {e}",
              file=sys.stderr)
        return 2

    utterances = replies = cross_conversation = 0
    dangling = []
    for utt in corpus.iter_utterances():
        utterances += 1
        if utt.reply_to is None:
            continue
        replies += 1
        if not corpus.has_utterance(utt.reply_to):
            dangling.append((utt.id, utt.reply_to))
        elif corpus.get_utterance(utt.reply_to).conversation_id != utt.conversation_id:
            cross_conversation += 1
    found = {
        "dir": args.dir,
        "utterances": utterances,
        "replies": replies,
        "conversations": sum(1 for _ in corpus.iter_conversations()),
        "speakers": sum(1 for _ in corpus.iter_speakers()),
        "dangling_replies": len(dangling),
        "cross_conversation_replies": cross_conversation,  # informational only
    }
    print(json.dumps(found), flush=True)

    problems = []
    for key in ("utterances", "replies", "conversations", "speakers"):
        want = getattr(args, key)
        if want is not None and found[key] != want:
            problems.append(f"{key}: expected {want}, ConvoKit found {found[key]}")
    for uid, target in dangling[:5]:
        problems.append(f"utterance {uid!r} replies to {target!r}, which is not in the corpus")
    if len(dangling) > 5:
        problems.append(f"... and {len(dangling) - 5} more dangling reply_to targets")
    if problems:
        print(f"convokit_roundtrip: FAIL for {args.dir}:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
