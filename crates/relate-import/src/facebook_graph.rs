//! `facebook-graph`: pages of the Facebook Graph API saved as JSON.
//!
//! ## Format
//! Responses of the Graph API (developers.facebook.com/docs/graph-api/reference/page/feed and
//! /object/comments; notes in `../shared/corpus/FORMATS.md` §5): an object with a `data`
//! array and `paging` (`cursors`, `next`, `previous`), sometimes a `summary`. A feed page
//! holds posts (`id` `"{page}_{post}"`, `message`, `story`, `created_time`
//! `"2021-07-04T19:50:58+0000"`, `from{id,name}`, `permalink_url`, `attachments`,
//! `message_tags`, `shares{count}`, `reactions`/`likes`/`comments` with `.summary(total_count)`,
//! comments nested under `comments.data`); a comments page (`/{object}/comments`, also the
//! replies of one comment) holds comments (`id` `"{post}_{comment}"`, `message`,
//! `created_time`, `from`, `parent{id}` with `filter=stream`, `comment_count`, `like_count`,
//! `attachment`, `permalink_url`). A file is one page, a bare array of records or one record;
//! a folder holds the pages of one crawl, in any order.
//!
//! ## Mapping
//! - Every post and comment is keyed `facebook:<Graph id>`, whichever page it came from, so
//!   the same comment fetched through the feed, the post's comments and its parent's replies
//!   is one item. A post is its own [`Conversation`] (URL: `permalink_url`).
//! - A comment with `parent{id}` (or whose `permalink_url` has a `reply_comment_id`, or that
//!   sits in the replies page or under `comments` of another comment) is a reply to that
//!   comment; any other comment answers its post. The post is read from `permalink_url`
//!   (`/{page}/posts/{post}`, `/groups/{group}/permalink/{post}`), the enclosing post, the
//!   page's `/{post}/comments` URL, or, last, the first half of the comment id.
//! - `from` becomes a participant `facebook:<id>` with URL `https://www.facebook.com/<id>`;
//!   the page whose feed or post it is (the first half of a post id) is the site author.
//! - Counts become [`AudienceSnapshot`]s of their item: reactions (else likes, `like_count`)
//!   as `likes`, `comments.summary.total_count` / `comment_count` / a comments page's
//!   `summary.total_count` as `replies`, `shares.count` as `reposts`. Reactions listed one by
//!   one (`reactions.data[{id,name,type}]`) become [`ItemKind::Like`] items.
//! - `message_tags` of people and pages become mentions (participant keys).
//!
//! ## Known quirks
//! - Comments often lack `from` (Facebook withholds it without a page token): they are written
//!   by the stand-in participant `facebook:[unknown]`. Posts of a feed without `from` are
//!   credited to the feed's owner, the first half of their id (for a group's feed, the group).
//! - Comment pages requested without `id` in `fields` carry only `permalink_url`
//!   (`…/posts/{post}/?comment_id={c}&reply_comment_id={r}`): the id `{post}_{r or c}` and the
//!   parent `{post}_{c}` are rebuilt from it, the same ids the Graph API gives.
//! - Offsets are written without a colon (`+0000`).
//! - Link attachments point through `l.facebook.com`; the `unshimmed_url` is the real target.
//! - `is_hidden` comments are visible to their author's friends only: `restricted`;
//!   `is_published: false` posts are `pending`.

use relate_model::{
    AudienceSnapshot, Conversation, Item, ItemKind, Participant, ParticipantKind, State,
};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use serde_json::Value;

use crate::content::extract_links;
use crate::json::{for_each_element, json_error};
use crate::{
    Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, SinkError,
};

pub struct FacebookGraph;

const ID: &str = "facebook-graph";
const PLATFORM: &str = "facebook";
const UNKNOWN_AUTHOR: &str = "facebook:[unknown]";

impl Importer for FacebookGraph {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Facebook Graph API pages (feed, comments, replies) saved as JSON"
    }

    fn detect(&self, input: &Input) -> Detection {
        input.sniff_heads(&page_files(input), sniff)
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let files = page_files(input);
        let mut state = Emitter {
            sink,
            participants: HashMap::default(),
            conversations: HashMap::default(),
            posts: HashMap::default(),
            records: 0,
        };
        for name in &files {
            state.file(input, name)?;
        }
        if state.records == 0 {
            let first = files.first().cloned().unwrap_or_default();
            return Err(ImportError::not_this_format(
                input.display_path(&first),
                ID,
                "no post or comment with an id and created_time",
            ));
        }
        Ok(ImportSummary::default())
    }
}

