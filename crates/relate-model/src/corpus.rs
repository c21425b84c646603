//! The in-memory corpus analyses read: records from the store with integer cross-references,
//! so that analyses never look anything up by string key.

use crate::{ItemKind, ParticipantKind, State};

#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub participants: Vec<CorpusParticipant>,
    pub conversations: Vec<CorpusConversation>,
    pub items: Vec<CorpusItem>,
    /// The vanity numbers (followers, like counts, page views), oldest first.
    pub audience: Vec<crate::AudienceSnapshot>,
    /// Every item's text and native id, back to back (with `more_strings`, the corpus's
    /// string arenas): one allocation instead of two per item, which is a third of the memory
    /// of a million-item corpus.
    strings: String,
    /// Further arenas, each with the offset of its first byte: a corpus loaded by several
    /// threads takes over each thread's strings ([`Corpus::adopt_strings`]) rather than copy
    /// them, which would hold them twice.
    more_strings: Vec<(usize, String)>,
}

/// Item strings built apart from their corpus (by another thread), for items whose spans
/// [`Corpus::adopt_strings`] then moves into the corpus.
#[derive(Debug, Clone, Default)]
pub struct Strings(String);

impl Strings {
    /// Room for `bytes`, so the strings grow without copying (untouched room costs no memory).
    pub fn with_capacity(bytes: usize) -> Strings {
        Strings(String::with_capacity(bytes))
    }

    /// Stores a string and returns where it is in these strings, as [`Corpus::push_str`].
    pub fn push_str(&mut self, s: &str) -> Span {
        let start = self.0.len();
        if !Corpus::fits(start, s.len()) {
            return Span::default();
        }
        self.0.push_str(s);
        Span { start: start as u32, len: s.len() as u32 }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Where an item's string lives in the corpus's string arenas.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    len: u32,
}

#[derive(Debug, Clone)]
pub struct CorpusParticipant {
    pub key: String,
    pub platform: String,
    pub handle: String,
    pub display_name: String,
    pub url: Option<String>,
    pub kind: ParticipantKind,
    /// Declared owner, or a WXR author not removed with `relate owner remove`.
    pub is_owner: bool,
    /// Set when the user said this account and another are one person
    /// (`relate identity link`): the participant that stands for both. Items of a merged
    /// participant are attributed to that one when loading.
    pub merged_into: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct CorpusConversation {
    pub key: Box<str>,
    /// Shared between the conversations of one platform.
    pub platform: std::sync::Arc<str>,
    pub title: Option<Box<str>>,
    pub url: Option<Box<str>>,
    /// Set when this conversation was stitched into another (a webmention's page, a toot
    /// announcing the blog post, a cross-post): the one its items now belong to.
    pub joined_into: Option<u32>,
}

#[derive(Debug, Clone)]
/// One item. Items are in store order (the order they were first imported), which breaks
/// ties between items with the same time.
pub struct CorpusItem {
    /// The platform's own id (see `Corpus::native_id`).
    pub native_id: Span,
    /// Index into `Corpus::conversations`.
    pub conversation: u32,
    /// Index into `Corpus::items` of the parent, when it is in the corpus.
    pub parent: Option<u32>,
    /// The export named a parent that is not in the corpus (a thread cut off).
    pub parent_missing: bool,
    /// Index into `Corpus::participants`: the person, linked accounts merged into one.
    pub author: u32,
    /// The account that wrote it (index into `Corpus::participants`, before linked accounts
    /// were merged): where it was written, see [`Corpus::written_on`].
    pub account: u32,
    pub kind: ItemKind,
    pub state: State,
    pub created_at: Option<i64>,
    /// The plain text (see `Corpus::text`).
    pub text: Span,
    /// URL and links, which most items lack: one pointer instead of two empty fields.
    pub extra: Option<Box<ItemExtra>>,
}

#[derive(Debug, Clone, Default)]
pub struct ItemExtra {
    pub url: Option<Box<str>>,
    pub links: Box<[String]>,
}

impl ItemExtra {
    /// `None` when there is neither a URL nor a link.
    pub fn new(url: Option<Box<str>>, links: Box<[String]>) -> Option<Box<ItemExtra>> {
        (url.is_some() || !links.is_empty()).then(|| Box::new(ItemExtra { url, links }))
    }
}

impl CorpusItem {
    /// The item's own URL, where the export gives one.
    pub fn url(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.url.as_deref())
    }

    /// Links found in the item, in order.
    pub fn links(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.links)
    }
}

