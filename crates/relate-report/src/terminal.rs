//! Plain-text rendering for a terminal: short lines, the real return first, the vanity
//! numbers beside it.

use std::fmt::Write;

use relate_analysis::Analyses;
use relate_analysis::learning::{Direction, Moment, MomentKind, excerpt, quote};
use relate_analysis::threads::Via;
use relate_model::corpus::Corpus;
use relate_model::time::{date, rfc3339};
use relate_model::{ItemKind, State};

use crate::{
    Directions, Filter, conversations, excluded, item_platform, moments_by_day, moments_matching,
    owners, time_span, vanity,
};

pub fn report(corpus: &Corpus, analyses: &Analyses) -> String {
    let mut out = String::new();
    let owners = owners(corpus);
    let _ = writeln!(
        out,
        "relate report for {}",
        if owners.is_empty() {
            "(no owner declared: run `relate owner add PLATFORM:HANDLE`)".to_string()
        } else {
            owners.join(", ")
        }
    );
    if let Some((a, b)) = time_span(corpus) {
        let _ = writeln!(out, "{} to {}", date(a), date(b));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "What came back");
    let r = &analyses.response;
    let t = &analyses.ties;
    let _ = writeln!(out, "  conversations           {}", conversations(corpus));
    let _ = writeln!(out, "  people taking part      {}", t.participants);
    let _ = writeln!(
        out,
        "  people who came back    {}  (in two or more conversations)",
        t.returning_participants
    );
    let _ = writeln!(
        out,
        "  ties both ways          {}  (they wrote to us and we to them)",
        t.reciprocal_ties
    );
    match r.owner_response_coverage {
        Some(c) => {
            let _ = writeln!(
                out,
                "  comments we answered    {} of {} ({:.0} %)",
                r.answered,
                r.others_comments,
                c * 100.0
            );
        }
        None => {
            let _ = writeln!(out, "  comments we answered    (no comments by others)");
        }
    }
    if let Some(s) = r.median_seconds_to_first_answer {
        let _ = writeln!(out, "  typical time to answer  {}", duration(s));
    }
    out.push_str(&crate::care::report_lines(analyses));
    let l = &analyses.learning;
    let _ = writeln!(
        out,
        "  learning moments        {} acknowledged, {} quoted, {} taken up",
        l.count(MomentKind::Acknowledged),
        l.count(MomentKind::Quoted),
        l.count(MomentKind::Uptake)
    );
    let _ = writeln!(out, "  sources shared with us  {}", l.count(MomentKind::Source));
    let _ = writeln!(
        out,
        "  others learned from us  {}  ({} acknowledged; `relate learned --direction from-us`)",
        l.from_us.len(),
        l.count_from_us(MomentKind::Acknowledged)
    );
    out.push_str(&crate::sources::report_lines(corpus, analyses));
    out.push_str(&crate::phases::report_lines(analyses));
    let _ = writeln!(out);
    let _ = writeln!(out, "The numbers usually watched");
    for (kind, n) in vanity(corpus) {
        let _ = writeln!(out, "  {:<24}{n}", format!("{}s", kind.as_str()));
    }
    for f in &analyses.audience.figures {
        let whose = f.account.as_deref().map_or_else(
            || f.platform.clone(),
            |key| {
                let name = corpus
                    .participants
                    .iter()
                    .find(|p| p.key == key)
                    .map_or(key, |p| p.display_name.as_str());
                format!("{}, {name}", f.platform)
            },
        );
        let was = match (f.first_value, f.first_at) {
            (Some(v), Some(t)) => {
                format!(" (was {v} on {})", &rfc3339(t).get(..10).unwrap_or_default())
            }
            _ => String::new(),
        };
        let _ = writeln!(out, "  {:<24}{}{was}  [{whose}]", f.metric.replace('_', " "), f.value);
    }
    for (metric, total) in &analyses.audience.item_totals {
        let _ = writeln!(out, "  {metric:<24}{total}  (as the platforms count them)");
    }
    let excluded: Vec<String> = excluded(corpus)
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect();
    if !excluded.is_empty() {
        let _ = writeln!(out, "  not counted             {}", excluded.join(", "));
    }
    let p = &analyses.pingbacks;
    if p.total > 0 {
        let _ = writeln!(
            out,
            "  links from other sites  {} ({} of them scraper junk)",
            p.total, p.junk
        );
    }
    let _ = writeln!(out);
    let moments: Vec<_> = l.moments.iter().filter(|m| m.kind != MomentKind::Source).collect();
    if !moments.is_empty() {
        let _ =
            writeln!(out, "What we learned, from whom (`relate learned` for all, with evidence)");
        for m in moments.iter().take(8) {
            let _ = writeln!(
                out,
                "  {} {:?} from {}",
                marker(m.kind),
                m.what,
                corpus.participants[m.from as usize].display_name
            );
        }
        let _ = writeln!(out);
    }
    if !r.unanswered.is_empty() {
        let _ = writeln!(
            out,
            "Left waiting ({} comments without an answer from us)",
            r.unanswered.len()
        );
        for &i in r.unanswered.iter().rev().take(5) {
            let item = &corpus.items[i as usize];
            let _ = writeln!(
                out,
                "  {} {} #{}: {}",
                item.created_at.map(date).unwrap_or_default(),
                corpus.author(item).display_name,
                corpus.native_id(item),
                excerpt(corpus.text(item), 60)
            );
        }
        let _ = writeln!(out);
    }
    if !t.people.is_empty() {
        let _ = writeln!(out, "People (most active first)");
        for person in t.people.iter().take(10) {
            let _ = writeln!(
                out,
                "  {:<28} {:>3} item{} in {} conversation{}{}",
                truncate(&person.name, 28),
                person.items,
                if person.items == 1 { "" } else { "s" },
                person.conversations,
                if person.conversations == 1 { "" } else { "s" },
                if person.reciprocal { ", both ways" } else { "" }
            );
        }
    }
    out
}

