//! `discourse`: what a Discourse forum's JSON API answers about topics and posts.
//!
//! ## Format
//! Discourse API (docs.discourse.org; `TopicViewSerializer` and `PostSerializer` in
//! discourse/discourse; notes in `../shared/corpus/FORMATS.md` §10). Four answers are read:
//! - `/t/{id}.json`: the topic (`id`, `title`, `slug`, `archetype` regular | private_message,
//!   `views`, `posts_count`, `like_count`) with `post_stream{posts: [the first ~20], stream:
//!   [every post id]}`;
//! - `/posts.json`: `{latest_posts: [...]}`, posts with `topic_id`, `topic_slug`, `topic_title`;
//! - `/posts/{id}/replies.json`: a bare array of posts;
//! - `/user_actions.json`: `{user_actions: [...]}`, one row per action on a post (`post_id`,
//!   `post_number`, `topic_id`, `reply_to_post_number`, `acting_*` author, `excerpt`).
//!
//! A post has `id`, `post_number`, `topic_id`, `user_id`, `username`, `name`, `created_at`,
//! `cooked` (HTML), `reply_to_post_number`, `post_type` (1 regular, 2 moderator action,
//! 3 small action, 4 whisper), `deleted_at`, `user_deleted`, `hidden`, `reads`,
//! `actions_summary` (`id` 2 = likes), `link_counts`, `avatar_template`, `staff`.
//!
//! ## Mapping
//! - A topic is a [`Conversation`] (`discourse:<host>:<topic id>`, url
//!   `https://<host>/t/<slug>/<id>`). Posts are keyed by topic and post number
//!   (`discourse:<host>:<topic id>/<post number>`), because that is what
//!   `reply_to_post_number` names: post 1 is the [`ItemKind::Post`], a post answering post 1
//!   or nothing is a [`ItemKind::Comment`], one answering another post a [`ItemKind::Reply`].
//!   A post without `reply_to_post_number` that quotes one post of the same topic
//!   (`<aside class="quote" data-post=N data-topic=T>`) answers the quoted post.
//! - Accounts are `discourse:<host>:<user id>` with the username as handle; staff (admins and
//!   moderators) speak for the forum and are marked as site authors.
//! - Likes (`actions_summary` id 2, or `like_count` on a post) and `reads` are
//!   [`AudienceSnapshot`]s of the post; topic `views` are `page_views` of the first post, and
//!   posts the topic's `stream` lists but the file leaves out are its `unloaded_replies`.
//!
//! ## Known quirks
//! - The site's host is in no field. It is taken from an internal link written as an
//!   absolute URL, else from the `/user_avatar/<host>/` path Discourse puts in avatar URLs;
//!   without either, the site is called `discourse` and a warning says so.
//! - Whispers (`post_type` 4) and every post of a private-message topic are
//!   [`State::Restricted`]; `deleted_at`/`user_deleted` are deleted, `hidden` (flagged by the
//!   community, awaiting staff) pending.
//! - Small actions (3: "closed the topic", "pinned globally") and moderator actions (2: the
//!   notices Discourse writes for such actions) are not conversation: skipped and counted.
//! - `post_number`s have gaps (deleted or moved posts): parents are kept as keys, never
//!   looked up by position.
//! - User actions carry an `excerpt`, not the whole post: the text is cut. Likes, bookmarks
//!   and edits among them are skipped and counted; a post listed under several actions is
//!   read once.

use rustc_hash::FxHashSet as HashSet;
use std::path::PathBuf;

use relate_model::State;
use relate_model::time::parse_rfc3339;
use relate_model::{AudienceSnapshot, Conversation, Item, ItemKind, Participant, ParticipantKind};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::content::{extract_links, html_to_text};
use crate::json::for_each_element;
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct Discourse;

const ID: &str = "discourse";
const PLATFORM: &str = "discourse";
/// The site name used when no response reveals the forum's host.
const UNKNOWN_SITE: &str = "discourse";

