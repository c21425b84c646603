//! German and English text primitives for relate: language, words, stems, phrases, acknowledgements.
//!
//! relate measures what blog and social-media conversations give back in knowledge ("Was habe
//! ich heute gelernt?"). This crate holds the language-level building blocks; it knows nothing
//! about posts, comments or storage. Everything is rule-based, deterministic, allocation-light
//! and never panics on odd input (empty text, stray quotation marks, emoji, combining marks,
//! very long tokens). All byte offsets returned are on `char` boundaries of the analysed text.
//!
//! ```
//! use relate_text::{AckKind, Lang, PhraseKind, acknowledgements, locate, phrases};
//!
//! let said = "Mir gefällt der Begriff „offene Archive“.";
//! let concept = phrases(said, Lang::De)
//!     .into_iter()
//!     .find(|p| p.kind == PhraseKind::Quoted)
//!     .unwrap();
//! assert_eq!(concept.text, "offene Archive");
//!
//! let reply = "Offene Archive? Daran habe ich nie gedacht, danke für den Hinweis!";
//! let at = locate(reply, Lang::De, &concept.key).unwrap();
//! assert_eq!(&reply[at], "Offene Archive");
//! let kinds: Vec<AckKind> = acknowledgements(reply).iter().map(|a| a.kind).collect();
//! assert_eq!(kinds, [AckKind::Learning, AckKind::Learning]);
//! ```
//!
//! # Steps and their limits
//!
//! 1. **Language** ([`detect_language`], [`Lang`]): counts words from two small, own lists of
//!    function words that are frequent in one language and not words of the other ("und",
//!    "nicht", "ich" vs "the", "and", "you"); ä/ö/ü/ß add a little German evidence. Returns
//!    `None` for texts with too few clues ("ok", a bare URL, a name). Only German and English
//!    are known; other languages end up as `None` or as the closer of the two.
//! 2. **Words** ([`words`], [`Word`]): UAX#29 word segmentation (unicode-segmentation). Numbers
//!    stay words ("2.0", "2034"), contractions stay one word ("hadn't"), hyphenated compounds
//!    are split into their parts ("Frage-Antwort-Spiel" → 3 words), punctuation and emoji
//!    are dropped. Each word carries its lowercase form (’ normalised to '), Snowball stem,
//!    stopword flag, capitalisation and whether it starts a sentence.
//! 3. **Stems** ([`stem`], [`content_stems`]): Snowball stemmers from frostem (German, English),
//!    created once. Stemming conflates inflections ("herrschaftsfreien"/"herrschaftsfreier",
//!    "Diskurses"/"Diskurs") but not derivations or compounds ("Wissen" ≠ "Wissenstransfer");
//!    [`compound_parts`] splits German compounds into the stems of their parts
//!    ("Wissenstransfer" → stems of "Wissen" and "Transfer"; own rules and word list).
//!    Content stems leave out stopwords ([`is_stopword`], own lists) and one-letter tokens.
//!    Snowball removes one suffix only ("diskurses" → "diskurs", but "diskurs" → "diskur"),
//!    so a German stem still ending in consonant + `s` after a removal is stemmed once more.
//! 4. **Sentences** ([`sentence_around`]): a sentence ends at `!` `?` `…` and at `.` unless a
//!    letter/digit follows ("2.0", "bit.ly") or it ends a single letter or a known
//!    abbreviation ("z.B.", "W. Holt", "bzw.", "etc."); every line break also ends a sentence
//!    (comments often use one line per thought). An ordinal "3." is treated as a sentence end.
//! 5. **Phrases** ([`phrases`], [`Phrase`]): candidate concepts of three kinds.
//!    * *Quoted*: text inside „…“ “…” ”…” "…" «…» »…« ‚…‘ ›…‹ and >>…<< (also the common typo
//!      „…„), 1–12 words, not across a blank line; nested quotations are found too; trailing
//!      `.,;:` inside the marks is trimmed.
//!    * *Noun phrases*: there is no part-of-speech tagger. German nouns are recognised by
//!      capitalisation: `adjective* Noun+`, where adjectives are lowercase non-stopwords
//!      ending in -e/-en/-er/-es/-em (or any lowercase non-stopword right before the noun,
//!      unless it ends like an adverb or verb: -ig -lich -isch -sam -bar -los -haft -t),
//!      nouns are capitalised non-stopwords (a number may follow: "Industrie 4.0"), optionally
//!      extended by a genitive `der/des/eines/einer adjective* Noun+` ("Rolle der kleinen
//!      Bibliotheken"). Sentence-initial capitalised adverbs can be mistaken for nouns; lowercase
//!      verbs before a noun can be mistaken for adjectives. English noun phrases are
//!      approximated by runs of ≥ 2 non-stopwords between stopwords/punctuation (at most the
//!      last 4 words) and by capitalised multi-word names ("Shared Authority", "National
//!      Council of Archives"). All noun phrases need ≥ 2 content words (single nouns are
//!      available from [`content_stems`]); they never cross punctuation other than a
//!      hyphen, nor a line break; truncated compounds ("Presse- und ...") are skipped.
//!
//!    Phrases overlapping a URL (`http://`, `https://`, `www.`) are dropped.
//!    * *Hashtags*: `#Word`, CamelCase split for the key (`#SocialMedia` → "social media").
//!
//!    A phrase's `key` is its content stems joined by spaces; it identifies the concept across
//!    inflection and across intervening stopwords.
//! 6. **Locating** ([`locate`], [`locate_in_words`]): finds a key in another text — the stems in
//!    order, consecutive among content words, with only non-content words (stopwords,
//!    one-letter tokens, punctuation) between them, not across a sentence end or paragraph
//!    break. The key of "gleichzeitiges Verwobensein der Existenzen" is thus found in "das
//!    gleichzeitige Verwobensein der beiden Existenzen" ("beiden" is a stopword), but not where
//!    another content word intervenes. Keys are language specific: locate with the language
//!    the key was made with.
//! 7. **Acknowledgements** ([`acknowledgements`], [`Acknowledgement`]): phrase lists (data, own
//!    curation, in `ack.rs`) for Learning, Thanks, Appreciation and Agreement in both
//!    languages, matched case-insensitively on whole words with flexible whitespace,
//!    leftmost-longest without overlaps (so "danke für den Hinweis" is Learning, not also
//!    Thanks), skipping obvious negations ("kein guter Punkt", "not a good point", "nein
//!    danke"). Irony, questions ("Guter Punkt?") and indirect acknowledgements are not seen.
//! 8. **Broken links** ([`reports_broken_link`]): a link word near a self-reference ("führt
//!    auf diesen Beitrag"), a broken state, a negated "works", a repair request or a 404.
//! 9. **Discourse acts** ([`acts`], [`Acts`]): question, acknowledgement, agreement,
//!    disagreement, suggestion and source shared, from phrase lists (own curation, in
//!    `acts.rs`) and a few sentence rules (a `?` that is not a proposal or a rhetorical
//!    formula; "Danke, aber …" is thanks and objection; irony cancels praise). *Answer* needs
//!    the replied-to item and is left to the analysis.
//! 10. **Named works** ([`works`], [`Work`]): book, article, play and exhibition titles in
//!     quotation marks or emphasis with a cue (an author after "von"/"by" or as a possessive
//!     before, a citation with a year, a cue word such as "das Buch", "the exhibition"), and
//!     unmarked English titles in title case after "book"/"exhibition" or a possessive name.
//!     Quoted speech and scare quotes without a cue are not works.
//! 11. **Self-reference** ([`self_reference`], [`SelfNames`], [`mentions`]): where a text
//!     speaks of its author: first person plural pronouns ("wir", "unsere", "our"; own short
//!     lists) or names the caller gives, as whole words; and the `@handles` it names.
//! 12. **Phase cues** ([`phase_cues`], [`Phase`]): phrases pointing to a phase of knowledge
//!     construction after Gunawardena, Lowe & Anderson (dissonance, negotiation, testing,
//!     agreement and application), for a heuristic; quoted lines (`> `) are left out.
//!
//! Performance (the analysis reads a million comments): word segmentation takes a byte-level
//! fast path for texts made only of ASCII, Latin-1/Latin Extended-A letters and common
//! typographic quotes and dashes, implementing the UAX#29 rules that can apply to those
//! characters (same words as unicode-segmentation, which gets every other text); everything
//! derived from a word as written (lowercase form, stopword and language-clue flags,
//! capitalisation, stems) is memoised per thread (bounded; Snowball costs ~0.5 µs a word, a hit
//! a few dozen ns); a [`Word`]'s `lower` and `stem` are [`SmallStr`]s stored inline, so
//! [`words`] allocates once per text rather than twice per word; acknowledgement patterns are
//! compiled once (`LazyLock`) and indexed by their first word; stemmers are created once.

