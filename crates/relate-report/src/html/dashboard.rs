//! The pages of `relate serve`: the report's sections, each number a link to a page of the
//! items behind it, and the lists the report has no room for (people, a person's timeline,
//! threads in reading order, search), filtered by period, platform and person.
//!
//! Built once from one loaded corpus ([`Dashboard::new`] renders the report's sections and
//! keeps the evidence they register, up to [`KEPT`] rows each); every request after that reads
//! memory only, so a page of a million-item database costs milliseconds. It knows nothing of
//! HTTP: the caller routes paths to these functions and sends what they return.
//!
//! Safety is the report's: maud escapes every value, links to originals are `http(s)` only,
//! and [`content_security_policy`] allows no script and only the one style sheet. Ids in paths
//! are indexes the caller has parsed as numbers; an index out of range, a conversation joined
//! into another or a merged account is `None` (not found), never a panic.

use std::cell::{OnceCell, RefCell};

use maud::{DOCTYPE, Markup, PreEscaped, html};
use relate_analysis::Analyses;
use relate_analysis::learning::Moment;
use relate_analysis::ledger::{self, EncounterKind, Entry};
use relate_model::State;
use relate_model::corpus::Corpus;

use super::evidence::{Evidence, Row};
use super::{Inputs, Lang, Links, Page, STYLE, moment};

/// Rows kept per number: pages of [`PER_PAGE`] up to this many, then a note of how many more.
/// The report keeps 200; on a million items "all comments" would otherwise hold a million.
pub const KEPT: usize = 5_000;
/// Rows per page of a list.
pub const PER_PAGE: usize = 50;
/// Search results shown at most (items; people separately).
pub const SEARCH_CAP: usize = 200;

/// The Content-Security-Policy the server sends with every page: the report's (no script, no
/// request, the style sheet by hash) with forms allowed to this server only (search and
/// filters are GET forms) and no framing.
pub fn content_security_policy() -> String {
    super::content_security_policy().replace("form-action 'none'", "form-action 'self'")
        + "; frame-ancestors 'none'"
}

/// What a page is filtered by, from its query string (`since`, `until`, `platform`,
/// `person`, `page`, `sort`, `q`, `ev`).
#[derive(Debug, Default, Clone)]
pub struct Query {
    pub since: Option<i64>,
    /// Exclusive: the end of the day given.
    pub until: Option<i64>,
    pub platform: Option<String>,
    pub person: Option<String>,
    /// 0-based.
    pub page: usize,
    pub sort: Option<String>,
    pub q: Option<String>,
    pub ev: Option<String>,
    /// The raw period values, to write back into the filter form and the page links.
    since_raw: Option<String>,
    until_raw: Option<String>,
}

impl Query {
    /// Parses decoded query pairs. `since` and `until` are `YYYY-MM-DD` (or RFC 3339, or `7d`
    /// before `now`); `until` includes its day. Unknown keys are ignored; empty values count
    /// as absent (an empty filter form sends them).
    pub fn parse<'k>(
        pairs: impl IntoIterator<Item = (&'k str, String)>,
        now: i64,
    ) -> Result<Query, String> {
        let mut q = Query::default();
        for (key, value) in pairs {
            let value = value.trim().to_string();
            if value.is_empty() {
                continue;
            }
            match key {
                "since" => {
                    q.since =
                        Some(relate_model::time::parse_since(&value, now).ok_or_else(|| {
                            format!("since={value:?} is not a date (YYYY-MM-DD)")
                        })?);
                    q.since_raw = Some(value);
                }
                "until" => {
                    let day = relate_model::time::parse_date(&value).map(|t| t + 86_400);
                    q.until = Some(
                        day.or_else(|| relate_model::time::parse_rfc3339(&value))
                            .ok_or_else(|| format!("until={value:?} is not a date (YYYY-MM-DD)"))?,
                    );
                    q.until_raw = Some(value);
                }
                "platform" => q.platform = Some(value),
                "person" => q.person = Some(value),
                "page" => {
                    let n: usize = value
                        .parse()
                        .map_err(|_| format!("page={value:?} is not a page number"))?;
                    q.page = n.saturating_sub(1);
                }
                "sort" => q.sort = Some(value),
                "q" => q.q = Some(value),
                "ev" => q.ev = Some(value),
                _ => {}
            }
        }
        Ok(q)
    }

    fn filtered(&self) -> bool {
        self.since.is_some()
            || self.until.is_some()
            || self.platform.is_some()
            || self.person.is_some()
    }

