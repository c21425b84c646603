//! One person, many accounts: suggestions for `relate identity suggest`.
//!
//! relate never merges accounts on its own: a wrong merge invents a relationship. It proposes
//! pairs, each with the evidence, and the user confirms with `relate identity link`. A pair is
//! proposed when two participants on *different* platforms (or with different keys on one)
//!
//! 1. **same profile**: have the same profile URL (compared without scheme, `www.` and
//!    trailing slash);
//! 2. **profile link**: one's URL is the other's fediverse profile (`https://host/@name` is
//!    the account `name@host`), as when a blog commenter gives their Mastodon profile as
//!    website;
//! 3. **same name**: show the same display name of at least two words (case and spacing
//!    aside) on different platforms;
//! 4. **handle like name**: a handle's user part, without separators and at least six
//!    letters, equals the joined words (or the last words) of a display name on another
//!    platform (`schulte_brandt@kultur.social` and "Maria Schulte-Brandt").
//!
//! Sites, `[deleted]`-style unknown accounts and pairs already linked are never proposed.

use std::collections::BTreeMap;

use relate_model::ParticipantKind;
use relate_model::corpus::{Corpus, CorpusParticipant};

use crate::stitch::normalise;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    SameProfile,
    ProfileLink,
    SameName,
    HandleLikeName,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::SameProfile => "same profile URL",
            Evidence::ProfileLink => "website is the other's profile",
            Evidence::SameName => "same name on another platform",
            Evidence::HandleLikeName => "handle resembles the name",
        }
    }
}

/// Two participants (indices, smaller first) that may be one person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Suggestion {
    pub a: u32,
    pub b: u32,
    pub evidence: Evidence,
}

pub fn suggest(corpus: &Corpus) -> Vec<Suggestion> {
    let people: Vec<(u32, &CorpusParticipant)> = corpus
        .participants
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == ParticipantKind::Person && p.merged_into.is_none())
        .map(|(i, p)| (i as u32, p))
        .collect();
    let mut found: BTreeMap<(u32, u32), Evidence> = BTreeMap::new();
    let mut propose = |x: u32, y: u32, evidence: Evidence| {
        if x == y {
            return;
        }
        let pair = (x.min(y), x.max(y));
        let slot = found.entry(pair).or_insert(evidence);
        *slot = (*slot).min(evidence);
    };

    // 1 and 2: URLs, and fediverse accounts named by URL or handle
    let mut by_profile: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut by_account: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for &(i, p) in &people {
        if let Some(url) = p.url.as_deref().and_then(normalise) {
            by_profile.entry(url).or_default().push(i);
        }
        if let Some(account) = fediverse_account(p) {
            by_account.entry(account).or_default().push(i);
        }
    }
    for group in by_profile.values() {
        for (n, &x) in group.iter().enumerate() {
            for &y in &group[n + 1..] {
                propose(x, y, Evidence::SameProfile);
            }
        }
    }
    for &(i, p) in &people {
        let Some(account) = p.url.as_deref().and_then(account_of_url) else { continue };
        for &j in by_account.get(&account).into_iter().flatten() {
            if corpus.participants[j as usize].platform != p.platform {
                propose(i, j, Evidence::ProfileLink);
            }
        }
    }

    // 3: the same name of two words or more, on different platforms
    let mut by_name: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for &(i, p) in &people {
        let name = name_key(&p.display_name);
        if name.split(' ').count() >= 2 {
            by_name.entry(name).or_default().push(i);
        }
    }
    for group in by_name.values() {
        for (n, &x) in group.iter().enumerate() {
            for &y in &group[n + 1..] {
                if corpus.participants[x as usize].platform
                    != corpus.participants[y as usize].platform
                {
                    propose(x, y, Evidence::SameName);
                }
            }
        }
    }

    // 4: a handle that spells a name
    let mut name_forms: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for &(i, p) in &people {
        let words: Vec<String> =
            name_key(&p.display_name).split(' ').map(letters).filter(|w| !w.is_empty()).collect();
        if words.len() < 2 {
            continue;
        }
        for start in 0..words.len() {
            let joined: String = words[start..].concat();
            if joined.chars().count() >= 6 {
                name_forms.entry(joined).or_default().push(i);
            }
        }
    }
    for &(i, p) in &people {
        let user = p.handle.trim_start_matches('@').split('@').next().unwrap_or("");
        let user = letters(&user.to_lowercase());
        if user.chars().count() < 6 {
            continue;
        }
        for &j in name_forms.get(&user).into_iter().flatten() {
            if corpus.participants[j as usize].platform != p.platform {
                propose(i, j, Evidence::HandleLikeName);
            }
        }
    }

    found.into_iter().map(|((a, b), evidence)| Suggestion { a, b, evidence }).collect()
}

