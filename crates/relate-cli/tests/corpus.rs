//! The real-corpus suite: every WXR and ConvoKit export in `../shared/corpus` (other people's
//! data, read in place, never copied). Compiled only with the `real-corpus` feature, and then
//! it fails loudly if the corpus folder is missing, so it never passes vacuously.
//! `scripts/test.sh` and `.ci/run` run it; set RELATE_CORPUS to use another folder.
//!
//! The counts asserted here were checked by reading the files (with an independent Python
//! count over the XML for the theme unit test data).

mod common;

use std::path::PathBuf;

use common::{Workspace, contains, database_bytes, the};

fn corpus(path: &str) -> String {
    let root = std::env::var_os("RELATE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo().join("../shared/corpus"));
    assert!(
        root.is_dir(),
        "the real-corpus suite needs ../shared/corpus (or RELATE_CORPUS): {} is missing",
        root.display()
    );
    root.join(path).display().to_string()
}

fn kinds(ws: &Workspace) -> Vec<(String, i64)> {
    let stats = ws.json(&["stats", "--json"]);
    stats["items"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(kind, n)| (kind.clone(), n.as_i64().unwrap()))
        .collect()
}

#[test]
fn seed_thread_gives_what_a_reader_sees() {
    let ws = Workspace::new();
    let seed = corpus("wxr/seed-social-media-roi.xml");
    ws.ok(&["import", &seed]);
    let report = ws.json(&["report", "--json"]);
    assert_eq!(the(&report, "participants"), 5);
    assert_eq!(the(&report, "conversations"), 1);
    assert_eq!(the(&report, "owner_response_coverage"), 0.714);
    assert_eq!(report["response"]["answered"], 5);
    assert_eq!(report["response"]["others_comments"], 7);
    assert_eq!(the(&report, "reciprocal_ties"), 5);
    let excluded = the(&report, "excluded");
    assert_eq!((excluded["spam"].as_i64(), excluded["pending"].as_i64()), (Some(2), Some(1)));
    let unanswered: Vec<&str> = report["response"]["unanswered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["item"].as_str().unwrap())
        .collect();
    assert_eq!(unanswered, vec!["108", "111"]); // Heinz's last question among them
    let links = &report["cross_site_links"];
    assert_eq!((links["total"].as_i64(), links["junk"].as_i64()), (Some(2), Some(1)));

    let learned = ws.json(&["learned", "--json"]);
    let entries = learned.as_array().unwrap();
    let find = |needle: &str| {
        entries
            .iter()
            .find(|e| e["what"].as_str().unwrap().to_lowercase().contains(needle))
            .unwrap_or_else(|| panic!("no entry with {needle:?}: {learned:#}"))
    };
    let diskurs = find("herrschaftsfrei");
    assert_eq!(diskurs["from"], "Ben");
    assert_eq!(diskurs["taken_up_by"], "Christian Henner-Fehr");
    assert_eq!(diskurs["item"], "101");
    assert_eq!(diskurs["kind"], "acknowledged");
    let verwoben = find("verwobensein");
    assert_eq!(verwoben["from"], "Heinz");
    assert_eq!(verwoben["taken_up_by"], "Christian Henner-Fehr");
    assert_eq!(verwoben["kind"], "acknowledged");
    let link = find("bit.ly/w1uyu4");
    assert_eq!(link["from"], "Hannes");
    assert_eq!(link["kind"], "source");
    assert_eq!(link["reported_broken"], true);
    for entry in entries {
        assert!(entry["at"].as_str().unwrap().ends_with('Z'));
        let from = entry["from"].as_str().unwrap();
        assert!(!["cheap watches", "seo agency"].contains(&from), "spam in learned: {entry:#}");
        assert_ne!(entry["item"], "116", "a pending comment in learned");
    }

    // a second import of the same file changes no count
    let again = ws.ok(&["import", &seed]);
    assert!(again.stderr.contains("0 added, 0 updated, 17 unchanged"), "{}", again.stderr);
    assert_eq!(ws.json(&["report", "--json"]), report);

    // no e-mail address and no IP from the export in the database
    let bytes = database_bytes(&ws.db());
    let xml = std::fs::read_to_string(&seed).unwrap();
    for field in ["comment_author_email", "comment_author_IP", "author_email"] {
        for chunk in xml.split(&format!("<wp:{field}><![CDATA[")).skip(1) {
            let value = chunk.split("]]>").next().unwrap();
            assert!(value.is_empty() || !contains(&bytes, value), "{value} is in the database");
        }
    }
    assert!(!contains(&bytes, "@example.org") && !contains(&bytes, "192.0.2."));
}

#[test]
fn theme_unit_test_data_imports_every_conversation() {
    let ws = Workspace::new();
    let run = ws.ok(&["import", &corpus("wxr/theme-unit-test-data.xml")]);
    // 186 items: 58 posts and 21 pages kept; 37 attachments and 70 menu items skipped
    assert!(run.stderr.contains("112 added"), "{}", run.stderr);
    assert!(run.stderr.contains("37 attachment, 70 nav_menu_item"), "{}", run.stderr);
    assert_eq!(
        kinds(&ws),
        vec![
            ("comment".into(), 19),
            ("pingback".into(), 2),
            ("post".into(), 79),
            ("reply".into(), 10),
            ("trackback".into(), 2)
        ]
    );
    let report = ws.json(&["report", "--json"]);
    // 3 unapproved comments, 1 draft, 1 scheduled post; 1 password-protected post
    assert_eq!(the(&report, "excluded")["pending"], 5);
    assert_eq!(the(&report, "excluded")["restricted"], 1);
    // the reply chain 904 -> 915 is ten comments deep under its post
    assert_eq!(report["structure"]["max_depth"], 11);
}

#[test]
fn isso_export_with_wxr_1_0_duplicate_ids_and_missing_dates() {
    let ws = Workspace::new();
    ws.ok(&["import", &corpus("wxr/isso-wordpress.xml")]);
    // 3 items, 8 comments; comment id 11 appears in two items and both are kept
    assert_eq!(kinds(&ws), vec![("comment".into(), 5), ("post".into(), 3), ("reply".into(), 3)]);
    let run = ws.relate(&["threads", "11"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("in several conversations"), "{}", run.stderr);
    assert!(run.stderr.contains("wxr:example.tld:post:18,"), "{}", run.stderr);
    let report = ws.json(&["report", "--json"]);
    // "Tester" (user 1, the post's creator) is the owner, and so is the unnamed author of
    // the posts without dc:creator; the commenters are guests
    assert_eq!(report["scope"]["owners"], serde_json::json!(["Tester", "(unknown author)"]));
    let people: Vec<&str> =
        report["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(people.contains(&"Ohai") && people.contains(&"Multiline Author"), "{people:?}");
}

#[test]
fn minimal_wxr_1_0() {
    let ws = Workspace::new();
    ws.ok(&["import", &corpus("wxr/valid-wxr-1.0.xml")]);
    assert_eq!(kinds(&ws), vec![("comment".into(), 1), ("post".into(), 6)]);
}

#[test]
fn convokit_corpus_written_by_convokit() {
    let ws = Workspace::new();
    ws.ok(&["import", &corpus("convokit/mastodon-context-corpus")]);
    let report = ws.json(&["report", "--json"]);
    let s = &report["structure"];
    assert_eq!(
        (s["utterances"].as_i64(), s["threads"].as_i64(), s["speakers"].as_i64()),
        (Some(60), Some(1), Some(51))
    );
    assert_eq!(kinds(&ws).iter().map(|(_, n)| n).sum::<i64>(), 60);
    let stats = ws.json(&["stats", "--json"]);
    assert_eq!(stats["conversations"], 1);
}

#[test]
fn legacy_convokit_corpus_without_utterances_is_a_clear_error() {
    let ws = Workspace::new();
    let run = ws.relate(&["import", &corpus("convokit/legacy-friends-corpus-2019-no-utterances")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no utterances.jsonl"), "{}", run.stderr);
    assert!(run.stderr.contains("users.json"), "{}", run.stderr);
}

/// Status ids of the archive's Create activities that are neither public nor unlisted (no
/// `as:Public` in to or cc): followers-only and direct. Read straight from outbox.json.
fn restricted_status_ids() -> std::collections::BTreeSet<String> {
    let outbox: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus("mastodon-archive/outbox.json")).unwrap(),
    )
    .unwrap();
    let public = |v: &serde_json::Value| {
        v.as_array().is_some_and(|a| {
            a.iter().any(|x| {
                matches!(
                    x.as_str(),
                    Some("https://www.w3.org/ns/activitystreams#Public" | "as:Public" | "Public")
                )
            })
        })
    };
    outbox["orderedItems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["type"] == "Create")
        .map(|a| &a["object"])
        .filter(|o| !public(&o["to"]) && !public(&o["cc"]))
        .map(|o| o["id"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect()
}

fn exported_native_ids(ws: &Workspace, extra: &[&str]) -> std::collections::BTreeSet<String> {
    let dir = ws.dir.path().join(format!("export{}", extra.len()));
    let mut args = vec!["export", "convokit", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    ws.ok(&args);
    std::fs::read_to_string(dir.join("utterances.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let u: serde_json::Value = serde_json::from_str(l).unwrap();
            u["meta"]["native_id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn mastodon_restricted_posts_are_in_no_report_or_export_unless_asked() {
    let ws = Workspace::new();
    ws.ok(&["import", &corpus("mastodon-archive")]);
    let restricted = restricted_status_ids();
    // 75 followers-only or direct statuses (Python over outbox.json, same rule as above)
    assert_eq!(restricted.len(), 75);
    let stats = ws.json(&["stats", "--json"]);
    assert_eq!(stats["restricted"], 75, "{stats}");
    let report = ws.json(&["report", "--json"]);
    assert_eq!(the(&report, "excluded")["restricted"], 75);
    let exported = exported_native_ids(&ws, &[]);
    assert!(!exported.is_empty());
    let leaked: Vec<&String> = exported.intersection(&restricted).collect();
    assert!(leaked.is_empty(), "restricted statuses exported: {leaked:?}");
    let learned = ws.ok(&["learned", "--json"]).stdout;
    assert!(!restricted.iter().any(|id| learned.contains(&format!("\"{id}\""))));
    // asked for, they are there: the test above can fail
    let all = exported_native_ids(&ws, &["--include-restricted"]);
    assert!(restricted.is_subset(&all), "{} of 75 exported", all.intersection(&restricted).count());
    let report = ws.json(&["report", "--json", "--include-restricted"]);
    assert_eq!(the(&report, "excluded")["restricted"], 0);
}

#[test]
fn the_seed_post_and_a_webmention_about_it_are_one_conversation() {
    let ws = Workspace::new();
    ws.ok(&["import", &corpus("wxr/seed-social-media-roi.xml")]);
    let before = ws.json(&["report", "--json"]);
    let run = ws.ok(&["import", &common::fixture("stitching/seed-webmention.jf2.json")]);
    assert!(run.stderr.contains("as webmention: 2 added"), "{}", run.stderr);
    let after = ws.json(&["report", "--json"]);
    // a reply from another blog and a like, both about the seed post: still one conversation
    assert_eq!(the(&before, "conversations"), 1);
    assert_eq!(the(&after, "conversations"), 1);
    assert_eq!(the(&after, "stitched_count"), 1);
    // the replying blogger is a participant now (5 before: Ben, Heinz, Kulturplanet, Johanna
    // W. Holt, Hannes); the liking theatre is attention, not participation
    assert_eq!(the(&after, "participants"), 6);
    let thread = ws.ok(&["threads", "4711"]).stdout;
    assert!(thread.contains("joined: "), "{thread}");
    assert!(thread.contains("Petra Nachtigall"), "{thread}");
    // her reply named only the page: it answers the post, one level below it, marked with its
    // platform, and waits for an answer from the blogger
    assert!(
        thread.contains(
            "\n  #900001 Petra Nachtigall 2012-02-06T08:15:00Z [web] -> Christian Henner-Fehr #4711"
        ),
        "{thread}"
    );
    assert!(
        thread.contains("#900002 Theaterhaus Mitte 2012-02-07T11:00:00Z [web, like]"),
        "{thread}"
    );
}

#[test]
fn the_convokit_export_carries_the_seed_concepts_on_both_utterances() {
    let ws = Workspace::new();
    ws.ok(&["import", &corpus("wxr/seed-social-media-roi.xml")]);
    let learned = ws.json(&["learned", "--json"]);
    let moment = learned
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["what"] == "herrschaftsfreien Diskurses")
        .expect("Ben's concept is a learning moment")
        .clone();
    // Ben brought it in (comment 101); Christian took it up
    assert_eq!(moment["item"], "101");
    let taken_up = moment["taken_up_item"].as_str().unwrap().to_string();
    let dir = ws.dir.path().join("export");
    ws.ok(&["export", "convokit", dir.to_str().unwrap()]);
    let concepts_of = |native: &str| -> Vec<String> {
        std::fs::read_to_string(dir.join("utterances.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|u| u["meta"]["native_id"] == native)
            .unwrap()["meta"]["concepts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect()
    };
    assert!(concepts_of("101").contains(&"herrschaftsfreien Diskurses".to_string()));
    assert!(concepts_of(&taken_up).contains(&"herrschaftsfreien Diskurses".to_string()));
}
