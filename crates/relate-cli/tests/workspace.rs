//! End to end: identities, audience numbers and stitching across platforms, on the demo and on
//! hand-made fixtures.

mod common;

use common::{Workspace, fixture, the};

fn demo() -> Workspace {
    let mut ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    ws.ok(&["demo", "--dir", dir.to_str().unwrap()]);
    ws.db = dir.join("relate.db");
    ws
}

#[test]
fn identity_suggest_then_link_merges_two_accounts_and_unlink_undoes_it() {
    let ws = demo();
    let suggestions = ws.json(&["identity", "suggest", "--json"]);
    let pairs: Vec<(String, String, String)> = suggestions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["a_name"].as_str().unwrap().to_string(),
                s["b_name"].as_str().unwrap().to_string(),
                s["evidence"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // demo/EXPECTED.md: the Mastodon handle schulte_brandt spells the blog commenter's name;
    // no other pair shares a profile, a name of two words or a handle like a name
    assert_eq!(
        pairs,
        vec![(
            "Maria Schulte-Brandt".to_string(),
            "schulte_brandt@kultur.social".to_string(),
            "handle_like_name".to_string()
        )]
    );
    let before = ws.json(&["report", "--json"]);
    assert_eq!(the(&before, "participants"), 18);
    ws.ok(&["identity", "link", "Maria Schulte-Brandt", "schulte_brandt@kultur.social"]);
    let after = ws.json(&["report", "--json"]);
    assert_eq!(the(&after, "participants"), 17);
    // she wrote to us and we answered on both platforms: one tie, not two
    assert_eq!(the(&after, "reciprocal_ties"), 14);
    // her toots still count where she wrote them (the demo's Mastodon is a ConvoKit corpus)
    let by_platform = |report: &serde_json::Value| -> Vec<(String, u64)> {
        report["response_by_platform"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["platform"].as_str().unwrap().to_string(),
                    p["others_comments"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(by_platform(&after), by_platform(&before));
    let suggestions = ws.json(&["identity", "suggest", "--json"]);
    assert_eq!(suggestions.as_array().unwrap().len(), 0, "linked pairs are not proposed again");
    ws.ok(&["identity", "unlink", "schulte_brandt@kultur.social"]);
    assert_eq!(the(&ws.json(&["report", "--json"]), "participants"), 18);
}

#[test]
fn identity_link_refuses_unknown_and_ambiguous_accounts() {
    let ws = demo();
    let run = ws.relate(&["identity", "link", "Nobody Here", "Maria Schulte-Brandt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no account \"Nobody Here\""), "{}", run.stderr);
}

#[test]
fn audience_numbers_by_hand_and_by_csv_stand_beside_the_report() {
    let ws = demo();
    ws.ok(&[
        "audience",
        "add",
        "followers",
        "1204",
        "--platform",
        "mastodon",
        "--date",
        "2026-04-30",
    ]);
    ws.ok(&[
        "audience",
        "add",
        "followers",
        "1150",
        "--platform",
        "mastodon",
        "--date",
        "2026-01-01",
    ]);
    let run = ws.ok(&["import", &fixture("audience-csv/numbers.csv")]);
    assert!(run.stderr.contains("1 warning"), "{}", run.stderr);
    // the same file again: nothing new
    ws.ok(&["import", &fixture("audience-csv/numbers.csv")]);
    let stats = ws.json(&["stats", "--json"]);
    // the demo's 14 (demo/audience.csv) and the 2 added by hand; the fixture's 4 readable rows
    // fall on dates the demo has figures for, so they change those and add none
    assert_eq!(stats["audience_snapshots"], 16, "{stats}");
    let report = ws.json(&["report", "--json"]);
    let figures = report["audience"]["figures"].as_array().unwrap();
    let line = |platform: &str, metric: &str| {
        figures
            .iter()
            .find(|f| f["platform"] == platform && f["metric"] == metric)
            .map(|f| (f["value"].as_i64().unwrap(), f["first_value"].as_i64()))
    };
    assert_eq!(line("mastodon", "followers"), Some((1204, Some(1150))));
    // latest: the demo's 2026-04-22; first: the fixture's value for 2026-01-31, which
    // replaced the demo's
    assert_eq!(line("blog", "page_views"), Some((3977, Some(4210))));
    assert_eq!(line("facebook", "fans"), Some((2321, Some(2310))));
    let text = ws.ok(&["report"]).stdout;
    assert!(text.contains("followers               1204 (was 1150 on 2026-01-01)"), "{text}");
}

#[test]
fn stats_json_has_the_documented_keys() {
    let ws = demo();
    let stats = ws.json(&["stats", "--json"]);
    // demo/EXPECTED.md: the blog's 2 pingbacks and 1 trackback; nothing restricted
    for key in ["items", "participants", "conversations", "restricted", "warnings"] {
        assert!(stats.get(key).is_some(), "stats --json lacks {key}: {stats}");
    }
    assert!(stats["items"].is_object());
    assert_eq!(stats["items"]["pingback"], 2);
    assert_eq!(stats["items"]["trackback"], 1);
    assert_eq!(stats["restricted"], 0);
}

#[cfg(unix)]
#[test]
fn a_folder_export_never_follows_a_symlink_out_of_it() {
    let ws = Workspace::new();
    let export = ws.dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::copy(fixture("wordpress-wxr/blog-v1.xml"), export.join("blog.xml")).unwrap();
    // a second "export" outside the folder, reachable only through a link
    let outside = ws.dir.path().join("elsewhere.xml");
    std::fs::copy(fixture("wordpress-wxr/blog-v2.xml"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, export.join("linked.xml")).unwrap();
    let run = ws.ok(&["import", export.to_str().unwrap()]);
    assert!(run.stderr.contains("not read: linked.xml: a symlink, not followed"), "{}", run.stderr);
    let warnings = ws.ok(&["warnings"]).stdout;
    assert!(warnings.contains("linked.xml: a symlink"), "{warnings}");
    // only blog-v1's items: the same count as importing that file alone
    let alone = Workspace::new();
    alone.ok(&["import", &fixture("wordpress-wxr/blog-v1.xml")]);
    assert_eq!(ws.json(&["stats", "--json"])["items"], alone.json(&["stats", "--json"])["items"]);
}

/// The hand-coded evaluation set (eval/learning) imported as JSON lines, its institutions
/// declared as owners.
fn evaluation_workspace() -> Workspace {
    let ws = Workspace::new();
    let set = common::repo().join("eval/learning/threads.jsonl");
    ws.ok(&["import", set.to_str().unwrap()]);
    let mut owners = std::collections::BTreeSet::new();
    for line in std::fs::read_to_string(&set).unwrap().lines() {
        let item: serde_json::Value = serde_json::from_str(line).unwrap();
        if item["owner"] == true {
            owners.insert(format!(
                "{}:{}",
                item["platform"].as_str().unwrap(),
                item["author"].as_str().unwrap()
            ));
        }
    }
    for owner in owners {
        ws.ok(&["owner", "add", &owner]);
    }
    ws
}

#[test]
fn code_sample_is_stratified_and_blind_and_calibrate_agrees_with_a_count_by_hand() {
    let ws = evaluation_workspace();
    let sample = ws.dir.path().join("sample.csv");
    ws.ok(&["code", "sample", "--n", "40", "-o", sample.to_str().unwrap(), "--seed", "7"]);
    let mut reader = csv::Reader::from_path(&sample).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[6..9], ["learning_moment", "uptake", "acts"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 40);
    // blind: the columns to code are empty
    assert!(rows.iter().all(|r| r[6].is_empty() && r[7].is_empty() && r[8].is_empty()));
    // stratified: all four platforms and both owners and others are in it
    let platforms: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(platforms.len(), 4, "{platforms:?}");
    assert!(rows.iter().any(|r| &r[3] == "1") && rows.iter().any(|r| &r[3] == "0"));
    // the same seed, the same sample
    let again = ws.dir.path().join("again.csv");
    ws.ok(&["code", "sample", "--n", "40", "-o", again.to_str().unwrap(), "--seed", "7"]);
    assert_eq!(std::fs::read(&sample).unwrap(), std::fs::read(&again).unwrap());

    // code every reply with the hand codes of eval/learning/codes.csv
    let all = ws.dir.path().join("all.csv");
    ws.ok(&["code", "sample", "--n", "1000", "-o", all.to_str().unwrap()]);
    // id -> (learning_moment, uptake, acts)
    let codes: std::collections::HashMap<String, (String, String, String)> =
        csv::Reader::from_path(common::repo().join("eval/learning/codes.csv"))
            .unwrap()
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), (r[1].to_string(), r[2].to_string(), r[3].to_string()))
            })
            .collect();
    let mut reader = csv::Reader::from_path(&all).unwrap();
    let headers = reader.headers().unwrap().clone();
    let mut coded = csv::Writer::from_path(all.with_extension("coded.csv")).unwrap();
    coded.write_record(&headers).unwrap();
    let mut truth: std::collections::HashMap<String, bool> = Default::default();
    for record in reader.records() {
        let mut row: Vec<String> = record.unwrap().iter().map(String::from).collect();
        let native = row[0].rsplit('#').next().unwrap().to_string();
        let (lm, uptake, acts) = codes[&native].clone();
        (row[6], row[7], row[8]) = (lm, uptake, acts);
        truth.insert(native, row[6] == "1");
        coded.write_record(&row).unwrap();
    }
    coded.flush().unwrap();
    assert_eq!(truth.len(), 253, "every reply of the set is eligible");
    // relate's learning moments, through another command: the items where something was
    // taken up or acknowledged
    let learned = ws.json(&["learned", "--direction", "both", "--json"]);
    let found: std::collections::BTreeSet<String> = learned
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] != "source")
        .filter_map(|m| m["taken_up_item"].as_str().map(String::from))
        .collect();
    // owner posts can take up concepts too; only replies are coded
    let found_replies = found.iter().filter(|id| truth.contains_key(*id)).count() as f64;
    let tp = truth.iter().filter(|(id, t)| **t && found.contains(*id)).count() as f64;
    let expected_precision = tp / found_replies;
    let expected_recall = tp / truth.values().filter(|t| **t).count() as f64;
    let report =
        ws.json(&["calibrate", all.with_extension("coded.csv").to_str().unwrap(), "--json"]);
    let lm = &report["measures"][0];
    assert_eq!(lm["measure"], "learning_moment");
    assert_eq!(lm["coded"], 253);
    assert!((lm["precision"].as_f64().unwrap() - expected_precision).abs() < 1e-9, "{lm}");
    assert!((lm["recall"].as_f64().unwrap() - expected_recall).abs() < 1e-9, "{lm}");
    // uptake and acts, against what the ConvoKit export says per utterance
    let export = ws.dir.path().join("export");
    ws.ok(&["export", "convokit", export.to_str().unwrap()]);
    let mut scores = Vec::new();
    let mut hand = Vec::new();
    let (mut q_tp, mut q_predicted) = (0.0, 0.0);
    for line in std::fs::read_to_string(export.join("utterances.jsonl")).unwrap().lines() {
        let u: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some((_, uptake, acts)) = codes.get(u["meta"]["native_id"].as_str().unwrap()) else {
            continue;
        };
        if let Some(score) = u["meta"]["uptake"].as_f64() {
            scores.push(score);
            hand.push(uptake.parse::<f64>().unwrap());
        }
        if u["meta"]["acts"].as_array().unwrap().iter().any(|a| a == "question") {
            q_predicted += 1.0;
            if acts.split(';').any(|a| a == "question") {
                q_tp += 1.0;
            }
        }
    }
    let rho = relate_analysis::calibrate::spearman(&scores, &hand).unwrap();
    let measure = |name: &str| {
        report["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["measure"] == name)
            .unwrap()
            .clone()
    };
    // the export rounds scores to 3 decimals: the ranks may differ in the last tie
    assert!((measure("uptake")["spearman"].as_f64().unwrap() - rho).abs() < 0.01, "{rho}");
    assert_eq!(measure("uptake")["coded"], 253);
    let question = measure("act: question");
    assert!(
        (question["precision"].as_f64().unwrap() - q_tp / q_predicted).abs() < 1e-9,
        "{question}"
    );
    let text = ws.ok(&["calibrate", all.with_extension("coded.csv").to_str().unwrap()]).stdout;
    assert!(text.contains("learning_moment          253"), "{text}");
    assert!(text.contains("act: disagreement"), "{text}");
}

