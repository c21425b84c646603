//! Language detection (German vs English) and the stopword lists used by every other step.
//!
//! All word lists in this file are our own curation for relate: common German and English
//! function words (articles, pronouns, prepositions, conjunctions, auxiliaries, modal verbs,
//! frequent particles and interjections). They are kept sorted by byte order so lookups are a
//! `binary_search` without allocation; a unit test checks the ordering.

use crate::lexicon::{WordBuildHasher, with_lexicon};
use crate::seg::word_indices;

/// A language relate can analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// German.
    De,
    /// English.
    En,
}

impl Lang {
    /// ISO 639-1 code: `"de"` or `"en"`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parses an ISO 639-1 code or a locale such as `"de-DE"` / `"en_US"` (case-insensitive).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().get(..2)?;
        if primary.eq_ignore_ascii_case("de") {
            Some(Lang::De)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// True if `lower` (an already lowercased word, apostrophes as `'`) is a stopword in `lang`.
///
/// The German list also contains a handful of very common English function words ("the",
/// "of", "and", ...), because German blog comments freely mix in English phrases
/// ("Call to Action") and those words must not become part of German noun phrases.
#[must_use]
pub fn is_stopword(lower: &str, lang: Lang) -> bool {
    match lang {
        Lang::De => DE_STOP_SET.contains(lower),
        Lang::En => EN_STOP_SET.contains(lower),
    }
}

/// The word lists as hash sets: analyses look up every word of a million comments, and a
/// hash beats a binary search of string comparisons there.
type WordSet = std::collections::HashSet<&'static str, WordBuildHasher>;

fn word_set(list: &'static [&'static str]) -> WordSet {
    list.iter().copied().collect()
}

static DE_STOP_SET: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| word_set(DE_STOP));
static EN_STOP_SET: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| word_set(EN_STOP));
static DE_CLUE_SET: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| word_set(DE_CLUES));
static EN_CLUE_SET: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| word_set(EN_CLUES));

/// True if `lower` (lowercased) is in the clue list of `lang` (see [`detect_language`]).
pub(crate) fn is_clue(lower: &str, lang: Lang) -> bool {
    match lang {
        Lang::De => DE_CLUE_SET.contains(lower),
        Lang::En => EN_CLUE_SET.contains(lower),
    }
}

/// Detection stops once one language leads by this many points: more words would not change
/// the answer, and comments are read by the million.
const DECISIVE_LEAD: u32 = 10;

/// Detects German vs English by counting function words; `None` when there are too few clues.
///
/// Each word found in the (own, deliberately unambiguous) clue list of a language scores 2
/// points; a word containing ä, ö, ü or ß scores 1 extra point for German. Words that exist in
/// both languages ("in", "an", "so", "was", "will", "also", "man", ...) are not clues. The
/// winner needs at least 2 points and strictly more than the other language. Only the first
/// 300 words are looked at, and reading stops once one language leads by 10 points.
#[must_use]
pub fn detect_language(text: &str) -> Option<Lang> {
    let mut de = 0u32;
    let mut en = 0u32;
    // The clue flags of a word are memoised with its other properties (see `lexicon`).
    with_lexicon(|lex| {
        for (_, w) in word_indices(text).take(300) {
            let e = lex.entry(w);
            if e.clue(Lang::De) {
                de += 2;
            }
            if e.clue(Lang::En) {
                en += 2;
            }
            if e.umlaut() {
                de += 1;
            }
            if de.abs_diff(en) >= DECISIVE_LEAD {
                break;
            }
        }
    });
    if de >= 2 && de > en {
        Some(Lang::De)
    } else if en >= 2 && en > de {
        Some(Lang::En)
    } else {
        None
    }
}

/// True for an abbreviation (lowercase, without dots) after which a `.` does not end a sentence.
pub(crate) fn is_abbreviation(lower: &str) -> bool {
    ABBREVIATIONS.binary_search(&lower).is_ok()
}

