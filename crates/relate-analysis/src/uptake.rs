//! Local uptake: for every reply, how much it builds on the item it answers (its parent).
//!
//! A score from 0 to 1 per reply, from a few components a person can check by reading the
//! two texts (docs/measures.md, "Local uptake (`uptake`)"). No neural model; every word list
//! is relate-text's.
//!
//! 1. **Repeated** (`repeated`): the parent's content words the reply uses again, across
//!    inflection (Snowball stems, stopwords and one-letter tokens left out), each distinct
//!    stem weighted by its *rarity* `ln(N / df) / ln(N)`: `N` the public items with words,
//!    `df` those that use the stem. A word in every item weighs 0, a word only these two
//!    items use weighs almost 1. German compounds meet their parts: a word is found in a
//!    longer word of the other text when it is the longer word's first part (written form,
//!    "Wissen" in "Wissenstransfer") or its last part (stem, "Transfer" in
//!    "Wissenstransfer"), the part at least 5 letters and the rest at least 3.
//! 2. **Quoted** (`quoted`): the reply quotes the parent: a `> ` line of two or more content
//!    words, at least half of them found in the parent, or a passage in quotation marks
//!    whose stems occur in order in the parent (`relate_text::locate`).
//! 3. **Answers** (`answers`): the parent asks (a `?` that ends a sentence) and the reply
//!    says something of its own: at least [`ANSWER_WORDS`] content words outside
//!    acknowledgements ("danke", "good point"), `> ` quotes, links and `@Name`s.
//! 4. **Named** (`named`): the reply names the parent's author with `@Name`; weaker, since
//!    some platforms put it there by themselves.
//! 5. **Own words** (`own_words`): the reply's content words that are not the parent's (no
//!    stem or compound part in common), outside acknowledgements, `> ` quotes, links and
//!    names: what it adds.
//!
//! Combined, in two halves:
//!
//! - *connection* `c = 1 − e^(−(repeated / 2 + quoted + answers + named / 4))`: how much the
//!   reply ties itself to the parent; each component pushes it towards 1, none alone
//!   reaches it;
//! - *development* `d = min(1, own_words / 10)`: whether it adds something of its own;
//! - `score = (c + d) / 2`.
//!
//! Why both halves: the hand codes (eval/learning/README.md) give 1 to a reply that refers
//! to its parent or repeats it and 2 only to one that also adds reasons, information or a
//! proposal; a reply can reformulate its parent without repeating a word of it. On that set
//! (253 replies, measured 2026-11-27) Spearman's ρ is 0.39 for `c` alone, 0.64 for `d` alone
//! and 0.64 for the score; the set was used to choose the weights.
//!
//! Scored: public items with words (not likes, boosts, pingbacks) whose parent is such an
//! item. Roots, orphans and everything else get `None`.
//!
//! Cost: two passes over the words of every item (document frequencies, then each reply
//! against its parent), in parallel; per reply, hash-set lookups linear in the two texts'
//! lengths, compounds included (a long word tries each split point once).

use std::ops::Range;

use rayon::prelude::*;
use relate_model::State;
use relate_model::corpus::Corpus;
use relate_text::{Lang, PhraseKind, SmallStr, Word};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::threads::Threads;

/// Content words a reply needs outside acknowledgements to count as an answer.
pub const ANSWER_WORDS: usize = 3;
/// Own content words for full development.
const OWN_WORDS: f32 = 10.0;
/// Shortest compound part, in letters, and shortest rest.
const PART: usize = 5;
const REST: usize = 3;
/// Replies compared with their parent per parallel task, at most.
const GROUP: usize = 256;

#[derive(Debug, Default)]
pub struct Uptake {
    /// Per item, 0..1; `None` for items that answer nothing (see the module doc).
    pub score: Vec<Option<f32>>,
}

