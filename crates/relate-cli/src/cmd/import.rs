//! `relate import`: detect the format, stream the export into the store in one transaction.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use relate_import::{ColumnMap, ImportContext, Input, Pseudonymizer, Sink, SinkError, Warning};
use relate_model::{AudienceSnapshot, Conversation, Item, Participant};
use relate_store::ImportCounts;

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
    /// For a CSV or JSONL file whose columns have other names: read the documented column
    /// NAME from the file's column SOURCE. Repeat for each column, e.g.
    /// `--column author=user_name --column time=created_at --column text=body`.
    /// Documented columns: id, parent, conversation, author, time, text, url, platform,
    /// title, kind, state, author_name, author_url (id, author and text are required).
    /// Without --format, --column means --format csv (jsonl for .jsonl and .ndjson files).
    #[arg(long = "column", value_name = "NAME=SOURCE", value_parser = parse_column)]
    columns: Vec<(String, String)>,
}

fn parse_column(arg: &str) -> Result<(String, String), String> {
    let (name, source) = ColumnMap::parse_arg(arg)?;
    if !relate_import::tabular::COLUMNS.contains(&name.as_str()) {
        return Err(format!(
            "unknown column `{name}`; the documented columns are {}",
            relate_import::tabular::COLUMNS.join(", ")
        ));
    }
    Ok((name, source))
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
    let mut columns = ColumnMap::default();
    for (name, source) in &args.columns {
        columns.insert(name, source);
    }
    let counts = import_with_columns(db, &path, args.format.as_deref(), args.quiet, columns)?;
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
    if c.audience > 0 {
        line.push_str(&format!(
            " {} audience number{} (followers, page views, ...) added or changed.",
            c.audience,
            if c.audience == 1 { "" } else { "s" }
        ));
    }
    if !imported.skipped.is_empty() {
        let skipped: Vec<String> =
            imported.skipped.iter().map(|(what, n)| format!("{n} {what}")).collect();
        line.push_str(&format!(" Skipped (not conversations): {}.", skipped.join(", ")));
    }
    if c.forgotten > 0 {
        line.push_str(&format!(
            " {} item{} by people you asked relate to forget left out.",
            c.forgotten,
            if c.forgotten == 1 { "" } else { "s" }
        ));
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
    import_with_columns(db, path, format, quiet, ColumnMap::default())
}

/// [`import`] with `--column` renames for the tabular formats.
pub(crate) fn import_with_columns(
    db: &Path,
    path: &Path,
    format: Option<&str>,
    quiet: bool,
    columns: ColumnMap,
) -> anyhow::Result<Imported> {
    let mut input =
        Input::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    // renamed columns are what makes a file readable as csv at all, so detection (which
    // knows only the documented names) would not find it
    let implied = (format.is_none() && !columns.is_empty()).then(|| tabular_format_for(path));
    let importer = match format.or(implied) {
        Some(id) => relate_import::by_id(id).with_context(|| {
            let ids: Vec<&str> = relate_import::IMPORTERS.iter().map(|i| i.id()).collect();
            format!("unknown format {id:?}; relate reads: {}", ids.join(", "))
        })?,
        None => relate_import::detect(&input).with_context(|| {
            let hint = if is_table(path) {
                ". A table whose columns have other names is read with --column, e.g. --column author=user_name (see `relate import --help`)"
            } else {
                ""
            };
            format!(
                "{} is not an export relate recognises (`relate import --list` shows the formats; --format forces one){hint}",
                path.display()
            )
        })?,
    };
    if !columns.is_empty() && !matches!(importer.id(), "csv" | "jsonl") {
        anyhow::bail!(
            "--column renames the columns of a csv or jsonl table; {} is read as {}, which has fixed names",
            path.display(),
            importer.id()
        );
    }
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

    let secret = open_store(db)?.pseudonym_secret()?;
    let ctx = ImportContext { columns, ..ImportContext::new(Pseudonymizer::new(&secret)) };
    let path_shown = path.display().to_string();

    // Parsing and writing overlap: the importer runs here, the store is written by a second
    // thread that owns the database connection; records travel in batches, which come back
    // to be emptied and reused here (freeing records costs the thread that allocated them
    // least, and the writer is the slower of the two).
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Record>>(64);
    // a few at most: a batch the importer has no room for is freed by the writer
    let (written, returned) = std::sync::mpsc::sync_channel::<Vec<Record>>(4);
    let (summary, counts) = std::thread::scope(|scope| {
        let writer =
            scope.spawn(|| write_records(db, importer.id(), &path_shown, receiver, written));
        let mut sink = ChannelSink {
            sender,
            returned,
            batch: Vec::with_capacity(BATCH),
            shown_warnings: 0,
            quiet,
            bar: bar.clone(),
        };
        // entries of an archive or folder that were never offered (links, paths outside it)
        for refused in input.refused() {
            sink.warn(Warning {
                location: path.display().to_string(),
                message: format!("not read: {refused}"),
            });
        }
        let result = importer.import(&input, &ctx, &mut sink);
        let flushed = match &result {
            Ok(_) => {
                sink.batch.push(Record::Commit);
                sink.flush()
            }
            Err(_) => Ok(()),
        };
        drop(sink);
        let written = writer.join().map_err(|_| anyhow::anyhow!("the database writer panicked"));
        let context = || format!("failed to import {} as {}", path.display(), importer.id());
        match result {
            // a store error reaches the importer as a sink error; the writer's says more
            Err(relate_import::ImportError::Sink(_)) => Err(written?
                .err()
                .unwrap_or_else(|| anyhow::anyhow!("the database writer stopped")))
            .with_context(context),
            Err(err) => Err(err).with_context(context),
            Ok(summary) => {
                let counts = written??;
                flushed.map_err(|e| anyhow::anyhow!(e))?;
                anyhow::Ok((summary, counts))
            }
        }
    })?;
    bar.finish_and_clear();
    Ok(Imported { importer: importer.id(), counts, skipped: summary.skipped.into_iter().collect() })
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// The tabular importer `--column` implies for `path`.
fn tabular_format_for(path: &Path) -> &'static str {
    if matches!(extension(path).as_str(), "jsonl" | "ndjson") { "jsonl" } else { "csv" }
}

fn is_table(path: &Path) -> bool {
    matches!(extension(path).as_str(), "csv" | "tsv" | "jsonl" | "ndjson")
}

const BATCH: usize = 512;

enum Record {
    Participant(Participant),
    Conversation(Conversation),
    Item(Item),
    Audience(AudienceSnapshot),
    Warning(Warning),
    /// The importer finished without error: commit.
    Commit,
}

/// The writer thread: applies records in one transaction, and commits only when told to.
fn write_records(
    db: &Path,
    importer: &str,
    path: &str,
    receiver: std::sync::mpsc::Receiver<Vec<Record>>,
    written: std::sync::mpsc::SyncSender<Vec<Record>>,
) -> anyhow::Result<ImportCounts> {
    let mut store = open_store(db)?;
    let mut tx = store.begin_import(importer, path)?;
    for batch in receiver {
        for record in &batch {
            match record {
                Record::Participant(p) => {
                    tx.participant(p)?;
                }
                Record::Conversation(c) => {
                    tx.conversation(c)?;
                }
                Record::Item(i) => tx.item(i)?,
                Record::Audience(a) => tx.audience(a)?,
                Record::Warning(w) => tx.warning(&w.location, &w.message)?,
                Record::Commit => return tx.commit().context("saving the import"),
            }
        }
        // the importer may have finished, or have enough batches back: then it is freed here
        let _ = written.try_send(batch);
    }
    // the importer failed: dropping the transaction rolls it back
    anyhow::bail!("the import was abandoned")
}

/// The importers' [`Sink`], handing records to the writer thread.
struct ChannelSink {
    sender: std::sync::mpsc::SyncSender<Vec<Record>>,
    /// Batches the writer is done with.
    returned: std::sync::mpsc::Receiver<Vec<Record>>,
    batch: Vec<Record>,
    shown_warnings: usize,
    quiet: bool,
    bar: ProgressBar,
}

impl ChannelSink {
    fn push(&mut self, record: Record) -> Result<(), SinkError> {
        self.batch.push(record);
        if self.batch.len() >= BATCH { self.flush() } else { Ok(()) }
    }

    fn flush(&mut self) -> Result<(), SinkError> {
        let next = match self.returned.try_recv() {
            Ok(mut done) => {
                done.clear();
                done
            }
            Err(_) => Vec::with_capacity(BATCH),
        };
        let batch = std::mem::replace(&mut self.batch, next);
        self.sender.send(batch).map_err(|_| SinkError("the database writer stopped".into()))
    }
}

impl Sink for ChannelSink {
    fn participant(&mut self, participant: Participant) -> Result<(), SinkError> {
        self.push(Record::Participant(participant))
    }
    fn conversation(&mut self, conversation: Conversation) -> Result<(), SinkError> {
        self.push(Record::Conversation(conversation))
    }
    fn item(&mut self, item: Item) -> Result<(), SinkError> {
        self.push(Record::Item(item))
    }
    fn audience(&mut self, snapshot: AudienceSnapshot) -> Result<(), SinkError> {
        self.push(Record::Audience(snapshot))
    }
    fn warn(&mut self, warning: Warning) {
        const SHOWN: usize = 5;
        if !self.quiet && self.shown_warnings < SHOWN {
            self.bar.suspend(|| eprintln!("warning: {}: {}", warning.location, warning.message));
        }
        self.shown_warnings += 1;
        // if the writer has stopped, the next record reports it
        let _ = self.push(Record::Warning(warning));
    }
}
