//! Self-talk: "Wer nur über sich schreibt, langweilt die anderen." How many of our items speak
//! only of ourselves, how many turn to others, and what each kind gets back.
//!
//! Definitions (docs/measures.md, "Self-talk"). Classified are the public posts, comments,
//! replies and quote posts of owners. An item is
//!
//! - **dialogue** when it shows a sign of others, checked in this order (the first found is
//!   its `sign`): it *answers* (addresses, by parent link, `@Name` or as a top-level comment,
//!   an item by someone who is not an owner; see `threads`); it *mentions* an `@handle` that
//!   is not an owner's (handle, display name or its first word); it *links a source* whose
//!   host is not one of ours; it *names a work* with an author who is not one of us
//!   (`relate_text::works`); it *asks* a question (`relate_text::acts`);
//! - **self** when it shows none of these and speaks of us: a first person plural pronoun
//!   ("wir", "unsere", "our"), one of our names, or a link to our own site;
//! - **neutral** otherwise (neither: "Heute ist Welttag des Buches.").
//!
//! *Our names* (`relate_text::SelfNames`): every owner account's display name, each of its
//! capitalised words of four letters or more ("Stadtmuseum", "Lindenau", "Lena"), and its
//! handle without `@` and instance ("museum" of `museum@kultur.social`) when that has four
//! characters or more. *Our hosts*: the hosts of the pages of conversations on a site
//! (`sources::SITE_PLATFORMS`) that hold an owner's post, of those posts' own URLs, and of
//! owner accounts' website on such a platform; a social network's host is everyone's and
//! never ours.
//!
//! *Replies received* by an owner item: public items with words (not likes, boosts,
//! pingbacks) by others (not owners, not sites) that address it.
//!
//! Cost: one pass over the items' addresses, and text read only for owner items that do not
//! answer anyone. A heuristic: it reads signs, not meaning (see docs/measures.md for what it
//! misses and how it fared against hand codes).

use rayon::prelude::*;
use relate_model::corpus::Corpus;
use relate_model::{ItemKind, ParticipantKind, State};
use relate_text::{Act, SelfNames, SelfRefKind};
use rustc_hash::FxHashSet as HashSet;
use serde::Serialize;

use crate::sources::{SITE_PLATFORMS, normalise};
use crate::threads::Threads;

/// What an owner item does, as far as its signs tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Speaks only of us.
    #[serde(rename = "self")]
    SelfTalk,
    /// Answers, asks, or relates others and their sources.
    Dialogue,
    /// Neither.
    Neutral,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::SelfTalk, Class::Dialogue, Class::Neutral];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::SelfTalk => "self",
            Class::Dialogue => "dialogue",
            Class::Neutral => "neutral",
        }
    }
}

/// The evidence for an item's class: the first sign found (see the module doc for the order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sign {
    Answers,
    Mentions,
    LinksSource,
    NamesWork,
    Asks,
    /// "wir", "uns", "our", ...
    SelfWord,
    OwnName,
    OwnLink,
    /// No sign either way (neutral).
    Nothing,
}

impl Sign {
    pub fn as_str(self) -> &'static str {
        match self {
            Sign::Answers => "answers",
            Sign::Mentions => "mentions",
            Sign::LinksSource => "links-source",
            Sign::NamesWork => "names-work",
            Sign::Asks => "asks",
            Sign::SelfWord => "self-word",
            Sign::OwnName => "own-name",
            Sign::OwnLink => "own-link",
            Sign::Nothing => "nothing",
        }
    }

    pub fn class(self) -> Class {
        match self {
            Sign::Answers | Sign::Mentions | Sign::LinksSource | Sign::NamesWork | Sign::Asks => {
                Class::Dialogue
            }
            Sign::SelfWord | Sign::OwnName | Sign::OwnLink => Class::SelfTalk,
            Sign::Nothing => Class::Neutral,
        }
    }
}

/// One classified owner item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    pub item: u32,
    pub class: Class,
    pub sign: Sign,
    /// Others' public items addressing it.
    pub replies: u32,
}