    /// The filters (and `ev`, `q`, `sort`) as a query string for links, with `page` (1-based)
    /// when given. Values are percent-encoded.
    fn href(&self, path: &str, page: Option<usize>) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let fields = [
            ("ev", &self.ev),
            ("q", &self.q),
            ("since", &self.since_raw),
            ("until", &self.until_raw),
            ("platform", &self.platform),
            ("person", &self.person),
            ("sort", &self.sort),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                pairs.push((key, v.clone()));
            }
        }
        if let Some(p) = page {
            pairs.push(("page", (p + 1).to_string()));
        }
        if pairs.is_empty() {
            return path.to_string();
        }
        let query: Vec<String> =
            pairs.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect();
        format!("{path}?{}", query.join("&"))
    }
}

/// Everything but unreserved characters percent-encoded (RFC 3986), for query values.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The words of the dashboard that the report does not say.
struct Words {
    overview: &'static str,
    people: &'static str,
    threads: &'static str,
    search: &'static str,
    search_button: &'static str,
    filter: &'static str,
    since: &'static str,
    until: &'static str,
    platform: &'static str,
    person: &'static str,
    any: &'static str,
    all_moments: &'static str,
    all_waiting: &'static str,
    items: &'static str,
    page: &'static str,
    previous: &'static str,
    next: &'static str,
    kept_only: &'static str,
    not_found: &'static str,
    not_found_text: &'static str,
    bad_request: &'static str,
    unauthorized: &'static str,
    unauthorized_text: &'static str,
    as_started: &'static str,
    state: &'static str,
    encounters: &'static str,
    first_met: &'static str,
    sort_by: &'static str,
    name: &'static str,
    timeline: &'static str,
    we_answered: &'static str,
    they_answered: &'static str,
    to_us: &'static str,
    from_us: &'static str,
    indirect: &'static str,
    joined: &'static str,
    no_results: &'static str,
    search_hint: &'static str,
    cap: &'static str,
    nothing: &'static str,
}

const DE: Words = Words {
    overview: "Überblick",
    people: "Menschen",
    threads: "Gespräche",
    search: "Suche",
    search_button: "Suchen",
    filter: "Filtern",
    since: "von",
    until: "bis",
    platform: "Plattform",
    person: "Person",
    any: "alle",
    all_moments: "Alle Lernmomente",
    all_waiting: "Alle wartenden Kommentare",
    items: "Einträge",
    page: "Seite",
    previous: "zurück",
    next: "weiter",
    kept_only: "Gezeigt werden die ersten Einträge; weitere sind nicht aufgelistet:",
    not_found: "Nicht gefunden",
    not_found_text: "Diese Seite gibt es nicht.",
    bad_request: "Ungültige Anfrage",
    unauthorized: "Anmeldung nötig",
    unauthorized_text: "Dieses Dashboard verlangt ein Token: öffnen Sie /?token=… mit dem Token, das beim Start gesetzt wurde.",
    as_started: "Zeigt die Datenbank, wie sie beim Start von relate serve war; neu starten, um Neues zu sehen.",
    state: "Zustand",
    encounters: "Begegnungen",
    first_met: "erste Begegnung",
    sort_by: "sortieren nach",
    name: "Name",
    timeline: "Zeitleiste",
    we_answered: "wir antworteten",
    they_answered: "sie antworteten",
    to_us: "an uns",
    from_us: "von uns",
    indirect: "indirekt",
    joined: "Zusammengeführt aus",
    no_results: "Keine Treffer.",
    search_hint: "Suche in Texten und Namen (Groß-/Kleinschreibung egal).",
    cap: "Nur die ersten Treffer werden gezeigt.",
    nothing: "Nichts in dieser Auswahl.",
};

const EN: Words = Words {
    overview: "Overview",
    people: "People",
    threads: "Threads",
    search: "Search",
    search_button: "Search",
    filter: "Filter",
    since: "from",
    until: "to",
    platform: "platform",
    person: "person",
    any: "any",
    all_moments: "All learning moments",
    all_waiting: "All comments left waiting",
    items: "items",
    page: "page",
    previous: "previous",
    next: "next",
    kept_only: "Only the first entries are listed; not listed:",
    not_found: "Not found",
    not_found_text: "There is no such page.",
    bad_request: "Bad request",
    unauthorized: "Token required",
    unauthorized_text: "This dashboard requires a token: open /?token=… with the token it was started with.",
    as_started: "Shows the database as it was when relate serve started; restart it to see what is new.",
    state: "state",
    encounters: "encounters",
    first_met: "first met",
    sort_by: "sort by",
    name: "name",
    timeline: "Timeline",
    we_answered: "we answered",
    they_answered: "they answered",
    to_us: "to us",
    from_us: "from us",
    indirect: "indirect",
    joined: "Joined from",
    no_results: "Nothing found.",
    search_hint: "Searches texts and names (any case).",
    cap: "Only the first results are shown.",
    nothing: "Nothing in this selection.",
};

