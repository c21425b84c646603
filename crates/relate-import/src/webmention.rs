//! `webmention`: the mentions a site received, as webmention.io stores them or as an mf2
//! parser reads a responding page.
//!
//! ## Format
//! Three JSON shapes (W3C Webmention, w3.org/TR/webmention/; webmention.io's API; the
//! microformats2 parsing spec, microformats.org/wiki/microformats2-parsing; notes in
//! `../shared/corpus/FORMATS.md` §11):
//! - webmention.io's legacy links API (`/api/links`): `{"links": [{source, target, id,
//!   verified, verified_date, private, data: {author: {name, url, photo}, url, name, content,
//!   published, published_ts}, activity: {type, sentence}}]}`.
//! - JF2 (`/api/mentions.jf2`): `{"type": "feed", "children": [{"type": "entry", author, url,
//!   published, content: {html, text}, wm-id, wm-source, wm-target, wm-property, wm-private,
//!   wm-received, in-reply-to | like-of | ...}]}`.
//! - mf2 JSON as a parser writes it: `{"items": [{"type": ["h-entry"], "properties": {author,
//!   url, published, content, in-reply-to, like-of, repost-of, ...}, "children"}], "rels",
//!   "rel-urls"}`, every property value an array. Only the JSON is read, never the HTML it was
//!   parsed from.
//!
//! A bare JSON array of such records is read too (some sites save the array alone).
//!
//! **Nothing is ever fetched.** A webmention's meaning comes from its source page, and a
//! receiver verifies it by requesting that page; an importer that did so would request any URL
//! a stranger put into the data (server-side request forgery, and a way to make us hammer a
//! third party). The importer takes what the file says, source and target URLs included, and
//! treats it as unverified where the file says so.
//!
//! ## Mapping
//! - The target is the page of our site that was mentioned: its [`Conversation`] has the key
//!   `web:<target normalised>` (scheme, `#fragment` and a trailing `/` dropped, host
//!   lowercased), platform `web`, and the target as given, minus its fragment, as URL, so the
//!   store can stitch it to the blog post with that URL. An mf2 `h-cite` target lends its
//!   `name` as the conversation title.
//! - Each mention is one [`Item`] answering the target (`parent` = the conversation key):
//!   `like-of`/`like` -> [`ItemKind::Like`] (no text), `repost-of` -> `Repost`, `in-reply-to`
//!   and `rsvp` -> `Comment`, `mention-of`, `bookmark-of` and links API `link` -> `Mention`.
//! - Item key: `web:webmention.io:<id>` from `wm-id` / `id` (one id space in both APIs), else
//!   `web:<source normalised>:<property>` (with `:<target>` when one entry answers several
//!   targets), else, for an mf2 entry without `url`, a hash of what it says.
//! - The author is a participant keyed by their site, `web:<author url normalised>`, with the
//!   URL as given; a [`ParticipantKind::Person`] when a name or `h-card` is given, a `Site`
//!   otherwise. A named author without URL gets a keyed hash of name and source host; a
//!   mention without author is the source host's `Site` (as WXR keys pingback sites), and
//!   without that an `Unknown` stand-in.
//! - `private` / `wm-private` -> `Restricted`; `verified: false` -> `Pending`.
//!
//! ## Known quirks
//! - JSON keys come in any order, so the shape is found by looking for `links`, `children`
//!   and `items` in turn rather than by sniffing the first key.
//! - Dates: `published` (RFC 3339, or mf2's `2013-06-13 12:00:00-0700` variants), else
//!   `published_ts`, else the receive time (`wm-received`, `verified_date`).
//! - The links API repeats the item's title as `data.name` when the source has none; a name
//!   that is only the start of the text is not a title.
//! - In mf2, `in-reply-to` holds a URL or an `h-cite` whose `author` is the *target's* author,
//!   never the responder: it is not made a participant.
//! - mf2 entries of our own pages carry the responses they display as `comment`, `like` and
//!   `repost` properties (h-cites): those become responses to the entry's `url`.
//! - `h-feed` children are read; entries that answer nothing (plain posts) are skipped and
//!   counted, as are other roots (`h-card`).

use std::collections::HashSet;

use relate_model::time::parse_web_date;
use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::content::{extract_links, html_to_text};
use crate::json::{for_each_element, id_text};
use crate::urls::{host_of, is_web, strip_fragment, url_key};
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct Webmention;

const ID: &str = "webmention";

/// How deep mf2 `h-feed` children are followed.
const MAX_FEED_DEPTH: usize = 8;

