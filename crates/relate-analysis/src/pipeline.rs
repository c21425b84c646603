//! Runs every analysis in dependency order.

use relate_model::corpus::Corpus;

use crate::{
    acts, audience, learning, pingbacks, response, sources, stitch, structure, threads, ties,
    uptake,
};

pub struct Analyses {
    pub threads: threads::Threads,
    pub response: response::Response,
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
}

impl Options {
    pub const ALL: Options = Options { per_item: true };
    pub const REPORT: Options = Options { per_item: false };
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
    let threads = threads::compute(corpus);
    // learning and uptake read each item in its language
    let langs = learning::languages(corpus);
    let ((learning, uptake), (response, ((ties, acts), (pingbacks, structure, sources)))) =
        rayon::join(
            || {
                rayon::join(
                    || learning::compute(corpus, &threads, &langs),
                    || {
                        if options.per_item {
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
                                    if options.per_item {
                                        acts::compute(corpus, &threads)
                                    } else {
                                        Default::default()
                                    }
                                },
                            )
                        },
                        || {
                            let (sources, structure) = rayon::join(
                                || sources::compute(corpus, &threads),
                                || structure::compute(corpus, &threads),
                            );
                            (pingbacks::compute(corpus), structure, sources)
                        },
                    ),
                )
            },
        );
    let audience = audience::compute(corpus);
    Analyses {
        threads,
        response,
        ties,
        pingbacks,
        learning,
        structure,
        audience,
        uptake,
        sources,
        acts,
        stitched: Vec::new(),
    }
}
