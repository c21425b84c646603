//! `relate sources`: the links, DOIs and named works shared, who shared and picked them up, and how our
//! own links are framed. `relate sources check` asks the web whether the links still lead
//! somewhere: the only network access in relate, and only when that subcommand runs.
//!
//! Check results are printed, not stored: they describe the web on the day of the check, not
//! the export, and the database holds only what exports and the user said (every measure is
//! recomputed from it). Run the check again to see the state of another day.

// without the network, the verdicts are still built and tested, just not used
#![cfg_attr(not(feature = "check-links"), allow(dead_code))]

use std::path::Path;

use clap::Subcommand;

use super::show::analyse;
use super::{print, print_json};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// One JSON object: sources, owner_shares, owner_curation.
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    command: Option<SourcesCommand>,
}

#[derive(Subcommand)]
pub(crate) enum SourcesCommand {
    /// Ask each distinct link (HEAD, else GET, following redirects) whether it still works
    /// and where it leads now. Contacts the links' hosts; nothing else in relate does.
    Check {
        /// Seconds to wait for one link.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
        /// Check at most this many links (in order of first sharing).
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn run(db: &Path, args: Args, include_restricted: bool) -> anyhow::Result<()> {
    let (corpus, analyses) = analyse(db, include_restricted)?;
    match args.command {
        None if args.json => print_json(&relate_report::sources::list_json(&corpus, &analyses)),
        None => print(&relate_report::sources::list_text(&corpus, &analyses)),
        Some(SourcesCommand::Check { timeout, limit, json }) => {
            let mut urls: Vec<String> = Vec::new();
            for s in &analyses.sources.sources {
                if s.kind != relate_analysis::sources::SourceKind::Work && !urls.contains(&s.url) {
                    urls.push(s.url.clone());
                }
            }
            urls.truncate(limit.unwrap_or(usize::MAX));
            check::run(&urls, timeout, json)
        }
    }
}

/// What became of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Verdict {
    /// Answers with a success status on the same host.
    Ok,
    /// A 4xx or 5xx status, or no answer (unknown host, refused, timeout, redirect loop).
    Dead,
    /// Now leads to another host (host and port): moved, or taken over.
    Elsewhere,
    /// A shortener or DOI that leads to its target, as it should.
    Resolved,
}

#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Checked {
    pub(crate) url: String,
    pub(crate) status: Option<u16>,
    pub(crate) final_url: Option<String>,
    pub(crate) error: Option<String>,
    pub(crate) verdict: Verdict,
}

