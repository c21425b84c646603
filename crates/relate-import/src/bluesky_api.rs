//! `bluesky-api`: responses of the Bluesky AppView's `app.bsky.feed.getPostThread` and
//! `app.bsky.feed.getQuotes`, saved as JSON (one response per file, or a folder of them).
//!
//! ## Format
//! The lexicons in bluesky-social/atproto (`lexicons/app/bsky/feed/getPostThread.json`,
//! `getQuotes.json`, `defs.json`, `post.json`; notes in `../shared/corpus/FORMATS.md` §3).
//! getPostThread answers `{"thread": node}`, where a node is a `#threadViewPost` {`post`,
//! `parent`: node, `replies`: \[node\]} or a `#notFoundPost` / `#blockedPost` {`uri`}.
//! getQuotes answers `{"uri", "cid", "cursor", "posts": [postView]}`. A postView has `uri`
//! (`at://<did>/app.bsky.feed.post/<rkey>`), `author` {`did`, `handle`, `displayName`},
//! `record` (the post record as its author wrote it), `likeCount`, `repostCount`,
//! `replyCount`, `quoteCount` and `indexedAt`.
//!
//! ## Mapping
//! - Keys come from the at-uri and the DID, exactly as in `bluesky-car`, so a thread fetched
//!   from the API and the author's repository export merge: items and conversations
//!   `bluesky:<did>/<collection>/<rkey>`, accounts `bluesky:<did>`.
//! - A post without `record.reply` is a post; a reply whose parent is the thread root is a
//!   comment, any deeper one a reply. A post embedding another post (`app.bsky.embed.record`
//!   or `recordWithMedia`) and answering nothing is a quote, `parent` = the quoted post. The
//!   conversation is the reply root (or the post itself); its URL the root's bsky.app page.
//! - Authors become participants with `handle`, `displayName` and the profile URL
//!   `https://bsky.app/profile/<handle>`. Item URLs use the DID, which outlives handles.
//! - Link facets (then link cards, then bare URLs in the text) are the links; mention facets
//!   become `mentions` as account keys (`bluesky:<did>`).
//! - `likeCount`, `repostCount`, `replyCount`, `quoteCount` become audience snapshots of the
//!   item (`likes`, `reposts`, `replies`, `quotes`) as of the import.
//!
//! ## Known quirks
//! - Not-found and blocked posts sit inside the tree: they are skipped and counted
//!   (`not_found_post`, `blocked_post`); the posts under them keep their parent link, read
//!   from their own `record.reply`.
//! - `handle.invalid` is what the AppView shows for a handle that no longer verifies: the
//!   participant then takes the DID as handle and profile URL.
//! - A reply that also quotes stays a reply (its place in the thread matters more); the
//!   quoted post's URL goes into its links. An embedded feed, list or starter pack is a link,
//!   not a quote.
//! - `createdAt` is written by the client and may lack a time zone: then `indexedAt`, then
//!   the time in the record key (a TID) is used.
//! - Replies come in ranked order, not time order; relate orders by time itself.
//! - API responses are pages (at most 100 posts, a thread at most 1000 deep), so each file is
//!   read whole.

use std::io::Read;
use std::path::PathBuf;

use relate_model::time::parse_rfc3339;
use relate_model::{AudienceSnapshot, Participant, ParticipantKind};
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use serde_json::Value;

use crate::json::json_error;
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

use lexicon::{AtUri, PLATFORM, POST, PostRecord};

pub struct BlueskyApi;

const ID: &str = "bluesky-api";

/// Enough of a file to recognise a response; a whole page is usually smaller.
const SNIFF_BYTES: usize = 256 << 10;

const THREAD_VIEW: &str = "app.bsky.feed.defs#threadViewPost";
const NOT_FOUND: &str = "app.bsky.feed.defs#notFoundPost";
const BLOCKED: &str = "app.bsky.feed.defs#blockedPost";