/// The figures of one class.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub count: u64,
    /// count / classified owner items.
    pub share: Option<f64>,
    /// Replies received by the items of this class, together.
    pub replies: u64,
    /// Items of this class with at least one reply.
    pub with_replies: u64,
    /// replies / count.
    pub mean_replies: Option<f64>,
}

/// The three classes over a set of owner items.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Owner items in the set.
    pub items: u64,
    #[serde(rename = "self")]
    pub self_talk: Figures,
    pub dialogue: Figures,
    pub neutral: Figures,
}

impl Tally {
    pub fn figures(&self, class: Class) -> &Figures {
        match class {
            Class::SelfTalk => &self.self_talk,
            Class::Dialogue => &self.dialogue,
            Class::Neutral => &self.neutral,
        }
    }

    fn add(&mut self, c: &Classified) {
        self.items += 1;
        let f = match c.class {
            Class::SelfTalk => &mut self.self_talk,
            Class::Dialogue => &mut self.dialogue,
            Class::Neutral => &mut self.neutral,
        };
        f.count += 1;
        f.replies += u64::from(c.replies);
        f.with_replies += u64::from(c.replies > 0);
    }

    fn finish(&mut self) {
        let total = self.items;
        for f in [&mut self.self_talk, &mut self.dialogue, &mut self.neutral] {
            f.share = (total > 0).then(|| f.count as f64 / total as f64);
            f.mean_replies = (f.count > 0).then(|| f.replies as f64 / f.count as f64);
        }
    }
}

#[derive(Debug, Default, Serialize)]
pub struct SelfTalk {
    /// Every classified owner item.
    pub all: Tally,
    /// Our posts alone: a post collects the comments of its whole thread, an answer rarely
    /// gets one, so replies received compare fairly only among items of one kind.
    pub posts: Tally,
    /// Every classified owner item, in corpus order.
    #[serde(skip)]
    pub items: Vec<Classified>,
}

/// True for the owner items this analysis classifies.
pub fn is_classified(corpus: &Corpus, index: u32) -> bool {
    let item = &corpus.items[index as usize];
    item.state == State::Public
        && corpus.is_owner_item(item)
        && matches!(
            item.kind,
            ItemKind::Post | ItemKind::Comment | ItemKind::Reply | ItemKind::Quote
        )
}

pub fn compute(corpus: &Corpus, threads: &Threads) -> SelfTalk {
    let us = Us::of(corpus);
    let owner_items: Vec<u32> =
        (0..corpus.items.len() as u32).filter(|&i| is_classified(corpus, i)).collect();
    let mut replies = vec![0u32; corpus.items.len()];
    for (i, item) in corpus.items.iter().enumerate() {
        let author = corpus.author(item);
        if item.state != State::Public
            || item.kind.is_attention()
            || item.kind.is_link_notice()
            || author.is_owner
            || author.kind == ParticipantKind::Site
        {
            continue;
        }
        for address in &threads.addresses[i] {
            replies[address.target as usize] += 1;
        }
    }
    let items: Vec<Classified> = owner_items
        .par_iter()
        .map(|&item| {
            let sign = sign(corpus, threads, &us, item);
            Classified { item, class: sign.class(), sign, replies: replies[item as usize] }
        })
        .collect();
    let mut out = SelfTalk::default();
    for c in &items {
        out.all.add(c);
        if corpus.items[c.item as usize].kind == ItemKind::Post {
            out.posts.add(c);
        }
    }
    out.all.finish();
    out.posts.finish();
    out.items = items;
    out
}

/// What marks an item as ours: names, handles, hosts.
struct Us {
    names: SelfNames,
    /// Lowercase handles and names an `@mention` of one of us may use.
    handles: HashSet<String>,
    hosts: HashSet<String>,
}

