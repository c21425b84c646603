//! The digest (`relate digest`): "Was habe ich heute gelernt?" in a few lines, for a daily or
//! weekly routine (docs/digest.md). For one period `[from, to)`: what we learned (the
//! strongest learning moments first, each with who brought it in, the sentence and a link),
//! who is still waiting for an answer (oldest first), the people met for the first time and
//! those back after a lapse (the ledger's states), the sources others shared, and the vanity
//! numbers beside them in one line.
//!
//! [`select`] picks what is shown from analyses already computed; [`text`], [`markdown`] and
//! [`html`] render that one selection, so the three never disagree. Everything other people
//! wrote (names, texts, URLs) is escaped for the format: a comment cannot add markup to the
//! Markdown or a tag, a script or a `javascript:` link to the HTML, which goes out by mail.

use std::fmt::Write;

use relate_analysis::Analyses;
use relate_analysis::learning::{Moment, MomentKind, excerpt, quote};
use relate_analysis::ledger::{Ledger, TieState};
use relate_analysis::response::{self, Waiting};
use relate_analysis::sources::{Source, SourceKind};
use relate_model::corpus::Corpus;
use relate_model::time::date;
use relate_model::{ItemKind, State};

use crate::care::item_link;
use crate::{Filter, item_platform, moment_time, moments_matching};

/// Learning moments shown; the rest are counted and left to `relate learned`.
pub const MOMENTS: usize = 3;
/// Comments left waiting shown; the rest are counted and left to `relate waiting`.
pub const WAITING: usize = 3;
/// Sources shown.
pub const SOURCES: usize = 3;
/// Names shown per group of people.
pub const NAMES: usize = 6;
/// Characters of an evidence sentence or a waiting comment: enough to recognise it.
const QUOTE: usize = 160;

/// The language the digest speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    De,
    En,
}

/// The language most of our own public items are written in (German on a tie only when
/// German items outnumber English ones; English otherwise), as `relate_analysis::learning`
/// detects it.
pub fn owner_language(corpus: &Corpus) -> Lang {
    let langs = relate_analysis::learning::languages(corpus);
    let (mut de, mut en) = (0u64, 0u64);
    for (item, lang) in corpus.items.iter().zip(&langs) {
        if item.state == State::Public && corpus.is_owner_item(item) && !item.kind.is_attention() {
            if lang.code() == "de" {
                de += 1;
            } else {
                en += 1;
            }
        }
    }
    if de > en { Lang::De } else { Lang::En }
}

/// What the digest shows, chosen by [`select`].
#[derive(Debug)]
pub struct Digest<'a> {
    pub lang: Lang,
    /// The period, `[from, to)`, UTC seconds: the ledger's.
    pub from: i64,
    pub to: i64,
    /// Public items dated inside the period; none makes the digest one line.
    pub items: u64,
    /// The latest public item's date, for the empty digest's hint.
    pub latest: Option<i64>,
    /// Up to [`MOMENTS`] moments in which we learned, taken up inside the period (acknowledged
    /// first, then quoted, then plain uptake; each kind in time order), sources left out.
    pub learned: Vec<&'a Moment>,
    pub learned_total: usize,
    /// Up to [`WAITING`] comments left waiting, written before the period's end, oldest first.
    pub waiting: Vec<Waiting>,
    pub waiting_total: usize,
    /// Participants whose state in the period is new, by first encounter, and returning, by
    /// last encounter.
    pub new_people: Vec<u32>,
    pub returning: Vec<u32>,
    /// Up to [`SOURCES`] sources others shared first inside the period (not links to our own
    /// pages).
    pub sources: Vec<&'a Source>,
    pub sources_total: usize,
    pub vanity: Vanity,
}

/// The vanity numbers of the period: public items by kind, and audience figures measured in it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Vanity {
    pub posts: u64,
    /// Comments and replies.
    pub comments: u64,
    pub likes: u64,
    pub reposts: u64,
    /// (metric, platform, value) of audience figures whose latest value is dated in the period.
    pub figures: Vec<(String, String, i64)>,
}