fn marker(kind: MomentKind) -> &'static str {
    match kind {
        MomentKind::Acknowledged => "*",
        MomentKind::Quoted => "\"",
        MomentKind::Uptake => "~",
        MomentKind::Source => "@",
    }
}

/// `relate learned`: every moment `filter` selects with its evidence; with `by_day`, under a
/// heading per day ([`crate::moment_day`]).
pub fn learned(corpus: &Corpus, analyses: &Analyses, filter: &Filter<'_>, by_day: bool) -> String {
    let mut out = String::new();
    let moments = moments_matching(corpus, analyses, filter);
    if by_day {
        for (day, moments) in moments_by_day(corpus, &moments) {
            let day = day.unwrap_or_else(|| "(no date)".into());
            let _ = writeln!(out, "{day}\n{}\n", "=".repeat(day.chars().count()));
            for m in moments {
                moment(&mut out, corpus, m);
            }
        }
    } else {
        for m in &moments {
            moment(&mut out, corpus, m);
        }
    }
    if moments.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if filter.person.is_some() || filter.platform.is_some() {
                "Nothing learned that matches: no moment from that person or on that platform in this period."
            } else if filter.direction == Directions::FromUs {
                "Nothing taken from us in this period yet: no one else took up what we brought in or said they learned from us."
            } else {
                "Nothing learned in this period yet: no owner item took up what someone else brought in, and no one shared a source."
            }
        );
    }
    out
}

fn moment(out: &mut String, corpus: &Corpus, m: &Moment) {
    let item = &corpus.items[m.item as usize];
    let from = &corpus.participants[m.from as usize].display_name;
    let conversation = &corpus.conversations[item.conversation as usize];
    let title = conversation.title.clone().unwrap_or_else(|| conversation.key.clone());
    let heading = match m.kind {
        MomentKind::Acknowledged => "learned",
        MomentKind::Quoted => "quoted",
        MomentKind::Uptake => "took up",
        MomentKind::Source => "source",
    };
    let direction = match m.direction {
        Direction::ToUs => "",
        Direction::FromUs => " (others from us)",
    };
    let _ = writeln!(out, "{heading}{direction}: {:?}", m.what);
    let _ = writeln!(
        out,
        "  from {from}, #{} ({}) on {}, in \"{}\"",
        corpus.native_id(item),
        item_platform(corpus, m.item),
        item.created_at.map(rfc3339).unwrap_or_default(),
        title
    );
    let _ = writeln!(out, "  they wrote: {}", quote(corpus, m.item, m.introduced_at));
    if let Some(o) = m.taken_up_in {
        let taking_item = &corpus.items[o as usize];
        let _ = writeln!(
            out,
            "  {} took it up in #{} ({}): {}",
            corpus.author(taking_item).display_name,
            corpus.native_id(taking_item),
            item_platform(corpus, o),
            m.taken_up_at.map(|at| quote(corpus, o, at)).unwrap_or_default()
        );
    }
    if let Some(ack) = &m.acknowledgement {
        let _ = writeln!(out, "  acknowledged: {ack:?}");
    }
    if m.reported_broken {
        let _ =
            writeln!(out, "  we told them the link is broken or leads back to the conversation");
    }
    let _ = writeln!(out);
}

