//! One import run as one transaction, with the upserts that make re-imports idempotent.

use std::collections::HashMap;

use relate_model::{Conversation, Item, Participant};
use rusqlite::{Connection, Transaction, params};

use crate::Result;

/// What an import run changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportCounts {
    pub source_id: i64,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub warnings: u64,
}

pub struct ImportTx<'a> {
    tx: Transaction<'a>,
    source_id: i64,
    participants: HashMap<String, i64>,
    conversations: HashMap<String, i64>,
    items_before: u64,
    seen: u64,
    changed: u64,
    warnings: u64,
}

const UPSERT_ITEM: &str = "
INSERT INTO items (key, native_id, conversation_id, parent_key, author_id, kind, state,
                   created_at, title, url, text, html, links, mentions, source_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
ON CONFLICT(key) DO UPDATE SET
    native_id = excluded.native_id, conversation_id = excluded.conversation_id,
    parent_key = excluded.parent_key, parent_id = NULL, author_id = excluded.author_id,
    kind = excluded.kind, state = excluded.state, created_at = excluded.created_at,
    title = excluded.title, url = excluded.url, text = excluded.text, html = excluded.html,
    links = excluded.links, mentions = excluded.mentions,
    updated_source_id = excluded.source_id
WHERE (items.native_id, items.conversation_id, items.parent_key, items.author_id, items.kind,
       items.state, items.created_at, items.title, items.url, items.text, items.html,
       items.links, items.mentions)
   IS NOT (excluded.native_id, excluded.conversation_id, excluded.parent_key,
       excluded.author_id, excluded.kind, excluded.state, excluded.created_at, excluded.title,
       excluded.url, excluded.text, excluded.html, excluded.links, excluded.mentions)";

impl<'a> ImportTx<'a> {
    pub(crate) fn begin(conn: &'a mut Connection, importer: &str, path: &str) -> Result<Self> {
        let tx = conn.transaction()?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        tx.execute(
            "INSERT INTO sources(importer, path, imported_at) VALUES (?1, ?2, ?3)",
            params![importer, path, now],
        )?;
        let source_id = tx.last_insert_rowid();
        let items_before: i64 = tx.query_row("SELECT count(*) FROM items", [], |r| r.get(0))?;
        Ok(ImportTx {
            tx,
            source_id,
            participants: HashMap::new(),
            conversations: HashMap::new(),
            items_before: items_before as u64,
            seen: 0,
            changed: 0,
            warnings: 0,
        })
    }

    pub fn participant(&mut self, p: &Participant) -> Result<i64> {
        if let Some(&id) = self.participants.get(&p.key) {
            return Ok(id);
        }
        self.tx
            .prepare_cached(
                "INSERT INTO participants(key, platform, handle, display_name, url, kind, site_author)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(key) DO UPDATE SET platform = excluded.platform,
                    handle = excluded.handle, display_name = excluded.display_name,
                    url = excluded.url, kind = excluded.kind,
                    site_author = max(participants.site_author, excluded.site_author)
                 WHERE (participants.platform, participants.handle, participants.display_name,
                        participants.url, participants.kind, participants.site_author)
                    IS NOT (excluded.platform, excluded.handle, excluded.display_name,
                        excluded.url, excluded.kind,
                        max(participants.site_author, excluded.site_author))",
            )?
            .execute(params![
                p.key,
                p.platform,
                p.handle,
                p.display_name,
                p.url,
                p.kind.as_str(),
                p.site_author as i64
            ])?;
        let id = self.lookup("SELECT id FROM participants WHERE key = ?1", &p.key)?;
        self.participants.insert(p.key.clone(), id);
        Ok(id)
    }

    pub fn conversation(&mut self, c: &Conversation) -> Result<i64> {
        if let Some(&id) = self.conversations.get(&c.key) {
            return Ok(id);
        }
        self.tx
            .prepare_cached(
                "INSERT INTO conversations(key, platform, title, url) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(key) DO UPDATE SET platform = excluded.platform,
                    title = excluded.title, url = excluded.url
                 WHERE (conversations.platform, conversations.title, conversations.url)
                    IS NOT (excluded.platform, excluded.title, excluded.url)",
            )?
            .execute(params![c.key, c.platform, c.title, c.url])?;
        let id = self.lookup("SELECT id FROM conversations WHERE key = ?1", &c.key)?;
        self.conversations.insert(c.key.clone(), id);
        Ok(id)
    }

    fn lookup(&self, sql: &str, key: &str) -> Result<i64> {
        Ok(self.tx.prepare_cached(sql)?.query_row([key], |r| r.get(0))?)
    }

    /// Inserts or updates `item`. Its participant and conversation are created on the fly
    /// (as bare records) if the importer did not announce them first.
    pub fn item(&mut self, item: &Item) -> Result<()> {
        let author_id = match self.participants.get(&item.author) {
            Some(&id) => id,
            None => self.participant(&Participant {
                key: item.author.clone(),
                platform: item.author.split(':').next().unwrap_or("unknown").to_string(),
                handle: item.author.clone(),
                display_name: item.author.clone(),
                url: None,
                kind: relate_model::ParticipantKind::Person,
                site_author: false,
            })?,
        };
        let conversation_id = match self.conversations.get(&item.conversation) {
            Some(&id) => id,
            None => self.conversation(&Conversation {
                key: item.conversation.clone(),
                platform: item.conversation.split(':').next().unwrap_or("unknown").to_string(),
                title: None,
                url: None,
            })?,
        };
        let changed = self.tx.prepare_cached(UPSERT_ITEM)?.execute(params![
            item.key,
            item.native_id,
            conversation_id,
            item.parent,
            author_id,
            item.kind.as_str(),
            item.state.as_str(),
            item.created_at,
            item.title,
            item.url,
            item.text,
            item.html,
            item.links.join("\n"),
            item.mentions.join("\n"),
            self.source_id,
        ])?;
        self.seen += 1;
        self.changed += changed as u64;
        Ok(())
    }

    pub fn warning(&mut self, location: &str, message: &str) -> Result<()> {
        self.warnings += 1;
        self.tx
            .prepare_cached(
                "INSERT INTO import_warnings(source_id, location, message) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![self.source_id, location, message])?;
        Ok(())
    }

    /// Resolves parent links, records the counts and commits. Dropping an `ImportTx`
    /// without committing rolls everything back.
    pub fn commit(self) -> Result<ImportCounts> {
        self.tx.execute(
            "UPDATE items SET parent_id = (SELECT p.id FROM items p WHERE p.key = items.parent_key)
             WHERE parent_key IS NOT NULL AND parent_id IS NULL",
            [],
        )?;
        let items_after: i64 = self.tx.query_row("SELECT count(*) FROM items", [], |r| r.get(0))?;
        let added = (items_after as u64).saturating_sub(self.items_before);
        let counts = ImportCounts {
            source_id: self.source_id,
            added,
            updated: self.changed.saturating_sub(added),
            unchanged: self.seen.saturating_sub(self.changed),
            warnings: self.warnings,
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
        self.tx.commit()?;
        Ok(counts)
    }
}