impl Us {
    fn of(corpus: &Corpus) -> Us {
        let mut names: Vec<String> = Vec::new();
        let mut handles: HashSet<String> = HashSet::default();
        let mut hosts: HashSet<String> = HashSet::default();
        let site = |platform: &str| SITE_PLATFORMS.contains(&platform);
        for p in corpus.participants.iter().filter(|p| p.is_owner) {
            names.push(p.display_name.clone());
            for word in p.display_name.split(|c: char| !c.is_alphanumeric()) {
                if word.chars().count() >= 4 && word.starts_with(char::is_uppercase) {
                    names.push(word.to_string());
                }
            }
            let handle = p.handle.trim_start_matches('@');
            let local = handle.split('@').next().unwrap_or(handle);
            if local.chars().count() >= 4 {
                names.push(local.to_string());
            }
            handles.insert(handle.to_lowercase());
            handles.insert(local.to_lowercase());
            handles.insert(p.display_name.to_lowercase());
            if let Some(first) = p.display_name.split_whitespace().next() {
                handles.insert(first.to_lowercase());
            }
            if site(&p.platform)
                && let Some(n) = p.url.as_deref().and_then(normalise)
            {
                hosts.insert(n.host);
            }
        }
        for item in &corpus.items {
            if item.kind != ItemKind::Post
                || item.state != State::Public
                || !corpus.is_owner_item(item)
            {
                continue;
            }
            let conversation = &corpus.conversations[item.conversation as usize];
            if !site(&conversation.platform) {
                continue;
            }
            // a toot announcing a blog post is stitched into the post's conversation: its own
            // URL is the social network's, which is everyone's host, not ours
            let own_url = item.url().filter(|_| site(&corpus.author(item).platform));
            for url in [conversation.url.as_deref(), own_url].into_iter().flatten() {
                if let Some(n) = normalise(url) {
                    hosts.insert(n.host);
                }
            }
        }
        Us { names: SelfNames::new(&names), handles, hosts }
    }

    fn is_ours(&self, link: &str) -> Option<bool> {
        normalise(link).map(|n| self.hosts.contains(&n.host))
    }
}

