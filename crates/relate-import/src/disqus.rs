//! `disqus`: the XML export Disqus writes for a forum (Admin -> Moderation -> Export).
//!
//! ## Format
//! docs.disqus.com/developers/export/ with the schema at
//! `http://disqus.com/api/schemas/1.0/disqus.xsd` (notes in `../shared/corpus/FORMATS.md` §6).
//! The root `<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">`
//! holds `<category dsq:id>` rows (`forum`, `title`), then `<thread dsq:id>` rows (`id` = the
//! site's disqus_identifier, `forum`, `link`, `title`, `createdAt`, `author`, `ipAddress`,
//! `isClosed`, `isDeleted`), then `<post dsq:id>` rows: `message` (HTML in CDATA),
//! `createdAt` (ISO 8601), `isDeleted`, `isSpam`, `author{name, email, isAnonymous,
//! username}`, `ipAddress`, `<thread dsq:id/>` and, for replies, `<parent dsq:id/>`.
//!
//! ## Mapping
//! - A thread is a [`Conversation`] `disqus:<forum>:thread/<dsq:id>` whose url is the
//!   thread's `<link>`: the page the comments were under, so the thread joins the blog post
//!   imported from elsewhere. Threads nobody commented on are not emitted.
//! - A post is a [`ItemKind::Comment`] (no `<parent>`, no parent key: the post it comments
//!   on lives in the blog's own export) or a [`ItemKind::Reply`] (`parent` = the parent post's
//!   key), keyed `disqus:<forum>:<dsq:id>`, with url `<link>#comment-<dsq:id>`. `isSpam` is
//!   [`State::Spam`], `isDeleted` [`State::Deleted`].
//! - Registered commenters are `disqus:<username>` (a Disqus account spans forums), with
//!   their profile `https://disqus.com/by/<username>/`. Guests (no username) are
//!   `disqus:<forum>:guest:<keyed hash>` of their e-mail address, or of their name when the
//!   e-mail is empty.
//!
//! ## Known quirks
//! - E-mail addresses and IPs (`author/email`, `ipAddress`, on threads and posts) are used
//!   for nothing but a guest's hashed key; they never reach a record. A thread's `author` is
//!   whoever opened the page first, not a participant, and is not read.
//! - Guests have `isAnonymous=true` and still an e-mail; some accounts have
//!   `isAnonymous=true` and a username: the username wins.
//! - Posts may refer to threads the export does not contain (a conversation without URL,
//!   and a warning); a post without `dsq:id`, or without a thread, is skipped with a warning.
//! - The same page can appear as several threads with the comments copied into each: a
//!   post seen again (same dsq:id, or same page, author, time and text) is skipped and
//!   counted as `duplicate_post`.
//! - Exports can be malformed (a stray character before the declaration, unquoted
//!   attributes): that is an error naming file, line and column, because a file that is not
//!   XML cannot be trusted to be read to its end. Values that are merely wrong (a date that
//!   does not parse, `isSpam` neither true nor false) are warnings.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::{Hash, Hasher};
use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use relate_model::time::parse_rfc3339;
use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};

use crate::content::{extract_links, html_to_text};
use crate::{
    Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning, xml,
};

pub struct Disqus;

const ID: &str = "disqus";
const PLATFORM: &str = "disqus";

impl Importer for Disqus {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Disqus XML export (<disqus> with threads and posts)"
    }

    fn detect(&self, input: &Input) -> Detection {
        if input.is_dir() {
            return Detection::No;
        }
        let Some(name) = input.files().into_iter().next() else { return Detection::No };
        if root_element(&input.head(&name, 8192)).as_deref() == Some("disqus") {
            Detection::Yes
        } else {
            Detection::No
        }
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
        let mut parser = Parser {
            ctx,
            input,
            name: name.clone(),
            sink,
            summary: ImportSummary::default(),
            forum: None,
            threads: HashMap::default(),
            emitted: HashSet::default(),
            participants: HashSet::default(),
            posts: HashSet::default(),
            fingerprints: HashSet::default(),
        };
        let root = parser.run(reader)?;
        if root.as_deref() != Some("disqus") {
            return Err(ImportError::not_this_format(
                input.display_path(&name),
                ID,
                format!("the root element is <{}>, not <disqus>", root.unwrap_or_default()),
            ));
        }
        Ok(parser.summary)
    }
}

