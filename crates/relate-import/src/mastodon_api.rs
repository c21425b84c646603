//! `mastodon-api`: responses of the Mastodon REST API saved to disk: one Status
//! (`GET /api/v1/statuses/:id`), a thread (`GET /api/v1/statuses/:id/context`), or an array
//! of statuses (a timeline); a folder of such files is read file by file.
//!
//! ## Format
//! The entities are documented at docs.joinmastodon.org/entities/Status and
//! /entities/Context; notes in `../shared/corpus/FORMATS.md` §2. A Status has `id` (a string,
//! local to the server that answered), `uri` (its global identity), `url`, `created_at`,
//! `in_reply_to_id`, `in_reply_to_account_id`, `content` (HTML), `spoiler_text`,
//! `visibility`, `account`, `mentions`, `media_attachments`, `reblog` (the boosted Status),
//! `quote` (4.4+) and `replies_count`, `reblogs_count`, `favourites_count`. A Context is
//! `{ancestors: [Status], descendants: [Status]}` and leaves out the status it was asked for.
//!
//! ## Mapping
//! - Keys are those of `mastodon-archive`: accounts `mastodon:<username>@<host of the account
//!   URI>`, statuses `mastodon:<host>:<id>` from the status URI, so a status or account met in
//!   both is one record. Handles are `@<acct>` (with the host added for accounts of the server
//!   that answered), the URL is the profile page.
//! - `in_reply_to_id` is resolved to a key through the statuses of the same file; a parent
//!   not in the file is keyed from its id when its author is an account of the answering
//!   server (whose local ids are the ids in its URIs), so the replies to a context's focal
//!   status still point at it. Otherwise it gets a key of the answering server's local id
//!   (`mastodon:<server>:local-id:<id>`), which links siblings but matches nothing else.
//! - Conversation: the root of the reply chain (a status without `in_reply_to_id`), keyed
//!   like the root item, with its URL; a context is one conversation, rooted at its first
//!   ancestor or, without ancestors, at the focal status. When the chain leaves the file, the
//!   farthest parent stands in for the root.
//! - Kind: `post`, `comment` (answers the root), `reply`; a boost (`reblog`) is a
//!   [`ItemKind::Repost`] of the boosted status (which is imported too), a status quoting
//!   another without replying is a [`ItemKind::Quote`] of it.
//! - `visibility` `public` and `unlisted` are [`State::Public`]; `private` (followers-only),
//!   `direct` and anything else are [`State::Restricted`].
//! - Text from the HTML `content`, links from its anchors (without mention and hashtag links)
//!   and bare URLs, mentions as `@user@host`, the content warning as title, media
//!   descriptions as `[image: ...]` paragraphs (as in `mastodon-archive`).
//! - Counts become [`AudienceSnapshot`]s dated at import (`at: None`: a status's date is not
//!   the date of the count): per account `followers`, `following`, `posts`; per status
//!   `likes`, `reposts`, `replies`.
//!
//! ## Known quirks
//! - A status's counts are what the answering server knows: for remote statuses they are
//!   often lower than on the status's own server.
//! - Servers cap contexts (especially without login): descendants may be cut off, and a
//!   descendant whose parent is missing still joins the context's conversation.
//! - Ids are per server; the same person has a different `id` on every server, so accounts
//!   are keyed by username and host, never by `id`.
//! - `acct` is `user@domain` for remote accounts but only `user` for accounts of the
//!   answering server.

use relate_model::time::parse_rfc3339;
use relate_model::{
    AudienceSnapshot, Conversation, Item, ItemKind, Participant, ParticipantKind, State,
};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use serde_json::Value;

use crate::content::{extract_links, html_to_text};
use crate::json::{for_each_element, id_text, json_error};
use crate::mastodon_archive::{
    PLATFORM, account_key, media_kind, mention_handle, shared_links, status_key,
    with_media_descriptions,
};
use crate::urls::host_of;
use crate::{
    Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, SinkError, Warning,
};

pub struct MastodonApi;

const ID: &str = "mastodon-api";
/// Reply chains longer than this are cut (a cycle in a broken file must not hang).
const MAX_CHAIN: usize = 10_000;
/// How many files of a folder `detect` sniffs.
const SNIFF_FILES: usize = 20;

