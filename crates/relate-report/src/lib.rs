//! Reports: the analyses rendered for people (`terminal`) and for scripts (`json`).
//!
//! Invariant: reports format, they do not compute. Anything a report needs that is not in
//! `relate_analysis::Analyses` belongs in an analysis first. The only counting
//! done here is summing what an analysis already classified.

pub mod convokit;
pub mod json;
pub mod terminal;

use relate_analysis::Analyses;
use relate_analysis::learning::Moment;
use relate_model::corpus::Corpus;
use relate_model::{ItemKind, State};

/// Conversations in which at least one public item answered the post: threads where
/// something was said back. A post nobody answered is not a conversation yet.
pub fn conversations(corpus: &Corpus) -> u64 {
    let mut answered = vec![false; corpus.conversations.len()];
    for item in &corpus.items {
        if item.state == State::Public && item.kind != ItemKind::Post && !item.kind.is_attention() {
            answered[item.conversation as usize] = true;
        }
    }
    answered.iter().filter(|a| **a).count() as u64
}

/// Display names of the owners ("us").
pub fn owners(corpus: &Corpus) -> Vec<&str> {
    corpus.participants.iter().filter(|p| p.is_owner).map(|p| p.display_name.as_str()).collect()
}

/// The first and last item dates, if any item has one.
pub fn time_span(corpus: &Corpus) -> Option<(i64, i64)> {
    let times = corpus.items.iter().filter_map(|i| i.created_at);
    Some((times.clone().min()?, times.max()?))
}

/// Counts of items in each non-public state.
pub fn excluded(corpus: &Corpus) -> [(State, u64); 5] {
    let mut counts = [
        (State::Spam, 0),
        (State::Pending, 0),
        (State::Trash, 0),
        (State::Deleted, 0),
        (State::Restricted, 0),
    ];
    for item in &corpus.items {
        if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == item.state) {
            slot.1 += 1;
        }
    }
    counts
}

/// The numbers people are usually told to watch, kept for contrast.
pub fn vanity(corpus: &Corpus) -> [(ItemKind, u64); 6] {
    let mut counts = [
        (ItemKind::Post, 0),
        (ItemKind::Comment, 0),
        (ItemKind::Pingback, 0),
        (ItemKind::Trackback, 0),
        (ItemKind::Like, 0),
        (ItemKind::Repost, 0),
    ];
    for item in corpus.items.iter().filter(|i| i.state == State::Public) {
        let kind = if item.kind == ItemKind::Reply { ItemKind::Comment } else { item.kind };
        if let Some(slot) = counts.iter_mut().find(|(k, _)| *k == kind) {
            slot.1 += 1;
        }
    }
    counts
}

/// Moments taken up (or, for sources, introduced) at or after `since`.
pub fn moments_since<'a>(
    corpus: &'a Corpus,
    analyses: &'a Analyses,
    since: Option<i64>,
) -> impl Iterator<Item = &'a Moment> + 'a {
    analyses.learning.moments.iter().filter(move |m| {
        let Some(since) = since else { return true };
        let at = m.taken_up_in.unwrap_or(m.item);
        corpus.items[at as usize].created_at.is_some_and(|t| t >= since)
    })
}
