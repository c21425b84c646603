//! `mastodon-archive`: the account archive Mastodon users download from their settings
//! ("Request your archive"), as the `.tar.gz`, the unpacked folder, or `outbox.json` alone.
//!
//! ## Format
//! Written by `app/services/backup_service.rb` (mastodon/mastodon) with the ActivityPub
//! serialisers; notes in `../shared/corpus/FORMATS.md` §2.
//! - `outbox.json`: an ActivityStreams `OrderedCollection` whose `orderedItems` are the
//!   owner's activities: `Create` (the `object` is the status: a `Note`, or a `Question` for
//!   polls, with `id`, `url`, `published`, `inReplyTo`, `conversation`, `summary`, `content`
//!   (HTML), `to`, `cc`, `tag` [Mention, Hashtag, Emoji], `attachment`) and `Announce` (a
//!   boost; `object` is the boosted status's URI).
//! - `actor.json`: the owner as a `Person` (`id`, `preferredUsername`, `name`, `url`).
//! - `likes.json`: an `OrderedCollection` of the URIs of statuses the owner favourited.
//!
//! ## Mapping
//! - The owner is a [`Participant`] with `site_author` set (the archive is their own), key
//!   `mastodon:<username>@<host of the actor URI>` (lowercased), the key the `mastodon-api`
//!   importer gives the same account, handle `@<username>@<host of the profile URL>`, URL the
//!   profile URL. Without `actor.json` the owner comes from the activities' `actor` URI.
//! - Each status is an [`Item`] keyed `mastodon:<host>:<status id>` from its URI
//!   (`status_key`), as in `mastodon-api`, so both imports of one status are one item.
//!   `inReplyTo` is the parent (often a status of someone else, not in the archive).
//! - Conversation: the root of the reply chain when the chain reaches a post in the archive;
//!   else the post in the archive that started the status's OStatus `conversation`; else the
//!   `conversation` itself (`mastodon:<host>:<tag URI>`: a thread started elsewhere); else
//!   the parent. A conversation whose root is known is keyed like the root item, as
//!   `mastodon-api` keys it, with the root's URL.
//! - Kind: `post` without parent, `comment` when the parent is the conversation's root,
//!   `reply` otherwise (also when the root is unknown). A status without `inReplyTo` that
//!   quotes another (`quote`, `quoteUri`, `_misskey_quote`) is a `quote` of it.
//! - `Announce` -> [`ItemKind::Repost`] keyed by the boost's own id, parent and conversation
//!   the boosted status. Each `likes.json` URI -> a [`ItemKind::Like`] by the owner with the
//!   liked status as parent and conversation, no date (the archive has none).
//! - Visibility from `to`/`cc`: the public collection in `to` (public) or `cc` (unlisted) is
//!   [`State::Public`]; followers-only and direct statuses are [`State::Restricted`].
//! - The content warning (`summary`) is the title; media descriptions (alt text) are added
//!   to the text as `[image: ...]` paragraphs; `Mention` tags are the item's mentions, as
//!   `@user@host` handles.
//!
//! ## Known quirks
//! - The archive states no counts at all (no followers, likes or boosts), so it gives no
//!   [`relate_model::AudienceSnapshot`]s.
//! - `totalItems` does not match the length of `orderedItems`; it is ignored.
//! - The outbox can hold a million activities: it is streamed twice, never held whole; the
//!   first pass notes only a hash of each status with its parent's hash or, for a root, its
//!   numeric id (keys and URLs are rebuilt from the id), about 16 bytes a status.
//! - Several root posts can share one `conversation` (the parent was deleted): the chain, not
//!   the tag, decides, and a tag with two roots names no root.
//! - Links to mentioned profiles and hashtag pages are not links the author shared: they are
//!   left out of `links`.
//! - `bookmarks.json` is private and never read; media files are never opened.

use std::hash::{Hash, Hasher};

use relate_model::time::parse_rfc3339;
use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::content::{extract_links, html_to_text};
use crate::json::for_each_element;
use crate::urls::host_of;
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct MastodonArchive;

const ID: &str = "mastodon-archive";
pub(crate) const PLATFORM: &str = "mastodon";
const AS_PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
/// Reply chains longer than this are cut (a cycle in a broken export must not hang).
const MAX_CHAIN: usize = 10_000;

impl Importer for MastodonArchive {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Mastodon account archive (.tar.gz, its folder, or outbox.json): statuses, boosts, likes"
    }

    fn detect(&self, input: &Input) -> Detection {
        if !input.is_dir() {
            let Some(name) = input.files().into_iter().next() else { return Detection::No };
            let head = String::from_utf8_lossy(&input.head(&name, 64 << 10)).into_owned();
            let collection = head.contains("\"orderedItems\"") && head.contains("activitystreams");
            let activities = head.contains("\"Create\"") || head.contains("\"Announce\"");
            return if collection && (activities || name.ends_with("outbox.json")) {
                Detection::Yes
            } else {
                Detection::No
            };
        }
        match input.find("outbox.json") {
            Some(outbox) => {
                let head = String::from_utf8_lossy(&input.head(&outbox, 64 << 10)).into_owned();
                if head.contains("\"orderedItems\"") || head.contains("activitystreams") {
                    Detection::Yes
                } else {
                    Detection::No
                }
            }
            // an archive without its outbox: ours to reject with a clear message
            None if input.find("actor.json").is_some() && input.find("likes.json").is_some() => {
                Detection::Maybe
            }
            None => Detection::No,
        }
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let outbox = if input.is_dir() {
            input.find("outbox.json").ok_or_else(|| {
                input.not_this_format(
                    ID,
                    format!(
                        "there is no outbox.json (found: {})",
                        input.files().into_iter().take(12).collect::<Vec<_>>().join(", ")
                    ),
                )
            })?
        } else {
            input.files().into_iter().next().unwrap_or_default()
        };
        let mut summary = ImportSummary::default();

        let actor = if input.is_dir() { read_actor(input, sink) } else { None };
        let chains = first_pass(input, &outbox)?;
        let owner = match (actor, &chains.actor) {
            (Some(actor), _) => actor,
            (None, Some(uri)) => owner_from_uri(uri, chains.first_status_url.as_deref()),
            (None, None) => {
                return Err(ImportError::not_this_format(
                    input.display_path(&outbox),
                    ID,
                    "no actor.json and no activity names its actor",
                ));
            }
        };
        sink.participant(owner.participant.clone())?;

        let mut run = Run {
            sink,
            owner: &owner,
            chains: &chains,
            seen: Default::default(),
            announced_roots: vec![0; chains.statuses.len().div_ceil(64)],
        };
        let mut failure = None;
        let display = input.display_path(&outbox);
        let reader = input.open_or_err(&outbox)?;
        for_each_element(reader, &["orderedItems"], &display, &mut |index, raw| {
            if failure.is_some() {
                return;
            }
            let location = format!("{}[{index}]", display.display());
            match run.activity(raw, &location) {
                Ok(Some(skipped)) => *summary.skipped.entry(skipped).or_default() += 1,
                Ok(None) => {}
                Err(err) => failure = Some(err),
            }
        })?;
        if let Some(err) = failure {
            return Err(err.into());
        }

        if input.is_dir()
            && let Some(likes) = input.find("likes.json")
        {
            run.likes(input, &likes)?;
        }
        if input.is_dir() && input.find("bookmarks.json").is_some() {
            // private: never read
            summary.skipped.insert("bookmarks.json".into(), 1);
        }
        Ok(summary)
    }
}