impl Importer for Discourse {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Discourse API JSON: topics (/t/ID.json), /posts.json, replies, user actions"
    }

    fn detect(&self, input: &Input) -> Detection {
        let files = json_files(input);
        if files.is_empty() || (files.len() > 1 && !input.is_dir()) {
            return Detection::No;
        }
        let shapes: Vec<Option<Shape>> =
            files.iter().take(20).map(|f| shape_of(&input.head(f, 65536))).collect();
        if shapes.iter().all(Option::is_some) { Detection::Yes } else { Detection::No }
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let files = json_files(input);
        if files.is_empty() {
            return Err(not_discourse(input.path().to_path_buf(), "no .json file to read"));
        }
        let mut plans = Vec::new();
        for name in &files {
            let display = input.display_path(name);
            let Some(shape) = shape_of(&input.head(name, 65536)) else {
                return Err(not_discourse(
                    display,
                    "no post_stream, latest_posts, user_actions or array of posts",
                ));
            };
            let host = find_host(input, name, shape)?;
            plans.push((name, shape, host));
        }
        // one folder is one forum: a host seen in any of its files names the others too
        let folder_host = plans.iter().find_map(|(_, _, h)| h.clone());
        let mut run = Run {
            sink,
            summary: ImportSummary::default(),
            conversations: HashSet::default(),
            participants: HashSet::default(),
            posts: HashSet::default(),
            error: None,
        };
        for (name, shape, host) in plans {
            let display = input.display_path(name);
            let site = match host.or_else(|| folder_host.clone()) {
                Some(host) => Site { name: host.clone(), host: Some(host) },
                None => {
                    run.sink.warn(Warning {
                        location: display.display().to_string(),
                        message: format!(
                            "no absolute URL of the forum in the file: keys use `{UNKNOWN_SITE}` as the site and items get no URL"
                        ),
                    });
                    Site { name: UNKNOWN_SITE.into(), host: None }
                }
            };
            run.file(input, name, shape, &site)?;
        }
        Ok(run.summary)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `/t/{id}.json`
    Topic,
    /// `/posts.json`
    LatestPosts,
    /// `/posts/{id}/replies.json`
    PostArray,
    /// `/user_actions.json`
    UserActions,
}

impl Shape {
    fn path(self) -> &'static [&'static str] {
        match self {
            Shape::Topic => &["post_stream", "posts"],
            Shape::LatestPosts => &["latest_posts"],
            Shape::PostArray => &[],
            Shape::UserActions => &["user_actions"],
        }
    }
}

fn shape_of(head: &[u8]) -> Option<Shape> {
    let head: String =
        String::from_utf8_lossy(head).chars().filter(|c| !c.is_whitespace()).collect();
    let head = head.trim_start_matches('\u{feff}');
    let post = head.contains("\"post_number\":");
    if head.starts_with('[') {
        (post && head.contains("\"cooked\":")).then_some(Shape::PostArray)
    } else if !head.starts_with('{') {
        None
    } else if head.contains("\"post_stream\":{") {
        Some(Shape::Topic)
    } else if head.contains("\"latest_posts\":[") {
        Some(Shape::LatestPosts)
    } else if head.contains("\"user_actions\":[") && post {
        Some(Shape::UserActions)
    } else {
        None
    }
}

fn json_files(input: &Input) -> Vec<String> {
    input.files_matching(|f| f.ends_with(".json"))
}

fn not_discourse(file: PathBuf, reason: &str) -> ImportError {
    ImportError::not_this_format(file, ID, reason.to_string())
}

/// The forum, as keys name it, and its host when known (for URLs).
struct Site {
    name: String,
    host: Option<String>,
}

/// What a post says about the forum's host.
#[derive(Deserialize, Default)]
struct Hints {
    avatar_template: Option<String>,
    #[serde(default)]
    link_counts: Vec<LinkCount>,
}

#[derive(Deserialize, Default)]
struct LinkCount {
    url: Option<String>,
    #[serde(default)]
    internal: bool,
}