impl Importer for BlueskyApi {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Bluesky API responses: app.bsky.feed.getPostThread and getQuotes (.json)"
    }

    fn detect(&self, input: &Input) -> Detection {
        let candidates = json_files(input);
        // a folder is ours when the JSON files we look at are responses; a few are enough
        let sniffed: Vec<Detection> =
            candidates.iter().take(20).map(|name| sniff(&input.head(name, SNIFF_BYTES))).collect();
        if sniffed.is_empty() {
            return Detection::No;
        }
        if sniffed.iter().all(|d| *d == Detection::Yes) {
            Detection::Yes
        } else if sniffed.iter().any(|d| *d > Detection::No) {
            Detection::Maybe
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
        let mut run = Run {
            sink,
            summary: ImportSummary::default(),
            participants: HashSet::default(),
            conversations: HashSet::default(),
            file: PathBuf::new(),
        };
        let mut responses = 0;
        for name in &files {
            run.file = input.display_path(name);
            let doc = match read_json(input, name) {
                Ok(doc) => doc,
                // one broken download in a folder of responses should not stop the others
                Err(err) if input.is_dir() => {
                    run.sink.warn(Warning {
                        location: run.file.display().to_string(),
                        message: format!("unreadable, skipped: {err}"),
                    });
                    continue;
                }
                Err(err) => return Err(err),
            };
            if let Some(thread) = doc.get("thread").filter(|t| is_thread_node(t)) {
                run.thread(thread)?;
            } else if let Some(posts) = quotes_page(&doc) {
                let quoted = doc.get("uri").and_then(Value::as_str);
                for (index, post) in posts.iter().enumerate() {
                    run.post(post, &format!("posts[{index}]"), quoted)?;
                }
            } else if input.is_dir() {
                *run.summary.skipped.entry("other_json".into()).or_default() += 1;
                continue;
            } else {
                return Err(ImportError::not_this_format(
                    run.file.clone(),
                    ID,
                    "neither a getPostThread response (`thread`) nor a getQuotes response (`uri` and `posts`)",
                ));
            }
            responses += 1;
        }
        if responses == 0 {
            return Err(input.not_this_format(
                ID,
                "no getPostThread or getQuotes response among the JSON files",
            ));
        }
        Ok(run.summary)
    }
}

/// The single file, or a folder's `.json` files.
fn json_files(input: &Input) -> Vec<String> {
    if input.is_dir() {
        input.find_all(|name| name.to_ascii_lowercase().ends_with(".json"))
    } else {
        input.files()
    }
}

fn read_json(input: &Input, name: &str) -> Result<Value, ImportError> {
    let file = input.display_path(name);
    let mut reader = input.open_or_err(name)?;
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(ImportError::io(file.clone()))?;
    serde_json::from_slice(&bytes).map_err(|err| json_error(&file, &err))
}

/// Yes for a whole response recognised by its shape; Maybe for a long file whose start
/// looks like one; No otherwise (other JSON with `thread` or `posts` keys stays unclaimed).
fn sniff(head: &[u8]) -> Detection {
    let start =
        head.iter().position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
    if start.is_none_or(|i| head[i] != b'{') {
        return Detection::No;
    }
    if head.len() < SNIFF_BYTES {
        let Ok(doc) = serde_json::from_slice::<Value>(head) else { return Detection::No };
        let ours = doc.get("thread").is_some_and(is_thread_node) || quotes_page(&doc).is_some();
        return if ours { Detection::Yes } else { Detection::No };
    }
    let text = String::from_utf8_lossy(head);
    if text.contains("\"thread\"") && text.contains(THREAD_VIEW) {
        Detection::Yes
    } else if text.contains("\"posts\"") && text.contains("\"at://") && text.contains(POST) {
        Detection::Maybe
    } else {
        Detection::No
    }
}

fn is_thread_node(node: &Value) -> bool {
    match node.get("$type").and_then(Value::as_str) {
        Some(kind) => matches!(kind, THREAD_VIEW | NOT_FOUND | BLOCKED),
        None => node.get("post").is_some_and(is_post_view),
    }
}

/// The `posts` of a getQuotes page: a top-level at-uri and post views.
fn quotes_page(doc: &Value) -> Option<&Vec<Value>> {
    let uri = doc.get("uri")?.as_str()?;
    let posts = doc.get("posts")?.as_array()?;
    (AtUri::parse(uri).is_some() && posts.iter().all(is_post_view)).then_some(posts)
}

fn is_post_view(post: &Value) -> bool {
    post.get("uri").and_then(Value::as_str).is_some_and(|u| u.starts_with("at://"))
        && post.get("author").and_then(|a| a.get("did")).is_some()
}

struct Run<'s> {
    sink: &'s mut dyn Sink,
    summary: ImportSummary,
    participants: HashSet<String>,
    conversations: HashSet<String>,
    file: PathBuf,
}

