//! `facebook-dyi`: Facebook's "Download Your Information" export, JSON variant.
//!
//! ## Format
//! No official schema (notes in `../shared/corpus/FORMATS.md` §5; community schemas in
//! SamuelePilleri/facebook-schemas). A zip or folder whose layout changed over the years:
//! `posts/your_posts.json` (`{"status_updates": [...]}`, 2018) → `posts/your_posts_1.json` (an
//! array) → `your_activity_across_facebook/posts/…` / `your_facebook_activity/posts/
//! your_posts__check_ins__photos_and_videos_1.json` (2023+); `comments/comments.json` →
//! `comments_and_reactions/comments.json` (`{"comments_v2": [...]}`), group comments under
//! `group_comments_v2`; reactions in `likes_and_reactions/posts_and_comments.json` or
//! `likes_and_reactions_1.json` (`reactions_v2` or a bare array). Entries:
//! - post `{timestamp, data:[{post} | {update_timestamp}], attachments, title, tags}`;
//! - comment `{timestamp, data:[{comment:{timestamp, comment, author, group?}}], attachments,
//!   title:"X commented on Y's post." | "X replied to Y's comment."}`, `data` sometimes missing;
//! - reaction `{timestamp, data:[{reaction:{reaction:"LIKE", actor}}], title}`.
//!
//! Only files whose names say posts, comments or reactions are opened; messages, profile,
//! location and the rest of the export are never read.
//!
//! ## Mapping
//! - The export is the owner's: all of it is the owner's own activity. The owner's name is the
//!   name most often given as comment `author` or reaction `actor`, else the name most titles
//!   begin with; the owner's participant is the site author.
//! - People have no ids, only display names: participants are keyed `facebook:name:<keyed
//!   hash of the name>` (no URL, the handle is the name).
//! - Posts become [`ItemKind::Post`], each its own conversation. Comments become comments, or
//!   replies when the title says the owner answered a comment. What they answer is not in the
//!   export and has no id, so they have no `parent` and each stands in a conversation of its
//!   own. Reactions become [`ItemKind::Like`] items of the owner, gathered in one conversation,
//!   `facebook:dyi:reactions`, because what they like is not in the export either.
//! - Item keys are `facebook:dyi:<post|comment|like>:<hash>` where the hash is SHA-256 over
//!   (timestamp, author, text) (for likes the reaction type stands for the text). The export
//!   gives no ids, and the alternatives are not stable: the position moves when Facebook splits
//!   files (`your_posts_1.json`, `_2`) or a newer export adds entries, and titles change with
//!   the export's language and with the names of the people they mention. Timestamp, author
//!   and text are what a later export repeats. Two identical entries in one second get `~2`,
//!   `~3` appended in file order. An edited text gets a new key.
//! - Links: `attachments[].data[].external_context.url` and URLs in the text. Media files
//!   (`media.uri`) are paths inside the export, not links.
//!
//! ## Known quirks
//! - Mojibake: Facebook writes UTF-8 bytes as `\u00XX` escapes, so `"T\u00c3\u0098S"` reads
//!   as "TÃ\u{98}S". Every string whose characters all fit in a byte is re-encoded as bytes
//!   and decoded as UTF-8 when that succeeds; other strings are left as they are.
//! - Replies are told from comments only by the localised title. A title counts as a reply
//!   when it names a comment as the thing answered (`comment`, `Kommentar`, `kommentar`,
//!   `commentaire`, `comentario`, `commento`, `reactie`, …) or uses a verb of replying
//!   (`replied`, `geantwortet`, `svarede`, `répondu`, `respondió`, …; not Dutch `gereageerd`,
//!   which also means commenting); "commented on", "hat … Beitrag kommentiert" and "har
//!   kommenteret" are comments. An unknown language reads as a comment. A mistaken title
//!   costs little: a reply here has no parent either way.
//! - Entries without `data` (the comment text withheld or an attachment only) are kept with
//!   empty text; posts with neither text nor link nor media (`update_timestamp` only, "saved a
//!   seller") are skipped and counted under `empty post`.
//! - Group comments and group posts are `restricted`: the export does not say whether the
//!   group is public, and most are not.
//! - `upload_ip` in media EXIF data, `tags` (names of friends) and the third-party names in
//!   titles are never stored.

use std::borrow::Cow;
use std::collections::BTreeMap;

