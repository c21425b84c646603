//! `relate audience`: the vanity numbers no export carries (page views, fans), kept to set
//! beside the real return.

use std::path::Path;

use anyhow::Context;
use clap::Subcommand;
use relate_model::AudienceSnapshot;
use relate_model::time::rfc3339;

use super::{open_existing, open_store, print, print_json};

#[derive(Subcommand)]
pub(crate) enum AudienceCommand {
    /// Record a number, e.g. `relate audience add page_views 5400 --platform blog --date 2026-03-31`.
    ///
    /// Metrics are free words; the usual ones are followers, following, page_views, fans,
    /// subscribers. For many numbers at once, import a CSV with the columns
    /// date,platform,metric,value (and optionally account): `relate import numbers.csv`.
    Add {
        metric: String,
        value: i64,
        /// Where the number comes from: blog, facebook, mastodon, newsletter, ...
        #[arg(long, default_value = "site")]
        platform: String,
        /// The account it belongs to (a participant key); the whole site if absent.
        #[arg(long)]
        account: Option<String>,
        /// The day it was true: 2026-03-31 or an RFC 3339 time (default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Every number recorded, oldest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn run(db: &Path, command: AudienceCommand) -> anyhow::Result<()> {
    match command {
        AudienceCommand::Add { metric, value, platform, account, date } => {
            let now = jiff::Timestamp::now().as_second();
            let at = match date.as_deref() {
                None => now - now.rem_euclid(86_400),
                Some(d) => relate_model::time::parse_since(d, now).with_context(|| {
                    format!("--date {d:?} is not a date: use 2026-03-31 or an RFC 3339 time")
                })?,
            };
            let store = open_store(db)?;
            let snapshot =
                AudienceSnapshot { platform, account, item: None, metric, value, at: Some(at) };
            let changed = store.add_audience(&snapshot)?;
            eprintln!(
                "{} {} = {} on {}{}.",
                snapshot.platform,
                snapshot.metric,
                snapshot.value,
                &rfc3339(at)[..10],
                if changed { "" } else { " (already recorded)" }
            );
            Ok(())
        }
        AudienceCommand::List { json } => {
            let store = open_existing(db)?;
            let all = store.audience()?;
            if json {
                return print_json(&serde_json::to_value(&all)?);
            }
            let mut text = String::new();
            for s in &all {
                let whose = s.account.as_deref().or(s.item.as_deref()).unwrap_or("");
                text.push_str(&format!(
                    "{}  {:<10} {:<14} {:>10}  {whose}\n",
                    s.at.map(rfc3339).unwrap_or_default().get(..10).unwrap_or(""),
                    s.platform,
                    s.metric,
                    s.value
                ));
            }
            if text.is_empty() {
                text = "No audience numbers yet: `relate audience add METRIC VALUE`.\n".into();
            }
            print(&text)
        }
    }
}
