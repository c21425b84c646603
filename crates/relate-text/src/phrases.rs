//! Candidate concepts (quoted spans, noun phrases, hashtags) and locating a concept key in text.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use crate::lang::Lang;
use crate::lexicon::{Lexicon, with_lexicon};
use crate::seg::{find_any, word_indices};
use crate::small_str::SmallStr;
use crate::words::{Word, content_key, gap_ends_sentence, gap_has_paragraph_break, words_in};

/// How a [`Phrase`] was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PhraseKind {
    /// A span inside quotation marks.
    Quoted,
    /// A noun phrase (German: adjectives + capitalised nouns; English: see crate docs).
    NounPhrase,
    /// A `#hashtag`.
    Hashtag,
}

/// A candidate concept found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// As written, trimmed, without the quote marks (hashtags keep their `#`).
    pub text: String,
    /// Content stems joined by `' '` (the identity of the concept; see [`locate`]).
    pub key: String,
    /// Byte offset of `text` in the input.
    pub start: usize,
    /// Byte offset one past the end of `text` in the input.
    pub end: usize,
    /// How it was found.
    pub kind: PhraseKind,
    /// Number of content stems in `key`.
    pub n_content: usize,
}

/// Maximum number of words inside quotation marks for a [`PhraseKind::Quoted`] phrase.
const MAX_QUOTED_WORDS: usize = 12;
/// How far (bytes) to look for a closing quotation mark.
const MAX_QUOTE_BYTES: usize = 600;
/// Maximum words of a German noun phrase (with genitive attachment).
const MAX_DE_NP_WORDS: usize = 8;
/// Maximum words of an English non-stopword run.
const MAX_EN_RUN_WORDS: usize = 4;
/// Maximum words of an English capitalised name.
const MAX_EN_NAME_WORDS: usize = 6;

/// German quantifiers allowed between "der/des" and the noun of a genitive attachment.
const DE_GENITIVE_QUANTIFIERS: &[&str] =
    &["alle", "allen", "aller", "anderen", "beiden", "einzelnen", "meisten", "vielen", "wenigen"];
/// Lowercase words that may link capitalised words inside an English name ("Council of
/// Archives").
const EN_NAME_CONNECTORS: &[&str] = &["and", "de", "for", "of", "on", "the", "van", "von"];

/// Candidate concepts in `text`: quoted spans, noun phrases and hashtags (see crate docs).
///
/// Phrases whose key would be empty are dropped, as are noun phrases with fewer than two
/// content words. The result is sorted by `(start, end, kind)` without duplicates.
#[must_use]
pub fn phrases(text: &str, lang: Lang) -> Vec<Phrase> {
    with_lexicon(|lex| phrases_in(lex, text, lang).0)
}

/// [`phrases`] and the [`words`](crate::words) they were found among, for a caller that
/// needs both: one tokenisation instead of two.
#[must_use]
pub fn phrases_and_words(text: &str, lang: Lang) -> (Vec<Phrase>, Vec<Word<'_>>) {
    with_lexicon(|lex| phrases_in(lex, text, lang))
}

fn phrases_in<'a>(lex: &mut Lexicon, text: &'a str, lang: Lang) -> (Vec<Phrase>, Vec<Word<'a>>) {
    let mut out = Vec::new();
    quoted(lex, text, lang, &mut out);
    let ws = words_in(lex, text, lang);
    match lang {
        Lang::De => german_noun_phrases(text, &ws, &mut out),
        Lang::En => english_noun_phrases(text, &ws, &mut out),
    }
    hashtags(lex, text, lang, &mut out);
    let urls = url_spans(text);
    if !urls.is_empty() {
        out.retain(|p| !urls.iter().any(|u| p.start < u.end && u.start < p.end));
    }
    out.sort_by(|a, b| (a.start, a.end, &a.kind).cmp(&(b.start, b.end, &b.kind)));
    out.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.kind == b.kind);
    (out, ws)
}