/// The owner, as the participant record and what identifies their statuses.
struct Owner {
    participant: Participant,
    /// The actor URI (`https://host/users/name`).
    uri: String,
    host: String,
}

fn read_actor(input: &Input, sink: &mut dyn Sink) -> Option<Owner> {
    let name = input.find("actor.json")?;
    let location = input.display_path(&name).display().to_string();
    let bytes = match input.read(&name) {
        Ok(b) => b,
        Err(err) => {
            sink.warn(Warning { location, message: format!("cannot read the profile: {err}") });
            return None;
        }
    };
    let actor: Actor = match serde_json::from_slice(&bytes) {
        Ok(a) => a,
        Err(err) => {
            sink.warn(Warning {
                location,
                message: format!(
                    "not a readable profile, the owner is taken from the outbox: {err}"
                ),
            });
            return None;
        }
    };
    let uri = actor.id.as_ref().and_then(uri_of)?;
    let host = host_of(&uri)?;
    let username = actor
        .preferred_username
        .filter(|u| !u.trim().is_empty())
        .or_else(|| account_name_from_uri(&uri))?;
    let url = actor.url.as_ref().and_then(uri_of);
    let handle_host = url.as_deref().and_then(host_of).unwrap_or_else(|| host.clone());
    let display_name =
        actor.name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| username.clone());
    Some(Owner {
        participant: Participant {
            key: account_key(&username, &host),
            platform: PLATFORM.into(),
            handle: format!("@{username}@{handle_host}"),
            display_name,
            url,
            kind: ParticipantKind::Person,
            site_author: true,
        },
        uri,
        host,
    })
}

/// The owner when only the outbox is at hand: the name from the actor URI, the profile URL
/// from a status URL (`https://host/@name/123` -> `https://host/@name`).
fn owner_from_uri(uri: &str, status_url: Option<&str>) -> Owner {
    let host = host_of(uri).unwrap_or_default();
    let username = account_name_from_uri(uri).unwrap_or_else(|| uri.to_string());
    let url = status_url
        .and_then(|u| u.rsplit_once('/'))
        .map(|(profile, _)| profile.to_string())
        .filter(|p| p.contains("/@"));
    let handle_host = url.as_deref().and_then(host_of).unwrap_or_else(|| host.clone());
    Owner {
        participant: Participant {
            key: account_key_from_uri(uri),
            platform: PLATFORM.into(),
            handle: format!("@{username}@{handle_host}"),
            display_name: username,
            url,
            kind: ParticipantKind::Person,
            site_author: true,
        },
        uri: uri.to_string(),
        host,
    }
}

/// What the first pass over the outbox learns: the reply chains as hashes, the root posts,
/// and which root started each OStatus conversation. About 16 bytes per status, plus 16 per
/// root that starts a conversation of its own; no string per status.
#[derive(Default)]
struct Chains {
    /// Every status: (hash of its key, [`Link`] word), sorted by hash, one entry per hash
    /// (the last listing wins).
    statuses: Vec<(u64, u64)>,
    /// How root keys and URLs are rebuilt from a root's numeric id (one per host and
    /// account; at most [`MAX_FORMS`]).
    forms: Vec<RootForm>,
    /// Roots whose key or URL cannot be rebuilt from a form and a number (`tag:` URIs, other
    /// server software): rare, so kept whole.
    odd_roots: FxHashMap<u64, (String, Option<String>)>,
    /// Hash of a conversation URI -> hash of its one root post, sorted; a conversation with
    /// several roots is left out (it names no root).
    conversation_root: Vec<(u64, u64)>,
    actor: Option<String>,
    first_status_url: Option<String>,
}

/// A root key is `key_prefix` + id, its URL `url_prefix` + id (or none).
struct RootForm {
    key_prefix: String,
    url_prefix: Option<String>,
}

/// The second word of a status entry: a reply is `REPLY | hash of its parent` (hashes have
/// 63 bits); a root is `form << ID_BITS | numeric id`, the form `ODD_FORM` for one in
/// `odd_roots`.
const REPLY: u64 = 1 << 63;
const ID_BITS: u32 = 58;
const ODD_FORM: u64 = (1 << (63 - ID_BITS)) - 1;
const MAX_FORMS: usize = ODD_FORM as usize;

enum Link {
    Reply(u64),
    Root(u64),
}

impl Chains {
    fn position(&self, hash: u64) -> Option<usize> {
        self.statuses.binary_search_by_key(&hash, |&(h, _)| h).ok()
    }

