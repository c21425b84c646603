//! Learning moments, concept uptake and shared sources: "Was habe ich heute gelernt?"
//!
//! A first, transparent version; every step is in docs/measures.md ("Learning moments").
//!
//! 1. *Concepts brought in.* In every public item by a non-owner person, candidate concepts
//!    are quoted spans, noun phrases and hashtags (`relate_text::phrases`) with at least two
//!    content words, or one content word of ten letters or more when quoted or tagged
//!    (German compounds), or a German compound of twelve letters or more written anywhere. A
//!    concept is identified by its content stems, so inflected forms meet
//!    ("herrschaftsfreien Diskurses" = "herrschaftsfreier Diskurs"); a German concept is also
//!    known by the bag of its stems with compounds split (`relate_text::compound_parts`), so
//!    "Wissenstransfer" meets "Transfer von Wissen" (see `Expanded`). The earliest item
//!    that brings a concept in is where it was *introduced*.
//! 2. *Concept uptake.* An owner item takes up a concept when the concept's stems occur in
//!    it in order (stopwords may sit between them), the concept was introduced before by
//!    someone else, and no earlier owner item, on any platform, used it.
//! 3. *Quoted uptake.* An owner item that quotes (in quotation marks) a passage of two or
//!    more content words found in an earlier item by someone else in the same conversation
//!    takes up that passage, even when the owner's own posts used some of its words.
//! 4. *Acknowledged* uptake: the owner's item acknowledges learning or appreciation
//!    ("bin ich gar nicht gekommen", "danke für diese Anregung", "good point", "schöne
//!    Formulierung"; plain thanks only for a quoted passage) in the same paragraph as the
//!    uptake. A learning acknowledgement without any uptake still counts, attributed to the
//!    item the owner answered.
//! 5. *Sources*: links in public items by non-owners; taken up when a later owner item
//!    carries the same link; *reported broken* when an owner item answering the item says
//!    the link is broken or leads back to the conversation.
//! 6. *The reverse* ([`Direction::FromUs`], [`Learning::from_us`]): concepts an owner item
//!    introduced (same candidates, and before anyone else brought them in) that a later item
//!    by a non-owner person takes up, where that person had not used them before on any
//!    platform; acknowledged as in 4; and a learning acknowledgement by a non-owner person
//!    addressed to an owner item, credited to that item.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rayon::prelude::*;
use relate_model::corpus::Corpus;
use relate_model::{ItemKind, ParticipantKind, State};
use relate_text::{AckKind, Acknowledgement, Lang, PhraseKind};
use serde::Serialize;

use crate::threads::Threads;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MomentKind {
    /// The owner took up a concept and said they learned from it.
    Acknowledged,
    /// The owner quoted someone else's words.
    Quoted,
    /// The owner used a concept someone else brought in, without saying so.
    Uptake,
    /// Someone shared a link.
    Source,
}

/// Who learned: we (an owner) from someone else, or someone else from us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// An owner took up what someone else brought in.
    ToUs,
    /// Someone else took up what an owner brought in.
    FromUs,
}

#[derive(Debug, Clone, Serialize)]
pub struct Moment {
    pub kind: MomentKind,
    /// Who learned from whom: `from` brought it in, the author of `taken_up_in` took it up.
    pub direction: Direction,
    /// The concept, phrase or link as the person who brought it wrote it.
    pub what: String,
    /// Item index where it was introduced.
    #[serde(skip)]
    pub item: u32,
    /// Who brought it (participant index).
    #[serde(skip)]
    pub from: u32,
    /// The item that took it up (an owner's; for [`Direction::FromUs`], someone else's), if
    /// any.
    #[serde(skip)]
    pub taken_up_in: Option<u32>,
    /// Byte offset in the introducing item; its sentence is the evidence (see [`quote`]).
    #[serde(skip)]
    pub introduced_at: u32,
    /// Byte offset in the taking item where it was taken up.
    #[serde(skip)]
    pub taken_up_at: Option<u32>,
    /// The acknowledgement, as written.
    pub acknowledgement: Option<String>,
    /// For sources: the owner reported the link broken.
    pub reported_broken: bool,
}

#[derive(Debug, Default)]
pub struct Learning {
    /// Acknowledged, quoted and plain uptakes, and sources, ordered by when they were
    /// taken up (sources: introduced).
    /// All [`Direction::ToUs`].
    pub moments: Vec<Moment>,
    /// The reverse ([`Direction::FromUs`]): acknowledged and plain uptakes by others of what
    /// an owner brought in, ordered by when they were taken up.
    pub from_us: Vec<Moment>,
}

impl Learning {
    /// Owner learning moments (and sources) of `kind`; the reverse is not counted here.
    pub fn count(&self, kind: MomentKind) -> u64 {
        self.moments.iter().filter(|m| m.kind == kind).count() as u64
    }

    /// Moments of `kind` in which others took up what we brought in.
    pub fn count_from_us(&self, kind: MomentKind) -> u64 {
        self.from_us.iter().filter(|m| m.kind == kind).count() as u64
    }
}

/// The language to analyse an item in: its own, else its conversation's post's, else English.
pub fn languages(corpus: &Corpus) -> Vec<Lang> {
    // each text is read once: posts are a third of a large corpus
    let detected: Vec<Option<Lang>> = corpus
        .items
        .par_iter()
        .map(|item| relate_text::detect_language(corpus.text(item)))
        .collect();
    let mut post_lang: HashMap<u32, Lang> = HashMap::default();
    for (item, lang) in corpus.items.iter().zip(&detected) {
        if item.kind == ItemKind::Post
            && let Some(lang) = *lang
        {
            post_lang.insert(item.conversation, lang);
        }
    }
    corpus
        .items
        .iter()
        .zip(detected)
        .map(|(item, lang)| {
            lang.or_else(|| post_lang.get(&item.conversation).copied()).unwrap_or(Lang::En)
        })
        .collect()
}

/// Owner items matched per parallel round (bounds the matches held at once).
const CHUNK: usize = 1 << 15;

/// Where a concept was first brought in: the item and the byte range of the phrase.
#[derive(Debug, Clone)]
struct Introduction {
    item: u32,
    start: u32,
    end: u32,
}

impl Introduction {
    /// When it was brought in, from the item: not stored, because a million comments' concepts
    /// are most of what this analysis holds, and the order is a third of each entry.
    fn order(&self, corpus: &Corpus) -> (i64, i64) {
        order_of(corpus, self.item)
    }
}

