-- `relate forget`: the people the user asked relate to forget, as the 64-bit hash of their
-- participant key (not the key itself), so that a later import of the same export does not
-- bring them back.
CREATE TABLE forgotten (
    key_hash INTEGER PRIMARY KEY
);
