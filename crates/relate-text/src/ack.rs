//! Acknowledgements ("darauf bin ich gar nicht gekommen", "thanks", "well put", "stimmt") and
//! broken-link reports, in German and English, matched from small phrase lists.
//!
//! All phrase lists below are our own curation for relate (written from common usage in German
//! and English blog comments, not taken from any external resource). They are plain data so
//! they are easy to extend. Pattern syntax, one pattern per string:
//!
//! * words are separated by spaces and matched case-insensitively as whole UAX#29 words;
//!   between two words only whitespace or a hyphen may appear ("danke   für", "eye-opening");
//! * `a|b|c` — one of several words;
//! * `[a|b]` — an optional word;
//! * `@name` — one of the words of the named set in [`SETS`];
//! * a leading `^` — the match must start a sentence (text start, after `.` `!` `?` `…` `:`
//!   `;`, a line break, or right after an `@mention`);
//! * a trailing `$` — no further word may follow with only whitespace in between
//!   ("Stimmt!" and "Stimmt, aber ..." match `^stimmt$`; "stimmt nicht" does not).
//!
//! Apostrophes are normalised (’ → '), so `hadn't` also matches "hadn’t".

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::lexicon::WordBuildHasher;
use crate::seg::word_indices;
use crate::words::{is_terminal, lower_into};

/// What an [`Acknowledgement`] expresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AckKind {
    /// An explicit sign of having learned something or been given a new thought.
    Learning,
    /// Plain thanks.
    Thanks,
    /// Appreciation of how something was put ("schöne Formulierung", "well put").
    Appreciation,
    /// Agreement ("da hast du recht", "I agree").
    Agreement,
}

/// An acknowledgement found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acknowledgement {
    /// Which kind.
    pub kind: AckKind,
    /// The matched words as written (from the first to the last matched word).
    pub text: String,
    /// Byte offset of the match.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
}

/// Named word sets usable as `@name` in patterns (own curation).
const SETS: &[(&str, &str)] = &[
    (
        "adj_de",
        "spannenden|interessanten|guten|wichtigen|tollen|wertvollen|spannende|interessante|gute|\
         wichtige|tolle|wertvolle",
    ),
    (
        "det_de",
        "den|diesen|deinen|ihren|euren|die|diese|deine|ihre|eure|das|dieses|dein|ihr|euer|einen",
    ),
    (
        "obj_de",
        "hinweis|hinweise|tipp|tip|tipps|link|links|gedanken|impuls|impulse|anregung|anregungen|\
         input|denkanstoß|denkanstoss|perspektive|einblick|einblicke|literaturhinweis|lesetipp|\
         buchtipp|quelle|quellen|idee|ideen|verweis|klarstellung|richtigstellung|korrektur",
    ),
    ("thanks", "thanks|thx|thank"),
    ("det_en", "the|this|that|your|these|those"),
    (
        "obj_en",
        "tip|tips|pointer|pointers|link|links|reminder|hint|hints|insight|insights|idea|ideas|\
         suggestion|suggestions|perspective|reference|references|recommendation|heads|correction|\
         clarification",
    ),
    ("point_adj_de", "guter|wichtiger|berechtigter|interessanter|spannender|wertvoller|toller"),
    ("point_adj_de_acc", "guten|wichtigen|berechtigten|interessanten|spannenden|wertvollen"),
];