/// The components of one reply's score (module doc).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Parts {
    /// Summed rarity of the parent's content stems the reply repeats.
    pub repeated: f32,
    /// The reply quotes the parent.
    pub quoted: bool,
    /// The parent asks and the reply says something of its own.
    pub answers: bool,
    /// The reply names the parent's author with `@Name`.
    pub named: bool,
    /// The reply's content words that are not the parent's (outside acknowledgements,
    /// quotes, links and names).
    pub own_words: u32,
}

impl Parts {
    /// How much the reply connects to the parent, 0..1:
    /// `1 − e^(−(repeated / 2 + quoted + answers + named / 4))`.
    pub fn connection(&self) -> f32 {
        let raw = self.repeated / 2.0
            + f32::from(u8::from(self.quoted))
            + f32::from(u8::from(self.answers))
            + f32::from(u8::from(self.named)) / 4.0;
        1.0 - (-raw).exp()
    }

    /// How much the reply adds of its own, 0..1: `min(1, own_words / 10)`.
    pub fn development(&self) -> f32 {
        (self.own_words as f32 / OWN_WORDS).min(1.0)
    }

    /// The score, 0..1: the mean of [`connection`](Self::connection) and
    /// [`development`](Self::development).
    pub fn score(&self) -> f32 {
        (self.connection() + self.development()) / 2.0
    }
}

fn has_words(corpus: &Corpus, i: u32) -> bool {
    let item = &corpus.items[i as usize];
    item.state == State::Public && !item.kind.is_attention() && !item.kind.is_link_notice()
}

/// The parent of `i` when both are scored items.
fn scored_parent(corpus: &Corpus, i: u32) -> Option<u32> {
    let parent = corpus.items[i as usize].parent?;
    (has_words(corpus, i) && has_words(corpus, parent)).then_some(parent)
}

/// Every reply's score (module doc). Parents come from the items themselves; `_threads` keeps
/// the signature of the other analyses and is not needed yet. `langs`: each item's language,
/// from [`crate::learning::languages`].
pub fn compute(corpus: &Corpus, _threads: &Threads, langs: &[Lang]) -> Uptake {
    let score = parts(corpus, langs).into_iter().map(|p| p.map(|p| p.score())).collect();
    Uptake { score }
}

/// The components of every reply's score; `None` where [`compute`] gives `None`.
pub fn parts(corpus: &Corpus, langs: &[Lang]) -> Vec<Option<Parts>> {
    let n = corpus.items.len();
    let mut pairs: Vec<(u32, u32)> =
        (0..n as u32).filter_map(|i| scored_parent(corpus, i).map(|p| (p, i))).collect();
    let mut out = vec![None; n];
    if pairs.is_empty() {
        return out;
    }
    let rarity = Rarity::new(corpus, langs);
    // replies grouped by parent: a post with a thousand comments is read once per group, and
    // large groups are split so that one post does not keep a single core busy
    pairs.sort_unstable();
    let groups: Vec<&[(u32, u32)]> =
        pairs.chunk_by(|a, b| a.0 == b.0).flat_map(|g| g.chunks(GROUP)).collect();
    let found: Vec<(u32, Parts)> = groups
        .par_iter()
        .flat_map_iter(|group| {
            let p = group[0].0;
            let text = corpus.text_of(p);
            let words = relate_text::words(text, langs[p as usize]);
            let parent = Parent::new(corpus, p, &words);
            group
                .iter()
                .map(|&(_, i)| (i, reply_parts(corpus, langs[i as usize], &rarity, i, &parent)))
                .collect::<Vec<_>>()
        })
        .collect();
    for (i, parts) in found {
        out[i as usize] = Some(parts);
    }
    out
}

/// Document frequencies of content stems over the public items with words.
struct Rarity {
    df: HashMap<SmallStr, u32>,
    ln_n: f32,
}