/// A conversation as an indented tree: who wrote, when, and whom they addressed.
pub fn thread(corpus: &Corpus, analyses: &Analyses, conversation: u32) -> String {
    let mut out = String::new();
    let c = &corpus.conversations[conversation as usize];
    let _ = writeln!(out, "{}", c.title.clone().unwrap_or_else(|| c.key.clone()));
    if let Some(url) = &c.url {
        let _ = writeln!(out, "{url}");
    }
    for join in analyses.stitched.iter().filter(|j| j.into == conversation) {
        let joined = &corpus.conversations[join.from as usize];
        let _ = writeln!(
            out,
            "joined: {} [{}] ({})",
            joined.title.as_deref().unwrap_or(&joined.key),
            joined.platform,
            join.reason.as_str()
        );
    }
    let order = &analyses.threads.order[conversation as usize];
    let mut platforms: Vec<&str> = order.iter().map(|&i| corpus.written_on(i)).collect();
    platforms.sort_unstable();
    platforms.dedup();
    let several_platforms = platforms.len() > 1;
    for &i in order {
        let item = &corpus.items[i as usize];
        let indent = "  ".repeat(analyses.threads.depth[i as usize] as usize);
        let author = corpus.author(item);
        let mut flags = Vec::new();
        if several_platforms {
            flags.push(author.platform.clone());
        }
        if author.is_owner {
            flags.push("owner".to_string());
        }
        if item.state != State::Public {
            flags.push(item.state.as_str().to_string());
        }
        if item.kind.is_link_notice()
            || item.kind.is_attention()
            || matches!(item.kind, ItemKind::Mention | ItemKind::Quote)
        {
            flags.push(item.kind.as_str().to_string());
        }
        if item.parent_missing {
            flags.push("parent missing".to_string());
        }
        let to: Vec<String> = analyses.threads.addresses[i as usize]
            .iter()
            .filter(|a| a.via != Via::Post || item.kind.is_response())
            .map(|a| {
                let target = &corpus.items[a.target as usize];
                format!("{} #{}", corpus.author(target).display_name, corpus.native_id(target))
            })
            .collect();
        let _ = writeln!(
            out,
            "{indent}#{} {} {}{}{}",
            corpus.native_id(item),
            author.display_name,
            item.created_at.map(rfc3339).unwrap_or_else(|| "(no date)".into()),
            if flags.is_empty() { String::new() } else { format!(" [{}]", flags.join(", ")) },
            if to.is_empty() { String::new() } else { format!(" -> {}", to.join(", ")) },
        );
        if item.state == State::Public || item.state == State::Pending {
            let _ = writeln!(out, "{indent}   {}", excerpt(corpus.text(item), 100));
        }
        if let Some(answer) = analyses.response.first_answer[i as usize]
            .filter(|_| relate_analysis::response::is_others_comment(corpus, i))
        {
            let _ = writeln!(out, "{indent}   answered by #{}", corpus.native_id_of(answer));
        } else if relate_analysis::response::is_others_comment(corpus, i) {
            let _ = writeln!(out, "{indent}   (no answer from us)");
        }
    }
    out.push_str(&crate::phases::thread_line(corpus, analyses, conversation));
    out
}

fn duration(seconds: i64) -> String {
    match seconds {
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{:.1} h", s as f64 / 3600.0),
        s => format!("{:.1} days", s as f64 / 86_400.0),
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}
