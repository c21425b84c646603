//! UAX#29 words, with a fast path for the Latin text relate mostly sees.
//!
//! [`word_indices`] yields exactly what `unicode_segmentation`'s `unicode_word_indices` yields
//! (the tests compare both on exhaustive short strings and random long ones). Texts made only
//! of ASCII, Latin-1/Latin Extended-A letters and a few typographic quotes and dashes take a
//! byte loop implementing the few UAX#29 rules that can apply to those characters; any other
//! character (combining marks, emoji, other scripts, format characters, ...) sends the whole
//! text to unicode-segmentation. The table lookups of the general implementation were ~15% of
//! an analysis of a million comments.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

// UAX#29 Word_Break values, as far as they matter for the characters of the fast path, as bit
// sets so that the hot loops test a single byte. Single_Quote (`'`) behaves like MidNumLet
// there (it only differs next to Hebrew letters); CR, LF, Newline, WSegSpace, Double_Quote and
// Other never join a word and are all 0.
/// ALetter.
const LETTER: u8 = 1;
/// Numeric.
const DIGIT: u8 = 2;
/// ExtendNumLet (`_`).
const CONNECTOR: u8 = 4;
/// Letters, digits and `_` join each other (WB5, WB8–WB10, WB13a/b).
const CORE: u8 = LETTER | DIGIT | CONNECTOR;
/// MidLetter and MidNumLet(Q): join two letters (WB6/7).
const JOINS_LETTERS: u8 = 8;
/// MidNum and MidNumLet(Q): join two digits (WB11/12).
const JOINS_DIGITS: u8 = 16;
/// Marks bytes >= 0x80 in [`BYTE_CLASS`]: see [`non_ascii_at`].
const NON_ASCII: u8 = 32;

const fn byte_class(b: u8) -> u8 {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => LETTER,
        b'0'..=b'9' => DIGIT,
        b'_' => CONNECTOR,
        // MidLetter.
        b':' => JOINS_LETTERS,
        // MidNumLet and Single_Quote.
        b'.' | b'\'' => JOINS_LETTERS | JOINS_DIGITS,
        // MidNum.
        b',' | b';' => JOINS_DIGITS,
        0x80..=0xFF => NON_ASCII,
        _ => 0,
    }
}

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = byte_class(b as u8);
        b += 1;
    }
    t
};

/// Class of a non-ASCII character of the fast path; `None` for all others. This defines the
/// characters of the fast path; the byte-level [`fast_path_applies`] and [`non_ascii_at`]
/// are tested against it (and the result of the fast path against unicode-segmentation).
#[cfg(test)]
fn non_ascii_class(c: char) -> Option<u8> {
    match c {
        // Latin-1 letters (without × and ÷) and Latin Extended-A: all ALetter and alphabetic.
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{17F}' => Some(LETTER),
        // MidNumLet.
        '‘' | '’' => Some(JOINS_LETTERS | JOINS_DIGITS),
        // No-break space, « » ‚ “ ” „ ‹ › – — …: Other.
        '\u{A0}' | '«' | '»' | '‚' | '“' | '”' | '„' | '‹' | '›' | '–' | '—' | '…' => {
            Some(0)
        }
        _ => None,
    }
}

/// Class and byte length of the non-ASCII character starting at `b[i]`, for a text whose
/// characters all pass `non_ascii_class`: their UTF-8 starts with C2 (U+0080–U+00BF), C3
/// (U+00C0–U+00FF), C4/C5 (U+0100–U+017F) or E2 (U+2000–U+2FFF). Reads bytes, not chars.
#[inline]
fn non_ascii_at(b: &[u8], i: usize) -> (u8, usize) {
    match b[i] {
        // U+00D7 × and U+00F7 ÷ are not letters.
        0xC3 => (if matches!(b.get(i + 1), Some(0x97 | 0xB7)) { 0 } else { LETTER }, 2),
        0xC4 | 0xC5 => (LETTER, 2),
        // U+2018 ‘ and U+2019 ’.
        0xE2 => {
            let quote = b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x98 | 0x99));
            (if quote { JOINS_LETTERS | JOINS_DIGITS } else { 0 }, 3)
        }
        x if x >= 0xF0 => (0, 4),
        x if x >= 0xE0 => (0, 3),
        _ => (0, 2),
    }
}

/// Class and byte length of the character starting at `b[i]` of a fast-path text.
#[inline(always)]
fn class_at(b: &[u8], i: usize) -> (u8, usize) {
    let c = BYTE_CLASS[usize::from(b[i])];
    if c == NON_ASCII { non_ascii_at(b, i) } else { (c, 1) }
}

