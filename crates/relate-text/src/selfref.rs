//! Self-reference: the words by which an institution speaks of itself, and `@handles`.
//!
//! "Wer nur über sich schreibt, langweilt die anderen": to tell an item that speaks only of
//! ourselves from one that turns to others, an analysis needs to know when a text refers to
//! its author. Two kinds of evidence, in German and English (lists our own, deliberately short):
//!
//! * **Pronouns of the first person plural**, the voice of an institution: German *wir*, *uns*,
//!   *unser* and every form of it (*unsere*, *unserem*, *unseren*, *unserer*, *unseres*,
//!   *unsern*, and the short forms *unsre*, *unsrem*, *unsren*, *unsrer*, *unsres*); English
//!   *we*, *us*, *our*, *ours*, *ourselves*, *we're*, *we've*, *we'll*, *we'd*, *let's*. "US"
//!   written in capitals is the country, not us. The singular (*ich*, *I*) is not on the list:
//!   a person's opinion is not the institution speaking of itself.
//! * **Names** the caller gives ([`SelfNames`]): the institution's and its staff's names, each
//!   matched as a sequence of whole words, case-insensitively; a one-word name also with a
//!   genitive *-s* or *'s* ("Lindenaus", "Library's").
//!
//! Not read: lines quoted from someone else (`> `), links (`https://…`, `www.…`) and
//! `@handles`, which name someone rather than speak of us ([`mentions`] finds those).
//!
//! Known limits: an inclusive "wir" or "we" ("Wir alle kennen das", "our cities") counts as
//! self-reference; the institution named in the third person by a common noun ("das Haus",
//! "the library") does not, unless the caller lists it as a name.

use crate::seg::word_indices;
use crate::words::lower_into;

/// German first person plural, every form.
const PRONOUNS_DE: &[&str] = &[
    "wir", "uns", "unser", "unsere", "unserem", "unseren", "unserer", "unseres", "unsern", "unsre",
    "unsrem", "unsren", "unsrer", "unsres",
];

/// English first person plural, with the contractions a word segmenter keeps whole.
const PRONOUNS_EN: &[&str] =
    &["we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd", "let's"];

/// What a [`SelfRef`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SelfRefKind {
    /// A pronoun of the first person plural ("wir", "unsere", "our").
    Pronoun,
    /// One of the [`SelfNames`].
    Name,
}

/// A place where a text speaks of its author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelfRef {
    /// Byte range in the text, on `char` boundaries.
    pub start: usize,
    pub end: usize,
    pub kind: SelfRefKind,
}

/// Names by which an author refers to itself, each kept as its lowercase words.
#[derive(Debug, Clone, Default)]
pub struct SelfNames {
    /// Longest first, so that a longer name is reported over its first word.
    names: Vec<Vec<String>>,
}

impl SelfNames {
    /// The names as written ("Stadtmuseum Lindenau", "Lena Vogt"); names without a word are
    /// dropped.
    pub fn new<I, S>(names: I) -> SelfNames
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut list: Vec<Vec<String>> = names
            .into_iter()
            .map(|name| {
                let mut buf = String::new();
                word_indices(name.as_ref())
                    .map(|(_, w)| {
                        lower_into(w, &mut buf);
                        buf.clone()
                    })
                    .collect::<Vec<String>>()
            })
            .filter(|words| !words.is_empty())
            .collect();
        list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        list.dedup();
        SelfNames { names: list }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// How many words of `tokens`, from the `i`th, one of the names covers.
    fn match_at(&self, tokens: &Tokens, i: usize) -> Option<usize> {
        self.names.iter().find_map(|name| {
            if name.len() > tokens.len() - i {
                return None;
            }
            let last = name.len() - 1;
            let equal = name.iter().enumerate().all(|(k, n)| {
                let lower = tokens.lower(i + k);
                lower == n || (k == last && name.len() == 1 && genitive_of(lower, n))
            });
            equal.then_some(name.len())
        })
    }
}

