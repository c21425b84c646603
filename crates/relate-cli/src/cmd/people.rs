//! `relate people` (the relationship ledger, or its cohort table) and `relate person NAME`
//! (one relationship as a timeline). The definitions are `relate_analysis::ledger`'s.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::Path;

use anyhow::Context;
use relate_analysis::Analyses;
use relate_analysis::learning::excerpt;
use relate_analysis::ledger::{
    self, COHORT_OFFSETS, EncounterKind, Entry, Learned, Ledger, LedgerOptions, Outcome, Period,
    STRONG_TIE, TieState,
};
use relate_model::corpus::Corpus;
use relate_model::time::{date, rfc3339};
use serde::Serialize;
use serde_json::json;

use super::show::analyse;
use super::{open_existing, print};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SortBy {
    /// Strongest tie first.
    Strength,
    /// Most recent encounter first.
    Last,
    /// Known longest first.
    First,
    /// Most exchanges (both ways together) first.
    Exchanges,
    /// By name.
    Name,
}

/// The period options both commands share.
#[derive(clap::Args)]
pub(crate) struct PeriodArgs {
    /// Start of the period for states and outcomes: 2026-01-01, RFC 3339, `today`, or `90d`
    /// (days back from today). Default: 90 days before the end.
    #[arg(long)]
    since: Option<String>,
    /// End of the period, exclusive, in the same forms. Default: the end of the day of the
    /// latest item, so the period is the last 90 days of the data.
    #[arg(long)]
    until: Option<String>,
}

#[derive(clap::Args)]
pub(crate) struct PeopleArgs {
    #[arg(long, value_enum, default_value_t = SortBy::Strength)]
    sort: SortBy,
    #[command(flatten)]
    period: PeriodArgs,
    /// The monthly cohort table instead: of the people first met in a month, how many are
    /// still in conversation 1, 3 and 6 months on.
    #[arg(long)]
    cohorts: bool,
    /// At most this many people.
    #[arg(long)]
    limit: Option<usize>,
    /// One JSON object for scripts: `period`, `model`, `states`, `people` (one object per
    /// person, keys as in the terminal table's definitions), `outcomes`.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub(crate) struct PersonArgs {
    /// A display name, handle, PLATFORM:HANDLE or participant key (any case); a part of a
    /// name works when it names one person only.
    name: String,
    #[command(flatten)]
    period: PeriodArgs,
    #[arg(long)]
    json: bool,
}

/// The corpus, its analyses, the outcomes (with participant indices) and the ledger.
struct Loaded {
    corpus: Corpus,
    analyses: Analyses,
    outcomes: Vec<Outcome>,
    ledger: Ledger,
}

fn load(db: &Path, period: &PeriodArgs, include_restricted: bool) -> anyhow::Result<Loaded> {
    let wall = jiff::Timestamp::now().as_second();
    let parse = |flag: &str, value: &Option<String>| -> anyhow::Result<Option<i64>> {
        value
            .as_deref()
            .map(|s| {
                relate_model::time::parse_since(s, wall).with_context(|| {
                    format!("--{flag} {s:?} is not a date: use 2026-03-01, today, 90d or an RFC 3339 time")
                })
            })
            .transpose()
    };
    let (since, until) = (parse("since", &period.since)?, parse("until", &period.until)?);
    let rows = open_existing(db)?.outcomes()?;
    let (corpus, analyses) = analyse(db, include_restricted)?;
    let now = ledger::latest_public(&corpus).unwrap_or(0);
    let default = Period::ending_on_day_of(now);
    let to = until.unwrap_or(default.to);
    let from = since.unwrap_or(to - ledger::DEFAULT_PERIOD_DAYS * ledger::DAY);
    if from >= to {
        anyhow::bail!(
            "the period is empty: --since {} is not before --until {}",
            date(from),
            date(to)
        );
    }
    let index: HashMap<&str, u32> =
        corpus.participants.iter().enumerate().map(|(i, p)| (p.key.as_str(), i as u32)).collect();
    let outcomes: Vec<Outcome> = rows
        .into_iter()
        .map(|r| Outcome {
            at: r.at,
            person: r.account.as_deref().and_then(|k| index.get(k).copied()),
            segment: r.segment,
            kind: r.kind,
            value: r.value,
        })
        .collect();
    let options =
        LedgerOptions { now: Some(now), period: Some(Period { from, to }), outcomes: &outcomes };
    let ledger = ledger::compute(&corpus, &analyses, options);
    Ok(Loaded { corpus, analyses, outcomes, ledger })
}

