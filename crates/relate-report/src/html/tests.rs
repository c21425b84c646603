use relate_analysis::ledger;
use relate_model::corpus::testing::corpus_from_text;

use super::*;

/// A museum's blog post in German with answers, a question left waiting, a learning moment
/// and a spam comment.
const THREAD: &str = "owner Stadtmuseum
    == ausstellung url=https://museum.example/2026/depot platform=wordpress Offenes Depot
    #1 Stadtmuseum: Am Samstag öffnen wir das Depot für alle, die neugierig sind.
    #2 Ben -> #1: Ihr könntet die Objektbiografien der Stücke gleich mit erzählen, das wäre schön.
    #3 Stadtmuseum -> #2: @Ben: Darauf bin ich gar nicht gekommen, die Objektbiografien nehmen wir auf.
    #4 Carla -> #1: Ist das Depot für Rollstühle zugänglich?
    #5 Spammer -> #1 [spam]: billige Uhren hier";

fn render(corpus: &Corpus, lang: Lang) -> String {
    let analyses = relate_analysis::run(corpus);
    let ledger = ledger::compute(corpus, &analyses, Default::default());
    let waiting = relate_analysis::response::waiting(corpus, &analyses.response, |_| true);
    report(corpus, &analyses, &Inputs { lang, ledger: &ledger, waiting: &waiting })
}

/// Every `href="#ev-…"` with the number of `ev-item` rows of its target section.
fn links_and_rows(page: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for part in page.split("href=\"#ev-").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        let start = page
            .find(&format!("id=\"ev-{id}\""))
            .unwrap_or_else(|| panic!("no evidence section ev-{id}"));
        let section = &page[start..];
        let section = &section[..section.find("</section>").unwrap()];
        out.push((id.to_string(), section.matches("class=\"ev-item").count()));
    }
    out
}

#[test]
fn every_number_links_to_a_section_that_lists_items() {
    let page = render(&corpus_from_text(THREAD), Lang::En);
    let links = links_and_rows(&page);
    let ids: Vec<&str> = links.iter().map(|(id, _)| id.as_str()).collect();
    for expected in
        ["conversations", "participants", "reciprocal", "answered", "comments", "waiting"]
    {
        assert!(ids.contains(&expected), "no link to ev-{expected} in {ids:?}");
    }
    for (id, rows) in &links {
        assert!(*rows > 0, "ev-{id} lists no item");
    }
    // 1 of 2 comments answered: the answered count, the whole and the share are three links
    assert!(page.contains(">1</a> of <a class=\"num\" href=\"#ev-comments\">2</a>"), "{page}");
    assert!(page.contains(">50%</a>"));
}

#[test]
fn a_zero_is_not_a_link() {
    let page = render(&corpus_from_text(THREAD), Lang::En);
    // nobody quoted us, so the count of quoted moments has nothing behind it
    assert!(page.contains("<span class=\"num zero\">0</span> quoted"), "{page}");
    assert!(!page.contains("href=\"#ev-learn-quoted\""));
    assert!(!page.contains("id=\"ev-learn-quoted\""));
}

#[test]
fn evidence_of_the_answered_comment_names_our_answer_and_the_waiting_one_none() {
    let page = render(&corpus_from_text(THREAD), Lang::En);
    let start = page.find("id=\"ev-comments\"").unwrap();
    let section = &page[start..start + page[start..].find("</section>").unwrap()];
    assert!(section.contains("Ihr könntet die Objektbiografien"), "{section}");
    assert!(section.contains("answered by <span class=\"name\">Stadtmuseum</span>"), "{section}");
    assert!(section.contains("Ist das Depot für Rollstühle zugänglich?"));
    assert!(section.contains("no answer from us"));
    // the conversation's page: the test format's accounts are not WordPress's
    assert!(
        section.contains("href=\"https://museum.example/2026/depot\" rel=\"noopener noreferrer\"")
    );
}

#[test]
fn spam_is_counted_but_never_shown() {
    let page = render(&corpus_from_text(THREAD), Lang::En);
    assert!(page.contains("href=\"#ev-excluded-spam\""));
    assert!(!page.contains("billige Uhren"), "spam text must not be shown");
    assert!(!page.contains("Spammer"), "the author of a hidden item must not be shown");
}

