//! `wordpress-wxr`: WordPress eXtended RSS, what Tools -> Export writes.
//!
//! ## Format
//! `rss/channel` with `wp:wxr_version`, `wp:base_site_url`, `wp:base_blog_url` and
//! `wp:author` rows, then one `item` per post, page, attachment or menu entry, each with its
//! comments nested as `wp:comment` (WordPress core `wp-admin/includes/export.php`; notes in
//! `../shared/corpus/FORMATS.md` §1).
//!
//! ## Mapping
//! - An item that can carry a conversation (post, page, or any item that has comments)
//!   becomes a [`Conversation`] and a [`ItemKind::Post`]; menu entries, attachments and
//!   revisions without comments are skipped and counted.
//! - `wp:comment` becomes a comment (`comment_parent` 0), a reply, a pingback or a
//!   trackback; `comment_approved` 1/0/spam/trash maps to public/pending/spam/trash.
//! - Authors (`wp:author`, `dc:creator`) are site authors, hence owners by default. A comment
//!   is an author's when its `comment_user_id` is that author's id or its e-mail matches the
//!   author's e-mail (compared trimmed and case-insensitively).
//! - Guests get a key from a keyed hash of their e-mail (or name and URL when the e-mail is
//!   empty); pingback and trackback sources become one `site` participant per host.
//!
//! ## Known quirks
//! - The namespace varies (`http(s)://wordpress.org/export/1.0|1.1|1.2/`): elements are
//!   matched by local name, so every variant reads the same.
//! - Values come with or without CDATA, and with stray whitespace (e-mails with newlines).
//! - `*_date_gmt` may be missing or `0000-00-00 00:00:00`: the local date is then converted
//!   with the offset the same item's post dates reveal, or the last offset seen; failing that
//!   the local date is taken as UTC and a warning says so.
//! - Comment ids are unique per site, but files merged from several sites repeat them, so a
//!   comment's key includes its post id.
//! - E-mail, IP (`comment_author_IP`) and `commentmeta` (Akismet keeps IPs and user agents
//!   there) are never put into a record.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::Event;
use relate_model::time::{parse_rfc2822, parse_wall_clock, wall_clock_as_utc};
use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};

use crate::content::{extract_links, html_to_text};
use crate::{
    Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning, xml,
};

pub struct Wxr;

const ID: &str = "wordpress-wxr";

impl Importer for Wxr {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "WordPress export (Tools -> Export), WXR 1.0-1.2: posts, pages, comments, pingbacks"
    }

    fn detect(&self, input: &Input) -> Detection {
        let exports = exports(input);
        if !exports.is_empty() {
            return Detection::Yes;
        }
        if input.is_dir() {
            return Detection::No;
        }
        let Some(name) = input.files().into_iter().next() else { return Detection::No };
        let head = if name.ends_with(".xml") { input.head(&name, 8192) } else { Vec::new() };
        if is_xml(&head) && String::from_utf8_lossy(&head).contains("<rss") {
            // an RSS file that may still turn out to be an export: ours to refuse clearly
            return Detection::Maybe;
        }
        Detection::No
    }

    fn import(
        &self,
        input: &Input,
        ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let mut names = exports(input);
        if names.is_empty() && !input.is_dir() {
            names = input.files();
        }
        if names.is_empty() {
            return Err(
                input.not_this_format(ID, "no WordPress export (.xml with wp: elements) in it")
            );
        }
        // WordPress.com zips a large blog as several files: one import, all of them
        let mut summary = ImportSummary::default();
        for name in names {
            let part = self.import_file(input, &name, ctx, sink)?;
            for (what, n) in part.skipped {
                *summary.skipped.entry(what).or_default() += n;
            }
        }
        Ok(summary)
    }
}

/// The WordPress exports an input holds: a single file, or the `.xml` files of a folder or
/// archive (WordPress.com delivers its export zipped) whose head names the export namespace.
fn exports(input: &Input) -> Vec<String> {
    let xml = input.find_all(|n| n.ends_with(".xml"));
    let candidates = if input.is_dir() { xml } else { input.files() };
    candidates
        .into_iter()
        .filter(|n| {
            let head = input.head(n, 8192);
            is_xml(&head) && String::from_utf8_lossy(&head).contains("wordpress.org/export/")
        })
        .collect()
}