/// Learning: explicit signs of having learned something or been given a new thought.
/// Own curation (German and English comment idioms).
const LEARNING: &[&str] = &[
    // German: "I had not thought of that"
    "darauf|drauf|daran|dadrauf bin|wäre ich [noch] [gar|überhaupt|ja] nicht|nie gekommen",
    "bin|wäre ich [noch] [gar|überhaupt] nicht|nie gekommen",
    "daran|dran|darüber|drüber habe|hab|hätte ich [noch] [gar|überhaupt] nicht|nie [so] gedacht|nachgedacht",
    "habe|hab|hätte ich [noch] [gar|überhaupt] nicht|nie daran|dran|darüber|drüber gedacht|nachgedacht",
    "so habe|hab ich das [noch] [gar] nie|nicht gesehen|betrachtet",
    // German: "I did not know"
    "das wusste ich [noch] [gar|überhaupt] nicht",
    "wusste ich [noch] [gar|überhaupt] nicht",
    "ich wusste [noch] gar|überhaupt nicht",
    "das war mir [noch] [gar|überhaupt] nicht bewusst|klar",
    "war mir [noch] [gar|überhaupt] nicht bewusst|klar",
    "kannte ich [noch] [gar|überhaupt] nicht",
    // German: "learned something"
    "wieder|heute was|etwas [neues] gelernt|dazugelernt",
    "etwas [neues] gelernt|dazugelernt",
    "was neues gelernt|dazugelernt",
    "viel|einiges [neues] gelernt|dazugelernt",
    "dazugelernt",
    "man lernt nie aus",
    "neu für mich",
    "für mich neu",
    "war|ist mir [völlig|ganz|komplett] neu",
    // German: thanks for a pointer / thought
    "danke|dankeschön [schön|sehr] [auch|nochmal] für @det_de [@adj_de] @obj_de",
    "vielen|herzlichen|besten|lieben|tausend dank [auch|nochmal] für @det_de [@adj_de] @obj_de",
    // German: "good point", "interesting thought"
    "@point_adj_de punkt|hinweis|gedanke|aspekt|einwand|denkanstoß|impuls|ansatz",
    "@point_adj_de_acc punkt|hinweis|gedanken|aspekt|einwand|denkanstoß|impuls|ansatz",
    "spannende|interessante perspektive|sichtweise|anregung",
    "gibt [mir] zu denken",
    "regt [mich] zum nachdenken an",
    "hat mich zum nachdenken gebracht|angeregt",
    // English
    "^til",
    "today i learned|learnt",
    "i hadn't|never thought of|about that|this|it",
    "i had not|never thought of|about that|this|it",
    "i've never thought of|about that|this|it",
    // the object may be the thing itself: "Hadn't thought about the cost of collecting them"
    "hadn't thought of|about [that|this|it]",
    "had not thought of|about [that|this|it]",
    "never thought of|about [that|this|it]",
    "hadn't considered [that|this|it]",
    "had not considered [that|this|it]",
    "never looked at it that|this way",
    "i didn't know [that|this]",
    "i did not know [that|this]",
    // without the subject, as replies are written: "Huh, didn't know that."
    "didn't know that|this",
    "did not know that|this",
    "never knew that|this",
    "i never knew",
    "i had no idea",
    "^had no idea",
    "^that explains",
    "now i see|understand",
    "now i get it",
    "jetzt verstehe|versteh ich",
    "davon hatte ich [noch] keine ahnung",
    "^das erklärt einiges|vieles|manches|alles",
    "good|great|fair|excellent|interesting|valid|important point",
    "@thanks [you] [so|very] [much] for @det_en [great|good|useful|helpful] @obj_en",
    "many thanks for @det_en [great|good|useful|helpful] @obj_en",
    "learned|learnt something [new] [today]",
    "learned|learnt a lot",
    "new to me",
    "that's [such] a great|good|interesting|nice|neat|brilliant idea",
    "that is [such] a great|good|interesting|nice|neat|brilliant idea",
    "what a great|good|interesting|brilliant idea",
    "food for thought",
    "eye opening|opener",
    "i stand corrected",
];

/// Thanks: plain thanks. Own curation.
const THANKS: &[&str] = &[
    "danke [schön|sehr|dir|euch|ihnen]",
    "dankeschön",
    "vielen|herzlichen|besten|lieben|tausend|schönen dank",
    "vielen lieben dank",
    "merci",
    "thanks",
    "thanks a lot",
    "thx",
    "thank you [so|very] [much]",
    "many thanks",
];

/// Appreciation of a formulation. Own curation.
const APPRECIATION: &[&str] = &[
    "schöne|tolle|gute|treffende|feine|gelungene|wunderbare|herrliche formulierung",
    "schön|gut|treffend|toll|wunderbar|herrlich|klug|prägnant formuliert",
    "schön|gut|treffend gesagt",
    "well|nicely|beautifully|perfectly put|said",
    "love|like that|this|the phrase|phrasing|wording|expression|formulation",
    "great|nice|lovely|beautiful phrase|phrasing|wording",
    "way to put it|this|that",
    "way of putting it|this|that",
];