pub(crate) fn people(db: &Path, args: &PeopleArgs, include_restricted: bool) -> anyhow::Result<()> {
    let loaded = load(db, &args.period, include_restricted)?;
    let (corpus, ledger) = (&loaded.corpus, &loaded.ledger);
    if args.cohorts {
        return if args.json {
            print_serialized(&cohorts_json(ledger))
        } else {
            print(&cohorts_text(ledger))
        };
    }
    let mut entries: Vec<&Entry> = ledger.people.iter().collect();
    let name = |e: &Entry| corpus.participants[e.participant as usize].display_name.to_lowercase();
    match args.sort {
        // the ledger's own order
        SortBy::Strength => {}
        SortBy::Last => entries.sort_by_key(|e| std::cmp::Reverse(e.last_encounter)),
        SortBy::First => entries.sort_by_key(|e| e.first_encounter.unwrap_or(i64::MAX)),
        SortBy::Exchanges => {
            entries.sort_by_key(|e| std::cmp::Reverse(e.exchanges_to_us + e.exchanges_from_us));
        }
        SortBy::Name => entries.sort_by_cached_key(|e| name(e)),
    }
    let total = entries.len();
    entries.truncate(args.limit.unwrap_or(usize::MAX));
    if args.json {
        let people: Vec<Row<'_>> = entries.iter().map(|e| Row::new(corpus, e)).collect();
        return print_serialized(&PeopleJson {
            as_of: rfc3339(ledger.now),
            period: json!({ "from": rfc3339(ledger.period.from), "to": rfc3339(ledger.period.to) }),
            model: model_json(),
            states: ledger.state_counts().iter().map(|(s, n)| (s.as_str(), *n)).collect(),
            people_count: total,
            people,
            outcomes: outcomes_json(ledger),
        });
    }
    print(&people_text(corpus, ledger, &entries, total))
}

/// Serialises without building a `serde_json::Value` of the whole ledger first (at a
/// hundred thousand people that tree costs more than the ledger), and streamed.
fn print_serialized(value: &impl Serialize) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // as an io::Error, a closed pipe stays recognisable to `main`
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct PeopleJson<'a> {
    as_of: String,
    period: serde_json::Value,
    model: serde_json::Value,
    states: BTreeMap<&'static str, u64>,
    people_count: usize,
    people: Vec<Row<'a>>,
    outcomes: serde_json::Value,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One person as `relate people --json` and `relate person --json` write them.
#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    key: &'a str,
    platforms: &'a [String],
    state: Option<&'static str>,
    strength: f64,
    strength_at_start: f64,
    strong: bool,
    first_encounter: Option<String>,
    last_encounter: Option<String>,
    encounters: u64,
    conversations: u64,
    items: u64,
    exchanges_to_us: u64,
    exchanges_from_us: u64,
    reciprocal: bool,
    reciprocity: f64,
    their_comments: u64,
    we_answered: u64,
    median_seconds_we_took: Option<i64>,
    they_answered: u64,
    median_seconds_they_took: Option<i64>,
    brought_concepts: u64,
    brought_sources: u64,
    took_up_concepts: u64,
    took_up_sources: u64,
    outcomes: BTreeMap<&'a str, u64>,
    outcome_value: f64,
    outcomes_all: u64,
}

