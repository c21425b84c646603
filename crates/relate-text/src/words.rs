//! Words (UAX#29), lowercasing, Snowball stems, content stems and sentence boundaries.

use std::ops::Range;
use std::sync::LazyLock;

use frostem::{Algorithm, Stemmer};

use crate::lang::{Lang, is_abbreviation};
use crate::lexicon::{Lexicon, with_lexicon};
use crate::seg::word_indices;
use crate::small_str::SmallStr;

/// One word of a text, as produced by [`words`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Byte offset of the first byte in the analysed text.
    pub start: usize,
    /// Byte offset one past the last byte in the analysed text.
    pub end: usize,
    /// Lowercased form; typographic apostrophes (’) are normalised to `'`.
    pub lower: SmallStr,
    /// Lowercased Snowball stem (see [`stem`]); computed for every word, stopwords included.
    pub stem: SmallStr,
    /// True if `lower` is a stopword of the language.
    pub stop: bool,
    /// True if the first character is an uppercase letter.
    pub capitalized: bool,
    /// True for the first word of the text and the first word after a sentence end
    /// (`.` `!` `?` `…` that end a sentence, or a line break).
    pub sentence_start: bool,
}

impl Word<'_> {
    /// True for words that count as content: not a stopword and longer than one character.
    #[must_use]
    pub fn is_content(&self) -> bool {
        is_content(&self.lower, self.stop)
    }
}

static STEMMERS: LazyLock<[Stemmer; 2]> =
    LazyLock::new(|| [Stemmer::new(Algorithm::German), Stemmer::new(Algorithm::English)]);

fn stemmer(lang: Lang) -> Stemmer {
    match lang {
        Lang::De => STEMMERS[0],
        Lang::En => STEMMERS[1],
    }
}

/// Lowercases `word` into `buf` (cleared first), mapping ’ to `'`. No allocation once `buf`
/// has grown.
pub(crate) fn lower_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else if c == '\u{2019}' {
            buf.push('\'');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Snowball stem of an already lowercased word.
///
/// German gets one correction on top of Snowball: Snowball removes only one suffix, so
/// "diskurses" → "diskurs" while "diskurs" → "diskur" (its `s` after a consonant counts as a
/// suffix). When a suffix was removed and the stem still ends in such an `s`, the stemmer is
/// applied once more, so both end up as "diskur".
pub(crate) fn stem_uncached(lower: &str, lang: Lang) -> String {
    let stemmer = stemmer(lang);
    let first = stemmer.stem(lower);
    if lang == Lang::De && first.len() < lower.len() {
        let b = first.as_bytes();
        if b.len() >= 2
            && b[b.len() - 1] == b's'
            && matches!(
                b[b.len() - 2],
                b'b' | b'd' | b'f' | b'g' | b'h' | b'k' | b'l' | b'm' | b'n' | b'r' | b't'
            )
        {
            return stemmer.stem(&first).into_owned();
        }
    }
    first.into_owned()
}

/// Content word test shared by [`content_stems`], [`crate::phrases`] and [`crate::locate`].
pub(crate) fn is_content(lower: &str, stop: bool) -> bool {
    !stop && lower.chars().nth(1).is_some()
}

/// Lowercased Snowball stem (frostem) of `word` for the language.
#[must_use]
pub fn stem(word: &str, lang: Lang) -> String {
    with_lexicon(|lex| lex.entry(word).stem(lang).to_string())
}

/// UAX#29 words of `text` (unicode-segmentation); numbers are kept ("2.0", "2034"),
/// punctuation, whitespace and emoji are dropped. Offsets are byte offsets into `text`.
#[must_use]
pub fn words(text: &str, lang: Lang) -> Vec<Word<'_>> {
    with_lexicon(|lex| words_in(lex, text, lang))
}

