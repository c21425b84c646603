//! Reports: the analyses rendered for people (`terminal`, `markdown` for notes) and for
//! scripts (`json`).
//!
//! Invariant: reports format, they do not compute. Anything a report needs that is not in
//! `relate_analysis::Analyses` belongs in an analysis first. The only counting
//! done here is summing what an analysis already classified.

pub mod care;
pub mod convokit;
pub mod digest;
pub mod edges;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod markdown;
pub mod phases;
pub mod sources;
pub mod terminal;

use relate_analysis::Analyses;
use relate_analysis::learning::{Direction, Moment};
use relate_model::corpus::Corpus;
use relate_model::{ItemKind, State};

/// Conversations in which at least one public item answered the post: threads where
/// something was said back. A post nobody answered is not a conversation yet.
pub fn conversations(corpus: &Corpus) -> u64 {
    answered_conversations(corpus).iter().filter(|a| **a).count() as u64
}

/// Per conversation index: whether it counts in [`conversations`] (the HTML report lists
/// them as the evidence of that number).
pub fn answered_conversations(corpus: &Corpus) -> Vec<bool> {
    let mut answered = vec![false; corpus.conversations.len()];
    for item in &corpus.items {
        if item.state == State::Public && item.kind != ItemKind::Post && !item.kind.is_attention() {
            answered[item.conversation as usize] = true;
        }
    }
    answered
}

/// Display names of the owners ("us").
pub fn owners(corpus: &Corpus) -> Vec<&str> {
    // an account linked to another (`relate identity link`) is that one: named once
    let mut names: Vec<&str> = corpus
        .participants
        .iter()
        .filter(|p| p.is_owner && p.merged_into.is_none())
        .map(|p| p.display_name.as_str())
        .collect();
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(*n));
    names
}

/// A vanity metric as a reader says it: the common ones in German or English, any other with
/// its underscores as spaces.
pub fn metric_label(metric: &str, de: bool) -> String {
    let known = match metric {
        "page_views" => Some(("Seitenaufrufe", "page views")),
        "followers" => Some(("Follower", "followers")),
        "following" => Some(("gefolgt", "following")),
        "fans" => Some(("Fans", "fans")),
        "subscribers" => Some(("Abonnenten", "subscribers")),
        _ => None,
    };
    match known {
        Some((german, english)) => (if de { german } else { english }).to_string(),
        None => metric.replace('_', " "),
    }
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

/// Which directions of learning `relate learned` shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Directions {
    /// What we learned from others (and the sources they shared).
    #[default]
    ToUs,
    /// What others took up from us.
    FromUs,
    /// Both, in the order they happened.
    Both,
}

/// Which learning moments `relate learned` shows. Every field narrows; the default shows every
/// moment in which we learned (`direction`: [`Directions::ToUs`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    /// Who learned: we, others from us, or both.
    pub direction: Directions,
    /// Only moments whose time ([`moment_time`]) is at or after this (UTC seconds).
    pub since: Option<i64>,
    /// Only moments brought in by this person: a display name, handle (a leading `@` is
    /// ignored) or participant key, compared case-insensitively. A person whose accounts were
    /// linked matches by any of them. Who took a moment up does not count, except in moments
    /// in which others learned from us: there the person is the one who took it up (the
    /// other side is always us).
    pub person: Option<&'a str>,
    /// Only moments introduced or taken up on this platform ([`item_platform`]), compared
    /// case-insensitively.
    pub platform: Option<&'a str>,
}

/// When a moment happened: when it was taken up, else (sources nobody took up, and
/// acknowledgements credited to the item answered) when it was introduced.
pub fn moment_time(corpus: &Corpus, moment: &Moment) -> Option<i64> {
    let at = moment.taken_up_in.unwrap_or(moment.item);
    corpus.items[at as usize].created_at
}

/// The UTC calendar day (`YYYY-MM-DD`) of [`moment_time`].
pub fn moment_day(corpus: &Corpus, moment: &Moment) -> Option<String> {
    moment_time(corpus, moment).map(relate_model::time::date)
}

/// The platform an item was written on: its author's account's (`wordpress`, `mastodon`,
/// `convokit`, …). Stitching moves items into another platform's conversation, but not to
/// another account, and linking accounts as one person does not either: a toot stays Mastodon's.
pub fn item_platform(corpus: &Corpus, item: u32) -> &str {
    corpus.written_on(item)
}

/// The URL of the item itself (a comment's permalink, a toot's URL), if the export has one.
pub fn item_url(corpus: &Corpus, item: u32) -> Option<&str> {
    corpus.items[item as usize].url()
}

