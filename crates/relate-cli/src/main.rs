//! The `relate` command line: a thin layer over the library crates. Only this crate knows
//! about clap, anyhow, terminals, progress bars, exit codes and environment variables.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cmd;

// glibc's malloc spent a sixth of a bulk import in allocating and freeing records that cross
// from the parser thread to the writer thread; mimalloc's thread-local heaps do not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Keeps the memory the process holds close to what it uses.
///
/// mimalloc (v3, as locked) gives freed memory back to the system a second after it was freed;
/// the analyses free and allocate faster than that, so on a million items about 50 MB of freed
/// memory stayed resident at the peak. 10 ms (mimalloc's earlier default) keeps the peak near
/// what is live, for a few more madvise calls.
///
/// And mimalloc asks Linux for transparent huge pages, which the kernel zeroes 2 MB at a time
/// and counts whole however little of them is used: on a million items they added about 25 MB
/// to the report's peak and a tenth of its time was the kernel zeroing pages.
fn keep_memory_close_to_use() {
    // `mi_option_purge_delay`: its place in `mi_option_e` of mimalloc.h (v3), which
    // libmimalloc-sys does not name; a mimalloc whose option 15 does not hold v3's default
    // purge delay is left as it is
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const V3_DEFAULT_MS: std::ffi::c_long = 1000;
    // SAFETY: reading and setting an option has no preconditions; it is done before other
    // threads start.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == V3_DEFAULT_MS {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 10);
        }
    }
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no memory of ours; a
    // kernel without it returns an error, which changes nothing.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

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
///   relate digest --since 7d          (the week in a few lines; --mail-to ADDRESS mails it)
///   relate waiting                    (comments still without an answer from us)
///   relate people                     (each relationship: new, growing, cooling; `relate person NAME`)
///   relate threads                    (the conversations; `relate threads ID` shows one)
///   relate serve                      (the dashboard in a browser, on this machine)
///   relate identity suggest           (accounts on several platforms that may be one person)
///
/// Everything lives in one database file, `relate.db` in the current directory unless
/// `--db` or RELATE_DB says otherwise. Nothing is sent anywhere unless you ask (`relate digest
/// --mail-to`); no e-mail address or IP from an export is ever stored.
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
    /// or of any item in it (a WordPress post or comment id, a ConvoKit utterance id). One
    /// conversation, and the list with --json, also say where it got to (a heuristic: sharing,
    /// dissonance, negotiation, testing, agreement).
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
        /// Also where each conversation got to (a heuristic after Gunawardena, Lowe & Anderson:
        /// sharing, dissonance, negotiation, testing, agreement); reads every reply, so slower.
        #[arg(long)]
        phases: bool,
        /// Write the report as one self-contained HTML file instead (no network, every number
        /// linked to the items behind it) and print its path.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["json", "phases"])]
        html: Option<PathBuf>,
        /// The HTML report's language (default: the one most of our items are written in).
        #[arg(long, value_enum, requires = "html")]
        lang: Option<cmd::show::HtmlLang>,
    },
    /// What we learned, from whom, where: concepts taken up, passages quoted, sources shared.
    ///
    /// Each entry carries its evidence: the sentence where it was brought in, the one where we
    /// took it up, and the acknowledgement. `--format markdown` writes a list to paste into a
    /// weekly note.
    Learned(cmd::show::LearnedArgs),
    /// "Was habe ich heute gelernt?" in a few lines, for a daily or weekly routine: what we
    /// learned, who waits for an answer, new and returning people, sources, the vanity numbers.
    ///
    /// `--since 7d` for a week; `--format md|html`; `--mail-to ADDRESS` sends it over SMTP
    /// (text and HTML in one mail; server from --smtp-host or RELATE_SMTP_HOST). A cron and a
    /// systemd-timer recipe are in docs/digest.md.
    Digest(cmd::digest::Args),
    /// Whom we left waiting: comments by others without an answer from us, oldest first.
    ///
    /// Each with its date, author, platform, whether it asks a question, how long it has waited
    /// (counted to the latest item in the database, not to today) and a link; then how fast we
    /// answer on each platform. `--questions` keeps the questions, `--platform mastodon` one
    /// platform.
    Waiting(cmd::waiting::Args),
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
    /// The relationship ledger: each person we talk with, how the tie is going, and what
    /// each side brought.
    ///
    /// Per person: first and last encounter, conversations, exchanges each way, how often and
    /// how fast we answered them and they us, what they brought and took up, a tie strength
    /// (1 per exchange, 0.3 for being in our thread or liking our item, 10 % less each 30
    /// days) and a state in the period: new, returning, growing, steady, cooling, lapsed.
    /// The period is the last 90 days of the data unless --since/--until say otherwise.
    /// `--cohorts` shows who is still in conversation 1, 3 and 6 months after first meeting;
    /// outcomes (`relate outcomes import`) appear beside the states. `relate person NAME`
    /// shows one relationship.
    People(cmd::people::PeopleArgs),
    /// One relationship as a timeline: every encounter, who answered whom and who was left
    /// waiting, what each learned from the other.
    Person(cmd::people::PersonArgs),
    /// Outcomes outside the conversations (tickets, memberships, donations, volunteering) to
    /// set beside the ledger: `relate outcomes import outcomes.csv` (date,person,kind,value).
    ///
    /// Shown beside relationship states to ask whether the people with strong ties are the
    /// ones who come: an association, never proof that the conversation made them come.
    #[command(subcommand)]
    Outcomes(cmd::outcomes::OutcomesCommand),
    /// The dashboard in a browser: the report, people, a person's timeline, threads across
    /// platforms, concepts, sources, who is waiting; filters and search. Read-only.
    ///
    /// Loads the database once (read-only) and serves it on http://127.0.0.1:8470/ until
    /// stopped; restart it to see later imports. Listening on another address (--addr)
    /// requires --token (or RELATE_SERVE_TOKEN), which every request must then carry.
    Serve(cmd::serve::Args),
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
    keep_memory_close_to_use();
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
        Command::Report { json, phases, html: Some(file), lang } => {
            let _ = (json, phases); // clap refuses them beside --html
            cmd::show::report_html(&cli.db, &file, lang, cli.include_restricted)
        }
        Command::Report { json, phases, html: None, .. } => {
            cmd::show::report_with(&cli.db, json, phases, cli.include_restricted)
        }
        Command::Learned(args) => cmd::show::learned(&cli.db, &args, cli.include_restricted),
        Command::Digest(args) => cmd::digest::run(&cli.db, &args, cli.include_restricted),
        Command::Waiting(args) => cmd::waiting::run(&cli.db, &args, cli.include_restricted),
        Command::Owner(command) => cmd::owner::run(&cli.db, command),
        Command::Identity(command) => cmd::identity::run(&cli.db, command),
        Command::Forget(args) => cmd::forget::run(&cli.db, args),
        Command::Code(command) => cmd::calibrate::sample(&cli.db, command),
        Command::Calibrate { file, json } => cmd::calibrate::calibrate(&cli.db, &file, json),
        Command::Audience(command) => cmd::audience::run(&cli.db, command),
        Command::Export(command) => cmd::export::run(&cli.db, command, cli.include_restricted),
        Command::Sources(args) => cmd::sources::run(&cli.db, args, cli.include_restricted),
        Command::People(args) => cmd::people::people(&cli.db, &args, cli.include_restricted),
        Command::Person(args) => cmd::people::person(&cli.db, &args, cli.include_restricted),
        Command::Outcomes(command) => cmd::outcomes::run(&cli.db, command),
        Command::Serve(args) => cmd::serve::run(&cli.db, &args, cli.include_restricted),
        Command::Warnings { limit } => cmd::show::warnings(&cli.db, limit),
        Command::Demo(args) => cmd::demo::run(args),
    }
}
