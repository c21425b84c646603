//! `twitter-archive`: the X/Twitter archive as the account owner downloads it (Settings ->
//! Your account -> Download an archive), as the .zip, the unpacked folder, or one `tweets.js`.
//!
//! ## Format
//! A folder `data/` of JavaScript files, each `window.YTD.<type>.partN = [ ... ]`, described by
//! `data/manifest.js` (`window.__THAR_CONFIG = {userInfo, archiveInfo, dataTypes}`; the
//! archive's own `data/README.txt`; notes in `../shared/corpus/FORMATS.md` §4). Tweets are in
//! `tweets.js` (before about 2022 `tweet.js`), split into `tweets-part1.js`, ... when large.
//! Each element is `{"tweet": {...}}` (very old archives: the tweet object itself) with
//! `id_str`, `created_at` (`Sat May 13 17:20:09 +0000 2023`), `full_text`, `entities`
//! (`urls`, `user_mentions`, `media`), `in_reply_to_status_id_str`,
//! `in_reply_to_screen_name`, `retweeted`, `favorite_count`, `retweet_count` (counts and ids
//! as strings), `edit_info`. There is no author object and no conversation id.
//!
//! Only these files are opened: the tweets files, the manifest, and `follower.js` /
//! `following.js` (streamed to count their elements, nothing else kept). Direct messages,
//! `account.js` (e-mail, phone), `ip-audit.js`, device tokens and everything else in the
//! archive are never read, whatever the folder holds.
//!
//! ## Mapping
//! - The owner (manifest `userInfo`: `accountId`, `userName`, `displayName`) is the one
//!   participant, `twitter:<account id>`, a site author with the profile `https://x.com/<name>`.
//! - Every tweet is an item `twitter:status:<id>` (the key [`crate::twitter_api_v2`] gives the
//!   same tweet, so both imports merge). `in_reply_to_status_id_str` is the parent (also when
//!   the parent is someone else's tweet, not in the archive: an orphan, kept).
//! - Conversation: the archive has no conversation id. A reply chain is followed up through
//!   the archive's own tweets; the conversation is the first tweet of the chain, or, when the
//!   chain leaves the archive, the tweet it answers there. That is the API's
//!   `conversation_id` whenever the owner started the thread or answered its first tweet,
//!   and the closest stand-in for it otherwise (the true root is not in the file). A reply to
//!   the conversation's first tweet is a comment, deeper ones are replies.
//! - Retweets (`retweeted`, or text starting `RT @`) are reposts in a conversation of their
//!   own, without parent (the archive does not name the original tweet). A tweet that links
//!   a tweet (`quoted_status_id_str`, or an `entities.urls` link to `/status/<id>`) and
//!   answers nothing is a quote, its parent the quoted tweet.
//! - `entities.urls[].expanded_url` are the links (and replace the `t.co` links in the text);
//!   `entities.user_mentions[].screen_name` the mentions.
//! - `favorite_count` / `retweet_count` become `likes` / `reposts` audience snapshots of the
//!   item (reposts' counts, which are the original's, left out); `follower.js` and
//!   `following.js` the owner's `followers` / `following` (the manifest's counts when the
//!   files are absent). All are dated with the manifest's `generationDate`.
//!
//! ## Known quirks
//! - Files may carry a prefix (`museum-tweets.js`, `museum-manifest.js` side by side): found
//!   by suffix, while `deleted-tweets.js`, `note-tweet.js`, `community-tweet.js` and
//!   `twitter-circle-tweet.js` are other data types and never read.
//! - Text is HTML-escaped (`&amp;`, `&lt;`, `&gt;`): unescaped.
//! - `in_reply_to_user_id` without `in_reply_to_status_id` is an old `@name` tweet addressed
//!   to someone, not a reply to a tweet: a post with a mention.
//! - An edited tweet may appear once per version; versions superseded by a later one in the
//!   archive (`edit_info` lists the chain) are skipped and counted.
//! - A lone `tweets.js` has no manifest: the owner is recognised from replies to the
//!   archive's own tweets (they name the owner's id and handle), otherwise a warning says
//!   that the items are attributed to an unknown owner.

use std::collections::BTreeMap;

use relate_model::{
    AudienceSnapshot, Conversation, Item, ItemKind, Participant, ParticipantKind, State,
};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::json::{Scalar, for_each_element};
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct TwitterArchive;

const ID: &str = "twitter-archive";

/// The platform string of both Twitter importers.
pub(crate) const PLATFORM: &str = "twitter";

/// Key of a tweet (item or conversation), shared with the API importer.
pub(crate) fn status_key(id: &str) -> String {
    format!("twitter:status:{id}")
}

/// Key of an account, shared with the API importer: the numeric id survives renames.
pub(crate) fn account_key(id: &str) -> String {
    format!("twitter:{id}")
}

pub(crate) fn profile_url(handle: &str) -> String {
    format!("https://x.com/{handle}")
}

/// A tweet's public URL; `i/web` serves any tweet when the author's handle is not known.
pub(crate) fn status_url(handle: Option<&str>, id: &str) -> String {
    match handle {
        Some(h) if !h.is_empty() => format!("https://x.com/{h}/status/{id}"),
        _ => format!("https://x.com/i/web/status/{id}"),
    }
}

/// Tweet text as people read it: Twitter escapes `&`, `<` and `>` in both the archive and
/// the API, and shortens every link to `t.co`.
pub(crate) fn readable_text<'a>(
    raw: &str,
    links: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut text = raw.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    for (short, expanded) in links {
        if !short.is_empty() && !expanded.is_empty() {
            text = text.replace(short, expanded);
        }
    }
    text
}

