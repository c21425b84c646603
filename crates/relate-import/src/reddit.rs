//! `reddit`: a Reddit thread as reddit.com serves it with `.json` appended to its URL, and
//! other listings of the same "things" (a saved or user comments page, `/api/morechildren`).
//!
//! ## Format
//! `GET /comments/{article}` (reddit.com/dev/api; the "things" are defined in the old `r2`
//! source and documented by PRAW; notes in `../shared/corpus/FORMATS.md` §7) answers with an
//! array of two Listings: `[{kind: "Listing", data: {children: [t3]}}, {kind: "Listing", data:
//! {children: [t1 ..., more]}}]`. A `t1` (comment) carries `name` (`t1_<id>`, its fullname),
//! `parent_id` (the fullname of the comment or submission it answers), `link_id` (the `t3_`
//! fullname of the thread), `author`, `created_utc` (float epoch), `body` (markdown),
//! `body_html` (entity-escaped HTML), `score`, `permalink`, `distinguished`, `stickied`,
//! `edited` (`false` or an epoch) and `replies`: another Listing, or `""` when there are none.
//! A `t3` (submission) has `title`, `selftext`, `selftext_html`, `url`, `is_self`,
//! `num_comments`, `score`, `subreddit`, `permalink`. `kind: "more"` stubs stand for replies
//! the response left out (`count`, `parent_id`, `children` ids). Saved and user comment pages
//! are a single Listing of `t1`/`t3`; `/api/morechildren` is `{json: {data: {things: [...]}}}`.
//!
//! ## Mapping
//! - A `t3` becomes a [`Conversation`] (url = its permalink on www.reddit.com) and an
//!   [`ItemKind::Post`] whose links start with the submitted `url` (a link post shares a page:
//!   that is how a thread about a blog post is stitched to it).
//! - A `t1` answering the `t3` is a [`ItemKind::Comment`], one answering a `t1` a
//!   [`ItemKind::Reply`]; `parent` is the key of `parent_id`. Comments whose thread is not in the
//!   file (saved pages) get a conversation from `link_id`, `link_title` and `link_permalink`.
//! - Keys: items and conversations `reddit:reddit.com:<fullname>`; participants
//!   `reddit:<username>` (Reddit usernames never change), url `https://www.reddit.com/user/..`.
//! - `score` and `num_comments` become [`AudienceSnapshot`]s (`score`, `replies`) of their
//!   item; `more` stubs become `unloaded_replies` of the item they hang under (summed per
//!   item, since one number per item and metric is kept).
//!
//! ## Known quirks
//! - `replies` is `""`, not null or an empty Listing, when a comment has no replies.
//! - Deleted accounts have the author `[deleted]` (no `author_fullname`): one
//!   [`ParticipantKind::Unknown`] participant `reddit:[deleted]` that stands for many people.
//!   Bodies `[deleted]` (by the author) and `[removed]` (by moderators), and submissions with a
//!   `removed_by_category`, are [`State::Deleted`].
//! - "Continue this thread" stubs have `count: 0` and no children though replies exist: they
//!   count as one unloaded reply (a lower bound).
//! - `body`, `selftext` and `title` come entity-escaped (`&amp;`, `&lt;`) unless the URL had
//!   `raw_json=1`; `body_html` is escaped HTML. Both are unescaped before rendering.
//! - `edited` is `false` or a timestamp and `created_utc` an integer or a float: neither may
//!   make a record unreadable. `distinguished` (moderator, admin) and `stickied` comments are
//!   ordinary comments: a subreddit's moderators do not speak for the institution.
//! - A thread `.json` is read one Listing at a time; Reddit serves at most about 500 comments
//!   per response, so a Listing stays small.

use rustc_hash::FxHashSet as HashSet;
use std::io::BufRead;
use std::path::PathBuf;

use relate_model::State;
use relate_model::{AudienceSnapshot, Conversation, Item, ItemKind, Participant, ParticipantKind};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::content::{extract_links, html_to_text};
use crate::json::for_each_element;
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink};

pub struct Reddit;

const ID: &str = "reddit";
const PLATFORM: &str = "reddit";
/// The one Reddit "site" in item and conversation keys.
const SITE: &str = "reddit.com";
/// The participant that stands for every deleted account.
pub const DELETED_AUTHOR: &str = "reddit:[deleted]";

