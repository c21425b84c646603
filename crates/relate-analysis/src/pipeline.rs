//! Runs every analysis in dependency order.

use relate_model::corpus::Corpus;

use crate::{
    acts, audience, learning, phases, pingbacks, response, selftalk, sources, stitch, structure,
    threads, ties, uptake,
};

pub struct Analyses {
    pub threads: threads::Threads,
    pub response: response::Response,
    /// Our items that speak only of us, beside those that turn to others.
    pub self_talk: selftalk::SelfTalk,
    pub ties: ties::Ties,
    pub pingbacks: pingbacks::Pingbacks,
    pub learning: learning::Learning,
    pub structure: structure::Structure,
    pub audience: audience::Audience,
    /// Per item, how much a reply builds on its parent (0..1); empty unless
    /// [`Options::per_item`].
    pub uptake: uptake::Uptake,
    /// Sources shared, who picked them up, and the owner's curation.
    pub sources: sources::Sources,
    /// Per item, its discourse acts (question, answer, acknowledgement, ...); empty unless
    /// [`Options::per_item`].
    pub acts: acts::Acts,
    /// Per conversation, the furthest phase of knowledge construction (a heuristic); empty
    /// unless [`Options::phases`].
    pub phases: phases::Phases,
    /// Conversations joined before the analyses ran (empty when `run` was given a corpus
    /// as it is).
    pub stitched: Vec<stitch::Join>,
}

/// What to compute besides the measures every report shows.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Discourse acts and local uptake for every item: a text pass over each reply that the
    /// report does not show (the ConvoKit export and `relate calibrate` do), and that costs
    /// more than all the report's analyses together on a large corpus.
    pub per_item: bool,
    /// Where each conversation got to ([`phases`], a heuristic): needs every reply's acts and
    /// uptake, so it costs what `per_item` costs (and computes those too).
    pub phases: bool,
}

impl Options {
    pub const ALL: Options = Options { per_item: true, phases: true };
    pub const REPORT: Options = Options { per_item: false, phases: false };
    /// The report's measures and where each conversation got to.
    pub const PHASES: Options = Options { per_item: false, phases: true };
    /// Acts and uptake per item without the phases (what an export of per-item measures needs).
    pub const PER_ITEM: Options = Options { per_item: true, phases: false };
}

/// Joins the conversations that are one ([`stitch`]), then runs the analyses: what the
/// commands show.
pub fn stitch_and_run(corpus: &mut Corpus, options: Options) -> Analyses {
    let stitched = stitch::apply(corpus);
    Analyses { stitched, ..run_with(corpus, options) }
}

/// Every analysis.
pub fn run(corpus: &Corpus) -> Analyses {
    run_with(corpus, Options::ALL)
}

pub fn run_with(corpus: &Corpus, options: Options) -> Analyses {
    // learning and uptake read each item in its language; threads are one core's work, so
    // the languages are found beside them
    let (threads, langs) = rayon::join(|| threads::compute(corpus), || learning::languages(corpus));
    let per_item = options.per_item || options.phases;
    let (
        (learning, uptake),
        (response, ((ties, acts), (pingbacks, structure, sources, self_talk))),
    ) = rayon::join(
        || {
            rayon::join(
                || learning::compute(corpus, &threads, &langs),
                || {
                    if per_item {
                        uptake::compute(corpus, &threads, &langs)
                    } else {
                        Default::default()
                    }
                },
            )
        },
        || {
            (
                response::compute(corpus, &threads),
                rayon::join(
                    || {
                        rayon::join(
                            || ties::compute(corpus, &threads),
                            || {
                                if per_item {
                                    acts::compute(corpus, &threads)
                                } else {
                                    Default::default()
                                }
                            },
                        )
                    },
                    || {
                        let ((sources, self_talk), structure) = rayon::join(
                            || {
                                rayon::join(
                                    || sources::compute(corpus, &threads),
                                    // reads the text of owner items only, and only of
                                    // those that answer no one
                                    || selftalk::compute(corpus, &threads),
                                )
                            },
                            || structure::compute(corpus, &threads),
                        );
                        (pingbacks::compute(corpus), structure, sources, self_talk)
                    },
                ),
            )
        },
    );
    let audience = audience::compute(corpus);
    let phases = if options.phases {
        phases::compute(corpus, &threads, &acts, &uptake, &learning)
    } else {
        Default::default()
    };
    Analyses {
        threads,
        response,
        self_talk,
        ties,
        pingbacks,
        learning,
        structure,
        audience,
        uptake,
        sources,
        acts,
        phases,
        stitched: Vec::new(),
    }
}
