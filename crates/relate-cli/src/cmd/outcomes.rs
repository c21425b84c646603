//! `relate outcomes`: events outside the conversations (tickets, memberships, donations,
//! volunteering), imported from a CSV and shown beside the relationship ledger.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use clap::Subcommand;
use relate_model::Participant;
use relate_model::time::date;
use relate_store::OutcomeRow;

use super::{open_existing, print, print_json};

#[derive(Subcommand)]
pub(crate) enum OutcomesCommand {
    /// Import outcomes from a CSV with the header date,person,kind,value.
    ///
    /// date: 2026-03-31, 31.03.2026 or an RFC 3339 time. person: a display name, a handle,
    /// PLATFORM:HANDLE or a participant key (`relate identity list`), or segment:NAME for a
    /// group (segment:Schulklassen). kind: ticket, membership, donation, volunteering, or any
    /// word. value: a number (12.50 or 12,50), or empty. `,`, `;` and tab all work as
    /// separators. A name that matches no one is kept without the name: it counts as outside
    /// the ledger. Importing the same file again adds nothing.
    Import { file: std::path::PathBuf },
    /// Every outcome stored, oldest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn run(db: &Path, command: OutcomesCommand) -> anyhow::Result<()> {
    match command {
        OutcomesCommand::Import { file } => import(db, &file),
        OutcomesCommand::List { json } => list(db, json),
    }
}

fn import(db: &Path, file: &Path) -> anyhow::Result<()> {
    let mut store = open_existing(db)?;
    let participants = store.participants()?;
    let links = store.identity_links()?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: not UTF-8 (save the CSV as UTF-8)", file.display()))?;
    let people = People::new(&participants, &links);
    let parsed = parse(&file.display().to_string(), &text, &people)?;
    let added = store.add_outcomes(&parsed.rows)?;
    let already = parsed.rows.len() as u64 - added;
    let mut message = format!(
        "Imported {added} outcome{} from {}{}.",
        if added == 1 { "" } else { "s" },
        file.display(),
        if already > 0 { format!(" ({already} already there)") } else { String::new() }
    );
    if !parsed.unmatched.is_empty() {
        let lines: Vec<String> = parsed.unmatched.iter().map(u64::to_string).collect();
        message.push_str(&format!(
            "\n{} named no one in the database (line{} {}): kept without the name, counted as outside the ledger.",
            if lines.len() == 1 { "One row".to_string() } else { format!("{} rows", lines.len()) },
            if lines.len() == 1 { "" } else { "s" },
            lines.join(", ")
        ));
    }
    eprintln!("{message}");
    Ok(())
}

/// Rows read from a file, and the lines whose person matched no one.
#[derive(Debug)]
struct Parsed {
    rows: Vec<OutcomeRow>,
    unmatched: Vec<u64>,
}

