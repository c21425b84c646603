//! Importers: each reads one kind of export and pushes model records into a [`Sink`].
//!
//! Importers do no IO of their own: they read through an [`Input`] (a file or a directory,
//! built by the caller) and never touch the database. A malformed record is a [`Warning`]
//! with its file and position, never an abort; a file that is not what it claims is an
//! [`ImportError`]. Nothing an importer receives as an e-mail address, IP address or user
//! agent leaves it: such fields are used (if at all) for owner detection, then dropped.
#![warn(clippy::unwrap_used)]

pub mod audience_csv;
pub mod bluesky_api;
pub mod bluesky_car;
mod content;
pub mod convokit;
pub mod discourse;
pub mod disqus;
pub mod facebook_dyi;
pub mod facebook_graph;
pub mod hackernews;
mod input;
pub mod json;
pub mod mastodon_api;
pub mod mastodon_archive;
pub mod offline;
mod pseudonym;
pub mod reddit;
pub mod rss_comments;
pub mod tabular;
pub mod testing;
pub mod twitter_api_v2;
pub mod twitter_archive;
mod urls;
pub mod webmention;
pub mod wxr;
mod xml;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use content::{extract_links, html_to_text};
pub use input::{Input, Limits};
pub use pseudonym::Pseudonymizer;
use relate_model::{AudienceSnapshot, Conversation, Item, Participant};

/// A parser for one kind of export.
pub trait Importer: Sync {
    /// Stable kebab-case id: the `--format` value and the `sources.importer` column.
    fn id(&self) -> &'static str;
    /// One line for `relate import --list`.
    fn summary(&self) -> &'static str;
    /// Cheap sniff of file names and first bytes.
    fn detect(&self, input: &Input) -> Detection;
    /// Parses the export into `sink`. Returns `Err` only when nothing sensible can be read.
    fn import(
        &self,
        input: &Input,
        ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError>;
}

/// Every importer, in `--list` order.
pub const IMPORTERS: &[&dyn Importer] = &[
    // blogs and the web around them
    &wxr::Wxr,
    &rss_comments::RssComments,
    &disqus::Disqus,
    &webmention::Webmention,
    // social platforms: archives as downloaded, then API responses
    &mastodon_archive::MastodonArchive,
    &mastodon_api::MastodonApi,
    &bluesky_car::BlueskyCar,
    &bluesky_api::BlueskyApi,
    &twitter_archive::TwitterArchive,
    &twitter_api_v2::TwitterApiV2,
    &facebook_dyi::FacebookDyi,
    &facebook_graph::FacebookGraph,
    &reddit::Reddit,
    &hackernews::HackerNews,
    &discourse::Discourse,
    // research corpora and everything else
    &convokit::ConvoKit,
    &tabular::Csv,
    &tabular::Jsonl,
    &offline::Offline,
    &audience_csv::AudienceCsv,
];

/// How sure an importer is that an input is its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detection {
    No,
    Maybe,
    Yes,
}

/// Picks the importer that claims `input` most strongly; on a tie, the first in
/// [`IMPORTERS`] (so a specific format listed early wins over a generic one listed late).
pub fn detect(input: &Input) -> Option<&'static dyn Importer> {
    let mut best: Option<(&'static dyn Importer, Detection)> = None;
    for importer in IMPORTERS.iter().copied() {
        let detection = importer.detect(input);
        if detection > Detection::No && best.is_none_or(|(_, d)| detection > d) {
            best = Some((importer, detection));
        }
    }
    best.map(|(importer, _)| importer)
}

pub fn by_id(id: &str) -> Option<&'static dyn Importer> {
    IMPORTERS.iter().copied().find(|imp| imp.id() == id)
}

/// What an import needs besides the input.
///
/// Build it with [`ImportContext::new`] (or a literal ending in `..ImportContext::new(p)`) so
/// that a new option does not break every caller.
pub struct ImportContext {
    pub pseudonymizer: Pseudonymizer,
    /// `--column NAME=SOURCE` renames for the tabular importers (csv, jsonl).
    pub columns: ColumnMap,
}

impl ImportContext {
    pub fn new(pseudonymizer: Pseudonymizer) -> ImportContext {
        ImportContext { pseudonymizer, columns: ColumnMap::default() }
    }
}

/// Which source column holds each documented column (`author` -> `user_name`): the
/// `--column NAME=SOURCE` flags of `relate import`. A name not in the map is read from the
/// column of the same name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    sources: BTreeMap<String, String>,
}

impl ColumnMap {
    /// Records that the documented column `name` is read from `source`; later calls win.
    pub fn insert(&mut self, name: &str, source: &str) {
        self.sources.insert(name.trim().to_ascii_lowercase(), source.trim().to_string());
    }

    /// Parses one `NAME=SOURCE` argument.
    pub fn parse_arg(arg: &str) -> Result<(String, String), String> {
        match arg.split_once('=') {
            Some((name, source)) if !name.trim().is_empty() && !source.trim().is_empty() => {
                Ok((name.trim().to_ascii_lowercase(), source.trim().to_string()))
            }
            _ => Err(format!("expected NAME=SOURCE (e.g. author=user_name), got `{arg}`")),
        }
    }

    /// The source column for the documented column `name`, if it was mapped.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// `(name, source)` pairs in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))
    }
}

/// Counts an importer reports beside the records it pushed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// Records deliberately not imported, by reason (`nav_menu_item`, `attachment`, ...).
    pub skipped: BTreeMap<String, u64>,
}

/// Where parsed records go: the store in production, a `Vec` in tests.
pub trait Sink {
    fn participant(&mut self, participant: Participant) -> Result<(), SinkError>;
    fn conversation(&mut self, conversation: Conversation) -> Result<(), SinkError>;
    fn item(&mut self, item: Item) -> Result<(), SinkError>;
    fn audience(&mut self, snapshot: AudienceSnapshot) -> Result<(), SinkError>;
    fn warn(&mut self, warning: Warning);
    /// [`Sink::warn`] for a warning at `location` (`file:line` or `file[record]`).
    fn warn_at(&mut self, location: &str, message: String) {
        self.warn(Warning { location: location.to_string(), message });
    }
}

/// A problem with one record; the record is skipped or repaired, the import goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// `file:line` or `file[record]`.
    pub location: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SinkError(pub String);

/// Why an import could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: not readable as {format}: {reason}")]
    NotThisFormat { file: PathBuf, format: &'static str, reason: String },
    #[error("{file}:{line}:{column}: malformed XML: {message}")]
    Xml { file: PathBuf, line: u64, column: u64, message: String },
    #[error("{file}:{line}:{column}: malformed JSON: {message}")]
    Json { file: PathBuf, line: u64, column: u64, message: String },
    #[error("{file}: {source}")]
    Io { file: PathBuf, source: std::io::Error },
    #[error("could not store a record: {0}")]
    Sink(#[from] SinkError),
}

impl ImportError {
    /// An [`ImportError::NotThisFormat`].
    pub(crate) fn not_this_format(
        file: PathBuf,
        format: &'static str,
        reason: impl Into<String>,
    ) -> ImportError {
        ImportError::NotThisFormat { file, format, reason: reason.into() }
    }

    /// A `map_err` for IO errors on `file`: an [`ImportError::Io`] naming it.
    pub(crate) fn io(file: PathBuf) -> impl Fn(std::io::Error) -> ImportError {
        move |source| ImportError::Io { file: file.clone(), source }
    }
}