/// German stopwords (own curation: articles, pronouns, prepositions, conjunctions, auxiliary
/// and modal verb forms, particles, interjections, plus common English function words).
#[rustfmt::skip]
const DE_STOP: &[&str] = &[
    "ab", "aber", "ach", "ah", "alle", "allein", "alleine", "allem", "allen", "aller", "allerdings",
    "alles", "als", "also", "am", "an", "and", "andere", "anderem", "anderen", "anderer", "anderes",
    "ans", "are", "at", "auch", "auf", "aufs", "aus", "außen", "außer", "außerdem", "bald", "be",
    "bei", "beide", "beiden", "beides", "beim", "bereits", "besonders", "bin", "bis", "bisher",
    "bislang", "bist", "bitte", "by", "bzw", "da", "dabei", "dadurch", "dafür", "dagegen", "daher",
    "dahinter", "damals", "damit", "danach", "dank", "danke", "dann", "daran", "darauf", "darf",
    "darfst", "darin", "darum", "darüber", "das", "dass", "davon", "dazu", "daß", "dein", "deine",
    "deinem", "deinen", "deiner", "deines", "dem", "den", "denen", "denn", "dennoch", "der",
    "deren", "des", "deshalb", "dessen", "deswegen", "dich", "die", "dies", "diese", "diesem",
    "diesen", "dieser", "dieses", "diesmal", "dir", "doch", "dort", "dran", "drauf", "drüber", "du",
    "durch", "durchs", "durfte", "dürfen", "dürfte", "eben", "ebenfalls", "ebenso", "eh", "eher",
    "eigentlich", "ein", "eine", "einem", "einen", "einer", "eines", "einfach", "einige", "einigen",
    "einiger", "einiges", "er", "erst", "es", "etwa", "etwas", "euch", "euer", "eure", "eurem",
    "euren", "eurer", "eures", "eventuell", "falls", "fast", "for", "from", "für", "fürs", "ganz",
    "gar", "gegen", "gegenüber", "gehabt", "genau", "genauso", "gerade", "gern", "gerne", "gestern",
    "gewesen", "geworden", "hab", "habe", "haben", "habt", "hallo", "halt", "hast", "hat", "hatte",
    "hatten", "hattest", "her", "heute", "hier", "hierbei", "hierzu", "hin", "hingegen", "hinten",
    "hinter", "hinterm", "hm", "hätte", "hätten", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre",
    "ihrem", "ihren", "ihrer", "ihres", "im", "immer", "in", "innen", "ins", "insbesondere",
    "inzwischen", "irgendwie", "irgendwo", "is", "ist", "it", "ja", "jede", "jedem", "jeden",
    "jedenfalls", "jeder", "jedes", "jedoch", "jemand", "jemanden", "jene", "jenem", "jenen",
    "jener", "jenes", "jetzt", "jeweils", "kann", "kannst", "kein", "keine", "keinem", "keinen",
    "keiner", "keines", "konnte", "konnten", "können", "könnt", "könnte", "könnten", "lassen",
    "laut", "leider", "letztlich", "lässt", "mag", "magst", "mal", "man", "manche", "manchem",
    "manchen", "mancher", "manches", "manchmal", "mehr", "mehrere", "mehreren", "mein", "meine",
    "meinem", "meinen", "meiner", "meines", "meistens", "mich", "mindestens", "mir", "mit",
    "mittlerweile", "morgen", "muss", "musst", "musste", "mussten", "my", "möchte", "möchten",
    "mögen", "müssen", "müsst", "müsste", "müssten", "na", "nach", "nachher", "naja", "natürlich",
    "ne", "neben", "nein", "nen", "nich", "nicht", "nichts", "nie", "niemand", "noch", "nun", "nur",
    "nämlich", "ob", "oben", "obwohl", "oder", "of", "offenbar", "offensichtlich", "oft", "oh",
    "ohne", "ohnehin", "ok", "okay", "on", "or", "our", "per", "schließlich", "schon", "sehr",
    "seid", "sein", "seine", "seinem", "seinen", "seiner", "seines", "seit", "selber", "selbst",
    "selbstverständlich", "sich", "sie", "sind", "so", "sodass", "sofort", "sogar", "solche",
    "solchem", "solchen", "solcher", "solches", "soll", "sollen", "sollst", "sollt", "sollte",
    "sollten", "somit", "sondern", "sonst", "sowie", "sowieso", "sowohl", "statt", "stets",
    "tatsächlich", "that", "the", "this", "tja", "to", "trotz", "trotzdem", "um", "und", "uns",
    "unser", "unsere", "unserem", "unseren", "unserer", "unseres", "unten", "unter", "unterm",
    "usw", "vermutlich", "via", "viel", "viele", "vielen", "vieler", "vieles", "vielleicht", "vom",
    "von", "vor", "vorher", "vorm", "vorne", "wahrscheinlich", "war", "waren", "warst", "wart",
    "warum", "was", "we", "weder", "wegen", "weil", "weiterhin", "welch", "welche", "welchem",
    "welchen", "welcher", "welches", "wem", "wen", "wenig", "wenige", "wenigen", "weniger",
    "wenigstens", "wenn", "wer", "werde", "werden", "werdet", "weshalb", "wessen", "wie", "wieder",
    "wieso", "wieviel", "will", "willst", "wir", "wird", "wirklich", "wirst", "with", "wo", "woher",
    "wohin", "wohl", "wollen", "wollte", "wollten", "worden", "wurde", "wurden", "während", "wäre",
    "wären", "würde", "würden", "you", "your", "zu", "zudem", "zuerst", "zum", "zumindest",
    "zunächst", "zur", "zurück", "zwar", "zwischen", "ähm", "über", "überhaupt", "übers",
    "übrigens",
];