/// [`words`] with the memo already at hand.
pub(crate) fn words_in<'a>(lex: &mut Lexicon, text: &'a str, lang: Lang) -> Vec<Word<'a>> {
    // About one word per six bytes in comments: mostly a single allocation.
    let mut out: Vec<Word<'_>> = Vec::with_capacity(text.len() / 6 + 2);
    let mut prev_end = 0;
    for (start, w) in word_indices(text) {
        let end = start + w.len();
        let sentence_start = out.is_empty() || gap_ends_sentence(text, prev_end, start);
        let e = lex.entry(w);
        let stem = e.stem(lang).clone();
        out.push(Word {
            text: w,
            start,
            end,
            stop: e.stop(lang),
            capitalized: e.capitalized(),
            lower: e.lower().clone(),
            stem,
            sentence_start,
        });
        prev_end = end;
    }
    out
}

/// Content-word stems (stopwords, 1-letter tokens and pure punctuation removed), in order.
#[must_use]
pub fn content_stems(text: &str, lang: Lang) -> Vec<String> {
    with_lexicon(|lex| {
        let mut out = Vec::new();
        for (_, w) in word_indices(text) {
            let e = lex.entry(w);
            if e.content(lang) {
                out.push(e.stem(lang).to_string());
            }
        }
        out
    })
}

/// `content_stems(text, lang).join(" ")` and the number of stems, without the `Vec`.
pub(crate) fn content_key(lex: &mut Lexicon, text: &str, lang: Lang) -> (String, usize) {
    let mut key = String::new();
    let mut n = 0;
    for (_, w) in word_indices(text) {
        let e = lex.entry(w);
        if e.content(lang) {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(e.stem(lang));
            n += 1;
        }
    }
    (key, n)
}

/// True if the non-word text `text[from..to]` between two words ends a sentence.
#[inline]
pub(crate) fn gap_ends_sentence(text: &str, from: usize, to: usize) -> bool {
    // Mostly a single space between words: no sentence end (checked inline, the rest not).
    if to == from + 1 && text.as_bytes().get(from) == Some(&b' ') {
        return false;
    }
    gap_ends_sentence_slow(text, from, to)
}

fn gap_ends_sentence_slow(text: &str, from: usize, to: usize) -> bool {
    let Some(gap) = text.get(from..to) else { return false };
    gap.char_indices().any(|(i, c)| is_terminal(text, from + i, c))
}

/// True if the gap `text[from..to]` contains a paragraph break (a blank line).
pub(crate) fn gap_has_paragraph_break(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(contains_paragraph_break)
}

/// True if `s` contains a line break followed (after optional blanks) by another line break.
pub(crate) fn contains_paragraph_break(s: &str) -> bool {
    let mut after_newline = false;
    for c in s.chars() {
        if c == '\n' {
            if after_newline {
                return true;
            }
            after_newline = true;
        } else if !c.is_whitespace() {
            after_newline = false;
        }
    }
    false
}

/// Is the character `c` at byte `i` of `text` a sentence end?
///
/// Line breaks always are. `!`, `?` and `…` are unless a letter or digit follows directly.
/// `.` is not when a letter or digit follows directly ("2.0", "bit.ly"), nor after a single
/// letter ("z.B.", "W. Holt") or a known abbreviation ("bzw.", "etc."); an ellipsis "..." is.
pub(crate) fn is_terminal(text: &str, i: usize, c: char) -> bool {
    match c {
        '\n' | '\r' | '\u{2029}' => true,
        '!' | '?' | '…' => !next_is_alnum(text, i + c.len_utf8()),
        '.' => {
            if next_is_alnum(text, i + 1) {
                return false;
            }
            let before = &text[..i];
            if before.ends_with('.') || text[i + 1..].starts_with('.') {
                return true;
            }
            let word_start = before
                .char_indices()
                .rev()
                .take_while(|&(_, ch)| ch.is_alphanumeric())
                .last()
                .map_or(i, |(s, _)| s);
            let prev = &before[word_start..];
            if prev.is_empty() {
                return true;
            }
            let mut chars = prev.chars();
            let first = chars.next();
            if chars.next().is_none() && first.is_some_and(char::is_alphabetic) {
                return false;
            }
            if prev.len() <= 5 {
                // Lowercased on the stack: no allocation for every full stop.
                let mut buf = [0u8; 5];
                let lower = if prev.is_ascii() {
                    buf[..prev.len()].copy_from_slice(prev.as_bytes());
                    buf[..prev.len()].make_ascii_lowercase();
                    std::str::from_utf8(&buf[..prev.len()]).ok()
                } else {
                    None
                };
                let abbreviation = match lower {
                    Some(lower) => is_abbreviation(lower),
                    None => {
                        let mut buf = String::with_capacity(8);
                        lower_into(prev, &mut buf);
                        is_abbreviation(&buf)
                    }
                };
                if abbreviation {
                    return false;
                }
            }
            true
        }
        _ => false,
    }
}

