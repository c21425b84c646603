//! Response care and self-talk (`relate_analysis::response`, `relate_analysis::selftalk`): the
//! report's lines and keys, and the list of `relate waiting`. Formats only.

use std::fmt::Write;

use relate_analysis::Analyses;
use relate_analysis::learning::excerpt;
use relate_analysis::response::{PlatformResponse, Response, Waiting};
use relate_analysis::selftalk::{Class, Figures, SelfTalk};
use relate_model::corpus::Corpus;
use relate_model::time::{date, rfc3339};
use serde_json::{Value, json};

/// Rounded as the report rounds coverage: three decimals.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// "9.1 h", "2.5 days": as long as a person would say it.
pub fn duration(seconds: i64) -> String {
    match seconds {
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{:.1} h", s as f64 / 3600.0),
        s => format!("{:.1} days", s as f64 / 86_400.0),
    }
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 { "–".into() } else { format!("{:.0} %", part as f64 * 100.0 / whole as f64) }
}

/// The report's lines under "What came back": answers per platform (when there are two or
/// more) and how many of our items spoke only of us.
pub fn report_lines(analyses: &Analyses) -> String {
    let mut out = String::new();
    let platforms = &analyses.response.by_platform;
    if platforms.len() > 1 {
        for p in platforms {
            let _ = writeln!(out, "    on {:<19}{}", p.platform, platform_summary(p));
        }
    }
    let talk = &analyses.self_talk;
    if talk.all.items > 0 {
        for (class, label) in [
            (Class::SelfTalk, "we spoke of us only"),
            (Class::Dialogue, "we turned to others"),
            (Class::Neutral, "neither"),
        ] {
            let f = talk.all.figures(class);
            let posts = talk.posts.figures(class);
            let _ = write!(
                out,
                "  {label:<24}{} of {} of our items ({})",
                f.count,
                talk.all.items,
                percent(f.count, talk.all.items),
            );
            // posts collect a thread's comments, answers rarely get one: compare posts
            let _ = match posts.mean_replies {
                Some(mean) => writeln!(out, "; {} posts, {mean:.1} replies each", posts.count),
                None => writeln!(out, "; no posts"),
            };
        }
    }
    out
}

fn platform_summary(p: &PlatformResponse) -> String {
    let mut s = format!(
        "{} of {} answered ({})",
        p.answered,
        p.others_comments,
        percent(p.answered, p.others_comments)
    );
    if let Some(m) = p.median_seconds_to_first_answer {
        let _ = write!(s, ", typically in {}", duration(m));
    }
    if p.unanswered > 0 {
        let _ = write!(s, ", {} waiting", p.unanswered);
    }
    s
}

/// `response_by_platform` in `relate report --json` (README, "JSON output").
pub fn by_platform_json(response: &Response) -> Value {
    Value::Array(response.by_platform.iter().map(platform_json).collect())
}

fn platform_json(p: &PlatformResponse) -> Value {
    json!({
        "platform": p.platform,
        "others_comments": p.others_comments,
        "answered": p.answered,
        "coverage": p.coverage.map(round3),
        "median_seconds_to_first_answer": p.median_seconds_to_first_answer,
        "unanswered": p.unanswered,
    })
}

/// `self_talk` in `relate report --json` (README, "JSON output").
pub fn self_talk_json(talk: &SelfTalk) -> Value {
    let figures = |f: &Figures| {
        json!({
            "count": f.count,
            "share": f.share.map(round3),
            "replies": f.replies,
            "with_replies": f.with_replies,
            "mean_replies": f.mean_replies.map(round3),
        })
    };
    json!({
        "owner_items": talk.all.items,
        "self": figures(&talk.all.self_talk),
        "dialogue": figures(&talk.all.dialogue),
        "neutral": figures(&talk.all.neutral),
        "posts": {
            "owner_posts": talk.posts.items,
            "self": figures(&talk.posts.self_talk),
            "dialogue": figures(&talk.posts.dialogue),
            "neutral": figures(&talk.posts.neutral),
        },
    })
}

