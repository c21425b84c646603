//! Where a conversation got to: the furthest phase of knowledge construction it reached, after
//! Gunawardena, Lowe & Anderson's interaction analysis model (1997). A **heuristic**
//! (docs/measures.md, "Where a conversation got to (`phases`, heuristic)"): every reply gets
//! the highest phase one of its signals points to, and a conversation the highest phase of its
//! replies, credited to the first reply that reached it.
//!
//! Read are the public replies with words: items that address another item (a parent, an
//! `@Name`, or the post), not likes, boosts, pingbacks or trackbacks; posts open a
//! conversation and reach no phase themselves. A reply with a link and no discourse act at all
//! is promotional spam (`relate_text::acts`) and is not read.
//!
//! - **I sharing**: every reply read (statements, agreement, questions, thanks).
//! - **II dissonance**: the *disagreement* act, or a dissonance cue (`relate_text::phase_cues`:
//!   "However", "Aber wer …?", "the problem is", "who pays").
//! - **III negotiation**: a negotiation cue ("vielleicht beides", "in other words", "doesn't
//!   mean"), or a concept someone else brought in that the reply uses in its own words (a
//!   learning moment, either direction, of kind uptake; a quotation is how forum replies are
//!   written) while building on its parent (local uptake at least [`BUILDS_ON`]), unless it
//!   answers a question of the item the concept came from, in the asker's words.
//! - **IV testing**: a testing cue ("in my experience", "ausprobiert", "we counted"), or a
//!   source (the *source* act) in a reply to a claim: an item by someone else that is not the
//!   post and does not only ask (no *question* act, or a *disagreement* one).
//! - **V agreement and application**: a cue that knowledge or a view changed, was applied or is
//!   summed up ("hadn't thought of", "das wusste ich nicht", "I'll try that", "to sum up"), or
//!   an acknowledged learning moment in which the reply took up a concept ("good point" with
//!   the concept it names). A learning acknowledgement credited to the item answered, with
//!   nothing taken up, is not enough on its own: "Danke für den Hinweis" thanks for a typo as
//!   often as for a lesson.
//!
//! Phases are not required in order: a reply that says "I hadn't thought of that" to the
//! first comment takes its conversation to V without II to IV, as the model's coders code each
//! message by the highest phase it shows. Computed only when asked ([`crate::Options::phases`]):
//! it needs every reply's acts and local uptake.

use rayon::prelude::*;
use relate_model::corpus::Corpus;
use relate_model::{ItemKind, State};
use relate_text::Act;
pub use relate_text::Phase;
use rustc_hash::FxHashMap as HashMap;

use crate::acts::Acts;
use crate::learning::{Learning, MomentKind};
use crate::threads::Threads;
use crate::uptake::Uptake;

/// Local uptake from which a reply that takes up a concept is taken to build on it (III).
pub const BUILDS_ON: f32 = 0.5;

/// What made a reply reach its phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// A reply, nothing more (I).
    Reply,
    /// A discourse act (II: disagreement).
    Act,
    /// A phrase of `relate_text::phase_cues`.
    Cue,
    /// A concept someone else brought in, taken up while building on the parent (III).
    Uptake,
    /// A source in a reply to a claim (IV).
    Source,
    /// An acknowledged learning moment with a concept taken up (V).
    Learning,
}

impl Signal {
    /// The signal's name in reports (`reply`, `act`, `cue`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Signal::Reply => "reply",
            Signal::Act => "act",
            Signal::Cue => "cue",
            Signal::Uptake => "uptake",
            Signal::Source => "source",
            Signal::Learning => "learning",
        }
    }
}

/// One reply's phase and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Reached {
    pub phase: Phase,
    /// The item (index in the corpus).
    pub item: u32,
    pub signal: Signal,
    /// The words that show it, as written (a cue, a concept, an acknowledgement, a link, or
    /// the reply's opening words).
    pub evidence: String,
}

#[derive(Debug, Default)]
pub struct Phases {
    /// Per conversation (index as in the corpus), the furthest phase and the first reply that
    /// reached it; `None` for a conversation without a reply read (and for joined ones).
    pub conversations: Vec<Option<Reached>>,
    /// Per item, its own phase; `None` for items not read (posts, hidden items, attention).
    pub items: Vec<Option<Phase>>,
}