/// Byte ranges of URLs (`http://`, `https://`, `www.`) up to the next blank, quote or
/// angle bracket; phrases overlapping them are dropped.
///
/// Every URL start has a `:` 4 or 5 bytes or a `.` 3 bytes after it, so only those rare
/// bytes are searched for (see [`find_any`]) and the starts checked from them. Real starts are
/// met in text order, and each is taken unless it lies inside the previous URL, as with a
/// plain left-to-right scan.
fn url_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans: Vec<Range<usize>> = Vec::new();
    // URLs start at or after this byte (the end of the previous one).
    let mut next = 0;
    let mut from = 0;
    while let Some(mark) = find_any(bytes, from, [b':', b'.']) {
        from = mark + 1;
        let backs: &[usize] = if bytes[mark] == b':' { &[5, 4] } else { &[3] };
        for &back in backs {
            let Some(i) = mark.checked_sub(back) else { continue };
            if i < next || !is_url_start(bytes, i) {
                continue;
            }
            let len: usize = text[i..]
                .chars()
                .take_while(|&c| {
                    !c.is_whitespace()
                        && !matches!(
                            c,
                            '"' | '\'' | '<' | '>' | '“' | '”' | '„' | '«' | '»' | '‘' | '’'
                        )
                })
                .map(char::len_utf8)
                .sum();
            spans.push(i..i + len);
            next = i + len.max(1);
            while next < bytes.len() && !text.is_char_boundary(next) {
                next += 1;
            }
        }
    }
    spans
}

/// True if a URL starts at byte `i`: `http://`, `https://` or `www.` (case-insensitive), the
/// latter not right after a letter or digit.
fn is_url_start(bytes: &[u8], i: usize) -> bool {
    let Some(rest) = bytes.get(i..) else { return false };
    rest.len() >= 4
        && ((rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"http://"))
            || (rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"https://"))
            || (rest[..4].eq_ignore_ascii_case(b"www.")
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())))
}

/// Pushes the noun phrase made of `ws[i..k]`, keyed by the words' own stems.
fn push_words(text: &str, ws: &[Word<'_>], i: usize, k: usize, out: &mut Vec<Phrase>) {
    let content = || ws[i..k].iter().filter(|w| w.is_content());
    let n_content = content().count();
    if n_content < 2 {
        return;
    }
    let mut key = String::with_capacity(content().map(|w| w.stem.len() + 1).sum());
    for (n, w) in content().enumerate() {
        if n > 0 {
            key.push(' ');
        }
        key.push_str(&w.stem);
    }
    let (start, end) = (ws[i].start, ws[k - 1].end);
    out.push(Phrase {
        text: text[start..end].to_owned(),
        key,
        start,
        end,
        kind: PhraseKind::NounPhrase,
        n_content,
    });
}

fn push_quoted(
    lex: &mut Lexicon,
    text: &str,
    lang: Lang,
    range: Range<usize>,
    out: &mut Vec<Phrase>,
) {
    let Some(span) = text.get(range.clone()) else { return };
    let (key, n_content) = content_key(lex, span, lang);
    if n_content == 0 {
        return;
    }
    out.push(Phrase {
        text: span.to_owned(),
        n_content,
        key,
        start: range.start,
        end: range.end,
        kind: PhraseKind::Quoted,
    });
}

/// Closing marks for an opening quotation mark at the start of `rest`; `None` if `rest` does
/// not start with an opening mark. Returns (length of the opener, closers, closer is `<<`).
fn quote_opener(rest: &str) -> Option<(usize, &'static [char], bool)> {
    let c = rest.chars().next()?;
    let closers: &'static [char] = match c {
        '„' => &['“', '”', '„'],
        '“' => &['”', '“'],
        '”' => &['”'],
        '"' => &['"', '”'],
        '«' => &['»'],
        '»' => &['«'],
        '‚' => &['‘', '’'],
        '›' => &['‹'],
        '‹' => &['›'],
        '>' if rest.starts_with(">>") => return Some((2, &[], true)),
        _ => return None,
    };
    Some((c.len_utf8(), closers, false))
}