/// Chooses what the digest shows for the ledger's period (`ledger.period`: the caller
/// computes the ledger for the digest's period, so "new" and "returning" mean in it).
pub fn select<'a>(
    corpus: &Corpus,
    analyses: &'a Analyses,
    ledger: &Ledger,
    lang: Lang,
) -> Digest<'a> {
    let (from, to) = (ledger.period.from, ledger.period.to);
    let inside = |t: Option<i64>| t.is_some_and(|t| from <= t && t < to);

    let filter = Filter { since: Some(from), ..Filter::default() };
    let mut learned: Vec<&Moment> = moments_matching(corpus, analyses, &filter)
        .into_iter()
        .filter(|m| m.kind != MomentKind::Source && inside(moment_time(corpus, m)))
        .collect();
    let learned_total = learned.len();
    // stable: within a kind, the analysis's order (when taken up) stays
    learned.sort_by_key(|m| m.kind);
    learned.truncate(MOMENTS);

    let before_end: Vec<u32> = analyses
        .response
        .unanswered
        .iter()
        .copied()
        .filter(|&i| corpus.items[i as usize].created_at.is_some_and(|t| t < to))
        .collect();
    let shown = &before_end[..before_end.len().min(WAITING)];
    let waiting = response::waiting(corpus, &analyses.response, |i| shown.contains(&i));

    let people_in = |state: TieState, key: fn(&relate_analysis::ledger::Entry) -> Option<i64>| {
        let mut entries: Vec<_> = ledger.people.iter().filter(|e| e.state == Some(state)).collect();
        entries.sort_by_key(|e| {
            (key(e), corpus.participants[e.participant as usize].display_name.clone())
        });
        entries.into_iter().map(|e| e.participant).collect::<Vec<u32>>()
    };
    let new_people = people_in(TieState::New, |e| e.first_encounter);
    let returning = people_in(TieState::Returning, |e| e.last_encounter);

    let shared: Vec<&Source> = analyses
        .sources
        .sources
        .iter()
        .filter(|s| {
            s.kind != SourceKind::SelfLink
                && !corpus.participants[s.from as usize].is_owner
                && inside(corpus.items[s.item as usize].created_at)
        })
        .collect();

    let mut vanity = Vanity::default();
    let mut items = 0;
    for item in corpus.items.iter().filter(|i| i.state == State::Public && inside(i.created_at)) {
        items += 1;
        match item.kind {
            ItemKind::Post => vanity.posts += 1,
            ItemKind::Comment | ItemKind::Reply => vanity.comments += 1,
            ItemKind::Like => vanity.likes += 1,
            ItemKind::Repost => vanity.reposts += 1,
            _ => {}
        }
    }
    for f in &analyses.audience.figures {
        if inside(Some(f.at)) {
            vanity.figures.push((f.metric.clone(), f.platform.clone(), f.value));
        }
    }

    Digest {
        lang,
        from,
        to,
        items,
        latest: relate_analysis::ledger::latest_public(corpus),
        learned,
        learned_total,
        waiting,
        waiting_total: before_end.len(),
        new_people,
        returning,
        sources_total: shared.len(),
        sources: shared.into_iter().take(SOURCES).collect(),
        vanity,
    }
}

/// The period as a reader says it: one day, or the first and the last day (`to` is
/// exclusive, so its day counts only when the period reaches into it).
pub fn period(d: &Digest<'_>) -> String {
    let (first, last) = (date(d.from), date((d.to - 1).max(d.from)));
    match (first == last, d.lang) {
        (true, _) => first,
        (false, Lang::De) => format!("{first} bis {last}"),
        (false, Lang::En) => format!("{first} to {last}"),
    }
}

