//! `hackernews`: items from the Hacker News API.
//!
//! ## Format
//! The official Firebase API (github.com/HackerNews/API, `/v0/item/<id>.json`; notes in
//! `../shared/corpus/FORMATS.md` §8). An item is an object with `id`, `type`
//! (`story`, `comment`, `job`, `poll`, `pollopt`), `by`, `time` (Unix seconds), `text` (HTML),
//! `parent`, `kids`, `url`, `score`, `title`, `descendants`, `deleted`, `dead`. A file holds one
//! item, a JSON array of items, or one item per line (JSONL); a folder holds such files. User
//! objects (`/v0/user/<id>.json`: a string `id`, `karma`, `created`) may sit among the items.
//!
//! ## Mapping
//! - `story`, `job` and `poll` become posts, each its own [`Conversation`] (key
//!   `hackernews:news.ycombinator.com:<id>`, URL `https://news.ycombinator.com/item?id=<id>`); the story's `url` is
//!   its first link, so a story about a blog post can be joined with the blog's thread.
//! - `comment` becomes a comment when its `parent` is a story, job or poll, a reply when the
//!   parent is a comment. Its conversation is the story found by walking `parent` up through
//!   the items in the input.
//! - `by` becomes a participant `hackernews:<by>` with the profile URL
//!   `https://news.ycombinator.com/user?id=<by>`; a user object adds nothing but its `karma`.
//! - `score` becomes an [`AudienceSnapshot`] `score` of the item, `descendants` one of
//!   `replies`, and the comments `descendants` counted that the input does not hold one of
//!   `unloaded_replies`; a user's `karma` becomes `karma` of the account.
//!
//! ## Known quirks
//! - Comments carry no story id. When the walk up `parent` leaves the input, the last id
//!   reached (usually the story, a comment's parent at worst) stands in as the conversation,
//!   and a comment whose parent is not in the input counts as a comment on the post. Importing
//!   the missing items later moves such comments to the right thread.
//! - `deleted` items keep only `id`, `type`, `time` (and `parent`): they are stored as
//!   `deleted`, written by the stand-in participant `hackernews:[deleted]`.
//! - `dead` items were killed by moderators, by the spam filter or by users' flags; they are
//!   stored as `spam`, the nearest state relate has, so no measure counts them.
//! - `pollopt` items are the choices of a poll, voted on rather than written to anyone: they
//!   are skipped (counted under `pollopt`).
//! - `kids` is ranked, not in time order, and is not needed: `parent` carries the tree.

use std::hash::{Hash, Hasher};
use std::io::BufRead;

use relate_model::{
    AudienceSnapshot, Conversation, Item, ItemKind, Participant, ParticipantKind, State,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::content::{extract_links, html_to_text};
use crate::json::{for_each_element, json_error};
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink};

pub struct HackerNews;

const ID: &str = "hackernews";
const PLATFORM: &str = "hackernews";
const SITE: &str = "news.ycombinator.com";
const DELETED_AUTHOR: &str = "[deleted]";
/// More parent steps than any real thread has: stops a walk caught in a cycle.
const MAX_DEPTH: usize = 10_000;

impl Importer for HackerNews {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Hacker News API items (one item, an array, or JSONL of story/comment/job/poll objects)"
    }

    fn detect(&self, input: &Input) -> Detection {
        input.sniff_heads(&item_files(input), sniff)
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let files = item_files(input);
        if files.is_empty() {
            return Err(input.not_this_format(ID, "no .json or .jsonl file"));
        }

        // First pass: the tree (id -> parent, type), about 16 bytes an item.
        let mut tree = Tree::default();
        for name in &files {
            each_record(input, name, &mut |_, raw| {
                if let Ok(r) = serde_json::from_str::<Record>(raw.get())
                    && let Some(id) = r.id.as_ref().and_then(IdValue::number)
                {
                    let kind = r.kind.as_deref().map_or(Type::Other, Type::parse);
                    tree.push(id, r.parent, kind);
                }
            })?;
        }
        tree.finish();
        let items_in_input =
            tree.nodes.iter().filter(|&&(_, word)| kind_of(word) != Type::Other).count();
        if items_in_input == 0 {
            return Err(ImportError::not_this_format(
                input.display_path(&files[0]),
                ID,
                "no Hacker News item (an object with a numeric id and a type)",
            ));
        }
        // by position in the tree; a root outside the input is never asked for
        let mut comments_per_root = vec![0u32; tree.nodes.len()];
        for &(id, word) in &tree.nodes {
            if kind_of(word) == Type::Comment
                && let Some(at) = tree.position(root_of(&tree, id))
            {
                comments_per_root[at] += 1;
            }
        }

        let mut state = Emitter {
            sink,
            tree: &tree,
            comments_per_root: &comments_per_root,
            participants: HashSet::default(),
            conversations: vec![0; tree.nodes.len().div_ceil(64)],
            other_conversations: HashSet::default(),
            summary: ImportSummary::default(),
        };
        for name in &files {
            let shown = input.display_path(name).display().to_string();
            let mut failed = None;
            each_record(input, name, &mut |index, raw| {
                if failed.is_none()
                    && let Err(e) = state.record(&format!("{shown}[{index}]"), raw)
                {
                    failed = Some(e);
                }
            })?;
            if let Some(e) = failed {
                return Err(e.into());
            }
        }
        Ok(state.summary)
    }
}

