//! Pure analyses over a [`Corpus`](relate_model::corpus::Corpus): threads and addressing,
//! response care, ties, cross-site links, learning moments, and ConvoKit-style structure.
//!
//! Invariants: no IO, no clock, no randomness; output order never depends on hash order.
//! Each module's `//!` doc holds its definitions, mirrored in docs/measures.md.

pub mod acts;
pub mod audience;
pub mod calibrate;
pub mod identities;
pub mod learning;
pub mod ledger;
pub mod network;
pub mod phases;
pub mod pingbacks;
pub mod pipeline;
pub mod response;
pub mod selftalk;
pub mod sources;
pub mod stitch;
pub mod structure;
pub mod threads;
pub mod ties;
pub mod uptake;

pub use pipeline::{Analyses, Options, run, run_with, stitch_and_run};
