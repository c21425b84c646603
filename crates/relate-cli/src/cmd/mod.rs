//! One module per command family.

pub(crate) mod audience;
pub(crate) mod calibrate;
pub(crate) mod demo;
pub(crate) mod digest;
pub(crate) mod export;
pub(crate) mod forget;
pub(crate) mod identity;
pub(crate) mod import;
pub(crate) mod outcomes;
pub(crate) mod owner;
pub(crate) mod people;
pub(crate) mod serve;
pub(crate) mod show;
pub(crate) mod sources;
pub(crate) mod waiting;

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use relate_store::Store;

/// Opens the workspace database, creating it if needed.
pub(crate) fn open_store(db: &Path) -> anyhow::Result<Store> {
    Store::open(db).with_context(|| format!("opening the workspace database {}", db.display()))
}

/// Opens an existing database for reading; a missing file is an error, not a new database.
pub(crate) fn open_existing(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!(
            "no database at {} (import something first: `relate import FILE`, or try `relate demo`)",
            db.display()
        );
    }
    open_store(db)
}

/// Writes to stdout, turning a closed pipe into a quiet success upstream.
pub(crate) fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

pub(crate) fn print_json(value: &serde_json::Value) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print(&text)
}
