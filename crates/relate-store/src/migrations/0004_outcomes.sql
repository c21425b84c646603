-- `relate outcomes import`: what happened outside the conversations (a ticket bought, a
-- membership, a donation, volunteering), to set beside the relationship ledger.
--
-- `account` is the participant key the CSV's person resolved to when importing, '' for a
-- segment or for a name that matched no one: such a name is not kept, so nothing here names
-- a person relate has no record of, and `relate forget` deletes a person's rows by key.
CREATE TABLE outcomes (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    account TEXT NOT NULL DEFAULT '',
    segment TEXT NOT NULL DEFAULT '',
    kind    TEXT NOT NULL,
    value   REAL,
    -- the n-th equal row of one import: the same file imported twice adds nothing, while two
    -- equal rows in one file (two tickets on one day) stay two
    nth     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX outcomes_once ON outcomes(at, account, segment, kind, ifnull(value, ''), nth);
CREATE INDEX outcomes_account ON outcomes(account);
