//! `relate digest`: "Was habe ich heute gelernt?" in a few lines for a period, printed or sent
//! by mail (docs/digest.md). The selection and the wording are `relate_report::digest`'s;
//! this module reads the clock, the flags and the environment, and speaks SMTP.

use std::path::Path;

use anyhow::Context;
use relate_analysis::ledger::{self, LedgerOptions, Period};
use relate_model::time::date;
use relate_report::digest::{self, Lang};

use super::print;
use super::show::analyse;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Plain text.
    Text,
    /// Markdown, for a note.
    Md,
    /// One HTML page (inline style, nothing to fetch).
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DigestLang {
    De,
    En,
}

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Start of the period: `1d` (the last 24 hours), `7d`, `today`, 2026-03-01 or RFC 3339.
    #[arg(long, default_value = "1d")]
    since: String,
    /// End of the period, exclusive, in the same forms (default: now). For a digest of a
    /// past week: `--since 2026-03-02 --until 2026-03-09`.
    #[arg(long)]
    until: Option<String>,
    /// What to print (a mail always carries text and HTML).
    #[arg(long, value_enum, default_value_t = Format::Text, conflicts_with = "mail_to")]
    format: Format,
    /// German or English (default: the language most of our own items are written in).
    #[arg(long, value_enum)]
    lang: Option<DigestLang>,
    /// Send the digest to this address instead of printing it (text and HTML in one mail).
    #[arg(long, value_name = "ADDRESS")]
    mail_to: Option<String>,
    /// The sender (default: the recipient, a digest to oneself).
    #[arg(long, value_name = "ADDRESS", env = "RELATE_MAIL_FROM")]
    mail_from: Option<String>,
    /// The SMTP server.
    #[arg(long, value_name = "HOST", env = "RELATE_SMTP_HOST", default_value = "localhost")]
    smtp_host: String,
    /// Its port (default: 25 on this machine, 587 elsewhere; 465 means TLS from the start).
    #[arg(long, value_name = "PORT", env = "RELATE_SMTP_PORT")]
    smtp_port: Option<u16>,
    /// The login; the password is read from RELATE_SMTP_PASSWORD only, never from a flag
    /// (flags are visible to every user of the machine in the process list).
    #[arg(long, value_name = "USER", env = "RELATE_SMTP_USER")]
    smtp_user: Option<String>,
    /// Allow a server other than this machine that offers no TLS (STARTTLS is still used when
    /// offered). Without it relate refuses, because the digest (names, quotes from comments)
    /// and the password would cross the network readable by anyone on the way.
    #[arg(long)]
    smtp_insecure: bool,
}

pub(crate) fn run(db: &Path, args: &Args, include_restricted: bool) -> anyhow::Result<()> {
    let now = jiff::Timestamp::now().as_second();
    let parse = |flag: &str, value: &str| {
        relate_model::time::parse_since(value, now).with_context(|| {
            format!("--{flag} {value:?} is not a date: use 1d, 7d, today, 2026-03-01 or an RFC 3339 time")
        })
    };
    let from = parse("since", &args.since)?;
    let to = match args.until.as_deref() {
        Some(until) => parse("until", until)?,
        None => now,
    };
    if from >= to {
        anyhow::bail!(
            "the period is empty: --since {} is not before its end {}",
            date(from),
            date(to)
        );
    }
    // check the mail settings before the work, so a typo costs no analysis
    let mail = match args.mail_to.as_deref() {
        Some(to) => Some(mail::Settings::from_args(args, to)?),
        None => None,
    };
    let (corpus, analyses) = analyse(db, include_restricted)?;
    let options = LedgerOptions {
        now: ledger::latest_public(&corpus),
        period: Some(Period { from, to }),
        outcomes: &[],
    };
    let ledger = ledger::compute(&corpus, &analyses, options);
    let lang = match args.lang {
        Some(DigestLang::De) => Lang::De,
        Some(DigestLang::En) => Lang::En,
        None => digest::owner_language(&corpus),
    };
    let d = digest::select(&corpus, &analyses, &ledger, lang);
    match mail {
        Some(settings) => {
            let text = digest::text(&corpus, &d);
            let html = digest::html(&corpus, &d);
            let how = mail::send(&settings, &digest::subject(&d), text, html)?;
            print(&format!("Sent the digest to {} via {how}.\n", settings.to))
        }
        None => print(&match args.format {
            Format::Text => digest::text(&corpus, &d),
            Format::Md => digest::markdown(&corpus, &d),
            Format::Html => digest::html(&corpus, &d),
        }),
    }
}