impl<'a> Row<'a> {
    fn new(corpus: &'a Corpus, e: &'a Entry) -> Row<'a> {
        let p = &corpus.participants[e.participant as usize];
        Row {
            name: &p.display_name,
            key: &p.key,
            platforms: &e.platforms,
            state: e.state.map(TieState::as_str),
            strength: round3(e.strength),
            strength_at_start: round3(e.strength_at_start),
            strong: e.strong(),
            first_encounter: e.first_encounter.map(rfc3339),
            last_encounter: e.last_encounter.map(rfc3339),
            encounters: e.encounters,
            conversations: e.conversations,
            items: e.items,
            exchanges_to_us: e.exchanges_to_us,
            exchanges_from_us: e.exchanges_from_us,
            reciprocal: e.reciprocal,
            reciprocity: round3(e.reciprocity),
            their_comments: e.their_comments,
            we_answered: e.we_answered,
            median_seconds_we_took: e.median_seconds_we_took,
            they_answered: e.they_answered,
            median_seconds_they_took: e.median_seconds_they_took,
            brought_concepts: e.brought_concepts,
            brought_sources: e.brought_sources,
            took_up_concepts: e.took_up_concepts,
            took_up_sources: e.took_up_sources,
            outcomes: e.outcomes.iter().map(|(k, n)| (k.as_str(), *n)).collect(),
            outcome_value: round3(e.outcome_value),
            outcomes_all: e.outcomes_all,
        }
    }
}

fn model_json() -> serde_json::Value {
    json!({
        "direct_weight": ledger::DIRECT_WEIGHT,
        "indirect_weight": ledger::INDIRECT_WEIGHT,
        "decay": ledger::DECAY,
        "decay_days": ledger::DECAY_DAYS,
        "lapse_days": ledger::LAPSE_DAYS,
        "growing_ratio": ledger::GROWING_RATIO,
        "cooling_ratio": ledger::COOLING_RATIO,
        "strong_tie": STRONG_TIE,
    })
}

/// What the outcome summary may say, and no more.
const ASSOCIATION_NOTE: &str = "This shows who comes, not why: people who talk with us may \
    have come anyway, and both may follow from something else (living nearby, being members \
    already). Read it as a question to ask, not as a return on the conversation.";