/// The tweet id a link points at (`https://twitter.com/name/status/123`, `x.com`,
/// `mobile.twitter.com`, `/statuses/`, `i/web/status/`).
pub(crate) fn linked_status_id(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").or_else(|| rest.strip_prefix("mobile.")).unwrap_or(rest);
    let rest = rest.strip_prefix("twitter.com/").or_else(|| rest.strip_prefix("x.com/"))?;
    let mut parts = rest.split('/');
    let mut previous = parts.next()?;
    for part in parts {
        if matches!(previous, "status" | "statuses") {
            let id = part.split(['?', '#']).next().unwrap_or("");
            return (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some(id);
        }
        previous = part;
    }
    None
}

/// An audience number the export states. Zeros are kept: an average over the items that have
/// a number must see the unliked ones too (the Bluesky importers keep them as well).
pub(crate) fn snapshot(
    sink: &mut dyn Sink,
    account: Option<&str>,
    item: Option<&str>,
    metric: &str,
    value: Option<i64>,
    at: Option<i64>,
) -> Result<(), ImportError> {
    match value {
        Some(value) if value >= 0 => sink.audience(AudienceSnapshot {
            platform: PLATFORM.into(),
            account: account.map(str::to_string),
            item: item.map(str::to_string),
            metric: metric.into(),
            value,
            at,
        })?,
        _ => {}
    }
    Ok(())
}

/// `Sat May 13 17:20:09 +0000 2023` (API v1.1 and archives); RFC 3339 as a fallback.
fn parse_created_at(s: &str) -> Option<i64> {
    relate_model::time::parse_twitter(s).or_else(|| relate_model::time::parse_rfc3339(s))
}

impl Importer for TwitterArchive {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "X/Twitter archive (.zip, folder or tweets.js): your tweets, replies, retweets, follower counts"
    }

    fn detect(&self, input: &Input) -> Detection {
        let files = if input.is_dir() { tweets_candidates(input) } else { input.files() };
        if files.iter().take(4).any(|f| sniff(&input.head(f, 512)) == Sniff::Tweets) {
            return Detection::Yes;
        }
        // A manifest without tweets: ours to reject with a message that says so.
        let manifests = manifest_candidates(input);
        if manifests.iter().take(2).any(|f| sniff(&input.head(f, 512)) == Sniff::Manifest) {
            return Detection::Maybe;
        }
        Detection::No
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let manifest = read_manifest(input, sink);
        let tweet_files = tweets_files(input, manifest.as_ref());
        if tweet_files.is_empty() {
            let mut found = input.files();
            let more = found.len().saturating_sub(12);
            found.truncate(12);
            return Err(input.not_this_format(
                ID,
                format!(
                    "no tweets.js (or tweet.js, tweets-partN.js) in it; found: {}{}",
                    found.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
            ));
        }
        let mut summary = ImportSummary::default();

        // Pass 1: which tweets the archive holds and what they answer, to find conversations.
        let mut chain = Chain::default();
        for name in &tweet_files {
            let file = input.display_path(name);
            let reader = input.open_or_err(name)?;
            for_each_element(reader, &[], &file, &mut |_, raw| {
                if let Ok(t) = parse_element::<TweetLinks>(raw.get()) {
                    chain.add(&t);
                }
            })?;
        }
        chain.finish();

        let at = manifest.as_ref().and_then(|m| m.generation_date());
        let owner = owner(manifest.as_ref(), &chain, input, &tweet_files, sink);
        sink.participant(Participant {
            key: owner.key.clone(),
            platform: PLATFORM.into(),
            handle: owner.handle.clone(),
            display_name: owner.display_name.clone(),
            url: owner.known.then(|| profile_url(&owner.handle)),
            kind: ParticipantKind::Person,
            site_author: true,
        })?;
        for (metric, data_type) in [("followers", "follower"), ("following", "following")] {
            let count = count_elements(input, manifest.as_ref(), data_type, sink);
            snapshot(sink, Some(&owner.key), None, metric, count, at)?;
        }

        // Pass 2: the items.
        let mut emitted = Written::new(&chain);
        let mut conversations = Written::new(&chain);
        let handle = owner.known.then_some(owner.handle.as_str());
        for name in &tweet_files {
            let file = input.display_path(name);
            let reader = input.open_or_err(name)?;
            let mut failed: Option<ImportError> = None;
            for_each_element(reader, &[], &file, &mut |index, raw| {
                if failed.is_some() {
                    return;
                }
                let location = format!("{}[{index}]", file.display());
                let tweet = match parse_element::<ArchiveTweet>(raw.get()) {
                    Ok(t) => t,
                    Err(err) => {
                        sink.warn(Warning {
                            location,
                            message: format!("not a tweet, skipped: {err}"),
                        });
                        return;
                    }
                };
                let mut state = ItemState {
                    owner: &owner.key,
                    handle,
                    at,
                    chain: &chain,
                    emitted: &mut emitted,
                    conversations: &mut conversations,
                    skipped: &mut summary.skipped,
                };
                if let Err(err) = emit_tweet(tweet, &location, &mut state, sink) {
                    failed = Some(err);
                }
            })?;
            if let Some(err) = failed {
                return Err(err);
            }
        }
        Ok(summary)
    }
}

struct Owner {
    key: String,
    handle: String,
    display_name: String,
    /// False for the stand-in used when neither manifest nor self-replies name the owner.
    known: bool,
}

fn owner(
    manifest: Option<&Manifest>,
    chain: &Chain,
    input: &Input,
    tweet_files: &[String],
    sink: &mut dyn Sink,
) -> Owner {
    let info = manifest.and_then(|m| m.user_info.as_ref());
    if let Some(id) = info.and_then(|u| u.account_id.as_ref()).and_then(Scalar::text) {
        let handle = info.and_then(|u| u.user_name.clone()).unwrap_or_else(|| id.clone());
        let display_name =
            info.and_then(|u| u.display_name.clone()).unwrap_or_else(|| handle.clone());
        return Owner { key: account_key(&id), handle, display_name, known: true };
    }
    if let Some((id, handle)) = chain.self_reply_author() {
        return Owner { key: account_key(&id), display_name: handle.clone(), handle, known: true };
    }
    sink.warn(Warning {
        location: input.display_path(&tweet_files[0]).display().to_string(),
        message: "no manifest.js beside the tweets and no reply to the archive's own tweets: \
                  the owner's account is unknown, the tweets are attributed to a stand-in \
                  (import the whole archive, .zip or folder, to fix this)"
            .into(),
    });
    Owner {
        key: account_key("archive-owner"),
        handle: "archive-owner".into(),
        display_name: "archive owner".into(),
        known: false,
    }
}

/// What pass 1 learns: every tweet id with its parent, the edits, and (for a lone tweets.js)
/// who wrote the tweets that others answer. Sorted vectors of ids, about 16 bytes a tweet
/// (plus 8 per tweet outside the archive that a reply answers), no map per tweet.
#[derive(Default)]
struct Chain {
    /// (tweet id, parent id), sorted by id, one entry per id; a tweet that answers nothing
    /// has its own id as parent (which `root` treats like a tweet answering itself).
    links: Vec<(u64, u64)>,
    /// How many tweets name a parent (answering themselves included): bounds a walk up.
    replies: usize,
    /// Listings (positions in `links` before `finish`) of tweets that name themselves as
    /// parent: broken data, rare.
    self_replies: Vec<usize>,
    /// Later versions of edited tweets: (superseded version, latest version), sorted, one
    /// entry per superseded version.
    edits: Vec<(u64, u64)>,
    /// Parents outside the archive that some reply answers, sorted: the roots of chains that
    /// leave it.
    outside: Vec<u64>,
    /// (parent id, parent's author id, parent's author handle) for a few replies, to find the
    /// owner when there is no manifest.
    addressed: Vec<(u64, String, String)>,
}

impl Chain {
    fn add(&mut self, t: &TweetLinks) {
        let Some(id) = t.id() else { return };
        let parent = t.in_reply_to_status_id_str.as_ref().or(t.in_reply_to_status_id.as_ref());
        let parent = parent.and_then(Scalar::number);
        self.links.push((id, parent.unwrap_or(id)));
        if let Some(parent) = parent {
            if parent == id {
                self.self_replies.push(self.links.len() - 1);
            }
            let author = t.in_reply_to_user_id_str.as_ref().and_then(Scalar::text);
            if let (Some(author), Some(handle)) = (author, &t.in_reply_to_screen_name)
                && self.addressed.len() < 10_000
            {
                self.addressed.push((parent, author, handle.clone()));
            }
        }
        if let Some(versions) = t.edit_info.as_ref().and_then(EditInfo::versions) {
            let latest = versions.last().and_then(Scalar::number);
            if let Some(latest) = latest.filter(|&l| l != id) {
                self.edits.push((id, latest));
            }
        }
    }

    /// Sorts what pass 1 collected. Of several listings of a tweet, the last that names a
    /// parent gives the parent; of several edit chains, the last listed.
    fn finish(&mut self) {
        let answering_themselves = self.settle_self_replies();
        // reversed, a stable sort keeps the last listing first of its run
        self.links.reverse();
        self.links.sort_by_key(|&(id, _)| id);
        self.links.dedup_by(|later, kept| {
            if later.0 != kept.0 {
                return false;
            }
            if kept.1 == kept.0 {
                kept.1 = later.1;
            }
            true
        });
        self.links.shrink_to_fit();
        self.edits.reverse();
        self.edits.sort_by_key(|&(id, _)| id);
        self.edits.dedup_by_key(|&mut (id, _)| id);
        self.edits.shrink_to_fit();
        let answering_others = self.links.iter().filter(|&&(id, parent)| parent != id).count();
        self.replies = answering_others + answering_themselves;
        let mut outside: Vec<u64> = self
            .links
            .iter()
            .filter(|&&(id, parent)| parent != id && !self.contains(parent))
            .map(|&(_, parent)| parent)
            .collect();
        outside.sort_unstable();
        outside.dedup();
        outside.shrink_to_fit();
        self.outside = outside;
    }

    /// A tweet listed as answering itself and, later, as answering another keeps the other
    /// parent; else it answers itself, and its other listings are made to say so (a tweet
    /// answering nothing is stored like one answering itself). Returns how many tweets
    /// answer themselves.
    fn settle_self_replies(&mut self) -> usize {
        if self.self_replies.is_empty() {
            return 0;
        }
        let mut last_self: FxHashMap<u64, usize> = FxHashMap::default();
        for &at in &self.self_replies {
            last_self.insert(self.links[at].0, at);
        }
        for (at, &(id, parent)) in self.links.iter().enumerate() {
            if parent != id && last_self.get(&id).is_some_and(|&last| last < at) {
                last_self.remove(&id);
            }
        }
        for link in &mut self.links {
            if last_self.contains_key(&link.0) {
                link.1 = link.0;
            }
        }
        self.self_replies = Vec::new();
        last_self.len()
    }

    fn position(&self, id: u64) -> Option<usize> {
        self.links.binary_search_by_key(&id, |&(id, _)| id).ok()
    }

    fn contains(&self, id: u64) -> bool {
        self.position(id).is_some()
    }

    /// The parent a tweet of the archive names (its own id when it answers nothing).
    fn parent(&self, id: u64) -> Option<u64> {
        self.position(id).map(|at| self.links[at].1)
    }

    /// The latest version of an edited tweet.
    fn latest_edit(&self, id: u64) -> Option<u64> {
        let at = self.edits.binary_search_by_key(&id, |&(id, _)| id).ok()?;
        Some(self.edits[at].1)
    }

    /// The conversation a reply belongs to: the first tweet of its chain within the archive,
    /// or the tweet outside the archive where the chain leaves it.
    fn root(&self, id: u64) -> u64 {
        let mut current = id;
        // a chain longer than the archive would be a cycle in broken data
        for _ in 0..=self.replies {
            match self.parent(current) {
                Some(parent) if self.contains(parent) && parent != current => {
                    current = parent;
                }
                Some(parent) => return parent,
                None => return current,
            }
        }
        current
    }

    fn self_reply_author(&self) -> Option<(String, String)> {
        self.addressed
            .iter()
            .find(|(parent, _, _)| self.contains(*parent))
            .map(|(_, id, handle)| (id.clone(), handle.clone()))
    }
}

/// Which tweets (or conversations) were already written: a bit per tweet of the archive and
/// per parent outside it, by position in [`Chain`]'s sorted vectors; ids in neither (a tweet
/// pass 1 could not read) in a set.
struct Written {
    archive: Vec<u64>,
    outside: Vec<u64>,
    others: FxHashSet<u64>,
}

impl Written {
    fn new(chain: &Chain) -> Written {
        Written {
            archive: vec![0; chain.links.len().div_ceil(64)],
            outside: vec![0; chain.outside.len().div_ceil(64)],
            others: FxHashSet::default(),
        }
    }

    /// Notes `id`; false when it was noted before.
    fn insert(&mut self, chain: &Chain, id: u64) -> bool {
        let (bits, at) = if let Some(at) = chain.position(id) {
            (&mut self.archive, at)
        } else if let Ok(at) = chain.outside.binary_search(&id) {
            (&mut self.outside, at)
        } else {
            return self.others.insert(id);
        };
        let (word, bit) = (at / 64, 1u64 << (at % 64));
        let new = bits[word] & bit == 0;
        bits[word] |= bit;
        new
    }
}

struct ItemState<'a> {
    owner: &'a str,
    handle: Option<&'a str>,
    at: Option<i64>,
    chain: &'a Chain,
    emitted: &'a mut Written,
    conversations: &'a mut Written,
    skipped: &'a mut BTreeMap<String, u64>,
}

