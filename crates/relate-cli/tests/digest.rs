//! `relate digest` end to end: the demo's digest for a fixed period in each format (the
//! answers are demo/EXPECTED.md's, counted by hand), and the mail as an SMTP server started
//! here, on this machine, receives it.
//!
//! The period is 2026-04-07 up to 2026-04-23 (exclusive). In it, by EXPECTED.md: two learning
//! moments are taken up (Katrin Albers' „stille Stunde“ in 340 on 04-07; Timo Brenner's
//! „Sprechstunde für Erbstücke“, written in 316 on 02-17, in the toot m4-1 on 04-14); four
//! comments are still waiting, oldest first 316, m2-4, 341 (a question) and 345; Herbert Klose
//! (341) and schulte_brandt@kultur.social (m4-2) are met for the first time, Anja Petersen
//! comes back (347 on 04-22, 98 days after 303); Katrin Albers shares one link (339); and
//! there are 3 posts (106, m4-1, 107) and 14 comments and replies (339–349 without the
//! pingback 343, m4-2 to m4-5).

mod common;

use std::process::Command;

use common::{Run, Workspace};

const PERIOD: [&str; 4] = ["--since", "2026-04-07", "--until", "2026-04-23"];

/// A workspace holding the bundled demo.
fn demo() -> Workspace {
    let mut ws = Workspace::new();
    let dir = ws.dir.path().join("demo");
    ws.ok(&["demo", "--dir", dir.to_str().unwrap()]);
    ws.db = dir.join("relate.db");
    ws
}