impl Phases {
    /// The furthest phase of `conversation`, if it has one.
    pub fn of(&self, conversation: u32) -> Option<&Reached> {
        self.conversations.get(conversation as usize).and_then(Option::as_ref)
    }

    /// How many conversations got furthest to each phase, I to V.
    pub fn distribution(&self) -> [u64; 5] {
        let mut counts = [0; 5];
        for r in self.conversations.iter().flatten() {
            counts[usize::from(r.phase.number() - 1)] += 1;
        }
        counts
    }

    /// True when nothing was computed (the analysis was not asked for).
    pub fn is_empty(&self) -> bool {
        self.conversations.is_empty()
    }
}

/// The inputs a reply's signals come from besides its own text.
struct Context<'a> {
    corpus: &'a Corpus,
    threads: &'a Threads,
    acts: &'a Acts,
    uptake: &'a Uptake,
    /// By item, the learning moments it took something up in (few items have any).
    taken: HashMap<u32, Vec<Taken>>,
}

/// A learning moment as the item that took something up sees it.
struct Taken {
    kind: MomentKind,
    what: String,
    /// Where it was brought in.
    source: u32,
    /// The acknowledgement, when a concept was taken up with it (not only credited).
    ack: Option<String>,
}

/// A reply's phase and where its evidence is, without copying any text: a million replies
/// are read, and only each conversation's furthest one is described.
#[derive(Debug, Clone, Copy)]
struct Found {
    phase: Phase,
    signal: Signal,
    evidence: Evidence,
}

#[derive(Debug, Clone, Copy)]
enum Evidence {
    /// Bytes of the reply's text.
    Span(usize, usize),
    /// The n-th of the reply's learning moments.
    Taken(usize),
    /// The reply's first link, else its opening words.
    Link,
    /// The reply's opening words.
    Opening,
}

pub fn compute(
    corpus: &Corpus,
    threads: &Threads,
    acts: &Acts,
    uptake: &Uptake,
    learning: &Learning,
) -> Phases {
    let mut taken: HashMap<u32, Vec<Taken>> = HashMap::default();
    for m in learning.moments.iter().chain(&learning.from_us) {
        let (Some(at), Some(pos)) = (m.taken_up_in, m.taken_up_at) else { continue };
        let ack = m.acknowledgement.clone().filter(|ack| {
            // credited to the item answered: the moment starts at its acknowledgement, and
            // nothing of the item it credits was taken up
            m.kind == MomentKind::Acknowledged
                && !corpus.text_of(at).get(pos as usize..).is_some_and(|t| t.starts_with(ack))
        });
        taken.entry(at).or_default().push(Taken {
            kind: m.kind,
            what: m.what.clone(),
            source: m.item,
            ack,
        });
    }
    let cx = Context { corpus, threads, acts, uptake, taken };
    let items: Vec<Option<Found>> =
        (0..corpus.items.len() as u32).into_par_iter().map(|i| reply_phase(&cx, i)).collect();
    let conversations = threads
        .order
        .iter()
        .map(|order| {
            let mut best: Option<(u32, Found)> = None;
            for &i in order {
                if let Some(f) = items[i as usize]
                    && best.is_none_or(|(_, b)| f.phase > b.phase)
                {
                    best = Some((i, f));
                }
            }
            best.map(|(i, f)| Reached {
                phase: f.phase,
                item: i,
                signal: f.signal,
                evidence: describe(&cx, i, f.evidence),
            })
        })
        .collect();
    Phases { conversations, items: items.iter().map(|f| f.map(|f| f.phase)).collect() }
}

/// The words that show a reply's phase, as written.
fn describe(cx: &Context<'_>, i: u32, evidence: Evidence) -> String {
    let text = cx.corpus.text_of(i);
    match evidence {
        Evidence::Span(start, end) => text.get(start..end).unwrap_or_default().to_string(),
        Evidence::Taken(n) => {
            cx.taken.get(&i).and_then(|t| t.get(n)).map_or_else(String::new, |t| match &t.ack {
                Some(ack) => format!("{ack}: {}", t.what),
                None => t.what.clone(),
            })
        }
        Evidence::Link => cx.corpus.items[i as usize]
            .links()
            .first()
            .cloned()
            .unwrap_or_else(|| crate::learning::excerpt(text, 80)),
        Evidence::Opening => crate::learning::excerpt(text, 80),
    }
}