    fn link(&self, hash: u64) -> Option<Link> {
        let word = self.statuses[self.position(hash)?].1;
        Some(if word & REPLY != 0 { Link::Reply(word & !REPLY) } else { Link::Root(word) })
    }

    /// The key and URL of the root post with this hash, if it is one.
    fn root(&self, hash: u64) -> Option<(String, Option<String>)> {
        let Link::Root(word) = self.link(hash)? else { return None };
        let (form, id) = (word >> ID_BITS, word & ((1 << ID_BITS) - 1));
        if form == ODD_FORM {
            return self.odd_roots.get(&hash).cloned();
        }
        let form = self.forms.get(form as usize)?;
        Some((
            format!("{}{id}", form.key_prefix),
            form.url_prefix.as_ref().map(|u| format!("{u}{id}")),
        ))
    }

    /// The word for a root: its form and numeric id when its key (and URL) end in the id,
    /// else `ODD_FORM`, with the key and URL kept in `odd_roots`.
    fn root_word(&mut self, hash: u64, key: String, native_id: &str, url: Option<String>) -> u64 {
        let id = native_id
            .parse::<u64>()
            .ok()
            .filter(|id| *id < 1 << ID_BITS && id.to_string() == native_id);
        let prefix = |s: &str| s.strip_suffix(native_id).map(str::to_string);
        let form = id.and_then(|_| {
            let key_prefix = prefix(&key)?;
            let url_prefix = match &url {
                Some(url) => Some(prefix(url)?),
                None => None,
            };
            match self
                .forms
                .iter()
                .position(|f| f.key_prefix == key_prefix && f.url_prefix == url_prefix)
            {
                Some(form) => Some(form),
                None if self.forms.len() < MAX_FORMS => {
                    self.forms.push(RootForm { key_prefix, url_prefix });
                    Some(self.forms.len() - 1)
                }
                None => None,
            }
        });
        match (form, id) {
            (Some(form), Some(id)) => (form as u64) << ID_BITS | id,
            _ => {
                self.odd_roots.insert(hash, (key, url));
                ODD_FORM << ID_BITS
            }
        }
    }
}

fn first_pass(input: &Input, outbox: &str) -> Result<Chains, ImportError> {
    let display = input.display_path(outbox);
    let reader = input.open_or_err(outbox)?;
    let mut chains = Chains::default();
    let found = for_each_element(reader, &["orderedItems"], &display, &mut |_, raw| {
        let Ok(activity) = serde_json::from_str::<LightActivity>(raw.get()) else { return };
        if chains.actor.is_none() {
            chains.actor = activity.actor.as_ref().and_then(uri_of);
        }
        if !has_type(activity.kind.as_ref(), "Create") {
            return;
        }
        let Some(Ok(note)) = activity.object.map(|o| serde_json::from_str::<LightNote>(o.get()))
        else {
            return;
        };
        let Some((key, native_id)) = note.id.as_ref().and_then(uri_of).and_then(|u| status_key(&u))
        else {
            return;
        };
        let url = note.url.as_ref().and_then(uri_of);
        if chains.first_status_url.is_none() {
            chains.first_status_url = url.clone();
        }
        let parent = note.in_reply_to.as_ref().and_then(uri_of).and_then(|u| status_key(&u));
        let hash = hash_of(&key);
        let word = match parent {
            Some((parent, _)) => REPLY | hash_of(&parent),
            None => {
                if let Some(conversation) = note.conversation() {
                    chains.conversation_root.push((hash_of(&conversation), hash));
                }
                chains.root_word(hash, key, &native_id, url)
            }
        };
        chains.statuses.push((hash, word));
    })?;
    if !found {
        return Err(ImportError::not_this_format(display, ID, "the file has no orderedItems"));
    }
    // the last listing of a status wins: reversed, a stable sort keeps it first of its run
    chains.statuses.reverse();
    chains.statuses.sort_by_key(|&(hash, _)| hash);
    chains.statuses.dedup_by_key(|&mut (hash, _)| hash);
    chains.statuses.shrink_to_fit();
    // a conversation named by two root posts (or one listed twice) names no root
    let mut roots = std::mem::take(&mut chains.conversation_root);
    roots.sort_unstable();
    let mut unique = Vec::new();
    for run in roots.chunk_by(|a, b| a.0 == b.0) {
        if let [one] = run {
            unique.push(*one);
        }
    }
    chains.conversation_root = unique;
    Ok(chains)
}

struct Run<'a> {
    sink: &'a mut dyn Sink,
    owner: &'a Owner,
    chains: &'a Chains,
    /// Hashes of the conversation and participant keys already announced, but for root
    /// posts' conversations: those are bits in `announced_roots`, by position in
    /// `chains.statuses`.
    seen: FxHashSet<u64>,
    announced_roots: Vec<u64>,
}

