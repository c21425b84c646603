//! `twitter-api-v2`: tweets from the X/Twitter API v2 as JSON lines, the way twarc2 writes
//! them (`twarc2 search`, `timeline`, `conversation`, ... and `twarc2 flatten`).
//!
//! ## Format
//! Two shapes, both one JSON object per line (developer.x.com, "Tweet object", "Fields",
//! "Expansions"; DocNow/twarc `twarc/expansions.py`; notes in `../shared/corpus/FORMATS.md`
//! §4):
//! - a response page: `{data: [tweet, ...], includes: {users, tweets, media, places, polls},
//!   meta: {result_count, next_token, ...}, errors: [...], __twarc: {url, version,
//!   retrieved_at}}` (a lookup of one tweet has `data` as an object);
//! - a flattened tweet (`twarc2 flatten`): one tweet per line with the expansions inlined:
//!   `author` (the user object), `in_reply_to_user`, `referenced_tweets[]` carrying the whole
//!   referenced tweet beside `type` and `id`, and the page's `__twarc`.
//!
//! A tweet has `id`, `text`, `author_id`, `created_at` (RFC 3339), `conversation_id` (the id
//! of the thread's first tweet), `referenced_tweets[{type: replied_to|quoted|retweeted, id}]`,
//! `entities{urls, mentions}`, `public_metrics{like_count, retweet_count, reply_count,
//! quote_count}` and, for long tweets, `note_tweet.text`. A user has `id`, `username`,
//! `name`, `protected` and `public_metrics{followers_count, following_count}`.
//!
//! ## Mapping
//! - Tweets are items `twitter:status:<id>`, authors participants `twitter:<user id>` with the
//!   handle `username` and the profile `https://x.com/<username>`: the keys
//!   [`crate::twitter_archive`] gives, so an archive and API pages merge.
//! - The tweets a page lists under `includes.tweets` (the tweets its results answer, quote or
//!   retweet), and the whole tweets a flattened line inlines, are imported too: they are
//!   complete tweets, and they give replies their parents.
//! - `conversation_id` is the conversation. `replied_to` is the parent: a comment when the
//!   parent is the conversation's first tweet, else a reply. `retweeted` makes a repost of
//!   the original, `quoted` (when the tweet answers nothing) a quote of the quoted tweet.
//! - `public_metrics` become `likes`, `reposts`, `replies` and `quotes` snapshots of the item,
//!   a user's `followers` / `following` snapshots of the account, dated `__twarc.retrieved_at`
//!   (a retweet's metrics, which are the original's, are left out).
//! - Tweets of `protected` accounts are only for their followers: restricted.
//!
//! ## Known quirks
//! - `text` is HTML-escaped (`&amp;`) and its links are `t.co`: unescaped and expanded with
//!   `entities.urls` (media links, which carry a `media_key`, are not links).
//! - A reply whose parent could not be expanded (deleted, protected) appears in `errors`;
//!   the reply keeps its parent key (an orphan). The errors are counted, not imported.
//! - A line of users (a followers or lookup page) is not tweets: skipped and counted.
//! - `in_reply_to_user_id` without a `replied_to` reference is a tweet addressed to
//!   someone, not a reply to a tweet: a post.

use std::collections::HashMap;
use std::io::BufRead;

use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};
use rustc_hash::FxHashSet;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::json::Scalar;
use crate::twitter_archive::{
    PLATFORM, account_key, profile_url, readable_text, snapshot, status_key, status_url,
};
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct TwitterApiV2;

const ID: &str = "twitter-api-v2";

/// Referenced tweets inline referenced tweets: stop somewhere.
const MAX_DEPTH: usize = 4;

impl Importer for TwitterApiV2 {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "X/Twitter API v2 JSON lines as twarc2 writes them: response pages or flattened tweets"
    }

    fn detect(&self, input: &Input) -> Detection {
        let files = candidate_files(input);
        if files.iter().take(8).any(|f| sniff(&input.head(f, 64 * 1024))) {
            Detection::Yes
        } else {
            Detection::No
        }
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let files: Vec<String> = candidate_files(input)
            .into_iter()
            .filter(|f| !input.is_dir() || sniff(&input.head(f, 64 * 1024)))
            .collect();
        if files.is_empty() {
            return Err(input.not_this_format(ID, "no .jsonl file of API v2 tweets in it"));
        }
        let mut run = Run::default();
        for name in &files {
            run.file(input, name, sink)?;
        }
        Ok(run.summary)
    }
}