/// True for an item this analysis reads (module doc).
fn is_reply(cx: &Context<'_>, i: u32) -> bool {
    let item = &cx.corpus.items[i as usize];
    let promotional = cx.acts.of(i).is_empty() && !item.links().is_empty();
    item.state == State::Public
        && !item.kind.is_attention()
        && !item.kind.is_link_notice()
        && item.kind != ItemKind::Post
        && !cx.threads.addresses[i as usize].is_empty()
        && !promotional
}

/// The phase of item `i` and where its evidence is; `None` when it is not a reply read.
fn reply_phase(cx: &Context<'_>, i: u32) -> Option<Found> {
    if !is_reply(cx, i) {
        return None;
    }
    let own = cx.acts.of(i);
    let cues = relate_text::phase_cues(cx.corpus.text_of(i));
    let found =
        |phase: Phase, signal: Signal, evidence: Evidence| Some(Found { phase, signal, evidence });
    let cue = |phase: Phase| {
        cues.iter().find(|c| c.phase == phase).map(|c| Found {
            phase,
            signal: Signal::Cue,
            evidence: Evidence::Span(c.start, c.end),
        })
    };
    let taken = cx.taken.get(&i).map_or(&[][..], Vec::as_slice);

    // V: knowledge changed, applied or summed up
    if let Some(f) = cue(Phase::Agreement) {
        return Some(f);
    }
    if let Some(n) = taken.iter().position(|t| t.ack.is_some()) {
        return found(Phase::Agreement, Signal::Learning, Evidence::Taken(n));
    }
    // IV: tested against experience, trial, data or a source
    if let Some(f) = cue(Phase::Testing) {
        return Some(f);
    }
    if own.contains(Act::Source) && answers_a_claim(cx, i) {
        return found(Phase::Testing, Signal::Source, Evidence::Link);
    }
    // III: meaning negotiated, a concept taken up and built on
    if let Some(f) = cue(Phase::Negotiation) {
        return Some(f);
    }
    let builds_on = cx.uptake.score.get(i as usize).copied().flatten().unwrap_or(0.0) >= BUILDS_ON;
    // answering a question in the asker's words is not working on them
    let asked_here = |source: u32| {
        cx.acts.of(source).contains(Act::Question)
            && cx.threads.addresses[i as usize].iter().any(|a| a.target == source)
    };
    if builds_on
        && let Some(n) =
            taken.iter().position(|t| t.kind == MomentKind::Uptake && !asked_here(t.source))
    {
        return found(Phase::Negotiation, Signal::Uptake, Evidence::Taken(n));
    }
    // II: dissonance
    if let Some(f) = cue(Phase::Dissonance) {
        return Some(f);
    }
    if own.contains(Act::Disagreement) {
        return found(Phase::Dissonance, Signal::Act, Evidence::Opening);
    }
    found(Phase::Sharing, Signal::Reply, Evidence::Opening)
}

/// True if item `i` addresses a claim: an item by someone else that is not the post and does
/// not only ask.
fn answers_a_claim(cx: &Context<'_>, i: u32) -> bool {
    let author = cx.corpus.items[i as usize].author;
    cx.threads.addresses[i as usize].iter().any(|a| {
        let target = &cx.corpus.items[a.target as usize];
        let acts = cx.acts.of(a.target);
        target.author != author
            && target.kind != ItemKind::Post
            && (!acts.contains(Act::Question) || acts.contains(Act::Disagreement))
    })
}

#[cfg(test)]
mod tests {
    use relate_model::corpus::testing::corpus_from_text;

    fn check(text: &str) -> String {
        let corpus = corpus_from_text(text);
        let analyses = crate::run(&corpus);
        let p = &analyses.phases;
        let mut out = String::new();
        for (i, item) in corpus.items.iter().enumerate() {
            let phase = p.items[i].map_or("-".to_string(), |p| p.roman().to_string());
            out.push_str(&format!("#{} {phase}\n", corpus.native_id(item)));
        }
        let r = p.of(0).expect("a reply");
        out.push_str(&format!(
            "furthest {} at #{} ({:?}: {})\n",
            r.phase,
            corpus.native_id_of(r.item),
            r.signal,
            r.evidence
        ));
        out
    }