/// The first non-blank character is `<` (after a byte-order mark): an XML document, not a
/// text that merely mentions WordPress' export namespace.
fn is_xml(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

impl Wxr {
    fn import_file(
        &self,
        input: &Input,
        name: &str,
        ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let name = name.to_string();
        let reader = input.open_or_err(&name)?;
        let mut parser = Parser {
            ctx,
            input,
            name: name.clone(),
            sink,
            summary: ImportSummary::default(),
            site: None,
            authors: Vec::new(),
            last_offset: None,
            seen_rss: false,
            seen_wxr: false,
        };
        parser.run(reader)?;
        if !parser.seen_rss {
            return Err(ImportError::not_this_format(
                input.display_path(&name),
                ID,
                "no <rss> element",
            ));
        }
        if !parser.seen_wxr {
            return Err(ImportError::not_this_format(
                input.display_path(&name),
                ID,
                "an RSS feed without WordPress export (wp:) elements",
            ));
        }
        Ok(parser.summary)
    }
}

#[derive(Default, Debug)]
struct Author {
    id: String,
    login: String,
    email: String,
    display_name: String,
}

#[derive(Default, Debug)]
struct RawItem {
    /// Byte offset of the element; turned into a line only when a warning needs it.
    offset: u64,
    fields: HashMap<&'static str, String>,
    comments: Vec<RawComment>,
}

#[derive(Default, Debug)]
struct RawComment {
    offset: u64,
    fields: HashMap<&'static str, String>,
}

/// What a comment needs to know of its post.
struct PostContext<'a> {
    site: &'a str,
    key: &'a str,
    native_id: &'a str,
    /// The post's `dc:creator` login.
    creator: &'a str,
}

struct Parser<'a> {
    ctx: &'a ImportContext,
    input: &'a Input,
    name: String,
    sink: &'a mut dyn Sink,
    summary: ImportSummary,
    /// `host/path` of the blog: the namespace of every key.
    site: Option<String>,
    authors: Vec<Author>,
    /// Seconds local time is ahead of UTC, as last revealed by a post's two dates.
    last_offset: Option<i64>,
    seen_rss: bool,
    seen_wxr: bool,
}

/// The fields we read, by local name; anything else (including e-mail and IP of commenters,
/// which are read only for owner detection) is ignored.
const ITEM_FIELDS: &[&str] = &[
    "title",
    "link",
    "pubDate",
    "creator",
    "guid",
    "post_id",
    "post_date",
    "post_date_gmt",
    "status",
    "post_type",
    "post_password",
];
const COMMENT_FIELDS: &[&str] = &[
    "comment_id",
    "comment_author",
    "comment_author_email",
    "comment_author_url",
    "comment_date",
    "comment_date_gmt",
    "comment_content",
    "comment_approved",
    "comment_type",
    "comment_parent",
    "comment_user_id",
];

