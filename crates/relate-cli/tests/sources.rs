//! `relate sources` on the bundled demo: the sources counted by hand in demo/EXPECTED.md
//! ("Sources shared by non-owners"), plus the owner's three announcement toots that link to
//! their own blog posts (`self`).

mod common;

use common::{Workspace, the};

fn demo() -> Workspace {
    let mut ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    ws.ok(&["demo", "--dir", dir.to_str().unwrap()]);
    ws.db = dir.join("relate.db");
    ws
}

#[test]
fn demo_sources_match_the_hand_counts() {
    let ws = demo();
    let list = ws.json(&["sources", "--json"]);
    let sources = the(&list, "sources").as_array().unwrap();
    let rows: Vec<(String, String, String, bool)> = sources
        .iter()
        .map(|s| {
            (
                s["kind"].as_str().unwrap().to_string(),
                s["url"].as_str().unwrap().to_string(),
                s["item"]["id"].as_str().unwrap().to_string(),
                s["reported_broken"].as_bool().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("doi", "https://doi.org/10.5555/12345678", "310", false),
        (
            "self",
            "https://stadtmuseum-lindenau.example/2026/01/was-von-heute-bleibt-sammeln-der-gegenwart/",
            "m1-1",
            false,
        ),
        (
            "self",
            "https://stadtmuseum-lindenau.example/2026/02/mitmachen-im-museum-stadtteilraum/",
            "318",
            true,
        ),
        (
            "web",
            "https://museumsverband-nord.example/publikationen/handreichung-beteiligung-2025.pdf",
            "320",
            false,
        ),
        (
            "web",
            "https://oralhistory-lab.example/guides/interview-consent-checklist.pdf",
            "329",
            false,
        ),
        (
            "self",
            "https://stadtmuseum-lindenau.example/2026/03/lindenau-voices-textile-mills/",
            "m2-1",
            false,
        ),
        ("web", "https://museumsjournal.example/2025/11/ten-minutes-one-object/", "m2-2", false),
        ("web", "https://glam-education.example/notes/looking-exercises.pdf", "m2-5", false),
        (
            "self",
            "https://stadtmuseum-lindenau.example/2026/03/erstes-oral-history-cafe/",
            "m3-1",
            false,
        ),
        (
            "web",
            "https://inklusion-im-museum.example/artikel/ruhige-besuchszeiten-erfahrungen",
            "339",
            false,
        ),
    ];
    let expected: Vec<(String, String, String, bool)> = expected
        .iter()
        .map(|(k, u, i, b)| (k.to_string(), u.to_string(), i.to_string(), *b))
        .collect();
    assert_eq!(rows, expected);
    // nobody shared a source again or answered naming it; the owner only announced its posts
    assert!(sources.iter().all(|s| s["picked_up_by"].as_array().unwrap().is_empty()));
    assert!(the(&list, "owner_shares").as_array().unwrap().is_empty());

    let report = ws.json(&["report", "--json"]);
    let block = &report["sources"];
    assert_eq!(block["distinct"], 10);
    assert_eq!(block["by_kind"]["web"], 5);
    assert_eq!(block["by_kind"]["doi"], 1);
    assert_eq!(block["by_kind"]["self"], 4);
    assert_eq!(block["by_kind"]["shortener"], 0);
    assert_eq!(block["reported_broken"], 1);
    assert_eq!(block["top"].as_array().unwrap().len(), 5);
    assert_eq!(block["top"][0]["shared_by"], "Sofia Marchetti");
    for c in ["bare", "framed", "related"] {
        assert_eq!(block["owner_curation"][c], 0, "{c}");
    }

    let text = ws.ok(&["sources"]).stdout;
    assert!(text.contains("[doi] https://doi.org/10.5555/12345678"), "{text}");
    assert!(text.contains("shared by Sabine Krüger (wordpress 318"), "{text}");
    assert!(text.contains("(reported broken)"), "{text}");
    let report = ws.ok(&["report"]);
    assert!(report.stdout.contains("(5 web, 1 doi, 4 self)"), "{}", report.stdout);
}

#[test]
fn only_the_check_announces_network_access() {
    let ws = demo();
    for args in [&["report"][..], &["sources"], &["sources", "--json"]] {
        let run = ws.ok(args);
        assert!(!run.stderr.contains("contacting"), "{args:?}: {}", run.stderr);
    }
    // --limit 0: the notice, and no link asked
    let run = ws.ok(&["sources", "check", "--limit", "0"]);
    assert!(
        run.stderr.contains(
            "relate sources check: contacting 0 hosts for 0 links; nothing else in relate uses the network"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("0 links: 0 ok, 0 dead"), "{}", run.stdout);
}