/// The files that may hold items: the input itself, or a folder's `.json`/`.jsonl` files.
fn item_files(input: &Input) -> Vec<String> {
    input.files_matching(|n| {
        let n = n.to_ascii_lowercase();
        n.ends_with(".json") || n.ends_with(".jsonl") || n.ends_with(".ndjson")
    })
}

/// `Yes` when the first bytes hold an object with an HN item `type` beside `by`/`time` or
/// `kids`/`parent`: fields no other platform's JSON combines this way (Reddit says `kind`,
/// Mastodon and Discourse `created_at`, Bluesky `createdAt`).
fn sniff(head: &[u8]) -> Detection {
    let text = String::from_utf8_lossy(head);
    let start = text.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    if !start.starts_with('{') && !start.starts_with('[') {
        return Detection::No;
    }
    let typed = ["story", "comment", "job", "poll", "pollopt"]
        .iter()
        .any(|t| has_string_field(&text, "type", t));
    let has = |key: &str| text.contains(&format!("\"{key}\""));
    if typed && has("time") && (has("by") || has("kids") || has("parent") || has("deleted")) {
        Detection::Yes
    } else {
        Detection::No
    }
}

/// Whether `"key": "value"` occurs, whatever the whitespace around the colon.
fn has_string_field(text: &str, key: &str, value: &str) -> bool {
    let needle = format!("\"{key}\"");
    text.match_indices(&needle).any(|(at, _)| {
        let rest = text[at + needle.len()..].trim_start();
        rest.strip_prefix(':')
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('"'))
            .and_then(|r| r.strip_prefix(value))
            .is_some_and(|r| r.starts_with('"'))
    })
}