fn candidate_files(input: &Input) -> Vec<String> {
    if !input.is_dir() {
        return input.files();
    }
    input.find_all(|n| {
        let lower = n.to_ascii_lowercase();
        lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json")
    })
}

/// The first line is an object with an API v2 tweet in it: a page of them, or a flattened
/// one. `author_id` beside `conversation_id`, `edit_history_tweet_ids`, twarc's own key or a
/// user's `username` (v1.1 says `user` and `screen_name`) is a v2 tweet and nothing else.
fn sniff(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let first = text.split('\n').next().unwrap_or("");
    first.starts_with('{')
        && first.contains("\"author_id\"")
        && ["__twarc", "conversation_id", "edit_history_tweet_ids", "username"]
            .iter()
            .any(|key| first.contains(&format!("\"{key}\"")))
}

#[derive(Default)]
struct Run {
    summary: ImportSummary,
    /// Tweets already given to the sink: pages repeat the tweets many results refer to.
    tweets: FxHashSet<u64>,
    users: FxHashSet<u64>,
    conversations: FxHashSet<u64>,
}

impl Run {
    fn file(&mut self, input: &Input, name: &str, sink: &mut dyn Sink) -> Result<(), ImportError> {
        let file = input.display_path(name);
        let reader = input.open_or_err(name)?;
        let mut good = 0u64;
        let mut bad = 0u64;
        let mut line_no = 0u64;
        let io = ImportError::io(file.clone());
        for line in reader.lines() {
            line_no += 1;
            let line = line.map_err(&io)?;
            if line.trim().is_empty() {
                continue;
            }
            let location = format!("{}:{line_no}", file.display());
            let page: Page = match serde_json::from_str(&line) {
                Ok(p) => p,
                Err(err) => {
                    if good == 0 && !line.trim_start().starts_with('{') {
                        return Err(ImportError::not_this_format(
                            file,
                            ID,
                            format!("line {line_no} is not a JSON object"),
                        ));
                    }
                    sink.warn(Warning {
                        location,
                        message: format!("not a JSON line of the API, skipped: {err}"),
                    });
                    bad += 1;
                    continue;
                }
            };
            let emitted = match page.data {
                Some(data) => {
                    self.page(&data, page.includes, page.errors, page.twarc, &location, sink)?
                }
                // a page without results has no `data`
                None if page.meta.is_some() => 0,
                // a flattened tweet: the line itself
                None => match serde_json::from_str::<Tweet>(&line) {
                    Ok(tweet) if tweet.id.is_some() => {
                        let at = page.twarc.as_ref().and_then(Twarc::at);
                        let users = HashMap::new();
                        self.flattened(&tweet, &users, at, 0, &location, sink)?
                    }
                    Ok(_) => {
                        sink.warn(Warning {
                            location,
                            message: "neither a page nor a tweet (no `data`, no `id`), skipped"
                                .into(),
                        });
                        bad += 1;
                        0
                    }
                    Err(err) => {
                        sink.warn(Warning {
                            location,
                            message: format!("not an API v2 tweet, skipped: {err}"),
                        });
                        bad += 1;
                        0
                    }
                },
            };
            good += emitted;
        }
        if good == 0 && bad > 0 {
            return Err(ImportError::not_this_format(file, ID, "no line holds an API v2 tweet"));
        }
        Ok(())
    }