impl Importer for Webmention {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Webmentions received: webmention.io links API or JF2, or mf2 JSON of a responding page"
    }

    fn detect(&self, input: &Input) -> Detection {
        if input.is_dir() {
            return Detection::No;
        }
        let Some(name) = input.files().into_iter().next() else { return Detection::No };
        let head = input.head(&name, 8192);
        let compact: String = String::from_utf8_lossy(&head)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
            .collect();
        if !compact.starts_with(['{', '[']) {
            return Detection::No;
        }
        // A saved links array alone starts `[{"source"...`, with webmention.io's fields.
        let bare_links = compact.starts_with("[{")
            && (compact.contains("\"activity\":") || compact.contains("\"verified\":"));
        let links_api = (compact.contains("\"links\":[") || bare_links)
            && compact.contains("\"source\":")
            && compact.contains("\"target\":");
        let jf2 = compact.contains("\"wm-property\":")
            || compact.contains("\"wm-id\":")
            || (compact.contains("\"type\":\"feed\"")
                && compact.contains("\"children\":[{\"type\":\"entry\""));
        let mf2 = compact.contains("\"items\":[") && compact.contains("\"type\":[\"h-");
        if links_api || jf2 || mf2 { Detection::Yes } else { Detection::No }
    }

    fn import(
        &self,
        input: &Input,
        ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let Some(name) = input.files().into_iter().next() else {
            return Err(input.not_this_format(ID, "no file to read"));
        };
        let file = input.display_path(&name);
        let mut run = Run {
            ctx,
            sink,
            file: file.display().to_string(),
            summary: ImportSummary::default(),
            conversations: HashSet::new(),
            participants: HashSet::new(),
            failed: None,
        };
        let top_level_array = input
            .head(&name, 4096)
            .iter()
            .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
            == Some(&b'[');
        let paths: &[&[&str]] =
            if top_level_array { &[&[]] } else { &[&["links"], &["children"], &["items"]] };
        let mut found = false;
        for path in paths {
            let reader = input.open_or_err(&name)?;
            found = for_each_element(reader, path, &file, &mut |index, raw| {
                if run.failed.is_some() {
                    return;
                }
                match serde_json::from_str::<Value>(raw.get()) {
                    Ok(value) => {
                        if let Err(err) = run.element(index, &value) {
                            run.failed = Some(err);
                        }
                    }
                    Err(err) => run.warn(index, format!("unreadable record, skipped: {err}")),
                }
            })?;
            if let Some(err) = run.failed.take() {
                return Err(err);
            }
            if found {
                break;
            }
        }
        if !found {
            return Err(ImportError::not_this_format(
                file,
                ID,
                "no \"links\", \"children\" or \"items\" array",
            ));
        }
        Ok(run.summary)
    }
}

/// What the importer remembers while streaming: the keys it already sent, nothing else.
struct Run<'a> {
    ctx: &'a ImportContext,
    sink: &'a mut dyn Sink,
    file: String,
    summary: ImportSummary,
    conversations: HashSet<String>,
    participants: HashSet<String>,
    /// A sink error inside the streaming callback, returned once the stream stops.
    failed: Option<ImportError>,
}

/// The author of a mention as the record gives it.
#[derive(Debug, Default, Clone)]
struct Author {
    name: String,
    url: String,
    /// Given as an `h-card` / JF2 `card`: a person (or organisation) rather than a page.
    card: bool,
}

/// One mention, whichever shape it came in.
#[derive(Debug, Default)]
struct Mention {
    /// webmention.io's id.
    id: Option<String>,
    /// The responding page.
    source: Option<String>,
    target: String,
    /// The name the target carries in the record (an mf2 h-cite's `name`).
    target_title: Option<String>,
    kind: Option<ItemKind>,
    /// The mf2/JF2 property name, used in keys when there is no id.
    property: &'static str,
    /// Set when one entry answers several targets with one property.
    several_targets: bool,
    author: Option<Author>,
    url: Option<String>,
    name: Option<String>,
    html: Option<String>,
    text: Option<String>,
    published: Option<i64>,
    private: bool,
    verified: bool,
}

/// The response properties of mf2 and JF2, and the kind each becomes.
const PROPERTIES: &[(&str, ItemKind)] = &[
    ("in-reply-to", ItemKind::Comment),
    ("like-of", ItemKind::Like),
    ("repost-of", ItemKind::Repost),
    ("bookmark-of", ItemKind::Mention),
    ("mention-of", ItemKind::Mention),
];