/// `name@host` for a participant whose handle is a fediverse address or whose URL is a
/// fediverse profile.
fn fediverse_account(p: &CorpusParticipant) -> Option<String> {
    let handle = p.handle.trim_start_matches('@').to_lowercase();
    if let Some((user, host)) = handle.split_once('@')
        && !user.is_empty()
        && host.contains('.')
    {
        return Some(format!("{user}@{host}"));
    }
    p.url.as_deref().and_then(account_of_url)
}

/// `https://host/@name` -> `name@host`.
fn account_of_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?.to_lowercase();
    let mut segments = parsed.path_segments()?.filter(|s| !s.is_empty());
    let user = segments.next()?.strip_prefix('@')?.to_lowercase();
    if segments.next().is_some() || user.is_empty() {
        return None;
    }
    Some(format!("{user}@{host}"))
}

fn name_key(name: &str) -> String {
    name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        key: &str,
        platform: &str,
        handle: &str,
        name: &str,
        url: Option<&str>,
    ) -> CorpusParticipant {
        CorpusParticipant {
            key: key.into(),
            platform: platform.into(),
            handle: handle.into(),
            display_name: name.into(),
            url: url.map(Into::into),
            kind: ParticipantKind::Person,
            is_owner: false,
            merged_into: None,
        }
    }

    fn suggested(participants: Vec<CorpusParticipant>) -> Vec<(String, String, &'static str)> {
        let mut corpus = Corpus::default();
        corpus.participants = participants;
        suggest(&corpus)
            .into_iter()
            .map(|s| {
                (
                    corpus.participants[s.a as usize].key.clone(),
                    corpus.participants[s.b as usize].key.clone(),
                    s.evidence.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn blog_website_that_is_a_mastodon_profile() {
        let found = suggested(vec![
            person(
                "wp:g1",
                "wordpress",
                "Jonas R.",
                "Jonas R.",
                Some("https://kultur.social/@jonas"),
            ),
            person("mastodon:j", "mastodon", "@jonas@kultur.social", "Jonas", None),
            person("mastodon:k", "mastodon", "@jonas@other.example", "Jonas", None),
        ]);
        assert_eq!(
            found,
            vec![("wp:g1".into(), "mastodon:j".into(), "website is the other's profile")]
        );
    }

    #[test]
    fn same_profile_url_same_name_and_handle_like_name() {
        let found = suggested(vec![
            person("a", "wordpress", "Anna Berg", "Anna Berg", Some("https://www.anna.example/")),
            person("b", "bluesky", "anna.example", "Anna", Some("http://anna.example")),
            person("c", "mastodon", "@maria@x.example", "Maria Schulte-Brandt", None),
            person(
                "d",
                "convokit",
                "schulte_brandt@kultur.social",
                "schulte_brandt@kultur.social",
                None,
            ),
            person("e", "twitter", "annaberg", "anna  berg", None),
            // one name, one platform: two different people, not proposed
            person("f", "wordpress", "Anna Berg 2", "Anna Berg", None),
        ]);
        assert_eq!(
            found,
            vec![
                ("a".into(), "b".into(), "same profile URL"),
                ("a".into(), "e".into(), "same name on another platform"),
                ("c".into(), "d".into(), "handle resembles the name"),
                ("e".into(), "f".into(), "same name on another platform"),
            ]
        );
    }

    #[test]
    fn sites_and_merged_accounts_are_left_alone() {
        let mut site =
            person("s", "wordpress", "kulturblog", "Kultur Blog", Some("https://k.example"));
        site.kind = ParticipantKind::Site;
        let mut merged =
            person("m", "mastodon", "@k@k.example", "Kultur Blog", Some("https://k.example"));
        merged.merged_into = Some(0);
        assert!(suggested(vec![site, merged]).is_empty());
    }
}
