//! Loading the whole store as a `Corpus` for the analyses, with owners resolved.
//!
//! A large store is read by several threads at once, each on a read-only connection of its
//! own: the conversations beside the participants, then the items in id ranges, each range
//! into its own slots of the item list and its own strings, which the corpus then takes over
//! (nothing is copied or held twice). Parents are resolved by merging sorted hash lists.

use rusqlite::Connection;
use rustc_hash::FxHashMap as HashMap;

use relate_model::corpus::{
    Corpus, CorpusConversation, CorpusItem, CorpusParticipant, ItemExtra, Span, Strings,
};
use relate_model::{ItemKind, ParticipantKind, State};

use crate::{Result, Store, StoreError};

/// What to load besides the default.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Treat restricted items (direct messages, followers-only posts, whispers) as public.
    /// Off by default: they are stored, but never shown unless the user asks.
    pub include_restricted: bool,
}

/// Items are read in this many id ranges at most, each on its own thread.
const MAX_PARTS: usize = 4;
/// Fewer items per range than this are not worth a thread (a few in tests, which load small
/// stores in parts).
const MIN_ITEMS_PER_PART: i64 = if cfg!(test) { 4 } else { 50_000 };
/// Page cache of each reading connection (KiB, as SQLite takes a negative size): the passes
/// are sequential, and memory is for the corpus.
const READER_CACHE_KIB: i64 = -2_000;

const ITEMS: &str = "SELECT id, native_id, conversation_id, parent_hash, key_hash, author_id,
                            kind, state, created_at, url, text, links
                     FROM items WHERE id BETWEEN ?1 AND ?2 ORDER BY id";

impl Store {
    /// Loads participants, conversations and items. Owners are the declared owners (matched
    /// on platform and handle or display name, case-insensitively) plus site authors the user
    /// did not remove.
    pub fn load_corpus(&self) -> Result<Corpus> {
        self.load_corpus_with(&LoadOptions::default())
    }

    /// [`Store::load_corpus`] with options.
    pub fn load_corpus_with(&self, options: &LoadOptions) -> Result<Corpus> {
        let mut corpus = Corpus::default();
        let helper = self.open_reader();
        let (participant_index, (conversations, conversation_index)) =
            std::thread::scope(|s| -> Result<_> {
                let conversations = helper.map(|conn| s.spawn(move || read_conversations(&conn)));
                let participants = self.load_participants(&mut corpus.participants)?;
                let conversations = match conversations {
                    Some(thread) => join(thread)?,
                    None => read_conversations(&self.conn)?,
                };
                Ok((participants, conversations))
            })?;
        corpus.conversations = conversations;
        // linked accounts are attributed to the participant that stands for them
        let authors: Vec<u32> = (0..corpus.participants.len() as u32)
            .map(|i| corpus.participants[i as usize].merged_into.unwrap_or(i))
            .collect();
        let reader = ItemReader {
            accounts: &participant_index,
            authors: &authors,
            conversations: &conversation_index,
            include_restricted: options.include_restricted,
        };
        self.load_items(&mut corpus, &reader)?;
        corpus.audience = self.audience()?;
        Ok(corpus)
    }