/// Agreement. Own curation; bare "genau"/"stimmt"/"agreed"/"exactly" only count as a sentence of
/// their own (they are common adverbs/verbs otherwise: "sie weiß genau", "we agreed to meet").
const AGREEMENT: &[&str] = &[
    "da|damit haben sie [völlig|absolut|ganz|wohl] recht",
    "da|damit hast du [völlig|absolut|ganz|wohl] recht",
    "sie haben [völlig|absolut|ganz|wohl] recht",
    "du hast [völlig|absolut|ganz|wohl] recht",
    "^recht hast du",
    "^recht haben sie",
    "stimme dir|ihnen|euch [da] [voll|völlig|absolut|ganz] zu",
    "da|dem stimme ich [dir|ihnen|euch] [voll|völlig|absolut|ganz] zu",
    "sehe ich [das] [auch] genauso|so",
    "ich sehe das [auch] genauso|so",
    "^genau$",
    "^ja genau",
    "genau so ist es",
    "^stimmt$",
    "das stimmt$",
    "stimmt genau|absolut",
    "^alles richtig",
    "^völlig|absolut|ganz|genau richtig",
    "^richtig$",
    "^einverstanden$",
    "volle zustimmung",
    "you're [so|absolutely|totally|quite|completely] right",
    "you are [so|absolutely|totally|quite|completely] right",
    "^agreed",
    "i [totally|completely|fully|absolutely|strongly] agree",
    "couldn't agree more",
    "so true",
    "^exactly$",
];

/// Words that negate a following acknowledgement when they come directly before it (up to
/// three words back, within the clause). Own curation.
const NEGATORS: &[&str] = &[
    "hardly", "kaum", "kein", "keine", "keinem", "keinen", "keiner", "keines", "nein", "never",
    "nicht", "nie", "niemals", "no", "not",
];

#[derive(Debug)]
pub(crate) struct Slot {
    alts: Vec<String>,
    optional: bool,
}

#[derive(Debug)]
pub(crate) struct Pattern {
    kind: AckKind,
    slots: Vec<Slot>,
    sentence_start: bool,
    standalone_end: bool,
}

struct Matcher {
    patterns: Vec<Pattern>,
    /// Patterns by the words they can start with; looked up for every word of a text.
    by_first: HashMap<String, Vec<usize>, WordBuildHasher>,
}

fn parse(kind: AckKind, src: &str) -> Pattern {
    let mut s = src.trim();
    let sentence_start = s.starts_with('^');
    if sentence_start {
        s = &s[1..];
    }
    let standalone_end = s.ends_with('$');
    if standalone_end {
        s = &s[..s.len() - 1];
    }
    let slots = s
        .split_whitespace()
        .map(|tok| {
            let (optional, inner) = match tok.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
                Some(inner) => (true, inner),
                None => (false, tok),
            };
            let mut alts = Vec::new();
            for a in inner.split('|') {
                if let Some(name) = a.strip_prefix('@') {
                    let set = SETS.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v);
                    alts.extend(set.split('|').map(|w| w.trim().to_owned()));
                } else {
                    alts.push(a.to_owned());
                }
            }
            Slot { alts, optional }
        })
        .collect();
    Pattern { kind, slots, sentence_start, standalone_end }
}

/// Lists of phrase patterns, each list tagged (an act, a phase), indexed by the words a pattern
/// can start with: a text is read once, looking up each word, instead of trying every pattern
/// at every word.
pub(crate) struct PatternSet<T> {
    pub(crate) patterns: Vec<(T, Pattern)>,
    by_first: HashMap<String, Vec<usize>, WordBuildHasher>,
}

impl<T: Copy> PatternSet<T> {
    pub(crate) fn new(lists: &[(T, &[&str])]) -> PatternSet<T> {
        let mut patterns = Vec::new();
        for &(tag, list) in lists {
            patterns.extend(list.iter().map(|src| (tag, compile(src))));
        }
        let mut by_first: HashMap<String, Vec<usize>, WordBuildHasher> = HashMap::default();
        for (idx, (_, p)) in patterns.iter().enumerate() {
            for w in p.first_words() {
                let ids = by_first.entry(w.to_owned()).or_default();
                if ids.last() != Some(&idx) {
                    ids.push(idx);
                }
            }
        }
        PatternSet { patterns, by_first }
    }

    /// The patterns that can start with `word` (lowercase), with their tags.
    pub(crate) fn starting_with(&self, word: &str) -> impl Iterator<Item = &(T, Pattern)> + '_ {
        self.by_first.get(word).into_iter().flatten().map(|&id| &self.patterns[id])
    }
}

/// A pattern in the syntax above for another module's phrase list (`acts`); its kind is unused.
pub(crate) fn compile(src: &str) -> Pattern {
    parse(AckKind::Thanks, src)
}

impl Pattern {
    /// One past the last token of this pattern's longest match starting at token `ti`, with
    /// its `^` and `$` conditions.
    pub(crate) fn match_at(&self, t: &Tokens<'_>, ti: usize) -> Option<usize> {
        if self.sentence_start && !t.toks[ti].sentence_start {
            return None;
        }
        let end = t.match_slots(&self.slots, ti, true)?;
        if self.standalone_end && end < t.toks.len() && t.joined(end) {
            return None;
        }
        Some(end)
    }

