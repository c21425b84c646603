//! People and ties: who took part, who came back, and which ties run both ways.
//!
//! Definitions (docs/measures.md, "Participants, returning participants, reciprocal ties"):
//! - *Participants*: distinct non-owner people (not sites, not `[deleted]` placeholders)
//!   with at least one public item.
//! - *Returning participant*: a participant with public items in two or more conversations.
//! - *Exchange*: a public item addressing another person's public item (see `threads`).
//! - *Reciprocal tie*: a participant who addressed an owner item and was addressed by an
//!   owner item: exchanges both ways.

use relate_model::corpus::Corpus;
use relate_model::{ParticipantKind, State};
use serde::Serialize;

use crate::threads::Threads;

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Index into `Corpus::participants`.
    #[serde(skip)]
    pub participant: u32,
    pub name: String,
    pub platform: String,
    pub items: u64,
    #[serde(rename = "conversation_count")]
    pub conversations: u64,
    pub first_at: Option<i64>,
    pub last_at: Option<i64>,
    /// Their items that address an owner item.
    pub to_owner: u64,
    /// Owner items that address one of theirs.
    pub from_owner: u64,
    pub reciprocal: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Ties {
    pub participants: u64,
    pub returning_participants: u64,
    pub reciprocal_ties: u64,
    /// Non-owner people, most active first.
    pub people: Vec<Person>,
}

pub fn compute(corpus: &Corpus, threads: &Threads) -> Ties {
    // by participant index: a million lookups into a vector, not a tree
    let mut people: Vec<Option<Person>> = vec![None; corpus.participants.len()];
    // (person, conversation) pairs, deduplicated after the loop: cheaper than a set per person
    let mut conversations: Vec<(u32, u32)> = Vec::new();
    let is_person = |p: u32| {
        let p = &corpus.participants[p as usize];
        !p.is_owner && p.kind == ParticipantKind::Person
    };
    for (index, item) in corpus.items.iter().enumerate() {
        // a like is attention, not an encounter: people who only like are not participants
        if item.state != State::Public || item.kind.is_attention() || !is_person(item.author) {
            continue;
        }
        let p = &corpus.participants[item.author as usize];
        let person = people[item.author as usize].get_or_insert_with(|| Person {
            participant: item.author,
            name: p.display_name.clone(),
            platform: p.platform.clone(),
            items: 0,
            conversations: 0,
            first_at: None,
            last_at: None,
            to_owner: 0,
            from_owner: 0,
            reciprocal: false,
        });
        person.items += 1;
        if let Some(at) = item.created_at {
            person.first_at = Some(person.first_at.map_or(at, |f| f.min(at)));
            person.last_at = Some(person.last_at.map_or(at, |l| l.max(at)));
        }
        conversations.push((item.author, item.conversation));
        let addresses_owner = threads.addresses[index]
            .iter()
            .any(|a| corpus.is_owner_item(&corpus.items[a.target as usize]));
        if addresses_owner {
            person.to_owner += 1;
        }
    }
    for (index, item) in corpus.items.iter().enumerate() {
        if item.state != State::Public || !corpus.is_owner_item(item) {
            continue;
        }
        let addressed = &threads.addresses[index];
        let author_of = |a: &crate::threads::Address| corpus.items[a.target as usize].author;
        for (k, a) in addressed.iter().enumerate() {
            let author = author_of(a);
            // each person once per item
            if !addressed[..k].iter().any(|b| author_of(b) == author)
                && let Some(person) = &mut people[author as usize]
            {
                person.from_owner += 1;
            }
        }
    }
    conversations.sort_unstable();
    conversations.dedup();
    let mut per_person: Vec<u64> = vec![0; corpus.participants.len()];
    for (person, _) in conversations {
        per_person[person as usize] += 1;
    }
    let mut list: Vec<Person> = people
        .into_iter()
        .flatten()
        .map(|mut p| {
            p.conversations = per_person[p.participant as usize];
            p.reciprocal = p.to_owner > 0 && p.from_owner > 0;
            p
        })
        .collect();
    list.sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.name.cmp(&b.name)));
    Ties {
        participants: list.len() as u64,
        returning_participants: list.iter().filter(|p| p.conversations >= 2).count() as u64,
        reciprocal_ties: list.iter().filter(|p| p.reciprocal).count() as u64,
        people: list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::threads;
    use relate_model::corpus::testing::corpus_from_text;

    #[test]
    fn reciprocity_needs_both_directions_and_returning_needs_two_conversations() {
        let corpus = corpus_from_text(
            "owner Anna
             == one
             #1 Anna: post
             #2 Ben -> #1: hello
             #3 Anna -> #2: hi Ben
             #4 Carl -> #1: unanswered
             #5 Anna -> #1: @Dora: never wrote here, so no one is addressed
             == two
             #6 Anna: second post
             #7 Ben -> #6: again
             #8 Eve (pingback) -> #6: […] a site […]",
        );
        let threads = threads::compute(&corpus);
        let ties = compute(&corpus, &threads);
        assert_eq!(ties.participants, 2);
        assert_eq!(ties.reciprocal_ties, 1);
        assert_eq!(ties.returning_participants, 1);
        let ben = &ties.people[0];
        assert_eq!((ben.name.as_str(), ben.items, ben.to_owner, ben.from_owner), ("Ben", 2, 2, 1));
    }
}
