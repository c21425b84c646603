//! Discourse acts a text performs on its own, in German and English: question,
//! acknowledgement, agreement, disagreement, suggestion and source shared (docs/measures.md,
//! "Discourse acts"). The seventh act, *answer*, depends on what the text replies to and is
//! set by the analysis (`relate_analysis::acts`), never here.
//!
//! Rule-based and transparent: phrase lists in the syntax of `ack.rs` (whole words,
//! case-insensitive, `a|b` alternatives, `[a]` optional, `^` sentence start, `$` nothing
//! after), plus a few rules over sentences. Lines quoted from someone else (forum `> ` lines)
//! are left out; links are read for *source* and then left out, so a `?` in a URL asks
//! nothing. All lists are our own curation for relate (from common usage in German and
//! English comments), MIT/Apache like the rest of the crate.
//!
//! * **question**: a sentence ending in `?` — unless it is a rhetorical formula ("Wer hätte
//!   das gedacht?", "why not?") or a proposal or request in question form ("Vielleicht wäre
//!   das ein Weg?", "How about …?", "Könnten Sie …?", "Could you …?": those are
//!   *suggestions*); a sentence without final punctuation that opens like a question ("Wo
//!   ist das", "Gibt es das auch", "what's the", "is it …"); indirect questions ("ich frage
//!   mich", "weiß jemand", "I wonder if", "does anyone know"). "Wer hätte das gedacht!" is an
//!   exclamation, not a question.
//! * **acknowledgement**: learning, thanks or appreciation as [`crate::acknowledgements`]
//!   finds them (so "nein danke" and "not a good point" are not), a few more ("didn't know
//!   that", "hadn't considered", "war uns nicht bewusst", "way to put it", 👍 🙏 👏), and
//!   crediting someone ("ohne Ihren Hinweis", "that was your suggestion"). Ironic thanks
//!   ("thanks for nothing", "na danke") are not.
//! * **agreement**: the agreement phrases of [`crate::acknowledgements`] ("da haben Sie
//!   recht", "stimmt", "genau", "I agree", "exactly") and more ("good point", "fair enough",
//!   "+1", "love it", "absolutely", "ganz meiner Meinung"), also accepting a suggestion
//!   ("great idea", "machen wir", "ist notiert", "we'll …"); negated forms do not count.
//! * **disagreement**: explicit phrases ("ich sehe das anders", "widersprechen", "stimmt
//!   nicht", "Korrektur", "I disagree", "not sure that", "push back", "on the contrary"); a
//!   sentence opening "Nein"/"No"; a correction ", nicht 12" / ", not Market Square"; a
//!   clause-final ", though"; "aber/but/however/jedoch/allerdings" opening a clause **after**
//!   thanks, praise, a yes or an agreement ("Danke, aber …", "Schön, dass … Aber …", "you're
//!   right, but") — a plain contrast ("klein, aber fein", "heute leider nicht, aber am
//!   Montag", "aber nicht allein") is not; and irony: thanks for nothing, an eye-roll 🙄 😒,
//!   praise of an idea followed by a bare restatement of it ("Great idea, a library with no
//!   books."). Irony cancels the praise's acknowledgement and agreement.
//! * **suggestion**: proposals and requests ("wie wäre es", "könnten Sie", "Sie könnten",
//!   "sollte man", "ich schlage vor", "mein Tipp", "wäre schön", "bitte …", "Vielleicht …" at
//!   a sentence start, "Vorsicht", a formal imperative "Prüfen Sie …", "Mehr …!"; "why not
//!   …", "you could", "how about", "I suggest", "worth adding", "have you thought about",
//!   "please", "would love a", an imperative opening a sentence: "Call it …", "Just put …";
//!   "should"/"sollte" outside a question, not looking back: "we should have").
//! * **source**: a URL, `www.` or DOI; a work cited: a quoted title with a year or publisher in brackets or
//!   after a comma (`„…“ (Kustos Verlag, 2021)`, `"…" (1979)`, `(„…“, 2023)`), a quoted title
//!   after an author (`Hilda Crane, "…"`, `Frances Oduya's "…"`) or after "Buch", "Artikel",
//!   "book", "article", …; page and chapter references ("S. 211", "p. 12", "chapter 3");
//!   citation markers ("Quelle:", "Literatur:", "Source:", "vgl.", "in: Title", ISBN);
//!   archive signatures ("Bestand K 4", "(Stadtarchiv, F 12/3)").
//!
//! A link in promotional text ("followers", "bonus", "promotion", "seo", "buy", …) is spam:
//! such a text performs no act at all.
//!
//! Known limits: irony beyond these signals, rhetorical questions answered by their author
//! ("Wie viele mehr? Null."), disagreement without a marker ("The shelves stay."), and works
//! named without a title, author or signature ("the 1869 town map") are not seen.

use std::fmt;
use std::sync::LazyLock;

use crate::ack::{self, AckKind, Tokens};

/// One discourse act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Act {
    /// Asks something.
    Question,
    /// Gives what a question asked for (set by the analysis, from the replied-to item).
    Answer,
    /// Thanks, appreciation, acknowledging learning, crediting someone.
    Acknowledgement,
    /// Agrees with or accepts something said.
    Agreement,
    /// Disagrees, objects, corrects, mocks.
    Disagreement,
    /// Proposes something to do or consider, or requests it.
    Suggestion,
    /// Points to a reference: a link, a DOI, a work cited, an archive record.
    Source,
}

impl Act {
    /// Every act, in the order of [`Acts::iter`].
    pub const ALL: [Act; 7] = [
        Act::Question,
        Act::Answer,
        Act::Acknowledgement,
        Act::Agreement,
        Act::Disagreement,
        Act::Suggestion,
        Act::Source,
    ];

    /// The act's name in reports and hand codes (`question`, `answer`, ...).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Act::Question => "question",
            Act::Answer => "answer",
            Act::Acknowledgement => "acknowledgement",
            Act::Agreement => "agreement",
            Act::Disagreement => "disagreement",
            Act::Suggestion => "suggestion",
            Act::Source => "source",
        }
    }

    /// The act of a name as [`Act::name`] writes it.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Act> {
        Act::ALL.into_iter().find(|a| a.name() == name)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// Whether `text` performs this act: `acts(text).contains(self)`, but for a question only
    /// its own rules and the spam check run (an analysis that wants only questions need not
    /// pay for the rest).
    ///
    /// ```
    /// use relate_text::Act;
    ///
    /// assert!(Act::Question.is_performed_by("Wo ist das Depot?"));
    /// assert!(!Act::Question.is_performed_by("Wer hätte das gedacht?"));
    /// ```
    #[must_use]
    pub fn is_performed_by(self, text: &str) -> bool {
        match self {
            Act::Question => asks(text),
            act => acts(text).contains(act),
        }
    }
}

/// A set of [`Act`]s (a bitset: one byte).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Acts(u8);

