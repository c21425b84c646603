//! Sources and curation: what was shared, by whom, who picked it up, and how the owner
//! shares: a bare link, or a link with the owner's own framing and relations to other sources
//! (curation as adding value by relating sources). Pure: no network, ever; whether a link
//! still works is `relate sources check`, run only when asked.
//!
//! Definitions (also in docs/measures.md, "Sources and curation"):
//!
//! 1. *Items read*: public items that are not pingbacks, trackbacks, likes or reposts, by
//!    anyone, owners included.
//! 2. *A source* is a link of an item (`<a href>` or a bare URL in the text, as the importer
//!    found it) or a DOI. URLs are normalised ([`normalise`]): host lowercased, `www.`, the
//!    default port and the fragment dropped, tracking parameters ([`TRACKING_PARAMS`] and every
//!    `utm_*`) removed, other parameters kept in their order and spelling. Two links are the
//!    same source when their *keys* are equal: the normalised URL without scheme and trailing
//!    slash. A DOI is recognised in a `doi.org` / `dx.doi.org` link and as a bare
//!    `10.NNNN/…` in the text (not inside a URL); its key is `doi:` and the DOI lowercased.
//! 3. *Kind*: `doi`; `shortener` when the host is in [`SHORTENERS`]; `self` when the link is
//!    the page of the conversation it was shared in, or on the same host as that page when the
//!    conversation is a site's ([`SITE_PLATFORMS`]: a blog, not a social network); else `web`.
//!    The first item that shares a source decides its kind.
//! 4. *Shared first*: the earliest item (time, then store order) carrying the source; its
//!    author *shared* it. *Later*: a later item by someone else carrying the same source
//!    (`shared`), or an item by someone else answering the first item (its parent, or an
//!    `@Name` address) that names the source's host or DOI (`mentioned`). Each person once.
//! 5. *Reported broken*: an owner item answering the first item says the link is broken or
//!    leads back to the conversation (`relate_text::reports_broken_link`), as in learning.
//! 6. *Curation*, for owner items with at least one source that is not `self` (announcing
//!    one's own post is not curation): *own words* are the whitespace-separated tokens with a
//!    letter that are not URLs, DOIs, hashtags or `@` handles. `bare`: fewer than
//!    [`BARE_WORDS`] own words. Otherwise `related` when the item carries two or more
//!    distinct non-`self` sources, or names (host or DOI) a different source shared earlier in
//!    the same conversation, or answers an item that shared a different source; else
//!    `framed`.
//!
//! 7. *Works* (kind `work`): a book, article, play or exhibition named by its title, as
//!    [`relate_text::works`] finds it (a title in quotation marks or emphasis with a cue: an
//!    author after "von"/"by" or as a possessive before it, a citation with a year, a cue
//!    word such as "das Buch", "die Ausstellung", "the book"; unmarked English titles in title
//!    case after "book"/"exhibition" or a possessive name). Key: `work:` and
//!    [`relate_text::title_key`] (lowercased, whitespace collapsed); the author is kept when
//!    a mention names one. Shared first by the earliest item naming it with a cue; picked up
//!    by someone else in a later item naming it with a cue (`shared`) or only as a title in
//!    quotation marks (`mentioned`), anywhere. Example: "„Wir von der Schleuse“, 2023)" shares
//!    a play; a later "„Wir von der Schleuse“ habe ich nicht gesehen" by another picks it up.
//!    Works are not links: never `self`, no broken-link report, no curation, not checked.
//!
//! Known limits: a work named without a cue or marks is not seen; "names the host" is a
//! plain substring match; a link's anchor text counts as own words.

use rayon::prelude::*;
use relate_model::State;
use relate_model::corpus::Corpus;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use crate::threads::Threads;

/// Query parameters that only track who clicked (besides every `utm_*`).
pub const TRACKING_PARAMS: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
    "igshid", "ref", "ref_src", "ref_url", "si", "_hsenc", "_hsmi", "mkt_tok",
];

