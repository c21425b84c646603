//! One import run as one transaction, with the upserts that make re-imports idempotent.

use rustc_hash::FxHashMap as HashMap;

use relate_model::{AudienceSnapshot, Conversation, Item, Participant};
use rusqlite::{Connection, OptionalExtension, Statement, params};

use crate::Result;

/// What an import run changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportCounts {
    pub source_id: i64,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub warnings: u64,
    /// Items not imported because their author was forgotten (`relate forget`).
    pub forgotten: u64,
    /// Vanity numbers (audience snapshots) added or changed.
    pub audience: u64,
}

pub struct ImportTx<'a> {
    /// The connection, inside `BEGIN IMMEDIATE`; statements are prepared once per run (a
    /// `Transaction` would be borrowed by them, so the transaction is managed by hand).
    tx: &'a Connection,
    items: ItemWriter<'a>,
    upsert_participant: Statement<'a>,
    upsert_conversation: Statement<'a>,
    /// Plain inserts while those tables were empty when the run began (a first import): one
    /// statement instead of an upsert returning the id.
    insert_participant: Option<Statement<'a>>,
    insert_conversation: Option<Statement<'a>>,
    insert_warning: Statement<'a>,
    finished: bool,
    source_id: i64,
    /// When this run began: the date of undated audience numbers.
    now: i64,
    /// Ids of recently written participants and conversations: most records name the same
    /// few again and again, and a bounded cache keeps memory flat however large the export.
    participants: Recent,
    conversations: Recent,
    /// Hashes of participant keys the user asked relate to forget: their records are dropped.
    forgotten: rustc_hash::FxHashSet<i64>,
    /// Items dropped because their author was forgotten.
    skipped_forgotten: u64,
    audience_changed: u64,
    items_before: u64,
    seen: u64,
    changed: u64,
    warnings: u64,
}