    /// Another read-only connection to this store's file, for a loading thread; `None` for an
    /// in-memory store (or if the file cannot be opened again), which one thread then reads.
    fn open_reader(&self) -> Option<Connection> {
        use rusqlite::OpenFlags;
        let path = self.conn.path().filter(|p| !p.is_empty())?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).ok()?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
        conn.pragma_update(None, "cache_size", READER_CACHE_KIB).ok()?;
        Some(conn)
    }

    /// Reads the participants (owners and linked identities resolved) and returns their
    /// index by row id.
    fn load_participants(&self, participants: &mut Vec<CorpusParticipant>) -> Result<IdIndex> {
        // Declarations only: site authors are owners through their own flag, so a guest who
        // happens to use an author's name does not become "us".
        let owners: Vec<crate::OwnerRow> =
            self.owners()?.into_iter().filter(|o| o.origin == "declared" || !o.active).collect();
        let mut index = IdIndex::default();
        let mut stmt = self.conn.prepare(
            "SELECT id, key, platform, handle, display_name, url, kind, site_author
             FROM participants ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let platform: String = r.get(2)?;
            let key: String = r.get(1)?;
            // an export may know an account only by its id: show what is known
            let handle: String = r.get(3)?;
            let handle = if handle.is_empty() { key.clone() } else { handle };
            let display_name: String = r.get(4)?;
            let display_name = if display_name.is_empty() { handle.clone() } else { display_name };
            let kind: String = r.get(6)?;
            let site_author = r.get::<_, i64>(7)? == 1;
            let declared = owners.iter().find(|o| {
                o.platform.eq_ignore_ascii_case(&platform)
                    && (o.handle.eq_ignore_ascii_case(&handle)
                        || o.handle.eq_ignore_ascii_case(&display_name))
            });
            let is_owner = match declared {
                Some(o) => o.active,
                None => site_author,
            };
            index.insert(r.get(0)?, participants.len() as u32);
            participants.push(CorpusParticipant {
                key,
                platform,
                handle,
                display_name,
                url: r.get(5)?,
                kind: ParticipantKind::parse(&kind).unwrap_or(ParticipantKind::Person),
                is_owner,
                merged_into: None,
            });
        }
        let links = self.identity_links()?;
        if !links.is_empty() {
            merge_identities(participants, &links);
        }
        Ok(index)
    }

    /// Reads the items into `corpus` in store order and resolves their parents: in parallel
    /// ranges ([`Store::load_items_in`]) when no other connection commits meanwhile, else on
    /// this connection alone.
    ///
    /// Each range is read in a snapshot of its own, so a commit by another process during the
    /// load (an import, `relate forget`) could mix two states of the store; `PRAGMA
    /// data_version` on a connection that writes nothing changes exactly when someone else
    /// committed, so the load is read again (once) or by one connection in one snapshot. And a
    /// range's connection does not wait for its lock: while a writer waits to commit in
    /// rollback-journal mode (a first import), a new reader would wait for the writer, which
    /// waits for this connection's snapshot, which waits for the range.
    fn load_items(&self, corpus: &mut Corpus, reader: &ItemReader<'_>) -> Result<()> {
        if let Some(watch) = self.open_reader() {
            let version = |c: &Connection| -> Result<i64> {
                Ok(c.pragma_query_value(None, "data_version", |r| r.get(0))?)
            };
            for _ in 0..2 {
                let before = version(&watch)?;
                match self.load_items_in(corpus, reader, true) {
                    Ok(()) if version(&watch)? == before => return Ok(()),
                    // someone committed meanwhile, or a writer waits: read it all again
                    Ok(()) | Err(StoreError::Sql(_) | StoreError::Invalid(_)) => {}
                    Err(e) => return Err(e),
                }
                corpus.clear_items();
            }
        }
        self.load_items_in(corpus, reader, false)
    }

    /// Reads the items into `corpus` in store order, in up to [`MAX_PARTS`] id ranges at once
    /// (the first on this connection) when `parallel`, and resolves their parents.
    fn load_items_in(
        &self,
        corpus: &mut Corpus,
        reader: &ItemReader<'_>,
        parallel: bool,
    ) -> Result<()> {
        // one snapshot for the count, the bounds and the first range: an import that commits
        // meanwhile adds ids after them, which the other ranges leave out as well
        let _snapshot = self.conn.unchecked_transaction()?;
        let count: i64 = self.conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0))?;
        // two queries: SQLite answers a lone min() or max() from the end of the tree
        let first: Option<i64> =
            self.conn.query_row("SELECT min(id) FROM items", [], |r| r.get(0))?;
        let last: Option<i64> =
            self.conn.query_row("SELECT max(id) FROM items", [], |r| r.get(0))?;
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(());
        };
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let wanted = threads.min(MAX_PARTS).min((count / MIN_ITEMS_PER_PART).max(1) as usize);
        let wanted = if parallel { wanted } else { 1 };
        let mut helpers: Vec<Connection> = (1..wanted)
            .map_while(|_| self.open_reader())
            .filter_map(|c| c.busy_timeout(std::time::Duration::ZERO).ok().map(|()| c))
            .collect();
        let ranges = self.item_ranges(first, last, count, helpers.len() + 1)?;
        helpers.truncate(ranges.len() - 1);
        self.conn.pragma_update(None, "cache_size", READER_CACHE_KIB)?;
        // the database's size bounds the text it holds; a range holds about its share, and
        // twice that is headroom for ranges whose texts are longer than the average (room
        // never touched costs no memory)
        let db_bytes: i64 = self.conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )?;
        let capacity = |rows: usize| {
            let share = db_bytes.max(0) as u128 * 2 * rows as u128 / count.max(1) as u128;
            share.min(db_bytes.max(0) as u128) as usize
        };

        // each range fills its own slots, so that no thread waits for another
        corpus.items.resize(ranges.iter().map(|r| r.rows).sum(), placeholder());
        let parts = std::thread::scope(|s| {
            let mut slots = corpus.items.as_mut_slice();
            let mut mine = None;
            let mut threads = Vec::new();
            let mut helpers = helpers.into_iter();
            for range in &ranges {
                let (these, rest) = std::mem::take(&mut slots).split_at_mut(range.rows);
                slots = rest;
                // allocated here, where they are freed: a thread's allocator may keep memory
                // another thread frees after it ended
                let part = Part {
                    strings: Strings::with_capacity(capacity(range.rows)),
                    hashes: Hashes {
                        keys: Vec::with_capacity(range.rows),
                        children: Vec::with_capacity(range.rows),
                    },
                };
                match mine {
                    None => mine = Some((these, part)),
                    Some(_) => {
                        let conn = helpers.next().expect("a connection for each range");
                        threads.push(s.spawn(move || reader.read(&conn, range, these, part)));
                    }
                }
            }
            let (these, part) = mine.expect("one range at least");
            let mut parts = vec![reader.read(&self.conn, &ranges[0], these, part)];
            parts.extend(threads.into_iter().map(join));
            parts.into_iter().collect::<Result<Vec<Part>>>()
        })?;

        // a row deleted meanwhile (`relate forget`) leaves its slot empty
        let mut start: usize = ranges.iter().map(|r| r.rows).sum();
        for (range, part) in ranges.iter().zip(&parts).rev() {
            start -= range.rows;
            corpus.items.drain(start + part.rows()..start + range.rows);
        }
        let mut start = 0;
        let mut starts = Vec::with_capacity(parts.len());
        let mut hashes = Vec::with_capacity(parts.len());
        for part in parts {
            let rows = part.rows();
            if !corpus.adopt_strings(part.strings, start..start + rows) {
                return Err(StoreError::TooLarge);
            }
            starts.push(start);
            hashes.push(part.hashes);
            start += rows;
        }
        resolve_parents(&mut corpus.items, &starts, &hashes);
        Ok(())
    }

    /// `parts` id ranges (fewer if there are few ids) of about equal width covering
    /// `first..=last`, in order, with how many rows each holds.
    fn item_ranges(&self, first: i64, last: i64, count: i64, parts: usize) -> Result<Vec<IdRange>> {
        let width = i128::from(last) - i128::from(first) + 1;
        let parts = parts.min(usize::try_from(width).unwrap_or(usize::MAX)).max(1);
        let bound = |k: usize| (i128::from(first) + width * k as i128 / parts as i128) as i64;
        let dense = width == i128::from(count);
        let mut ranges = Vec::with_capacity(parts);
        let mut before = 0;
        for k in 0..parts {
            let (from, to) = (bound(k), if k + 1 == parts { last } else { bound(k + 1) - 1 });
            // ids without gaps (nothing forgotten) say how many rows a range holds
            let until = if k + 1 == parts {
                count
            } else if dense {
                bound(k + 1) - first
            } else {
                self.conn
                    .query_row("SELECT count(*) FROM items WHERE id <= ?1", [to], |r| r.get(0))?
            };
            ranges.push(IdRange { from, to, rows: (until - before).max(0) as usize });
            before = until;
        }
        Ok(ranges)
    }
}

