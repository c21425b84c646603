//! `relate import`: detect the format, stream the export into the store in one transaction.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use relate_import::{ImportContext, Input, Pseudonymizer, Sink, SinkError, Warning};
use relate_model::{Conversation, Item, Participant};
use relate_store::{ImportCounts, ImportTx};

use super::{open_store, print};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The export: a file (WordPress .xml) or a folder (a ConvoKit corpus).
    path: Option<PathBuf>,
    /// Force a format instead of detecting it (see --list).
    #[arg(long)]
    format: Option<String>,
    /// List the formats relate reads.
    #[arg(long)]
    list: bool,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    quiet: bool,
}

pub(crate) fn run(db: &Path, args: Args) -> anyhow::Result<()> {
    if args.list {
        let mut text = String::new();
        for importer in relate_import::IMPORTERS {
            text.push_str(&format!("{:<16} {}\n", importer.id(), importer.summary()));
        }
        return print(&text);
    }
    let Some(path) = args.path else {
        anyhow::bail!(
            "what should I import? Give a file or folder (`relate import --list` shows the formats)"
        );
    };
    let counts = import(db, &path, args.format.as_deref(), args.quiet)?;
    if !args.quiet {
        eprintln!("{}", summary(&path, &counts));
    }
    Ok(())
}

pub(crate) struct Imported {
    pub(crate) importer: &'static str,
    pub(crate) counts: ImportCounts,
    pub(crate) skipped: Vec<(String, u64)>,
}

pub(crate) fn summary(path: &Path, imported: &Imported) -> String {
    let c = &imported.counts;
    let mut line = format!(
        "Imported {} as {}: {} added, {} updated, {} unchanged.",
        path.display(),
        imported.importer,
        c.added,
        c.updated,
        c.unchanged
    );
    if !imported.skipped.is_empty() {
        let skipped: Vec<String> =
            imported.skipped.iter().map(|(what, n)| format!("{n} {what}")).collect();
        line.push_str(&format!(" Skipped (not conversations): {}.", skipped.join(", ")));
    }
    if c.warnings > 0 {
        line.push_str(&format!(
            " {} warning{} (`relate warnings` lists them).",
            c.warnings,
            if c.warnings == 1 { "" } else { "s" }
        ));
    }
    line
}

pub(crate) fn import(
    db: &Path,
    path: &Path,
    format: Option<&str>,
    quiet: bool,
) -> anyhow::Result<Imported> {
    let mut input =
        Input::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let importer = match format {
        Some(id) => relate_import::by_id(id).with_context(|| {
            let ids: Vec<&str> = relate_import::IMPORTERS.iter().map(|i| i.id()).collect();
            format!("unknown format {id:?}; relate reads: {}", ids.join(", "))
        })?,
        None => relate_import::detect(&input).with_context(|| {
            format!(
                "{} is not an export relate recognises (`relate import --list` shows the formats; --format forces one)",
                path.display()
            )
        })?,
    };
    let bar = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(input.total_size());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg} [{bar:30}] {bytes}/{total_bytes} ({eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message(format!("importing {}", importer.id()));
        bar
    };
    let progress = bar.clone();
    input = input.with_progress(move |n| progress.inc(n));

    let mut store = open_store(db)?;
    let ctx = ImportContext { pseudonymizer: Pseudonymizer::new(&store.pseudonym_secret()?) };
    let tx = store.begin_import(importer.id(), &path.display().to_string())?;
    let mut sink = StoreSink { tx, shown_warnings: 0, quiet, bar: bar.clone() };
    let summary = importer
        .import(&input, &ctx, &mut sink)
        .with_context(|| format!("failed to import {} as {}", path.display(), importer.id()))?;
    let counts = sink.tx.commit().context("saving the import")?;
    bar.finish_and_clear();
    Ok(Imported { importer: importer.id(), counts, skipped: summary.skipped.into_iter().collect() })
}

/// Adapts the store's import transaction to the importers' [`Sink`].
struct StoreSink<'a> {
    tx: ImportTx<'a>,
    shown_warnings: usize,
    quiet: bool,
    bar: ProgressBar,
}

fn sink_error(err: relate_store::StoreError) -> SinkError {
    SinkError(err.to_string())
}

impl Sink for StoreSink<'_> {
    fn participant(&mut self, participant: Participant) -> Result<(), SinkError> {
        self.tx.participant(&participant).map(|_| ()).map_err(sink_error)
    }
    fn conversation(&mut self, conversation: Conversation) -> Result<(), SinkError> {
        self.tx.conversation(&conversation).map(|_| ()).map_err(sink_error)
    }
    fn item(&mut self, item: Item) -> Result<(), SinkError> {
        self.tx.item(&item).map_err(sink_error)
    }
    fn warn(&mut self, warning: Warning) {
        const SHOWN: usize = 5;
        if !self.quiet && self.shown_warnings < SHOWN {
            self.bar.suspend(|| eprintln!("warning: {}: {}", warning.location, warning.message));
        }
        self.shown_warnings += 1;
        // A failure to record a warning surfaces when the import commits.
        let _ = self.tx.warning(&warning.location, &warning.message);
    }
}