/// Reads an outcomes CSV; every error names the file and line.
fn parse(name: &str, text: &str, people: &People<'_>) -> anyhow::Result<Parsed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or("");
    // German Excel separates with `;`, because `,` is its decimal comma
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (header.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .with_context(|| format!("{name}:1: not a CSV header"))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    let column = |wanted: &str| headers.iter().position(|h| h == wanted);
    let (Some(date_col), Some(person_col), Some(kind_col)) =
        (column("date"), column("person"), column("kind"))
    else {
        anyhow::bail!(
            "{name}:1: the header must name the columns date,person,kind,value (found {})",
            headers.join(",")
        );
    };
    let value_col = column("value");
    let mut parsed = Parsed { rows: Vec::new(), unmatched: Vec::new() };
    for record in reader.records() {
        let record = record.with_context(|| format!("{name}: not readable as CSV"))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let field = |col: usize| record.get(col).unwrap_or("");
        let at = parse_date(field(date_col)).with_context(|| {
            format!(
                "{name}:{line}: date {:?} is not a date (use 2026-03-31, 31.03.2026 or RFC 3339)",
                field(date_col)
            )
        })?;
        let kind = field(kind_col).to_lowercase();
        if kind.is_empty() {
            anyhow::bail!("{name}:{line}: no kind (ticket, membership, donation, ...)");
        }
        let value = match value_col.map(field).unwrap_or("") {
            "" => None,
            v => Some(parse_value(v).with_context(|| {
                format!("{name}:{line}: value {v:?} is not a number (12.50 or 12,50)")
            })?),
        };
        let person = field(person_col);
        let (account, segment) = match segment_name(person) {
            Some("") => anyhow::bail!("{name}:{line}: segment: without a name"),
            Some(segment) => (None, Some(segment.to_string())),
            None if person.is_empty() => {
                anyhow::bail!("{name}:{line}: no person (a name, PLATFORM:HANDLE or segment:NAME)")
            }
            None => match people.resolve(person) {
                Ok(found) => {
                    if found.is_none() {
                        parsed.unmatched.push(line);
                    }
                    (found.map(|p| p.key.clone()), None)
                }
                Err(candidates) => anyhow::bail!(
                    "{name}:{line}: {person:?} names several people: {}; write PLATFORM:HANDLE or the key",
                    candidates
                        .iter()
                        .map(|p| format!(
                            "{} ({}:{}, key {})",
                            p.display_name, p.platform, p.handle, p.key
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            },
        };
        parsed.rows.push(OutcomeRow { at, account, segment, kind, value });
    }
    Ok(parsed)
}

/// The name after `segment:` (any case), if the person is a segment.
fn segment_name(person: &str) -> Option<&str> {
    let (prefix, rest) = person.split_once(':')?;
    prefix.eq_ignore_ascii_case("segment").then(|| rest.trim())
}

fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Some(t) =
        relate_model::time::parse_date(s).or_else(|| relate_model::time::parse_rfc3339(s))
    {
        return Some(t);
    }
    // 31.03.2026, as German spreadsheets write it
    let mut parts = s.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    relate_model::time::parse_date(&format!("{y}-{m:0>2}-{d:0>2}"))
}

fn parse_value(v: &str) -> Option<f64> {
    let v: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    v.parse::<f64>()
        .ok()
        .or_else(|| v.replace(',', ".").parse::<f64>().ok())
        .filter(|x| x.is_finite())
}

/// The people of the database by every name an outcome may give them.
struct People<'a> {
    by_name: HashMap<String, Vec<&'a Participant>>,
    /// Each linked account's representative: accounts linked as one person are one match.
    group: HashMap<&'a str, &'a str>,
}

impl<'a> People<'a> {
    fn new(participants: &'a [Participant], links: &'a [(String, String)]) -> People<'a> {
        let mut by_name: HashMap<String, Vec<&Participant>> = HashMap::new();
        for p in participants.iter().filter(|p| p.kind == relate_model::ParticipantKind::Person) {
            let handle = p.handle.trim_start_matches('@');
            let names = [
                p.key.clone(),
                format!("{}:{}", p.platform, handle),
                handle.to_string(),
                p.display_name.trim().to_string(),
            ];
            for name in names {
                let list = by_name.entry(name.to_lowercase()).or_default();
                if !list.iter().any(|q| q.key == p.key) {
                    list.push(p);
                }
            }
        }
        let mut group: HashMap<&str, &str> = HashMap::new();
        // a few links at most: repeat until nothing changes
        let mut changed = true;
        while changed {
            changed = false;
            for (a, b) in links {
                let ra = *group.get(a.as_str()).unwrap_or(&a.as_str());
                let rb = *group.get(b.as_str()).unwrap_or(&b.as_str());
                let root = ra.min(rb);
                for key in [a.as_str(), b.as_str(), ra, rb] {
                    if group.get(key) != Some(&root) {
                        group.insert(key, root);
                        changed = true;
                    }
                }
            }
        }
        People { by_name, group }
    }

    /// The one person `name` names, `None` for no one, or the candidates when it names
    /// several.
    fn resolve(&self, name: &str) -> Result<Option<&'a Participant>, Vec<&'a Participant>> {
        let name = name.trim();
        let lower = name.strip_prefix('@').unwrap_or(name).to_lowercase();
        let Some(found) = self.by_name.get(&lower) else {
            return Ok(None);
        };
        if let Some(exact) = found.iter().find(|p| p.key == name) {
            return Ok(Some(exact));
        }
        let root = |p: &'a Participant| -> &'a str {
            self.group.get(p.key.as_str()).copied().unwrap_or(p.key.as_str())
        };
        match found.as_slice() {
            [] => Ok(None),
            [first, rest @ ..] if rest.iter().all(|p| root(p) == root(first)) => Ok(Some(first)),
            many => Err(many.to_vec()),
        }
    }
}

fn list(db: &Path, json: bool) -> anyhow::Result<()> {
    let store = open_existing(db)?;
    let outcomes = store.outcomes()?;
    let participants = store.participants()?;
    let name = |key: &str| {
        participants
            .iter()
            .find(|p| p.key == key)
            .map_or_else(|| key.to_string(), |p| p.display_name.clone())
    };
    if json {
        return print_json(&serde_json::Value::Array(
            outcomes
                .iter()
                .map(|o| {
                    serde_json::json!({
                        "date": date(o.at),
                        "person": o.account.as_deref().map(name),
                        "key": o.account,
                        "segment": o.segment,
                        "kind": o.kind,
                        "value": o.value,
                    })
                })
                .collect(),
        ));
    }
    if outcomes.is_empty() {
        return print("No outcomes yet: `relate outcomes import FILE` (date,person,kind,value).\n");
    }
    let mut text = String::new();
    for o in &outcomes {
        let who = match (&o.account, &o.segment) {
            (Some(key), _) => name(key),
            (None, Some(segment)) => format!("segment {segment}"),
            (None, None) => "(no one in the database)".to_string(),
        };
        let value = o.value.map_or(String::new(), |v| format!("{v:.2}"));
        text.push_str(&format!("{}  {:<14} {:>10}  {who}\n", date(o.at), o.kind, value));
    }
    print(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use relate_model::ParticipantKind;

    fn person(key: &str, platform: &str, handle: &str, name: &str) -> Participant {
        Participant {
            key: key.into(),
            platform: platform.into(),
            handle: handle.into(),
            display_name: name.into(),
            url: None,
            kind: ParticipantKind::Person,
            site_author: false,
        }
    }

    fn participants() -> Vec<Participant> {
        vec![
            person("wordpress:blog:anna", "wordpress", "anna", "Anna Weber"),
            person("mastodon:1", "mastodon", "anna@kultur.social", "Anna"),
            person("wordpress:blog:ben", "wordpress", "ben", "Ben"),
            person("mastodon:2", "mastodon", "ben@kultur.social", "Ben"),
        ]
    }

    #[test]
    fn rows_resolve_people_segments_and_strangers() {
        let participants = participants();
        let links = vec![("mastodon:2".to_string(), "wordpress:blog:ben".to_string())];
        let people = People::new(&participants, &links);
        let csv = "date;person;kind;value\n\
                   2026-03-01;Anna Weber;Ticket;12,50\n\
                   31.03.2026;mastodon:anna@kultur.social;donation;\n\
                   2026-04-01;segment:Schulklassen;ticket;90\n\
                   2026-04-02;Ben;membership;\n\
                   2026-04-03;Someone Else;volunteering;\n";
        let parsed = parse("o.csv", csv, &people).unwrap();
        let got: Vec<String> = parsed
            .rows
            .iter()
            .map(|r| {
                format!("{} {:?} {:?} {} {:?}", date(r.at), r.account, r.segment, r.kind, r.value)
            })
            .collect();
        assert_eq!(
            got,
            [
                r#"2026-03-01 Some("wordpress:blog:anna") None ticket Some(12.5)"#,
                r#"2026-03-31 Some("mastodon:1") None donation None"#,
                r#"2026-04-01 None Some("Schulklassen") ticket Some(90.0)"#,
                // two accounts named Ben, linked as one person: one match
                r#"2026-04-02 Some("wordpress:blog:ben") None membership None"#,
                r#"2026-04-03 None None volunteering None"#,
            ]
        );
        assert_eq!(parsed.unmatched, [6]);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let participants = participants();
        let people = People::new(&participants, &[]);
        let err = |csv: &str| parse("o.csv", csv, &people).unwrap_err().to_string();
        assert_eq!(
            err("date,person,kind,value\n2026-03-01,Anna Weber,ticket,1\n03/01/2026,Ben,ticket,\n"),
            "o.csv:3: date \"03/01/2026\" is not a date (use 2026-03-31, 31.03.2026 or RFC 3339)"
        );
        assert!(err("date,who,kind\n").starts_with("o.csv:1: the header must name"));
        assert!(
            err("date,person,kind,value\n2026-03-01,Ben,ticket,zwölf\n")
                .starts_with("o.csv:2: value")
        );
        // unlinked, two accounts named Ben are two people
        let e = err("date,person,kind,value\n2026-03-01,Ben,ticket,\n");
        assert!(e.starts_with("o.csv:2: \"Ben\" names several people: Ben (wordpress:ben"), "{e}");
    }
}