    /// A response page: the results, then the included tweets not among them.
    fn page(
        &mut self,
        data: &RawValue,
        includes: Option<Includes>,
        errors: Option<Vec<serde::de::IgnoredAny>>,
        twarc: Option<Twarc>,
        location: &str,
        sink: &mut dyn Sink,
    ) -> Result<u64, ImportError> {
        let at = twarc.as_ref().and_then(Twarc::at);
        let includes = includes.unwrap_or_default();
        let users: HashMap<&str, &User> =
            includes.users.iter().filter_map(|u| Some((u.id.as_deref()?, u))).collect();
        let results: Vec<Tweet> = match data.get().trim_start().as_bytes().first() {
            Some(b'[') => serde_json::from_str(data.get()),
            _ => serde_json::from_str(data.get()).map(|t| vec![t]),
        }
        .unwrap_or_else(|err| {
            sink.warn(Warning {
                location: location.to_string(),
                message: format!("`data` holds no tweets, skipped: {err}"),
            });
            Vec::new()
        });
        if let Some(errors) = errors {
            *self.summary.skipped.entry("unavailable".into()).or_default() += errors.len() as u64;
        }
        let mut emitted = 0;
        for (index, tweet) in results.iter().chain(&includes.tweets).enumerate() {
            let location = format!("{location}[{index}]");
            emitted += self.tweet(tweet, &users, at, &location, sink)?;
        }
        Ok(emitted)
    }

    /// A flattened tweet and the whole tweets it inlines.
    fn flattened(
        &mut self,
        tweet: &Tweet,
        users: &HashMap<&str, &User>,
        at: Option<i64>,
        depth: usize,
        location: &str,
        sink: &mut dyn Sink,
    ) -> Result<u64, ImportError> {
        let mut emitted = self.tweet(tweet, users, at, location, sink)?;
        if depth < MAX_DEPTH {
            for referenced in tweet.referenced_tweets.iter().filter(|r| r.text.is_some()) {
                emitted += self.flattened(referenced, users, at, depth + 1, location, sink)?;
            }
        }
        Ok(emitted)
    }

