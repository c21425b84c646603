//! `convokit`: a ConvoKit corpus directory (Cornell's conversational-analysis toolkit).
//!
//! ## Format
//! `utterances.jsonl` (one utterance per line: `id`, `speaker`, `conversation_id` = id of the
//! root utterance, `reply-to`, `timestamp`, `text`, `meta`), beside `speakers.json`,
//! `conversations.json`, `corpus.json` and `index.json` (convokit.cornell.edu
//! data_format; notes in `../shared/corpus/FORMATS.md` §9).
//!
//! ## Mapping
//! - Each `conversation_id` becomes a [`Conversation`]; an utterance without `reply-to` is its
//!   post, one replying to the root a comment, any other a reply.
//! - Speakers become participants on platform `convokit` with the speaker id as handle, so
//!   `relate owner add convokit:ID` declares the owner.
//! - `meta.url`, when present, becomes the item's URL.
//!
//! ## Known quirks
//! - On disk the key is `reply-to` (hyphen) though the docs write `reply_to`; both are read.
//! - Legacy (2019) corpora use `user` for the speaker and `root` for the conversation, and
//!   `users.json` for speakers. Some legacy corpora ship without `utterances.jsonl` at all;
//!   that is an error naming what is there.
//! - Ids and timestamps come as strings or numbers (timestamps also as floats).
//! - Reddit-derived corpora mark removed text as `[deleted]` or `[removed]`: such items are
//!   `deleted`; the speaker `[deleted]` stands for many people and is never counted as one.

use rustc_hash::FxHashSet as HashSet;
use std::io::BufRead;

use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};
use serde::Deserialize;

use crate::content::extract_links;
use crate::json::Scalar;
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct ConvoKit;

const ID: &str = "convokit";