/// Waits for a loading thread; its panic is this thread's.
fn join<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// An item slot before its row is read.
fn placeholder() -> CorpusItem {
    CorpusItem {
        native_id: Span::default(),
        conversation: 0,
        parent: None,
        parent_missing: false,
        author: 0,
        account: 0,
        kind: ItemKind::Comment,
        state: State::Pending,
        created_at: None,
        text: Span::default(),
        extra: None,
    }
}

fn read_conversations(conn: &Connection) -> Result<(Vec<CorpusConversation>, IdIndex)> {
    let mut conversations = Vec::new();
    let mut index = IdIndex::default();
    let mut platforms: Vec<std::sync::Arc<str>> = Vec::new();
    let mut stmt =
        conn.prepare("SELECT id, key, platform, title, url FROM conversations ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        index.insert(r.get(0)?, conversations.len() as u32);
        let platform = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
        let platform = match platforms.iter().find(|p| &***p == platform) {
            Some(p) => p.clone(),
            None => {
                platforms.push(platform.into());
                platforms[platforms.len() - 1].clone()
            }
        };
        let key: String = r.get(1)?;
        let title: Option<String> = r.get(3)?;
        let url: Option<String> = r.get(4)?;
        conversations.push(CorpusConversation {
            key: key.into(),
            platform,
            title: title.map(String::into_boxed_str),
            url: url.map(String::into_boxed_str),
            joined_into: None,
        });
    }
    Ok((conversations, index))
}

