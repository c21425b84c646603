//! Store behaviour: migrations, idempotent upserts, updates, rollback, owners.

use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};
use relate_store::Store;

fn participant(key: &str, name: &str, site_author: bool) -> Participant {
    Participant {
        key: key.into(),
        platform: "wordpress".into(),
        handle: name.into(),
        display_name: name.into(),
        url: None,
        kind: ParticipantKind::Person,
        site_author,
    }
}

fn item(key: &str, parent: Option<&str>, author: &str, text: &str) -> Item {
    Item {
        key: key.into(),
        native_id: key.rsplit(':').next().unwrap().into(),
        conversation: "c".into(),
        parent: parent.map(str::to_string),
        author: author.into(),
        kind: if parent.is_some() { ItemKind::Comment } else { ItemKind::Post },
        state: State::Public,
        created_at: Some(100),
        title: None,
        url: None,
        text: text.into(),
        html: None,
        links: vec![],
        mentions: vec![],
    }
}

fn import(store: &mut Store, items: &[Item]) -> relate_store::ImportCounts {
    let mut tx = store.begin_import("test", "mem").unwrap();
    tx.participant(&participant("p:anna", "anna", true)).unwrap();
    tx.participant(&participant("p:ben", "Ben", false)).unwrap();
    tx.conversation(&Conversation {
        key: "c".into(),
        platform: "wordpress".into(),
        title: None,
        url: None,
    })
    .unwrap();
    for i in items {
        tx.item(i).unwrap();
    }
    tx.commit().unwrap()
}

#[test]
fn reimport_adds_nothing_and_a_changed_item_is_updated() {
    let mut store = Store::in_memory().unwrap();
    // the child arrives before its parent: resolved after the import
    let first = vec![item("x:2", Some("x:1"), "p:ben", "hi"), item("x:1", None, "p:anna", "post")];
    let counts = import(&mut store, &first);
    assert_eq!((counts.added, counts.updated, counts.unchanged), (2, 0, 0));
    let counts = import(&mut store, &first);
    assert_eq!((counts.added, counts.updated, counts.unchanged), (0, 0, 2));

    let mut newer = first.clone();
    newer[0].text = "hi, edited".into();
    newer.push(item("x:3", Some("x:2"), "p:anna", "answer"));
    let counts = import(&mut store, &newer);
    assert_eq!((counts.added, counts.updated, counts.unchanged), (1, 1, 1));

    let corpus = store.load_corpus().unwrap();
    assert_eq!(corpus.items.len(), 3);
    let child = corpus.items.iter().find(|i| corpus.native_id(i) == "2").unwrap();
    assert_eq!(corpus.text(child), "hi, edited");
    assert_eq!(corpus.native_id_of(child.parent.unwrap()), "1");
}

#[test]
fn dropped_import_leaves_nothing_behind() {
    let mut store = Store::in_memory().unwrap();
    {
        let mut tx = store.begin_import("test", "mem").unwrap();
        tx.participant(&participant("p:ben", "Ben", false)).unwrap();
        tx.item(&item("x:1", None, "p:ben", "post")).unwrap();
        // no commit: an error in the importer drops the transaction
    }
    let stats = store.stats().unwrap();
    assert_eq!((stats.sources, stats.participants, stats.conversations), (0, 0, 0));
    assert!(stats.items.is_empty());
}

#[test]
fn site_authors_are_owners_until_removed_and_declarations_match_names() {
    let mut store = Store::in_memory().unwrap();
    import(
        &mut store,
        &[item("x:1", None, "p:anna", "post"), item("x:2", Some("x:1"), "p:ben", "hi")],
    );
    let owners = |s: &Store| -> Vec<bool> {
        s.load_corpus().unwrap().participants.iter().map(|p| p.is_owner).collect()
    };
    assert_eq!(owners(&store), vec![true, false]);
    store.add_owner("wordpress", "ben").unwrap();
    assert_eq!(owners(&store), vec![true, true]);
    store.remove_owner("wordpress", "anna").unwrap();
    assert_eq!(owners(&store), vec![false, true]);
    // a re-import does not bring the removed author back
    import(&mut store, &[item("x:1", None, "p:anna", "post")]);
    assert_eq!(owners(&store), vec![false, true]);
}

#[test]
fn orphans_keep_their_missing_parent_mark() {
    let mut store = Store::in_memory().unwrap();
    import(&mut store, &[item("x:5", Some("x:404"), "p:ben", "reply to a cut-off thread")]);
    let corpus = store.load_corpus().unwrap();
    assert!(corpus.items[0].parent_missing);
    assert_eq!(corpus.items[0].parent, None);
}

#[test]
fn a_key_repeated_within_one_export_updates_instead_of_failing() {
    let mut store = Store::in_memory().unwrap();
    let mut second = item("x:1", None, "p:anna", "second version");
    second.created_at = Some(200);
    let counts = import(&mut store, &[item("x:1", None, "p:anna", "first version"), second]);
    assert_eq!((counts.added, counts.updated, counts.unchanged), (1, 1, 0));
    let corpus = store.load_corpus().unwrap();
    assert_eq!(corpus.text_of(0), "second version");
}

