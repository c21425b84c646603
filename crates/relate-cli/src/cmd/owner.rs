//! `relate owner`: who is "us".

use std::path::Path;

use clap::Subcommand;

use super::{open_store, print};

#[derive(Subcommand)]
pub(crate) enum OwnerCommand {
    /// Declare PLATFORM:HANDLE an owner (e.g. wordpress:christian, convokit:museum).
    Add { identity: String },
    /// Say PLATFORM:HANDLE is not an owner (also for WordPress authors).
    Remove { identity: String },
    /// List owners: declared, and site authors who count by default.
    List,
}

fn split(identity: &str) -> anyhow::Result<(&str, &str)> {
    match identity.split_once(':') {
        Some((platform, handle)) if !platform.is_empty() && !handle.is_empty() => {
            Ok((platform, handle))
        }
        _ => anyhow::bail!(
            "owner identity {identity:?} is not PLATFORM:HANDLE (e.g. wordpress:christian)"
        ),
    }
}

pub(crate) fn run(db: &Path, command: OwnerCommand) -> anyhow::Result<()> {
    let store = open_store(db)?;
    match command {
        OwnerCommand::Add { identity } => {
            let (platform, handle) = split(&identity)?;
            store.add_owner(platform, handle)?;
            eprintln!("{platform}:{handle} is an owner.");
        }
        OwnerCommand::Remove { identity } => {
            let (platform, handle) = split(&identity)?;
            store.remove_owner(platform, handle)?;
            eprintln!("{platform}:{handle} is not an owner.");
        }
        OwnerCommand::List => {
            let mut text = String::new();
            for o in store.owners()? {
                text.push_str(&format!(
                    "{}:{}\t{}{}\n",
                    o.platform,
                    o.handle,
                    o.origin,
                    if o.active { "" } else { " (removed)" }
                ));
            }
            if text.is_empty() {
                text = "No owners yet: `relate owner add PLATFORM:HANDLE`.\n".into();
            }
            print(&text)?;
        }
    }
    Ok(())
}
