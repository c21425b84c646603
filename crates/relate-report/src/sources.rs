//! Sources and curation (`relate_analysis::sources`): a block of the report and the list of
//! `relate sources`, for terminals and scripts. Formats only.

use std::fmt::Write;

use relate_analysis::Analyses;
use relate_analysis::sources::{Curation, Pickup, Source, SourceKind, Sources};
use relate_model::corpus::Corpus;
use relate_model::time::{date, rfc3339};
use serde_json::{Value, json};

/// Sources in the report's top list.
const TOP: usize = 5;

fn name(corpus: &Corpus, participant: u32) -> &str {
    &corpus.participants[participant as usize].display_name
}

/// Everyone who shared or picked the source up, first sharer first.
fn people(source: &Source) -> usize {
    1 + source.later.len()
}

/// Sources shared by more people first, then in order of first sharing; `self` links last.
fn top(sources: &Sources) -> Vec<&Source> {
    let mut list: Vec<&Source> =
        sources.sources.iter().filter(|s| s.kind != SourceKind::SelfLink).collect();
    list.sort_by_key(|s| std::cmp::Reverse(people(s)));
    list.truncate(TOP);
    list
}

fn item_ref(corpus: &Corpus, item: u32) -> Value {
    let i = &corpus.items[item as usize];
    json!({
        "id": corpus.native_id(i),
        "platform": crate::item_platform(corpus, item),
        "at": i.created_at.map(rfc3339),
        "url": crate::item_url(corpus, item),
    })
}

fn source_json(corpus: &Corpus, s: &Source) -> Value {
    json!({
        "url": s.url,
        "kind": s.kind.as_str(),
        "as_written": s.as_written,
        "shared_by": name(corpus, s.from),
        "item": item_ref(corpus, s.item),
        "picked_up_by": s.later.iter().map(|l| json!({
            "who": name(corpus, l.participant),
            "how": match l.how { Pickup::Shared => "shared", Pickup::Mentioned => "mentioned" },
            "item": item_ref(corpus, l.item),
        })).collect::<Vec<_>>(),
        "reported_broken": s.reported_broken,
    })
}

fn curation_counts(sources: &Sources) -> Value {
    Curation::ALL
        .iter()
        .map(|&c| (c.as_str().to_string(), json!(sources.curation(c))))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The `sources` block of `relate report --json`.
pub fn report_json(corpus: &Corpus, analyses: &Analyses) -> Value {
    let s = &analyses.sources;
    json!({
        "distinct": s.sources.len(),
        "by_kind": SourceKind::ALL.iter().map(|&k| (k.as_str().to_string(), json!(s.count(k)))).collect::<serde_json::Map<_, _>>(),
        "picked_up": s.sources.iter().filter(|x| !x.later.is_empty()).count(),
        "reported_broken": s.sources.iter().filter(|x| x.reported_broken).count(),
        "top": top(s).into_iter().map(|x| source_json(corpus, x)).collect::<Vec<_>>(),
        "owner_curation": curation_counts(s),
    })
}

/// A few lines for the terminal report.
pub fn report_lines(corpus: &Corpus, analyses: &Analyses) -> String {
    let s = &analyses.sources;
    let mut out = String::new();
    let kinds: Vec<String> = SourceKind::ALL
        .iter()
        .filter(|&&k| s.count(k) > 0)
        .map(|&k| format!("{} {}", s.count(k), k.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "  all sources, any side   {}{}",
        s.sources.len(),
        if kinds.is_empty() { String::new() } else { format!("  ({})", kinds.join(", ")) }
    );
    if !s.owner_shares.is_empty() {
        let _ = writeln!(
            out,
            "  our links               {} bare, {} framed, {} related to other sources",
            s.curation(Curation::Bare),
            s.curation(Curation::Framed),
            s.curation(Curation::Related)
        );
    }
    if let Some(t) = top(s).into_iter().find(|t| !t.later.is_empty()) {
        let _ = writeln!(
            out,
            "  most picked up          {} (by {} and {} more)",
            t.url,
            name(corpus, t.from),
            t.later.len()
        );
    }
    out
}

/// `relate sources --json`: every source, then the owner's shares with their curation.
pub fn list_json(corpus: &Corpus, analyses: &Analyses) -> Value {
    let s = &analyses.sources;
    json!({
        "sources": s.sources.iter().map(|x| source_json(corpus, x)).collect::<Vec<_>>(),
        "owner_shares": s.owner_shares.iter().map(|o| json!({
            "item": item_ref(corpus, o.item),
            "curation": o.curation.as_str(),
            "own_words": o.own_words,
            "sources": o.sources.iter().map(|&i| s.sources[i as usize].url.as_str()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "owner_curation": curation_counts(s),
    })
}

/// `relate sources`: every source with who shared and picked it up, then the owner's shares.
pub fn list_text(corpus: &Corpus, analyses: &Analyses) -> String {
    let s = &analyses.sources;
    let mut out = String::new();
    if s.sources.is_empty() {
        out.push_str("No sources shared yet.\n");
        return out;
    }
    let _ = writeln!(out, "Sources shared ({})", s.sources.len());
    for x in &s.sources {
        let item = &corpus.items[x.item as usize];
        let _ = writeln!(
            out,
            "  [{}] {}{}",
            x.kind.as_str(),
            x.url,
            if x.reported_broken { "  (reported broken)" } else { "" }
        );
        let _ = writeln!(
            out,
            "      shared by {} ({} {}{})",
            name(corpus, x.from),
            crate::item_platform(corpus, x.item),
            corpus.native_id(item),
            item.created_at.map(|t| format!(", {}", date(t))).unwrap_or_default()
        );
        for l in &x.later {
            let how = match l.how {
                Pickup::Shared => "shared again by",
                Pickup::Mentioned => "picked up by",
            };
            let _ = writeln!(
                out,
                "      {how} {} ({} {})",
                name(corpus, l.participant),
                crate::item_platform(corpus, l.item),
                corpus.native_id_of(l.item)
            );
        }
    }
    if !s.owner_shares.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Our own links: {} bare, {} framed, {} related",
            s.curation(Curation::Bare),
            s.curation(Curation::Framed),
            s.curation(Curation::Related)
        );
        for o in &s.owner_shares {
            let urls: Vec<&str> =
                o.sources.iter().map(|&i| s.sources[i as usize].url.as_str()).collect();
            let _ = writeln!(
                out,
                "  {:<8}{} {} ({} own words): {}",
                o.curation.as_str(),
                crate::item_platform(corpus, o.item),
                corpus.native_id_of(o.item),
                o.own_words,
                urls.join(" ")
            );
        }
    }
    out
}