fn names_person(p: &relate_model::corpus::CorpusParticipant, name: &str) -> bool {
    let name = name.trim();
    let name = name.strip_prefix('@').unwrap_or(name).to_lowercase();
    [&p.display_name, &p.handle, &p.key].iter().any(|n| {
        let n = n.to_lowercase();
        n == name || n.strip_prefix('@') == Some(name.as_str())
    })
}

/// Participants `name` stands for ([`Filter::person`]), each as the participant its items
/// are attributed to (linked accounts resolve to the one that stands for both).
fn people_named(corpus: &Corpus, name: &str) -> Vec<bool> {
    let mut named = vec![false; corpus.participants.len()];
    for (index, p) in corpus.participants.iter().enumerate() {
        if names_person(p, name) {
            named[p.merged_into.map_or(index, |root| root as usize)] = true;
        }
    }
    named
}

/// Whether `name` names anyone in the corpus ([`Filter::person`]).
pub fn person_known(corpus: &Corpus, name: &str) -> bool {
    corpus.participants.iter().any(|p| names_person(p, name))
}

/// The platforms of the corpus's accounts, sorted: what [`Filter::platform`] can match.
pub fn platforms(corpus: &Corpus) -> Vec<&str> {
    let mut platforms: Vec<&str> =
        corpus.participants.iter().map(|p| p.platform.as_str()).collect();
    platforms.sort_unstable();
    platforms.dedup();
    platforms
}

/// The learning moments `filter` selects, in the analysis's order (by when they were taken
/// up; sources by when they were introduced; with [`Directions::Both`], the two lists merged
/// by [`moment_time`]). All three `relate learned` renderings show exactly these.
pub fn moments_matching<'a>(
    corpus: &Corpus,
    analyses: &'a Analyses,
    filter: &Filter<'_>,
) -> Vec<&'a Moment> {
    let named = filter.person.map(|name| people_named(corpus, name));
    let on_platform = |item: u32, platform: &str| {
        item_platform(corpus, item).to_lowercase() == platform.trim().to_lowercase()
    };
    let learning = &analyses.learning;
    let selected: Vec<&Moment> = match filter.direction {
        Directions::ToUs => learning.moments.iter().collect(),
        Directions::FromUs => learning.from_us.iter().collect(),
        Directions::Both => {
            let mut both: Vec<&Moment> = learning.moments.iter().chain(&learning.from_us).collect();
            // stable: each direction keeps its order; undated moments last
            both.sort_by_key(|m| moment_time(corpus, m).unwrap_or(i64::MAX));
            both
        }
    };
    // the other side of a moment: who brought it in, or who took up what we brought in
    let counterpart = |m: &Moment| match m.direction {
        Direction::ToUs => m.from,
        Direction::FromUs => m.taken_up_in.map_or(m.from, |o| corpus.items[o as usize].author),
    };
    selected
        .into_iter()
        .filter(|m| {
            filter.since.is_none_or(|since| moment_time(corpus, m).is_some_and(|t| t >= since))
        })
        .filter(|m| named.as_ref().is_none_or(|named| named[counterpart(m) as usize]))
        .filter(|m| {
            filter.platform.is_none_or(|p| {
                on_platform(m.item, p) || m.taken_up_in.is_some_and(|o| on_platform(o, p))
            })
        })
        .collect()
}

/// `moments` grouped by [`moment_day`], days in order (undated moments last), each day's
/// moments in their given order.
pub fn moments_by_day<'a>(
    corpus: &Corpus,
    moments: &[&'a Moment],
) -> Vec<(Option<String>, Vec<&'a Moment>)> {
    let mut dated: Vec<(Option<String>, &Moment)> =
        moments.iter().map(|&m| (moment_day(corpus, m), m)).collect();
    // stable: within a day, the analysis's order stays
    dated.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
    let mut days: Vec<(Option<String>, Vec<&Moment>)> = Vec::new();
    for (day, m) in dated {
        match days.last_mut() {
            Some((last, list)) if *last == day => list.push(m),
            _ => days.push((day, vec![m])),
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use relate_model::corpus::testing::corpus_from_text;

    #[test]
    fn owners_are_named_once_and_a_linked_account_not_at_all() {
        let mut corpus = corpus_from_text(
            "owner Museum
             owner Lena
             owner MuseumSocial
             #1 Museum: post
             #2 Lena -> #1: comment
             #3 MuseumSocial -> #1: cross-post",
        );
        // MuseumSocial was linked to Museum (`relate identity link`)
        let museum = corpus.participants.iter().position(|p| p.display_name == "Museum").unwrap();
        let social =
            corpus.participants.iter().position(|p| p.display_name == "MuseumSocial").unwrap();
        corpus.participants[social].merged_into = Some(museum as u32);
        assert_eq!(super::owners(&corpus), ["Museum", "Lena"]);
    }
}