/// The mail's subject: the question, and the period. ASCII only, so it reads the same in
/// every mail client without encoded words.
pub fn subject(d: &Digest<'_>) -> String {
    match d.lang {
        Lang::De => format!("Was habe ich gelernt? {}", period(d)),
        Lang::En => format!("What did I learn? {}", period(d)),
    }
}

/// Piece of a line: words, words someone else wrote (quoted), or a link.
#[derive(Debug, Clone, PartialEq)]
enum Span {
    Text(String),
    Quoted(String),
    Link { label: String, url: String },
}

/// An entry of a list: its spans, and optionally the evidence sentence below it.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    spans: Vec<Span>,
    evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Block {
    /// A heading and its entries; `more` says what was left out, and where to find it.
    List { heading: String, entries: Vec<Entry>, more: Option<String> },
    /// A labelled line.
    Line { label: String, spans: Vec<Span> },
    /// The vanity numbers: set apart, smaller.
    Aside(String),
}

/// The digest as blocks every format renders alike: the one place the wording is decided.
/// `None` for a period without any public item: then [`empty_line`] is the digest.
fn blocks(corpus: &Corpus, d: &Digest<'_>) -> Option<Vec<Block>> {
    if d.items == 0 {
        return None;
    }
    let de = d.lang == Lang::De;
    let name = |p: u32| corpus.participants[p as usize].display_name.clone();
    let mut out = Vec::new();

    let entries: Vec<Entry> = d.learned.iter().map(|m| moment_entry(corpus, m, de)).collect();
    let heading = if de { "Gelernt" } else { "Learned" };
    if entries.is_empty() {
        let none =
            if de { "nichts, worauf relate zeigen kann." } else { "nothing relate can point to." };
        out.push(Block::Line { label: heading.into(), spans: vec![Span::Text(none.into())] });
    } else {
        let hidden = d.learned_total - d.learned.len();
        let more = (hidden > 0).then(|| {
            let since = date(d.from);
            if de {
                format!("und noch {hidden}: relate learned --since {since}")
            } else {
                format!("and {hidden} more: relate learned --since {since}")
            }
        });
        out.push(Block::List { heading: heading.into(), entries, more });
    }

    if !d.waiting.is_empty() {
        let n = d.waiting_total;
        let heading = if de {
            format!("Wartet auf Antwort ({n}, die ältesten zuerst)")
        } else {
            format!("Waiting for an answer ({n}, oldest first)")
        };
        let entries = d.waiting.iter().map(|w| waiting_entry(corpus, w, de)).collect();
        let hidden = n - d.waiting.len();
        let more = (hidden > 0).then(|| {
            if de {
                format!("und noch {hidden}: relate waiting")
            } else {
                format!("and {hidden} more: relate waiting")
            }
        });
        out.push(Block::List { heading, entries, more });
    }

    let mut groups = Vec::new();
    for (people, label) in [
        (&d.new_people, if de { "neu" } else { "new" }),
        (&d.returning, if de { "wieder da" } else { "back after a while" }),
    ] {
        if people.is_empty() {
            continue;
        }
        let mut names: Vec<String> = people.iter().take(NAMES).map(|&p| name(p)).collect();
        if people.len() > NAMES {
            let hidden = people.len() - NAMES;
            names.push(if de { format!("noch {hidden}") } else { format!("{hidden} more") });
        }
        groups.push(format!("{label}: {}", names.join(", ")));
    }
    if !groups.is_empty() {
        let label = if de { "Menschen" } else { "People" };
        out.push(Block::Line { label: label.into(), spans: vec![Span::Text(groups.join("; "))] });
    }

    if !d.sources.is_empty() {
        let mut spans = Vec::new();
        for (i, s) in d.sources.iter().enumerate() {
            if i > 0 {
                spans.push(Span::Text("; ".into()));
            }
            if s.kind == SourceKind::Work {
                spans.push(Span::Quoted(s.as_written.clone()));
            } else {
                spans.push(Span::Link { label: s.url.clone(), url: s.url.clone() });
            }
            spans.push(Span::Text(format!(" ({})", name(s.from))));
        }
        let hidden = d.sources_total - d.sources.len();
        if hidden > 0 {
            spans.push(Span::Text(if de {
                format!("; noch {hidden}: relate sources")
            } else {
                format!("; {hidden} more: relate sources")
            }));
        }
        let label = if de { "Geteilte Quellen" } else { "Sources shared" };
        out.push(Block::Line { label: label.into(), spans });
    }

    out.push(Block::Aside(vanity_line(&d.vanity, de)));
    Some(out)
}