    #[test]
    fn sharing_then_dissonance_then_a_lesson() {
        let got = check(
            "owner Anna
             #1 Anna: Was sollten wir aus der Gegenwart aufheben?
             #2 Ben -> #1: Die Busfahrkarten von heute.
             #3 Carl -> #2: Busfahrkarten? Die hebt doch jeder auf, das ist Quatsch.
             #4 Ben -> #3: Allerdings wirft sie jeder weg, sobald sie abgelaufen sind.
             #5 Anna -> #4: Das wusste ich nicht, dann nehmen wir zwei Jahrgänge auf.
             #6 Dora -> #1 [spam]: Das wusste ich nicht!",
        );
        assert_eq!(
            got,
            "#1 -\n#2 I\n#3 II\n#4 II\n#5 V\n#6 -\n\
             furthest V agreement at #5 (Cue: wusste ich nicht)\n"
        );
    }

    #[test]
    fn testing_by_experience_and_by_a_source_in_reply_to_a_claim() {
        let got = check(
            "owner Lib
             #1 Lib: Late opening on Thursdays from February.
             #2 Greg -> #1: Nobody comes to a library after six.
             #3 Sam -> #2: We tried late opening at school and the room was full every week.
             #4 Ann -> #2: The county survey says otherwise: https://county.example/survey
             #5 Ann -> #1: Where can I find the opening hours? https://lib.example/hours",
        );
        assert_eq!(
            got,
            "#1 -\n#2 I\n#3 IV\n#4 IV\n#5 I\n\
             furthest IV testing at #3 (Cue: We tried)\n"
        );
    }

    #[test]
    fn negotiation_by_a_cue_and_the_first_reply_to_get_furthest_is_credited() {
        let got = check(
            "owner Gal
             #1 Gal: What does a small gallery sell?
             #2 Nia -> #1: Time, I would say.
             #3 Ben -> #2: Trust, rather. The problem is that time is cheap.
             #4 Nia -> #3: A bit of both, then: the time that makes the trust.
             #5 Ben -> #4: In other words, patience on both sides.",
        );
        assert_eq!(
            got,
            "#1 -\n#2 I\n#3 II\n#4 III\n#5 III\n\
             furthest III negotiation at #4 (Cue: A bit of both)\n"
        );
    }

    #[test]
    fn uptake_built_on_is_negotiation_but_not_an_answer_in_the_askers_words() {
        let got = check(
            "owner Anna
             #1 Anna: Wie erreichen wir Jugendliche im Museum?
             #2 Dora -> #1: Gibt es schon eine offene Sprechstunde für Lehrkräfte?
             #3 Anna -> #2: Eine offene Sprechstunde für Lehrkräfte gibt es jeden Dienstag ab \
                15 Uhr im Lesesaal, mit Material für den Unterricht und kurzen Führungen.
             #4 Ben -> #1: Mit einer Zeitkapsel der Klasse: jede Schülerin bringt ein Ding mit.
             #5 Anna -> #4: Eine Zeitkapsel der Klasse könnten wir im Mai im Foyer zeigen, mit \
                Texten der Jugendlichen, einer Führung und einem Abend für die Eltern.",
        );
        assert_eq!(
            got,
            "#1 -\n#2 I\n#3 I\n#4 I\n#5 III\n\
             furthest III negotiation at #5 (Uptake: Zeitkapsel der Klasse)\n"
        );
    }

    #[test]
    fn a_conversation_without_replies_has_no_phase() {
        let corpus = corpus_from_text("owner Anna\n#1 Anna: Heute geöffnet.");
        let analyses = crate::run(&corpus);
        assert_eq!(analyses.phases.of(0), None);
        assert_eq!(analyses.phases.distribution(), [0; 5]);
        let report = crate::run_with(&corpus, crate::Options::REPORT);
        assert!(report.phases.is_empty(), "not computed unless asked");
    }
}