    fn tweet(
        &mut self,
        tweet: &Tweet,
        users: &HashMap<&str, &User>,
        at: Option<i64>,
        location: &str,
        sink: &mut dyn Sink,
    ) -> Result<u64, ImportError> {
        let Some(id) = tweet.id.as_ref().and_then(Scalar::number) else {
            sink.warn(Warning {
                location: location.to_string(),
                message: "tweet without a numeric id, skipped".into(),
            });
            return Ok(0);
        };
        let Some(raw_text) =
            tweet.note_tweet.as_ref().and_then(|n| n.text.as_ref()).or(tweet.text.as_ref())
        else {
            if tweet.username.is_some() {
                *self.summary.skipped.entry("user".into()).or_default() += 1;
            } else {
                sink.warn(Warning {
                    location: location.to_string(),
                    message: format!("tweet {id} has no text, skipped"),
                });
            }
            return Ok(0);
        };
        if !self.tweets.insert(id) {
            return Ok(1);
        }
        let id_text = id.to_string();

        // the author: the inlined object (flattened), else the page's includes
        let author_id = tweet.author_id.as_ref().and_then(Scalar::text);
        let author = tweet.author.as_ref().or_else(|| users.get(author_id.as_deref()?).copied());
        let author_id = author_id.or_else(|| author.and_then(|a| a.id.clone()));
        let Some(author_id) = author_id else {
            sink.warn(Warning {
                location: location.to_string(),
                message: format!("tweet {id} has no author_id, skipped"),
            });
            return Ok(0);
        };
        let author_key = account_key(&author_id);
        let handle = author.and_then(|a| a.username.clone());
        if let Some(numeric) = author_id.parse::<u64>().ok()
            && self.users.insert(numeric)
        {
            sink.participant(Participant {
                key: author_key.clone(),
                platform: PLATFORM.into(),
                handle: handle.clone().unwrap_or_else(|| author_id.clone()),
                display_name: author
                    .and_then(|a| a.name.clone().or_else(|| a.username.clone()))
                    .unwrap_or_else(|| author_id.clone()),
                url: handle.as_deref().map(profile_url),
                kind: ParticipantKind::Person,
                site_author: false,
            })?;
            if let Some(metrics) = author.and_then(|a| a.public_metrics.as_ref()) {
                let followers = metrics.followers_count.as_ref().and_then(Scalar::count);
                snapshot(sink, Some(&author_key), None, "followers", followers, at)?;
                let following = metrics.following_count.as_ref().and_then(Scalar::count);
                snapshot(sink, Some(&author_key), None, "following", following, at)?;
            }
        }

        let reference = |kind: &str| {
            tweet
                .referenced_tweets
                .iter()
                .find(|r| r.ref_type.as_deref() == Some(kind))
                .and_then(|r| r.id.as_ref()?.number())
        };
        let conversation_id = tweet.conversation_id.as_ref().and_then(Scalar::number);
        let (kind, parent, root) = if let Some(original) = reference("retweeted") {
            (ItemKind::Repost, Some(original), conversation_id.unwrap_or(id))
        } else if let Some(parent) = reference("replied_to") {
            let root = conversation_id.unwrap_or(parent);
            let kind = if parent == root { ItemKind::Comment } else { ItemKind::Reply };
            (kind, Some(parent), root)
        } else if let Some(quoted) = reference("quoted") {
            (ItemKind::Quote, Some(quoted), conversation_id.unwrap_or(id))
        } else {
            (ItemKind::Post, None, conversation_id.unwrap_or(id))
        };

        let conversation = status_key(&root.to_string());
        if self.conversations.insert(root) {
            let root_handle = if root == id {
                handle.clone()
            } else if parent == Some(root) {
                // the tweet answers the first one: its author is the one answered
                let answered = tweet.in_reply_to_user.as_ref().or_else(|| {
                    users.get(tweet.in_reply_to_user_id.as_ref()?.text()?.as_str()).copied()
                });
                answered.and_then(|u| u.username.clone())
            } else {
                None
            };
            sink.conversation(Conversation {
                key: conversation.clone(),
                platform: PLATFORM.into(),
                title: None,
                url: Some(status_url(root_handle.as_deref(), &root.to_string())),
            })?;
        }

        let entities = tweet.entities.as_ref();
        let urls: Vec<&UrlEntity> = entities
            .map(|e| e.urls.iter().filter(|u| u.media_key.is_none()).collect())
            .unwrap_or_default();
        let text = readable_text(
            raw_text,
            urls.iter()
                .map(|u| (u.url.as_deref().unwrap_or(""), u.expanded_url.as_deref().unwrap_or(""))),
        );
        let mut links: Vec<String> = Vec::new();
        for url in &urls {
            if let Some(link) = url.expanded_url.as_ref().or(url.url.as_ref())
                && !link.is_empty()
                && !links.contains(link)
            {
                links.push(link.clone());
            }
        }
        let mentions: Vec<String> = entities
            .map(|e| e.mentions.iter().filter_map(|m| m.username.clone()).collect())
            .unwrap_or_default();
        let protected = author.and_then(|a| a.protected.as_ref()).is_some_and(Scalar::truthy);
        let created_at = tweet.created_at.as_deref().and_then(relate_model::time::parse_rfc3339);
        let key = status_key(&id_text);
        sink.item(Item {
            key: key.clone(),
            native_id: id_text.clone(),
            conversation,
            parent: parent.map(|p| status_key(&p.to_string())),
            author: author_key,
            kind,
            state: if protected { State::Restricted } else { State::Public },
            created_at,
            title: None,
            url: Some(status_url(handle.as_deref(), &id_text)),
            text,
            html: None,
            links,
            mentions,
        })?;
        if kind != ItemKind::Repost
            && let Some(m) = &tweet.public_metrics
        {
            for (metric, value) in [
                ("likes", &m.like_count),
                ("reposts", &m.retweet_count),
                ("replies", &m.reply_count),
                ("quotes", &m.quote_count),
            ] {
                let value = value.as_ref().and_then(Scalar::count);
                snapshot(sink, None, Some(&key), metric, value, at)?;
            }
        }
        Ok(1)
    }
}

/// One line: a page (`data` set) or a flattened tweet (`data` absent, parsed again as a
/// [`Tweet`]). `data` stays raw so a page is parsed once.
#[derive(Deserialize)]
struct Page {
    data: Option<Box<RawValue>>,
    includes: Option<Includes>,
    errors: Option<Vec<serde::de::IgnoredAny>>,
    meta: Option<serde::de::IgnoredAny>,
    #[serde(rename = "__twarc")]
    twarc: Option<Twarc>,
}