use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::content::extract_links;
use crate::json::{for_each_element, json_error};
use crate::{
    Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, SinkError,
};

pub struct FacebookDyi;

const ID: &str = "facebook-dyi";
const PLATFORM: &str = "facebook";
const REACTIONS_CONVERSATION: &str = "facebook:dyi:reactions";

/// Top-level keys that hold entries, and what they hold.
const SECTIONS: &[(&str, Section)] = &[
    ("status_updates", Section::Posts),
    ("group_posts_v2", Section::GroupPosts),
    ("group_posts", Section::GroupPosts),
    ("comments_v2", Section::Comments),
    ("comments", Section::Comments),
    ("group_comments_v2", Section::GroupComments),
    ("group_comments", Section::GroupComments),
    ("reactions_v2", Section::Reactions),
    ("reactions", Section::Reactions),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Posts,
    GroupPosts,
    Comments,
    GroupComments,
    Reactions,
    /// A bare array in a file whose name does not say.
    Unknown,
}

impl Importer for FacebookDyi {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Facebook \"Download Your Information\" JSON export (posts, comments, reactions)"
    }

    fn detect(&self, input: &Input) -> Detection {
        let files = activity_files(input);
        if input.is_dir() {
            let layout = input.files().iter().any(|f| {
                f.contains("your_activity_across_facebook/")
                    || f.contains("your_facebook_activity/")
                    || f.contains("comments_and_reactions/")
                    || f.contains("likes_and_reactions/")
            });
            if layout && !files.is_empty() {
                return Detection::Yes;
            }
        }
        input.sniff_heads(&files, sniff)
    }

    fn import(
        &self,
        input: &Input,
        ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let files = activity_files(input);
        if files.is_empty() {
            return Err(input.not_this_format(ID, "no posts, comments or reactions file"));
        }
        // First pass: who the owner is (the export names no one as such).
        let mut names: BTreeMap<String, u64> = BTreeMap::new();
        let mut title_names: BTreeMap<String, u64> = BTreeMap::new();
        for name in &files {
            each_entry(input, name, &mut |_, _, raw| {
                let Ok(entry) = serde_json::from_str::<Entry>(raw.get()) else { return };
                for d in &entry.data {
                    let named = d.comment.as_ref().and_then(|c| c.author.as_deref());
                    let named = named.or(d.reaction.as_ref().and_then(|r| r.actor.as_deref()));
                    if let Some(n) = named.map(repair).filter(|n| !n.trim().is_empty()) {
                        *names.entry(n.trim().to_string()).or_default() += 1;
                    }
                }
                if let Some(actor) = entry.title.as_deref().and_then(|t| title_actor(&repair(t))) {
                    *title_names.entry(actor).or_default() += 1;
                }
            })?;
        }
        let most = |m: &BTreeMap<String, u64>| {
            m.iter()
                .max_by_key(|(n, c)| (**c, std::cmp::Reverse((*n).clone())))
                .map(|(n, _)| n.clone())
        };
        let owner = most(&names).or_else(|| most(&title_names));

        let mut state = Emitter {
            sink,
            ctx,
            owner,
            participants: HashSet::default(),
            keys: HashSet::default(),
            reactions_conversation: false,
            summary: ImportSummary::default(),
            entries: 0,
        };
        for name in &files {
            let shown = input.display_path(name).display().to_string();
            let mut failed: Option<SinkError> = None;
            each_entry(input, name, &mut |section, index, raw| {
                if failed.is_none()
                    && let Err(e) = state.entry(&format!("{shown}[{index}]"), section, raw)
                {
                    failed = Some(e);
                }
            })?;
            if let Some(e) = failed {
                return Err(e.into());
            }
        }
        if state.entries == 0 {
            return Err(ImportError::not_this_format(
                input.display_path(&files[0]),
                ID,
                "no post, comment or reaction entry (objects with `timestamp`)",
            ));
        }
        Ok(state.summary)
    }
}

/// The files of the export that hold the owner's posts, comments and reactions: a single
/// file as given, in a folder or archive only those whose names say so.
fn activity_files(input: &Input) -> Vec<String> {
    input.files_matching(|path| {
        let lower = path.to_ascii_lowercase();
        let base = lower.rsplit('/').next().unwrap_or(&lower);
        let private = ["messages/", "inbox/", "message_requests/", "archived_threads/"]
            .iter()
            .any(|dir| lower.contains(dir));
        base.ends_with(".json")
            && !private
            && ["your_posts", "group_posts", "comments", "reactions"]
                .iter()
                .any(|word| base.contains(word))
    })
}

