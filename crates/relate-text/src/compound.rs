//! German noun compounds split into their parts ("Wissenstransfer" → wissen + transfer).
//!
//! A small-lexicon method, our own rules and our own word list: a word is split as
//! *modifier* + *linking element* + *head*, where
//!
//! * the head is a word of [`PARTS`] (common nouns and a few verbs that head nominalised
//!   infinitives, "Sammeln"), as written or with an inflection ending (-e -n -en -s -es -er
//!   -ern -nen). Derivational endings are not inflections, so "Verantwortung" is not
//!   "ver" + "Antwort" + "ung": -ung, -heit, -keit, -schaft and the like are never heads on
//!   their own, only inside a listed word ("Forschung", "Vermittlung");
//! * the modifier is a word of [`PARTS`], possibly followed by a linking element -s- -es- -n-
//!   -en- -er- -e- ("Wissens-", "Museums-", "Kinder-"), or missing a final -e/-en/-n
//!   ("Schul-" for "Schule", "Lern-" for "lernen"), or itself a compound ("Kulturvermittlungs-");
//! * every part has at least four letters, so prefixes and short words are never parts.
//!
//! The longest head wins ("Sonderausstellung" is sonder + ausstellung, not … + stellung).
//! Words not made only of letters, shorter than eight letters, or with a part not in the list
//! are not split: names ("Hartmann"), derivations ("Bedeutung", "Geschichte") and compounds of
//! rarer words stay whole. A part's stem is the Snowball stem of its base form (the modifier
//! without its linking element, the head as written), so the parts meet the same words
//! written apart: "Transfer von Wissen" has the content stems of "Wissenstransfer".

use crate::lang::Lang;
use crate::words::stem_uncached;

/// Minimum letters of a part.
const MIN_PART: usize = 4;
/// Minimum letters of a word to be tried.
const MIN_WORD: usize = 8;
/// Parts of one compound at most (deeper nesting is left whole).
const MAX_PARTS: usize = 4;

/// Linking elements between modifier and head, longest first.
const LINKS: &[&str] = &["es", "en", "er", "s", "n", "e"];
/// Endings a modifier may have lost ("Schul-" for "Schule", "Lern-" for "lernen").
const ELIDED: &[&str] = &["e", "en", "n"];
/// Inflection endings a head may carry.
const INFLECTIONS: &[&str] = &["e", "n", "en", "s", "es", "er", "ern", "nen"];