fn next_is_alnum(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_some_and(char::is_alphanumeric)
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '’' | '‘' | '»' | '«' | '›' | '‹' | ')' | ']' | '}')
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Sentence (or line) containing byte offset `at`, as a byte range into `text`.
///
/// Sentences end at `.` `!` `?` `…` (see the rules in the crate docs) and at line breaks. The
/// range includes the final punctuation and any closing quotes/brackets right after it, and
/// is trimmed of surrounding whitespace. `at` is clamped to the text and moved back to a char
/// boundary; the result is always a valid range of `text` (possibly empty).
#[must_use]
pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at);
    let mut start = 0;
    for (i, c) in text[..at].char_indices().rev() {
        if is_terminal(text, i, c) {
            start = i + c.len_utf8();
            // Skip further sentence punctuation and closing quotes belonging to that sentence.
            for (j, d) in text[start..].char_indices() {
                if is_closing(d) || matches!(d, '.' | '!' | '?' | '…') {
                    continue;
                }
                start += j;
                break;
            }
            start = start.min(at);
            break;
        }
    }
    let mut end = text.len();
    let rest = &text[at..];
    let mut iter = rest.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_terminal(text, at + i, c) {
            if matches!(c, '\n' | '\r' | '\u{2029}') {
                end = at + i;
            } else {
                end = at + i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if is_closing(d) || matches!(d, '.' | '!' | '?' | '…') {
                        end = at + j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
            }
            break;
        }
    }
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let trimmed_end = end - (slice.len() - slice.trim_end().len());
    if trimmed_start >= trimmed_end {
        return at..at;
    }
    trimmed_start..trimmed_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_stems() {
        let de = Lang::De;
        assert_eq!(stem("herrschaftsfreien", de), stem("herrschaftsfreier", de));
        assert_eq!(stem("herrschaftsfreien", de), stem("herrschaftsfreie", de));
        assert_eq!(stem("Diskurses", de), stem("Diskurs", de));
        assert_eq!(stem("Existenzen", de), stem("Existenz", de));
        assert_eq!(stem("relationships", Lang::En), stem("relationship", Lang::En));
    }

    #[test]
    fn more_stems() {
        assert_eq!(stem("Museen", Lang::De), stem("museen", Lang::De));
        assert_eq!(stem("Gesprächs", Lang::De), stem("Gespräch", Lang::De));
        assert_eq!(stem("Kommentare", Lang::De), stem("Kommentar", Lang::De));
        assert_eq!(stem("learning", Lang::En), stem("learned", Lang::En));
        assert_eq!(stem("Conversations", Lang::En), "convers");
        assert_eq!(stem("", Lang::De), "");
        // Cached and uncached stems agree, also after the cache was cleared.
        for w in ["wissen", "lernen", "diskurses", "gelernt"] {
            assert_eq!(stem(w, Lang::De), stem_uncached(w, Lang::De));
            assert_eq!(stem(w, Lang::De), stem_uncached(w, Lang::De));
        }
        with_lexicon(Lexicon::clear);
        assert_eq!(stem("wissen", Lang::De), "wiss");
        // The German one-suffix correction.
        assert_eq!(stem("Diskurse", Lang::De), stem("Diskurs", Lang::De));
        assert_eq!(stem("Kurses", Lang::De), stem("Kurs", Lang::De));
        assert_eq!(stem("Prozesses", Lang::De), stem("Prozess", Lang::De));
        assert_eq!(stem("Hauses", Lang::De), stem("Haus", Lang::De));
    }

    #[test]
    fn words_basic() {
        let t = "In Industrie 4.0 lernen wir. Z.B. über Blogs!";
        let ws = words(t, Lang::De);
        let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert_eq!(texts, ["In", "Industrie", "4.0", "lernen", "wir", "Z.B", "über", "Blogs"]);
        for w in &ws {
            assert_eq!(&t[w.start..w.end], w.text);
        }
        assert!(ws[0].sentence_start && ws[0].stop && ws[0].capitalized);
        assert!(!ws[1].sentence_start && ws[1].capitalized && !ws[1].stop);
        assert!(!ws[2].capitalized);
        assert!(ws[5].sentence_start);
        assert!(!ws[6].sentence_start, "no sentence break after the abbreviation");
        assert_eq!(ws[7].stem, stem("Blogs", Lang::De));
    }

    #[test]
    fn words_apostrophes_and_lines() {
        let t = "I hadn\u{2019}t seen it\nThat's new";
        let ws = words(t, Lang::En);
        assert_eq!(ws[1].lower, "hadn't");
        assert!(ws[1].stop);
        assert!(ws[4].sentence_start, "line break starts a sentence");
        assert_eq!(ws[4].lower, "that's");
    }

    #[test]
    fn content_stems_filters() {
        assert_eq!(
            content_stems("Das Modell B ist für Museen neu.", Lang::De),
            vec![stem("Modell", Lang::De), stem("Museen", Lang::De), stem("neu", Lang::De)]
        );
        assert_eq!(
            content_stems("The goals of a slow conversation!", Lang::En),
            vec!["goal", "slow", "convers"]
        );
        assert!(content_stems(" ... !!! ", Lang::En).is_empty());
    }

    #[test]
    fn sentences() {
        let t = "Erster Satz. Zweiter Satz, z.B. mit Version 4.0! Dritter?\nVierte Zeile";
        let second = t.find("Zweiter").unwrap();
        let r = sentence_around(t, second + 3);
        assert_eq!(&t[r], "Zweiter Satz, z.B. mit Version 4.0!");
        let r = sentence_around(t, t.find("Erster").unwrap());
        assert_eq!(&t[r], "Erster Satz.");
        let r = sentence_around(t, t.find("Dritter").unwrap());
        assert_eq!(&t[r], "Dritter?");
        let r = sentence_around(t, t.len());
        assert_eq!(&t[r], "Vierte Zeile");
        let q = "Sie sagte: „Wir lernen zusammen.“ Dann ging sie.";
        let r = sentence_around(q, q.find("lernen").unwrap());
        assert_eq!(&q[r], "Sie sagte: „Wir lernen zusammen.“");
        let r = sentence_around(q, q.find("Dann").unwrap());
        assert_eq!(&q[r], "Dann ging sie.");
        let e = "Wait... what? Really";
        assert_eq!(&e[sentence_around(e, 0)], "Wait...");
        assert_eq!(&e[sentence_around(e, e.len() - 1)], "Really");
    }

    #[test]
    fn sentence_around_odd_offsets() {
        let t = "Grüße aus Köln. Ä";
        for at in 0..t.len() + 3 {
            let r = sentence_around(t, at);
            assert!(t.get(r.clone()).is_some(), "{at} {r:?}");
        }
        assert_eq!(sentence_around("", 5), 0..0);
        assert_eq!(sentence_around("   ", 1), 1..1);
    }

    #[test]
    fn paragraph_breaks() {
        assert!(contains_paragraph_break("a\n\nb"));
        assert!(contains_paragraph_break("a\n \t\r\nb"));
        assert!(!contains_paragraph_break("a\nb\nc"));
    }
}