/// Where a reader finds the comment: its own URL; else, for a WordPress comment in a
/// WordPress thread, the post's page with WordPress's `#comment-ID` anchor; else the page of
/// the conversation.
pub fn item_link(corpus: &Corpus, index: u32) -> Option<String> {
    let item = &corpus.items[index as usize];
    if let Some(url) = item.url() {
        return Some(url.to_string());
    }
    let conversation = &corpus.conversations[item.conversation as usize];
    let page = conversation.url.as_deref()?;
    let wordpress = &*conversation.platform == "wordpress"
        && crate::item_platform(corpus, index) == "wordpress";
    Some(if wordpress {
        format!("{}#comment-{}", page.split('#').next().unwrap_or(page), corpus.native_id(item))
    } else {
        page.to_string()
    })
}

/// Characters of a comment `relate waiting` shows on its one line.
const EXCERPT: usize = 100;

/// `relate waiting`: the comments in `list`, oldest first, then response care per platform
/// (only `platform`'s when one is given).
pub fn waiting_text(
    corpus: &Corpus,
    response: &Response,
    list: &[Waiting],
    platform: Option<&str>,
) -> String {
    let mut out = String::new();
    if list.is_empty() {
        let _ = writeln!(
            out,
            "Nobody is waiting here: every comment by others that matches has an answer from us."
        );
    } else {
        let questions = list.iter().filter(|w| w.question).count();
        let _ = writeln!(
            out,
            "Left waiting: {} comment{} by others without an answer from us ({} asking a question), oldest first.",
            list.len(),
            if list.len() == 1 { "" } else { "s" },
            questions
        );
        if let Some(now) = response.reference_time {
            let _ =
                writeln!(out, "Ages are counted to {}, the date of the latest item.", date(now));
        }
        let _ = writeln!(out);
    }
    for w in list {
        let item = &corpus.items[w.item as usize];
        let mut head = format!(
            "{} {} ({})",
            item.created_at.map_or_else(|| "(no date)".into(), date),
            corpus.author(item).display_name,
            crate::item_platform(corpus, w.item)
        );
        if w.question {
            head.push_str(", question");
        }
        if let Some(age) = w.age_seconds {
            let _ = write!(head, ", waiting {}", duration(age));
        }
        let _ = writeln!(out, "{head}  #{}", corpus.native_id(item));
        let _ = writeln!(out, "  {}", excerpt(corpus.text(item), EXCERPT));
        if let Some(link) = item_link(corpus, w.item) {
            let _ = writeln!(out, "  {link}");
        }
    }
    let platforms: Vec<&PlatformResponse> = response
        .by_platform
        .iter()
        .filter(|p| platform.is_none_or(|name| p.platform.eq_ignore_ascii_case(name.trim())))
        .collect();
    if !platforms.is_empty() {
        let _ = writeln!(out, "\nTime to first answer, by the platform a comment was written on");
        for p in platforms {
            let _ = writeln!(out, "  {:<22}{}", p.platform, platform_summary(p));
        }
    }
    out
}

/// `relate waiting --json` (README, "JSON output").
pub fn waiting_json(
    corpus: &Corpus,
    response: &Response,
    list: &[Waiting],
    platform: Option<&str>,
) -> Value {
    let waiting: Vec<Value> = list
        .iter()
        .map(|w| {
            let item = &corpus.items[w.item as usize];
            let conversation = &corpus.conversations[item.conversation as usize];
            json!({
                "item": corpus.native_id(item),
                "author": corpus.author(item).display_name,
                "platform": crate::item_platform(corpus, w.item),
                "at": item.created_at.map(rfc3339),
                "question": w.question,
                "age_seconds": w.age_seconds,
                "excerpt": excerpt(corpus.text(item), 120),
                "url": item_link(corpus, w.item),
                "conversation": { "key": conversation.key, "title": conversation.title, "url": conversation.url },
            })
        })
        .collect();
    json!({
        "reference_time": response.reference_time.map(rfc3339),
        "count": list.len(),
        "questions": list.iter().filter(|w| w.question).count(),
        "waiting": waiting,
        "by_platform": response
            .by_platform
            .iter()
            .filter(|p| platform.is_none_or(|name| p.platform.eq_ignore_ascii_case(name.trim())))
            .map(platform_json)
            .collect::<Vec<_>>(),
    })
}