/// True if every character of `text` is one the fast path knows (see `non_ascii_class`),
/// checked on the UTF-8 bytes: ASCII eight bytes at a time, the other characters by their
/// two or three bytes.
fn fast_path_applies(text: &str) -> bool {
    const HI: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let high = u64::from_le_bytes(w) & HI;
            if high == 0 {
                i += 8;
                continue;
            }
            // To the first non-ASCII byte of the chunk.
            i += (high.trailing_zeros() / 8) as usize;
        } else if b[i] < 0x80 {
            i += 1;
            continue;
        }
        let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
        let (known, len) = match b[i] {
            // U+00A0, U+00AB «, U+00BB ».
            0xC2 => (matches!(next(1), 0xA0 | 0xAB | 0xBB), 2),
            // U+00C0–U+00FF without U+00D7 × and U+00F7 ÷.
            0xC3 => (!matches!(next(1), 0x97 | 0xB7), 2),
            // U+0100–U+017F.
            0xC4 | 0xC5 => (true, 2),
            // – — ‘ ’ ‚ “ ” „ … ‹ ›
            0xE2 => (
                next(1) == 0x80
                    && matches!(
                        next(2),
                        0x93 | 0x94 | 0x98 | 0x99 | 0x9A | 0x9C | 0x9D | 0x9E | 0xA6 | 0xB9 | 0xBA
                    ),
                3,
            ),
            _ => (false, 1),
        };
        if !known {
            return false;
        }
        i += len;
    }
    true
}

/// Position of the first byte at or after `from` that is one of `needles`. Eight bytes at a
/// time: scanning every byte of every comment for quotation marks or URLs was a noticeable
/// part of [`crate::phrases`].
pub(crate) fn find_any<const N: usize>(
    bytes: &[u8],
    from: usize,
    needles: [u8; N],
) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        let mut hits = 0;
        for n in needles {
            // Zero bytes of `x` are the matches; the lowest flagged byte is always a true one.
            let x = w ^ (LO * u64::from(n));
            hits |= x.wrapping_sub(LO) & !x & HI;
        }
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|b| needles.contains(b)).map(|k| i + k)
}

/// Iterator of `(byte offset, word)`, the same as `text.unicode_word_indices()`.
pub(crate) struct WordIndices<'a>(Inner<'a>);

enum Inner<'a> {
    Fast { text: &'a str, pos: usize },
    Uax(UnicodeWordIndices<'a>),
}

/// The UAX#29 words of `text` with their byte offsets (see the module docs).
pub(crate) fn word_indices(text: &str) -> WordIndices<'_> {
    WordIndices(if fast_path_applies(text) {
        Inner::Fast { text, pos: 0 }
    } else {
        Inner::Uax(text.unicode_word_indices())
    })
}

impl<'a> Iterator for WordIndices<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        match &mut self.0 {
            Inner::Fast { text, pos } => next_fast(text, pos),
            Inner::Uax(it) => it.next(),
        }
    }
}