#[test]
fn forget_removes_a_person_from_the_database_and_from_later_imports() {
    let ws = demo();
    let her_words = "Gesamtschule Lindenau-Nord"; // from her comment 301 in demo/museum-blog.xml
    assert!(common::contains(&common::database_bytes(&ws.db), her_words));
    // not in a terminal: refuses without --yes
    let run = ws.relate(&["forget", "Maria Schulte-Brandt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    let before = ws.json(&["stats", "--json"]);
    let run = ws.ok(&["forget", "Maria Schulte-Brandt", "--yes"]);
    // her comments on the blog: 301, 308, 324 and 342 (grep demo/museum-blog.xml)
    assert!(run.stderr.contains("1 account, 4 items"), "{}", run.stderr);
    let after = ws.json(&["stats", "--json"]);
    assert_eq!(after["participants"], before["participants"].as_i64().unwrap() - 1);
    assert_eq!(the(&ws.json(&["report", "--json"]), "participants"), 17);
    // gone from the file itself, not only unlinked (secure_delete, log checkpointed)
    assert!(!common::contains(&common::database_bytes(&ws.db), her_words));
    // importing the same export again leaves her out
    let blog = ws.dir.path().join("demo/museum-blog.xml");
    let run = ws.ok(&["import", blog.to_str().unwrap()]);
    assert!(
        run.stderr.contains("4 items by people you asked relate to forget left out"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.json(&["stats", "--json"])["participants"], after["participants"]);
    assert!(!common::contains(&common::database_bytes(&ws.db), her_words));
}
