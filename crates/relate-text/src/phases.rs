//! Cues for how far a conversation has got in building knowledge together, after the five
//! phases of Gunawardena, Lowe & Anderson's interaction analysis model (1997): sharing,
//! dissonance, negotiation, testing, agreement and application (docs/measures.md, "Where a
//! conversation got to"). A **heuristic**: phrase lists for what the discourse acts
//! ([`crate::acts`]) and acknowledgements ([`crate::acknowledgements`]) do not already say;
//! the analysis (`relate_analysis::phases`) combines them with acts, uptake and learning
//! moments, and only it knows what a text replies to.
//!
//! Phrase syntax as in `ack.rs` (whole words, case-insensitive, `a|b` alternatives, `[a]`
//! optional, `^` sentence start, `$` nothing after). All lists are our own curation for relate
//! (from common usage in German and English comments). Lines quoted from someone else (`> `)
//! are not the author's words and are not read.
//!
//! * **dissonance** (II): a contrast opening a sentence ("However", "Allerdings"), "Aber"/"But"
//!   opening a challenging question ("Aber wer entscheidet …?"), "on the other hand", "the
//!   problem is", "das passt nicht zusammen", "who pays?", "in fairness".
//! * **negotiation** (III): a synthesis or compromise ("vielleicht beides", "beide recht", "a bit
//!   of both", "Kompromiss", "middle ground"), a reformulation ("in other words", "anders
//!   gesagt", "wenn ich Sie richtig verstehe", a sentence opening "So:"/"Also:"), working on
//!   what a term means ("doesn't mean", "was der Begriff meint", "in the sense of").
//! * **testing** (IV): experience and trial ("in my experience", "meiner Erfahrung nach",
//!   "bei uns hat sich gezeigt", "ausprobiert", "we tried", "it turned out"), counting ("we
//!   counted", "die Zahlen zeigen").
//! * **agreement and application** (V): saying one's knowledge or view changed ("hadn't
//!   thought", "wusste ich nicht", "new to me", "TIL", "I stand corrected", "hat mich
//!   überzeugt", "changes how we"), applying it ("I'll try that", "das werde ich ausprobieren",
//!   "das probieren wir aus"), summing up ("to sum up", "zusammengefasst", "was wir gelernt
//!   haben"). Plain thanks and "good point" are not here: they are as often politeness as
//!   learning; nor is "from now on", which announcements use as often as lessons.
//!
//! Known limits: no cue is read in context, so "in my experience" in a reply that only
//! shares is *testing*, and irony ("Now I see why nobody comes") counts as meant.

use std::fmt;
use std::sync::LazyLock;

use crate::ack::{self, AckKind, Tokens, longest_matches};

/// A phase of knowledge construction (Gunawardena, Lowe & Anderson 1997), I to V.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// I: sharing and comparing information (statements, agreement, questions).
    Sharing = 1,
    /// II: discovering dissonance or inconsistency (disagreement, challenges).
    Dissonance = 2,
    /// III: negotiating meaning, co-constructing (synthesis, compromise, reformulation).
    Negotiation = 3,
    /// IV: testing against experience, data or sources.
    Testing = 4,
    /// V: agreement statements and applications of what was built (acknowledged learning).
    Agreement = 5,
}

impl Phase {
    /// Every phase, I to V.
    pub const ALL: [Phase; 5] =
        [Phase::Sharing, Phase::Dissonance, Phase::Negotiation, Phase::Testing, Phase::Agreement];

    /// The phase's name in reports (`sharing`, `dissonance`, ...).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Phase::Sharing => "sharing",
            Phase::Dissonance => "dissonance",
            Phase::Negotiation => "negotiation",
            Phase::Testing => "testing",
            Phase::Agreement => "agreement",
        }
    }

    /// 1 to 5, as in the hand codes.
    #[must_use]
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The phase numbered `n` (1 to 5).
    #[must_use]
    pub fn from_number(n: u8) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.number() == n)
    }

    /// The roman numeral of the model (`I` to `V`).
    #[must_use]
    pub fn roman(self) -> &'static str {
        ["I", "II", "III", "IV", "V"][usize::from(self.number() - 1)]
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.roman(), self.name())
    }
}

/// A phrase that points to a phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseCue {
    /// The phase it points to (never [`Phase::Sharing`], which needs no cue).
    pub phase: Phase,
    /// The matched words as written.
    pub text: String,
    /// Byte offset of the match.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
}