fn quoted(lex: &mut Lexicon, text: &str, lang: Lang, out: &mut Vec<Phrase>) {
    // Byte positions already used as closing marks; they cannot open a new quotation.
    // A min-heap: positions behind the scan are popped, so each check is O(log n).
    let mut used: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut from = 0;
    // Every quotation mark is `"`, `>` or starts with byte 0xC2 (« ») or 0xE2 (the others):
    // a byte search skips the rest of the text without decoding it.
    while let Some(i) = find_any(text.as_bytes(), from, [b'"', b'>', 0xC2, 0xE2]) {
        from = i + 1;
        // The byte is ASCII or a lead byte, so `i` is a char boundary.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { continue };
        if !matches!(c, '„' | '“' | '”' | '"' | '«' | '»' | '‚' | '›' | '‹' | '>') {
            continue;
        }
        while used.peek().is_some_and(|&Reverse(p)| p < i) {
            used.pop();
        }
        if used.peek().is_some_and(|&Reverse(p)| p == i) {
            continue;
        }
        let Some((open_len, closers, angle)) = quote_opener(&text[i..]) else { continue };
        let inner_start = i + open_len;
        // Symmetric ASCII/typographic marks must hug the quoted text: `"word"`, not `5" x`.
        let symmetric = matches!(c, '"' | '”');
        if symmetric && text[inner_start..].chars().next().is_none_or(char::is_whitespace) {
            continue;
        }
        let mut limit = (inner_start + MAX_QUOTE_BYTES).min(text.len());
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[inner_start..limit];
        let found = if angle {
            window.find("<<")
        } else {
            window.char_indices().find(|&(_, d)| closers.contains(&d)).map(|(p, _)| p)
        };
        let Some(rel_close) = found else { continue };
        let close = inner_start + rel_close;
        let inner = &text[inner_start..close];
        if symmetric && inner.chars().next_back().is_none_or(char::is_whitespace) {
            continue;
        }
        // The closing mark is taken even if the quotation is rejected below, so that it can
        // not open a bogus quotation reaching to the next one.
        used.push(Reverse(close));
        if crate::words::contains_paragraph_break(inner) {
            continue;
        }
        let n_words = word_indices(inner).take(MAX_QUOTED_WORDS + 1).count();
        if n_words == 0 || n_words > MAX_QUOTED_WORDS {
            continue;
        }
        let range = trim_range(text, inner_start, close);
        push_quoted(lex, text, lang, range, out);
    }
}

/// Trims whitespace and trailing `.,;:` from `text[start..end]`.
fn trim_range(text: &str, start: usize, end: usize) -> Range<usize> {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim_start().trim_end().trim_end_matches(['.', ',', ';', ':']).trim_end();
    (start + lead)..(start + lead + t.len())
}

/// True if words `i-1` and `i` are joined by plain blanks (no line break) or a single hyphen.
fn joined(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    if i == 0 || i >= ws.len() {
        return false;
    }
    let gap = &text[ws[i - 1].end..ws[i].start];
    if gap.is_empty() {
        return true;
    }
    if matches!(gap, "-" | "\u{2010}" | "\u{2011}") {
        return true;
    }
    gap.chars().all(|c| c.is_whitespace() && c != '\n' && c != '\r')
}

fn starts_alphabetic(w: &Word<'_>) -> bool {
    w.text.chars().next().is_some_and(char::is_alphabetic)
}

fn is_adjective_like(w: &Word<'_>) -> bool {
    !w.capitalized
        && !w.stop
        && starts_alphabetic(w)
        && w.lower.chars().nth(2).is_some()
        && ["e", "en", "er", "es", "em"].iter().any(|s| w.lower.ends_with(s))
}

/// A lowercase non-stopword that may stand uninflected before a noun ("zwei", "online",
/// "lila"). Words ending like adverbs, predicative adjectives or finite verbs (-ig, -lich,
/// -isch, -sam, -bar, -los, -haft, -t) are excluded: uninflected before a noun they are
/// almost always adverbial ("wirklich Wissen teilen", "schreibt Kilpi").
fn is_uninflected_modifier(w: &Word<'_>) -> bool {
    !w.capitalized
        && !w.stop
        && starts_alphabetic(w)
        && !["ig", "lich", "isch", "sam", "bar", "los", "haft", "t"]
            .iter()
            .any(|s| w.lower.ends_with(s))
}

/// True if the word is the first part of a truncated compound ("Presse- und Funkarbeit"):
/// directly followed by a hyphen that is not followed by a letter or digit.
fn is_truncated(text: &str, w: &Word<'_>) -> bool {
    let rest = &text[w.end..];
    let mut chars = rest.chars();
    matches!(chars.next(), Some('-' | '\u{2010}' | '\u{2011}'))
        && !chars.next().is_some_and(char::is_alphanumeric)
}