impl Rarity {
    fn new(corpus: &Corpus, langs: &[Lang]) -> Rarity {
        let docs = (0..corpus.items.len() as u32).filter(|&i| has_words(corpus, i)).count();
        let df = (0..corpus.items.len() as u32)
            .into_par_iter()
            .with_min_len(1 << 12)
            .filter(|&i| has_words(corpus, i))
            .fold(HashMap::default, |mut df: HashMap<SmallStr, u32>, i| {
                let words = relate_text::words(corpus.text_of(i), langs[i as usize]);
                let mut stems: Vec<&SmallStr> =
                    words.iter().filter(|w| w.is_content()).map(|w| &w.stem).collect();
                stems.sort_unstable();
                stems.dedup();
                for s in stems {
                    match df.get_mut(s.as_str()) {
                        Some(c) => *c += 1,
                        None => {
                            df.insert(s.clone(), 1);
                        }
                    }
                }
                df
            })
            .reduce(HashMap::default, |a, b| {
                if a.len() < b.len() {
                    return merge(b, a);
                }
                merge(a, b)
            });
        Rarity { df, ln_n: (docs.max(2) as f32).ln() }
    }

    /// `ln(N / df) / ln(N)`, 0..1; a stem no item has counts as used once.
    fn of(&self, stem: &str) -> f32 {
        let df = self.df.get(stem).copied().unwrap_or(1).max(1) as f32;
        ((self.ln_n - df.ln()) / self.ln_n).clamp(0.0, 1.0)
    }
}

fn merge(mut a: HashMap<SmallStr, u32>, b: HashMap<SmallStr, u32>) -> HashMap<SmallStr, u32> {
    for (k, v) in b {
        *a.entry(k).or_insert(0) += v;
    }
    a
}

/// Byte ranges of `> ` quote lines (a line starting with `>`, not `>>`, the quotation mark).
fn quote_lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('>') && !trimmed.starts_with(">>") {
            out.push(at..at + line.len());
        }
        at += line.len();
    }
    out
}

/// Byte ranges of links (`http://`, `https://`, `www.` to the next whitespace).
fn link_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for pattern in ["http://", "https://", "www."] {
        for (start, _) in text.match_indices(pattern) {
            let end = text[start..].find(char::is_whitespace).map_or(text.len(), |e| start + e);
            out.push(start..end);
        }
    }
    out
}

fn inside(spans: &[Range<usize>], at: usize) -> bool {
    spans.iter().any(|r| r.contains(&at))
}

/// True if a `?` in `text` ends a sentence (not `?id=` in a link).
fn asks(text: &str) -> bool {
    text.match_indices('?').any(|(at, _)| {
        text[at + 1..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '=')
    })
}

/// What a reply is compared with: its parent's content words, read once for all its replies.
struct Parent<'a> {
    text: &'a str,
    words: &'a [Word<'a>],
    /// Content stems.
    stems: HashSet<&'a str>,
    /// Lowercase content word → its stem.
    lower: HashMap<&'a str, &'a str>,
    /// First parts (written form) and last parts (stem) of the longer content words.
    parts: HashSet<&'a str>,
    asks: bool,
    /// The author's names, longest first, for [`crate::threads::at_names`].
    names: Vec<(String, u32)>,
}