// ---------------------------------------------------------------------------------------------
// Phrase lists (own curation). Syntax as in `ack.rs`.

/// II: contrast and challenge that the disagreement act does not cover.
const DISSONANCE: &[&str] = &[
    "^however|jedoch|allerdings",
    "^aber wer|was|wie|warum|wieso|weshalb|wozu|ist|sind|wäre|wären|müsste|müssten|sollte|sollten|gibt|hat|haben|kann|können",
    "^but who|what|why|how|isn't|aren't|doesn't|don't|wouldn't|shouldn't|surely|then|where",
    "on the other hand",
    "andererseits",
    "auf der anderen seite",
    "the problem|trouble|catch is|with",
    "das problem ist|dabei|daran",
    "der haken ist|dabei|daran",
    "doesn't add up",
    "does not add up",
    "passt nicht zusammen",
    "widerspricht|widersprechen|widerspruch",
    "contradicts|contradiction|inconsistent",
    "who pays",
    "wer zahlt|bezahlt",
    "in fairness",
    "to be fair",
    "ich bin mir [da] nicht sicher",
    "bin mir [da] nicht so sicher",
];

/// III: synthesis, compromise, reformulation, meaning.
const NEGOTIATION: &[&str] = &[
    "vielleicht beides",
    "beides stimmt",
    "beides richtig|gleichzeitig|zugleich",
    "beide recht",
    "von beidem",
    "both are|were right|true",
    "you're both right",
    "you are both right",
    "a bit|little of both",
    "a mix of both",
    "both at once",
    "kompromiss|compromise|mittelweg",
    "middle ground|way",
    "meet halfway",
    "meet in the middle",
    "in other words",
    "mit anderen worten",
    "anders gesagt|formuliert|ausgedrückt",
    "to put it another way",
    "so you mean",
    "so you're saying",
    "also meinen sie|meinst du",
    "wenn ich sie|dich|euch richtig verstehe",
    "if i understand|read you [correctly|right]",
    "doesn't mean",
    "does not mean",
    "heißt [ja|doch] [noch] nicht",
    "bedeutet [ja|doch] nicht",
    "what the term|word means|meant",
    "was der begriff|ausdruck meint|bedeutet",
    "was das wort meint|bedeutet",
    "in the sense of|that",
    "im sinne von",
    "by that i mean",
    "damit meine ich",
    "what i mean|meant is",
    "was ich meine|meinte",
    "building on",
    "daran anknüpfend",
];

/// IV: testing against experience, trial or data.
const TESTING: &[&str] = &[
    "in|from my|our experience",
    "from experience",
    "meiner|unserer erfahrung nach",
    "nach meiner|unserer erfahrung",
    "aus [eigener|meiner|unserer] erfahrung",
    "erfahrungsgemäß",
    "hat|haben sich [bei] [uns] [schon] gezeigt|bewährt|herausgestellt",
    "stellte sich heraus",
    "it|this|that turned|turns out",
    "has|have turned out",
    "we|i found that",
    "we've|i've found",
    "wir haben festgestellt|gemerkt|beobachtet",
    "ich habe festgestellt|gemerkt|beobachtet",
    "ausprobiert",
    "getestet",
    "we|i tried|tested|trialled|piloted",
    "we've|i've tried|tested|trialled|piloted",
    "did the same",
    "have done it|this|that for years",
    "machen das seit",
    "we|i counted|measured",
    "wir haben gezählt|gemessen",
    "the numbers|figures|data show|shows|showed",
    "die zahlen zeigen|zeigten",
    "worked for us",
    "didn't work for us",
    "hat bei uns [gut|nicht] funktioniert|geklappt",
];

