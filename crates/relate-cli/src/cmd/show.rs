//! Read-only commands: stats, threads, report, learned, warnings.

use std::path::Path;

use anyhow::Context;
use relate_analysis::Analyses;
use relate_model::corpus::Corpus;

use super::{open_existing, print, print_json};

/// Loads the corpus (restricted items only when asked), joins the conversations that are one
/// across platforms, and runs the analyses the report shows.
pub(crate) fn analyse(db: &Path, include_restricted: bool) -> anyhow::Result<(Corpus, Analyses)> {
    analyse_with(db, include_restricted, relate_analysis::Options::REPORT)
}

/// [`analyse`], choosing what to compute (per-item acts and uptake for exports).
pub(crate) fn analyse_with(
    db: &Path,
    include_restricted: bool,
    analyses: relate_analysis::Options,
) -> anyhow::Result<(Corpus, Analyses)> {
    analyse_store(open_existing(db)?, include_restricted, analyses)
}

/// [`analyse_with`] over a store the caller opened (read-only, for `relate serve`).
pub(crate) fn analyse_store(
    store: relate_store::Store,
    include_restricted: bool,
    analyses: relate_analysis::Options,
) -> anyhow::Result<(Corpus, Analyses)> {
    let options = relate_store::LoadOptions { include_restricted };
    let started = std::time::Instant::now();
    let mut corpus = store.load_corpus_with(&options).context("loading the database")?;
    drop(store);
    release_free_memory();
    timing("load", started);
    let started = std::time::Instant::now();
    let analyses = relate_analysis::stitch_and_run(&mut corpus, analyses);
    timing("analyses", started);
    Ok((corpus, analyses))
}

/// With RELATE_TIMINGS set, says on stderr how long a step took: for the benchmarks in
/// bench/, which need to know where the time of a whole command goes.
pub(crate) fn timing(step: &str, started: std::time::Instant) {
    if std::env::var_os("RELATE_TIMINGS").is_some() {
        // resident and peak memory so far (Linux), for the memory target beside the time
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
                .map_or_else(String::new, |kib| format!(", {name} {} MB", kib / 1024))
        };
        eprintln!(
            "timing: {step} {:.3} s{}{}",
            started.elapsed().as_secs_f64(),
            field("VmRSS:"),
            field("VmHWM:")
        );
    }
}

pub(crate) fn stats(db: &Path, json: bool) -> anyhow::Result<()> {
    let store = open_existing(db)?;
    let stats = store.stats()?;
    if json {
        return print_json(&serde_json::to_value(&stats)?);
    }
    let mut text = format!(
        "{} import runs, {} participants, {} conversations\n",
        stats.sources, stats.participants, stats.conversations
    );
    for (kind, n) in &stats.items {
        text.push_str(&format!("  {kind:<12}{n}\n"));
    }
    let states: Vec<String> = stats.states.iter().map(|(s, n)| format!("{n} {s}")).collect();
    text.push_str(&format!("items by state: {}\n", states.join(", ")));
    if stats.warnings > 0 {
        text.push_str(&format!("{} import warnings (`relate warnings`)\n", stats.warnings));
    }
    print(&text)
}

pub(crate) fn report(db: &Path, json: bool, include_restricted: bool) -> anyhow::Result<()> {
    report_with(db, json, false, include_restricted)
}

/// [`report`], with where each conversation got to when `phases` asks for it: a heuristic that
/// reads every reply's acts and uptake, which the plain report does not pay for.
pub(crate) fn report_with(
    db: &Path,
    json: bool,
    phases: bool,
    include_restricted: bool,
) -> anyhow::Result<()> {
    let options =
        if phases { relate_analysis::Options::PHASES } else { relate_analysis::Options::REPORT };
    let (corpus, analyses) = analyse_with(db, include_restricted, options)?;
    let started = std::time::Instant::now();
    if json {
        print_json(&relate_report::json::report(&corpus, &analyses))?;
    } else {
        print(&relate_report::terminal::report(&corpus, &analyses))?;
    }
    timing("render", started);
    let started = std::time::Instant::now();
    drop((corpus, analyses));
    timing("free", started);
    Ok(())
}

/// The language of `relate report --html`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum HtmlLang {
    De,
    En,
}