impl Importer for MastodonApi {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Mastodon REST API responses saved as JSON: a status, a /context thread, or an array of statuses"
    }

    fn detect(&self, input: &Input) -> Detection {
        if !input.is_dir() {
            return match input.files().first().map(|n| shape_of(&input.head(n, 64 << 10))) {
                Some(Some(_)) => Detection::Yes,
                _ => Detection::No,
            };
        }
        if input.find("outbox.json").is_some() {
            return Detection::No;
        }
        let json = json_files(input);
        if json.is_empty() {
            return Detection::No;
        }
        let sniffed: Vec<bool> = json
            .iter()
            .take(SNIFF_FILES)
            .map(|n| shape_of(&input.head(n, 64 << 10)).is_some())
            .collect();
        if sniffed.iter().all(|ours| *ours) {
            Detection::Yes
        } else if sniffed.iter().any(|ours| *ours) {
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
        let mut summary = ImportSummary::default();
        let files = if input.is_dir() { json_files(input) } else { input.files() };
        let mut announced = Announced::default();
        let mut imported = 0;
        for name in &files {
            let Some(shape) = shape_of(&input.head(name, 64 << 10)) else {
                if input.is_dir() {
                    *summary.skipped.entry("not a Mastodon API response".into()).or_default() += 1;
                    continue;
                }
                return Err(ImportError::not_this_format(
                    input.display_path(name),
                    ID,
                    "neither a Status, a Context nor an array of statuses",
                ));
            };
            import_file(input, name, shape, &mut announced, sink)?;
            imported += 1;
        }
        if imported == 0 {
            return Err(input.not_this_format(ID, "no file is a Mastodon API response"));
        }
        Ok(summary)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Status,
    Context,
    Array,
}

/// Which response `head` (the first bytes of a file) is, if any.
fn shape_of(head: &[u8]) -> Option<Shape> {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let status = has_key(text, "uri")
        && has_key(text, "account")
        && has_key(text, "visibility")
        && has_key(text, "content")
        && has_key(text, "created_at");
    if text.starts_with('[') {
        return status.then_some(Shape::Array);
    }
    if !text.starts_with('{') {
        return None;
    }
    if has_key(text, "ancestors") && has_key(text, "descendants") {
        Some(Shape::Context)
    } else {
        status.then_some(Shape::Status)
    }
}

/// Whether `"key"` occurs as an object key (followed by `:`), not inside a string value
/// (where its quotes would be escaped).
fn has_key(text: &str, key: &str) -> bool {
    let needle = format!("\"{key}\"");
    text.match_indices(&needle).any(|(at, _)| {
        let before_ok = at == 0 || text.as_bytes()[at - 1] != b'\\';
        before_ok && text[at + needle.len()..].trim_start().starts_with(':')
    })
}

fn json_files(input: &Input) -> Vec<String> {
    input.files().into_iter().filter(|n| n.to_ascii_lowercase().ends_with(".json")).collect()
}

/// Records already sent, across the files of one import.
#[derive(Default)]
struct Announced {
    participants: FxHashSet<String>,
    conversations: FxHashSet<String>,
    account_counts: FxHashSet<String>,
}

/// What the first pass over a file learns: every status's key and parent id, and every
/// account it names (authors and mentions) by id.
#[derive(Default)]
struct Known {
    statuses: FxHashMap<String, KnownStatus>,
    accounts: FxHashMap<String, KnownAccount>,
    /// The host of the server that answered, from an account it lists without domain.
    server: Option<String>,
    /// The first status of a context (its first ancestor, else its first descendant).
    context_first: Option<String>,
}

struct KnownStatus {
    key: String,
    url: Option<String>,
    in_reply_to_id: Option<String>,
    in_reply_to_account_id: Option<String>,
}

struct KnownAccount {
    /// An account of the answering server (its `acct` has no domain).
    local: bool,
    host: String,
    /// The profile page (`https://host/@name`).
    profile: Option<String>,
}

fn import_file(
    input: &Input,
    name: &str,
    shape: Shape,
    announced: &mut Announced,
    sink: &mut dyn Sink,
) -> Result<(), ImportError> {
    let display = input.display_path(name);
    let mut known = Known::default();
    let mut ancestors = 0;
    for_each_status(input, name, shape, &mut |location, status| {
        if let Ok(status) = status {
            known.learn(&status, true);
        }
        if location.starts_with("[ancestors]") {
            ancestors += 1;
        }
    })?;
    let context_root = match (shape, known.context_first.clone()) {
        (Shape::Context, Some(first)) => known.statuses.get(&first).map(|s| {
            let mut thread = known.conversation_of(s);
            // without ancestors, the focal status the context leaves out is the root
            thread.root_known |= ancestors == 0;
            thread
        }),
        _ => None,
    };
    let mut run = Run { sink, announced, known: &known, context_root };
    let mut failure: Option<SinkError> = None;
    let mut statuses = 0;
    for_each_status(input, name, shape, &mut |location, status| {
        if failure.is_some() {
            return;
        }
        let location = format!("{}{location}", display.display());
        match status {
            Ok(status) => {
                statuses += 1;
                if let Err(err) = run.status(&status, &location, false) {
                    failure = Some(err);
                }
            }
            Err(err) => run
                .sink
                .warn(Warning { location, message: format!("not a status, skipped: {err}") }),
        }
    })?;
    if let Some(err) = failure {
        return Err(err.into());
    }
    if statuses == 0 {
        run.sink.warn(Warning {
            location: display.display().to_string(),
            message: "the response holds no status".into(),
        });
    }
    Ok(())
}

/// Calls `each(location, status)` for every status of the file: `location` is `[3]`,
/// `[descendants][3]` or empty for a single status.
fn for_each_status(
    input: &Input,
    name: &str,
    shape: Shape,
    each: &mut dyn FnMut(String, Result<Status, serde_json::Error>),
) -> Result<(), ImportError> {
    let display = input.display_path(name);
    let open = || input.open_or_err(name);
    match shape {
        Shape::Status => {
            let bytes = input.read(name).map_err(ImportError::io(display.clone()))?;
            // the whole file must be JSON; only then can the status itself be malformed
            serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)
                .map_err(|e| json_error(&display, &e))?;
            each(String::new(), serde_json::from_slice(&bytes));
        }
        Shape::Array => {
            for_each_element(open()?, &[], &display, &mut |index, raw| {
                each(format!("[{index}]"), serde_json::from_str(raw.get()));
            })?;
        }
        Shape::Context => {
            for part in ["ancestors", "descendants"] {
                for_each_element(open()?, &[part], &display, &mut |index, raw| {
                    each(format!("[{part}][{index}]"), serde_json::from_str(raw.get()));
                })?;
            }
        }
    }
    Ok(())
}

