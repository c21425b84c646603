//! Response care: which comments by others got an owner answer, and how fast.
//!
//! Definitions (docs/measures.md, "Owner response coverage"):
//! - *Others' comments*: public comments and replies whose author is not an owner and not a
//!   site (pingbacks and trackbacks are not comments).
//! - A comment is *answered* when a later public owner item addresses it (threaded reply or
//!   `@Name`, see `threads`).
//! - *Owner response coverage* = answered / others' comments (`None` when there are none).
//! - *Time to first answer*: seconds from the comment to the first owner item addressing it.

use relate_model::corpus::Corpus;
use relate_model::{ParticipantKind, State};
use serde::Serialize;

use crate::threads::Threads;

#[derive(Debug, Default, Serialize)]
pub struct Response {
    pub others_comments: u64,
    pub answered: u64,
    pub owner_response_coverage: Option<f64>,
    /// Median seconds to the first owner answer, over answered comments with dates.
    pub median_seconds_to_first_answer: Option<i64>,
    /// Per item index: the first owner item that answered it.
    #[serde(skip)]
    pub first_answer: Vec<Option<u32>>,
    /// Others' comments without an owner answer, oldest first (item indices).
    #[serde(skip)]
    pub unanswered: Vec<u32>,
}

/// True for an item that counts as a comment by someone else.
pub fn is_others_comment(corpus: &Corpus, index: u32) -> bool {
    let item = &corpus.items[index as usize];
    let author = corpus.author(item);
    item.state == State::Public
        && item.kind.is_response()
        && !author.is_owner
        && author.kind != ParticipantKind::Site
}

pub fn compute(corpus: &Corpus, threads: &Threads) -> Response {
    let n = corpus.items.len();
    let mut first_answer: Vec<Option<u32>> = vec![None; n];
    for items in &threads.order {
        for &answer in items {
            let item = &corpus.items[answer as usize];
            if item.state != State::Public || !corpus.is_owner_item(item) {
                continue;
            }
            for address in &threads.addresses[answer as usize] {
                let slot = &mut first_answer[address.target as usize];
                if slot.is_none() && threads.before(address.target, answer) {
                    *slot = Some(answer);
                }
            }
        }
    }
    let mut response = Response::default();
    let mut waits: Vec<i64> = Vec::new();
    let mut unanswered: Vec<u32> = Vec::new();
    for index in 0..n as u32 {
        if !is_others_comment(corpus, index) {
            continue;
        }
        response.others_comments += 1;
        match first_answer[index as usize] {
            Some(answer) => {
                response.answered += 1;
                let asked = corpus.items[index as usize].created_at;
                let answered = corpus.items[answer as usize].created_at;
                if let (Some(a), Some(b)) = (asked, answered) {
                    waits.push(b - a);
                }
            }
            None => unanswered.push(index),
        }
    }
    unanswered.sort_by_key(|&i| (corpus.items[i as usize].created_at, i));
    waits.sort_unstable();
    response.median_seconds_to_first_answer = median(&waits);
    response.owner_response_coverage = (response.others_comments > 0)
        .then(|| response.answered as f64 / response.others_comments as f64);
    response.first_answer = first_answer;
    response.unanswered = unanswered;
    response
}

fn median(sorted: &[i64]) -> Option<i64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::threads;
    use relate_model::corpus::testing::corpus_from_text;

    #[test]
    fn coverage_counts_comments_not_pingbacks_and_needs_a_later_owner_item() {
        let corpus = corpus_from_text(
            "owner Anna
             #1 Anna: post
             #2 Ben -> #1: question?
             #3 Carl -> #1: remark
             #4 site.example (pingback) -> #1: […] linked […]
             #5 Anna -> #1: @Ben: answer
             #6 Ben -> #5: thanks
             #7 Dora -> #1 [pending]: waiting for moderation",
        );
        let threads = threads::compute(&corpus);
        let r = compute(&corpus, &threads);
        assert_eq!((r.others_comments, r.answered), (3, 1));
        assert_eq!(r.owner_response_coverage, Some(1.0 / 3.0));
        assert_eq!(r.median_seconds_to_first_answer, Some(3 * 3600));
        let ids: Vec<&str> = r.unanswered.iter().map(|&i| corpus.native_id_of(i)).collect();
        assert_eq!(ids, vec!["3", "6"]);
    }
}
