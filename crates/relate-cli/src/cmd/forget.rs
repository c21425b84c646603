//! `relate forget`: remove a person completely.

use std::io::IsTerminal;
use std::path::Path;

use super::identity::resolve;
use super::open_existing;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The person: a participant key, a handle or a display name (`relate identity list`).
    /// Accounts linked to it with `relate identity link` are forgotten too.
    account: String,
    /// Do not ask: forget at once (needed when not run in a terminal).
    #[arg(long)]
    yes: bool,
}

pub(crate) fn run(db: &Path, args: Args) -> anyhow::Result<()> {
    let mut store = open_existing(db)?;
    let participants = store.participants()?;
    let person = resolve(&participants, &args.account)?.clone();
    // the person's other accounts, as linked by the user
    let mut keys = vec![person.key.clone()];
    let links = store.identity_links()?;
    let mut grew = true;
    while grew {
        grew = false;
        for (a, b) in &links {
            for (x, y) in [(a, b), (b, a)] {
                if keys.contains(x) && !keys.contains(y) {
                    keys.push(y.clone());
                    grew = true;
                }
            }
        }
    }
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            anyhow::bail!("relate forget deletes for good: add --yes to confirm");
        }
        eprint!(
            "Forget {} ({} account{}) and everything they wrote? This cannot be undone. [y/N] ",
            person.display_name,
            keys.len(),
            if keys.len() == 1 { "" } else { "s" }
        );
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "j" | "ja") {
            eprintln!("Nothing forgotten.");
            return Ok(());
        }
    }
    let mut items = 0;
    for key in &keys {
        items += store.forget(key)?.items;
    }
    eprintln!(
        "Forgot {} ({} account{}, {items} item{}). A later import of the same export will not bring them back.",
        person.display_name,
        keys.len(),
        if keys.len() == 1 { "" } else { "s" },
        if items == 1 { "" } else { "s" }
    );
    Ok(())
}