/// Hosts whose links only redirect elsewhere.
pub const SHORTENERS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "j.mp",
    "t.co",
    "tinyurl.com",
    "ow.ly",
    "buff.ly",
    "goo.gl",
    "is.gd",
    "v.gd",
    "lnkd.in",
    "trib.al",
    "dlvr.it",
    "fb.me",
    "tiny.cc",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "rb.gy",
    "t.ly",
    "bit.do",
    "su.pr",
    "ift.tt",
    "wp.me",
    "amzn.to",
    "po.st",
    "soo.gd",
    "s.id",
    "x.co",
    "qr.ae",
    "db.tt",
    "flic.kr",
    "shar.es",
];

/// Platforms whose conversations are pages of a site (their host is the site's own).
pub const SITE_PLATFORMS: &[&str] = &["wordpress", "web", "rss", "disqus", "blog"];

/// An owner item with fewer own words than this is a bare link.
pub const BARE_WORDS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Web,
    Doi,
    Shortener,
    #[serde(rename = "self")]
    SelfLink,
    /// A named work (book, article, play, exhibition) without a link: its title.
    Work,
}

impl SourceKind {
    pub const ALL: [SourceKind; 5] = [
        SourceKind::Web,
        SourceKind::Doi,
        SourceKind::Shortener,
        SourceKind::SelfLink,
        SourceKind::Work,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Web => "web",
            SourceKind::Doi => "doi",
            SourceKind::Shortener => "shortener",
            SourceKind::SelfLink => "self",
            SourceKind::Work => "work",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Curation {
    Bare,
    Framed,
    Related,
}

impl Curation {
    pub const ALL: [Curation; 3] = [Curation::Bare, Curation::Framed, Curation::Related];

    pub fn as_str(self) -> &'static str {
        match self {
            Curation::Bare => "bare",
            Curation::Framed => "framed",
            Curation::Related => "related",
        }
    }
}

/// How a later person took a source up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pickup {
    /// Carried the same source in a later item.
    Shared,
    /// Answered the sharing item naming the source's host or DOI.
    Mentioned,
}

#[derive(Debug, Clone, Serialize)]
pub struct Share {
    pub item: u32,
    pub participant: u32,
    pub how: Pickup,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// Comparison key: `host/path?query` without scheme and trailing slash, `doi:10.…`, or
    /// `work:` and the title lowercased with whitespace collapsed.
    pub key: String,
    /// The normalised URL (a DOI as `https://doi.org/…`): what `relate sources check` asks.
    /// A work's title as first written (nothing to check).
    pub url: String,
    pub kind: SourceKind,
    /// As first written.
    pub as_written: String,
    /// The first item carrying it, and its author.
    pub item: u32,
    pub from: u32,
    /// Later shares and pickups by others, in time order, one per person.
    pub later: Vec<Share>,
    /// An owner answering the first item said the link is broken.
    pub reported_broken: bool,
    /// A work's author, when one of its mentions names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnerShare {
    pub item: u32,
    pub curation: Curation,
    pub own_words: u32,
    /// Indices into [`Sources::sources`] (not `self` ones).
    pub sources: Vec<u32>,
}

#[derive(Debug, Default)]
pub struct Sources {
    /// Every source, in order of first sharing.
    pub sources: Vec<Source>,
    /// Owner items sharing sources that are not `self`, in time order.
    pub owner_shares: Vec<OwnerShare>,
}

impl Sources {
    pub fn count(&self, kind: SourceKind) -> u64 {
        self.sources.iter().filter(|s| s.kind == kind).count() as u64
    }

    pub fn curation(&self, curation: Curation) -> u64 {
        self.owner_shares.iter().filter(|s| s.curation == curation).count() as u64
    }
}

/// A URL normalised for comparison ([`Normalised::key`]) and for asking it ([`Normalised::url`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    pub url: String,
    pub key: String,
    pub host: String,
}

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_") || TRACKING_PARAMS.contains(&name.as_str())
}