    /// The words a match can start with (for an index by first word).
    pub(crate) fn first_words(&self) -> impl Iterator<Item = &str> + '_ {
        let n = self.slots.iter().position(|s| !s.optional).map_or(self.slots.len(), |i| i + 1);
        self.slots[..n].iter().flat_map(|s| s.alts.iter().map(String::as_str))
    }
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    for (kind, list) in [
        (AckKind::Learning, LEARNING),
        (AckKind::Appreciation, APPRECIATION),
        (AckKind::Agreement, AGREEMENT),
        (AckKind::Thanks, THANKS),
    ] {
        patterns.extend(list.iter().map(|src| parse(kind, src)));
    }
    let mut by_first: HashMap<String, Vec<usize>, WordBuildHasher> = HashMap::default();
    for (idx, p) in patterns.iter().enumerate() {
        for slot in &p.slots {
            for a in &slot.alts {
                let ids = by_first.entry(a.clone()).or_default();
                if ids.last() != Some(&idx) {
                    ids.push(idx);
                }
            }
            if !slot.optional {
                break;
            }
        }
    }
    Matcher { patterns, by_first }
});

/// A word of the analysed text with its lowercase form in a shared buffer.
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    lo: usize,
    hi: usize,
    pub(crate) sentence_start: bool,
}

/// The words of a text as the phrase lists see them (also used by `acts`).
pub(crate) struct Tokens<'t> {
    pub(crate) text: &'t str,
    lower: String,
    pub(crate) toks: Vec<Tok>,
}

impl<'t> Tokens<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        // An ASCII text is lowercased as a whole (one vectorised pass): its words' lowercase
        // forms are then at the same offsets. Other texts lowercase word by word, as lengths
        // may change (’ → ', İ → i̇).
        let ascii = text.is_ascii();
        let mut lower =
            if ascii { text.to_ascii_lowercase() } else { String::with_capacity(text.len()) };
        // About one word per six bytes in comments: mostly a single allocation.
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 6 + 2);
        let mut buf = String::new();
        for (start, w) in word_indices(text) {
            let end = start + w.len();
            let sentence_start = match toks.last() {
                None => true,
                Some(prev) => {
                    // Mostly a single space, which neither ends a sentence nor is `:` or `;`.
                    let space = start == prev.end + 1 && text.as_bytes()[prev.end] == b' ';
                    (!space
                        && text[prev.end..start].char_indices().any(|(i, c)| {
                            matches!(c, ':' | ';') || is_terminal(text, prev.end + i, c)
                        }))
                        || (prev.start > 0 && text.as_bytes()[prev.start - 1] == b'@')
                }
            };
            let (lo, hi) = if ascii {
                (start, end)
            } else {
                let lo = lower.len();
                if w.is_ascii() {
                    lower.push_str(w);
                    lower[lo..].make_ascii_lowercase();
                } else {
                    lower_into(w, &mut buf);
                    lower.push_str(&buf);
                }
                (lo, lower.len())
            };
            toks.push(Tok { start, end, lo, hi, sentence_start });
        }
        Tokens { text, lower, toks }
    }

    pub(crate) fn word(&self, i: usize) -> &str {
        &self.lower[self.toks[i].lo..self.toks[i].hi]
    }

    /// Only whitespace or a hyphen between token `i - 1` and token `i`.
    pub(crate) fn joined(&self, i: usize) -> bool {
        let gap = &self.text[self.toks[i - 1].end..self.toks[i].start];
        gap.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}'))
    }

    /// Longest match of `slots[si..]` starting at token `ti`; returns one past the last token.
    fn match_slots(&self, slots: &[Slot], ti: usize, first: bool) -> Option<usize> {
        let Some((slot, rest)) = slots.split_first() else {
            return if first { None } else { Some(ti) };
        };
        let mut best = None;
        if ti < self.toks.len()
            && (first || self.joined(ti))
            && slot.alts.iter().any(|a| a == self.word(ti))
        {
            best = self.match_slots(rest, ti + 1, false);
        }
        if slot.optional
            && let Some(end) = self.match_slots(rest, ti, first)
        {
            best = Some(best.map_or(end, |b: usize| b.max(end)));
        }
        best
    }

    pub(crate) fn negated(&self, kind: AckKind, first: usize, end: usize) -> bool {
        // Before: up to three words back, within the clause.
        let mut i = first;
        for _ in 0..3 {
            if i == 0 || self.toks[i].sentence_start {
                break;
            }
            let w = self.word(i - 1);
            if !self.joined(i) {
                // Across a comma only an interjection negates plain thanks: "Nein, danke".
                if kind == AckKind::Thanks && matches!(w, "nein" | "no") {
                    return true;
                }
                break;
            }
            if NEGATORS.binary_search(&w).is_ok() || w.ends_with("n't") {
                return true;
            }
            i -= 1;
        }
        // After: "... nicht" directly following ("gut formuliert nicht", "sehe ich so nicht").
        end < self.toks.len() && self.joined(end) && self.word(end) == "nicht"
    }
}