/// `relate report --html FILE`: writes the page and prints its path (stdout, for scripts).
pub(crate) fn report_html(
    db: &Path,
    file: &Path,
    lang: Option<HtmlLang>,
    include_restricted: bool,
) -> anyhow::Result<()> {
    let path = write_html(db, file, lang, include_restricted)?;
    eprintln!("Wrote the report as one HTML file; every number in it links to its items:");
    print(&format!("{}\n", path.display()))
}

/// Writes the HTML report of `db` to `file` (the language of most of our items unless `lang`
/// says otherwise) and returns its absolute path.
pub(crate) fn write_html(
    db: &Path,
    file: &Path,
    lang: Option<HtmlLang>,
    include_restricted: bool,
) -> anyhow::Result<std::path::PathBuf> {
    use relate_report::html::{Inputs, Lang};
    let (corpus, analyses) = analyse(db, include_restricted)?;
    let ledger = relate_analysis::ledger::compute(&corpus, &analyses, Default::default());
    let waiting = relate_analysis::response::waiting(&corpus, &analyses.response, |_| true);
    let lang = match lang {
        Some(HtmlLang::De) => Lang::De,
        Some(HtmlLang::En) => Lang::En,
        None => relate_report::html::default_lang(&corpus),
    };
    let inputs = Inputs { lang, ledger: &ledger, waiting: &waiting };
    let page = relate_report::html::report(&corpus, &analyses, &inputs);
    std::fs::write(file, page).with_context(|| format!("cannot write {}", file.display()))?;
    Ok(std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LearnedFormat {
    /// Plain text for the terminal.
    Text,
    /// A Markdown list for notes, evidence as blockquotes.
    Markdown,
    /// A JSON array for scripts (keys in README.md).
    Json,
}

/// Who learned, for `relate learned --direction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LearnedDirection {
    /// What we learned from others (and the sources they shared).
    ToUs,
    /// What others took up from us, or said they learned from us.
    FromUs,
    /// Both, in the order they happened.
    Both,
}

#[derive(clap::Args)]
pub(crate) struct LearnedArgs {
    /// Who learned: we from others (to-us), others from us (from-us), or both.
    #[arg(long, value_enum, default_value_t = LearnedDirection::ToUs)]
    direction: LearnedDirection,
    /// Only moments from then on (when taken up; else when brought in): `today`, `7d` (days
    /// back), `2026-03-01`, or RFC 3339.
    #[arg(long)]
    since: Option<String>,
    /// Only what this person brought in (not what they took up; with `--direction from-us`,
    /// what they took up from us): display name, handle or PLATFORM:HANDLE, any case. Linked
    /// accounts count as one person.
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// Only moments brought in or taken up on this platform (the author's account's:
    /// wordpress, mastodon, convokit, ...).
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// Group entries under a heading per day (the day a moment was taken up, UTC).
    #[arg(long)]
    by_day: bool,
    #[arg(long, value_enum, default_value_t = LearnedFormat::Text)]
    format: LearnedFormat,
    /// Same as `--format json`: what, from, taken_up_by, item, at, day, kind, evidence.
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

pub(crate) fn learned(
    db: &Path,
    args: &LearnedArgs,
    include_restricted: bool,
) -> anyhow::Result<()> {
    let since = match args.since.as_deref() {
        None => None,
        Some(s) => {
            let now = jiff::Timestamp::now().as_second();
            Some(relate_model::time::parse_since(s, now).with_context(|| {
                format!(
                    "--since {s:?} is not a date: use today, 7d, 2026-03-01 or an RFC 3339 time"
                )
            })?)
        }
    };
    let (corpus, analyses) = analyse(db, include_restricted)?;
    if let Some(name) = args.person.as_deref()
        && !relate_report::person_known(&corpus, name)
    {
        anyhow::bail!(
            "--person {name:?} names no one in the database: give a display name or handle as `relate report` lists them"
        );
    }
    if let Some(platform) = args.platform.as_deref() {
        check_platform(&corpus, platform)?;
    }
    let filter = relate_report::Filter {
        direction: match args.direction {
            LearnedDirection::ToUs => relate_report::Directions::ToUs,
            LearnedDirection::FromUs => relate_report::Directions::FromUs,
            LearnedDirection::Both => relate_report::Directions::Both,
        },
        since,
        person: args.person.as_deref(),
        platform: args.platform.as_deref(),
    };
    let format = if args.json { LearnedFormat::Json } else { args.format };
    match format {
        LearnedFormat::Json => {
            print_json(&relate_report::json::learned(&corpus, &analyses, &filter))
        }
        LearnedFormat::Markdown => {
            print(&relate_report::markdown::learned(&corpus, &analyses, &filter, args.by_day))
        }
        LearnedFormat::Text => {
            print(&relate_report::terminal::learned(&corpus, &analyses, &filter, args.by_day))
        }
    }
}

pub(crate) fn threads(
    db: &Path,
    id: Option<&str>,
    json: bool,
    include_restricted: bool,
) -> anyhow::Result<()> {
    // one conversation shown, or the list for scripts: where they got to (the plain list
    // stays cheap)
    let options = if id.is_some() || json {
        relate_analysis::Options::PHASES
    } else {
        relate_analysis::Options::REPORT
    };
    let (corpus, analyses) = analyse_with(db, include_restricted, options)?;
    let Some(id) = id else {
        let mut rows = Vec::new();
        let mut text = String::new();
        for (index, c) in corpus.conversations.iter().enumerate() {
            if c.joined_into.is_some() {
                continue; // listed with the conversation it joined
            }
            let order = &analyses.threads.order[index];
            let public = order
                .iter()
                .filter(|&&i| corpus.items[i as usize].state == relate_model::State::Public)
                .count();
            let root =
                order.first().map(|&i| corpus.native_id_of(i).to_string()).unwrap_or_default();
            text.push_str(&format!(
                "{root:>10}  {:>4} items  {}\n",
                public,
                c.title.clone().unwrap_or_else(|| c.key.clone())
            ));
            let phase = relate_report::phases::conversation_json(&corpus, &analyses, index as u32);
            rows.push(serde_json::json!({ "key": c.key, "root": root, "title": c.title, "public_items": public, "phase": phase }));
        }
        return if json { print_json(&serde_json::Value::Array(rows)) } else { print(&text) };
    };
    let matches: Vec<u32> = corpus
        .conversations
        .iter()
        .enumerate()
        .filter(|(index, c)| {
            c.joined_into.is_none() && &*c.key == id
                || analyses.threads.order[*index].iter().any(|&i| corpus.native_id_of(i) == id)
        })
        .map(|(index, _)| index as u32)
        .collect();
    match matches.as_slice() {
        [] => anyhow::bail!("no conversation or item with id {id:?} (`relate threads` lists them)"),
        [one] => print(&relate_report::terminal::thread(&corpus, &analyses, *one)),
        many => {
            let keys: Vec<&str> =
                many.iter().map(|&c| &*corpus.conversations[c as usize].key).collect();
            anyhow::bail!("id {id:?} is in several conversations; give one of: {}", keys.join(", "))
        }
    }
}

pub(crate) fn warnings(db: &Path, limit: usize) -> anyhow::Result<()> {
    let store = open_existing(db)?;
    let mut text = String::new();
    for (source, location, message) in store.warnings(limit)? {
        text.push_str(&format!("import {source}: {location}: {message}\n"));
    }
    if text.is_empty() {
        text = "No import warnings.\n".into();
    }
    print(&text)
}

/// Hands memory freed while loading (SQLite's page cache, the parent map) back to the system
/// before the analyses allocate, so it does not add to the peak. glibc keeps freed memory in
/// its heaps otherwise; other C libraries return it by themselves.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only returns unused memory of the allocator's heaps to the
        // system; it has no preconditions and touches no memory the program uses.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// An error naming the platforms there are, if `platform` is not one of them.
pub(crate) fn check_platform(corpus: &Corpus, platform: &str) -> anyhow::Result<()> {
    let known = relate_report::platforms(corpus);
    if !known.iter().any(|p| p.eq_ignore_ascii_case(platform.trim())) {
        anyhow::bail!(
            "--platform {platform:?} is not in the database; its platforms are: {}",
            known.join(", ")
        );
    }
    Ok(())
}