/// What a bare array holds, from its file name.
fn section_of_file(name: &str) -> Section {
    let base = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    if base.contains("reactions") || base.contains("posts_and_comments") {
        Section::Reactions
    } else if base.contains("group_posts") {
        Section::GroupPosts
    } else if base.contains("your_posts") {
        Section::Posts
    } else if base.contains("comments_in_groups") {
        Section::GroupComments
    } else if base.contains("comments") {
        Section::Comments
    } else {
        Section::Unknown
    }
}

/// `Yes` for the export's section keys, or for entries with a Unix `timestamp` whose `data`
/// holds a `post`, `comment` or `reaction`: no other platform writes them this way.
fn sniff(head: &[u8]) -> Detection {
    let text = String::from_utf8_lossy(head);
    let start = text.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    if !(start.starts_with('{') || start.starts_with('[')) {
        return Detection::No;
    }
    let has = |key: &str| text.contains(&format!("\"{key}\""));
    let section =
        ["status_updates", "comments_v2", "group_comments_v2", "reactions_v2", "group_posts_v2"]
            .iter()
            .any(|k| has(k));
    let numeric_timestamp = text.match_indices("\"timestamp\"").any(|(at, key)| {
        text[at + key.len()..]
            .trim_start()
            .strip_prefix(':')
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    });
    let entry = has("data")
        && (has("post") || has("comment") || has("reaction") || has("update_timestamp"));
    if section || (numeric_timestamp && entry) { Detection::Yes } else { Detection::No }
}