/// The report's sections, rendered once with links to the dashboard's pages.
struct Sections {
    learned: String,
    relations: String,
    waiting: String,
    concepts: String,
    sources: String,
    method: String,
}

/// The dashboard of one corpus: its report sections and their evidence, rendered at start.
pub struct Dashboard<'a> {
    corpus: &'a Corpus,
    analyses: &'a Analyses,
    inputs: Inputs<'a>,
    words: &'static Words,
    sections: Sections,
    evidence: Evidence,
    platforms: Vec<&'a str>,
    /// Conversations shown in `/threads` (not joined into another), newest first.
    threads: Vec<u32>,
    /// Every learning moment either way, in `/learned`'s order: sorting them per request
    /// cost a tenth of a second on a million items.
    moments: Vec<&'a Moment>,
    /// Indexes into the ledger's people per `/people?sort=` key (`SORTS`), sorted once.
    people_sorted: Vec<Vec<u32>>,
}

/// The orders `/people` offers; the first is the ledger's own (strongest tie first).
const SORTS: [&str; 5] = ["strength", "name", "last", "first", "encounters"];

impl<'a> Dashboard<'a> {
    pub fn new(corpus: &'a Corpus, analyses: &'a Analyses, inputs: Inputs<'a>) -> Self {
        let (sections, evidence) = {
            let page = Page {
                links: Links::Server,
                corpus,
                analyses,
                inputs: &inputs,
                t: inputs.lang.strings(),
                evidence: RefCell::new(Evidence::with_limit(KEPT)),
                authored: OnceCell::new(),
            };
            let sections = Sections {
                learned: page.learned().into_string(),
                relations: page.relations().into_string(),
                waiting: page.waiting().into_string(),
                concepts: page.concepts().into_string(),
                sources: page.sources().into_string(),
                method: page.method().into_string(),
            };
            (sections, page.evidence.into_inner())
        };
        let mut threads: Vec<u32> = (0..corpus.conversations.len() as u32)
            .filter(|&c| corpus.conversations[c as usize].joined_into.is_none())
            .filter(|&c| !analyses.threads.order[c as usize].is_empty())
            .collect();
        let started = |c: u32| {
            let first = analyses.threads.order[c as usize].first();
            first.and_then(|&i| corpus.items[i as usize].created_at).unwrap_or(i64::MIN)
        };
        // newest first; stable, so conversations of one moment keep the store's order
        threads.sort_by_key(|&c| std::cmp::Reverse(started(c)));
        let words = match inputs.lang {
            Lang::De => &DE,
            Lang::En => &EN,
        };
        let every = crate::Filter { direction: crate::Directions::Both, ..Default::default() };
        let moments = crate::moments_matching(corpus, analyses, &every);
        let entries = &inputs.ledger.people;
        let people_sorted = SORTS
            .iter()
            .map(|&key| {
                let mut order: Vec<u32> = (0..entries.len() as u32).collect();
                let e = |i: &u32| &entries[*i as usize];
                match key {
                    "name" => order.sort_by_cached_key(|i| {
                        corpus.participants[e(i).participant as usize].display_name.to_lowercase()
                    }),
                    "last" => order.sort_by_key(|i| std::cmp::Reverse(e(i).last_encounter)),
                    "first" => order.sort_by_key(|i| e(i).first_encounter.unwrap_or(i64::MAX)),
                    "encounters" => order.sort_by_key(|i| std::cmp::Reverse(e(i).encounters)),
                    _ => {} // the ledger's order
                }
                order
            })
            .collect();
        Dashboard {
            corpus,
            analyses,
            inputs,
            words,
            sections,
            evidence,
            platforms: crate::platforms(corpus),
            threads,
            moments,
            people_sorted,
        }
    }