/// How a run writes items.
enum ItemWriter<'a> {
    /// Into a table that held items before: insert or update by key.
    Upsert(Statement<'a>),
    /// Into an empty table (a first import): the unique index on `key_hash` is dropped when
    /// the run begins and built once at commit, a sorted build instead of a million random
    /// B-tree inserts (the largest cost of a bulk import). Rows are appended; a key the export
    /// repeats is folded into one item at commit ([`fold_repeated_items`]).
    Bulk(Statement<'a>),
}

const UPSERT_ITEM: &str = "
INSERT INTO items (key, key_hash, native_id, conversation_id, parent_hash, author_id, kind,
                   state, created_at, title, url, text, html, links, mentions, source_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
ON CONFLICT(key_hash) DO UPDATE SET
    key = excluded.key, native_id = excluded.native_id,
    conversation_id = excluded.conversation_id, parent_hash = excluded.parent_hash,
    author_id = excluded.author_id, kind = excluded.kind, state = excluded.state,
    created_at = excluded.created_at, title = excluded.title, url = excluded.url,
    text = excluded.text, html = excluded.html, links = excluded.links,
    mentions = excluded.mentions, updated_source_id = excluded.source_id
WHERE (items.key, items.native_id, items.conversation_id, items.parent_hash, items.author_id,
       items.kind, items.state, items.created_at, items.title, items.url, items.text,
       items.html, items.links, items.mentions)
   IS NOT (excluded.key, excluded.native_id, excluded.conversation_id, excluded.parent_hash,
       excluded.author_id, excluded.kind, excluded.state, excluded.created_at, excluded.title,
       excluded.url, excluded.text, excluded.html, excluded.links, excluded.mentions)";

/// The `INSERT ... VALUES (...)` part of an upsert.
fn plain_insert(upsert: &str) -> &str {
    &upsert[..upsert.find("ON CONFLICT").unwrap_or(upsert.len())]
}

/// Writes a participant or conversation and returns its row id: a plain insert while the
/// table was empty when the run began, else (or if the key exists) the upsert, which returns
/// the id unless the row was unchanged, when `lookup` finds it.
fn write_keyed(
    conn: &Connection,
    insert: Option<&mut Statement<'_>>,
    upsert: &mut Statement<'_>,
    values: &[&dyn rusqlite::ToSql],
    lookup: (&str, &dyn rusqlite::ToSql),
) -> Result<i64> {
    if let Some(insert) = insert
        && try_insert(insert, values)?
    {
        return Ok(conn.last_insert_rowid());
    }
    match upsert.query_row(values, |r| r.get(0)).optional()? {
        Some(id) => Ok(id),
        None => Ok(conn.prepare_cached(lookup.0)?.query_row([lookup.1], |r| r.get(0))?),
    }
}

/// Runs a plain insert; `false` if the key exists already (the caller then upserts).
fn try_insert(insert: &mut Statement<'_>, values: impl rusqlite::Params) -> Result<bool> {
    match insert.execute(values) {
        Ok(_) => Ok(true),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// The 64-bit hash that identifies an item key in the store: FNV-1a, then the SplitMix64
/// finaliser to spread similar keys. Stable across versions and platforms (it is stored).
pub(crate) fn key_hash(key: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    h as i64
}

impl<'a> ImportTx<'a> {
    pub(crate) fn begin(conn: &'a Connection, importer: &str, path: &str) -> Result<Self> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        match Self::prepare(conn, importer, path) {
            Ok(tx) => Ok(tx),
            Err(err) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(err)
            }
        }
    }

    fn prepare(tx: &'a Connection, importer: &str, path: &str) -> Result<Self> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        tx.execute(
            "INSERT INTO sources(importer, path, imported_at) VALUES (?1, ?2, ?3)",
            params![importer, path, now],
        )?;
        let source_id = tx.last_insert_rowid();
        let count = |table: &str| -> rusqlite::Result<i64> {
            tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        };
        let items_before: i64 = count("items")?;
        Ok(ImportTx {
            tx,
            items: if items_before == 0 {
                tx.execute_batch("DROP INDEX items_key_hash")?;
                ItemWriter::Bulk(tx.prepare(plain_insert(UPSERT_ITEM))?)
            } else {
                ItemWriter::Upsert(tx.prepare(UPSERT_ITEM)?)
            },
            upsert_participant: tx.prepare(UPSERT_PARTICIPANT)?,
            upsert_conversation: tx.prepare(UPSERT_CONVERSATION)?,
            insert_participant: if count("participants")? == 0 {
                Some(tx.prepare(plain_insert(UPSERT_PARTICIPANT))?)
            } else {
                None
            },
            insert_conversation: if count("conversations")? == 0 {
                Some(tx.prepare(plain_insert(UPSERT_CONVERSATION))?)
            } else {
                None
            },
            insert_warning: tx.prepare(
                "INSERT INTO import_warnings(source_id, location, message) VALUES (?1, ?2, ?3)",
            )?,
            finished: false,
            source_id,
            now,
            participants: Recent::default(),
            conversations: Recent::default(),
            forgotten: {
                let mut stmt = tx.prepare("SELECT key_hash FROM forgotten")?;
                let hashes = stmt.query_map([], |r| r.get::<_, i64>(0))?;
                hashes.collect::<rusqlite::Result<_>>()?
            },
            skipped_forgotten: 0,
            audience_changed: 0,
            items_before: items_before as u64,
            seen: 0,
            changed: 0,
            warnings: 0,
        })
    }

    /// Writes `p` and returns its row id; a forgotten participant is not written (`None`).
    pub fn participant(&mut self, p: &Participant) -> Result<Option<i64>> {
        if self.is_forgotten(&p.key) {
            return Ok(None);
        }
        if let Some(id) = self.participants.get(&p.key) {
            return Ok(Some(id));
        }
        let site_author = p.site_author as i64;
        let values = params![
            p.key,
            p.platform,
            p.handle,
            p.display_name,
            p.url,
            p.kind.as_str(),
            site_author
        ];
        let id = write_keyed(
            self.tx,
            self.insert_participant.as_mut(),
            &mut self.upsert_participant,
            values,
            ("SELECT id FROM participants WHERE key = ?1", &p.key),
        )?;
        self.participants.insert(p.key.clone(), id);
        Ok(Some(id))
    }

    fn is_forgotten(&self, key: &str) -> bool {
        !self.forgotten.is_empty() && self.forgotten.contains(&key_hash(key))
    }

    pub fn conversation(&mut self, c: &Conversation) -> Result<i64> {
        if let Some(id) = self.conversations.get(&c.key) {
            return Ok(id);
        }
        let values = params![c.key, key_hash(&c.key), c.platform, c.title, c.url];
        let id = write_keyed(
            self.tx,
            self.insert_conversation.as_mut(),
            &mut self.upsert_conversation,
            values,
            ("SELECT id FROM conversations WHERE key_hash = ?1", &key_hash(&c.key)),
        )?;
        self.conversations.insert(c.key.clone(), id);
        Ok(id)
    }

    /// The id of a participant announced earlier in this run or stored by an earlier one.
    fn known_participant(&mut self, key: &str) -> Result<Option<i64>> {
        if let Some(id) = self.participants.get(key) {
            return Ok(Some(id));
        }
        let id: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM participants WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            self.participants.insert(key.to_string(), id);
        }
        Ok(id)
    }

    /// The id of a conversation announced earlier in this run or stored by an earlier one.
    fn known_conversation(&mut self, key: &str) -> Result<Option<i64>> {
        if let Some(id) = self.conversations.get(key) {
            return Ok(Some(id));
        }
        let id: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM conversations WHERE key_hash = ?1")?
            .query_row([key_hash(key)], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            self.conversations.insert(key.to_string(), id);
        }
        Ok(id)
    }

    /// Inserts or updates `item`. Its participant and conversation are created on the fly
    /// (as bare records) if the importer did not announce them first.
    pub fn item(&mut self, item: &Item) -> Result<()> {
        if self.is_forgotten(&item.author) {
            self.skipped_forgotten += 1;
            return Ok(());
        }
        let author_id = match self.known_participant(&item.author)? {
            Some(id) => id,
            // names unknown (empty): a later record that knows them fills them in
            None => self
                .participant(&Participant {
                    key: item.author.clone(),
                    platform: item.author.split(':').next().unwrap_or("unknown").to_string(),
                    handle: String::new(),
                    display_name: String::new(),
                    url: None,
                    kind: relate_model::ParticipantKind::Person,
                    site_author: false,
                })?
                .ok_or_else(|| {
                    crate::StoreError::Invalid("a forgotten author slipped through".into())
                })?,
        };
        let conversation_id = match self.known_conversation(&item.conversation)? {
            Some(id) => id,
            None => self.conversation(&Conversation {
                key: item.conversation.clone(),
                platform: item.conversation.split(':').next().unwrap_or("unknown").to_string(),
                title: None,
                url: None,
            })?,
        };
        let links = item.links.join("\n");
        let mentions = item.mentions.join("\n");
        let values = params![
            item.key,
            key_hash(&item.key),
            item.native_id,
            conversation_id,
            item.parent.as_deref().map(key_hash),
            author_id,
            item.kind.as_str(),
            item.state.as_str(),
            item.created_at,
            item.title,
            item.url,
            item.text,
            item.html,
            links,
            mentions,
            self.source_id,
        ];
        let changed = match &mut self.items {
            ItemWriter::Bulk(insert) => insert.execute(values)?,
            ItemWriter::Upsert(upsert) => upsert.execute(values)?,
        };
        self.seen += 1;
        self.changed += changed as u64;
        Ok(())
    }

    /// Stores a vanity number. One without a date counts as of this import, but only when the
    /// latest stored value differs: re-importing an undated export adds nothing.
    pub fn audience(&mut self, s: &AudienceSnapshot) -> Result<()> {
        if s.account.as_deref().is_some_and(|a| self.is_forgotten(a)) {
            return Ok(());
        }
        let account = s.account.as_deref().unwrap_or("");
        let item = s.item.as_deref().unwrap_or("");
        let changed = match s.at {
            Some(at) => self.tx.execute(
                "INSERT INTO audience(platform, account, item, metric, at, value, source_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT(platform, account, item, metric, at) DO UPDATE
                     SET value = excluded.value, source_id = excluded.source_id
                     WHERE audience.value <> excluded.value",
                params![s.platform, account, item, s.metric, at, s.value, self.source_id],
            )?,
            None => self.tx.execute(
                "INSERT INTO audience(platform, account, item, metric, at, value, source_id)
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
                     WHERE ?6 IS NOT (SELECT value FROM audience
                         WHERE platform = ?1 AND account = ?2 AND item = ?3 AND metric = ?4
                         ORDER BY at DESC LIMIT 1)
                     ON CONFLICT(platform, account, item, metric, at) DO UPDATE
                     SET value = excluded.value",
                params![s.platform, account, item, s.metric, self.now, s.value, self.source_id],
            )?,
        };
        self.audience_changed += changed as u64;
        Ok(())
    }

    pub fn warning(&mut self, location: &str, message: &str) -> Result<()> {
        self.warnings += 1;
        self.insert_warning.execute(params![self.source_id, location, message])?;
        Ok(())
    }

    /// Records the counts and commits. Dropping an `ImportTx`
    /// without committing rolls everything back.
    pub fn commit(mut self) -> Result<ImportCounts> {
        if let ItemWriter::Bulk(_) = self.items {
            const INDEX: &str = "CREATE UNIQUE INDEX items_key_hash ON items(key_hash)";
            match self.tx.execute_batch(INDEX) {
                Ok(()) => {}
                // the export repeated a key: fold the repeats, then build the index
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    let (folded, changed) = fold_repeated_items(self.tx, self.source_id)?;
                    // a repeat was counted as a new row; it is an update if it changed the item
                    self.changed = self.changed - folded + changed;
                    self.tx.execute_batch(INDEX)?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        let items_after: i64 = self.tx.query_row("SELECT count(*) FROM items", [], |r| r.get(0))?;
        let added = (items_after as u64).saturating_sub(self.items_before);
        let counts = ImportCounts {
            source_id: self.source_id,
            added,
            updated: self.changed.saturating_sub(added),
            unchanged: self.seen.saturating_sub(self.changed),
            warnings: self.warnings,
            forgotten: self.skipped_forgotten,
            audience: self.audience_changed,
        };
        self.tx.execute(
            "UPDATE sources SET added = ?1, updated = ?2, unchanged = ?3, warnings = ?4 WHERE id = ?5",
            params![
                counts.added as i64,
                counts.updated as i64,
                counts.unchanged as i64,
                counts.warnings as i64,
                self.source_id
            ],
        )?;
        self.tx.execute_batch("COMMIT")?;
        self.finished = true;
        self.tx.pragma_update(None, "journal_mode", "WAL")?;
        Ok(counts)
    }
}

/// The columns an item record sets, in the order `fold_repeated_items` compares and copies.
const ITEM_FIELDS: &str = "key, native_id, conversation_id, parent_hash, author_id, kind, state, \
     created_at, title, url, text, html, links, mentions";

/// After a bulk run: the rows of a key the export repeated become one item, in the first
/// row's place (store order is first-seen order) with the last record's fields, as the upsert
/// would have left it. Returns the rows folded away and how many of them changed the item.
/// Two different keys with one hash are refused, as the trigger refuses them on update.
fn fold_repeated_items(tx: &Connection, source_id: i64) -> Result<(u64, u64)> {
    // an index to find the repeats; the unique one is built after them
    tx.execute_batch("CREATE INDEX items_key_hash_repeats ON items(key_hash)")?;
    let repeated: Vec<i64> = tx
        .prepare("SELECT key_hash FROM items GROUP BY key_hash HAVING count(*) > 1")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut folded, mut changed) = (0u64, 0u64);
    let n = ITEM_FIELDS.split(',').count();
    for hash in repeated {
        let rows: Vec<(i64, Vec<rusqlite::types::Value>)> = tx
            .prepare_cached(&format!(
                "SELECT id, {ITEM_FIELDS} FROM items WHERE key_hash = ?1 ORDER BY id"
            ))?
            .query_map([hash], |r| {
                Ok((r.get(0)?, (1..=n).map(|i| r.get(i)).collect::<rusqlite::Result<_>>()?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (first, first_fields) = &rows[0];
        let (last, _) = &rows[rows.len() - 1];
        if rows.iter().any(|(_, fields)| fields[0] != first_fields[0]) {
            return Err(crate::StoreError::Invalid(
                "two different item keys share a hash; please report this".into(),
            ));
        }
        let changes = rows.windows(2).filter(|w| w[0].1 != w[1].1).count() as u64;
        if changes > 0 {
            tx.execute(
                &format!(
                    "UPDATE items SET ({ITEM_FIELDS}) = (SELECT {ITEM_FIELDS} FROM items WHERE id = ?1),
                     updated_source_id = ?2 WHERE id = ?3"
                ),
                params![last, source_id, first],
            )?;
        }
        folded += tx
            .execute("DELETE FROM items WHERE key_hash = ?1 AND id <> ?2", [hash, *first])?
            as u64;
        changed += changes;
    }
    tx.execute_batch("DROP INDEX items_key_hash_repeats")?;
    Ok((folded, changed))
}

/// A two-generation cache of key -> row id: when the young generation is full it becomes the
/// old one and the oldest entries are dropped, so keys in use stay and memory is bounded.
#[derive(Default)]
struct Recent {
    young: HashMap<String, i64>,
    old: HashMap<String, i64>,
    /// The key found last and its id: an export's records of one conversation mostly follow
    /// each other, and a comparison costs less than a lookup in a large map.
    last: (String, i64),
}

impl Recent {
    const GENERATION: usize = 1 << 17;

    fn get(&mut self, key: &str) -> Option<i64> {
        if !key.is_empty() && self.last.0 == key {
            return Some(self.last.1);
        }
        if let Some(&id) = self.young.get(key) {
            self.remember(key, id);
            return Some(id);
        }
        let id = *self.old.get(key)?;
        self.insert(key.to_string(), id);
        Some(id)
    }

    fn insert(&mut self, key: String, id: i64) {
        if self.young.len() >= Self::GENERATION {
            self.old = std::mem::take(&mut self.young);
        }
        self.remember(&key, id);
        self.young.insert(key, id);
    }

    fn remember(&mut self, key: &str, id: i64) {
        // the buffer is reused: no allocation per record
        self.last.0.clear();
        self.last.0.push_str(key);
        self.last.1 = id;
    }
}

impl Drop for ImportTx<'_> {
    fn drop(&mut self) {
        if !self.finished {
            // an import that did not commit leaves nothing behind
            let _ = self.tx.execute_batch("ROLLBACK");
            let _ = self.tx.pragma_update(None, "journal_mode", "WAL");
        }
    }
}

const UPSERT_PARTICIPANT: &str = "
INSERT INTO participants(key, platform, handle, display_name, url, kind, site_author)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT(key) DO UPDATE SET platform = excluded.platform,
    handle = coalesce(nullif(excluded.handle, ''), participants.handle),
    display_name = coalesce(nullif(excluded.display_name, ''), participants.display_name),
    url = coalesce(excluded.url, participants.url), kind = excluded.kind,
    site_author = max(participants.site_author, excluded.site_author)
WHERE (participants.platform, participants.handle, participants.display_name, participants.url,
       participants.kind, participants.site_author)
   IS NOT (excluded.platform, coalesce(nullif(excluded.handle, ''), participants.handle),
       coalesce(nullif(excluded.display_name, ''), participants.display_name),
       coalesce(excluded.url, participants.url),
       excluded.kind, max(participants.site_author, excluded.site_author))
RETURNING id";

const UPSERT_CONVERSATION: &str = "
INSERT INTO conversations(key, key_hash, platform, title, url) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT(key_hash) DO UPDATE SET key = excluded.key, platform = excluded.platform,
    title = coalesce(excluded.title, conversations.title),
    url = coalesce(excluded.url, conversations.url)
WHERE (conversations.key, conversations.platform, conversations.title, conversations.url)
   IS NOT (excluded.key, excluded.platform, coalesce(excluded.title, conversations.title),
       coalesce(excluded.url, conversations.url))
RETURNING id";