impl Known {
    /// Notes `status` and the statuses nested in it; `top` is false for a boosted or quoted
    /// status, which is not part of the thread a context is about.
    fn learn(&mut self, status: &Status, top: bool) {
        if let Some(account) = &status.account {
            self.learn_account(
                account.id.as_ref(),
                account.acct.as_deref(),
                account.uri.as_deref().or(account.url.as_deref()),
                account.url.as_deref(),
            );
        }
        for mention in status.mentions.iter().flatten() {
            let url = mention.url.as_deref();
            self.learn_account(mention.id.as_ref(), mention.acct.as_deref(), url, url);
        }
        if let (Some(id), Some((key, _))) =
            (id_text(status.id.as_ref()), status.uri.as_deref().and_then(status_key))
        {
            if top && self.context_first.is_none() {
                self.context_first = Some(id.clone());
            }
            self.statuses.insert(
                id,
                KnownStatus {
                    key,
                    url: status.url.clone(),
                    in_reply_to_id: id_text(status.in_reply_to_id.as_ref()),
                    in_reply_to_account_id: id_text(status.in_reply_to_account_id.as_ref()),
                },
            );
        }
        for inner in status.nested() {
            self.learn(inner, false);
        }
    }

    fn learn_account(
        &mut self,
        id: Option<&Value>,
        acct: Option<&str>,
        uri: Option<&str>,
        profile: Option<&str>,
    ) {
        let (Some(id), Some(acct)) = (id_text(id), acct) else { return };
        let Some(host) = uri.and_then(host_of) else { return };
        let local = !acct.contains('@');
        if local && self.server.is_none() {
            self.server = Some(host.clone());
        }
        let profile = profile.map(|p| p.trim_end_matches('/').to_string());
        self.accounts.entry(id).or_insert(KnownAccount { local, host, profile });
    }