/// Normalises an http(s) URL (rule 2); `None` for anything else.
pub fn normalise(url: &str) -> Option<Normalised> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    // the url crate already drops a default port
    let authority = match parsed.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.clone(),
    };
    let query: Vec<&str> = parsed
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !is_tracking(pair.split('=').next().unwrap_or("")))
        .collect();
    let mut rest = parsed.path().to_string();
    if !query.is_empty() {
        rest.push('?');
        rest.push_str(&query.join("&"));
    }
    let url = format!("{}://{authority}{rest}", parsed.scheme());
    let path = parsed.path().trim_end_matches('/');
    let mut key = format!("{authority}{path}");
    if !query.is_empty() {
        key.push('?');
        key.push_str(&query.join("&"));
    }
    Some(Normalised { url, key, host })
}

pub fn is_shortener(host: &str) -> bool {
    SHORTENERS.contains(&host)
}

/// A DOI in a `doi.org` or `dx.doi.org` link, lowercased.
pub fn doi_in_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?.to_lowercase();
    if !matches!(host.as_str(), "doi.org" | "dx.doi.org" | "www.doi.org") {
        return None;
    }
    let path = percent_decode(parsed.path().trim_start_matches('/'));
    let (doi, len) = doi_at(&path)?;
    (len == path.trim_end_matches('/').len()).then_some(doi)
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map_or_else(|| s.to_string(), |(_, v)| v.into_owned())
}

/// A DOI starting at the beginning of `s` (`10.` + 4 to 9 digits + `/` + a suffix without
/// whitespace, trailing punctuation trimmed): the DOI lowercased and its length in `s`.
fn doi_at(s: &str) -> Option<(String, usize)> {
    let rest = s.strip_prefix("10.")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(4..=9).contains(&digits) {
        return None;
    }
    let after = &rest[digits..];
    let suffix = after.strip_prefix('/')?;
    let end = suffix
        .find(|c: char| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '„' | '»' | '«')
        })
        .unwrap_or(suffix.len());
    let suffix = suffix[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'']);
    if suffix.is_empty() {
        return None;
    }
    let len = 3 + digits + 1 + suffix.len();
    Some((s[..len].to_lowercase(), len))
}

/// Bare DOIs in a text, not inside a URL: byte offset and DOI (lowercased).
pub fn dois_in_text(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("10.").map(|p| p + from) {
        let inside = at > 0 && {
            let prev = bytes[at - 1];
            prev.is_ascii_alphanumeric() || matches!(prev, b'/' | b'.' | b'-' | b'_' | b'=')
        };
        match (!inside).then(|| doi_at(&text[at..])).flatten() {
            Some((doi, len)) => {
                found.push((at, doi));
                from = at + len;
            }
            None => from = at + 3,
        }
    }
    found
}

/// One source as found in one item.
#[derive(Debug, Clone)]
struct Found {
    key: String,
    url: String,
    host: String,
    kind: SourceKind,
    as_written: String,
}

/// A work named in one item: its key (`work:` and [`relate_text::title_key`]), title,
/// author, and whether a cue made it a work (else only its title in marks, which picks up a
/// work named before).
#[derive(Debug, Clone)]
struct WorkFound {
    key: String,
    title: String,
    author: Option<String>,
    cued: bool,
}

fn works_in(text: &str) -> Vec<WorkFound> {
    let mut out: Vec<WorkFound> = Vec::new();
    let works = relate_text::works(text);
    for w in &works {
        let key = format!("work:{}", relate_text::title_key(&w.title));
        if !out.iter().any(|o| o.key == key) {
            out.push(WorkFound {
                key,
                title: w.title.clone(),
                author: w.author.clone(),
                cued: true,
            });
        }
    }
    for (start, end) in relate_text::marked_titles(text) {
        let key = format!("work:{}", relate_text::title_key(&text[start..end]));
        if !out.iter().any(|o| o.key == key) {
            out.push(WorkFound {
                key,
                title: text[start..end].to_string(),
                author: None,
                cued: false,
            });
        }
    }
    out
}