/// Acknowledgements in German and English, regardless of the detected language.
///
/// Matches are leftmost-longest and never overlap, so "danke für diese Anregung" is one
/// Learning match and not also a Thanks. Obvious negations are skipped ("kein guter Punkt",
/// "not a good point", "no thanks", "nein, danke"). The result is ordered by position.
#[must_use]
pub fn acknowledgements(text: &str) -> Vec<Acknowledgement> {
    acknowledgements_in(&Tokens::new(text))
}

/// [`acknowledgements`] of a text whose words are at hand (`acts` reads them too).
pub(crate) fn acknowledgements_in(t: &Tokens<'_>) -> Vec<Acknowledgement> {
    let m = &*MATCHER;
    let longest = |ti: usize| {
        let mut best: Option<(usize, AckKind)> = None;
        for &id in m.by_first.get(t.word(ti)).into_iter().flatten() {
            let p = &m.patterns[id];
            let Some(end) = p.match_at(t, ti) else { continue };
            if best.is_none_or(|(b, _)| end > b) {
                best = Some((end, p.kind));
            }
        }
        best
    };
    longest_matches(t, longest, |kind, first, end| !t.negated(kind, first, end))
        .into_iter()
        .map(|(kind, range)| Acknowledgement {
            kind,
            text: t.text[range.clone()].to_owned(),
            start: range.start,
            end: range.end,
        })
        .collect()
}

/// Leftmost-longest matches that do not overlap, with their byte ranges: at each word,
/// `longest(ti)` is the longest match starting there (one past its last word, and what it
/// is); a match `keep` refuses (a negation) is dropped but still covers its words.
pub(crate) fn longest_matches<K: Copy>(
    t: &Tokens<'_>,
    longest: impl Fn(usize) -> Option<(usize, K)>,
    keep: impl Fn(K, usize, usize) -> bool,
) -> Vec<(K, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut ti = 0;
    while ti < t.toks.len() {
        match longest(ti) {
            Some((end, k)) => {
                if keep(k, ti, end) {
                    out.push((k, t.toks[ti].start..t.toks[end - 1].end));
                }
                ti = end;
            }
            None => ti += 1,
        }
    }
    out
}

/// Words that name a link or address. Own curation.
fn is_link_word(w: &str) -> bool {
    matches!(w, "url" | "urls" | "verlinkung" | "hyperlink" | "hyperlinks" | "linkziel")
        || ((w.ends_with("link") || w.ends_with("links")) && w != "blink")
}

/// Words naming the place a link should lead to, used for the 404 check.
fn is_page_word(w: &str) -> bool {
    is_link_word(w)
        || matches!(w, "seite" | "page" | "website" | "webseite" | "pdf" | "fehler" | "error")
}

/// Verbs saying where a link leads (German and English). Own curation.
#[rustfmt::skip]
const LEAD_VERBS: &[&str] = &[
    "bringt", "brings", "führen", "führt", "geht", "goes", "kommt", "landet", "lande", "landest",
    "lead", "leads", "leitet", "links", "point", "points", "redirect", "redirects", "sends",
    "takes", "verlinkt", "verweist", "zeigt",
];
/// Determiners of a self reference ("diesen Beitrag", "this post").
const SELF_DETS: &[&str] = &[
    "den", "dem", "diese", "diesem", "diesen", "dieser", "dieses", "gleichen", "same", "selben",
    "this",
];
/// Nouns of a self reference.
#[rustfmt::skip]
const SELF_NOUNS: &[&str] = &[
    "artikel", "article", "beitrag", "blogpost", "comment", "eintrag", "kommentar", "page", "post",
    "seite", "thread",
];
/// States of a broken link. Own curation.
#[rustfmt::skip]
const BROKEN_STATES: &[&str] = &[
    "broken", "dead", "defekt", "expired", "falsch", "falsche", "falscher", "fehlerhaft", "invalid",
    "kaputt", "kaputter", "tot", "toter", "ungültig", "veraltet", "wrong",
];
/// Verbs of "it works" that become a report when negated.
#[rustfmt::skip]
const WORK_VERBS: &[&str] = &[
    "funktioniert", "funktionieren", "geht", "klappt", "load", "loads", "open", "opens", "work",
    "working", "works",
];
/// Negations for [`WORK_VERBS`] (plus every word ending in "n't").
const WORK_NEGATIONS: &[&str] = &["cannot", "longer", "nich", "nicht", "not"];
/// German repair requests (infinitive/imperative) — may come before or after "Link".
#[rustfmt::skip]
const REPAIR_DE: &[&str] = &[
    "aktualisiere", "aktualisieren", "erneuern", "fixen", "korrigiere", "korrigieren", "repariere",
    "reparieren",
];
/// English repair requests (imperative) — must come shortly before "link".
const REPAIR_EN: &[&str] = &["correct", "fix", "repair", "update"];