impl<'a> Parent<'a> {
    fn new(corpus: &'a Corpus, p: u32, words: &'a [Word<'a>]) -> Parent<'a> {
        let text = corpus.text_of(p);
        let mut stems = HashSet::default();
        let mut lower = HashMap::default();
        let mut parts = HashSet::default();
        for w in words.iter().filter(|w| w.is_content()) {
            stems.insert(w.stem.as_str());
            lower.insert(w.lower.as_str(), w.stem.as_str());
            parts.extend(prefixes(w));
            parts.extend(suffixes(w));
        }
        let author = &corpus.participants[corpus.items[p as usize].author as usize];
        let mut names: Vec<(String, u32)> =
            crate::threads::name_variants(&author.display_name, &author.handle)
                .into_iter()
                .map(|n| (n, 0))
                .collect();
        // a Mastodon handle is also named by its local part
        if let Some((local, _)) = author.handle.trim_start_matches('@').split_once('@')
            && local.chars().count() >= 3
        {
            names.push((local.to_lowercase(), 0));
        }
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Parent { text, words, stems, lower, parts, asks: asks(text), names }
    }

    /// The stem under which reply word `w` repeats this parent, if it does: its own stem
    /// when the parent has it or has it as a part of a longer word, else the stem of a
    /// parent word that is a part of `w`.
    fn repeats<'w>(&self, w: &'w Word<'_>) -> Option<&'w str>
    where
        'a: 'w,
    {
        let stem = w.stem.as_str();
        if self.stems.contains(stem)
            || self.parts.contains(stem)
            || self.parts.contains(w.lower.as_str())
        {
            return Some(stem);
        }
        prefixes(w)
            .find_map(|part| self.lower.get(part).or_else(|| self.stems.get(part)).copied())
            .or_else(|| suffixes(w).find_map(|part| self.stems.get(part).copied()))
    }
}

/// The first parts of a long word's written form, at least [`PART`] letters with at least
/// [`REST`] letters after them ("wissen", "wissens", … in "wissenstransfer").
fn prefixes<'w>(w: &'w Word<'_>) -> impl Iterator<Item = &'w str> {
    let lower = w.lower.as_str();
    let letters = if lower.len() >= PART + REST { lower.chars().count() } else { 0 };
    lower
        .char_indices()
        .enumerate()
        .filter(move |&(k, _)| k >= PART && letters >= k + REST)
        .map(move |(_, (at, _))| &lower[..at])
}

/// The last parts of a long word's stem, at least [`PART`] letters with at least [`REST`]
/// letters before them ("transf" in "wissenstransf").
fn suffixes<'w>(w: &'w Word<'_>) -> impl Iterator<Item = &'w str> {
    let stem = w.stem.as_str();
    let letters = if stem.len() >= PART + REST { stem.chars().count() } else { 0 };
    stem.char_indices()
        .enumerate()
        .filter(move |&(k, _)| k >= REST && letters >= k + PART)
        .map(move |(_, (at, _))| &stem[at..])
}

fn reply_parts(corpus: &Corpus, lang: Lang, rarity: &Rarity, i: u32, parent: &Parent<'_>) -> Parts {
    let text = corpus.text_of(i);
    let words = relate_text::words(text, lang);
    let quotes = quote_lines(text);
    let links = link_spans(text);
    let acks: Vec<Range<usize>> =
        relate_text::acknowledgements(text).iter().map(|a| a.start..a.end).collect();
    let bytes = text.as_bytes();

    // 1. repeated (distinct stems), and the reply's own words: content words not quoted,
    // not in a link, not a name after `@`
    let mut matched: Vec<&str> = Vec::new();
    let (mut own_words, mut substantive) = (0u32, 0usize);
    for w in &words {
        if !w.is_content()
            || inside(&quotes, w.start)
            || inside(&links, w.start)
            || (w.start > 0 && bytes[w.start - 1] == b'@')
        {
            continue;
        }
        let acknowledging = inside(&acks, w.start);
        substantive += usize::from(!acknowledging);
        match parent.repeats(w) {
            Some(stem) => matched.push(stem),
            None => own_words += u32::from(!acknowledging),
        }
    }
    matched.sort_unstable();
    matched.dedup();
    let repeated = matched.iter().fold(0.0, |sum, s| sum + rarity.of(s));

    // 2. quoted: a `> ` line mostly of the parent's words, or a passage in quotation marks
    let quoted = quotes.iter().any(|line| {
        let stems: Vec<&str> = words
            .iter()
            .filter(|w| w.is_content() && line.contains(&w.start))
            .map(|w| w.stem.as_str())
            .collect();
        stems.len() >= 2
            && 2 * stems.iter().filter(|s| parent.stems.contains(*s)).count() >= stems.len()
    }) || (text.contains(['"', '„', '“', '”', '«', '»', '‚', '‘', '›', '‹'])
        && relate_text::phrases(text, lang).iter().any(|q| {
            q.kind == PhraseKind::Quoted
                && relate_text::locate_in_words(parent.text, parent.words, &q.key).is_some()
        }));

    // 3. answers; 4. named
    let answers = parent.asks && substantive >= ANSWER_WORDS;
    let named = text.contains('@') && !crate::threads::at_names(text, &parent.names).is_empty();
    Parts { repeated, quoted, answers, named, own_words }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::languages;
    use crate::threads;
    use relate_model::corpus::testing::corpus_from_text;

    /// Every item's components and score, or `-` where there is none.
    fn check(text: &str) -> String {
        let corpus = corpus_from_text(text);
        let uptake = compute(&corpus, &threads::compute(&corpus), &languages(&corpus));
        let parts = parts(&corpus, &languages(&corpus));
        let mut out = String::new();
        for (i, p) in parts.iter().enumerate() {
            let id = corpus.native_id_of(i as u32);
            match p {
                None => out.push_str(&format!("#{id} -\n")),
                Some(p) => out.push_str(&format!(
                    "#{id} repeated {:.2} quoted {} answers {} named {} own {} = {:.2}\n",
                    p.repeated,
                    u8::from(p.quoted),
                    u8::from(p.answers),
                    u8::from(p.named),
                    p.own_words,
                    uptake.score[i].unwrap(),
                )),
            }
        }
        out
    }

    #[test]
    fn inflection_compounds_and_an_answered_question() {
        // #2 repeats "Schulklasse" (inflected: 0.5, two of the four items use it), and
        // "Wissen" and "Transfer" meet the parent's "Wissenstransfer" (1 each); it answers the
        // question and adds 7 words of its own. #3 only thanks and names. #4 changes the
        // subject with a question: only "Museum" and a (wrongly credited) answer.
        let got = check(
            "owner Anna
             #1 Anna: Wie gelingt der Wissenstransfer zwischen Museum und Schulklasse?
             #2 Ben -> #1: Transfer von Wissen klappt mit festen Schulklassen, die jedes Jahr wiederkommen und eigene Objekte mitbringen.
             #3 Anna -> #2: @Ben: Danke schön!
             #4 Carl -> #1: Hat das Museum eigentlich montags geöffnet?
             #5 Dora -> #4 [spam]: Billige Uhren
             #6 Eve (like) -> #1: ",
        );
        assert_eq!(
            got,
            "#1 -\n\
             #2 repeated 2.50 quoted 0 answers 1 named 0 own 7 = 0.80\n\
             #3 repeated 0.00 quoted 0 answers 0 named 1 own 0 = 0.11\n\
             #4 repeated 0.50 quoted 0 answers 1 named 0 own 2 = 0.46\n\
             #5 -\n\
             #6 -\n"
        );
    }

    #[test]
    fn quote_lines_and_quotation_marks() {
        let got = check(
            "#1 Ann: Opening hours change in May. The café stays open until eight.
             #2 Bob -> #1: > The café stays open until eight\\n+1
             #3 Cat -> #1: Until \"eight\"? Lovely.
             #4 Dan -> #1: > Something nobody said here\\nok",
        );
        assert_eq!(
            got,
            "#1 -\n\
             #2 repeated 0.00 quoted 1 answers 0 named 0 own 0 = 0.32\n\
             #3 repeated 0.21 quoted 1 answers 0 named 0 own 1 = 0.38\n\
             #4 repeated 0.00 quoted 0 answers 0 named 0 own 0 = 0.00\n"
        );
    }

    #[test]
    fn nothing_to_score() {
        assert_eq!(check("#1 Ann: alone"), "#1 -\n");
        assert!(compute(&Corpus::default(), &Threads::default(), &[]).score.is_empty());
    }
}
