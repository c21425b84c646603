-- Vanity numbers (followers, likes, page views), each with the date it was true, and the
-- user's statements that two accounts are one person.

CREATE TABLE audience (
    id        INTEGER PRIMARY KEY,
    platform  TEXT NOT NULL,
    -- participant key, or '' for a number about the whole site
    account   TEXT NOT NULL DEFAULT '',
    -- item key, or '' for a number about an account or site
    item      TEXT NOT NULL DEFAULT '',
    metric    TEXT NOT NULL,
    at        INTEGER NOT NULL,
    value     INTEGER NOT NULL,
    -- NULL when the user entered the number (`relate audience add`)
    source_id INTEGER REFERENCES sources(id),
    UNIQUE (platform, account, item, metric, at)
);

-- `relate identity link A B`: participant keys that stand for one human being. Participants
-- are merged when loading, so an unlink takes effect at once and nothing is rewritten.
CREATE TABLE identity_links (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