fn found_in(text: &str, links: &[String]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut push = |f: Found| {
        if !out.iter().any(|o| o.key == f.key) {
            out.push(f);
        }
    };
    for link in links {
        if let Some(doi) = doi_in_url(link) {
            push(doi_found(doi, link));
        } else if let Some(n) = normalise(link) {
            let kind = if is_shortener(&n.host) { SourceKind::Shortener } else { SourceKind::Web };
            push(Found { key: n.key, url: n.url, host: n.host, kind, as_written: link.clone() });
        }
    }
    for (_, doi) in dois_in_text(text) {
        let written = doi.clone();
        push(doi_found(doi, &written));
    }
    out
}

fn doi_found(doi: String, written: &str) -> Found {
    Found {
        key: format!("doi:{doi}"),
        url: format!("https://doi.org/{doi}"),
        host: doi.clone(),
        kind: SourceKind::Doi,
        as_written: written.to_string(),
    }
}

/// Own words (rule 6): tokens with a letter that are not URLs, DOIs, hashtags or handles.
pub fn own_words(text: &str, links: &[String]) -> usize {
    let mut stripped = text.to_string();
    for link in links {
        stripped = stripped.replace(link.as_str(), " ");
    }
    stripped
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '#' && c != '@'))
        .filter(|t| {
            !t.is_empty()
                && !t.starts_with('#')
                && !t.contains('@')
                && !t.contains("://")
                && !t.starts_with("www.")
                && doi_at(t).is_none()
                && t.chars().any(char::is_alphabetic)
        })
        .count()
}

fn order_of(corpus: &Corpus, index: u32) -> (i64, u32) {
    (corpus.items[index as usize].created_at.unwrap_or(i64::MAX), index)
}

/// The conversation an item ends up in (following joins).
fn root_conversation(corpus: &Corpus, mut c: u32) -> u32 {
    for _ in 0..16 {
        match corpus.conversations[c as usize].joined_into {
            Some(next) if next != c => c = next,
            _ => break,
        }
    }
    c
}