    /// A page context for rendering rows (the evidence is already registered).
    fn page(&self) -> Page<'_> {
        Page {
            links: Links::Server,
            corpus: self.corpus,
            analyses: self.analyses,
            inputs: &self.inputs,
            t: self.inputs.lang.strings(),
            evidence: RefCell::new(Evidence::with_limit(0)),
            authored: OnceCell::new(),
        }
    }

    fn shell(&self, title: &str, body: Markup) -> String {
        let t = self.inputs.lang.strings();
        let w = self.words;
        let owners = crate::owners(self.corpus);
        html! {
            (DOCTYPE)
            html lang=(self.inputs.lang.code()) {
                head {
                    meta charset="utf-8";
                    meta name="referrer" content="no-referrer";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " – relate" }
                    style { (PreEscaped(STYLE)) }
                }
                body.dash {
                    header id="top" {
                        p.lede {
                            a href="/" { strong { "relate" } } " · " (t.report_for) " "
                            @if owners.is_empty() { (t.no_owner) } @else { span.name { (owners.join(", ")) } }
                            @if let Some((a, b)) = crate::time_span(self.corpus) {
                                ", " (super::day(a)) " " (t.to) " " (super::day(b))
                            }
                        }
                        nav {
                            a href="/" { (w.overview) }
                            a href="/learned" { (t.s_learned) }
                            a href="/people" { (w.people) }
                            a href="/threads" { (w.threads) }
                            a href="/concepts" { (t.s_concepts) }
                            a href="/sources" { (t.s_sources) }
                            a href="/waiting" { (t.s_waiting) }
                            a href="/method" { (t.s_method) }
                            form.search action="/search" method="get" role="search" {
                                input type="search" name="q" aria-label=(w.search) placeholder=(w.search);
                                button type="submit" { (w.search_button) }
                            }
                        }
                        h1 { (title) }
                    }
                    main { (body) }
                    footer { (w.as_started) " " (t.made_by) " " code { (env!("CARGO_PKG_VERSION")) } }
                }
            }
        }
        .into_string()
    }

    /// The filter form for `path`, keeping `ev` (the list it filters).
    fn filters(&self, path: &str, q: &Query) -> Markup {
        let w = self.words;
        html! {
            form.filters action=(path) method="get" {
                @if let Some(ev) = &q.ev { input type="hidden" name="ev" value=(ev); }
                @if let Some(text) = &q.q { input type="hidden" name="q" value=(text); }
                label { (w.since) " " input type="date" name="since" value=[q.since_raw.as_deref()]; }
                label { (w.until) " " input type="date" name="until" value=[q.until_raw.as_deref()]; }
                label {
                    (w.platform) " "
                    select name="platform" {
                        option value="" { (w.any) }
                        @for p in &self.platforms {
                            option value=(p) selected[q.platform.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(p))] { (p) }
                        }
                    }
                }
                label { (w.person) " " input type="text" name="person" value=[q.person.as_deref()]; }
                button type="submit" { (w.filter) }
            }
        }
    }

    /// Page links under a list of `total` entries.
    fn pager(&self, path: &str, q: &Query, total: usize) -> Markup {
        let w = self.words;
        let pages = total.div_ceil(PER_PAGE).max(1);
        let current = q.page.min(pages - 1);
        html! {
            p.pager {
                @if current > 0 { a rel="prev" href=(q.href(path, Some(current - 1))) { "← " (w.previous) } " " }
                (w.page) " " (current + 1) " / " (pages) " · " (total) " " (w.items)
                @if current + 1 < pages { " " a rel="next" href=(q.href(path, Some(current + 1))) { (w.next) " →" } }
            }
        }
    }

    fn slice<'s, T>(&self, all: &'s [T], q: &Query) -> &'s [T] {
        // a page past the end shows the last one, however large the number asked for
        let start =
            q.page.saturating_mul(PER_PAGE).min(all.len().saturating_sub(1) / PER_PAGE * PER_PAGE);
        &all[start..(start + PER_PAGE).min(all.len())]
    }

    /// Which participants `q.person` names (linked accounts resolved), if it names anyone.
    fn named(&self, q: &Query) -> Option<Vec<bool>> {
        q.person.as_deref().map(|name| crate::people_named(self.corpus, name))
    }

    fn keep_item(&self, q: &Query, named: Option<&[bool]>, item: u32) -> bool {
        let corpus = self.corpus;
        let i = &corpus.items[item as usize];
        let in_period = match (q.since, q.until, i.created_at) {
            (None, None, _) => true,
            (_, _, None) => false,
            (since, until, Some(t)) => since.is_none_or(|s| t >= s) && until.is_none_or(|u| t < u),
        };
        in_period
            && q.platform
                .as_deref()
                .is_none_or(|p| crate::item_platform(corpus, item).eq_ignore_ascii_case(p))
            && named.is_none_or(|named| named[i.author as usize])
    }

    fn keep_row(&self, q: &Query, named: Option<&[bool]>, row: &Row) -> bool {
        match row {
            Row::Item(i) | Row::Comment(i) | Row::Noted(i, _) | Row::Hidden(i) => {
                self.keep_item(q, named, *i)
            }
            Row::Person { participant, items, .. } => {
                let p = &self.corpus.participants[*participant as usize];
                q.platform.as_deref().is_none_or(|x| p.platform.eq_ignore_ascii_case(x))
                    && named.is_none_or(|named| named[*participant as usize])
                    && (q.since.is_none() && q.until.is_none()
                        || items.iter().any(|&i| self.keep_item(q, None, i)))
            }
            Row::Snapshot(index) => {
                let s = &self.corpus.audience[*index as usize];
                named.is_none()
                    && q.platform.as_deref().is_none_or(|x| s.platform.eq_ignore_ascii_case(x))
                    && q.since.is_none_or(|since| s.at.is_some_and(|at| at >= since))
                    && q.until.is_none_or(|until| s.at.is_some_and(|at| at < until))
            }
        }
    }

    fn report_page(&self, title: &str, parts: &[&str]) -> String {
        let joined: String = parts.concat();
        self.shell(title, PreEscaped(joined))
    }

    /// `/`: the report's sections, every number a link to `/items?ev=…`.
    pub fn overview(&self) -> String {
        let s = &self.sections;
        let title = self.inputs.lang.strings().title;
        self.report_page(title, &[&s.learned, &s.relations, &s.waiting, &s.concepts, &s.sources])
    }

    /// `/concepts`.
    pub fn concepts(&self) -> String {
        self.report_page(self.inputs.lang.strings().s_concepts, &[&self.sections.concepts])
    }

    /// `/sources`.
    pub fn sources(&self) -> String {
        self.report_page(self.inputs.lang.strings().s_sources, &[&self.sections.sources])
    }

    /// `/method`: the definitions every `?` links to.
    pub fn method(&self) -> String {
        self.report_page(self.inputs.lang.strings().s_method, &[&self.sections.method])
    }

    /// `/learned`: the report's section, then every moment either way matching the filters.
    pub fn learned(&self, q: &Query) -> String {
        let page = self.page();
        let filter = crate::Filter {
            direction: crate::Directions::Both,
            since: q.since,
            person: q.person.as_deref(),
            platform: q.platform.as_deref(),
        };
        let moments: Vec<&Moment> = if q.filtered() {
            (crate::moments_matching(self.corpus, self.analyses, &filter).into_iter())
                .filter(|m| {
                    let at = crate::moment_time(self.corpus, m);
                    q.until.is_none_or(|u| at.is_some_and(|t| t < u))
                })
                .collect()
        } else {
            self.moments.clone()
        };
        let body = html! {
            @if !q.filtered() { (PreEscaped(&self.sections.learned)) }
            section id="all-moments" {
                h2 { (self.words.all_moments) }
                (self.filters("/learned", q))
                (self.pager("/learned", q, moments.len()))
                ol.rows {
                    @for m in self.slice(&moments, q) {
                        @for row in page.moment_rows(m) { (page.row(&row)) }
                    }
                }
                @if moments.is_empty() { p { (self.words.nothing) } }
            }
        };
        self.shell(self.inputs.lang.strings().s_learned, body)
    }

    /// `/waiting`: the report's section, then every comment left waiting matching the filters.
    pub fn waiting(&self, q: &Query) -> String {
        let page = self.page();
        let named = self.named(q);
        let waiting: Vec<u32> = (self.inputs.waiting.iter())
            .map(|w| w.item)
            .filter(|&i| self.keep_item(q, named.as_deref(), i))
            .collect();
        let body = html! {
            @if !q.filtered() { (PreEscaped(&self.sections.waiting)) }
            section id="all-waiting" {
                h2 { (self.words.all_waiting) }
                (self.filters("/waiting", q))
                (self.pager("/waiting", q, waiting.len()))
                ol.rows { @for &i in self.slice(&waiting, q) { (page.row(&Row::Comment(i))) } }
                @if waiting.is_empty() { p { (self.words.nothing) } }
            }
        };
        self.shell(self.inputs.lang.strings().s_waiting, body)
    }

    /// `/items?ev=ID`: the items behind one number, filtered and paged; `None` for an id no
    /// number registered.
    pub fn items(&self, q: &Query) -> Option<String> {
        let section = self.evidence.section(q.ev.as_deref()?)?;
        let page = self.page();
        let named = self.named(q);
        let rows: Vec<&Row> =
            section.rows.iter().filter(|r| self.keep_row(q, named.as_deref(), r)).collect();
        let left_out = section.total - section.rows.len();
        let t = self.inputs.lang.strings();
        let body = html! {
            section.evidence id="items" {
                p.intro { (t.evidence_intro) }
                (self.filters("/items", q))
                (self.pager("/items", q, rows.len()))
                ol.rows { @for row in self.slice(&rows, q) { (page.row(row)) } }
                @if rows.is_empty() { p { (self.words.nothing) } }
                @if left_out > 0 {
                    p.meta.listcount { (self.words.kept_only) " " (page.int(left_out as u64)) }
                }
            }
        };
        let title = format!("{} ({})", section.heading, page.int(section.total as u64));
        Some(self.shell(&title, body))
    }

    /// `/people?sort=strength|name|last|first|encounters`: the ledger, each person a link to
    /// their timeline.
    pub fn people(&self, q: &Query) -> String {
        let page = self.page();
        let w = self.words;
        let named = self.named(q);
        let corpus = self.corpus;
        let sort = SORTS.iter().position(|&k| q.sort.as_deref() == Some(k)).unwrap_or(0);
        let entries = &self.inputs.ledger.people;
        let people: Vec<&Entry> = (self.people_sorted[sort].iter())
            .map(|&i| &entries[i as usize])
            .filter(|e| named.as_ref().is_none_or(|n| n[e.participant as usize]))
            .filter(|e| {
                q.platform
                    .as_deref()
                    .is_none_or(|p| e.platforms.iter().any(|x| x.eq_ignore_ascii_case(p)))
            })
            .filter(|e| q.since.is_none_or(|s| e.last_encounter.is_some_and(|t| t >= s)))
            .filter(|e| q.until.is_none_or(|u| e.first_encounter.is_some_and(|t| t < u)))
            .collect();
        let sort_link = |key: &str, label: &str| {
            let mut sorted = q.clone();
            sorted.sort = Some(key.to_string());
            sorted.page = 0;
            html! { a href=(sorted.href("/people", None)) { (label) } }
        };
        let t = self.inputs.lang.strings();
        let body = html! {
            (self.filters("/people", q))
            p.meta {
                (w.sort_by) ": " (sort_link("strength", t.strength)) " · " (sort_link("name", w.name)) " · "
                (sort_link("last", t.last_met)) " · " (sort_link("first", w.first_met)) " · "
                (sort_link("encounters", w.encounters))
            }
            (self.pager("/people", q, people.len()))
            table.people {
                tr { th { (w.name) } th { (w.platform) } th { (w.state) } th { (t.strength) } th { (w.encounters) } th { (w.first_met) } th { (t.last_met) } }
                @for e in self.slice(&people, q) {
                    @let href = format!("/person/{}", e.participant);
                    tr {
                        td { a.person href=(href) { span.name { (corpus.participants[e.participant as usize].display_name) } } }
                        td { span.name { (e.platforms.join(", ")) } }
                        td { (e.state.map_or("", |s| page.state_name(s))) }
                        td.v { a.num href=(href) { (page.dec(e.strength, 2)) } }
                        td.v { a.num href=(href) { (page.int(e.encounters)) } }
                        td { @if let Some(t) = e.first_encounter { (super::day(t)) } }
                        td { @if let Some(t) = e.last_encounter { (super::day(t)) } }
                    }
                }
            }
            @if people.is_empty() { p { (w.nothing) } }
        };
        self.shell(w.people, body)
    }

    /// `/person/ID`: one relationship as a timeline; `None` unless ID is a person of the
    /// ledger.
    pub fn person(&self, participant: u32, q: &Query) -> Option<String> {
        let entry = self.inputs.ledger.entry_of(participant)?;
        let page = self.page();
        let w = self.words;
        let t = self.inputs.lang.strings();
        let timeline = ledger::timeline(self.corpus, self.analyses, self.inputs.ledger, entry);
        let moments: Vec<&ledger::Moment> = (timeline.moments.iter())
            .filter(|m| {
                let mut period = q.clone();
                period.person = None;
                self.keep_item(&period, None, m.encounter.item)
            })
            .collect();
        let path = format!("/person/{participant}");
        let p = &self.corpus.participants[participant as usize];
        let kind = |k: EncounterKind| match k {
            EncounterKind::ToUs => w.to_us,
            EncounterKind::FromUs => w.from_us,
            EncounterKind::Indirect => w.indirect,
        };
        let answer = |label: &str, a: Option<Option<u32>>| match a {
            Some(Some(i)) => html! { (label) " " code.id { "#" (self.corpus.native_id_of(i)) } },
            Some(None) => html! { (t.no_answer_yet) },
            None => html! {},
        };
        let body = html! {
            p.lede {
                span.name { (e_platforms(entry)) } " · "
                (entry.state.map_or("", |s| page.state_name(s))) " · "
                span.listcount { (t.strength) " " (page.dec(entry.strength, 2)) " · "
                (page.int(entry.encounters)) " " (w.encounters) }
            }
            h2 { (w.timeline) }
            (self.filters(&path, q))
            (self.pager(&path, q, moments.len()))
            ol.rows {
                @for m in self.slice(&moments, q) {
                    @let note = html! {
                        span.badge { (kind(m.encounter.kind)) } " "
                        (answer(w.we_answered, m.our_answer)) (answer(w.they_answered, m.their_answer))
                    };
                    (page.item_row(m.encounter.item, Some(&note)))
                }
            }
            @if moments.is_empty() { p { (w.nothing) } }
        };
        Some(self.shell(&p.display_name, body))
    }

    /// `/threads`: conversations (stitched ones once), newest first, with any item matching
    /// the filters.
    pub fn threads(&self, q: &Query) -> String {
        let page = self.page();
        let w = self.words;
        let named = self.named(q);
        let corpus = self.corpus;
        let public = |c: u32| {
            let order = &self.analyses.threads.order[c as usize];
            order.iter().filter(|&&i| corpus.items[i as usize].state == State::Public).count()
        };
        let threads: Vec<u32> = if q.filtered() {
            (self.threads.iter().copied())
                .filter(|&c| {
                    self.analyses.threads.order[c as usize].iter().any(|&i| {
                        corpus.items[i as usize].state == State::Public
                            && self.keep_item(q, named.as_deref(), i)
                    })
                })
                .collect()
        } else {
            self.threads.clone()
        };
        let body = html! {
            (self.filters("/threads", q))
            (self.pager("/threads", q, threads.len()))
            ol.rows.threads {
                @for &c in self.slice(&threads, q) {
                    @let conversation = &corpus.conversations[c as usize];
                    @let order = &self.analyses.threads.order[c as usize];
                    @let href = format!("/thread/{c}");
                    li.ev-item {
                        @if let Some(&root) = order.first() { (moment(corpus.items[root as usize].created_at)) " " }
                        span.name { (conversation.platform) } " · "
                        a href=(href) {
                            @if let Some(title) = &conversation.title { q.name { (title) } } @else { code.id { (conversation.key) } }
                        }
                        " · " a.num href=(href) { (page.int(public(c) as u64)) } " " (w.items)
                    }
                }
            }
            @if threads.is_empty() { p { (w.nothing) } }
        };
        self.shell(w.threads, body)
    }

    /// `/thread/ID`: one conversation in reading order, replies indented, each item's
    /// platform marked; `None` unless ID is a conversation not joined into another.
    pub fn thread(&self, conversation: u32) -> Option<String> {
        let corpus = self.corpus;
        let c = corpus.conversations.get(conversation as usize)?;
        if c.joined_into.is_some() {
            return None;
        }
        let page = self.page();
        let w = self.words;
        let order = &self.analyses.threads.order[conversation as usize];
        let joined: Vec<&relate_model::corpus::CorpusConversation> =
            corpus.conversations.iter().filter(|o| o.joined_into == Some(conversation)).collect();
        let depth = |item: u32| {
            let mut d = 0;
            let mut at = corpus.items[item as usize].parent;
            // bounded: a broken export could make a parent cycle
            while let Some(p) = at
                && d < 6
            {
                d += 1;
                at = corpus.items[p as usize].parent;
            }
            d
        };
        let title = c.title.as_deref().map_or_else(|| c.key.to_string(), str::to_string);
        let body = html! {
            p.lede {
                span.name { (c.platform) }
                @if let Some(url) = c.url.as_deref().and_then(super::safe_url) {
                    " · " a href=(url) rel="noopener noreferrer" { (page.t.original) }
                }
            }
            @if !joined.is_empty() {
                p.meta {
                    (w.joined) ": "
                    @for (i, o) in joined.iter().enumerate() {
                        @if i > 0 { ", " }
                        span.name { (o.platform) } " "
                        @if let Some(t) = &o.title { q.name { (t) } } @else { code.id { (o.key) } }
                    }
                }
            }
            div.reading {
                @for &i in order.iter() {
                    @let platform = html! { span.badge.platform { (crate::item_platform(corpus, i)) } };
                    ol class={ "rows d" (depth(i)) } { (page.item_row(i, Some(&platform))) }
                }
            }
        };
        Some(self.shell(&title, body))
    }

    /// `/search?q=`: items whose text and people whose name contain `q`, any case; at most
    /// [`SEARCH_CAP`] items.
    pub fn search(&self, q: &Query) -> String {
        let page = self.page();
        let w = self.words;
        let corpus = self.corpus;
        let needle = q.q.as_deref().unwrap_or("").trim().to_lowercase();
        let named = self.named(q);
        let (mut items, mut people) = (Vec::new(), Vec::new());
        let mut capped = false;
        if !needle.is_empty() {
            for (index, p) in corpus.participants.iter().enumerate() {
                if p.merged_into.is_none()
                    && (contains_folded(&p.display_name, &needle)
                        || contains_folded(&p.handle, &needle))
                {
                    people.push(index as u32);
                }
            }
            for (index, item) in corpus.items.iter().enumerate() {
                let index = index as u32;
                if item.state == State::Public
                    && contains_folded(corpus.text(item), &needle)
                    && self.keep_item(q, named.as_deref(), index)
                {
                    if items.len() == SEARCH_CAP {
                        capped = true;
                        break;
                    }
                    items.push(index);
                }
            }
        }
        let ledger = self.inputs.ledger;
        let body = html! {
            form.filters action="/search" method="get" {
                input type="search" name="q" value=[q.q.as_deref()] aria-label=(w.search);
                button type="submit" { (w.search_button) }
            }
            p.meta { (w.search_hint) }
            @if !needle.is_empty() {
                @if !people.is_empty() {
                    h2 { (w.people) }
                    ul.people {
                        @for &p in people.iter().take(SEARCH_CAP) {
                            li {
                                @if ledger.entry_of(p).is_some() {
                                    a.person href={ "/person/" (p) } { span.name { (page.name(p)) } }
                                } @else { span.name { (page.name(p)) } }
                                " · " span.name { (corpus.participants[p as usize].platform) }
                            }
                        }
                    }
                }
                h2 { (w.items) }
                (self.filters("/search", q))
                (self.pager("/search", q, items.len()))
                ol.rows { @for &i in self.slice(&items, q) { (page.item_row(i, None)) } }
                @if capped { p.meta { (w.cap) } }
                @if items.is_empty() && people.is_empty() { p { (w.no_results) } }
            }
        };
        self.shell(w.search, body)
    }

    /// The page for an unknown path or id (status 404).
    pub fn not_found(&self) -> String {
        let body =
            html! { p { (self.words.not_found_text) " " a href="/" { (self.words.overview) } } };
        self.shell(self.words.not_found, body)
    }

    /// The page for a malformed query (status 400), saying what was wrong.
    pub fn bad_request(&self, message: &str) -> String {
        let body = html! { p { (message) } };
        self.shell(self.words.bad_request, body)
    }

    /// The page for a request without the token (status 401); shows nothing of the data.
    pub fn unauthorized(lang: Lang) -> String {
        let w = match lang {
            Lang::De => &DE,
            Lang::En => &EN,
        };
        html! {
            (DOCTYPE)
            html lang=(lang.code()) {
                head { meta charset="utf-8"; title { (w.unauthorized) } style { (PreEscaped(STYLE)) } }
                body { header { h1 { (w.unauthorized) } p { (w.unauthorized_text) } } }
            }
        }
        .into_string()
    }
}