fn outcomes_json(ledger: &Ledger) -> serde_json::Value {
    let s = &ledger.outcomes;
    let group = |g: &ledger::OutcomeGroup| {
        json!({
            "people": g.people,
            "with_outcome": g.with_outcome,
            "outcomes": g.outcomes,
            "per_person": g.per_person().map(round3),
        })
    };
    json!({
        "in_period": s.in_period,
        "strong_ties": group(&s.strong),
        "others": group(&s.others),
        "segments": s.segments.iter().map(|(name, n)| (name.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "outside_ledger": s.outside_ledger,
        "note": ASSOCIATION_NOTE,
    })
}

fn name_of<'a>(corpus: &'a Corpus, e: &Entry) -> &'a str {
    &corpus.participants[e.participant as usize].display_name
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

fn day(t: Option<i64>) -> String {
    t.map_or_else(|| "–".to_string(), date)
}

fn period_line(ledger: &Ledger) -> String {
    // `to` is exclusive: its day before is the last one in the period
    format!("period {} to {}", date(ledger.period.from), date(ledger.period.to - 1))
}

fn people_text(corpus: &Corpus, ledger: &Ledger, entries: &[&Entry], total: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Relationship ledger: {total} people, {}", period_line(ledger));
    let states: Vec<String> =
        ledger.state_counts().iter().map(|(s, n)| format!("{n} {}", s.as_str())).collect();
    let _ = writeln!(out, "  {}", states.join(", "));
    let _ = writeln!(
        out,
        "  tie strength at the period's end: 1 per exchange with us, 0.3 for being in our thread \
         or liking our item, 10 % less each 30 days; strong from {STRONG_TIE}"
    );
    if total == 0 {
        let _ = writeln!(out, "\nNo one yet: relate counts people who wrote something public.");
        return out;
    }
    let width =
        entries.iter().map(|e| name_of(corpus, e).chars().count()).max().unwrap_or(4).clamp(4, 28);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<width$}  {:<9}  {:>8}  {:<10}  {:<10}  {:>5}  {:>5}  {:>7}  {:>11}  {:>13}  {:>7}  {:>7}  outcomes",
        "name",
        "state",
        "strength",
        "first met",
        "last",
        "conv",
        "to us",
        "from us",
        "we answered",
        "they answered",
        "brought",
        "took up"
    );
    for e in entries {
        let outcomes = match e.outcomes_in_period() {
            0 => "–".to_string(),
            n => {
                let kinds: Vec<String> =
                    e.outcomes.iter().map(|(k, c)| format!("{c} {k}")).collect();
                format!("{n} ({})", kinds.join(", "))
            }
        };
        let _ = writeln!(
            out,
            "{:<width$}  {:<9}  {:>8.2}  {:<10}  {:<10}  {:>5}  {:>5}  {:>7}  {:>11}  {:>13}  {:>7}  {:>7}  {outcomes}",
            truncate(name_of(corpus, e), width),
            e.state.map_or("–", TieState::as_str),
            e.strength,
            day(e.first_encounter),
            day(e.last_encounter),
            e.conversations,
            e.exchanges_to_us,
            e.exchanges_from_us,
            format!("{}/{}", e.we_answered, e.their_comments),
            format!("{}/{}", e.they_answered, e.exchanges_from_us),
            e.brought_concepts + e.brought_sources,
            e.took_up_concepts + e.took_up_sources,
        );
    }
    if entries.len() < total {
        let _ = writeln!(out, "… and {} more (--limit)", total - entries.len());
    }
    let s = &ledger.outcomes;
    if s.in_period > 0 {
        let _ = writeln!(out);
        let _ = writeln!(out, "Outcomes in the period: {}", s.in_period);
        let _ = writeln!(
            out,
            "  {:<34}  {:>6}  {:>8}  {:>10}  {:>8}",
            "", "people", "outcomes", "per person", "with any"
        );
        for (label, g) in [
            (format!("people with strong ties (≥ {STRONG_TIE})"), &s.strong),
            ("other people met".to_string(), &s.others),
        ] {
            let _ = writeln!(
                out,
                "  {label:<34}  {:>6}  {:>8}  {:>10}  {:>8}",
                g.people,
                g.outcomes,
                g.per_person().map_or("–".to_string(), |x| format!("{x:.2}")),
                g.with_outcome
            );
        }
        if !s.segments.is_empty() {
            let segments: Vec<String> =
                s.segments.iter().map(|(n, c)| format!("{n} {c}")).collect();
            let _ = writeln!(out, "  segments: {}", segments.join(", "));
        }
        if s.outside_ledger > 0 {
            let _ = writeln!(out, "  of no one in the ledger: {}", s.outside_ledger);
        }
        let _ = writeln!(out, "  {}", wrap(ASSOCIATION_NOTE, 90, "  "));
    }
    out
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.chars().count() > width {
            out.push('\n');
            out.push_str(indent);
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}

#[derive(Serialize)]
struct CohortRow {
    month: String,
    people: u64,
    after_1_month: Option<u64>,
    after_3_months: Option<u64>,
    after_6_months: Option<u64>,
}

fn cohorts_json(ledger: &Ledger) -> serde_json::Value {
    let rows: Vec<CohortRow> = ledger
        .cohorts
        .iter()
        .map(|c| CohortRow {
            month: ledger::month_label(c.month),
            people: c.people,
            after_1_month: c.still[0],
            after_3_months: c.still[1],
            after_6_months: c.still[2],
        })
        .collect();
    json!({ "as_of": rfc3339(ledger.period.to), "cohorts": rows })
}

fn cohorts_text(ledger: &Ledger) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "People first met per month, and how many were still in conversation k months on (an\n\
         encounter in month M+k or later), up to {}; – where that month has not come yet.\n",
        date(ledger.period.to - 1)
    );
    let heads: Vec<String> = COHORT_OFFSETS.iter().map(|k| format!("after {k}")).collect();
    let _ = writeln!(
        out,
        "{:<8}  {:>7}  {:>12}  {:>12}  {:>12}",
        "month", "people", heads[0], heads[1], heads[2]
    );
    for c in &ledger.cohorts {
        let cell = |still: Option<u64>| match still {
            None => "–".to_string(),
            Some(n) => format!("{n} ({:.0} %)", 100.0 * n as f64 / c.people as f64),
        };
        let _ = writeln!(
            out,
            "{:<8}  {:>7}  {:>12}  {:>12}  {:>12}",
            ledger::month_label(c.month),
            c.people,
            cell(c.still[0]),
            cell(c.still[1]),
            cell(c.still[2])
        );
    }
    if ledger.cohorts.is_empty() {
        let _ = writeln!(out, "(no one met yet)");
    }
    out
}