pub fn compute(corpus: &Corpus, threads: &Threads) -> Sources {
    let readable = |item: &relate_model::corpus::CorpusItem| {
        item.state == State::Public && !item.kind.is_link_notice() && !item.kind.is_attention()
    };
    // 1–2. sources per item, found in parallel; only their keys are held (most shares name a
    // source shared before, and the rest of a `Found` is five strings: on a large corpus
    // that was a hundred megabytes)
    let mut per_item: Vec<(u32, Vec<String>, Vec<WorkFound>)> = (0..corpus.items.len() as u32)
        .into_par_iter()
        .with_min_len(1 << 12)
        .filter_map(|i| {
            let item = &corpus.items[i as usize];
            if !readable(item) {
                return None;
            }
            let text = corpus.text(item);
            let found = if item.links().is_empty() && !text.contains("10.") {
                Vec::new()
            } else {
                found_in(text, item.links()).into_iter().map(|f| f.key).collect()
            };
            let works = works_in(text);
            (!found.is_empty() || !works.is_empty()).then_some((i, found, works))
        })
        .collect();
    per_item.sort_by_key(|(i, _, _)| order_of(corpus, *i));

    // the page and site of each conversation, for `self`
    let pages: Vec<(Option<String>, Option<String>)> = corpus
        .conversations
        .iter()
        .map(|c| match c.url.as_deref().and_then(normalise) {
            Some(n) => {
                let site = SITE_PLATFORMS.contains(&&*c.platform).then_some(n.host);
                (Some(n.key), site)
            }
            None => (None, None),
        })
        .collect();

    // 3–4. first shares and later shares, in time order
    let mut sources: Vec<Source> = Vec::new();
    let mut index_of: HashMap<String, u32> = HashMap::default();
    let mut people: Vec<HashSet<u32>> = Vec::new();
    // per conversation: (item, source) for every share, in time order
    let mut in_conversation: HashMap<u32, Vec<(u32, u32)>> = HashMap::default();
    let mut item_sources: HashMap<u32, Vec<u32>> = HashMap::default();
    for (i, found, works) in &per_item {
        let item = &corpus.items[*i as usize];
        let conversation = root_conversation(corpus, item.conversation);
        // works: a cued naming shares one, a later naming (cued or in marks) picks it up
        for w in works {
            match index_of.get(&w.key) {
                Some(&s) => {
                    let source = &mut sources[s as usize];
                    if source.kind != SourceKind::Work {
                        continue;
                    }
                    if source.author.is_none() {
                        source.author.clone_from(&w.author);
                    }
                    if people[s as usize].insert(item.author) {
                        source.later.push(Share {
                            item: *i,
                            participant: item.author,
                            how: if w.cued { Pickup::Shared } else { Pickup::Mentioned },
                        });
                    }
                }
                None if w.cued => {
                    index_of.insert(w.key.clone(), sources.len() as u32);
                    sources.push(Source {
                        key: w.key.clone(),
                        url: w.title.clone(),
                        kind: SourceKind::Work,
                        as_written: w.title.clone(),
                        item: *i,
                        from: item.author,
                        later: Vec::new(),
                        reported_broken: false,
                        author: w.author.clone(),
                    });
                    people.push(std::iter::once(item.author).collect());
                }
                None => {}
            }
        }
        // the rest of what was found, read again (once) for the first shares
        let mut read_again: Option<Vec<Found>> = None;
        for key in found {
            let s = match index_of.get(key) {
                Some(&s) => {
                    if people[s as usize].insert(item.author) {
                        sources[s as usize].later.push(Share {
                            item: *i,
                            participant: item.author,
                            how: Pickup::Shared,
                        });
                    }
                    s
                }
                None => {
                    let f = read_again
                        .get_or_insert_with(|| found_in(corpus.text(item), item.links()))
                        .iter()
                        .find(|f| &f.key == key)
                        .cloned()
                        .expect("the same text yields the same sources");
                    let (page, site) = &pages[conversation as usize];
                    let is_self = f.kind == SourceKind::Web
                        && (page.as_deref() == Some(f.key.as_str())
                            || site.as_deref() == Some(f.host.as_str()));
                    let s = sources.len() as u32;
                    sources.push(Source {
                        key: f.key.clone(),
                        url: f.url,
                        kind: if is_self { SourceKind::SelfLink } else { f.kind },
                        as_written: f.as_written,
                        item: *i,
                        from: item.author,
                        later: Vec::new(),
                        reported_broken: false,
                        author: None,
                    });
                    index_of.insert(f.key, s);
                    people.push(std::iter::once(item.author).collect());
                    s
                }
            };
            in_conversation.entry(conversation).or_default().push((*i, s));
            item_sources.entry(*i).or_default().push(s);
        }
    }

    // answers to sharing items: parent links and addresses
    let first_items: HashSet<u32> = sources.iter().map(|s| s.item).collect();
    let sharing: HashSet<u32> = item_sources.keys().copied().collect();
    let mut answers: HashMap<u32, Vec<u32>> = HashMap::default();
    for (a, item) in corpus.items.iter().enumerate() {
        let a = a as u32;
        if !readable(item) {
            continue;
        }
        // each target once (no list per item: a million items, few of them answers to sharing)
        let addressed = &threads.addresses[a as usize];
        let targets = addressed.iter().map(|x| x.target).chain(item.parent);
        for (k, t) in targets.enumerate() {
            let again = addressed[..k.min(addressed.len())].iter().any(|x| x.target == t);
            if t != a && !again && sharing.contains(&t) {
                answers.entry(t).or_default().push(a);
            }
        }
    }
    for list in answers.values_mut() {
        list.sort_by_key(|&a| order_of(corpus, a));
    }

    // 4–5. pickups by answers naming the source; broken-link reports
    for (s, source) in sources.iter_mut().enumerate() {
        if source.kind == SourceKind::Work || !first_items.contains(&source.item) {
            continue; // a work is picked up wherever its title is named again (above)
        }
        let Some(list) = answers.get(&source.item) else { continue };
        let needle = source.host().to_lowercase();
        for &a in list {
            let item = &corpus.items[a as usize];
            let text = corpus.text(item);
            if corpus.is_owner_item(item) && relate_text::reports_broken_link(text) {
                source.reported_broken = true;
            }
            if item_sources.get(&a).is_some_and(|l| l.contains(&(s as u32))) {
                continue; // carried the source itself: counted as shared
            }
            if text.to_lowercase().contains(&needle) && people[s].insert(item.author) {
                source.later.push(Share {
                    item: a,
                    participant: item.author,
                    how: Pickup::Mentioned,
                });
            }
        }
        source.later.sort_by_key(|sh| order_of(corpus, sh.item));
    }

    // 6. curation of the owner's shares
    let mut owner_shares = Vec::new();
    for (i, _, _) in &per_item {
        let item = &corpus.items[*i as usize];
        if !corpus.is_owner_item(item) {
            continue;
        }
        let Some(carried) = item_sources.get(i) else { continue }; // works only
        let mut own: Vec<u32> = carried
            .iter()
            .copied()
            .filter(|&s| sources[s as usize].kind != SourceKind::SelfLink)
            .collect();
        own.dedup();
        if own.is_empty() {
            continue;
        }
        let text = corpus.text(item);
        let words = own_words(text, item.links());
        let curation = if words < BARE_WORDS {
            Curation::Bare
        } else if own.len() >= 2
            || names_earlier_source(corpus, &sources, &in_conversation, *i, &own)
            || answers_other_source(corpus, threads, &sources, &item_sources, *i, &own)
        {
            Curation::Related
        } else {
            Curation::Framed
        };
        owner_shares.push(OwnerShare { item: *i, curation, own_words: words as u32, sources: own });
    }
    Sources { sources, owner_shares }
}