impl Corpus {
    /// Stores a string for an item and returns where it is.
    ///
    /// Item strings are addressed with 32 bits: a corpus holds up to 4 GiB of text, far more
    /// than fits the memory relate is meant to run in; beyond that, strings are cut off
    /// (`fits` tells the loader to refuse such a corpus first).
    pub fn push_str(&mut self, s: &str) -> Span {
        let start = self.strings_len();
        if !Self::fits(start, s.len()) {
            return Span::default();
        }
        match self.more_strings.last_mut() {
            Some((_, arena)) => arena.push_str(s),
            None => self.strings.push_str(s),
        }
        Span { start: start as u32, len: s.len() as u32 }
    }

    /// Takes over `strings` for the items in `items`, whose spans point into them, and makes
    /// those spans point into the corpus. `false` (and nothing changed) if they would not fit
    /// the 32-bit string store (see [`Corpus::push_str`]).
    pub fn adopt_strings(&mut self, strings: Strings, items: std::ops::Range<usize>) -> bool {
        let base = self.strings_len();
        if !Self::fits(base, strings.len()) {
            return false;
        }
        for item in &mut self.items[items] {
            item.native_id.start += base as u32;
            item.text.start += base as u32;
        }
        if base == 0 && self.more_strings.is_empty() {
            self.strings = strings.0;
        } else {
            self.more_strings.push((base, strings.0));
        }
        true
    }

    /// Forgets every item and its strings (participants and conversations stay): for a load
    /// that starts over.
    pub fn clear_items(&mut self) {
        self.items.clear();
        self.strings = String::new();
        self.more_strings.clear();
    }

    /// True if `more` bytes still fit the 32-bit string store after `used` bytes.
    pub fn fits(used: usize, more: usize) -> bool {
        used.checked_add(more).is_some_and(|end| end <= u32::MAX as usize)
    }

    /// Bytes of item strings stored so far.
    pub fn strings_len(&self) -> usize {
        match self.more_strings.last() {
            Some((base, arena)) => base + arena.len(),
            None => self.strings.len(),
        }
    }

    fn span(&self, span: Span) -> &str {
        let start = span.start as usize;
        let end = start + span.len as usize;
        if end <= self.strings.len() {
            return &self.strings[start..end];
        }
        // a later arena: the last one that begins at or before the span
        let (base, arena) = self
            .more_strings
            .iter()
            .rev()
            .find(|(base, _)| *base <= start)
            .expect("a span points into the corpus's strings");
        &arena[start - base..end - base]
    }

    /// The item's plain text.
    pub fn text(&self, item: &CorpusItem) -> &str {
        self.span(item.text)
    }

    /// The platform of the account that wrote item `index` (`mastodon` for a toot of a person
    /// whose Mastodon account was linked to their blog name).
    pub fn written_on(&self, index: u32) -> &str {
        &self.participants[self.items[index as usize].account as usize].platform
    }

    /// The plain text of item `index`.
    pub fn text_of(&self, index: u32) -> &str {
        self.span(self.items[index as usize].text)
    }

    /// The platform's own id of the item (comment id, utterance id).
    pub fn native_id(&self, item: &CorpusItem) -> &str {
        self.span(item.native_id)
    }

    /// The native id of item `index`.
    pub fn native_id_of(&self, index: u32) -> &str {
        self.span(self.items[index as usize].native_id)
    }

    pub fn author(&self, item: &CorpusItem) -> &CorpusParticipant {
        &self.participants[item.author as usize]
    }

    pub fn is_owner_item(&self, item: &CorpusItem) -> bool {
        self.participants[item.author as usize].is_owner
    }
}

/// A tiny text format for building corpora in tests (rust-analyzer's "minimal tests"):
///
/// ```text
/// owner Christian
/// == seed url=https://blog.example/roi Der Social Media ROI
/// #1 Christian: the post
/// #2 Ben -> #1: a comment on the post
/// #3 Christian -> #1: @Ben: an answer in a flat comment
/// #4 Heinz -> #3 [spam]: moderated away
/// #5 kulturblog.example (pingback) -> #1: […] a linking post […]
/// ```
///
/// A conversation line may carry `url=` and `platform=` (default `test`) before its title.
/// Items without a parent are posts; items answering a post are comments; others replies.
/// `_` in a name stands for a space, `\\n` in a text for a line break. Item `#n` is created at `n` hours after the epoch, so
/// numbering is chronology. A kind in parentheses overrides the inferred kind, a state in
/// brackets overrides `public`, and a parent that is never defined becomes a missing parent.
pub mod testing {
    use super::*;
    use std::collections::HashMap;

