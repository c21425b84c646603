//! The report as one self-contained HTML file (`relate report --html FILE`): what we learned,
//! conversations and relationships over time beside the vanity numbers, who is left waiting,
//! who brought what, sources, and method notes, in German or English.
//!
//! **Provenance.** Every number on the page is a link (`a.num`) to a section of the evidence at
//! the end of the file that lists the items behind it: date, who, platform, the text as they
//! wrote it, and a link to the original. A number with nothing behind it (a zero) is not a
//! link (`.zero`). Long lists stop at 200 rows (`evidence::LIMIT`) and say how many were left
//! out.
//!
//! **Safety.** The texts, names, titles and URLs shown are other people's writing: the page is
//! built with maud, which escapes every value spliced into it (`PreEscaped` is used for the
//! style sheet only); links to originals are written only for `http` and `https` URLs; and a
//! Content-Security-Policy allows no script, no request and only the one style sheet, by its
//! hash. The page needs no script: anchors and `:target` do the navigation. Items that are not
//! public are listed in the evidence of "not counted" by date, platform and kind only.
//!
//! Charts are SVG drawn here (`svg`): no library, no network, no font files. The month bars
//! put an item in the UTC month it was written; "answered by us" in the month of the comment
//! answered; a person in the month of their first encounter (the ledger's cohort month); a
//! learning moment in the month it was taken up (`crate::moment_time`); an audience figure's
//! bar is its latest snapshot of the month, not a sum.

pub mod dashboard;
mod evidence;
mod strings;
mod svg;

use std::cell::{OnceCell, RefCell};

use maud::{DOCTYPE, Markup, PreEscaped, html};
use relate_analysis::Analyses;
use relate_analysis::learning::{Direction, Moment, MomentKind, excerpt, quote};
use relate_analysis::ledger::{self, EncounterKind, Ledger, TieState};
use relate_analysis::response::{Waiting, is_others_comment};
use relate_analysis::sources::{Source, SourceKind};
use relate_model::corpus::Corpus;
use relate_model::time::{date, rfc3339};
use relate_model::{ItemKind, State};
use sha2::{Digest, Sha256};

pub use strings::Lang;

use evidence::{Evidence, Row};
use strings::Strings;

/// The style sheet, inlined; the CSP allows it by its hash and nothing else.
const STYLE: &str = include_str!("html/style.css");

/// Learning moments shown as cards; all of them are in the evidence of the counts.
const CARDS: usize = 10;
/// Comments listed under "left waiting"; the rest are behind the count.
const WAITING_LISTED: usize = 25;
/// Sources in the table; all of them are behind the counts by kind.
const SOURCES_LISTED: usize = 15;
/// Concepts drawn on the map.
const MAP_CONCEPTS: usize = 24;
/// Months the timeline shows at most (the latest ones).
const MONTHS: usize = 60;
/// Audience metrics drawn in the timeline at most.
const AUDIENCE_SERIES: usize = 6;
/// Cooling and lapsed people listed by name; all of them are behind the counts by state.
const COOLING_LISTED: usize = 25;
/// Items shown per person in the evidence.
const PERSON_ITEMS: usize = 5;

/// What the HTML report needs besides the corpus and the analyses, computed by the caller:
/// the ledger (states and tie strength) and the comments left waiting (with their questions).
pub struct Inputs<'a> {
    pub lang: Lang,
    pub ledger: &'a Ledger,
    /// `relate_analysis::response::waiting` of every unanswered comment, oldest first.
    pub waiting: &'a [Waiting],
}

/// The language most of our own public items are written in (everyone's when we wrote
/// none); English on a tie.
pub fn default_lang(corpus: &Corpus) -> Lang {
    let langs = relate_analysis::learning::languages(corpus);
    let worded = |i: &relate_model::corpus::CorpusItem| {
        i.state == State::Public && !corpus.text(i).trim().is_empty()
    };
    let ours_exist = corpus.items.iter().any(|i| worded(i) && corpus.is_owner_item(i));
    let (mut de, mut en) = (0u64, 0u64);
    for (item, lang) in corpus.items.iter().zip(&langs) {
        if !worded(item) || (ours_exist && !corpus.is_owner_item(item)) {
            continue;
        }
        match lang.code() {
            "de" => de += 1,
            _ => en += 1,
        }
    }
    if de > en { Lang::De } else { Lang::En }
}

/// The Content-Security-Policy of the page: nothing may load or run; the style sheet is
/// allowed by its SHA-256, so an injected `style` attribute would not apply either.
pub fn content_security_policy() -> String {
    let digest = Sha256::digest(STYLE.as_bytes());
    format!(
        "default-src 'none'; style-src 'sha256-{}'; base-uri 'none'; form-action 'none'",
        base64(&digest)
    )
}

/// The whole page.
pub fn report(corpus: &Corpus, analyses: &Analyses, inputs: &Inputs<'_>) -> String {
    let page = Page {
        links: Links::Anchors,
        corpus,
        analyses,
        inputs,
        t: inputs.lang.strings(),
        evidence: RefCell::new(Evidence::default()),
        authored: OnceCell::new(),
    };
    // the sections register their evidence while they render, so it comes last
    let main = html! {
        (page.learned())
        (page.relations())
        (page.waiting())
        (page.concepts())
        (page.sources())
        (page.method())
    };
    let evidence = page.evidence();
    let t = page.t;
    let owners = crate::owners(corpus);
    html! {
        (DOCTYPE)
        html lang=(inputs.lang.code()) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "relate: " (t.title) @if !owners.is_empty() { " – " (owners.join(", ")) } }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header id="top" {
                    h1 { (t.title) }
                    p.lede {
                        (t.report_for) " "
                        @if owners.is_empty() { (t.no_owner) } @else { span.name { (owners.join(", ")) } }
                        @if let Some((a, b)) = crate::time_span(corpus) {
                            ", " (day(a)) " " (t.to) " " (day(b))
                        }
                    }
                    p.intro { (t.every_number) }
                    nav {
                        a href="#learned" { (t.s_learned) }
                        a href="#relations" { (t.s_relations) }
                        a href="#waiting" { (t.s_waiting) }
                        a href="#concepts" { (t.s_concepts) }
                        a href="#sources" { (t.s_sources) }
                        a href="#method" { (t.s_method) }
                        a href="#evidence" { (t.s_evidence) }
                    }
                }
                main { (main) (evidence) }
                footer { (t.made_by) " " code { (env!("CARGO_PKG_VERSION")) } }
            }
        }
    }
    .into_string()
}