/// Calls `each(section, index, entry)` for every entry of `name`, whatever its shape: a bare
/// array of entries, an object with section keys, or an array of such objects.
fn each_entry(
    input: &Input,
    name: &str,
    each: &mut dyn FnMut(Section, usize, &RawValue),
) -> Result<(), ImportError> {
    let file = input.display_path(name);
    let io = |source| ImportError::Io { file: file.clone(), source };
    let first = input.head(name, 4096).into_iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'[') => {
            let by_name = section_of_file(name);
            let mut index = 0;
            for_each_element(input.open(name).map_err(io)?, &[], &file, &mut |_, raw| {
                // an array of `{"comments_v2": [...]}` objects (seen in tools' test data)
                let wrapper = serde_json::from_str::<BTreeMap<String, Box<RawValue>>>(raw.get())
                    .ok()
                    .filter(|m| SECTIONS.iter().any(|(k, _)| m.contains_key(*k)));
                match wrapper {
                    Some(map) => {
                        for (key, section) in SECTIONS {
                            let Some(list) = map.get(*key) else { continue };
                            let Ok(entries) =
                                serde_json::from_str::<Vec<Box<RawValue>>>(list.get())
                            else {
                                continue;
                            };
                            for entry in entries {
                                each(*section, index, &entry);
                                index += 1;
                            }
                        }
                    }
                    None => {
                        each(by_name, index, raw);
                        index += 1;
                    }
                }
            })?;
        }
        Some(b'{') => {
            let keys: BTreeMap<String, IgnoredAny> =
                serde_json::from_reader(input.open(name).map_err(io)?)
                    .map_err(|e| json_error(&file, &e))?;
            let mut offset = 0;
            for (key, section) in SECTIONS {
                if !keys.contains_key(*key) {
                    continue;
                }
                let mut last = 0;
                for_each_element(input.open(name).map_err(io)?, &[key], &file, &mut |i, raw| {
                    each(*section, offset + i, raw);
                    last = i + 1;
                })?;
                offset += last;
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

#[derive(Deserialize)]
struct Entry {
    timestamp: Option<i64>,
    #[serde(default)]
    data: Vec<Data>,
    #[serde(default)]
    attachments: Vec<Attachment>,
    title: Option<String>,
}

#[derive(Deserialize)]
struct Data {
    post: Option<String>,
    comment: Option<Comment>,
    reaction: Option<Reaction>,
}

#[derive(Deserialize)]
struct Comment {
    timestamp: Option<i64>,
    comment: Option<String>,
    author: Option<String>,
    group: Option<String>,
}

#[derive(Deserialize)]
struct Reaction {
    reaction: Option<String>,
    actor: Option<String>,
}

#[derive(Deserialize)]
struct Attachment {
    #[serde(default)]
    data: Vec<Value>,
}

/// Undoes Facebook's mojibake: UTF-8 bytes written as Latin-1 code points.
fn repair(s: &str) -> Cow<'_, str> {
    let fits_bytes = s.chars().all(|c| u32::from(c) <= 0xFF);
    if !fits_bytes || s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let bytes: Vec<u8> = s.chars().map(|c| u32::from(c) as u8).collect();
    match String::from_utf8(bytes) {
        Ok(fixed) => Cow::Owned(fixed),
        Err(_) => Cow::Borrowed(s),
    }
}

/// Words that begin the predicate of an activity title, in the languages Facebook exports
/// in; the name of whoever acted stands before the first of them.
const TITLE_VERBS: &[&str] = &[
    // English
    "updated",
    "added",
    "shared",
    "posted",
    "wrote",
    "commented",
    "replied",
    "likes",
    "liked",
    "reacted",
    "created",
    "changed",
    "saved",
    "uploaded",
    "was",
    "is",
    "edited",
    "checked",
    // German
    "hat",
    "hatte",
    "teilte",
    "gefällt",
    "aktualisierte",
    "fügte",
    "war",
    "ist",
    "reagierte",
    "kommentierte",
    "antwortete",
    "schrieb",
    // Danish, Norwegian, Swedish
    "har",
    "delte",
    "synes",
    "syntes",
    "tilføjede",
    "opdaterede",
    "skrev",
    "delade",
    "gillar",
    // French, Spanish, Italian, Portuguese, Dutch
    "a",
    "ha",
    "aime",
    "comentó",
    "respondió",
    "compartió",
    "publicó",
    "heeft",
    "deelde",
];

/// The name a title begins with ("Anna Weber commented on …" -> "Anna Weber").
fn title_actor(title: &str) -> Option<String> {
    let words: Vec<&str> = title.split(' ').collect();
    let at = words.iter().skip(1).position(|w| TITLE_VERBS.contains(w))? + 1;
    let name = words[..at].join(" ");
    (!name.trim().is_empty()).then(|| name.trim().to_string())
}

/// Nouns for "comment" as the thing answered, and verbs of replying.
const REPLY_WORDS: &[&str] = &[
    "comment",
    "comments",
    "kommentar",
    "kommentaren",
    "kommentaar",
    "commentaire",
    "comentario",
    "comentário",
    "commento",
    "reactie",
    "opmerking",
    "komentarz",
    "replied",
    "geantwortet",
    "antwortete",
    "beantwortet",
    "svarede",
    "svaret",
    "svarte",
    "svarade",
    "répondu",
    "respondió",
    "respondeu",
    "risposto",
    "odpowiedział",
    "odpowiedziała",
];

/// Whether a comment's title says it answers a comment (see the module doc).
fn is_reply_title(title: &str) -> bool {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| REPLY_WORDS.contains(&w.to_lowercase().as_str()))
}

fn hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect()
}

struct Emitter<'a> {
    sink: &'a mut dyn Sink,
    ctx: &'a ImportContext,
    owner: Option<String>,
    participants: HashSet<String>,
    keys: HashSet<String>,
    reactions_conversation: bool,
    summary: ImportSummary,
    entries: u64,
}