impl Run<'_> {
    fn warn(&mut self, index: usize, message: String) {
        self.sink.warn(Warning { location: format!("{}[{index}]", self.file), message });
    }

    fn skip(&mut self, reason: &str) {
        *self.summary.skipped.entry(reason.to_string()).or_default() += 1;
    }

    fn element(&mut self, index: usize, value: &Value) -> Result<(), ImportError> {
        let Some(obj) = value.as_object() else {
            self.warn(index, "not a JSON object, skipped".into());
            return Ok(());
        };
        if obj.contains_key("wm-property")
            || obj.contains_key("wm-id")
            || value.get("type").and_then(Value::as_str) == Some("entry")
        {
            self.jf2(index, value)
        } else if value.get("type").is_some_and(Value::is_array) {
            self.mf2(index, value, 0)
        } else if obj.contains_key("source") || obj.contains_key("target") {
            self.links_api(index, value)
        } else {
            self.warn(index, "neither a webmention.io link, a JF2 entry nor mf2; skipped".into());
            Ok(())
        }
    }

    fn links_api(&mut self, index: usize, v: &Value) -> Result<(), ImportError> {
        let data = v.get("data").unwrap_or(&Value::Null);
        let Some(target) = string(v.get("target")) else {
            self.warn(index, "webmention without target, skipped".into());
            return Ok(());
        };
        let activity = v.get("activity").and_then(|a| a.get("type")).and_then(Value::as_str);
        let (kind, property) = match activity {
            Some("like") => (ItemKind::Like, "like-of"),
            Some("repost") => (ItemKind::Repost, "repost-of"),
            Some("reply") | Some("rsvp") => (ItemKind::Comment, "in-reply-to"),
            Some("bookmark") => (ItemKind::Mention, "bookmark-of"),
            Some("link") | Some("mention") => (ItemKind::Mention, "mention-of"),
            other => {
                self.warn(index, format!("unknown activity type {other:?}; read as a mention"));
                (ItemKind::Mention, "mention-of")
            }
        };
        let author = data.get("author").map(|a| Author {
            name: string(a.get("name")).unwrap_or_default(),
            url: string(a.get("url")).unwrap_or_default(),
            card: false,
        });
        let content = string(data.get("content"));
        let published = string(data.get("published"))
            .and_then(|p| parse_web_date(&p))
            .or_else(|| data.get("published_ts").and_then(Value::as_i64))
            .or_else(|| string(v.get("verified_date")).and_then(|p| parse_web_date(&p)));
        let mention = Mention {
            id: id_text(v.get("id")),
            source: string(v.get("source")),
            target,
            kind: Some(kind),
            property,
            author,
            url: string(data.get("url")),
            name: string(data.get("name")),
            html: content,
            published,
            private: v.get("private").and_then(Value::as_bool).unwrap_or(false),
            verified: v.get("verified").and_then(Value::as_bool).unwrap_or(true),
            ..Mention::default()
        };
        self.emit(index, mention)
    }

    fn jf2(&mut self, index: usize, v: &Value) -> Result<(), ImportError> {
        let property = string(v.get("wm-property")).unwrap_or_default();
        let known = PROPERTIES.iter().find(|(p, _)| *p == property);
        let (property, kind) = match (property.as_str(), known) {
            (_, Some((p, k))) => (*p, *k),
            ("rsvp", None) => ("in-reply-to", ItemKind::Comment),
            (other, None) => {
                // Without wm-property, the response property the entry carries decides.
                match PROPERTIES.iter().find(|(p, _)| v.get(*p).is_some()) {
                    Some((p, k)) if other.is_empty() => (*p, *k),
                    _ => {
                        self.warn(
                            index,
                            format!("unknown wm-property {other:?}; read as a mention"),
                        );
                        ("mention-of", ItemKind::Mention)
                    }
                }
            }
        };
        let target = string(v.get("wm-target")).or_else(|| first_url(v.get(property)));
        let Some(target) = target else {
            self.warn(index, "JF2 entry without wm-target, skipped".into());
            return Ok(());
        };
        let author = v.get("author").and_then(|a| match a {
            Value::String(s) => Some(author_from_string(s)),
            Value::Object(_) => Some(Author {
                name: string(a.get("name")).unwrap_or_default(),
                url: string(a.get("url")).unwrap_or_default(),
                card: a.get("type").and_then(Value::as_str) == Some("card"),
            }),
            _ => None,
        });
        let (html, text) = match v.get("content") {
            Some(Value::String(s)) => (None, Some(s.clone())),
            Some(c) => {
                (string(c.get("html")), string(c.get("text")).or_else(|| string(c.get("value"))))
            }
            None => (None, None),
        };
        let published = string(v.get("published"))
            .and_then(|p| parse_web_date(&p))
            .or_else(|| string(v.get("wm-received")).and_then(|p| parse_web_date(&p)));
        let mention = Mention {
            id: id_text(v.get("wm-id")),
            source: string(v.get("wm-source")).or_else(|| string(v.get("url"))),
            target,
            kind: Some(kind),
            property,
            author,
            url: string(v.get("url")),
            name: string(v.get("name")),
            html,
            text,
            published,
            private: v.get("wm-private").and_then(Value::as_bool).unwrap_or(false),
            verified: true,
            ..Mention::default()
        };
        self.emit(index, mention)
    }

    fn mf2(&mut self, index: usize, v: &Value, depth: usize) -> Result<(), ImportError> {
        let types = mf2_types(v);
        if types.iter().any(|t| t == "h-feed") {
            if depth >= MAX_FEED_DEPTH {
                self.warn(index, "h-feed nested too deeply; its children are skipped".into());
                return Ok(());
            }
            for child in v.get("children").and_then(Value::as_array).into_iter().flatten() {
                self.mf2(index, child, depth + 1)?;
            }
            return Ok(());
        }
        if !types.iter().any(|t| t == "h-entry" || t == "h-cite") {
            self.skip(types.first().map_or("mf2 item without type", String::as_str));
            return Ok(());
        }
        let props = v.get("properties").unwrap_or(&Value::Null);
        let entry = entry_fields(props);
        let mut answered = false;
        for (property, kind) in PROPERTIES {
            let values: Vec<&Value> =
                props.get(*property).and_then(Value::as_array).into_iter().flatten().collect();
            let several_targets = values.len() > 1;
            for value in values {
                let Some(target) = cite_url(value) else {
                    self.warn(index, format!("{property} without a URL, skipped"));
                    continue;
                };
                answered = true;
                let mention = Mention {
                    target,
                    target_title: value
                        .get("properties")
                        .and_then(|p| first_string(p.get("name")))
                        .filter(|n| cite_url(value).as_deref() != Some(n.as_str())),
                    kind: Some(*kind),
                    property,
                    several_targets,
                    ..entry.clone_fields()
                };
                self.emit(index, mention)?;
            }
        }
        // Responses our own page displays, answering the entry itself.
        let own_url = first_url(props.get("url"));
        for (property, as_property, kind) in [
            ("comment", "in-reply-to", ItemKind::Comment),
            ("like", "like-of", ItemKind::Like),
            ("repost", "repost-of", ItemKind::Repost),
        ] {
            for value in props.get(property).and_then(Value::as_array).into_iter().flatten() {
                let Some(target) = own_url.clone() else {
                    self.warn(index, format!("{property} on an entry without url, skipped"));
                    continue;
                };
                answered = true;
                let response = match value {
                    Value::String(url) => Mention {
                        source: Some(url.clone()),
                        url: Some(url.clone()),
                        ..Mention::default()
                    },
                    _ => {
                        entry_fields(value.get("properties").unwrap_or(&Value::Null)).clone_fields()
                    }
                };
                let mention = Mention {
                    target: target.clone(),
                    target_title: entry.name.clone(),
                    kind: Some(kind),
                    property: as_property,
                    ..response
                };
                self.emit(index, mention)?;
            }
        }
        if !answered {
            self.skip("h-entry answering nothing");
        }
        Ok(())
    }

    fn emit(&mut self, index: usize, m: Mention) -> Result<(), ImportError> {
        let target = strip_fragment(&m.target);
        if target.is_empty() {
            self.warn(index, "empty target, skipped".into());
            return Ok(());
        }
        let conversation = format!("web:{}", url_key(&target));
        if self.conversations.insert(conversation.clone()) {
            self.sink.conversation(Conversation {
                key: conversation.clone(),
                platform: "web".into(),
                title: m.target_title.clone(),
                url: Some(target.clone()),
            })?;
        }
        let kind = m.kind.unwrap_or(ItemKind::Mention);
        let source = m.source.as_deref().or(m.url.as_deref()).map(strip_fragment);
        let (key, native_id) = match (&m.id, &source) {
            (Some(id), _) => (format!("web:webmention.io:{id}"), id.clone()),
            (None, Some(src)) => {
                let mut key = format!("web:{}:{}", url_key(src), m.property);
                if m.several_targets {
                    key = format!("{key}:{}", url_key(&target));
                }
                (key, src.clone())
            }
            (None, None) => {
                let hash = content_hash(&[
                    m.property,
                    &target,
                    m.author.as_ref().map_or("", |a| a.url.as_str()),
                    m.author.as_ref().map_or("", |a| a.name.as_str()),
                    &m.published.map(|p| p.to_string()).unwrap_or_default(),
                    m.text.as_deref().or(m.html.as_deref()).unwrap_or(""),
                ]);
                (format!("web:mf2:{hash}"), hash)
            }
        };
        let author = self.author(m.author.as_ref(), source.as_deref())?;
        let (text, html, links) = if kind == ItemKind::Like {
            (String::new(), None, Vec::new())
        } else {
            match (m.html.as_deref(), m.text.as_deref()) {
                (Some(html), _) if !html.trim().is_empty() => {
                    let (text, hrefs) = html_to_text(html);
                    let links = extract_links(&text, hrefs);
                    let html = (html.trim() != text).then(|| html.to_string());
                    (text, html, links)
                }
                (_, Some(text)) => {
                    let text = text.trim().to_string();
                    let links = extract_links(&text, Vec::new());
                    (text, None, links)
                }
                _ => (String::new(), None, Vec::new()),
            }
        };
        // The links API fills `name` with the start of the text when the source has no title.
        let title = m
            .name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty() && kind != ItemKind::Like)
            .filter(|n| !squash(&text).starts_with(&squash(n)));
        let state = if m.private {
            State::Restricted
        } else if !m.verified {
            State::Pending
        } else {
            State::Public
        };
        self.sink.item(Item {
            key,
            native_id,
            conversation: conversation.clone(),
            parent: Some(conversation),
            author,
            kind,
            state,
            created_at: m.published,
            title,
            url: m.url.or(m.source),
            text,
            html,
            links,
            mentions: Vec::new(),
        })?;
        Ok(())
    }

    /// Sends the participant for a mention's author (once per key) and returns its key.
    fn author(
        &mut self,
        author: Option<&Author>,
        source: Option<&str>,
    ) -> Result<String, ImportError> {
        let author = author.filter(|a| !a.name.trim().is_empty() || usable_url(&a.url));
        let participant = match author {
            Some(a) if usable_url(&a.url) => {
                let handle = url_key(&a.url);
                let name = a.name.trim();
                Participant {
                    key: format!("web:{handle}"),
                    platform: "web".into(),
                    display_name: if name.is_empty() { handle.clone() } else { name.to_string() },
                    handle,
                    url: Some(a.url.trim().to_string()),
                    kind: if !name.is_empty() || a.card {
                        ParticipantKind::Person
                    } else {
                        ParticipantKind::Site
                    },
                    site_author: false,
                }
            }
            Some(a) => {
                let host = source.and_then(host_of).unwrap_or_default();
                let name = a.name.trim().to_string();
                let hash = self.ctx.pseudonymizer.key(&["web-author", &host, &name]);
                Participant {
                    key: format!("web:{host}:author:{hash}"),
                    platform: "web".into(),
                    handle: name.clone(),
                    display_name: name,
                    url: None,
                    kind: ParticipantKind::Person,
                    site_author: false,
                }
            }
            None => match source.and_then(host_of) {
                Some(host) => Participant {
                    key: format!("web:{host}"),
                    platform: "web".into(),
                    handle: host.clone(),
                    display_name: host,
                    url: source.and_then(origin_of),
                    kind: ParticipantKind::Site,
                    site_author: false,
                },
                None => Participant {
                    key: UNKNOWN_AUTHOR.into(),
                    platform: "web".into(),
                    handle: "(unknown)".into(),
                    display_name: "(unknown)".into(),
                    url: None,
                    kind: ParticipantKind::Unknown,
                    site_author: false,
                },
            },
        };
        let key = participant.key.clone();
        if self.participants.insert(key.clone()) {
            self.sink.participant(participant)?;
        }
        Ok(key)
    }
}