fn emit_tweet(
    tweet: ArchiveTweet,
    location: &str,
    st: &mut ItemState,
    sink: &mut dyn Sink,
) -> Result<(), ImportError> {
    let Some(id) = tweet.id_str.as_ref().or(tweet.id.as_ref()).and_then(Scalar::number) else {
        sink.warn(Warning {
            location: location.to_string(),
            message: "tweet without a numeric id_str, skipped".into(),
        });
        return Ok(());
    };
    if st.chain.latest_edit(id).is_some_and(|latest| st.chain.contains(latest)) {
        *st.skipped.entry("superseded_edit".into()).or_default() += 1;
        return Ok(());
    }
    if !st.emitted.insert(st.chain, id) {
        *st.skipped.entry("duplicate".into()).or_default() += 1;
        return Ok(());
    }
    let id_text = id.to_string();
    let entities = tweet.entities.unwrap_or_default();
    let raw_text = tweet.full_text.or(tweet.text).unwrap_or_default();
    let text = readable_text(
        &raw_text,
        entities
            .urls
            .iter()
            .map(|u| (u.url.as_deref().unwrap_or(""), u.expanded_url.as_deref().unwrap_or(""))),
    );
    let mut links: Vec<String> = Vec::new();
    for url in &entities.urls {
        if let Some(link) = url.expanded_url.as_ref().or(url.url.as_ref())
            && !link.is_empty()
            && !links.contains(link)
        {
            links.push(link.clone());
        }
    }
    let mentions: Vec<String> =
        entities.user_mentions.iter().filter_map(|m| m.screen_name.clone()).collect();

    let reply_to = tweet
        .in_reply_to_status_id_str
        .as_ref()
        .or(tweet.in_reply_to_status_id.as_ref())
        .and_then(Scalar::number);
    let repost =
        tweet.retweeted.as_ref().is_some_and(Scalar::truthy) || raw_text.starts_with("RT @");
    let quoted = tweet.quoted_status_id_str.as_ref().and_then(Scalar::number).or_else(|| {
        links
            .iter()
            .filter_map(|l| linked_status_id(l)?.parse::<u64>().ok())
            .find(|&linked| linked != id)
    });
    let (kind, parent, root) = if repost {
        (ItemKind::Repost, None, id)
    } else if let Some(parent) = reply_to {
        let root = st.chain.root(id);
        let kind = if parent == root { ItemKind::Comment } else { ItemKind::Reply };
        (kind, Some(parent), root)
    } else if let Some(quoted) = quoted {
        (ItemKind::Quote, Some(quoted), id)
    } else {
        (ItemKind::Post, None, id)
    };

    let conversation = status_key(&root.to_string());
    if st.conversations.insert(st.chain, root) {
        // the root is the owner's when it is in the archive; else it is the tweet this one
        // answers, whose author the reply names
        let root_handle = if st.chain.contains(root) {
            st.handle
        } else {
            tweet.in_reply_to_screen_name.as_deref().filter(|_| parent == Some(root))
        };
        sink.conversation(Conversation {
            key: conversation.clone(),
            platform: PLATFORM.into(),
            title: None,
            url: Some(status_url(root_handle, &root.to_string())),
        })?;
    }
    let key = status_key(&id_text);
    let created_at = tweet.created_at.as_deref().and_then(parse_created_at);
    if created_at.is_none() {
        sink.warn(Warning {
            location: location.to_string(),
            message: format!("tweet {id} has no readable created_at; stored without a date"),
        });
    }
    sink.item(Item {
        key: key.clone(),
        native_id: id_text.clone(),
        conversation,
        parent: parent.map(|p| status_key(&p.to_string())),
        author: st.owner.to_string(),
        kind,
        state: State::Public,
        created_at,
        title: None,
        url: Some(status_url(st.handle, &id_text)),
        text,
        html: None,
        links,
        mentions,
    })?;
    if kind != ItemKind::Repost {
        let likes = tweet.favorite_count.as_ref().and_then(Scalar::count);
        snapshot(sink, None, Some(&key), "likes", likes, st.at)?;
        let reposts = tweet.retweet_count.as_ref().and_then(Scalar::count);
        snapshot(sink, None, Some(&key), "reposts", reposts, st.at)?;
    }
    Ok(())
}