impl Hints {
    /// An internal link written absolutely names the host for sure; an avatar path names it
    /// as Discourse stores uploads (`/user_avatar/<host>/<user>/...`).
    fn host(&self) -> (Option<String>, Option<String>) {
        let linked = self
            .link_counts
            .iter()
            .filter(|l| l.internal)
            .find_map(|l| l.url.as_deref().and_then(host_of));
        let avatar = self.avatar_template.as_deref().and_then(|a| {
            let rest = a.split_once("/user_avatar/")?.1;
            let host = rest.split('/').next()?.to_lowercase();
            (!host.is_empty() && !host.contains('{')).then_some(host)
        });
        (linked, avatar)
    }
}

/// A first pass over the posts of `name`, looking for the forum's host.
fn find_host(input: &Input, name: &str, shape: Shape) -> Result<Option<String>, ImportError> {
    let display = input.display_path(name);
    let reader = input.open_or_err(name)?;
    let (mut linked, mut avatar) = (None, None);
    for_each_element(reader, shape.path(), &display, &mut |_, raw| {
        if linked.is_some() {
            return;
        }
        if let Ok(hints) = serde_json::from_str::<Hints>(raw.get()) {
            let (l, a) = hints.host();
            linked = linked.take().or(l);
            avatar = avatar.take().or(a);
        }
    })?;
    Ok(linked.or(avatar))
}