/// Runs relate with `env` as the only mail settings from the environment: the machine's own
/// RELATE_SMTP_* must not reach the test's runs.
fn relate_with_env(ws: &Workspace, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_relate"));
    command.arg("--db").arg(ws.db()).args(args).current_dir(ws.dir.path());
    for name in [
        "RELATE_DB",
        "RELATE_SMTP_HOST",
        "RELATE_SMTP_PORT",
        "RELATE_SMTP_USER",
        "RELATE_SMTP_PASSWORD",
        "RELATE_MAIL_FROM",
    ] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let out = command.output().expect("run relate");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn the_demo_digest_in_text_names_what_we_learned_who_waits_and_who_is_new() {
    let ws = demo();
    let run = relate_with_env(&ws, &[&["digest"], &PERIOD[..]].concat(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // most of the museum's own items are German: the digest is too
    assert_eq!(lines[0], "Was habe ich gelernt? 2026-04-07 bis 2026-04-22");
    let expected = [
        "Gelernt:",
        "- „stille Stunde“ von Katrin Albers (wordpress, 2026-04-07), mit Dank aufgegriffen von Lena Vogt",
        "  https://stadtmuseum-lindenau.example/2026/04/lange-nacht-der-museen-2026/#comment-339",
        "- „Sprechstunde für Erbstücke“ von Timo Brenner (wordpress, 2026-02-17), aufgegriffen von stadtmuseum am 2026-04-14",
        "Wartet auf Antwort (4, die ältesten zuerst):",
        "  und noch 1: relate waiting",
        "Menschen: neu: Herbert Klose, schulte_brandt@kultur.social; wieder da: Anja Petersen",
        "Geteilte Quellen: https://inklusion-im-museum.example/artikel/ruhige-besuchszeiten-erfahrungen (Katrin Albers)",
        // demo/audience.csv's numbers dated in the period
        "Daneben: 3 Beiträge, 14 Kommentare, 0 Likes, 0 Boosts; Seitenaufrufe 3977 (blog); Fans 2321 (facebook); Follower 768 (mastodon); Abonnenten 1259 (newsletter).",
    ];
    for line in expected {
        assert!(lines.contains(&line), "no line {line:?} in\n{}", run.stdout);
    }
    // the evidence: the sentence in which Katrin Albers brought the idea in
    assert!(
        run.stdout.contains("\n  „Einige Museen bieten inzwischen zu Beginn eine „stille Stunde“ an: gedimmtes Licht, keine Durchsagen, eine begrenzte Zahl von Gästen.“\n"),
        "{}",
        run.stdout
    );
    // who waits, oldest first: 316, m2-4, 341 (asking); 345 is the one more
    let waiting: Vec<&str> = lines
        .iter()
        .skip_while(|l| !l.starts_with("Wartet"))
        .filter(|l| l.starts_with("- "))
        .take(3)
        .copied()
        .collect();
    assert!(
        waiting[0].starts_with("- Timo Brenner, 2026-02-17 (wordpress): „Ich glaube"),
        "{waiting:?}"
    );
    assert!(
        waiting[1].starts_with("- lucia_romano@mastodon.example, 2026-03-05 (convokit): „Boosted!"),
        "{waiting:?}"
    );
    assert!(
        waiting[2]
            .starts_with("- Herbert Klose, 2026-04-08 (wordpress, eine Frage): „Ist das Museum"),
        "{waiting:?}"
    );
    assert!(!run.stdout.contains("Jonas Reuter, 2026-04-10"), "{}", run.stdout);
}

#[test]
fn the_demo_digest_in_english_markdown_and_html() {
    let ws = demo();
    let md = relate_with_env(
        &ws,
        &[&["digest", "--lang", "en", "--format", "md"], &PERIOD[..]].concat(),
        &[],
    );
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout.starts_with("## What did I learn? 2026-04-07 to 2026-04-22\n\n**Learned**\n\n"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("- “stille Stunde” from Katrin Albers ([wordpress, 2026-04-07](https://stadtmuseum-lindenau.example/2026/04/lange-nacht-der-museen-2026/#comment-339)), taken up with thanks by Lena Vogt\n  > Einige Museen"),
        "{}",
        md.stdout
    );
    // a handle's underscore is a character, not emphasis
    assert!(
        md.stdout.contains(
            "new: Herbert Klose, schulte\\_brandt@kultur.social; back after a while: Anja Petersen"
        ),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("\n*Beside it: 3 posts, 14 comments, 0 likes, 0 reposts; page views 3977 (blog); fans 2321 (facebook); followers 768 (mastodon); subscribers 1259 (newsletter).*\n"),
        "{}",
        md.stdout
    );

    let html = relate_with_env(
        &ws,
        &[&["digest", "--lang", "en", "--format", "html"], &PERIOD[..]].concat(),
        &[],
    );
    assert_eq!(html.code, 0, "{}", html.stderr);
    let page = &html.stdout;
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{page}");
    assert!(page.contains("<title>What did I learn? 2026-04-07 to 2026-04-22</title>"), "{page}");
    assert!(page.contains("<h2 style=\"font-size:1.05em;margin-bottom:.3em\">Waiting for an answer (4, oldest first)</h2>"), "{page}");
    // Lucia's apostrophe is escaped like everything others wrote
    assert!(page.contains("I&#39;ll forward this to him."), "{page}");
    assert!(!page.contains("I'll"), "{page}");
    assert!(
        !page.contains("src=") && !page.contains("<link") && !page.contains("<script"),
        "{page}"
    );
}

#[test]
fn an_empty_period_is_one_friendly_line() {
    let ws = demo();
    let run = relate_with_env(
        &ws,
        &["digest", "--since", "2025-12-01", "--until", "2025-12-08", "--lang", "en"],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Nothing new (2025-12-01 to 2025-12-07): no posts, comments or likes. A quiet time.\n"
    );
    // the default period is the last day, long after the demo's last item: say so
    let run = relate_with_env(&ws, &["digest", "--lang", "de"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Der neueste Eintrag ist vom 2026-04-22: Zeit für einen frischen Export?"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bad_period_is_an_error() {
    let ws = demo();
    let run = relate_with_env(&ws, &["digest", "--since", "gestern"], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--since \"gestern\" is not a date"), "{}", run.stderr);
    let run =
        relate_with_env(&ws, &["digest", "--since", "2026-04-10", "--until", "2026-04-01"], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the period is empty"), "{}", run.stderr);
}

/// Sending needs the `mail` feature (on by default).
#[cfg(feature = "mail")]
mod mail {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    // ---- a small SMTP server (RFC 5321's minimal dialogue), on loopback, one session ----

    /// What the server saw in one session.
    #[derive(Debug, Default)]
    struct Session {
        hello: String,
        auth: Option<String>,
        mail_from: String,
        rcpt_to: Vec<String>,
        /// The message as sent after DATA, dot-stuffing undone.
        data: String,
    }

    struct SmtpServer {
        port: u16,
        session: mpsc::Receiver<Session>,
    }

    impl SmtpServer {
        /// Serves one connection; RCPT is answered with `rcpt_reply` (a line with its code).
        fn start(rcpt_reply: &'static str) -> SmtpServer {
            let listener = TcpListener::bind("127.0.0.1:0").expect("a port on loopback");
            let port = listener.local_addr().unwrap().port();
            let (tx, session) = mpsc::channel();
            std::thread::spawn(move || {
                if let Ok((stream, _)) = listener.accept() {
                    let _ = tx.send(serve(stream, rcpt_reply));
                }
            });
            SmtpServer { port, session }
        }

        fn received(&self) -> Session {
            self.session
                .recv_timeout(Duration::from_secs(60))
                .expect("an SMTP session within a minute")
        }
    }

    fn serve(stream: TcpStream, rcpt_reply: &str) -> Session {
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut out = stream;
        let mut session = Session::default();
        let mut say = |text: &str| out.write_all(text.as_bytes()).expect("write to the client");
        say("220 digest-test.localhost ESMTP ready\r\n");
        let mut read_line = || {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => None,
                Ok(_) => Some(line.trim_end_matches(['\r', '\n']).to_string()),
            }
        };
        while let Some(line) = read_line() {
            let upper = line.to_ascii_uppercase();
            if upper.starts_with("EHLO ") {
                session.hello = line[5..].to_string();
                say(
                    "250-digest-test.localhost\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 10485760\r\n",
                );
            } else if upper.starts_with("HELO ") {
                session.hello = line[5..].to_string();
                say("250 digest-test.localhost\r\n");
            } else if upper.starts_with("AUTH PLAIN") {
                let initial = line[10..].trim().to_string();
                let credentials = if initial.is_empty() {
                    say("334 \r\n");
                    read_line().unwrap_or_default()
                } else {
                    initial
                };
                session.auth = Some(credentials);
                say("235 2.7.0 Authentication successful\r\n");
            } else if upper.starts_with("MAIL FROM:") {
                session.mail_from = line[10..].to_string();
                say("250 2.1.0 Ok\r\n");
            } else if upper.starts_with("RCPT TO:") {
                session.rcpt_to.push(line[8..].to_string());
                say(rcpt_reply);
            } else if upper == "DATA" {
                say("354 End data with <CR><LF>.<CR><LF>\r\n");
                while let Some(data_line) = read_line() {
                    if data_line == "." {
                        break;
                    }
                    let unstuffed = data_line.strip_prefix('.').unwrap_or(&data_line);
                    session.data.push_str(unstuffed);
                    session.data.push('\n');
                }
                say("250 2.0.0 Ok: queued as 4711\r\n");
            } else if upper == "QUIT" {
                say("221 2.0.0 Bye\r\n");
                break;
            } else if upper == "RSET" || upper == "NOOP" {
                say("250 2.0.0 Ok\r\n");
            } else {
                say("502 5.5.2 Error: command not recognized\r\n");
            }
        }
        session
    }

    // ---- reading the mail: headers, MIME parts, transfer encodings ----

    /// The headers (unfolded, names lowercase) and the body of a message or a MIME part.
    fn split_headers(message: &str) -> (Vec<(String, String)>, String) {
        let (head, body) = message.split_once("\n\n").unwrap_or((message, ""));
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
        (headers, body.to_string())
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
        headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The parts of a multipart message: (content type, body decoded to text).
    fn parts(message: &str) -> Vec<(String, String)> {
        let (headers, body) = split_headers(message);
        let content_type = header(&headers, "content-type").expect("a content type");
        let boundary = content_type
            .split(';')
            .find_map(|p| p.trim().strip_prefix("boundary="))
            .expect("a boundary")
            .trim_matches('"');
        body.split(&format!("--{boundary}"))
            .skip(1)
            .filter(|part| !part.starts_with("--"))
            .map(|part| {
                let (headers, body) = split_headers(part.trim_start_matches('\n'));
                let kind = header(&headers, "content-type").unwrap_or("text/plain").to_string();
                let decoded = match header(&headers, "content-transfer-encoding") {
                    Some(e) if e.eq_ignore_ascii_case("base64") => base64(&body),
                    Some(e) if e.eq_ignore_ascii_case("quoted-printable") => {
                        quoted_printable(&body)
                    }
                    _ => body,
                };
                (kind, decoded)
            })
            .collect()
    }

    fn base64(text: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bytes = Vec::new();
        let (mut buffer, mut bits) = (0u32, 0);
        for c in text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
            let value = ALPHABET.iter().position(|&a| a == c).expect("a base64 character") as u32;
            buffer = buffer << 6 | value;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                bytes.push((buffer >> bits) as u8);
                buffer &= (1 << bits) - 1;
            }
        }
        String::from_utf8(bytes).expect("UTF-8 text")
    }

    fn quoted_printable(text: &str) -> String {
        let joined = text.replace("=\n", "");
        let mut bytes = Vec::new();
        let mut rest = joined.as_bytes();
        while let Some((&b, tail)) = rest.split_first() {
            if b == b'=' && tail.len() >= 2 {
                let hex = std::str::from_utf8(&tail[..2]).unwrap();
                bytes.push(u8::from_str_radix(hex, 16).expect("=XX"));
                rest = &tail[2..];
            } else {
                bytes.push(b);
                rest = tail;
            }
        }
        String::from_utf8(bytes).expect("UTF-8 text")
    }

    /// The values of `<wp:FIELD>` in the demo's export: what the privacy test looks for.
    fn demo_values(ws: &Workspace, field: &str) -> Vec<String> {
        let xml = std::fs::read_to_string(ws.dir.path().join("demo/museum-blog.xml")).unwrap();
        xml.split(&format!("<wp:{field}>"))
            .skip(1)
            .map(|chunk| {
                let value = chunk.split("</").next().unwrap();
                value.trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim().to_string()
            })
            .filter(|v| !v.is_empty())
            .collect()
    }

    #[test]
    fn the_digest_arrives_at_a_local_smtp_server() {
        let ws = demo();
        let server = SmtpServer::start("250 2.1.5 Ok\r\n");
        let port = server.port.to_string();
        let run = relate_with_env(
            &ws,
            &[
                &["digest", "--mail-to", "leitung@stadtmuseum-lindenau.example"][..],
                &["--smtp-host", "127.0.0.1", "--smtp-port", &port],
                &PERIOD[..],
            ]
            .concat(),
            &[("RELATE_MAIL_FROM", "digest@stadtmuseum-lindenau.example")],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(
            run.stdout,
            format!(
                "Sent the digest to leitung@stadtmuseum-lindenau.example via 127.0.0.1:{port} (plain).\n"
            )
        );
        let session = server.received();
        assert!(!session.hello.is_empty());
        // no login was configured: none was tried
        assert_eq!(session.auth, None);
        assert_eq!(session.mail_from, "<digest@stadtmuseum-lindenau.example>");
        assert_eq!(session.rcpt_to, vec!["<leitung@stadtmuseum-lindenau.example>"]);

        let (headers, _) = split_headers(&session.data);
        assert_eq!(
            header(&headers, "subject"),
            Some("Was habe ich gelernt? 2026-04-07 bis 2026-04-22")
        );
        assert_eq!(header(&headers, "to"), Some("leitung@stadtmuseum-lindenau.example"));
        assert_eq!(header(&headers, "from"), Some("relate <digest@stadtmuseum-lindenau.example>"));
        assert!(header(&headers, "content-type").unwrap().starts_with("multipart/alternative"));
        assert!(
            header(&headers, "message-id")
                .is_some_and(|id| id.starts_with('<') && id.contains('@'))
        );
        let parts = parts(&session.data);
        assert_eq!(parts.len(), 2, "{parts:?}");
        let (text_type, text) = &parts[0];
        let (html_type, html) = &parts[1];
        assert!(text_type.starts_with("text/plain"), "{text_type}");
        assert!(html_type.starts_with("text/html"), "{html_type}");
        // the learning moment, in both parts, and the rest of the digest around it
        for body in [text, html] {
            assert!(body.contains("„stille Stunde“ von Katrin Albers"), "{body}");
            assert!(body.contains("gedimmtes Licht, keine Durchsagen"), "{body}");
            assert!(body.contains("Herbert Klose"), "{body}");
        }
        assert!(text.starts_with("Was habe ich gelernt? 2026-04-07 bis 2026-04-22\n"), "{text}");
        assert!(html.contains("<a href=\"https://stadtmuseum-lindenau.example/2026/04/lange-nacht-der-museen-2026/#comment-339\""), "{html}");

        // nobody's e-mail address or IP from the export is in the mail, in any encoding
        let mut checked = 0;
        for field in ["comment_author_email", "comment_author_IP"] {
            for value in demo_values(&ws, field) {
                checked += 1;
                for haystack in [&session.data, text, html] {
                    assert!(
                        !haystack.to_lowercase().contains(&value.to_lowercase()),
                        "{field} {value:?} is in the mail"
                    );
                }
            }
        }
        assert!(checked > 40, "only {checked} values checked");
    }

    #[test]
    fn a_login_from_the_environment_is_used() {
        let ws = demo();
        let server = SmtpServer::start("250 2.1.5 Ok\r\n");
        let port = server.port.to_string();
        let run =
            relate_with_env(
                &ws,
                &[
                    &[
                        "digest",
                        "--mail-to",
                        "leitung@stadtmuseum-lindenau.example",
                        "--lang",
                        "en",
                    ][..],
                    &PERIOD[..],
                ]
                .concat(),
                &[
                    ("RELATE_SMTP_HOST", "localhost"),
                    ("RELATE_SMTP_PORT", &port),
                    ("RELATE_SMTP_USER", "lena"),
                    ("RELATE_SMTP_PASSWORD", "Erbstücke-2026"),
                ],
            );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let session = server.received();
        // AUTH PLAIN: base64 of NUL, user, NUL, password; the server offered no STARTTLS, and on
        // this machine that is allowed
        assert_eq!(session.auth.as_deref().map(base64), Some("\0lena\0Erbstücke-2026".to_string()));
        // no sender given: the digest comes from the address it goes to
        assert_eq!(session.mail_from, "<leitung@stadtmuseum-lindenau.example>");
        let (headers, _) = split_headers(&session.data);
        assert_eq!(header(&headers, "subject"), Some("What did I learn? 2026-04-07 to 2026-04-22"));
    }

    #[test]
    fn bad_mail_settings_are_errors() {
        let ws = demo();
        let run = relate_with_env(&ws, &["digest", "--mail-to", "nicht-adresse"], &[]);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("--mail-to \"nicht-adresse\" is not an e-mail address"),
            "{}",
            run.stderr
        );
        let run = relate_with_env(
            &ws,
            &["digest", "--mail-to", "a@b.example"],
            &[("RELATE_SMTP_PASSWORD", "geheim")],
        );
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("RELATE_SMTP_PASSWORD is set but no user"), "{}", run.stderr);
    }

    #[test]
    fn a_refused_recipient_or_no_server_names_the_server_and_the_step() {
        let ws = demo();
        let server = SmtpServer::start(
            "550 5.1.1 <leitung@stadtmuseum-lindenau.example>: Recipient address rejected\r\n",
        );
        let port = server.port.to_string();
        let args = [
            &[
                "digest",
                "--mail-to",
                "leitung@stadtmuseum-lindenau.example",
                "--smtp-host",
                "127.0.0.1",
            ][..],
            &["--smtp-port", &port],
            &PERIOD[..],
        ]
        .concat();
        let run = relate_with_env(&ws, &args, &[]);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(
            run.stderr.contains(&format!(
                "the SMTP server 127.0.0.1:{port} refused the recipient leitung@stadtmuseum-lindenau.example"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("Recipient address rejected"), "{}", run.stderr);
        assert!(server.received().data.is_empty());

        // a port nobody listens on: bound, then let go
        let closed =
            TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port().to_string();
        let args = [
            &[
                "digest",
                "--mail-to",
                "leitung@stadtmuseum-lindenau.example",
                "--smtp-host",
                "127.0.0.1",
            ][..],
            &["--smtp-port", &closed],
            &PERIOD[..],
        ]
        .concat();
        let run = relate_with_env(&ws, &args, &[]);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(
            run.stderr.contains(&format!("cannot reach the SMTP server 127.0.0.1:{closed}")),
            "{}",
            run.stderr
        );
    }
}

#[cfg(not(feature = "mail"))]
#[test]
fn without_the_mail_feature_a_mail_is_an_error_that_says_so() {
    let ws = demo();
    let run = relate_with_env(&ws, &["digest", "--mail-to", "a@b.example"], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("built without mail"), "{}", run.stderr);
}