/// A concept's identity in the maps below: FNV-1a over its stems joined by spaces (the
/// phrase key), mixed with the language. Hashing, not storing, the keys keeps a million
/// comments' concepts small; two concepts would need to share 64 bits to be confused.
type ConceptId = u64;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

fn concept_id(lang: Lang, key: &str) -> ConceptId {
    with_lang(lang, fnv(FNV_OFFSET, key.as_bytes()))
}

fn with_lang(lang: Lang, h: u64) -> ConceptId {
    match lang {
        Lang::De => h,
        Lang::En => h ^ 0x9e37_79b9_7f4a_7c15,
    }
}

fn is_concept(kind: &PhraseKind, n_content: usize, text: &str) -> bool {
    n_content >= 2
        || (n_content == 1
            && matches!(kind, PhraseKind::Quoted | PhraseKind::Hashtag)
            && text.trim_start_matches('#').chars().filter(|c| c.is_alphabetic()).count() >= 10)
}

fn order_of(corpus: &Corpus, index: u32) -> (i64, i64) {
    let item = &corpus.items[index as usize];
    (item.created_at.unwrap_or(i64::MAX), i64::from(index))
}

/// One owner item's use of something someone else brought in.
#[derive(Debug, Clone)]
struct Use {
    source: u32,
    what: String,
    source_start: usize,
    /// Byte range in the owner item.
    range: std::ops::Range<usize>,
    quoted: bool,
}

/// `langs`: each item's language, from [`languages`].
pub fn compute(corpus: &Corpus, threads: &Threads, langs: &[Lang]) -> Learning {
    let is_other_person = |index: u32| {
        let item = &corpus.items[index as usize];
        let author = corpus.author(item);
        item.state == State::Public
            && !item.kind.is_link_notice()
            && !author.is_owner
            && author.kind == ParticipantKind::Person
    };
    let is_owner_public = |index: u32| {
        let item = &corpus.items[index as usize];
        item.state == State::Public && corpus.is_owner_item(item)
    };

    // 1. concepts brought in by others: earliest introduction per concept
    let introductions = introductions_by(corpus, langs, &is_other_person);

    // 2. owner items in time order; which introduced concepts does each use? (the first
    // owner use, on any platform, decides) The same reading finds the concepts we bring in,
    // for step 6.
    let mut owner_items: Vec<u32> =
        (0..corpus.items.len() as u32).filter(|&i| is_owner_public(i)).collect();
    owner_items.sort_by_key(|&i| order_of(corpus, i));
    let (first, mut ours) = read_owner_items(corpus, langs, &owner_items, &introductions);
    // for step 6: brought in by someone else first, a concept is not ours to teach
    ours.retain(|id, intro| {
        introductions.get(id).is_none_or(|o| intro.order(corpus) < o.order(corpus))
    });
    drop(introductions);
    let uses: HashMap<u32, Vec<Use>> = first
        .into_iter()
        .map(|(o, found)| (o, found.iter().map(|f| f.to_use(corpus)).collect()))
        .collect();

    // 3.-5. what we took up, and the sources others shared; 6. the reverse, beside them
    let (moments, from_us) = rayon::join(
        || {
            let mut moments =
                owner_moments(corpus, threads, langs, &owner_items, uses, &is_other_person);
            moments.extend(shared_sources(corpus, threads, &owner_items, &is_other_person));
            moments
        },
        || from_us(corpus, threads, langs, ours, &is_other_person, &is_owner_public),
    );
    Learning { moments, from_us }
}

/// Steps 3 and 4: the moments of `owner_items` (in time order), from the concepts each took
/// up (`uses`), the passages it quoted and its acknowledgements.
fn owner_moments(
    corpus: &Corpus,
    threads: &Threads,
    langs: &[Lang],
    owner_items: &[u32],
    mut uses: HashMap<u32, Vec<Use>>,
    is_other_person: &(dyn Fn(u32) -> bool + Sync),
) -> Vec<Moment> {
    // 3. quoted passages from earlier items by others in the same conversation
    let quoted: Vec<(u32, Vec<Use>)> = owner_items
        .par_iter()
        .filter_map(|&o| {
            let found = quoted_uses(corpus, threads, langs, o, is_other_person);
            (!found.is_empty()).then_some((o, found))
        })
        .collect();
    for (o, found) in quoted {
        let list = uses.entry(o).or_default();
        // a quote subsumes concept matches inside it
        list.retain(|u| {
            !found.iter().any(|q| q.range.start <= u.range.start && u.range.end <= q.range.end)
        });
        list.extend(found);
    }

    // 4. acknowledgements (found in parallel) and the moments they make
    let acks_of = acknowledgements_of(corpus, owner_items);
    let found: Vec<Vec<Moment>> = owner_items
        .par_iter()
        .map(|&o| {
            let item_uses = uses.get(&o).map_or(&[][..], Vec::as_slice);
            let acks = acks_of.get(&o).map_or(&[][..], Vec::as_slice);
            moments_in(corpus, threads, langs, o, Direction::ToUs, item_uses, acks, is_other_person)
        })
        .collect();
    drop((uses, acks_of));
    let mut moments = Vec::new();
    in_item_order(found, &mut moments);
    moments
}