/// A date as a `<time>` element.
fn day(t: i64) -> Markup {
    html! { time datetime=(rfc3339(t)) { (date(t)) } }
}

/// A date and time (UTC) as a `<time>` element.
fn moment(t: Option<i64>) -> Markup {
    match t {
        Some(t) => {
            let full = rfc3339(t);
            let shown = full.get(..16).map_or_else(|| full.clone(), |s| s.replace('T', " "));
            html! { time datetime=(full) { (shown) } }
        }
        None => html! {},
    }
}

/// `url` if it is one a link may point to: `http` or `https`, no spaces or control
/// characters. Anything else (`javascript:`, `data:`) is shown as text, never as a link.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme_ok = url.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("http://"))
        || url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"));
    (scheme_ok && !url.chars().any(|c| c.is_whitespace() || c.is_control())).then_some(url)
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Where a number's evidence is: a section at the end of the same file (the report), or a
/// page of the dashboard (`relate serve`), which lists the rows the same sections register.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Links {
    Anchors,
    Server,
}

struct Page<'a> {
    links: Links,
    corpus: &'a Corpus,
    analyses: &'a Analyses,
    inputs: &'a Inputs<'a>,
    t: &'static Strings,
    evidence: RefCell<Evidence>,
    /// Per participant: their public items that are not likes or reposts, in store order.
    authored: OnceCell<Vec<Vec<u32>>>,
}

