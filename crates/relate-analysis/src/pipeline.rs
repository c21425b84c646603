//! Runs every analysis in dependency order.

use relate_model::corpus::Corpus;

use crate::{audience, learning, pingbacks, response, stitch, structure, threads, ties};

pub struct Analyses {
    pub threads: threads::Threads,
    pub response: response::Response,
    pub ties: ties::Ties,
    pub pingbacks: pingbacks::Pingbacks,
    pub learning: learning::Learning,
    pub structure: structure::Structure,
    pub audience: audience::Audience,
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
    let (learning, (response, (ties, (pingbacks, structure)))) = rayon::join(
        || learning::compute(corpus, &threads),
        || {
            (
                response::compute(corpus, &threads),
                (
                    ties::compute(corpus, &threads),
                    (pingbacks::compute(corpus), structure::compute(corpus, &threads)),
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
        stitched: Vec::new(),
    }
}