/// Step 5: the links in items of other people, in time order; taken up when a later owner
/// item carries the same link, reported broken when an owner item answering says so.
fn shared_sources(
    corpus: &Corpus,
    threads: &Threads,
    owner_items: &[u32],
    is_other_person: &(dyn Fn(u32) -> bool + Sync),
) -> Vec<Moment> {
    let owner_links: HashMap<String, u32> = {
        let mut map = HashMap::default();
        for &o in owner_items {
            for link in corpus.items[o as usize].links() {
                map.entry(normalize_url(link)).or_insert(o);
            }
        }
        map
    };
    // items an owner answered by saying their link is broken
    let broken_links: HashSet<u32> = owner_items
        .par_iter()
        .filter(|&&o| relate_text::reports_broken_link(corpus.text_of(o)))
        .flat_map_iter(|&o| threads.addresses[o as usize].iter().map(|a| a.target))
        .collect::<Vec<u32>>()
        .into_iter()
        .collect();
    let mut sources: Vec<((i64, i64), Moment)> = (0..corpus.items.len() as u32)
        .into_par_iter()
        .filter(|&index| is_other_person(index) && !corpus.items[index as usize].links().is_empty())
        .flat_map_iter(|index| {
            let item = &corpus.items[index as usize];
            let broken = broken_links.contains(&index);
            let owner_links = &owner_links;
            item.links().iter().map(move |link| {
                let taken = owner_links
                    .get(&normalize_url(link))
                    .copied()
                    .filter(|&o| order_of(corpus, index) < order_of(corpus, o));
                let start = corpus.text(item).find(link.as_str()).unwrap_or(0);
                (
                    order_of(corpus, index),
                    Moment {
                        kind: MomentKind::Source,
                        direction: Direction::ToUs,
                        what: link.clone(),
                        item: index,
                        from: item.author,
                        taken_up_in: taken,
                        introduced_at: start as u32,
                        taken_up_at: taken
                            .map(|o| corpus.text_of(o).find(link.as_str()).unwrap_or(0) as u32),
                        acknowledgement: None,
                        reported_broken: broken,
                    },
                )
            })
        })
        .collect();
    // a stable sort: an item's links stay in the order written
    sources.sort_by_key(|m| m.0);
    sources.into_iter().map(|(_, m)| m).collect()
}

/// What an acknowledgement with nothing taken up is credited to in item `source`: its first
/// link (with `links_first`), else its first concept, else its opening words; with the byte
/// offset where that is.
fn credited(corpus: &Corpus, lang: Lang, source: u32, links_first: bool) -> (String, usize) {
    let src = &corpus.items[source as usize];
    let text = corpus.text(src);
    src.links()
        .first()
        .filter(|_| links_first)
        .map(|l| (l.clone(), text.find(l.as_str()).unwrap_or(0)))
        .or_else(|| {
            relate_text::phrases(text, lang)
                .into_iter()
                .find(|p| is_concept(&p.kind, p.n_content, &p.text))
                .map(|p| (p.text, p.start))
        })
        .unwrap_or_else(|| (excerpt(text, 80), 0))
}