fn e_platforms(entry: &Entry) -> String {
    entry.platforms.join(", ")
}

/// Whether `hay` contains `needle` (already lowercase), ignoring case; ASCII texts are
/// compared without allocating, which keeps a search over a million texts fast.
fn contains_folded(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_links_encode_what_people_type() {
        let q = Query::parse(
            [("person", "Anja & <Co>".to_string()), ("since", "2026-03-01".to_string())],
            0,
        )
        .unwrap();
        assert_eq!(
            q.href("/items", Some(1)),
            "/items?since=2026-03-01&person=Anja%20%26%20%3CCo%3E&page=2"
        );
        assert!(Query::parse([("since", "yesterday-ish".to_string())], 0).is_err());
        assert!(Query::parse([("page", "-1".to_string())], 0).is_err());
        let until = Query::parse([("until", "2026-03-01".to_string())], 0).unwrap().until;
        assert_eq!(until, relate_model::time::parse_date("2026-03-02"));
    }

    #[test]
    fn search_folds_case_without_allocating_for_ascii() {
        assert!(contains_folded("Open Storage Night", "storage n"));
        assert!(!contains_folded("Open", "opened"));
        assert!(contains_folded("Wissenstransfer ÜBER", "über"));
    }

    #[test]
    fn the_policy_allows_forms_to_this_server_only() {
        let csp = content_security_policy();
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(csp.contains("form-action 'self'") && !csp.contains("form-action 'none'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("script-src"));
    }
}