/// Ids `from..=to`, holding `rows` items when the load began.
struct IdRange {
    from: i64,
    to: i64,
    rows: usize,
}

/// One range's items: their strings and their hashes (one key hash per item read).
struct Part {
    strings: Strings,
    hashes: Hashes,
}

impl Part {
    /// How many items were read.
    fn rows(&self) -> usize {
        self.hashes.keys.len()
    }
}

/// What turns item rows into corpus items: the indices of authors and conversations.
struct ItemReader<'a> {
    accounts: &'a IdIndex,
    /// Participant index to the participant that stands for it (linked accounts).
    authors: &'a [u32],
    conversations: &'a IdIndex,
    include_restricted: bool,
}

impl ItemReader<'_> {
    /// Reads the items of `range` in order into `slots`, their native ids and texts into
    /// `part`'s strings, and sorts their hashes for [`resolve_parents`].
    fn read(
        &self,
        conn: &Connection,
        range: &IdRange,
        slots: &mut [CorpusItem],
        part: Part,
    ) -> Result<Part> {
        let Part { mut strings, mut hashes, .. } = part;
        let mut stmt = conn.prepare(ITEMS)?;
        let mut rows = stmt.query([range.from, range.to])?;
        let mut slots = slots.iter_mut();
        while let Some(r) = rows.next()? {
            let db_id: i64 = r.get(0)?;
            let Some(slot) = slots.next() else {
                return Err(StoreError::Invalid(
                    "items were added while the database was read; please try again".into(),
                ));
            };
            let index = hashes.keys.len() as u32;
            hashes.keys.push((r.get(4)?, index));
            if let Some(parent) = r.get::<_, Option<i64>>(3)? {
                hashes.children.push((parent, index));
            }
            let native = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let text = r.get_ref(10)?.as_str().map_err(rusqlite::Error::from)?;
            if !Corpus::fits(strings.len(), native.len() + text.len()) {
                return Err(StoreError::TooLarge);
            }
            let kind = r.get_ref(6)?.as_str().map_err(rusqlite::Error::from)?;
            let state = r.get_ref(7)?.as_str().map_err(rusqlite::Error::from)?;
            let links = r.get_ref(11)?.as_str().map_err(rusqlite::Error::from)?;
            let url: Option<String> = r.get(9)?;
            let account = self.accounts.get(r.get(5)?).ok_or_else(|| {
                StoreError::Invalid(format!("item {db_id} has an unknown author"))
            })?;
            *slot = CorpusItem {
                native_id: strings.push_str(native),
                conversation: self.conversations.get(r.get(2)?).ok_or_else(|| {
                    StoreError::Invalid(format!("item {db_id} has an unknown conversation"))
                })?,
                parent: None,
                parent_missing: false,
                author: self.authors[account as usize],
                account,
                kind: ItemKind::parse(kind).unwrap_or(ItemKind::Comment),
                state: match State::parse(state).unwrap_or(State::Pending) {
                    State::Restricted if self.include_restricted => State::Public,
                    state => state,
                },
                created_at: r.get(8)?,
                text: strings.push_str(text),
                extra: ItemExtra::new(
                    url.map(String::into_boxed_str),
                    if links.is_empty() {
                        Box::default()
                    } else {
                        links.split('\n').map(str::to_string).collect()
                    },
                ),
            };
        }
        hashes.keys.sort_unstable();
        hashes.children.sort_unstable();
        Ok(Part { strings, hashes })
    }
}