/// The local name of the first element in `head`, skipping the declaration, comments,
/// doctype and any stray text before it.
fn root_element(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    let mut rest = text.as_ref();
    loop {
        let start = rest.find('<')?;
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = &after[after.find('>')? + 1..];
        } else {
            let name: String = rest[1..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let local = name.rsplit(':').next().unwrap_or(&name).to_string();
            return (!local.is_empty()).then_some(local);
        }
    }
}

/// What a post needs of its thread.
struct Thread {
    forum: Option<String>,
    link: Option<String>,
    title: Option<String>,
}

#[derive(Default)]
struct RawThread {
    dsq_id: Option<String>,
    forum: String,
    link: String,
    title: String,
}

#[derive(Default)]
struct RawPost {
    offset: u64,
    dsq_id: Option<String>,
    thread: Option<String>,
    parent: Option<String>,
    forum: String,
    message: String,
    created_at: String,
    is_deleted: String,
    is_spam: String,
    name: String,
    username: String,
    /// Read only to derive a guest's key; never stored.
    email: String,
}

struct Parser<'a> {
    ctx: &'a ImportContext,
    input: &'a Input,
    name: String,
    sink: &'a mut dyn Sink,
    summary: ImportSummary,
    /// The forum of the first category or thread: the export's own forum.
    forum: Option<String>,
    threads: HashMap<String, Thread>,
    /// Conversation keys emitted, with whether the thread itself was known then.
    emitted: HashSet<String>,
    participants: HashSet<String>,
    posts: HashSet<String>,
    /// Hashes of (page, author, time, text) of the posts read, to catch copies.
    fingerprints: HashSet<u64>,
}