/// The stand-in for a mention whose author and source are both unknown.
const UNKNOWN_AUTHOR: &str = "web:(unknown)";

impl Mention {
    /// A copy of the fields an entry gives about itself (author, text, date, URLs), for one
    /// mention per response property.
    fn clone_fields(&self) -> Mention {
        Mention {
            source: self.source.clone(),
            author: self.author.clone(),
            url: self.url.clone(),
            name: self.name.clone(),
            html: self.html.clone(),
            text: self.text.clone(),
            published: self.published,
            verified: true,
            ..Mention::default()
        }
    }
}

/// Author, content, date and URL of an mf2 entry (or h-cite) from its `properties`.
fn entry_fields(props: &Value) -> Mention {
    let author =
        props.get("author").and_then(Value::as_array).and_then(|a| a.first()).map(|a| match a {
            Value::String(s) => author_from_string(s),
            _ => {
                let p = a.get("properties").unwrap_or(&Value::Null);
                Author {
                    name: first_string(p.get("name"))
                        .or_else(|| string(a.get("value")).filter(|v| !usable_url(v)))
                        .unwrap_or_default(),
                    url: first_url(p.get("url")).unwrap_or_default(),
                    card: mf2_types(a).iter().any(|t| t == "h-card"),
                }
            }
        });
    let (html, text) = match props.get("content").and_then(Value::as_array).and_then(|c| c.first())
    {
        Some(Value::String(s)) => (None, Some(s.clone())),
        Some(c) => (string(c.get("html")), string(c.get("value"))),
        None => (None, None),
    };
    let url = first_url(props.get("url"));
    Mention {
        source: url.clone(),
        author,
        url,
        name: first_string(props.get("name")),
        html,
        text,
        published: first_string(props.get("published")).and_then(|p| parse_web_date(&p)),
        verified: true,
        ..Mention::default()
    }
}