/// The next word at or after byte `*pos`.
///
/// A segment that can contain a letter or digit starts at a letter, digit or `_` and goes on
/// over letters, digits and `_` (WB5, WB8–WB10, WB13a/b) and over a single MidLetter or
/// MidNumLet between two letters (WB6/7) or a single MidNum or MidNumLet between two digits
/// (WB11/12). Everything else is a boundary (WB999), and segments without a letter or digit
/// (`_` alone, punctuation, spaces) are not words.
#[inline(always)]
fn next_fast<'a>(text: &'a str, pos: &mut usize) -> Option<(usize, &'a str)> {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = *pos;
    loop {
        // The next letter, digit or `_`.
        let start = loop {
            if i >= n {
                *pos = n;
                return None;
            }
            let (c, len) = class_at(b, i);
            if c & CORE != 0 {
                break i;
            }
            i += len;
        };
        loop {
            // The hot loop: ASCII letters, digits and `_`.
            while i < n && BYTE_CLASS[usize::from(b[i])] & CORE != 0 {
                i += 1;
            }
            if i >= n {
                break;
            }
            let (c, len) = class_at(b, i);
            if c & CORE != 0 {
                // A non-ASCII letter.
                i += len;
                continue;
            }
            // A separator joins only between two letters or two digits. The character before
            // it belongs to this segment: ASCII, or else a (non-ASCII) letter.
            let prev = if i > start && b[i - 1] < 0x80 {
                BYTE_CLASS[usize::from(b[i - 1])]
            } else {
                LETTER
            };
            let joins = match prev {
                LETTER => c & JOINS_LETTERS != 0,
                DIGIT => c & JOINS_DIGITS != 0,
                _ => false,
            };
            if !joins || i + len >= n {
                break;
            }
            let (next, next_len) = class_at(b, i + len);
            if next != prev {
                break;
            }
            i += len + next_len;
        }
        // Mid characters join only letters or digits, so only a run of `_` lacks them.
        if b[start] != b'_' || b[start..i].iter().any(|&x| x != b'_') {
            *pos = i;
            return Some((start, &text[start..i]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let fast: Vec<(usize, &str)> = word_indices(text).collect();
        let uax: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        assert_eq!(fast, uax, "{text:?}");
    }

    /// One character of every class, ASCII and not.
    const REPRESENTATIVES: &[char] =
        &['a', 'Z', 'ü', '1', '_', ':', '.', '\'', '’', ',', ';', ' ', '-', '"', '\n', '„'];

    #[test]
    fn every_fast_character_in_context() {
        let fast_chars: Vec<char> = ('\u{0}'..='\u{7F}')
            .chain('\u{80}'..='\u{2100}')
            .filter(|&c| c.is_ascii() || non_ascii_class(c).is_some())
            .collect();
        for &c in &fast_chars {
            // The byte-level classes agree with the char-level definition.
            let mut buf = [0u8; 4];
            let (class, len) = class_at(c.encode_utf8(&mut buf).as_bytes(), 0);
            let expected =
                if c.is_ascii() { byte_class(c as u8) } else { non_ascii_class(c).unwrap() };
            assert_eq!((class, len), (expected, c.len_utf8()), "{c:?}");
            for &x in REPRESENTATIVES {
                for &y in REPRESENTATIVES {
                    same(&format!("{x}{c}{y}"));
                    same(&format!("{c}{x}{y}"));
                    same(&format!("{x}{y}{c}"));
                    same(&format!("{c}{x}{c}"));
                    same(&format!("a{x}{c}{y}1"));
                    same(&format!("1{x}{c}{y}a"));
                }
            }
        }
    }

    #[test]
    fn all_short_strings() {
        // Every string of up to 4 representatives, with and without a non-ASCII tail (which
        // switches unicode-segmentation from its ASCII to its general implementation).
        let r = REPRESENTATIVES;
        let mut s = String::new();
        for len in 1..=4u32 {
            for mut k in 0..r.len().pow(len) {
                s.clear();
                for _ in 0..len {
                    s.push(r[k % r.len()]);
                    k /= r.len();
                }
                same(&s);
                s.push_str(" ä");
                same(&s);
            }
        }
    }

    #[test]
    fn random_strings() {
        let alphabet: Vec<char> =
            "aAbzZ09_:.',; -\"\n\r\t!?@#/()äöüßÄÖÜéçñ’‘„“”«»–—…\u{a0}ſĸ".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let s: String =
                (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            same(&s);
        }
    }

    #[test]
    fn find_any_finds_the_first() {
        let text = "abc.defghij:klmnopqrstuvwxyz.äöü„x";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() + 2 {
            for needles in [[b':', b'.'], [0xC3, 0xE2], [b'x', b'z']] {
                let expected = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|b| needles.contains(b)))
                    .map(|k| from + k);
                assert_eq!(find_any(bytes, from, needles), expected, "{from} {needles:?}");
            }
        }
        // Every byte value, in every position of a chunk.
        for n in 0..=255u8 {
            for at in 0..20 {
                let mut v = vec![n.wrapping_add(1); 20];
                v[at] = n;
                assert_eq!(find_any(&v, 0, [n]), Some(at));
                assert_eq!(find_any(&v, at + 1, [n]), None);
            }
        }
    }

    #[test]
    fn fast_path_characters() {
        for c in ('\u{80}'..='\u{10FFFF}').chain(['a', '\n', '\u{0}', '\u{7F}']) {
            let expected = c.is_ascii() || non_ascii_class(c).is_some();
            for t in
                [c.to_string(), format!("abcdefgh{c}"), format!("{c}abcdefghijk"), format!("ä{c}ü")]
            {
                assert_eq!(fast_path_applies(&t), expected, "{c:?}");
            }
        }
    }

    #[test]
    fn other_text_falls_back() {
        for t in [
            "e\u{301}e\u{301} Cafe\u{301}-Kultur",
            "🙂🙂 👍🏽 danke 🙏",
            "日本語のテキスト 中文",
            "İstanbul ǅ ﬁ ẞ",
            "\u{feff}\u{200b}\u{200d}x",
            "a\u{ad}b 1²",
        ] {
            assert!(!fast_path_applies(t), "{t}");
            same(t);
        }
        assert!(fast_path_applies("Grüße, „Zitat“ – l’été…"));
    }
}