#[test]
fn an_export_that_knows_less_about_an_account_does_not_erase_what_another_told() {
    let mut store = Store::in_memory().unwrap();
    let mut tx = store.begin_import("bluesky-api", "a.json").unwrap();
    let mut full = participant("bluesky:did:plc:x", "museum.example", false);
    full.display_name = "Stadtmuseum".into();
    full.url = Some("https://bsky.app/profile/did:plc:x".into());
    tx.participant(&full).unwrap();
    tx.commit().unwrap();
    // a repository export knows the account only by its DID: empty names, no URL
    let mut tx = store.begin_import("bluesky-car", "repo.car").unwrap();
    let mut bare = participant("bluesky:did:plc:x", "", false);
    bare.url = None;
    tx.participant(&bare).unwrap();
    tx.commit().unwrap();
    let p = &store.load_corpus().unwrap().participants[0];
    assert_eq!((p.handle.as_str(), p.display_name.as_str()), ("museum.example", "Stadtmuseum"));
    assert_eq!(p.url.as_deref(), Some("https://bsky.app/profile/did:plc:x"));
    // alone, an account without names shows its key
    let mut store = Store::in_memory().unwrap();
    let mut tx = store.begin_import("bluesky-car", "repo.car").unwrap();
    tx.participant(&bare).unwrap();
    tx.commit().unwrap();
    let p = &store.load_corpus().unwrap().participants[0];
    assert_eq!(
        (p.handle.as_str(), p.display_name.as_str()),
        ("bluesky:did:plc:x", "bluesky:did:plc:x")
    );
}

#[test]
fn repeats_in_a_first_import_fold_into_the_first_place_with_the_last_version() {
    // a first import appends rows and builds the key index at commit; the repeats of a key
    // must end as one item where it was first seen, as the upsert would have left it
    let mut store = Store::in_memory().unwrap();
    let counts = import(
        &mut store,
        &[
            item("x:1", None, "p:anna", "first"),
            item("x:2", Some("x:1"), "p:ben", "a comment in between"),
            item("x:1", None, "p:anna", "second"),
            item("x:1", None, "p:anna", "second"),
        ],
    );
    // one change (first -> second), one identical repeat
    assert_eq!((counts.added, counts.updated, counts.unchanged), (2, 1, 1));
    let corpus = store.load_corpus().unwrap();
    let texts: Vec<&str> = corpus.items.iter().map(|i| corpus.text(i)).collect();
    assert_eq!(texts, ["second", "a comment in between"]);
    assert_eq!(corpus.items[1].parent, Some(0));
    // the index exists again: a re-import finds every key
    let counts = import(&mut store, &[item("x:1", None, "p:anna", "second")]);
    assert_eq!((counts.added, counts.updated, counts.unchanged), (0, 0, 1));
}

#[test]
fn a_database_made_before_the_named_key_indexes_keeps_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // the schema as migrations 1 to 3 left it, holding one item
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../src/migrations/0001_init.sql"),
            include_str!("../src/migrations/0002_audience_identities.sql"),
            include_str!("../src/migrations/0003_forgotten.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 3;
             INSERT INTO sources(id, importer, path, imported_at) VALUES (1, 'test', 'mem', 0);
             INSERT INTO participants(id, key, platform, handle, display_name, kind)
                 VALUES (1, 'p:ben', 'wordpress', 'ben', 'Ben', 'person');
             INSERT INTO conversations(id, key, key_hash, platform) VALUES (1, 'c', 7, 'wordpress');
             INSERT INTO items(id, key, key_hash, native_id, conversation_id, author_id, kind,
                               state, text, source_id)
                 VALUES (1, 'x:1', 42, '1', 1, 1, 'post', 'public', 'kept', 1);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let corpus = store.load_corpus().unwrap();
    assert_eq!(corpus.items.iter().map(|i| corpus.text(i)).collect::<Vec<_>>(), ["kept"]);
    drop(store);
    // the unique constraints are named indexes now, and still unique
    let conn = rusqlite::Connection::open(&path).unwrap();
    for (table, index) in [("items", "items_key_hash"), ("conversations", "conversations_key_hash")]
    {
        let unique: i64 = conn
            .query_row(
                &format!("SELECT \"unique\" FROM pragma_index_list('{table}') WHERE name = ?1"),
                [index],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unique, 1, "{index}");
    }
    let duplicate = conn.execute(
        "INSERT INTO items(key, key_hash, native_id, conversation_id, author_id, kind, state,
                           text, source_id)
         VALUES ('x:2', 42, '2', 1, 1, 'post', 'public', 'other', 1)",
        [],
    );
    assert!(duplicate.is_err());
}
