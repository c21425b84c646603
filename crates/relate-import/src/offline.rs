//! `offline`: encounters that happened away from the screen (a guided tour, a talk, an open
//! depot day, the conversation afterwards), written down by the institution so that they
//! count beside the online ones: online and offline are one life.
//!
//! ## Format
//! relate's own, documented in `docs/formats/offline.md`. Either a table with exactly the
//! header `date,event,people,notes` (`;` or tab also work as delimiters, as German Excel
//! writes them):
//!
//! ```text
//! date,event,people,notes
//! 2024-03-09,Open depot day,"Anna Weber; Jonas Klein; Mira",Asked about the tram signs.
//! ```
//!
//! or Markdown, one file per encounter or several in one file, each starting at a level-one
//! heading, followed by a `date:` and a `people:` line, then the notes:
//!
//! ```text
//! # Open depot day
//! date: 2024-03-09
//! people: Anna Weber; Jonas Klein; Mira
//!
//! Anna asked about the tram signs; Jonas knew the man who painted them.
//! ```
//!
//! `people` are separated by `;` (a comma may be part of a name: `Weber, Anna`). `date` is
//! `YYYY-MM-DD` or `DD.MM.YYYY`, optionally with a time (`2024-03-09 14:00`, taken as UTC).
//! The input is one such file or a folder of them (`offline/*.md`, tables beside them).
//!
//! ## Mapping
//! - Each encounter is a [`Conversation`] on platform `offline`, keyed
//!   `offline:<YYYY-MM-DD>:<event slug>` (`offline:2024-04-13:lecture-printing-in-1900`),
//!   titled with the event; the same key for the post, and `<key>:<person>` per person.
//! - The notes are one [`ItemKind::Post`] by the owner, participant `offline:owner`, a site
//!   author (so an owner without any declaration).
//! - Each person present is one [`ItemKind::Attendance`] on the post with empty text, so the
//!   people who came count in ties and returning visitors and each encounter counts as a
//!   conversation, while nobody counts as a comment left waiting for an answer. People are participants keyed `offline:<name, lowercased, whitespace
//!   collapsed>`: `Anna  Weber` and `anna weber` are one person across encounters.
//!
//! ## Known quirks
//! - A `people` field with commas but no `;` is read as one name, with a warning: splitting
//!   it could invent people (`Weber, Anna`).
//! - The same person twice in one encounter is one comment. The same encounter (date and
//!   event) twice is imported once, with a warning.
//! - A missing or unreadable date skips the encounter with a warning (`file:line`); an
//!   encounter without people keeps its notes, with a warning.
//! - A name that is an e-mail address becomes a participant keyed by a hash made with the
//!   workspace secret; the address is never stored.
//! - Files that are not UTF-8 are read as Windows-1252, with a warning (see `tabular`).
//!   Markdown files without an encounter (a README) are skipped and counted.

use std::collections::HashSet;

use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};

use crate::content::extract_links;
use crate::content::is_email;
use crate::tabular::{decode, header_fields_with, parse_time, sniff_delimiter, strip_bom};
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct Offline;

const ID: &str = "offline";
const HEADER: [&str; 4] = ["date", "event", "people", "notes"];
const OWNER: &str = "offline:owner";