// ---- finding the files ----

#[derive(Debug, PartialEq, Eq)]
enum Sniff {
    Tweets,
    Manifest,
    Other,
}

fn sniff(head: &[u8]) -> Sniff {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if text.starts_with("window.YTD.tweets.part") || text.starts_with("window.YTD.tweet.part") {
        Sniff::Tweets
    } else if text.starts_with("window.__THAR_CONFIG") {
        Sniff::Manifest
    } else {
        Sniff::Other
    }
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `<stem>.js`, `<stem>-partN.js`, `<prefix>-<stem>.js` or `<prefix>_<stem>.js`: the prefix
/// (`""` for the file's own name), or `None`.
fn prefix_of<'a>(file_name: &'a str, stems: &[&str]) -> Option<&'a str> {
    let stem = file_name.strip_suffix(".js")?;
    let stem = match stem.rsplit_once("-part") {
        Some((before, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => before,
        _ => stem,
    };
    let prefix = stems.iter().find_map(|s| stem.strip_suffix(s))?;
    (prefix.is_empty() || prefix.ends_with(['-', '_'])).then_some(prefix)
}

/// Data types whose file names end in `tweet(s).js` but hold something else.
fn other_tweet_type(prefix: &str) -> bool {
    let p = prefix.trim_end_matches(['-', '_']).to_ascii_lowercase();
    ["deleted", "community", "note", "circle", "deleted-note"].iter().any(|t| p.ends_with(t))
}

fn is_tweets_name(file_name: &str) -> bool {
    prefix_of(file_name, &["tweets", "tweet"]).is_some_and(|p| !other_tweet_type(p))
}

/// Tweets files by name: the archive's own names when present, else prefixed ones.
fn tweets_candidates(input: &Input) -> Vec<String> {
    let all = input.find_all(is_tweets_name);
    let exact: Vec<String> = all
        .iter()
        .filter(|f| prefix_of(base_name(f), &["tweets", "tweet"]) == Some(""))
        .cloned()
        .collect();
    if exact.is_empty() { all } else { exact }
}

fn manifest_candidates(input: &Input) -> Vec<String> {
    input.find_all(|n| prefix_of(n, &["manifest"]).is_some())
}

/// The tweets files to read: those the manifest lists (in its order), else those found by
/// name, each confirmed by its first bytes.
fn tweets_files(input: &Input, manifest: Option<&Manifest>) -> Vec<String> {
    if !input.is_dir() {
        let files = input.files();
        return files.into_iter().filter(|f| sniff(&input.head(f, 512)) == Sniff::Tweets).collect();
    }
    let listed = manifest.map(|m| m.files(input, &["tweets", "tweet"])).unwrap_or_default();
    let names = if listed.is_empty() { tweets_candidates(input) } else { listed };
    names.into_iter().filter(|f| sniff(&input.head(f, 512)) == Sniff::Tweets).collect()
}

/// The number of elements of `follower.js` / `following.js` (streamed, nothing kept), or the
/// manifest's count when the files are not there.
fn count_elements(
    input: &Input,
    manifest: Option<&Manifest>,
    data_type: &str,
    sink: &mut dyn Sink,
) -> Option<i64> {
    let mut files = manifest.map(|m| m.files(input, &[data_type])).unwrap_or_default();
    if files.is_empty() && input.is_dir() {
        files = input.find_all(|n| prefix_of(n, &[data_type]).is_some_and(|p| p.is_empty()));
        if files.is_empty() {
            files = input.find_all(|n| prefix_of(n, &[data_type]).is_some());
        }
    }
    if files.is_empty() {
        return manifest.and_then(|m| m.count(data_type));
    }
    let mut total = 0i64;
    for name in &files {
        let file = input.display_path(name);
        let counted = input
            .open_or_err(name)
            .and_then(|reader| for_each_element(reader, &[], &file, &mut |_, _| total += 1));
        if let Err(err) = counted {
            sink.warn(Warning {
                location: file.display().to_string(),
                message: format!("could not count the {data_type} list: {err}"),
            });
            return manifest.and_then(|m| m.count(data_type));
        }
    }
    Some(total)
}

fn read_manifest(input: &Input, sink: &mut dyn Sink) -> Option<Manifest> {
    let name = manifest_candidates(input)
        .into_iter()
        .find(|f| sniff(&input.head(f, 512)) == Sniff::Manifest)?;
    let location = input.display_path(&name).display().to_string();
    if input.size(&name).unwrap_or(0) > 16 << 20 {
        sink.warn(Warning { location, message: "manifest larger than 16 MiB, ignored".into() });
        return None;
    }
    let bytes = match input.read(&name) {
        Ok(b) => b,
        Err(err) => {
            sink.warn(Warning { location, message: format!("unreadable manifest: {err}") });
            return None;
        }
    };
    let json = bytes.iter().position(|&b| b == b'=').map_or(&bytes[..], |eq| &bytes[eq + 1..]);
    // a trailing `;` after the object is JavaScript, not JSON
    let mut values = serde_json::Deserializer::from_slice(json).into_iter::<Manifest>();
    match values.next() {
        Some(Ok(mut manifest)) => {
            manifest.path = name;
            Some(manifest)
        }
        Some(Err(err)) => {
            sink.warn(Warning {
                location: format!("{location}:{}:{}", err.line(), err.column()),
                message: format!("malformed manifest, ignored: {err}"),
            });
            None
        }
        None => None,
    }
}

// ---- records ----

/// `{"tweet": {...}}`, or (very old archives) the tweet itself.
fn parse_element<T: DeserializeOwned>(raw: &str) -> Result<T, serde_json::Error> {
    #[derive(Deserialize)]
    struct Wrapped<T> {
        tweet: Option<T>,
    }
    match serde_json::from_str::<Wrapped<T>>(raw)? {
        Wrapped { tweet: Some(t) } => Ok(t),
        Wrapped { tweet: None } => serde_json::from_str(raw),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    #[serde(skip)]
    path: String,
    user_info: Option<UserInfo>,
    archive_info: Option<ArchiveInfo>,
    #[serde(default)]
    data_types: BTreeMap<String, DataType>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserInfo {
    account_id: Option<Scalar>,
    user_name: Option<String>,
    display_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchiveInfo {
    generation_date: Option<String>,
}

#[derive(Deserialize)]
struct DataType {
    #[serde(default)]
    files: Vec<DataFile>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DataFile {
    file_name: Option<String>,
    count: Option<Scalar>,
}

impl Manifest {
    fn generation_date(&self) -> Option<i64> {
        let date = self.archive_info.as_ref()?.generation_date.as_deref()?;
        relate_model::time::parse_rfc3339(date)
    }

    /// The input's files for the manifest's data types, resolved against the archive root
    /// (the manifest sits in `data/`, its names start with `data/`), or beside the manifest.
    fn files(&self, input: &Input, data_types: &[&str]) -> Vec<String> {
        let dir = self.path.rsplit_once('/').map_or("", |(d, _)| d);
        let root = dir.rsplit_once('/').map_or("", |(r, _)| r);
        let join = |base: &str, name: &str| {
            if base.is_empty() { name.to_string() } else { format!("{base}/{name}") }
        };
        let mut out = Vec::new();
        for data_type in data_types {
            let Some(dt) = self.data_types.get(*data_type) else { continue };
            for name in dt.files.iter().filter_map(|f| f.file_name.as_deref()) {
                let candidates = [join(root, name), join(dir, base_name(name)), name.to_string()];
                if let Some(found) = candidates.into_iter().find(|c| input.has(c))
                    && !out.contains(&found)
                {
                    out.push(found);
                }
            }
        }
        out
    }

    fn count(&self, data_type: &str) -> Option<i64> {
        let files = &self.data_types.get(data_type)?.files;
        let counts: Vec<i64> = files.iter().filter_map(|f| f.count.as_ref()?.count()).collect();
        (!counts.is_empty()).then(|| counts.iter().sum())
    }
}

/// The fields pass 1 needs.
#[derive(Deserialize)]
struct TweetLinks {
    id_str: Option<Scalar>,
    id: Option<Scalar>,
    in_reply_to_status_id_str: Option<Scalar>,
    in_reply_to_status_id: Option<Scalar>,
    in_reply_to_user_id_str: Option<Scalar>,
    in_reply_to_screen_name: Option<String>,
    edit_info: Option<EditInfo>,
}

impl TweetLinks {
    fn id(&self) -> Option<u64> {
        self.id_str.as_ref().or(self.id.as_ref()).and_then(Scalar::number)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EditInfo {
    initial: Option<EditControl>,
    edit: Option<EditLater>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EditLater {
    edit_control_initial: Option<EditControl>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EditControl {
    #[serde(default)]
    edit_tweet_ids: Vec<Scalar>,
}

impl EditInfo {
    /// Every version of the tweet, oldest first.
    fn versions(&self) -> Option<&[Scalar]> {
        let control = self
            .initial
            .as_ref()
            .or_else(|| self.edit.as_ref().and_then(|e| e.edit_control_initial.as_ref()))?;
        (control.edit_tweet_ids.len() > 1).then_some(&control.edit_tweet_ids[..])
    }
}

#[derive(Deserialize)]
struct ArchiveTweet {
    id_str: Option<Scalar>,
    id: Option<Scalar>,
    full_text: Option<String>,
    text: Option<String>,
    created_at: Option<String>,
    in_reply_to_status_id_str: Option<Scalar>,
    in_reply_to_status_id: Option<Scalar>,
    in_reply_to_screen_name: Option<String>,
    retweeted: Option<Scalar>,
    favorite_count: Option<Scalar>,
    retweet_count: Option<Scalar>,
    quoted_status_id_str: Option<Scalar>,
    entities: Option<Entities>,
}

#[derive(Deserialize, Default)]
struct Entities {
    #[serde(default)]
    urls: Vec<UrlEntity>,
    #[serde(default)]
    user_mentions: Vec<MentionEntity>,
}

#[derive(Deserialize)]
struct UrlEntity {
    url: Option<String>,
    expanded_url: Option<String>,
}

#[derive(Deserialize)]
struct MentionEntity {
    screen_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};
    use crate::{ImportContext, Pseudonymizer};
    use std::path::Path;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    fn by_key<'a>(sink: &'a VecSink, id: &str) -> &'a Item {
        sink.items.iter().find(|i| i.key == status_key(id)).expect(id)
    }

    fn metric(sink: &VecSink, account: Option<&str>, item: Option<&str>, m: &str) -> Option<i64> {
        sink.audience
            .iter()
            .find(|s| s.account.as_deref() == account && s.item.as_deref() == item && s.metric == m)
            .map(|s| s.value)
    }

    #[test]
    fn file_names_of_tweets_and_of_lookalikes() {
        for yes in [
            "tweets.js",
            "tweet.js",
            "tweets-part1.js",
            "tweets-part12.js",
            "museum-tweets.js",
            "museum_tweet.js",
        ] {
            assert!(is_tweets_name(yes), "{yes}");
        }
        for no in [
            "deleted-tweets.js",
            "note-tweet.js",
            "community-tweet.js",
            "twitter-circle-tweet.js",
            "deleted-note-tweet.js",
            "museum-deleted-tweets.js",
            "tweet-headers.js",
            "direct-messages.js",
            "retweets.js",
            "tweets.json",
        ] {
            assert!(!is_tweets_name(no), "{no}");
        }
        assert_eq!(linked_status_id("https://twitter.com/kunsthalle/status/123?s=20"), Some("123"));
        assert_eq!(linked_status_id("https://x.com/i/web/status/77"), Some("77"));
        assert_eq!(linked_status_id("https://twitter.com/kunsthalle"), None);
        assert_eq!(linked_status_id("https://example.org/status/5"), None);
    }

    /// The fixture archive (`fixtures/twitter-archive/museum/`): manifest, tweets.js and
    /// tweets-part1.js, follower and following lists, and files that must never be read.
    #[test]
    fn folder_archive_threads_reposts_quotes_and_counts() {
        let (res, sink) = import_path(&TwitterArchive, &fixture("twitter-archive/museum"));
        let summary = res.unwrap();
        assert_eq!(sink.warnings, vec![]);
        // 6 tweets in tweets.js + 4 in tweets-part1.js, one of them (1009) an edit superseded
        // by another version in the archive (1010)
        assert_eq!(sink.items.len(), 9);
        assert_eq!(summary.skipped.get("superseded_edit"), Some(&1));

        assert_eq!(sink.participants.len(), 1);
        let owner = &sink.participants[0];
        assert_eq!(owner.key, "twitter:4401");
        assert_eq!(owner.handle, "stadtmuseum_ulm");
        assert_eq!(owner.display_name, "Stadtmuseum Ulm");
        assert_eq!(owner.url.as_deref(), Some("https://x.com/stadtmuseum_ulm"));
        assert!(owner.site_author);
        assert!(sink.items.iter().all(|i| i.author == "twitter:4401"));

        // a self-thread: 1001 <- 1002 (part1) <- 1003
        let post = by_key(&sink, "1001");
        assert_eq!(post.kind, ItemKind::Post);
        assert_eq!(post.conversation, "twitter:status:1001");
        assert_eq!(post.created_at, Some(1_539_202_764)); // Wed Oct 10 20:19:24 +0000 2018
        assert_eq!(post.url.as_deref(), Some("https://x.com/stadtmuseum_ulm/status/1001"));
        assert_eq!(
            post.text,
            "Neue Ausstellung: Ulmer Zünfte & Handwerk <1450–1800> https://museum.example/zuenfte"
        );
        assert_eq!(post.links, vec!["https://museum.example/zuenfte"]);
        let second = by_key(&sink, "1002");
        assert_eq!(
            (second.kind, second.parent.as_deref()),
            (ItemKind::Comment, Some("twitter:status:1001"))
        );
        assert_eq!(second.conversation, "twitter:status:1001");
        let third = by_key(&sink, "1003");
        assert_eq!(
            (third.kind, third.parent.as_deref()),
            (ItemKind::Reply, Some("twitter:status:1002"))
        );
        assert_eq!(third.conversation, "twitter:status:1001");

        // an answer to someone else's tweet (not in the archive): orphan, conversation = parent
        let answer = by_key(&sink, "1004");
        assert_eq!(answer.kind, ItemKind::Comment);
        assert_eq!(answer.parent.as_deref(), Some("twitter:status:9001"));
        assert_eq!(answer.conversation, "twitter:status:9001");
        assert_eq!(answer.mentions, vec!["kulturfreundin"]);
        let conv = sink.conversations.iter().find(|c| c.key == "twitter:status:9001").unwrap();
        assert_eq!(conv.url.as_deref(), Some("https://x.com/kulturfreundin/status/9001"));
        // and the owner's answer to its own answer stays in that conversation
        let deeper = by_key(&sink, "1005");
        assert_eq!(
            (deeper.kind, deeper.conversation.as_str()),
            (ItemKind::Reply, "twitter:status:9001")
        );

        let repost = by_key(&sink, "1006");
        assert_eq!((repost.kind, repost.parent.as_deref()), (ItemKind::Repost, None));
        let quote = by_key(&sink, "1007");
        assert_eq!(
            (quote.kind, quote.parent.as_deref()),
            (ItemKind::Quote, Some("twitter:status:9100"))
        );
        assert_eq!(quote.conversation, "twitter:status:1007");
        // an old-style "@name ..." addressed to a user but to no tweet: a post
        let addressed = by_key(&sink, "1008");
        assert_eq!((addressed.kind, addressed.parent.as_deref()), (ItemKind::Post, None));
        assert!(sink.items.iter().all(|i| i.native_id != "1009"), "superseded edit");
        assert_eq!(by_key(&sink, "1010").text, "Heute geöffnet bis 20 Uhr (korrigiert).");

        // one conversation per root: 1001, 9001, 1006, 1007, 1008, 1010
        assert_eq!(sink.conversations.len(), 6);

        // audience: counts from follower.js / following.js (3 and 2 elements; the manifest
        // says 99 and 98, which must lose), dated with the manifest's generationDate
        let at = relate_model::time::parse_rfc3339("2024-03-01T09:30:00.000Z");
        let owner_key = Some("twitter:4401");
        assert_eq!(metric(&sink, owner_key, None, "followers"), Some(3));
        assert_eq!(metric(&sink, owner_key, None, "following"), Some(2));
        assert_eq!(metric(&sink, None, Some("twitter:status:1001"), "likes"), Some(12));
        assert_eq!(metric(&sink, None, Some("twitter:status:1001"), "reposts"), Some(4));
        assert_eq!(metric(&sink, None, Some("twitter:status:1007"), "likes"), Some(1));
        // zeros are numbers too; a repost's counts are the original's, so it has none
        assert_eq!(metric(&sink, None, Some("twitter:status:1002"), "likes"), Some(0));
        assert_eq!(metric(&sink, None, Some("twitter:status:1006"), "reposts"), None);
        assert!(sink.audience.iter().all(|s| s.at == at && s.platform == "twitter"));
        // the owner's 2, and 2 for each of the 8 items that are not reposts
        assert_eq!(sink.audience.len(), 2 + 8 * 2);
    }

    /// The fixture holds `direct-messages.js` and `account.js` (small, valid, with marker
    /// text), `ip-audit.js` and `device-token.js` (empty) and `deleted-tweets.js` /
    /// `note-tweet.js` (tweets with the marker). Every read through `Input` reports to the
    /// progress callback when it reaches the end of a file, and any read of an empty file
    /// does; so if none of them is opened, importing the fixture reads exactly what importing
    /// a copy without them reads.
    #[test]
    fn private_and_other_files_are_never_opened() {
        let dir = fixture("twitter-archive/museum");
        let never = [
            "direct-messages.js",
            "account.js",
            "ip-audit.js",
            "device-token.js",
            "deleted-tweets.js",
            "note-tweet.js",
        ];
        let reads = |root: &Path| {
            let bytes = Arc::new(AtomicU64::new(0));
            let calls = Arc::new(AtomicU64::new(0));
            let (b, c) = (bytes.clone(), calls.clone());
            let input = Input::from_path(root).unwrap().with_progress(move |n| {
                b.fetch_add(n, Ordering::Relaxed);
                c.fetch_add(1, Ordering::Relaxed);
            });
            let ctx = ImportContext::new(Pseudonymizer::new(b"t"));
            let mut sink = VecSink::default();
            assert_eq!(TwitterArchive.detect(&input), Detection::Yes);
            TwitterArchive.import(&input, &ctx, &mut sink).unwrap();
            (bytes.load(Ordering::Relaxed), calls.load(Ordering::Relaxed), sink)
        };
        let copy = tempfile::tempdir().unwrap();
        std::fs::create_dir(copy.path().join("data")).unwrap();
        let mut kept = 0;
        for entry in std::fs::read_dir(dir.join("data")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if !never.contains(&name.as_str()) {
                std::fs::copy(dir.join("data").join(&name), copy.path().join("data").join(&name))
                    .unwrap();
                kept += 1;
            }
        }
        for name in never {
            assert!(dir.join("data").join(name).exists(), "{name} belongs in the fixture");
        }
        // manifest, tweets, tweets-part1, follower, following
        assert_eq!(kept, 5);
        let (full_bytes, full_calls, full) = reads(&dir);
        let (bare_bytes, bare_calls, bare) = reads(copy.path());
        assert!(bare_calls > 0 && bare_bytes > 0);
        assert_eq!((full_bytes, full_calls), (bare_bytes, bare_calls));
        assert_eq!(full.items, bare.items);
        let records = format!("{:?}{:?}{:?}", full.items, full.participants, full.audience);
        assert!(!records.contains("GEHEIM"), "a file that is not the tweets reached a record");

        // the probe sees even a sniff of one of those files
        for name in never {
            let calls = Arc::new(AtomicU64::new(0));
            let c = calls.clone();
            let input = Input::from_path(&dir).unwrap().with_progress(move |_| {
                c.fetch_add(1, Ordering::Relaxed);
            });
            input.head(&format!("data/{name}"), 512);
            assert!(calls.load(Ordering::Relaxed) > 0, "a head of {name} went unseen");
        }
    }

    /// The same archive zipped the way X delivers it, inside a dated folder.
    #[test]
    fn zip_reads_like_the_folder() {
        let dir = fixture("twitter-archive/museum");
        let zip_file = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
        let mut zip = zip::ZipWriter::new(zip_file.reopen().unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut names: Vec<_> = std::fs::read_dir(dir.join("data"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        for name in names {
            let body = std::fs::read(dir.join("data").join(&name)).unwrap();
            zip.start_file(format!("twitter-2024-03-01-abc/data/{name}"), opts).unwrap();
            std::io::Write::write_all(&mut zip, &body).unwrap();
        }
        zip.finish().unwrap();
        let input = Input::from_path(zip_file.path()).unwrap();
        assert_eq!(TwitterArchive.detect(&input), Detection::Yes);
        assert_eq!(crate::detect(&input).map(|i| i.id()), Some(ID));
        let (res, zipped) = import_path(&TwitterArchive, zip_file.path());
        res.unwrap();
        let (_, folder) = import_path(&TwitterArchive, &dir);
        assert_eq!(zipped.items, folder.items);
        assert_eq!(zipped.audience, folder.audience);
        assert_eq!(zipped.participants, folder.participants);
    }

    /// A lone tweets.js with a prefix: no manifest, so the owner comes from a reply to the
    /// archive's own tweet; counts carry no date.
    #[test]
    fn lone_prefixed_tweets_file_finds_its_owner() {
        let path = fixture("twitter-archive/museum-tweets.js");
        let input = Input::from_path(&path).unwrap();
        assert_eq!(TwitterArchive.detect(&input), Detection::Yes);
        let (res, sink) = import_path(&TwitterArchive, &path);
        res.unwrap();
        assert_eq!(sink.warnings, vec![]);
        assert_eq!(sink.items.len(), 3);
        assert_eq!(sink.participants[0].key, "twitter:4401");
        assert_eq!(sink.participants[0].handle, "stadtmuseum_ulm");
        assert!(sink.audience.iter().all(|s| s.at.is_none()));
        assert_eq!(sink.audience.len(), 3 * 2);
        assert!(
            sink.audience.iter().all(|s| s.account.is_none()),
            "no follower count without files"
        );
        // the bare (unwrapped) element of old archives reads the same
        assert_eq!(by_key(&sink, "2002").parent.as_deref(), Some("twitter:status:2001"));
        assert_eq!(by_key(&sink, "2002").kind, ItemKind::Comment);
    }

    #[test]
    fn a_lone_file_without_self_replies_warns_about_the_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tweet.js");
        std::fs::write(
            &path,
            "window.YTD.tweet.part0 = [{\"tweet\": {\"id_str\": \"5\", \"full_text\": \"Hallo\", \
             \"created_at\": \"Mon Jan 01 10:00:00 +0000 2018\"}}, {\"tweet\": {\"full_text\": \"no id\"}}, 7]",
        )
        .unwrap();
        let (res, sink) = import_path(&TwitterArchive, &path);
        res.unwrap();
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.items[0].author, "twitter:archive-owner");
        assert_eq!(sink.participants[0].url, None);
        assert_eq!(sink.warnings.len(), 3, "{:?}", sink.warnings);
        assert!(sink.warnings[0].message.contains("owner"));
        assert!(sink.warnings[1].location.ends_with("tweet.js[1]"), "{:?}", sink.warnings[1]);
        assert!(sink.warnings[2].location.ends_with("tweet.js[2]"), "{:?}", sink.warnings[2]);
    }

    #[test]
    fn broken_tweets_file_is_a_json_error_and_other_files_are_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tweets.js");
        std::fs::write(
            &path,
            "window.YTD.tweets.part0 = [\n {\"tweet\": {\"id_str\": \"1\"}},\n {oops",
        )
        .unwrap();
        let (res, _) = import_path(&TwitterArchive, &path);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("tweets.js:3:"), "{err}");

        let other = dir.path().join("deleted-tweets.js");
        std::fs::write(&other, "window.YTD.deleted_tweets.part0 = []").unwrap();
        let input = Input::from_path(&other).unwrap();
        assert_eq!(TwitterArchive.detect(&input), Detection::No);

        let only_manifest = tempfile::tempdir().unwrap();
        std::fs::create_dir(only_manifest.path().join("data")).unwrap();
        std::fs::write(
            only_manifest.path().join("data/manifest.js"),
            "window.__THAR_CONFIG = {\"userInfo\": {\"accountId\": \"1\"}}",
        )
        .unwrap();
        let input = Input::from_path(only_manifest.path()).unwrap();
        assert_eq!(TwitterArchive.detect(&input), Detection::Maybe);
        let (res, _) = import_path(&TwitterArchive, only_manifest.path());
        let err = res.unwrap_err().to_string();
        assert!(err.contains("no tweets.js") && err.contains("manifest.js"), "{err}");
    }

    #[test]
    fn the_chain_keeps_the_last_parent_named_and_walks_up_to_the_archive_edge() {
        let mut chain = Chain::default();
        let mut listing = |id: u64, parent: Option<u64>| {
            let parent =
                parent.map_or(String::new(), |p| format!(r#","in_reply_to_status_id_str":"{p}""#));
            let t: TweetLinks =
                serde_json::from_str(&format!(r#"{{"id_str":"{id}"{parent}}}"#)).unwrap();
            chain.add(&t);
        };
        listing(3, Some(2));
        listing(2, Some(1));
        listing(1, None);
        listing(2, None); // a later listing without parent keeps the parent
        listing(4, Some(99)); // leaves the archive
        listing(5, Some(5));
        listing(5, Some(4)); // the other parent, named later, wins
        listing(6, Some(4));
        listing(6, Some(6)); // answering itself, named later, wins
        chain.finish();
        assert_eq!(chain.links.len(), 6);
        assert_eq!(chain.replies, 5, "2, 3, 4, 5, 6");
        assert_eq!(chain.outside, vec![99]);
        assert_eq!(chain.root(3), 1);
        assert_eq!(chain.root(5), 99);
        assert_eq!(chain.root(6), 6);
        assert_eq!(chain.root(7), 7);
        let mut written = Written::new(&chain);
        assert!(written.insert(&chain, 99) && !written.insert(&chain, 99));
        assert!(written.insert(&chain, 3) && !written.insert(&chain, 3));
        assert!(written.insert(&chain, 7) && !written.insert(&chain, 7));
    }
}