impl Run<'_> {
    /// Reads one activity; returns the reason when it was deliberately skipped.
    fn activity(
        &mut self,
        raw: &RawValue,
        location: &str,
    ) -> Result<Option<String>, crate::SinkError> {
        let activity: Activity = match serde_json::from_str(raw.get()) {
            Ok(a) => a,
            Err(err) => {
                self.sink.warn_at(location, format!("not an activity, skipped: {err}"));
                return Ok(None);
            }
        };
        if has_type(activity.kind.as_ref(), "Create") {
            self.create(activity, location)?;
            Ok(None)
        } else if has_type(activity.kind.as_ref(), "Announce") {
            self.announce(activity, location)?;
            Ok(None)
        } else {
            let kind = activity.kind.as_ref().and_then(uri_of).unwrap_or_else(|| "untyped".into());
            Ok(Some(format!("activity:{kind}")))
        }
    }

    fn create(&mut self, activity: Activity, location: &str) -> Result<(), crate::SinkError> {
        let note = match activity.object.as_deref().map(|o| serde_json::from_str::<Note>(o.get())) {
            Some(Ok(note)) => note,
            Some(Err(err)) => {
                self.sink.warn_at(
                    location,
                    format!("the created object is not a status, skipped: {err}"),
                );
                return Ok(());
            }
            None => {
                self.sink.warn_at(location, "a Create without object, skipped".into());
                return Ok(());
            }
        };
        let Some((key, native_id)) = note.id.as_ref().and_then(uri_of).and_then(|u| status_key(&u))
        else {
            self.sink.warn_at(location, "a status without id, skipped".into());
            return Ok(());
        };
        let author = self.author(note.attributed_to.as_ref().or(activity.actor.as_ref()))?;
        let parent_uri = note.in_reply_to.as_ref().and_then(uri_of);
        let parent = parent_uri.as_deref().and_then(status_key);
        let quoted = note.quoted().and_then(|u| status_key(&u));
        let (conversation, conversation_url, root_known) = match (&parent, &parent_uri) {
            (Some((parent_key, _)), Some(parent_uri)) => {
                self.conversation_of(&key, parent_key, parent_uri, note.conversation())
            }
            _ => (key.clone(), note.url.as_ref().and_then(uri_of), true),
        };
        self.announce_conversation(&conversation, conversation_url)?;
        let kind = match (&parent, &quoted) {
            (Some((p, _)), _) if root_known && *p == conversation => ItemKind::Comment,
            (Some(_), _) => ItemKind::Reply,
            (None, Some(_)) => ItemKind::Quote,
            (None, None) => ItemKind::Post,
        };
        let (to, cc) = if note.to.is_some() || note.cc.is_some() {
            (uris(note.to.as_ref()), uris(note.cc.as_ref()))
        } else {
            (uris(activity.to.as_ref()), uris(activity.cc.as_ref()))
        };
        let html = note.content.unwrap_or_default();
        let (text, hrefs) = html_to_text(&html);
        let tags = note.tag.as_ref().map(as_list).unwrap_or_default();
        let mentions: Vec<String> = tags
            .iter()
            .filter(|t| has_type(t.get("type"), "Mention"))
            .filter_map(|t| {
                let name = t.get("name").and_then(Value::as_str)?;
                let host = t.get("href").and_then(uri_of).and_then(|h| host_of(&h));
                mention_handle(name, host.as_deref())
            })
            .collect();
        let media: Vec<(String, Option<String>)> = note
            .attachment
            .as_ref()
            .map(as_list)
            .unwrap_or_default()
            .iter()
            .map(|a| {
                let kind = a.get("mediaType").and_then(Value::as_str).unwrap_or("");
                let description = a.get("name").and_then(Value::as_str).map(str::to_string);
                (media_kind(kind).to_string(), description)
            })
            .collect();
        let links = extract_links(&text, shared_links(hrefs));
        let text = with_media_descriptions(text, &media);
        self.sink.item(Item {
            key,
            native_id,
            conversation,
            parent: parent.map(|(p, _)| p).or(quoted.map(|(q, _)| q)),
            author,
            kind,
            state: audience_state(&to, &cc),
            created_at: note
                .published
                .as_deref()
                .or(activity.published.as_deref())
                .and_then(parse_rfc3339),
            title: note.summary.filter(|s| !s.trim().is_empty()),
            url: note.url.as_ref().and_then(uri_of),
            html: (html != text && !html.is_empty()).then_some(html),
            text,
            links,
            mentions,
        })
    }

    fn announce(&mut self, activity: Activity, location: &str) -> Result<(), crate::SinkError> {
        let boosted = activity
            .object
            .as_deref()
            .and_then(|o| serde_json::from_str::<Value>(o.get()).ok())
            .as_ref()
            .and_then(uri_of)
            .and_then(|u| status_key(&u).map(|(key, _)| (key, u)));
        let Some((boosted, boosted_uri)) = boosted else {
            self.sink.warn_at(location, "a boost without the boosted status, skipped".into());
            return Ok(());
        };
        let Some((key, native_id)) =
            activity.id.as_ref().and_then(uri_of).and_then(|u| status_key(&u))
        else {
            self.sink.warn_at(location, "a boost without id, skipped".into());
            return Ok(());
        };
        let author = self.author(activity.actor.as_ref())?;
        let url = web_url(&boosted_uri);
        self.announce_conversation(&boosted, url)?;
        self.sink.item(Item {
            key,
            native_id,
            conversation: boosted.clone(),
            parent: Some(boosted),
            author,
            kind: ItemKind::Repost,
            state: audience_state(&uris(activity.to.as_ref()), &uris(activity.cc.as_ref())),
            created_at: activity.published.as_deref().and_then(parse_rfc3339),
            title: None,
            url: None,
            text: String::new(),
            html: None,
            links: Vec::new(),
            mentions: Vec::new(),
        })
    }

    fn likes(&mut self, input: &Input, name: &str) -> Result<(), ImportError> {
        let display = input.display_path(name);
        let reader = input.open_or_err(name)?;
        let mut failure = None;
        let owner_key = self.owner.participant.key.clone();
        let found = for_each_element(reader, &["orderedItems"], &display, &mut |index, raw| {
            if failure.is_some() {
                return;
            }
            let liked = serde_json::from_str::<Value>(raw.get())
                .ok()
                .as_ref()
                .and_then(uri_of)
                .and_then(|u| status_key(&u).map(|k| (u, k)));
            let Some((uri, (liked, _))) = liked else {
                self.sink.warn_at(
                    &format!("{}[{index}]", display.display()),
                    "not the URI of a status, skipped".into(),
                );
                return;
            };
            let result = self.announce_conversation(&liked, web_url(&uri)).and_then(|()| {
                self.sink.item(Item {
                    key: format!(
                        "{owner_key}:like:{}",
                        liked.strip_prefix("mastodon:").unwrap_or(&liked)
                    ),
                    native_id: uri,
                    conversation: liked.clone(),
                    parent: Some(liked),
                    author: owner_key.clone(),
                    kind: ItemKind::Like,
                    state: State::Public,
                    created_at: None,
                    title: None,
                    url: None,
                    text: String::new(),
                    html: None,
                    links: Vec::new(),
                    mentions: Vec::new(),
                })
            });
            if let Err(err) = result {
                failure = Some(err);
            }
        })?;
        if let Some(err) = failure {
            return Err(err.into());
        }
        if !found {
            self.sink.warn_at(
                &display.display().to_string(),
                "no orderedItems: the likes were not read".into(),
            );
        }
        Ok(())
    }

    /// The conversation of a reply (see the module doc): its key, the root's URL, and whether
    /// the root itself is known (only then is an answer to it a comment).
    fn conversation_of(
        &self,
        key: &str,
        parent_key: &str,
        parent_uri: &str,
        tag: Option<String>,
    ) -> (String, Option<String>, bool) {
        let chains = self.chains;
        let mut current = hash_of(key);
        for _ in 0..MAX_CHAIN {
            match chains.link(current) {
                Some(Link::Root(_)) => {
                    if let Some((root, url)) = chains.root(current) {
                        return (root, url, true);
                    }
                    break;
                }
                Some(Link::Reply(parent)) if chains.position(parent).is_some() => current = parent,
                _ => break,
            }
        }
        if let Some(tag) = tag {
            let tag_hash = hash_of(&tag);
            let root = chains
                .conversation_root
                .binary_search_by_key(&tag_hash, |&(t, _)| t)
                .ok()
                .and_then(|i| chains.root(chains.conversation_root[i].1));
            if let Some((root, url)) = root {
                return (root, url, true);
            }
            let host =
                tag_host(&tag).or_else(|| host_of(&tag)).unwrap_or_else(|| self.owner.host.clone());
            return (format!("{PLATFORM}:{host}:{tag}"), None, false);
        }
        (parent_key.to_string(), web_url(parent_uri), false)
    }

    fn announce_conversation(
        &mut self,
        key: &str,
        url: Option<String>,
    ) -> Result<(), crate::SinkError> {
        let hash = hash_of(key);
        let first = match self.chains.position(hash) {
            Some(i) if matches!(self.chains.link(hash), Some(Link::Root(_))) => {
                let (word, bit) = (&mut self.announced_roots[i / 64], 1 << (i % 64));
                let first = *word & bit == 0;
                *word |= bit;
                first
            }
            _ => self.seen.insert(hash),
        };
        if first {
            self.sink.conversation(Conversation {
                key: key.to_string(),
                platform: PLATFORM.into(),
                title: None,
                url,
            })?;
        }
        Ok(())
    }

    /// The participant key for an actor URI: the owner, or (in an archive that holds someone
    /// else's activity) an account announced on first sight.
    fn author(&mut self, actor: Option<&Value>) -> Result<String, crate::SinkError> {
        let uri = actor.and_then(uri_of);
        match uri {
            None => Ok(self.owner.participant.key.clone()),
            Some(uri) if uri == self.owner.uri => Ok(self.owner.participant.key.clone()),
            Some(uri) => {
                let key = account_key_from_uri(&uri);
                if self.seen.insert(hash_of(&key)) {
                    let owner = owner_from_uri(&uri, None);
                    self.sink
                        .participant(Participant { site_author: false, ..owner.participant })?;
                }
                Ok(key)
            }
        }
    }
}

