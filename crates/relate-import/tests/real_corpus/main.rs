//! The real-corpus suite at importer level: every file in `../shared/corpus/<format>/` read by
//! its importer into memory, with counts established by reading the files (never by copying
//! relate's output). Those files are other people's words: they are read in place, never
//! copied into this repository. One module per importer.
//!
//! Runs with `--features relate-import/real-corpus` (scripts/test.sh turns it on when
//! `../shared/corpus` exists; CI requires it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use relate_import::testing::VecSink;
use relate_import::{ImportContext, ImportError, Input, Pseudonymizer};

/// `../shared/corpus/<path>` (or `$RELATE_CORPUS/<path>`).
pub fn corpus(path: &str) -> PathBuf {
    let root = std::env::var_os("RELATE_CORPUS").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
    });
    assert!(root.is_dir(), "the real-corpus suite needs {}", root.display());
    root.join(path)
}

/// Imports `path` (relative to the corpus) with the importer `id`, checking that detection
/// picks the same importer.
pub fn import(
    id: &str,
    path: &str,
) -> (Result<relate_import::ImportSummary, ImportError>, VecSink) {
    let input = Input::from_path(&corpus(path)).expect("readable");
    let detected = relate_import::detect(&input).map(|i| i.id());
    assert_eq!(detected, Some(id), "{path} should be detected as {id}");
    let importer = relate_import::by_id(id).expect("registered");
    let ctx = ImportContext::new(Pseudonymizer::new(b"real-corpus"));
    let mut sink = VecSink::default();
    let result = importer.import(&input, &ctx, &mut sink);
    (result, sink)
}

/// Items per kind, as `relate stats --json` reports them.
pub fn kinds(sink: &VecSink) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for item in &sink.items {
        *out.entry(item.kind.as_str()).or_default() += 1;
    }
    out
}

/// Items whose parent is set.
pub fn reply_links(sink: &VecSink) -> usize {
    sink.items.iter().filter(|i| i.parent.is_some()).count()
}

/// Distinct conversation keys among the items.
pub fn conversations(sink: &VecSink) -> usize {
    sink.items.iter().map(|i| &i.conversation).collect::<std::collections::BTreeSet<_>>().len()
}

// One module per importer (each adds its own line here):
mod bluesky_api;
mod bluesky_car;
mod detection;
mod discourse;
mod disqus;
mod facebook_dyi;
mod facebook_graph;
mod hackernews;
mod mastodon_api;
mod mastodon_archive;
mod reddit;
mod rss_comments;
mod tabular;
mod twitter_api_v2;
mod twitter_archive;
mod webmention;