/// "„what“ from X (platform, day), taken up by Y [on day]": where and when X brought it in
/// (linked), and the day we took it up when that was another day.
fn moment_entry(corpus: &Corpus, m: &Moment, de: bool) -> Entry {
    let from = &corpus.participants[m.from as usize].display_name;
    let mut spans = vec![
        Span::Quoted(m.what.clone()),
        Span::Text(format!(" {} {from} (", if de { "von" } else { "from" })),
    ];
    let introduced = corpus.items[m.item as usize].created_at;
    let place =
        format!("{}, {}", item_platform(corpus, m.item), introduced.map(date).unwrap_or_default());
    match item_link(corpus, m.item) {
        Some(url) => spans.push(Span::Link { label: place, url }),
        None => spans.push(Span::Text(place)),
    }
    let mut tail = String::from(")");
    if let Some(o) = m.taken_up_in {
        let by = &corpus.author(&corpus.items[o as usize]).display_name;
        let how = match (m.kind, de) {
            (MomentKind::Acknowledged, true) => "mit Dank aufgegriffen von",
            (MomentKind::Acknowledged, false) => "taken up with thanks by",
            (MomentKind::Quoted, true) => "zitiert von",
            (MomentKind::Quoted, false) => "quoted by",
            (_, true) => "aufgegriffen von",
            (_, false) => "taken up by",
        };
        let _ = write!(tail, ", {how} {by}");
        let taken = corpus.items[o as usize].created_at.map(date);
        if let Some(day) = taken.filter(|day| Some(day) != introduced.map(date).as_ref()) {
            let _ = write!(tail, " {} {day}", if de { "am" } else { "on" });
        }
    }
    spans.push(Span::Text(tail));
    let evidence = excerpt(&quote(corpus, m.item, m.introduced_at), QUOTE);
    Entry { spans, evidence: (!evidence.is_empty()).then_some(evidence) }
}

fn waiting_entry(corpus: &Corpus, w: &Waiting, de: bool) -> Entry {
    let item = &corpus.items[w.item as usize];
    let mut spans = vec![Span::Text(format!("{}, ", corpus.author(item).display_name))];
    let day = item.created_at.map(date).unwrap_or_default();
    match item_link(corpus, w.item) {
        Some(url) => spans.push(Span::Link { label: day, url }),
        None => spans.push(Span::Text(day)),
    }
    let mut tail = format!(" ({}", item_platform(corpus, w.item));
    if w.question {
        tail.push_str(if de { ", eine Frage" } else { ", a question" });
    }
    tail.push_str("): ");
    spans.push(Span::Text(tail));
    spans.push(Span::Quoted(excerpt(corpus.text(item), QUOTE)));
    Entry { spans, evidence: None }
}

fn vanity_line(v: &Vanity, de: bool) -> String {
    let count = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = if de {
        format!(
            "Daneben: {}, {}, {}, {}",
            count(v.posts, "Beitrag", "Beiträge"),
            count(v.comments, "Kommentar", "Kommentare"),
            count(v.likes, "Like", "Likes"),
            count(v.reposts, "Boost", "Boosts"),
        )
    } else {
        format!(
            "Beside it: {}, {}, {}, {}",
            count(v.posts, "post", "posts"),
            count(v.comments, "comment", "comments"),
            count(v.likes, "like", "likes"),
            count(v.reposts, "repost", "reposts"),
        )
    };
    for (metric, platform, value) in &v.figures {
        let _ = write!(line, "; {} {value} ({platform})", crate::metric_label(metric, de));
    }
    line.push('.');
    line
}