/// How the connection to the SMTP server is protected.
#[cfg(feature = "mail")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Security {
    /// TLS from the first byte (port 465).
    Tls,
    /// STARTTLS, and no mail without it.
    StartTls,
    /// STARTTLS when the server offers it, else plain.
    StartTlsIfOffered,
    /// No TLS.
    Plain,
}

/// Whether `host` is this machine: a mail to it never crosses a network.
#[cfg(feature = "mail")]
pub(crate) fn is_local(host: &str) -> bool {
    let host = host.trim().trim_end_matches('.');
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The protection for `host:port`: TLS on 465; plain only to this machine without a login
/// (nothing leaves it); with a login on this machine, STARTTLS when offered; elsewhere
/// STARTTLS or nothing, unless the user said `--smtp-insecure`: then STARTTLS still when the
/// server offers it, plain only when it does not.
#[cfg(feature = "mail")]
pub(crate) fn security(host: &str, port: u16, login: bool, insecure: bool) -> Security {
    if port == 465 {
        Security::Tls
    } else if is_local(host) {
        if login { Security::StartTlsIfOffered } else { Security::Plain }
    } else if insecure {
        Security::StartTlsIfOffered
    } else {
        Security::StartTls
    }
}

/// The default port: the local relay's, or the submission port of a provider.
#[cfg(feature = "mail")]
pub(crate) fn default_port(host: &str) -> u16 {
    if is_local(host) { 25 } else { 587 }
}

#[cfg(feature = "mail")]
mod mail {
    use std::time::Duration;

    use anyhow::Context;
    use lettre::message::{Mailbox, MultiPart};
    use lettre::transport::smtp::authentication::{Credentials, Mechanism};
    use lettre::transport::smtp::client::{SmtpConnection, TlsParameters};
    use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
    use lettre::transport::smtp::extension::{
        ClientId, Extension, MailBodyParameter, MailParameter,
    };
    use lettre::{Address, Message};

    use super::{Args, Security, default_port, security};

    /// Long enough for a slow provider, short enough that a cron job does not hang.
    const TIMEOUT: Duration = Duration::from_secs(60);

    pub(crate) struct Settings {
        pub(crate) to: Address,
        from: Address,
        host: String,
        port: u16,
        login: Option<(String, String)>,
        security: Security,
    }

    impl Settings {
        pub(crate) fn from_args(args: &Args, to: &str) -> anyhow::Result<Settings> {
            let address = |flag: &str, value: &str| {
                value
                    .trim()
                    .parse::<Address>()
                    .with_context(|| format!("{flag} {value:?} is not an e-mail address"))
            };
            let to = address("--mail-to", to)?;
            let from = match args.mail_from.as_deref() {
                Some(from) => address("--mail-from", from)?,
                None => to.clone(),
            };
            // `[::1]` as in a URL; the socket wants the bare address
            let host = args.smtp_host.trim().trim_start_matches('[').trim_end_matches(']');
            let host = host.to_string();
            if host.is_empty() {
                anyhow::bail!("--smtp-host is empty");
            }
            let port = args.smtp_port.unwrap_or_else(|| default_port(&host));
            let password = std::env::var("RELATE_SMTP_PASSWORD").ok().filter(|p| !p.is_empty());
            let login = match (args.smtp_user.clone().filter(|u| !u.is_empty()), password) {
                (Some(user), Some(password)) => Some((user, password)),
                (None, None) => None,
                (Some(user), None) => anyhow::bail!(
                    "--smtp-user {user:?} is set but RELATE_SMTP_PASSWORD is not: set both, or neither"
                ),
                (None, Some(_)) => anyhow::bail!(
                    "RELATE_SMTP_PASSWORD is set but no user: set RELATE_SMTP_USER or --smtp-user too"
                ),
            };
            let security = security(&host, port, login.is_some(), args.smtp_insecure);
            Ok(Settings { to, from, host, port, login, security })
        }
    }

    /// Sends one mail with the text and HTML parts; says how it went ("localhost:25 (plain)").
    /// Each step's error names the server and the step, with the server's own words.
    pub(crate) fn send(
        settings: &Settings,
        subject: &str,
        text: String,
        html: String,
    ) -> anyhow::Result<String> {
        let server = format!("{}:{}", settings.host, settings.port);
        let message = Message::builder()
            .from(Mailbox::new(Some("relate".into()), settings.from.clone()))
            .to(Mailbox::new(None, settings.to.clone()))
            .subject(subject)
            // relays add one when it is missing, but not all do, and filters mistrust mail
            // without it
            .message_id(None)
            .multipart(MultiPart::alternative_plain_html(text, html))
            .context("building the digest's mail")?;
        let bytes = message.formatted();

        let hello = ClientId::default();
        let tls = TlsParameters::new(settings.host.clone())
            .with_context(|| format!("preparing TLS for {server}"))?;
        let implicit = (settings.security == Security::Tls).then_some(&tls);
        let mut conn = SmtpConnection::connect(
            (settings.host.as_str(), settings.port),
            Some(TIMEOUT),
            &hello,
            implicit,
            None,
        )
        .with_context(|| format!("cannot reach the SMTP server {server}"))?;
        match settings.security {
            Security::StartTls | Security::StartTlsIfOffered if conn.can_starttls() => {
                conn.starttls(&tls, &hello)
                    .with_context(|| format!("STARTTLS with the SMTP server {server} failed"))?;
            }
            Security::StartTls => {
                conn.abort();
                anyhow::bail!(
                    "the SMTP server {server} does not offer STARTTLS: relate sends nothing in plain text over the network (port 465 for TLS from the start, or --smtp-insecure if you must)"
                );
            }
            _ => {}
        }
        let how = if conn.is_encrypted() { "TLS" } else { "plain" };
        if let Some((user, password)) = &settings.login {
            let credentials = Credentials::new(user.clone(), password.clone());
            conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials).with_context(|| {
                format!("the SMTP server {server} did not accept the login {user:?}")
            })?;
        }
        let mut parameters = Vec::new();
        if !bytes.is_ascii() {
            // the builder encodes every part, so this is only a safeguard
            if !conn.server_info().supports_feature(Extension::EightBitMime) {
                anyhow::bail!("the SMTP server {server} cannot take 8-bit mail");
            }
            parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let from = &settings.from;
        conn.command(Mail::new(Some(from.clone()), parameters))
            .with_context(|| format!("the SMTP server {server} refused the sender {from}"))?;
        let to = &settings.to;
        conn.command(Rcpt::new(to.clone(), Vec::new()))
            .with_context(|| format!("the SMTP server {server} refused the recipient {to}"))?;
        conn.command(Data)
            .with_context(|| format!("the SMTP server {server} refused to take a mail (DATA)"))?;
        conn.message(&bytes)
            .with_context(|| format!("the SMTP server {server} did not accept the digest"))?;
        // the mail is accepted; a failed goodbye changes nothing
        let _ = conn.quit();
        Ok(format!("{server} ({how})"))
    }
}

/// Without the `mail` feature: the flags are known, sending is not.
#[cfg(not(feature = "mail"))]
mod mail {
    use super::Args;

    pub(crate) struct Settings {
        pub(crate) to: String,
    }

    impl Settings {
        pub(crate) fn from_args(_: &Args, _: &str) -> anyhow::Result<Settings> {
            anyhow::bail!(
                "this relate was built without mail (cargo feature `mail`): print the digest and send it with your own tools"
            )
        }
    }

    pub(crate) fn send(_: &Settings, _: &str, _: String, _: String) -> anyhow::Result<String> {
        unreachable!("Settings cannot be made without the mail feature")
    }
}

#[cfg(all(test, feature = "mail"))]
mod tests {
    use super::*;

    #[test]
    fn plain_only_to_this_machine_or_when_asked() {
        assert_eq!(security("localhost", 25, false, false), Security::Plain);
        assert_eq!(security("127.0.0.1", 2525, false, false), Security::Plain);
        assert_eq!(security("[::1]", 25, false, false), Security::Plain);
        // a login: protect the password when the local server can
        assert_eq!(security("localhost", 25, true, false), Security::StartTlsIfOffered);
        // anywhere else: STARTTLS, or nothing
        assert_eq!(security("smtp.example.org", 587, true, false), Security::StartTls);
        assert_eq!(security("192.0.2.7", 25, false, false), Security::StartTls);
        assert_eq!(security("localhost.example.org", 25, false, false), Security::StartTls);
        // --smtp-insecure allows plain text, it does not ask for it
        assert_eq!(security("smtp.example.org", 587, true, true), Security::StartTlsIfOffered);
        assert_eq!(security("smtp.example.org", 465, true, false), Security::Tls);
        assert_eq!(security("localhost", 465, false, true), Security::Tls);
    }

    #[test]
    fn default_ports() {
        assert_eq!(default_port("localhost"), 25);
        assert_eq!(default_port("LOCALHOST."), 25);
        assert_eq!(default_port("::1"), 25);
        assert_eq!(default_port("mail.example.org"), 587);
    }
}