/// Step 6: concepts an owner introduced before anyone else did, taken up by a later item of a
/// non-owner person who had not used them before (on any platform); acknowledged when a
/// learning or appreciation acknowledgement sits in the same paragraph. A learning
/// acknowledgement with nothing taken up, in an item addressed to an owner item, is credited
/// to that item (its first concept, else its opening words: an owner's link is mostly our
/// own page).
/// `ours`: where each concept an owner item brought in before anyone else was first brought in.
fn from_us(
    corpus: &Corpus,
    threads: &Threads,
    langs: &[Lang],
    ours: HashMap<ConceptId, Introduction>,
    is_other_person: &(dyn Fn(u32) -> bool + Sync),
    is_owner_public: &(dyn Fn(u32) -> bool + Sync),
) -> Vec<Moment> {
    // only items that answer us: learning from us shows where someone talks with us (on a
    // large corpus, reading every other item for our concepts found more coincidences than
    // learning: a shared two-word phrase is common)
    let mut others: Vec<u32> = (0..corpus.items.len() as u32)
        .filter(|&i| {
            is_other_person(i)
                && threads.addresses[i as usize].iter().any(|a| is_owner_public(a.target))
        })
        .collect();
    others.sort_by_key(|&i| order_of(corpus, i));
    // (person, concept) pairs seen, as one 64-bit mix: half the memory of the pair, and on a
    // large corpus this set is most of what this step holds (a collision, about one in 2^64,
    // would hide one moment)
    let pair = |item: u32, concept: ConceptId| {
        let person = corpus.items[item as usize].author;
        (concept ^ (u64::from(person)).wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(17)
    };
    // a chunk at a time, in time order: each item's matches and acknowledgements read in
    // parallel, its first uses taken in order, then its moments built in parallel; only the
    // pairs seen outlive a chunk (holding every item's uses at once was most of this step's
    // memory)
    let mut first = FirstUses::default();
    let mut moments = Vec::new();
    for chunk in others.chunks(CHUNK) {
        // acknowledgements matter where the item answers us (every item here does): reading
        // every other item for them cost more than the rest of this step
        let read: Vec<(Vec<Match>, Vec<Acknowledgement>)> = chunk
            .par_iter()
            .map(|&i| {
                let text = corpus.text_of(i);
                let matches = if ours.is_empty() {
                    Vec::new()
                } else {
                    concept_matches(text, langs[i as usize], &ours)
                };
                (matches, relate_text::acknowledgements(text))
            })
            .collect();
        let mut acks = Vec::with_capacity(chunk.len());
        for (&i, (matches, item_acks)) in chunk.iter().zip(read) {
            first.take(corpus, i, matches, &ours, &pair);
            acks.push(item_acks);
        }
        let uses = std::mem::take(&mut first.uses);
        let found: Vec<Vec<Moment>> = chunk
            .par_iter()
            .zip(&acks)
            .map(|(&i, acks)| {
                let item_uses: Vec<Use> = uses
                    .get(&i)
                    .map_or_else(Vec::new, |u| u.iter().map(|f| f.to_use(corpus)).collect());
                moments_in(
                    corpus,
                    threads,
                    langs,
                    i,
                    Direction::FromUs,
                    &item_uses,
                    acks,
                    is_owner_public,
                )
            })
            .collect();
        in_item_order(found, &mut moments);
    }
    moments
}

/// Appends the moments of items given in time order (one list per item), ordered by when they
/// were taken up, then by kind: each item's list sorted by kind, then joined. Sorting all of them
/// by (time, kind) would give the same order, as no two items share a time (the index breaks
/// ties), but would hold the list twice.
fn in_item_order(found: Vec<Vec<Moment>>, moments: &mut Vec<Moment>) {
    moments.reserve(found.iter().map(Vec::len).sum());
    for mut item in found {
        item.sort_by_key(|m| m.kind);
        moments.extend(item);
    }
}

/// A concept used in an item before by no one [`FirstUses`] counts: where its introduction is
/// (item, byte range); its text is cut out only for the uses that become moments.
struct FirstUse {
    source: u32,
    start: u32,
    end: u32,
    /// Byte range in the using item.
    range: std::ops::Range<usize>,
}

impl FirstUse {
    fn to_use(&self, corpus: &Corpus) -> Use {
        Use {
            source: self.source,
            what: corpus.text_of(self.source)[self.start as usize..self.end as usize].to_string(),
            source_start: self.start as usize,
            range: self.range.clone(),
            quoted: false,
        }
    }
}

/// A concept match in an item: the concept, the identity it counts under for "used before"
/// (see [`concept_matches`]), and its byte range.
type Match = (ConceptId, ConceptId, std::ops::Range<usize>);

/// Per item (taken in time order), the concepts of the introductions it uses for the first
/// time, introduced before it. "First" is per `key(item, concept)`: a key seen before hides the
/// use (a compound and its parts written apart are one concept, so their shared bag id counts
/// too). Callers match items in parallel a chunk at a time and take them in order: chunks keep
/// the matches of a million items from being held at once.
#[derive(Default)]
struct FirstUses {
    seen: HashSet<u64>,
    uses: HashMap<u32, Vec<FirstUse>>,
}

impl FirstUses {
    /// Item `i`'s matches, each kept if its key was not seen before and the concept was
    /// introduced before `i`.
    fn take(
        &mut self,
        corpus: &Corpus,
        i: u32,
        found: Vec<Match>,
        introductions: &HashMap<ConceptId, Introduction>,
        key: &impl Fn(u32, ConceptId) -> u64,
    ) {
        for (id, canonical, range) in found {
            let seen_before = canonical != id && !self.seen.insert(key(i, canonical));
            if !self.seen.insert(key(i, id)) || seen_before {
                continue; // used before
            }
            let intro = &introductions[&id];
            if intro.order(corpus) < order_of(corpus, i) {
                self.uses.entry(i).or_default().push(FirstUse {
                    source: intro.item,
                    start: intro.start,
                    end: intro.end,
                    range,
                });
            }
        }
    }
}

/// Steps 2 and the owner half of 6 in one reading of each owner item (in time order): the
/// concepts of others' `introductions` each uses first (as [`FirstUses`] takes them, keyed by
/// concept alone: the first owner use on any platform decides), and where each concept an
/// owner item brought in was first brought in by us. Reading owner items once instead of
/// twice was a tenth of this analysis on a large corpus.
fn read_owner_items(
    corpus: &Corpus,
    langs: &[Lang],
    owner_items: &[u32],
    introductions: &HashMap<ConceptId, Introduction>,
) -> (HashMap<u32, Vec<FirstUse>>, HashMap<ConceptId, Introduction>) {
    let mut first = FirstUses::default();
    let mut ours: HashMap<ConceptId, Introduction> = HashMap::default();
    for chunk in owner_items.chunks(CHUNK) {
        let read: Vec<(Vec<Match>, Vec<Candidate>)> = chunk
            .par_iter()
            .map(|&i| {
                let lang = langs[i as usize];
                let (phrases, words) = relate_text::phrases_and_words(corpus.text_of(i), lang);
                let german = (lang == Lang::De).then(|| Expanded::of_words(&words));
                let matches = if introductions.is_empty() {
                    Vec::new()
                } else {
                    concept_matches_in(&words, german.as_ref(), lang, introductions)
                };
                (matches, candidates(&phrases, german.as_ref(), lang))
            })
            .collect();
        for (&i, (matches, found)) in chunk.iter().zip(read) {
            first.take(corpus, i, matches, introductions, &|_, id| id);
            for (id, start, end) in found {
                introduce(corpus, &mut ours, id, Introduction { item: i, start, end });
            }
        }
    }
    (first.uses, ours)
}

/// The acknowledgements in each of `items` that has any, found in parallel.
fn acknowledgements_of(corpus: &Corpus, items: &[u32]) -> HashMap<u32, Vec<Acknowledgement>> {
    items
        .par_iter()
        .filter_map(|&i| {
            let acks = relate_text::acknowledgements(corpus.text_of(i));
            (!acks.is_empty()).then_some((i, acks))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The moments item `taker` makes (steps 4 and 6): each of its `uses` (the first per source
/// and wording), acknowledged when a learning or appreciation acknowledgement (plain thanks:
/// for a quoted passage) sits in the same paragraph; then each learning acknowledgement in a
/// paragraph without one, credited to the first item it addresses that `credit_to` admits.
/// Someone else answering us in our own words ([`Direction::FromUs`], same conversation,
/// unacknowledged) is how replies are written, not learning.
#[allow(clippy::too_many_arguments)]
fn moments_in(
    corpus: &Corpus,
    threads: &Threads,
    langs: &[Lang],
    taker: u32,
    direction: Direction,
    uses: &[Use],
    acks: &[Acknowledgement],
    credit_to: &(dyn Fn(u32) -> bool + Sync),
) -> Vec<Moment> {
    let mut moments = Vec::new();
    if uses.is_empty() && acks.is_empty() {
        return moments;
    }
    let text = corpus.text_of(taker);
    let mut acks = acks;
    if direction == Direction::FromUs {
        // Others' items are where spam and mockery answer us: a promotional link performs no
        // act at all ("TIL … followers https://…"), and praise read as irony ("Good point,
        // … Revolutionary.") is no acknowledgement.
        // read the acts only when they can change the outcome: most replies that use our
        // concepts carry neither a link nor an acknowledgement, and without an
        // acknowledgement only a use from another conversation can make a moment (an answer
        // in our own words is not one)
        let has_links = !corpus.items[taker as usize].links().is_empty();
        let conversation = corpus.items[taker as usize].conversation;
        let elsewhere =
            || uses.iter().any(|u| corpus.items[u.source as usize].conversation != conversation);
        if !acks.is_empty() || (has_links && elsewhere()) {
            let own = relate_text::acts(text);
            if own.is_empty() && has_links {
                return moments;
            }
            if !own.contains(relate_text::Act::Acknowledgement) {
                acks = &[];
            }
        }
    }
    let mut acknowledged_paragraphs: HashSet<usize> = HashSet::default();
    let mut seen: HashSet<(u32, String)> = HashSet::default();
    for u in uses {
        if !seen.insert((u.source, u.what.to_lowercase())) {
            continue;
        }
        let paragraph = paragraph_of(text, u.range.start);
        let ack = acks.iter().find(|a| {
            paragraph_of(text, a.start) == paragraph
                && match a.kind {
                    AckKind::Learning | AckKind::Appreciation => true,
                    AckKind::Thanks => u.quoted,
                    AckKind::Agreement => false,
                }
        });
        let answer_in_our_words = ack.is_none()
            && direction == Direction::FromUs
            && corpus.items[u.source as usize].conversation
                == corpus.items[taker as usize].conversation;
        // the acts of the phrase are read last: most uses are dropped before
        if answer_in_our_words || is_acknowledgement_phrase(&u.what) {
            continue;
        }
        if ack.is_some() {
            acknowledged_paragraphs.insert(paragraph);
        }
        let kind = match (ack.is_some(), u.quoted) {
            (true, _) => MomentKind::Acknowledged,
            (false, true) => MomentKind::Quoted,
            (false, false) => MomentKind::Uptake,
        };
        moments.push(Moment {
            kind,
            direction,
            what: u.what.clone(),
            item: u.source,
            from: corpus.items[u.source as usize].author,
            taken_up_in: Some(taker),
            introduced_at: u.source_start as u32,
            taken_up_at: Some(u.range.start as u32),
            acknowledgement: ack.map(|a| a.text.clone()),
            reported_broken: false,
        });
    }
    // a learning acknowledgement with nothing taken up: credit the item answered
    for ack in acks.iter().filter(|a| a.kind == AckKind::Learning) {
        let paragraph = paragraph_of(text, ack.start);
        if acknowledged_paragraphs.contains(&paragraph) {
            continue;
        }
        let Some(source) =
            threads.addresses[taker as usize].iter().map(|a| a.target).find(|&t| credit_to(t))
        else {
            continue;
        };
        acknowledged_paragraphs.insert(paragraph);
        // an owner's link is mostly our own page: credit its concept instead
        let links_first = direction == Direction::ToUs;
        let (what, start) = credited(corpus, langs[source as usize], source, links_first);
        moments.push(Moment {
            kind: MomentKind::Acknowledged,
            direction,
            what,
            item: source,
            from: corpus.items[source as usize].author,
            taken_up_in: Some(taker),
            introduced_at: start as u32,
            taken_up_at: Some(ack.start as u32),
            acknowledgement: Some(ack.text.clone()),
            reported_broken: false,
        });
    }
    moments
}

/// True if a concept is nothing but an acknowledgement or agreement ("Good point", "great
/// idea"): saying it again is acknowledging, not taking up what someone brought in. Checked
/// only for the few uses that become moments, not for every candidate.
fn is_acknowledgement_phrase(what: &str) -> bool {
    use relate_text::Act;
    if what.split_whitespace().count() > 4 {
        return false;
    }
    let acts = relate_text::acts(what);
    !acts.is_empty() && acts.iter().all(|a| matches!(a, Act::Acknowledgement | Act::Agreement))
}

/// Where each concept (candidate rules of step 1) was first brought in among the items
/// `include` admits.
fn introductions_by(
    corpus: &Corpus,
    langs: &[Lang],
    include: &(dyn Fn(u32) -> bool + Sync),
) -> HashMap<ConceptId, Introduction> {
    (0..corpus.items.len() as u32)
        .into_par_iter()
        // large chunks: every chunk folds into a map of its own before they are merged
        .with_min_len(1 << 14)
        .filter(|&i| include(i))
        .fold(HashMap::default, |mut map: HashMap<ConceptId, Introduction>, i| {
            let lang = langs[i as usize];
            let (phrases, words) = relate_text::phrases_and_words(corpus.text_of(i), lang);
            // German words with their compound parts, for the compound keys (see `bag_id`)
            let german = (lang == Lang::De).then(|| Expanded::of_words(&words));
            for (id, start, end) in candidates(&phrases, german.as_ref(), lang) {
                introduce(corpus, &mut map, id, Introduction { item: i, start, end });
            }
            map
        })
        .reduce(HashMap::default, |mut a, b| {
            for (key, intro) in b {
                match a.get(&key) {
                    Some(existing) if existing.order(corpus) <= intro.order(corpus) => {}
                    _ => {
                        a.insert(key, intro);
                    }
                }
            }
            a
        })
}

/// Records `intro` for concept `id` unless an earlier introduction is known.
fn introduce(
    corpus: &Corpus,
    map: &mut HashMap<ConceptId, Introduction>,
    id: ConceptId,
    intro: Introduction,
) {
    map.entry(id)
        .and_modify(|e| {
            if intro.order(corpus) < e.order(corpus) {
                *e = intro.clone();
            }
        })
        .or_insert(intro);
}

/// A concept an item brings in (step 1): its id and byte range.
type Candidate = (ConceptId, u32, u32);

/// The concepts among an item's `phrases` (from [`relate_text::phrases_and_words`]), each
/// also under its German bag id (`german`: the item's words expanded, for German items), and
/// the German compounds long enough to be terms on their own.
fn candidates(
    phrases: &[relate_text::Phrase],
    german: Option<&Expanded<'_>>,
    lang: Lang,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut add = |id, start: usize, end: usize| out.push((id, start as u32, end as u32));
    for phrase in phrases {
        if !is_concept(&phrase.kind, phrase.n_content, &phrase.text) {
            continue;
        }
        add(concept_id(lang, &phrase.key), phrase.start, phrase.end);
        if let Some(bag) = german.and_then(|g| g.bag_in(phrase.start, phrase.end)) {
            add(bag, phrase.start, phrase.end);
        }
    }
    // a compound written alone, long enough to be a term of its own ("Objektbiografie")
    if let Some(g) = german {
        for w in g.words.iter().filter(|w| w.parts.is_some() && w.letters >= BARE_COMPOUND_LETTERS)
        {
            add(concept_id(lang, w.stem), w.start, w.end);
            if let Some(bag) = g.bag_in(w.start, w.end) {
                add(bag, w.start, w.end);
            }
        }
    }
    out
}

/// A compound written alone is a concept from this many letters on ("Objektbiografie").
const BARE_COMPOUND_LETTERS: usize = 12;
/// Words a compound's parts written apart may span, beyond one per part ("Transfer von Wissen").
const BAG_SLACK: usize = 2;
/// Bag ids: a concept with a compound, one without, and the identity shared by both forms.
const BAG_COMPOUND: u64 = 0x5bd1_e995_c2b2_ae35;
const BAG_PLAIN: u64 = 0x27d4_eb2f_1656_67c5;
const BAG_CANONICAL: u64 = 0x94d0_49bb_1331_11eb;

fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One content word of a German text, with the stems of its compound parts.
struct ExpandedWord<'w> {
    start: usize,
    end: usize,
    /// Borrowed from the words it was made of: a German text's words live as long.
    stem: &'w str,
    /// Stems of the compound parts, if the word is a compound.
    parts: Option<Vec<String>>,
    /// Order-free hash and count of the stems it stands for (its parts, or itself).
    sum: u64,
    count: u64,
    letters: usize,
    /// A sentence begins at this word.
    sentence_start: bool,
    /// Index among all words (stopwords included), for the span of a window.
    at: usize,
}

/// The content words of a German text, for matching compounds against their parts written
/// apart: a concept's *bag* is the multiset of its stems with every compound replaced by the
/// stems of its parts, so "Wissenstransfer" and "Transfer von Wissen" share one.
struct Expanded<'w> {
    words: Vec<ExpandedWord<'w>>,
}

impl<'w> Expanded<'w> {
    /// From the words of a German text (`relate_text::words(text, Lang::De)`), which the
    /// caller has at hand already: tokenising twice was a tenth of the report on a large corpus.
    fn of_words(words: &'w [relate_text::Word<'_>]) -> Expanded<'w> {
        let words = words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.is_content())
            .map(|(at, w)| {
                let parts = relate_text::compound_parts(w.text, Lang::De);
                let stem_hash = |s: &str| mix(fnv(FNV_OFFSET, s.as_bytes()));
                let (sum, count) = match &parts {
                    Some(p) => (
                        p.iter().fold(0u64, |acc, s| acc.wrapping_add(stem_hash(s))),
                        p.len() as u64,
                    ),
                    None => (stem_hash(&w.stem), 1),
                };
                ExpandedWord {
                    start: w.start,
                    end: w.end,
                    stem: &w.stem,
                    count,
                    sum,
                    parts,
                    letters: w.text.chars().filter(|c| c.is_alphabetic()).count(),
                    sentence_start: w.sentence_start,
                    at,
                }
            })
            .collect();
        Expanded { words }
    }

    /// The bag id of the content words in bytes `start..end`: tagged as holding a compound or
    /// not; `None` without a compound and with fewer than two stems.
    fn bag_in(&self, start: usize, end: usize) -> Option<ConceptId> {
        let ws = self.words.iter().filter(|w| w.start >= start && w.end <= end);
        bag_of(ws).map(|(core, compound)| core ^ if compound { BAG_COMPOUND } else { BAG_PLAIN })
    }
}

