//! The JSON contract scripts rely on (README, "JSON output"). Keys are stable; new keys
//! may be added. `conversations`, `participants`, `owner_response_coverage`,
//! `reciprocal_ties` and `excluded` each appear exactly once in a report.

use relate_analysis::Analyses;
use relate_analysis::learning::{excerpt, quote};
use relate_model::corpus::Corpus;
use relate_model::time::rfc3339;
use serde_json::{Value, json};

use crate::{
    Filter, conversations, excluded, item_platform, item_url, moment_day, moments_matching, owners,
    time_span, vanity,
};

/// The display name of the participant with `key`, or the key when it is not loaded.
fn account_name(corpus: &Corpus, key: &str) -> String {
    corpus
        .participants
        .iter()
        .find(|p| p.key == key)
        .map_or_else(|| key.to_string(), |p| p.display_name.clone())
}

/// Lists in a report stop here: a report summarises; full lists have their own commands.
const LIST_LIMIT: usize = 100;

pub fn report(corpus: &Corpus, analyses: &Analyses) -> Value {
    let owners = owners(corpus);
    let span = time_span(corpus);
    let (first, last) = (span.map(|s| rfc3339(s.0)), span.map(|s| rfc3339(s.1)));
    let mut platforms: Vec<&str> = corpus.conversations.iter().map(|c| &*c.platform).collect();
    platforms.sort_unstable();
    platforms.dedup();
    let r = &analyses.response;
    let unanswered: Vec<Value> =
        r.unanswered.iter().take(LIST_LIMIT).map(|&i| item_ref(corpus, i)).collect();
    let learning = &analyses.learning;
    use relate_analysis::learning::MomentKind as K;
    let broken =
        learning.moments.iter().filter(|m| m.kind == K::Source && m.reported_broken).count();
    json!({
        "relate_version": env!("CARGO_PKG_VERSION"),
        "scope": { "from": first, "to": last, "platforms": platforms, "owners": owners },
        "vanity": vanity(corpus).iter().map(|(k, n)| (format!("{}s", k.as_str()), json!(n))).collect::<serde_json::Map<_, _>>(),
        "conversations": conversations(corpus),
        "participants": analyses.ties.participants,
        "returning_participants": analyses.ties.returning_participants,
        "reciprocal_ties": analyses.ties.reciprocal_ties,
        "response": {
            "others_comments": r.others_comments,
            "answered": r.answered,
            "owner_response_coverage": r.owner_response_coverage.map(|c| (c * 1000.0).round() / 1000.0),
            "median_seconds_to_first_answer": r.median_seconds_to_first_answer,
            "unanswered": unanswered,
            "unanswered_count": r.unanswered.len(),
        },
        "response_by_platform": crate::care::by_platform_json(r),
        "self_talk": crate::care::self_talk_json(&analyses.self_talk),
        "learning": {
            "acknowledged": learning.count(K::Acknowledged),
            "quoted": learning.count(K::Quoted),
            "uptake": learning.count(K::Uptake),
            "sources": learning.count(K::Source),
            "sources_reported_broken": broken,
            // the reverse: others took up what we brought in (not in the counts above)
            "from_us": {
                "count": learning.from_us.len(),
                "acknowledged": learning.count_from_us(K::Acknowledged),
                "uptake": learning.count_from_us(K::Uptake),
            },
        },
        "sources": crate::sources::report_json(corpus, analyses),
        "phases": crate::phases::report_json(analyses),
        "cross_site_links": analyses.pingbacks,
        "people": &analyses.ties.people[..analyses.ties.people.len().min(LIST_LIMIT)],
        "people_count": analyses.ties.people.len(),
        "excluded": excluded(corpus).iter().map(|(s, n)| (s.as_str().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "structure": analyses.structure,
        "audience": {
            "figures": analyses.audience.figures.iter().map(|f| json!({
                "platform": f.platform,
                "account": f.account.as_deref().map(|key| account_name(corpus, key)),
                "metric": f.metric,
                "value": f.value,
                "at": rfc3339(f.at),
                "first_value": f.first_value,
                "first_at": f.first_at.map(rfc3339),
            })).collect::<Vec<_>>(),
            "item_totals": analyses.audience.item_totals,
        },
        "stitched": analyses.stitched.iter().take(LIST_LIMIT).map(|j| json!({
            "conversation": &*corpus.conversations[j.from as usize].key,
            "joined": &*corpus.conversations[j.into as usize].key,
            "reason": j.reason.as_str(),
        })).collect::<Vec<_>>(),
        "stitched_count": analyses.stitched.len(),
    })
}

/// `relate learned --json`: one entry per moment `filter` selects, oldest first.
pub fn learned(corpus: &Corpus, analyses: &Analyses, filter: &Filter<'_>) -> Value {
    let entries: Vec<Value> = moments_matching(corpus, analyses, filter)
        .into_iter()
        .map(|m| {
            let item = &corpus.items[m.item as usize];
            let taken = m.taken_up_in.map(|o| &corpus.items[o as usize]);
            let conversation = &corpus.conversations[item.conversation as usize];
            json!({
                "what": m.what,
                "from": corpus.participants[m.from as usize].display_name,
                "taken_up_by": taken.map(|t| corpus.author(t).display_name.clone()),
                "item": corpus.native_id(item),
                "at": item.created_at.map(rfc3339),
                "day": moment_day(corpus, m),
                "platform": item_platform(corpus, m.item),
                "url": item_url(corpus, m.item),
                "kind": m.kind,
                "direction": m.direction,
                "taken_up_item": taken.map(|t| corpus.native_id(t)),
                "taken_up_at": taken.and_then(|t| t.created_at).map(rfc3339),
                "taken_up_platform": m.taken_up_in.map(|o| item_platform(corpus, o)),
                "conversation": { "key": conversation.key, "title": conversation.title, "url": conversation.url },
                "reported_broken": m.reported_broken,
                "evidence": {
                    "introduced": quote(corpus, m.item, m.introduced_at),
                    "taken_up": m.taken_up_in.zip(m.taken_up_at).map(|(o, at)| quote(corpus, o, at)),
                    "acknowledgement": m.acknowledgement,
                },
            })
        })
        .collect();
    Value::Array(entries)
}

fn item_ref(corpus: &Corpus, index: u32) -> Value {
    let item = &corpus.items[index as usize];
    let conversation = &corpus.conversations[item.conversation as usize];
    json!({
        "item": corpus.native_id(item),
        "author": corpus.author(item).display_name,
        "at": item.created_at.map(rfc3339),
        "conversation": conversation.title.clone().unwrap_or_else(|| conversation.key.clone()),
        "excerpt": excerpt(corpus.text(item), 120),
    })
}