const PAYLOADS: &str = "owner <b>Us</b>
    == x url=javascript:window.__relateXss=1 platform=wordpress <script>window.__relateXss=1</script>
    #1 <b>Us</b>: Hello <img src=x onerror=window.__relateXss=1>
    #2 \"onmouseover=alert(1) -> #1: Look https://evil.example/?q=\"><script>window.__relateXss=1</script>
    #3 <svg/onload=window.__relateXss=1> -> #1: <iframe srcdoc=\"<script>window.__relateXss=1</script>\"></iframe>";

#[test]
fn names_texts_titles_and_urls_are_escaped() {
    let page = render(&corpus_from_text(PAYLOADS), Lang::En);
    let body = &page[page.find("<body>").unwrap()..];
    for tag in ["<script", "<img", "<iframe", "<svg/", "<b>"] {
        assert!(!body.contains(tag), "{tag} reached the page unescaped");
    }
    assert!(!page.contains("\"onmouseover"), "an attribute was broken out of");
    assert!(body.contains("&lt;img src=x onerror=window.__relateXss=1&gt;"));
    assert!(body.contains("&lt;script&gt;window.__relateXss=1&lt;/script&gt;"));
    // (`_` in a name is a space in the test format, hence alert)
    assert!(body.contains("&quot;onmouseover=alert(1)"));
    assert!(!page.contains("href=\"javascript:"), "a javascript: URL became a link");
    // the one script-free page: no script element at all, and a policy that forbids them
    assert!(!page.contains("<script"));
}

#[test]
fn only_http_and_https_urls_become_links() {
    assert_eq!(safe_url(" https://a.example/x "), Some("https://a.example/x"));
    assert_eq!(safe_url("HTTP://a.example"), Some("HTTP://a.example"));
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "https://a.example/\nx",
        "//evil.example",
        "http:",
    ] {
        assert_eq!(safe_url(bad), None, "{bad:?}");
    }
}

#[test]
fn the_policy_allows_no_script_and_the_style_sheet_by_its_hash() {
    let page = render(&corpus_from_text(THREAD), Lang::En);
    let csp = content_security_policy();
    assert!(csp.starts_with("default-src 'none'; "), "{csp}");
    assert!(!csp.contains("script-src") && !csp.contains("unsafe"), "{csp}");
    let digest = Sha256::digest(STYLE.as_bytes());
    assert!(csp.contains(&format!("style-src 'sha256-{}'", base64(&digest))));
    assert!(page.contains(&format!("content=\"{csp}\"")));
    // the meta element comes before anything it governs
    assert!(page.find("Content-Security-Policy").unwrap() < page.find("<style>").unwrap());
    // the hashed text is the style element's text, byte for byte
    assert!(page.contains(&format!("<style>{STYLE}</style>")));
}

#[test]
fn base64_of_the_rfc_4648_test_vectors() {
    let cases = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")];
    for (plain, encoded) in cases {
        assert_eq!(base64(plain.as_bytes()), encoded);
    }
}

#[test]
fn german_and_english() {
    let corpus = corpus_from_text(THREAD);
    let de = render(&corpus, Lang::De);
    let en = render(&corpus, Lang::En);
    assert!(de.contains("<html lang=\"de\">") && de.contains("Was wir gelernt haben"));
    assert!(en.contains("<html lang=\"en\">") && en.contains("What we learned"));
    assert!(de.contains(">50 %</a>") && en.contains(">50%</a>"));
    // the owner writes German here
    assert_eq!(default_lang(&corpus), Lang::De);
    let english = corpus_from_text(
        "owner Museum
         #1 Museum: We are opening the depot on Saturday for everyone who is curious.
         #2 Ben -> #1: Will there be a guided tour of the storage rooms?",
    );
    assert_eq!(default_lang(&english), Lang::En);
}