fn field_name(list: &[&'static str], local: &str) -> Option<&'static str> {
    list.iter().copied().find(|f| *f == local)
}

impl Parser<'_> {
    fn run(&mut self, reader: Box<dyn BufRead + '_>) -> Result<(), ImportError> {
        let mut xml = Reader::from_reader(reader);
        let mut buf = Vec::new();
        // local names of the open elements
        let mut stack: Vec<String> = Vec::new();
        let mut text = String::new();
        let mut item: Option<RawItem> = None;
        let mut comment: Option<RawComment> = None;
        let mut author: Option<Author> = None;
        let mut channel: HashMap<&'static str, String> = HashMap::new();
        loop {
            let event = match xml.read_event_into(&mut buf) {
                Ok(event) => event,
                Err(err) => {
                    let offset = xml.error_position();
                    return Err(xml::error(self.input, &self.name, offset, err.to_string()));
                }
            };
            match event {
                Event::Start(e) => {
                    let qname = e.name().as_ref().to_string();
                    let local = xml::local_name(&e);
                    if qname.starts_with("wp:") {
                        self.seen_wxr = true;
                    }
                    match local.as_str() {
                        "rss" => self.seen_rss = true,
                        "item" if stack.last().is_some_and(|p| p == "channel") => {
                            if self.site.is_none() {
                                self.site = site_of(&channel);
                            }
                            let offset = xml.buffer_position();
                            item = Some(RawItem { offset, ..RawItem::default() });
                        }
                        "comment" if item.is_some() && qname.starts_with("wp:") => {
                            let offset = xml.buffer_position();
                            comment = Some(RawComment { offset, ..RawComment::default() });
                        }
                        "author" if item.is_none() && qname.starts_with("wp:") => {
                            author = Some(Author::default());
                        }
                        _ => {}
                    }
                    // `content:encoded` and `excerpt:encoded` share a local name
                    stack.push(if local == "encoded" { qname } else { local });
                    text.clear();
                }
                Event::Empty(_) => text.clear(),
                Event::Text(t) => text.push_str(&t.xml10_content()),
                Event::CData(t) => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => xml::push_entity(&mut text, &r),
                Event::End(_) => {
                    let Some(name) = stack.pop() else { continue };
                    let value = std::mem::take(&mut text);
                    if let Some(c) = comment.as_mut() {
                        if name == "comment" {
                            if let (Some(c), Some(it)) = (comment.take(), item.as_mut()) {
                                it.comments.push(c);
                            }
                        } else if let Some(f) = field_name(COMMENT_FIELDS, &name) {
                            c.fields.insert(f, value);
                        }
                    } else if let Some(it) = item.as_mut() {
                        if name == "item" {
                            if let Some(it) = item.take() {
                                self.emit(it)?;
                            }
                        } else if name == "content:encoded" || name.ends_with(":encoded") {
                            if !name.starts_with("excerpt") {
                                it.fields.insert("content", value);
                            }
                        } else if let Some(f) = field_name(ITEM_FIELDS, &name) {
                            it.fields.insert(f, value);
                        }
                    } else if let Some(a) = author.as_mut() {
                        match name.as_str() {
                            "author" => {
                                if let Some(a) = author.take() {
                                    self.authors.push(a);
                                }
                            }
                            "author_id" => a.id = value.trim().to_string(),
                            "author_login" => a.login = value.trim().to_string(),
                            "author_email" => a.email = value.trim().to_lowercase(),
                            "author_display_name" => a.display_name = value.trim().to_string(),
                            _ => {}
                        }
                    } else if stack.last().is_some_and(|p| p == "channel") {
                        match name.as_str() {
                            "base_blog_url" => {
                                channel.insert("base_blog_url", value);
                            }
                            "base_site_url" => {
                                channel.insert("base_site_url", value);
                            }
                            "link" => {
                                channel.insert("link", value);
                            }
                            _ => {}
                        }
                    }
                }
                Event::Eof => {
                    if let Some(open) = stack.last() {
                        let offset = xml.buffer_position();
                        return Err(xml::truncated(self.input, &self.name, offset, open));
                    }
                    break;
                }
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }

    fn warn(&mut self, offset: u64, message: String) {
        let location = self.input.line_location(&self.name, offset);
        self.sink.warn(Warning { location, message });
    }

    fn emit(&mut self, raw: RawItem) -> Result<(), ImportError> {
        let get = |k: &str| raw.fields.get(k).map(|s| s.trim()).unwrap_or("");
        let post_type = match get("post_type") {
            "" => "post",
            t => t,
        }
        .to_string();
        if !matches!(post_type.as_str(), "post" | "page") && raw.comments.is_empty() {
            *self.summary.skipped.entry(post_type).or_default() += 1;
            return Ok(());
        }
        // Without channel URLs (partial exports), the first item's host names the site.
        if self.site.is_none() {
            self.site = host_of(get("link"));
        }
        let site = self.site.clone().unwrap_or_else(|| "unknown-site".to_string());
        let native_post_id = match get("post_id") {
            "" => match (get("guid"), get("link")) {
                ("", "") => {
                    self.warn(
                        raw.offset,
                        "item has no wp:post_id, guid or link; skipped".to_string(),
                    );
                    return Ok(());
                }
                ("", link) => link.to_string(),
                (guid, _) => guid.to_string(),
            },
            id => id.to_string(),
        };
        let post_key = format!("wxr:{site}:post:{native_post_id}");

        // Seconds local time is ahead of UTC, from this post's own two dates.
        let local = parse_wall_clock(get("post_date")).and_then(wall_clock_as_utc);
        let gmt = parse_wall_clock(get("post_date_gmt")).and_then(wall_clock_as_utc);
        if let (Some(l), Some(g)) = (local, gmt) {
            self.last_offset = Some(l - g);
        }
        let post_time = gmt
            .or_else(|| parse_rfc2822(get("pubDate")))
            .or_else(|| local.map(|l| l - self.last_offset.unwrap_or(0)));

        let creator = get("creator").to_string();
        // A post in a blog's own export is the blog's, even when its author is not named.
        let author_key = self.author_participant(
            &site,
            if creator.is_empty() { UNKNOWN_AUTHOR } else { &creator },
        )?;

        let state = match get("status") {
            _ if !get("post_password").is_empty() => State::Restricted,
            "" | "publish" | "inherit" => State::Public,
            "private" => State::Restricted,
            "draft" | "pending" | "future" | "auto-draft" => State::Pending,
            "trash" => State::Trash,
            other => {
                self.warn(raw.offset, format!("unknown post status {other:?}; treated as pending"));
                State::Pending
            }
        };
        let title = Some(get("title").to_string()).filter(|t| !t.is_empty());
        let url = Some(get("link").to_string()).filter(|t| !t.is_empty());
        self.sink.conversation(Conversation {
            key: post_key.clone(),
            platform: "wordpress".into(),
            title: title.clone(),
            url: url.clone(),
        })?;
        let html = raw.fields.get("content").cloned().unwrap_or_default();
        let (text, hrefs) = html_to_text(&html);
        let links = extract_links(&text, hrefs);
        self.sink.item(Item {
            key: post_key.clone(),
            native_id: native_post_id.clone(),
            conversation: post_key.clone(),
            parent: None,
            author: author_key,
            kind: ItemKind::Post,
            state,
            created_at: post_time,
            title,
            url,
            html: (html.trim() != text).then_some(html),
            text,
            links,
            mentions: Vec::new(),
        })?;

        let post_offset = match (local, gmt) {
            (Some(l), Some(g)) => Some(l - g),
            _ => self.last_offset,
        };
        for (index, comment) in raw.comments.into_iter().enumerate() {
            let post = PostContext {
                site: &site,
                key: &post_key,
                native_id: &native_post_id,
                creator: &creator,
            };
            self.emit_comment(&post, post_offset, index, comment)?;
        }
        Ok(())
    }

    fn emit_comment(
        &mut self,
        post: &PostContext<'_>,
        offset: Option<i64>,
        index: usize,
        raw: RawComment,
    ) -> Result<(), ImportError> {
        let (site, post_key, native_post_id, creator) =
            (post.site, post.key, post.native_id, post.creator);
        let get = |k: &str| raw.fields.get(k).map(|s| s.trim()).unwrap_or("");
        let native_id = match get("comment_id") {
            "" => {
                self.warn(
                    raw.offset,
                    format!("comment without wp:comment_id in post {native_post_id}; numbered by position"),
                );
                format!("n{index}")
            }
            id => id.to_string(),
        };
        let key = format!("{post_key}:comment:{native_id}");
        let parent = match get("comment_parent") {
            "" | "0" => post_key.to_string(),
            p => format!("{post_key}:comment:{p}"),
        };
        let kind = match get("comment_type") {
            "pingback" => ItemKind::Pingback,
            "trackback" => ItemKind::Trackback,
            "webmention" => ItemKind::Mention,
            "" | "comment" => {
                if parent == post_key {
                    ItemKind::Comment
                } else {
                    ItemKind::Reply
                }
            }
            other => {
                self.warn(
                    raw.offset,
                    format!(
                        "comment {native_id}: unknown comment_type {other:?}; read as a comment"
                    ),
                );
                if parent == post_key { ItemKind::Comment } else { ItemKind::Reply }
            }
        };
        let state = match get("comment_approved") {
            "1" | "approve" | "approved" => State::Public,
            "0" | "hold" | "" => State::Pending,
            "spam" => State::Spam,
            "trash" | "post-trashed" => State::Trash,
            other => {
                self.warn(
                    raw.offset,
                    format!(
                        "comment {native_id}: unknown approval state {other:?}; treated as pending"
                    ),
                );
                State::Pending
            }
        };
        let created_at = match parse_wall_clock(get("comment_date_gmt")).and_then(wall_clock_as_utc)
        {
            Some(t) => Some(t),
            None => match parse_wall_clock(get("comment_date")).and_then(wall_clock_as_utc) {
                Some(local) => {
                    if offset.is_none() {
                        self.warn(raw.offset, format!("comment {native_id}: no GMT date and no known UTC offset; local time taken as UTC"));
                    }
                    Some(local - offset.unwrap_or(0))
                }
                None => {
                    self.warn(raw.offset, format!("comment {native_id}: no usable date"));
                    None
                }
            },
        };

        let name = get("comment_author").to_string();
        let author_url = Some(get("comment_author_url").to_string()).filter(|u| !u.is_empty());
        let author = if kind.is_link_notice() || kind == ItemKind::Mention {
            let host = author_url.as_deref().and_then(host_of).unwrap_or_else(|| name.clone());
            let key = format!("web:{host}");
            self.sink.participant(Participant {
                key: key.clone(),
                platform: "web".into(),
                handle: host.clone(),
                display_name: host,
                url: author_url.as_deref().and_then(origin_of),
                kind: ParticipantKind::Site,
                site_author: false,
            })?;
            key
        } else if let Some(login) =
            self.owner_login(get("comment_user_id"), get("comment_author_email"), &name, creator)
        {
            self.author_participant(site, &login)?
        } else {
            // The e-mail identifies a guest across comments; it is hashed with the workspace
            // secret and dropped here.
            let email = get("comment_author_email").to_lowercase();
            let key = if email.is_empty() {
                self.ctx.pseudonymizer.key(&[
                    "wordpress-guest",
                    site,
                    &name,
                    author_url.as_deref().unwrap_or(""),
                ])
            } else {
                self.ctx.pseudonymizer.key(&["wordpress-guest", site, &email])
            };
            let key = format!("wordpress:{site}:guest:{key}");
            // a guest who typed their e-mail address as name: it is not shown, ever
            let display = if name.is_empty() || crate::content::is_email(&name, "wordpress") {
                "Anonymous".to_string()
            } else {
                name.clone()
            };
            self.sink.participant(Participant {
                key: key.clone(),
                platform: "wordpress".into(),
                handle: display.clone(),
                display_name: display,
                url: author_url.clone(),
                kind: ParticipantKind::Person,
                site_author: false,
            })?;
            key
        };
        let html = get("comment_content").to_string();
        let (text, hrefs) = html_to_text(&html);
        let links = extract_links(&text, hrefs);
        let title = if kind.is_link_notice() { Some(name).filter(|n| !n.is_empty()) } else { None };
        self.sink.item(Item {
            key,
            native_id,
            conversation: post_key.to_string(),
            parent: Some(parent),
            author,
            kind,
            state,
            created_at,
            title,
            url: if kind.is_link_notice() { author_url } else { None },
            html: (html != text).then_some(html),
            text,
            links,
            mentions: Vec::new(),
        })?;
        Ok(())
    }

    /// The login of the site author who wrote a comment, if any: the comment's user id is
    /// the author's, or its e-mail is the author's, or a registered user (user id > 0) wrote
    /// it under the author's login or display name (exports without `wp:author` rows).
    fn owner_login(&self, user_id: &str, email: &str, name: &str, creator: &str) -> Option<String> {
        let email = email.trim().to_lowercase();
        let registered = !matches!(user_id, "" | "0");
        let by_author = self.authors.iter().find(|a| {
            (registered && !a.id.is_empty() && a.id == user_id)
                || (!email.is_empty() && a.email == email)
                || (registered
                    && (a.login.eq_ignore_ascii_case(name)
                        || (!a.display_name.is_empty()
                            && a.display_name.eq_ignore_ascii_case(name))))
        });
        match by_author {
            Some(a) => Some(a.login.clone()),
            None if registered && !creator.is_empty() && creator.eq_ignore_ascii_case(name) => {
                Some(creator.to_string())
            }
            None => None,
        }
    }

    /// Emits the participant for a site author (by login) and returns its key.
    fn author_participant(&mut self, site: &str, login: &str) -> Result<String, ImportError> {
        let key = format!("wordpress:{site}:user:{login}");
        let display_name = self
            .authors
            .iter()
            .find(|a| a.login == login)
            .map(|a| a.display_name.clone())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| login.to_string());
        self.sink.participant(Participant {
            key: key.clone(),
            platform: "wordpress".into(),
            handle: login.to_string(),
            display_name,
            url: None,
            kind: ParticipantKind::Person,
            site_author: true,
        })?;
        Ok(key)
    }
}

/// The login given to posts whose `dc:creator` is missing.
const UNKNOWN_AUTHOR: &str = "(unknown author)";

fn site_of(channel: &HashMap<&'static str, String>) -> Option<String> {
    ["base_blog_url", "link", "base_site_url"]
        .iter()
        .filter_map(|k| channel.get(k))
        .find_map(|u| host_and_path(u))
}

/// `https://Example.org/blog/` -> `example.org/blog`.
fn host_and_path(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let rest = rest.split(['?', '#']).next()?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() {
        return None;
    }
    let path = path.trim_end_matches('/');
    Some(if path.is_empty() || path.contains('.') || path.contains('=') {
        host.to_lowercase()
    } else {
        format!("{}/{path}", host.to_lowercase())
    })
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.to_lowercase();
    (!host.is_empty()).then_some(host)
}

fn origin_of(url: &str) -> Option<String> {
    let (scheme, _) = url.trim().split_once("://")?;
    Some(format!("{scheme}://{}", host_of(url)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::VecSink;
    use crate::{ImportContext, Pseudonymizer};

    fn import_str(xml: &str) -> (Result<ImportSummary, ImportError>, VecSink) {
        let dir = std::env::temp_dir().join(format!("relate-wxr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("t{}.xml", xml.len()));
        std::fs::write(&path, xml).unwrap();
        let input = Input::from_path(&path).unwrap();
        let ctx = ImportContext::new(Pseudonymizer::new(b"test"));
        let mut sink = VecSink::default();
        let res = Wxr.import(&input, &ctx, &mut sink);
        (res, sink)
    }

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><link>https://blog.example/</link>
<wp:author><wp:author_id>3</wp:author_id><wp:author_login>anna</wp:author_login><wp:author_email>Anna@Blog.example</wp:author_email><wp:author_display_name><![CDATA[Anna Beispiel]]></wp:author_display_name></wp:author>
"#;

    #[test]
    fn zero_gmt_date_falls_back_to_local_time_with_the_posts_offset() {
        let xml = format!(
            "{HEAD}<item><title>T</title><dc:creator>anna</dc:creator><wp:post_id>9</wp:post_id>\
             <wp:post_date>2020-01-01 13:00:00</wp:post_date><wp:post_date_gmt>2020-01-01 12:00:00</wp:post_date_gmt>\
             <wp:post_type>post</wp:post_type><wp:status>publish</wp:status>\
             <wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Gast</wp:comment_author>\
             <wp:comment_author_email>gast@example.org</wp:comment_author_email><wp:comment_author_IP>192.0.2.7</wp:comment_author_IP>\
             <wp:comment_date>2020-01-02 10:00:00</wp:comment_date><wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt>\
             <wp:comment_content>Hallo</wp:comment_content><wp:comment_approved>1</wp:comment_approved>\
             <wp:comment_parent>0</wp:comment_parent></wp:comment></item></channel></rss>"
        );
        let (res, sink) = import_str(&xml);
        res.unwrap();
        let c = sink.item("1").unwrap();
        assert_eq!(relate_model::time::rfc3339(c.created_at.unwrap()), "2020-01-02T09:00:00Z");
        assert_eq!(c.kind, ItemKind::Comment);
        let dump = format!("{sink:?}");
        assert!(!dump.contains("gast@example.org") && !dump.contains("192.0.2.7"));
    }

    #[test]
    fn a_guest_who_typed_an_email_as_name_is_shown_as_anonymous() {
        let xml = format!(
            "{HEAD}<item><dc:creator>anna</dc:creator><wp:post_id>9</wp:post_id><wp:post_type>post</wp:post_type>\
             <wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>petra.k@mail.example</wp:comment_author>\
             <wp:comment_author_email></wp:comment_author_email>\
             <wp:comment_content>Schöner Beitrag</wp:comment_content><wp:comment_approved>1</wp:comment_approved>\
             <wp:comment_parent>0</wp:comment_parent></wp:comment></item></channel></rss>"
        );
        let (res, sink) = import_str(&xml);
        res.unwrap();
        let c = sink.item("3").unwrap();
        assert_eq!(sink.participant(&c.author).unwrap().display_name, "Anonymous");
        assert!(!format!("{sink:?}").contains("petra.k@mail.example"));
    }

    #[test]
    fn owner_comment_found_by_email_in_other_case_and_whitespace() {
        let xml = format!(
            "{HEAD}<item><dc:creator>anna</dc:creator><wp:post_id>9</wp:post_id><wp:post_type>post</wp:post_type>\
             <wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_author>Anna</wp:comment_author>\
             <wp:comment_author_email>\n  anna@blog.EXAMPLE\n</wp:comment_author_email><wp:comment_user_id>0</wp:comment_user_id>\
             <wp:comment_content>x</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>7</wp:comment_parent></wp:comment>\
             </item></channel></rss>"
        );
        let (res, sink) = import_str(&xml);
        res.unwrap();
        let c = sink.item("2").unwrap();
        assert_eq!(c.author, "wordpress:blog.example:user:anna");
        assert_eq!(c.kind, ItemKind::Reply);
        assert_eq!(c.parent.as_deref(), Some("wxr:blog.example:post:9:comment:7"));
        assert!(sink.participant(&c.author).unwrap().site_author);
    }

    #[test]
    fn truncated_file_is_an_error_with_line_and_column() {
        let xml = format!("{HEAD}<item><title>T</title><wp:post_id>1</wp:post_id></channel>");
        let (res, _) = import_str(&xml);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("malformed XML"), "{err}");
        assert!(err.contains(":5:"), "{err}");
    }

    #[test]
    fn plain_rss_is_not_a_wordpress_export() {
        let (res, _) = import_str(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</title></item></channel></rss>",
        );
        assert!(res.unwrap_err().to_string().contains("not readable as wordpress-wxr"));
    }

    #[test]
    fn menu_items_without_comments_are_skipped_and_counted() {
        let xml = format!(
            "{HEAD}<item><wp:post_id>5</wp:post_id><wp:post_type>nav_menu_item</wp:post_type></item></channel></rss>"
        );
        let (res, sink) = import_str(&xml);
        assert_eq!(res.unwrap().skipped.get("nav_menu_item"), Some(&1));
        assert!(sink.items.is_empty());
    }

    #[test]
    fn host_and_path_keeps_blog_paths() {
        assert_eq!(host_and_path("https://Example.org/blog/").as_deref(), Some("example.org/blog"));
        assert_eq!(host_and_path("http://example.tld/?p=4").as_deref(), Some("example.tld"));
    }
}

#[cfg(test)]
mod archive_tests {
    use super::*;
    use crate::testing::{fixture, import_path};
    use std::io::Write;

    #[test]
    fn a_zipped_export_with_two_parts_imports_both() {
        // WordPress.com hands out its export as a zip, large blogs split into several files
        let file = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
        let mut zip = zip::ZipWriter::new(file.reopen().unwrap());
        let opts = zip::write::SimpleFileOptions::default();
        for (name, source) in [
            ("museumblog.wordpress.2026-03-01.000.xml", "wordpress-wxr/blog-v1.xml"),
            ("museumblog.wordpress.2026-03-01.001.xml", "wordpress-wxr/odd-records.xml"),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(&std::fs::read(fixture(source)).unwrap()).unwrap();
        }
        zip.start_file("README.txt", opts).unwrap();
        zip.write_all(b"mentions wordpress.org/export/ but is not an export").unwrap();
        zip.finish().unwrap();
        let input = Input::from_path(file.path()).unwrap();
        assert_eq!(Wxr.detect(&input), Detection::Yes);
        let (result, zipped) = import_path(&Wxr, file.path());
        result.unwrap();
        let (_, one) = import_path(&Wxr, &fixture("wordpress-wxr/blog-v1.xml"));
        let (_, two) = import_path(&Wxr, &fixture("wordpress-wxr/odd-records.xml"));
        assert_eq!(zipped.items.len(), one.items.len() + two.items.len());
        assert!(!zipped.warnings.is_empty(), "odd-records warns");
        assert!(zipped.warnings.iter().all(|w| w.location.contains(".zip!/museumblog")));
    }
}