impl Page<'_> {
    // ---- numbers and their evidence ----

    /// The link to the evidence `id`; ids are our own words and digits (`Evidence::register`),
    /// so they need no escaping in a URL either.
    fn ev_href(&self, id: &str) -> String {
        match self.links {
            Links::Anchors => format!("#ev-{id}"),
            Links::Server => format!("/items?ev={id}"),
        }
    }

    /// `shown` as a link to the evidence `id` (registered with `rows` the first time), or as
    /// plain text when there is nothing behind it.
    fn num<I: IntoIterator<Item = Row>>(
        &self,
        id: &str,
        heading: &str,
        shown: String,
        rows: impl FnOnce() -> I,
    ) -> Markup {
        let has_rows = self.evidence.borrow_mut().register(id, heading, rows);
        if has_rows {
            html! { a.num href=(self.ev_href(id)) { (shown) } }
        } else {
            html! { span.num.zero { (shown) } }
        }
    }

    fn int(&self, n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(self.t.thousands);
            }
            out.push(c);
        }
        out
    }

    fn signed(&self, n: i64) -> String {
        let magnitude = self.int(n.unsigned_abs());
        if n < 0 { format!("−{magnitude}") } else { magnitude }
    }

    fn dec(&self, x: f64, places: usize) -> String {
        format!("{x:.places$}").replace('.', &self.t.decimal.to_string())
    }

    fn pct(&self, part: u64, whole: u64) -> String {
        let share = if whole == 0 { 0.0 } else { part as f64 * 100.0 / whole as f64 };
        format!("{}{}", self.dec(share, 0), self.t.percent)
    }

    fn duration(&self, seconds: i64) -> String {
        let t = self.t;
        match seconds {
            s if s < 3600 => format!("{} {}", s / 60, t.minutes),
            s if s < 172_800 => format!("{} {}", self.dec(s as f64 / 3600.0, 1), t.hours),
            s => format!("{} {}", self.dec(s as f64 / 86_400.0, 1), t.days),
        }
    }

    /// A duration as `<time>`: an age belongs to its item, it is not a measure.
    fn age(&self, seconds: i64) -> Markup {
        html! { time datetime={ "PT" (seconds.max(0)) "S" } { (self.duration(seconds)) } }
    }

    fn def(&self, anchor: &str) -> Markup {
        let base = match self.links {
            Links::Anchors => "",
            Links::Server => "/method",
        };
        html! { a.def href={ (base) "#def-" (anchor) } title=(self.t.s_method) { "?" } }
    }

    fn name(&self, participant: u32) -> &str {
        &self.corpus.participants[participant as usize].display_name
    }

    fn authored(&self) -> &[Vec<u32>] {
        self.authored.get_or_init(|| {
            let mut by = vec![Vec::new(); self.corpus.participants.len()];
            for (index, item) in self.corpus.items.iter().enumerate() {
                if item.state == State::Public && !item.kind.is_attention() {
                    by[item.author as usize].push(index as u32);
                }
            }
            by
        })
    }

    fn person(&self, participant: u32, note: Option<Markup>, items: Vec<u32>) -> Row {
        Row::Person { participant, note, items }
    }

    /// Whether and when we answered someone else's comment.
    fn answer_note(&self, item: u32) -> Markup {
        let t = self.t;
        let corpus = self.corpus;
        match self.analyses.response.first_answer[item as usize] {
            Some(answer) => {
                let took = corpus.items[answer as usize]
                    .created_at
                    .zip(corpus.items[item as usize].created_at)
                    .map(|(a, c)| a - c);
                let author = corpus.items[answer as usize].author;
                html! {
                    (t.answered_by) " " span.name { (self.name(author)) } " "
                    code.id { "#" (corpus.native_id_of(answer)) }
                    @if let Some(s) = took { " " (t.after) " " (self.age(s)) }
                }
            }
            None => html! { (t.no_answer_yet) },
        }
    }

    fn moment_rows(&self, m: &Moment) -> Vec<Row> {
        let t = self.t;
        let mut rows = vec![Row::Noted(m.item, html! { (kind_badge(t, m)) q.what { (m.what) } })];
        if let Some(taken) = m.taken_up_in {
            rows.push(match &m.acknowledgement {
                Some(a) => Row::Noted(taken, html! { (t.acknowledgement) ": " q { (a) } }),
                None => Row::Item(taken),
            });
        }
        rows
    }

    // ---- what we learned ----

    fn learned(&self) -> Markup {
        let t = self.t;
        let l = &self.analyses.learning;
        let count = |kind: MomentKind, id: &str, label: &str| {
            self.num(id, label, self.int(l.count(kind)), || {
                l.moments.iter().filter(|m| m.kind == kind).flat_map(|m| self.moment_rows(m))
            })
        };
        let mut cards: Vec<(usize, &Moment)> =
            l.moments.iter().enumerate().filter(|(_, m)| m.kind != MomentKind::Source).collect();
        // stable: within a kind, the analysis's order (when it was taken up)
        cards.sort_by_key(|(_, m)| m.kind);
        let from_us = l.from_us.iter().enumerate();
        let cards: Vec<(String, &Moment)> = cards
            .into_iter()
            .map(|(i, m)| (format!("moment-{i}"), m))
            .chain(from_us.map(|(i, m)| (format!("moment-us-{i}"), m)))
            .take(CARDS)
            .collect();
        html! {
            section id="learned" {
                h2 { (t.s_learned) (self.def("learning")) }
                p.intro { (t.learned_intro) }
                div.counts {
                    @for (kind, id, label) in [
                        (MomentKind::Acknowledged, "learn-acknowledged", t.k_acknowledged),
                        (MomentKind::Quoted, "learn-quoted", t.k_quoted),
                        (MomentKind::Uptake, "learn-uptake", t.k_uptake),
                        (MomentKind::Source, "learn-source", t.k_source),
                    ] {
                        span { (count(kind, id, label)) " " (label) }
                    }
                    span {
                        (self.num("learn-from-us", t.k_from_us, self.int(l.from_us.len() as u64), || {
                            l.from_us.iter().flat_map(|m| self.moment_rows(m))
                        }))
                        " " (t.k_from_us)
                    }
                }
                @if cards.is_empty() {
                    p { (t.nothing_learned) }
                } @else {
                    h3 { (t.top_moments) }
                    div.cards { @for (id, m) in &cards { (self.card(id, m)) } }
                }
            }
        }
    }

    fn card(&self, id: &str, m: &Moment) -> Markup {
        let t = self.t;
        let corpus = self.corpus;
        let heading = format!("{}: {}", badge_text(t, m), m.what);
        self.evidence.borrow_mut().register(id, &heading, || self.moment_rows(m));
        let introduced = &corpus.items[m.item as usize];
        let taken = m.taken_up_in.map(|o| (o, &corpus.items[o as usize]));
        let original = crate::care::item_link(corpus, m.taken_up_in.unwrap_or(m.item));
        html! {
            div.card.from-us[m.direction == Direction::FromUs] {
                div { (kind_badge(t, m)) (moment(crate::moment_time(corpus, m))) }
                div.what { q { (m.what) } }
                div.meta {
                    (t.from) " " span.who.name { (self.name(m.from)) }
                    " · " span.name { (crate::item_platform(corpus, m.item)) }
                    " · " (moment(introduced.created_at))
                }
                blockquote { (quote(corpus, m.item, m.introduced_at)) }
                @if let Some((o, item)) = taken {
                    div.meta {
                        (t.taken_up_by) " " span.who.name { (corpus.author(item).display_name) }
                        " · " span.name { (crate::item_platform(corpus, o)) }
                    }
                    @if let Some(at) = m.taken_up_at { blockquote { (quote(corpus, o, at)) } }
                }
                @if let Some(ack) = &m.acknowledgement {
                    div.meta { (t.acknowledgement) ": " q { (ack) } }
                }
                div.links {
                    a href=(self.ev_href(id)) { (t.evidence) }
                    @if let Some(url) = original.as_deref().and_then(safe_url) {
                        a href=(url) rel="noopener noreferrer" { (t.original) }
                    }
                }
            }
        }
    }

    // ---- conversations and relationships ----

    fn relations(&self) -> Markup {
        let t = self.t;
        html! {
            section id="relations" {
                h2 { (t.s_relations) }
                div.cols {
                    div { (self.came_back()) (self.states()) }
                    div.vanity { (self.watched()) }
                }
                (self.timeline())
                (self.cooling())
            }
        }
    }

    fn came_back(&self) -> Markup {
        let t = self.t;
        let corpus = self.corpus;
        let ties = &self.analyses.ties;
        let r = &self.analyses.response;
        let answered_conversations = crate::answered_conversations(corpus);
        let conversations = answered_conversations.iter().filter(|a| **a).count() as u64;
        let conversation_rows = || {
            answered_conversations.iter().enumerate().filter(|(_, a)| **a).filter_map(|(c, _)| {
                let order = &self.analyses.threads.order[c];
                order.first().map(|&root| Row::Item(root))
            })
        };
        let people = |keep: fn(&relate_analysis::ties::Person) -> bool, both_ways: bool| {
            let rows = ties.people.iter().filter(move |p| keep(p));
            rows.map(move |p| self.people_row(p.participant, both_ways))
        };
        let on_platform =
            |i: u32, on: Option<&str>| on.is_none_or(|p| crate::item_platform(corpus, i) == p);
        // each list is built once, when its number is first shown
        let comments = |on: Option<&str>, answered: bool| -> Vec<Row> {
            (0..corpus.items.len() as u32)
                .filter(|&i| is_others_comment(corpus, i) && on_platform(i, on))
                .filter(|&i| !answered || r.first_answer[i as usize].is_some())
                .map(Row::Comment)
                .collect()
        };
        let waiting = |on: &str| -> Vec<Row> {
            let unanswered = r.unanswered.iter().copied();
            unanswered.filter(|&i| on_platform(i, Some(on))).map(Row::Comment).collect()
        };
        let share = self.pct(r.answered, r.others_comments);
        let answered_heading = format!("{} ({share})", t.answered);
        let count = |id: &str, label: &str, n: u64, rows: &dyn Fn() -> Vec<Row>| {
            self.num(id, label, self.int(n), rows)
        };
        let measure = |label: &str, def: &str, value: Markup| {
            html! { tr { td { (label) (self.def(def)) } td.v { (value) } } }
        };
        html! {
            h3 { (t.came_back) }
            table {
                (measure(t.conversations, "conversations",
                    self.num("conversations", t.conversations, self.int(conversations), conversation_rows)))
                (measure(t.participants, "participants",
                    count("participants", t.participants, ties.participants, &|| people(|_| true, false).collect())))
                (measure(t.returning, "returning",
                    count("returning", t.returning, ties.returning_participants, &|| {
                        people(|p| p.conversations >= 2, false).collect()
                    })))
                (measure(t.reciprocal, "reciprocal",
                    count("reciprocal", t.reciprocal, ties.reciprocal_ties, &|| people(|p| p.reciprocal, true).collect())))
                (measure(t.answered, "answered", html! {
                    (self.num("answered", &answered_heading, self.int(r.answered), || comments(None, true)))
                    " " (t.of) " "
                    (count("comments", t.series_comments, r.others_comments, &|| comments(None, false)))
                    " (" (self.num("answered", &answered_heading, share.clone(), || comments(None, true))) ")"
                }))
                @for (index, p) in r.by_platform.iter().enumerate() {
                    @let on = Some(p.platform.as_str());
                    @let heading = |what: &str| format!("{what}: {}", p.platform);
                    tr.sub {
                        td { (t.on_platform) " " span.name { (p.platform) } }
                        td.v {
                            (count(&format!("answered-{index}"), &heading(t.answered), p.answered, &|| comments(on, true)))
                            " " (t.of) " "
                            (count(&format!("comments-{index}"), &heading(t.series_comments), p.others_comments, &|| comments(on, false)))
                            ", "
                            (count(&format!("waiting-{index}"), &heading(t.s_waiting), p.unanswered, &|| waiting(&p.platform)))
                            " " (t.waiting_short)
                        }
                    }
                }
                @if let Some(s) = r.median_seconds_to_first_answer {
                    (measure(t.median_answer, "answered",
                        self.num("answered", &answered_heading, self.duration(s), || comments(None, true))))
                }
            }
        }
    }

    /// A person with their items: all they wrote (up to [`PERSON_ITEMS`]), or with `both_ways`
    /// their first item to us and our first to them.
    fn people_row(&self, participant: u32, both_ways: bool) -> Row {
        let ledger = self.inputs.ledger;
        let items: Vec<u32> = match ledger.entry_of(participant) {
            Some(entry) if both_ways => {
                let encounters = ledger.encounters_of(entry);
                [EncounterKind::ToUs, EncounterKind::FromUs]
                    .iter()
                    .filter_map(|k| encounters.iter().find(|e| e.kind == *k).map(|e| e.item))
                    .collect()
            }
            _ => self.authored()[participant as usize].iter().take(PERSON_ITEMS).copied().collect(),
        };
        self.person(participant, None, items)
    }

    fn state_name(&self, state: TieState) -> &'static str {
        let t = self.t;
        match state {
            TieState::New => t.state_new,
            TieState::Returning => t.state_returning,
            TieState::Growing => t.state_growing,
            TieState::Steady => t.state_steady,
            TieState::Cooling => t.state_cooling,
            TieState::Lapsed => t.state_lapsed,
        }
    }

    /// A person of the ledger with their latest encounters and their tie strength.
    fn ledger_row(&self, entry: &ledger::Entry) -> Row {
        let encounters = self.inputs.ledger.encounters_of(entry);
        let items: Vec<u32> =
            encounters.iter().rev().take(PERSON_ITEMS).map(|e| e.item).collect::<Vec<_>>();
        let note = html! {
            (entry.state.map_or("", |s| self.state_name(s))) " · "
            (self.t.strength) " " (self.dec(entry.strength, 2))
        };
        self.person(entry.participant, Some(note), items)
    }

    fn states(&self) -> Markup {
        let t = self.t;
        let ledger = self.inputs.ledger;
        let in_state = |state: TieState| -> Vec<Row> {
            let people = ledger.people.iter().filter(|e| e.state == Some(state));
            people.map(|e| self.ledger_row(e)).collect()
        };
        html! {
            h3 {
                (t.states_in) " " (day(ledger.period.from)) " – " (day(ledger.period.to - 1))
                (self.def("ledger"))
            }
            div.counts {
                @for (state, n) in ledger.state_counts() {
                    @let name = self.state_name(state);
                    span { (self.num(&format!("state-{}", state.as_str()), name, self.int(n), || in_state(state))) " " (name) }
                }
            }
        }
    }

    fn cooling(&self) -> Markup {
        let t = self.t;
        let ledger = self.inputs.ledger;
        let cooling: Vec<&ledger::Entry> = ledger
            .people
            .iter()
            .filter(|e| matches!(e.state, Some(TieState::Cooling | TieState::Lapsed)))
            .collect();
        let rest = cooling.len().saturating_sub(COOLING_LISTED);
        let in_state = |state: TieState| -> Vec<Row> {
            let people = ledger.people.iter().filter(|e| e.state == Some(state));
            people.map(|e| self.ledger_row(e)).collect()
        };
        html! {
            h3 { (t.cooling_heading) (self.def("ledger")) }
            @if cooling.is_empty() {
                p { (t.none_cooling) }
            } @else {
                table {
                    @for e in cooling.iter().take(COOLING_LISTED) {
                        @let (name, id) = (self.name(e.participant), format!("person-{}", e.participant));
                        tr {
                            td { span.who.name { (name) } " · " (e.state.map_or("", |s| self.state_name(s))) }
                            td { (t.last_met) " " (moment(e.last_encounter)) }
                            td.v { (t.strength) " " (self.num(&id, name, self.dec(e.strength, 2), || [self.ledger_row(e)])) }
                        }
                    }
                }
                @if rest > 0 {
                    // the rest are behind the counts by state, registered by `states`
                    p {
                        (t.more_waiting) " "
                        @for (i, state) in [TieState::Cooling, TieState::Lapsed].into_iter().enumerate() {
                            @if i > 0 { ", " }
                            @let n = cooling.iter().filter(|e| e.state == Some(state)).count() as u64;
                            @let name = self.state_name(state);
                            (self.num(&format!("state-{}", state.as_str()), name, self.int(n), || in_state(state))) " " (name)
                        }
                    }
                }
            }
        }
    }

    fn watched(&self) -> Markup {
        let t = self.t;
        let corpus = self.corpus;
        let audience = &self.analyses.audience;
        let vanity_label = |kind: ItemKind| match kind {
            ItemKind::Post => t.posts,
            ItemKind::Comment => t.comments,
            ItemKind::Pingback => t.pingbacks,
            ItemKind::Trackback => t.trackbacks,
            ItemKind::Like => t.likes,
            _ => t.reposts,
        };
        // as `crate::vanity` counts them: public, replies with the comments
        let of_kind = |kind: ItemKind| -> Vec<Row> {
            let items = corpus.items.iter().enumerate().filter(|(_, i)| {
                i.state == State::Public
                    && (i.kind == kind || kind == ItemKind::Comment && i.kind == ItemKind::Reply)
            });
            items.map(|(index, _)| Row::Item(index as u32)).collect()
        };
        let in_state = |state: State| -> Vec<Row> {
            let items = corpus.items.iter().enumerate().filter(|(_, i)| i.state == state);
            items.map(|(index, _)| Row::Hidden(index as u32)).collect()
        };
        let stated = |metric: &str| -> Vec<Row> {
            let snapshots = corpus.audience.iter().enumerate();
            let of_items = snapshots.filter(|(_, s)| s.item.is_some() && s.metric == metric);
            of_items.map(|(index, _)| Row::Snapshot(index as u32)).collect()
        };
        let excluded: Vec<(State, u64)> =
            crate::excluded(corpus).into_iter().filter(|(_, n)| *n > 0).collect();
        html! {
            h3 { (t.watched) (self.def("vanity")) }
            table {
                @for (kind, n) in crate::vanity(corpus) {
                    @let (label, id) = (vanity_label(kind), format!("vanity-{}", kind.as_str()));
                    tr { td { (label) } td.v { (self.num(&id, label, self.int(n), || of_kind(kind))) } }
                }
                @for (index, f) in audience.figures.iter().enumerate() {
                    @let (label, id) = (self.figure_label(f), format!("audience-{index}"));
                    @let snapshots = || self.snapshots_of(f, None);
                    tr {
                        td { span.name { (label) } }
                        td.v {
                            (self.num(&id, &label, self.signed(f.value), snapshots))
                            @if let (Some(v), Some(at)) = (f.first_value, f.first_at) {
                                br;
                                span.meta {
                                    (t.was) " " (self.num(&id, &label, self.signed(v), snapshots))
                                    " " (t.on_day) " " (day(at))
                                }
                            }
                        }
                    }
                }
                @for (index, (metric, total)) in audience.item_totals.iter().enumerate() {
                    @let id = format!("totals-{index}");
                    tr {
                        td { span.name { (metric) } " (" (t.platform_counted) ")" }
                        td.v { (self.num(&id, metric, self.signed(*total), || stated(metric))) }
                    }
                }
            }
            @if !excluded.is_empty() {
                p.meta {
                    (t.not_counted) (self.def("excluded")) ": "
                    @for (index, (state, n)) in excluded.iter().enumerate() {
                        @if index > 0 { ", " }
                        @let (label, id) = (self.state_label(*state), format!("excluded-{}", state.as_str()));
                        (self.num(&id, label, self.int(*n), || in_state(*state))) " " (label)
                    }
                }
            }
        }
    }

    fn state_label(&self, state: State) -> &'static str {
        let t = self.t;
        match state {
            State::Spam => t.st_spam,
            State::Pending => t.st_pending,
            State::Trash => t.st_trash,
            State::Deleted => t.st_deleted,
            _ => t.st_restricted,
        }
    }

    fn figure_label(&self, f: &relate_analysis::audience::Figure) -> String {
        let whose = f.account.as_deref().map(|key| {
            self.corpus
                .participants
                .iter()
                .find(|p| p.key == key)
                .map_or(key, |p| p.display_name.as_str())
        });
        let metric = crate::metric_label(&f.metric, self.inputs.lang == Lang::De);
        match whose {
            Some(name) => format!("{metric} ({}, {name})", f.platform),
            None => format!("{metric} ({})", f.platform),
        }
    }

    /// The account-level snapshots behind a figure, all of them or those in one month.
    fn snapshots_of(&self, f: &relate_analysis::audience::Figure, month: Option<i32>) -> Vec<Row> {
        self.corpus
            .audience
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.item.is_none()
                    && s.platform == f.platform
                    && s.account == f.account
                    && s.metric == f.metric
                    && month.is_none_or(|m| ledger::month_of(s.at.unwrap_or(0)) == m)
            })
            .map(|(i, _)| Row::Snapshot(i as u32))
            .collect()
    }

    fn timeline(&self) -> Markup {
        let t = self.t;
        let corpus = self.corpus;
        let analyses = self.analyses;
        let dated = corpus.items.iter().filter(|i| i.state == State::Public);
        let Some((first, last)) = dated.filter_map(|i| i.created_at).fold(None, |span, at| {
            Some(span.map_or((at, at), |(a, b): (i64, i64)| (a.min(at), b.max(at))))
        }) else {
            return html! {};
        };
        let last_month = ledger::month_of(last);
        let first_month = ledger::month_of(first).max(last_month - MONTHS as i32 + 1);
        let months = (last_month - first_month + 1) as usize;
        // months outside the items' span have no bar: an audience figure may be dated after
        // the last item (an archive's follower count on the day it was made)
        let slot = |t: Option<i64>| {
            let m = ledger::month_of(t?);
            (first_month..=last_month).contains(&m).then(|| (m - first_month) as usize)
        };
        let mut comments = vec![Vec::new(); months];
        let mut answered = vec![Vec::new(); months];
        let mut posts = vec![Vec::new(); months];
        let mut attention = vec![Vec::new(); months];
        for (index, item) in corpus.items.iter().enumerate() {
            let Some(s) = slot(item.created_at).filter(|_| item.state == State::Public) else {
                continue;
            };
            let index = index as u32;
            if is_others_comment(corpus, index) {
                comments[s].push(index);
                if analyses.response.first_answer[index as usize].is_some() {
                    answered[s].push(index);
                }
            } else if item.kind == ItemKind::Post {
                posts[s].push(index);
            } else if item.kind.is_attention() {
                attention[s].push(index);
            }
        }
        let mut met = vec![Vec::new(); months];
        for entry in &self.inputs.ledger.people {
            if let Some(s) = slot(entry.first_encounter) {
                met[s].push(entry);
            }
        }
        let mut learning = vec![Vec::new(); months];
        for m in analyses.learning.moments.iter().filter(|m| m.kind != MomentKind::Source) {
            if let Some(s) = slot(crate::moment_time(corpus, m)) {
                learning[s].push(m);
            }
        }
        let label = |s: usize| {
            let m = first_month + s as i32;
            svg::Month { name: t.months[m.rem_euclid(12) as usize], year: m.div_euclid(12) }
        };
        let month_key = |s: usize| ledger::month_label(first_month + s as i32);
        let heading = |what: &str, s: usize| format!("{what}: {}", month_key(s));
        let series =
            |class: &'static str,
             label: &str,
             key: &str,
             bar: &dyn Fn(usize, &str, &str) -> svg::Bar| svg::Series {
                label: label.to_string(),
                class,
                bars: (0..months)
                    .map(|s| bar(s, &format!("m-{key}-{}", month_key(s)), &heading(label, s)))
                    .collect(),
            };
        let real = [
            series("real", t.series_comments, "comments", &|s, id, h| {
                self.list_bar(&comments[s], true, id, h)
            }),
            series("real2", t.series_answered, "answered", &|s, id, h| {
                self.list_bar(&answered[s], true, id, h)
            }),
            series("real", t.series_met, "met", &|s, id, heading| {
                self.bar(id, heading, met[s].len() as u64, || {
                    met[s]
                        .iter()
                        .map(|e| {
                            let first = self.inputs.ledger.encounters_of(e).first().map(|x| x.item);
                            self.person(e.participant, None, first.into_iter().collect())
                        })
                        .collect()
                })
            }),
            series("real", t.series_learning, "learning", &|s, id, heading| {
                self.bar(id, heading, learning[s].len() as u64, || {
                    learning[s].iter().flat_map(|m| self.moment_rows(m)).collect()
                })
            }),
        ];
        let mut vanity = vec![
            series("vain", t.series_posts, "posts", &|s, id, h| {
                self.list_bar(&posts[s], false, id, h)
            }),
            series("vain", t.series_attention, "attention", &|s, id, h| {
                self.list_bar(&attention[s], false, id, h)
            }),
        ];
        for (index, f) in analyses.audience.figures.iter().enumerate().take(AUDIENCE_SERIES) {
            // a level, not a sum: the latest snapshot of each month
            let mut latest: Vec<Option<(i64, i64)>> = vec![None; months];
            for s in corpus.audience.iter().filter(|s| {
                s.item.is_none()
                    && s.platform == f.platform
                    && s.account == f.account
                    && s.metric == f.metric
            }) {
                let at = s.at.unwrap_or(0);
                if let Some(m) = slot(Some(at))
                    && latest[m].is_none_or(|(when, _)| at >= when)
                {
                    latest[m] = Some((at, s.value));
                }
            }
            let label = self.figure_label(f);
            vanity.push(series("vain", &label, &format!("audience-{index}"), &|s, id, heading| {
                let Some((_, value)) = latest[s] else {
                    return svg::Bar { value: 0, href: None };
                };
                let rows = self.snapshots_of(f, Some(first_month + s as i32));
                let href = self
                    .evidence
                    .borrow_mut()
                    .register(id, heading, || rows)
                    .then(|| self.ev_href(id));
                svg::Bar { value: value.max(0) as u64, href }
            }));
        }
        let labels: Vec<svg::Month> = (0..months).map(label).collect();
        html! {
            h3 { (t.timeline) }
            p.intro { (t.timeline_intro) }
            (svg::timeline(&labels, &[(t.chart_real, &real[..]), (t.chart_vanity, &vanity[..])], |n| self.int(n)))
        }
    }

    /// A bar of the items in `list` (others' comments when `comments`).
    fn list_bar(&self, list: &[u32], comments: bool, id: &str, heading: &str) -> svg::Bar {
        self.bar(id, heading, list.len() as u64, || {
            list.iter().map(|&i| if comments { Row::Comment(i) } else { Row::Item(i) }).collect()
        })
    }

    /// A bar: its value and the href of its evidence, registered (none for an empty bar).
    fn bar(&self, id: &str, heading: &str, n: u64, rows: impl FnOnce() -> Vec<Row>) -> svg::Bar {
        let href = (n > 0 && self.evidence.borrow_mut().register(id, heading, rows))
            .then(|| self.ev_href(id));
        svg::Bar { value: n, href }
    }

    // ---- left waiting ----

    fn waiting(&self) -> Markup {
        let t = self.t;
        let corpus = self.corpus;
        let waiting = self.inputs.waiting;
        let questions = waiting.iter().filter(|w| w.question).count() as u64;
        let rows = |questions_only: bool| -> Vec<Row> {
            let listed = waiting.iter().filter(|w| w.question || !questions_only);
            listed.map(|w| Row::Comment(w.item)).collect()
        };
        let all = self.int(waiting.len() as u64);
        let rest = self.int(waiting.len().saturating_sub(WAITING_LISTED) as u64);
        html! {
            section id="waiting" {
                h2 { (t.s_waiting) (self.def("waiting")) }
                @if waiting.is_empty() {
                    p { (t.nobody_waiting) }
                } @else {
                    p {
                        (self.num("waiting", t.s_waiting, all, || rows(false))) " "
                        (t.waiting_intro_a) " "
                        (self.num("questions", t.question, self.int(questions), || rows(true)))
                        " " (t.waiting_intro_b) " "
                        (moment(self.analyses.response.reference_time)) "."
                    }
                    ol.waiting {
                        @for w in waiting.iter().take(WAITING_LISTED) {
                            @let item = &corpus.items[w.item as usize];
                            @let link = crate::care::item_link(corpus, w.item);
                            li {
                                (moment(item.created_at)) " "
                                span.who.name { (corpus.author(item).display_name) } " · "
                                span.name { (crate::item_platform(corpus, w.item)) } " "
                                @if w.question { span.badge.q { (t.question) } }
                                @if let Some(age) = w.age_seconds {
                                    span.meta { (t.waited) " " (self.age(age)) }
                                }
                                @if let Some(url) = link.as_deref().and_then(safe_url) {
                                    " · " a href=(url) rel="noopener noreferrer" { (t.original) }
                                }
                                blockquote { (excerpt(corpus.text(item), 240)) }
                            }
                        }
                    }
                    @if waiting.len() > WAITING_LISTED {
                        p { (t.more_waiting) " " (self.num("waiting", t.s_waiting, rest, || rows(false))) }
                    }
                }
            }
        }
    }

    // ---- who brought what ----

    fn concepts(&self) -> Markup {
        let t = self.t;
        let corpus = self.corpus;
        let l = &self.analyses.learning;
        let moments = l
            .moments
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind != MomentKind::Source)
            .map(|(i, m)| (format!("moment-{i}"), m))
            .chain(l.from_us.iter().enumerate().map(|(i, m)| (format!("moment-us-{i}"), m)));
        let mut edges = Vec::new();
        let mut total = 0;
        for (id, m) in moments {
            total += 1;
            if edges.len() == MAP_CONCEPTS {
                continue;
            }
            let heading = format!("{}: {}", badge_text(t, m), m.what);
            self.evidence.borrow_mut().register(&id, &heading, || self.moment_rows(m));
            let taker = m.taken_up_in.map(|o| corpus.items[o as usize].author);
            edges.push(svg::Edge {
                from: self.name(m.from).to_string(),
                concept: m.what.clone(),
                href: self.ev_href(&id),
                to: taker.map(|p| self.name(p).to_string()).unwrap_or_default(),
                from_us: m.direction == Direction::FromUs,
            });
        }
        html! {
            section id="concepts" {
                h2 { (t.s_concepts) (self.def("learning")) }
                @if edges.is_empty() {
                    p { (t.no_concepts) }
                } @else {
                    p.intro { (t.concepts_intro) }
                    p.legend {
                        span.sw {} (t.we_learned)
                        span.sw.from-us {} (t.they_learned)
                    }
                    (svg::concept_map(&edges, t.brought_by, t.concept, t.taken_up_by))
                    @if total > edges.len() { p.intro { (t.concepts_cut) } }
                }
            }
        }
    }

    // ---- sources ----

    fn sources(&self) -> Markup {
        let t = self.t;
        let sources = &self.analyses.sources.sources;
        let kind_label = |k: SourceKind| match k {
            SourceKind::Web => t.src_web,
            SourceKind::Doi => t.src_doi,
            SourceKind::Shortener => t.src_shortener,
            SourceKind::SelfLink => t.src_self,
            SourceKind::Work => t.src_work,
        };
        let source_rows = |s: &Source| {
            std::iter::once(Row::Item(s.item))
                .chain(s.later.iter().map(|l| Row::Item(l.item)))
                .collect::<Vec<_>>()
        };
        let mut listed: Vec<(usize, &Source)> = sources.iter().enumerate().collect();
        // shared by more people first; links to our own pages last; else first shared first
        listed.sort_by_key(|(_, s)| {
            (s.kind == SourceKind::SelfLink, std::cmp::Reverse(s.later.len()))
        });
        listed.truncate(SOURCES_LISTED);
        let picked: Vec<&Source> = sources.iter().filter(|s| !s.later.is_empty()).collect();
        let broken: Vec<&Source> = sources.iter().filter(|s| s.reported_broken).collect();
        let first_shares = |list: &mut dyn Iterator<Item = &Source>| -> Vec<Row> {
            list.map(|s| Row::Item(s.item)).collect()
        };
        html! {
            section id="sources" {
                h2 { (t.s_sources) (self.def("sources")) }
                @if sources.is_empty() {
                    p { (t.no_sources) }
                } @else {
                    p.intro { (t.sources_intro) }
                    div.counts {
                        @for kind in SourceKind::ALL {
                            @let n = self.analyses.sources.count(kind);
                            @if n > 0 {
                                @let (label, id) = (kind_label(kind), format!("sources-{}", kind.as_str()));
                                span {
                                    (self.num(&id, label, self.int(n), || {
                                        first_shares(&mut sources.iter().filter(|s| s.kind == kind))
                                    }))
                                    " " (label)
                                }
                            }
                        }
                        span {
                            (self.num("sources-picked", t.picked_up, self.int(picked.len() as u64), || {
                                picked.iter().flat_map(|s| source_rows(s)).collect::<Vec<_>>()
                            }))
                            " " (t.picked_up)
                        }
                        span {
                            (self.num("sources-broken", t.reported_broken, self.int(broken.len() as u64), || {
                                first_shares(&mut broken.iter().copied())
                            }))
                            " " (t.reported_broken)
                        }
                    }
                    table {
                        tr { th { (t.source) } th { (t.shared_by) } th { (t.picked_up_by) } }
                        @for (index, s) in &listed {
                            @let shared_at = self.corpus.items[s.item as usize].created_at;
                            tr {
                                td {
                                    @if s.kind == SourceKind::Work {
                                        q.what { (s.as_written) }
                                        @if let Some(author) = &s.author { " " span.name { (author) } }
                                    } @else if let Some(url) = safe_url(&s.url) {
                                        a.url href=(url) rel="noopener noreferrer" { (excerpt(&s.url, 70)) }
                                    } @else {
                                        span.url { (excerpt(&s.url, 70)) }
                                    }
                                    br;
                                    span.meta {
                                        (kind_label(s.kind))
                                        @if s.reported_broken { " · " (t.reported_broken) }
                                    }
                                }
                                td { span.who.name { (self.name(s.from)) } br; span.meta { (moment(shared_at)) } }
                                td {
                                    @let (id, heading) = (format!("source-{index}"), excerpt(&s.url, 70));
                                    (self.num(&id, &heading, self.int(s.later.len() as u64), || {
                                        // a source nobody picked up has nothing behind its zero
                                        if s.later.is_empty() { Vec::new() } else { source_rows(s) }
                                    }))
                                    @if s.later.is_empty() { " (" (t.nobody_yet) ")" } @else {
                                        ": "
                                        @for (i, l) in s.later.iter().enumerate() {
                                            @if i > 0 { ", " }
                                            span.name { (self.name(l.participant)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // ---- method notes ----

    fn method(&self) -> Markup {
        let t = self.t;
        html! {
            section id="method" {
                h2 { (t.s_method) }
                p.intro { (t.method_intro) }
                dl.method {
                    @for (anchor, name, text, section) in t.definitions {
                        dt id={ "def-" (anchor) } { (name) }
                        dd { (text) " " span.where { "(" (t.defined_in) " „" (section) "“)" } }
                    }
                }
            }
        }
    }

    // ---- evidence ----

    fn evidence(&self) -> Markup {
        let t = self.t;
        let evidence = self.evidence.borrow();
        html! {
            section id="evidence" {
                h2 { (t.s_evidence) }
                p.intro { (t.evidence_intro) }
                @for section in evidence.sections() {
                    section.evidence id={ "ev-" (section.id) } {
                        h3 { (section.heading) " (" (self.int(section.total as u64)) ")" }
                        ol.rows { @for row in &section.rows { (self.row(row)) } }
                        @if section.total > section.rows.len() {
                            p.meta { "… " (self.int((section.total - section.rows.len()) as u64)) " " (t.more_rows) }
                        }
                        p.meta { a href="#top" { "↑ " (t.back) } }
                    }
                }
            }
        }
    }

    fn row(&self, row: &Row) -> Markup {
        match row {
            Row::Item(item) => self.item_row(*item, None),
            Row::Comment(item) => self.item_row(*item, Some(&self.answer_note(*item))),
            Row::Noted(item, note) => self.item_row(*item, Some(note)),
            Row::Person { participant, note, items } => {
                let p = &self.corpus.participants[*participant as usize];
                html! {
                    li.ev-person {
                        span.who.name { (p.display_name) } " · " span.name { (p.platform) }
                        @if let Some(note) = note { " · " span.meta { (note) } }
                        ol { @for &item in items { (self.item_row(item, None)) } }
                    }
                }
            }
            Row::Snapshot(index) => {
                let s = &self.corpus.audience[*index as usize];
                html! {
                    li.ev-item {
                        (moment(s.at)) " " span.name { (s.platform) }
                        @if let Some(account) = &s.account { " · " span.name { (account) } }
                        @if let Some(item) = &s.item { " · " code.id { (item) } }
                        " · " (self.t.snapshot) ": " span.name { (s.metric) } " = " (self.signed(s.value))
                    }
                }
            }
            Row::Hidden(item) => {
                let i = &self.corpus.items[*item as usize];
                html! {
                    li.ev-item.hidden-item {
                        (moment(i.created_at)) " · " span.name { (crate::item_platform(self.corpus, *item)) }
                        " · " (i.kind.as_str()) " · " (self.state_label(i.state)) " · " (self.t.not_public)
                    }
                }
            }
        }
    }

    fn item_row(&self, index: u32, note: Option<&Markup>) -> Markup {
        let corpus = self.corpus;
        let item = &corpus.items[index as usize];
        if item.state != State::Public {
            return self.row(&Row::Hidden(index));
        }
        let conversation = &corpus.conversations[item.conversation as usize];
        let text = excerpt(corpus.text(item), 280);
        let link = crate::care::item_link(corpus, index);
        html! {
            li.ev-item {
                (moment(item.created_at)) " "
                span.who.name { (corpus.author(item).display_name) } " · "
                span.name { (crate::item_platform(corpus, index)) } " · "
                (item.kind.as_str()) " " code.id { "#" (corpus.native_id(item)) }
                @if let Some(title) = &conversation.title {
                    " · " (self.t.items_in) " " q.name { (title) }
                }
                @if let Some(url) = link.as_deref().and_then(safe_url) {
                    " · " a href=(url) rel="noopener noreferrer" { (self.t.original) }
                }
                @if !text.is_empty() { blockquote { (text) } }
                @if let Some(note) = note { div.meta { (note) } }
            }
        }
    }
}

fn badge_text(t: &Strings, m: &Moment) -> &'static str {
    match (m.direction, m.kind) {
        (Direction::FromUs, _) => t.badge_from_us,
        (_, MomentKind::Acknowledged) => t.badge_acknowledged,
        (_, MomentKind::Quoted) => t.badge_quoted,
        (_, MomentKind::Uptake) => t.badge_uptake,
        (_, MomentKind::Source) => t.k_source,
    }
}

fn kind_badge(t: &Strings, m: &Moment) -> Markup {
    html! { span.badge.from-us[m.direction == Direction::FromUs] { (badge_text(t, m)) } " " }
}

#[cfg(test)]
mod tests;