fn page_files(input: &Input) -> Vec<String> {
    input.files_matching(|n| n.to_ascii_lowercase().ends_with(".json"))
}

/// `Yes` for JSON with Graph API timestamps (`created_time`) beside a Graph id
/// (`"123_456"`) or a facebook.com URL. Other platforms say `created_at` / `createdAt`; Notion,
/// which also says `created_time`, has UUID ids.
fn sniff(head: &[u8]) -> Detection {
    let text = String::from_utf8_lossy(head);
    let start = text.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    if !(start.starts_with('{') || start.starts_with('[')) || !text.contains("\"created_time\"") {
        return Detection::No;
    }
    if text.contains("graph.facebook.com/")
        || text.contains("www.facebook.com/")
        || has_graph_id(&text)
    {
        Detection::Yes
    } else {
        Detection::No
    }
}

/// Whether an `"id"` field holds digits, an underscore and digits.
fn has_graph_id(text: &str) -> bool {
    text.match_indices("\"id\"").any(|(at, needle)| {
        let rest = text[at + needle.len()..].trim_start();
        rest.strip_prefix(':')
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('"'))
            .and_then(|r| r.split_once('"'))
            .is_some_and(|(id, _)| is_compound_id(id))
    })
}

fn is_compound_id(id: &str) -> bool {
    id.split_once('_').is_some_and(|(a, b)| is_numeric(a) && is_numeric(b))
}

fn is_numeric(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// What a page says about itself, read before its records (it comes after them in the file).
#[derive(Deserialize, Default)]
struct PageMeta {
    paging: Option<Paging>,
    summary: Option<Summary>,
}

#[derive(Deserialize)]
struct Paging {
    next: Option<String>,
    previous: Option<String>,
}

#[derive(Deserialize)]
struct Summary {
    total_count: Option<i64>,
}

/// The object whose `comments` edge a page lists, from its paging URL
/// (`https://graph.facebook.com/v11.0/{object}/comments?...`).
fn comments_edge_object(paging: &Paging) -> Option<String> {
    [&paging.next, &paging.previous].into_iter().flatten().find_map(|link| {
        let url = url::Url::parse(link).ok()?;
        let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [.., object, "comments"] if is_compound_id(object) || is_numeric(object) => {
                Some((*object).to_string())
            }
            _ => None,
        }
    })
}

/// Where a record sits: which post, and which comment it answers if the page says so.
#[derive(Clone, Default)]
struct Context {
    /// The post id (`{page}_{post}`) of an enclosing post.
    post: Option<String>,
    /// The comment a nested or replies-page record answers.
    parent_comment: Option<String>,
    /// The object of a comments page, not yet known to be a post or a comment.
    edge_object: Option<String>,
    /// Records here are comments (a comments page, `comments.data`).
    comments: bool,
}

/// Parts of a `permalink_url`.
#[derive(Default)]
struct Permalink {
    page: Option<String>,
    post: Option<String>,
    comment: Option<String>,
    reply: Option<String>,
}

fn parse_permalink(link: &str) -> Permalink {
    let mut out = Permalink::default();
    let Ok(url) = url::Url::parse(link) else { return out };
    let segments: Vec<&str> = url.path_segments().map(Iterator::collect).unwrap_or_default();
    match segments.as_slice() {
        ["groups", group, "permalink" | "posts", post, ..] | [group, "posts", post, ..]
            if is_numeric(group) && is_numeric(post) =>
        {
            out.page = Some((*group).to_string());
            out.post = Some((*post).to_string());
        }
        [_, "posts", post, ..] if is_numeric(post) => out.post = Some((*post).to_string()),
        _ => {}
    }
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "comment_id" => out.comment = Some(value.into_owned()),
            "reply_comment_id" => out.reply = Some(value.into_owned()),
            "story_fbid" if is_numeric(&value) => out.post = Some(value.into_owned()),
            "id" if is_numeric(&value) && out.page.is_none() => out.page = Some(value.into_owned()),
            _ => {}
        }
    }
    out
}