impl Importer for Offline {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Offline encounters (tours, talks, visits): date,event,people,notes table or Markdown notes"
    }

    fn detect(&self, input: &Input) -> Detection {
        let files = input.files();
        // a folder is sniffed by its first few candidates, to stay cheap on big folders
        let found = files.iter().filter(|f| is_markdown(f) || is_table(f)).take(64).any(|name| {
            let head = input.head(name, 64 * 1024);
            if is_table(name) { is_encounter_table(&head) } else { has_encounters(&head) }
        });
        if found { Detection::Yes } else { Detection::No }
    }

    fn import(
        &self,
        input: &Input,
        ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let mut state = Encounters {
            ctx,
            seen_people: HashSet::new(),
            seen_encounters: HashSet::new(),
            encounters: 0,
        };
        let mut summary = ImportSummary::default();
        let files: Vec<String> =
            input.files().into_iter().filter(|f| is_markdown(f) || is_table(f)).collect();
        for name in &files {
            let bytes = input.read(name).map_err(ImportError::io(input.display_path(name)))?;
            let location = |line: usize| format!("{}:{line}", input.display_path(name).display());
            let (text, repaired) = decode(strip_bom(&bytes));
            if repaired {
                sink.warn(Warning {
                    location: location(1),
                    message: "the file is not UTF-8; read as Windows-1252 (Latin-1). Check names with accents or umlauts".into(),
                });
            }
            let encounters = if is_table(name) {
                if !is_encounter_table(&bytes) {
                    if input.is_dir() {
                        // another table beside the notes: not ours to read
                        *summary.skipped.entry("table without encounters".into()).or_default() += 1;
                        continue;
                    }
                    return Err(ImportError::not_this_format(
                        input.display_path(name),
                        ID,
                        format!("the header must be exactly {}", HEADER.join(",")),
                    ));
                }
                read_table(text.as_bytes(), &location, sink)
            } else {
                read_markdown(&text, &location)
            };
            if encounters.is_empty() && is_markdown(name) {
                *summary.skipped.entry("markdown without encounters".into()).or_default() += 1;
                continue;
            }
            for encounter in encounters {
                state.emit(encounter, sink)?;
            }
        }
        if state.encounters == 0 {
            return Err(input.not_this_format(ID, "no encounter found (a `# Event` heading with `date:` and `people:` lines, or a date,event,people,notes table)"));
        }
        Ok(summary)
    }
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn is_table(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".tsv")
}

fn is_encounter_table(head: &[u8]) -> bool {
    header_fields_with(head, sniff_delimiter(strip_bom(head))) == HEADER
}

/// A heading and a `people:` line: the Markdown form.
fn has_encounters(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(strip_bom(head));
    let mut heading = false;
    for line in text.lines() {
        heading |= line.starts_with("# ");
        if heading && meta(line).is_some_and(|(key, _)| key == "people") {
            return true;
        }
    }
    false
}

/// A `date:` or `people:` line, as (key, value).
fn meta(line: &str) -> Option<(&'static str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    let key = ["date", "people"].into_iter().find(|k| *k == key)?;
    Some((key, value.trim()))
}

/// One encounter as written, before it is checked.
struct Encounter {
    location: String,
    event: String,
    date: Option<String>,
    people: Option<String>,
    notes: String,
}

fn read_table(
    bytes: &[u8],
    location: &dyn Fn(usize) -> String,
    sink: &mut dyn Sink,
) -> Vec<Encounter> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(bytes))
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line() as usize);
                sink.warn(Warning {
                    location: location(line),
                    message: format!("unreadable row, skipped: {err}"),
                });
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |i: usize| record.get(i).map(str::trim).unwrap_or("");
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.push(Encounter {
            location: location(line),
            event: field(1).to_string(),
            date: Some(field(0).to_string()).filter(|d| !d.is_empty()),
            people: Some(field(2).to_string()),
            notes: field(3).to_string(),
        });
    }
    out
}

