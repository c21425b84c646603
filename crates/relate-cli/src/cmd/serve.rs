//! `relate serve`: the dashboard (`relate_report::html::dashboard`) over HTTP on this machine.
//!
//! A small synchronous HTTP/1.1 server on `std::net`, no framework: it answers `GET` and
//! `HEAD` for a dozen paths with pages rendered from memory, one request per connection, from
//! a few worker threads that share the listener. That is all a read-only local dashboard
//! needs, and it adds no dependency (ARCHITECTURE.md says why not axum).
//!
//! **Invariants.** The database is opened read-only and only at start: the corpus is loaded
//! and analysed once, so pages show the database as it was then. It binds 127.0.0.1 unless
//! told otherwise, and any other address requires a token (`--token` or RELATE_SERVE_TOKEN),
//! which every request must then carry (`Authorization: Bearer`, or the cookie `/?token=`
//! sets). Every response carries the report's Content-Security-Policy (no script) and
//! `nosniff`, `no-referrer` and `DENY` framing headers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use relate_report::html::dashboard::{Dashboard, Query};
use relate_report::html::{Inputs, Lang};

use super::show::HtmlLang;

/// The request line and headers may take this many bytes; a browser's are far smaller.
const MAX_HEAD: u64 = 16 * 1024;
/// How long a connection may take to send its request, or to take our answer.
const IO_TIMEOUT: Duration = Duration::from_secs(10);
const COOKIE: &str = "relate_token";

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The port (0: any free one). The URL is printed when the dashboard is ready.
    #[arg(long, default_value_t = 8470)]
    pub(crate) port: u16,
    /// The address to listen on. Anything but a loopback address (127.0.0.1, ::1) requires
    /// --token: the dashboard shows other people's words.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub(crate) addr: IpAddr,
    /// A secret every request must carry: open /?token=SECRET once (it sets a cookie) or send
    /// `Authorization: Bearer SECRET`. At least 16 letters, digits, `-._~`.
    #[arg(long, env = "RELATE_SERVE_TOKEN", hide_env_values = true)]
    pub(crate) token: Option<String>,
    /// The dashboard's language (default: the one most of our items are written in).
    #[arg(long, value_enum)]
    pub(crate) lang: Option<HtmlLang>,
    /// Threads answering requests.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub(crate) threads: u16,
}

impl Args {
    /// Loopback on `port`, no token: what `relate demo --serve` uses.
    pub(crate) fn local(port: u16) -> Args {
        Args { port, addr: IpAddr::V4(Ipv4Addr::LOCALHOST), token: None, lang: None, threads: 4 }
    }
}

pub(crate) fn run(db: &Path, args: &Args, include_restricted: bool) -> anyhow::Result<()> {
    if let Some(token) = &args.token {
        // what a cookie and a URL carry unchanged
        let plain = token.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
        if token.len() < 16 || !plain {
            anyhow::bail!(
                "--token must have at least 16 characters, letters, digits and - . _ ~ only"
            );
        }
    }
    if !args.addr.is_loopback() && args.token.is_none() {
        anyhow::bail!(
            "--addr {} is reachable from other machines: set a token with --token or RELATE_SERVE_TOKEN",
            args.addr
        );
    }
    // bind before the long load, so a port in use is said at once
    let listener = TcpListener::bind(SocketAddr::new(args.addr, args.port))
        .with_context(|| format!("cannot listen on {}:{}", args.addr, args.port))?;
    let started = std::time::Instant::now();
    let store = super::open_existing(db).and_then(|_| {
        relate_store::Store::open_read_only(db)
            .with_context(|| format!("opening {} read-only", db.display()))
    })?;
    let (corpus, analyses) =
        super::show::analyse_store(store, include_restricted, relate_analysis::Options::REPORT)?;
    let ledger = relate_analysis::ledger::compute(&corpus, &analyses, Default::default());
    let waiting = relate_analysis::response::waiting(&corpus, &analyses.response, |_| true);
    let lang = match args.lang {
        Some(HtmlLang::De) => Lang::De,
        Some(HtmlLang::En) => Lang::En,
        None => relate_report::html::default_lang(&corpus),
    };
    let dashboard =
        Dashboard::new(&corpus, &analyses, Inputs { lang, ledger: &ledger, waiting: &waiting });
    let server = Server {
        dashboard,
        lang,
        token: args.token.clone(),
        csp: relate_report::html::dashboard::content_security_policy(),
        now: relate_analysis::ledger::latest_public(&corpus).unwrap_or(0),
    };
    let bound = listener.local_addr()?;
    eprintln!(
        "Loaded {} items in {:.1} s; the dashboard shows the database as it is now (restart to refresh). Ctrl-C stops it.",
        corpus.items.len(),
        started.elapsed().as_secs_f64()
    );
    // stdout: the URL alone, for scripts and tests
    let host = match bound.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    super::print(&format!("http://{host}:{}/\n", bound.port()))?;
    std::thread::scope(|scope| {
        for _ in 0..args.threads {
            scope.spawn(|| {
                loop {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            // a client that went away is its own business; a bug met by one
                            // request costs that request, not a worker
                            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                server.handle(stream)
                            }));
                        }
                        Err(e) => {
                            // out of file descriptors, say: wait rather than spin
                            eprintln!("relate serve: accept failed: {e}");
                            std::thread::sleep(Duration::from_millis(100));
                        }
                    }
                }
            });
        }
    });
    Ok(())
}