fn key(id: &str) -> String {
    format!("{PLATFORM}:{id}")
}

fn text_of<'v>(v: &'v Value, field: &str) -> Option<&'v str> {
    v.get(field).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn count(v: &Value, edge: &str) -> Option<i64> {
    v.get(edge)?.get("summary")?.get("total_count")?.as_i64()
}

struct Emitter<'s> {
    sink: &'s mut dyn Sink,
    /// Participant key -> whether it was sent with a name.
    participants: HashMap<String, bool>,
    /// Conversation key -> whether it was sent from its post (not only from a comment).
    conversations: HashMap<String, bool>,
    /// Post number -> post id (`{page}_{post}`), for comments that know only the number.
    posts: HashMap<String, String>,
    records: u64,
}

impl Emitter<'_> {
    fn file(&mut self, input: &Input, name: &str) -> Result<(), ImportError> {
        let file = input.display_path(name);
        let shown = file.display().to_string();
        let io = |source| ImportError::Io { file: file.clone(), source };
        let first = input.head(name, 4096).into_iter().find(|b| !b.is_ascii_whitespace());
        let mut failed: Option<SinkError> = None;
        let mut each = |this: &mut Self, index: usize, raw: &str, ctx: &Context| {
            if failed.is_some() {
                return;
            }
            let location = format!("{shown}[{index}]");
            match serde_json::from_str::<Value>(raw) {
                Ok(v) if v.is_object() => {
                    if let Err(e) = this.record(&location, &v, ctx) {
                        failed = Some(e);
                    }
                }
                Ok(_) => this.sink.warn_at(&location, "not an object, skipped".into()),
                Err(e) => this.sink.warn_at(&location, format!("unreadable record, skipped: {e}")),
            }
        };
        match first {
            Some(b'[') => {
                let ctx = Context::default();
                for_each_element(input.open(name).map_err(io)?, &[], &file, &mut |i, raw| {
                    each(self, i, raw.get(), &ctx);
                })?;
            }
            Some(b'{') => {
                let meta: PageMeta = serde_json::from_reader(input.open(name).map_err(io)?)
                    .map_err(|e| json_error(&file, &e))?;
                let edge_object = meta.paging.as_ref().and_then(comments_edge_object);
                let ctx = Context {
                    comments: edge_object.is_some(),
                    edge_object: edge_object.clone(),
                    ..Context::default()
                };
                let found = for_each_element(
                    input.open(name).map_err(io)?,
                    &["data"],
                    &file,
                    &mut |i, raw| {
                        each(self, i, raw.get(), &ctx);
                    },
                )?;
                if !found {
                    // one record fetched by id
                    let raw = String::from_utf8_lossy(&input.read(name).map_err(io)?).into_owned();
                    each(self, 0, &raw, &ctx);
                }
                if let (Some(object), Some(total)) =
                    (edge_object, meta.summary.and_then(|s| s.total_count))
                {
                    self.audience(&key(&object), "replies", Some(total))?;
                }
            }
            _ => {
                return Err(ImportError::not_this_format(
                    file,
                    ID,
                    "neither a JSON object nor an array",
                ));
            }
        }
        match failed {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }

    fn record(&mut self, location: &str, v: &Value, ctx: &Context) -> Result<(), SinkError> {
        let permalink = text_of(v, "permalink_url").map(parse_permalink).unwrap_or_default();
        let is_comment = ctx.comments
            || permalink.comment.is_some()
            || v.get("parent").is_some()
            || ["comment_count", "like_count", "can_like", "attachment", "is_hidden"]
                .iter()
                .any(|f| v.get(f).is_some());
        if is_comment {
            self.comment(location, v, ctx, &permalink)
        } else {
            self.post(location, v, &permalink)
        }
    }

    fn post(&mut self, location: &str, v: &Value, permalink: &Permalink) -> Result<(), SinkError> {
        let id = match (text_of(v, "id"), &permalink.page, &permalink.post) {
            (Some(id), _, _) => id.to_string(),
            (None, Some(page), Some(post)) => format!("{page}_{post}"),
            _ => {
                self.sink.warn_at(location, "post without id or permalink, skipped".into());
                return Ok(());
            }
        };
        let owner = id.split_once('_').map(|(page, _)| page.to_string());
        if let Some((_, number)) = id.split_once('_') {
            self.posts.insert(number.to_string(), id.clone());
        }
        let author = match self.from(v, owner.as_deref())? {
            Some(author) => author,
            None => match &owner {
                Some(page) => self.participant(page, None, true)?,
                None => self.unknown()?,
            },
        };
        let post_key = key(&id);
        let url = text_of(v, "permalink_url").map(str::to_string);
        if self.conversations.get(&post_key) != Some(&true) {
            self.conversations.insert(post_key.clone(), true);
            self.sink.conversation(Conversation {
                key: post_key.clone(),
                platform: PLATFORM.into(),
                title: None,
                url: url.clone(),
            })?;
        }
        let state = if v.get("is_published").and_then(Value::as_bool) == Some(false) {
            State::Pending
        } else {
            State::Public
        };
        self.item(v, &id, &post_key, None, author, ItemKind::Post, state, url)?;
        self.audience(&post_key, "likes", count(v, "reactions").or_else(|| count(v, "likes")))?;
        self.audience(&post_key, "replies", count(v, "comments"))?;
        let shares = v.get("shares").and_then(|s| s.get("count")).and_then(Value::as_i64);
        self.audience(&post_key, "reposts", shares)?;
        self.reactions(v, &id, &post_key, &post_key)?;
        let nested = Context { post: Some(id.clone()), comments: true, ..Context::default() };
        self.nested_comments(location, v, &nested)
    }

    fn comment(
        &mut self,
        location: &str,
        v: &Value,
        ctx: &Context,
        permalink: &Permalink,
    ) -> Result<(), SinkError> {
        let id = match (text_of(v, "id"), &permalink.post, &permalink.comment) {
            (Some(id), _, _) => id.to_string(),
            (None, Some(post), Some(comment)) => {
                format!("{post}_{}", permalink.reply.as_deref().unwrap_or(comment))
            }
            _ => {
                self.sink.warn_at(location, "comment without id or permalink, skipped".into());
                return Ok(());
            }
        };
        let number = id.split_once('_').map(|(post, _)| post.to_string());
        let post_id = self.post_of(ctx, permalink, number.as_deref());
        let page = post_id.as_deref().and_then(|p| p.split_once('_')).map(|(page, _)| page);
        let parent_comment = v
            .get("parent")
            .and_then(|p| text_of(p, "id"))
            .map(str::to_string)
            .or_else(|| match (&permalink.post, &permalink.comment, &permalink.reply) {
                (Some(post), Some(comment), Some(_)) => Some(format!("{post}_{comment}")),
                _ => None,
            })
            .or_else(|| ctx.parent_comment.clone())
            .or_else(|| {
                // a replies page: `/{post}_{comment}/comments`
                ctx.edge_object.clone().filter(|object| {
                    object.split_once('_').map(|(p, _)| p) == number.as_deref()
                        && Some(object) != post_id.as_ref()
                })
            });
        let conversation = match &post_id {
            Some(post) => key(post),
            None => key(number.as_deref().unwrap_or(&id)),
        };
        if !self.conversations.contains_key(&conversation) {
            self.conversations.insert(conversation.clone(), false);
            let url = match (page, &permalink.post) {
                (Some(page), Some(post)) => {
                    Some(format!("https://www.facebook.com/{page}/posts/{post}/"))
                }
                _ => None,
            };
            self.sink.conversation(Conversation {
                key: conversation.clone(),
                platform: PLATFORM.into(),
                title: None,
                url,
            })?;
        }
        let author = match self.from(v, page)? {
            Some(author) => author,
            None => self.unknown()?,
        };
        let (kind, parent) = match parent_comment {
            Some(parent) => (ItemKind::Reply, key(&parent)),
            None => (ItemKind::Comment, conversation.clone()),
        };
        let state = if v.get("is_hidden").and_then(Value::as_bool) == Some(true) {
            State::Restricted
        } else {
            State::Public
        };
        let url = text_of(v, "permalink_url").map(str::to_string);
        let item_key = key(&id);
        self.item(v, &id, &conversation, Some(parent), author, kind, state, url)?;
        let likes = count(v, "reactions")
            .or_else(|| count(v, "likes"))
            .or_else(|| v.get("like_count").and_then(Value::as_i64));
        self.audience(&item_key, "likes", likes)?;
        let replies =
            count(v, "comments").or_else(|| v.get("comment_count").and_then(Value::as_i64));
        self.audience(&item_key, "replies", replies)?;
        self.reactions(v, &id, &item_key, &conversation)?;
        let nested = Context {
            post: post_id,
            parent_comment: Some(id),
            comments: true,
            ..Context::default()
        };
        self.nested_comments(location, v, &nested)
    }

    /// The post (`{page}_{post}`) a comment belongs to, by the most reliable clue there is.
    fn post_of(
        &self,
        ctx: &Context,
        permalink: &Permalink,
        number: Option<&str>,
    ) -> Option<String> {
        if let (Some(page), Some(post)) = (&permalink.page, &permalink.post) {
            return Some(format!("{page}_{post}"));
        }
        if let Some(post) = &ctx.post {
            return Some(post.clone());
        }
        // a post's comments page: `/{page}_{post}/comments`
        if let Some(object) = &ctx.edge_object
            && object.split_once('_').map(|(_, p)| p) == number
        {
            return Some(object.clone());
        }
        number.and_then(|n| self.posts.get(n).cloned())
    }

    fn nested_comments(
        &mut self,
        location: &str,
        v: &Value,
        ctx: &Context,
    ) -> Result<(), SinkError> {
        let Some(list) = v.get("comments").and_then(|c| c.get("data")).and_then(Value::as_array)
        else {
            return Ok(());
        };
        for (index, nested) in list.iter().enumerate() {
            let at = format!("{location}.comments[{index}]");
            if nested.is_object() {
                let permalink =
                    text_of(nested, "permalink_url").map(parse_permalink).unwrap_or_default();
                self.comment(&at, nested, ctx, &permalink)?;
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        v: &Value,
        id: &str,
        conversation: &str,
        parent: Option<String>,
        author: String,
        kind: ItemKind,
        state: State,
        url: Option<String>,
    ) -> Result<(), SinkError> {
        let text = text_of(v, "message").unwrap_or_default().to_string();
        let links = extract_links(&text, attachment_links(v));
        let mentions = v
            .get("message_tags")
            .and_then(Value::as_array)
            .map(|tags| tags.iter().filter_map(|t| text_of(t, "id")).map(key).collect())
            .unwrap_or_default();
        self.records += 1;
        self.sink.item(Item {
            key: key(id),
            native_id: id.to_string(),
            conversation: conversation.to_string(),
            parent,
            author,
            kind,
            state,
            created_at: text_of(v, "created_time").and_then(relate_model::time::parse_rfc3339),
            title: text_of(v, "story").map(str::to_string),
            url,
            text,
            html: None,
            links,
            mentions,
        })
    }

    /// Reactions listed one by one: likes by their people.
    fn reactions(
        &mut self,
        v: &Value,
        id: &str,
        target: &str,
        conversation: &str,
    ) -> Result<(), SinkError> {
        for edge in ["reactions", "likes"] {
            let Some(list) = v.get(edge).and_then(|e| e.get("data")).and_then(Value::as_array)
            else {
                continue;
            };
            for reaction in list {
                let Some(person) = text_of(reaction, "id") else { continue };
                let author = self.participant(person, text_of(reaction, "name"), false)?;
                self.sink.item(Item {
                    key: format!("{}:like:{person}", key(id)),
                    native_id: format!("{id}:{person}"),
                    conversation: conversation.to_string(),
                    parent: Some(target.to_string()),
                    author,
                    kind: ItemKind::Like,
                    state: State::Public,
                    created_at: None,
                    title: None,
                    url: None,
                    text: String::new(),
                    html: None,
                    links: Vec::new(),
                    mentions: Vec::new(),
                })?;
            }
        }
        Ok(())
    }

    fn audience(&mut self, item: &str, metric: &str, value: Option<i64>) -> Result<(), SinkError> {
        let Some(value) = value else { return Ok(()) };
        self.sink.audience(AudienceSnapshot {
            platform: PLATFORM.into(),
            account: None,
            item: Some(item.to_string()),
            metric: metric.into(),
            value,
            at: None,
        })
    }

    /// The `from` participant, the page's own account marked as the site author.
    fn from(&mut self, v: &Value, page: Option<&str>) -> Result<Option<String>, SinkError> {
        let Some(from) = v.get("from") else { return Ok(None) };
        let Some(id) = text_of(from, "id") else { return Ok(None) };
        let owner = page == Some(id);
        self.participant(id, text_of(from, "name"), owner).map(Some)
    }

    fn participant(
        &mut self,
        id: &str,
        name: Option<&str>,
        site_author: bool,
    ) -> Result<String, SinkError> {
        let participant_key = key(id);
        let named = name.is_some();
        // send again when a name turns up for an account first seen without one
        let known = self.participants.get(&participant_key).copied();
        if known.is_none() || (named && known == Some(false)) {
            self.participants.insert(participant_key.clone(), named);
            let display = name.unwrap_or(id).to_string();
            self.sink.participant(Participant {
                key: participant_key.clone(),
                platform: PLATFORM.into(),
                handle: display.clone(),
                display_name: display,
                url: Some(format!("https://www.facebook.com/{id}")),
                kind: ParticipantKind::Person,
                site_author,
            })?;
        }
        Ok(participant_key)
    }

    fn unknown(&mut self) -> Result<String, SinkError> {
        if !self.participants.contains_key(UNKNOWN_AUTHOR) {
            self.participants.insert(UNKNOWN_AUTHOR.to_string(), true);
            self.sink.participant(Participant {
                key: UNKNOWN_AUTHOR.into(),
                platform: PLATFORM.into(),
                handle: "[unknown]".into(),
                display_name: "[unknown]".into(),
                url: None,
                kind: ParticipantKind::Unknown,
                site_author: false,
            })?;
        }
        Ok(UNKNOWN_AUTHOR.to_string())
    }
}

/// Links a post or comment shares: attachment targets, unwrapped from Facebook's redirect,
/// without Facebook's own photo and video pages.
fn attachment_links(v: &Value) -> Vec<String> {
    let mut attachments: Vec<&Value> = Vec::new();
    if let Some(list) = v.get("attachments").and_then(|a| a.get("data")).and_then(Value::as_array) {
        for a in list {
            attachments.push(a);
            if let Some(subs) =
                a.get("subattachments").and_then(|s| s.get("data")).and_then(Value::as_array)
            {
                attachments.extend(subs);
            }
        }
    }
    if let Some(a) = v.get("attachment") {
        attachments.push(a);
    }
    let mut links = Vec::new();
    for a in attachments {
        let Some(link) = text_of(a, "unshimmed_url").or_else(|| text_of(a, "url")) else {
            continue;
        };
        let host = url::Url::parse(link).ok().and_then(|u| u.host_str().map(str::to_string));
        let on_facebook = host.is_some_and(|h| {
            h == "facebook.com" || h.ends_with(".facebook.com") || h.ends_with("fbcdn.net")
        });
        if !on_facebook && !links.iter().any(|l| l == link) {
            links.push(link.to_string());
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};

    fn import(name: &str) -> VecSink {
        let (res, sink) = import_path(&FacebookGraph, &fixture(&format!("facebook-graph/{name}")));
        res.unwrap();
        sink
    }

    fn metric(sink: &VecSink, item: &str, metric: &str) -> Option<i64> {
        sink.audience
            .iter()
            .filter(|a| a.item.as_deref() == Some(item) && a.metric == metric)
            .map(|a| a.value)
            .next_back()
    }

    #[test]
    fn feed_posts_with_counts_links_and_nested_comments() {
        let sink = import("museum/feed.json");
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        let post = sink.item("111_201").unwrap();
        assert_eq!(post.kind, ItemKind::Post);
        assert_eq!(post.conversation, "facebook:111_201");
        assert_eq!(post.created_at, relate_model::time::parse_rfc3339("2024-03-01T09:00:00Z"));
        // the redirect is unwrapped; the photo page on facebook.com is not a source
        assert_eq!(post.links, vec!["https://museum.example.org/ausstellung".to_string()]);
        assert_eq!(post.mentions, vec!["facebook:555".to_string()]);
        let page = sink.participant(&post.author).unwrap();
        assert_eq!(page.key, "facebook:111");
        assert!(page.site_author);
        assert_eq!(page.url.as_deref(), Some("https://www.facebook.com/111"));
        assert_eq!(metric(&sink, "facebook:111_201", "likes"), Some(12));
        assert_eq!(metric(&sink, "facebook:111_201", "replies"), Some(2));
        assert_eq!(metric(&sink, "facebook:111_201", "reposts"), Some(3));
        // comments nested in the post: one comment, one reply through `parent`
        let comment = sink.item("201_301").unwrap();
        assert_eq!(
            (comment.kind, comment.parent.as_deref()),
            (ItemKind::Comment, Some("facebook:111_201"))
        );
        let reply = sink.item("201_302").unwrap();
        assert_eq!(
            (reply.kind, reply.parent.as_deref()),
            (ItemKind::Reply, Some("facebook:201_301"))
        );
        assert_eq!(reply.conversation, "facebook:111_201");
        assert!(sink.participant(&reply.author).unwrap().site_author);
        // reactions listed one by one are likes
        let likes: Vec<_> = sink.items.iter().filter(|i| i.kind == ItemKind::Like).collect();
        assert_eq!(likes.len(), 1);
        assert_eq!(likes[0].author, "facebook:777");
        assert_eq!(likes[0].parent.as_deref(), Some("facebook:111_201"));
    }

    #[test]
    fn comments_without_ids_or_from_are_rebuilt_from_their_permalinks() {
        let sink = import("museum/comments-no-id.json");
        let top = sink.item("201_401").unwrap();
        assert_eq!(top.kind, ItemKind::Comment);
        assert_eq!(top.conversation, "facebook:111_201");
        assert_eq!(top.author, UNKNOWN_AUTHOR);
        let reply = sink.item("201_402").unwrap();
        assert_eq!(
            (reply.kind, reply.parent.as_deref()),
            (ItemKind::Reply, Some("facebook:201_401"))
        );
        assert_eq!(metric(&sink, "facebook:201_401", "replies"), Some(1));
        // the page's summary counts the post's comments
        assert_eq!(metric(&sink, "facebook:111_201", "replies"), Some(5));
    }

    #[test]
    fn a_replies_page_answers_the_comment_in_its_url() {
        let sink = import("museum/replies-page.json");
        let reply = sink.item("201_501").unwrap();
        assert_eq!(
            (reply.kind, reply.parent.as_deref()),
            (ItemKind::Reply, Some("facebook:201_301"))
        );
        assert_eq!(reply.conversation, "facebook:111_201");
        let hidden = sink.item("201_502").unwrap();
        assert_eq!(hidden.state, State::Restricted);
        let author = sink.participant(&reply.author).unwrap();
        assert_eq!(author.display_name, "Jana Köhler");
        assert!(!author.site_author);
    }

    #[test]
    fn the_same_comment_from_two_pages_has_one_key() {
        let sink = import("museum");
        // 201_301 comes nested in the feed and again in the post's comments page
        let keys: Vec<_> =
            sink.items.iter().filter(|i| i.native_id == "201_301").map(|i| &i.key).collect();
        assert_eq!(keys.len(), 2);
        assert!(keys.iter().all(|k| *k == "facebook:201_301"));
        let conversations: std::collections::BTreeSet<_> =
            sink.items.iter().map(|i| i.conversation.as_str()).collect();
        assert_eq!(
            conversations.into_iter().collect::<Vec<_>>(),
            vec!["facebook:111_201", "facebook:111_202"]
        );
    }

    #[test]
    fn detection_and_broken_records() {
        assert_eq!(
            sniff(br#"{"data": [{"id": "1_2", "created_time": "2024-01-01T00:00:00+0000"}]}"#),
            Detection::Yes
        );
        let notion = br#"{"object": "page", "id": "3f1c0e2a-0000", "created_time": "2024-01-01T00:00:00.000Z"}"#;
        assert_eq!(sniff(notion), Detection::No);
        let mastodon =
            br#"[{"id": "1", "created_at": "2024-01-01", "url": "https://www.facebook.com/x"}]"#;
        assert_eq!(sniff(mastodon), Detection::No);
        let (res, sink) = import_path(&FacebookGraph, &fixture("facebook-graph/odd-records.json"));
        res.unwrap();
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.warnings.len(), 2, "{:?}", sink.warnings);
        assert!(sink.warnings[0].location.ends_with("odd-records.json[1]"), "{:?}", sink.warnings);
    }
}