    /// The key and URL of the status a reply answers (see the module doc).
    fn parent(
        &self,
        in_reply_to_id: &str,
        in_reply_to_account_id: Option<&str>,
    ) -> (String, Option<String>) {
        if let Some(parent) = self.statuses.get(in_reply_to_id) {
            return (parent.key.clone(), parent.url.clone());
        }
        let author = in_reply_to_account_id.and_then(|id| self.accounts.get(id));
        match author {
            // Mastodon shows a local status at `<profile>/<id>`
            Some(account) if account.local => (
                format!("{PLATFORM}:{}:{in_reply_to_id}", account.host),
                account.profile.as_ref().map(|p| format!("{p}/{in_reply_to_id}")),
            ),
            _ => (
                format!(
                    "{PLATFORM}:{}:local-id:{in_reply_to_id}",
                    self.server.as_deref().unwrap_or("unknown")
                ),
                None,
            ),
        }
    }

    /// The root of `status`'s reply chain, as far as this file knows it.
    fn conversation_of(&self, status: &KnownStatus) -> Thread {
        let mut current = status;
        for _ in 0..MAX_CHAIN {
            let Some(parent_id) = current.in_reply_to_id.as_deref() else {
                return Thread {
                    key: current.key.clone(),
                    url: current.url.clone(),
                    root_known: true,
                };
            };
            match self.statuses.get(parent_id) {
                Some(parent) => current = parent,
                None => {
                    let (key, url) =
                        self.parent(parent_id, current.in_reply_to_account_id.as_deref());
                    return Thread { key, url, root_known: false };
                }
            }
        }
        Thread { key: current.key.clone(), url: current.url.clone(), root_known: false }
    }
}

struct Run<'a> {
    sink: &'a mut dyn Sink,
    announced: &'a mut Announced,
    known: &'a Known,
    /// A context's one conversation.
    context_root: Option<Thread>,
}

/// A conversation: its key (the root's item key, or the farthest status known), the root's
/// URL, and whether the root itself is known (only then is an answer to it a comment).
#[derive(Clone)]
struct Thread {
    key: String,
    url: Option<String>,
    root_known: bool,
}