impl Importer for ConvoKit {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "ConvoKit corpus directory (utterances.jsonl, speakers.json, ...), current and 2019 layout"
    }

    fn detect(&self, input: &Input) -> Detection {
        if !input.is_dir() {
            return match input.files().first() {
                Some(n) if n == "utterances.jsonl" => Detection::Yes,
                _ => Detection::No,
            };
        }
        if input.has("utterances.jsonl") {
            Detection::Yes
        } else if input.has("index.json") && (input.has("speakers.json") || input.has("users.json"))
        {
            // A ConvoKit corpus without utterances: ours to reject with a clear message.
            Detection::Maybe
        } else {
            Detection::No
        }
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let file = "utterances.jsonl";
        if input.is_dir() && !input.has(file) {
            return Err(ImportError::not_this_format(
                input.display_path(file),
                ID,
                format!(
                    "the corpus has no utterances.jsonl (found: {}); legacy corpora sometimes ship their utterances separately",
                    input.files().join(", ")
                ),
            ));
        }
        let name = if input.is_dir() { file.to_string() } else { input.files().remove(0) };
        let corpus = corpus_name(input);
        let reader = input.open_or_err(&name)?;
        let mut speakers: HashSet<String> = HashSet::default();
        let mut conversations: HashSet<String> = HashSet::default();
        let mut good = 0u64;
        let mut line_no = 0u64;
        let location = |line: u64| format!("{}:{line}", input.display_path(&name).display());
        let io = ImportError::io(input.display_path(&name));
        for line in reader.lines() {
            line_no += 1;
            let line = line.map_err(&io)?;
            if line.trim().is_empty() {
                continue;
            }
            let utt: Utterance = match serde_json::from_str(&line) {
                Ok(u) => u,
                Err(err) => {
                    if line_no == 1 && !line.trim_start().starts_with('{') {
                        return Err(ImportError::not_this_format(
                            input.display_path(&name),
                            ID,
                            "the first line is not a JSON object",
                        ));
                    }
                    sink.warn(Warning {
                        location: location(line_no),
                        message: format!("not a valid utterance, skipped: {err}"),
                    });
                    continue;
                }
            };
            let Some(id) = utt.id.as_ref().and_then(id_text) else {
                sink.warn(Warning {
                    location: location(line_no),
                    message: "utterance without id, skipped".into(),
                });
                continue;
            };
            let speaker = utt
                .speaker
                .as_ref()
                .or(utt.user.as_ref())
                .and_then(id_text)
                .unwrap_or_else(|| "[unknown]".to_string());
            let reply_to =
                utt.reply_to.as_ref().or(utt.reply_to_underscore.as_ref()).and_then(id_text);
            let root = utt
                .conversation_id
                .as_ref()
                .or(utt.root.as_ref())
                .and_then(id_text)
                .unwrap_or_else(|| {
                    if reply_to.is_some() {
                        sink.warn(Warning {
                            location: location(line_no),
                            message: format!("utterance {id} has no conversation_id; it starts a conversation of its own"),
                        });
                    }
                    id.clone()
                });
            let speaker_key = format!("convokit:{corpus}:speaker:{speaker}");
            if speakers.insert(speaker.clone()) {
                let anonymous = matches!(speaker.as_str(), "[deleted]" | "[removed]" | "[unknown]");
                sink.participant(Participant {
                    key: speaker_key.clone(),
                    platform: "convokit".into(),
                    handle: speaker.clone(),
                    display_name: speaker.clone(),
                    url: None,
                    kind: if anonymous {
                        ParticipantKind::Unknown
                    } else {
                        ParticipantKind::Person
                    },
                    site_author: false,
                })?;
            }
            let conversation_key = format!("convokit:{corpus}:conversation:{root}");
            if conversations.insert(root.clone()) {
                sink.conversation(Conversation {
                    key: conversation_key.clone(),
                    platform: "convokit".into(),
                    title: None,
                    url: None,
                })?;
            }
            let text = utt.text.unwrap_or_default();
            let state = match text.trim() {
                "[deleted]" | "[removed]" => State::Deleted,
                _ => State::Public,
            };
            let kind = match &reply_to {
                None => ItemKind::Post,
                Some(p) if *p == root => ItemKind::Comment,
                Some(_) => ItemKind::Reply,
            };
            let url = utt.meta.and_then(|m| m.url);
            let links = if text.contains("http") || text.contains("www.") {
                extract_links(&text, Vec::new())
            } else {
                Vec::new()
            };
            sink.item(Item {
                key: format!("convokit:{corpus}:utterance:{id}"),
                native_id: id,
                conversation: conversation_key,
                parent: reply_to.map(|p| format!("convokit:{corpus}:utterance:{p}")),
                author: speaker_key,
                kind,
                state,
                created_at: utt.timestamp.as_ref().and_then(seconds),
                title: None,
                url,
                text,
                html: None,
                links,
                mentions: Vec::new(),
            })?;
            good += 1;
        }
        if good == 0 && line_no > 0 {
            return Err(ImportError::not_this_format(
                input.display_path(&name),
                ID,
                "no line is a ConvoKit utterance",
            ));
        }
        Ok(ImportSummary::default())
    }
}

/// `corpus.json`'s `name`, else the directory's name: the namespace of every key.
fn corpus_name(input: &Input) -> String {
    let from_meta = input
        .has("corpus.json")
        .then(|| input.head("corpus.json", 1 << 20))
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|v| v.get("name").and_then(|n| n.as_str()).map(str::to_string));
    let dir = if input.is_dir() { Some(input.path()) } else { input.path().parent() };
    from_meta
        .or_else(|| dir.and_then(|d| d.file_name()).map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "corpus".to_string())
        .replace(':', "_")
}

#[derive(Deserialize)]
struct Utterance {
    id: Option<Scalar>,
    speaker: Option<Scalar>,
    user: Option<Scalar>,
    conversation_id: Option<Scalar>,
    root: Option<Scalar>,
    #[serde(rename = "reply-to")]
    reply_to: Option<Scalar>,
    #[serde(rename = "reply_to")]
    reply_to_underscore: Option<Scalar>,
    timestamp: Option<Scalar>,
    text: Option<String>,
    meta: Option<Meta>,
}

