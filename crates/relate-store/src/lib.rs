//! The store: one SQLite file (WAL mode) holding everything imported, with numbered schema
//! migrations, idempotent upserts and the loading of a `Corpus` for analyses.
//!
//! Invariants:
//! - An import runs in one transaction ([`ImportTx`]): it lands whole or not at all.
//! - Items are keyed by their stable `key`; importing the same export again changes nothing,
//!   a newer export adds what is new and updates what changed (compared field by field).
//! - Nothing here stores e-mail addresses, IPs or user agents; the schema has no column for them.
#![warn(clippy::unwrap_used)]

mod import_tx;
mod load;
mod outcomes;

use std::collections::BTreeMap;
use std::path::Path;

use relate_model::{AudienceSnapshot, Participant, ParticipantKind};
use rusqlite::{Connection, OptionalExtension, params};

use import_tx::key_hash;
pub use import_tx::{ImportCounts, ImportTx};
pub use load::LoadOptions;
pub use outcomes::OutcomeRow;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error(
        "database {path} was written by a newer relate (schema {found}, this relate knows {known})"
    )]
    TooNew { path: String, found: i64, known: i64 },
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    /// The items' texts do not fit the 32-bit offsets of the in-memory corpus.
    #[error("the items' texts exceed 4 GiB: more than relate analyses in memory")]
    TooLarge,
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_audience_identities.sql"),
    include_str!("migrations/0003_forgotten.sql"),
    include_str!("migrations/0004_outcomes.sql"),
    include_str!("migrations/0005_named_key_indexes.sql"),
];

pub struct Store {
    conn: Connection,
}

/// An owner declaration as listed by `relate owner list`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OwnerRow {
    pub platform: String,
    pub handle: String,
    /// `declared` or `site-author` (a WXR author, owner by default).
    pub origin: String,
    pub active: bool,
}

/// What [`Store::forget`] deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Forgotten {
    pub items: u64,
    pub audience: u64,
    /// Conversations that had no item left.
    pub conversations: u64,
}