#[test]
fn numbers_in_each_language() {
    let corpus = corpus_from_text(THREAD);
    let analyses = relate_analysis::run(&corpus);
    let ledger = ledger::compute(&corpus, &analyses, Default::default());
    for (lang, big, hours, days) in
        [(Lang::De, "1.234.567", "2,5 h", "3,0 Tage"), (Lang::En, "1,234,567", "2.5 h", "3.0 days")]
    {
        let inputs = Inputs { lang, ledger: &ledger, waiting: &[] };
        let page = Page {
            links: Links::Anchors,
            corpus: &corpus,
            analyses: &analyses,
            inputs: &inputs,
            t: lang.strings(),
            evidence: RefCell::new(Evidence::default()),
            authored: OnceCell::new(),
        };
        assert_eq!(page.int(1_234_567), big);
        assert_eq!(page.int(999), "999");
        assert_eq!(page.signed(-1000), format!("−1{}000", lang.strings().thousands));
        assert_eq!(page.duration(9000), hours);
        assert_eq!(page.duration(3 * 86_400), days);
        assert_eq!(page.duration(600), "10 min");
    }
}

#[test]
fn the_month_bars_link_to_their_items() {
    // comments in two months: a bar for each, with the month's items behind it
    let corpus = corpus_from_text(
        "owner Anna
         #1 Anna: Ein Beitrag über das Depot und seine Schätze.
         #2 Ben -> #1: Wann ist das Depot geöffnet?
         #900 Carl -> #1: Ich war da, sehr schön.",
    );
    let page = render(&corpus, Lang::En);
    assert!(page.contains("href=\"#ev-m-comments-1970-01\""), "{page}");
    assert!(page.contains("href=\"#ev-m-comments-1970-02\""));
    let links = links_and_rows(&page);
    let february = links.iter().find(|(id, _)| id == "m-comments-1970-02").unwrap();
    assert_eq!(february.1, 1);
}

#[test]
fn every_number_on_the_dashboard_has_a_page_of_items() {
    let corpus = corpus_from_text(THREAD);
    let analyses = relate_analysis::run(&corpus);
    let ledger = ledger::compute(&corpus, &analyses, Default::default());
    let waiting = relate_analysis::response::waiting(&corpus, &analyses.response, |_| true);
    let inputs = Inputs { lang: Lang::En, ledger: &ledger, waiting: &waiting };
    let dashboard = dashboard::Dashboard::new(&corpus, &analyses, inputs);
    let overview = dashboard.overview();
    assert!(!overview.contains("href=\"#ev-"), "a number still points into the page");
    let ids: Vec<&str> = overview
        .split("href=\"/items?ev=")
        .skip(1)
        .map(|part| &part[..part.find('"').unwrap()])
        .collect();
    assert!(ids.len() >= 5, "{ids:?}");
    for id in ids {
        let query =
            dashboard::Query::parse([("ev", id.to_string())], 0).expect("a query of our own");
        let page = dashboard.items(&query).unwrap_or_else(|| panic!("no page for {id}"));
        assert!(page.contains("class=\"ev-item"), "/items?ev={id} lists no item");
    }
    let unknown = dashboard::Query::parse([("ev", "nope".to_string())], 0).unwrap();
    assert!(dashboard.items(&unknown).is_none());
    // the report itself still links within the file
    assert!(render(&corpus, Lang::En).contains("href=\"#ev-participants\""));
}

#[test]
fn audience_figures_dated_outside_the_items_months_get_no_bar() {
    // an archive's follower count is dated the day it was made, often after the last item
    let mut corpus = corpus_from_text(
        "owner Anna
         #1 Anna: Ein Beitrag über das Depot und seine Schätze.
         #2 Ben -> #1: Wann ist das Depot geöffnet?",
    );
    for (at, value) in [(-86_400 * 40, 10), (86_400 * 400, 12)] {
        corpus.audience.push(relate_model::AudienceSnapshot {
            platform: "mastodon".into(),
            account: None,
            item: None,
            metric: "followers".into(),
            value,
            at: Some(at),
        });
    }
    let page = render(&corpus, Lang::En);
    assert!(page.contains("href=\"#ev-m-comments-1970-01\""), "{page}");
    assert!(!page.contains("1971-02\""), "a bar for a month without items");
    assert!(!page.contains("1969-11\""), "a bar for a month without items");
}
