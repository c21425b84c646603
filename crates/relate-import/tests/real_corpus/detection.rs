//! Detection over the whole corpus: every real file (and every format folder) is claimed by
//! its own importer and by no other, so `relate import PATH` needs no `--format`.

use relate_import::{Detection, IMPORTERS, Input};

use crate::corpus;

/// (path in the corpus, the importer that must win; `None`: nobody may claim it).
const EXPECTED: &[(&str, Option<&str>)] = &[
    ("wxr/seed-social-media-roi.xml", Some("wordpress-wxr")),
    ("wxr/valid-wxr-1.0.xml", Some("wordpress-wxr")),
    ("wxr/theme-unit-test-data.xml", Some("wordpress-wxr")),
    ("wxr/isso-wordpress.xml", Some("wordpress-wxr")),
    ("convokit/mastodon-context-corpus", Some("convokit")),
    ("convokit/mastodon-context-corpus/utterances.jsonl", Some("convokit")),
    ("convokit/legacy-friends-corpus-2019-no-utterances", Some("convokit")),
    ("mastodon-archive", Some("mastodon-archive")),
    ("mastodon-archive/outbox.json", Some("mastodon-archive")),
    ("mastodon-api/context-fosstodon-114027213608365869.json", Some("mastodon-api")),
    ("mastodon-api/context-mastodon.social-109294719267373593.json", Some("mastodon-api")),
    ("mastodon-api/status-fosstodon-114620457512351116.json", Some("mastodon-api")),
    ("bluesky-car/bnewbold.robocracy.org.20250310005405.car", Some("bluesky-car")),
    ("bluesky-api/getPostThread-vercel-3jwvd2i3kms2f.json", Some("bluesky-api")),
    ("bluesky-api/getPostThread-bskyr-3k7qmjev5lr2s.json", Some("bluesky-api")),
    ("bluesky-api/getQuotes-bskyr-3lc5c5qv72r2w.json", Some("bluesky-api")),
    ("twitter-archive", Some("twitter-archive")),
    ("twitter-archive/vovavasylyna-tweets.js", Some("twitter-archive")),
    ("twitter-api-v2/twarc-csv-brexit.jsonl", Some("twitter-api-v2")),
    ("twitter-api-v2/twarc-csv-noflat.jsonl", Some("twitter-api-v2")),
    ("facebook-dyi", Some("facebook-dyi")),
    ("facebook-dyi/waultar-comments.json", Some("facebook-dyi")),
    ("facebook-dyi/waultar-your_posts_1.json", Some("facebook-dyi")),
    ("facebook-dyi/waultar-reactions-posts_and_comments.json", Some("facebook-dyi")),
    ("facebook-graph", Some("facebook-graph")),
    ("facebook-graph/pyfb-comments_p1.json", Some("facebook-graph")),
    ("facebook-graph/pyfb-feeds_default_fields_p1.json", Some("facebook-graph")),
    ("hackernews/hn-api-readme-examples.json", Some("hackernews")),
    ("discourse/discourse_api-topic.json", Some("discourse")),
    ("discourse/discourse_api-posts_latest.json", Some("discourse")),
    ("discourse/discourse_api-replies.json", Some("discourse")),
    ("disqus/isso-disqus.xml", Some("disqus")),
    ("webmention/webmention.io-links-api-rockorager.json", Some("webmention")),
    ("mf2/microformats-tests-impliedvalue-nested.json", Some("webmention")),
    ("rss-atom-comments/whizzy-comments-feed-rss2.xml", Some("rss-comments")),
    ("rss-atom-comments/bigredtin-comments-feed-atom-thr.xml", Some("rss-comments")),
    ("rss-atom-comments/whizzy-posts-feed-rss2-slash-wfw.xml", Some("rss-comments")),
    ("rss-atom-comments/whizzy-post-cisco-7941-comments-feed-rss2.xml", Some("rss-comments")),
    // an HTML page and the corpus' own notes are nobody's export
    ("mf2/microformats-tests-impliedvalue-nested.html", None),
    ("FORMATS.md", None),
    ("PROVENANCE.tsv", None),
];

#[test]
fn every_corpus_file_is_claimed_by_its_own_importer_only() {
    let mut wrong = Vec::new();
    for &(path, expected) in EXPECTED {
        let input = Input::from_path(&corpus(path)).expect("readable");
        let claims: Vec<(&str, Detection)> = IMPORTERS
            .iter()
            .map(|i| (i.id(), i.detect(&input)))
            .filter(|(_, d)| *d > Detection::No)
            .collect();
        let winner = relate_import::detect(&input).map(|i| i.id());
        let strongest = claims.iter().map(|(_, d)| *d).max();
        let rivals =
            claims.iter().filter(|(id, d)| Some(*d) == strongest && Some(*id) != expected).count();
        if winner != expected || rivals > 0 {
            wrong.push(format!("{path}: expected {expected:?}, claims {claims:?}"));
        }
    }
    assert!(wrong.is_empty(), "detection is ambiguous or wrong:\n{}", wrong.join("\n"));
}