/// English stopwords (own curation: articles, pronouns, prepositions, conjunctions, auxiliary
/// and modal verb forms incl. contractions, frequent adverbs and interjections).
#[rustfmt::skip]
const EN_STOP: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "almost", "also", "am", "an", "and",
    "another", "any", "anyone", "anything", "are", "aren't", "around", "as", "at", "be", "because",
    "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "cannot",
    "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
    "during", "each", "eg", "either", "else", "enough", "etc", "even", "ever", "every", "few",
    "for", "from", "further", "get", "gets", "got", "had", "hadn't", "has", "hasn't", "have",
    "haven't", "having", "he", "he'd", "he'll", "he's", "hello", "her", "here", "here's", "hers",
    "herself", "hey", "hi", "him", "himself", "his", "how", "how's", "however", "i", "i'd", "i'll",
    "i'm", "i've", "ie", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just",
    "let's", "like", "lot", "lots", "many", "may", "me", "might", "more", "most", "much", "must",
    "mustn't", "my", "myself", "neither", "never", "no", "nor", "not", "now", "of", "off", "often",
    "oh", "ok", "okay", "on", "once", "one", "only", "or", "other", "others", "otherwise", "ought",
    "our", "ours", "ourselves", "out", "over", "own", "perhaps", "please", "quite", "rather",
    "really", "same", "shall", "shan't", "she", "she'd", "she'll", "she's", "should", "shouldn't",
    "since", "so", "some", "something", "still", "such", "than", "thank", "thanks", "that",
    "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these",
    "they", "they'd", "they'll", "they're", "they've", "thing", "things", "this", "those", "though",
    "through", "thus", "to", "too", "toward", "towards", "under", "until", "up", "upon", "us",
    "very", "via", "vs", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "well", "were",
    "weren't", "what", "what's", "when", "when's", "where", "where's", "whether", "which", "while",
    "who", "who's", "whom", "whose", "why", "why's", "will", "with", "within", "without", "won't",
    "would", "wouldn't", "yeah", "yes", "yet", "you", "you'd", "you'll", "you're", "you've", "your",
    "yours", "yourself", "yourselves",
];

/// Words that are frequent in German and (practically) never English words; used only by
/// [`detect_language`]. Own curation.
#[rustfmt::skip]
const DE_CLUES: &[&str] = &[
    "aber", "als", "auch", "auf", "aus", "bei", "beim", "bitte", "da", "dank", "danke", "dann",
    "das", "dass", "daß", "dem", "den", "denn", "der", "des", "diese", "dieser", "dieses", "doch",
    "du", "durch", "eigentlich", "ein", "eine", "einem", "einen", "einer", "es", "etwas", "für",
    "ganz", "gar", "gerne", "gruß", "grüße", "gut", "habe", "haben", "hallo", "hat", "heute",
    "hier", "ich", "ihr", "im", "immer", "ist", "ja", "jetzt", "kann", "kein", "keine", "können",
    "könnte", "mal", "mein", "mich", "mir", "mit", "nach", "natürlich", "nein", "nicht", "nichts",
    "noch", "nur", "ob", "oder", "ohne", "schon", "sehr", "sich", "sie", "sind", "sollte",
    "sondern", "um", "und", "uns", "viel", "vielen", "vom", "von", "weil", "wenn", "werden", "wie",
    "wieder", "wir", "wird", "wirklich", "würde", "zu", "zum", "zur", "über",
];

