//! End-to-end runs of the `relate` binary on our own fixtures and the bundled demo.

mod common;

use common::{Workspace, contains, database_bytes, fixture, the};

#[test]
fn help_teaches_the_first_steps() {
    let ws = Workspace::new();
    let run = ws.ok(&["--help"]);
    assert!(run.stdout.contains("relate demo"), "{}", run.stdout);
    assert!(run.stdout.contains("relate import"), "{}", run.stdout);
    let run = ws.ok(&["import", "--list"]);
    assert!(run.stdout.contains("wordpress-wxr") && run.stdout.contains("convokit"));
}

#[test]
fn newer_export_adds_what_is_new_and_updates_what_changed() {
    let ws = Workspace::new();
    let first = ws.ok(&["import", &fixture("wordpress-wxr/blog-v1.xml")]);
    assert!(first.stderr.contains("2 added, 0 updated, 0 unchanged"), "{}", first.stderr);
    let again = ws.ok(&["import", &fixture("wordpress-wxr/blog-v1.xml")]);
    assert!(again.stderr.contains("0 added, 0 updated, 2 unchanged"), "{}", again.stderr);
    let newer = ws.ok(&["import", &fixture("wordpress-wxr/blog-v2.xml")]);
    assert!(newer.stderr.contains("1 added, 1 updated, 1 unchanged"), "{}", newer.stderr);
    let report = ws.json(&["report", "--json"]);
    assert_eq!(the(&report, "owner_response_coverage"), 1.0);
    assert_eq!(the(&report, "reciprocal_ties"), 1);
    let thread = ws.ok(&["threads", "10"]);
    assert!(thread.stdout.contains("Wir wären zu dritt"), "{}", thread.stdout);
    assert!(thread.stdout.contains("answered by #2"), "{}", thread.stdout);
}

#[test]
fn odd_records_are_warnings_with_file_and_line_and_the_rest_lands() {
    let ws = Workspace::new();
    let run = ws.ok(&["import", &fixture("wordpress-wxr/odd-records.xml")]);
    assert!(run.stderr.contains("3 added"), "{}", run.stderr);
    assert!(run.stderr.contains("odd-records.xml:"), "{}", run.stderr);
    assert!(run.stderr.contains("without wp:comment_id"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown approval state \"vielleicht\""), "{}", run.stderr);
    let warnings = ws.ok(&["warnings"]);
    assert_eq!(warnings.stdout.lines().count(), 3, "{}", warnings.stdout);
    // the unknown approval state is treated as pending, so it is excluded
    let report = ws.json(&["report", "--json"]);
    assert_eq!(the(&report, "excluded")["pending"], 1);
}

