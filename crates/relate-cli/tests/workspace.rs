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
    assert_eq!(stats["audience_snapshots"], 6, "{stats}");
    let report = ws.json(&["report", "--json"]);
    let figures = report["audience"]["figures"].as_array().unwrap();
    let line = |platform: &str, metric: &str| {
        figures
            .iter()
            .find(|f| f["platform"] == platform && f["metric"] == metric)
            .map(|f| (f["value"].as_i64().unwrap(), f["first_value"].as_i64()))
    };
    assert_eq!(line("mastodon", "followers"), Some((1204, Some(1150))));
    assert_eq!(line("blog", "page_views"), Some((4975, Some(4210))));
    assert_eq!(line("facebook", "fans"), Some((1847, Some(1830))));
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