/// Counts for `relate stats`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub sources: i64,
    pub participants: i64,
    pub conversations: i64,
    /// Items per kind (`post`, `comment`, `like`, ...), every state.
    pub items: BTreeMap<String, i64>,
    /// Items per state (`public`, `restricted`, `spam`, ...).
    pub states: BTreeMap<String, i64>,
    /// Items only some people may see (direct messages, followers-only, private groups).
    pub restricted: i64,
    pub audience_snapshots: i64,
    pub public_items: i64,
    /// Public items with words: not likes or reposts (what `relate export convokit` writes as
    /// utterances).
    pub public_utterances: i64,
    /// Conversations with at least one public item.
    pub public_conversations: i64,
    pub warnings: i64,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let conn = Connection::open(path)
            .map_err(|source| StoreError::Open { path: shown.clone(), source })?;
        let mut store = Store { conn };
        store.configure().map_err(|source| StoreError::Open { path: shown.clone(), source })?;
        store.migrate(&shown)?;
        Ok(store)
    }

    /// Opens an existing database for reading only (`relate serve`): SQLite refuses every
    /// write on this connection, and a schema older or newer than this build is an error
    /// rather than a migration.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let shown = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Open { path: shown.clone(), source })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|source| StoreError::Open { path: shown.clone(), source })?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew { path: shown, found: version, known });
        }
        if version < known {
            return Err(StoreError::Invalid(format!(
                "{shown} was written by an older relate; run any other relate command on it once to upgrade it"
            )));
        }
        Ok(Store { conn })
    }

    /// An in-memory store, for tests.
    pub fn in_memory() -> Result<Store> {
        let mut store = Store { conn: Connection::open_in_memory()? };
        store.configure()?;
        store.migrate(":memory:")?;
        Ok(store)
    }

    fn configure(&self) -> rusqlite::Result<()> {
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Deleted rows must not linger in free pages (`relate forget`).
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        self.conn.pragma_update(None, "cache_size", -64_000)?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self, shown: &str) -> Result<()> {
        let version: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew { path: shown.to_string(), found: version, known });
        }
        // A migration that rebuilds a table drops it while others still reference it: SQLite's
        // documented procedure turns foreign keys off around it (outside the transaction, where
        // the pragma has effect) and checks them before committing.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if broken > 0 {
                return Err(StoreError::Invalid(format!(
                    "migration {} left {broken} broken references; nothing was changed",
                    index + 1
                )));
            }
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            tx.commit()?;
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // The secret that keys participant pseudonyms; made once per database.
        self.conn.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('pseudonym_secret', randomblob(32))",
            [],
        )?;
        Ok(())
    }

    /// The secret for keyed participant hashes (`relate_import::Pseudonymizer`).
    pub fn pseudonym_secret(&self) -> Result<Vec<u8>> {
        Ok(self.conn.query_row(
            "SELECT value FROM meta WHERE key = 'pseudonym_secret'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Starts an import run; nothing is visible to readers until [`ImportTx::commit`].
    pub fn begin_import(&mut self, importer: &str, path: &str) -> Result<ImportTx<'_>> {
        // A rollback journal for the bulk write: in WAL mode every page of a large import is
        // written twice (to the log, then checkpointed); `ImportTx` restores WAL afterwards.
        self.conn.pragma_update(None, "journal_mode", "DELETE")?;
        ImportTx::begin(&self.conn, importer, path)
    }

    /// Declares `platform:handle` an owner ("us").
    pub fn add_owner(&self, platform: &str, handle: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO owners(platform, handle, active) VALUES (?1, ?2, 1)
             ON CONFLICT(platform, handle) DO UPDATE SET active = 1",
            params![platform, handle],
        )?;
        Ok(())
    }

    /// Says `platform:handle` is not an owner, also when an importer made it one by default.
    pub fn remove_owner(&self, platform: &str, handle: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO owners(platform, handle, active) VALUES (?1, ?2, 0)
             ON CONFLICT(platform, handle) DO UPDATE SET active = 0",
            params![platform, handle],
        )?;
        Ok(())
    }

    /// Declared owners and site authors, with whether each counts as "us".
    pub fn owners(&self) -> Result<Vec<OwnerRow>> {
        let mut rows: Vec<OwnerRow> = Vec::new();
        let mut stmt =
            self.conn.prepare("SELECT platform, handle, active FROM owners ORDER BY 1, 2")?;
        for row in stmt.query_map([], |r| {
            Ok(OwnerRow {
                platform: r.get(0)?,
                handle: r.get(1)?,
                origin: "declared".into(),
                active: r.get::<_, i64>(2)? == 1,
            })
        })? {
            rows.push(row?);
        }
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT platform, handle FROM participants WHERE site_author = 1 ORDER BY 1, 2",
        )?;
        let authors: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        for (platform, handle) in authors {
            match rows
                .iter_mut()
                .find(|o| o.platform == platform && o.handle.eq_ignore_ascii_case(&handle))
            {
                Some(existing) if existing.active => existing.origin = "site-author".into(),
                Some(_) => {}
                None => rows.push(OwnerRow {
                    platform,
                    handle,
                    origin: "site-author".into(),
                    active: true,
                }),
            }
        }
        Ok(rows)
    }

    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let grouped = |sql: &str| -> Result<BTreeMap<String, i64>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Stats {
            sources: count("SELECT count(*) FROM sources")?,
            participants: count("SELECT count(*) FROM participants")?,
            conversations: count("SELECT count(*) FROM conversations")?,
            items: grouped("SELECT kind, count(*) FROM items GROUP BY kind")?,
            states: grouped("SELECT state, count(*) FROM items GROUP BY state")?,
            restricted: count("SELECT count(*) FROM items WHERE state = 'restricted'")?,
            audience_snapshots: count("SELECT count(*) FROM audience")?,
            public_items: count("SELECT count(*) FROM items WHERE state = 'public'")?,
            public_utterances: count(
                "SELECT count(*) FROM items WHERE state = 'public' AND kind NOT IN ('like', 'repost')",
            )?,
            public_conversations: count(
                "SELECT count(DISTINCT conversation_id) FROM items
                 WHERE state = 'public' AND kind NOT IN ('like', 'repost')",
            )?,
            warnings: count("SELECT count(*) FROM import_warnings")?,
        })
    }

    /// Records a number the user entered (`relate audience add`, an audience CSV): no source.
    /// The same number for the same day and metric is stored once.
    pub fn add_audience(&self, s: &AudienceSnapshot) -> Result<bool> {
        let at =
            s.at.ok_or_else(|| StoreError::Invalid("an audience number needs a date".into()))?;
        let n = self.conn.execute(
            "INSERT INTO audience(platform, account, item, metric, at, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(platform, account, item, metric, at) DO UPDATE SET value = excluded.value
             WHERE audience.value <> excluded.value",
            params![
                s.platform,
                s.account.as_deref().unwrap_or(""),
                s.item.as_deref().unwrap_or(""),
                s.metric,
                at,
                s.value
            ],
        )?;
        Ok(n > 0)
    }

    /// Every audience snapshot, oldest first.
    pub fn audience(&self) -> Result<Vec<AudienceSnapshot>> {
        let mut stmt = self.conn.prepare(
            "SELECT platform, account, item, metric, value, at FROM audience
             ORDER BY at, platform, account, item, metric",
        )?;
        let rows = stmt.query_map([], |r| {
            let opt = |s: String| (!s.is_empty()).then_some(s);
            Ok(AudienceSnapshot {
                platform: r.get(0)?,
                account: opt(r.get(1)?),
                item: opt(r.get(2)?),
                metric: r.get(3)?,
                value: r.get(4)?,
                at: Some(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Says participants `a` and `b` are one person. Both must exist.
    pub fn link_identity(&self, a: &str, b: &str) -> Result<()> {
        for key in [a, b] {
            let known: i64 = self.conn.query_row(
                "SELECT count(*) FROM participants WHERE key = ?1",
                [key],
                |r| r.get(0),
            )?;
            if known == 0 {
                return Err(StoreError::Invalid(format!(
                    "no participant {key:?} (`relate identity list` shows the keys)"
                )));
            }
        }
        if a == b {
            return Ok(());
        }
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        self.conn
            .execute("INSERT OR IGNORE INTO identity_links(a, b) VALUES (?1, ?2)", params![a, b])?;
        Ok(())
    }

    /// Forgets participant `key` completely: their items, their audience numbers, their
    /// identity links and the participant itself are deleted (with `secure_delete`, the bytes
    /// are overwritten, and the write-ahead log is truncated), conversations left empty go
    /// too, and the key's hash is kept so that no later import brings them back. Replies
    /// others wrote to them stay, with their parent missing.
    pub fn forget(&mut self, key: &str) -> Result<Forgotten> {
        let tx = self.conn.transaction()?;
        let id: Option<i64> = tx
            .query_row("SELECT id FROM participants WHERE key = ?1", [key], |r| r.get(0))
            .optional()?;
        let Some(id) = id else {
            return Err(StoreError::Invalid(format!("no participant {key:?}")));
        };
        let items = tx.execute("DELETE FROM items WHERE author_id = ?1", [id])?;
        let audience = tx.execute("DELETE FROM audience WHERE account = ?1", [key])?;
        tx.execute("DELETE FROM outcomes WHERE account = ?1", [key])?;
        tx.execute("DELETE FROM identity_links WHERE a = ?1 OR b = ?1", [key])?;
        tx.execute("DELETE FROM participants WHERE id = ?1", [id])?;
        let conversations = tx.execute(
            "DELETE FROM conversations WHERE id NOT IN (SELECT DISTINCT conversation_id FROM items)",
            [],
        )?;
        tx.execute("INSERT OR IGNORE INTO forgotten(key_hash) VALUES (?1)", [key_hash(key)])?;
        tx.commit()?;
        // the log still holds the old pages until it is checkpointed
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(Forgotten {
            items: items as u64,
            audience: audience as u64,
            conversations: conversations as u64,
        })
    }

    /// Takes back every link that involves `key`.
    pub fn unlink_identity(&self, key: &str) -> Result<usize> {
        Ok(self.conn.execute("DELETE FROM identity_links WHERE a = ?1 OR b = ?1", [key])?)
    }

    /// The stated links, as pairs of participant keys.
    pub fn identity_links(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT a, b FROM identity_links ORDER BY a, b")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every participant, for `relate identity`.
    pub fn participants(&self) -> Result<Vec<Participant>> {
        let mut stmt = self.conn.prepare(
            "SELECT key, platform, handle, display_name, url, kind, site_author FROM participants ORDER BY key",
        )?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(5)?;
            Ok(Participant {
                key: r.get(0)?,
                platform: r.get(1)?,
                handle: r.get(2)?,
                display_name: r.get(3)?,
                url: r.get(4)?,
                kind: ParticipantKind::parse(&kind).unwrap_or(ParticipantKind::Unknown),
                site_author: r.get::<_, i64>(6)? == 1,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Warnings of the most recent import runs, newest first.
    pub fn warnings(&self, limit: usize) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT source_id, location, message FROM import_warnings
             ORDER BY source_id DESC, rowid LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