#[derive(Deserialize)]
struct Actor {
    id: Option<Value>,
    #[serde(rename = "preferredUsername")]
    preferred_username: Option<String>,
    name: Option<String>,
    url: Option<Value>,
}

#[derive(Deserialize)]
struct LightActivity<'a> {
    #[serde(rename = "type")]
    kind: Option<Value>,
    actor: Option<Value>,
    #[serde(borrow)]
    object: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct LightNote {
    id: Option<Value>,
    url: Option<Value>,
    #[serde(rename = "inReplyTo")]
    in_reply_to: Option<Value>,
    conversation: Option<Value>,
    context: Option<Value>,
}

impl LightNote {
    fn conversation(&self) -> Option<String> {
        self.conversation.as_ref().or(self.context.as_ref()).and_then(uri_of)
    }
}

#[derive(Deserialize)]
struct Activity {
    #[serde(rename = "type")]
    kind: Option<Value>,
    id: Option<Value>,
    actor: Option<Value>,
    published: Option<String>,
    to: Option<Value>,
    cc: Option<Value>,
    object: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
struct Note {
    id: Option<Value>,
    url: Option<Value>,
    #[serde(rename = "attributedTo")]
    attributed_to: Option<Value>,
    #[serde(rename = "inReplyTo")]
    in_reply_to: Option<Value>,
    published: Option<String>,
    summary: Option<String>,
    content: Option<String>,
    to: Option<Value>,
    cc: Option<Value>,
    conversation: Option<Value>,
    context: Option<Value>,
    tag: Option<Value>,
    attachment: Option<Value>,
    quote: Option<Value>,
    #[serde(rename = "quoteUri")]
    quote_uri: Option<Value>,
    #[serde(rename = "_misskey_quote")]
    misskey_quote: Option<Value>,
}

impl Note {
    fn conversation(&self) -> Option<String> {
        self.conversation.as_ref().or(self.context.as_ref()).and_then(uri_of)
    }

    fn quoted(&self) -> Option<String> {
        [&self.quote, &self.quote_uri, &self.misskey_quote]
            .into_iter()
            .find_map(|q| q.as_ref().and_then(uri_of))
    }
}

// ---- shared with `mastodon_api`: the keys both importers must agree on ----

/// The item key and native id for a status URI: `mastodon:<host>:<id>` for Mastodon's
/// `https://host/users/name/statuses/<id>` (and the `/activity` of a boost), else
/// `mastodon:<host>:<uri>` with the URI as native id (other servers, old OStatus `tag:` URIs).
pub(crate) fn status_key(uri: &str) -> Option<(String, String)> {
    let uri = uri.trim();
    if uri.is_empty() {
        return None;
    }
    if let Ok(url) = url::Url::parse(uri)
        && matches!(url.scheme(), "http" | "https")
        && let Some(host) = url.host_str()
    {
        let host = host.to_ascii_lowercase();
        let segments: Vec<&str> = url.path_segments().map(Iterator::collect).unwrap_or_default();
        let id = match segments.as_slice() {
            ["users", _, "statuses", id] | ["users", _, "statuses", id, "activity"]
                if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Some(*id)
            }
            _ => None,
        };
        return Some(match id {
            Some(id) => (format!("{PLATFORM}:{host}:{id}"), id.to_string()),
            None => (format!("{PLATFORM}:{host}:{uri}"), uri.to_string()),
        });
    }
    let host = tag_host(uri).unwrap_or_else(|| "unknown".into());
    Some((format!("{PLATFORM}:{host}:{uri}"), uri.to_string()))
}