impl Run<'_> {
    /// Emits `status` with its author, conversation and counts; returns its key. `nested`
    /// marks a boosted or quoted status, which keeps its own conversation.
    fn status(
        &mut self,
        status: &Status,
        location: &str,
        nested: bool,
    ) -> Result<Option<String>, SinkError> {
        let Some((key, native_id)) = status.uri.as_deref().and_then(status_key) else {
            self.sink.warn_at(location, "a status without uri, skipped".into());
            return Ok(None);
        };
        let Some(author) = self.account(status.account.as_ref())? else {
            self.sink.warn_at(location, "a status without a usable account, skipped".into());
            return Ok(None);
        };
        let state = match status.visibility.as_deref() {
            Some("public" | "unlisted") => State::Public,
            _ => State::Restricted,
        };
        let created_at = status.created_at.as_deref().and_then(parse_rfc3339);

        if let Some(boosted) = &status.reblog {
            let Some(boosted_key) = self.status(boosted, &format!("{location}.reblog"), true)?
            else {
                return Ok(None);
            };
            self.conversation(&boosted_key, boosted.url.clone())?;
            self.sink.item(Item {
                key: key.clone(),
                native_id,
                conversation: boosted_key.clone(),
                parent: Some(boosted_key),
                author,
                kind: ItemKind::Repost,
                state,
                created_at,
                title: None,
                url: status.url.clone(),
                text: String::new(),
                html: None,
                links: Vec::new(),
                mentions: Vec::new(),
            })?;
            return Ok(Some(key));
        }

        let quoted = match status.quote.as_ref().and_then(|q| q.quoted_status.as_deref()) {
            Some(quoted) => self.status(quoted, &format!("{location}.quote"), true)?,
            None => None,
        };
        let in_reply_to = id_text(status.in_reply_to_id.as_ref());
        let reply_account = id_text(status.in_reply_to_account_id.as_ref());
        let parent =
            in_reply_to.as_deref().map(|id| self.known.parent(id, reply_account.as_deref()).0);
        let thread = match (&self.context_root, nested, &parent) {
            (Some(root), false, _) => root.clone(),
            (_, _, None) => Thread { key: key.clone(), url: status.url.clone(), root_known: true },
            (_, _, Some(parent)) => {
                match id_text(status.id.as_ref()).and_then(|id| self.known.statuses.get(&id)) {
                    Some(known) => self.known.conversation_of(known),
                    None => Thread { key: parent.clone(), url: None, root_known: false },
                }
            }
        };
        self.conversation(&thread.key, thread.url.clone())?;
        let conversation = thread.key;
        let kind = match (&parent, &quoted) {
            (Some(p), _) if thread.root_known && *p == conversation => ItemKind::Comment,
            (Some(_), _) => ItemKind::Reply,
            (None, Some(_)) => ItemKind::Quote,
            (None, None) => ItemKind::Post,
        };

        let html = status.content.clone().unwrap_or_default();
        let (text, hrefs) = html_to_text(&html);
        let links = extract_links(&text, shared_links(hrefs));
        let media: Vec<(String, Option<String>)> = status
            .media_attachments
            .iter()
            .flatten()
            .map(|m| {
                (media_kind(m.kind.as_deref().unwrap_or("")).to_string(), m.description.clone())
            })
            .collect();
        let text = with_media_descriptions(text, &media);
        let mentions = status
            .mentions
            .iter()
            .flatten()
            .filter_map(|m| {
                let name = m.acct.as_deref().or(m.username.as_deref())?;
                mention_handle(name, m.url.as_deref().and_then(host_of).as_deref())
            })
            .collect();
        for (metric, value) in [
            ("likes", status.favourites_count),
            ("reposts", status.reblogs_count),
            ("replies", status.replies_count),
        ] {
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
        self.sink.item(Item {
            key: key.clone(),
            native_id,
            conversation,
            parent: parent.or(quoted),
            author,
            kind,
            state,
            created_at,
            title: status.spoiler_text.clone().filter(|s| !s.trim().is_empty()),
            url: status.url.clone(),
            html: (html != text && !html.is_empty()).then_some(html),
            text,
            links,
            mentions,
        })?;
        Ok(Some(key))
    }

    /// Announces an account once, with its counts; returns its key.
    fn account(&mut self, account: Option<&Account>) -> Result<Option<String>, SinkError> {
        let Some(account) = account else { return Ok(None) };
        let acct = account.acct.as_deref().unwrap_or("").trim();
        let username = account
            .username
            .clone()
            .filter(|u| !u.trim().is_empty())
            .or_else(|| acct.split('@').next().filter(|u| !u.is_empty()).map(str::to_string));
        let host = account
            .uri
            .as_deref()
            .or(account.url.as_deref())
            .and_then(host_of)
            .or_else(|| acct.split_once('@').map(|(_, d)| d.to_ascii_lowercase()));
        let (Some(username), Some(host)) = (username, host) else { return Ok(None) };
        let key = account_key(&username, &host);
        if self.announced.participants.insert(key.clone()) {
            let profile_host = account.url.as_deref().and_then(host_of).unwrap_or(host);
            let handle = if acct.contains('@') {
                format!("@{acct}")
            } else {
                format!("@{username}@{profile_host}")
            };
            let display_name = account
                .display_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| username.clone());
            self.sink.participant(Participant {
                key: key.clone(),
                platform: PLATFORM.into(),
                handle,
                display_name,
                url: account.url.clone(),
                kind: ParticipantKind::Person,
                site_author: false,
            })?;
        }
        if self.announced.account_counts.insert(key.clone()) {
            for (metric, value) in [
                ("followers", account.followers_count),
                ("following", account.following_count),
                ("posts", account.statuses_count),
            ] {
                if let Some(value) = value {
                    self.sink.audience(AudienceSnapshot {
                        platform: PLATFORM.into(),
                        account: Some(key.clone()),
                        item: None,
                        metric: metric.into(),
                        value,
                        at: None,
                    })?;
                }
            }
        }
        Ok(Some(key))
    }

    fn conversation(&mut self, key: &str, url: Option<String>) -> Result<(), SinkError> {
        if self.announced.conversations.insert(key.to_string()) {
            self.sink.conversation(Conversation {
                key: key.to_string(),
                platform: PLATFORM.into(),
                title: None,
                url,
            })?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct Status {
    id: Option<Value>,
    uri: Option<String>,
    url: Option<String>,
    created_at: Option<String>,
    in_reply_to_id: Option<Value>,
    in_reply_to_account_id: Option<Value>,
    content: Option<String>,
    spoiler_text: Option<String>,
    visibility: Option<String>,
    account: Option<Account>,
    mentions: Option<Vec<Mention>>,
    media_attachments: Option<Vec<Media>>,
    reblog: Option<Box<Status>>,
    quote: Option<Quote>,
    replies_count: Option<i64>,
    reblogs_count: Option<i64>,
    favourites_count: Option<i64>,
}

impl Status {
    fn nested(&self) -> impl Iterator<Item = &Status> {
        self.reblog
            .as_deref()
            .into_iter()
            .chain(self.quote.as_ref().and_then(|q| q.quoted_status.as_deref()))
    }
}

#[derive(Deserialize)]
struct Account {
    id: Option<Value>,
    username: Option<String>,
    acct: Option<String>,
    display_name: Option<String>,
    url: Option<String>,
    uri: Option<String>,
    followers_count: Option<i64>,
    following_count: Option<i64>,
    statuses_count: Option<i64>,
}

#[derive(Deserialize)]
struct Mention {
    id: Option<Value>,
    username: Option<String>,
    acct: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct Media {
    #[serde(rename = "type")]
    kind: Option<String>,
    description: Option<String>,
}

/// Mastodon 4.4's quote: `{state, quoted_status}`; only an accepted quote carries the status.
#[derive(Deserialize)]
struct Quote {
    quoted_status: Option<Box<Status>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mastodon_archive::MastodonArchive;
    use crate::testing::{VecSink, fixture, import_path};

    const MUSEUM: &str = "mastodon:stadtmuseum@museum.example";

    fn import(name: &str) -> VecSink {
        let (result, sink) = import_path(&MastodonApi, &fixture(&format!("mastodon-api/{name}")));
        result.unwrap();
        sink
    }

    fn item<'a>(sink: &'a VecSink, key: &str) -> &'a Item {
        sink.items.iter().find(|i| i.key == key).unwrap_or_else(|| panic!("no item {key}"))
    }

    fn count(
        sink: &VecSink,
        account: Option<&str>,
        item: Option<&str>,
        metric: &str,
    ) -> Option<i64> {
        sink.audience
            .iter()
            .find(|a| {
                a.account.as_deref() == account && a.item.as_deref() == item && a.metric == metric
            })
            .map(|a| a.value)
    }

    #[test]
    fn a_single_status_with_its_counts() {
        let sink = import("status-museum-100.json");
        assert_eq!(sink.items.len(), 1);
        let post = &sink.items[0];
        assert_eq!(post.key, "mastodon:museum.example:100");
        assert_eq!(post.kind, ItemKind::Post);
        assert_eq!(post.conversation, post.key);
        assert_eq!(post.author, MUSEUM);
        assert_eq!(post.mentions, vec!["@anna@kultur.example"]);
        assert_eq!(post.links, vec!["https://blog.museum.example/2024/stadtwaage"]);
        assert!(post.text.ends_with("[image: Eine eiserne Balkenwaage mit zwei Schalen]"));
        let museum = sink.participant(MUSEUM).unwrap();
        assert_eq!(museum.handle, "@stadtmuseum@museum.example");
        assert_eq!(museum.url.as_deref(), Some("https://museum.example/@stadtmuseum"));
        assert_eq!(count(&sink, Some(MUSEUM), None, "followers"), Some(1520));
        assert_eq!(count(&sink, Some(MUSEUM), None, "following"), Some(310));
        assert_eq!(count(&sink, Some(MUSEUM), None, "posts"), Some(842));
        assert_eq!(count(&sink, None, Some(&post.key), "likes"), Some(25));
        assert_eq!(count(&sink, None, Some(&post.key), "reposts"), Some(7));
        assert_eq!(count(&sink, None, Some(&post.key), "replies"), Some(3));
        // the status's date is not the date of the counts
        assert!(sink.audience.iter().all(|a| a.at.is_none()));
        assert_eq!(sink.audience.len(), 6);
    }

    #[test]
    fn a_reply_whose_parent_is_elsewhere() {
        let sink = import("status-reply-to-elsewhere.json");
        let reply = &sink.items[0];
        // anna's status has another id on her own server: only a stand-in key is possible
        let stand_in = "mastodon:museum.example:local-id:7200";
        assert_eq!(reply.parent.as_deref(), Some(stand_in));
        assert_eq!(reply.conversation, stand_in);
        // the parent is not known to be the root
        assert_eq!(reply.kind, ItemKind::Reply);
        assert_eq!(reply.title.as_deref(), Some("Spoiler: Ausstellungsende"));
        assert_eq!(reply.state, State::Public, "unlisted");
    }

    #[test]
    fn a_context_is_one_tree_rooted_at_the_focal_status_it_leaves_out() {
        let sink = import("context-museum-100.json");
        let focal = "mastodon:museum.example:100";
        assert_eq!(sink.items.len(), 5);
        assert!(sink.items.iter().all(|i| i.conversation == focal));
        assert_eq!(sink.conversations.len(), 1);
        assert_eq!(
            sink.conversations[0].url.as_deref(),
            Some("https://museum.example/@stadtmuseum/100")
        );
        let anna = item(&sink, "mastodon:kultur.example:601");
        assert_eq!((anna.kind, anna.parent.as_deref()), (ItemKind::Comment, Some(focal)));
        assert_eq!(anna.author, "mastodon:anna@kultur.example");
        assert_eq!(anna.mentions, vec!["@stadtmuseum@museum.example"]);
        let answer = item(&sink, "mastodon:museum.example:104");
        assert_eq!(answer.kind, ItemKind::Reply);
        assert_eq!(answer.parent.as_deref(), Some("mastodon:kultur.example:601"));
        assert_eq!(
            item(&sink, "mastodon:kultur.example:3003").parent.as_deref(),
            Some("mastodon:museum.example:104")
        );
        // a parent neither in the file nor by an account of the answering server
        let orphan = item(&sink, "mastodon:kultur.example:3004");
        assert_eq!(orphan.parent.as_deref(), Some("mastodon:museum.example:local-id:7999"));
        assert_eq!(orphan.kind, ItemKind::Reply);
        let handles: Vec<&str> = sink.participants.iter().map(|p| p.handle.as_str()).collect();
        assert_eq!(
            handles,
            vec![
                "@anna@kultur.example",
                "@stadtmuseum@museum.example",
                "@ben@kultur.example",
                "@lea@museum.example"
            ]
        );
        // lea has no display name: her username stands in
        assert_eq!(sink.participant("mastodon:lea@museum.example").unwrap().display_name, "lea");
        // 4 accounts x 3 counts, 5 statuses x 3 counts
        assert_eq!(sink.audience.len(), 27);
    }

    #[test]
    fn private_and_direct_statuses_are_restricted() {
        let sink = import("context-museum-100.json");
        let state = |key: &str| item(&sink, key).state;
        assert_eq!(state("mastodon:kultur.example:3003"), State::Restricted, "private");
        assert_eq!(state("mastodon:museum.example:7002"), State::Restricted, "direct");
        assert_eq!(state("mastodon:kultur.example:601"), State::Public);
        let restricted = sink.items.iter().filter(|i| i.state == State::Restricted).count();
        assert_eq!(restricted, 2);
    }

    #[test]
    fn an_array_with_a_boost_a_quote_and_a_reply_before_its_parent() {
        let sink = import("timeline.json");
        // 123, 122, 121 + the quoted 557, the boost 120 + the boosted 556; `17` is no status
        assert_eq!(sink.items.len(), 6);
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(sink.warnings[0].location.ends_with("timeline.json[3]"));
        let boost = item(&sink, "mastodon:museum.example:120");
        assert_eq!(boost.kind, ItemKind::Repost);
        assert_eq!(boost.parent.as_deref(), Some("mastodon:kultur.example:556"));
        assert_eq!(item(&sink, "mastodon:kultur.example:556").kind, ItemKind::Post);
        let quote = item(&sink, "mastodon:museum.example:121");
        assert_eq!(quote.kind, ItemKind::Quote);
        assert_eq!(quote.parent.as_deref(), Some("mastodon:kultur.example:557"));
        assert_eq!(quote.conversation, quote.key);
        let reply = item(&sink, "mastodon:museum.example:123");
        assert_eq!(reply.kind, ItemKind::Comment);
        assert_eq!(reply.parent.as_deref(), Some("mastodon:museum.example:122"));
        assert_eq!(reply.conversation, "mastodon:museum.example:122");
        // the boost wrapper states no counts of its own
        assert_eq!(count(&sink, None, Some("mastodon:museum.example:120"), "likes"), None);
        assert_eq!(count(&sink, None, Some("mastodon:kultur.example:556"), "likes"), Some(9));
    }

    #[test]
    fn archive_and_api_give_one_account_and_one_status() {
        let (result, archive) = import_path(&MastodonArchive, &fixture("mastodon-archive/museum"));
        result.unwrap();
        let status = import("status-museum-100.json");
        let context = import("context-museum-100.json");
        let from_archive = archive.participant(MUSEUM).unwrap();
        let from_api = status.participant(MUSEUM).unwrap();
        assert_eq!(from_archive.handle, from_api.handle);
        assert_eq!(from_archive.url, from_api.url);
        let post = item(&status, "mastodon:museum.example:100");
        let archived = item(&archive, "mastodon:museum.example:100");
        assert_eq!(
            (&post.text, &post.links, &post.mentions),
            (&archived.text, &archived.links, &archived.mentions)
        );
        assert_eq!((post.kind, &post.conversation), (archived.kind, &archived.conversation));
        assert_eq!(post.created_at, archived.created_at);
        // the museum's answer to a guest: the same key, parent and conversation in both
        let answer = item(&context, "mastodon:museum.example:104");
        let archived = item(&archive, "mastodon:museum.example:104");
        assert_eq!(
            (&answer.parent, &answer.conversation, answer.kind),
            (&archived.parent, &archived.conversation, archived.kind)
        );
        // the guest's reply the museum liked is the item the like points at
        let like = archive.items.iter().find(|i| i.kind == ItemKind::Like).unwrap();
        assert_eq!(
            like.parent.as_deref(),
            Some(item(&context, "mastodon:kultur.example:601").key.as_str())
        );
    }

    #[test]
    fn a_folder_of_responses_is_read_file_by_file() {
        let (result, sink) = import_path(&MastodonApi, &fixture("mastodon-api"));
        result.unwrap();
        // 5 + 1 + 1 + 6 items; the museum is announced once as a participant
        assert_eq!(sink.items.len(), 13);
        assert_eq!(sink.participants.iter().filter(|p| p.key == MUSEUM).count(), 1);
        let input = Input::from_path(&fixture("mastodon-api")).unwrap();
        assert_eq!(crate::detect(&input).map(|i| i.id()), Some(ID));
    }

    #[test]
    fn detection_claims_responses_only() {
        for name in ["status-museum-100.json", "context-museum-100.json", "timeline.json"] {
            let input = Input::from_path(&fixture(&format!("mastodon-api/{name}"))).unwrap();
            assert_eq!(crate::detect(&input).map(|i| i.id()), Some(ID), "{name}");
        }
        for name in ["museum", "museum/outbox.json", "museum/likes.json", "museum/actor.json"] {
            let input = Input::from_path(&fixture(&format!("mastodon-archive/{name}"))).unwrap();
            assert_eq!(MastodonApi.detect(&input), Detection::No, "{name}");
        }
        // a Bluesky thread has uri and content-like fields but no visibility or account
        let bluesky = br#"{"thread": {"post": {"uri": "at://did:plc:x/app.bsky.feed.post/1", "author": {"did": "did:plc:x"}, "record": {"text": "hi", "createdAt": "2024-01-01T00:00:00Z"}}}}"#;
        assert_eq!(shape_of(bluesky), None);
        // a key named in a text value is not a key
        let quoted = br#"{"uri": "x", "account": {}, "content": "say \"visibility\": no", "created_at": "t"}"#;
        assert_eq!(shape_of(quoted), None);
    }
}
