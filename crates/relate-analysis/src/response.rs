//! Response care: which comments by others got an owner answer, how fast, on which platform,
//! and who is still waiting.
//!
//! Definitions (docs/measures.md, "Owner response coverage" and "Left waiting"):
//! - *Others' comments*: public comments and replies whose author is not an owner and not a
//!   site (pingbacks and trackbacks are not comments).
//! - A comment is *answered* when a later public owner item addresses it (threaded reply or
//!   `@Name`, see `threads`).
//! - *Owner response coverage* = answered / others' comments (`None` when there are none).
//! - *Time to first answer*: seconds from the comment to the first owner item addressing it.
//! - *Per platform*: the same figures for the comments written on each platform, the platform
//!   of the comment's author's account (where it was written: a toot stitched into the blog
//!   post's conversation still counts as Mastodon's).
//! - *Left waiting*: others' comments without an answer, oldest first; for each, whether it
//!   asks a question (`relate_text::acts`) and its age at the *reference time*, the date of
//!   the latest public item (analyses read no clock, so "now" is the corpus's last word).
//!
//! Everything here is one pass over the items; reading texts for questions is left to
//! [`waiting`], which reads only the items it is asked about.

use rayon::prelude::*;
use relate_model::corpus::Corpus;
use relate_model::{ParticipantKind, State};
use relate_text::Act;
use serde::Serialize;

use crate::threads::Threads;

#[derive(Debug, Default, Serialize)]
pub struct Response {
    pub others_comments: u64,
    pub answered: u64,
    pub owner_response_coverage: Option<f64>,
    /// Median seconds to the first owner answer, over answered comments with dates.
    pub median_seconds_to_first_answer: Option<i64>,
    /// The same figures per platform the comments were written on, by platform name.
    pub by_platform: Vec<PlatformResponse>,
    /// The date of the latest public item: the moment ages of waiting comments are taken at.
    pub reference_time: Option<i64>,
    /// Per item index: the first owner item that answered it.
    #[serde(skip)]
    pub first_answer: Vec<Option<u32>>,
    /// Others' comments without an owner answer, oldest first (item indices).
    #[serde(skip)]
    pub unanswered: Vec<u32>,
}

/// Response care on one platform (see the module doc).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlatformResponse {
    pub platform: String,
    pub others_comments: u64,
    pub answered: u64,
    /// answered / others' comments.
    pub coverage: Option<f64>,
    pub median_seconds_to_first_answer: Option<i64>,
    /// Others' comments without an answer (others' comments − answered).
    pub unanswered: u64,
}

/// One comment left waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Waiting {
    /// Item index.
    pub item: u32,
    /// The comment asks something (the discourse act *question*).
    pub question: bool,
    /// Seconds from the comment to the reference time; `None` without dates.
    pub age_seconds: Option<i64>,
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
    // one group per platform name, numbered in name order, so the output needs no sorting
    let mut names: Vec<&str> = corpus.participants.iter().map(|p| p.platform.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let group: Vec<usize> = corpus
        .participants
        .iter()
        .map(|p| names.binary_search(&p.platform.as_str()).unwrap_or(0))
        .collect();
    let mut counts = vec![(0u64, 0u64); names.len()];
    let mut platform_waits: Vec<Vec<i64>> = vec![Vec::new(); names.len()];
    let mut response = Response::default();
    let mut waits: Vec<i64> = Vec::new();
    let mut unanswered: Vec<u32> = Vec::new();
    for index in 0..n as u32 {
        let item = &corpus.items[index as usize];
        if item.state == State::Public {
            response.reference_time = response.reference_time.max(item.created_at);
        }
        if !is_others_comment(corpus, index) {
            continue;
        }
        // where it was written: a linked person's toot counts for Mastodon
        let g = group[item.account as usize];
        response.others_comments += 1;
        counts[g].0 += 1;
        match first_answer[index as usize] {
            Some(answer) => {
                response.answered += 1;
                counts[g].1 += 1;
                let asked = item.created_at;
                let answered = corpus.items[answer as usize].created_at;
                if let (Some(a), Some(b)) = (asked, answered) {
                    waits.push(b - a);
                    platform_waits[g].push(b - a);
                }
            }
            None => unanswered.push(index),
        }
    }
    // oldest first, and an undated comment last: it is not known to be the oldest
    unanswered.sort_by_key(|&i| (corpus.items[i as usize].created_at.unwrap_or(i64::MAX), i));
    waits.sort_unstable();
    response.median_seconds_to_first_answer = median(&waits);
    response.owner_response_coverage = ratio(response.answered, response.others_comments);
    response.by_platform = names
        .iter()
        .zip(counts)
        .zip(&mut platform_waits)
        .filter(|((_, (comments, _)), _)| *comments > 0)
        .map(|((name, (comments, answered)), waits)| {
            waits.sort_unstable();
            PlatformResponse {
                platform: (*name).to_string(),
                others_comments: comments,
                answered,
                coverage: ratio(answered, comments),
                median_seconds_to_first_answer: median(waits),
                unanswered: comments - answered,
            }
        })
        .collect();
    response.first_answer = first_answer;
    response.unanswered = unanswered;
    response
}