/// The public web page of a status known only by its URI: Mastodon shows
/// `https://host/users/name/statuses/<id>` at `https://host/@name/<id>`; other http(s) URIs
/// are taken as they are.
pub(crate) fn web_url(uri: &str) -> Option<String> {
    let url = url::Url::parse(uri.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    let segments: Vec<&str> = url.path_segments().map(Iterator::collect).unwrap_or_default();
    Some(match segments.as_slice() {
        ["users", name, "statuses", id] => format!("{}://{host}/@{name}/{id}", url.scheme()),
        _ => uri.trim().to_string(),
    })
}

/// The participant key of an account: `mastodon:<username>@<host of its URI>`, lowercased
/// (Mastodon usernames and hosts are case-insensitive).
pub(crate) fn account_key(username: &str, host: &str) -> String {
    format!("{PLATFORM}:{}@{}", username.trim().to_lowercase(), host.trim().to_lowercase())
}

/// [`account_key`] for an actor URI (`https://host/users/<name>`); other URIs are used whole.
pub(crate) fn account_key_from_uri(uri: &str) -> String {
    match (account_name_from_uri(uri), host_of(uri)) {
        (Some(name), Some(host)) => account_key(&name, &host),
        _ => format!("{PLATFORM}:{uri}"),
    }
}

fn account_name_from_uri(uri: &str) -> Option<String> {
    let url = url::Url::parse(uri).ok()?;
    let segments: Vec<&str> = url.path_segments()?.collect();
    match segments.as_slice() {
        ["users", name] if !name.is_empty() => Some(name.to_string()),
        [at_name] if at_name.len() > 1 && at_name.starts_with('@') => {
            Some(at_name[1..].to_string())
        }
        _ => None,
    }
}

/// The authority of a `tag:host,date:...` URI.
fn tag_host(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("tag:")?;
    let host = rest.split([',', ':']).next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A mention as `@user@host`: `name` as the status writes it (`@user@host`, or `@user` for
/// an account of the same server, whose host is then `local_host`).
pub(crate) fn mention_handle(name: &str, local_host: Option<&str>) -> Option<String> {
    let name = name.trim().trim_start_matches('@');
    if name.is_empty() {
        return None;
    }
    if name.contains('@') {
        Some(format!("@{name}"))
    } else {
        local_host.map(|host| format!("@{name}@{host}"))
    }
}

/// Public (`to`) and unlisted (`cc`) statuses are public; followers-only and direct ones
/// are restricted.
pub(crate) fn audience_state(to: &[String], cc: &[String]) -> State {
    let public = |s: &String| matches!(s.as_str(), AS_PUBLIC | "as:Public" | "Public");
    if to.iter().any(public) || cc.iter().any(public) { State::Public } else { State::Restricted }
}

/// The links the author shared: not the profile pages of mentioned accounts, not hashtag
/// pages (Mastodon renders both as links in the HTML).
pub(crate) fn shared_links(hrefs: Vec<String>) -> Vec<String> {
    hrefs.into_iter().filter(|h| !is_profile_or_tag_link(h)).collect()
}

fn is_profile_or_tag_link(href: &str) -> bool {
    let Ok(url) = url::Url::parse(href) else { return false };
    let segments: Vec<&str> =
        url.path_segments().map(|s| s.filter(|p| !p.is_empty()).collect()).unwrap_or_default();
    match segments.as_slice() {
        [at_name] => at_name.starts_with('@'),
        ["users" | "tags" | "tag", _] => true,
        _ => false,
    }
}

/// `image`, `video`, `audio` or `media` for a MIME type or a Mastodon attachment type.
pub(crate) fn media_kind(kind: &str) -> &'static str {
    let kind = kind.to_ascii_lowercase();
    if kind.starts_with("image") {
        "image"
    } else if kind.starts_with("video") || kind == "gifv" {
        "video"
    } else if kind.starts_with("audio") {
        "audio"
    } else {
        "media"
    }
}

/// The text with each media description (alt text) added as a `[image: ...]` paragraph: the
/// author's words about the picture; the media files themselves are never read.
pub(crate) fn with_media_descriptions(text: String, media: &[(String, Option<String>)]) -> String {
    let mut text = text;
    for (kind, description) in media {
        let Some(description) = description.as_deref().map(str::trim).filter(|d| !d.is_empty())
        else {
            continue;
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&format!("[{kind}: {description}]"));
    }
    text
}

/// A URI from a string, an object with `id` or `href`, or the first such in an array.
pub(crate) fn uri_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(map) => map.get("id").or_else(|| map.get("href")).and_then(uri_of),
        Value::Array(items) => items.iter().find_map(uri_of),
        _ => None,
    }
}

/// Every URI in a string or array (`to`, `cc`).
fn uris(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(uri_of).collect(),
        Some(v) => uri_of(v).into_iter().collect(),
        None => Vec::new(),
    }
}

fn as_list(value: &Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items.clone(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    }
}

/// Whether an ActivityStreams `type` (a string or an array of them) includes `wanted`.
fn has_type(kind: Option<&Value>, wanted: &str) -> bool {
    match kind {
        Some(Value::String(s)) => s == wanted,
        Some(Value::Array(items)) => items.iter().any(|i| i.as_str() == Some(wanted)),
        _ => false,
    }
}