struct Server<'a> {
    dashboard: Dashboard<'a>,
    lang: Lang,
    token: Option<String>,
    csp: String,
    /// The latest item's time: what `since=7d` counts back from.
    now: i64,
}

struct Response {
    status: &'static str,
    body: String,
    extra: Vec<(&'static str, String)>,
}

impl Response {
    fn page(status: &'static str, body: String) -> Response {
        Response { status, body, extra: Vec::new() }
    }
}

impl Server<'_> {
    fn handle(&self, stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(IO_TIMEOUT))?;
        stream.set_write_timeout(Some(IO_TIMEOUT))?;
        // the whole head within IO_TIMEOUT, not each read: a client sending a line every few
        // seconds would otherwise hold a worker for hours
        let deadline = std::time::Instant::now() + IO_TIMEOUT;
        let remaining = |stream: &TcpStream| -> std::io::Result<()> {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            stream.set_read_timeout(Some(left))
        };
        let mut reader = BufReader::new((&stream).take(MAX_HEAD));
        let mut request_line = String::new();
        reader.read_line(&mut request_line)?;
        let mut headers = Vec::new();
        let complete = loop {
            remaining(&stream)?;
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                break false; // closed, or the head is longer than MAX_HEAD
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break true;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        };
        let mut parts = request_line.split_ascii_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let head = method == "HEAD";
        let response = if !complete {
            Response::page("431 Request Header Fields Too Large", String::new())
        } else {
            self.respond(method, target, &headers)
        };
        write(&stream, &response, head, &self.csp)
    }

    fn respond(&self, method: &str, target: &str, headers: &[(String, String)]) -> Response {
        let d = &self.dashboard;
        if method != "GET" && method != "HEAD" {
            let mut r = Response::page("405 Method Not Allowed", String::new());
            r.extra.push(("Allow", "GET, HEAD".into()));
            return r;
        }
        if !target.starts_with('/') {
            return Response::page("400 Bad Request", d.bad_request("not a path"));
        }
        // without a token the dashboard trusts that only this machine reaches it; a page
        // elsewhere that points its own name at 127.0.0.1 (DNS rebinding) must not read it
        if self.token.is_none() && !local_host(headers) {
            return Response::page("421 Misdirected Request", d.bad_request("not this machine"));
        }
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if let Some(token) = &self.token {
            let given = pairs.iter().find(|(k, _)| k == "token").map(|(_, v)| v.as_str());
            if let Some(given) = given {
                if !same(given, token) {
                    return Response::page("401 Unauthorized", Dashboard::unauthorized(self.lang));
                }
                // the token leaves the address bar (and the history) for a cookie
                let rest: Vec<String> = (pairs.iter())
                    .filter(|(k, _)| k != "token")
                    .map(|(k, v)| {
                        url::form_urlencoded::Serializer::new(String::new())
                            .append_pair(k, v)
                            .finish()
                    })
                    .collect();
                // "//host/" and "/\\host" would leave for another site
                let path =
                    if path.starts_with("//") || path.starts_with("/\\") { "/" } else { path };
                let location = if rest.is_empty() {
                    path.to_string()
                } else {
                    format!("{path}?{}", rest.join("&"))
                };
                let mut r = Response::page("303 See Other", String::new());
                r.extra.push(("Location", location));
                r.extra.push((
                    "Set-Cookie",
                    // Lax: the token link is opened from a mail or a chat, another site
                    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax"),
                ));
                return r;
            }
            if !authorized(headers, token) {
                let mut r = Response::page("401 Unauthorized", Dashboard::unauthorized(self.lang));
                r.extra.push(("WWW-Authenticate", "Bearer".into()));
                return r;
            }
        }
        let query = match Query::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())), self.now)
        {
            Ok(q) => q,
            Err(message) => return Response::page("400 Bad Request", d.bad_request(&message)),
        };
        let found = match path {
            "/" => Some(d.overview()),
            "/learned" => Some(d.learned(&query)),
            "/people" => Some(d.people(&query)),
            "/threads" => Some(d.threads(&query)),
            "/concepts" => Some(d.concepts()),
            "/sources" => Some(d.sources()),
            "/waiting" => Some(d.waiting(&query)),
            "/method" => Some(d.method()),
            "/search" => Some(d.search(&query)),
            "/items" => d.items(&query),
            _ => {
                if let Some(id) = path.strip_prefix("/person/").and_then(index) {
                    d.person(id, &query)
                } else if let Some(id) = path.strip_prefix("/thread/").and_then(index) {
                    d.thread(id)
                } else {
                    None
                }
            }
        };
        match found {
            Some(page) => Response::page("200 OK", page),
            None => Response::page("404 Not Found", d.not_found()),
        }
    }
}