/// Key hashes and parent hashes of a range's items by index in the range, sorted by hash: a
/// merge of sorted lists instead of a hash map of a million keys, which is faster and
/// smaller.
struct Hashes {
    keys: Vec<(i64, u32)>,
    children: Vec<(i64, u32)>,
}

/// Sets each item's parent: the item whose key hash is its parent hash, or the last such item
/// in store order if the store holds two (as a map filled in store order would have it).
/// Ranges (starting at `starts`) are resolved at the same time, each on its own items.
fn resolve_parents(items: &mut [CorpusItem], starts: &[usize], hashes: &[Hashes]) {
    fn resolve(
        items: &mut [CorpusItem],
        children: &[(i64, u32)],
        starts: &[usize],
        hashes: &[Hashes],
    ) {
        let mut next = vec![0usize; hashes.len()];
        for &(hash, child) in children {
            let mut found = None;
            for ((keys, start), next) in hashes.iter().map(|h| &h.keys).zip(starts).zip(&mut next) {
                while keys.get(*next).is_some_and(|&(h, _)| h < hash) {
                    *next += 1;
                }
                let equal = keys[*next..].iter().take_while(|&&(h, _)| h == hash);
                if let Some(&(_, index)) = equal.last() {
                    found = Some((start + index as usize) as u32);
                }
            }
            let item = &mut items[child as usize];
            item.parent = found;
            item.parent_missing = found.is_none();
        }
    }
    std::thread::scope(|s| {
        let mut rest = items;
        for (i, part) in hashes.iter().enumerate() {
            let (these, tail) = std::mem::take(&mut rest).split_at_mut(part.keys.len());
            rest = tail;
            if i + 1 == hashes.len() {
                resolve(these, &part.children, starts, hashes);
            } else {
                s.spawn(move || resolve(these, &part.children, starts, hashes));
            }
        }
    });
}