/// The host and port of a URL, `www.` dropped: two URLs on one site have the same.
fn site(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    // an explicit port only: http -> https on one host is the same site, not a move
    Some(match parsed.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

/// The verdict on a link from what the request gave.
pub(crate) fn verdict(url: &str, status: Option<u16>, final_url: Option<&str>) -> Verdict {
    match (status, final_url) {
        (Some(s), Some(end)) if s < 400 => {
            if site(url) == site(end) {
                Verdict::Ok
            } else if redirects_by_design(url) {
                Verdict::Resolved
            } else {
                Verdict::Elsewhere
            }
        }
        _ => Verdict::Dead,
    }
}

fn redirects_by_design(url: &str) -> bool {
    let host = site(url).unwrap_or_default();
    let host = host.split(':').next().unwrap_or("");
    relate_analysis::sources::is_shortener(host) || matches!(host, "doi.org" | "dx.doi.org")
}

#[cfg(feature = "check-links")]
mod check {
    use std::time::Duration;

    use ureq::ResponseExt;

    use super::{Checked, print, print_json, verdict};

    pub(crate) struct Checker {
        agent: ureq::Agent,
    }

    impl Checker {
        /// `env_proxy`: honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl does.
        pub(crate) fn new(timeout: u64, env_proxy: bool) -> Self {
            let config = ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(timeout.max(1))))
                .http_status_as_error(false)
                .max_redirects(10)
                .user_agent(concat!("relate-sources-check/", env!("CARGO_PKG_VERSION")))
                .proxy(if env_proxy { ureq::Proxy::try_from_env() } else { None })
                .build();
            Checker { agent: config.into() }
        }

        /// HEAD, then GET when HEAD fails or is refused (some servers answer HEAD with 4xx).
        pub(crate) fn check(&self, url: &str) -> Checked {
            let head = self.agent.head(url).call();
            let answer = match head {
                Ok(r) if r.status().as_u16() < 400 => Ok(r),
                _ => self.agent.get(url).call(),
            };
            let (status, final_url, error) = match answer {
                Ok(r) => (Some(r.status().as_u16()), Some(r.get_uri().to_string()), None),
                Err(e) => (None, None, Some(e.to_string())),
            };
            Checked {
                url: url.to_string(),
                verdict: verdict(url, status, final_url.as_deref()),
                status,
                final_url,
                error,
            }
        }
    }

    pub(super) fn run(urls: &[String], timeout: u64, json: bool) -> anyhow::Result<()> {
        let mut hosts: Vec<String> = urls.iter().filter_map(|u| super::site(u)).collect();
        hosts.sort_unstable();
        hosts.dedup();
        eprintln!(
            "relate sources check: contacting {} hosts for {} links; nothing else in relate uses the network",
            hosts.len(),
            urls.len()
        );
        let checker = Checker::new(timeout, true);
        let mut results = Vec::new();
        for url in urls {
            let c = checker.check(url);
            if !json {
                print(&line(&c))?;
            }
            results.push(c);
        }
        if json {
            return print_json(&serde_json::to_value(&results)?);
        }
        let count = |v| results.iter().filter(|c| c.verdict == v).count();
        use super::Verdict as V;
        print(&format!(
            "{} links: {} ok, {} dead, {} lead elsewhere, {} resolved (shorteners and DOIs)\n",
            results.len(),
            count(V::Ok),
            count(V::Dead),
            count(V::Elsewhere),
            count(V::Resolved)
        ))
    }

    fn line(c: &Checked) -> String {
        let what = match (c.status, &c.error) {
            (Some(s), _) => s.to_string(),
            (None, Some(e)) => e.clone(),
            (None, None) => String::new(),
        };
        let to = match (&c.final_url, c.verdict) {
            (Some(end), super::Verdict::Elsewhere | super::Verdict::Resolved) => {
                format!(" -> {end}")
            }
            _ => String::new(),
        };
        let verdict = serde_json::to_value(c.verdict)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        format!("  {verdict:<10}{} ({what}){to}\n", c.url)
    }

    #[cfg(test)]
    mod tests {
        use std::io::{BufRead, BufReader, Write};
        use std::net::TcpListener;

        use super::super::Verdict;
        use super::Checker;

        /// A server on 127.0.0.1 answering by hand; returns its base URL.
        fn serve(answer: impl Fn(&str, &str, &str) -> String + Send + 'static) -> String {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
            let me = base.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else { continue };
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut request = String::new();
                    let _ = reader.read_line(&mut request);
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                            break;
                        }
                    }
                    let mut parts = request.split_whitespace();
                    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                    let _ = stream.write_all(answer(method, path, &me).as_bytes());
                }
            });
            base
        }

        fn status(code: &str, extra: &str) -> String {
            format!("HTTP/1.1 {code}\r\nContent-Length: 0\r\nConnection: close\r\n{extra}\r\n")
        }

        #[test]
        fn live_dead_moved_and_resolved_links() {
            // the redirect target of /away is another server (another port): elsewhere
            let other = serve(|_, _, _| status("200 OK", ""));
            let target = format!("Location: {other}/landing\r\n");
            let base = serve(move |method, path, me| match (method, path) {
                (_, "/ok") => status("200 OK", ""),
                (_, "/gone") => status("404 Not Found", ""),
                (_, "/moved") => status("301 Moved Permanently", &format!("Location: {me}/ok\r\n")),
                (_, "/away") => status("301 Moved Permanently", &target),
                ("HEAD", "/nohead") => status("405 Method Not Allowed", ""),
                ("GET", "/nohead") => status("200 OK", ""),
                _ => status("500 Internal Server Error", ""),
            });
            // a port nobody listens on
            let closed = {
                let l = TcpListener::bind("127.0.0.1:0").unwrap();
                format!("http://127.0.0.1:{}/x", l.local_addr().unwrap().port())
            };
            let checker = Checker::new(5, false);
            let got: Vec<(String, Option<u16>, Verdict)> =
                ["/ok", "/gone", "/moved", "/away", "/nohead", "/boom"]
                    .iter()
                    .map(|p| format!("{base}{p}"))
                    .chain([closed])
                    .map(|u| {
                        let c = checker.check(&u);
                        (u.rsplit('/').next().unwrap().to_string(), c.status, c.verdict)
                    })
                    .collect();
            assert_eq!(
                got,
                vec![
                    ("ok".to_string(), Some(200), Verdict::Ok),
                    ("gone".to_string(), Some(404), Verdict::Dead),
                    ("moved".to_string(), Some(200), Verdict::Ok),
                    ("away".to_string(), Some(200), Verdict::Elsewhere),
                    ("nohead".to_string(), Some(200), Verdict::Ok),
                    ("boom".to_string(), Some(500), Verdict::Dead),
                    ("x".to_string(), None, Verdict::Dead),
                ]
            );
            let away = checker.check(&format!("{base}/away"));
            assert_eq!(away.final_url.as_deref(), Some(format!("{other}/landing").as_str()));
        }
    }
}

#[cfg(not(feature = "check-links"))]
mod check {
    pub(super) fn run(_urls: &[String], _timeout: u64, _json: bool) -> anyhow::Result<()> {
        anyhow::bail!("this relate was built without the `check-links` feature: no link checks")
    }
}

#[cfg(test)]
mod tests {
    use super::{Verdict, verdict};

    #[test]
    fn verdicts() {
        let v = |u, s, e| verdict(u, s, e);
        assert_eq!(
            v("https://a.example/x", Some(200), Some("https://www.a.example/y")),
            Verdict::Ok
        );
        assert_eq!(
            v("https://a.example/x", Some(200), Some("https://b.example/")),
            Verdict::Elsewhere
        );
        assert_eq!(
            v("https://bit.ly/abc", Some(200), Some("https://b.example/")),
            Verdict::Resolved
        );
        assert_eq!(
            v("https://doi.org/10.5555/1", Some(200), Some("https://pub.example/")),
            Verdict::Resolved
        );
        // a site that moved to https is the same site
        assert_eq!(v("http://a.example/x", Some(200), Some("https://a.example/x")), Verdict::Ok);
        // another port on one host is another site (local test servers rely on it)
        assert_eq!(
            v("http://127.0.0.1:8001/x", Some(200), Some("http://127.0.0.1:8002/x")),
            Verdict::Elsewhere
        );
        assert_eq!(v("https://a.example/x", Some(410), Some("https://a.example/x")), Verdict::Dead);
        assert_eq!(v("https://a.example/x", None, None), Verdict::Dead);
    }
}