impl Parser<'_> {
    /// Reads the whole file; returns the root element's local name.
    fn run(&mut self, reader: Box<dyn BufRead + '_>) -> Result<Option<String>, ImportError> {
        let mut xml = Reader::from_reader(reader);
        let mut buf = Vec::new();
        let mut stack: Vec<String> = Vec::new();
        let mut root: Option<String> = None;
        let mut text = String::new();
        let mut thread: Option<RawThread> = None;
        let mut post: Option<RawPost> = None;
        loop {
            let offset = xml.buffer_position();
            let event = match xml.read_event_into(&mut buf) {
                Ok(event) => event,
                Err(err) => return Err(self.xml_error(xml.error_position(), err.to_string())),
            };
            match event {
                Event::Start(e) if root.is_none() => {
                    let local = xml::local_name(&e);
                    root = Some(local.clone());
                    if local != "disqus" {
                        return Ok(root);
                    }
                    stack.push(local);
                }
                // `<disqus/>`: an export of nothing
                Event::Empty(e) if root.is_none() => return Ok(Some(xml::local_name(&e))),
                Event::Start(e) => {
                    let local = xml::local_name(&e);
                    self.open(&e, &local, &stack, offset, &mut thread, &mut post)?;
                    stack.push(local);
                    text.clear();
                }
                Event::Empty(e) => {
                    let local = xml::local_name(&e);
                    self.open(&e, &local, &stack, offset, &mut thread, &mut post)?;
                    text.clear();
                    // `<thread dsq:id="1"/>` opens nothing that closes later
                    if matches!(local.as_str(), "thread" | "post") && stack.len() == 1 {
                        stack.push(local.clone());
                        self.close(&local, &mut stack, String::new(), &mut thread, &mut post)?;
                    }
                }
                Event::Text(t) => {
                    let value = t.xml10_content();
                    if stack.is_empty() && !value.trim().is_empty() {
                        let place = if root.is_none() { "before" } else { "after" };
                        return Err(self.xml_error(
                            offset,
                            format!("text {place} the root element: {:?}", value.trim()),
                        ));
                    }
                    text.push_str(&value);
                }
                Event::CData(t) => {
                    let value = t.xml10_content();
                    text.push_str(&value);
                }
                // an HTML entity XML does not define (`&nbsp;` in a title) is kept as written,
                // as in the other XML importers: one odd character is no reason to lose a file
                Event::GeneralRef(r) => xml::push_entity(&mut text, &r),
                Event::End(e) => {
                    let local = e.local_name().into_inner().to_string();
                    let value = std::mem::take(&mut text);
                    self.close(&local, &mut stack, value, &mut thread, &mut post)?;
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
        Ok(root)
    }

    /// Handles an opening tag below the root.
    fn open(
        &mut self,
        e: &BytesStart<'_>,
        local: &str,
        stack: &[String],
        offset: u64,
        thread: &mut Option<RawThread>,
        post: &mut Option<RawPost>,
    ) -> Result<(), ImportError> {
        match (stack.len(), local) {
            (1, "thread") => {
                *thread =
                    Some(RawThread { dsq_id: self.dsq_id(e, offset)?, ..RawThread::default() });
            }
            (1, "post") => {
                *post =
                    Some(RawPost { offset, dsq_id: self.dsq_id(e, offset)?, ..RawPost::default() });
            }
            (2, "thread") if post.is_some() => {
                let id = self.dsq_id(e, offset)?;
                if let Some(p) = post.as_mut() {
                    p.thread = id;
                }
            }
            (2, "parent") if post.is_some() => {
                let id = self.dsq_id(e, offset)?;
                if let Some(p) = post.as_mut() {
                    p.parent = id;
                }
            }
            _ => {
                // unquoted or broken attributes anywhere make the file malformed
                for attr in e.attributes() {
                    attr.map_err(|err| self.xml_error(offset, err.to_string()))?;
                }
            }
        }
        Ok(())
    }

    /// Handles a closing tag: stores the value in the open thread or post, or emits it.
    fn close(
        &mut self,
        local: &str,
        stack: &mut Vec<String>,
        value: String,
        thread: &mut Option<RawThread>,
        post: &mut Option<RawPost>,
    ) -> Result<(), ImportError> {
        let depth = stack.len();
        stack.pop();
        let parent = stack.last().map(String::as_str);
        match depth {
            2 if local == "thread" => {
                if let Some(t) = thread.take() {
                    self.thread(t)?;
                }
            }
            2 if local == "post" => {
                if let Some(p) = post.take() {
                    self.post(p)?;
                }
            }
            3 if local == "forum"
                && parent == Some("category")
                && self.forum.is_none()
                && !value.trim().is_empty() =>
            {
                self.forum = Some(value.trim().to_string());
            }
            3 => {
                if let Some(t) = thread.as_mut() {
                    match local {
                        "forum" => t.forum = value,
                        "link" => t.link = value,
                        "title" => t.title = value,
                        _ => {}
                    }
                } else if let Some(p) = post.as_mut() {
                    match local {
                        "forum" => p.forum = value,
                        "message" => p.message = value,
                        "createdAt" => p.created_at = value,
                        "isDeleted" => p.is_deleted = value,
                        "isSpam" => p.is_spam = value,
                        _ => {}
                    }
                }
            }
            4 if parent == Some("author") => {
                if let Some(p) = post.as_mut() {
                    match local {
                        "name" => p.name = value,
                        "username" => p.username = value,
                        "email" => p.email = value,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn dsq_id(&self, e: &BytesStart<'_>, offset: u64) -> Result<Option<String>, ImportError> {
        let mut id = None;
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.xml_error(offset, err.to_string()))?;
            if attr.key.into_inner() == "dsq:id" || attr.key.local_name().into_inner() == "id" {
                let value = attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|err| self.xml_error(offset, err.to_string()))?;
                let value = value.trim();
                if !value.is_empty() {
                    id = Some(value.to_string());
                }
            }
        }
        Ok(id)
    }

    fn thread(&mut self, raw: RawThread) -> Result<(), ImportError> {
        let Some(id) = raw.dsq_id else { return Ok(()) };
        let forum = Some(raw.forum.trim().to_string()).filter(|f| !f.is_empty());
        if self.forum.is_none() {
            self.forum.clone_from(&forum);
        }
        let thread = Thread {
            forum,
            link: Some(raw.link.trim().to_string()).filter(|l| !l.is_empty()),
            title: Some(raw.title.trim().to_string()).filter(|t| !t.is_empty()),
        };
        // a post came before its thread: now the conversation can have its URL
        let key = conversation_key(thread.forum.as_deref().or(self.forum.as_deref()), &id);
        let late = self.emitted.contains(&key);
        self.threads.insert(id.clone(), thread);
        if late {
            self.conversation(&id, &key)?;
        }
        Ok(())
    }

    fn conversation(&mut self, thread_id: &str, key: &str) -> Result<(), ImportError> {
        let thread = self.threads.get(thread_id);
        self.sink.conversation(Conversation {
            key: key.to_string(),
            platform: PLATFORM.into(),
            title: thread.and_then(|t| t.title.clone()),
            url: thread.and_then(|t| t.link.clone()),
        })?;
        Ok(())
    }

    fn post(&mut self, raw: RawPost) -> Result<(), ImportError> {
        let Some(id) = raw.dsq_id.clone() else {
            self.warn(raw.offset, "a post without dsq:id, skipped".into());
            return Ok(());
        };
        let Some(thread_id) = raw.thread.clone() else {
            self.warn(raw.offset, format!("post {id} names no thread, skipped"));
            return Ok(());
        };
        let thread = self.threads.get(&thread_id);
        let forum = thread
            .and_then(|t| t.forum.clone())
            .or_else(|| Some(raw.forum.trim().to_string()).filter(|f| !f.is_empty()))
            .or_else(|| self.forum.clone())
            .unwrap_or_else(|| PLATFORM.to_string());
        let link = thread.and_then(|t| t.link.clone());
        let known = thread.is_some();
        let conversation = conversation_key(Some(&forum), &thread_id);
        let key = format!("{PLATFORM}:{forum}:{id}");
        if !self.posts.insert(key.clone()) {
            *self.summary.skipped.entry("duplicate_post".into()).or_default() += 1;
            return Ok(());
        }
        // Copies of a comment in a second thread of the same page: same page, same person,
        // same second, same words. Checked before anything is emitted for the copy.
        let html = raw.message.trim().to_string();
        let who = [raw.username.trim(), raw.email.trim(), raw.name.trim()];
        let mut fingerprint = rustc_hash::FxHasher::default();
        (link.as_deref().unwrap_or(&thread_id), who, raw.created_at.trim(), &html)
            .hash(&mut fingerprint);
        if !self.fingerprints.insert(fingerprint.finish()) {
            *self.summary.skipped.entry("duplicate_post".into()).or_default() += 1;
            return Ok(());
        }
        if self.emitted.insert(conversation.clone()) {
            if !known {
                self.warn(
                    raw.offset,
                    format!("post {id} belongs to thread {thread_id}, which is not in the export"),
                );
            }
            self.conversation(&thread_id, &conversation)?;
        }
        let author = self.author(&raw, &forum)?;
        let spam = self.flag(&raw, "isSpam", &raw.is_spam, &id);
        let deleted = self.flag(&raw, "isDeleted", &raw.is_deleted, &id);
        let state = if spam {
            State::Spam
        } else if deleted {
            State::Deleted
        } else {
            State::Public
        };
        let created_at = match raw.created_at.trim() {
            "" => None,
            date => {
                let parsed = parse_rfc3339(date);
                if parsed.is_none() {
                    self.warn(raw.offset, format!("post {id}: createdAt {date:?} is not a date"));
                }
                parsed
            }
        };
        let (text, hrefs) = html_to_text(&html);
        let parent = raw.parent.as_ref().map(|p| format!("{PLATFORM}:{forum}:{p}"));
        self.sink.item(Item {
            key,
            native_id: id.clone(),
            conversation,
            kind: if parent.is_some() { ItemKind::Reply } else { ItemKind::Comment },
            parent,
            author,
            state,
            created_at,
            title: None,
            url: link.map(|l| format!("{}#comment-{id}", l.split('#').next().unwrap_or(&l))),
            links: extract_links(&text, hrefs),
            html: (!html.is_empty() && html != text).then_some(html),
            text,
            mentions: Vec::new(),
        })?;
        Ok(())
    }

    /// `true`/`false` as Disqus writes them; anything else is a warning and false.
    fn flag(&mut self, raw: &RawPost, field: &str, value: &str, id: &str) -> bool {
        match value.trim() {
            "true" | "1" => true,
            "false" | "0" | "" => false,
            other => {
                self.warn(
                    raw.offset,
                    format!(
                        "post {id}: {field} {other:?} is neither true nor false; taken as false"
                    ),
                );
                false
            }
        }
    }

    fn author(&mut self, raw: &RawPost, forum: &str) -> Result<String, ImportError> {
        let username = raw.username.trim();
        let name = raw.name.trim();
        // a guest who typed their e-mail address as name: it is not shown, ever (the keyed
        // hash below may still use it, like the e-mail field)
        let shown = if crate::content::is_email(name, PLATFORM) { "" } else { name };
        let display = if shown.is_empty() {
            if username.is_empty() { "Anonymous" } else { username }
        } else {
            shown
        };
        let (key, participant) = if username.is_empty() {
            // the e-mail identifies a guest across posts; hashed here and dropped
            let email = raw.email.trim().to_lowercase();
            let hash = if email.is_empty() {
                self.ctx.pseudonymizer.key(&["disqus-guest", forum, "name", name])
            } else {
                self.ctx.pseudonymizer.key(&["disqus-guest", forum, &email])
            };
            let key = format!("{PLATFORM}:{forum}:guest:{hash}");
            let participant = Participant {
                key: key.clone(),
                platform: PLATFORM.into(),
                handle: display.to_string(),
                display_name: display.to_string(),
                url: None,
                kind: ParticipantKind::Person,
                site_author: false,
            };
            (key, participant)
        } else {
            let key = format!("{PLATFORM}:{username}");
            let participant = Participant {
                key: key.clone(),
                platform: PLATFORM.into(),
                handle: username.to_string(),
                display_name: display.to_string(),
                url: Some(format!("https://disqus.com/by/{username}/")),
                kind: ParticipantKind::Person,
                site_author: false,
            };
            (key, participant)
        };
        if self.participants.insert(key.clone()) {
            self.sink.participant(participant)?;
        }
        Ok(key)
    }

    fn xml_error(&self, offset: u64, message: String) -> ImportError {
        xml::error(self.input, &self.name, offset, message)
    }

    fn warn(&mut self, offset: u64, message: String) {
        let location = self.input.line_location(&self.name, offset);
        self.sink.warn(Warning { location, message });
    }
}

fn conversation_key(forum: Option<&str>, thread: &str) -> String {
    format!("{PLATFORM}:{}:thread/{thread}", forum.unwrap_or(PLATFORM))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};

    fn run(name: &str) -> (ImportSummary, VecSink) {
        let (result, sink) = import_path(&Disqus, &fixture(&format!("disqus/{name}")));
        (result.unwrap(), sink)
    }
    const FORUM: &str = "disqus:stadtmuseum-blog";

    #[test]
    fn threads_become_conversations_with_their_page_and_posts_comments_or_replies() {
        let (summary, sink) = run("threads-and-replies.xml");
        assert!(summary.skipped.is_empty());
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        // thread 7002 has no posts: no conversation
        assert_eq!(sink.conversations.len(), 1);
        let conv = &sink.conversations[0];
        assert_eq!(conv.key, format!("{FORUM}:thread/7001"));
        assert_eq!(
            conv.url.as_deref(),
            Some("https://blog.stadtmuseum.example/2019/03/druckwerkstatt/")
        );
        assert_eq!(conv.title.as_deref(), Some("Die Druckwerkstatt & ihre Lettern"));
        assert_eq!(sink.items.len(), 5);
        let first = sink.item("5001").unwrap();
        assert_eq!((first.kind, first.parent.as_deref()), (ItemKind::Comment, None));
        assert_eq!(
            first.text,
            "Wunderbar! My grandfather set type by hand in the 1950s – see his Setzkasten."
        );
        assert_eq!(first.links, vec!["https://example.org/setzkasten"]);
        assert_eq!(
            first.url.as_deref(),
            Some("https://blog.stadtmuseum.example/2019/03/druckwerkstatt/#comment-5001")
        );
        // 2019-03-01T12:30:00Z
        assert_eq!(first.created_at, Some(1_551_443_400));
        // a reply that comes before its parent in the file
        let early = sink.item("5003").unwrap();
        assert_eq!(
            (early.kind, early.parent.as_deref()),
            (ItemKind::Reply, Some(&*format!("{FORUM}:5002")))
        );
        assert_eq!(early.author, "disqus:stadtmuseum");
        let org = sink.participant("disqus:stadtmuseum").unwrap();
        assert_eq!(org.url.as_deref(), Some("https://disqus.com/by/stadtmuseum/"));
        assert_eq!(sink.item("5002").unwrap().parent.as_deref(), Some(&*format!("{FORUM}:5001")));
        // one guest, e-mail in other case and with a trailing space, another name
        let again = sink.item("5004").unwrap();
        assert_eq!(again.author, first.author);
        assert!(first.author.starts_with("disqus:stadtmuseum-blog:guest:"), "{}", first.author);
        // a guest without e-mail is keyed by name
        let anonymous = sink.item("5005").unwrap();
        assert_ne!(anonymous.author, first.author);
        assert_eq!(sink.participant(&anonymous.author).unwrap().display_name, "Leser ohne Mail");
        assert_eq!(sink.participants.len(), 4);
        let dump = format!("{sink:?}").to_lowercase();
        for secret in ["greta.gast@example.net", "ole@example.com", "198.51.100.23", "192.0.2.10"] {
            assert!(!dump.contains(secret), "{secret} leaked");
        }
    }

    #[test]
    fn spam_and_deleted_posts_keep_their_state_and_odd_values_warn() {
        let (_, sink) = run("moderation.xml");
        assert_eq!(sink.items.len(), 3);
        assert_eq!(sink.item("5101").unwrap().state, State::Spam);
        assert_eq!(sink.item("5102").unwrap().state, State::Deleted);
        let odd = sink.item("5103").unwrap();
        assert_eq!((odd.state, odd.created_at), (State::Public, None));
        let messages: Vec<&str> = sink.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("isSpam \"maybe\""), "{messages:?}");
        assert!(messages[1].contains("createdAt"), "{messages:?}");
        assert!(messages[2].contains("without dsq:id"), "{messages:?}");
        // the post without id starts on line 37
        assert!(sink.warnings[2].location.ends_with("moderation.xml:37"), "{:?}", sink.warnings[2]);
    }

    #[test]
    fn copies_are_skipped_and_orphans_get_a_conversation_without_url() {
        let (summary, sink) = run("orphans-and-copies.xml");
        // 5299 (copy in the second thread of the same page) and 5201 listed twice
        assert_eq!(summary.skipped.get("duplicate_post"), Some(&2));
        assert_eq!(sink.items.len(), 3);
        assert!(sink.item("5299").is_none());
        assert_eq!(sink.conversations.len(), 2);
        let orphan = sink.conversations.iter().find(|c| c.key == format!("{FORUM}:thread/6999"));
        assert_eq!(orphan.unwrap().url, None);
        assert_eq!(sink.warnings.len(), 1);
        assert!(sink.warnings[0].message.contains("6999"), "{:?}", sink.warnings);
        assert_eq!(sink.item("5202").unwrap().parent.as_deref(), Some(&*format!("{FORUM}:5201")));
    }

    #[test]
    fn an_unquoted_attribute_is_an_xml_error_with_its_line() {
        let (result, _) = import_path(&Disqus, &fixture("disqus/unquoted-attribute.xml"));
        let err = result.unwrap_err();
        // python3 xml.dom.minidom: "not well-formed (invalid token): line 11"
        assert!(matches!(err, ImportError::Xml { line: 11, column: 5, .. }), "{err}");
    }

    #[test]
    fn a_stray_character_before_the_declaration_is_an_xml_error_on_line_one() {
        let input = Input::from_path(&fixture("disqus/stray-character.xml")).unwrap();
        assert_eq!(Disqus.detect(&input), Detection::Yes);
        let (result, _) = import_path(&Disqus, &fixture("disqus/stray-character.xml"));
        let err = result.unwrap_err();
        assert!(matches!(err, ImportError::Xml { line: 1, column: 1, .. }), "{err}");
        assert!(err.to_string().contains("stray-character.xml:1:1"), "{err}");
    }

    #[test]
    fn detection_claims_the_disqus_root_only() {
        assert_eq!(
            root_element(
                b"<?xml version=\"1.0\"?>\n<!-- x -->\n<disqus xmlns=\"http://disqus.com\">"
            )
            .as_deref(),
            Some("disqus")
        );
        for other in
            ["wordpress-wxr/blog-v1.xml", "reddit/thread-nested.json", "discourse/topic.json"]
        {
            let input = Input::from_path(&fixture(other)).unwrap();
            assert_eq!(Disqus.detect(&input), Detection::No, "{other}");
        }
    }
    #[test]
    fn a_byte_order_mark_is_not_text_before_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bom.xml");
        let xml = "\u{feff}<?xml version=\"1.0\"?>\n<disqus xmlns:dsq=\"http://disqus.com/disqus-internals\">\n<post dsq:id=\"1\"><message>Hallo</message><author><name>A</name></author><thread dsq:id=\"2\"/></post>\n</disqus>\n";
        std::fs::write(&path, xml).unwrap();
        let (result, sink) = import_path(&Disqus, &path);
        result.unwrap();
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.items[0].text, "Hallo");
    }
}

#[cfg(test)]
mod entity_tests {
    use super::*;
    use crate::testing::{fixture, import_path};

    #[test]
    fn an_html_entity_xml_does_not_define_is_kept_not_fatal() {
        let (result, sink) = import_path(&Disqus, &fixture("disqus/html-entity.xml"));
        result.unwrap();
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.conversations[0].title.as_deref(), Some("Hamlet&nbsp;– Premiere"));
    }
}

#[cfg(test)]
mod privacy_tests {
    use super::*;
    use crate::testing::{fixture, import_path};

    #[test]
    fn a_guest_who_typed_an_email_as_name_is_shown_as_anonymous() {
        let (result, sink) = import_path(&Disqus, &fixture("disqus/email-as-name.xml"));
        result.unwrap();
        assert_eq!(sink.participants.len(), 1);
        assert_eq!(sink.participants[0].display_name, "Anonymous");
        assert!(!format!("{sink:?}").contains("ines.k@mail.example"));
    }
}
