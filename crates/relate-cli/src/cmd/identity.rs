//! `relate identity`: one person, many accounts.

use std::path::Path;

use anyhow::Context;
use clap::Subcommand;
use relate_model::Participant;
use relate_store::Store;

use super::{open_existing, print, print_json};

#[derive(Subcommand)]
pub(crate) enum IdentityCommand {
    /// Say that two accounts are one person; reports then count them as one.
    ///
    /// An account is a participant key (see `relate identity list`), or a handle or display
    /// name that names exactly one participant, optionally as PLATFORM:HANDLE.
    Link { a: String, b: String },
    /// Take back every link of one account.
    Unlink { account: String },
    /// List the accounts (participants) with their keys, and the links made.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Propose accounts that may be one person, with the evidence: the same profile URL, a
    /// website that is the other's Mastodon profile, the same name on two platforms, a handle
    /// that spells a name. Nothing is merged until you run the `link` line shown.
    Suggest {
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn run(db: &Path, command: IdentityCommand) -> anyhow::Result<()> {
    let store = open_existing(db)?;
    match command {
        IdentityCommand::Link { a, b } => {
            let participants = store.participants()?;
            let a = resolve(&participants, &a)?;
            let b = resolve(&participants, &b)?;
            store.link_identity(&a.key, &b.key)?;
            eprintln!(
                "Linked {} ({}) and {} ({}): counted as one person from now on.",
                a.display_name, a.platform, b.display_name, b.platform
            );
        }
        IdentityCommand::Unlink { account } => {
            let participants = store.participants()?;
            let p = resolve(&participants, &account)?;
            let n = store.unlink_identity(&p.key)?;
            eprintln!("Removed {n} link{} of {}.", if n == 1 { "" } else { "s" }, p.display_name);
        }
        IdentityCommand::List { json } => list(&store, json)?,
        IdentityCommand::Suggest { json } => suggest(&store, json)?,
    }
    Ok(())
}

/// Finds the participant an argument names: its key, `platform:handle`, a handle or a name.
pub(crate) fn resolve<'a>(
    participants: &'a [Participant],
    wanted: &str,
) -> anyhow::Result<&'a Participant> {
    if let Some(p) = participants.iter().find(|p| p.key == wanted) {
        return Ok(p);
    }
    let (platform, name) = match wanted.split_once(':') {
        Some((platform, name)) if participants.iter().any(|p| p.platform == platform) => {
            (Some(platform), name)
        }
        _ => (None, wanted),
    };
    let matches: Vec<&Participant> = participants
        .iter()
        .filter(|p| platform.is_none_or(|pl| p.platform == pl))
        .filter(|p| {
            p.handle.eq_ignore_ascii_case(name)
                || p.handle
                    .trim_start_matches('@')
                    .eq_ignore_ascii_case(name.trim_start_matches('@'))
                || p.display_name.eq_ignore_ascii_case(name)
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => anyhow::bail!("no account {wanted:?} (`relate identity list` shows the keys)"),
        many => {
            let keys: Vec<String> = many
                .iter()
                .map(|p| format!("{} ({}, {})", p.key, p.platform, p.display_name))
                .collect();
            anyhow::bail!("{wanted:?} names several accounts; give one key: {}", keys.join("; "))
        }
    }
}

fn list(store: &Store, json: bool) -> anyhow::Result<()> {
    let participants = store.participants()?;
    let links = store.identity_links()?;
    if json {
        return print_json(&serde_json::json!({
            "participants": participants.iter().map(|p| serde_json::json!({
                "key": p.key, "platform": p.platform, "handle": p.handle,
                "name": p.display_name, "url": p.url, "kind": p.kind.as_str(),
            })).collect::<Vec<_>>(),
            "links": links.iter().map(|(a, b)| serde_json::json!([a, b])).collect::<Vec<_>>(),
        }));
    }
    let mut text = String::new();
    for p in &participants {
        text.push_str(&format!("{:<40} {:<10} {}\n", p.key, p.platform, p.display_name));
    }
    if !links.is_empty() {
        text.push_str("\nLinked (one person):\n");
        for (a, b) in &links {
            text.push_str(&format!("  {a} = {b}\n"));
        }
    }
    print(&text)
}

fn suggest(store: &Store, json: bool) -> anyhow::Result<()> {
    let corpus = store.load_corpus().context("loading the database")?;
    let suggestions = relate_analysis::identities::suggest(&corpus);
    let show = |i: u32| &corpus.participants[i as usize];
    if json {
        return print_json(&serde_json::Value::Array(
            suggestions
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "a": show(s.a).key, "a_name": show(s.a).display_name, "a_platform": show(s.a).platform,
                        "b": show(s.b).key, "b_name": show(s.b).display_name, "b_platform": show(s.b).platform,
                        "evidence": s.evidence,
                    })
                })
                .collect(),
        ));
    }
    if suggestions.is_empty() {
        return print(
            "No accounts look like one person. `relate identity link A B` links any two.\n",
        );
    }
    let mut text = String::new();
    for s in &suggestions {
        let (a, b) = (show(s.a), show(s.b));
        text.push_str(&format!(
            "{} ({}) ~ {} ({}): {}\n  relate identity link '{}' '{}'\n",
            a.display_name,
            a.platform,
            b.display_name,
            b.platform,
            s.evidence.as_str(),
            a.key,
            b.key
        ));
    }
    print(&text)
}