fn sign(corpus: &Corpus, threads: &Threads, us: &Us, index: u32) -> Sign {
    let answers = threads.addresses[index as usize]
        .iter()
        .any(|a| !corpus.is_owner_item(&corpus.items[a.target as usize]));
    if answers {
        return Sign::Answers;
    }
    let text = corpus.text_of(index);
    let mentions = relate_text::mentions(text);
    if mentions.iter().any(|m| !us.handles.contains(&m.to_lowercase())) {
        return Sign::Mentions;
    }
    let links = corpus.items[index as usize].links();
    let ours: Vec<Option<bool>> = links.iter().map(|l| us.is_ours(l)).collect();
    if ours.contains(&Some(false)) {
        return Sign::LinksSource;
    }
    let others_work = relate_text::works(text).iter().any(|w| {
        w.author.as_deref().is_some_and(|a| {
            relate_text::self_reference(a, &us.names).is_none_or(|r| r.kind != SelfRefKind::Name)
        })
    });
    if others_work {
        return Sign::NamesWork;
    }
    if Act::Question.is_performed_by(text) {
        return Sign::Asks;
    }
    match relate_text::self_reference(text, &us.names) {
        Some(r) if r.kind == SelfRefKind::Pronoun => Sign::SelfWord,
        Some(_) => Sign::OwnName,
        None if ours.contains(&Some(true)) => Sign::OwnLink,
        None => Sign::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::threads;
    use relate_model::corpus::testing::corpus_from_text;

    fn classify(text: &str) -> (String, SelfTalk) {
        let corpus = corpus_from_text(text);
        let talk = compute(&corpus, &threads::compute(&corpus));
        let lines = talk
            .items
            .iter()
            .map(|c| {
                format!(
                    "#{} {} {} {}\n",
                    corpus.native_id_of(c.item),
                    c.class.as_str(),
                    c.sign.as_str(),
                    c.replies
                )
            })
            .collect();
        (lines, talk)
    }

    /// The example of docs/measures.md ("Self-talk").
    #[test]
    fn self_dialogue_and_neutral_with_the_replies_each_gets() {
        let (lines, talk) = classify(
            "owner Stadtmuseum_Lindenau
             == p1 platform=wordpress url=https://stadtmuseum.example/2026/karten Karten
             #1 Stadtmuseum_Lindenau: Ab Montag zeigen wir unsere neuen Karten im Foyer.
             #2 Ben -> #1: Schön, ich komme.
             == p2 platform=wordpress url=https://stadtmuseum.example/2026/frage Frage
             #3 Stadtmuseum_Lindenau: Welches Objekt sollen wir als Nächstes zeigen?
             #4 Ben -> #3: Die Webstühle!
             #5 Carl -> #3: Die Kaffeemühle.
             #6 Stadtmuseum_Lindenau -> #5: @Carl: Gute Wahl, die kommt im Mai.
             #7 Carl -> #6: Danke!
             == p3 platform=mastodon
             #8 Stadtmuseum_Lindenau: Neu im Blog: https://stadtmuseum.example/2026/karten
             #9 Stadtmuseum_Lindenau: Lesenswert, wie Depots anderswo öffnen: https://zeitung.example/depots
             #10 Stadtmuseum_Lindenau: Heute ist Welttag des Buches.
             #11 Stadtmuseum_Lindenau: Das Stadtmuseum Lindenau hat am Montag geschlossen.",
        );
        assert_eq!(
            lines,
            "#1 self self-word 1\n\
             #3 dialogue asks 2\n\
             #6 dialogue answers 1\n\
             #8 self own-link 0\n\
             #9 dialogue links-source 0\n\
             #10 neutral nothing 0\n\
             #11 self own-name 0\n"
        );
        let f = |tally: &Tally, c: Class| {
            let f = tally.figures(c);
            (f.count, f.replies, f.with_replies)
        };
        assert_eq!(talk.all.items, 7);
        assert_eq!(f(&talk.all, Class::SelfTalk), (3, 1, 1));
        assert_eq!(f(&talk.all, Class::Dialogue), (3, 3, 2));
        assert_eq!(f(&talk.all, Class::Neutral), (1, 0, 0));
        assert_eq!(talk.all.dialogue.mean_replies, Some(1.0));
        assert_eq!(talk.all.self_talk.share, Some(3.0 / 7.0));
        // #6 is an answer, not a post: among posts, dialogue is #3 and #9 with 2 replies
        assert_eq!(talk.posts.items, 6);
        assert_eq!(f(&talk.posts, Class::Dialogue), (2, 2, 1));
        assert_eq!(talk.posts.self_talk.mean_replies, Some(1.0 / 3.0));
    }

    #[test]
    fn answering_our_own_item_mentioning_us_and_naming_our_work_stay_self() {
        let (lines, _) = classify(
            "owner Lena_Vogt
             owner Kunsthalle
             #1 Kunsthalle: Our summer programme is out.
             #2 Lena_Vogt -> #1: @Kunsthalle and we added a night tour.
             #3 Kunsthalle: The catalogue \"Salt and Light\" by Lena Vogt is out today.
             #4 Kunsthalle: Frances Oduya's \"Open Stores\" changed how we plan.
             #5 Kunsthalle: Thanks @nina_k for the photos from our opening.
             #6 Gast -> #1 [spam]: @Kunsthalle buy followers",
        );
        assert_eq!(
            lines,
            "#1 self self-word 0\n\
             #2 self self-word 0\n\
             #3 self own-name 0\n\
             #4 dialogue names-work 0\n\
             #5 dialogue mentions 0\n"
        );
    }

    #[test]
    fn a_stitched_toot_does_not_make_its_social_network_ours() {
        // after stitching, our toot announcing the blog post sits in the post's conversation
        let mut corpus = corpus_from_text(
            "owner Museum
             owner museum_toots
             == post platform=wordpress url=https://museum.example/2026/depot
             #1 Museum: Unser Depot ist offen.
             #2 museum_toots: Neu im Blog: das Depot.
             #3 museum_toots: Lesenswert dazu: https://mastodon.social/@zeitung/999",
        );
        let toots = corpus.participants.iter().position(|p| p.display_name == "museum toots");
        corpus.participants[toots.unwrap()].platform = "mastodon".into();
        corpus.participants[0].platform = "wordpress".into();
        corpus.items[1].extra = relate_model::corpus::ItemExtra::new(
            Some("https://mastodon.social/@museum/1".into()),
            Box::default(),
        );
        let talk = compute(&corpus, &threads::compute(&corpus));
        let sign = |id: &str| {
            talk.items.iter().find(|c| corpus.native_id_of(c.item) == id).map(|c| c.sign.as_str())
        };
        // a link to someone else on the same network relates their source
        assert_eq!(sign("3"), Some("links-source"));
    }
}
