//! The `relate` command line: a thin layer over the library crates. Only this crate knows
//! about clap, anyhow, terminals, progress bars, exit codes and environment variables.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// relate: what blogging and social media really return - conversations, relationships and
/// knowledge - beside the follower counts.
///
/// Start with `relate demo`. With your own data:
///
///   relate import export.xml          (a WordPress export, Tools -> Export)
///   relate import twitter-2026.zip    (any platform's archive: `relate import --list`)
///   relate report                     (conversations, answers, ties, what you learned)
///   relate learned --since 7d         ("Was habe ich heute gelernt?")
///   relate threads                    (the conversations; `relate threads ID` shows one)
///   relate identity suggest           (accounts on several platforms that may be one person)
///
/// Everything lives in one database file, `relate.db` in the current directory unless
/// `--db` or RELATE_DB says otherwise. Nothing is sent anywhere; no e-mail address or IP
/// from an export is ever stored.
///
/// Exit codes: 0 success, 2 error (the message says what and where).
#[derive(Parser)]
#[command(name = "relate", version, verbatim_doc_comment)]
struct Cli {
    /// The workspace database.
    #[arg(long, global = true, env = "RELATE_DB", default_value = "relate.db")]
    db: PathBuf,
    /// Also show and count restricted items: direct messages, followers-only posts, private
    /// groups, whispers. They are always stored, but left out unless you ask.
    #[arg(long, global = true)]
    include_restricted: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import an export (a file, a folder, a zip or tar.gz); the format is detected, or given
    /// with --format.
    ///
    /// Importing the same export again adds nothing; a newer export of the same blog adds
    /// what is new and updates what changed. An import lands whole or not at all.
    Import(cmd::import::Args),
    /// Counts of what the database holds.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Conversations as readable threads: who answered whom.
    ///
    /// Without ID, lists the conversations. ID is a conversation's key, or the id of its post
    /// or of any item in it (a WordPress post or comment id, a ConvoKit utterance id).
    Threads {
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The report: conversations, people, answers, ties and learning, beside the vanity
    /// numbers.
    Report {
        /// One JSON object for scripts (keys documented in README.md).
        #[arg(long)]
        json: bool,
    },
    /// What we learned, from whom, where: concepts taken up, passages quoted, sources shared.
    ///
    /// Each entry carries its evidence: the sentence where it was brought in, the one where we
    /// took it up, and the acknowledgement. `--format markdown` writes a list to paste into a
    /// weekly note.
    Learned(cmd::show::LearnedArgs),
    /// Declare who is "us" (owner accounts), or list them.
    ///
    /// WordPress authors are owners by default. Identities are PLATFORM:HANDLE, e.g.
    /// wordpress:christian or convokit:museum; the handle also matches a display name.
    #[command(subcommand)]
    Owner(cmd::owner::OwnerCommand),
    /// Forget a person completely; later imports leave them out.
    ///
    /// Their items, numbers and links are deleted and overwritten in the file, not just
    /// unlinked; only a hash of their key is kept, so that a re-import can skip them.
    Forget(cmd::forget::Args),
    /// One person, many accounts: link them, or let relate suggest which may be one.
    #[command(subcommand)]
    Identity(cmd::identity::IdentityCommand),
    /// The vanity numbers no export carries (page views, fans), to set beside the real return.
    #[command(subcommand)]
    Audience(cmd::audience::AudienceCommand),
    /// Hand coding: `relate code sample` writes replies to code by hand, blind.
    #[command(subcommand)]
    Code(cmd::calibrate::CodeCommand),
    /// How far relate's measures agree with your hand codes (Cohen's kappa, precision,
    /// recall), from a file written by `relate code sample` and filled in by you.
    Calibrate {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write the public items in another tool's format.
    #[command(subcommand)]
    Export(cmd::export::ExportCommand),
    /// Sources shared (links, DOIs): who shared them, who picked them up, how we framed
    /// ours. `relate sources check` asks the web whether they still work (only then).
    Sources(cmd::sources::Args),
    /// Warnings from imports: records that were skipped or repaired, with file and line.
    Warnings {
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Build a workspace from the bundled demo data (a museum's blog and Mastodon, German and
    /// English), import it and show the report.
    Demo(cmd::demo::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if err.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Import(args) => cmd::import::run(&cli.db, args),
        Command::Stats { json } => cmd::show::stats(&cli.db, json),
        Command::Threads { id, json } => {
            cmd::show::threads(&cli.db, id.as_deref(), json, cli.include_restricted)
        }
        Command::Report { json } => cmd::show::report(&cli.db, json, cli.include_restricted),
        Command::Learned(args) => cmd::show::learned(&cli.db, &args, cli.include_restricted),
        Command::Owner(command) => cmd::owner::run(&cli.db, command),
        Command::Identity(command) => cmd::identity::run(&cli.db, command),
        Command::Forget(args) => cmd::forget::run(&cli.db, args),
        Command::Code(command) => cmd::calibrate::sample(&cli.db, command),
        Command::Calibrate { file, json } => cmd::calibrate::calibrate(&cli.db, &file, json),
        Command::Audience(command) => cmd::audience::run(&cli.db, command),
        Command::Export(command) => cmd::export::run(&cli.db, command, cli.include_restricted),
        Command::Sources(args) => cmd::sources::run(&cli.db, args, cli.include_restricted),
        Command::Warnings { limit } => cmd::show::warnings(&cli.db, limit),
        Command::Demo(args) => cmd::demo::run(args),
    }
}