fn author_from_string(s: &str) -> Author {
    if usable_url(s) {
        Author { url: s.to_string(), ..Author::default() }
    } else {
        Author { name: s.to_string(), ..Author::default() }
    }
}

fn mf2_types(v: &Value) -> Vec<String> {
    v.get("type")
        .and_then(Value::as_array)
        .map(|t| t.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// A non-empty trimmed string.
fn string(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The first string of an mf2 property (values are arrays; some producers give a bare value).
fn first_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Array(values) => values.iter().find_map(|x| match x {
            Value::String(_) => string(Some(x)),
            Value::Object(_) => string(x.get("value")),
            _ => None,
        }),
        other => string(Some(other)),
    }
}

/// The first URL of a property: a string, or an h-cite / h-card's `url` (else its `value`).
fn first_url(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Array(values) => values.iter().find_map(cite_url),
        other => cite_url(other),
    }
}

fn cite_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(_) => v
            .get("properties")
            .and_then(|p| p.get("url"))
            .and_then(|u| u.as_array())
            .and_then(|u| u.iter().find_map(|x| string(Some(x))))
            .or_else(|| string(v.get("value")).filter(|s| usable_url(s))),
        _ => None,
    }
}

fn usable_url(s: &str) -> bool {
    is_web(s.trim())
}

