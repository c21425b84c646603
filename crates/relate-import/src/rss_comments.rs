//! `rss-comments`: comment feeds (and post feeds with comment counts) of a blog, RSS 2.0 or
//! Atom, as WordPress and other blog engines serve them.
//!
//! ## Format
//! - RSS 2.0 comment feed (WordPress `wp-includes/feed-rss2-comments.php`): `rss/channel/item`
//!   with `title` "Comment on {post} by {name}", `link` = post URL `#comment-N`, `dc:creator`,
//!   `pubDate`, `guid` `?p={post id}#comment-N`, `description` and `content:encoded`.
//! - Atom comment feed (`feed-atom-comments.php`, RFC 4287 with RFC 4685 threading):
//!   `feed/entry` with `author/name` and `author/uri`, `id`, `published`/`updated`, `content`,
//!   `link rel="alternate"`, and `thr:in-reply-to ref=".." href=".."`, whose `ref` is the post's
//!   id for a top-level comment and the parent comment's id for a reply.
//! - Post feed (RSS 2.0 or Atom): posts with `slash:comments`, `wfw:commentRss`, or Atom's
//!   `link rel="replies" thr:count` (Slash and WFW modules, RFC 4685).
//!
//! Notes in `../shared/corpus/FORMATS.md` §12. A WordPress export (WXR) is RSS too, but with
//! `wp:` elements: it belongs to `wordpress-wxr` and is refused here.
//!
//! ## Mapping
//! - A comment's post URL is its link without the fragment; the post's conversation has the
//!   key `web:<post URL normalised>` (see [`crate::webmention`]: the same scheme as the
//!   webmention targets, so a blog's comments from its RSS, Atom and per-post feeds and the
//!   mentions it received meet in one conversation) and the post URL as its `url`, so it
//!   stitches with a WXR import of the same blog. Its title comes from "Comment on {post} by
//!   ..." where a comment feed says so.
//! - A WordPress comment is keyed `web:<post URL normalised>#comment-N`; others by their
//!   `guid` / `id`. It is a [`ItemKind::Comment`] with the post's key as parent, or a
//!   [`ItemKind::Reply`] when Atom's `thr:in-reply-to` or WordPress' "In reply to" line names a
//!   parent comment.
//! - Commenters with a URL (Atom `author/uri`) are keyed by their site, `web:<uri
//!   normalised>`, as webmention authors are; others by a keyed hash of site and name.
//!   Pingbacks (text `[…] excerpt […]`, author = the linking page's title) are
//!   [`ItemKind::Pingback`] by a `Site` participant.
//! - Post feed items become [`ItemKind::Post`]s keyed like their conversation, written by
//!   their `dc:creator` / `author` as a site author. A post's comment count (`slash:comments`,
//!   `thr:count`, `thr:total`) is an [`AudienceSnapshot`] `replies` on the post, dated by the
//!   feed's `lastBuildDate` / `updated`. `wfw:commentRss` is never fetched.
//!
//! ## Known quirks
//! - Static mirrors rewrite URLs to relative ones, in some places and not others (ids
//!   `http://old-domain/?p=134#comment-3858` next to `/?p=886#comment-2608`): everything is
//!   resolved against the channel's absolute link (or `atom:link rel="self"`), and keys are
//!   built from links, not ids. Without any absolute URL, keys keep the paths, conversations
//!   get no URL (nothing to stitch with), and a warning says so.
//! - RSS 2 comment feeds carry no parent: WordPress writes a first paragraph "In reply to <a
//!   href="..#comment-N">Name</a>." (in the site's language) into the content. A first
//!   paragraph that is only a link to a `#comment-N` is read as the parent and left out of the
//!   text (the HTML keeps it).
//! - `description` holds the same text with its markup escaped once more; `content:encoded`
//!   is preferred.
//! - Names and titles may carry entities escaped twice (`&amp;#8211;`): they are decoded as
//!   HTML after the XML parser's own pass.
//! - RSS `author` is an e-mail address by the spec: only a name in parentheses is kept. Atom
//!   `author/email` is never read.
//! - Atom `content type="xhtml"` holds markup as XML elements: it is kept as HTML.
//! - Other engines (Blogger) key comments by `tag:` ids and address them with a query
//!   (`?showComment=N#cN`): such a query is not part of the post URL, and `thr:in-reply-to`'s
//!   `ref` is matched against the parents' ids.
//! - Feeds hold only the last 10-50 comments: parents outside the feed stay dangling keys.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use relate_model::time::parse_web_date;
use relate_model::{
    AudienceSnapshot, Conversation, Item, ItemKind, Participant, ParticipantKind, State,
};

use crate::content::{extract_links, html_to_text};
use crate::urls::{is_web, strip_fragment, url_key};
use crate::{
    Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning, xml,
};