fn read_markdown(text: &str, location: &dyn Fn(usize) -> String) -> Vec<Encounter> {
    let mut out: Vec<Encounter> = Vec::new();
    // while true, `date:`/`people:` lines (and blank lines) are the encounter's header
    let mut in_header = false;
    for (index, line) in text.lines().enumerate() {
        if let Some(title) = line.strip_prefix("# ") {
            out.push(Encounter {
                location: location(index + 1),
                event: title.trim().to_string(),
                date: None,
                people: None,
                notes: String::new(),
            });
            in_header = true;
            continue;
        }
        let Some(current) = out.last_mut() else { continue };
        if in_header {
            if let Some((key, value)) = meta(line) {
                match key {
                    "date" => current.date = Some(value.to_string()),
                    _ => current.people = Some(value.to_string()),
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            in_header = false;
        }
        current.notes.push_str(line);
        current.notes.push('\n');
    }
    // a heading without any meta line is a heading, not an encounter (a README's title)
    out.retain(|e| e.date.is_some() || e.people.is_some());
    for e in &mut out {
        e.notes = e.notes.trim().to_string();
    }
    out
}

struct Encounters<'a> {
    ctx: &'a ImportContext,
    seen_people: HashSet<String>,
    seen_encounters: HashSet<String>,
    encounters: u64,
}

impl Encounters<'_> {
    fn emit(&mut self, e: Encounter, sink: &mut dyn Sink) -> Result<(), ImportError> {
        let warn = |sink: &mut dyn Sink, message: String| {
            sink.warn(Warning { location: e.location.clone(), message });
        };
        let event = collapse(&e.event);
        if event.is_empty() {
            warn(sink, "encounter without an event name, skipped".into());
            return Ok(());
        }
        let Some(date) = e.date.as_deref() else {
            warn(sink, format!("`{event}` has no date, skipped"));
            return Ok(());
        };
        let created_at = match parse_time(date) {
            Ok(t) => t,
            Err(reason) => {
                warn(sink, format!("`{event}`: {reason}, skipped"));
                return Ok(());
            }
        };
        let day = relate_model::time::date(created_at);
        let key = format!("{ID}:{day}:{}", slug(&event));
        if !self.seen_encounters.insert(key.clone()) {
            warn(sink, format!("`{event}` on {day} is listed a second time, skipped"));
            return Ok(());
        }
        let people_field = e.people.as_deref().unwrap_or("");
        if people_field.contains(',') && !people_field.contains(';') {
            warn(
                sink,
                format!(
                    "`{event}`: people are separated by `;`; `{people_field}` is read as one name"
                ),
            );
        }
        let mut people: Vec<String> = Vec::new();
        for name in people_field.split(';').map(collapse).filter(|n| !n.is_empty()) {
            let participant = self.person(&name, sink)?;
            if !people.contains(&participant) {
                people.push(participant);
            }
        }
        if people.is_empty() {
            warn(sink, format!("`{event}` lists no people; imported as notes only"));
        }
        if self.seen_people.insert(OWNER.into()) {
            sink.participant(Participant {
                key: OWNER.into(),
                platform: ID.into(),
                handle: "owner".into(),
                display_name: "offline notes".into(),
                url: None,
                kind: ParticipantKind::Person,
                site_author: true,
            })?;
        }
        sink.conversation(Conversation {
            key: key.clone(),
            platform: ID.into(),
            title: Some(event.clone()),
            url: None,
        })?;
        sink.item(Item {
            key: key.clone(),
            native_id: format!("{day}:{event}"),
            conversation: key.clone(),
            parent: None,
            author: OWNER.into(),
            kind: ItemKind::Post,
            state: State::Public,
            created_at: Some(created_at),
            title: Some(event.clone()),
            url: None,
            links: extract_links(&e.notes, Vec::new()),
            text: e.notes,
            html: None,
            mentions: Vec::new(),
        })?;
        for participant in people {
            let who = participant.strip_prefix("offline:").unwrap_or(&participant);
            sink.item(Item {
                key: format!("{key}:{who}"),
                native_id: format!("{day}:{event}:{who}"),
                conversation: key.clone(),
                parent: Some(key.clone()),
                author: participant,
                kind: ItemKind::Attendance,
                state: State::Public,
                created_at: Some(created_at),
                title: None,
                url: None,
                text: String::new(),
                html: None,
                links: Vec::new(),
                mentions: Vec::new(),
            })?;
        }
        self.encounters += 1;
        Ok(())
    }

    /// The participant key for `name`, emitting the participant the first time.
    fn person(&mut self, name: &str, sink: &mut dyn Sink) -> Result<String, ImportError> {
        let normalized = name.to_lowercase();
        let (key, handle, display) = if is_email(name, ID) {
            let hash = self.ctx.pseudonymizer.key(&["offline-guest", &normalized]);
            let handle = format!("guest-{}", &hash[..8]);
            (format!("{ID}:guest:{hash}"), handle.clone(), handle)
        } else {
            (format!("{ID}:{normalized}"), normalized, name.to_string())
        };
        if self.seen_people.insert(key.clone()) {
            sink.participant(Participant {
                key: key.clone(),
                platform: ID.into(),
                handle,
                display_name: display,
                url: None,
                kind: ParticipantKind::Person,
                site_author: false,
            })?;
        }
        Ok(key)
    }
}