#[derive(Deserialize, Default)]
struct Includes {
    #[serde(default)]
    users: Vec<User>,
    #[serde(default)]
    tweets: Vec<Tweet>,
}

#[derive(Deserialize)]
struct Twarc {
    retrieved_at: Option<String>,
}

impl Twarc {
    fn at(&self) -> Option<i64> {
        relate_model::time::parse_rfc3339(self.retrieved_at.as_deref()?)
    }
}

/// A tweet, or (flattened) a referenced tweet with its `type` beside its fields.
#[derive(Deserialize)]
struct Tweet {
    id: Option<Scalar>,
    #[serde(rename = "type")]
    ref_type: Option<String>,
    text: Option<String>,
    note_tweet: Option<NoteTweet>,
    author_id: Option<Scalar>,
    author: Option<User>,
    created_at: Option<String>,
    conversation_id: Option<Scalar>,
    in_reply_to_user_id: Option<Scalar>,
    in_reply_to_user: Option<User>,
    #[serde(default)]
    referenced_tweets: Vec<Tweet>,
    entities: Option<Entities>,
    public_metrics: Option<TweetMetrics>,
    /// Present when a `data` array holds users instead of tweets.
    username: Option<String>,
}

#[derive(Deserialize)]
struct NoteTweet {
    text: Option<String>,
}

#[derive(Deserialize)]
struct Entities {
    #[serde(default)]
    urls: Vec<UrlEntity>,
    #[serde(default)]
    mentions: Vec<MentionEntity>,
}

#[derive(Deserialize)]
struct UrlEntity {
    url: Option<String>,
    expanded_url: Option<String>,
    media_key: Option<String>,
}

#[derive(Deserialize)]
struct MentionEntity {
    username: Option<String>,
}

#[derive(Deserialize)]
struct TweetMetrics {
    like_count: Option<Scalar>,
    retweet_count: Option<Scalar>,
    reply_count: Option<Scalar>,
    quote_count: Option<Scalar>,
}

#[derive(Deserialize)]
struct User {
    #[serde(default, deserialize_with = "id_text")]
    id: Option<String>,
    username: Option<String>,
    name: Option<String>,
    protected: Option<Scalar>,
    public_metrics: Option<UserMetrics>,
}

#[derive(Deserialize)]
struct UserMetrics {
    followers_count: Option<Scalar>,
    following_count: Option<Scalar>,
}