/// V: knowledge or view changed, applied, summed up.
const AGREEMENT: &[&str] = &[
    // changed knowledge or view
    "hadn't|never thought of|about",
    "had not thought of|about",
    "hadn't|never considered",
    "had not considered",
    "didn't know",
    "did not know",
    "never knew",
    "had no idea",
    "new to me",
    "^til",
    "today i learned|learnt",
    "learned|learnt something",
    "i stand corrected",
    "i was wrong",
    "you've convinced me|us",
    "you have convinced me|us",
    "you convinced me|us",
    "now i see|understand",
    "that explains",
    "changes|changed how i|we",
    "changed my mind|view",
    "gar|nie|nicht auf die idee gekommen",
    "bin|wäre ich [noch] [gar|überhaupt] nicht|nie gekommen",
    "daran|dran|darüber hatte|habe|hab ich [noch] [gar|überhaupt] nicht|nie gedacht",
    "wusste ich [noch] [gar|überhaupt] nicht",
    "wussten wir [noch] [gar|überhaupt] nicht",
    "kannte|kannten ich|wir [noch] [gar|überhaupt] nicht",
    "war mir|uns [noch] [gar|überhaupt] nicht bewusst|klar",
    "neu für mich|uns",
    "für mich|uns neu",
    "war|ist mir|uns [völlig|ganz] neu",
    "etwas|was|viel|einiges [neues] gelernt|dazugelernt",
    "dazugelernt",
    "hat mich|uns überzeugt",
    "jetzt verstehe|versteh ich",
    "da lag ich falsch",
    "ich lag falsch",
    "sehe ich jetzt anders",
    "[gar|überhaupt] nicht auf dem schirm",
    "useful|helpful|important|valuable distinction",
    "never framed",
    "wouldn't have known|thought of",
    "would not have known|thought of",
    "i|we should have caught|spotted|noticed|known|checked",
    // crediting someone for what was learned
    "was your suggestion|idea|tip|advice",
    "your suggestion|idea|tip|advice after all",
    "ohne ihren|deinen|euren|ihre|deine|eure anstoß|anstoss|hinweis|tipp|vorschlag|anregung|idee|hilfe",
    "dank ihrem|deinem|eurem|ihrer|deiner|eurer hinweis|tipp|anstoß|anstoss|anregung|idee|hilfe",
    // applying it
    "i'll|we'll try that|this|it",
    "i|we will try that|this|it",
    "i'm|we're stealing that|this",
    "werde|werden ich|wir [das] ausprobieren",
    "das probiere ich|probieren wir [aus]",
    // summing up
    "to sum up",
    "summing up",
    "in summary",
    "zusammengefasst",
    "zusammenfassend",
    "wir sind uns einig",
    "we all agree",
    "so we agree",
    "what we|i learned|learnt",
    "was wir|ich gelernt haben|habe",
    "wir haben gelernt",
    "we've learned|learnt",
    "we have learned|learnt",
];

static LISTS: LazyLock<ack::PatternSet<Phase>> = LazyLock::new(|| {
    ack::PatternSet::new(&[
        (Phase::Dissonance, DISSONANCE),
        (Phase::Negotiation, NEGOTIATION),
        (Phase::Testing, TESTING),
        (Phase::Agreement, AGREEMENT),
    ])
});

/// `text` with the lines quoted from someone else (`> `) blanked out, offsets kept.
fn own_words(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('>') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('>') {
            // one ASCII character per byte: offsets into the result are offsets into `text`
            out.extend(line.bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }));
        } else {
            out.push_str(line);
        }
    }
    out.into()
}