#[test]
fn a_truncated_export_fails_whole_with_its_position() {
    let ws = Workspace::new();
    let run = ws.relate(&["import", &fixture("wordpress-wxr/truncated.xml")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: failed to import"), "{}", run.stderr);
    assert!(run.stderr.contains("truncated.xml:"), "{}", run.stderr);
    assert!(run.stderr.contains("ends inside <comment>"), "{}", run.stderr);
    // nothing landed
    let stats = ws.json(&["stats", "--json"]);
    assert_eq!(stats["participants"], 0);
    assert_eq!(stats["sources"], 0);
}

#[test]
fn unknown_inputs_get_clear_errors() {
    let ws = Workspace::new();
    let run = ws.relate(&["import", "no-such-file.xml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot read no-such-file.xml"), "{}", run.stderr);
    let run = ws.relate(&["import", &fixture("README.md")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not an export relate recognises"), "{}", run.stderr);
    let run = ws.relate(&["import", &fixture("README.md"), "--format", "tiktok"]);
    assert!(run.stderr.contains("unknown format \"tiktok\""), "{}", run.stderr);
    let run = ws.relate(&["report"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no database at"), "{}", run.stderr);
    let run = ws.relate(&["owner", "add", "christian"]);
    assert!(run.stderr.contains("is not PLATFORM:HANDLE"), "{}", run.stderr);
}

#[test]
fn legacy_convokit_corpus_imports_with_a_warning_for_the_broken_line() {
    let ws = Workspace::new();
    let run = ws.ok(&["import", &fixture("convokit/legacy-2019")]);
    assert!(run.stderr.contains("as convokit: 4 added"), "{}", run.stderr);
    assert!(run.stderr.contains("utterances.jsonl:4: not a valid utterance"), "{}", run.stderr);
    ws.ok(&["owner", "add", "convokit:Rosa"]);
    let report = ws.json(&["report", "--json"]);
    assert_eq!(the(&report, "participants"), 1); // Karl; Rosa is "us" now
    assert_eq!(the(&report, "reciprocal_ties"), 1);
    assert_eq!(the(&report, "conversations"), 1); // the second thread has no answer yet
}

/// The demo's numbers, counted by hand in demo/EXPECTED.md.
#[test]
fn demo_matches_the_hand_counted_answers() {
    let mut ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    let run = ws.ok(&["demo", "--dir", dir.to_str().unwrap()]);
    assert!(run.stdout.contains("What we learned, from whom"), "{}", run.stdout);
    ws.db = dir.join("relate.db");
    let demo = |args: &[&str]| ws.json(args);
    let report = demo(&["report", "--json"]);
    assert_eq!(the(&report, "participants"), 18);
    // 7 blog posts + 4 Mastodon threads, 3 of which open with a link to a blog post
    assert_eq!(the(&report, "conversations"), 8);
    assert_eq!(the(&report, "stitched_count"), 3);
    assert_eq!(the(&report, "reciprocal_ties"), 15);
    assert_eq!(the(&report, "returning_participants"), 6);
    assert_eq!(the(&report, "owner_response_coverage"), 0.879); // 29 / 33
    let excluded = the(&report, "excluded");
    assert_eq!(
        (excluded["spam"].as_u64(), excluded["pending"].as_u64(), excluded["trash"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    let unanswered: Vec<&str> = report["response"]["unanswered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["item"].as_str().unwrap())
        .collect();
    assert_eq!(unanswered, vec!["316", "m2-4", "341", "345"]);
    // demo/audience.csv: the latest and the first figure of each of its four numbers
    let figures: Vec<(String, u64, u64)> = report["audience"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let value = |key: &str| f[key].as_u64().unwrap();
            (f["metric"].as_str().unwrap().to_string(), value("value"), value("first_value"))
        })
        .collect();
    assert_eq!(
        figures,
        [
            ("page_views".to_string(), 3977, 3840),
            ("fans".to_string(), 2321, 2310),
            ("followers".to_string(), 768, 612),
            ("subscribers".to_string(), 1259, 1204),
        ]
    );

    let learned = demo(&["learned", "--json"]);
    let moments: Vec<(String, String, String, String)> = learned
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] != "source")
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_string(),
                m["what"].as_str().unwrap().to_string(),
                m["from"].as_str().unwrap().to_string(),
                m["item"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect = |kind: &str, what: &str, from: &str, item: &str| {
        assert!(
            moments.iter().any(|m| m.0 == kind && m.1 == what && m.2 == from && m.3 == item),
            "missing {kind} {what:?} from {from} in {item}: {moments:#?}"
        );
    };
    expect("acknowledged", "partizipativen Sammelns", "Maria Schulte-Brandt", "301");
    expect("acknowledged", "object itineraries", "Sofia Marchetti", "310");
    expect("acknowledged", "shared authority", "Daniel Osei", "329");
    expect("acknowledged", "stille Stunde", "Katrin Albers", "339");
    expect("acknowledged", "slow looking", "nadia_k@glam.example", "m2-2");
    expect("uptake", "Oral History Café", "Jonas Reuter", "302");
    expect("uptake", "Sprechstunde für Erbstücke", "Timo Brenner", "316");
    assert_eq!(moments.len(), 7, "{moments:#?}");
    let sources: Vec<&serde_json::Value> =
        learned.as_array().unwrap().iter().filter(|m| m["kind"] == "source").collect();
    assert_eq!(sources.len(), 7);
    let broken: Vec<&str> = sources
        .iter()
        .filter(|s| s["reported_broken"] == true)
        .map(|s| s["item"].as_str().unwrap())
        .collect();
    assert_eq!(broken, vec!["318"]);
}

#[test]
fn no_email_or_ip_reaches_the_database() {
    let ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    ws.ok(&["demo", "--dir", dir.to_str().unwrap()]);
    let demo_xml = std::fs::read_to_string(dir.join("museum-blog.xml")).unwrap();
    let bytes = database_bytes(&dir.join("relate.db"));
    let mut checked = 0;
    for field in ["comment_author_email", "comment_author_IP", "author_email"] {
        let open = format!("<wp:{field}>");
        for chunk in demo_xml.split(&open).skip(1) {
            let value = chunk.split("</").next().unwrap();
            let value = value.trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
            if value.is_empty() {
                continue;
            }
            checked += 1;
            assert!(!contains(&bytes, value), "{field} {value:?} is in the database");
            assert!(
                !contains(&bytes, &value.to_lowercase()),
                "{field} {value:?} is in the database"
            );
        }
    }
    assert!(checked > 50, "only {checked} values checked");
}

#[test]
fn convokit_export_writes_a_loadable_corpus() {
    let ws = Workspace::new();
    ws.ok(&["import", &fixture("wordpress-wxr/blog-v2.xml")]);
    let out = ws.dir.path().join("export");
    let run = ws.ok(&["export", "convokit", out.to_str().unwrap()]);
    assert!(
        run.stderr.contains("Wrote 3 utterances (2 replies) in 1 conversations"),
        "{}",
        run.stderr
    );
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(out.join("utterances.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let root = &lines[0];
    assert!(root["reply-to"].is_null());
    assert_eq!(lines[1]["reply-to"], root["id"]);
    assert_eq!(lines[1]["conversation_id"], root["id"]);
    // local uptake: none for the root, a number 0..1 for every reply
    assert!(root["meta"]["uptake"].is_null());
    for reply in &lines[1..] {
        let uptake = reply["meta"]["uptake"].as_f64().expect("a reply has an uptake score");
        assert!((0.0..=1.0).contains(&uptake), "{uptake}");
    }
    for name in ["speakers.json", "conversations.json", "corpus.json", "index.json"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
    }
    // and relate reads its own export back
    let back = Workspace::new();
    back.ok(&["import", out.to_str().unwrap()]);
    let stats = back.json(&["stats", "--json"]);
    assert_eq!(stats["conversations"], 1);
}

#[test]
fn a_table_with_other_column_names_imports_with_column() {
    // fixtures/csv/mapped.csv: post_id, reply_to, user_name, created, body; a post, a comment
    // on it and a reply to the comment
    let ws = Workspace::new();
    let help = ws.ok(&["import", "--help"]);
    assert!(help.stdout.contains("--column <NAME=SOURCE>"), "{}", help.stdout);
    assert!(help.stdout.contains("--column author=user_name"), "{}", help.stdout);

    let file = fixture("csv/mapped.csv");
    let run = ws.relate(&["import", &file]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is read with --column"), "{}", run.stderr);
    let run = ws.relate(&["import", &file, "--column", "writer=user_name"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown column `writer`"), "{}", run.stderr);
    let run = ws.relate(&["import", &file, "--column", "author"]);
    assert!(run.stderr.contains("expected NAME=SOURCE"), "{}", run.stderr);
    // only some columns renamed: the error names the missing ones and the header
    let run = ws.relate(&["import", &file, "--column", "author=user_name"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no id, text column"), "{}", run.stderr);
    assert!(run.stderr.contains("post_id, reply_to, user_name"), "{}", run.stderr);

    let mut args = vec!["import", file.as_str()];
    for pair in ["id=post_id", "author=user_name", "time=created", "text=body", "parent=reply_to"] {
        args.extend(["--column", pair]);
    }
    let run = ws.ok(&args);
    assert!(run.stderr.contains("as csv: 3 added"), "{}", run.stderr);
    let stats = ws.json(&["stats", "--json"]);
    assert_eq!(stats["conversations"], 1);
    assert_eq!(stats["participants"], 3);
    assert_eq!(stats["items"]["post"], 1);
    assert_eq!(stats["items"]["comment"], 1);
    assert_eq!(stats["items"]["reply"], 1);
    // the same keys on a second import: nothing new
    let again = ws.ok(&args);
    assert!(again.stderr.contains("0 added, 0 updated, 3 unchanged"), "{}", again.stderr);
}

/// A workspace holding the bundled demo (demo/EXPECTED.md has its answers).
fn demo_workspace() -> Workspace {
    let mut ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    ws.ok(&["demo", "--dir", dir.to_str().unwrap()]);
    ws.db = dir.join("relate.db");
    ws
}

/// (kind, what, from, item) of each entry of `relate learned --json`.
fn learned_entries(learned: &serde_json::Value) -> Vec<(String, String, String, String)> {
    let text = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    learned
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (text(&m["kind"]), text(&m["what"]), text(&m["from"]), text(&m["item"])))
        .collect()
}

#[test]
fn learned_filters_by_person_and_platform_in_every_format() {
    let ws = demo_workspace();
    let entry = |kind: &str, what: &str, from: &str, item: &str| {
        (kind.to_string(), what.to_string(), from.to_string(), item.to_string())
    };
    // EXPECTED.md: Sofia Marchetti brought in moment 2 and shared the DOI, both in 310; the
    // museum took the phrase up, which does not make the moment the museum's
    let sofia = ws.json(&["learned", "--person", "sofia MARCHETTI", "--format", "json"]);
    assert_eq!(
        learned_entries(&sofia),
        vec![
            entry("acknowledged", "object itineraries", "Sofia Marchetti", "310"),
            entry("source", "https://doi.org/10.5555/12345678", "Sofia Marchetti", "310"),
        ]
    );
    assert_eq!(sofia[0]["taken_up_by"], "Stadtmuseum Lindenau");
    assert_eq!(sofia[0]["taken_up_item"], "311");
    assert_eq!(sofia[0]["day"], "2026-02-04"); // the day it was taken up
    assert_eq!(sofia[1]["day"], "2026-02-03"); // a source nobody took up: the day it was shared
    assert_eq!(
        ws.json(&["learned", "--person", "Stadtmuseum Lindenau", "--json"]),
        serde_json::json!([])
    );
    // a handle, with or without `@`
    let nadia = ws.json(&["learned", "--person", "@nadia_k@glam.example", "--json"]);
    assert_eq!(
        learned_entries(&nadia).iter().map(|e| e.3.as_str()).collect::<Vec<_>>(),
        vec!["m2-2", "m2-2", "m2-5"]
    );

    // the Mastodon moments (moment 5, moment 7 taken up in m4-1 from the blog's 316) and
    // the two links nadia_k shared there
    let mastodon = ws.json(&["learned", "--platform", "convokit", "--json"]);
    let mut got = learned_entries(&mastodon);
    got.sort();
    assert_eq!(
        got,
        vec![
            entry("acknowledged", "slow looking", "nadia_k@glam.example", "m2-2"),
            entry(
                "source",
                "https://glam-education.example/notes/looking-exercises.pdf",
                "nadia_k@glam.example",
                "m2-5"
            ),
            entry(
                "source",
                "https://museumsjournal.example/2025/11/ten-minutes-one-object/",
                "nadia_k@glam.example",
                "m2-2"
            ),
            entry("uptake", "Sprechstunde für Erbstücke", "Timo Brenner", "316"),
        ]
    );
    let timo = mastodon.as_array().unwrap().iter().find(|m| m["item"] == "316").unwrap();
    assert_eq!(
        (&timo["platform"], &timo["taken_up_platform"]),
        (&serde_json::json!("wordpress"), &serde_json::json!("convokit"))
    );

    // filters combine, and the text and Markdown renderings show the same selection
    let both = ["learned", "--platform", "CONVOKIT", "--person", "Timo Brenner"];
    assert_eq!(learned_entries(&ws.json(&[&both[..], &["--json"]].concat())).len(), 1);
    let text = ws.ok(&both).stdout;
    assert!(
        text.starts_with(
            "took up: \"Sprechstunde für Erbstücke\"\n  from Timo Brenner, #316 (wordpress)"
        ),
        "{text}"
    );
    assert_eq!(text.matches("\n\n").count(), 1, "{text}");
    let md = ws.ok(&[&both[..], &["--format", "markdown"]].concat()).stdout;
    assert_eq!(md.matches("\n- **").count(), 1, "{md}");
    assert!(md.contains("- **Took up:** “Sprechstunde für Erbstücke” from Timo Brenner (wordpress, #316, 2026-02-17), taken up by stadtmuseum (convokit, #m4-1, 2026-04-14)\n  > Timo Brenner: "), "{md}");
    assert!(md.contains("\n  >\n  > stadtmuseum: Neu ab Mai: Jeden zweiten Mittwoch bieten wir eine Sprechstunde für Erbstücke an."), "{md}");

    // unknown names and platforms are errors, not empty lists
    let run = ws.relate(&["learned", "--person", "Nobody Here"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--person \"Nobody Here\" names no one"), "{}", run.stderr);
    let run = ws.relate(&["learned", "--platform", "myspace"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("convokit, web, wordpress"), "{}", run.stderr);
    assert_eq!(ws.relate(&["learned", "--json", "--format", "markdown"]).code, 2);
}

#[test]
fn learned_by_day_groups_under_day_headings_in_order() {
    let ws = demo_workspace();
    let all = ws.json(&["learned", "--json"]);
    let entries = all.as_array().unwrap();
    assert_eq!(entries.len(), 14); // 7 moments and 7 sources
    let mut days: Vec<&str> = entries.iter().map(|m| m["day"].as_str().unwrap()).collect();
    days.sort_unstable();
    days.dedup();
    // moments on the day they were taken up, sources on the day they were shared
    let expected = [
        "2026-01-14", // 304 takes up 301
        "2026-02-03", // Sofia's DOI
        "2026-02-04", // 311 takes up 310
        "2026-02-18", // Sabine's first link (318)
        "2026-02-19", // the corrected link (320)
        "2026-03-04", // 330 takes up 329; the consent checklist (329)
        "2026-03-05", // m2-3 takes up m2-2; the write-up (m2-2)
        "2026-03-06", // m2-5
        "2026-03-17", // post 105: Oral History Café
        "2026-04-07", // 340 takes up 339; Katrin's article
        "2026-04-14", // m4-1 takes up 316
    ];
    assert_eq!(days, expected);

    let md = ws.ok(&["learned", "--by-day", "--format", "markdown"]).stdout;
    let headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("### ")).collect();
    assert_eq!(headings, expected, "{md}");
    assert!(md.starts_with("## What we learned\n\n### 2026-01-14\n\n- **Learned:** “partizipativen Sammelns” from Maria Schulte-Brandt"), "{md}");
    let day =
        |d: &str| md.split(&format!("### {d}\n")).nth(1).unwrap().split("### ").next().unwrap();
    assert_eq!(day("2026-03-04").matches("\n- **").count(), 2, "{md}");
    assert!(day("2026-04-14").contains("Sprechstunde für Erbstücke"), "{md}");
    assert!(md.matches("\n  > ").count() >= 14, "every entry quotes its evidence:\n{md}");
    // GitHub and most editors read this as Markdown: user text is escaped (the `_` in a handle)
    assert!(md.contains("from nadia\\_k@glam.example (convokit, #m2-2, 2026-03-05)"), "{md}");

    let text = ws.ok(&["learned", "--by-day"]).stdout;
    let text_days: Vec<&str> = text
        .lines()
        .zip(text.lines().skip(1))
        .filter(|(_, under)| under.starts_with("==="))
        .map(|(day, _)| day)
        .collect();
    assert_eq!(text_days, expected, "{text}");
    // without --by-day, no headings, and the same 14 entries
    let flat = ws.ok(&["learned"]).stdout;
    assert!(!flat.contains("\n==="), "{flat}");
    assert_eq!(flat.matches("\n  they wrote: ").count(), 14, "{flat}");
}

/// The reverse direction on the demo (demo/EXPECTED.md, "Others learn from the owner"): one
/// moment, Lena's „Sammeln der Gegenwart“ (post 101) taken up by Jonas Reuter in 335, with
/// "ein spannender Gedanke". The default direction and the report's owner counts are
/// unchanged.
#[test]
fn demo_others_learned_from_us_once() {
    let ws = demo_workspace();
    let learned = ws.json(&["learned", "--direction", "from-us", "--json"]);
    let entries = learned.as_array().unwrap();
    assert_eq!(entries.len(), 1, "{learned:#}");
    let m = &entries[0];
    assert_eq!(m["what"], "Sammeln der Gegenwart");
    assert_eq!(m["from"], "Lena Vogt");
    assert_eq!(m["item"], "101");
    assert_eq!(m["taken_up_by"], "Jonas Reuter");
    assert_eq!(m["taken_up_item"], "335");
    assert_eq!(m["direction"], "from_us");
    assert_eq!(m["kind"], "acknowledged");
    assert_eq!(m["evidence"]["acknowledgement"], "spannender Gedanke");
    let to_us = ws.json(&["learned", "--json"]);
    assert!(to_us.as_array().unwrap().iter().all(|m| m["direction"] == "to_us"), "{to_us:#}");
    let both = ws.json(&["learned", "--direction", "both", "--json"]);
    assert_eq!(both.as_array().unwrap().len(), to_us.as_array().unwrap().len() + 1);
    let report = ws.json(&["report", "--json"]);
    assert_eq!(report["learning"]["from_us"]["count"], 1);
    assert_eq!(report["learning"]["acknowledged"], 5);
    assert_eq!(report["learning"]["uptake"], 2);
    let text = ws.ok(&["report"]);
    assert!(text.stdout.contains("others learned from us  1"), "{}", text.stdout);
    let md = ws.ok(&["learned", "--direction", "from-us", "--format", "markdown"]).stdout;
    assert!(md.contains("- **They learned:** “Sammeln der Gegenwart” from Lena Vogt"), "{md}");
    // --person names the one who took it up from us
    let jonas =
        ws.json(&["learned", "--direction", "from-us", "--person", "Jonas Reuter", "--json"]);
    assert_eq!(jonas.as_array().unwrap().len(), 1);
}