/// The whole digest of a period without any public item.
fn empty_line(d: &Digest<'_>) -> String {
    let de = d.lang == Lang::De;
    let mut line = if de {
        format!("Nichts Neues ({}): keine Beiträge, Kommentare oder Likes.", period(d))
    } else {
        format!("Nothing new ({}): no posts, comments or likes.", period(d))
    };
    match d.latest {
        // a digest of an old database is always empty: say why
        Some(latest) if latest < d.from => {
            let day = date(latest);
            line.push_str(&if de {
                format!(" Der neueste Eintrag ist vom {day}: Zeit für einen frischen Export?")
            } else {
                format!(" The newest item is from {day}: time for a fresh export?")
            });
        }
        _ => line.push_str(if de { " Ein ruhiger Zeitraum." } else { " A quiet time." }),
    }
    line
}

fn quotes(de: bool) -> (&'static str, &'static str) {
    if de { ("„", "“") } else { ("“", "”") }
}

/// Plain text, for the terminal and the mail's text part. Links follow their entry on lines
/// of their own, so a mail client can break nothing inside them.
pub fn text(corpus: &Corpus, d: &Digest<'_>) -> String {
    let Some(blocks) = blocks(corpus, d) else {
        return format!("{}\n", empty_line(d));
    };
    let (open, close) = quotes(d.lang == Lang::De);
    let spans_text = |spans: &[Span], links: &mut Vec<String>| {
        let mut s = String::new();
        for span in spans {
            match span {
                Span::Text(t) => s.push_str(t),
                Span::Quoted(t) => {
                    let _ = write!(s, "{open}{}{close}", flat(t));
                }
                Span::Link { label, url } => {
                    s.push_str(&flat(label));
                    if label != url {
                        links.push(flat(url));
                    }
                }
            }
        }
        s
    };
    let mut out = format!("{}\n", subject(d));
    for block in &blocks {
        out.push('\n');
        match block {
            Block::List { heading, entries, more } => {
                let _ = writeln!(out, "{heading}:");
                for e in entries {
                    let mut links = Vec::new();
                    let _ = writeln!(out, "- {}", spans_text(&e.spans, &mut links));
                    if let Some(evidence) = &e.evidence {
                        let _ = writeln!(out, "  {open}{}{close}", flat(evidence));
                    }
                    for link in links {
                        let _ = writeln!(out, "  {link}");
                    }
                }
                if let Some(more) = more {
                    let _ = writeln!(out, "  {more}");
                }
            }
            Block::Line { label, spans } => {
                let mut links = Vec::new();
                let _ = writeln!(out, "{label}: {}", spans_text(spans, &mut links));
                for link in links {
                    let _ = writeln!(out, "  {link}");
                }
            }
            Block::Aside(line) => {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

/// Markdown, for a note or a static site: the text's content, every word others wrote
/// escaped ([`crate::markdown::escape`]).
pub fn markdown(corpus: &Corpus, d: &Digest<'_>) -> String {
    use crate::markdown::escape;
    let Some(blocks) = blocks(corpus, d) else {
        return format!("{}\n", escape(&empty_line(d)));
    };
    let (open, close) = quotes(d.lang == Lang::De);
    let spans_md = |spans: &[Span]| {
        let mut s = String::new();
        for span in spans {
            match span {
                Span::Text(t) => s.push_str(&escape_inline(t)),
                Span::Quoted(t) => {
                    let _ = write!(s, "{open}{}{close}", escape(t));
                }
                Span::Link { label, url } => match web_url(url) {
                    Some(url) if label == url => {
                        let _ = write!(s, "<{}>", md_destination(url));
                    }
                    Some(url) => {
                        let _ = write!(s, "[{}]({})", escape(label), md_destination(url));
                    }
                    None => s.push_str(&escape(label)),
                },
            }
        }
        s
    };
    let mut out = format!("## {}\n", escape(&subject(d)));
    for block in &blocks {
        out.push('\n');
        match block {
            Block::List { heading, entries, more } => {
                let _ = writeln!(out, "**{}**\n", escape(heading));
                for e in entries {
                    let _ = writeln!(out, "- {}", spans_md(&e.spans));
                    if let Some(evidence) = &e.evidence {
                        let _ = writeln!(out, "  > {}", escape(evidence));
                    }
                }
                if let Some(more) = more {
                    let _ = writeln!(out, "\n{}", escape(more));
                }
            }
            Block::Line { label, spans } => {
                let _ = writeln!(out, "**{}:** {}", escape(label), spans_md(spans));
            }
            Block::Aside(line) => {
                let _ = writeln!(out, "*{}*", escape(line));
            }
        }
    }
    out
}

/// A self-contained HTML page, for the mail's HTML part: a little inline style, no external
/// resource (no stylesheet, font, image or script to fetch), every word others wrote escaped
/// and only `http`/`https` links made clickable.
pub fn html(corpus: &Corpus, d: &Digest<'_>) -> String {
    let lang = match d.lang {
        Lang::De => "de",
        Lang::En => "en",
    };
    let title = escape_html(&subject(d));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body style=\"font-family:sans-serif;line-height:1.45;max-width:42em;color:#222\">\n"
    );
    let Some(blocks) = blocks(corpus, d) else {
        let _ = writeln!(out, "<p>{}</p>\n</body>\n</html>", escape_html(&empty_line(d)));
        return out;
    };
    let (open, close) = quotes(d.lang == Lang::De);
    let spans_html = |spans: &[Span]| {
        let mut s = String::new();
        for span in spans {
            match span {
                Span::Text(t) => s.push_str(&escape_html(t)),
                Span::Quoted(t) => {
                    let _ = write!(s, "{open}{}{close}", escape_html(t));
                }
                Span::Link { label, url } => match web_url(url) {
                    Some(url) => {
                        let _ = write!(
                            s,
                            "<a href=\"{}\" style=\"color:#1a5fb4\">{}</a>",
                            escape_html(url),
                            escape_html(label)
                        );
                    }
                    None => s.push_str(&escape_html(label)),
                },
            }
        }
        s
    };
    let _ = writeln!(out, "<h1 style=\"font-size:1.3em\">{title}</h1>");
    for block in &blocks {
        match block {
            Block::List { heading, entries, more } => {
                let _ = writeln!(
                    out,
                    "<h2 style=\"font-size:1.05em;margin-bottom:.3em\">{}</h2>\n<ul style=\"margin-top:0\">",
                    escape_html(heading)
                );
                for e in entries {
                    let _ = write!(out, "<li>{}", spans_html(&e.spans));
                    if let Some(evidence) = &e.evidence {
                        let _ = write!(
                            out,
                            "<blockquote style=\"margin:.2em 0 .5em 1em;color:#555\">{open}{}{close}</blockquote>",
                            escape_html(evidence)
                        );
                    }
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
                if let Some(more) = more {
                    let _ = writeln!(
                        out,
                        "<p style=\"margin-top:0;color:#555\">{}</p>",
                        escape_html(more)
                    );
                }
            }
            Block::Line { label, spans } => {
                let _ = writeln!(
                    out,
                    "<p><strong>{}:</strong> {}</p>",
                    escape_html(label),
                    spans_html(spans)
                );
            }
            Block::Aside(line) => {
                let _ = writeln!(
                    out,
                    "<p style=\"color:#777;font-size:.9em\">{}</p>",
                    escape_html(line)
                );
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// [`crate::markdown::escape`] for a piece of a line: the spaces at its edges stay, where
/// they join it to its neighbours.
fn escape_inline(text: &str) -> String {
    let mut out = String::new();
    if text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(&crate::markdown::escape(text));
    if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
        out.push(' ');
    }
    out
}

/// Whitespace runs as one space: one entry stays one line.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` safe in HTML content and in a double- or single-quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `url` when it is a web address (`http` or `https`, any case), trimmed: the only links the
/// digest makes clickable. A `javascript:`, `data:` or `mailto:` URL stays text.
fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once("://")?.0;
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")).then_some(url)
}

/// A URL as a Markdown link destination: what would end it or break the line is
/// percent-encoded.
fn md_destination(url: &str) -> String {
    crate::markdown::link_destination(url)
}

#[cfg(test)]
mod tests {
    use relate_analysis::ledger::{self, LedgerOptions, Period};
    use relate_model::corpus::testing::corpus_from_text;

    use super::*;

    const HOUR: i64 = 3600;

    /// Ben brings in a concept Lena takes up with thanks; Carl asks and shares a link and
    /// is left waiting. Ben's text and the conversation's page try to smuggle in markup.
    const THREAD: &str = "owner Lena
== abend url=https://blog.example/abend Ein Abend
#1 Lena: Wie sammeln wir die Gegenwart?
#2 Ben -> #1: Denken Sie an \"partizipatives Sammeln\" <script>alert(1)</script> mit allen.
#3 Lena -> #2: Partizipatives Sammeln, darauf bin ich gar nicht gekommen!
#4 Carl -> #1: Gibt es dazu eine Liste? https://quelle.example/liste
== spaet url=javascript:alert(2) Später
#30 Lena: Noch ein Beitrag, viel später.";

    fn digest_of(thread: &str, from: i64, to: i64, lang: Option<Lang>) -> (String, String, String) {
        let mut corpus = corpus_from_text(thread);
        let analyses =
            relate_analysis::stitch_and_run(&mut corpus, relate_analysis::Options::REPORT);
        let options =
            LedgerOptions { period: Some(Period { from, to }), ..LedgerOptions::default() };
        let ledger = ledger::compute(&corpus, &analyses, options);
        let lang = lang.unwrap_or_else(|| owner_language(&corpus));
        let d = select(&corpus, &analyses, &ledger, lang);
        (text(&corpus, &d), markdown(&corpus, &d), html(&corpus, &d))
    }

    #[test]
    fn text_says_what_was_learned_who_waits_who_is_new_and_the_numbers() {
        let (text, _, _) = digest_of(THREAD, 0, 10 * HOUR, None);
        assert_eq!(
            text,
            "Was habe ich gelernt? 1970-01-01
\nGelernt:
- „partizipatives Sammeln“ von Ben (test, 1970-01-01), mit Dank aufgegriffen von Lena
  „Denken Sie an \"partizipatives Sammeln\" <script>alert(1)</script> mit allen.“
  https://blog.example/abend
\nWartet auf Antwort (1, die ältesten zuerst):
- Carl, 1970-01-01 (test, eine Frage): „Gibt es dazu eine Liste? https://quelle.example/liste“
  https://blog.example/abend
\nMenschen: neu: Ben, Carl
\nGeteilte Quellen: https://quelle.example/liste (Carl)
\nDaneben: 1 Beitrag, 3 Kommentare, 0 Likes, 0 Boosts.
"
        );
    }

    #[test]
    fn english_on_request_and_a_period_of_two_days() {
        let (text, _, _) = digest_of(THREAD, 0, 48 * HOUR, Some(Lang::En));
        assert!(text.starts_with("What did I learn? 1970-01-01 to 1970-01-02\n"), "{text}");
        assert!(text.contains("\nLearned:\n- “partizipatives Sammeln” from Ben (test, 1970-01-01), taken up with thanks by Lena\n"), "{text}");
        assert!(text.contains("\nWaiting for an answer (1, oldest first):\n- Carl, 1970-01-01 (test, a question): "), "{text}");
        assert!(text.contains("\nPeople: new: Ben, Carl\n"), "{text}");
        assert!(text.contains("\nBeside it: 2 posts, 3 comments, 0 likes, 0 reposts.\n"), "{text}");
    }

    #[test]
    fn html_escapes_what_others_wrote_and_links_only_the_web() {
        let (_, _, html) = digest_of(THREAD, 0, 40 * HOUR, None);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("<a href=\"https://blog.example/abend\" style=\"color:#1a5fb4\">test, 1970-01-01</a>"), "{html}");
        assert!(html.contains("<a href=\"https://quelle.example/liste\""), "{html}");
        // the later post's page is no web address: no link, and so nothing to click
        assert!(!html.contains("javascript"), "{html}");
        // nothing to fetch: no stylesheet, image, script or font from elsewhere
        assert!(
            !html.contains("src=") && !html.contains("<link") && !html.contains("url("),
            "{html}"
        );
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"), "{html}");
        assert!(html.trim_end().ends_with("</html>"), "{html}");
    }

    #[test]
    fn markdown_escapes_and_links() {
        let (_, md, _) = digest_of(THREAD, 0, 10 * HOUR, None);
        assert!(md.starts_with("## Was habe ich gelernt? 1970-01-01\n\n**Gelernt**\n\n"), "{md}");
        assert!(
            md.contains("- „partizipatives Sammeln“ von Ben ([test, 1970-01-01](https://blog.example/abend)), mit Dank aufgegriffen von Lena\n"),
            "{md}"
        );
        assert!(md.contains("  > Denken Sie an \"partizipatives Sammeln\" \\<script\\>alert(1)\\</script\\> mit allen.\n"), "{md}");
        assert!(
            md.contains("**Geteilte Quellen:** <https://quelle.example/liste> (Carl)\n"),
            "{md}"
        );
        assert!(md.contains("\n*Daneben: 1 Beitrag, 3 Kommentare, 0 Likes, 0 Boosts.*\n"), "{md}");
    }

    #[test]
    fn an_empty_period_is_one_friendly_line() {
        let (text, md, html) = digest_of(THREAD, 96 * HOUR, 120 * HOUR, Some(Lang::En));
        assert_eq!(
            text,
            "Nothing new (1970-01-05): no posts, comments or likes. The newest item is from 1970-01-02: time for a fresh export?\n"
        );
        assert_eq!(md.lines().count(), 1, "{md}");
        assert!(html.contains("<p>Nothing new (1970-01-05)"), "{html}");
        // a quiet stretch inside the data gets no advice to export
        let (text, _, _) = digest_of(THREAD, 10 * HOUR, 20 * HOUR, None);
        assert_eq!(
            text,
            "Nichts Neues (1970-01-01): keine Beiträge, Kommentare oder Likes. Ein ruhiger Zeitraum.\n"
        );
    }

    #[test]
    fn what_was_not_taken_up_in_the_period_is_not_learned_in_it() {
        // the uptake (#3) and Carl's question (#4) lie before the period: it holds the later
        // post only
        let (text, _, _) = digest_of(THREAD, 5 * HOUR, 40 * HOUR, None);
        assert!(text.contains("\nGelernt: nichts, worauf relate zeigen kann.\n"), "{text}");
        assert!(!text.contains("Menschen") && !text.contains("Quellen"), "{text}");
        // still waiting, though written before the period
        assert!(text.contains("- Carl, 1970-01-01"), "{text}");
        assert!(text.contains("Daneben: 1 Beitrag, 0 Kommentare"), "{text}");
    }

    #[test]
    fn urls_become_web_links_or_stay_text() {
        assert_eq!(web_url(" HTTPS://a.example/x "), Some("HTTPS://a.example/x"));
        assert_eq!(web_url("javascript:alert(1)//x"), None);
        assert_eq!(web_url("data://x"), None);
        assert_eq!(
            md_destination("https://a.example/a (b)<c>"),
            "https://a.example/a%20%28b%29%3Cc%3E"
        );
        assert_eq!(
            escape_html("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