/// Order-free hash of the stems of `words` (compounds by their parts) and whether one of them
/// is a compound; `None` for fewer than two stems.
fn bag_of<'a, 'w: 'a>(words: impl Iterator<Item = &'a ExpandedWord<'w>>) -> Option<(u64, bool)> {
    let (mut sum, mut count, mut compound) = (0u64, 0u64, false);
    for w in words {
        sum = sum.wrapping_add(w.sum);
        count += w.count;
        compound |= w.parts.is_some();
    }
    (count >= 2).then(|| (bag_hash(sum, count), compound))
}

/// The hash of a bag from the sum of its stems' hashes and their number.
fn bag_hash(sum: u64, count: u64) -> u64 {
    mix(sum ^ count.wrapping_mul(FNV_PRIME))
}

/// Concepts of `introductions` whose stems occur in order in `text`, longest first, without
/// overlaps. Single-stem concepts only count for words of ten letters or more. In German, a
/// concept with a compound also matches its parts written apart, in any order within a few
/// words of one sentence, and a concept written apart matches a compound of its parts (see
/// [`Expanded`]). Each match comes with the identity it counts under for "the owner used it
/// before": the shared bag of the two forms where a compound is involved, else the concept.
fn concept_matches(
    text: &str,
    lang: Lang,
    introductions: &HashMap<ConceptId, Introduction>,
) -> Vec<Match> {
    let words = relate_text::words(text, lang);
    let expanded = (lang == Lang::De).then(|| Expanded::of_words(&words));
    concept_matches_in(&words, expanded.as_ref(), lang, introductions)
}

