//! Importers: each reads one kind of export and pushes model records into a [`Sink`].
//!
//! Importers do no IO of their own: they read through an [`Input`] (a file or a directory,
//! built by the caller) and never touch the database. A malformed record is a [`Warning`]
//! with its file and position, never an abort; a file that is not what it claims is an
//! [`ImportError`]. Nothing an importer receives as an e-mail address, IP address or user
//! agent leaves it: such fields are used (if at all) for owner detection, then dropped.
#![warn(clippy::unwrap_used)]

mod content;
pub mod convokit;
mod input;
pub mod json;
mod pseudonym;
pub mod testing;
pub mod wxr;

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
pub const IMPORTERS: &[&dyn Importer] = &[&wxr::Wxr, &convokit::ConvoKit];

/// How sure an importer is that an input is its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detection {
    No,
    Maybe,
    Yes,
}

/// Picks the importer that claims `input` most strongly.
pub fn detect(input: &Input) -> Option<&'static dyn Importer> {
    let (best, detection) = IMPORTERS
        .iter()
        .map(|imp| (*imp, imp.detect(input)))
        .max_by_key(|(_, detection)| *detection)?;
    (detection > Detection::No).then_some(best)
}

pub fn by_id(id: &str) -> Option<&'static dyn Importer> {
    IMPORTERS.iter().copied().find(|imp| imp.id() == id)
}

/// What an import needs besides the input.
pub struct ImportContext {
    pub pseudonymizer: Pseudonymizer,
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
    #[error("{file}: not a {format} export: {reason}")]
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