/// "lindenaus" and "library's" are genitives of "lindenau" and "library".
fn genitive_of(word: &str, name: &str) -> bool {
    word.strip_prefix(name).is_some_and(|rest| rest == "s" || rest == "'s")
}

/// The words read, their lowercase forms back to back in one string (a text costs two
/// allocations, not one per word).
struct Tokens {
    lower: String,
    /// Byte range in the text and in `lower`.
    toks: Vec<(usize, usize, usize, usize)>,
}

impl Tokens {
    fn len(&self) -> usize {
        self.toks.len()
    }

    fn lower(&self, i: usize) -> &str {
        let (_, _, lo, hi) = self.toks[i];
        &self.lower[lo..hi]
    }
}

/// Written in capitals only ("US").
fn in_capitals(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(|c| c.is_alphabetic() && !c.is_uppercase())
}

/// The first place where `text` speaks of its author: a first person plural pronoun or one of
/// `names`, whichever comes first (see the module doc for what is read).
///
/// ```
/// use relate_text::{SelfNames, SelfRefKind, self_reference};
///
/// let names = SelfNames::new(["Stadtmuseum Lindenau"]);
/// let found = self_reference("Ab Montag zeigt das Stadtmuseum Lindenau alte Karten.", &names);
/// assert_eq!(found.map(|r| r.kind), Some(SelfRefKind::Name));
/// let found = self_reference("Come and see our new maps!", &names).unwrap();
/// assert_eq!(found.kind, SelfRefKind::Pronoun);
/// assert!(self_reference("The US mills closed in 1996.", &names).is_none());
/// ```
#[must_use]
pub fn self_reference(text: &str, names: &SelfNames) -> Option<SelfRef> {
    let tokens = tokens(text);
    for (i, &(start, end, _, _)) in tokens.toks.iter().enumerate() {
        let lower = tokens.lower(i);
        let pronoun = PRONOUNS_DE.contains(&lower)
            || PRONOUNS_EN.contains(&lower) && !(lower == "us" && in_capitals(&text[start..end]));
        if pronoun {
            return Some(SelfRef { start, end, kind: SelfRefKind::Pronoun });
        }
        if let Some(len) = names.match_at(&tokens, i) {
            let (_, end, _, _) = tokens.toks[i + len - 1];
            return Some(SelfRef { start, end, kind: SelfRefKind::Name });
        }
    }
    None
}

/// The words of `text` that are read for self-reference: not in quoted lines, links or
/// `@handles`.
fn tokens(text: &str) -> Tokens {
    let mut skipped: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('>') {
            skipped.push((offset, offset + line.len()));
        } else {
            for (start, chunk) in chunks(line) {
                if is_link(chunk) || handle_of(chunk).is_some() {
                    skipped.push((offset + start, offset + start + chunk.len()));
                }
            }
        }
        offset += line.len();
    }
    let mut buf = String::new();
    let mut out = Tokens { lower: String::with_capacity(text.len()), toks: Vec::new() };
    for (start, w) in word_indices(text) {
        if skipped.iter().any(|&(a, b)| start >= a && start < b) {
            continue;
        }
        lower_into(w, &mut buf);
        let lo = out.lower.len();
        out.lower.push_str(&buf);
        out.toks.push((start, start + w.len(), lo, out.lower.len()));
    }
    out
}

/// Whitespace-separated pieces of `line` with their byte offsets.
fn chunks(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split_whitespace()
        .map(move |chunk| (chunk.as_ptr() as usize - line.as_ptr() as usize, chunk))
}

fn is_link(chunk: &str) -> bool {
    let t = chunk.trim_start_matches(['(', '[', '<', '"', '„', '“', '«', '»']).as_bytes();
    let starts = |p: &[u8]| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    starts(b"http://") || starts(b"https://") || starts(b"www.")
}

/// The handle of a chunk that is an `@mention` ("@lena:" → "lena", "(@jo@kultur.social)" →
/// "jo@kultur.social").
fn handle_of(chunk: &str) -> Option<&str> {
    let t = chunk.trim_start_matches(['(', '[', '"', '„', '“', '«', '»']);
    let rest = t.strip_prefix('@')?;
    if !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '@')))
        .unwrap_or(rest.len());
    let handle = rest[..end].trim_end_matches(['.', '-', '@']);
    (!handle.is_empty()).then_some(handle)
}