mod ack;
mod acts;
mod compound;
mod lang;
mod lexicon;
mod phases;
mod phrases;
mod seg;
mod selfref;
mod small_str;
mod words;
mod works;

pub use ack::{AckKind, Acknowledgement, acknowledgements, reports_broken_link};
pub use acts::{Act, Acts, acts};
pub use compound::compound_parts;
pub use lang::{Lang, detect_language, is_stopword};
pub use phases::{Phase, PhaseCue, phase_cues};
pub use phrases::{Phrase, PhraseKind, locate, locate_in_words, phrases, phrases_and_words};
pub use selfref::{SelfNames, SelfRef, SelfRefKind, mentions, self_reference};
pub use small_str::SmallStr;
pub use words::{Word, content_stems, sentence_around, stem, words};
pub use works::{CUE_WORDS, Work, marked_titles, title_key, works};

#[cfg(test)]
mod tests {
    use super::*;

    fn odd_inputs() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            " ",
            "\n\n\n",
            "„",
            "“”",
            "„“",
            "\"\"\"\"",
            "„abc",
            "abc“ def„",
            ">><<",
            ">>",
            "<<>>",
            "«»»«",
            "‚’‚",
            "#",
            "##",
            "#_",
            "# #ä",
            "&#",
            "🙂🙂 👍🏽 danke 🙏",
            "e\u{301}e\u{301} Cafe\u{301}-Kultur „Cafe\u{301}“",
            "Zo\u{308}gern \u{308}\u{308}\u{308}",
            "...",
            "…!?.",
            "z.B.",
            "@: @ @@ :",
            "a.b.c.d 2.0.1 3,5 1.000.000",
            "ÄÖÜ ß ẞ İstanbul ǅ ﬁ",
            "\u{feff}\u{200b}\u{200d}",
            "\t\r\n\r\n\u{2029}x",
            "TIL",
            "danke",
            "404",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        v.push("x".repeat(20_000));
        v.push("ä".repeat(5_000));
        v.push("„".repeat(300) + &"“".repeat(300));
        v.push("\"a\" ".repeat(500));
        v.push("Wissen-".repeat(1_000));
        v.push("#tag".repeat(300));
        v
    }

    fn check_range(text: &str, r: &std::ops::Range<usize>) {
        assert!(r.start <= r.end, "{r:?}");
        assert!(text.get(r.clone()).is_some(), "{r:?} not on char boundaries");
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in odd_inputs() {
            let t = text.as_str();
            let _ = detect_language(t);
            for lang in [Lang::De, Lang::En] {
                for w in words(t, lang) {
                    check_range(t, &(w.start..w.end));
                    assert_eq!(&t[w.start..w.end], w.text);
                }
                let stems = content_stems(t, lang);
                let _ = stem(t, lang);
                for p in phrases(t, lang) {
                    check_range(t, &(p.start..p.end));
                    assert!(!p.key.is_empty());
                    if let Some(r) = locate(t, lang, &p.key) {
                        check_range(t, &r);
                    }
                }
                if let Some(r) = locate(t, lang, &stems.join(" ")) {
                    check_range(t, &r);
                }
                let _ = locate(t, lang, "");
                let _ = locate(t, lang, "ä ö");
                let ws = words(t, lang);
                let _ = locate_in_words(t, &ws, &stems.join(" "));
            }
            for a in acknowledgements(t) {
                check_range(t, &(a.start..a.end));
                assert_eq!(&t[a.start..a.end], a.text);
            }
            let _ = reports_broken_link(t);
            let _ = acts(t);
            for c in phase_cues(t) {
                check_range(t, &(c.start..c.end));
                assert_eq!(&t[c.start..c.end], c.text);
            }
            for w in works(t) {
                check_range(t, &(w.start..w.end));
                assert_eq!(&t[w.start..w.end], w.title);
            }
            for (start, end) in marked_titles(t) {
                check_range(t, &(start..end));
            }
            for at in [0, 1, 2, 3, t.len() / 2, t.len().saturating_sub(1), t.len(), t.len() + 10] {
                check_range(t, &sentence_around(t, at));
            }
        }
    }

    #[test]
    fn every_offset_of_a_mixed_text() {
        let t = "„Gemeinsam lernen“ – so nannte es Ana. 🙂 Wirklich? #Lernkultur\n\nThanks, good point!";
        for at in 0..=t.len() + 1 {
            check_range(t, &sentence_around(t, at));
        }
        let ps = phrases(t, Lang::De);
        assert!(ps.iter().any(|p| p.kind == PhraseKind::Quoted && p.text == "Gemeinsam lernen"));
        assert!(ps.iter().any(|p| p.kind == PhraseKind::Hashtag && p.text == "#Lernkultur"));
        let kinds: Vec<AckKind> = acknowledgements(t).into_iter().map(|a| a.kind).collect();
        assert_eq!(kinds, [AckKind::Thanks, AckKind::Learning]);
    }

    #[test]
    fn phrase_keys_are_locatable_in_their_source() {
        let texts = [
            (
                "Wir haben über „offene Archive“ und die Rolle der kleinen Bibliotheken im \
                 ländlichen Raum gesprochen. #DigitaleKultur",
                Lang::De,
            ),
            (
                "We discussed \"shared authority\" and the slow archive digitisation work at the \
                 National Council of Archives.",
                Lang::En,
            ),
        ];
        for (t, lang) in texts {
            let ps = phrases(t, lang);
            assert!(ps.len() >= 3, "{ps:#?}");
            for p in ps.iter().filter(|p| p.kind != PhraseKind::Hashtag) {
                let r = locate(t, lang, &p.key).unwrap_or_else(|| panic!("{p:?}"));
                assert!(r.start <= p.start && p.start < r.end, "{p:?} {r:?}");
            }
        }
    }
}