    pub fn corpus_from_text(text: &str) -> Corpus {
        let mut corpus = Corpus::default();
        let mut people: HashMap<String, u32> = HashMap::new();
        let mut owners: Vec<String> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut pending_parents: Vec<(u32, String)> = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(name) = line.strip_prefix("owner ") {
                owners.push(name.trim().replace('_', " "));
                continue;
            }
            if let Some(rest) = line.strip_prefix("== ") {
                let mut words = rest.split_whitespace();
                let key = words.next().expect("conversation key");
                let (mut platform, mut url, mut title) = ("test", None, Vec::new());
                for word in words {
                    if let Some(p) = word.strip_prefix("platform=") {
                        platform = p;
                    } else if let Some(u) = word.strip_prefix("url=") {
                        url = Some(u.into());
                    } else {
                        title.push(word);
                    }
                }
                corpus.conversations.push(CorpusConversation {
                    key: key.into(),
                    platform: platform.into(),
                    title: (!title.is_empty()).then(|| title.join(" ").into()),
                    url,
                    joined_into: None,
                });
                continue;
            }
            let (head, body) = line.split_once(": ").unwrap_or((line, ""));
            let mut words = head.split_whitespace();
            let id = words.next().expect("item id").trim_start_matches('#').to_string();
            let author = words.next().expect("item author").replace('_', " ");
            let mut kind = None;
            let mut state = State::Public;
            let mut parent = None;
            while let Some(word) = words.next() {
                if word == "->" {
                    parent = words.next().map(|p| p.trim_start_matches('#').to_string());
                } else if let Some(k) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
                    kind = Some(ItemKind::parse(k).expect("known kind"));
                } else if let Some(s) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
                    state = State::parse(s).expect("known state");
                }
            }
            if corpus.conversations.is_empty() {
                corpus.conversations.push(CorpusConversation {
                    key: "c".into(),
                    platform: "test".into(),
                    title: None,
                    url: None,
                    joined_into: None,
                });
            }
            let is_site = kind.is_some_and(ItemKind::is_link_notice);
            let author_idx = *people.entry(author.clone()).or_insert_with(|| {
                corpus.participants.push(CorpusParticipant {
                    key: format!("test:{author}"),
                    platform: "test".into(),
                    handle: author.clone(),
                    display_name: author.clone(),
                    url: None,
                    kind: if is_site { ParticipantKind::Site } else { ParticipantKind::Person },
                    is_owner: false,
                    merged_into: None,
                });
                (corpus.participants.len() - 1) as u32
            });
            let index = corpus.items.len() as u32;
            let hours: i64 = id.parse().unwrap_or(index as i64);
            let native_id = corpus.push_str(&id);
            let text = corpus.push_str(&body.replace("\\n", "\n"));
            corpus.items.push(CorpusItem {
                native_id,
                conversation: (corpus.conversations.len() - 1) as u32,
                parent: None,
                parent_missing: false,
                author: author_idx,
                account: author_idx,
                kind: kind.unwrap_or(ItemKind::Post),
                state,
                created_at: Some(hours * 3600),
                text,
                extra: ItemExtra::new(None, extract_test_links(body).into()),
            });
            ids.insert(id, index);
            if let Some(p) = parent {
                pending_parents.push((index, p));
            }
        }
        for (child, parent) in pending_parents {
            let item_kind_given = corpus.items[child as usize].kind != ItemKind::Post;
            match ids.get(&parent) {
                Some(&p) => {
                    corpus.items[child as usize].parent = Some(p);
                    if !item_kind_given {
                        corpus.items[child as usize].kind =
                            if corpus.items[p as usize].kind == ItemKind::Post {
                                ItemKind::Comment
                            } else {
                                ItemKind::Reply
                            };
                    }
                }
                None => {
                    corpus.items[child as usize].parent_missing = true;
                    if !item_kind_given {
                        corpus.items[child as usize].kind = ItemKind::Reply;
                    }
                }
            }
        }
        for p in &mut corpus.participants {
            p.is_owner = owners.contains(&p.display_name);
        }
        corpus
    }

    fn extract_test_links(text: &str) -> Vec<String> {
        text.split_whitespace()
            .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
            .map(|w| w.trim_end_matches(['.', ',', ')']).to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::corpus_from_text;
    use crate::{ItemKind, State};

    #[test]
    fn dsl_infers_kinds_parents_and_owners() {
        let c = corpus_from_text(
            "owner Christian\n#1 Christian: post\n#2 Ben -> #1: hi\n#3 Christian -> #2: @Ben: yes\n#4 Ben -> #9 [spam]: x",
        );
        assert_eq!(c.items[0].kind, ItemKind::Post);
        assert_eq!(c.items[1].kind, ItemKind::Comment);
        assert_eq!(c.items[2].kind, ItemKind::Reply);
        assert_eq!(c.items[2].parent, Some(1));
        assert!(c.items[3].parent_missing);
        assert_eq!(c.native_id_of(3), "4");
        assert_eq!(c.text_of(2), "@Ben: yes");
        assert_eq!(c.items[3].state, State::Spam);
        assert!(c.participants[0].is_owner);
        assert!(!c.participants[1].is_owner);
    }
}