/// The one metadata field relate reads; the others are skipped without being built.
#[derive(Deserialize)]
struct Meta {
    #[serde(default, deserialize_with = "string_or_nothing")]
    url: Option<String>,
}

fn string_or_nothing<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Scalar::deserialize(d)? {
        Scalar::Text(s) => Some(s),
        _ => None,
    })
}

/// An id as text. Unlike [`Scalar::text`], floats count (pandas writes integer ids as
/// `123.0`) and strings are taken as they are.
fn id_text(id: &Scalar) -> Option<String> {
    let float = |f: f64| if f.fract() == 0.0 { format!("{f:.0}") } else { f.to_string() };
    match id {
        Scalar::Number(n) => {
            Some(i64::try_from(*n).map_or_else(|_| float(*n as f64), |i| i.to_string()))
        }
        Scalar::Signed(i) => Some(i.to_string()),
        Scalar::Float(f) => Some(float(*f)),
        Scalar::Text(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// A timestamp: unix seconds as a number or a string, or RFC 3339.
fn seconds(id: &Scalar) -> Option<i64> {
    match id {
        Scalar::Number(n) => Some(i64::try_from(*n).unwrap_or(i64::MAX)),
        Scalar::Signed(i) => Some(*i),
        Scalar::Float(f) if f.is_finite() => Some(*f as i64),
        Scalar::Text(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| f as i64)
            .or_else(|| relate_model::time::parse_rfc3339(s)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::VecSink;
    use crate::{ImportContext, Pseudonymizer};

    fn import_dir(files: &[(&str, &str)]) -> (Result<ImportSummary, ImportError>, VecSink) {
        let dir = std::env::temp_dir().join(format!(
            "relate-convokit-{}-{}",
            std::process::id(),
            files[0].1.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, body) in files {
            std::fs::write(dir.join(name), body).unwrap();
        }
        let input = Input::from_path(&dir).unwrap();
        let ctx = ImportContext::new(Pseudonymizer::new(b"t"));
        let mut sink = VecSink::default();
        let res = ConvoKit.import(&input, &ctx, &mut sink);
        (res, sink)
    }

    #[test]
    fn legacy_keys_numeric_ids_and_broken_lines() {
        let (res, sink) = import_dir(&[(
            "utterances.jsonl",
            "{\"id\": 1, \"user\": \"ann\", \"root\": 1, \"reply-to\": null, \"timestamp\": 1.5e9, \"text\": \"hi\"}\n\
             {\"id\": \"2\", \"user\": \"bob\", \"root\": \"1\", \"reply_to\": 1, \"timestamp\": \"1500000100\", \"text\": \"[deleted]\"}\n\
             {broken\n\
             {\"id\": \"3\", \"speaker\": \"ann\", \"conversation_id\": \"1\", \"reply-to\": \"2\", \"text\": \"see https://example.org/x.\"}\n",
        )]);
        res.unwrap();
        assert_eq!(sink.items.len(), 3);
        assert_eq!(sink.items[0].kind, ItemKind::Post);
        assert_eq!(sink.items[0].created_at, Some(1_500_000_000));
        assert_eq!(sink.items[1].kind, ItemKind::Comment);
        assert_eq!(sink.items[1].state, State::Deleted);
        assert_eq!(sink.items[2].kind, ItemKind::Reply);
        assert_eq!(sink.items[2].links, vec!["https://example.org/x"]);
        assert_eq!(sink.participants.len(), 2);
        assert_eq!(sink.warnings.len(), 1);
        assert!(sink.warnings[0].location.ends_with("utterances.jsonl:3"), "{:?}", sink.warnings);
    }

    #[test]
    fn corpus_without_utterances_is_a_clear_error() {
        let (res, _) = import_dir(&[("index.json", "{}"), ("users.json", "{}")]);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("no utterances.jsonl") && err.contains("users.json"), "{err}");
    }
}