fn is_noun_de(w: &Word<'_>) -> bool {
    w.capitalized && !w.stop
}

fn is_number(w: &Word<'_>) -> bool {
    w.text.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Extends a run of capitalised nouns (numbers allowed after the first: "Industrie 4.0") from `j`.
fn noun_run_end(text: &str, ws: &[Word<'_>], j: usize) -> usize {
    let mut k = j + 1;
    while k < ws.len() && joined(text, ws, k) && (is_noun_de(&ws[k]) || is_number(&ws[k])) {
        k += 1;
    }
    k
}

/// German noun phrases: `adjective* Noun+ ((der|des|eines|einer) adjective* Noun+)?`.
fn german_noun_phrases(text: &str, ws: &[Word<'_>], out: &mut Vec<Phrase>) {
    let n = ws.len();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j < n && (j == i || joined(text, ws, j)) && is_adjective_like(&ws[j]) {
            j += 1;
        }
        // Any lowercase non-stopword directly before a capitalised noun (but not one with a
        // typical adverb/verb ending, see `is_uninflected_modifier`).
        if j < n
            && (j == i || joined(text, ws, j))
            && is_uninflected_modifier(&ws[j])
            && j + 1 < n
            && joined(text, ws, j + 1)
            && is_noun_de(&ws[j + 1])
        {
            j += 1;
        }
        if !(j < n && (j == i || joined(text, ws, j)) && is_noun_de(&ws[j])) {
            i += 1;
            continue;
        }
        let k = noun_run_end(text, ws, j).min(i + MAX_DE_NP_WORDS).max(j + 1);
        if is_truncated(text, &ws[k - 1]) {
            i = k;
            continue;
        }
        push_words(text, ws, i, k, out);
        // Genitive attachment.
        if k < n
            && joined(text, ws, k)
            && matches!(ws[k].lower.as_str(), "der" | "des" | "eines" | "einer")
            && !ws[k].capitalized
        {
            let mut m = k + 1;
            while m < n
                && joined(text, ws, m)
                && (is_adjective_like(&ws[m])
                    || DE_GENITIVE_QUANTIFIERS.contains(&ws[m].lower.as_str()))
            {
                m += 1;
            }
            if m < n && joined(text, ws, m) && is_noun_de(&ws[m]) {
                let p = noun_run_end(text, ws, m);
                if p - i <= MAX_DE_NP_WORDS && !is_truncated(text, &ws[p - 1]) {
                    push_words(text, ws, i, p, out);
                }
            }
        }
        i = k;
    }
}

/// Common English verbs (own list) and word endings of verb forms and adverbs.
const EN_LEADING_VERBS: &[&str] = &[
    "call", "called", "find", "found", "get", "got", "know", "knew", "like", "love", "loved",
    "make", "made", "need", "said", "saw", "say", "see", "think", "thought", "tried", "try", "use",
    "used", "want", "wanted",
];

fn is_en_verb_or_adverb(lower: &str) -> bool {
    EN_LEADING_VERBS.contains(&lower)
        || ["ed", "ing", "ly"].iter().any(|end| lower.len() > end.len() + 2 && lower.ends_with(end))
}

/// English noun phrase approximations: runs of non-stopwords and capitalised names.
fn english_noun_phrases(text: &str, ws: &[Word<'_>], out: &mut Vec<Phrase>) {
    let n = ws.len();
    // (1) Runs of >= 2 consecutive non-stopwords; longer runs keep their last 4 words.
    let mut i = 0;
    while i < n {
        if ws[i].stop {
            i += 1;
            continue;
        }
        let mut k = i + 1;
        while k < n && joined(text, ws, k) && !ws[k].stop {
            k += 1;
        }
        if k - i >= 2 && ws[i..k].iter().any(starts_alphabetic) {
            let mut s = i.max(k.saturating_sub(MAX_EN_RUN_WORDS));
            // Without POS tags, a leading verb or adverb ("tried shared authority", "really
            // slow looking") is trimmed while two words remain.
            while k - s > 2 && is_en_verb_or_adverb(&ws[s].lower) {
                s += 1;
            }
            push_words(text, ws, s, k, out);
        }
        i = k;
    }
    // (2) Capitalised names, possibly with connectors: "National Council of Archives".
    let is_cap = |w: &Word<'_>| w.capitalized && !w.stop;
    let mut i = 0;
    while i < n {
        if !is_cap(&ws[i]) {
            i += 1;
            continue;
        }
        let mut last_cap = i;
        let mut k = i + 1;
        while k < n && joined(text, ws, k) && k - i < MAX_EN_NAME_WORDS {
            if is_cap(&ws[k]) {
                last_cap = k;
            } else if ws[k].capitalized || !EN_NAME_CONNECTORS.contains(&ws[k].lower.as_str()) {
                break;
            }
            k += 1;
        }
        if last_cap > i {
            push_words(text, ws, i, last_cap + 1, out);
        }
        i = last_cap + 1;
    }
}

/// `#hashtags`: `#` not preceded by a letter, digit, `&`, `/` or `#`, followed by letters,
/// digits or `_` (at least one letter; hex colours like `#22aa00` are skipped). CamelCase is
/// split for the key: `#SocialMedia` → key of "Social Media".
fn hashtags(lex: &mut Lexicon, text: &str, lang: Lang, out: &mut Vec<Phrase>) {
    for (i, _) in text.match_indices('#') {
        let prev = text[..i].chars().next_back();
        if prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '&' | '/' | '#' | '_')) {
            continue;
        }
        let body_start = i + 1;
        let body_len: usize = text[body_start..]
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_')
            .map(char::len_utf8)
            .sum();
        let body = &text[body_start..body_start + body_len];
        if !body.chars().any(char::is_alphabetic) {
            continue;
        }
        let hexlike = body.chars().all(|c| c.is_ascii_hexdigit())
            && body.chars().any(|c| c.is_ascii_digit())
            && matches!(body.len(), 3 | 4 | 6 | 8);
        if hexlike {
            continue;
        }
        let mut split = String::with_capacity(body.len() + 4);
        let mut prev_lower = false;
        for c in body.chars() {
            if c == '_' {
                split.push(' ');
                prev_lower = false;
                continue;
            }
            if c.is_uppercase() && prev_lower {
                split.push(' ');
            }
            prev_lower = c.is_lowercase();
            split.push(c);
        }
        let (key, n_content) = content_key(lex, &split, lang);
        if n_content == 0 {
            continue;
        }
        out.push(Phrase {
            text: text[i..body_start + body_len].to_owned(),
            n_content,
            key,
            start: i,
            end: body_start + body_len,
            kind: PhraseKind::Hashtag,
        });
    }
}

/// Finds where the content-stem sequence `key` (space-separated stems) occurs in `text`.
///
/// The stems must appear in order and be consecutive among the content words of `text`
/// (anything that is not a content word — stopwords, 1-letter tokens, punctuation — may lie
/// between them), but the match must not cross a sentence end or a paragraph break. Returns
/// the byte range from the first to the last matched word, as written in `text`; the first
/// occurrence wins.
#[must_use]
pub fn locate(text: &str, lang: Lang, key: &str) -> Option<Range<usize>> {
    let wanted: Vec<&str> = key.split_whitespace().collect();
    if wanted.is_empty() {
        return None;
    }
    with_lexicon(|lex| {
        // Content words so far: (start, end, stem, barrier before this word).
        let mut content: Vec<(usize, usize, SmallStr, bool)> = Vec::new();
        let mut prev_end: Option<usize> = None;
        let mut barrier = false;
        for (start, w) in word_indices(text) {
            if let Some(pe) = prev_end {
                barrier |=
                    gap_ends_sentence(text, pe, start) || gap_has_paragraph_break(text, pe, start);
            }
            let end = start + w.len();
            prev_end = Some(end);
            let e = lex.entry(w);
            if !e.content(lang) {
                continue;
            }
            content.push((start, end, e.stem(lang).clone(), barrier));
            barrier = false;
            let k = wanted.len();
            if content.len() >= k {
                let window = &content[content.len() - k..];
                let stems_match = window.iter().zip(&wanted).all(|(c, s)| c.2 == *s);
                let no_barrier = window.iter().skip(1).all(|c| !c.3);
                if stems_match && no_barrier {
                    return Some(window[0].0..window[k - 1].1);
                }
            }
        }
        None
    })
}

/// Like [`locate`], for callers that already have the [`words`](fn@crate::words) of `text`
/// (avoids re-tokenising and re-stemming when many keys are looked up in the same text).
#[must_use]
pub fn locate_in_words(text: &str, ws: &[Word<'_>], key: &str) -> Option<Range<usize>> {
    let wanted: Vec<&str> = key.split_whitespace().collect();
    if wanted.is_empty() {
        return None;
    }
    let content: Vec<usize> = (0..ws.len()).filter(|&i| ws[i].is_content()).collect();
    let k = wanted.len();
    if content.len() < k {
        return None;
    }
    'outer: for win in content.windows(k) {
        for (idx, s) in win.iter().zip(&wanted) {
            if ws[*idx].stem != *s {
                continue 'outer;
            }
        }
        for pair in win.windows(2) {
            let (a, b) = (ws[pair[0]].end, ws[pair[1]].start);
            if gap_ends_sentence(text, a, b) || gap_has_paragraph_break(text, a, b) {
                continue 'outer;
            }
        }
        return Some(ws[win[0]].start..ws[win[k - 1]].end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{content_stems, stem, words};

    fn find<'a>(ps: &'a [Phrase], kind: PhraseKind, text: &str) -> Option<&'a Phrase> {
        ps.iter().find(|p| p.kind == kind && p.text == text)
    }

    #[test]
    fn required_quoted_phrase() {
        let t =
            "Sie bewegen sich in der Nähe des älteren Begriffs des „herrschaftsfreien Diskurses“.";
        let ps = phrases(t, Lang::De);
        let p = find(&ps, PhraseKind::Quoted, "herrschaftsfreien Diskurses").expect("quoted");
        let key =
            format!("{} {}", stem("herrschaftsfreien", Lang::De), stem("Diskurses", Lang::De));
        assert_eq!(p.key, key);
        assert_eq!(&t[p.start..p.end], "herrschaftsfreien Diskurses");
        assert_eq!(p.n_content, 2);
        assert!(find(&ps, PhraseKind::NounPhrase, "älteren Begriffs").is_some(), "{ps:#?}");

        let other = "auf die Nähe zum „herrschaftsfreien Diskurs“ bin ich gar nicht gekommen";
        let r = locate(other, Lang::De, &key).expect("located");
        assert_eq!(&other[r], "herrschaftsfreien Diskurs");
    }

    #[test]
    fn required_locate_with_stopwords_between() {
        let key = content_stems(
            "Unterschiedlichkeit und gleichzeitiges Verwobensein der beiden Existenzen",
            Lang::De,
        )
        .join(" ");
        let t = "Die Unterschiedlichkeit und das gleichzeitige Verwobensein der beiden Existenzen überdenken";
        let r = locate(t, Lang::De, &key).expect("located");
        assert_eq!(
            &t[r],
            "Unterschiedlichkeit und das gleichzeitige Verwobensein der beiden Existenzen"
        );
        let ws = words(t, Lang::De);
        assert_eq!(locate_in_words(t, &ws, &key), locate(t, Lang::De, &key));
    }

    #[test]
    fn locate_rules() {
        let key = content_stems("offene Kommunikation", Lang::De).join(" ");
        assert_eq!(locate("Wir brauchen offenere Kommunikation.", Lang::De, &key), None);
        let t = "Wir wollen eine offene und ehrliche Kommunikation.";
        assert_eq!(locate(t, Lang::De, &key), None, "a content word lies between");
        let t = "Sie ist offen. Kommunikation fehlt.";
        let k2 = content_stems("offen Kommunikation", Lang::De).join(" ");
        assert_eq!(locate(t, Lang::De, &k2), None, "no match across sentences");
        let t = "Mehr offene Kommunikation, bitte! Und noch mehr offene Kommunikation.";
        let r = locate(t, Lang::De, &key).unwrap();
        assert_eq!(r.start, t.find("offene").unwrap(), "first occurrence wins");
        assert_eq!(locate(t, Lang::De, ""), None);
        assert_eq!(locate(t, Lang::De, "   "), None);
        let ws = words(t, Lang::De);
        assert_eq!(locate_in_words(t, &ws, &key), Some(r));

        let en = "We talked about the history of oral traditions and Oral History itself.";
        let key = content_stems("oral history", Lang::En).join(" ");
        let r = locate(en, Lang::En, &key).unwrap();
        assert_eq!(&en[r], "Oral History");
        let key = content_stems("history of oral traditions", Lang::En).join(" ");
        let r = locate(en, Lang::En, &key).unwrap();
        assert_eq!(&en[r], "history of oral traditions");
    }

    #[test]
    fn quotation_styles() {
        let t = "Er nannte es „Lernen im Netz“, sie sagte “shared knowledge” und \
                 \"offene Archive\", dann «Museum der Dinge», »Theater heute«, ‚Bühne‘, \
                 ›Kulturarbeit‹ und >>Wissen teilen<<.";
        let ps = phrases(t, Lang::De);
        for q in [
            "Lernen im Netz",
            "shared knowledge",
            "offene Archive",
            "Museum der Dinge",
            "Theater heute",
            "Bühne",
            "Kulturarbeit",
            "Wissen teilen",
        ] {
            let p = find(&ps, PhraseKind::Quoted, q).unwrap_or_else(|| panic!("{q}: {ps:#?}"));
            assert_eq!(&t[p.start..p.end], q);
        }
    }

    #[test]
    fn quotation_edge_cases() {
        // Nested quotes: both the outer and the inner quotation are found.
        let t = "Der Titel „Die ‚neuen‘ Medien im Alltag“ passt.";
        let ps = phrases(t, Lang::De);
        assert!(find(&ps, PhraseKind::Quoted, "Die ‚neuen‘ Medien im Alltag").is_some(), "{ps:#?}");
        assert!(find(&ps, PhraseKind::Quoted, "neuen").is_some());
        // German low-9 quote closed with another low-9 quote (a common typo).
        let t = "siehe „Die Stadt der Bücher„ und mehr";
        assert!(find(&phrases(t, Lang::De), PhraseKind::Quoted, "Die Stadt der Bücher").is_some());
        // Too long, not closed, or crossing a paragraph: nothing quoted.
        let long = "„eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn“";
        assert!(phrases(long, Lang::De).iter().all(|p| p.kind != PhraseKind::Quoted));
        let open = "„nie geschlossen und so weiter";
        assert!(phrases(open, Lang::De).iter().all(|p| p.kind != PhraseKind::Quoted));
        let para = "„Anfang hier\n\nEnde dort“";
        assert!(phrases(para, Lang::De).iter().all(|p| p.kind != PhraseKind::Quoted));
        // Trailing punctuation inside the quotes is trimmed; inch marks are no quotes.
        let t = "He wrote \"Knowledge is relational.\" on a 5\" screen";
        let ps = phrases(t, Lang::En);
        let q: Vec<_> = ps.iter().filter(|p| p.kind == PhraseKind::Quoted).collect();
        assert_eq!(q.len(), 1, "{q:#?}");
        assert_eq!(q[0].text, "Knowledge is relational");
        // Stopword-only quotes have an empty key and are dropped.
        assert!(phrases("Er sagte nur „und so“.", Lang::De).is_empty());
    }

    #[test]
    fn german_noun_phrases() {
        let t = "Wir suchen eine freundliche Grundstimmung in der Industrie 4.0 und denken \
                 über die Rolle der kleinen Bibliotheken nach. Das Frage-Antwort-Spiel hilft.";
        let ps = phrases(t, Lang::De);
        let nps: Vec<&str> = ps
            .iter()
            .filter(|p| p.kind == PhraseKind::NounPhrase)
            .map(|p| p.text.as_str())
            .collect();
        assert!(nps.contains(&"freundliche Grundstimmung"), "{nps:?}");
        assert!(nps.contains(&"Industrie 4.0"), "{nps:?}");
        assert!(nps.contains(&"Rolle der kleinen Bibliotheken"), "{nps:?}");
        assert!(nps.contains(&"kleinen Bibliotheken"), "{nps:?}");
        assert!(nps.contains(&"Frage-Antwort-Spiel"), "{nps:?}");
        // Single nouns and stopword-initial spans are not phrases.
        assert!(!nps.iter().any(|p| p.starts_with("Das") || *p == "Rolle" || *p == "Wir"));
        let p = find(&ps, PhraseKind::NounPhrase, "Rolle der kleinen Bibliotheken").unwrap();
        assert_eq!(p.key, content_stems("Rolle kleinen Bibliotheken", Lang::De).join(" "));
        assert_eq!(p.n_content, 3);
    }

    #[test]
    fn german_noun_phrase_boundaries() {
        // Line breaks, commas and quotes end noun phrases.
        let t = "Gute Idee\nNeue Wege, alte Probleme";
        let nps: Vec<String> = phrases(t, Lang::De)
            .into_iter()
            .filter(|p| p.kind == PhraseKind::NounPhrase)
            .map(|p| p.text)
            .collect();
        assert_eq!(nps, ["Gute Idee", "Neue Wege", "alte Probleme"]);
        // Capitalised pronouns are not nouns.
        assert!(phrases("Wie sehen Sie das?", Lang::De).is_empty());
    }

    #[test]
    fn german_noun_phrase_refinements() {
        let nps = |t: &str| -> Vec<String> {
            phrases(t, Lang::De)
                .into_iter()
                .filter(|p| p.kind == PhraseKind::NounPhrase)
                .map(|p| p.text)
                .collect()
        };
        // Uninflected adverbs/verbs before a noun are not modifiers; numerals are.
        assert!(nps("Wir wollen wirklich Wissen teilen, so schreibt Maria.").is_empty());
        assert_eq!(nps("Es gab zwei Workshops."), ["zwei Workshops"]);
        // Truncated compounds ("Presse- und ...") are no noun phrases.
        assert!(nps("Die neue Foto- und Filmsammlung.").is_empty());
        assert_eq!(nps("Die neue Filmsammlung."), ["neue Filmsammlung"]);
        // URLs are masked.
        let t = "Siehe http://example.org/Alte-Wege und www.example.net/Neue_Kultur heute";
        assert!(phrases(t, Lang::De).is_empty(), "{:#?}", phrases(t, Lang::De));
        let t = "<a href=\"https://example.org/offene-archive\">offene Archive</a>";
        let ps = phrases(t, Lang::En);
        assert!(ps.iter().all(|p| !p.text.contains("example")), "{ps:#?}");
    }

    #[test]
    fn english_noun_phrases() {
        let t = "Knowledge sharing is a slow social practice. The National Council of \
                 Archives studies Shared Authority and cheap discount garden furniture online.";
        let ps = phrases(t, Lang::En);
        let nps: Vec<&str> = ps
            .iter()
            .filter(|p| p.kind == PhraseKind::NounPhrase)
            .map(|p| p.text.as_str())
            .collect();
        assert!(nps.contains(&"Knowledge sharing"), "{nps:?}");
        assert!(nps.contains(&"slow social practice"), "{nps:?}");
        assert!(nps.contains(&"National Council of Archives"), "{nps:?}");
        assert!(nps.contains(&"Shared Authority"), "{nps:?}");
        assert!(nps.contains(&"discount garden furniture online"), "{nps:?}");
        assert!(!nps.iter().any(|p| p.starts_with("The")));
    }

    #[test]
    fn hashtags_found() {
        let t =
            "Heute #SocialMedia und #museum_digital, aber nicht C#, &#8220; oder color:#22aa00 #42";
        let ps = phrases(t, Lang::De);
        let tags: Vec<&Phrase> = ps.iter().filter(|p| p.kind == PhraseKind::Hashtag).collect();
        assert_eq!(tags.len(), 2, "{tags:#?}");
        assert_eq!(tags[0].text, "#SocialMedia");
        assert_eq!(tags[0].key, content_stems("Social Media", Lang::De).join(" "));
        assert_eq!(tags[0].n_content, 2);
        assert_eq!(&t[tags[0].start..tags[0].end], "#SocialMedia");
        assert_eq!(tags[1].text, "#museum_digital");
        assert!(phrases("#the", Lang::En).is_empty());
    }

    #[test]
    fn sorted_and_deduplicated() {
        let t = "„offene Archive“ und „offene Archive“ #Archiv";
        let ps = phrases(t, Lang::De);
        for pair in ps.windows(2) {
            assert!(
                (pair[0].start, pair[0].end, &pair[0].kind)
                    < (pair[1].start, pair[1].end, &pair[1].kind)
            );
        }
        assert_eq!(ps.iter().filter(|p| p.kind == PhraseKind::Quoted).count(), 2);
    }
}
