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

CREATE TABLE conversations (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    platform TEXT NOT NULL,
    title    TEXT,
    url      TEXT
);

CREATE TABLE items (
    id                INTEGER PRIMARY KEY,
    key               TEXT NOT NULL UNIQUE,
    native_id         TEXT NOT NULL,
    conversation_id   INTEGER NOT NULL REFERENCES conversations(id),
    -- the parent as the export named it; `parent_id` is resolved after each import, so a
    -- child may arrive before its parent, and a parent never seen stays NULL (an orphan)
    parent_key        TEXT,
    parent_id         INTEGER,
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
CREATE INDEX items_native_id ON items(native_id);

CREATE TABLE import_warnings (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    location  TEXT NOT NULL,
    message   TEXT NOT NULL
);