impl Emitter<'_> {
    fn skip(&mut self, reason: &str) {
        *self.summary.skipped.entry(reason.to_string()).or_default() += 1;
    }

    fn entry(&mut self, location: &str, section: Section, raw: &RawValue) -> Result<(), SinkError> {
        let entry: Entry = match serde_json::from_str(raw.get()) {
            Ok(e) => e,
            Err(e) => {
                self.sink.warn_at(location, format!("not a Facebook activity entry, skipped: {e}"));
                return Ok(());
            }
        };
        let Some(timestamp) = entry.timestamp else {
            self.sink.warn_at(location, "entry without timestamp, skipped".into());
            return Ok(());
        };
        self.entries += 1;
        let has = |f: fn(&Data) -> bool| entry.data.iter().any(f);
        let section = if has(|d| d.comment.is_some()) {
            if matches!(section, Section::GroupComments) { section } else { Section::Comments }
        } else if has(|d| d.reaction.is_some()) {
            Section::Reactions
        } else if has(|d| d.post.is_some()) && !matches!(section, Section::GroupPosts) {
            Section::Posts
        } else {
            section
        };
        let title = entry.title.as_deref().map(repair).map(Cow::into_owned);
        match section {
            Section::Posts | Section::GroupPosts => {
                self.post(&entry, timestamp, title.as_deref(), section == Section::GroupPosts)
            }
            Section::Comments | Section::GroupComments => {
                self.comment(&entry, timestamp, title.as_deref(), section == Section::GroupComments)
            }
            Section::Reactions => self.reaction(&entry, timestamp, title.as_deref()),
            Section::Unknown => {
                self.skip("unrecognised entry");
                Ok(())
            }
        }
    }

    fn post(
        &mut self,
        entry: &Entry,
        timestamp: i64,
        title: Option<&str>,
        group: bool,
    ) -> Result<(), SinkError> {
        let text = entry
            .data
            .iter()
            .filter_map(|d| d.post.as_deref())
            .map(|p| repair(p).trim().to_string())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let (links, media) = attachments(&entry.attachments);
        if text.is_empty() && links.is_empty() && !media {
            self.skip("empty post");
            return Ok(());
        }
        let author_name = title.and_then(title_actor).or_else(|| self.owner.clone());
        let (author, name) = self.participant(author_name.as_deref())?;
        let key = self.unique_key("post", timestamp, &name, &text);
        self.sink.conversation(Conversation {
            key: key.clone(),
            platform: PLATFORM.into(),
            title: None,
            url: None,
        })?;
        let state = if group { State::Restricted } else { State::Public };
        self.emit(key.clone(), key, None, author, ItemKind::Post, state, timestamp, text, links)
    }

    fn comment(
        &mut self,
        entry: &Entry,
        timestamp: i64,
        title: Option<&str>,
        group_section: bool,
    ) -> Result<(), SinkError> {
        let comment = entry.data.iter().find_map(|d| d.comment.as_ref());
        let text = comment
            .and_then(|c| c.comment.as_deref())
            .map(|t| repair(t).trim().to_string())
            .unwrap_or_default();
        let author_name = comment
            .and_then(|c| c.author.as_deref())
            .map(|a| repair(a).trim().to_string())
            .filter(|a| !a.is_empty())
            .or_else(|| title.and_then(title_actor))
            .or_else(|| self.owner.clone());
        let (author, name) = self.participant(author_name.as_deref())?;
        let at = comment.and_then(|c| c.timestamp).unwrap_or(timestamp);
        let key = self.unique_key("comment", at, &name, &text);
        let conversation = key.replacen(":comment:", ":thread:", 1);
        self.sink.conversation(Conversation {
            key: conversation.clone(),
            platform: PLATFORM.into(),
            title: None,
            url: None,
        })?;
        let kind =
            if title.is_some_and(is_reply_title) { ItemKind::Reply } else { ItemKind::Comment };
        let group = group_section || comment.is_some_and(|c| c.group.is_some());
        let state = if group { State::Restricted } else { State::Public };
        let (hrefs, _) = attachments(&entry.attachments);
        let links = extract_links(&text, hrefs);
        self.emit(key, conversation, None, author, kind, state, at, text, links)
    }

    fn reaction(
        &mut self,
        entry: &Entry,
        timestamp: i64,
        title: Option<&str>,
    ) -> Result<(), SinkError> {
        let reaction = entry.data.iter().find_map(|d| d.reaction.as_ref());
        let actor = reaction
            .and_then(|r| r.actor.as_deref())
            .map(|a| repair(a).trim().to_string())
            .filter(|a| !a.is_empty())
            .or_else(|| title.and_then(title_actor))
            .or_else(|| self.owner.clone());
        let (author, name) = self.participant(actor.as_deref())?;
        let kind_of_reaction = reaction.and_then(|r| r.reaction.as_deref()).unwrap_or("LIKE");
        let key = self.unique_key("like", timestamp, &name, kind_of_reaction);
        if !self.reactions_conversation {
            self.reactions_conversation = true;
            self.sink.conversation(Conversation {
                key: REACTIONS_CONVERSATION.into(),
                platform: PLATFORM.into(),
                title: None,
                url: None,
            })?;
        }
        self.emit(
            key,
            REACTIONS_CONVERSATION.into(),
            None,
            author,
            ItemKind::Like,
            State::Public,
            timestamp,
            String::new(),
            Vec::new(),
        )
    }

    /// `facebook:dyi:<family>:<hash>`, with `~n` for the n-th identical entry.
    fn unique_key(&mut self, family: &str, timestamp: i64, author: &str, text: &str) -> String {
        let base =
            format!("facebook:dyi:{family}:{}", hash(&[&timestamp.to_string(), author, text]));
        let mut key = base.clone();
        let mut n = 1;
        while !self.keys.insert(key.clone()) {
            n += 1;
            key = format!("{base}~{n}");
        }
        key
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        key: String,
        conversation: String,
        parent: Option<String>,
        author: String,
        kind: ItemKind,
        state: State,
        timestamp: i64,
        text: String,
        links: Vec<String>,
    ) -> Result<(), SinkError> {
        let native_id = key.rsplit(':').next().unwrap_or_default().to_string();
        self.sink.item(Item {
            key,
            native_id,
            conversation,
            parent,
            author,
            kind,
            state,
            created_at: (timestamp > 0).then_some(timestamp),
            title: None,
            url: None,
            text,
            html: None,
            links,
            mentions: Vec::new(),
        })
    }

    /// The participant key and name for a display name (the owner's when there is none).
    fn participant(&mut self, name: Option<&str>) -> Result<(String, String), SinkError> {
        let name = name.unwrap_or("[owner]");
        let key = format!("facebook:name:{}", self.ctx.pseudonymizer.key(&["facebook-name", name]));
        if self.participants.insert(key.clone()) {
            let is_owner = self.owner.as_deref().is_none_or(|o| o == name);
            self.sink.participant(Participant {
                key: key.clone(),
                platform: PLATFORM.into(),
                handle: name.to_string(),
                display_name: name.to_string(),
                url: None,
                kind: ParticipantKind::Person,
                site_author: is_owner,
            })?;
        }
        Ok((key, name.to_string()))
    }
}

