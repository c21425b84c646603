//! Per-thread memo of everything relate-text derives from a word as written.
//!
//! Word frequencies are Zipfian: a million comments use a few ten thousand distinct words. So
//! the lowercase form, stopword and clue flags, capitalisation and the stems are computed once
//! per distinct surface form and then read from here, by every step (language detection,
//! words, content stems, phrases, locating). One hash lookup replaces lowercasing into a
//! `String`, two or three set lookups and a stem-cache lookup per word and step. Everything
//! stored is a pure function of the surface form, so the memo never changes a result.

use std::cell::RefCell;
use std::hash::{BuildHasherDefault, Hasher};

use crate::compound::compound_parts_uncached;
use crate::lang::{Lang, is_clue, is_stopword};
use crate::small_str::SmallStr;
use crate::words::{lower_into, stem_uncached};

/// Upper bound of memoised words per thread; the memo is simply cleared when full.
const MAX_ENTRIES: usize = 100_000;
/// Longer words are not memoised (a 20,000-letter "word" must not be kept).
const MAX_CACHED_LEN: usize = 64;

/// A fast hash for short keys (words), 8 bytes per step; no need for DoS resistance here.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl WordHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(K).rotate_left(26);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = 0u64;
            for (k, b) in rest.iter().enumerate() {
                w |= u64::from(*b) << (8 * k);
            }
            self.add(w ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i) | 0x100);
    }
}

pub(crate) type WordBuildHasher = BuildHasherDefault<WordHasher>;

const STOP_DE: u16 = 1;
const STOP_EN: u16 = 2;
const CLUE_DE: u16 = 4;
const CLUE_EN: u16 = 8;
const UMLAUT: u16 = 16;
const CAPITALIZED: u16 = 32;
const MULTI_CHAR: u16 = 64;
/// `stems[lang]` has been computed (per language: `STEMMED << idx(lang)`).
const STEMMED: u16 = 128;
/// `parts` has been computed (German only; see `crate::compound`).
const SPLIT: u16 = 512;

/// What relate-text derives from one word as written.
pub(crate) struct Entry {
    lower: SmallStr,
    /// Valid once the `STEMMED` flag of the language is set.
    stems: [SmallStr; 2],
    /// Stems of the parts of a German compound, valid once `SPLIT` is set; `None` if the
    /// word is not split.
    parts: Option<Box<[SmallStr]>>,
    flags: u16,
}

fn idx(lang: Lang) -> usize {
    match lang {
        Lang::De => 0,
        Lang::En => 1,
    }
}

impl Entry {
    fn new(surface: &str) -> Entry {
        let mut lower = String::with_capacity(surface.len());
        lower_into(surface, &mut lower);
        let mut flags = 0;
        for (set, bit) in [
            (is_stopword(&lower, Lang::De), STOP_DE),
            (is_stopword(&lower, Lang::En), STOP_EN),
            (is_clue(&lower, Lang::De), CLUE_DE),
            (is_clue(&lower, Lang::En), CLUE_EN),
            (lower.contains(['ä', 'ö', 'ü', 'ß']), UMLAUT),
            (surface.chars().next().is_some_and(char::is_uppercase), CAPITALIZED),
            (lower.chars().nth(1).is_some(), MULTI_CHAR),
        ] {
            if set {
                flags |= bit;
            }
        }
        Entry { lower: SmallStr::new(&lower), stems: Default::default(), parts: None, flags }
    }

    /// Lowercased form; typographic apostrophes (’) are normalised to `'`.
    pub(crate) fn lower(&self) -> &SmallStr {
        &self.lower
    }

    /// Snowball stem of the lowercase form (computed on first use per language).
    #[inline]
    pub(crate) fn stem(&mut self, lang: Lang) -> &SmallStr {
        let i = idx(lang);
        if self.flags & (STEMMED << i) == 0 {
            self.compute_stem(lang);
        }
        &self.stems[i]
    }

    #[cold]
    fn compute_stem(&mut self, lang: Lang) {
        let i = idx(lang);
        self.stems[i] = SmallStr::new(&stem_uncached(&self.lower, lang));
        self.flags |= STEMMED << i;
    }

    /// Stems of the parts of a German compound (see [`crate::compound`]); `None` for other
    /// words and for English.
    pub(crate) fn parts(&mut self, lang: Lang) -> Option<&[SmallStr]> {
        if lang != Lang::De || self.flags & MULTI_CHAR == 0 {
            return None;
        }
        if self.flags & SPLIT == 0 {
            self.parts = compound_parts_uncached(&self.lower, lang)
                .map(|v| v.iter().map(|s| SmallStr::new(s)).collect());
            self.flags |= SPLIT;
        }
        self.parts.as_deref()
    }

    /// True if the lowercase form is a stopword of `lang`.
    pub(crate) fn stop(&self, lang: Lang) -> bool {
        self.flags & [STOP_DE, STOP_EN][idx(lang)] != 0
    }

    /// True if the lowercase form is a language clue of `lang` (see `detect_language`).
    pub(crate) fn clue(&self, lang: Lang) -> bool {
        self.flags & [CLUE_DE, CLUE_EN][idx(lang)] != 0
    }

    /// True if the lowercase form contains ä, ö, ü or ß.
    pub(crate) fn umlaut(&self) -> bool {
        self.flags & UMLAUT != 0
    }

    /// True if the first character is an uppercase letter.
    pub(crate) fn capitalized(&self) -> bool {
        self.flags & CAPITALIZED != 0
    }

