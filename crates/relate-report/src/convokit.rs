//! ConvoKit corpus export: the public items as a corpus directory ConvoKit 5 loads with
//! `Corpus(filename=DIR)` (convokit.cornell.edu data_format).
//!
//! Utterance ids are relate's stable item keys; `conversation_id` is the id of the
//! conversation's root utterance, as ConvoKit requires; `reply-to` is the parent when the
//! parent is exported too (a reply whose parent is hidden or missing becomes a root of
//! nothing: `reply-to` null, `meta.parent_hidden` true). Only public items with words are
//! written: likes and boosts are attention, not utterances. `meta.uptake` is how much a reply
//! builds on its parent (0..1, 3 decimals; null for roots), see docs/measures.md.
//! `meta.acts` lists the utterance's discourse acts by name (`question`, `answer`,
//! `acknowledgement`, `agreement`, `disagreement`, `suggestion`, `source`; docs/measures.md).
//! `meta.concepts` lists the concepts the utterance brought in or took up (learning moments:
//! `relate learned`), as their introducer wrote them.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use relate_analysis::Analyses;
use relate_analysis::learning::MomentKind;
use relate_model::State;
use relate_model::corpus::Corpus;
use serde_json::{Value, json};

/// What was written, for the summary line and for tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub utterances: u64,
    pub reply_links: u64,
    pub conversations: u64,
    pub speakers: u64,
}

/// How much item `i` builds on its parent (`relate_analysis::uptake`), rounded to 3
/// decimals; `None` (null) for roots and items that answer nothing.
fn uptake(analyses: &Analyses, i: u32) -> Option<f64> {
    let score = analyses.uptake.score.get(i as usize).copied().flatten()?;
    Some((f64::from(score) * 1000.0).round() / 1000.0)
}

/// Writes the corpus files through `open`, which returns a writer for a file name.
pub fn write(
    corpus: &Corpus,
    analyses: &Analyses,
    open: &mut dyn FnMut(&str) -> io::Result<Box<dyn Write>>,
) -> io::Result<Written> {
    // likes and boosts carry no words: attention, not utterances
    let exported: Vec<bool> =
        corpus.items.iter().map(|i| i.state == State::Public && !i.kind.is_attention()).collect();
    let key = |i: u32| -> String {
        let item = &corpus.items[i as usize];
        let c = &corpus.conversations[item.conversation as usize];
        format!("{}#{}", c.key, corpus.native_id(item))
    };
    // concepts each item brought in or took up (learning moments, sources aside)
    let mut concepts: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for m in analyses.learning.moments.iter().filter(|m| m.kind != MomentKind::Source) {
        for at in std::iter::once(m.item).chain(m.taken_up_in) {
            let list = concepts.entry(at).or_default();
            if !list.contains(&m.what.as_str()) {
                list.push(&m.what);
            }
        }
    }
    let mut written = Written::default();
    let mut speakers: BTreeSet<u32> = BTreeSet::new();
    let mut conversations: BTreeMap<String, u32> = BTreeMap::new();
    let mut out = open("utterances.jsonl")?;
    for (c, order) in analyses.threads.order.iter().enumerate() {
        let public: Vec<u32> = order.iter().copied().filter(|&i| exported[i as usize]).collect();
        // the root: the post if it is public, else the first public item
        let Some(&root) =
            public.iter().find(|&&i| corpus.items[i as usize].parent.is_none()).or(public.first())
        else {
            continue;
        };
        let root_id = key(root);
        conversations.insert(root_id.clone(), c as u32);
        for &i in &public {
            let item = &corpus.items[i as usize];
            let parent = item.parent.filter(|&p| exported[p as usize]);
            let reply_to =
                if i == root { None } else { Some(parent.map_or_else(|| root_id.clone(), key)) };
            let participant = corpus.author(item);
            speakers.insert(item.author);
            let addressed: Vec<String> =
                analyses.threads.addresses[i as usize].iter().map(|a| key(a.target)).collect();
            let line = json!({
                "id": key(i),
                "conversation_id": root_id,
                "speaker": participant.key,
                "reply-to": reply_to,
                "timestamp": item.created_at,
                "text": corpus.text(item),
                "meta": {
                    "kind": item.kind.as_str(),
                    "native_id": corpus.native_id(item),
                    "url": item.url(),
                    "links": item.links(),
                    "addressed": addressed,
                    "parent_hidden": item.parent.is_some() && parent.is_none() || item.parent_missing,
                    "uptake": uptake(analyses, i),
                    "acts": analyses.acts.of(i).names(),
                    "concepts": concepts.get(&i).cloned().unwrap_or_default(),
                },
                "vectors": [],
            });
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
            written.utterances += 1;
            written.reply_links += reply_to.is_some() as u64;
        }
    }
    out.flush()?;
    drop(out);

    let speakers_json: serde_json::Map<String, Value> = speakers
        .iter()
        .map(|&p| {
            let p = &corpus.participants[p as usize];
            (
                p.key.clone(),
                json!({"meta": {"name": p.display_name, "platform": p.platform, "owner": p.is_owner}, "vectors": []}),
            )
        })
        .collect();
    written.speakers = speakers_json.len() as u64;
    write_json(open, "speakers.json", &Value::Object(speakers_json))?;
    let conversations_json: serde_json::Map<String, Value> = conversations
        .iter()
        .map(|(root, &c)| {
            let c = &corpus.conversations[c as usize];
            (root.clone(), json!({"meta": {"title": c.title, "url": c.url, "platform": &*c.platform}, "vectors": []}))
        })
        .collect();
    written.conversations = conversations_json.len() as u64;
    write_json(open, "conversations.json", &Value::Object(conversations_json))?;
    write_json(open, "corpus.json", &json!({"name": "relate export"}))?;
    let s = "<class 'str'>";
    let index = json!({
        "utterances-index": {
            "kind": [s], "native_id": [s], "url": [s, "<class 'NoneType'>"], "links": ["<class 'list'>"],
            "addressed": ["<class 'list'>"], "parent_hidden": ["<class 'bool'>"],
            "uptake": ["<class 'float'>", "<class 'NoneType'>"],
            "acts": ["<class 'list'>"], "concepts": ["<class 'list'>"]
        },
        "speakers-index": {"name": [s], "platform": [s], "owner": ["<class 'bool'>"]},
        "conversations-index": {"title": [s, "<class 'NoneType'>"], "url": [s, "<class 'NoneType'>"], "platform": [s]},
        "overall-index": {"name": [s]},
        "version": 1,
        "vectors": [],
    });
    write_json(open, "index.json", &index)?;
    Ok(written)
}

fn write_json(
    open: &mut dyn FnMut(&str) -> io::Result<Box<dyn Write>>,
    name: &str,
    value: &Value,
) -> io::Result<()> {
    let mut out = open(name)?;
    serde_json::to_writer(&mut out, value)?;
    out.flush()
}