fn id_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Scalar::deserialize(d)?.text())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};
    use crate::twitter_archive::TwitterArchive;

    fn item<'a>(sink: &'a VecSink, id: &str) -> &'a Item {
        sink.items.iter().find(|i| i.native_id == id).expect(id)
    }

    fn metric(sink: &VecSink, account: Option<&str>, item: Option<&str>, m: &str) -> Option<i64> {
        sink.audience
            .iter()
            .find(|s| s.account.as_deref() == account && s.item.as_deref() == item && s.metric == m)
            .map(|s| s.value)
    }

    /// `fixtures/twitter-api-v2/pages.jsonl`: two pages of a search for the museum's name.
    #[test]
    fn pages_with_includes() {
        let path = fixture("twitter-api-v2/pages.jsonl");
        assert_eq!(crate::detect(&Input::from_path(&path).unwrap()).map(|i| i.id()), Some(ID));
        let (res, sink) = import_path(&TwitterApiV2, &path);
        let summary = res.unwrap();
        assert_eq!(sink.warnings, vec![]);
        // page 1: 3 results (3001-3003) + 1 included (1001); page 2: 3 results (1011, 3005,
        // 1001 again) + 1 included (3001 again): repeated tweets are given once
        let mut ids: Vec<&str> = sink.items.iter().map(|i| i.native_id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, vec!["1001", "1011", "3001", "3002", "3003", "3005"]);
        assert_eq!(sink.participants.len(), 5);
        assert_eq!(summary.skipped.get("unavailable"), Some(&1));

        let museum = sink.participant("twitter:4401").unwrap();
        assert_eq!(museum.handle, "stadtmuseum_ulm");
        assert_eq!(museum.display_name, "Stadtmuseum Ulm");
        assert_eq!(museum.url.as_deref(), Some("https://x.com/stadtmuseum_ulm"));
        assert!(!museum.site_author);

        let question = item(&sink, "3001");
        assert_eq!(question.kind, ItemKind::Comment);
        assert_eq!(question.parent.as_deref(), Some("twitter:status:1001"));
        assert_eq!(question.conversation, "twitter:status:1001");
        assert_eq!(question.author, "twitter:5501");
        assert_eq!(question.created_at, relate_model::time::parse_rfc3339("2018-10-11T07:45:00Z"));
        assert_eq!(question.text, "@stadtmuseum_ulm Is the guild chest from 1623 & original?");
        assert_eq!(question.mentions, vec!["stadtmuseum_ulm"]);

        // an answer deeper in the thread: reply, conversation from conversation_id
        let answer = item(&sink, "1011");
        assert_eq!(
            (answer.kind, answer.parent.as_deref()),
            (ItemKind::Reply, Some("twitter:status:3001"))
        );
        assert_eq!(answer.conversation, "twitter:status:1001");

        let retweet = item(&sink, "3002");
        assert_eq!(
            (retweet.kind, retweet.parent.as_deref()),
            (ItemKind::Repost, Some("twitter:status:1001"))
        );
        assert_eq!(retweet.conversation, "twitter:status:3002");
        let quote = item(&sink, "3003");
        assert_eq!(
            (quote.kind, quote.parent.as_deref()),
            (ItemKind::Quote, Some("twitter:status:1001"))
        );
        assert_eq!(
            quote.links,
            vec![
                "https://twitter.com/stadtmuseum_ulm/status/1001",
                "https://museum.example/zuenfte"
            ]
        );
        assert_eq!(crate::twitter_archive::linked_status_id(&quote.links[0]), Some("1001"));
        // the photo's t.co link stays, as it does in the archive's text
        assert_eq!(
            quote.text,
            "Da muss ich hin! https://twitter.com/stadtmuseum_ulm/status/1001 mehr: \
             https://museum.example/zuenfte https://t.co/p1"
        );
        // a protected account's tweet
        assert_eq!(item(&sink, "3005").state, State::Restricted);
        assert_eq!(item(&sink, "3001").state, State::Public);

        let conv = sink.conversations.iter().find(|c| c.key == "twitter:status:1001").unwrap();
        assert_eq!(conv.url.as_deref(), Some("https://x.com/stadtmuseum_ulm/status/1001"));

        let at = relate_model::time::parse_rfc3339("2024-03-02T10:00:00+00:00");
        assert_eq!(metric(&sink, None, Some("twitter:status:1001"), "likes"), Some(15));
        assert_eq!(metric(&sink, None, Some("twitter:status:1001"), "replies"), Some(2));
        assert_eq!(metric(&sink, None, Some("twitter:status:1001"), "quotes"), Some(1));
        assert_eq!(metric(&sink, None, Some("twitter:status:3002"), "reposts"), None);
        assert_eq!(metric(&sink, Some("twitter:4401"), None, "followers"), Some(1200));
        assert_eq!(metric(&sink, Some("twitter:4401"), None, "following"), Some(310));
        // 4 numbers for each of the 5 tweets that are not retweets, 2 for each of 5 authors
        assert_eq!(sink.audience.len(), 5 * 4 + 5 * 2);
        assert!(
            sink.audience
                .iter()
                .filter(|s| s.item.as_deref() == Some("twitter:status:1001"))
                .all(|s| s.at == at)
        );
    }

    #[test]
    fn broken_line_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("search.jsonl");
        let good = std::fs::read_to_string(fixture("twitter-api-v2/flat.jsonl")).unwrap();
        let first = good.lines().next().unwrap();
        std::fs::write(&path, format!("{first}\n{{\"data\": [\n{first}\n")).unwrap();
        let (res, sink) = import_path(&TwitterApiV2, &path);
        res.unwrap();
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(sink.warnings[0].location.ends_with("search.jsonl:2"), "{:?}", sink.warnings);
    }

    /// `fixtures/twitter-api-v2/flat.jsonl`: the same thread flattened by twarc2, one tweet a
    /// line with the author and the referenced tweets inlined.
    #[test]
    fn flattened_tweets() {
        let path = fixture("twitter-api-v2/flat.jsonl");
        assert_eq!(crate::detect(&Input::from_path(&path).unwrap()).map(|i| i.id()), Some(ID));
        let (res, sink) = import_path(&TwitterApiV2, &path);
        res.unwrap();
        assert_eq!(sink.warnings, vec![]);
        let mut ids: Vec<&str> = sink.items.iter().map(|i| i.native_id.as_str()).collect();
        ids.sort();
        // two lines (3001, 1011); 3001 inlines 1001, 1011 inlines 3001 (given once)
        assert_eq!(ids, vec!["1001", "1011", "3001"]);
        assert_eq!(item(&sink, "1011").kind, ItemKind::Reply);
        assert_eq!(item(&sink, "3001").kind, ItemKind::Comment);
        assert_eq!(item(&sink, "1001").kind, ItemKind::Post);
        assert_eq!(item(&sink, "1001").author, "twitter:4401");
        assert_eq!(sink.participant("twitter:5501").unwrap().handle, "kulturfreundin");
        assert_eq!(metric(&sink, Some("twitter:5501"), None, "followers"), Some(87));
        assert_eq!(sink.audience.len(), 3 * 4 + 2 * 2);
        let at = relate_model::time::parse_rfc3339("2024-03-02T10:00:00+00:00");
        assert!(sink.audience.iter().all(|s| s.at == at));
    }

    /// The owner's tweet 1001 and its self-thread exist in the archive fixture and in the API
    /// fixtures: same item, conversation and participant keys.
    #[test]
    fn archive_and_api_agree_on_keys() {
        let (_, archive) = import_path(&TwitterArchive, &fixture("twitter-archive/museum"));
        let (_, api) = import_path(&TwitterApiV2, &fixture("twitter-api-v2/pages.jsonl"));
        let a = archive.items.iter().find(|i| i.native_id == "1001").unwrap();
        let b = item(&api, "1001");
        assert_eq!(
            (&a.key, &a.conversation, &a.author, a.kind),
            (&b.key, &b.conversation, &b.author, b.kind)
        );
        assert_eq!(a.created_at, b.created_at);
        assert_eq!(a.text, b.text);
        assert_eq!(a.url, b.url);
        let owner = &archive.participants[0];
        let same = api.participant(&owner.key).unwrap();
        assert_eq!((&owner.handle, &owner.url), (&same.handle, &same.url));
    }

    #[test]
    fn a_minimal_flattened_tweet_is_detected() {
        // fixtures/jsonl/flattened-tweet.jsonl (the tabular importer's): no __twarc, no
        // conversation_id, but `author_id` and an `author` with `username`
        let path = fixture("jsonl/flattened-tweet.jsonl");
        assert_eq!(crate::detect(&Input::from_path(&path).unwrap()).map(|i| i.id()), Some(ID));
        let (res, sink) = import_path(&TwitterApiV2, &path);
        res.unwrap();
        assert_eq!(sink.items.len(), 1);
        let tweet = &sink.items[0];
        assert_eq!((tweet.kind, tweet.author.as_str()), (ItemKind::Post, "twitter:42"));
        assert_eq!(tweet.conversation, "twitter:status:1800000000000000001");
        assert_eq!(sink.participants[0].handle, "stadtmuseum");
        assert!(sink.audience.is_empty());
    }

    #[test]
    fn other_json_lines_are_not_detected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("posts.jsonl");
        std::fs::write(&path, "{\"id\": \"1\", \"author\": \"ann\", \"text\": \"hi\"}\n").unwrap();
        assert_eq!(TwitterApiV2.detect(&Input::from_path(&path).unwrap()), Detection::No);
        // forced with --format: no line is a tweet, so the file is not this format
        let (res, _) = import_path(&TwitterApiV2, &path);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("posts.jsonl") && err.contains("no line"), "{err}");
    }
}