/// [`concept_matches`] over a text's words, and for German their expansion
/// ([`Expanded::of_words`]), which the caller has at hand.
fn concept_matches_in(
    words: &[relate_text::Word<'_>],
    expanded: Option<&Expanded<'_>>,
    lang: Lang,
    introductions: &HashMap<ConceptId, Introduction>,
) -> Vec<Match> {
    const MAX_STEMS: usize = 8;
    let content: Vec<&relate_text::Word<'_>> = words.iter().filter(|w| w.is_content()).collect();
    let mut found = Vec::new();
    let mut covered_until = 0usize;
    for start in 0..content.len() {
        if content[start].start < covered_until {
            continue;
        }
        let mut best: Option<(ConceptId, ConceptId, usize)> = None;
        // FNV over "stem stem stem", extended one stem at a time: equal to `concept_id`
        let mut h = FNV_OFFSET;
        // the window's bag, extended one word at a time: equal to `window_bag`
        let mut bag_window = BagWindow::default();
        for end in start..content.len().min(start + MAX_STEMS) {
            if end > start {
                h = fnv(h, b" ");
            }
            h = fnv(h, content[end].stem.as_bytes());
            let bag = expanded.and_then(|x| bag_window.extend(&x.words[start], &x.words[end]));
            let canonical = |id| bag.filter(|b| b.1).map_or(id, |b| b.0 ^ BAG_CANONICAL);
            if !(end == start
                && content[start].lower.chars().filter(|c| c.is_alphabetic()).count() < 10)
            {
                let id = with_lang(lang, h);
                if introductions.contains_key(&id) {
                    best = Some((id, canonical(id), end));
                    continue;
                }
            }
            // the compound form of a concept, or its parts written apart
            if let Some((core, compound)) = bag {
                let tags: &[u64] =
                    if compound { &[BAG_COMPOUND, BAG_PLAIN] } else { &[BAG_COMPOUND] };
                if let Some(id) =
                    tags.iter().map(|t| core ^ t).find(|id| introductions.contains_key(id))
                {
                    best = Some((id, core ^ BAG_CANONICAL, end));
                }
            }
        }
        if let Some((id, canonical, end)) = best {
            covered_until = content[end].end;
            found.push((id, canonical, content[start].start..content[end].end));
        }
    }
    found
}

/// The bag of a window of content words if it lies in one sentence, within a few words (see
/// [`BAG_SLACK`]), for a window that grows by one word at a time, without reading the window
/// again: a sentence start inside it or too many words between stays so for every longer
/// window, and the bag's hash is a sum.
#[derive(Default)]
struct BagWindow {
    words: usize,
    sum: u64,
    count: u64,
    compound: bool,
    broken: bool,
}

impl BagWindow {
    /// Adds `last` to the window that begins at `first`; the bag of the window so far.
    fn extend(&mut self, first: &ExpandedWord<'_>, last: &ExpandedWord<'_>) -> Option<(u64, bool)> {
        self.words += 1;
        if self.words > 1
            && (last.sentence_start || last.at - first.at + 1 > self.words + BAG_SLACK)
        {
            self.broken = true;
        }
        if self.broken {
            return None;
        }
        self.sum = self.sum.wrapping_add(last.sum);
        self.count += last.count;
        self.compound |= last.parts.is_some();
        (self.count >= 2).then(|| (bag_hash(self.sum, self.count), self.compound))
    }
}

/// Quoted passages in owner item `o` found in earlier items by others in its conversation;
/// the items `o` addresses are searched first, then the others, latest first.
fn quoted_uses(
    corpus: &Corpus,
    threads: &Threads,
    langs: &[Lang],
    o: u32,
    is_other_person: &(dyn Fn(u32) -> bool + Sync),
) -> Vec<Use> {
    let item = &corpus.items[o as usize];
    const QUOTE_MARKS: [char; 11] = ['"', '„', '“', '”', '«', '»', '‚', '‘', '›', '‹', '>'];
    if !corpus.text(item).contains(QUOTE_MARKS) {
        return Vec::new();
    }
    let lang = langs[o as usize];
    let quotes: Vec<relate_text::Phrase> = relate_text::phrases(corpus.text(item), lang)
        .into_iter()
        .filter(|p| p.kind == PhraseKind::Quoted && is_concept(&p.kind, p.n_content, &p.text))
        .collect();
    if quotes.is_empty() {
        return Vec::new();
    }
    let conversation = &threads.order[item.conversation as usize];
    let mut candidates: Vec<u32> = threads.addresses[o as usize].iter().map(|a| a.target).collect();
    candidates.extend(conversation.iter().rev().copied());
    candidates.retain(|&c| threads.before(c, o) && is_other_person(c));
    let mut uses = Vec::new();
    for quote in quotes {
        for &c in &candidates {
            let source = &corpus.items[c as usize];
            if let Some(range) =
                relate_text::locate(corpus.text(source), langs[c as usize], &quote.key)
            {
                uses.push(Use {
                    source: c,
                    what: corpus.text(source)[range.clone()].to_string(),
                    source_start: range.start,
                    range: quote.start..quote.end,
                    quoted: true,
                });
                break;
            }
        }
    }
    uses
}

/// Index of the paragraph (blank-line separated) containing byte `at`.
fn paragraph_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches("\n\n").count()
}