/// False only if no word of `text` can be a link word or "404", without reading its words:
/// every report needs one, and most texts have none. A link word contains "link" or "url"
/// in any case; the Kelvin sign is the one non-ASCII letter that lowercases to an ASCII one
/// ("k").
fn may_name_link(text: &str) -> bool {
    let b = text.as_bytes();
    let at = |i: usize, word: &[u8]| {
        b.get(i..i + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    (0..b.len()).any(|i| match b[i] | 0x20 {
        b'l' => at(i, b"link") || (at(i, b"lin") && text[i + 3..].starts_with('\u{212A}')),
        b'u' => at(i, b"url"),
        b'4' => at(i, b"404"),
        _ => false,
    })
}

/// True if the text reports that a link is broken or leads back to the conversation itself.
///
/// Looks for a link word ("Link", "URL", "Downloadlink", ...) near one of: a verb of leading
/// followed by a self reference ("führt ... auf diesen Beitrag", "points back to this post",
/// "redirects here"); a broken state ("kaputt", "tot", "broken", "dead"); a negated "works"
/// ("funktioniert nicht", "doesn't work"); a repair request ("aktualisieren", "fix the link");
/// or "404" near a link/page/error word.
#[must_use]
pub fn reports_broken_link(text: &str) -> bool {
    if !may_name_link(text) {
        return false;
    }
    let t = Tokens::new(text);
    let n = t.toks.len();
    let near_link = |i: usize, before: usize, after: usize| {
        (i.saturating_sub(before)..(i + after + 1).min(n))
            .any(|j| j != i && is_link_word(t.word(j)))
    };
    for i in 0..n {
        let w = t.word(i);
        if w == "404" {
            let lo = i.saturating_sub(12);
            let hi = (i + 13).min(n);
            if (lo..hi).any(|j| is_page_word(t.word(j)))
                || (i + 2 < n && t.word(i + 1) == "not" && t.word(i + 2) == "found")
            {
                return true;
            }
        }
        if LEAD_VERBS.contains(&w) && near_link(i, 15, 15) {
            let hi = (i + 9).min(n);
            for j in i + 1..hi {
                let wj = t.word(j);
                let self_ref =
                    (SELF_DETS.contains(&wj) && j + 1 < n && SELF_NOUNS.contains(&t.word(j + 1)))
                        || wj == "hierher"
                        || (wj == "here" && (j == i + 1 || t.word(j - 1) == "back"));
                if self_ref {
                    return true;
                }
            }
        }
        if BROKEN_STATES.contains(&w) && near_link(i, 7, 2) {
            return true;
        }
        if WORK_VERBS.contains(&w) && near_link(i, 8, 8) {
            let negated_after =
                (i + 1..(i + 4).min(n)).any(|j| WORK_NEGATIONS.contains(&t.word(j)));
            let negated_before = (i.saturating_sub(3)..i)
                .any(|j| WORK_NEGATIONS.contains(&t.word(j)) || t.word(j).ends_with("n't"));
            if negated_after || negated_before {
                return true;
            }
        }
        if REPAIR_DE.contains(&w) && near_link(i, 8, 8) {
            return true;
        }
        if REPAIR_EN.contains(&w) && (i + 1..(i + 5).min(n)).any(|j| is_link_word(t.word(j))) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_prefilter_admits_every_link_word() {
        for text in ["LINK", "Downloadlink", "die URL", "Fehler 404", "Verlinkung", "Lin\u{212A}"] {
            assert!(may_name_link(text), "{text}");
        }
        assert!(!may_name_link("Danke, der Beitrag ist toll. lin ur 40"));
        // a Kelvin sign lowercases to "k": the report is still found
        assert!(reports_broken_link("Der Lin\u{212A} ist kaputt."));
    }

    fn kinds(text: &str) -> Vec<AckKind> {
        acknowledgements(text).into_iter().map(|a| a.kind).collect()
    }

    #[test]
    fn lists_parse() {
        let m = &*MATCHER;
        for p in &m.patterns {
            assert!(p.slots.iter().any(|s| !s.optional), "{p:?}");
            for s in &p.slots {
                for a in &s.alts {
                    assert!(!a.is_empty() && *a == a.to_lowercase(), "{p:?}");
                    assert!(!a.contains(['[', ']', '@', '^', '$', ' ']), "{p:?}");
                }
            }
        }
        for (name, _) in SETS {
            let used = [LEARNING, THANKS, APPRECIATION, AGREEMENT]
                .iter()
                .any(|l| l.iter().any(|p| p.contains(&format!("@{name}"))));
            assert!(used, "unused set {name}");
        }
        for pair in NEGATORS.windows(2) {
            assert!(pair[0] < pair[1]);
        }
    }

    #[test]
    fn required_learning_without_thanks() {
        let t = "auf die Nähe zum „herrschaftsfreien Diskurs“ bin ich gar nicht gekommen, danke für diese Anregung.";
        let acks = acknowledgements(t);
        assert_eq!(kinds(t), [AckKind::Learning, AckKind::Learning], "{acks:#?}");
        assert_eq!(acks[0].text, "bin ich gar nicht gekommen");
        assert_eq!(acks[1].text, "danke für diese Anregung");
        assert_eq!(&t[acks[1].start..acks[1].end], acks[1].text);
    }

    #[test]
    fn required_cases() {
        assert_eq!(
            kinds("schöne Formulierung: „…“, danke! ;-)"),
            [AckKind::Appreciation, AckKind::Thanks]
        );
        assert!(kinds("Good point, I hadn't thought of that.").contains(&AckKind::Learning));
        assert_eq!(kinds("Good point, I hadn't thought of that."), [AckKind::Learning; 2]);
        assert_eq!(kinds("Danke für Ihren Kommentar!"), [AckKind::Thanks]);
        assert!(!kinds("Das ist kein guter Punkt.").contains(&AckKind::Learning));
    }

    #[test]
    fn german_learning() {
        for t in [
            "Darauf wäre ich nie gekommen? Doch: darauf bin ich nicht gekommen.",
            "Daran habe ich noch gar nicht gedacht!",
            "Das wusste ich nicht, spannend.",
            "Heute wieder was gelernt :)",
            "Das ist neu für mich.",
            "Vielen Dank für den Hinweis zur Ausstellung.",
            "Danke   für\nden Tipp!",
            "Ein wirklich spannender Gedanke.",
            "Interessanter Aspekt, den Sie da ansprechen.",
            "Guter Punkt.",
            "Danke schön für deinen Link",
        ] {
            let k = kinds(t);
            assert!(k.contains(&AckKind::Learning), "{t}: {k:?}");
            assert!(!k.contains(&AckKind::Thanks), "{t}: {k:?}");
        }
        // The post's own question is not a learning signal.
        assert!(kinds("Was habe ich heute gelernt?").is_empty());
    }

    #[test]
    fn english_learning() {
        for t in [
            "TIL that museums keep such archives.",
            "Today I learned something about oral history.",
            "I had not thought about it that way.",
            "Never thought of it like this!",
            "I didn\u{2019}t know that, great.",
            "Great point about the archives.",
            "Thanks for the tip!",
            "Thank you so much for the pointer.",
            "Learned something new today.",
            "This is new to me.",
            "That's a great idea.",
        ] {
            let k = kinds(t);
            assert!(k.contains(&AckKind::Learning), "{t}: {k:?}");
            assert!(!k.contains(&AckKind::Thanks), "{t}: {k:?}");
        }
    }

    #[test]
    fn learning_as_replies_write_it() {
        for t in [
            "Huh, didn't know that.",
            "Hadn't thought about the cost of the stamps. Fair enough.",
            "I hadn't considered the weather at all.",
            "Never knew this, thanks.",
            "I had no idea the river used to flood.",
            "That explains why the map looks odd.",
            "Ah, now I see what you mean.",
            "Jetzt verstehe ich, warum das so lange dauert.",
            "Davon hatte ich keine Ahnung.",
            "Das erklärt einiges!",
        ] {
            assert_eq!(
                kinds(t).first(),
                Some(&AckKind::Learning),
                "{t}: {:?}",
                acknowledgements(t)
            );
        }
        // thanks for a correction is thanks for something learned
        assert_eq!(kinds("Danke für die Klarstellung!"), [AckKind::Learning]);
        assert_eq!(kinds("Thanks for the correction."), [AckKind::Learning]);
        assert_eq!(kinds("What a lovely way to put it."), [AckKind::Appreciation]);
        // the words without the meaning: an assumption, a complaint, a description
        for t in [
            "I hadn't thought you were allowed to talk up there.",
            "I hadn't thought I'd see the day.",
            "The page explains how to register.",
            "Ich verstehe nicht, warum das so lange dauert.",
        ] {
            assert!(!kinds(t).contains(&AckKind::Learning), "{t}: {:?}", acknowledgements(t));
        }
    }

    #[test]
    fn thanks_appreciation_agreement() {
        assert_eq!(kinds("Herzlichen Dank euch allen!"), [AckKind::Thanks]);
        assert_eq!(kinds("Thanks for writing this."), [AckKind::Thanks]);
        assert_eq!(kinds("Thank you!"), [AckKind::Thanks]);
        let a = acknowledgements("Thank you very much, really.");
        assert_eq!(a[0].text, "Thank you very much");
        assert_eq!(kinds("Gut formuliert, finde ich."), [AckKind::Appreciation]);
        assert_eq!(kinds("Well put!"), [AckKind::Appreciation]);
        assert_eq!(kinds("I love that phrase."), [AckKind::Appreciation]);
        assert_eq!(kinds("Da haben Sie recht."), [AckKind::Agreement]);
        assert_eq!(kinds("@Anna: Da hast du völlig recht!"), [AckKind::Agreement]);
        assert_eq!(kinds("Stimmt! Und mehr noch."), [AckKind::Agreement]);
        assert_eq!(kinds("@Jo: genau."), [AckKind::Agreement]);
        assert_eq!(kinds("You're right, of course."), [AckKind::Agreement]);
        assert_eq!(kinds("Agreed."), [AckKind::Agreement]);
        assert_eq!(kinds("I agree with the second part."), [AckKind::Agreement]);
    }

    #[test]
    fn not_acknowledgements() {
        for t in [
            "Sie wissen genau, wovon ich rede.",
            "Das stimmt so nicht.",
            "Stimmt nicht.",
            "Das stimmt nicht!",
            "We agreed to meet at noon.",
            "That is not a good point.",
            "No thanks.",
            "Nein, danke.",
            "nein danke",
            "Das ist nicht neu für mich.",
            "Keine gute Formulierung.",
            "I don't agree.",
            "Dankbarkeit ist eine Tugend.",
            "Die Danksagung folgt.",
            "",
        ] {
            assert!(kinds(t).is_empty(), "{t}: {:?}", acknowledgements(t));
        }
    }

    #[test]
    fn required_broken_links() {
        assert!(reports_broken_link(
            "kannst Du bitte den Link noch mal aktualisieren? Er führt im Moment wieder auf diesen Beitrag hier."
        ));
        assert!(!reports_broken_link("Danke für den Link, sehr spannend!"));
    }

    #[test]
    fn broken_links() {
        for t in [
            "Der Link führt wieder auf diesen Beitrag.",
            "Leider funktioniert der Link nicht.",
            "Der Link ist kaputt.",
            "Toter Link im zweiten Absatz.",
            "Beim Klick auf den Link kommt ein 404.",
            "The link in your second paragraph is broken.",
            "Dead link, sorry.",
            "The link doesn't work for me.",
            "Your link leads back to this post.",
            "The URL just redirects here.",
            "Could you fix the link?",
            "Please update the link to the PDF.",
            "The page gives a 404.",
            "The link is dead.",
            "Link doesn't work :(",
            "Hey, the link points back to this page, could you check?",
            "Link geht nicht.",
        ] {
            assert!(reports_broken_link(t), "{t}");
        }
        for t in [
            "Anbei der korrigierte Link: http://example.org",
            "Der Link funktioniert jetzt, danke!",
            "The link works fine.",
            "Great post, thanks for the link.",
            "Ich habe 404 Kommentare gelesen.",
            "Dieser Beitrag führt zu einer neuen Frage.",
            "I updated the link.",
            "",
        ] {
            assert!(!reports_broken_link(t), "{t}");
        }
    }
}
