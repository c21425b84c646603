//! `relate waiting`: whom we left waiting. Others' comments without an answer from us, oldest
//! first, and how fast we answer on each platform (docs/measures.md, "Left waiting").

use std::path::Path;

use super::show::analyse;
use super::{print, print_json};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Only comments written on this platform (the writing account's: wordpress, mastodon,
    /// convokit, ...), and only its time to answer.
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// Only comments that ask a question.
    #[arg(long)]
    questions: bool,
    /// One JSON object: waiting (item, author, platform, at, question, age_seconds, excerpt,
    /// url, conversation), count, questions, reference_time, by_platform.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(db: &Path, args: &Args, include_restricted: bool) -> anyhow::Result<()> {
    let (corpus, analyses) = analyse(db, include_restricted)?;
    if let Some(platform) = args.platform.as_deref() {
        super::show::check_platform(&corpus, platform)?;
    }
    let platform = args.platform.as_deref();
    let on_platform = |item: u32| {
        platform.is_none_or(|p| {
            relate_report::item_platform(&corpus, item).eq_ignore_ascii_case(p.trim())
        })
    };
    let mut list = relate_analysis::response::waiting(&corpus, &analyses.response, on_platform);
    if args.questions {
        list.retain(|w| w.question);
    }
    let response = &analyses.response;
    if args.json {
        print_json(&relate_report::care::waiting_json(&corpus, response, &list, platform))
    } else {
        print(&relate_report::care::waiting_text(&corpus, response, &list, platform))
    }
}