/// Text without whitespace or case, to compare a title with the start of a text.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn content_hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect()
}

fn origin_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    Some(format!("{}://{}", parsed.scheme(), parsed.host_str()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixture, import_path};

    fn import(name: &str) -> crate::testing::VecSink {
        let (res, sink) = import_path(&Webmention, &fixture(&format!("webmention/{name}")));
        res.unwrap();
        sink
    }

    fn time(item: &Item) -> String {
        relate_model::time::rfc3339(item.created_at.unwrap())
    }

    const SPINNRAD: &str = "web:heimatmuseum-lindenau.example/blog/spinnrad-ausstellung";

    #[test]
    fn links_api_activity_types_become_kinds() {
        let sink = import("links-api.json");
        let kinds: Vec<(&str, ItemKind)> =
            sink.items.iter().map(|i| (i.native_id.as_str(), i.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("500101", ItemKind::Comment),
                ("500102", ItemKind::Like),
                ("500103", ItemKind::Repost),
                ("500104", ItemKind::Mention),
                ("500105", ItemKind::Mention),
                ("500106", ItemKind::Comment),
                ("500107", ItemKind::Mention),
                ("500108", ItemKind::Mention),
            ]
        );
        let reply = sink.item("500101").unwrap();
        assert_eq!(reply.key, "web:webmention.io:500101");
        assert_eq!(reply.conversation, SPINNRAD);
        assert_eq!(reply.parent.as_deref(), Some(SPINNRAD));
        assert_eq!(time(reply), "2024-03-04T17:30:00Z");
        assert_eq!(
            reply.url.as_deref(),
            Some("https://anna-liest.example/2024/03/heimatmuseum-besuch")
        );
        assert!(reply.text.starts_with("Schöne Ausstellung, wir kommen wieder!"), "{}", reply.text);
        // `name` repeating the start of the text is not a title; a real one is
        assert_eq!(reply.title, None);
        assert_eq!(
            sink.item("500105").unwrap().title.as_deref(),
            Some("Opening hours of the Lindenau museum")
        );
        let like = sink.item("500102").unwrap();
        assert_eq!((like.text.as_str(), like.html.as_deref()), ("", None));
        // no published date: the time webmention.io verified it
        assert_eq!(time(like), "2024-03-06T08:00:00Z");
        assert_eq!(sink.item("500103").unwrap().created_at, Some(1_709_715_600));
    }

    #[test]
    fn target_is_the_conversation_url_without_fragment() {
        let sink = import("links-api.json");
        let keys: Vec<&str> = sink.conversations.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![
                SPINNRAD,
                "web:heimatmuseum-lindenau.example",
                "web:heimatmuseum-lindenau.example/blog/oeffnungszeiten"
            ]
        );
        let c = &sink.conversations[0];
        assert_eq!(
            c.url.as_deref(),
            Some("https://heimatmuseum-lindenau.example/blog/spinnrad-ausstellung/")
        );
        assert_eq!(c.platform, "web");
    }

    #[test]
    fn authors_are_keyed_by_their_site_else_by_the_source_host() {
        let sink = import("links-api.json");
        let anna = sink.participant("web:anna-liest.example").unwrap();
        assert_eq!(anna.kind, ParticipantKind::Person);
        assert_eq!(anna.url.as_deref(), Some("https://anna-liest.example/"));
        assert_eq!(anna.display_name, "Anna Liest");
        // an empty author: the page that linked, as a site
        let list = sink.item("500104").unwrap();
        assert_eq!(list.author, "web:linkliste.example");
        let site = sink.participant("web:linkliste.example").unwrap();
        assert_eq!(
            (site.kind, site.url.as_deref()),
            (ParticipantKind::Site, Some("https://linkliste.example"))
        );
        // a name without URL: a hashed key under the source host
        let emil = sink.participant(&sink.item("500107").unwrap().author).unwrap();
        assert!(emil.key.starts_with("web:unbestaetigt.example:author:"), "{}", emil.key);
        assert_eq!((emil.display_name.as_str(), emil.kind), ("Emil", ParticipantKind::Person));
        assert_eq!(sink.participants.len(), 7);
    }

    #[test]
    fn private_is_restricted_and_unverified_is_pending() {
        let sink = import("links-api.json");
        assert_eq!(sink.item("500106").unwrap().state, State::Restricted);
        assert_eq!(sink.item("500107").unwrap().state, State::Pending);
        assert_eq!(sink.item("500101").unwrap().state, State::Public);
    }

    #[test]
    fn unknown_activity_and_missing_target_are_warnings() {
        let sink = import("links-api.json");
        let messages: Vec<&str> = sink.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("\"follow\""), "{messages:?}");
        assert!(messages[1].contains("without target"), "{messages:?}");
        assert!(sink.warnings[1].location.ends_with("links-api.json[8]"), "{:?}", sink.warnings[1]);
    }

    #[test]
    fn jf2_properties_private_and_same_id_as_links_api() {
        let sink = import("mentions.jf2.json");
        assert_eq!(sink.items.len(), 4);
        // wm-id and the links API id are one id space: the same mention, the same key
        let reply = sink.item("500101").unwrap();
        assert_eq!(reply.key, "web:webmention.io:500101");
        assert_eq!(reply.conversation, SPINNRAD);
        assert_eq!(reply.kind, ItemKind::Comment);
        assert_eq!(reply.text, "Schöne Ausstellung, wir kommen wieder!");
        let like = sink.item("500201").unwrap();
        assert_eq!(like.kind, ItemKind::Like);
        assert_eq!(time(like), "2024-04-01T09:00:00Z");
        let rsvp = sink.item("500202").unwrap();
        assert_eq!(rsvp.kind, ItemKind::Comment);
        assert_eq!(rsvp.author, "web:rsvp.example");
        assert_eq!(rsvp.text, "Yes, count us in for the museum night.");
        let private = sink.item("500203").unwrap();
        assert_eq!(private.state, State::Restricted);
        // no wm-target: the mention-of value is the target
        assert_eq!(private.conversation, "web:heimatmuseum-lindenau.example/blog/webstuhl");
        assert_eq!(private.html.as_deref(), Some("Privat: <b>Webstuhl</b> angesehen"));
        assert_eq!(sink.participant("web:fried.example").unwrap().kind, ParticipantKind::Person);
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    }

    #[test]
    fn mf2_reply_cite_names_the_conversation_not_the_author() {
        let (res, sink) = import_path(&Webmention, &fixture("webmention/mf2-reply-with-cite.json"));
        let summary = res.unwrap();
        let reply = &sink.items[0];
        assert_eq!(reply.key, "web:hanna.example/2024/05/antwort:in-reply-to");
        assert_eq!(reply.kind, ItemKind::Comment);
        assert_eq!(reply.conversation, "web:heimatmuseum-lindenau.example/blog/fuehrung");
        assert_eq!(reply.author, "web:hanna.example");
        assert_eq!(time(reply), "2024-05-01T18:15:00Z");
        assert_eq!(reply.text, "Danke für die Führung!");
        let conversation = &sink.conversations[0];
        assert_eq!(conversation.title.as_deref(), Some("Führung durch die Sammlung"));
        // the h-cite's author wrote the target, not the reply
        assert!(sink.participant("web:heimatmuseum-lindenau.example").is_none());
        // one like of two targets inside an h-feed: two items, keys told apart by target
        let likes: Vec<&str> = sink
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Like)
            .map(|i| i.key.as_str())
            .collect();
        assert_eq!(
            likes,
            vec![
                "web:hanna.example/likes/1:like-of:heimatmuseum-lindenau.example/blog/fuehrung",
                "web:hanna.example/likes/1:like-of:heimatmuseum-lindenau.example/blog/webstuhl",
            ]
        );
        assert_eq!(sink.items.len(), 3);
        assert_eq!(summary.skipped.get("h-entry answering nothing"), Some(&1));
        assert_eq!(summary.skipped.get("h-card"), Some(&1));
    }

    #[test]
    fn mf2_of_our_own_page_gives_the_responses_it_shows() {
        let sink = import("mf2-own-page-responses.json");
        assert_eq!(sink.items.len(), 2);
        let comment = &sink.items[0];
        assert_eq!(comment.key, "web:ida.example/r/1:in-reply-to");
        assert_eq!(comment.kind, ItemKind::Comment);
        assert_eq!(comment.conversation, "web:heimatmuseum-lindenau.example/blog/vitrine");
        assert_eq!(comment.text, "Sehr schön geworden!");
        assert_eq!(sink.participant(&comment.author).unwrap().display_name, "Ida");
        let like = &sink.items[1];
        assert_eq!((like.kind, like.author.as_str()), (ItemKind::Like, "web:jonas.example"));
        assert_eq!(sink.conversations[0].title.as_deref(), Some("Neue Vitrine im Erdgeschoss"));
    }

    #[test]
    fn a_bare_array_of_links_is_read_and_a_stray_value_warned() {
        let path = fixture("webmention/links-array.json");
        let input = Input::from_path(&path).unwrap();
        assert_eq!(Webmention.detect(&input), Detection::Yes);
        let (res, sink) = import_path(&Webmention, &path);
        res.unwrap();
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.items[0].author, "web:kurt.example");
        assert_eq!(sink.warnings.len(), 1);
        assert!(sink.warnings[0].location.ends_with("links-array.json[1]"));
    }

    #[test]
    fn truncated_json_is_an_error_with_position() {
        let (res, _) = import_path(&Webmention, &fixture("webmention/truncated.json"));
        let err = res.unwrap_err().to_string();
        assert!(err.contains("truncated.json:") && err.contains("malformed JSON"), "{err}");
    }

    #[test]
    fn detection_claims_the_three_shapes_and_nothing_else() {
        for name in ["links-api.json", "mentions.jf2.json", "mf2-reply-with-cite.json"] {
            let input = Input::from_path(&fixture(&format!("webmention/{name}"))).unwrap();
            assert_eq!(Webmention.detect(&input), Detection::Yes, "{name}");
        }
        let input = Input::from_path(&fixture("wordpress-wxr/blog-v1.xml")).unwrap();
        assert_eq!(Webmention.detect(&input), Detection::No);
    }

    #[test]
    fn url_keys_drop_scheme_fragment_and_trailing_slash() {
        assert_eq!(url_key("https://Example.org/a/?p=1#x"), "example.org/a?p=1");
        assert_eq!(url_key("http://example.org/"), "example.org");
        assert_eq!(url_key("/2017/02/post/#comment-3"), "/2017/02/post");
        assert_eq!(strip_fragment(" https://example.org/a/#c "), "https://example.org/a/");
    }

    #[test]
    fn mf2_dates_with_space_and_colonless_offset() {
        assert_eq!(
            parse_web_date("2013-06-13 12:00:00-0700"),
            parse_web_date("2013-06-13T19:00:00Z")
        );
        assert_eq!(parse_web_date("2013-06-13"), parse_web_date("2013-06-13T00:00:00Z"));
        assert!(parse_web_date("gestern").is_none());
    }
}