    /// Content word of `lang`: not a stopword and longer than one character (see
    /// [`crate::words::is_content`]).
    pub(crate) fn content(&self, lang: Lang) -> bool {
        !self.stop(lang) && self.flags & MULTI_CHAR != 0
    }
}

/// The memo of one thread: a small open-addressing hash table of its own. It looks up every
/// word of every comment several times, and std's `HashMap` (with a `str` key compared by
/// `memcmp`) cost about twice as much per lookup.
pub(crate) struct Lexicon {
    /// Linear probing; 0 is an empty slot, `i + 1` the index into `entries`. The length is a
    /// power of two, at most half the slots are used.
    slots: Vec<u32>,
    entries: Vec<Memo>,
    /// The entry of the last word too long to be memoised.
    long: Entry,
}

struct Memo {
    hash: u64,
    surface: SmallStr,
    entry: Entry,
}

/// Little-endian integer from the 8 (or 4) bytes of `b` at `at`.
#[inline(always)]
fn read8(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(w)
}

#[inline(always)]
fn read4(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&b[at..at + 4]);
    u64::from(u32::from_le_bytes(w))
}

/// Hash of a word: words are short, so up to 16 bytes are read as two overlapping integers
/// rather than byte by byte.
#[inline]
fn hash_word(b: &[u8]) -> u64 {
    let n = b.len();
    let mix = |h: u64, x: u64| (h ^ x).wrapping_mul(K).rotate_left(31);
    let mut h = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    if n > 16 {
        for k in (0..n - 8).step_by(8) {
            h = mix(h, read8(b, k));
        }
        h = mix(h, read8(b, n - 8));
    } else if n >= 8 {
        h = mix(mix(h, read8(b, 0)), read8(b, n - 8));
    } else if n >= 4 {
        h = mix(h, (read4(b, 0) << 32) | read4(b, n - 4));
    } else if n > 0 {
        h = mix(h, (u64::from(b[0]) << 16) | (u64::from(b[n / 2]) << 8) | u64::from(b[n - 1]));
    }
    h ^ (h >> 32)
}

/// `a == b`, for words: up to 16 bytes compared as two overlapping integers (no `memcmp`).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n > 16 {
        a == b
    } else if n >= 8 {
        read8(a, 0) == read8(b, 0) && read8(a, n - 8) == read8(b, n - 8)
    } else if n >= 4 {
        read4(a, 0) == read4(b, 0) && read4(a, n - 4) == read4(b, n - 4)
    } else {
        n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1])
    }
}

impl Lexicon {
    fn new() -> Lexicon {
        Lexicon { slots: Vec::new(), entries: Vec::new(), long: Entry::new("") }
    }

    /// The entry of `surface` (a word as written), created on first use.
    #[inline]
    pub(crate) fn entry(&mut self, surface: &str) -> &mut Entry {
        if surface.len() > MAX_CACHED_LEN {
            self.long = Entry::new(surface);
            return &mut self.long;
        }
        let hash = hash_word(surface.as_bytes());
        match self.find(hash, surface) {
            Ok(i) => &mut self.entries[i].entry,
            Err(_) => self.insert(hash, surface),
        }
    }

    /// `Ok(index into entries)`, or `Err(empty slot)` where `surface` would go.
    #[inline]
    fn find(&self, hash: u64, surface: &str) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut p = hash as usize & mask;
        loop {
            let s = self.slots[p];
            if s == 0 {
                return Err(p);
            }
            let m = &self.entries[(s - 1) as usize];
            if m.hash == hash && same_bytes(m.surface.as_bytes(), surface.as_bytes()) {
                return Ok((s - 1) as usize);
            }
            p = (p + 1) & mask;
        }
    }

    #[cold]
    fn insert(&mut self, hash: u64, surface: &str) -> &mut Entry {
        if self.entries.len() >= MAX_ENTRIES {
            self.clear();
        }
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let p = match self.find(hash, surface) {
            Ok(i) => return &mut self.entries[i].entry,
            Err(p) => p,
        };
        let i = self.entries.len();
        self.slots[p] = (i + 1) as u32;
        self.entries.push(Memo {
            hash,
            surface: SmallStr::new(surface),
            entry: Entry::new(surface),
        });
        &mut self.entries[i].entry
    }

    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(1024);
        self.slots = vec![0; len];
        let mask = len - 1;
        for (i, m) in self.entries.iter().enumerate() {
            let mut p = m.hash as usize & mask;
            while self.slots[p] != 0 {
                p = (p + 1) & mask;
            }
            self.slots[p] = (i + 1) as u32;
        }
    }

    pub(crate) fn clear(&mut self) {
        self.slots.fill(0);
        self.entries.clear();
    }
}

thread_local! {
    static LEXICON: RefCell<Lexicon> = RefCell::new(Lexicon::new());
}

/// Runs `f` with this thread's memo. Should it be unavailable (a nested call, or a thread
/// being torn down), `f` gets a fresh, empty one: slower, same results, no panic.
pub(crate) fn with_lexicon<R>(f: impl FnOnce(&mut Lexicon) -> R) -> R {
    let mut f = Some(f);
    let done = LEXICON.try_with(|cell| match cell.try_borrow_mut() {
        Ok(mut lex) => f.take().map(|f| f(&mut lex)),
        Err(_) => None,
    });
    match (done, f) {
        (Ok(Some(r)), _) => r,
        (_, Some(f)) => f(&mut Lexicon::new()),
        (_, None) => unreachable!("f ran but gave no result"),
    }
}