pub struct RssComments;

const ID: &str = "rss-comments";

impl Importer for RssComments {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Blog comment feeds, RSS 2.0 or Atom (WordPress and others), and post feeds' comment counts"
    }

    fn detect(&self, input: &Input) -> Detection {
        if input.is_dir() {
            return Detection::No;
        }
        let Some(name) = input.files().into_iter().next() else { return Detection::No };
        let head = input.head(&name, 8192);
        let head = String::from_utf8_lossy(&head);
        if head.contains("wordpress.org/export/") || head.contains("xmlns:wp=") {
            return Detection::No;
        }
        let rss = head.contains("<rss") || head.contains("<rdf:RDF");
        let atom = head.contains("<feed") && head.contains("http://www.w3.org/2005/Atom");
        if !rss && !atom {
            return Detection::No;
        }
        let comments = [
            "#comment-",
            "purl.org/syndication/thread",
            "purl.org/rss/1.0/modules/slash",
            "wellformedweb.org/CommentAPI",
        ];
        if comments.iter().any(|c| head.contains(c)) { Detection::Yes } else { Detection::Maybe }
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
        let reader = input.open_or_err(&name)?;
        let mut feed = Feed {
            ctx,
            input,
            name: name.clone(),
            sink,
            summary: ImportSummary::default(),
            base: None,
            site: RELATIVE_SITE.to_string(),
            base_checked: false,
            built: None,
            feed_post_title: None,
            conversations: HashMap::new(),
            participants: HashSet::new(),
        };
        feed.run(reader)
    }
}

/// The site name in keys of feeds that give no absolute URL at all.
const RELATIVE_SITE: &str = "(relative)";

/// One `item` / `entry`, as read.
#[derive(Default, Debug)]
struct Entry {
    offset: u64,
    title: String,
    link: String,
    id: String,
    creator: String,
    author_uri: String,
    date: String,
    updated: String,
    description: String,
    content: String,
    in_reply_to: Option<(String, String)>,
    comment_count: Option<String>,
}

struct Feed<'a> {
    ctx: &'a ImportContext,
    input: &'a Input,
    name: String,
    sink: &'a mut dyn Sink,
    summary: ImportSummary,
    /// The absolute URL relative links resolve against.
    base: Option<url::Url>,
    /// `url_key` of the base: the namespace of guest keys.
    site: String,
    /// Whether the channel's fields were looked at (once, at the first entry).
    base_checked: bool,
    /// The feed's own date: when its comment counts were true.
    built: Option<i64>,
    /// The post a per-post comment feed is about, from its title.
    feed_post_title: Option<String>,
    /// Conversation keys sent, and whether with a title.
    conversations: HashMap<String, bool>,
    participants: HashSet<String>,
}