/// The comments left waiting that `keep` selects (item indices), oldest first, each with
/// whether it asks a question and its age at the reference time. Reads the text of each
/// kept comment once (in parallel), so a caller that lists a few reads only those.
pub fn waiting(
    corpus: &Corpus,
    response: &Response,
    keep: impl Fn(u32) -> bool + Sync,
) -> Vec<Waiting> {
    response
        .unanswered
        .par_iter()
        .filter(|&&i| keep(i))
        .map(|&item| {
            let created = corpus.items[item as usize].created_at;
            Waiting {
                item,
                question: Act::Question.is_performed_by(corpus.text_of(item)),
                age_seconds: created.zip(response.reference_time).map(|(c, now)| now - c),
            }
        })
        .collect()
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
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

    /// The per-platform example of docs/measures.md ("Owner response coverage"): Eva writes
    /// from Mastodon in the blog's thread, so her comment counts as Mastodon's.
    const DEPOT: &str = "owner Anna
         owner anna_m
         == blog platform=wordpress url=https://haus.example/depot Offene Depots
         #1 Anna: Ab März öffnen wir das Depot.
         #2 Ben -> #1: Wie viele Plätze gibt es?
         #4 Anna -> #2: @Ben: Zwölf pro Führung.
         #5 Carl -> #1: Schön.
         #6 Eva -> #1: Is it step-free?
         == toot platform=mastodon
         #10 anna_m: Our depot opens in March.
         #11 Dora -> #10: Count me in
         #16 anna_m -> #11: @Dora see you there
         #20 Eva -> #11 [spam]: cheap tickets";

    fn depot() -> Corpus {
        let mut corpus = corpus_from_text(DEPOT);
        for p in &mut corpus.participants {
            let on_mastodon = ["anna_m", "Dora", "Eva"].contains(&p.display_name.as_str());
            p.platform = if on_mastodon { "mastodon" } else { "wordpress" }.into();
        }
        corpus
    }

    #[test]
    fn per_platform_of_the_writing_account_with_its_own_median() {
        let corpus = depot();
        let r = compute(&corpus, &threads::compute(&corpus));
        let rows: Vec<String> = r
            .by_platform
            .iter()
            .map(|p| {
                format!(
                    "{} {} {} {:?} {:?} {}",
                    p.platform,
                    p.others_comments,
                    p.answered,
                    p.coverage,
                    p.median_seconds_to_first_answer.map(|s| s as f64 / 3600.0),
                    p.unanswered
                )
            })
            .collect();
        // Ben #2 answered by #4 after 2 h, Carl #5 not; Dora #11 by #16 after 5 h, Eva #6 not
        assert_eq!(
            rows,
            ["mastodon 2 1 Some(0.5) Some(5.0) 1", "wordpress 2 1 Some(0.5) Some(2.0) 1"]
        );
        assert_eq!((r.others_comments, r.answered), (4, 2));
        assert_eq!(r.median_seconds_to_first_answer, Some(3 * 3600 + 1800));
    }

    #[test]
    fn a_linked_persons_toot_stays_mastodon_s() {
        // Dora's Mastodon account linked to a blog account of hers, which stands for both
        let mut corpus = depot();
        let dora = corpus.participants.iter().position(|p| p.display_name == "Dora").unwrap();
        corpus.participants.push(relate_model::corpus::CorpusParticipant {
            platform: "wordpress".into(),
            display_name: "Dora Blog".into(),
            ..corpus.participants[dora].clone()
        });
        let blog = corpus.participants.len() as u32 - 1;
        corpus.participants[dora].merged_into = Some(blog);
        for item in &mut corpus.items {
            if item.author == dora as u32 {
                item.author = blog; // as the store's loader merges
            }
        }
        let r = compute(&corpus, &threads::compute(&corpus));
        let counts: Vec<(&str, u64)> =
            r.by_platform.iter().map(|p| (p.platform.as_str(), p.others_comments)).collect();
        assert_eq!(counts, [("mastodon", 2), ("wordpress", 2)]);
    }

    #[test]
    fn waiting_marks_questions_and_ages_at_the_latest_public_item() {
        let corpus = depot();
        let r = compute(&corpus, &threads::compute(&corpus));
        // the spam #20 is later, but not public: the reference is #16
        assert_eq!(r.reference_time, Some(16 * 3600));
        let show = |list: Vec<Waiting>| -> Vec<String> {
            list.iter()
                .map(|w| {
                    format!(
                        "#{} {} {:?}",
                        corpus.native_id_of(w.item),
                        if w.question { "question" } else { "-" },
                        w.age_seconds.map(|s| s / 3600)
                    )
                })
                .collect()
        };
        assert_eq!(show(waiting(&corpus, &r, |_| true)), ["#5 - Some(11)", "#6 question Some(10)"]);
        let mastodon = |i: u32| corpus.author(&corpus.items[i as usize]).platform == "mastodon";
        assert_eq!(show(waiting(&corpus, &r, mastodon)), ["#6 question Some(10)"]);
    }

    #[test]
    fn an_undated_comment_waits_last_not_first() {
        let mut corpus = corpus_from_text(
            "owner Anna
             #1 Anna: post
             #2 Ben -> #1: early
             #3 Carl -> #1: later",
        );
        // an export without Carl's date
        corpus.items[2].created_at = None;
        let r = compute(&corpus, &threads::compute(&corpus));
        let ids: Vec<&str> = r.unanswered.iter().map(|&i| corpus.native_id_of(i)).collect();
        assert_eq!(ids, ["2", "3"]);
    }
}