/// The phase cues in `text` (German and English alike), in order of position, without
/// overlaps (the longest match at a position wins). Negated forms do not count ("kein
/// Kompromiss", "not new to me").
///
/// ```
/// use relate_text::{Phase, phase_cues};
///
/// let cues = phase_cues("Vielleicht beides? In my experience the quiet corner works.");
/// let phases: Vec<Phase> = cues.iter().map(|c| c.phase).collect();
/// assert_eq!(phases, [Phase::Negotiation, Phase::Testing]);
/// assert_eq!(cues[1].text, "In my experience");
/// ```
#[must_use]
pub fn phase_cues(text: &str) -> Vec<PhaseCue> {
    let own = own_words(text);
    let t = Tokens::new(&own);
    let lists = &*LISTS;
    let longest = |ti: usize| {
        let mut best: Option<(usize, Phase)> = None;
        for (phase, p) in lists.starting_with(t.word(ti)) {
            let Some(end) = p.match_at(&t, ti) else { continue };
            if best.is_none_or(|(b, bp)| end > b || (end == b && *phase > bp)) {
                best = Some((end, *phase));
            }
        }
        // a sentence opening "So:" or "Also:" restates what was said
        if best.is_none()
            && t.toks[ti].sentence_start
            && matches!(t.word(ti), "so" | "also")
            && own[t.toks[ti].end..].starts_with(':')
        {
            best = Some((ti + 1, Phase::Negotiation));
        }
        best
    };
    longest_matches(&t, longest, |_, first, end| !t.negated(AckKind::Learning, first, end))
        .into_iter()
        .map(|(phase, range)| PhaseCue {
            phase,
            text: text[range.clone()].to_owned(),
            start: range.start,
            end: range.end,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phases(text: &str) -> Vec<Phase> {
        phase_cues(text).iter().map(|c| c.phase).collect()
    }

    #[test]
    fn lists_parse() {
        for (_, p) in &LISTS.patterns {
            assert!(p.first_words().next().is_some());
        }
        for list in [DISSONANCE, NEGOTIATION, TESTING, AGREEMENT] {
            for src in list {
                assert_eq!(*src, src.to_lowercase(), "{src}");
                // an optional word is one word: "[bei uns]" would be two broken slots
                for tok in src.split_whitespace() {
                    assert_eq!(tok.starts_with('['), tok.ends_with(']'), "{src}");
                }
            }
        }
    }

    #[test]
    fn numbers_and_names() {
        for p in Phase::ALL {
            assert_eq!(Phase::from_number(p.number()), Some(p));
        }
        assert_eq!(Phase::from_number(0), None);
        assert_eq!(Phase::Testing.to_string(), "IV testing");
        assert!(Phase::Dissonance < Phase::Agreement);
    }

    #[test]
    fn dissonance() {
        for t in [
            "Schöner Plan. Aber wer räumt hinterher auf?",
            "However, the room is booked on Mondays.",
            "Allerdings kostet das Personal.",
            "On the other hand, nobody reads long labels.",
            "The problem is the stairs.",
            "Das passt nicht zusammen mit dem, was im Flyer steht.",
            "And who pays for the extra hours?",
        ] {
            assert_eq!(phases(t), [Phase::Dissonance], "{t}");
        }
        // a plain "aber" is a contrast, not a challenge
        assert!(phases("Heute leider nicht, aber am Montag.").is_empty());
        assert!(phases("Aber am Montag gern.").is_empty());
    }

    #[test]
    fn negotiation() {
        for t in [
            "Vielleicht beides: erst die Zone, dann die Uhrzeit.",
            "Dann hatten ja beide recht.",
            "A bit of both, I think.",
            "Ein Kompromiss wäre ein Tag pro Monat.",
            "In other words, the visitors write the labels.",
            "Wenn ich Sie richtig verstehe, geht es um die Auswahl.",
            "Sharing authority doesn't mean giving up the archive.",
            "So: shorter texts, and a reading group to check them?",
        ] {
            assert_eq!(phases(t), [Phase::Negotiation], "{t}");
        }
        assert!(phases("Kein Kompromiss bei der Sicherheit.").is_empty());
        assert!(phases("So we went home.").is_empty());
    }

    #[test]
    fn testing() {
        for t in [
            "In my experience the evening slots fill first.",
            "Meiner Erfahrung nach kommen Familien eher sonntags.",
            "Bei uns hat sich gezeigt, dass kurze Texte reichen.",
            "Wir haben das letztes Jahr ausprobiert.",
            "We tried a later start in 2024 and it filled up.",
            "It turned out that nobody used the lockers.",
            "We counted 300 visitors that night.",
        ] {
            assert_eq!(phases(t), [Phase::Testing], "{t}");
        }
    }

    #[test]
    fn agreement_and_application() {
        for t in [
            "Ah, I hadn't thought of the bus times.",
            "Das wusste ich nicht.",
            "That's new to me.",
            "TIL about pattern books.",
            "I stand corrected.",
            "Das hat mich überzeugt.",
            "I'll try that next term.",
            "Das werde ich ausprobieren!",
            "To sum up: quieter mornings, louder evenings.",
            "Was wir gelernt haben: Zettel schlagen Stuhlkreise.",
        ] {
            assert_eq!(phases(t), [Phase::Agreement], "{t}");
        }
        // politeness is not learning, and negation cancels
        for t in ["Good point, thanks!", "Danke für den Hinweis.", "Das ist nicht neu für mich."]
        {
            assert!(phases(t).is_empty(), "{t}: {:?}", phase_cues(t));
        }
    }

    #[test]
    fn quoted_lines_are_not_the_authors() {
        let t = "> In my experience nobody reads them.\n\nThen we print fewer.";
        assert!(phases(t).is_empty());
        let t = "> quoted\nDas wusste ich nicht.";
        let cues = phase_cues(t);
        assert_eq!(cues.len(), 1);
        assert_eq!(&t[cues[0].start..cues[0].end], "wusste ich nicht");
    }
}