/// The item's text names (host or DOI) a different source shared before it in its conversation.
fn names_earlier_source(
    corpus: &Corpus,
    sources: &[Source],
    in_conversation: &HashMap<u32, Vec<(u32, u32)>>,
    item: u32,
    own: &[u32],
) -> bool {
    let conversation = root_conversation(corpus, corpus.items[item as usize].conversation);
    let text = corpus.text_of(item).to_lowercase();
    let order = order_of(corpus, item);
    in_conversation.get(&conversation).is_some_and(|shares| {
        shares.iter().any(|&(other, s)| {
            order_of(corpus, other) < order
                && !own.contains(&s)
                && sources[s as usize].kind != SourceKind::SelfLink
                && !own.iter().any(|&o| sources[o as usize].host() == sources[s as usize].host())
                && text.contains(&sources[s as usize].host().to_lowercase())
        })
    })
}

/// The item answers (parent or address) an item that shared a different, not `self`, source.
fn answers_other_source(
    corpus: &Corpus,
    threads: &Threads,
    sources: &[Source],
    item_sources: &HashMap<u32, Vec<u32>>,
    item: u32,
    own: &[u32],
) -> bool {
    let parent = corpus.items[item as usize].parent;
    threads.addresses[item as usize].iter().map(|a| a.target).chain(parent).any(|t| {
        item_sources.get(&t).is_some_and(|l| {
            l.iter().any(|&s| !own.contains(&s) && sources[s as usize].kind != SourceKind::SelfLink)
        })
    })
}