/// Common German nouns (and verbs for nominalised infinitives) that make up compounds: our own
/// list, lowercase base forms, sorted. Chosen for the conversations relate reads (culture,
/// museums, libraries, theatre, education, research, the web) plus everyday words.
pub(crate) const PARTS: &[&str] = &[
    "abend",
    "alltag",
    "alter",
    "alternative",
    "anfang",
    "angebot",
    "antwort",
    "arbeit",
    "arbeiten",
    "archiv",
    "audio",
    "aufruf",
    "ausstellung",
    "austausch",
    "autor",
    "barriere",
    "begriff",
    "beitrag",
    "bereich",
    "bericht",
    "beruf",
    "besuch",
    "besucher",
    "beteiligung",
    "bewegung",
    "bibliothek",
    "bild",
    "bildung",
    "biografie",
    "blick",
    "blog",
    "brief",
    "buch",
    "bühne",
    "bürger",
    "daten",
    "denkmal",
    "depot",
    "dialog",
    "dienst",
    "ding",
    "diskurs",
    "dorf",
    "eingang",
    "einrichtung",
    "entwicklung",
    "erfahrung",
    "ergebnis",
    "erinnerung",
    "erzählung",
    "fach",
    "familie",
    "farbe",
    "feld",
    "fest",
    "film",
    "forschung",
    "foto",
    "frage",
    "frau",
    "freund",
    "führung",
    "garten",
    "gast",
    "gebäude",
    "gedächtnis",
    "gegenwart",
    "geld",
    "gemeinschaft",
    "geschichte",
    "gesellschaft",
    "gespräch",
    "gruppe",
    "hand",
    "handwerk",
    "haus",
    "heimat",
    "hilfe",
    "hinweis",
    "idee",
    "information",
    "inhalt",
    "initiative",
    "institut",
    "jahr",
    "jugend",
    "kapsel",
    "karte",
    "katalog",
    "kind",
    "kirche",
    "klasse",
    "kommentar",
    "kommunikation",
    "konzept",
    "kopf",
    "kraft",
    "kultur",
    "kunst",
    "kurs",
    "künstler",
    "land",
    "leben",
    "lehrer",
    "leitung",
    "lernen",
    "leser",
    "leute",
    "licht",
    "liste",
    "literatur",
    "markt",
    "material",
    "medien",
    "mensch",
    "methode",
    "mitglied",
    "mittel",
    "modell",
    "museum",
    "musik",
    "nachbar",
    "name",
    "netz",
    "netzwerk",
    "objekt",
    "papier",
    "person",
    "plakat",
    "plan",
    "platz",
    "politik",
    "praxis",
    "preis",
    "programm",
    "projekt",
    "provenienz",
    "prozess",
    "publikum",
    "pädagogik",
    "quelle",
    "rahmen",
    "raum",
    "recherche",
    "recht",
    "rede",
    "regel",
    "reise",
    "richtung",
    "runde",
    "sache",
    "sammeln",
    "sammlung",
    "schreiben",
    "schule",
    "seite",
    "seminar",
    "spiel",
    "spielen",
    "sprache",
    "stadt",
    "stelle",
    "stimme",
    "strategie",
    "straße",
    "student",
    "studie",
    "stunde",
    "stück",
    "suche",
    "system",
    "tasten",
    "team",
    "technik",
    "teil",
    "text",
    "theater",
    "thema",
    "transfer",
    "treffen",
    "unterricht",
    "veranstaltung",
    "verein",
    "vermittler",
    "vermittlung",
    "verwaltung",
    "viertel",
    "vortrag",
    "wand",
    "welt",
    "werk",
    "werkstatt",
    "wert",
    "wissen",
    "wissenschaft",
    "woche",
    "wort",
    "zeit",
    "zeitung",
    "zentrum",
    "ziel",
    "zugang",
    "zukunft",
    "öffentlichkeit",
];

fn is_part(lemma: &str) -> bool {
    lemma.chars().count() >= MIN_PART && PARTS.binary_search(&lemma).is_ok()
}

/// Base form of a head written as `head` (a listed word, possibly inflected).
fn head_lemma(head: &str) -> Option<&str> {
    if is_part(head) {
        return Some(head);
    }
    INFLECTIONS.iter().find_map(|end| head.strip_suffix(end).filter(|b| is_part(b)))
}

/// Base forms of the modifier written as `m`, pushed to `out`; false if `m` is none.
fn modifier_lemmas(m: &str, out: &mut Vec<String>, depth: usize) -> bool {
    if is_part(m) {
        out.push(m.to_owned());
        return true;
    }
    for link in LINKS {
        if let Some(base) = m.strip_suffix(link).filter(|b| is_part(b)) {
            out.push(base.to_owned());
            return true;
        }
    }
    for end in ELIDED {
        let full = format!("{m}{end}");
        if is_part(&full) {
            out.push(full);
            return true;
        }
    }
    // A compound modifier ("Kulturvermittlungs-"), with or without its linking element.
    if depth + 1 < MAX_PARTS {
        for base in std::iter::once(m).chain(LINKS.iter().filter_map(|l| m.strip_suffix(l))) {
            let mark = out.len();
            if split_lower(base, out, depth + 1) {
                return true;
            }
            out.truncate(mark);
        }
    }
    false
}

/// Splits a lowercase word into base forms of its parts (appended to `out`).
fn split_lower(lower: &str, out: &mut Vec<String>, depth: usize) -> bool {
    let n = lower.chars().count();
    if n < 2 * MIN_PART {
        return false;
    }
    // Heads from the longest to the shortest; modifiers of at least MIN_PART letters.
    for (chars, (at, _)) in lower.char_indices().enumerate() {
        if chars < MIN_PART {
            continue;
        }
        if n - chars < MIN_PART {
            break;
        }
        let (m, head) = lower.split_at(at);
        let Some(head) = head_lemma(head) else { continue };
        let mark = out.len();
        if modifier_lemmas(m, out, depth) {
            out.push(head.to_owned());
            return true;
        }
        out.truncate(mark);
    }
    false
}

