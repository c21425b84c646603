-- The unique key_hash constraints of items and conversations become named unique indexes.
--
-- Why: a first import into empty tables drops the index, appends rows, and builds the index
-- once at commit (a sorted build), instead of inserting a million random 64-bit hashes into a
-- B-tree one by one; that was the largest single cost of a bulk import. A constraint written
-- in the column definition makes an index SQLite will not drop, so the tables are rebuilt
-- (SQLite's documented way: new table, copy, drop, rename; foreign keys are not enforced).

CREATE TABLE items_new (
    id                INTEGER PRIMARY KEY,
    -- the stable key and a 64-bit hash of it: see 0001_init.sql
    key               TEXT NOT NULL,
    key_hash          INTEGER NOT NULL,
    native_id         TEXT NOT NULL,
    conversation_id   INTEGER NOT NULL REFERENCES conversations(id),
    parent_hash       INTEGER,
    author_id         INTEGER NOT NULL REFERENCES participants(id),
    kind              TEXT NOT NULL,
    state             TEXT NOT NULL,
    created_at        INTEGER,
    title             TEXT,
    url               TEXT,
    text              TEXT NOT NULL,
    html              TEXT,
    links             TEXT NOT NULL DEFAULT '',
    mentions          TEXT NOT NULL DEFAULT '',
    source_id         INTEGER NOT NULL REFERENCES sources(id),
    updated_source_id INTEGER REFERENCES sources(id)
);
INSERT INTO items_new SELECT id, key, key_hash, native_id, conversation_id, parent_hash,
    author_id, kind, state, created_at, title, url, text, html, links, mentions, source_id,
    updated_source_id FROM items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
CREATE UNIQUE INDEX items_key_hash ON items(key_hash);
CREATE TRIGGER items_key_hash_collision BEFORE UPDATE OF key ON items
WHEN OLD.key <> NEW.key
BEGIN
    SELECT RAISE(ABORT, 'two different item keys share a hash; please report this');
END;

CREATE TABLE conversations_new (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL,
    key_hash INTEGER NOT NULL,
    platform TEXT NOT NULL,
    title    TEXT,
    url      TEXT
);
INSERT INTO conversations_new SELECT id, key, key_hash, platform, title, url FROM conversations;
DROP TABLE conversations;
ALTER TABLE conversations_new RENAME TO conversations;
CREATE UNIQUE INDEX conversations_key_hash ON conversations(key_hash);
CREATE TRIGGER conversations_key_hash_collision BEFORE UPDATE OF key ON conversations
WHEN OLD.key <> NEW.key
BEGIN
    SELECT RAISE(ABORT, 'two different conversation keys share a hash; please report this');
END;