/// Links shared (`external_context.url`) and whether any media file came along.
fn attachments(attachments: &[Attachment]) -> (Vec<String>, bool) {
    let mut links = Vec::new();
    let mut media = false;
    for value in attachments.iter().flat_map(|a| &a.data) {
        if let Some(url) = value
            .get("external_context")
            .and_then(|c| c.get("url"))
            .and_then(Value::as_str)
            .map(|u| repair(u).into_owned())
            .filter(|u| crate::urls::is_web(u))
            && !links.contains(&url)
        {
            links.push(url);
        }
        media |= value.get("media").is_some() || value.get("note").is_some();
    }
    (links, media)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};

    fn import(name: &str) -> (ImportSummary, VecSink) {
        let (res, sink) = import_path(&FacebookDyi, &fixture(&format!("facebook-dyi/{name}")));
        (res.unwrap(), sink)
    }

    #[test]
    fn mojibake_is_repaired_and_real_latin1_kept() {
        assert_eq!(repair("T\u{c3}\u{98}S"), "TØS");
        assert_eq!(
            repair("K\u{c3}\u{b6}hler \u{e2}\u{80}\u{93} Gr\u{c3}\u{bc}\u{c3}\u{9f}e"),
            "Köhler – Grüße"
        );
        // already proper text: é alone is not UTF-8, an emoji does not fit a byte
        assert_eq!(repair("Café"), "Café");
        assert_eq!(repair("schön 🙂"), "schön 🙂");
    }

    #[test]
    fn reply_titles_in_english_german_and_danish() {
        assert!(is_reply_title("Anna Weber replied to Ben Roth's comment."));
        assert!(is_reply_title("Anna Weber hat auf den Kommentar von Ben Roth geantwortet."));
        assert!(is_reply_title("Anna Weber hat auf ihren eigenen Kommentar geantwortet."));
        assert!(is_reply_title("Anna Weber har svaret på Ben Roths kommentar."));
        assert!(!is_reply_title("Anna Weber commented on Ben Roth's post."));
        assert!(!is_reply_title("Anna Weber hat Ben Roths Beitrag kommentiert."));
        assert!(!is_reply_title("Anna Weber hat einen Beitrag kommentiert."));
        assert!(!is_reply_title("Anna Weber har kommenteret Ben Roths opslag."));
        // Dutch "reageren" is both: only the noun tells
        assert!(!is_reply_title("Anna Weber heeft gereageerd op het bericht van Ben Roth."));
        assert!(is_reply_title("Anna Weber heeft gereageerd op de reactie van Ben Roth."));
        assert_eq!(
            title_actor("Anna Maria Weber hat einen Beitrag kommentiert.").as_deref(),
            Some("Anna Maria Weber")
        );
        assert_eq!(
            title_actor("Stadtmuseum Kiel updated its status.").as_deref(),
            Some("Stadtmuseum Kiel")
        );
    }

    #[test]
    fn a_german_export_folder_with_posts_comments_and_reactions() {
        let (summary, sink) = import("export-de");
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        // the messages folder is never opened: its file is broken JSON on purpose
        let owner = sink.participants.iter().find(|p| p.site_author).unwrap();
        assert_eq!(owner.display_name, "Stadtmuseum Beispiel");
        assert_eq!(sink.participants.len(), 1);
        let kinds: Vec<_> = sink.items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ItemKind::Comment,
                ItemKind::Reply,
                ItemKind::Like,
                ItemKind::Like,
                ItemKind::Comment,
                ItemKind::Post,
                ItemKind::Post,
            ]
        );
        // the mojibake comment, repaired
        assert_eq!(sink.items[0].text, "Schöne Grüße aus dem Depot – bis bald!");
        // a group comment is only for the group's members
        assert_eq!(sink.items[4].state, State::Restricted);
        assert_eq!(sink.items[0].state, State::Public);
        assert_eq!(
            sink.items[5].links,
            vec!["https://museum.example.org/blog/fruehjahr".to_string()]
        );
        assert_eq!(summary.skipped.get("empty post"), Some(&1));
        // comments stand alone; likes share one conversation
        assert_ne!(sink.items[0].conversation, sink.items[1].conversation);
        assert_eq!(sink.items[2].conversation, REACTIONS_CONVERSATION);
        assert_eq!(sink.items[3].conversation, REACTIONS_CONVERSATION);
        assert!(sink.items.iter().all(|i| i.parent.is_none() && i.author == owner.key));
    }

    #[test]
    fn keys_are_stable_across_exports_and_languages() {
        let (_, german) = import("export-de");
        let (_, english) = import("comments-en.json");
        // the same comment, exported in English a year later with another title and position
        let de = german.items.iter().find(|i| i.text.starts_with("Gern geschehen")).unwrap();
        let en = english.items.iter().find(|i| i.text.starts_with("Gern geschehen")).unwrap();
        assert_eq!(de.key, en.key);
        assert_eq!(en.kind, ItemKind::Reply);
        assert!(de.key.starts_with("facebook:dyi:comment:"), "{}", de.key);
        // two identical entries in one second still get two keys
        let twins: Vec<_> = english.items.iter().filter(|i| i.text == "Danke!").collect();
        assert_eq!(twins.len(), 2);
        assert_eq!(twins[1].key, format!("{}~2", twins[0].key));
    }

    #[test]
    fn posts_without_titles_belong_to_the_owner_and_titles_name_others() {
        let (summary, sink) = import("your_posts_1.json");
        assert_eq!(summary.skipped.get("empty post"), Some(&1));
        assert_eq!(sink.items.len(), 4);
        let owner = sink.participants.iter().find(|p| p.site_author).unwrap();
        assert_eq!(owner.display_name, "Stadtmuseum Beispiel");
        let guest = sink.items.iter().find(|i| i.text.contains("Gästebuch")).unwrap();
        assert_eq!(sink.participant(&guest.author).unwrap().display_name, "Jana Köhler");
        let untitled = sink.items.iter().find(|i| i.text.contains("Osterferien")).unwrap();
        assert_eq!(untitled.author, owner.key);
    }

    #[test]
    fn detection_claims_dyi_and_nothing_else() {
        assert_eq!(sniff(br#"{"comments_v2": [{"timestamp": 1, "data": []}]}"#), Detection::Yes);
        assert_eq!(
            sniff(br#"[{"timestamp": 1700000000, "data": [{"post": "x"}]}]"#),
            Detection::Yes
        );
        let hn = br#"[{"by": "a", "id": 1, "time": 1, "type": "comment", "text": "x"}]"#;
        assert_eq!(sniff(hn), Detection::No);
        let mastodon = br#"[{"id": "1", "created_at": "2020", "content": "x", "account": {}}]"#;
        assert_eq!(sniff(mastodon), Detection::No);
    }
}