/// The ledger entries `wanted` names: a display name, handle, PLATFORM:HANDLE or key of any
/// of their accounts, any case; else a part of one display name.
fn find<'a>(corpus: &Corpus, ledger: &'a Ledger, wanted: &str) -> Vec<&'a Entry> {
    let wanted = wanted.trim();
    let lower = wanted.strip_prefix('@').unwrap_or(wanted).to_lowercase();
    let mut roots: Vec<u32> = Vec::new();
    for (index, p) in corpus.participants.iter().enumerate() {
        let handle = p.handle.trim_start_matches('@').to_lowercase();
        let names = [
            p.display_name.trim().to_lowercase(),
            handle.clone(),
            p.key.to_lowercase(),
            format!("{}:{handle}", p.platform.to_lowercase()),
        ];
        if names.contains(&lower) {
            roots.push(p.merged_into.unwrap_or(index as u32));
        }
    }
    let mut found: Vec<&Entry> =
        ledger.people.iter().filter(|e| roots.contains(&e.participant)).collect();
    if found.is_empty() && !lower.is_empty() {
        found = ledger
            .people
            .iter()
            .filter(|e| name_of(corpus, e).to_lowercase().contains(&lower))
            .collect();
    }
    found
}

pub(crate) fn person(db: &Path, args: &PersonArgs, include_restricted: bool) -> anyhow::Result<()> {
    let loaded = load(db, &args.period, include_restricted)?;
    let Loaded { corpus, analyses, outcomes, ledger } = &loaded;
    let found = find(corpus, ledger, &args.name);
    let entry = match found.as_slice() {
        [one] => *one,
        [] => anyhow::bail!(
            "no one named {:?} among the {} people of the ledger (`relate people` lists them)",
            args.name,
            ledger.people.len()
        ),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|e| {
                    let p = &corpus.participants[e.participant as usize];
                    format!("{} ({}:{})", p.display_name, p.platform, p.handle)
                })
                .collect();
            anyhow::bail!(
                "{:?} names {} people: {}; give PLATFORM:HANDLE",
                args.name,
                many.len(),
                names.join("; ")
            )
        }
    };
    let timeline = ledger::timeline(corpus, analyses, ledger, entry);
    let theirs: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| {
            o.person.is_some_and(|p| {
                corpus.participants[p as usize].merged_into.unwrap_or(p) == entry.participant
            })
        })
        .collect();
    if args.json {
        return print_serialized(&person_json(corpus, analyses, ledger, entry, &timeline, &theirs));
    }
    print(&person_text(corpus, analyses, ledger, entry, &timeline, &theirs))
}

fn item_label(corpus: &Corpus, item: u32) -> String {
    format!("#{}", corpus.native_id_of(item))
}