fn host_of(url: &str) -> Option<String> {
    let rest =
        url.trim().strip_prefix("https://").or_else(|| url.trim().strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.to_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The topic's own fields; its posts are streamed in a second pass.
#[derive(Deserialize, Default)]
struct TopicHead {
    id: Option<u64>,
    title: Option<String>,
    slug: Option<String>,
    archetype: Option<String>,
    views: Option<i64>,
    post_stream: Option<StreamHead>,
}

#[derive(Deserialize, Default)]
struct StreamHead {
    #[serde(default)]
    stream: Vec<Value>,
    #[serde(default)]
    posts: Vec<serde::de::IgnoredAny>,
}

/// A post from any of the four answers (user actions name the post `post_id` and its
/// author `acting_*`).
#[derive(Deserialize, Default)]
struct Post {
    id: Option<u64>,
    post_id: Option<u64>,
    post_number: Option<u64>,
    topic_id: Option<u64>,
    user_id: Option<i64>,
    username: Option<String>,
    name: Option<String>,
    acting_user_id: Option<i64>,
    acting_username: Option<String>,
    acting_name: Option<String>,
    created_at: Option<String>,
    cooked: Option<String>,
    excerpt: Option<String>,
    reply_to_post_number: Option<u64>,
    post_type: Option<u64>,
    action_type: Option<u64>,
    deleted_at: Option<Value>,
    deleted: Option<bool>,
    user_deleted: Option<bool>,
    hidden: Option<bool>,
    reads: Option<i64>,
    like_count: Option<i64>,
    #[serde(default)]
    actions_summary: Vec<ActionSummary>,
    topic_slug: Option<String>,
    topic_title: Option<String>,
    slug: Option<String>,
    title: Option<String>,
    staff: Option<bool>,
    admin: Option<bool>,
    moderator: Option<bool>,
}

#[derive(Deserialize)]
struct ActionSummary {
    id: Option<u64>,
    count: Option<i64>,
}

/// What every post of one file shares.
struct Topic {
    id: Option<u64>,
    title: Option<String>,
    slug: Option<String>,
    private: bool,
}

struct Run<'s> {
    sink: &'s mut dyn Sink,
    summary: ImportSummary,
    conversations: HashSet<String>,
    participants: HashSet<String>,
    /// Post keys already read (a post listed under several user actions is one post).
    posts: HashSet<String>,
    error: Option<ImportError>,
}

impl Run<'_> {
    fn file(
        &mut self,
        input: &Input,
        name: &str,
        shape: Shape,
        site: &Site,
    ) -> Result<(), ImportError> {
        let display = input.display_path(name);
        let location = display.display().to_string();
        let open = || input.open_or_err(name);
        let mut topic = Topic { id: None, title: None, slug: None, private: false };
        let mut head = TopicHead::default();
        if shape == Shape::Topic {
            head = serde_json::from_reader(open()?)
                .map_err(|err| crate::json::json_error(&display, &err))?;
            topic = Topic {
                id: head.id,
                title: head.title.clone(),
                slug: head.slug.clone(),
                private: head.archetype.as_deref() == Some("private_message"),
            };
        }
        for_each_element(open()?, shape.path(), &display, &mut |index, raw| {
            self.post(raw, shape, &topic, site, &format!("{location}[{index}]"));
        })?;
        if let Some(err) = self.error.take() {
            return Err(err);
        }
        if let (Shape::Topic, Some(id)) = (shape, head.id) {
            let first = post_key(site, id, 1);
            if let Some(views) = head.views {
                self.audience(&first, "page_views", views);
            }
            let stream = head.post_stream.unwrap_or_default();
            let unloaded = stream.stream.len().saturating_sub(stream.posts.len());
            if unloaded > 0 {
                self.audience(&first, "unloaded_replies", unloaded as i64);
            }
        }
        match self.error.take() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    fn post(&mut self, raw: &RawValue, shape: Shape, topic: &Topic, site: &Site, at: &str) {
        let post: Post = match serde_json::from_str(raw.get()) {
            Ok(post) => post,
            Err(err) => {
                self.sink.warn_at(at, format!("a post that cannot be read, skipped: {err}"));
                return;
            }
        };
        if shape == Shape::UserActions {
            // 4 new topic, 5 reply, 6 response, 7 mention, 9 quote, 12/13 private messages
            match post.action_type {
                Some(4 | 5 | 6 | 7 | 9 | 12 | 13) => {}
                other => {
                    let reason = format!("user_action_{}", other.unwrap_or(0));
                    *self.summary.skipped.entry(reason).or_default() += 1;
                    return;
                }
            }
        }
        match post.post_type {
            Some(3) => {
                *self.summary.skipped.entry("small_action".into()).or_default() += 1;
                return;
            }
            Some(2) => {
                *self.summary.skipped.entry("moderator_action".into()).or_default() += 1;
                return;
            }
            _ => {}
        }
        let (Some(topic_id), Some(number)) = (post.topic_id.or(topic.id), post.post_number) else {
            self.sink.warn_at(at, "a post without topic_id or post_number, skipped".into());
            return;
        };
        let key = post_key(site, topic_id, number);
        if !self.posts.insert(key.clone()) {
            return;
        }
        let slug = post.topic_slug.as_deref().or(post.slug.as_deref()).or(topic.slug.as_deref());
        let title =
            post.topic_title.as_deref().or(post.title.as_deref()).or(topic.title.as_deref());
        let conversation = format!("{PLATFORM}:{}:{topic_id}", site.name);
        let topic_url = site.host.as_deref().map(|host| match slug {
            Some(slug) => format!("https://{host}/t/{slug}/{topic_id}"),
            None => format!("https://{host}/t/{topic_id}"),
        });
        if self.conversations.insert(conversation.clone()) {
            let record = Conversation {
                key: conversation.clone(),
                platform: PLATFORM.into(),
                title: title.map(|t| html_to_text(t).0),
                url: topic_url.clone(),
            };
            if let Err(err) = self.sink.conversation(record) {
                self.fail(err.into());
            }
        }
        let author = self.author(&post, site);
        let html = post.cooked.as_deref().or(post.excerpt.as_deref()).unwrap_or("");
        let (text, hrefs) = html_to_text(html);
        let answers = post.reply_to_post_number.or_else(|| quoted_post(html, topic_id));
        let (kind, parent) = match (number, answers) {
            (1, _) => (ItemKind::Post, None),
            (_, Some(n)) if n != 1 && n != number => {
                (ItemKind::Reply, Some(post_key(site, topic_id, n)))
            }
            _ => (ItemKind::Comment, Some(post_key(site, topic_id, 1))),
        };
        let private = topic.private || matches!(post.action_type, Some(12 | 13));
        let state = if private || post.post_type == Some(4) {
            State::Restricted
        } else if post.deleted_at.as_ref().is_some_and(|d| !d.is_null())
            || post.deleted == Some(true)
            || post.user_deleted == Some(true)
        {
            State::Deleted
        } else if post.hidden == Some(true) {
            State::Pending
        } else {
            State::Public
        };
        let native_id = post.id.filter(|_| shape != Shape::UserActions).or(post.post_id);
        let item = Item {
            key: key.clone(),
            native_id: native_id
                .map_or_else(|| format!("{topic_id}/{number}"), |id| id.to_string()),
            conversation,
            parent,
            author,
            kind,
            state,
            created_at: post.created_at.as_deref().and_then(parse_rfc3339),
            title: if number == 1 { title.map(|t| html_to_text(t).0) } else { None },
            url: topic_url.map(|u| format!("{u}/{number}")),
            links: extract_links(&text, hrefs),
            html: (!html.is_empty() && html.trim() != text).then(|| html.to_string()),
            text,
            mentions: Vec::new(),
        };
        if let Err(err) = self.sink.item(item) {
            self.fail(err.into());
        }
        let likes = post.actions_summary.iter().find(|a| a.id == Some(2)).and_then(|a| a.count);
        if let Some(likes) = likes.or(post.like_count) {
            self.audience(&key, "likes", likes);
        }
        if let Some(reads) = post.reads {
            self.audience(&key, "reads", reads);
        }
    }

    fn author(&mut self, post: &Post, site: &Site) -> String {
        let (id, username, name) = if post.acting_username.is_some() {
            (post.acting_user_id, post.acting_username.as_deref(), post.acting_name.as_deref())
        } else {
            (post.user_id, post.username.as_deref(), post.name.as_deref())
        };
        let username = username.map(str::trim).filter(|u| !u.is_empty());
        let key = match (id, username) {
            (Some(id), _) => format!("{PLATFORM}:{}:{id}", site.name),
            (None, Some(username)) => format!("{PLATFORM}:{}:@{username}", site.name),
            (None, None) => format!("{PLATFORM}:{}:[deleted]", site.name),
        };
        if self.participants.insert(key.clone()) {
            let handle = username.unwrap_or("[deleted]").to_string();
            let display_name =
                name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(&handle).to_string();
            let staff = [post.staff, post.admin, post.moderator].contains(&Some(true));
            let participant = Participant {
                key: key.clone(),
                platform: PLATFORM.into(),
                url: match (&site.host, username) {
                    (Some(host), Some(u)) => Some(format!("https://{host}/u/{u}")),
                    _ => None,
                },
                handle,
                display_name,
                kind: if username.is_some() {
                    ParticipantKind::Person
                } else {
                    ParticipantKind::Unknown
                },
                // user actions describe the acting user, not the row's staff flags
                site_author: staff && post.action_type.is_none(),
            };
            if let Err(err) = self.sink.participant(participant) {
                self.fail(err.into());
            }
        }
        key
    }

    fn audience(&mut self, item: &str, metric: &str, value: i64) {
        let snapshot = AudienceSnapshot {
            platform: PLATFORM.into(),
            account: None,
            item: Some(item.to_string()),
            metric: metric.into(),
            value,
            at: None,
        };
        if let Err(err) = self.sink.audience(snapshot) {
            self.fail(err.into());
        }
    }

    fn fail(&mut self, err: ImportError) {
        if self.error.is_none() {
            self.error = Some(err);
        }
    }
}

fn post_key(site: &Site, topic: u64, number: u64) -> String {
    format!("{PLATFORM}:{}:{topic}/{number}", site.name)
}

/// The post number of the single post of `topic` that `cooked` quotes, if it quotes exactly
/// one (`<aside class="quote ..." data-post="3" data-topic="57">`).
fn quoted_post(cooked: &str, topic: u64) -> Option<u64> {
    let mut found: Option<u64> = None;
    for (start, _) in cooked.match_indices("<aside") {
        let tag = &cooked[start..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if !tag.contains("quote") {
            continue;
        }
        let attr = |name: &str| -> Option<u64> {
            let rest = tag.split_once(&format!("{name}=\""))?.1;
            rest.split('"').next()?.trim().parse().ok()
        };
        if attr("data-topic") != Some(topic) {
            continue;
        }
        match (found, attr("data-post")) {
            (None, Some(n)) => found = Some(n),
            (Some(f), Some(n)) if f != n => return None,
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};

    fn run(name: &str) -> (ImportSummary, VecSink) {
        let (result, sink) = import_path(&Discourse, &fixture(&format!("discourse/{name}")));
        (result.unwrap(), sink)
    }

    fn metric(sink: &VecSink, item: &str, metric: &str) -> Option<i64> {
        sink.audience
            .iter()
            .find(|a| a.item.as_deref() == Some(item) && a.metric == metric)
            .map(|a| a.value)
    }
    const SITE: &str = "discourse:forum.stadtmuseum.example";

    #[test]
    fn a_topic_keys_posts_by_number_and_finds_the_host_in_avatar_paths() {
        let (summary, sink) = run("topic.json");
        assert!(summary.skipped.is_empty());
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        assert_eq!(sink.items.len(), 4);
        let conv = &sink.conversations[0];
        assert_eq!(conv.key, format!("{SITE}:123"));
        assert_eq!(conv.title.as_deref(), Some("Winterprogramm 2024 – eure Wünsche"));
        assert_eq!(
            conv.url.as_deref(),
            Some("https://forum.stadtmuseum.example/t/winterprogramm-2024/123")
        );
        let first = sink.item("501").unwrap();
        assert_eq!((first.kind, first.parent.as_deref()), (ItemKind::Post, None));
        assert_eq!(first.key, format!("{SITE}:123/1"));
        assert_eq!(first.links, vec!["https://www.stadtmuseum.example/winter"]);
        // no reply_to_post_number: a comment on the first post
        let comment = sink.item("502").unwrap();
        assert_eq!(comment.kind, ItemKind::Comment);
        assert_eq!(comment.parent.as_deref(), Some(&*format!("{SITE}:123/1")));
        let reply = sink.item("503").unwrap();
        assert_eq!(reply.kind, ItemKind::Reply);
        assert_eq!(reply.parent.as_deref(), Some(&*format!("{SITE}:123/2")));
        // 2024-01-10T11:00:00+01:00
        assert_eq!(reply.created_at, Some(1_704_880_800));
        assert_eq!(
            reply.url.as_deref(),
            Some("https://forum.stadtmuseum.example/t/winterprogramm-2024/123/3")
        );
        // no reply_to_post_number, but it quotes post 2 of this topic
        let quoting = sink.item("505").unwrap();
        assert_eq!(quoting.kind, ItemKind::Reply);
        assert_eq!(quoting.parent.as_deref(), Some(&*format!("{SITE}:123/2")));
        let anna = sink.participant(&format!("{SITE}:12")).unwrap();
        assert!(anna.site_author);
        assert_eq!(anna.handle, "anna_museum");
        assert_eq!(anna.url.as_deref(), Some("https://forum.stadtmuseum.example/u/anna_museum"));
        let lea = sink.participant(&format!("{SITE}:44")).unwrap();
        assert_eq!((lea.display_name.as_str(), lea.site_author), ("lea", false));
        let first_key = format!("{SITE}:123/1");
        assert_eq!(metric(&sink, &first_key, "likes"), Some(7));
        assert_eq!(metric(&sink, &first_key, "reads"), Some(80));
        assert_eq!(metric(&sink, &first_key, "page_views"), Some(412));
        // the stream lists 7 posts, the file holds 4
        assert_eq!(metric(&sink, &first_key, "unloaded_replies"), Some(3));
        assert_eq!(metric(&sink, &format!("{SITE}:123/2"), "likes"), Some(3));
    }

    #[test]
    fn whispers_are_restricted_and_actions_skipped() {
        let (summary, sink) = run("topic-moderation.json");
        assert_eq!(summary.skipped.get("small_action"), Some(&1));
        assert_eq!(summary.skipped.get("moderator_action"), Some(&1));
        assert_eq!(sink.items.len(), 6);
        let state = |id: &str| sink.item(id).unwrap().state;
        assert_eq!(state("602"), State::Public);
        assert_eq!(state("603"), State::Restricted);
        assert_eq!(state("606"), State::Deleted);
        assert_eq!(state("607"), State::Deleted);
        assert_eq!(state("608"), State::Pending);
        assert!(sink.item("604").is_none() && sink.item("605").is_none());
    }

    #[test]
    fn private_message_topics_are_restricted() {
        let (_, sink) = run("private-message.json");
        assert_eq!(sink.items.len(), 2);
        assert!(sink.items.iter().all(|i| i.state == State::Restricted));
        assert_eq!(sink.item("702").unwrap().kind, ItemKind::Comment);
    }

    #[test]
    fn latest_posts_take_the_host_from_an_internal_link() {
        let (_, sink) = run("latest-posts.json");
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        assert_eq!(sink.items.len(), 3);
        assert_eq!(sink.conversations.len(), 2);
        let reply = sink.item("812").unwrap();
        assert_eq!(reply.key, format!("{SITE}:130/4"));
        assert_eq!(reply.parent.as_deref(), Some(&*format!("{SITE}:130/3")));
        let opening = sink.item("810").unwrap();
        assert_eq!((opening.kind, opening.title.as_deref()), (ItemKind::Post, Some("Depot-Tage")));
        assert_eq!(metric(&sink, &format!("{SITE}:130/1"), "reads"), Some(10));
        // an empty actions_summary states no likes
        assert_eq!(metric(&sink, &format!("{SITE}:130/1"), "likes"), None);
    }

    #[test]
    fn without_a_host_the_site_is_called_discourse_and_a_warning_says_so() {
        let (_, sink) = run("post-replies.json");
        assert_eq!(sink.warnings.len(), 1);
        assert!(sink.warnings[0].message.contains("`discourse`"), "{:?}", sink.warnings);
        let reply = sink.item("903").unwrap();
        assert_eq!(reply.key, "discourse:discourse:140/3");
        assert_eq!(reply.parent.as_deref(), Some("discourse:discourse:140/2"));
        assert_eq!((reply.kind, reply.url.as_deref()), (ItemKind::Reply, None));
        assert_eq!(metric(&sink, "discourse:discourse:140/3", "likes"), Some(2));
        assert_eq!(sink.participant("discourse:discourse:70").unwrap().url, None);
    }

    #[test]
    fn user_actions_read_each_post_once_and_skip_likes() {
        let (summary, sink) = run("user-actions.json");
        assert_eq!(summary.skipped.get("user_action_2"), Some(&1));
        assert_eq!(sink.items.len(), 2);
        let comment = sink.item("1502").unwrap();
        assert_eq!(comment.author, "discourse:discourse:80");
        assert_eq!(comment.kind, ItemKind::Comment);
        assert_eq!(comment.text, "Wir kommen mit der ganzen Klasse – is there a guided tour at 8?");
        assert_eq!(sink.participant("discourse:discourse:80").unwrap().display_name, "Lukas");
        let reply = sink.item("1503").unwrap();
        assert_eq!(reply.parent.as_deref(), Some("discourse:discourse:150/2"));
        assert_eq!(sink.conversations[0].title.as_deref(), Some("Lange Nacht der Museen"));
    }

    #[test]
    fn quotes_of_other_topics_or_of_two_posts_name_no_parent() {
        let one = r#"<aside class="quote" data-post="4" data-topic="9">x</aside>"#;
        assert_eq!(quoted_post(one, 9), Some(4));
        assert_eq!(quoted_post(one, 10), None);
        let two = format!("{one}<aside class=\"quote\" data-post=\"5\" data-topic=\"9\">y</aside>");
        assert_eq!(quoted_post(&two, 9), None);
    }

    #[test]
    fn detection_claims_discourse_answers_only() {
        for name in [
            "topic.json",
            "topic-moderation.json",
            "private-message.json",
            "latest-posts.json",
            "post-replies.json",
            "user-actions.json",
        ] {
            let input = Input::from_path(&fixture(&format!("discourse/{name}"))).unwrap();
            assert_eq!(Discourse.detect(&input), Detection::Yes, "{name}");
        }
        for other in
            ["reddit/thread-nested.json", "wordpress-wxr/blog-v1.xml", "convokit/legacy-2019"]
        {
            let input = Input::from_path(&fixture(other)).unwrap();
            assert_eq!(Discourse.detect(&input), Detection::No, "{other}");
        }
    }
}