impl Feed<'_> {
    fn run(&mut self, reader: Box<dyn BufRead + '_>) -> Result<ImportSummary, ImportError> {
        let mut xml = Reader::from_reader(reader);
        let mut buf = Vec::new();
        // local names of the open elements (prefixed where two modules share a local name)
        let mut stack: Vec<String> = Vec::new();
        let mut text = String::new();
        let mut entry: Option<Entry> = None;
        // Atom `content type="xhtml"`: the depth at which markup is captured as text
        let mut capture: Option<usize> = None;
        let mut in_author = false;
        let mut channel_links: Vec<String> = Vec::new();
        let mut root_seen = false;
        loop {
            let event = match xml.read_event_into(&mut buf) {
                Ok(event) => event,
                Err(err) => {
                    let offset = xml.error_position();
                    return Err(xml::error(self.input, &self.name, offset, err.to_string()));
                }
            };
            match event {
                Event::Start(e) if capture.is_some() => {
                    text.push('<');
                    text.push_str(&e);
                    text.push('>');
                    stack.push(xml::local_name(&e));
                }
                Event::Empty(e) if capture.is_some() => {
                    text.push('<');
                    text.push_str(&e);
                    text.push_str("/>");
                }
                Event::End(e) if capture.is_some_and(|depth| stack.len() > depth) => {
                    text.push_str("</");
                    text.push_str(e.name().as_ref());
                    text.push('>');
                    stack.pop();
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let is_start = matches!(event, Event::Start(_));
                    let name = xml::local_name(e);
                    let qname = e.name().as_ref().to_string();
                    if !root_seen {
                        root_seen = true;
                        self.check_root(e, &name)?;
                    }
                    match name.as_str() {
                        "item" | "entry" if entry.is_none() => {
                            if !self.base_checked {
                                self.set_base(&channel_links);
                            }
                            entry =
                                Some(Entry { offset: xml.buffer_position(), ..Entry::default() });
                        }
                        "author" if entry.is_some() => in_author = true,
                        "link" => {
                            let rel = attr(e, "rel").unwrap_or_default();
                            let href = attr(e, "href");
                            match (entry.as_mut(), href) {
                                (Some(en), Some(href)) if rel.is_empty() || rel == "alternate" => {
                                    en.link = href;
                                }
                                (Some(en), Some(_)) if rel == "replies" => {
                                    if let Some(count) = attr(e, "thr:count") {
                                        en.comment_count = Some(count);
                                    }
                                }
                                (None, Some(href)) if matches!(rel.as_str(), "" | "alternate") => {
                                    channel_links.insert(0, href);
                                }
                                (None, Some(href)) if rel == "self" => channel_links.push(href),
                                _ => {}
                            }
                        }
                        "in-reply-to" => {
                            if let Some(en) = entry.as_mut() {
                                en.in_reply_to = Some((
                                    attr(e, "ref").unwrap_or_default(),
                                    attr(e, "href").unwrap_or_default(),
                                ));
                            }
                        }
                        "content"
                            if entry.is_some()
                                && is_start
                                && attr(e, "type").as_deref() == Some("xhtml") =>
                        {
                            capture = Some(stack.len() + 1);
                        }
                        _ => {}
                    }
                    if is_start {
                        stack.push(if qname == "content:encoded" { qname } else { name });
                        text.clear();
                    }
                }
                Event::Text(t) => text.push_str(&t.xml10_content()),
                Event::CData(t) => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => xml::push_entity(&mut text, &r),
                Event::End(_) => {
                    let Some(name) = stack.pop() else { continue };
                    if capture.is_some() {
                        capture = None;
                    }
                    let value = std::mem::take(&mut text);
                    if let Some(en) = entry.as_mut() {
                        match name.as_str() {
                            "item" | "entry" => {
                                if let Some(en) = entry.take() {
                                    self.emit(en)?;
                                }
                            }
                            "author" => {
                                in_author = false;
                                // RSS `author` is an e-mail address, maybe with a name in
                                // brackets; Atom's has children and no text of its own
                                if en.creator.is_empty() && !value.trim().is_empty() {
                                    en.creator = rss_author_name(&value);
                                }
                            }
                            "name" if in_author => en.creator = value.trim().to_string(),
                            "uri" if in_author => en.author_uri = value.trim().to_string(),
                            "creator" => en.creator = value.trim().to_string(),
                            "title" => en.title = value,
                            "link" if !value.trim().is_empty() => en.link = value.trim().into(),
                            "guid" | "id" => en.id = value.trim().to_string(),
                            "pubDate" | "published" | "date" | "issued" => en.date = value,
                            "updated" | "modified" => en.updated = value,
                            "description" | "summary" => en.description = value,
                            "content:encoded" | "content" => en.content = value,
                            // RSS' own `comments` is the URL of the comment form; Slash's
                            // `comments` and thr's `total` are counts
                            "comments" | "total"
                                if en.comment_count.is_none()
                                    && !value.contains('/')
                                    && !value.trim().is_empty() =>
                            {
                                en.comment_count = Some(value.trim().to_string());
                            }
                            _ => {}
                        }
                    } else {
                        match name.as_str() {
                            "link" if !value.trim().is_empty() => {
                                channel_links.insert(0, value.trim().to_string());
                            }
                            // a per-post comment feed: "Comments on: {post}"
                            "title" if self.feed_post_title.is_none() => {
                                self.feed_post_title = decode(&value).and_then(|t| {
                                    t.strip_prefix("Comments on: ").map(|p| p.trim().to_string())
                                });
                            }
                            "lastBuildDate" | "updated" | "pubDate" if self.built.is_none() => {
                                self.built = parse_web_date(&value);
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
        if !root_seen {
            return Err(self.not_this_format("no XML element at all"));
        }
        Ok(std::mem::take(&mut self.summary))
    }

    fn not_this_format(&self, reason: &str) -> ImportError {
        ImportError::not_this_format(self.input.display_path(&self.name), ID, reason.to_string())
    }

    fn check_root(&self, e: &BytesStart<'_>, name: &str) -> Result<(), ImportError> {
        if !matches!(name, "rss" | "feed" | "RDF") {
            return Err(
                self.not_this_format(&format!("the root element is <{name}>, not <rss> or <feed>"))
            );
        }
        let wxr = e
            .attributes()
            .with_checks(false)
            .flatten()
            .any(|a| a.value.contains("wordpress.org/export/"));
        if wxr {
            return Err(self.not_this_format(
                "a WordPress export (WXR, with wp: elements): import it as wordpress-wxr",
            ));
        }
        Ok(())
    }

    /// Picks the first absolute channel link (alternate before self) as the base.
    fn set_base(&mut self, links: &[String]) {
        self.base_checked = true;
        self.base = links
            .iter()
            .find_map(|l| url::Url::parse(l.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        match &self.base {
            Some(base) => {
                let key = url_key(base.as_str());
                // the blog's host (and path), without a trailing feed path
                self.site = key
                    .trim_end_matches("/comments/feed")
                    .trim_end_matches("/feed")
                    .trim_end_matches("/feed/atom")
                    .to_string();
            }
            None => self.sink.warn(Warning {
                location: self.input.display_path(&self.name).display().to_string(),
                message: "the feed gives no absolute site URL: keys use paths only and \
                          conversations get no URL to stitch with"
                    .into(),
            }),
        }
    }

    /// `url` resolved against the base; relative and unparsable URLs come back as given.
    fn resolve(&self, url: &str) -> String {
        let url = url.trim();
        if url.is_empty() {
            return String::new();
        }
        match &self.base {
            Some(base) => base.join(url).map(|u| u.to_string()).unwrap_or_else(|_| url.into()),
            None => url.to_string(),
        }
    }

    /// Links as readers reach them: relative ones (`/wp-content/...`) against the base.
    fn resolve_all(&self, hrefs: Vec<String>) -> Vec<String> {
        hrefs.iter().map(|h| self.resolve(h)).collect()
    }

    fn warn(&mut self, offset: u64, message: String) {
        let location = self.input.line_location(&self.name, offset);
        self.sink.warn(Warning { location, message });
    }

    fn emit(&mut self, en: Entry) -> Result<(), ImportError> {
        let link = self.resolve(&en.link);
        let id = self.resolve(&en.id);
        let comment_number = comment_number(&link).or_else(|| comment_number(&id));
        let is_comment = en.in_reply_to.is_some() || comment_number.is_some();
        if is_comment {
            self.emit_comment(en, link, id, comment_number)
        } else {
            self.emit_post(en, link, id)
        }
    }

    fn emit_post(&mut self, en: Entry, link: String, id: String) -> Result<(), ImportError> {
        let url = if link.is_empty() { id.clone() } else { link };
        if url.is_empty() {
            self.warn(en.offset, "item without link or guid, skipped".into());
            return Ok(());
        }
        let key = format!("web:{}", url_key(&url));
        let title = decode(&en.title);
        let public_url = absolute(&url);
        self.conversation(&key, title.clone(), public_url.clone())?;
        let author = self.author(&en.creator, "", true)?;
        let html = if en.content.trim().is_empty() { &en.description } else { &en.content };
        let (text, hrefs) = html_to_text(html);
        let links = extract_links(&text, self.resolve_all(hrefs));
        self.sink.item(Item {
            key: key.clone(),
            native_id: if en.id.is_empty() { url.clone() } else { en.id.clone() },
            conversation: key.clone(),
            parent: None,
            author,
            kind: ItemKind::Post,
            state: State::Public,
            created_at: parse_web_date(&en.date).or_else(|| parse_web_date(&en.updated)),
            title,
            url: public_url,
            html: (html.trim() != text).then(|| html.to_string()),
            text,
            links,
            mentions: Vec::new(),
        })?;
        if let Some(count) = &en.comment_count {
            match count.trim().parse::<i64>() {
                Ok(value) => self.sink.audience(AudienceSnapshot {
                    platform: "web".into(),
                    account: None,
                    item: Some(key),
                    metric: "replies".into(),
                    value,
                    at: self.built,
                })?,
                Err(_) => self.warn(en.offset, format!("comment count {count:?} is not a number")),
            }
        }
        Ok(())
    }

    fn emit_comment(
        &mut self,
        en: Entry,
        link: String,
        id: String,
        number: Option<String>,
    ) -> Result<(), ImportError> {
        let reply_to = en.in_reply_to.as_ref().map(|(r, h)| (self.resolve(r), self.resolve(h)));
        // the post: a WordPress comment's link without `#comment-N`; else the post Atom's
        // in-reply-to points at (other engines add queries to comment links); else the link
        let answers_post = |(r, h): &&(String, String)| !r.contains('#') && !h.contains('#');
        let post_url = match reply_to.as_ref().filter(answers_post) {
            Some((_, href)) if number.is_none() && !href.is_empty() => strip_fragment(href),
            _ if !link.is_empty() => strip_fragment(&link),
            Some((_, href)) if !href.is_empty() => strip_fragment(href),
            _ => strip_fragment(&id),
        };
        let post_url = without_comment_query(&post_url);
        if post_url.is_empty() {
            self.warn(en.offset, "comment without link, guid or in-reply-to, skipped".into());
            return Ok(());
        }
        let post_key = format!("web:{}", url_key(&post_url));
        let comment_key = |n: &str| format!("{post_key}#comment-{n}");
        let (key, native_id) = match &number {
            Some(n) => (comment_key(n), n.clone()),
            None if !id.is_empty() => (format!("web:{}", fragment_key(&id)), en.id.clone()),
            None => (format!("web:{}", fragment_key(&link)), link.clone()),
        };

        let html =
            if en.content.trim().is_empty() { en.description.clone() } else { en.content.clone() };
        let mut body = html.as_str();
        let mut parent = None;
        if let Some((reference, href)) = &reply_to {
            parent = match comment_number(reference) {
                Some(n) => Some(comment_key(&n)),
                None if reference.contains('#') || href.contains('#') => {
                    Some(format!("web:{}", fragment_key(reference)))
                }
                None => None,
            };
        } else if let Some((n, rest)) = in_reply_to_line(&html) {
            parent = Some(comment_key(&n));
            body = rest;
        }
        let (text, hrefs) = html_to_text(body);
        let links = extract_links(&text, self.resolve_all(hrefs));
        let creator = decode(&en.creator).unwrap_or_default();
        let pingback = is_pingback(&text);
        let kind = match (&parent, pingback) {
            (_, true) => ItemKind::Pingback,
            (Some(_), false) => ItemKind::Reply,
            (None, false) => ItemKind::Comment,
        };
        let author = if pingback {
            self.pingback_site(&creator)?
        } else {
            self.author(&creator, &en.author_uri, false)?
        };
        let post_title = decode(&en.title)
            .and_then(|t| post_title(&t, &creator))
            .or_else(|| self.feed_post_title.clone());
        self.conversation(&post_key, post_title, absolute(&post_url))?;
        self.sink.item(Item {
            key,
            native_id,
            conversation: post_key.clone(),
            parent: Some(parent.unwrap_or(post_key)),
            author,
            kind,
            state: State::Public,
            created_at: parse_web_date(&en.date).or_else(|| parse_web_date(&en.updated)),
            title: if pingback { Some(creator).filter(|c| !c.is_empty()) } else { None },
            url: absolute(&link),
            html: (html.trim() != text).then_some(html),
            text,
            links,
            mentions: Vec::new(),
        })?;
        Ok(())
    }

    fn conversation(
        &mut self,
        key: &str,
        title: Option<String>,
        url: Option<String>,
    ) -> Result<(), ImportError> {
        // sent again only when a later comment names an untitled post
        let titled = title.is_some();
        let known = self.conversations.get(key).copied();
        if known.is_none() || (known == Some(false) && titled) {
            self.conversations.insert(key.to_string(), titled);
            self.sink.conversation(Conversation {
                key: key.to_string(),
                platform: "web".into(),
                title,
                url,
            })?;
        }
        Ok(())
    }

    /// A commenter (or, with `site_author`, a post author) and its key.
    fn author(&mut self, name: &str, uri: &str, site_author: bool) -> Result<String, ImportError> {
        let name = decode(name).unwrap_or_default();
        let uri = uri.trim();
        let participant = if !site_author && is_web(uri) {
            let handle = url_key(uri);
            Participant {
                key: format!("web:{handle}"),
                platform: "web".into(),
                display_name: if name.is_empty() { handle.clone() } else { name.clone() },
                handle,
                url: Some(uri.to_string()),
                kind: ParticipantKind::Person,
                site_author: false,
            }
        } else if site_author {
            let name = if name.is_empty() { "(unknown author)".to_string() } else { name };
            Participant {
                key: format!("web:{}:author:{name}", self.site),
                platform: "web".into(),
                handle: name.clone(),
                display_name: name,
                url: None,
                kind: ParticipantKind::Person,
                site_author: true,
            }
        } else {
            let hash = self.ctx.pseudonymizer.key(&["feed-guest", &self.site, &name]);
            let display = if name.is_empty() { "Anonymous".to_string() } else { name };
            Participant {
                key: format!("web:{}:guest:{hash}", self.site),
                platform: "web".into(),
                handle: display.clone(),
                display_name: display,
                url: None,
                kind: ParticipantKind::Person,
                site_author: false,
            }
        };
        self.send_participant(participant)
    }

    /// The page a pingback came from, known only by its title.
    fn pingback_site(&mut self, title: &str) -> Result<String, ImportError> {
        let hash = self.ctx.pseudonymizer.key(&["feed-pingback", &self.site, title]);
        let display = if title.is_empty() { "(unknown site)".to_string() } else { title.into() };
        self.send_participant(Participant {
            key: format!("web:{}:pingback:{hash}", self.site),
            platform: "web".into(),
            handle: display.clone(),
            display_name: display,
            url: None,
            kind: ParticipantKind::Site,
            site_author: false,
        })
    }

    fn send_participant(&mut self, participant: Participant) -> Result<String, ImportError> {
        let key = participant.key.clone();
        if self.participants.insert(key.clone()) {
            self.sink.participant(participant)?;
        }
        Ok(key)
    }
}

/// An attribute's value by its qualified name, entities resolved.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.trim().to_string())
}

/// `N` of a WordPress comment URL or guid ending `#comment-N`.
fn comment_number(url: &str) -> Option<String> {
    let (_, fragment) = url.rsplit_once('#')?;
    let n = fragment.strip_prefix("comment-")?;
    (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| n.to_string())
}

/// `url_key` with the fragment kept: ids of comments that are not WordPress'.
fn fragment_key(url: &str) -> String {
    match url.split_once('#') {
        Some((_, fragment)) if !fragment.is_empty() => format!("{}#{fragment}", url_key(url)),
        _ => url_key(url),
    }
}

/// A post URL without the query that addresses one comment on it (Blogger's
/// `?showComment=N`, WordPress' `?replytocom=N`).
fn without_comment_query(url: &str) -> String {
    let Some((path, query)) = url.split_once('?') else { return url.to_string() };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.starts_with("showComment=") && !p.starts_with("replytocom="))
        .collect();
    if kept.is_empty() { path.to_string() } else { format!("{path}?{}", kept.join("&")) }
}

fn absolute(url: &str) -> Option<String> {
    let url = url.trim();
    is_web(url).then(|| url.to_string())
}

/// Plain text of a name or title: whitespace collapsed, entities decoded even when escaped
/// twice. `None` when empty.
fn decode(s: &str) -> Option<String> {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = if collapsed.contains('&') || collapsed.contains('<') {
        html_to_text(&collapsed).0
    } else {
        collapsed
    };
    Some(text).filter(|t| !t.is_empty())
}

/// The name from an RSS `author` (`mail@example.org (Name)`); never the address.
fn rss_author_name(value: &str) -> String {
    let value = value.trim();
    match (value.find('('), value.rfind(')')) {
        (Some(open), Some(close)) if open < close => value[open + 1..close].trim().to_string(),
        _ if value.contains('@') => String::new(),
        _ => value.to_string(),
    }
}

/// The post title in WordPress' "Comment on {post} by {name}".
fn post_title(title: &str, creator: &str) -> Option<String> {
    let rest = title.strip_prefix("Comment on ")?;
    let post = if creator.is_empty() {
        rest.rsplit_once(" by ").map(|(p, _)| p)?
    } else {
        rest.strip_suffix(creator)?.strip_suffix(" by ")?
    };
    Some(post.trim().to_string()).filter(|p| !p.is_empty())
}

/// WordPress' "In reply to <a href="..#comment-N">Name</a>." first paragraph (worded in the
/// site's language): the parent's number and the HTML after that paragraph.
fn in_reply_to_line(html: &str) -> Option<(String, &str)> {
    let trimmed = html.trim_start();
    let body = trimmed.strip_prefix("<p>").unwrap_or(trimmed);
    let end = body.find("</p>").or_else(|| body.find('\n'))?;
    let line = &body[..end];
    // a short line that is words, one link, and a full stop or colon
    let before_link = line.find("<a ")?;
    if line.len() > 300 || line[..before_link].contains('<') || line.matches("<a ").count() != 1 {
        return None;
    }
    let after = line.trim_end();
    if !(after.ends_with("</a>.") || after.ends_with("</a>:")) {
        return None;
    }
    let href_start = line.find("href=")? + "href=".len();
    let quote = line[href_start..].chars().next()?;
    let href_end = line[href_start + 1..].find(quote)? + href_start + 1;
    let number = comment_number(&line[href_start + 1..href_end])?;
    let rest = &body[end..];
    let rest = rest.strip_prefix("</p>").unwrap_or(rest);
    Some((number, rest))
}

/// WordPress shows a pingback as an excerpt between ellipses in brackets.
fn is_pingback(text: &str) -> bool {
    let t = text.trim();
    let opens = t.starts_with("[…]") || t.starts_with("[...]");
    let closes = t.ends_with("[…]") || t.ends_with("[...]");
    opens && closes && t.len() > 6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};

    fn import(name: &str) -> VecSink {
        let (res, sink) = import_path(&RssComments, &fixture(&format!("rss-comments/{name}")));
        res.unwrap();
        sink
    }

    fn time(item: &Item) -> String {
        relate_model::time::rfc3339(item.created_at.unwrap())
    }

    const WEBSTUHL: &str = "web:heimatmuseum-lindenau.example/blog/webstuhl";
    const TRACHTEN: &str = "web:heimatmuseum-lindenau.example/blog/trachten";

    #[test]
    fn rss2_comments_reply_line_and_conversation() {
        let sink = import("rss2-comments.xml");
        let first = sink.item("21").unwrap();
        assert_eq!(first.key, format!("{WEBSTUHL}#comment-21"));
        assert_eq!((first.kind, first.parent.as_deref()), (ItemKind::Comment, Some(WEBSTUHL)));
        assert_eq!(time(first), "2024-06-08T14:00:00Z");
        // relative links resolve against the channel link
        assert_eq!(first.links, vec!["https://heimatmuseum-lindenau.example/blog/geschichte/"]);
        // German "Als Antwort auf <a ..#comment-21>": a reply, the line left out of the text
        let reply = sink.item("22").unwrap();
        assert_eq!(reply.kind, ItemKind::Reply);
        assert_eq!(reply.parent.as_deref(), Some(format!("{WEBSTUHL}#comment-21").as_str()));
        assert_eq!(reply.text, "Er stammt aus dem Jahr 1862.");
        assert!(reply.html.as_deref().unwrap().contains("Als Antwort auf"));
        let conversation = &sink.conversations[0];
        assert_eq!(conversation.key, WEBSTUHL);
        assert_eq!(
            conversation.url.as_deref(),
            Some("https://heimatmuseum-lindenau.example/blog/webstuhl/")
        );
        // the German title is not parsed; the English one is
        assert_eq!(conversation.title, None);
        assert_eq!(sink.conversations[1].title.as_deref(), Some("The Loom"));
    }

    #[test]
    fn pingbacks_and_twice_escaped_names() {
        let sink = import("rss2-comments.xml");
        let pingback = sink.item("23").unwrap();
        assert_eq!(pingback.kind, ItemKind::Pingback);
        let name = "Heritage Weekly \u{2013} Issue 12 | Heritage Weekly";
        assert_eq!(pingback.title.as_deref(), Some(name));
        let site = sink.participant(&pingback.author).unwrap();
        assert_eq!((site.kind, site.display_name.as_str()), (ParticipantKind::Site, name));
    }

    #[test]
    fn rss_author_gives_a_name_never_the_address() {
        let sink = import("rss2-comments.xml");
        let bea = sink.item("24").unwrap();
        assert_eq!(sink.participant(&bea.author).unwrap().display_name, "Bea");
        // description only: its markup is read
        assert_eq!(bea.text, "Only a description here, no content:encoded.");
        assert!(!format!("{sink:?}").contains("bea@example.org"));
    }

    #[test]
    fn item_without_link_or_guid_is_a_warning() {
        let sink = import("rss2-comments.xml");
        assert_eq!(sink.items.len(), 4);
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(sink.warnings[0].location.ends_with("rss2-comments.xml:54"), "{:?}", sink.warnings);
    }

    #[test]
    fn atom_in_reply_to_parent_comment_and_old_domain_ids() {
        let sink = import("atom-comments.xml");
        assert_eq!(sink.items.len(), 3);
        let dora = sink.item("31").unwrap();
        // the id names an old domain; the key comes from the link, resolved on the new one
        assert_eq!(dora.key, format!("{TRACHTEN}#comment-31"));
        assert_eq!(dora.parent.as_deref(), Some(TRACHTEN));
        assert_eq!(dora.author, "web:dora.example");
        assert_eq!(
            dora.url.as_deref(),
            Some("https://heimatmuseum-lindenau.example/blog/trachten/#comment-31")
        );
        let emil = sink.item("32").unwrap();
        assert_eq!(emil.kind, ItemKind::Reply);
        assert_eq!(emil.parent.as_deref(), Some(format!("{TRACHTEN}#comment-31").as_str()));
        // no `published`: `updated`
        assert_eq!(time(emil), "2024-06-02T11:00:00Z");
        // xhtml content is kept as markup
        assert_eq!(emil.text, "Finde ich auch.");
        assert!(emil.html.as_deref().unwrap().contains("<em>auch</em>"), "{:?}", emil.html);
        // a parent older than the feed stays a dangling key
        let late = sink.item("33").unwrap();
        assert_eq!(late.parent.as_deref(), Some(format!("{TRACHTEN}#comment-30").as_str()));
        assert_eq!(time(late), "2024-06-03T10:00:00Z");
        // Emil twice, one key; Dora keyed by her site
        assert_eq!(sink.participants.len(), 2);
        assert_eq!(sink.conversations.len(), 1);
        assert_eq!(sink.conversations[0].title.as_deref(), Some("Trachten"));
        assert!(!format!("{sink:?}").contains("dora@example.org"));
    }

    #[test]
    fn atom_of_other_engines_keys_by_id_and_finds_the_post_through_href() {
        let sink = import("atom-other-engine.xml");
        let post = "web:museumsblog.example/2024/06/umzug.html";
        // the comment links carry a query; the in-reply-to href names the post
        assert!(sink.items.iter().all(|i| i.conversation == post), "{:?}", sink.items);
        let first = &sink.items[0];
        assert_eq!(first.key, "web:tag:museumsblog.example,2024:blog-1.post-501");
        assert_eq!((first.kind, first.parent.as_deref()), (ItemKind::Comment, Some(post)));
        // ref = the parent's atom:id, the key that parent got
        let answer = &sink.items[1];
        assert_eq!(answer.kind, ItemKind::Reply);
        assert_eq!(answer.parent.as_deref(), Some(first.key.as_str()));
        assert_eq!(answer.author, "web:museumsblog.example");
    }

    #[test]
    fn post_feed_counts_are_audience_snapshots_on_the_posts() {
        let sink = import("posts-slash.xml");
        assert_eq!(sink.items.len(), 2);
        let post = &sink.items[0];
        assert_eq!((post.key.as_str(), post.kind), (WEBSTUHL, ItemKind::Post));
        assert_eq!(post.conversation, WEBSTUHL);
        let author = sink.participant(&post.author).unwrap();
        assert!(author.site_author);
        assert_eq!(sink.audience.len(), 1);
        let snapshot = &sink.audience[0];
        assert_eq!(snapshot.item.as_deref(), Some(WEBSTUHL));
        assert_eq!((snapshot.metric.as_str(), snapshot.value), ("replies", 2));
        assert_eq!(
            snapshot.at.map(relate_model::time::rfc3339).as_deref(),
            Some("2024-06-10T09:00:00Z")
        );
        // "viele" is no count
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(sink.warnings[0].message.contains("viele"));
        // the comment feed's comments land in the posts' conversations
        let comments = import("rss2-comments.xml");
        assert_eq!(comments.item("21").unwrap().conversation, post.conversation);
    }

    #[test]
    fn atom_post_feed_replies_link_count() {
        let sink = import("atom-posts-thr-count.xml");
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.items[0].key, TRACHTEN);
        assert_eq!(sink.items[0].text, "Trachten aus drei Jahrhunderten.");
        assert_eq!(sink.audience.len(), 1);
        assert_eq!(sink.audience[0].value, 3);
        assert!(!format!("{sink:?}").contains("info@"));
    }

    #[test]
    fn relative_mirror_keeps_paths_and_warns() {
        let sink = import("relative-mirror.xml");
        assert_eq!(sink.items[0].key, "web:/blog/webstuhl#comment-21");
        assert_eq!(sink.items[0].url, None);
        assert_eq!(sink.conversations[0].url, None);
        // "Comments on: Der Webstuhl", the per-post feed's title
        assert_eq!(sink.conversations[0].title.as_deref(), Some("Der Webstuhl"));
        assert_eq!(sink.warnings.len(), 1);
        assert!(sink.warnings[0].message.contains("no absolute site URL"));
    }

    #[test]
    fn truncated_feed_is_an_error_with_line() {
        let (res, _) = import_path(&RssComments, &fixture("rss-comments/truncated.xml"));
        let err = res.unwrap_err().to_string();
        assert!(err.contains("truncated.xml:") && err.contains("malformed XML"), "{err}");
    }

    #[test]
    fn wordpress_export_is_refused_and_not_claimed() {
        let path = fixture("wordpress-wxr/blog-v1.xml");
        let input = Input::from_path(&path).unwrap();
        assert_eq!(RssComments.detect(&input), Detection::No);
        let (res, sink) = import_path(&RssComments, &path);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("import it as wordpress-wxr"), "{err}");
        assert!(sink.items.is_empty());
        for name in ["rss2-comments.xml", "atom-comments.xml", "posts-slash.xml"] {
            let input = Input::from_path(&fixture(&format!("rss-comments/{name}"))).unwrap();
            assert_eq!(RssComments.detect(&input), Detection::Yes, "{name}");
        }
    }

    #[test]
    fn in_reply_to_line_is_found_in_any_language() {
        let (n, rest) = in_reply_to_line(
            "<p>Als Antwort auf <a href=\"/blog/webstuhl/#comment-12\">Anna</a>.</p>\n<p>Danke!</p>",
        )
        .unwrap();
        assert_eq!((n.as_str(), rest), ("12", "\n<p>Danke!</p>"));
        assert!(
            in_reply_to_line("<p>Siehe <a href=\"https://x.example/\">hier</a>.</p>").is_none()
        );
        assert!(
            in_reply_to_line("<p>Ich <b>finde</b> <a href=\"#comment-3\">das</a>.</p>").is_none()
        );
    }

    #[test]
    fn post_title_and_rss_author() {
        assert_eq!(
            post_title("Comment on Der Webstuhl by Anna by Night", "Anna by Night").as_deref(),
            Some("Der Webstuhl")
        );
        assert_eq!(post_title("Kommentar zu Der Webstuhl von Anna", "Anna"), None);
        assert_eq!(rss_author_name("anna@example.org (Anna B.)"), "Anna B.");
        assert_eq!(rss_author_name("anna@example.org"), "");
    }
}