/// The `@handles` a text names, in order, without the `@` ("@Ben:" → "Ben", "@jo@kultur.social"
/// → "jo@kultur.social"). An `@` inside a word (an e-mail address) or a link is no mention;
/// quoted lines (`> `) are skipped. A name with spaces ("@Johanna W. Holt") yields its first
/// word.
///
/// ```
/// assert_eq!(relate_text::mentions("@Ben: ja. Mail an info@haus.example"), ["Ben"]);
/// ```
#[must_use]
pub fn mentions(text: &str) -> Vec<&str> {
    if !text.contains('@') {
        return Vec::new(); // most texts: no line to walk
    }
    text.split_inclusive('\n')
        .filter(|line| !line.trim_start().starts_with('>'))
        .flat_map(|line| line.split_whitespace().filter_map(handle_of))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, names: &[&str]) -> Option<(&'static str, String)> {
        let names = SelfNames::new(names);
        self_reference(text, &names).map(|r| {
            let kind = match r.kind {
                SelfRefKind::Pronoun => "pronoun",
                SelfRefKind::Name => "name",
            };
            (kind, text[r.start..r.end].to_string())
        })
    }

    #[test]
    fn german_and_english_pronouns_in_every_form() {
        assert_eq!(found("Bei uns ist Montag Ruhetag.", &[]), Some(("pronoun", "uns".into())));
        assert_eq!(
            found("Die Führung durch unsere Ausstellung beginnt um 11 Uhr.", &[]),
            Some(("pronoun", "unsere".into()))
        );
        assert_eq!(found("Unsrem Team fehlt noch etwas.", &[]), Some(("pronoun", "Unsrem".into())));
        assert_eq!(found("We’re open late on Friday.", &[]), Some(("pronoun", "We’re".into())));
        assert_eq!(found("Join us on Friday.", &[]), Some(("pronoun", "us".into())));
        assert_eq!(found("Ich finde das spannend.", &[]), None);
        assert_eq!(found("Museums in the US rarely open at night.", &[]), None);
        // "unser" inside a longer word is not the pronoun
        assert_eq!(found("Unserdeutsch ist eine Kreolsprache.", &[]), None);
    }

    #[test]
    fn names_as_whole_words_longest_first_with_genitive() {
        let names = ["Stadtmuseum Lindenau", "Lindenau", "Lena Vogt"];
        assert_eq!(
            found("Heute im Stadtmuseum Lindenau: Karten.", &names),
            Some(("name", "Stadtmuseum Lindenau".into()))
        );
        assert_eq!(found("Lindenaus Mühlen", &names), Some(("name", "Lindenaus".into())));
        assert_eq!(found("Die Vogt-Schule", &names), None);
        assert_eq!(found("LENA VOGT führt.", &names), Some(("name", "LENA VOGT".into())));
        assert_eq!(found("Lindenauer Straße", &names), None);
    }

    #[test]
    fn links_handles_and_quoted_lines_are_not_read() {
        assert_eq!(found("Mehr: https://wir-sind.example/uns", &[]), None);
        assert_eq!(found("@unser_haus danke", &[]), None);
        assert_eq!(found("> Wir haben das erfunden.\nSchön gesagt.", &[]), None);
        assert_eq!(found("> quoted\nWir antworten.", &[]), Some(("pronoun", "Wir".into())));
    }

    #[test]
    fn mentions_skip_addresses_and_links() {
        assert_eq!(
            mentions("(@jo@kultur.social) und @Johanna W. Holt: siehe https://x.example/@nina"),
            ["jo@kultur.social", "Johanna"]
        );
        assert_eq!(mentions("Schreiben Sie an info@haus.example."), Vec::<&str>::new());
        assert_eq!(mentions("> @Ben sagte\n@ Carl"), Vec::<&str>::new());
        assert_eq!(mentions("@lena."), ["lena"]);
    }
}