impl Importer for Reddit {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Reddit thread .json (a thread URL + .json), saved/user comment listings, morechildren"
    }

    fn detect(&self, input: &Input) -> Detection {
        let files = json_files(input);
        if files.is_empty() || files.len() > 1 && !input.is_dir() {
            return Detection::No;
        }
        // a folder is ours only if every JSON file in it is a Reddit listing
        let sample: Vec<&String> = files.iter().take(20).collect();
        if sample.iter().all(|f| looks_like_reddit(&input.head(f, 65536))) {
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
        let files = json_files(input);
        if files.is_empty() {
            return Err(not_reddit(input.path().to_path_buf(), "no .json file to read"));
        }
        let mut run = Run {
            sink,
            summary: ImportSummary::default(),
            conversations: HashSet::default(),
            participants: HashSet::default(),
            things: 0,
            error: None,
        };
        for name in &files {
            run.file(input, name)?;
        }
        Ok(run.summary)
    }
}

/// What a file's JSON begins with, ignoring whitespace (so `"kind": "t3"` and `"kind":"t3"`
/// compare alike). Only for sniffing.
fn squeeze(head: &[u8]) -> String {
    String::from_utf8_lossy(head).chars().filter(|c| !c.is_whitespace()).collect()
}

fn looks_like_reddit(head: &[u8]) -> bool {
    let head = squeeze(head);
    let head = head.trim_start_matches('\u{feff}');
    let thing = head.contains("\"kind\":\"t1\"") || head.contains("\"kind\":\"t3\"");
    if head.starts_with('[') {
        // a thread: the first element is a Listing holding the t3
        head.contains("\"kind\":\"Listing\"") && head.contains("\"kind\":\"t3\"")
    } else if head.starts_with('{') {
        (head.contains("\"kind\":\"Listing\"") && thing)
            || (head.starts_with("{\"json\":") && head.contains("\"things\":") && thing)
    } else {
        false
    }
}

fn json_files(input: &Input) -> Vec<String> {
    input.files_matching(|f| f.ends_with(".json"))
}

fn not_reddit(file: PathBuf, reason: &str) -> ImportError {
    ImportError::not_this_format(file, ID, reason.to_string())
}

#[derive(Deserialize)]
struct Thing<'a> {
    #[serde(default)]
    kind: String,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct ListingData<'a> {
    #[serde(borrow, default)]
    children: Vec<&'a RawValue>,
}

/// The fields of a `t1` or `t3` that relate reads. Numbers stay [`Value`]s: dumps write them
/// as integers, floats or strings, and a score must not make a comment unreadable.
#[derive(Deserialize, Default)]
struct Entry<'a> {
    id: Option<String>,
    name: Option<String>,
    parent_id: Option<String>,
    link_id: Option<String>,
    author: Option<String>,
    created_utc: Option<Value>,
    body: Option<String>,
    body_html: Option<String>,
    selftext: Option<String>,
    selftext_html: Option<String>,
    title: Option<String>,
    permalink: Option<String>,
    url: Option<String>,
    is_self: Option<bool>,
    score: Option<Value>,
    num_comments: Option<Value>,
    removed_by_category: Option<String>,
    link_title: Option<String>,
    link_permalink: Option<String>,
    #[serde(borrow)]
    replies: Option<&'a RawValue>,
}

#[derive(Deserialize, Default)]
struct More {
    count: Option<Value>,
    parent_id: Option<String>,
    #[serde(default)]
    children: Vec<Value>,
}

/// Where a thing sits: the thread (`t3_` fullname) and the item it answers, when the
/// enclosing structure says so.
#[derive(Clone, Copy, Default)]
struct Context<'c> {
    thread: Option<&'c str>,
    parent: Option<&'c str>,
}

struct Run<'s> {
    sink: &'s mut dyn Sink,
    summary: ImportSummary,
    conversations: HashSet<String>,
    participants: HashSet<String>,
    /// Things (t1, t3, more) read so far; none at all means the file was not Reddit's.
    things: u64,
    /// The first sink error, raised once the current file's stream ends.
    error: Option<ImportError>,
}

