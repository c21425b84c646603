//! csv, jsonl and offline: there is no real export of these formats (they are relate's own
//! or a user's spreadsheet), so the real corpus checks the other side: the generic importers
//! never claim a real file that belongs to a platform importer.

use relate_import::{Detection, Importer, Input};

use crate::corpus;

fn claims(importer: &dyn Importer, path: &str) -> Detection {
    importer.detect(&Input::from_path(&corpus(path)).expect("readable"))
}

#[test]
fn jsonl_leaves_convokit_and_twarc_lines_to_their_importers() {
    let jsonl = &relate_import::tabular::Jsonl;
    for path in [
        // a ConvoKit `utterances.jsonl`: id, speaker, text, reply-to (no author)
        "convokit/mastodon-context-corpus/utterances.jsonl",
        // twarc pages: one search response (`data`, `includes`, `__twarc`) per line
        "twitter-api-v2/twarc-csv-brexit.jsonl",
        "twitter-api-v2/twarc-csv-noflat.jsonl",
    ] {
        assert_eq!(claims(jsonl, path), Detection::No, "{path}");
    }
    assert_eq!(claims(jsonl, "convokit/mastodon-context-corpus"), Detection::No);
}

#[test]
fn csv_and_offline_claim_no_real_file() {
    // PROVENANCE.tsv is a table (file, repo, path, ...) without id/author/text; FORMATS.md
    // has headings but no `people:` line (`grep -c 'people:' FORMATS.md` is 0)
    for path in ["PROVENANCE.tsv", "FORMATS.md"] {
        assert_eq!(claims(&relate_import::tabular::Csv, path), Detection::No, "{path}");
        assert_eq!(claims(&relate_import::offline::Offline, path), Detection::No, "{path}");
    }
    for dir in ["wxr", "convokit/mastodon-context-corpus", "twitter-api-v2"] {
        assert_eq!(claims(&relate_import::offline::Offline, dir), Detection::No, "{dir}");
    }
}
