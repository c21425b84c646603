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
    /// Per item, how much a reply builds on its parent (0..1).
    pub uptake: uptake::Uptake,
    /// Sources shared, who picked them up, and the owner's curation.
    pub sources: sources::Sources,
    /// Per item, its discourse acts (question, answer, acknowledgement, ...).
    pub acts: acts::Acts,
    /// Conversations joined before the analyses ran (empty when `run` was given a corpus
    /// as it is).
    pub stitched: Vec<stitch::Join>,
}

/// Joins the conversations that are one ([`stitch`]), then runs every analysis: what the
/// commands show.
pub fn stitch_and_run(corpus: &mut Corpus) -> Analyses {
    let stitched = stitch::apply(corpus);
    Analyses { stitched, ..run(corpus) }
}

pub fn run(corpus: &Corpus) -> Analyses {
    let threads = threads::compute(corpus);
    let ((learning, uptake), (response, ((ties, acts), (pingbacks, structure, sources)))) =
        rayon::join(
            || {
                rayon::join(
                    || learning::compute(corpus, &threads),
                    || uptake::compute(corpus, &threads),
                )
            },
            || {
                (
                    response::compute(corpus, &threads),
                    rayon::join(
                        || {
                            rayon::join(
                                || ties::compute(corpus, &threads),
                                || acts::compute(corpus, &threads),
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
