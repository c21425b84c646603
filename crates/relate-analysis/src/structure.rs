//! Conversation structure as ConvoKit computes it, to compare relate with that peer.
//!
//! Over all items regardless of state, following parent links only (no `@Name`), exactly
//! as `../shared/bench/convokit_baseline.py` defines: utterances, threads, speakers,
//! longest root-to-leaf path, owner replies, others' utterances, the share of others'
//! utterances with a direct owner reply, speaker pairs who replied to each other both ways,
//! and speakers in two or more threads.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use relate_model::corpus::Corpus;
use serde::Serialize;

use crate::threads::Threads;

#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Structure {
    pub utterances: u64,
    pub threads: u64,
    pub speakers: u64,
    pub max_depth: u64,
    pub owner_replies: u64,
    pub others_utterances: u64,
    pub others_answered_by_owner: f64,
    pub reciprocal_pairs: u64,
    pub returning_speakers: u64,
}

pub fn compute(corpus: &Corpus, threads: &Threads) -> Structure {
    let mut s = Structure {
        utterances: corpus.items.len() as u64,
        threads: corpus.conversations.len() as u64,
        ..Structure::default()
    };
    let mut speakers: Vec<(u32, u32)> = Vec::with_capacity(corpus.items.len());
    let mut pairs: HashSet<(u32, u32)> = HashSet::default();
    let mut answered: HashSet<u32> = HashSet::default();
    for (index, item) in corpus.items.iter().enumerate() {
        speakers.push((item.author, item.conversation));
        let owner = corpus.participants[item.author as usize].is_owner;
        if !owner {
            s.others_utterances += 1;
        }
        // a path's length counts utterances, hence depth + 1
        s.max_depth = s.max_depth.max(threads.depth[index] as u64 + 1);
        if let Some(parent) = item.parent {
            let p = &corpus.items[parent as usize];
            if p.author != item.author {
                pairs.insert((item.author, p.author));
            }
            if owner && !corpus.participants[p.author as usize].is_owner {
                s.owner_replies += 1;
                answered.insert(parent);
            }
        }
    }
    speakers.sort_unstable();
    speakers.dedup();
    let mut per_speaker: HashMap<u32, u32> = HashMap::default();
    for (speaker, _) in speakers {
        *per_speaker.entry(speaker).or_default() += 1;
    }
    s.speakers = per_speaker.len() as u64;
    s.returning_speakers = per_speaker.values().filter(|&&c| c >= 2).count() as u64;
    s.reciprocal_pairs =
        pairs.iter().filter(|(a, b)| a < b && pairs.contains(&(*b, *a))).count() as u64;
    let share = answered.len() as f64 / s.others_utterances.max(1) as f64;
    s.others_answered_by_owner = (share * 10_000.0).round() / 10_000.0;
    if corpus.items.is_empty() {
        s.max_depth = 0;
    }
    s
}