/// A 63-bit hash of a key (the top bit marks a reply in [`Chains::statuses`]).
fn hash_of(s: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    s.hash(&mut hasher);
    hasher.finish() >> 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};

    const OWNER: &str = "mastodon:stadtmuseum@museum.example";

    fn museum() -> VecSink {
        let (result, sink) = import_path(&MastodonArchive, &fixture("mastodon-archive/museum"));
        let summary = result.unwrap();
        assert_eq!(summary.skipped.get("bookmarks.json"), Some(&1));
        sink
    }

    fn item<'a>(sink: &'a VecSink, key: &str) -> &'a Item {
        sink.items.iter().find(|i| i.key == key).unwrap_or_else(|| panic!("no item {key}"))
    }

    fn status(id: u32) -> String {
        format!("mastodon:museum.example:{id}")
    }

    #[test]
    fn the_owner_comes_from_actor_json_and_is_the_site_author() {
        let sink = museum();
        assert_eq!(sink.participants.len(), 1);
        let owner = &sink.participants[0];
        assert_eq!(owner.key, OWNER);
        assert_eq!(owner.handle, "@stadtmuseum@museum.example");
        assert_eq!(owner.display_name, "Stadtmuseum Beispielstadt");
        assert_eq!(owner.url.as_deref(), Some("https://museum.example/@stadtmuseum"));
        assert!(owner.site_author);
        assert!(sink.items.iter().all(|i| i.author == OWNER));
    }

    #[test]
    fn statuses_boosts_and_likes_become_items() {
        let sink = museum();
        // 13 Creates with an id, 1 Announce, 2 liked URIs (the third like is a number)
        let count = |k: ItemKind| sink.items.iter().filter(|i| i.kind == k).count();
        assert_eq!(sink.items.len(), 16);
        assert_eq!(count(ItemKind::Post), 4, "100, 105, 109, 110");
        assert_eq!(count(ItemKind::Comment), 2, "101, 113");
        assert_eq!(count(ItemKind::Reply), 6, "102, 103, 104, 106, 111, 114");
        assert_eq!(count(ItemKind::Quote), 1);
        assert_eq!(count(ItemKind::Repost), 1);
        assert_eq!(count(ItemKind::Like), 2);
        let locations: Vec<&str> = sink.warnings.iter().map(|w| w.location.as_str()).collect();
        assert_eq!(sink.warnings.len(), 2, "{:?}", sink.warnings);
        assert!(locations[0].ends_with("outbox.json[12]"), "{locations:?}");
        assert!(locations[1].ends_with("likes.json[2]"), "{locations:?}");

        let boost = item(&sink, &status(107));
        assert_eq!(boost.kind, ItemKind::Repost);
        assert_eq!(boost.parent.as_deref(), Some("mastodon:kultur.example:556"));
        assert_eq!(boost.conversation, "mastodon:kultur.example:556");
        let conversation = sink.conversations.iter().find(|c| c.key == boost.conversation).unwrap();
        assert_eq!(conversation.url.as_deref(), Some("https://kultur.example/@anna/556"));

        let like = item(&sink, &format!("{OWNER}:like:kultur.example:601"));
        assert_eq!(like.parent.as_deref(), Some("mastodon:kultur.example:601"));
        assert_eq!((like.text.as_str(), like.created_at), ("", None));
        // a URI of other server software is kept whole
        let other = "https://forum.example/objects/9f1c2d";
        assert!(sink.items.iter().any(|i| i.kind == ItemKind::Like
            && i.parent.as_deref() == Some(&format!("mastodon:forum.example:{other}"))));
    }

    #[test]
    fn text_links_mentions_and_media_descriptions() {
        let sink = museum();
        let post = item(&sink, &status(100));
        assert_eq!(
            post.text,
            "Neu in der Ausstellung: die Stadtwaage von 1742. #stadtgeschichte Mehr dazu: \
             https://blog.museum.example/2024/stadtwaage @anna\n\n\
             [image: Eine eiserne Balkenwaage mit zwei Schalen]"
        );
        // the hashtag page and anna's profile are not links the museum shared
        assert_eq!(post.links, vec!["https://blog.museum.example/2024/stadtwaage"]);
        assert_eq!(post.mentions, vec!["@anna@kultur.example"]);
        assert_eq!(post.url.as_deref(), Some("https://museum.example/@stadtmuseum/100"));
        assert_eq!(post.created_at, parse_rfc3339("2024-03-01T09:00:00Z"));
        assert!(post.html.as_deref().is_some_and(|h| h.starts_with("<p>Neu")));
        // a mention of an account of the same server is written without host
        assert_eq!(
            item(&sink, &status(106)).mentions,
            vec!["@anna@kultur.example", "@archiv@museum.example"]
        );
        let quote = item(&sink, &status(108));
        assert_eq!(quote.kind, ItemKind::Quote);
        assert_eq!(quote.parent.as_deref(), Some("mastodon:kultur.example:557"));
        assert_eq!(quote.title.as_deref(), Some("Baustelle"));
    }

    #[test]
    fn direct_and_followers_only_statuses_are_restricted() {
        let sink = museum();
        let restricted: Vec<&str> = sink
            .items
            .iter()
            .filter(|i| i.state == State::Restricted)
            .map(|i| i.native_id.as_str())
            .collect();
        // 105: to followers only; 106: to anna only
        assert_eq!(restricted, vec!["105", "106"]);
        // unlisted (the public collection in cc) is public
        assert_eq!(item(&sink, &status(102)).state, State::Public);
    }

    #[test]
    fn conversations_follow_the_chain_then_the_ostatus_conversation() {
        let sink = museum();
        let conversation = |id| item(&sink, &status(id)).conversation.clone();
        // a self-thread: root, comment, reply
        assert_eq!(conversation(101), status(100));
        assert_eq!(item(&sink, &status(101)).kind, ItemKind::Comment);
        assert_eq!(conversation(102), status(100));
        assert_eq!(item(&sink, &status(102)).parent, Some(status(101)));
        // an answer to a guest's reply under our post: the ostatus conversation names the root
        assert_eq!(conversation(104), status(100));
        assert_eq!(item(&sink, &status(104)).kind, ItemKind::Reply);
        // a thread started elsewhere: the conversation itself
        let elsewhere = "mastodon:kultur.example:tag:kultur.example,2024-03-02:objectId=77:objectType=Conversation";
        assert_eq!(conversation(103), elsewhere);
        assert_eq!(conversation(106), elsewhere);
        // two roots share a conversation: each root is its own, the tag names neither
        assert_eq!(conversation(109), status(109));
        assert_eq!(conversation(110), status(110));
        assert_eq!(
            conversation(111),
            "mastodon:museum.example:tag:museum.example,2024-03-05:objectId=3:objectType=Conversation"
        );
        // no conversation field: the chain decides; where it leaves the archive, the parent
        // stands in for the unknown root, and the answer to it is a reply, not a comment
        assert_eq!(conversation(113), status(109));
        assert_eq!(conversation(114), "mastodon:kultur.example:603");
        assert_eq!(item(&sink, &status(114)).kind, ItemKind::Reply);
        let root = sink.conversations.iter().find(|c| c.key == status(100)).unwrap();
        assert_eq!(root.url.as_deref(), Some("https://museum.example/@stadtmuseum/100"));
        // each conversation announced once
        let mut keys: Vec<&str> = sink.conversations.iter().map(|c| c.key.as_str()).collect();
        let announced = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), announced);
    }

    #[test]
    fn outbox_alone_takes_the_owner_from_the_activities() {
        let (result, sink) =
            import_path(&MastodonArchive, &fixture("mastodon-archive/museum/outbox.json"));
        result.unwrap();
        assert_eq!(sink.participants.len(), 1);
        let owner = &sink.participants[0];
        assert_eq!(owner.key, OWNER);
        assert_eq!(owner.handle, "@stadtmuseum@museum.example");
        assert_eq!(owner.url.as_deref(), Some("https://museum.example/@stadtmuseum"));
        assert!(owner.site_author);
        // no likes.json beside it
        assert_eq!(sink.items.len(), 14);
    }

    #[test]
    fn a_tar_gz_archive_reads_like_the_folder() {
        let dir = fixture("mastodon-archive/museum");
        let file = tempfile::Builder::new().suffix(".tar.gz").tempfile().unwrap();
        let gz = flate2::write::GzEncoder::new(file.reopen().unwrap(), flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for name in ["actor.json", "outbox.json", "likes.json"] {
            tar.append_path_with_name(dir.join(name), format!("archive-20240310/{name}")).unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap();
        let input = Input::from_path(file.path()).unwrap();
        assert_eq!(crate::detect(&input).map(|i| i.id()), Some(ID));
        let (result, sink) = import_path(&MastodonArchive, file.path());
        result.unwrap();
        let folder = museum();
        assert_eq!(sink.items, folder.items);
        assert_eq!(sink.participants, folder.participants);
    }

    #[test]
    fn detection_claims_the_archive_but_not_its_side_files() {
        let detected = |path: &str| {
            let input = Input::from_path(&fixture(path)).unwrap();
            crate::detect(&input).map(|i| i.id())
        };
        assert_eq!(detected("mastodon-archive/museum"), Some(ID));
        assert_eq!(detected("mastodon-archive/museum/outbox.json"), Some(ID));
        assert_eq!(
            MastodonArchive
                .detect(&Input::from_path(&fixture("mastodon-archive/museum/likes.json")).unwrap()),
            Detection::No
        );
        assert_eq!(
            MastodonArchive
                .detect(&Input::from_path(&fixture("mastodon-archive/museum/actor.json")).unwrap()),
            Detection::No
        );
        for api in ["status-museum-100.json", "context-museum-100.json", "timeline.json"] {
            let input = Input::from_path(&fixture(&format!("mastodon-api/{api}"))).unwrap();
            assert_eq!(MastodonArchive.detect(&input), Detection::No, "{api}");
        }
    }

    #[test]
    fn root_keys_are_rebuilt_from_a_form_and_a_number() {
        let mut chains = Chains::default();
        let mut root = |key: &str, id: &str, url: Option<&str>| {
            let hash = hash_of(key);
            let word = chains.root_word(hash, key.into(), id, url.map(String::from));
            chains.statuses.push((hash, word));
            chains.statuses.sort_unstable();
            hash
        };
        let cases = [
            ("mastodon:a.example:42", "42", Some("https://a.example/@ann/42")),
            ("mastodon:a.example:43", "43", None),
            // a leading zero, a URL not ending in the id, a tag URI: kept whole
            ("mastodon:a.example:007", "007", Some("https://a.example/@ann/007")),
            ("mastodon:a.example:44", "44", Some("https://a.example/@ann/44?x")),
            (
                "mastodon:o.example:tag:o.example,2017:objectId=7",
                "tag:o.example,2017:objectId=7",
                None,
            ),
        ];
        let hashes: Vec<u64> = cases.iter().map(|&(k, id, url)| root(k, id, url)).collect();
        for (&(key, _, url), hash) in cases.iter().zip(hashes) {
            assert_eq!(chains.root(hash), Some((key.to_string(), url.map(String::from))));
        }
        assert_eq!(chains.forms.len(), 2);
        assert_eq!(chains.odd_roots.len(), 3);
    }

    #[test]
    fn keys_are_derived_from_uris() {
        assert_eq!(
            status_key("https://Social.Example/users/Ann/statuses/42/activity"),
            Some(("mastodon:social.example:42".into(), "42".into()))
        );
        let tag = "tag:old.example,2017-04-01:objectId=7:objectType=Status";
        assert_eq!(status_key(tag).unwrap().0, format!("mastodon:old.example:{tag}"));
        assert_eq!(
            account_key_from_uri("https://Social.Example/users/Ann"),
            "mastodon:ann@social.example"
        );
        assert_eq!(
            web_url("https://a.example/users/ann/statuses/5").as_deref(),
            Some("https://a.example/@ann/5")
        );
        assert!(is_profile_or_tag_link("https://a.example/@ann"));
        assert!(!is_profile_or_tag_link("https://a.example/@ann/5"));
    }
}