/// A learning note as text: what, and who took it up where.
fn learned_text(corpus: &Corpus, analyses: &Analyses, learned: Learned) -> String {
    match learned {
        Learned::WeLearned(i) => {
            let m = &analyses.learning.moments[i as usize];
            let kind = serde_json::to_value(m.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!(
                "we learned „{}“ ({kind}, brought in {}{})",
                m.what,
                item_label(corpus, m.item),
                m.taken_up_in
                    .map_or(String::new(), |o| format!(", taken up in {}", item_label(corpus, o)))
            )
        }
        Learned::TheyLearned(i) => {
            let m = &analyses.learning.from_us[i as usize];
            format!(
                "they took up our „{}“ (from {}{})",
                m.what,
                item_label(corpus, m.item),
                m.taken_up_in.map_or(String::new(), |o| format!(", in {}", item_label(corpus, o)))
            )
        }
        Learned::Source(i) => {
            let s = &analyses.sources.sources[i as usize];
            format!(
                "shared {} ({}{}{})",
                s.as_written,
                s.kind.as_str(),
                if s.later.is_empty() {
                    String::new()
                } else {
                    format!(", picked up by {}", s.later.len())
                },
                if s.reported_broken { ", reported broken" } else { "" }
            )
        }
    }
}

fn learned_json(corpus: &Corpus, analyses: &Analyses, learned: Learned) -> serde_json::Value {
    match learned {
        Learned::WeLearned(i) => {
            let m = &analyses.learning.moments[i as usize];
            json!({ "direction": "to_us", "kind": m.kind, "what": m.what,
                    "item": corpus.native_id_of(m.item), "taken_up_in": m.taken_up_in.map(|o| corpus.native_id_of(o)) })
        }
        Learned::TheyLearned(i) => {
            let m = &analyses.learning.from_us[i as usize];
            json!({ "direction": "from_us", "kind": m.kind, "what": m.what,
                    "item": corpus.native_id_of(m.item), "taken_up_in": m.taken_up_in.map(|o| corpus.native_id_of(o)) })
        }
        Learned::Source(i) => {
            let s = &analyses.sources.sources[i as usize];
            json!({ "direction": "source", "kind": s.kind.as_str(), "what": s.as_written,
                    "item": corpus.native_id_of(s.item), "picked_up_by": s.later.len(), "reported_broken": s.reported_broken })
        }
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn duration(seconds: i64) -> String {
    match seconds {
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{:.1} h", s as f64 / 3600.0),
        s => format!("{:.1} days", s as f64 / 86_400.0),
    }
}

fn waited(corpus: &Corpus, from: u32, to: u32) -> String {
    match (corpus.items[from as usize].created_at, corpus.items[to as usize].created_at) {
        (Some(a), Some(b)) => format!(" after {}", duration(b - a)),
        _ => String::new(),
    }
}

fn person_text(
    corpus: &Corpus,
    analyses: &Analyses,
    ledger: &Ledger,
    e: &Entry,
    timeline: &ledger::Timeline,
    outcomes: &[&Outcome],
) -> String {
    let mut out = String::new();
    let p = &corpus.participants[e.participant as usize];
    let _ = writeln!(
        out,
        "{} ({}), first met {}, last {}",
        p.display_name,
        e.platforms.join(", "),
        day(e.first_encounter),
        day(e.last_encounter)
    );
    let _ = writeln!(
        out,
        "  {} in the {}; tie strength {:.2} (was {:.2} at its start){}",
        e.state.map_or("not met before the period's end", TieState::as_str),
        period_line(ledger),
        e.strength,
        e.strength_at_start,
        if e.strong() { ", a strong tie" } else { "" }
    );
    let _ = writeln!(
        out,
        "  {} in {}; {} to us, {} from us{}",
        plural(e.encounters, "encounter", "encounters"),
        plural(e.conversations, "conversation", "conversations"),
        e.exchanges_to_us,
        e.exchanges_from_us,
        if e.reciprocal {
            format!(" (both ways, reciprocity {:.2})", e.reciprocity)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "  we answered {} of their {}{}; they answered {} of our {}{}",
        e.we_answered,
        plural(e.their_comments, "comment", "comments"),
        e.median_seconds_we_took
            .map_or(String::new(), |s| format!(" (typically after {})", duration(s))),
        e.they_answered,
        plural(e.exchanges_from_us, "item to them", "items to them"),
        e.median_seconds_they_took
            .map_or(String::new(), |s| format!(" (typically after {})", duration(s)))
    );
    let _ = writeln!(
        out,
        "  they brought {} we took up and {}; took up {} and {} of ours",
        plural(e.brought_concepts, "concept", "concepts"),
        plural(e.brought_sources, "source", "sources"),
        plural(e.took_up_concepts, "concept", "concepts"),
        plural(e.took_up_sources, "source", "sources"),
    );
    if !outcomes.is_empty() {
        let list: Vec<String> = outcomes
            .iter()
            .map(|o| {
                format!(
                    "{} {}{}",
                    date(o.at),
                    o.kind,
                    o.value.map_or(String::new(), |v| format!(" {v:.2}"))
                )
            })
            .collect();
        let _ = writeln!(out, "  outcomes: {}", list.join("; "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Timeline");
    for m in &timeline.moments {
        let item = &corpus.items[m.encounter.item as usize];
        let when = m
            .encounter
            .time()
            .map_or_else(|| "(no date)       ".to_string(), |t| rfc3339(t)[..16].replace('T', " "));
        let who = match m.encounter.kind {
            EncounterKind::ToUs => "they → us",
            EncounterKind::FromUs => "we → them",
            EncounterKind::Indirect => "in our thread",
        };
        let answer = match (m.our_answer, m.their_answer) {
            (Some(Some(a)), _) => format!(
                "  answered by {}{}",
                item_label(corpus, a),
                waited(corpus, m.encounter.item, a)
            ),
            (Some(None), _) => "  left waiting".to_string(),
            (_, Some(Some(a))) => format!(
                "  they answered in {}{}",
                item_label(corpus, a),
                waited(corpus, m.encounter.item, a)
            ),
            (_, Some(None)) => "  they did not answer".to_string(),
            _ => String::new(),
        };
        let text = corpus.text(item);
        let shown = if text.trim().is_empty() {
            String::new()
        } else {
            format!("  \"{}\"", excerpt(text, 60))
        };
        let line = format!(
            "{when}  {who:<13}  {:<10} {:<8}{shown}{answer}",
            item_label(corpus, m.encounter.item),
            item.kind.as_str()
        );
        let _ = writeln!(out, "{}", line.trim_end());
        if let Some(url) = item.url() {
            let _ = writeln!(out, "{:18}{url}", "");
        }
        for &l in &m.learned {
            let _ = writeln!(out, "{:18}{}", "", learned_text(corpus, analyses, l));
        }
    }
    if !timeline.elsewhere.is_empty() {
        let _ = writeln!(out, "\nElsewhere (outside our exchanges)");
        for &l in &timeline.elsewhere {
            let _ = writeln!(out, "  {}", learned_text(corpus, analyses, l));
        }
    }
    out
}

fn person_json(
    corpus: &Corpus,
    analyses: &Analyses,
    ledger: &Ledger,
    e: &Entry,
    timeline: &ledger::Timeline,
    outcomes: &[&Outcome],
) -> serde_json::Value {
    let answer = |a: Option<Option<u32>>| match a {
        None => serde_json::Value::Null,
        Some(None) => json!(false),
        Some(Some(item)) => json!(corpus.native_id_of(item)),
    };
    let moments: Vec<serde_json::Value> = timeline
        .moments
        .iter()
        .map(|m| {
            let item = &corpus.items[m.encounter.item as usize];
            let conversation = &corpus.conversations[item.conversation as usize];
            json!({
                "at": m.encounter.time().map(rfc3339),
                "item": corpus.native_id(item),
                "encounter": m.encounter.kind.as_str(),
                "kind": item.kind.as_str(),
                "url": item.url(),
                "conversation": conversation.title.as_deref().unwrap_or(&conversation.key),
                "excerpt": excerpt(corpus.text(item), 120),
                // their comment: the item we answered in, or false when it is waiting
                "answered_by_us": answer(m.our_answer),
                // our item to them: the item they answered in, or false
                "answered_by_them": answer(m.their_answer),
                "learned": m.learned.iter().map(|&l| learned_json(corpus, analyses, l)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "period": { "from": rfc3339(ledger.period.from), "to": rfc3339(ledger.period.to) },
        "person": serde_json::to_value(Row::new(corpus, e)).unwrap_or_default(),
        "timeline": moments,
        "elsewhere": timeline.elsewhere.iter().map(|&l| learned_json(corpus, analyses, l)).collect::<Vec<_>>(),
        "outcomes": outcomes.iter().map(|o| json!({ "date": date(o.at), "kind": o.kind, "value": o.value })).collect::<Vec<_>>(),
    })
}