impl Run<'_> {
    fn file(&mut self, input: &Input, name: &str) -> Result<(), ImportError> {
        let display = input.display_path(name);
        let location = display.display().to_string();
        let open = || input.open_or_err(name);
        let mut reader = open()?;
        let first = first_byte(&mut reader).map_err(ImportError::io(display.clone()))?;
        let before = self.things;
        match first {
            Some(b'[') => {
                // a thread: the submission's Listing, then the comments' Listing
                let mut thread: Option<String> = None;
                for_each_element(reader, &[], &display, &mut |index, raw| {
                    let at = format!("{location}[{index}]");
                    let ctx = Context { thread: thread.as_deref(), parent: None };
                    if let Some(t3) = self.listing(raw, ctx, &at)
                        && thread.is_none()
                    {
                        thread = Some(t3);
                    }
                })?;
            }
            Some(b'{') => {
                let mut each = |index: usize, raw: &RawValue| {
                    let at = format!("{location}[{index}]");
                    self.child(raw, Context::default(), &at, &mut Vec::new());
                };
                if !for_each_element(reader, &["data", "children"], &display, &mut each)? {
                    for_each_element(open()?, &["json", "data", "things"], &display, &mut each)?;
                }
            }
            _ => return Err(not_reddit(display, "not a JSON array or object")),
        }
        if let Some(err) = self.error.take() {
            return Err(err);
        }
        if self.things == before {
            return Err(not_reddit(display, "no Reddit things (t1, t3, more) in the file"));
        }
        Ok(())
    }

    /// Reads one Listing; returns the fullname of the first submission in it, if any.
    fn listing(&mut self, raw: &RawValue, ctx: Context<'_>, at: &str) -> Option<String> {
        let children = match serde_json::from_str::<Thing>(raw.get()) {
            Ok(Thing { kind, data: Some(data) }) if kind == "Listing" => {
                match serde_json::from_str::<ListingData>(data.get()) {
                    Ok(listing) => listing.children,
                    Err(err) => {
                        self.sink
                            .warn_at(at, format!("a Listing that cannot be read, skipped: {err}"));
                        return None;
                    }
                }
            }
            Ok(Thing { kind, .. }) => {
                self.sink.warn_at(at, format!("expected a Listing, found kind {kind:?}; skipped"));
                return None;
            }
            Err(err) => {
                self.sink.warn_at(at, format!("not a Reddit thing, skipped: {err}"));
                return None;
            }
        };
        let mut stubs: Vec<(String, i64)> = Vec::new();
        let mut submission = None;
        for child in children {
            if let Some(t3) = self.child(child, ctx, at, &mut stubs)
                && submission.is_none()
            {
                submission = Some(t3);
            }
        }
        self.emit_stubs(stubs);
        submission
    }

    /// Reads one thing of a Listing; `more` stubs are gathered into `stubs` for the caller to
    /// sum. Returns the fullname of a submission.
    fn child(
        &mut self,
        raw: &RawValue,
        ctx: Context<'_>,
        at: &str,
        stubs: &mut Vec<(String, i64)>,
    ) -> Option<String> {
        let thing = match serde_json::from_str::<Thing>(raw.get()) {
            Ok(thing) => thing,
            Err(err) => {
                self.sink.warn_at(at, format!("not a Reddit thing, skipped: {err}"));
                return None;
            }
        };
        let data = thing.data.map(RawValue::get).unwrap_or("{}");
        match thing.kind.as_str() {
            "t3" => match serde_json::from_str::<Entry>(data) {
                Ok(entry) => {
                    self.things += 1;
                    self.submission(&entry, at)
                }
                Err(err) => {
                    self.sink
                        .warn_at(at, format!("a submission that cannot be read, skipped: {err}"));
                    None
                }
            },
            "t1" => {
                match serde_json::from_str::<Entry>(data) {
                    Ok(entry) => {
                        self.things += 1;
                        self.comment(&entry, ctx, at);
                    }
                    Err(err) => {
                        self.sink
                            .warn_at(at, format!("a comment that cannot be read, skipped: {err}"));
                    }
                }
                None
            }
            "more" => {
                self.things += 1;
                let more: More = serde_json::from_str(data).unwrap_or_default();
                let parent = more.parent_id.as_deref().or(ctx.parent).or(ctx.thread);
                match parent {
                    Some(parent) => {
                        // "continue this thread" says count 0, yet there are replies behind it
                        let count = number(more.count.as_ref()).unwrap_or(0.0) as i64;
                        let count = count.max(more.children.len() as i64).max(1);
                        stubs.push((parent.to_string(), count));
                    }
                    None => {
                        self.sink.warn_at(at, "a `more` stub without parent_id, skipped".into());
                    }
                }
                None
            }
            "Listing" => self.listing(raw, ctx, at),
            other => {
                let reason = if other.is_empty() { "thing without kind" } else { other };
                *self.summary.skipped.entry(reason.to_string()).or_default() += 1;
                None
            }
        }
    }

    fn submission(&mut self, entry: &Entry<'_>, at: &str) -> Option<String> {
        let Some(fullname) = fullname(entry, "t3_") else {
            self.sink.warn_at(at, "a submission without id or name, skipped".into());
            return None;
        };
        let key = item_key(&fullname);
        let url = entry.permalink.as_deref().map(absolute);
        let title = entry.title.as_deref().map(unescape).filter(|t| !t.is_empty());
        self.conversation(&key, title.clone(), url.clone());
        let author = self.author(entry.author.as_deref());
        let (text, html, mut hrefs) =
            render(entry.selftext.as_deref(), entry.selftext_html.as_deref());
        // A link post shares a page: put the shared URL first among its links.
        if let Some(shared) = entry.url.as_deref().map(unescape)
            && entry.is_self != Some(true)
            && !shared.contains("reddit.com/r/")
            && !shared.starts_with('/')
        {
            hrefs.insert(0, shared);
        }
        let state = if entry.removed_by_category.is_some() || is_gone(entry.selftext.as_deref()) {
            State::Deleted
        } else {
            State::Public
        };
        self.item(Item {
            key: key.clone(),
            native_id: fullname.clone(),
            conversation: key.clone(),
            parent: None,
            author,
            kind: ItemKind::Post,
            state,
            created_at: number(entry.created_utc.as_ref()).map(|t| t as i64),
            title,
            url,
            links: extract_links(&text, hrefs),
            text,
            html,
            mentions: Vec::new(),
        });
        self.snapshot(&key, "score", entry.score.as_ref());
        self.snapshot(&key, "replies", entry.num_comments.as_ref());
        Some(fullname)
    }

    fn comment(&mut self, entry: &Entry<'_>, ctx: Context<'_>, at: &str) {
        let Some(fullname) = fullname(entry, "t1_") else {
            self.sink.warn_at(at, "a comment without id or name, skipped".into());
            return;
        };
        let Some(thread) = entry.link_id.as_deref().or(ctx.thread).map(str::to_string) else {
            self.sink.warn_at(
                at,
                format!("comment {fullname} has no link_id: its thread is unknown; skipped"),
            );
            return;
        };
        let parent = entry.parent_id.as_deref().or(ctx.parent).unwrap_or(&thread).to_string();
        let conversation = item_key(&thread);
        if !self.conversations.contains(&conversation) {
            // the thread's submission is not in this file (a saved comments page)
            let title = entry.link_title.as_deref().map(unescape);
            let url = entry.link_permalink.as_deref().map(absolute);
            self.conversation(&conversation, title, url);
        }
        let author = self.author(entry.author.as_deref());
        let (text, html, hrefs) = render(entry.body.as_deref(), entry.body_html.as_deref());
        let key = item_key(&fullname);
        self.item(Item {
            key: key.clone(),
            native_id: fullname.clone(),
            conversation,
            parent: Some(item_key(&parent)),
            author,
            kind: if parent.starts_with("t1_") { ItemKind::Reply } else { ItemKind::Comment },
            state: if is_gone(entry.body.as_deref()) { State::Deleted } else { State::Public },
            created_at: number(entry.created_utc.as_ref()).map(|t| t as i64),
            title: None,
            url: entry.permalink.as_deref().map(absolute),
            links: extract_links(&text, hrefs),
            text,
            html,
            mentions: Vec::new(),
        });
        self.snapshot(&key, "score", entry.score.as_ref());
        // `replies` is "" when there are none, else a Listing of this comment's answers
        if let Some(replies) = entry.replies
            && replies.get().trim_start().starts_with('{')
        {
            let ctx = Context { thread: Some(&thread), parent: Some(&fullname) };
            self.listing(replies, ctx, at);
        }
    }

    fn emit_stubs(&mut self, stubs: Vec<(String, i64)>) {
        let mut summed: Vec<(String, i64)> = Vec::new();
        for (parent, count) in stubs {
            match summed.iter_mut().find(|(p, _)| *p == parent) {
                Some((_, total)) => *total += count,
                None => summed.push((parent, count)),
            }
        }
        for (parent, count) in summed {
            self.audience(AudienceSnapshot {
                platform: PLATFORM.into(),
                account: None,
                item: Some(item_key(&parent)),
                metric: "unloaded_replies".into(),
                value: count,
                at: None,
            });
        }
    }

    fn snapshot(&mut self, item: &str, metric: &str, value: Option<&Value>) {
        if let Some(value) = number(value) {
            self.audience(AudienceSnapshot {
                platform: PLATFORM.into(),
                account: None,
                item: Some(item.to_string()),
                metric: metric.into(),
                value: value as i64,
                at: None,
            });
        }
    }

    /// The participant key for `author`, emitting the participant the first time.
    fn author(&mut self, author: Option<&str>) -> String {
        let name = author.map(str::trim).unwrap_or("");
        let gone = matches!(name, "" | "[deleted]" | "[removed]");
        let key = if gone { DELETED_AUTHOR.to_string() } else { format!("{PLATFORM}:{name}") };
        if self.participants.insert(key.clone()) {
            let participant = if gone {
                Participant {
                    key: key.clone(),
                    platform: PLATFORM.into(),
                    handle: "[deleted]".into(),
                    display_name: "[deleted]".into(),
                    url: None,
                    kind: ParticipantKind::Unknown,
                    site_author: false,
                }
            } else {
                Participant {
                    key: key.clone(),
                    platform: PLATFORM.into(),
                    handle: format!("u/{name}"),
                    display_name: name.to_string(),
                    url: Some(format!("https://www.reddit.com/user/{name}/")),
                    kind: ParticipantKind::Person,
                    site_author: false,
                }
            };
            if let Err(err) = self.sink.participant(participant) {
                self.fail(err.into());
            }
        }
        key
    }

    fn conversation(&mut self, key: &str, title: Option<String>, url: Option<String>) {
        if self.conversations.insert(key.to_string()) {
            let conversation =
                Conversation { key: key.to_string(), platform: PLATFORM.into(), title, url };
            if let Err(err) = self.sink.conversation(conversation) {
                self.fail(err.into());
            }
        }
    }

    fn item(&mut self, item: Item) {
        if let Err(err) = self.sink.item(item) {
            self.fail(err.into());
        }
    }

    fn audience(&mut self, snapshot: AudienceSnapshot) {
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

/// The first byte that is not whitespace or a byte-order mark, without consuming it.
fn first_byte(reader: &mut dyn BufRead) -> std::io::Result<Option<u8>> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        let skip = buf
            .iter()
            .take_while(|b| b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF))
            .count();
        if skip < buf.len() {
            let first = buf[skip];
            reader.consume(skip);
            return Ok(Some(first));
        }
        let n = buf.len();
        reader.consume(n);
    }
}

