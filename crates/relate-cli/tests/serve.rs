//! `relate serve` end to end: the binary on a free port, spoken to over HTTP/1.1 with a few
//! lines of `std::net`. What a browser makes of the pages is tested in
//! tests-browser/serve.test.mjs.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use common::{Workspace, repo};

/// A running `relate serve`, stopped when dropped.
struct Serve {
    child: Child,
    /// `127.0.0.1:PORT`
    addr: String,
}

impl Serve {
    fn start(ws: &Workspace, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_relate"))
            .arg("--db")
            .arg(ws.db())
            .args(["serve", "--port", "0"])
            .args(args)
            .env_remove("RELATE_SERVE_TOKEN")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start relate serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        // the one line on stdout is the URL, printed once the dashboard is ready
        let addr = line
            .trim()
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("not a URL: {line:?}"))
            .replace("0.0.0.0", "127.0.0.1");
        Serve { child, addr }
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target, &[])
    }

    fn request(&self, method: &str, target: &str, headers: &[&str]) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        let mut head = format!("{method} {target} HTTP/1.1\r\n");
        // the address we connected to, unless the test names another host
        if !headers.iter().any(|h| h.to_ascii_lowercase().starts_with("host:")) {
            head.push_str(&format!("Host: {}\r\n", self.addr));
        }
        for h in headers {
            head.push_str(h);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).expect("UTF-8 response");
        let (head, body) = raw.split_once("\r\n\r\n").expect("a header block");
        let mut lines = head.lines();
        let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        Reply { status, headers, body: body.to_string() }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn ok(self, what: &str) -> Reply {
        assert_eq!(self.status, 200, "{what}: {}", &self.body[..self.body.len().min(2000)]);
        self
    }
}

fn demo() -> Workspace {
    let mut ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    ws.ok(&["demo", "--dir", dir.to_str().unwrap()]);
    ws.db = dir.join("relate.db");
    ws
}