impl Run<'_> {
    /// Walks a thread without recursion: parent chains reach 80 posts and more.
    fn thread(&mut self, root: &Value) -> Result<(), ImportError> {
        let mut stack = vec![(root, "thread".to_string())];
        while let Some((node, path)) = stack.pop() {
            match node.get("$type").and_then(Value::as_str) {
                Some(NOT_FOUND) => self.skip("not_found_post"),
                Some(BLOCKED) => self.skip("blocked_post"),
                Some(THREAD_VIEW) | None if node.get("post").is_some() => {
                    if let Some(post) = node.get("post") {
                        self.post(post, &format!("{path}.post"), None)?;
                    }
                    if let Some(parent) = node.get("parent").filter(|p| !p.is_null()) {
                        stack.push((parent, format!("{path}.parent")));
                    }
                    let replies = node.get("replies").and_then(Value::as_array);
                    // pushed last-first, so they are read in the order the API ranked them
                    for (i, reply) in
                        replies.map_or(&[][..], Vec::as_slice).iter().enumerate().rev()
                    {
                        stack.push((reply, format!("{path}.replies[{i}]")));
                    }
                }
                other => {
                    let kind = other.unwrap_or("(none)");
                    self.warn(&path, format!("thread node of type {kind} without a post, skipped"));
                }
            }
        }
        Ok(())
    }

    fn skip(&mut self, reason: &str) {
        *self.summary.skipped.entry(reason.into()).or_default() += 1;
    }

    fn warn(&mut self, path: &str, message: String) {
        self.sink.warn(Warning { location: format!("{}[{path}]", self.file.display()), message });
    }

    /// One post view; `quoted` is the post a getQuotes page is about.
    fn post(&mut self, value: &Value, path: &str, quoted: Option<&str>) -> Result<(), ImportError> {
        let view = match PostView::deserialize(value) {
            Ok(view) => view,
            Err(err) => {
                self.warn(path, format!("not a post view, skipped: {err}"));
                return Ok(());
            }
        };
        let Some(uri) = AtUri::parse(&view.uri) else {
            self.warn(path, format!("post uri {:?} is not an at-uri, skipped", view.uri));
            return Ok(());
        };
        let record = match PostRecord::deserialize(&view.record) {
            Ok(record) => record,
            Err(err) => {
                self.warn(path, format!("post record unreadable, skipped: {err}"));
                return Ok(());
            }
        };
        if let Some(kind) = record.kind.as_deref().filter(|k| *k != POST) {
            self.warn(path, format!("record of type {kind} in a post view, skipped"));
            return Ok(());
        }
        let author = &view.author;
        let account = lexicon::account_key(&author.did);
        if self.participants.insert(account.clone()) {
            // the AppView shows `handle.invalid` when a handle no longer resolves
            let handle = match author.handle.as_deref() {
                Some(h) if !h.is_empty() && h != "handle.invalid" => h,
                _ => author.did.as_str(),
            };
            let display_name = author.display_name.as_deref().map(str::trim).unwrap_or("");
            self.sink.participant(Participant {
                key: account.clone(),
                platform: PLATFORM.into(),
                handle: handle.into(),
                display_name: if display_name.is_empty() { handle } else { display_name }.into(),
                url: Some(lexicon::profile_url(handle)),
                kind: ParticipantKind::Person,
                site_author: false,
            })?;
        }
        let fallback_time = view.indexed_at.as_deref().and_then(parse_rfc3339);
        let mut post = lexicon::post_item(&view.uri, &uri, account, &record, fallback_time);
        // getQuotes lists quotes even when the record's embed is unreadable to us
        if let Some(quoted) = quoted.and_then(AtUri::parse)
            && post.item.kind == relate_model::ItemKind::Post
        {
            post.item.kind = relate_model::ItemKind::Quote;
            post.item.parent = Some(quoted.key());
        }
        for problem in post.problems {
            self.warn(path, problem);
        }
        if self.conversations.insert(post.conversation.key.clone()) {
            self.sink.conversation(post.conversation)?;
        }
        let item_key = post.item.key.clone();
        self.sink.item(post.item)?;
        let counts = [
            ("likes", view.like_count),
            ("reposts", view.repost_count),
            ("replies", view.reply_count),
            ("quotes", view.quote_count),
        ];
        for (metric, value) in counts {
            if let Some(value) = value {
                self.sink.audience(AudienceSnapshot {
                    platform: PLATFORM.into(),
                    account: None,
                    item: Some(item_key.clone()),
                    metric: metric.into(),
                    value,
                    at: None,
                })?;
            }
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostView {
    uri: String,
    author: Author,
    record: Value,
    like_count: Option<i64>,
    repost_count: Option<i64>,
    reply_count: Option<i64>,
    quote_count: Option<i64>,
    indexed_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Author {
    did: String,
    handle: Option<String>,
    display_name: Option<String>,
}

/// What the API and the repository export share: at-uris, keys, URLs and the post record
/// (the same serde types read the record from JSON and from DAG-CBOR).
pub(crate) mod lexicon {
    use relate_model::time::parse_rfc3339;
    use relate_model::{Conversation, Item, ItemKind, State};
    use serde::Deserialize;

    use crate::content::extract_links;

    pub(crate) const PLATFORM: &str = "bluesky";
    pub(crate) const POST: &str = "app.bsky.feed.post";
    pub(crate) const LIKE: &str = "app.bsky.feed.like";
    pub(crate) const REPOST: &str = "app.bsky.feed.repost";
    pub(crate) const FOLLOW: &str = "app.bsky.graph.follow";
    pub(crate) const PROFILE: &str = "app.bsky.actor.profile";

    /// `at://<authority>/<collection>/<rkey>`, the global name of a record.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) struct AtUri<'a> {
        pub(crate) authority: &'a str,
        pub(crate) collection: &'a str,
        pub(crate) rkey: &'a str,
    }

    impl<'a> AtUri<'a> {
        pub(crate) fn parse(uri: &'a str) -> Option<AtUri<'a>> {
            let rest = uri.strip_prefix("at://")?;
            let rest = rest.split(['?', '#']).next().unwrap_or(rest);
            let mut parts = rest.split('/');
            let (authority, collection, rkey) = (parts.next()?, parts.next()?, parts.next()?);
            let valid = parts.next().is_none()
                && [authority, collection, rkey].iter().all(|p| !p.is_empty());
            valid.then_some(AtUri { authority, collection, rkey })
        }

        /// The item (and, for a root post, conversation) key: the same from every importer.
        pub(crate) fn key(&self) -> String {
            format!("{PLATFORM}:{}/{}/{}", self.authority, self.collection, self.rkey)
        }

        /// The public page of a post, feed or list; other records have none.
        pub(crate) fn url(&self) -> Option<String> {
            let page = match self.collection {
                POST => "post",
                "app.bsky.feed.generator" => "feed",
                "app.bsky.graph.list" => "lists",
                _ => return None,
            };
            Some(format!("https://bsky.app/profile/{}/{page}/{}", self.authority, self.rkey))
        }

        /// The conversation this record opens (a root post's thread).
        pub(crate) fn conversation(&self) -> Conversation {
            Conversation {
                key: self.key(),
                platform: PLATFORM.into(),
                title: None,
                url: self.url(),
            }
        }
    }

    pub(crate) fn account_key(did: &str) -> String {
        format!("{PLATFORM}:{did}")
    }

    pub(crate) fn profile_url(handle_or_did: &str) -> String {
        format!("https://bsky.app/profile/{handle_or_did}")
    }

    /// The time a TID record key encodes (53 bits of microseconds, base32-sortable), in
    /// seconds; `None` for keys that are not TIDs (`self`, custom keys).
    pub(crate) fn tid_seconds(tid: &str) -> Option<i64> {
        const ALPHABET: &[u8] = b"234567abcdefghijklmnopqrstuvwxyz";
        if tid.len() != 13 {
            return None;
        }
        let mut value: u64 = 0;
        for (i, byte) in tid.bytes().enumerate() {
            let digit = ALPHABET.iter().position(|&c| c == byte)? as u64;
            // 13 digits carry 65 bits; the first may only use the low 4 (top bit is zero)
            if i == 0 && digit >= 16 {
                return None;
            }
            value = (value << 5) | digit;
        }
        i64::try_from((value >> 10) / 1_000_000).ok()
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub(crate) struct PostRecord {
        /// `app.bsky.feed.post`; checked, so a record of another type is not misread.
        #[serde(rename = "$type")]
        pub(crate) kind: Option<String>,
        #[serde(default)]
        pub(crate) text: String,
        pub(crate) created_at: Option<String>,
        pub(crate) reply: Option<ReplyRefs>,
        pub(crate) embed: Option<Embed>,
        #[serde(default)]
        pub(crate) facets: Vec<Facet>,
    }

    #[derive(Debug, Deserialize)]
    pub(crate) struct ReplyRefs {
        pub(crate) root: Option<StrongRef>,
        pub(crate) parent: Option<StrongRef>,
    }

    /// `com.atproto.repo.strongRef` (the `cid` is not needed).
    #[derive(Debug, Deserialize)]
    pub(crate) struct StrongRef {
        pub(crate) uri: String,
    }

    #[derive(Debug, Deserialize)]
    pub(crate) struct Embed {
        #[serde(rename = "$type")]
        kind: Option<String>,
        /// `embed.record`: a strongRef, or (in `recordWithMedia`) `{record: strongRef}`.
        record: Option<EmbedRecord>,
        external: Option<External>,
        media: Option<Box<Embed>>,
    }

    #[derive(Debug, Deserialize)]
    struct EmbedRecord {
        uri: Option<String>,
        record: Option<StrongRef>,
    }

    #[derive(Debug, Deserialize)]
    struct External {
        uri: Option<String>,
    }

    impl Embed {
        /// The embedded record's at-uri (a post for a quote; a feed, list, ... otherwise).
        fn quoted(&self) -> Option<&str> {
            let record = self.record.as_ref()?;
            match self.kind.as_deref() {
                Some("app.bsky.embed.recordWithMedia") => Some(&record.record.as_ref()?.uri),
                _ => record.uri.as_deref().or(record.record.as_ref().map(|r| r.uri.as_str())),
            }
        }

        /// A link card's URL, also inside `recordWithMedia`.
        fn external(&self) -> Option<&str> {
            let own = self.external.as_ref().and_then(|e| e.uri.as_deref());
            own.or_else(|| self.media.as_ref()?.external())
        }
    }

    #[derive(Debug, Deserialize)]
    pub(crate) struct Facet {
        #[serde(default)]
        features: Vec<Feature>,
        index: Option<ByteSlice>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ByteSlice {
        byte_start: Option<u64>,
    }

    #[derive(Debug, Deserialize)]
    struct Feature {
        #[serde(rename = "$type")]
        kind: Option<String>,
        uri: Option<String>,
        did: Option<String>,
    }

    /// A post record as an item, with its conversation and what was odd about it.
    pub(crate) struct Post {
        pub(crate) item: Item,
        pub(crate) conversation: Conversation,
        pub(crate) problems: Vec<String>,
    }

    /// Maps a post record. `fallback_time` is used when `createdAt` is missing or has no time
    /// zone (before the record key's TID time).
    pub(crate) fn post_item(
        uri_text: &str,
        uri: &AtUri,
        author: String,
        record: &PostRecord,
        fallback_time: Option<i64>,
    ) -> Post {
        let mut problems = Vec::new();
        let mut root = *uri;
        let mut parent = None;
        let mut kind = ItemKind::Post;
        let mut hrefs = facet_links(&record.facets);
        let quoted = record.embed.as_ref().and_then(Embed::quoted).map(|q| (q, AtUri::parse(q)));
        if let Some(reply) = &record.reply {
            let parent_uri = reply.parent.as_ref().map(|p| p.uri.as_str());
            match parent_uri.and_then(AtUri::parse) {
                Some(parent_at) => {
                    let root_at =
                        reply.root.as_ref().and_then(|r| AtUri::parse(&r.uri)).unwrap_or(parent_at);
                    kind = if root_at == parent_at { ItemKind::Comment } else { ItemKind::Reply };
                    root = root_at;
                    parent = Some(parent_at.key());
                }
                None => problems.push(format!(
                    "reply.parent {parent_uri:?} is not an at-uri; read as a post of its own"
                )),
            }
        }
        match quoted {
            Some((_, Some(q))) if q.collection == POST && parent.is_none() => {
                kind = ItemKind::Quote;
                parent = Some(q.key());
            }
            // a reply that quotes, or an embedded feed, list or starter pack: a link
            Some((raw, Some(q))) => hrefs.push(q.url().unwrap_or_else(|| raw.to_string())),
            Some((raw, None)) => problems.push(format!("embedded record {raw:?} is not an at-uri")),
            None => {}
        }
        if let Some(card) = record.embed.as_ref().and_then(Embed::external) {
            hrefs.push(card.to_string());
        }
        let links = extract_links(&record.text, hrefs);
        let created_at = record
            .created_at
            .as_deref()
            .and_then(parse_rfc3339)
            .or(fallback_time)
            .or_else(|| tid_seconds(uri.rkey));
        let mentions = record
            .facets
            .iter()
            .flat_map(|f| &f.features)
            .filter(|f| f.kind.as_deref() == Some("app.bsky.richtext.facet#mention"))
            .filter_map(|f| f.did.as_deref())
            .map(account_key)
            .collect();
        let conversation = root.conversation();
        let item = Item {
            key: uri.key(),
            native_id: uri_text.to_string(),
            conversation: conversation.key.clone(),
            parent,
            author,
            kind,
            state: State::Public,
            created_at,
            title: None,
            url: uri.url(),
            text: record.text.clone(),
            html: None,
            links,
            mentions,
        };
        Post { item, conversation, problems }
    }

    /// Link facets in the order they appear in the text.
    fn facet_links(facets: &[Facet]) -> Vec<String> {
        let mut links: Vec<(u64, &str)> = facets
            .iter()
            .flat_map(|f| {
                let at = f.index.as_ref().and_then(|i| i.byte_start).unwrap_or(u64::MAX);
                f.features.iter().map(move |feature| (at, feature))
            })
            .filter(|(_, f)| f.kind.as_deref() == Some("app.bsky.richtext.facet#link"))
            .filter_map(|(at, f)| Some((at, f.uri.as_deref()?)))
            .collect();
        links.sort_by_key(|(at, _)| *at);
        let mut out: Vec<String> = Vec::new();
        for (_, link) in links {
            if !out.iter().any(|l| l == link) {
                out.push(link.to_string());
            }
        }
        out
    }

    /// A like or repost of `subject`: an item without words, beside the subject's
    /// conversation (`conversation_root`, when the importer knows it, else the subject).
    pub(crate) fn attention_item(
        kind: ItemKind,
        uri_text: &str,
        uri: &AtUri,
        author: String,
        subject: &AtUri,
        conversation_root: Option<&AtUri>,
        created_at: Option<i64>,
    ) -> (Item, Conversation) {
        let root = conversation_root.unwrap_or(subject);
        let conversation = root.conversation();
        let item = Item {
            key: uri.key(),
            native_id: uri_text.to_string(),
            conversation: conversation.key.clone(),
            parent: Some(subject.key()),
            author,
            kind,
            state: State::Public,
            created_at: created_at.or_else(|| tid_seconds(uri.rkey)),
            title: None,
            url: None,
            text: String::new(),
            html: None,
            links: Vec::new(),
            mentions: Vec::new(),
        };
        (item, conversation)
    }
}

#[cfg(test)]
mod tests {
    use super::lexicon::*;
    use super::*;
    use crate::testing::{fixture, import_path};
    use relate_model::ItemKind;

    #[test]
    fn at_uris_parse_and_key_like_the_car_importer() {
        let uri = AtUri::parse("at://did:plc:abc/app.bsky.feed.post/3kly5whjwmc2v").unwrap();
        assert_eq!(uri.authority, "did:plc:abc");
        assert_eq!(uri.key(), "bluesky:did:plc:abc/app.bsky.feed.post/3kly5whjwmc2v");
        assert_eq!(
            uri.url().as_deref(),
            Some("https://bsky.app/profile/did:plc:abc/post/3kly5whjwmc2v")
        );
        assert_eq!(AtUri::parse("https://bsky.app/x"), None);
        assert_eq!(AtUri::parse("at://did:plc:abc/app.bsky.feed.post"), None);
        assert_eq!(AtUri::parse("at://did:plc:abc/app.bsky.feed.post/x/y"), None);
    }

    #[test]
    fn an_embedded_feed_is_a_link_not_a_quote() {
        let record: PostRecord = serde_json::from_value(serde_json::json!({
            "$type": POST,
            "text": "Unser Feed mit allen Ausstellungen",
            "createdAt": "2024-11-05T08:00:00Z",
            "embed": {"$type": "app.bsky.embed.record", "record": {
                "uri": "at://did:plc:museumkiel0000000000000/app.bsky.feed.generator/ausstellungen",
                "cid": "bafyreia"}},
        }))
        .unwrap();
        let text = "at://did:plc:museumkiel0000000000000/app.bsky.feed.post/3lbaaaaaaam2a";
        let uri = AtUri::parse(text).unwrap();
        let post = post_item(text, &uri, "bluesky:x".into(), &record, None);
        assert_eq!(post.item.kind, ItemKind::Post);
        assert_eq!(post.item.parent, None);
        assert_eq!(
            post.item.links,
            vec!["https://bsky.app/profile/did:plc:museumkiel0000000000000/feed/ausstellungen"]
        );
        assert!(post.problems.is_empty());
    }

    #[test]
    fn tids_carry_their_time() {
        // 3ljlyqit2uk2l: the rev of the real CAR sample, written on 2025-03-05
        let seconds = tid_seconds("3ljlyqit2uk2l").unwrap();
        assert_eq!(relate_model::time::date(seconds), "2025-03-05");
        assert_eq!(tid_seconds("self"), None);
        assert_eq!(tid_seconds("zzzzzzzzzzzzz"), None);
    }

    fn thread() -> VecSinkResult {
        let (res, sink) = import_path(&BlueskyApi, &fixture("bluesky-api/thread-museum.json"));
        (res.unwrap(), sink)
    }

    type VecSinkResult = (ImportSummary, crate::testing::VecSink);

    const ROOT: &str = "at://did:plc:museumkiel0000000000000/app.bsky.feed.post/3lbaaaaaaaa2a";

    fn key(uri: &str) -> String {
        AtUri::parse(uri).unwrap().key()
    }

    #[test]
    fn a_thread_becomes_post_comments_and_replies() {
        let (summary, sink) = thread();
        // jq '[.. | objects | select(has("post"))] | length' thread-museum.json = 4: the root,
        // two answers to it (one a reply that quotes) and one answer to an answer; the
        // not-found and blocked nodes are counted, not imported
        assert_eq!(sink.items.len(), 4, "{:?}", sink.warnings);
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        assert_eq!(summary.skipped.get("not_found_post"), Some(&1));
        assert_eq!(summary.skipped.get("blocked_post"), Some(&1));
        let root = sink.item(ROOT).unwrap();
        assert_eq!(root.kind, ItemKind::Post);
        assert_eq!(root.parent, None);
        assert_eq!(root.conversation, key(ROOT));
        assert_eq!(root.author, "bluesky:did:plc:museumkiel0000000000000");
        assert_eq!(
            root.url.as_deref(),
            Some("https://bsky.app/profile/did:plc:museumkiel0000000000000/post/3lbaaaaaaaa2a")
        );
        assert_eq!(root.links, vec!["https://museum-kiel.example/ausstellung/bernstein"]);
        assert_eq!(root.mentions, vec!["bluesky:did:plc:freundeskreis00000000000"]);
        assert_eq!(root.created_at, relate_model::time::parse_rfc3339("2024-11-02T09:00:00Z"));
        let deep = sink
            .item("at://did:plc:museumkiel0000000000000/app.bsky.feed.post/3lbaaaaaaae2a")
            .unwrap();
        assert_eq!(deep.kind, ItemKind::Reply);
        assert_eq!(
            deep.parent.as_deref(),
            Some("bluesky:did:plc:visitor1000000000000000/app.bsky.feed.post/3lbaaaaaaab2a")
        );
        assert_eq!(deep.conversation, key(ROOT));
        assert_eq!(sink.conversations.len(), 1);
        assert_eq!(sink.conversations[0].url.as_deref(), root.url.as_deref());
    }

    #[test]
    fn a_reply_that_quotes_stays_a_reply_with_the_quote_as_link() {
        let (_, sink) = thread();
        let item = sink
            .item("at://did:plc:visitor4000000000000000/app.bsky.feed.post/3lbaaaaaaah2a")
            .unwrap();
        assert_eq!(item.kind, ItemKind::Comment);
        assert_eq!(item.parent.as_deref(), Some(key(ROOT).as_str()));
        assert_eq!(
            item.links,
            vec!["https://bsky.app/profile/did:plc:stadtarchiv0000000000000/post/3kzzzzzzzzz2a"]
        );
    }

    #[test]
    fn invalid_handles_fall_back_to_the_did_and_times_to_indexed_at() {
        let (_, sink) = thread();
        let p = sink.participant("bluesky:did:plc:visitor4000000000000000").unwrap();
        assert_eq!(p.handle, "did:plc:visitor4000000000000000");
        assert_eq!(
            p.url.as_deref(),
            Some("https://bsky.app/profile/did:plc:visitor4000000000000000")
        );
        assert_eq!(p.display_name, "Lotte");
        let museum = sink.participant("bluesky:did:plc:museumkiel0000000000000").unwrap();
        assert_eq!(museum.handle, "museum-kiel.example");
        assert_eq!(museum.url.as_deref(), Some("https://bsky.app/profile/museum-kiel.example"));
        // createdAt "2024-11-02 10:15" has no zone: indexedAt is taken
        let item = sink
            .item("at://did:plc:visitor4000000000000000/app.bsky.feed.post/3lbaaaaaaah2a")
            .unwrap();
        assert_eq!(item.created_at, relate_model::time::parse_rfc3339("2024-11-02T10:15:30Z"));
    }

    #[test]
    fn counts_become_item_snapshots() {
        let (_, sink) = thread();
        let of_root: Vec<(&str, i64)> = sink
            .audience
            .iter()
            .filter(|a| a.item.as_deref() == Some(key(ROOT).as_str()))
            .map(|a| (a.metric.as_str(), a.value))
            .collect();
        assert_eq!(of_root, vec![("likes", 41), ("reposts", 7), ("replies", 5), ("quotes", 2)]);
        assert!(sink.audience.iter().all(|a| a.at.is_none() && a.account.is_none()));
    }

    #[test]
    fn a_thread_seen_from_a_reply_reads_its_parents() {
        let (summary, sink) = import_path(&BlueskyApi, &fixture("bluesky-api/thread-parents.json"));
        summary.unwrap();
        // anchor + its parent; the root above them was deleted (notFoundPost)
        assert_eq!(sink.items.len(), 2);
        let anchor = sink
            .item("at://did:plc:museumkiel0000000000000/app.bsky.feed.post/3lcbbbbbbbc2a")
            .unwrap();
        assert_eq!(anchor.kind, ItemKind::Reply);
        assert_eq!(
            anchor.conversation,
            "bluesky:did:plc:visitor1000000000000000/app.bsky.feed.post/3lcbbbbbbba2a"
        );
        let parent = sink
            .item("at://did:plc:visitor2000000000000000/app.bsky.feed.post/3lcbbbbbbbb2a")
            .unwrap();
        assert_eq!(parent.kind, ItemKind::Comment);
        // the missing root is not imported, but the link to it is kept
        assert_eq!(parent.parent.as_deref(), Some(anchor.conversation.as_str()));
    }

    #[test]
    fn quotes_point_at_the_quoted_post() {
        let (res, sink) = import_path(&BlueskyApi, &fixture("bluesky-api/quotes.json"));
        res.unwrap();
        assert_eq!(sink.items.len(), 3, "{:?}", sink.warnings);
        let quoted = key(ROOT);
        for item in &sink.items {
            assert_eq!(item.kind, ItemKind::Quote, "{}", item.native_id);
            assert_eq!(item.parent.as_deref(), Some(quoted.as_str()));
            assert_eq!(item.conversation, item.key, "a quote starts its own thread");
        }
        // recordWithMedia: the link card is a link
        let with_card = sink
            .item("at://did:plc:visitor5000000000000000/app.bsky.feed.post/3lbaaaaaaaj2a")
            .unwrap();
        assert_eq!(with_card.links, vec!["https://bernstein.example/fundstuecke"]);
        // no embed the importer can read, but getQuotes says it quotes the post
        assert!(
            sink.item("at://did:plc:visitor6000000000000000/app.bsky.feed.post/3lbaaaaaaak2a")
                .is_some()
        );
    }

    #[test]
    fn a_broken_post_view_is_a_warning() {
        let (res, sink) = import_path(&BlueskyApi, &fixture("bluesky-api/broken-post.json"));
        res.unwrap();
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(
            sink.warnings[0].location.ends_with("[thread.replies[0].post]"),
            "{:?}",
            sink.warnings
        );
    }

    #[test]
    fn other_json_is_not_claimed() {
        let input = Input::from_path(&fixture("bluesky-api/not-bluesky.json")).unwrap();
        assert_eq!(BlueskyApi.detect(&input), Detection::No);
        // searchPosts has post views too, but no `uri` of a quoted post: not a getQuotes page
        let dir = tempfile::tempdir().unwrap();
        let search = dir.path().join("search.json");
        let quotes = std::fs::read_to_string(fixture("bluesky-api/quotes.json")).unwrap();
        let mut doc: Value = serde_json::from_str(&quotes).unwrap();
        doc.as_object_mut().unwrap().remove("uri");
        doc["hitsTotal"] = 3.into();
        std::fs::write(&search, doc.to_string()).unwrap();
        assert_eq!(BlueskyApi.detect(&Input::from_path(&search).unwrap()), Detection::No);
        for name in ["bluesky-api/thread-museum.json", "bluesky-api/quotes.json"] {
            let input = Input::from_path(&fixture(name)).unwrap();
            assert_eq!(BlueskyApi.detect(&input), Detection::Yes, "{name}");
        }
        let (res, _) = import_path(&BlueskyApi, &fixture("bluesky-api/not-bluesky.json"));
        assert!(matches!(res, Err(ImportError::NotThisFormat { .. })), "{res:?}");
    }

    #[test]
    fn a_folder_of_responses_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["thread-museum.json", "quotes.json"] {
            std::fs::copy(fixture(&format!("bluesky-api/{name}")), dir.path().join(name)).unwrap();
        }
        let input = Input::from_path(dir.path()).unwrap();
        assert_eq!(BlueskyApi.detect(&input), Detection::Yes);
        let (res, sink) = import_path(&BlueskyApi, dir.path());
        res.unwrap();
        assert_eq!(sink.items.len(), 7);
    }

    #[test]
    fn truncated_json_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.json");
        std::fs::write(
            &path,
            "{\"thread\": {\"$type\": \"app.bsky.feed.defs#threadViewPost\",\n \"post\": {",
        )
        .unwrap();
        let (res, _) = import_path(&BlueskyApi, &path);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("cut.json:2:"), "{err}");
    }
}