fn item_key(fullname: &str) -> String {
    format!("{PLATFORM}:{SITE}:{fullname}")
}

/// `name` (`t1_abc`), or the kind prefix and `id` when a dump left `name` out.
fn fullname(entry: &Entry<'_>, prefix: &str) -> Option<String> {
    match (entry.name.as_deref(), entry.id.as_deref()) {
        (Some(name), _) if name.contains('_') => Some(name.to_string()),
        (_, Some(id)) if !id.is_empty() => Some(format!("{prefix}{id}")),
        _ => None,
    }
}

fn is_gone(body: Option<&str>) -> bool {
    matches!(body.map(str::trim), Some("[deleted]" | "[removed]"))
}

/// Permalinks are site-relative.
fn absolute(permalink: &str) -> String {
    if permalink.starts_with('/') {
        format!("https://www.reddit.com{permalink}")
    } else {
        permalink.to_string()
    }
}

/// Numbers as dumps write them: integer, float, or a string holding one.
fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Reddit escapes `&`, `<` and `>` in JSON strings unless asked for `raw_json=1`.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Text, HTML and link targets of a body: from the rendered HTML when the dump has it (the
/// markdown source would keep `**` and `[label](url)`), else from the markdown.
fn render(markdown: Option<&str>, html: Option<&str>) -> (String, Option<String>, Vec<String>) {
    match html.map(unescape).filter(|h| !h.trim().is_empty()) {
        Some(html) => {
            let (text, hrefs) = html_to_text(&html);
            (text, Some(html), hrefs)
        }
        None => {
            let markdown = unescape(markdown.unwrap_or(""));
            (markdown.trim().to_string(), None, Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};

    fn run(name: &str) -> VecSink {
        let (result, sink) = import_path(&Reddit, &fixture(&format!("reddit/{name}")));
        result.unwrap();
        sink
    }

    fn key(fullname: &str) -> String {
        item_key(fullname)
    }

    fn metric(sink: &VecSink, item: &str, metric: &str) -> Option<i64> {
        sink.audience
            .iter()
            .find(|a| a.item.as_deref() == Some(&key(item)) && a.metric == metric)
            .map(|a| a.value)
    }
    #[test]
    fn nested_replies_keep_their_parents_and_the_link_post_links_the_blog() {
        let sink = run("thread-nested.json");
        // 1 t3 + 4 t1 (python: walk `replies` recursively)
        assert_eq!(sink.items.len(), 5);
        assert_eq!(sink.conversations.len(), 1);
        let conv = &sink.conversations[0];
        assert_eq!(conv.key, "reddit:reddit.com:t3_1m7q2a");
        assert_eq!(conv.title.as_deref(), Some("Neue Ausstellung: Brücken & Fähren am Fluss"));
        assert_eq!(
            conv.url.as_deref(),
            Some(
                "https://www.reddit.com/r/Stadtgeschichte/comments/1m7q2a/neue_ausstellung_brücken_fähren_am_fluss/"
            )
        );
        let post = sink.item("t3_1m7q2a").unwrap();
        assert_eq!(post.kind, ItemKind::Post);
        assert_eq!(
            post.links,
            vec!["https://blog.stadtmuseum.example/2024/05/bruecken-und-faehren/"]
        );
        assert_eq!(post.author, "reddit:Stadtmuseum_Beispiel");
        let top = sink.item("t1_l0a1").unwrap();
        assert_eq!(
            (top.kind, top.parent.as_deref()),
            (ItemKind::Comment, Some(&*key("t3_1m7q2a")))
        );
        // body_html is escaped HTML holding an escaped `>`: unescaped once, rendered once
        assert_eq!(top.text, "Meine Oma fuhr noch mit der Seilfähre > 1955 über den Fluss.");
        assert_eq!(top.links, vec!["https://de.wikipedia.org/wiki/Gierseilf%C3%A4hre"]);
        let answer = sink.item("t1_l0b2").unwrap();
        assert_eq!(
            (answer.kind, answer.parent.as_deref()),
            (ItemKind::Reply, Some(&*key("t1_l0a1")))
        );
        // created_utc as an integer, edited as a float: both read
        assert_eq!(answer.created_at, Some(1_716_802_000));
        let deepest = sink.item("t1_l0c3").unwrap();
        assert_eq!(deepest.parent.as_deref(), Some(&*key("t1_l0b2")));
        assert_eq!(deepest.conversation, key("t3_1m7q2a"));
        assert_eq!(
            deepest.url.as_deref(),
            Some("https://www.reddit.com/r/Stadtgeschichte/comments/1m7q2a/neue_ausstellung/l0c3/")
        );
        assert_eq!(sink.participants.len(), 3);
        assert_eq!(metric(&sink, "t3_1m7q2a", "score"), Some(57));
        assert_eq!(metric(&sink, "t3_1m7q2a", "replies"), Some(23));
        assert_eq!(metric(&sink, "t1_l0a1", "score"), Some(14));
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    }

    #[test]
    fn more_stubs_are_unloaded_replies_of_their_parent_not_items() {
        let sink = run("more-stubs.json");
        assert_eq!(sink.items.len(), 3);
        assert!(sink.items.iter().all(|i| !i.native_id.contains("m2a1") && i.native_id != "t1__"));
        // two stubs under the submission: 12 + 3
        assert_eq!(metric(&sink, "t3_1m7q2a", "unloaded_replies"), Some(15));
        assert_eq!(metric(&sink, "t1_m1a1", "unloaded_replies"), Some(5));
        // "continue this thread": count 0, yet at least one reply
        assert_eq!(metric(&sink, "t1_m1b2", "unloaded_replies"), Some(1));
        let unloaded = sink.audience.iter().filter(|a| a.metric == "unloaded_replies").count();
        assert_eq!(unloaded, 3);
    }

    #[test]
    fn deleted_authors_are_one_unknown_participant_and_removed_bodies_deleted() {
        let sink = run("deleted-and-removed.json");
        assert_eq!(sink.items.len(), 5);
        let post = sink.item("t3_1m9zz0").unwrap();
        assert_eq!((post.state, post.author.as_str()), (State::Deleted, DELETED_AUTHOR));
        assert_eq!(sink.item("t1_d1a1").unwrap().state, State::Deleted);
        assert_eq!(sink.item("t1_d2a1").unwrap().state, State::Deleted);
        // the account is gone, the words are not
        let kept = sink.item("t1_d3a1").unwrap();
        assert_eq!((kept.state, kept.author.as_str()), (State::Public, DELETED_AUTHOR));
        let answer = sink.item("t1_d1b2").unwrap();
        assert_eq!((answer.state, answer.kind), (State::Public, ItemKind::Reply));
        assert_eq!(answer.parent.as_deref(), Some(&*key("t1_d1a1")));
        let deleted = sink.participant(DELETED_AUTHOR).unwrap();
        assert_eq!(deleted.kind, ParticipantKind::Unknown);
        assert_eq!(deleted.url, None);
        assert_eq!(sink.participants.len(), 2);
    }

    #[test]
    fn distinguished_moderator_comments_are_ordinary_comments() {
        let sink = run("distinguished.json");
        let sticky = sink.item("t1_s1a1").unwrap();
        assert_eq!((sticky.kind, sticky.state), (ItemKind::Comment, State::Public));
        assert_eq!(sticky.author, "reddit:mod_greta");
        let mod_reply = sink.item("t1_s2b1").unwrap();
        assert_eq!(mod_reply.kind, ItemKind::Reply);
        let greta = sink.participant("reddit:mod_greta").unwrap();
        assert!(!greta.site_author);
        assert_eq!(greta.handle, "u/mod_greta");
        assert_eq!(greta.url.as_deref(), Some("https://www.reddit.com/user/mod_greta/"));
    }

    #[test]
    fn a_saved_comments_page_gets_conversations_from_link_fields() {
        let sink = run("saved-comments.json");
        assert_eq!(sink.items.len(), 3);
        assert_eq!(sink.conversations.len(), 2);
        let depot = sink.conversations.iter().find(|c| c.key == key("t3_1k0aaa")).unwrap();
        assert_eq!(depot.title.as_deref(), Some("Depot tours in Europe?"));
        assert_eq!(
            depot.url.as_deref(),
            Some("https://www.reddit.com/r/Museums/comments/1k0aaa/x/")
        );
        let reply = sink.item("t1_v1b2").unwrap();
        // its parent is not in the file: kept as a key, an orphan for the analyses
        assert_eq!(
            (reply.kind, reply.parent.as_deref()),
            (ItemKind::Reply, Some(&*key("t1_k0zzz9")))
        );
        assert_eq!(sink.item("t1_v2a1").unwrap().conversation, key("t3_1k1bbb"));
    }

    #[test]
    fn a_truncated_download_is_a_json_error_with_its_line() {
        let (result, _) = import_path(&Reddit, &fixture("reddit/truncated.json"));
        let err = result.unwrap_err();
        // python3 -c "json.load(open('truncated.json'))" -> line 24 column 99
        assert!(matches!(err, ImportError::Json { line: 24, .. }), "{err}");
        assert!(err.to_string().contains("truncated.json:24:"), "{err}");
    }

    #[test]
    fn detection_claims_reddit_listings_only() {
        for name in [
            "thread-nested.json",
            "more-stubs.json",
            "deleted-and-removed.json",
            "distinguished.json",
            "saved-comments.json",
        ] {
            let input = Input::from_path(&fixture(&format!("reddit/{name}"))).unwrap();
            assert_eq!(Reddit.detect(&input), Detection::Yes, "{name}");
        }
        for other in ["wordpress-wxr/blog-v1.xml", "convokit/legacy-2019"] {
            let input = Input::from_path(&fixture(other)).unwrap();
            assert_eq!(Reddit.detect(&input), Detection::No, "{other}");
        }
        assert!(!looks_like_reddit(br#"{"latest_posts": [{"kind": "t1"}]}"#));
        assert!(!looks_like_reddit(br#"[{"id": 1, "kind": "Listing"}]"#));
    }
}
