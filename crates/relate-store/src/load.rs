//! Loading the whole store as a `Corpus` for the analyses, with owners resolved.

use rustc_hash::FxHashMap as HashMap;

use relate_model::corpus::{Corpus, CorpusConversation, CorpusItem, CorpusParticipant, ItemExtra};
use relate_model::{ItemKind, ParticipantKind, State};

use crate::{Result, Store, StoreError};

/// What to load besides the default.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Treat restricted items (direct messages, followers-only posts, whispers) as public.
    /// Off by default: they are stored, but never shown unless the user asks.
    pub include_restricted: bool,
}

impl Store {
    /// Loads participants, conversations and items. Owners are the declared owners (matched
    /// on platform and handle or display name, case-insensitively) plus site authors the user
    /// did not remove.
    pub fn load_corpus(&self) -> Result<Corpus> {
        self.load_corpus_with(&LoadOptions::default())
    }

    /// [`Store::load_corpus`] with options.
    pub fn load_corpus_with(&self, options: &LoadOptions) -> Result<Corpus> {
        // Declarations only: site authors are owners through their own flag, so a guest who
        // happens to use an author's name does not become "us".
        let owners: Vec<crate::OwnerRow> =
            self.owners()?.into_iter().filter(|o| o.origin == "declared" || !o.active).collect();
        let mut corpus = Corpus::default();

        let mut participant_index = IdIndex::default();
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
            participant_index.insert(r.get(0)?, corpus.participants.len() as u32);
            corpus.participants.push(CorpusParticipant {
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
            merge_identities(&mut corpus.participants, &links);
        }

        let mut conversation_index = IdIndex::default();
        let mut platforms: Vec<std::sync::Arc<str>> = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, key, platform, title, url FROM conversations ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            conversation_index.insert(r.get(0)?, corpus.conversations.len() as u32);
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
            corpus.conversations.push(CorpusConversation {
                key: key.into(),
                platform,
                title: title.map(String::into_boxed_str),
                url: url.map(String::into_boxed_str),
                joined_into: None,
            });
        }

        let count: i64 = self.conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0))?;
        // one sequential pass: a small page cache is enough, and keeps memory for the corpus
        self.conn.pragma_update(None, "cache_size", -8_000)?;
        corpus.items.reserve(count as usize);
        // the database's size bounds the text it holds
        let db_bytes: i64 = self.conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )?;
        corpus.reserve_strings(db_bytes.max(0) as usize);
        // parent links are hashes of parent keys, resolved here
        let mut by_hash: HashMap<i64, u32> =
            HashMap::with_capacity_and_hasher(count as usize, Default::default());
        let mut parents: Vec<Option<i64>> = Vec::with_capacity(count as usize);
        let mut stmt = self.conn.prepare(
            "SELECT id, native_id, conversation_id, parent_hash, key_hash, author_id,
                    kind, state, created_at, url, text, links
             FROM items ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let db_id: i64 = r.get(0)?;
            let conversation: i64 = r.get(2)?;
            let author: i64 = r.get(5)?;
            let kind = r.get_ref(6)?.as_str().map_err(rusqlite::Error::from)?;
            let state = r.get_ref(7)?.as_str().map_err(rusqlite::Error::from)?;
            let links = r.get_ref(11)?.as_str().map_err(rusqlite::Error::from)?;
            let parent_hash: Option<i64> = r.get(3)?;
            by_hash.insert(r.get(4)?, corpus.items.len() as u32);
            parents.push(parent_hash);
            let native = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let body = r.get_ref(10)?.as_str().map_err(rusqlite::Error::from)?;
            if !Corpus::fits(corpus.strings_len(), native.len() + body.len()) {
                return Err(StoreError::Invalid(
                    "the items' texts exceed 4 GiB: more than relate analyses in memory".into(),
                ));
            }
            let native_id = corpus.push_str(native);
            let text = corpus.push_str(body);
            let url: Option<String> = r.get(9)?;
            let account = participant_index.get(author).ok_or_else(|| {
                StoreError::Invalid(format!("item {db_id} has an unknown author"))
            })?;
            corpus.items.push(CorpusItem {
                native_id,
                conversation: conversation_index.get(conversation).ok_or_else(|| {
                    StoreError::Invalid(format!("item {db_id} has an unknown conversation"))
                })?,
                parent: None,
                parent_missing: false,
                author: corpus.participants[account as usize].merged_into.unwrap_or(account),
                account,
                kind: ItemKind::parse(kind).unwrap_or(ItemKind::Comment),
                state: match State::parse(state).unwrap_or(State::Pending) {
                    State::Restricted if options.include_restricted => State::Public,
                    state => state,
                },
                created_at: r.get(8)?,
                text,
                extra: ItemExtra::new(
                    url.map(String::into_boxed_str),
                    if links.is_empty() {
                        Box::default()
                    } else {
                        links.split('\n').map(str::to_string).collect()
                    },
                ),
            });
        }
        for (item, parent) in corpus.items.iter_mut().zip(parents) {
            if let Some(hash) = parent {
                item.parent = by_hash.get(&hash).copied();
                item.parent_missing = item.parent.is_none();
            }
        }
        corpus.audience = self.audience()?;
        Ok(corpus)
    }
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