impl Source {
    /// The host of the URL, or the DOI: what an answer names to pick a source up.
    pub fn host(&self) -> &str {
        match self.kind {
            SourceKind::Doi => self.key.trim_start_matches("doi:"),
            SourceKind::Work => self.key.trim_start_matches("work:"),
            _ => {
                let k = self.key.as_str();
                k.split(['/', '?']).next().unwrap_or(k)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use relate_model::corpus::testing::corpus_from_text;

    fn run(text: &str) -> (Corpus, Sources) {
        let corpus = corpus_from_text(text);
        let threads = crate::threads::compute(&corpus);
        let sources = compute(&corpus, &threads);
        (corpus, sources)
    }

    /// One line per source and per owner share, as a person would check them.
    fn render(text: &str) -> String {
        let (corpus, s) = run(text);
        let name = |p: u32| corpus.participants[p as usize].display_name.clone();
        let id = |i: u32| corpus.native_id_of(i).to_string();
        let mut out = Vec::new();
        for src in &s.sources {
            let later: Vec<String> = src
                .later
                .iter()
                .map(|l| format!("{} #{} {:?}", name(l.participant), id(l.item), l.how))
                .collect();
            out.push(format!(
                "{} {} by {} #{}{}{}",
                src.kind.as_str(),
                src.key,
                name(src.from),
                id(src.item),
                if later.is_empty() {
                    String::new()
                } else {
                    format!("; later: {}", later.join(", "))
                },
                if src.reported_broken { " (broken)" } else { "" },
            ));
        }
        for o in &s.owner_shares {
            out.push(format!("#{} {} ({} words)", id(o.item), o.curation.as_str(), o.own_words));
        }
        out.join("\n")
    }

    #[test]
    fn normalise_strips_tracking_keeps_the_rest() {
        let n = normalise(
            "https://WWW.Museum.Example:443/Blog/Post/?utm_source=tw&id=7&fbclid=x&gclid=y&mc_cid=1&mc_eid=2&igshid=3&ref=home&ref_src=twsrc&si=abc&lang=de#comments",
        )
        .unwrap();
        assert_eq!(n.url, "https://museum.example/Blog/Post/?id=7&lang=de");
        assert_eq!(n.key, "museum.example/Blog/Post?id=7&lang=de");
        assert_eq!(n.host, "museum.example");
        let n = normalise("http://archiv.example:8080/a?UTM_Medium=x").unwrap();
        assert_eq!(
            (n.url.as_str(), n.key.as_str()),
            ("http://archiv.example:8080/a", "archiv.example:8080/a")
        );
        assert_eq!(normalise("http://museum.example:80/").unwrap().key, "museum.example");
        assert_eq!(normalise("ftp://files.example/x"), None);
        assert_eq!(normalise("mailto:info@museum.example"), None);
    }

    #[test]
    fn dois_in_links_and_in_text() {
        assert_eq!(
            doi_in_url("https://doi.org/10.5555/12345678").as_deref(),
            Some("10.5555/12345678")
        );
        assert_eq!(
            doi_in_url("http://dx.doi.org/10.1000/ABC.def-1%2F2").as_deref(),
            Some("10.1000/abc.def-1/2")
        );
        assert_eq!(doi_in_url("https://doi.org/"), None);
        assert_eq!(doi_in_url("https://example.org/10.5555/1"), None);
        let t = "Siehe 10.1234/xyz.5 (Aufsatz), auch doi:10.5555/ABC. Nicht: https://x.example/10.9999/nope oder 10.12/kurz";
        let found: Vec<String> = dois_in_text(t).into_iter().map(|(_, d)| d).collect();
        assert_eq!(found, ["10.1234/xyz.5", "10.5555/abc"]);
    }

    #[test]
    fn shorteners_dois_and_self_links_get_their_kind() {
        let got = render(
            "owner Museum
             == p platform=wordpress url=https://museum.example/2026/roi/ ROI
             #1 Museum: the post
             #2 Hannes -> #1: Dazu passt http://bit.ly/w1uyU4
             #3 Museum -> #2: Danke! Der Link ist leider kaputt. Er führt im Moment wieder auf diesen Beitrag.
             #4 Sofia -> #1: We described it in https://doi.org/10.5555/12345678 and on t.co/x? no: https://t.co/AbC
             #5 Anna -> #1: Mehr bei uns: https://www.museum.example/2026/andere-seite/
             #6 Ben -> #1: the DOI 10.5555/12345678 again",
        );
        assert_eq!(
            got,
            "shortener bit.ly/w1uyU4 by Hannes #2 (broken)
doi doi:10.5555/12345678 by Sofia #4; later: Ben #6 Shared
shortener t.co/AbC by Sofia #4
self museum.example/2026/andere-seite by Anna #5"
        );
    }

    #[test]
    fn later_shares_and_replies_naming_the_source_are_pickups() {
        let got = render(
            "owner Museum
             == a platform=mastodon
             #1 Museum: Was lest ihr gerade?
             #2 Ben -> #1: Diesen Aufsatz: https://journal.example/heft/3?utm_source=masto
             #3 Carla -> #2: Ich kenne journal.example, die Hefte sind gut.
             #4 Dora -> #2: Schön.
             == b platform=mastodon
             #5 Dora: Gefunden: https://journal.example/heft/3/",
        );
        assert_eq!(
            got,
            "web journal.example/heft/3 by Ben #2; later: Carla #3 Mentioned, Dora #5 Shared"
        );
    }

    #[test]
    fn owner_curation_bare_framed_related() {
        let got = render(
            "owner Museum
             == a platform=mastodon
             #1 Museum: Lesetipp: https://zeitung.example/kultur/museen
             #2 Museum: Warum kleine Museen jetzt ihre Depots öffnen sollten, erklärt dieser Text sehr anschaulich: https://zeitung.example/kultur/depots
             #3 Museum: Two takes on open storage that disagree on cost: https://a.example/open and https://b.example/storage - read both before deciding.
             == b platform=mastodon
             #4 Ben: Interesting background: https://archiv.example/studie
             #5 Museum -> #4: Thanks! Compare this with the older survey, which reached the opposite conclusion: https://survey.example/2019
             #6 Museum: Wer die Studie von archiv.example gelesen hat, findet hier die Gegenposition ausführlich begründet: https://gegen.example/text
             #7 Museum: Read this #museum #storage @ben@social.example https://c.example/x",
        );
        assert_eq!(
            got,
            "web zeitung.example/kultur/museen by Museum #1
web zeitung.example/kultur/depots by Museum #2
web a.example/open by Museum #3
web b.example/storage by Museum #3
web archiv.example/studie by Ben #4
web survey.example/2019 by Museum #5
web gegen.example/text by Museum #6
web c.example/x by Museum #7
#1 bare (1 words)
#2 framed (13 words)
#3 related (14 words)
#5 related (12 words)
#6 related (13 words)
#7 bare (2 words)"
        );
    }

    #[test]
    fn announcing_the_own_post_is_not_curation() {
        let (_, s) = run(
            "owner Museum
             == p platform=wordpress url=https://museum.example/2026/roi/ ROI
             #1 Museum: the post
             #2 Museum -> #1: Mehr dazu in unserem Beitrag über das Depot und die neue Ausstellung: https://museum.example/2026/depot/",
        );
        assert_eq!(s.count(SourceKind::SelfLink), 1);
        assert!(s.owner_shares.is_empty());
    }

    #[test]
    fn named_works_are_sources_picked_up_by_their_title() {
        let text = "owner Museum
             == a platform=mastodon
             #1 Museum: Was lest ihr gerade?
             #2 Ben -> #1: Nina Simons „Das partizipative Museum“, sehr gut.
             #3 Carla -> #2: „Das  partizipative museum“ habe ich auch gelesen.
             #4 Ben -> #3: Ich sagte ja: „Das partizipative Museum“!
             #5 Dora -> #1: Sie sagte „Ja“, mehr nicht.
             == b platform=mastodon
             #6 Museum: Unser Lesetipp: das Buch „Das partizipative Museum“ von Nina Simon
             #7 Erik: Die Ausstellung „Dein Ding“ war toll.";
        assert_eq!(
            render(text),
            "work work:das partizipative museum by Ben #2; later: Carla #3 Mentioned, Museum #6 Shared
work work:dein ding by Erik #7"
        );
        let (_, s) = run(text);
        assert_eq!(s.sources[0].author.as_deref(), Some("Nina Simon"));
        assert_eq!(s.sources[0].url, "Das partizipative Museum");
        assert_eq!(s.count(SourceKind::Work), 2);
        assert!(s.owner_shares.is_empty(), "a work is not a link: no curation");
    }

    #[test]
    fn own_words_leave_out_links_tags_handles_and_dois() {
        let links = vec!["https://x.example/a".to_string()];
        assert_eq!(own_words("👉 https://x.example/a #tag @ben 10.5555/1 – 2026", &links), 0);
        assert_eq!(own_words("Sehr lesenswert, finde ich: https://x.example/a", &links), 4);
    }
}