#[test]
fn the_demo_dashboard_shows_the_reports_numbers_each_linked_to_its_items() {
    let ws = demo();
    let server = Serve::start(&ws, &[]);
    let home = server.get("/").ok("overview");
    let csp = home.header("content-security-policy").expect("a CSP header");
    assert!(csp.starts_with("default-src 'none'; style-src 'sha256-"), "{csp}");
    assert!(csp.contains("form-action 'self'") && csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("script"), "{csp}");
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(home.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(home.header("x-frame-options"), Some("DENY"));
    assert!(!home.body.contains("<script"));
    // demo/EXPECTED.md: 18 participants, 8 conversations; the museum writes mostly German
    assert!(home.body.contains("<html lang=\"de\">"));
    assert!(home.body.contains("<a class=\"num\" href=\"/items?ev=participants\">18</a>"));
    assert!(home.body.contains("<a class=\"num\" href=\"/items?ev=conversations\">8</a>"));
    assert!(!home.body.contains("href=\"#ev-"), "a number still points into the page");

    let people = server.get("/items?ev=participants").ok("participants");
    assert_eq!(people.body.matches("<li class=\"ev-person\">").count(), 18);
    assert!(people.body.contains("Maria Schulte-Brandt"));
    let threads = server.get("/items?ev=conversations").ok("conversations");
    assert_eq!(threads.body.matches("<li class=\"ev-item\">").count(), 8);

    for path in ["/learned", "/people", "/threads", "/concepts", "/sources", "/waiting", "/method"]
    {
        let page = server.get(path).ok(path);
        assert!(page.body.starts_with("<!DOCTYPE html>"), "{path}");
    }
    let english = Serve::start(&ws, &["--lang", "en"]);
    assert!(english.get("/").ok("en").body.contains("What we learned"));
}

#[test]
fn people_threads_and_search_lead_to_the_items() {
    let ws = demo();
    let server = Serve::start(&ws, &["--lang", "en"]);
    let people = server.get("/people?sort=name").ok("people");
    let first = people.body.find("href=\"/person/").expect("a link to a person");
    let id: String = people.body[first + 14..].chars().take_while(|c| c.is_ascii_digit()).collect();
    let person = server.get(&format!("/person/{id}")).ok("person");
    assert!(person.body.contains("Timeline"));
    assert!(person.body.matches("<li class=\"ev-item\">").count() >= 1);

    let threads = server.get("/threads").ok("threads");
    // the threads `relate threads` lists (stitched ones once), two links each
    let listed = ws.ok(&["threads"]).stdout.lines().count();
    assert_eq!(threads.body.matches("href=\"/thread/").count(), 2 * listed);
    let at = threads.body.find("href=\"/thread/").unwrap();
    let id: String = threads.body[at + 14..].chars().take_while(|c| c.is_ascii_digit()).collect();
    let thread = server.get(&format!("/thread/{id}")).ok("thread");
    assert!(thread.body.contains("class=\"badge platform\""));

    let found = server.get("/search?q=schulte-BRANDT").ok("search");
    assert!(found.body.contains("Maria Schulte-Brandt"));
    let none = server.get("/search?q=zzzqqq").ok("search");
    assert!(none.body.contains("Nothing found."));
}

#[test]
fn filters_narrow_the_items_behind_a_number() {
    let ws = demo();
    let server = Serve::start(&ws, &["--lang", "en"]);
    let rows = |target: &str| server.get(target).ok(target).body.matches("class=\"ev-item").count();
    let all = rows("/items?ev=comments");
    let blog = rows("/items?ev=comments&platform=wordpress");
    let mastodon = rows("/items?ev=comments&platform=convokit");
    assert!(blog > 0 && mastodon > 0, "both platforms have comments: {blog}, {mastodon}");
    assert_eq!(blog + mastodon, all.min(50), "the demo's comments fit on one page");
    let early = rows("/items?ev=comments&until=2026-02-28");
    let late = rows("/items?ev=comments&since=2026-03-01");
    assert_eq!(early + late, all);
    assert_eq!(rows("/items?ev=comments&person=Maria%20Schulte-Brandt&since=2030-01-01"), 0);
}

#[test]
fn wrong_requests_get_their_status_and_nothing_else() {
    let ws = demo();
    let server = Serve::start(&ws, &[]);
    for target in [
        "/nope",
        "/person/99999",
        "/person/-1",
        "/person/1x",
        "/thread/abc",
        "/items?ev=zzz",
        "/items",
    ] {
        assert_eq!(server.get(target).status, 404, "{target}");
    }
    assert_eq!(server.get("/people?since=someday").status, 400);
    assert_eq!(server.get("/items?ev=participants&page=x").status, 400);
    let post = server.request("POST", "/", &["Content-Length: 0"]);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
    // numbers too large for their type: the last page, or a refusal, never a dead worker
    for _ in 0..6 {
        server.get("/learned?page=18446744073709551615").ok("a page far past the end");
        assert_eq!(server.get("/learned?since=999999999999999d").status, 400);
    }
    // another site's name for this machine (DNS rebinding) is not let in without a token
    let rebound = server.request("GET", "/", &["Host: evil.example:8470"]);
    assert_eq!(rebound.status, 421);
    assert!(!rebound.body.contains("Maria"), "a refusal shows nothing of the data");
    server.request("GET", "/", &["Host: localhost:8470"]).ok("localhost");
    let head = server.request("HEAD", "/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(head.header("content-length").is_some_and(|n| n.parse::<usize>().unwrap() > 1000));
}

#[test]
fn serving_never_writes_to_the_database() {
    let ws = demo();
    // the database and its write-ahead log, byte for byte (SQLite's shared-memory index
    // is not data)
    let wal = ws.db().with_extension("db-wal");
    let snapshot = || (std::fs::read(ws.db()).unwrap(), std::fs::read(&wal).unwrap_or_default());
    let before = snapshot();
    {
        let server = Serve::start(&ws, &[]);
        server.get("/").ok("overview");
        server.get("/search?q=museum").ok("search");
    }
    assert!(before == snapshot(), "serving changed the database");
}

#[test]
fn another_address_needs_a_token_and_every_request_carries_it() {
    let ws = demo();
    let refused = ws.relate(&["serve", "--port", "0", "--addr", "0.0.0.0"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--token"), "{}", refused.stderr);
    let short = ws.relate(&["serve", "--port", "0", "--token", "short"]);
    assert_eq!(short.code, 2);

    let token = "s3cret-token-0123456789";
    let server = Serve::start(&ws, &["--addr", "0.0.0.0", "--token", token]);
    let denied = server.get("/");
    assert_eq!(denied.status, 401);
    assert!(!denied.body.contains("Maria"), "a refusal shows nothing of the data");
    assert_eq!(server.get("/people").status, 401);
    assert_eq!(
        server.request("GET", "/", &["Authorization: Bearer wrong-token-0123456789"]).status,
        401
    );
    let bearer = format!("Authorization: Bearer {token}");
    server.request("GET", "/people", &[&bearer]).ok("bearer");
    // the scheme's name is case-insensitive (RFC 9110)
    server.request("GET", "/people", &[&format!("Authorization: bearer {token}")]).ok("bearer");
    // behind a token, any host name may be used (a name on the network)
    server.request("GET", "/", &[&bearer, "Host: dashboard.example"]).ok("another host name");
    // the redirect that drops the token stays on this site
    let away = server.get(&format!("//evil.example/?token={token}"));
    assert_eq!((away.status, away.header("location")), (303, Some("/")));

    // the token in the address once: a cookie, and the address without it
    let login = server.get(&format!("/people?sort=name&token={token}"));
    assert_eq!(login.status, 303);
    assert_eq!(login.header("location"), Some("/people?sort=name"));
    let cookie = login.header("set-cookie").unwrap();
    // Lax, so that the token link works when opened from a mail (another site)
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let pair = cookie.split(';').next().unwrap();
    server.request("GET", "/people", &[&format!("Cookie: {pair}")]).ok("cookie");
    assert_eq!(server.get("/?token=wrong-token-0123456789").status, 401);
}

#[test]
fn payloads_in_an_import_reach_the_pages_as_text() {
    let ws = Workspace::new();
    let xss = repo().join("fixtures/xss");
    ws.ok(&["import", xss.join("payloads.csv").to_str().unwrap()]);
    ws.ok(&["import", xss.join("audience.csv").to_str().unwrap()]);
    ws.ok(&["owner", "add", "csv:museum"]);
    let server = Serve::start(&ws, &["--lang", "en"]);
    for target in [
        "/",
        "/people",
        "/threads",
        "/thread/0",
        "/waiting",
        "/items?ev=participants",
        "/search?q=script",
        "/search?q=%3Cscript%3E",
    ] {
        let page = server.get(target);
        assert!(page.status == 200, "{target}: {}", page.status);
        assert!(!page.body.contains("<script"), "{target} has a script element");
        assert!(!page.body.contains("<img"), "{target} has an img element");
        assert!(!page.body.contains("href=\"javascript:"), "{target} links to javascript:");
        assert!(!page.body.contains(" onmouseover=\""), "{target} has an event handler");
    }
    let people = server.get("/items?ev=participants").body;
    assert!(
        people.contains(
            "&lt;script&gt;window.__relateXss='name';alert('name')&lt;/script&gt;Mallory"
        )
    );
}

#[test]
fn demo_serve_ends_with_the_dashboards_url() {
    let ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    let mut child = Command::new(env!("CARGO_BIN_EXE_relate"))
        .args(["demo", "--dir", dir.to_str().unwrap(), "--serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start relate demo --serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines
        .by_ref()
        .map(|l| l.unwrap())
        .find(|l| l.starts_with("http://127.0.0.1:"))
        .expect("the dashboard's URL");
    let server =
        Serve { child, addr: url.trim_start_matches("http://").trim_end_matches('/').into() };
    let home = server.get("/").ok("overview");
    assert!(home.body.contains("<a class=\"num\" href=\"/items?ev=participants\">18</a>"));
}