/// Applies `relate identity link` statements: each group of linked accounts is represented by
/// its first-loaded member, which is an owner when any member is.
fn merge_identities(participants: &mut [CorpusParticipant], links: &[(String, String)]) {
    let by_key: HashMap<&str, u32> =
        participants.iter().enumerate().map(|(i, p)| (p.key.as_str(), i as u32)).collect();
    let mut parent: Vec<u32> = (0..participants.len() as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    for (a, b) in links {
        let (Some(&a), Some(&b)) = (by_key.get(a.as_str()), by_key.get(b.as_str())) else {
            continue; // a forgotten participant: the link has nothing left to merge
        };
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        // the smaller index represents the group: deterministic, and the first imported
        let (keep, join) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[join as usize] = keep;
    }
    for i in 0..participants.len() as u32 {
        let root = find(&mut parent, i);
        if root != i {
            participants[i as usize].merged_into = Some(root);
            if participants[i as usize].is_owner {
                participants[root as usize].is_owner = true;
            }
        }
    }
}

/// Row ids to corpus indices. Row ids are dense (SQLite assigns them in order), so a vector
/// indexed by id beats a hash map on a million lookups.
#[derive(Default)]
struct IdIndex(Vec<u32>);

impl IdIndex {
    fn insert(&mut self, id: i64, index: u32) {
        let Ok(id) = usize::try_from(id) else { return };
        if id >= self.0.len() {
            self.0.resize(id + 1, u32::MAX);
        }
        self.0[id] = index;
    }

    fn get(&self, id: i64) -> Option<u32> {
        let id = usize::try_from(id).ok()?;
        self.0.get(id).copied().filter(|&i| i != u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use relate_model::{Conversation, Item, Participant};

    use super::*;

    fn fill(store: &mut Store) {
        let mut tx = store.begin_import("test", "mem").unwrap();
        for n in 0..12 {
            tx.participant(&Participant {
                key: format!("p:{n}"),
                platform: "test".into(),
                handle: format!("h{n}"),
                display_name: format!("Name {n}"),
                url: None,
                kind: ParticipantKind::Person,
                site_author: n == 0,
            })
            .unwrap();
        }
        for n in 0..300u32 {
            let conversation = format!("c:{}", n % 7);
            tx.conversation(&Conversation {
                key: conversation.clone(),
                platform: "test".into(),
                title: None,
                url: None,
            })
            .unwrap();
            // parents before and after their children, across ranges, and some never stored
            let parent = match n % 5 {
                0 => None,
                1 => Some(format!("x:{}", (n * 7 + 3) % 300)),
                2 => Some(format!("gone:{n}")),
                _ => Some(format!("x:{}", n / 2)),
            };
            tx.item(&Item {
                key: format!("x:{n}"),
                native_id: n.to_string(),
                conversation,
                parent,
                author: format!("p:{}", n % 12),
                kind: ItemKind::Comment,
                state: if n % 11 == 0 { State::Restricted } else { State::Public },
                created_at: Some(i64::from(n)),
                title: None,
                url: (n % 13 == 0).then(|| format!("https://example.org/{n}")),
                text: "ä".repeat(n as usize % 9) + &n.to_string(),
                html: None,
                links: (0..n % 3).map(|l| format!("https://example.org/{n}/{l}")).collect(),
                mentions: vec![],
            })
            .unwrap();
        }
        tx.commit().unwrap();
    }

    /// Everything an item holds, its strings resolved.
    fn items(corpus: &Corpus) -> Vec<String> {
        (0..corpus.items.len() as u32)
            .map(|i| {
                let item = &corpus.items[i as usize];
                format!(
                    "{} {} {:?} {} {} {} {:?} {:?} {:?} {:?} {:?} {:?}",
                    corpus.native_id_of(i),
                    corpus.text_of(i),
                    item.parent,
                    item.parent_missing,
                    item.author,
                    item.account,
                    item.conversation,
                    item.kind,
                    item.state,
                    item.created_at,
                    item.url(),
                    item.links(),
                )
            })
            .collect()
    }

    #[test]
    fn a_store_read_in_parts_loads_as_one_read_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = Store::open(&dir.path().join("parts.db")).unwrap();
        let mut memory = Store::in_memory().unwrap();
        fill(&mut file);
        fill(&mut memory);
        assert!(file.open_reader().is_some() && memory.open_reader().is_none());
        let expected = items(&memory.load_corpus().unwrap());
        assert_eq!(expected.len(), 300);
        assert_eq!(items(&file.load_corpus().unwrap()), expected);
        // forgotten items leave gaps in the ids, which ranges must count
        for store in [&mut file, &mut memory] {
            store.forget("p:5").unwrap();
        }
        let expected = items(&memory.load_corpus().unwrap());
        assert_eq!(expected.len(), 275);
        assert_eq!(items(&file.load_corpus().unwrap()), expected);
        let options = LoadOptions { include_restricted: true };
        assert_eq!(
            items(&file.load_corpus_with(&options).unwrap()),
            items(&memory.load_corpus_with(&options).unwrap())
        );
    }

    #[test]
    fn id_ranges_cover_the_ids_in_order() {
        let store = Store::in_memory().unwrap();
        let ranges = store.item_ranges(1, 10, 10, 3).unwrap();
        let bounds: Vec<_> = ranges.iter().map(|r| (r.from, r.to, r.rows)).collect();
        assert_eq!(bounds, [(1, 3, 3), (4, 6, 3), (7, 10, 4)]);
        // more parts than ids
        assert_eq!(store.item_ranges(5, 6, 2, 4).unwrap().len(), 2);
        let extreme = store.item_ranges(i64::MIN, i64::MAX, 2, 2).unwrap();
        assert_eq!((extreme[0].from, extreme[1].to), (i64::MIN, i64::MAX));
    }
}