/// Words that are frequent in English and never German words; used only by
/// [`detect_language`]. Own curation.
#[rustfmt::skip]
const EN_CLUES: &[&str] = &[
    "about", "all", "and", "are", "at", "be", "because", "been", "but", "by", "can't", "could",
    "did", "do", "does", "don't", "for", "from", "good", "great", "had", "has", "have", "here",
    "how", "i", "i'm", "if", "is", "it", "it's", "just", "know", "more", "much", "my", "no", "not",
    "of", "on", "or", "out", "please", "post", "really", "should", "some", "thank", "thanks",
    "that", "the", "their", "there", "they", "think", "this", "to", "up", "very", "we", "were",
    "what", "when", "which", "who", "why", "with", "would", "yes", "you", "your",
];

/// Abbreviations (German and English, lowercase, dots removed) whose final `.` does not end a
/// sentence. Own curation; single letters ("z.B.", "W. Holt") are handled separately.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "bspw", "bzw", "ca", "dr", "dt", "eg", "engl", "etc", "evtl", "frz", "ggf", "hr", "ie", "inkl",
    "jh", "mr", "mrs", "ms", "nr", "prof", "sog", "st", "usw", "vgl", "vs", "zb", "zt",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_unique() {
        for list in [DE_STOP, EN_STOP, DE_CLUES, EN_CLUES, ABBREVIATIONS] {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
            }
            for w in list {
                assert_eq!(w.to_lowercase(), *w);
            }
        }
    }

    #[test]
    fn clue_lists_do_not_overlap() {
        for w in DE_CLUES {
            assert!(EN_CLUES.binary_search(w).is_err(), "{w}");
        }
    }

    #[test]
    fn stopwords() {
        assert!(is_stopword("der", Lang::De));
        assert!(is_stopword("über", Lang::De));
        assert!(is_stopword("the", Lang::De));
        assert!(!is_stopword("wissen", Lang::De));
        assert!(is_stopword("the", Lang::En));
        assert!(is_stopword("hadn't", Lang::En));
        assert!(!is_stopword("knowledge", Lang::En));
        assert!(!is_stopword("der", Lang::En));
    }

    #[test]
    fn codes() {
        assert_eq!(Lang::De.code(), "de");
        assert_eq!(Lang::En.code(), "en");
        assert_eq!(Lang::from_code("de-DE"), Some(Lang::De));
        assert_eq!(Lang::from_code("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code("d"), None);
        assert_eq!(Lang::from_code("ü"), None);
        assert_eq!(Lang::En.to_string(), "en");
        assert!(Lang::De < Lang::En);
    }

    #[test]
    fn detects_german() {
        for t in [
            "Danke, das hilft mir sehr!",
            "Ich sehe das ganz anders als du.",
            "Wo finde ich den Artikel, von dem du sprichst?",
            "Schöner Beitrag, ich habe heute viel gelernt.",
            "Das Museum sollte mehr mit den Besuchern reden.",
            "Stimmt, aber die Zahlen sind nicht alles.",
            "Gruß aus Wien",
            "Grüße!",
        ] {
            assert_eq!(detect_language(t), Some(Lang::De), "{t}");
        }
    }

    #[test]
    fn detects_english() {
        for t in [
            "Thanks, this really helped me!",
            "I see it quite differently from you.",
            "Where can I find the article you mentioned?",
            "Nice article, I learned a lot today.",
            "The museum should talk more with its visitors.",
            "True, but the numbers are not everything.",
            "Thank you",
        ] {
            assert_eq!(detect_language(t), Some(Lang::En), "{t}");
        }
    }

    #[test]
    fn too_few_clues() {
        for t in
            ["ok", "", "   ", ":-)", "Twitter", "http://example.com", "42", "Bonn Marketing KPI"]
        {
            assert_eq!(detect_language(t), None, "{t}");
        }
    }
}
