//! `relate report --html FILE` and the demo's report end to end. What a browser makes of the
//! page (links, clicks, payloads staying inert) is tested in tests-browser/.

mod common;

use common::{Workspace, fixture};

#[test]
fn the_demo_ends_with_the_path_of_its_html_report() {
    let ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    let run = ws.ok(&["demo", "--dir", dir.to_str().unwrap()]);
    let last = run.stdout.trim_end().lines().last().unwrap();
    let expected = std::path::absolute(dir.join("report.html")).unwrap();
    assert_eq!(last, expected.display().to_string(), "{}", run.stdout);
    let page = std::fs::read_to_string(&expected).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    // the museum writes mostly German, so the report does too
    assert!(page.contains("<html lang=\"de\">"), "{}", &page[..200]);
    // demo/EXPECTED.md: 18 participants, 8 conversations, each a link to its evidence
    assert!(page.contains("<a class=\"num\" href=\"#ev-participants\">18</a>"));
    assert!(page.contains("<a class=\"num\" href=\"#ev-conversations\">8</a>"));
    assert!(page.contains("id=\"ev-participants\""));
}

#[test]
fn report_html_writes_the_file_and_prints_its_path() {
    let ws = Workspace::new();
    ws.ok(&["import", &fixture("csv/comma.csv")]);
    ws.ok(&["owner", "add", "csv:museum"]);
    let out = ws.dir.path().join("report.html");
    let run = ws.ok(&["report", "--html", out.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(run.stdout.trim(), std::path::absolute(&out).unwrap().display().to_string());
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("<html lang=\"en\">") && page.contains("What we learned"));
    assert!(page.contains("Content-Security-Policy"));
    assert!(!page.contains("<script"));
    let german = ws.dir.path().join("bericht.html");
    ws.ok(&["report", "--html", german.to_str().unwrap(), "--lang", "de"]);
    assert!(std::fs::read_to_string(&german).unwrap().contains("Was wir gelernt haben"));
}

#[test]
fn lang_needs_html_and_html_excludes_json() {
    let ws = Workspace::new();
    ws.ok(&["import", &fixture("csv/comma.csv")]);
    assert_eq!(ws.relate(&["report", "--lang", "en"]).code, 2);
    assert_eq!(ws.relate(&["report", "--json", "--html", "x.html"]).code, 2);
    assert_eq!(ws.relate(&["report", "--html", "x.html", "--lang", "fr"]).code, 2);
    assert!(!ws.dir.path().join("x.html").exists());
}

#[test]
fn the_xss_fixture_reaches_the_page_only_as_text() {
    let ws = Workspace::new();
    ws.ok(&["import", &fixture("xss/payloads.csv")]);
    ws.ok(&["import", &fixture("xss/audience.csv")]);
    ws.ok(&["owner", "add", "csv:museum"]);
    let out = ws.dir.path().join("xss.html");
    ws.ok(&["report", "--html", out.to_str().unwrap()]);
    let page = std::fs::read_to_string(&out).unwrap();
    let body = &page[page.find("<body>").unwrap()..];
    for raw in ["<script", "<img", "<svg onload", "<b onmouseover", "<iframe", "href=\"javascript:"]
    {
        assert!(!body.contains(raw), "{raw} reached the page");
    }
    // as text: Mallory's name, the decoded entity in Eve's comment, the audience metric
    assert!(
        body.contains(
            "&lt;script&gt;window.__relateXss='name';alert('name')&lt;/script&gt;Mallory"
        )
    );
    assert!(body.contains("&lt;script&gt;window.__relateXss='entity'"));
    assert!(body.contains("&lt;script&gt;window.__relatexss='metric'"), "the metric, lowercased");
}