/// Calls `each(index, record)` for every object in `name`: the elements of a top-level array,
/// or a stream of objects (one, or one per line).
fn each_record(
    input: &Input,
    name: &str,
    each: &mut dyn FnMut(usize, &RawValue),
) -> Result<(), ImportError> {
    let file = input.display_path(name);
    let io = |source| ImportError::Io { file: file.clone(), source };
    let mut reader = input.open(name).map_err(io)?;
    let first = loop {
        let buf = reader.fill_buf().map_err(io)?;
        match buf.iter().position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
        {
            Some(at) => {
                let byte = buf[at];
                reader.consume(at);
                break Some(byte);
            }
            None if buf.is_empty() => break None,
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    };
    match first {
        Some(b'[') => {
            for_each_element(reader, &[], &file, each)?;
        }
        Some(b'{') => {
            let stream = serde_json::Deserializer::from_reader(reader).into_iter::<Box<RawValue>>();
            for (index, raw) in stream.enumerate() {
                let raw = raw.map_err(|e| json_error(&file, &e))?;
                each(index, &raw);
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
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Story,
    Comment,
    Job,
    Poll,
    PollOpt,
    Other,
}

impl Type {
    fn parse(s: &str) -> Type {
        match s {
            "story" => Type::Story,
            "comment" => Type::Comment,
            "job" => Type::Job,
            "poll" => Type::Poll,
            "pollopt" => Type::PollOpt,
            _ => Type::Other,
        }
    }

    fn starts_thread(self) -> bool {
        matches!(self, Type::Story | Type::Job | Type::Poll)
    }
}

/// Every item's parent and type, as a sorted vector: about 16 bytes an item, no map.
#[derive(Default)]
struct Tree {
    /// (id, word), sorted by id, one entry per id (the last listing wins). The word holds the
    /// [`Type`] in its low `KIND_BITS` bits, then a [`ParentTag`], then an inline parent id.
    nodes: Vec<(u64, u64)>,
    /// Parents too large to sit in a word (no real HN id is), by child id.
    odd_parents: HashMap<u64, u64>,
}

const KIND_BITS: u32 = 3;
const TAG_BITS: u32 = 2;
const PARENT_SHIFT: u32 = KIND_BITS + TAG_BITS;
const NO_PARENT: u64 = 0;
const INLINE_PARENT: u64 = 1;
const ODD_PARENT: u64 = 2;

const TYPES: [Type; 6] =
    [Type::Story, Type::Comment, Type::Job, Type::Poll, Type::PollOpt, Type::Other];

fn kind_of(word: u64) -> Type {
    TYPES[(word & ((1 << KIND_BITS) - 1)) as usize]
}

impl Tree {
    fn push(&mut self, id: u64, parent: Option<u64>, kind: Type) {
        let kind = TYPES.iter().position(|&t| t == kind).unwrap_or(TYPES.len() - 1) as u64;
        let tag = match parent {
            None => NO_PARENT,
            Some(parent) if parent < 1 << (64 - PARENT_SHIFT) => INLINE_PARENT | parent << TAG_BITS,
            Some(parent) => {
                self.odd_parents.insert(id, parent);
                ODD_PARENT
            }
        };
        self.nodes.push((id, kind | tag << KIND_BITS));
    }

    fn finish(&mut self) {
        // reversed, a stable sort keeps the last listing first of its run
        self.nodes.reverse();
        self.nodes.sort_by_key(|&(id, _)| id);
        self.nodes.dedup_by_key(|&mut (id, _)| id);
        self.nodes.shrink_to_fit();
    }

    fn position(&self, id: u64) -> Option<usize> {
        self.nodes.binary_search_by_key(&id, |&(id, _)| id).ok()
    }

    fn kind(&self, id: u64) -> Option<Type> {
        self.position(id).map(|at| kind_of(self.nodes[at].1))
    }

    fn parent(&self, id: u64) -> Option<u64> {
        let word = self.nodes[self.position(id)?].1;
        match (word >> KIND_BITS) & ((1 << TAG_BITS) - 1) {
            INLINE_PARENT => Some(word >> PARENT_SHIFT),
            ODD_PARENT => self.odd_parents.get(&id).copied(),
            _ => None,
        }
    }
}

/// The thread `id` belongs to: the first item up the `parent` chain without a parent, or the
/// last id reached when the chain leaves the input.
fn root_of(tree: &Tree, id: u64) -> u64 {
    let mut current = id;
    for _ in 0..MAX_DEPTH {
        match tree.parent(current) {
            Some(parent) => current = parent,
            None => return current,
        }
    }
    current
}

#[derive(Deserialize)]
struct Record {
    id: Option<IdValue>,
    #[serde(rename = "type")]
    kind: Option<String>,
    by: Option<String>,
    time: Option<i64>,
    text: Option<String>,
    parent: Option<u64>,
    url: Option<String>,
    title: Option<String>,
    score: Option<i64>,
    descendants: Option<i64>,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    dead: bool,
    karma: Option<i64>,
}

/// Items have numeric ids, users string ids.
#[derive(Deserialize)]
#[serde(untagged)]
enum IdValue {
    Number(u64),
    Text(String),
}

impl IdValue {
    fn number(&self) -> Option<u64> {
        match self {
            IdValue::Number(n) => Some(*n),
            IdValue::Text(_) => None,
        }
    }
}

struct Emitter<'a> {
    sink: &'a mut dyn Sink,
    tree: &'a Tree,
    /// Comments per thread, by the root's position in the tree.
    comments_per_root: &'a [u32],
    /// Hashes of the names of the participants already written.
    participants: HashSet<u64>,
    /// Threads already written: a bit per item of the tree, by position; roots outside the
    /// input in `other_conversations`.
    conversations: Vec<u64>,
    other_conversations: HashSet<u64>,
    summary: ImportSummary,
}

/// A 64-bit hash of a participant's name.
fn hash_of(s: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    s.hash(&mut hasher);
    hasher.finish()
}

fn item_key(id: u64) -> String {
    format!("{PLATFORM}:{SITE}:{id}")
}

fn item_url(id: u64) -> String {
    format!("https://news.ycombinator.com/item?id={id}")
}

impl Emitter<'_> {
    /// Notes the thread `root`; false when it was written before.
    fn new_conversation(&mut self, root: u64) -> bool {
        let Some(at) = self.tree.position(root) else {
            return self.other_conversations.insert(root);
        };
        let (word, bit) = (at / 64, 1u64 << (at % 64));
        let new = self.conversations[word] & bit == 0;
        self.conversations[word] |= bit;
        new
    }

    fn skip(&mut self, reason: &str) {
        *self.summary.skipped.entry(reason.to_string()).or_default() += 1;
    }

    fn record(&mut self, location: &str, raw: &RawValue) -> Result<(), crate::SinkError> {
        let record: Record = match serde_json::from_str(raw.get()) {
            Ok(r) => r,
            Err(e) => {
                self.sink.warn_at(location, format!("not a Hacker News item, skipped: {e}"));
                return Ok(());
            }
        };
        let id = match &record.id {
            Some(IdValue::Number(id)) => *id,
            Some(IdValue::Text(user)) if record.kind.is_none() => {
                return self.user(user, record.karma);
            }
            _ => {
                self.sink.warn_at(location, "item without a numeric id, skipped".into());
                return Ok(());
            }
        };
        let kind = match record.kind.as_deref().map(Type::parse) {
            Some(Type::PollOpt) => {
                self.skip("pollopt");
                return Ok(());
            }
            Some(Type::Comment) => match record.parent {
                None => {
                    self.sink.warn_at(location, format!("comment {id} has no parent, skipped"));
                    return Ok(());
                }
                Some(parent) => match self.tree.kind(parent) {
                    Some(Type::Comment) => ItemKind::Reply,
                    // not in the input: taken for the story (see the module doc)
                    _ => ItemKind::Comment,
                },
            },
            Some(t) if t.starts_thread() => ItemKind::Post,
            Some(_) => {
                let shown = record.kind.as_deref().unwrap_or_default();
                self.sink
                    .warn_at(location, format!("item {id} has unknown type {shown:?}, skipped"));
                return Ok(());
            }
            None => {
                self.sink.warn_at(location, format!("item {id} has no type, skipped"));
                return Ok(());
            }
        };

        let author = match record.by.as_deref().filter(|b| !b.is_empty()) {
            Some(by) => self.participant(by)?,
            None => self.deleted_participant()?,
        };
        let root = if kind == ItemKind::Post { id } else { root_of(self.tree, id) };
        if self.new_conversation(root) {
            // A post names its own thread; a thread known only through its comments has no title.
            let title = if root == id { record.title.clone() } else { None };
            self.sink.conversation(Conversation {
                key: item_key(root),
                platform: PLATFORM.into(),
                title,
                url: Some(item_url(root)),
            })?;
        }

        let html = record.text.unwrap_or_default();
        let (text, hrefs) = html_to_text(&html);
        let mut links_first: Vec<String> = record.url.iter().cloned().collect();
        links_first.extend(hrefs);
        let links = extract_links(&text, links_first);
        let state = if record.deleted {
            State::Deleted
        } else if record.dead {
            State::Spam
        } else {
            State::Public
        };
        let key = item_key(id);
        self.sink.item(Item {
            key: key.clone(),
            native_id: id.to_string(),
            conversation: item_key(root),
            parent: if kind == ItemKind::Post { None } else { record.parent.map(item_key) },
            author,
            kind,
            state,
            created_at: record.time,
            title: record.title.filter(|t| !t.is_empty()),
            url: Some(item_url(id)),
            html: (html != text && !html.is_empty()).then_some(html),
            text,
            links,
            mentions: Vec::new(),
        })?;

        let mut numbers = vec![("score", record.score), ("replies", record.descendants)];
        if let Some(stated) = record.descendants.filter(|_| kind == ItemKind::Post) {
            let present =
                self.tree.position(id).map_or(0, |at| i64::from(self.comments_per_root[at]));
            numbers.push(("unloaded_replies", Some(stated - present).filter(|n| *n > 0)));
        }
        for (metric, value) in numbers {
            if let Some(value) = value {
                self.sink.audience(AudienceSnapshot {
                    platform: PLATFORM.into(),
                    account: None,
                    item: Some(key.clone()),
                    metric: metric.into(),
                    value,
                    at: None,
                })?;
            }
        }
        Ok(())
    }

    fn participant(&mut self, by: &str) -> Result<String, crate::SinkError> {
        let key = format!("{PLATFORM}:{by}");
        if self.participants.insert(hash_of(by)) {
            self.sink.participant(Participant {
                key: key.clone(),
                platform: PLATFORM.into(),
                handle: by.to_string(),
                display_name: by.to_string(),
                url: Some(format!("https://news.ycombinator.com/user?id={by}")),
                kind: ParticipantKind::Person,
                site_author: false,
            })?;
        }
        Ok(key)
    }

    fn deleted_participant(&mut self) -> Result<String, crate::SinkError> {
        let key = format!("{PLATFORM}:{DELETED_AUTHOR}");
        if self.participants.insert(hash_of(DELETED_AUTHOR)) {
            self.sink.participant(Participant {
                key: key.clone(),
                platform: PLATFORM.into(),
                handle: DELETED_AUTHOR.into(),
                display_name: DELETED_AUTHOR.into(),
                url: None,
                kind: ParticipantKind::Unknown,
                site_author: false,
            })?;
        }
        Ok(key)
    }

    fn user(&mut self, user: &str, karma: Option<i64>) -> Result<(), crate::SinkError> {
        let key = self.participant(user)?;
        if let Some(karma) = karma {
            self.sink.audience(AudienceSnapshot {
                platform: PLATFORM.into(),
                account: Some(key),
                item: None,
                metric: "karma".into(),
                value: karma,
                at: None,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixture, import_path};

    fn import(name: &str) -> crate::testing::VecSink {
        let (res, sink) = import_path(&HackerNews, &fixture(&format!("hackernews/{name}")));
        res.unwrap();
        sink
    }

    fn audience(sink: &crate::testing::VecSink, item: &str, metric: &str) -> Option<i64> {
        sink.audience
            .iter()
            .find(|a| a.item.as_deref() == Some(item) && a.metric == metric)
            .map(|a| a.value)
    }

    #[test]
    fn thread_in_an_array_gets_comments_replies_and_numbers() {
        let sink = import("thread.json");
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        let kinds: Vec<_> = sink.items.iter().map(|i| (i.native_id.as_str(), i.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("4100", ItemKind::Post),
                ("4101", ItemKind::Comment),
                ("4102", ItemKind::Reply),
                ("4103", ItemKind::Reply),
            ]
        );
        for item in &sink.items {
            assert_eq!(item.conversation, "hackernews:news.ycombinator.com:4100");
        }
        let story = sink.item("4100").unwrap();
        assert_eq!(story.links[0], "https://museum.example.org/blog/restaurierung");
        assert_eq!(story.url.as_deref(), Some("https://news.ycombinator.com/item?id=4100"));
        assert_eq!(sink.conversations.len(), 1);
        assert_eq!(
            sink.conversations[0].title.as_deref(),
            Some("How a small museum restores paper")
        );
        let deep = sink.item("4103").unwrap();
        assert_eq!(deep.parent.as_deref(), Some("hackernews:news.ycombinator.com:4102"));
        // HTML text: paragraphs and an entity, the original kept beside it
        let comment = sink.item("4101").unwrap();
        assert_eq!(comment.text, "Which glue do you use?\n\nWe tried wheat starch, it's fine.");
        assert!(comment.html.as_deref().unwrap().contains("<p>"));
        let author = sink.participant(&comment.author).unwrap();
        assert_eq!(author.url.as_deref(), Some("https://news.ycombinator.com/user?id=papercat"));
        assert_eq!(audience(&sink, "hackernews:news.ycombinator.com:4100", "score"), Some(42));
        assert_eq!(audience(&sink, "hackernews:news.ycombinator.com:4100", "replies"), Some(5));
        // five counted, three here
        assert_eq!(
            audience(&sink, "hackernews:news.ycombinator.com:4100", "unloaded_replies"),
            Some(2)
        );
    }

    #[test]
    fn deleted_and_dead_items_are_kept_out_of_the_measures() {
        let sink = import("deleted-dead.jsonl");
        let deleted = sink.item("5202").unwrap();
        assert_eq!(deleted.state, State::Deleted);
        assert_eq!(deleted.text, "");
        assert_eq!(sink.participant(&deleted.author).unwrap().kind, ParticipantKind::Unknown);
        let dead = sink.item("5203").unwrap();
        assert_eq!(dead.state, State::Spam);
        assert_eq!(dead.author, "hackernews:spamhaus99");
        assert_eq!(sink.item("5201").unwrap().state, State::Public);
    }

    #[test]
    fn comments_without_their_story_take_the_topmost_known_parent() {
        let sink = import("orphans.jsonl");
        // 6001 answers 6000 (not in the file); 6002 answers 6001
        let first = sink.item("6001").unwrap();
        assert_eq!(first.kind, ItemKind::Comment);
        assert_eq!(first.conversation, "hackernews:news.ycombinator.com:6000");
        let second = sink.item("6002").unwrap();
        assert_eq!(second.kind, ItemKind::Reply);
        assert_eq!(second.conversation, "hackernews:news.ycombinator.com:6000");
        assert_eq!(sink.conversations.len(), 1);
        assert_eq!(sink.conversations[0].title, None);
    }

    #[test]
    fn a_single_pretty_printed_item_and_a_user() {
        let sink = import("single-job.json");
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.items[0].kind, ItemKind::Post);
        assert_eq!(sink.items[0].title.as_deref(), Some("Museum Kiel sucht Webentwickler:in"));
    }

    #[test]
    fn polls_options_users_and_broken_records() {
        let (res, sink) = import_path(&HackerNews, &fixture("hackernews/poll-and-user.json"));
        let summary = res.unwrap();
        assert_eq!(summary.skipped.get("pollopt"), Some(&2));
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.item("7000").unwrap().kind, ItemKind::Post);
        let karma = sink.audience.iter().find(|a| a.metric == "karma").unwrap();
        assert_eq!(karma.account.as_deref(), Some("hackernews:archivist"));
        assert_eq!(karma.value, 1234);
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(
            sink.warnings[0].location.ends_with("poll-and-user.json[4]"),
            "{:?}",
            sink.warnings
        );
    }

    #[test]
    fn detection_claims_hn_items_only() {
        let yes = br#"[{"by": "a", "id": 1, "time": 1, "type": "story", "kids": [2]}]"#;
        assert_eq!(sniff(yes), Detection::Yes);
        let mastodon =
            br#"{"id": "1", "created_at": "2020-01-01", "content": "<p>x</p>", "account": {}}"#;
        assert_eq!(sniff(mastodon), Detection::No);
        let reddit = br#"[{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {"type": "comment"}}]}}]"#;
        assert_eq!(sniff(reddit), Detection::No);
    }

    #[test]
    fn truncated_file_is_a_json_error_with_position() {
        let (res, _) = import_path(&HackerNews, &fixture("hackernews/truncated.json"));
        let err = res.unwrap_err();
        assert!(matches!(err, ImportError::Json { line: 3, .. }), "{err}");
    }

    #[test]
    fn the_tree_keeps_the_last_listing_and_parents_of_any_size() {
        let mut tree = Tree::default();
        tree.push(2, Some(1), Type::Comment);
        tree.push(1, None, Type::Story);
        tree.push(3, Some(u64::MAX), Type::Comment);
        tree.push(2, Some(7), Type::Other);
        tree.push(4, Some(1 << 58), Type::Poll);
        tree.finish();
        assert_eq!(tree.nodes.len(), 4);
        assert_eq!((tree.parent(2), tree.kind(2)), (Some(7), Some(Type::Other)));
        assert_eq!((tree.parent(1), tree.kind(1)), (None, Some(Type::Story)));
        assert_eq!((tree.parent(3), tree.kind(3)), (Some(u64::MAX), Some(Type::Comment)));
        assert_eq!((tree.parent(4), tree.kind(4)), (Some(1 << 58), Some(Type::Poll)));
        assert_eq!((tree.parent(5), tree.kind(5)), (None, None));
        assert_eq!(root_of(&tree, 3), u64::MAX);
    }
}
