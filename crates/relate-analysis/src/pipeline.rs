//! Runs every analysis in dependency order.

use relate_model::corpus::Corpus;

use crate::{learning, pingbacks, response, structure, threads, ties};

pub struct Analyses {
    pub threads: threads::Threads,
    pub response: response::Response,
    pub ties: ties::Ties,
    pub pingbacks: pingbacks::Pingbacks,
    pub learning: learning::Learning,
    pub structure: structure::Structure,
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
    Analyses { threads, response, ties, pingbacks, learning, structure }
}