impl Acts {
    /// No act.
    pub const NONE: Acts = Acts(0);

    #[must_use]
    pub fn contains(self, act: Act) -> bool {
        self.0 & act.bit() != 0
    }

    pub fn insert(&mut self, act: Act) {
        self.0 |= act.bit();
    }

    pub fn remove(&mut self, act: Act) {
        self.0 &= !act.bit();
    }

    #[must_use]
    pub fn with(mut self, act: Act) -> Acts {
        self.insert(act);
        self
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The acts in the order of [`Act::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Act> {
        Act::ALL.into_iter().filter(move |a| self.contains(*a))
    }

    /// The acts' names, in the order of [`Act::ALL`].
    #[must_use]
    pub fn names(self) -> Vec<&'static str> {
        self.iter().map(Act::name).collect()
    }
}

impl fmt::Display for Acts {
    /// Names joined by `;`, as in the hand codes (`question;suggestion`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.names().join(";"))
    }
}

// ---------------------------------------------------------------------------------------------
// Phrase lists (own curation). Syntax as in `ack.rs`.

/// Indirect questions, counted without a `?`.
const ASK: &[&str] = &[
    "ich frage mich",
    "wir fragen uns",
    "^weiß|weiss|wisst jemand|ihr",
    "^kennt jemand",
    "^hat jemand",
    "kann|könnte mir jemand sagen|erklären",
    "würde mich interessieren",
    "ich würde gern|gerne wissen",
    "i wonder|wondered|wondering",
    "^does|do anyone|anybody know",
    "^anyone|anybody know",
    "can|could someone|anyone tell|explain",
    "i'd like to know",
    "i would like to know",
    "i'm curious whether|if|how|why|what",
];

/// Acknowledgements beyond `ack.rs`: learning, appreciation and crediting.
const ACKNOWLEDGE: &[&str] = &[
    "didn't know that|this",
    "did not know that|this",
    "hadn't|never considered",
    "hadn't|never thought about|of",
    "had not thought about|of",
    "daran|darauf|dran hatte ich [noch] [gar|überhaupt] nicht|nie gedacht",
    "gefällt mir",
    "i like that|this",
    "useful|helpful|valuable distinction|perspective|reminder|insight",
    "toller|schöner|guter|treffender|spannender|super begriff|ausdruck",
    "great|good|lovely|useful term|word",
    "war|wäre uns [noch] [gar|überhaupt] nicht bewusst|klar",
    "wussten|kannten wir [noch] [gar|überhaupt] nicht",
    "way to put it|this|that",
    "way of putting it|this|that",
    "i'm stealing that|this",
    "i'll steal that|this",
    "with credit",
    "^respect|respekt|kudos|chapeau|bravo",
    "hut ab",
    "ohne ihren|deinen|euren|ihre|deine|eure|ihr|dein|euer hinweis|hinweise|anstoß|anstoss|anregung|idee|vorschlag|tipp|hilfe|klasse|kommentar",
    "dank ihrem|deinem|eurem|ihrer|deiner|eurer|ihres|deines hinweis|hinweises|anregung|idee|hilfe|tipp|tipps",
    "ihr|dein|euer hinweis|vorschlag|tipp|anstoß|anstoss hat|war",
    "war ihre|deine|eure idee|anregung",
    "thanks to you|your",
    "was your suggestion|idea|tip|advice",
    "your suggestion|idea|tip|advice after all",
];

/// Agreement beyond `ack.rs`, including accepting a suggestion.
const AGREE: &[&str] = &[
    "good|fair|great|valid point",
    "guter|berechtigter punkt",
    "guten|berechtigten punkt",
    "völlig|ganz|absolut in ordnung",
    "gute|tolle|wertvolle anregung",
    "you have a point",
    "da ist was dran",
    "^fair$",
    "^fair enough",
    "^true$",
    "^absolutely|definitely|indeed",
    "^yes|yeah|ja exactly|genau|absolutely|definitely",
    "^love|like it|this|that",
    "^love the plan|idea",
    "i like|love that|this|it",
    "great|good|brilliant|lovely|excellent idea",
    "gute|tolle|schöne|großartige|super|klasse idee",
    "ganz|völlig deiner|ihrer|eurer|meiner meinung",
    "bin ich ganz bei dir|ihnen|euch",
    "kann ich nur zustimmen",
    "dem kann ich nur zustimmen",
    "da bin ich dabei",
    "me too",
    "same here",
    "geht mir auch so",
    "^genau darum|das|so",
    "das nehmen|probieren|machen|übernehmen wir",
    "machen wir",
    "probieren wir",
    "nehmen wir mit",
    "ist|wird notiert|vorgemerkt",
    "ist notiert",
    "^noted",
    "will do",
    "we'll do|add|try|print|keep|budget|take|put|use|include|make|write",
    "we will do|add|try|print|keep|budget|take|put|use|include|make|write",
    "we're adding",
    "^adding",
    "taking it to",
    "i'll take it to",
];

/// Disagreement phrases.
const DISAGREE: &[&str] = &[
    "sehe ich [etwas|ganz|völlig] anders",
    "sehe das [etwas|ganz|völlig] anders",
    "sehe ich [das] nicht so",
    "sehe ich das nicht so",
    "widerspreche|widersprechen",
    "muss ich widersprechen",
    "anderer meinung",
    "bin [da] nicht überzeugt",
    "überzeugt mich nicht",
    "stimmt [so|leider|aber] nicht",
    "das ist [leider] falsch|unsinn|quatsch",
    "nicht [ganz] richtig",
    "^doch$",
    "^typisch|typical$",
    "^quatsch|unsinn|blödsinn",
    "^naja|na ja",
    "bezweifle|bezweifeln",
    "im gegenteil",
    "finde ich nicht$",
    "eher nicht$",
    "i [strongly] disagree",
    "disagree with that|this",
    "don't agree",
    "do not agree",
    "push back",
    "not sure that|this|about|it|if|whether",
    "not convinced",
    "on the contrary",
    "that's not true|right|correct",
    "that is not true|right|correct",
    "that's wrong",
    "that is wrong",
    "not quite",
    "^well actually",
    "^actually",
    "i doubt",
    "for the record",
    "beg to differ",
    "nonsense|rubbish",
];

/// Suggestion phrases.
const SUGGEST: &[&str] = &[
    "wie wäre es",
    "wie wär's|wärs",
    "was haltet ihr von",
    "was hältst du von",
    "was halten sie von",
    "wäre es nicht",
    "sie|ihr|du könnten|könntet|könntest|sollten|solltet|solltest",
    "man könnte|sollte|müsste",
    "wir könnten|sollten",
    "^müsste|müssten|sollte|sollten|könnte|könnten da|man nicht",
    "ich schlage vor",
    "schlage|schlagen ich|wir vor",
    "darf ich vorschlagen",
    "mein|ein|unser vorschlag|tipp|rat",
    "^vorschlag|tipp",
    "ich empfehle",
    "würde|würden empfehlen",
    "empfehlenswert",
    "lohnt sich",
    "es lohnt",
    "wäre|wären [doch|auch|noch|vielleicht|ja|es] schön|gut|besser|toll|hilfreich|sinnvoll|spannend|spannender|interessant|klasse|super|praktisch|wünschenswert",
    "ich wünsche mir",
    "ich würde mir wünschen",
    "würde mich freuen wenn",
    "ich fände es gut|schön|besser|sinnvoll",
    "fände ich gut|schön|besser|sinnvoll",
    "^vorsicht",
    "^aber vorsicht",
    "^achtung",
    "you could",
    "you might|may want|add|try|consider|like",
    "you'd want to",
    "we could",
    "would you consider",
    "^how|what about",
    "i [would] suggest",
    "i'd suggest",
    "can|could|may i suggest",
    "my suggestion",
    "^suggestion",
    "i [would] recommend",
    "i'd recommend",
    "worth adding|considering|comparing|trying|checking|looking|reading|asking",
    "worth a look|try",
    "have you thought about|of",
    "have you considered|tried",
    "^consider",
    "it would be great|good|nice|helpful|better if",
    "would be great|nice|helpful|good|better if|to",
    "would love a|an|more",
    "would love to see",
    "would love it if",
    "i'd love to see",
    "i'd love a|an|more",
    "^careful",
    "^be careful",
    "^don't forget",
    "^make sure",
    "^let's",
    "piece of advice",
    "my advice",
    "^tip",
    "a tip",
    "^kleiner hinweis",
    "^kleine anmerkung",
    "^quick note",
    "one|a request",
    "eine|kleine bitte",
    "mein|unser [eigentlicher|einziger|größter] wunsch",
    "hätten|hättet|hättest sie|ihr|du lust",
    "would you be willing",
    "would you like to",
    "one|a caution",
    "word of caution",
    "^caution",
];

/// Words of promotional spam: links in a text with one of them are not sources.
#[rustfmt::skip]
const PROMO: &[&str] = &[
    "bonus", "buy", "casino", "follower", "followers", "kaufen", "promo", "promotion", "seo",
];

/// Interrogative words that open a direct question when a finite verb follows.
#[rustfmt::skip]
const WH: &[&str] = &[
    "how", "wann", "warum", "was", "weshalb", "what", "when", "where", "which", "who", "why",
    "wie", "wieso", "wo", "woher", "wohin", "womit", "wozu", "welche", "welcher", "welches",
    "welchen", "wer",
];

/// Finite verbs that turn a sentence-initial [`WH`] word or themselves into a question opener.
#[rustfmt::skip]
const FINITE: &[&str] = &[
    "am", "are", "aren't", "can", "can't", "could", "darf", "did", "didn't", "do", "does",
    "doesn't", "don't", "dürfen", "gab", "geht", "gibt", "habt", "haben", "hast", "hat", "hätte",
    "hätten", "is", "isn't", "ist", "kann", "kannst", "kommt", "könnt", "können", "könnte",
    "könnten", "macht", "muss", "müssen", "passiert", "seid", "shall", "should", "sind", "soll",
    "sollen", "war", "waren", "was", "were", "will", "wird", "werden", "would", "wollt", "wollen",
    "won't",
];

/// Subjects that follow a sentence-initial [`FINITE`] verb in a question ("Gibt es", "Is it").
#[rustfmt::skip]
const SUBJECTS: &[&str] = &[
    "anybody", "anyone", "das", "der", "die", "du", "er", "es", "he", "i", "ich", "ihr", "it",
    "jemand", "man", "sie", "she", "someone", "that", "the", "there", "they", "this", "we",
    "wir", "you",
];

/// Contractions of a [`WH`] word with a verb.
const WH_CONTRACTED: &[&str] = &["how's", "what's", "when's", "where's", "who's", "why's"];

/// English verbs that make a sentence-initial imperative a suggestion ("Call it …").
#[rustfmt::skip]
const IMPERATIVES_EN: &[&str] = &[
    "add", "ask", "avoid", "build", "call", "consider", "contact", "include", "invite", "keep",
    "label", "make", "note", "offer", "put", "remember", "try", "use", "write",
];

/// Words skipped before a sentence's first word when looking at how it opens.
#[rustfmt::skip]
const LEAD_INS: &[&str] = &[
    "also", "and", "dann", "doch", "just", "oder", "or", "so", "then", "und",
];

/// Openers that make a following "aber"/"but" a polite objection ("Danke, aber …").
#[rustfmt::skip]
const PRAISE: &[&str] = &[
    "brilliant", "danke", "fair", "gern", "good", "great", "gut", "interessant", "interesting",
    "ja", "klar", "love", "lovely", "nice", "okay", "richtig", "schön", "schöne", "spannend",
    "super", "sure", "thanks", "toll", "tolle", "true", "wonderful", "yeah", "yes",
];

/// Praise of an idea that, followed by a bare restatement, is ironic ("Great idea, a …").
#[rustfmt::skip]
const IRONY_PRAISE: &[&str] = &[
    "brilliant", "fantastic", "genial", "geniale", "good", "great", "großartig", "großartige",
    "klasse", "super", "tolle", "toller", "wonderful",
];

/// Words after that praise which show it is meant: a person, thanks, a plan ("Great idea,
/// we …", "Tolle Idee, danke").
#[rustfmt::skip]
const SINCERE: &[&str] = &[
    "also", "and", "aber", "auch", "but", "danke", "du", "i", "i'll", "i'm", "ich", "ja", "let's",
    "maybe", "thank", "thanks", "uns", "und", "vielleicht", "we", "we'll", "we're", "wir", "yes",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Ask,
    Acknowledge,
    Agree,
    Disagree,
    Suggest,
}

static LISTS: LazyLock<ack::PatternSet<Rule>> = LazyLock::new(|| {
    ack::PatternSet::new(&[
        (Rule::Ask, ASK),
        (Rule::Acknowledge, ACKNOWLEDGE),
        (Rule::Agree, AGREE),
        (Rule::Disagree, DISAGREE),
        (Rule::Suggest, SUGGEST),
    ])
});

// ---------------------------------------------------------------------------------------------
// Text preparation.

/// True for a whitespace-separated token that is a link or DOI.
fn is_link(token: &str) -> bool {
    let t = token.trim_start_matches(['(', '[', '<', '"', '„', '“']);
    let starts = |p: &str| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    starts("http://")
        || starts("https://")
        || starts("www.")
        || starts("doi:")
        || (t.starts_with("10.")
            && t.contains('/')
            && t[3..].starts_with(|c: char| c.is_ascii_digit()))
}

/// The author's own words: lines quoted from someone else (`> `) dropped, links blanked out.
/// Also returns whether a link or DOI was there.
fn own_text(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut linked = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('>') {
            out.push('\n');
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find(|c: char| !c.is_whitespace()) {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let token = &rest[..end];
            if is_link(token) {
                linked = true;
                // keep a sentence end that follows the link ("… https://x.example.")
                let tail = token.trim_end_matches(['.', '!', '?', ',', ';', ':', ')']);
                out.extend(std::iter::repeat_n(' ', tail.len()));
                out.push_str(&token[tail.len()..]);
            } else {
                out.push_str(token);
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
    }
    (out, linked)
}

/// How a sentence ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Question,
    Exclamation,
    /// `.`, `…`, `:` or `;`.
    Stop,
    /// No punctuation: a line break or the end of the text.
    Open,
}

struct Sentence {
    /// Token range.
    first: usize,
    end: usize,
    how: End,
    /// Ends with `:` (what follows belongs to it: "Vielleicht noch: „…“").
    colon: bool,
}

fn sentences(t: &Tokens<'_>) -> Vec<Sentence> {
    let n = t.toks.len();
    let mut out = Vec::new();
    let mut first = 0;
    for i in 0..n {
        if i + 1 == n || t.toks[i + 1].sentence_start {
            let gap_end = if i + 1 == n { t.text.len() } else { t.toks[i + 1].start };
            let gap = &t.text[t.toks[i].end..gap_end];
            let how = if gap.contains('?') {
                End::Question
            } else if gap.contains('!') {
                End::Exclamation
            } else if gap.contains(['.', '…', ':', ';']) {
                End::Stop
            } else {
                End::Open
            };
            let colon = how == End::Stop && gap.trim_start().starts_with(':');
            out.push(Sentence { first, end: i + 1, how, colon });
            first = i + 1;
        }
    }
    out
}

/// True if token `i` opens a clause: a sentence start, or after `,` `;` `–` `—` `(`.
fn clause_start(t: &Tokens<'_>, i: usize) -> bool {
    i == 0
        || t.toks[i].sentence_start
        || t.text[t.toks[i - 1].end..t.toks[i].start].contains([',', ';', '–', '—', '(', ':'])
}

/// The first token of a sentence after lead-ins ("und", "so", "just") and a short opening
/// clause of one or two words ("Oh, could you …", "Hamid, könnten Sie …").
fn opener(t: &Tokens<'_>, s: &Sentence) -> usize {
    let mut i = s.first;
    if let Some(k) = (i + 1..(i + 3).min(s.end)).find(|&k| clause_start(t, k))
        && k + 1 < s.end
    {
        i = k;
    }
    while i + 1 < s.end && LEAD_INS.contains(&t.word(i)) {
        i += 1;
    }
    i
}

fn words_of<'a>(t: &'a Tokens<'_>, s: &Sentence) -> Vec<&'a str> {
    (s.first..s.end).map(|i| t.word(i)).collect()
}

// ---------------------------------------------------------------------------------------------
// Rules over sentences.

/// A `?` sentence that asks nothing: a rhetorical formula.
fn rhetorical(words: &[&str]) -> bool {
    matches!(
        words,
        ["wer", "hätte", "das", "gedacht", ..]
            | ["who", "would", "have", "thought", ..]
            | ["who", "knew"]
            | ["warum", "nicht"]
            | ["wieso", "nicht"]
            | ["why", "not"]
            | ["wer", "weiß"]
            | ["who", "knows"]
            | ["was", "sonst"]
            | ["what", "else"]
    )
}

/// A sentence that proposes or requests rather than asks ("Vielleicht …?", "Could you …?").
fn proposal(t: &Tokens<'_>, s: &Sentence) -> bool {
    let i = opener(t, s);
    let w = |k: usize| if i + k < s.end { t.word(i + k) } else { "" };
    let rest = s.end - i;
    let info = (i..s.end).any(|k| {
        matches!(t.word(k), "sagen" | "erklären" | "verraten" | "tell" | "explain" | "know")
    });
    let tentative = matches!(w(0), "vielleicht" | "maybe" | "perhaps" | "eventuell")
        && (rest >= 3 || (rest == 2 && s.colon));
    let why_not = matches!(
        (w(0), w(1)),
        ("why", "not") | ("warum", "nicht") | ("how", "about") | ("what", "about")
    ) && rest >= 3;
    let wie_waere = w(0) == "wie" && matches!(w(1), "wäre" | "wär's" | "wärs");
    let you = REQUEST_MODALS.contains(&w(0)) && matches!(w(1), "sie" | "ihr" | "du" | "you");
    let we =
        matches!(w(0), "could" | "can" | "shall" | "should" | "könnten" | "sollten" | "können")
            && matches!(w(1), "we" | "wir");
    let may_i = matches!(w(0), "can" | "could" | "may" | "darf")
        && matches!(w(1), "i" | "ich")
        && matches!(w(2), "suggest" | "vorschlagen");
    tentative || why_not || wie_waere || (you && !info) || we || may_i
}

/// Modals that, before "Sie"/"you", make a question a request ("Könnten Sie …?").
#[rustfmt::skip]
const REQUEST_MODALS: &[&str] = &[
    "can", "could", "kannst", "könnt", "können", "könnten", "könntest", "könntet", "will",
    "would", "würden", "würdest", "würdet",
];

/// A sentence without final punctuation that opens like a question.
fn open_question(t: &Tokens<'_>, s: &Sentence) -> bool {
    let i = opener(t, s);
    if i + 1 >= s.end {
        return false;
    }
    let (a, b) = (t.word(i), t.word(i + 1));
    (WH.contains(&a) && FINITE.contains(&b))
        || WH_CONTRACTED.contains(&a)
        || (FINITE.contains(&a) && SUBJECTS.contains(&b) && t.toks[i].sentence_start)
}

/// True if a sentence is ironic praise: "Great idea, a library with no books." (praise of an
/// idea, a comma, then a restatement of three or more words with no person, thanks or plan
/// among its first four).
fn ironic_praise(t: &Tokens<'_>, s: &Sentence) -> bool {
    let i = s.first;
    if i + 2 >= s.end
        || !IRONY_PRAISE.contains(&t.word(i))
        || !matches!(t.word(i + 1), "idea" | "idee" | "plan" | "vorschlag" | "point" | "punkt")
    {
        return false;
    }
    let next = i + 2;
    if !t.text[t.toks[i + 1].end..t.toks[next].start].contains(',') {
        return false;
    }
    let clause_end = (next + 1..s.end).find(|&k| clause_start(t, k)).unwrap_or(s.end);
    clause_end - next >= 3
        && !(next..clause_end.min(next + 4)).any(|k| SINCERE.contains(&t.word(k)))
}

/// "aber"/"but" at token `i` opening a clause after thanks, praise, a yes or agreement
/// (`earlier_positive`), not "aber nicht"/"but not", not followed by agreement.
fn polite_objection(t: &Tokens<'_>, i: usize, agree_at: &[usize]) -> bool {
    let caution = matches!(t.word(i), "caution" | "vorsicht");
    if !caution && !matches!(t.word(i), "aber" | "but" | "however" | "jedoch" | "allerdings") {
        return false;
    }
    if !caution && !clause_start(t, i) {
        return false;
    }
    if i + 1 < t.toks.len() && matches!(t.word(i + 1), "nicht" | "not" | "auch" | "also") {
        return false;
    }
    // the clause it opens agrees ("but you're right that …")
    let clause_end = (i + 1..t.toks.len()).find(|&k| clause_start(t, k)).unwrap_or(t.toks.len());
    if agree_at.iter().any(|&a| a > i && a < clause_end) {
        return false;
    }
    // something positive opens a clause before it
    (0..i).any(|k| clause_start(t, k) && PRAISE.contains(&t.word(k)))
        || agree_at.iter().any(|&a| a < i)
}

// ---------------------------------------------------------------------------------------------
// Sources.

/// A work cited: a quoted title with an author before it, a year or publisher after it, or a
/// word for a work before it; page and chapter references; citation markers; signatures.
fn cites_work(own: &str, t: &Tokens<'_>) -> bool {
    if quoted_title_cited(own) {
        return true;
    }
    let n = t.toks.len();
    for i in 0..n {
        let w = t.word(i);
        let next = |k: usize| if i + k < n { t.word(i + k) } else { "" };
        let gap_after = if i + 1 < n {
            &t.text[t.toks[i].end..t.toks[i + 1].start]
        } else {
            &t.text[t.toks[i].end..]
        };
        let next_is_number = i + 1 < n && t.word(i + 1).starts_with(|c: char| c.is_ascii_digit());
        match w {
            // "S. 211", "p. 12", "pp. 3-9"
            "s" | "p" | "pp"
                if gap_after.trim() == "."
                    && next_is_number
                    && t.text[t.toks[i].start..t.toks[i].end].starts_with(['S', 'p']) =>
            {
                return true;
            }
            "chapter" | "kapitel" | "chap" | "bd" | "vol" if next_is_number => return true,
            "quelle" | "quellen" | "source" | "sources" | "literatur" | "lit" | "references"
                if gap_after.trim_start().starts_with(':') && clause_start(t, i) =>
            {
                return true;
            }
            "vgl" | "cf" if gap_after.starts_with('.') => return true,
            "isbn" | "issn" => return true,
            "in" if gap_after == ": "
                && i + 1 < n
                && t.text[t.toks[i + 1].start..].starts_with(char::is_uppercase) =>
            {
                return true;
            }
            "bestand" | "signatur" | "shelfmark" | "inventarnummer" | "accession"
                if (1..=3).any(|k| next(k).chars().any(|c| c.is_ascii_digit())) =>
            {
                return true;
            }
            _ => {}
        }
    }
    // "(Stadtarchiv, F 12/3)": an archive and a signature in brackets
    let mut rest = own;
    while let Some(open) = rest.find('(') {
        let inner = &rest[open + 1..];
        let inside: String =
            inner.chars().take_while(|&c| c != ')').take(80).collect::<String>().to_lowercase();
        if ["archiv", "archive", "nachlass", "record office"].iter().any(|a| inside.contains(a))
            && inside.chars().any(|c| c.is_ascii_digit())
        {
            return true;
        }
        rest = inner;
    }
    false
}

const OPENING_QUOTES: &[char] = &['"', '„', '“', '«', '»', '‚', '‘', '›', '‹'];
const CLOSING_QUOTES: &[char] = &['"', '“', '”', '«', '»', '‘', '’', '›', '‹'];

/// Words for a work that, before a quoted title, make it a reference.
#[rustfmt::skip]
const WORK_WORDS: &[&str] = &[
    "article", "artikel", "aufsatz", "book", "buch", "chapter", "documentary", "dokumentation",
    "essay", "kapitel", "novel", "paper", "podcast", "roman", "studie", "study",
];

/// A quoted span (1–12 words, with a capital letter) cited as a work.
fn quoted_title_cited(own: &str) -> bool {
    let mut from = 0;
    while let Some(rel) = own[from..].find(OPENING_QUOTES) {
        let open = from + rel;
        let q = own[open..].chars().next().map_or(1, char::len_utf8);
        let body_start = open + q;
        let Some(close_rel) = own[body_start..].find(CLOSING_QUOTES) else { break };
        let close = body_start + close_rel;
        let body = &own[body_start..close];
        let after_close = close + own[close..].chars().next().map_or(1, char::len_utf8);
        from = after_close;
        let n_words = body.split_whitespace().count();
        if n_words == 0
            || n_words > 12
            || body.contains('\n')
            || !body.starts_with(char::is_uppercase)
        {
            continue;
        }
        // after: "(… 2021)", "(1979)", ", 2023)", "(Verlag …)"
        let after = own[after_close..].trim_start();
        let bracket = after.strip_prefix('(').or_else(|| after.strip_prefix(','));
        if let Some(b) = bracket {
            let inside: String = b.chars().take_while(|&c| c != ')').take(60).collect();
            let lower = inside.to_lowercase();
            if has_year(&inside)
                || ["verlag", "press", "hg.", "hrsg", "ed.", "eds.", "isbn", "university"]
                    .iter()
                    .any(|k| lower.contains(k))
            {
                return true;
            }
        }
        // before: "Hilda Crane, ", "Frances Oduya's ", "von Ilse Dornbach ", "das Buch "
        let before = own[..open].trim_end();
        let last_words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
        let capital = |w: &&str| w.starts_with(char::is_uppercase);
        let cleaned = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if let Some(last) = last_words.first() {
            let author_comma =
                last.ends_with(',') && capital(last) && last_words.get(1).is_some_and(capital);
            let possessive = (last.ends_with("'s") || last.ends_with("’s")) && capital(last);
            let by = last_words.get(1).is_some_and(|w| matches!(cleaned(w).as_str(), "by" | "von"))
                && capital(last);
            let work = last_words.iter().take(2).any(|w| WORK_WORDS.contains(&cleaned(w).as_str()));
            if author_comma || possessive || by || work {
                return true;
            }
        }
    }
    false
}

/// A four-digit year 1500–2099 as a number of its own.
fn has_year(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && matches!(&d[..2], "15" | "16" | "17" | "18" | "19" | "20"))
}

// ---------------------------------------------------------------------------------------------

/// The discourse acts `text` performs on its own (every act but [`Act::Answer`]).
///
/// ```
/// use relate_text::{Act, acts};
///
/// let a = acts("Danke für den Hinweis! Aber ist das nicht eher Einfache Sprache?");
/// assert_eq!(a.names(), ["question", "acknowledgement", "disagreement"]);
/// assert!(acts("Wer hätte das gedacht!").is_empty());
/// assert!(acts("Great idea, a library with no books.").contains(Act::Disagreement));
/// ```
#[must_use]
pub fn acts(text: &str) -> Acts {
    let (own, linked) = own_text(text);
    let t = Tokens::new(&own);
    let n = t.toks.len();
    let mut out = Acts::NONE;
    let sents = sentences(&t);

    // irony first: it cancels the praise in its sentence
    let mut ironic: Vec<(usize, usize)> =
        sents.iter().filter(|s| ironic_praise(&t, s)).map(|s| (s.first, s.end)).collect();
    for (i, s) in sents.iter().enumerate() {
        let w = words_of(&t, s);
        let thanks_for_nothing =
            w.windows(3).any(|x| {
                matches!(x, ["thanks" | "thank", "for", "nothing"] | ["danke", "für", "nichts"])
            }) || matches!(w.as_slice(), ["na", "danke", ..] | ["vielen", "dank", "auch"]);
        // "Tolle Idee. Dann stellt ihr … aus?": praise, then a mocking question
        let praise_then_question = w.len() == 2
            && s.how == End::Stop
            && IRONY_PRAISE.contains(&w[0])
            && matches!(w[1], "idea" | "idee")
            && sents.get(i + 1).is_some_and(|nx| {
                nx.how == End::Question && matches!(t.word(nx.first), "dann" | "so" | "next")
            });
        if thanks_for_nothing || praise_then_question {
            ironic.push((s.first, s.end));
        }
    }
    if own.contains(['🙄', '😒']) {
        ironic.push((0, n));
    }
    let in_irony = |ti: usize| ironic.iter().any(|&(a, b)| ti >= a && ti < b);
    if !ironic.is_empty() {
        out.insert(Act::Disagreement);
    }

    // acknowledgements of ack.rs
    let mut agree_at: Vec<usize> = Vec::new();
    for a in crate::ack::acknowledgements_in(&t) {
        let ti = t.toks.partition_point(|tok| tok.start < a.start);
        if in_irony(ti) {
            continue;
        }
        match a.kind {
            AckKind::Agreement => {
                out.insert(Act::Agreement);
                agree_at.push(ti);
            }
            AckKind::Learning | AckKind::Thanks | AckKind::Appreciation => {
                out.insert(Act::Acknowledgement);
            }
        }
    }

    // our phrase lists
    let lists = &*LISTS;
    for ti in 0..n {
        for (rule, p) in lists.starting_with(t.word(ti)) {
            let Some(end) = p.match_at(&t, ti) else { continue };
            match rule {
                Rule::Ask => out.insert(Act::Question),
                Rule::Acknowledge => {
                    if !in_irony(ti) && !t.negated(AckKind::Learning, ti, end) {
                        out.insert(Act::Acknowledgement);
                    }
                }
                Rule::Agree => {
                    if !in_irony(ti) && !t.negated(AckKind::Agreement, ti, end) {
                        out.insert(Act::Agreement);
                        agree_at.push(ti);
                    }
                }
                Rule::Disagree => {
                    if !t.negated(AckKind::Agreement, ti, end) {
                        out.insert(Act::Disagreement);
                    }
                }
                Rule::Suggest => out.insert(Act::Suggestion),
            }
        }
    }
    if own.contains(['👍', '🙏', '👏']) {
        out.insert(Act::Acknowledgement);
    }
    if own.trim_start().starts_with("+1") {
        out.insert(Act::Agreement);
    }

    for s in &sents {
        // "should"/"sollte" outside a question: a recommendation, unless looking back ("we
        // should have")
        for i in s.first..s.end {
            if s.how == End::Question {
                break;
            }
            let next = if i + 1 < n { t.word(i + 1) } else { "" };
            if matches!(t.word(i), "should" | "sollte" | "sollten" | "solltet" | "solltest")
                && !matches!(next, "have" | "haben" | "hätte" | "hätten" | "i" | "ich")
                && !(i > 0 && matches!(t.word(i - 1), "i" | "ich" | "why" | "warum" | "wieso"))
            {
                out.insert(Act::Suggestion);
            }
        }
        let i = opener(&t, s);
        if sentence_asks(&t, s) {
            out.insert(Act::Question);
        }
        if proposal(&t, s) {
            out.insert(Act::Suggestion);
        }
        let first = t.word(i);
        // "Mehr Komödie!"
        if matches!(first, "mehr" | "more" | "weniger" | "less" | "fewer")
            && s.how == End::Exclamation
            && i == s.first
        {
            out.insert(Act::Suggestion);
        }
        // formal German imperative: "Prüfen Sie …", "Melden Sie sich …"
        if i + 1 < s.end
            && s.how != End::Question
            && (first.ends_with("en") || first.ends_with("ern") || first.ends_with("eln"))
            && !FINITE.contains(&first)
            && !matches!(first, "wissen" | "kennen" | "danken" | "haben" | "sehen")
            && t.word(i + 1) == "sie"
            && t.text[t.toks[i + 1].start..].starts_with('S')
        {
            out.insert(Act::Suggestion);
        }
        // English imperative opening a sentence: "Call it …", "Just put …"
        let second = if i + 1 < s.end { t.word(i + 1) } else { "" };
        if IMPERATIVES_EN.contains(&first)
            && s.how != End::Question
            && !matches!(second, "" | "you" | "it's" | "me")
            && !(first == "keep" && matches!(second, "it" | "up"))
        {
            out.insert(Act::Suggestion);
        }
        // "Nein, …", "No.", "Noooo"
        let (i, first) = (s.first, t.word(s.first));
        let no = first == "nein"
            || first == "nope"
            || first == "nö"
            || (first.len() >= 2 && first.starts_with('n') && first[1..].chars().all(|c| c == 'o'));
        let after = if i + 1 < n { Some(i + 1) } else { None };
        let joined = after.is_some_and(|j| t.joined(j));
        let thanks = after.is_some_and(|j| matches!(t.word(j), "danke" | "thanks" | "thank"));
        if no && !joined && !thanks {
            out.insert(Act::Disagreement);
        }
    }

    for i in 0..n {
        let w = t.word(i);
        // "Korrektur: …", "Correction: …"
        if matches!(w, "korrektur" | "correction")
            && t.text[t.toks[i].end..].trim_start().starts_with(':')
        {
            out.insert(Act::Disagreement);
        }
        // "bitte …", "… please!"
        if matches!(w, "bitte" | "please" | "pls") {
            let next = (i + 1 < n && t.joined(i + 1)).then(|| t.word(i + 1));
            let alone = (i == 0 || t.toks[i].sentence_start)
                && (i + 1 >= n || t.toks[i + 1].sentence_start);
            if !alone && !matches!(next, Some("schön" | "sehr" | "gern" | "gerne")) {
                out.insert(Act::Suggestion);
            }
        }
        if polite_objection(&t, i, &agree_at) {
            out.insert(Act::Disagreement);
        }
        // "…, though." closing a clause
        if w == "though"
            && i > 0
            && t.text[t.toks[i - 1].end..t.toks[i].start].contains(',')
            && (i + 1 >= n || t.toks[i + 1].sentence_start)
        {
            out.insert(Act::Disagreement);
        }
        // a correction: "…, nicht 12", "…, not Market Square"
        if matches!(w, "nicht" | "not")
            && i > 0
            && i + 1 < n
            && t.text[t.toks[i - 1].end..t.toks[i].start].contains(',')
            && t.text[t.toks[i + 1].start..]
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !t.toks[i + 1].sentence_start
        {
            out.insert(Act::Disagreement);
        }
    }

    if promotional(text, linked) {
        return Acts::NONE;
    }
    if linked || cites_work(&own, &t) {
        out.insert(Act::Source);
    }
    out
}

/// A sentence ending in `?` that is not rhetorical nor a proposal, or one without final
/// punctuation that opens like a question.
fn sentence_asks(t: &Tokens<'_>, s: &Sentence) -> bool {
    match s.how {
        End::Question => {
            let w = words_of(t, s);
            let last_clause =
                (s.first..s.end).rev().find(|&k| clause_start(t, k)).unwrap_or(s.first);
            let tail = &w[last_clause - s.first..];
            !rhetorical(&w) && !rhetorical(tail) && !proposal(t, s)
        }
        End::Open => open_question(t, s),
        End::Exclamation | End::Stop => false,
    }
}

/// A link in promotional text (URL included: "seo-rankings") is spam: no discourse act.
fn promotional(text: &str, linked: bool) -> bool {
    linked && {
        let raw = Tokens::new(text);
        (0..raw.toks.len()).any(|i| PROMO.contains(&raw.word(i)))
    }
}

/// [`Act::Question`] of [`acts`] alone: its sentence rules and indirect questions, and the spam
/// check that cancels every act. No other rule removes a question, so the rest is not needed.
fn asks(text: &str) -> bool {
    let (own, linked) = own_text(text);
    let t = Tokens::new(&own);
    let question = sentences(&t).iter().any(|s| sentence_asks(&t, s))
        || (0..t.toks.len()).any(|ti| {
            LISTS
                .starting_with(t.word(ti))
                .any(|(rule, p)| *rule == Rule::Ask && p.match_at(&t, ti).is_some())
        });
    question && !promotional(text, linked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> String {
        acts(text).to_string()
    }

    fn has(text: &str, act: Act) -> bool {
        acts(text).contains(act)
    }

    #[test]
    fn one_act_alone_agrees_with_all_acts() {
        for text in [
            "Wo ist das Depot?",
            "Wer hätte das gedacht?",
            "Könnten Sie das erklären?",
            "Ich frage mich, wann das war.",
            "does anyone know the date",
            "Gibt es das auch als Buch",
            "Why not?",
            "Buy followers? https://spam.example/seo",
            "> Was meinst du?\nDanke!",
            "Mehr unter https://x.example/?a=1",
            "",
        ] {
            for act in Act::ALL {
                assert_eq!(act.is_performed_by(text), has(text, act), "{act:?} in {text:?}");
            }
        }
    }

    #[test]
    fn bitset() {
        let a = Acts::NONE.with(Act::Source).with(Act::Question);
        assert_eq!(a.names(), ["question", "source"]);
        assert_eq!(a.to_string(), "question;source");
        let mut b = a;
        b.remove(Act::Question);
        assert_eq!(b.iter().collect::<Vec<_>>(), [Act::Source]);
        for act in Act::ALL {
            assert_eq!(Act::from_name(act.name()), Some(act));
        }
        assert!(Acts::default().is_empty());
    }

    #[test]
    fn questions_german() {
        for t in [
            "Gibt es eine Audiodeskription?",
            "Und wer spielt? Laien?",
            "Weiß jemand, wann die Schleuse gebaut wurde",
            "Wo ist der Eingang",
            "Gibt es das auch als Audio",
            "Ich frage mich, ob das reicht.",
            "Tastführung?! Was passiert da?",
        ] {
            assert!(has(t, Act::Question), "{t}: {}", names(t));
        }
    }

    #[test]
    fn questions_english() {
        for t in [
            "Is it suitable for a 3-year-old?",
            "What's a commons",
            "is it open on sundays",
            "I wonder whether the archive keeps the tapes.",
            "Does anyone know who painted it.",
            "So the sessions should be organised around tasks, not skills?",
        ] {
            assert!(has(t, Act::Question), "{t}: {}", names(t));
        }
    }

    #[test]
    fn not_questions() {
        for t in [
            "Wer hätte das gedacht!",
            "Wer hätte das gedacht?",
            "Who would have thought?",
            "Warum nicht? Es kommt auf die Geschichte an.",
            "Was wir suchen: Dinge mit einer Geschichte.",
            "Warum wir nach jeder Vorstellung bleiben\n\nSeit dieser Spielzeit gibt es ein Nachgespräch.",
            "What the interviews have taught us so far\n\nPeople remember the smells.",
            "Wie schön, dass das jetzt kommt!",
            "> Is it a silent room or a quiet room?\n\nQuiet until 6pm.",
            "Our policy: https://example.org/policy?id=3 is online.",
            "Could you add a bike corner too?",
            "Vielleicht wäre das ein Weg, Jugendliche zu fragen?",
            "Maybe the answer is zones rather than times?",
            "War toll\nBis bald",
        ] {
            assert!(!has(t, Act::Question), "{t}: {}", names(t));
        }
    }

    #[test]
    fn acknowledgements_german_and_english() {
        for t in [
            "Danke für Ihren Kommentar!",
            "Das wusste ich nicht!",
            "Schön formuliert.",
            "Ohne Ihren Anstoß im Januar gäbe es die Ausstellung so nicht.",
            "Das war uns nicht bewusst.",
            "Huh, didn't know that.",
            "Thanks for stopping by!",
            "That was your suggestion after all.",
            "What a lovely way to put it.",
            "👍",
        ] {
            assert!(has(t, Act::Acknowledgement), "{t}: {}", names(t));
        }
        for t in [
            "Thanks for nothing.",
            "Nein, danke.",
            "Na danke, wieder keine Karten.",
            "Das ist kein guter Punkt.",
            "Die Danksagung folgt im Katalog.",
        ] {
            assert!(!has(t, Act::Acknowledgement), "{t}: {}", names(t));
        }
    }

    #[test]
    fn agreement() {
        for t in [
            "Genau.",
            "Stimmt, die Rückgabefrage fehlte.",
            "Da haben Sie recht.",
            "Dem kann ich nur zustimmen.",
            "I agree with the second part.",
            "Exactly. Call it a letter clinic.",
            "Good point, I wouldn't have known that.",
            "Fair enough.",
            "+1",
            "Love it. Happy to donate.",
            "Das nehmen wir mit in die Planung.",
        ] {
            assert!(has(t, Act::Agreement), "{t}: {}", names(t));
        }
        for t in [
            "Sie wissen genau, wovon ich rede.",
            "Das stimmt so nicht.",
            "I don't agree.",
            "We agreed to meet at noon.",
            "That is not a good point.",
            "Great idea, a library with no books.",
        ] {
            assert!(!has(t, Act::Agreement), "{t}: {}", names(t));
        }
    }

    #[test]
    fn disagreement() {
        for t in [
            "Ich sehe das anders.",
            "Da muss ich widersprechen: der Laden hieß anders.",
            "Kleine Korrektur: das war 1952.",
            "Das Geschäft lag in der Brückenstraße 14, nicht 12.",
            "Danke, aber das sehe ich nicht so.",
            "Schön, dass ihr Leute zeigt. Aber wer entscheidet das?",
            "Da haben Sie recht. Aber drei Leihgaben kamen über Mastodon.",
            "I disagree.",
            "Not sure that works for families.",
            "On the contrary, it brings people in.",
            "That's exactly what the term means, though.",
            "I think you're right for the ground floor, but wrong for the loans desk.",
            "Thanks for nothing.",
            "Great idea, open later so the two people who still come can stay longer.",
            "Tolle Idee. Dann stellt ihr demnächst meine alten Socken aus?",
            "Tolle Idee, das Stück um 19:30 anzufangen. 🙄",
            "Noooo, that clashes with nursery drop-off",
            "For the record, the meeting was on the Cattle Market field.",
        ] {
            assert!(has(t, Act::Disagreement), "{t}: {}", names(t));
        }
        for t in [
            "Klein, aber fein.",
            "Heute leider nicht. Aber am 21.2. gibt es eine Vorstellung.",
            "Das Museum entscheidet mit, aber nicht allein.",
            "Es regnete, aber wir kamen trotzdem.",
            "I've always thought of it as trust, but you're right that time comes first.",
            "Great idea, we hadn't thought of that.",
            "Tolle Idee, das machen wir!",
            "Nein danke.",
            "People come with a letter and a deadline, not with forms.",
        ] {
            assert!(!has(t, Act::Disagreement), "{t}: {}", names(t));
        }
    }

    #[test]
    fn danke_aber_is_both() {
        let a = acts("Danke für den Link, aber die Zahlen stimmen so nicht.");
        assert!(a.contains(Act::Acknowledgement) && a.contains(Act::Disagreement), "{a}");
    }

    #[test]
    fn suggestion() {
        for t in [
            "Wie wäre es mit einem Schreibgespräch?",
            "Könnten Sie die Texte auch als Audio anbieten?",
            "Vielleicht fotografieren wir jedes Ding.",
            "Ich schlage vor, wir treffen uns vorher.",
            "Bitte mehr Vorstellungen am Nachmittag!",
            "Mehr Komödie!",
            "Prüfen Sie mal die Website mit einem Screenreader.",
            "Aber Vorsicht: das ist Einfache Sprache.",
            "Eine Liste der Begriffe wäre spannender als jede Followerzahl.",
            "Why not ask the narrators first?",
            "You could add a review clause.",
            "How about a swap day in March?",
            "I suggest printing help.",
            "Worth adding that families should be told.",
            "Have you thought about asking people to map the space?",
            "quiet study space for my Year 11s please!",
            "Would love a post on how you set prices!",
            "Just put the old fire engine back.",
        ] {
            assert!(has(t, Act::Suggestion), "{t}: {}", names(t));
        }
        for t in [
            "Bitte schön!",
            "Wir verkaufen im Jahr vielleicht zwanzig Bilder.",
            "Maybe.",
            "Why not?",
            "Danke für den Vorschlag!",
            "See you there!",
            "Wissen Sie, an wen wir uns wenden können?",
        ] {
            assert!(!has(t, Act::Suggestion), "{t}: {}", names(t));
        }
    }

    #[test]
    fn sources() {
        for t in [
            "Guter Überblick: https://journal.example/2024/gegenwart",
            "Siehe doi:10.5555/jmus.2024.017",
            "Sehr empfehlenswert: Hanna Petersen, „Sammeln mit allen“ (Kustos Verlag, 2021).",
            "Start with Hilda Crane, \"Banners of the Trades\" (1979), chapter 3.",
            "Frances Oduya's \"Listening Back\" is the classic.",
            "so wie es das Kollektiv macht („Wir von der Schleuse“, 2023).",
            "Adressbuch der Stadt Lindenau 1955, S. 211",
            "Quelle: Kanalbauakten im Stadtarchiv, Bestand K 4.",
            "Ein Foto im Nachlass Hartwig (Stadtarchiv, F 12/3).",
            "Das steht im Buch „Dinge mit Lebenslauf“.",
            "see www.example.org",
        ] {
            assert!(has(t, Act::Source), "{t}: {}", names(t));
        }
        for t in [
            "Danke für den Buchtipp, das schaue ich mir an!",
            "Mail oralhistory@museum.example for a visit.",
            "Buy real followers here: https://growth.example",
            "Libraries are one of the last \"third places\" in town.",
            "Den Nachlass Hartwig sehen wir uns an.",
            "Das war 2023 so.",
        ] {
            assert!(!has(t, Act::Source), "{t}: {}", names(t));
        }
    }

    #[test]
    fn politeness_caution_and_hindsight() {
        let a = acts("Love the plan. One caution: it needs a corner without programme.");
        assert!(a.contains(Act::Disagreement) && a.contains(Act::Suggestion), "{a}");
        for t in [
            "We should have asked earlier.",
            "Was sollten wir aus der Gegenwart aufheben?",
            "Build in time for the panel to disagree with you.",
        ] {
            let a = acts(t);
            assert!(!a.contains(Act::Disagreement), "{t}: {a}");
            if t.starts_with('W') {
                assert!(!a.contains(Act::Suggestion), "{t}: {a}");
            }
        }
        let t = "@Maya \"Correction is how knowledge works\": I'm stealing that, with credit.";
        assert_eq!(names(t), "acknowledgement");
        assert_eq!(names("Korrektur: Das Schild stammt von 1948."), "disagreement");
    }

    #[test]
    fn promotional_spam_performs_no_act() {
        assert!(acts("Great idea!! Win big today: https://lucky.example/bonus").is_empty());
        assert!(acts("TIL! Get real followers today https://grow.example").is_empty());
    }

    #[test]
    fn quoted_lines_are_not_the_authors_acts() {
        assert_eq!(names("> Is there a DOI? https://x.example\n\nThanks!"), "acknowledgement");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for t in [
            "",
            "?",
            ">",
            "> ",
            "„",
            "“”?",
            "10./",
            "(",
            "( archiv 1",
            "doi:",
            "S.",
            "S. 1",
            "+1",
            "n",
            "🙄",
            "a, though",
            ", nicht 1",
        ] {
            let _ = acts(t);
        }
    }
}