/// The Snowball stems of the parts of the German compound `lower` (a lowercased word), or
/// `None` when it is not split (see the module docs). Pure; memoised by the lexicon.
pub(crate) fn compound_parts_uncached(lower: &str, lang: Lang) -> Option<Vec<String>> {
    if lang != Lang::De
        || lower.chars().count() < MIN_WORD
        || !lower.chars().all(char::is_alphabetic)
    {
        return None;
    }
    let mut parts = Vec::new();
    if !split_lower(lower, &mut parts, 0) || parts.len() < 2 {
        return None;
    }
    let head = parts.len() - 1;
    // The head as written keeps its inflection out of the stem the same way the whole word
    // would: stem the head's written form, the modifiers' base forms.
    let written_head = &lower[lower.len() - tail_len(lower, &parts[head])..];
    Some(
        parts
            .iter()
            .enumerate()
            .map(|(i, p)| stem_uncached(if i == head { written_head } else { p }, lang))
            .collect(),
    )
}

/// Byte length of the head as written at the end of `lower`, given its base form `lemma`.
fn tail_len(lower: &str, lemma: &str) -> usize {
    // The head is `lemma` plus at most one inflection ending.
    for end in std::iter::once("").chain(INFLECTIONS.iter().copied()) {
        if lower.ends_with(&format!("{lemma}{end}")) {
            return lemma.len() + end.len();
        }
    }
    lemma.len()
}

/// Stems of the parts of a German noun compound, or `None` if `word` is not split.
///
/// "Wissenstransfer" → `["wiss", "transf"]`, the stems of "Wissen" and "Transfer", so a
/// compound meets its parts written apart ("Transfer von Wissen"). English words are never
/// split. See the module docs of `compound.rs` for the rules; memoised per word.
#[must_use]
pub fn compound_parts(word: &str, lang: Lang) -> Option<Vec<String>> {
    crate::lexicon::with_lexicon(|lex| {
        lex.entry(word).parts(lang).map(|p| p.iter().map(ToString::to_string).collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::stem;

    fn stems(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| stem(w, Lang::De)).collect()
    }

    #[test]
    fn the_list_is_sorted_lowercase_and_unique() {
        for pair in PARTS.windows(2) {
            assert!(pair[0] < pair[1], "{pair:?}");
        }
        assert!(PARTS.iter().all(|p| p.chars().all(char::is_lowercase)));
    }

    #[test]
    fn hard_splits() {
        for (word, parts) in [
            ("Wissenstransfer", &["Wissen", "Transfer"][..]),
            ("Wissenstransfers", &["Wissen", "Transfer"]),
            ("Kulturvermittlung", &["Kultur", "Vermittlung"]),
            ("Besucherforschung", &["Besucher", "Forschung"]),
            ("Museumspädagogik", &["Museum", "Pädagogik"]),
            ("Sammlungsstrategie", &["Sammlung", "Strategie"]),
            ("Gegenwartssammeln", &["Gegenwart", "Sammeln"]),
            ("Objektbiografie", &["Objekt", "Biografie"]),
            ("Alternativtexte", &["Alternative", "Text"]),
            ("Schulprojekt", &["Schule", "Projekt"]),
            ("Kinderbuch", &["Kinder", "Buch"]),
            ("Kulturvermittlungsprogramm", &["Kultur", "Vermittlung", "Programm"]),
            // A transparent compound: split, and at the right place (not "Abends" + "tunde").
            ("Abendstunde", &["Abend", "Stunde"]),
        ] {
            assert_eq!(compound_parts(word, Lang::De), Some(stems(parts)), "{word}");
        }
    }

    #[test]
    fn non_splits() {
        for word in [
            "Verantwortung",
            "Bedeutung",
            "Geschichte",
            "Gesellschaft",
            "Wissenschaft",
            "Öffentlichkeit",
            "Hartmann",
            "Kowalczyk",
            "Lindenau",
            "Museum",
            "Wissen",
            "Haustür",
            "Stadtrat",
            "Web-Archiv",
            "Archiv2020",
            "",
        ] {
            assert_eq!(compound_parts(word, Lang::De), None, "{word}");
        }
        assert_eq!(compound_parts("Wissenstransfer", Lang::En), None);
    }

    #[test]
    fn parts_meet_the_words_written_apart() {
        let apart = crate::content_stems("Transfer von Wissen", Lang::De);
        let mut parts = compound_parts("Wissenstransfer", Lang::De).unwrap();
        parts.reverse();
        assert_eq!(parts, apart);
    }
}