/// An index in a path: digits only (no sign, no spaces), fitting a `u32`.
fn index(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 10 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Whether the request carries the token, as a bearer token or in our cookie.
fn authorized(headers: &[(String, String)], token: &str) -> bool {
    headers.iter().any(|(name, value)| match name.as_str() {
        "authorization" => value.split_once(' ').is_some_and(|(scheme, v)| {
            scheme.eq_ignore_ascii_case("bearer") && same(v.trim(), token)
        }),
        "cookie" => value
            .split(';')
            .any(|c| c.trim().split_once('=').is_some_and(|(k, v)| k == COOKIE && same(v, token))),
        _ => false,
    })
}

/// Whether the request names this machine as its host (`localhost`, `127.0.0.1`, `[::1]`,
/// any port).
fn local_host(headers: &[(String, String)]) -> bool {
    let Some((_, host)) = headers.iter().find(|(name, _)| name == "host") else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host.as_str(), |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Compares in time independent of where the strings differ, so the token cannot be guessed
/// a byte at a time from response times.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn write(mut stream: &TcpStream, r: &Response, head: bool, csp: &str) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Content-Security-Policy: {csp}\r\nX-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\nCache-Control: no-store\r\n\
         Connection: close\r\n",
        r.status,
        r.body.len()
    );
    for (name, value) in &r.extra {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if !head {
        stream.write_all(r.body.as_bytes())?;
    }
    stream.flush()?;
    // half-close, then let the client finish reading: closing with unread request bytes
    // would reset the connection and could lose the response
    let _ = stream.shutdown(std::net::Shutdown::Write);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_numbers() {
        assert_eq!(index("12"), Some(12));
        for bad in ["", "+1", "-1", "1 ", "1e3", "99999999999", "4294967296", "%31"] {
            assert_eq!(index(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_token_comes_as_bearer_or_cookie_only() {
        let t = "0123456789abcdef";
        let h = |n: &str, v: &str| vec![(n.to_string(), v.to_string())];
        assert!(authorized(&h("authorization", "Bearer 0123456789abcdef"), t));
        assert!(authorized(&h("cookie", "a=b; relate_token=0123456789abcdef"), t));
        assert!(!authorized(&h("authorization", "Bearer 0123456789abcdeX"), t));
        assert!(!authorized(&h("cookie", "relate_token=0123456789abcde"), t));
        assert!(!authorized(&h("x-token", t), t));
        assert!(!authorized(&[], t));
    }
}
