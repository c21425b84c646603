//! `relate export`: the data in other tools' formats.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;

#[derive(Subcommand)]
pub(crate) enum ExportCommand {
    /// A ConvoKit corpus directory (public items only; restricted ones with --include-restricted), loadable with convokit.Corpus(filename=DIR).
    Convokit {
        /// The directory to write; created if missing. Existing corpus files are replaced.
        dir: PathBuf,
    },
}

pub(crate) fn run(
    db: &Path,
    command: ExportCommand,
    include_restricted: bool,
) -> anyhow::Result<()> {
    match command {
        ExportCommand::Convokit { dir } => {
            let (corpus, analyses) =
                super::show::analyse_with(db, include_restricted, relate_analysis::Options::ALL)?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let written = relate_report::convokit::write(&corpus, &analyses, &mut |name| {
                let file = File::create(dir.join(name))?;
                Ok(Box::new(BufWriter::new(file)))
            })
            .with_context(|| format!("writing the corpus to {}", dir.display()))?;
            eprintln!(
                "Wrote {} utterances ({} replies) in {} conversations by {} speakers to {}.",
                written.utterances,
                written.reply_links,
                written.conversations,
                written.speakers,
                dir.display()
            );
            Ok(())
        }
    }
}
