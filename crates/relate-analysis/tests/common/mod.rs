//! The hand-coded evaluation set (`eval/learning/`, see its README) as a `Corpus` plus codes,
//! for tests that measure an analysis against human judgement.

#![allow(dead_code, unreachable_pub)]

use std::collections::HashMap;
use std::path::Path;

use relate_model::corpus::{Corpus, CorpusConversation, CorpusItem, CorpusParticipant, ItemExtra};
use relate_model::{ItemKind, ParticipantKind, State};

/// One row of `codes.csv`.
#[derive(Debug, Clone)]
pub struct Code {
    /// Index of the coded item in the corpus.
    pub item: u32,
    pub id: String,
    pub learning_moment: bool,
    /// 0, 1 or 2.
    pub uptake: u8,
    pub acts: Vec<String>,
    /// Index of the item where the concept was introduced, for concept uptake.
    pub concept_from: Option<u32>,
    pub concept: Option<String>,
    /// The coder's note (why, and from whom: "learns from the owner").
    pub notes: String,
}

pub struct EvalSet {
    pub corpus: Corpus,
    pub codes: Vec<Code>,
    /// Item id -> index.
    pub index: HashMap<String, u32>,
}

pub fn load() -> EvalSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/learning");
    let threads = std::fs::read_to_string(dir.join("threads.jsonl")).expect("threads.jsonl");
    let mut corpus = Corpus::default();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut conversations: HashMap<String, u32> = HashMap::new();
    let mut people: HashMap<String, u32> = HashMap::new();
    let mut parents: Vec<(u32, String)> = Vec::new();
    for line in threads.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let thread = s("thread");
        let conversation = *conversations.entry(thread.clone()).or_insert_with(|| {
            corpus.conversations.push(CorpusConversation {
                key: thread.clone().into(),
                platform: s("platform").into(),
                title: None,
                url: None,
                joined_into: None,
            });
            (corpus.conversations.len() - 1) as u32
        });
        let author = s("author");
        let owner = v["owner"].as_bool().unwrap_or(false);
        let author_index = *people.entry(author.clone()).or_insert_with(|| {
            corpus.participants.push(CorpusParticipant {
                key: format!("eval:{author}"),
                platform: s("platform"),
                handle: author.clone(),
                display_name: author.clone(),
                url: None,
                kind: ParticipantKind::Person,
                is_owner: false,
                merged_into: None,
            });
            (corpus.participants.len() - 1) as u32
        });
        if owner {
            corpus.participants[author_index as usize].is_owner = true;
        }
        let text = s("text");
        let links: Vec<String> = text
            .split_whitespace()
            .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
            .map(|w| w.trim_end_matches(['.', ',', ')', ';', ':', '!', '?']).to_string())
            .collect();
        let i = corpus.items.len() as u32;
        let native_id = corpus.push_str(&s("id"));
        let text_span = corpus.push_str(&text);
        let parent = v["parent"].as_str().map(str::to_string);
        corpus.items.push(CorpusItem {
            native_id,
            conversation,
            parent: None,
            parent_missing: false,
            author: author_index,
            account: author_index,
            kind: if parent.is_some() { ItemKind::Comment } else { ItemKind::Post },
            state: State::Public,
            created_at: relate_model::time::parse_rfc3339(&s("time")),
            text: text_span,
            extra: ItemExtra::new(None, links.into()),
        });
        index.insert(s("id"), i);
        if let Some(p) = parent {
            parents.push((i, p));
        }
    }
    for (child, parent) in parents {
        let p = index[&parent];
        corpus.items[child as usize].parent = Some(p);
        if corpus.items[p as usize].kind != ItemKind::Post {
            corpus.items[child as usize].kind = ItemKind::Reply;
        }
    }
    let codes_text = std::fs::read_to_string(dir.join("codes.csv")).expect("codes.csv");
    let mut reader = csv::Reader::from_reader(codes_text.as_bytes());
    let mut codes = Vec::new();
    for row in reader.records() {
        let row = row.expect("valid CSV row");
        let id = row[0].to_string();
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        codes.push(Code {
            item: index[&id],
            id,
            learning_moment: &row[1] == "1",
            uptake: row[2].parse().expect("uptake 0..2"),
            acts: row[3].split(';').filter(|a| !a.is_empty()).map(str::to_string).collect(),
            concept_from: opt(&row[4]).map(|c| index[&c]),
            concept: opt(&row[5]),
            notes: row.get(6).unwrap_or_default().to_string(),
        });
    }
    EvalSet { corpus, codes, index }
}

/// Precision and recall of `predicted` against `truth` (both per coded item); 0 where
/// undefined (nothing predicted, nothing true).
pub fn precision_recall(predicted: &[bool], truth: &[bool]) -> (f64, f64) {
    let (p, r) = relate_analysis::calibrate::precision_recall(predicted, truth);
    (p.unwrap_or(0.0), r.unwrap_or(0.0))
}