/// `Lecture: Printing in 1900` -> `lecture-printing-in-1900` (letters of any script kept).
fn slug(event: &str) -> String {
    let lower = event.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.join("-")
}

/// Trimmed, with runs of whitespace as one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};

    fn detect(path: &str) -> Option<&'static str> {
        crate::detect(&Input::from_path(&fixture(path)).unwrap()).map(|i| i.id())
    }

    /// (conversation key, author keys of its comments), in order.
    fn encounters(sink: &VecSink) -> Vec<(String, Vec<String>)> {
        sink.conversations
            .iter()
            .map(|c| {
                let present = sink
                    .items
                    .iter()
                    .filter(|i| i.conversation == c.key && i.kind == ItemKind::Attendance)
                    .map(|i| i.author.clone())
                    .collect();
                (c.key.clone(), present)
            })
            .collect()
    }

    fn warnings(sink: &VecSink) -> Vec<String> {
        sink.warnings
            .iter()
            .map(|w| format!("{} {}", w.location.rsplit('/').next().unwrap(), w.message))
            .collect()
    }

    #[test]
    fn table_one_conversation_per_encounter_one_comment_per_person() {
        // fixtures/offline/encounters.csv: 4 rows; row 2 lists Anna Weber twice (case and
        // spacing differ), row 4 has no readable date, row 5 separates people by comma
        let (res, sink) = import_path(&Offline, &fixture("offline/encounters.csv"));
        res.unwrap();
        assert_eq!(
            encounters(&sink),
            vec![
                (
                    "offline:2024-03-09:open-depot-day".to_string(),
                    vec![
                        "offline:anna weber".into(),
                        "offline:jonas klein".into(),
                        "offline:mira".into()
                    ]
                ),
                (
                    "offline:2024-04-13:lecture-printing-in-1900".to_string(),
                    vec!["offline:mira".into(), "offline:paul neumann".into()]
                ),
                (
                    "offline:2024-05-02:reading-circle".to_string(),
                    vec!["offline:weber, anna".into()]
                ),
            ]
        );
        let w = warnings(&sink);
        assert_eq!(w.len(), 2, "{w:#?}");
        assert!(
            w[0].starts_with(
                "encounters.csv:4 `Walk through the old town`: cannot read the time `someday`"
            ),
            "{w:?}"
        );
        assert!(
            w[1].starts_with("encounters.csv:5 `Reading circle`: people are separated by `;`"),
            "{w:?}"
        );

        let post = sink.item("2024-04-13:Lecture: Printing in 1900").unwrap();
        assert_eq!(post.kind, ItemKind::Post);
        assert_eq!(post.author, OWNER);
        assert_eq!(post.links, vec!["https://museum.example/talks/printing"]);
        assert_eq!(post.created_at, relate_model::time::parse_rfc3339("2024-04-13T00:00:00Z"));
        let anna = sink.items.iter().find(|i| i.author == "offline:anna weber").unwrap();
        assert_eq!(anna.parent.as_deref(), Some("offline:2024-03-09:open-depot-day"));
        assert_eq!(anna.key, "offline:2024-03-09:open-depot-day:anna weber");
        assert_eq!(anna.text, "");
        // 5 people and the owner, who is a site author
        assert_eq!(sink.participants.len(), 6);
        assert!(sink.participant(OWNER).unwrap().site_author);
        assert_eq!(sink.participant("offline:anna weber").unwrap().display_name, "Anna Weber");
        assert_eq!(detect("offline/encounters.csv"), Some("offline"));
    }

    #[test]
    fn semicolon_table_with_german_header_case_and_time() {
        let (res, sink) = import_path(&Offline, &fixture("offline/semikolon.csv"));
        res.unwrap();
        assert_eq!(
            encounters(&sink),
            vec![(
                "offline:2024-06-15:führung-durch-die-grafiksammlung".to_string(),
                vec!["offline:jürgen maier".into(), "offline:lea".into()]
            )]
        );
        assert_eq!(
            sink.items[0].created_at,
            relate_model::time::parse_rfc3339("2024-06-15T14:00:00Z")
        );
        assert_eq!(detect("offline/semikolon.csv"), Some("offline"));
    }

    #[test]
    fn markdown_folder_with_several_encounters_per_file_and_a_readme() {
        // notes/: 2024-03-16-fuehrung.md (1 encounter, 3 people), 2024-spring.md (a talk with
        // 2 people, a cafe evening with nobody, a workshop without date), README.md
        let (res, sink) = import_path(&Offline, &fixture("offline/notes"));
        let summary = res.unwrap();
        assert_eq!(summary.skipped.get("markdown without encounters"), Some(&1));
        assert_eq!(
            encounters(&sink),
            vec![
                (
                    "offline:2024-03-16:führung-die-sammlung-im-depot".to_string(),
                    vec![
                        "offline:anna weber".into(),
                        "offline:hans-peter ott".into(),
                        "offline:lea".into()
                    ]
                ),
                (
                    "offline:2024-04-20:talk-at-the-library".to_string(),
                    vec!["offline:jonas klein".into(), "offline:mira".into()]
                ),
                ("offline:2024-04-27:café-evening".to_string(), vec![]),
            ]
        );
        let w = warnings(&sink);
        assert_eq!(w.len(), 2, "{w:#?}");
        assert!(w[0].starts_with("2024-spring.md:7 `Café evening` lists no people"), "{w:?}");
        assert!(
            w[1].starts_with("2024-spring.md:13 `Workshop without a date` has no date"),
            "{w:?}"
        );
        let notes = &sink.items[0].text;
        assert!(notes.starts_with("Nach der Führung noch eine Stunde"), "{notes}");
        assert!(notes.ends_with("- Wer kennt die Glasplatten?"), "{notes}");
        assert_eq!(sink.conversations[0].title.as_deref(), Some("Führung: Die Sammlung im Depot"));
        assert_eq!(detect("offline/notes"), Some("offline"));
        assert_eq!(detect("offline/notes/2024-spring.md"), Some("offline"));
        assert_eq!(detect("offline/notes/README.md"), None);
    }

    #[test]
    fn people_return_across_tables_and_notes() {
        // the whole fixtures/offline folder: Anna Weber came on 2024-03-09 (table) and
        // 2024-03-16 (notes); 7 encounters in all
        let (res, sink) = import_path(&Offline, &fixture("offline"));
        res.unwrap();
        assert_eq!(sink.conversations.len(), 7);
        let mut anna: Vec<&str> = sink
            .items
            .iter()
            .filter(|i| i.author == "offline:anna weber")
            .map(|i| i.conversation.as_str())
            .collect();
        anna.sort();
        assert_eq!(
            anna,
            vec![
                "offline:2024-03-09:open-depot-day",
                "offline:2024-03-16:führung-die-sammlung-im-depot"
            ]
        );
        assert_eq!(detect("offline"), Some("offline"));
    }

    #[test]
    fn other_tables_are_not_encounters() {
        assert_eq!(detect("csv/comma.csv"), Some("csv"));
        let (res, _) = import_path(&Offline, &fixture("csv/comma.csv"));
        let err = res.unwrap_err().to_string();
        assert!(err.contains("comma.csv") && err.contains("date,event,people,notes"), "{err}");
    }

    #[test]
    fn email_names_are_hashed() {
        let mut sink = VecSink::default();
        let ctx = ImportContext::new(crate::Pseudonymizer::new(b"t"));
        let mut state = Encounters {
            ctx: &ctx,
            seen_people: HashSet::new(),
            seen_encounters: HashSet::new(),
            encounters: 0,
        };
        let encounter = Encounter {
            location: "x.md:1".into(),
            event: "Visit".into(),
            date: Some("2024-01-02".into()),
            people: Some("ida@example.org; Ida".into()),
            notes: String::new(),
        };
        state.emit(encounter, &mut sink).unwrap();
        let debug = format!("{:?} {:?}", sink.participants, sink.items);
        assert!(!debug.contains("example.org"), "{debug}");
        assert_eq!(sink.items.len(), 3);
        assert_eq!(slug("  Lecture: Printing in 1900 "), "lecture-printing-in-1900");
    }
}