/// The sentence of item `item` around byte `at`, shortened to 300 characters: the evidence
/// shown with a moment.
pub fn quote(corpus: &Corpus, item: u32, at: u32) -> String {
    let text = corpus.text_of(item);
    let at = (at as usize).min(text.len());
    let range = relate_text::sentence_around(text, at);
    excerpt(text[range].trim(), 300)
}

/// The first `max` characters of `text`, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A link's identity for matching: lowercase scheme and host, no `www.`, no fragment, no
/// tracking parameters (`utm_*`, `fbclid`, `gclid`), no trailing slash.
fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let rest = rest.split('#').next().unwrap_or(rest);
    let (host_path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = host_path.split_once('/').unwrap_or((host_path, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let query: Vec<&str> = query
        .split('&')
        .filter(|kv| {
            let k = kv.split('=').next().unwrap_or("");
            !k.is_empty() && !k.starts_with("utm_") && k != "fbclid" && k != "gclid"
        })
        .collect();
    let scheme = scheme.to_lowercase();
    let scheme = if scheme == "https" { "http" } else { scheme.as_str() };
    let mut out = format!("{scheme}://{host}/{}", path.trim_end_matches('/'));
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::threads;
    use relate_model::corpus::testing::corpus_from_text;

    /// The bag of a window read whole: what [`BagWindow`] must equal.
    fn window_bag(window: &[ExpandedWord<'_>]) -> Option<(u64, bool)> {
        let (first, last) = (window.first()?, window.last()?);
        if window.len() > 1
            && (window[1..].iter().any(|w| w.sentence_start)
                || last.at - first.at + 1 > window.len() + BAG_SLACK)
        {
            return None;
        }
        bag_of(window.iter())
    }

    #[test]
    fn a_growing_bag_window_equals_the_window_read_whole() {
        let text = "Der Wissenstransfer im Museum. Transfer von Wissen braucht Zeit, Geduld und \
                    viele kleine Gespräche über Kulturvermittlung und Besucherforschung";
        let words = relate_text::words(text, Lang::De);
        let x = Expanded::of_words(&words);
        let mut compared = 0;
        for start in 0..x.words.len() {
            let mut growing = BagWindow::default();
            for end in start..x.words.len().min(start + 8) {
                let got = growing.extend(&x.words[start], &x.words[end]);
                assert_eq!(got, window_bag(&x.words[start..=end]), "{start}..={end}");
                compared += usize::from(got.is_some());
            }
        }
        assert!(compared > 10, "too few bags compared: {compared}");
    }

    fn check(text: &str) -> String {
        let corpus = corpus_from_text(text);
        let threads = threads::compute(&corpus);
        let learning = compute(&corpus, &threads, &languages(&corpus));
        learning
            .moments
            .iter()
            .map(|m| {
                format!(
                    "{:?} {:?} from {} in #{} taken up in {}{}\n",
                    m.kind,
                    m.what,
                    corpus.participants[m.from as usize].display_name,
                    corpus.native_id_of(m.item),
                    m.taken_up_in
                        .map_or("-".to_string(), |o| format!("#{}", corpus.native_id_of(o))),
                    if m.reported_broken { " (reported broken)" } else { "" },
                )
            })
            .collect()
    }

    #[test]
    fn german_concept_taken_up_in_another_inflection_with_thanks() {
        let got = check(
            "owner Anna
             #1 Anna: Wir sammeln Geschichten aus dem Viertel und zeigen sie im Museum.
             #2 Ben -> #1: Das erinnert mich an die Idee des „partizipativen Sammelns“, die gerade viele Häuser erproben.
             #3 Anna -> #1: @Ben: An „partizipatives Sammeln“ hatte ich gar nicht gedacht, danke für den Hinweis!",
        );
        assert_eq!(got, "Acknowledged \"partizipativen Sammelns\" from Ben in #2 taken up in #3\n");
    }

    #[test]
    fn a_concept_the_owner_used_before_is_not_learned() {
        let got = check(
            "owner Anna
             #1 Anna: Unsere Reihe zur Oral History beginnt im März.
             #2 Ben -> #1: Oral History im Museum finde ich wichtig, gerade mit „Oral History“ als Methode.
             #3 Anna -> #2: Good point, Oral History braucht Zeit.",
        );
        // the acknowledgement finds nothing new, so it is credited to the item answered
        assert_eq!(got, "Acknowledged \"Oral History\" from Ben in #2 taken up in #3\n");
    }

    #[test]
    fn long_range_uptake_and_broken_source_and_spam_counts_for_nothing() {
        let got = check(
            "owner Anna
             == a
             #1 Anna: Our new exhibition opens today.
             #2 Ben -> #1: Have you tried shared authority with your visitors? See https://example.org/paper.pdf
             #3 Anna -> #1: @Ben: the link leads back to this post, could you fix the link?
             #4 Spammer -> #1 [spam]: great post, thanks for sharing cheap watches https://spam.example
             == b
             #5 Anna: Next month we try shared authority in the gallery.",
        );
        assert_eq!(
            got,
            "Uptake \"shared authority\" from Ben in #2 taken up in #5\n\
             Source \"https://example.org/paper.pdf\" from Ben in #2 taken up in - (reported broken)\n"
        );
    }

    #[test]
    fn quoted_passage_of_the_answered_comment() {
        let got = check(
            "owner Chris
             #1 Chris: Über Kommunikation im Netz.
             #2 Heinz -> #1: Ich kann die Unterschiedlichkeit und das gleichzeitige Verwobensein der beiden Existenzen besser einordnen.
             #3 Chris -> #1: @Heinz: schöne Formulierung: „Unterschiedlichkeit und gleichzeitiges Verwobensein der beiden Existenzen“, danke!",
        );
        assert_eq!(
            got,
            "Acknowledged \"Unterschiedlichkeit und das gleichzeitige Verwobensein der beiden Existenzen\" from Heinz in #2 taken up in #3\n"
        );
    }

    #[test]
    fn plain_thanks_is_not_learning() {
        let got = check(
            "owner Anna
             #1 Anna: Ein Beitrag über Ausstellungen.
             #2 Ben -> #1: Vielen Dank für den Beitrag!
             #3 Anna -> #2: Danke für Ihren Kommentar!",
        );
        assert_eq!(got, "");
    }

    fn check_from_us(text: &str) -> String {
        let corpus = corpus_from_text(text);
        let threads = threads::compute(&corpus);
        compute(&corpus, &threads, &languages(&corpus))
            .from_us
            .iter()
            .map(|m| {
                format!(
                    "{:?} {:?} from {} in #{} taken up by {} in #{}{}\n",
                    m.kind,
                    m.what,
                    corpus.participants[m.from as usize].display_name,
                    corpus.native_id_of(m.item),
                    corpus.author(&corpus.items[m.taken_up_in.unwrap() as usize]).display_name,
                    corpus.native_id_of(m.taken_up_in.unwrap()),
                    m.acknowledgement.as_ref().map_or(String::new(), |a| format!(" ({a})")),
                )
            })
            .collect()
    }

    #[test]
    fn others_take_up_what_we_brought_in() {
        let got = check_from_us(
            "owner Anna
             == a
             #1 Anna: Wir starten das „Sammeln der Gegenwart“ und die offene Werkstatt im Depot.
             #2 Ben -> #1: Offene Werkstatt klingt gut, ich komme vorbei.
             #3 Cem -> #1: Wie sammelt man denn Gegenwart?
             == b
             #4 Anna: Unsere Sommerreihe beginnt.
             #5 Ben -> #4: Das „Sammeln der Gegenwart“ geht mir nicht aus dem Kopf, ein spannender Gedanke!
             #6 Cem -> #4: Zum Sammeln der Gegenwart bringe ich Fotos mit.
             #7 Dora -> #4: Danke, das wusste ich nicht.",
        );
        // #2 answers us in our own words, in our own thread: no moment; Cem's uptake in
        // another thread counts without an acknowledgement; Dora's acknowledgement is
        // credited to the post she answered
        assert_eq!(
            got,
            "Acknowledged \"Sammeln der Gegenwart\" from Anna in #1 taken up by Ben in #5 (spannender Gedanke)\n\
             Uptake \"Sammeln der Gegenwart\" from Anna in #1 taken up by Cem in #6\n\
             Acknowledged \"Unsere Sommerreihe\" from Anna in #4 taken up by Dora in #7 (das wusste ich nicht)\n"
        );
    }

    #[test]
    fn not_from_us_when_someone_else_brought_it_first_or_they_used_it_before() {
        let got = check_from_us(
            "owner Anna
             == a
             #1 Ben: Ich schlage „partizipatives Sammeln“ vor, und die „offene Werkstatt“ kenne ich schon.
             #2 Anna: Wir probieren partizipatives Sammeln und eine „offene Werkstatt“ aus.
             == b
             #3 Anna: Neues aus dem Depot.
             #4 Cem -> #3: Partizipatives Sammeln, das wusste ich nicht!
             #5 Ben -> #3: Die offene Werkstatt im Depot hat mir gefallen.",
        );
        // Ben brought both in before we did: Cem learned it, but not from us, so his
        // acknowledgement is credited to the post he answered; Ben used his own words again
        assert_eq!(
            got,
            "Acknowledged \"Neues aus dem Depot.\" from Anna in #3 taken up by Cem in #4 (das wusste ich nicht)\n"
        );
    }

    #[test]
    fn urls_normalise_tracking_and_case() {
        assert_eq!(
            normalize_url("https://WWW.Example.org/a/?utm_source=x&id=3#top"),
            normalize_url("http://example.org/a?id=3")
        );
    }
}
