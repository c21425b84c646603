-- The first schema. Timestamps are UTC seconds since the epoch. No column ever holds an
-- e-mail address, IP address or user agent: importers drop them before records reach here.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

-- One row per import run of one export.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    importer    TEXT NOT NULL,
    path        TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    warnings    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE participants (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    platform     TEXT NOT NULL,
    handle       TEXT NOT NULL,
    display_name TEXT NOT NULL,
    url          TEXT,
    kind         TEXT NOT NULL,
    site_author  INTEGER NOT NULL DEFAULT 0
);

-- Owner declarations. `active = 0` remembers a `relate owner remove`, so that a re-import
-- does not bring back a WXR author the user said is not "us".
CREATE TABLE owners (
    platform TEXT NOT NULL,
    handle   TEXT NOT NULL COLLATE NOCASE,
    active   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (platform, handle)
);

-- keyed by a hash of the stable key, like items (see there)
CREATE TABLE conversations (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL,
    key_hash INTEGER NOT NULL UNIQUE,
    platform TEXT NOT NULL,
    title    TEXT,
    url      TEXT
);

CREATE TRIGGER conversations_key_hash_collision BEFORE UPDATE OF key ON conversations
WHEN OLD.key <> NEW.key
BEGIN
    SELECT RAISE(ABORT, 'two different conversation keys share a hash; please report this');
END;

CREATE TABLE items (
    id                INTEGER PRIMARY KEY,
    -- the stable key (`wxr:site:post:4711:comment:101`) and a 64-bit hash of it: the hash is
    -- what the unique index and parent links use, because 8-byte integers keep the index
    -- small and a bulk import fast; the trigger below refuses the (astronomically rare)
    -- collision instead of letting two items merge
    key               TEXT NOT NULL,
    key_hash          INTEGER NOT NULL UNIQUE,
    native_id         TEXT NOT NULL,
    conversation_id   INTEGER NOT NULL REFERENCES conversations(id),
    -- the hash of the parent's key as the export named it; resolved when loading, so a child
    -- may arrive before its parent, and a parent never seen makes an orphan
    parent_hash       INTEGER,
    author_id         INTEGER NOT NULL REFERENCES participants(id),
    kind              TEXT NOT NULL,
    state             TEXT NOT NULL,
    created_at        INTEGER,
    title             TEXT,
    url               TEXT,
    text              TEXT NOT NULL,
    html              TEXT,
    -- newline-separated, in order of appearance
    links             TEXT NOT NULL DEFAULT '',
    mentions          TEXT NOT NULL DEFAULT '',
    source_id         INTEGER NOT NULL REFERENCES sources(id),
    updated_source_id INTEGER REFERENCES sources(id)
);

CREATE TRIGGER items_key_hash_collision BEFORE UPDATE OF key ON items
WHEN OLD.key <> NEW.key
BEGIN
    SELECT RAISE(ABORT, 'two different item keys share a hash; please report this');
END;

CREATE TABLE import_warnings (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    location  TEXT NOT NULL,
    message   TEXT NOT NULL
);
