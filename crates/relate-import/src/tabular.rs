//! `csv` and `jsonl`: a table of posts and comments that no platform importer covers (a
//! spreadsheet someone kept, a scraper's output, a survey of an Instagram account).
//!
//! ## Format
//! One row per item, as CSV/TSV with a header line (`csv`) or as JSON Lines, one object per
//! line (`jsonl`). The documented columns (see [`COLUMNS`]):
//!
//! | column | meaning |
//! | --- | --- |
//! | `id` | required; the item's id, unique per platform within the file |
//! | `author` | required; the author's handle or name (an e-mail address is hashed, see below) |
//! | `text` | required; plain text or HTML (may be empty only for `kind` like or repost) |
//! | `parent` | id of the item this one answers; empty for a post |
//! | `conversation` | id of the conversation's root item; derived from `parent` when absent |
//! | `time` | ISO 8601 / RFC 3339, RFC 2822, unix seconds or milliseconds, `DD.MM.YYYY HH:MM` |
//! | `url` | public URL of the item |
//! | `platform` | `mastodon`, `instagram`, ...; `csv` when empty |
//! | `title`, `kind`, `state`, `author_name`, `author_url` | optional |
//!
//! Header names are matched trimmed and case-insensitively. A file whose columns have other
//! names is read with `relate import FILE --column author=user_name --column time=created`
//! ([`crate::ColumnMap`]); in JSONL a source may be a dotted path into nested objects
//! (`--column author=user.screen_name`).
//!
//! ## Mapping
//! - Keys: item `csv:<scope>:<id>` and conversation `csv:<scope>:<root id>`, where the scope
//!   is the row's platform when it names one (a platform's ids are its own, so the same
//!   status in two tables is one item) and `file:<file name without extension>` otherwise
//!   (ids like 1, 2, 3 are only unique within one table; a later export of the same table
//!   must keep its file name to update rather than add). Participants are
//!   `csv:<platform>:<author>` (platform `csv` when none is given): the same name in two
//!   tables is one person. Both importers write the same keys, so a table as CSV or as JSONL
//!   is the same set of records. Participants carry the row's platform and the author as
//!   handle, so `relate owner add <platform>:<author>` declares the owner.
//! - Conversation: the `conversation` column, else the root reached by following `parent`
//!   within the file (when a parent is not in the file, the missing parent is the root, so its
//!   answers stay together), else the row's own id. Title and URL come from the root row.
//! - Kind: the `kind` column (`post`, `comment`, `reply`, `like`, ...), else `post` without a
//!   parent, `comment` when the parent is the conversation's root, `reply` otherwise.
//! - State: `public` (also `published`, `approved`), `pending`, `spam`, `trash`, `deleted`
//!   (also `removed`), `restricted` (also `private`, `hidden`, `direct`), and the German
//!   words Excel users type (`öffentlich`, `ausstehend`, `gelöscht`, `privat`); empty is
//!   public. An unknown state is stored as restricted, with a warning: shown to nobody
//!   rather than to everybody by mistake.
//!
//! ## Known quirks
//! - Delimiter: `,`, `;` or tab, whichever the header line has most of (German Excel writes
//!   `;`, because `,` is its decimal separator).
//! - Encoding: a UTF-8 byte-order mark is skipped. Bytes that are not UTF-8 are read as
//!   Windows-1252 (Latin-1 with `€` and curly quotes), with one warning per file: that is what
//!   Excel on a German or Western European Windows writes for "CSV (Trennzeichen-getrennt)",
//!   so refusing it would turn away the most common export of the people relate is for, and a
//!   wrong guess shows as odd letters in a warned-about file rather than as lost rows. UTF-16
//!   (Excel's "Unicode text") is refused with a message saying how to save UTF-8.
//! - Times without an offset are taken as UTC. `03/05/2024` is refused as ambiguous (US and
//!   UK read it differently); `05.03.2024` is the German day-first form.
//! - A row without id, author or text, or with a time that cannot be read, is skipped with a
//!   warning naming `file:line` (the line where the row starts, quoted newlines included).
//!   Duplicate ids are skipped with a warning; parent loops end at the row itself.
//! - An author that is an e-mail address (form and survey exports) never reaches a record:
//!   it becomes a participant keyed by a hash made with the workspace secret.
//! - The passes stream: the first collects only 64-bit hashes of ids and parents (about 24
//!   bytes per row) and root titles, the second emits; so the rows may come in any order
//!   (newest first is common). When some row has a parent but no conversation, a pass between
//!   them reads the key of each chain's root (one string per conversation).

use crate::content::is_email;
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::io::BufRead;

use relate_model::{Conversation, Item, ItemKind, Participant, ParticipantKind, State};
use rustc_hash::{FxHashMap, FxHashSet as HashSet};

use crate::content::{extract_links, html_to_text};
use crate::{
    ColumnMap, Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning,
};

/// The documented columns, in the order `--help` lists them.
pub const COLUMNS: &[&str] = &[
    "id",
    "parent",
    "conversation",
    "author",
    "time",
    "text",
    "url",
    "platform",
    "title",
    "kind",
    "state",
    "author_name",
    "author_url",
];

/// Positions in [`COLUMNS`].
#[derive(Clone, Copy)]
enum Col {
    Id = 0,
    Parent,
    Conversation,
    Author,
    Time,
    Text,
    Url,
    Platform,
    Title,
    Kind,
    State,
    AuthorName,
    AuthorUrl,
}

const REQUIRED: [Col; 3] = [Col::Id, Col::Author, Col::Text];

/// Namespace of every key both importers write.
const NAMESPACE: &str = "csv";

pub struct Csv;
pub struct Jsonl;

impl Importer for Csv {
    fn id(&self) -> &'static str {
        "csv"
    }

    fn summary(&self) -> &'static str {
        "CSV/TSV table of posts and comments (id, parent, author, time, text, ...; --column renames)"
    }

    fn detect(&self, input: &Input) -> Detection {
        let Some(name) = single_file(input) else { return Detection::No };
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".csv") || lower.ends_with(".tsv")) {
            return Detection::No;
        }
        let head = input.head(&name, 64 * 1024);
        let Some(header) = header_fields(&head) else { return Detection::No };
        let has = |c: Col| header.iter().any(|h| *h == COLUMNS[c as usize]);
        // a generic table: any platform-specific importer that also claims it should win
        if REQUIRED.iter().all(|&c| has(c)) { Detection::Maybe } else { Detection::No }
    }

    fn import(
        &self,
        input: &Input,
        ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let name = the_file(input, "csv")?;
        let source = CsvSource::open(input, &name, &ctx.columns)?;
        run(&source, ctx, sink)
    }
}

impl Importer for Jsonl {
    fn id(&self) -> &'static str {
        "jsonl"
    }

    fn summary(&self) -> &'static str {
        "JSON Lines table of posts and comments, one object per line (same columns as csv)"
    }

    fn detect(&self, input: &Input) -> Detection {
        let Some(name) = single_file(input) else { return Detection::No };
        let lower = name.to_ascii_lowercase();
        // ConvoKit's utterances.jsonl has its own importer (and no `author` key anyway)
        if !(lower.ends_with(".jsonl") || lower.ends_with(".ndjson")) || lower == "utterances.jsonl"
        {
            return Detection::No;
        }
        let head = input.head(&name, 256 * 1024);
        let head = strip_bom(&head);
        let Some(first) = head.split(|&b| b == b'\n').find(|l| !l.trim_ascii().is_empty()) else {
            return Detection::No;
        };
        let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(first) else {
            return Detection::No;
        };
        // twarc pages (`data`, `includes`, `__twarc`) belong to the Twitter importer
        if object.contains_key("__twarc") || object.contains_key("data") {
            return Detection::No;
        }
        // a scalar each: twarc's flattened tweets carry `author` as an expanded user object
        let has = |c: Col| object.get(COLUMNS[c as usize]).and_then(scalar).is_some();
        if REQUIRED.iter().all(|&c| has(c)) { Detection::Maybe } else { Detection::No }
    }

    fn import(
        &self,
        input: &Input,
        ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let name = the_file(input, "jsonl")?;
        let source = JsonlSource { input, name, columns: &ctx.columns };
        run(&source, ctx, sink)
    }
}

/// The input's one file, when it is a single file.
fn single_file(input: &Input) -> Option<String> {
    if input.is_dir() {
        return None;
    }
    let mut files = input.files();
    (files.len() == 1).then(|| files.remove(0))
}

fn the_file(input: &Input, format: &'static str) -> Result<String, ImportError> {
    single_file(input).ok_or_else(|| {
        ImportError::not_this_format(
            input.path().to_path_buf(),
            format,
            "give the table itself, one file, not a folder or an archive",
        )
    })
}

/// One row as read, before any interpretation. Values are trimmed; empty is `None`.
#[derive(Default)]
struct Row {
    values: [Option<String>; 13],
    /// Some field was not UTF-8 and was read as Windows-1252.
    repaired: bool,
    /// Why the line could not be read at all (broken JSON), reported in the emitting pass.
    broken: Option<String>,
}

impl Row {
    fn get(&self, col: Col) -> Option<&str> {
        self.values[col as usize].as_deref()
    }

    fn set(&mut self, col: usize, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.values[col] = Some(value.to_string());
        }
    }

    fn platform(&self) -> String {
        self.get(Col::Platform).map_or_else(|| NAMESPACE.to_string(), |p| p.to_lowercase())
    }
}

/// Something that yields rows with their line numbers, any number of times.
trait RowSource {
    fn format(&self) -> &'static str;
    fn file(&self) -> std::path::PathBuf;
    /// `file:line` for messages.
    fn location(&self, line: u64) -> String {
        format!("{}:{line}", self.file().display())
    }
    fn for_each(
        &self,
        f: &mut dyn FnMut(Row, u64) -> Result<(), ImportError>,
    ) -> Result<(), ImportError>;
}

struct CsvSource<'a> {
    input: &'a Input,
    name: String,
    delimiter: u8,
    /// Header position of each documented column.
    positions: [Option<usize>; 13],
}

impl<'a> CsvSource<'a> {
    fn open(input: &'a Input, name: &str, columns: &ColumnMap) -> Result<Self, ImportError> {
        let file = input.display_path(name);
        let not_this = |reason: String| ImportError::NotThisFormat {
            file: file.clone(),
            format: "csv",
            reason,
        };
        let head = input.head(name, 64 * 1024);
        if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
            return Err(not_this(
                "the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" and import that".into(),
            ));
        }
        let delimiter = sniff_delimiter(strip_bom(&head));
        let header = header_fields_with(&head, delimiter);
        if header.is_empty() {
            return Err(not_this("the file is empty".into()));
        }
        let mut positions = [None; 13];
        for (col, name) in COLUMNS.iter().enumerate() {
            let source = columns.source(name).unwrap_or(name).to_lowercase();
            positions[col] = header.iter().position(|h| *h == source);
            if positions[col].is_none() && columns.source(name).is_some() {
                return Err(not_this(format!(
                    "no column `{source}` (given as --column {name}={source}); the header has: {}",
                    header.join(", ")
                )));
            }
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .filter(|&&c| positions[c as usize].is_none())
            .map(|&c| COLUMNS[c as usize])
            .collect();
        if !missing.is_empty() {
            return Err(not_this(format!(
                "the header has no {} column (it has: {}); name the columns to read with e.g. --column {}=<column>",
                missing.join(", "),
                header.join(", "),
                missing[0]
            )));
        }
        Ok(CsvSource { input, name: name.to_string(), delimiter, positions })
    }
}

impl RowSource for CsvSource<'_> {
    fn format(&self) -> &'static str {
        "csv"
    }

    fn file(&self) -> std::path::PathBuf {
        self.input.display_path(&self.name)
    }

    fn for_each(
        &self,
        f: &mut dyn FnMut(Row, u64) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        let io = |source| ImportError::Io { file: self.input.display_path(&self.name), source };
        let mut reader = self.input.open(&self.name).map_err(io)?;
        // the csv crate would keep a BOM as part of the first header name
        if reader.fill_buf().map_err(io)?.starts_with(b"\xef\xbb\xbf") {
            reader.consume(3);
        }
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(reader);
        let mut record = csv::ByteRecord::new();
        loop {
            match csv.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(err) => {
                    return Err(match err.into_kind() {
                        csv::ErrorKind::Io(source) => io(source),
                        other => io(std::io::Error::other(format!("{other:?}"))),
                    });
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(|field| field.trim_ascii().is_empty()) {
                continue;
            }
            let mut row = Row::default();
            for (col, position) in self.positions.iter().enumerate() {
                if let Some(bytes) = position.and_then(|p| record.get(p)) {
                    let (text, repaired) = decode(bytes);
                    row.repaired |= repaired;
                    row.set(col, &text);
                }
            }
            f(row, line)?;
        }
        Ok(())
    }
}

struct JsonlSource<'a> {
    input: &'a Input,
    name: String,
    columns: &'a ColumnMap,
}

impl RowSource for JsonlSource<'_> {
    fn format(&self) -> &'static str {
        "jsonl"
    }

    fn file(&self) -> std::path::PathBuf {
        self.input.display_path(&self.name)
    }

    fn for_each(
        &self,
        f: &mut dyn FnMut(Row, u64) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        let file = || self.input.display_path(&self.name);
        let mut reader = self.input.open_or_err(&self.name)?;
        let mut buf = Vec::new();
        let mut line = 0u64;
        let mut objects = 0u64;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|source| ImportError::Io { file: file(), source })?;
            if n == 0 {
                break;
            }
            line += 1;
            let bytes = if line == 1 { strip_bom(&buf) } else { &buf[..] };
            if bytes.trim_ascii().is_empty() {
                continue;
            }
            let (text, repaired) = decode(bytes);
            let value: serde_json::Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(err) if objects == 0 && !text.trim_start().starts_with('{') => {
                    return Err(ImportError::Json {
                        file: file(),
                        line,
                        column: err.column() as u64,
                        message: format!("not JSON Lines (one object per line): {err}"),
                    });
                }
                Err(err) => {
                    f(Row { broken: Some(err.to_string()), ..Row::default() }, line)?;
                    continue;
                }
            };
            objects += 1;
            let mut row = Row { repaired, ..Row::default() };
            for (col, name) in COLUMNS.iter().enumerate() {
                let source = self.columns.source(name).unwrap_or(name);
                if let Some(v) = lookup(&value, source).and_then(scalar) {
                    row.set(col, &v);
                }
            }
            f(row, line)?;
        }
        Ok(())
    }
}

/// `source` as a key of `value`, else as a dotted path into nested objects.
fn lookup<'v>(value: &'v serde_json::Value, source: &str) -> Option<&'v serde_json::Value> {
    value.get(source).or_else(|| {
        source.contains('.').then(|| source.split('.').try_fold(value, |v, key| v.get(key)))?
    })
}

/// Strings as they are, numbers as written; anything else (objects, booleans) is no value.
fn scalar(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What the first pass learns: enough to resolve conversations and their titles, as 64-bit
/// hashes of keys (about 24 bytes per row), with strings only for root titles and URLs and,
/// when chains must be followed, for the root of each chain.
#[derive(Default)]
struct Index {
    /// (hash of an item key, hash of its parent's key) for rows with a parent, sorted by item
    /// (the last row with a parent wins); after [`Index::resolve`] the second word is the hash
    /// of the topmost ancestor (`LOOP` on a parent loop).
    links: Vec<(u64, u64)>,
    /// Some row has a parent but no conversation: only then are chains followed.
    needs_chains: bool,
    /// Hash of a conversation key -> (title, url) from its root row.
    roots: FxHashMap<u64, (Option<String>, Option<String>)>,
    /// Hash of a chain's root key -> the key (one per conversation), from the names pass.
    names: FxHashMap<u64, Box<str>>,
    /// Hash of every item key in the file, sorted: duplicates are told by a bit each.
    items: Vec<u64>,
}

/// The root of a chain that runs into a parent loop (hashes have 63 bits).
const LOOP: u64 = u64::MAX;

impl Index {
    fn link(&self, hash: u64) -> Option<usize> {
        self.links.binary_search_by_key(&hash, |&(item, _)| item).ok()
    }

    /// Sorts the links and turns each parent into the topmost ancestor reachable in the file.
    fn resolve(&mut self) {
        // the last row wins, as it did in a map: reversed, a stable sort keeps it first
        self.links.reverse();
        self.links.sort_by_key(|&(item, _)| item);
        self.links.dedup_by_key(|&mut (item, _)| item);
        self.links.shrink_to_fit();
        let bits = || vec![0u64; self.links.len().div_ceil(64)];
        let (mut done, mut on_path) = (bits(), bits());
        let test = |bits: &[u64], i: usize| bits[i / 64] & (1 << (i % 64)) != 0;
        let mut path = Vec::new();
        for start in 0..self.links.len() {
            if test(&done, start) {
                continue;
            }
            let mut i = start;
            let root = loop {
                path.push(i);
                on_path[i / 64] |= 1 << (i % 64);
                let parent = self.links[i].1;
                match self.link(parent) {
                    None => break parent,
                    Some(j) if test(&done, j) => break self.links[j].1,
                    Some(j) if test(&on_path, j) => break LOOP,
                    Some(j) => i = j,
                }
            };
            for i in path.drain(..) {
                self.links[i].1 = root;
                done[i / 64] |= 1 << (i % 64);
            }
        }
    }

    /// The hashes of the chains' roots, sorted, for the names pass.
    fn chain_roots(&self) -> Vec<u64> {
        let mut roots: Vec<u64> =
            self.links.iter().map(|&(_, root)| root).filter(|&r| r != LOOP).collect();
        roots.sort_unstable();
        roots.dedup();
        roots
    }

    /// The conversation key of `key`: its topmost ancestor reachable in the file. `None` on a
    /// parent loop.
    fn root_of(&self, key: &str) -> Option<String> {
        let hash = hash_of(key);
        let root = match self.link(hash) {
            Some(i) if self.needs_chains => self.links[i].1,
            _ => return Some(key.to_string()),
        };
        if root == LOOP {
            return None;
        }
        Some(self.names.get(&root).map_or_else(|| key.to_string(), |name| name.to_string()))
    }
}

/// A 63-bit hash of a key (`LOOP` is outside).
fn hash_of(s: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    s.hash(&mut hasher);
    hasher.finish() >> 1
}

fn key(scope: &str, id: &str) -> String {
    format!("{NAMESPACE}:{scope}:{id}")
}

/// Where a row's ids are unique: its platform when the row names one (a platform's ids are
/// global, so the same status from two tables is one item), else the file, by its name
/// (`file:comments`): tables of row numbers must not overwrite each other.
fn scope(row: &Row, file_stem: &str) -> String {
    match row.get(Col::Platform) {
        Some(platform) => platform.to_lowercase(),
        None => format!("file:{file_stem}"),
    }
}

/// The file's name without extension, lowercased, the same for `x.csv` and `x.jsonl`.
fn file_stem(source: &dyn RowSource) -> String {
    let file = source.file();
    let stem = file.file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
    stem.replace(':', "_")
}

/// Both passes over `source`.
fn run(
    source: &dyn RowSource,
    ctx: &ImportContext,
    sink: &mut dyn Sink,
) -> Result<ImportSummary, ImportError> {
    let mut index = Index::default();
    let stem = file_stem(source);
    source.for_each(&mut |row, _line| {
        let Some(id) = row.get(Col::Id) else { return Ok(()) };
        let scope = scope(&row, &stem);
        let item = key(&scope, id);
        let parent = row.get(Col::Parent).map(|p| key(&scope, p));
        let conversation = row.get(Col::Conversation).map(|c| key(&scope, c));
        let is_root = parent.is_none() || conversation.as_deref() == Some(item.as_str());
        if is_root && (row.get(Col::Title).is_some() || row.get(Col::Url).is_some()) {
            let meta = (row.get(Col::Title).map(String::from), row.get(Col::Url).map(String::from));
            index.roots.insert(hash_of(conversation.as_deref().unwrap_or(&item)), meta);
        }
        let hash = hash_of(&item);
        index.items.push(hash);
        if let Some(parent) = parent {
            index.needs_chains |= conversation.is_none();
            index.links.push((hash, hash_of(&parent)));
        }
        Ok(())
    })?;
    index.items.sort_unstable();
    index.items.dedup();
    index.items.shrink_to_fit();
    if index.needs_chains {
        index.resolve();
        // the roots' keys: read once more rather than kept for every row in the first pass
        let wanted = index.chain_roots();
        let mut names = FxHashMap::default();
        source.for_each(&mut |row, _line| {
            let Some(id) = row.get(Col::Id) else { return Ok(()) };
            let scope = scope(&row, &stem);
            for key in
                std::iter::once(key(&scope, id)).chain(row.get(Col::Parent).map(|p| key(&scope, p)))
            {
                let hash = hash_of(&key);
                if wanted.binary_search(&hash).is_ok() {
                    names.entry(hash).or_insert_with(|| key.into_boxed_str());
                }
            }
            Ok(())
        })?;
        index.names = names;
    } else {
        index.links = Vec::new();
    }

    let mut emitter = Emitter {
        ctx,
        emitted: vec![0; index.items.len().div_ceil(64)],
        index,
        stem,
        participants: HashSet::default(),
        conversations: HashSet::default(),
        warned_encoding: false,
        good: 0,
    };
    let mut bad = 0u64;
    source.for_each(&mut |row, line| {
        match emitter.emit(row, line, source, sink)? {
            true => emitter.good += 1,
            false => bad += 1,
        }
        Ok(())
    })?;
    if emitter.good == 0 && bad > 0 {
        return Err(ImportError::NotThisFormat {
            file: source.file(),
            format: source.format(),
            reason: format!(
                "none of its {bad} rows could be read (see the warnings); each needs id, author and text"
            ),
        });
    }
    Ok(ImportSummary::default())
}

struct Emitter<'a> {
    ctx: &'a ImportContext,
    index: Index,
    stem: String,
    /// Hashes of the participant and conversation keys announced.
    participants: HashSet<u64>,
    conversations: HashSet<u64>,
    /// A bit per entry of `index.items`: emitted.
    emitted: Vec<u64>,
    warned_encoding: bool,
    good: u64,
}

impl Emitter<'_> {
    /// Emits one row; `false` when it was skipped (with a warning).
    fn emit(
        &mut self,
        row: Row,
        line: u64,
        source: &dyn RowSource,
        sink: &mut dyn Sink,
    ) -> Result<bool, ImportError> {
        let warn = |sink: &mut dyn Sink, message: String| {
            sink.warn(Warning { location: source.location(line), message });
        };
        if let Some(error) = &row.broken {
            warn(sink, format!("not a JSON object, skipped: {error}"));
            return Ok(false);
        }
        if row.repaired && !self.warned_encoding {
            self.warned_encoding = true;
            warn(
                sink,
                "the file is not UTF-8; read as Windows-1252 (Latin-1), as Excel writes it on Windows. Check names with accents or umlauts".into(),
            );
        }
        let kind_given = match row.get(Col::Kind) {
            None => None,
            Some(k) => match ItemKind::parse(&k.to_lowercase()) {
                Some(kind) => Some(kind),
                None => {
                    warn(sink, format!("unknown kind `{k}`, read from the parent instead"));
                    None
                }
            },
        };
        let missing: Vec<&str> = [Col::Id, Col::Author]
            .into_iter()
            .filter(|&c| row.get(c).is_none())
            .map(|c| COLUMNS[c as usize])
            .chain(
                (row.get(Col::Text).is_none() && !kind_given.is_some_and(|k| k.is_attention()))
                    .then_some("text"),
            )
            .collect();
        if !missing.is_empty() {
            warn(sink, format!("row without {}, skipped", missing.join(" or ")));
            return Ok(false);
        }
        let (Some(id), Some(author)) = (row.get(Col::Id), row.get(Col::Author)) else {
            return Ok(false);
        };
        let created_at = match row.get(Col::Time).map(parse_time).transpose() {
            Ok(t) => t,
            Err(reason) => {
                warn(sink, format!("item {id}: {reason}, skipped"));
                return Ok(false);
            }
        };
        let platform = row.platform();
        let scope = scope(&row, &self.stem);
        let item_key = key(&scope, id);
        let first = match self.index.items.binary_search(&hash_of(&item_key)) {
            Ok(i) => {
                let (word, bit) = (&mut self.emitted[i / 64], 1 << (i % 64));
                let first = *word & bit == 0;
                *word |= bit;
                first
            }
            Err(_) => true,
        };
        if !first {
            warn(sink, format!("item {id} appears a second time, skipped"));
            return Ok(false);
        }
        let parent = row.get(Col::Parent).map(|p| key(&scope, p));
        let conversation = match row.get(Col::Conversation) {
            Some(c) => key(&scope, c),
            None => match self.index.root_of(&item_key) {
                Some(root) => root,
                None => {
                    warn(
                        sink,
                        format!(
                            "item {id} is its own ancestor (a parent loop); it starts a conversation of its own"
                        ),
                    );
                    item_key.clone()
                }
            },
        };
        let kind = kind_given.unwrap_or(match &parent {
            None => ItemKind::Post,
            Some(p) if *p == conversation => ItemKind::Comment,
            Some(_) => ItemKind::Reply,
        });
        let state = match row.get(Col::State) {
            None => State::Public,
            Some(s) => parse_state(s).unwrap_or_else(|| {
                warn(sink, format!("item {id}: unknown state `{s}`, stored as restricted (never shown) until it says public"));
                State::Restricted
            }),
        };

        let author_key = self.participant(&row, &platform, author, sink)?;
        let conversation_hash = hash_of(&conversation);
        if self.conversations.insert(conversation_hash) {
            let (title, url) =
                self.index.roots.get(&conversation_hash).cloned().unwrap_or_default();
            sink.conversation(Conversation {
                key: conversation.clone(),
                platform: platform.clone(),
                title,
                url,
            })?;
        }
        let raw = row.get(Col::Text).unwrap_or_default().to_string();
        let looks_like_html = raw.contains("</") || raw.contains("<br") || raw.contains("<p>");
        let (text, hrefs) =
            if looks_like_html { html_to_text(&raw) } else { (raw.clone(), Vec::new()) };
        let links = extract_links(&text, hrefs);
        sink.item(Item {
            key: item_key,
            native_id: id.to_string(),
            conversation,
            parent,
            author: author_key,
            kind,
            state,
            created_at,
            title: row.get(Col::Title).map(String::from),
            url: row.get(Col::Url).map(String::from),
            html: (looks_like_html && raw != text).then_some(raw),
            text,
            links,
            mentions: Vec::new(),
        })?;
        Ok(true)
    }

    /// The author's participant key, emitting the participant the first time.
    fn participant(
        &mut self,
        row: &Row,
        platform: &str,
        author: &str,
        sink: &mut dyn Sink,
    ) -> Result<String, ImportError> {
        let name = row.get(Col::AuthorName).filter(|n| !is_email(n, platform));
        let (key, handle, display_name) = if is_email(author, platform) {
            // hashed with the workspace secret, then dropped
            let hash = self.ctx.pseudonymizer.key(&["csv-guest", platform, &author.to_lowercase()]);
            let handle = format!("guest-{}", &hash[..8]);
            let display = name.map_or_else(|| handle.clone(), String::from);
            (format!("{NAMESPACE}:{platform}:guest:{hash}"), handle, display)
        } else {
            let display = name.unwrap_or(author).to_string();
            (key(platform, author), author.to_string(), display)
        };
        if self.participants.insert(hash_of(&key)) {
            let url = row.get(Col::AuthorUrl).filter(|u| crate::urls::is_web(u)).map(String::from);
            let kind = match author {
                "[deleted]" | "[removed]" | "[unknown]" => ParticipantKind::Unknown,
                _ => ParticipantKind::Person,
            };
            sink.participant(Participant {
                key: key.clone(),
                platform: platform.to_string(),
                handle,
                display_name,
                url,
                kind,
                site_author: false,
            })?;
        }
        Ok(key)
    }
}

fn parse_state(s: &str) -> Option<State> {
    Some(match s.to_lowercase().as_str() {
        "public" | "published" | "publish" | "approved" | "visible" | "1" | "öffentlich"
        | "veröffentlicht" | "freigegeben" => State::Public,
        "pending" | "unapproved" | "hold" | "moderation" | "0" | "ausstehend" => State::Pending,
        "spam" => State::Spam,
        "trash" | "trashed" | "papierkorb" => State::Trash,
        "deleted" | "removed" | "gelöscht" | "entfernt" => State::Deleted,
        "restricted" | "private" | "hidden" | "direct" | "followers" | "unlisted" | "privat"
        | "verborgen" => State::Restricted,
        _ => return None,
    })
}

/// Reads a time as the tables people make write it: RFC 3339 / ISO 8601 (an offset, or
/// none for UTC; a date alone is midnight UTC), RFC 2822, unix seconds or milliseconds
/// (nine digits or more, so a bare year is not taken for 1970), German `DD.MM.YYYY[ HH:MM[:SS]]`,
/// and Twitter's `Thu Jan 26 08:15:54 +0000 2023`. Returns epoch seconds.
pub(crate) fn parse_time(s: &str) -> Result<i64, String> {
    use relate_model::time::{
        parse_rfc2822, parse_rfc3339, parse_twitter, parse_wall_clock, wall_clock_as_utc,
    };
    let s = s.trim();
    let digits = s.trim_start_matches('-');
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let integer_digits = digits.split('.').next().unwrap_or("").len();
        if let Ok(n) = s.parse::<f64>()
            && integer_digits >= 9
            && n.is_finite()
        {
            let seconds = if integer_digits >= 12 { n / 1000.0 } else { n };
            return Ok(seconds as i64);
        }
    }
    if let Some(t) = parse_rfc3339(s).or_else(|| parse_rfc2822(s)) {
        return Ok(t);
    }
    // `2024-03-05 14:30:00+01:00` and `...+0100`, which RFC 3339 parsing refuses
    if let Ok(zoned) = jiff::fmt::strtime::parse("%Y-%m-%d %H:%M:%S%z", s)
        .or_else(|_| jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%z", s))
        .and_then(|tm| tm.to_timestamp())
    {
        return Ok(zoned.as_second());
    }
    if let Some(t) = parse_twitter(s) {
        return Ok(t);
    }
    let wall = parse_wall_clock(s)
        .or_else(|| {
            ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"]
                .iter()
                .find_map(|f| jiff::civil::DateTime::strptime(f, s).ok())
        })
        .or_else(|| {
            ["%Y-%m-%d", "%d.%m.%Y"]
                .iter()
                .find_map(|f| jiff::civil::Date::strptime(f, s).ok())
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        });
    if let Some(t) = wall.and_then(wall_clock_as_utc) {
        return Ok(t);
    }
    if s.split(['/', ' ']).next().is_some_and(|d| d.matches('/').count() == 0 && s.contains('/')) {
        return Err(format!(
            "ambiguous date `{s}` (is 03/05 March or May?); write 2024-03-05 or 05.03.2024"
        ));
    }
    Err(format!("cannot read the time `{s}` (use ISO 8601 like 2024-03-05T14:30:00+01:00)"))
}

pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// `,`, `;` or tab: whichever occurs most outside quotes in the first line (`,` on a tie).
pub(crate) fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    candidates[best]
}

/// The header line's names, trimmed and lowercased, with the delimiter sniffed.
fn header_fields(head: &[u8]) -> Option<Vec<String>> {
    let fields = header_fields_with(head, sniff_delimiter(strip_bom(head)));
    (!fields.is_empty()).then_some(fields)
}

pub(crate) fn header_fields_with(head: &[u8], delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(strip_bom(head));
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record.iter().map(|f| decode(f).0.trim().to_lowercase()).collect(),
        _ => Vec::new(),
    }
}

/// UTF-8 as it is; anything else read as Windows-1252. The flag says a repair happened.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()), true),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{VecSink, fixture, import_path};
    use crate::{ImportContext, Pseudonymizer};

    fn import_with(
        importer: &dyn Importer,
        path: &str,
        columns: &[(&str, &str)],
    ) -> (Result<ImportSummary, ImportError>, VecSink) {
        let input = Input::from_path(&fixture(path)).unwrap();
        let mut ctx = ImportContext::new(Pseudonymizer::new(b"test"));
        for (name, source) in columns {
            ctx.columns.insert(name, source);
        }
        let mut sink = VecSink::default();
        let result = importer.import(&input, &ctx, &mut sink);
        (result, sink)
    }

    fn detect(path: &str) -> Option<&'static str> {
        crate::detect(&Input::from_path(&fixture(path)).unwrap()).map(|i| i.id())
    }

    fn kinds(sink: &VecSink) -> Vec<(&str, &str)> {
        sink.items.iter().map(|i| (i.native_id.as_str(), i.kind.as_str())).collect()
    }

    #[test]
    fn comma_file_threads_by_parent_in_any_order() {
        // fixtures/csv/comma.csv: 6 rows, newest first; 2 posts, 3 comments on post 1, a reply
        let (res, sink) = import_path(&Csv, &fixture("csv/comma.csv"));
        res.unwrap();
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        assert_eq!(
            kinds(&sink),
            vec![
                ("6", "reply"),
                ("5", "comment"),
                ("4", "post"),
                ("3", "comment"),
                ("2", "comment"),
                ("1", "post")
            ]
        );
        let reply = sink.item("6").unwrap();
        assert_eq!(reply.conversation, "csv:file:comma:1");
        assert_eq!(reply.parent.as_deref(), Some("csv:file:comma:3"));
        assert_eq!(reply.created_at, relate_model::time::parse_rfc3339("2024-03-06T09:15:00Z"));
        // the root comes last in the file; its title still reaches the conversation
        assert_eq!(sink.conversations.len(), 2);
        assert_eq!(sink.conversations[0].key, "csv:file:comma:1");
        assert_eq!(sink.conversations[0].title.as_deref(), Some("Open depot day"));
        assert_eq!(
            sink.conversations[0].url.as_deref(),
            Some("https://museum.example/blog/open-depot-day")
        );
        // "Sure, see https://..." with a quoted comma
        assert_eq!(sink.item("3").unwrap().links, vec!["https://museum.example/depot"]);
        assert_eq!(sink.participants.len(), 3);
        assert_eq!(sink.participant("csv:csv:lena").unwrap().display_name, "Lena Fischer");
        assert_eq!(detect("csv/comma.csv"), Some("csv"));
    }

    #[test]
    fn semicolon_file_with_german_text_dates_and_platform() {
        // fixtures/csv/semikolon.csv: German Excel, `;`, DD.MM.YYYY HH:MM, a `platform` column
        let (res, sink) = import_path(&Csv, &fixture("csv/semikolon.csv"));
        res.unwrap();
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        assert_eq!(sink.items.len(), 4);
        let post = sink.item("p1").unwrap();
        assert_eq!(post.key, "csv:instagram:p1");
        assert_eq!(post.text, "Führung durch die Grafiksammlung; Treffpunkt: Foyer, 14 Uhr.");
        assert_eq!(post.created_at, relate_model::time::parse_rfc3339("2024-03-05T14:30:00Z"));
        let answer = sink.item("c2").unwrap();
        assert_eq!(answer.kind, ItemKind::Reply);
        assert_eq!(answer.text, "Gern! Bringen Sie „Zeit“ mit.");
        assert_eq!(sink.participants[0].platform, "instagram");
        assert_eq!(sink.item("c3").unwrap().state, State::Pending);
    }

    #[test]
    fn mapped_columns_rename_the_documented_ones() {
        // fixtures/csv/mapped.csv: user_name, created, body, reply_to, post_id
        let columns = [
            ("id", "post_id"),
            ("author", "user_name"),
            ("time", "created"),
            ("text", "body"),
            ("parent", "reply_to"),
        ];
        let (res, sink) = import_with(&Csv, "csv/mapped.csv", &columns);
        res.unwrap();
        assert_eq!(kinds(&sink), vec![("a1", "post"), ("a2", "comment"), ("a3", "reply")]);
        // unix seconds, then milliseconds
        assert_eq!(sink.item("a1").unwrap().created_at, Some(1_709_647_200));
        assert_eq!(sink.item("a2").unwrap().created_at, Some(1_709_650_800));
        assert_eq!(sink.item("a3").unwrap().author, "csv:csv:tom");

        // unmapped, it is not a table relate can read, and the error says how to fix it
        let (res, _) = import_with(&Csv, "csv/mapped.csv", &[]);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("no id, author, text column") && err.contains("--column"), "{err}");
        assert_eq!(detect("csv/mapped.csv"), None);
        // a mapped source that is not there is named
        let (res, _) = import_with(&Csv, "csv/mapped.csv", &[("author", "nick")]);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("no column `nick`") && err.contains("user_name"), "{err}");
    }

    #[test]
    fn bad_rows_are_warnings_with_file_and_line() {
        // fixtures/csv/bad-rows.csv: line 3 has no author, line 4 an unreadable time, line 5
        // an ambiguous US/UK date, line 6 repeats id 1, line 7 spans two lines and is good,
        // line 9 has an unknown state
        let (res, sink) = import_path(&Csv, &fixture("csv/bad-rows.csv"));
        res.unwrap();
        let warnings: Vec<String> = sink
            .warnings
            .iter()
            .map(|w| {
                let line = w.location.rsplit(':').next().unwrap();
                format!("{line} {}", w.message)
            })
            .collect();
        assert_eq!(warnings.len(), 5, "{warnings:#?}");
        assert!(warnings[0].starts_with("3 row without author"), "{warnings:?}");
        assert!(warnings[1].starts_with("4 item 3: cannot read the time `gestern`"));
        assert!(warnings[2].starts_with("5 item 4: ambiguous date `03/05/2024`"));
        assert!(warnings[3].starts_with("6 item 1 appears a second time"));
        assert!(warnings[4].starts_with("9 item 6: unknown state `maybe`"));
        assert!(sink.warnings[0].location.contains("bad-rows.csv:3"));
        assert_eq!(kinds(&sink), vec![("1", "post"), ("5", "comment"), ("6", "comment")]);
        assert_eq!(sink.item("5").unwrap().text, "Two lines,\nboth kept.");
        assert_eq!(sink.item("6").unwrap().state, State::Restricted);
    }

    #[test]
    fn bom_and_tabs_are_read() {
        // fixtures/csv/bom.tsv: UTF-8 BOM, tab-separated, Title-cased header names
        let (res, sink) = import_path(&Csv, &fixture("csv/bom.tsv"));
        res.unwrap();
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        assert_eq!(kinds(&sink), vec![("10", "post"), ("11", "comment")]);
        assert_eq!(sink.item("11").unwrap().text, "Schön, dass es wieder öffnet.");
        assert_eq!(detect("csv/bom.tsv"), Some("csv"));
    }

    #[test]
    fn latin1_is_repaired_with_one_warning() {
        // fixtures/csv/latin1.csv: Windows-1252 bytes (ä = 0xE4, € = 0x80), `;`-separated
        let (res, sink) = import_path(&Csv, &fixture("csv/latin1.csv"));
        res.unwrap();
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(sink.warnings[0].message.contains("not UTF-8"));
        assert!(sink.warnings[0].location.ends_with("latin1.csv:2"));
        assert_eq!(sink.item("1").unwrap().text, "Eintritt für Kinder: 0 €, Erwachsene 8 €.");
        assert_eq!(sink.participant("csv:csv:jürgen").unwrap().handle, "jürgen");
        // comma.csv has an id 1 too: without a platform, ids are the file's own
        assert_eq!(sink.item("1").unwrap().key, "csv:file:latin1:1");
    }

    #[test]
    fn email_authors_never_reach_a_record() {
        // fixtures/csv/email-authors.csv: a survey export with e-mail addresses as authors
        let (res, sink) = import_path(&Csv, &fixture("csv/email-authors.csv"));
        res.unwrap();
        assert_eq!(sink.participants.len(), 2);
        let debug = format!("{:?} {:?}", sink.participants, sink.items);
        assert!(!debug.contains("@example"), "{debug}");
        // the same address (in other case) is the same participant
        assert_eq!(sink.items[0].author, sink.items[2].author);
        assert!(sink.items[0].author.starts_with("csv:csv:guest:"));
        assert_eq!(sink.participants[0].display_name, "Petra");
        assert!(sink.participants[1].handle.starts_with("guest-"));
    }

    #[test]
    fn jsonl_reads_numbers_nested_paths_and_skips_broken_lines() {
        // fixtures/jsonl/thread.jsonl: 4 objects (numeric ids, a `conversation` column, HTML
        // text), then a broken line 5 and an object without text on line 6
        let (res, sink) = import_path(&Jsonl, &fixture("jsonl/thread.jsonl"));
        res.unwrap();
        assert_eq!(
            kinds(&sink),
            vec![("100", "post"), ("101", "comment"), ("102", "reply"), ("103", "like")]
        );
        assert_eq!(sink.item("102").unwrap().conversation, "csv:mastodon:100");
        assert_eq!(sink.item("101").unwrap().text, "Great photos!\n\nMore please.");
        assert!(sink.item("101").unwrap().html.is_some());
        assert_eq!(sink.item("100").unwrap().created_at, Some(1_709_647_200));
        assert_eq!(sink.warnings.len(), 2, "{:?}", sink.warnings);
        assert!(sink.warnings[0].location.ends_with("thread.jsonl:5"));
        assert!(sink.warnings[1].location.ends_with("thread.jsonl:6"));
        assert!(sink.warnings[1].message.contains("without text"));
        // a Mastodon `user@host` is a handle, not an e-mail address
        assert!(sink.participant("csv:mastodon:anna@museum.social").is_some());
        assert_eq!(detect("jsonl/thread.jsonl"), Some("jsonl"));

        // nested.jsonl: scraper output with the author one level down
        let columns = [("author", "user.screen_name"), ("time", "created_at")];
        let (res, sink) = import_with(&Jsonl, "jsonl/nested.jsonl", &columns);
        res.unwrap();
        assert_eq!(sink.items.len(), 2);
        assert_eq!(sink.items[1].author, "csv:csv:kunsthalle");
        assert_eq!(sink.items[1].kind, ItemKind::Comment);
        assert_eq!(detect("jsonl/nested.jsonl"), None);
        // fixtures/jsonl/flattened-tweet.jsonl: `author` is an object, as twarc flattens it
        let input = Input::from_path(&fixture("jsonl/flattened-tweet.jsonl")).unwrap();
        assert_eq!(Jsonl.detect(&input), Detection::No);
    }

    #[test]
    fn jsonl_that_is_not_json_lines_is_an_error_with_position() {
        let (res, _) = import_path(&Jsonl, &fixture("csv/comma.csv"));
        let err = res.unwrap_err().to_string();
        assert!(err.contains("comma.csv:1:") && err.contains("not JSON Lines"), "{err}");
    }

    #[test]
    fn parent_loops_end_at_the_row() {
        let mut index = Index { needs_chains: true, ..Index::default() };
        for (item, parent) in [("a", "b"), ("b", "a"), ("c", "d"), ("d", "gone")] {
            index.links.push((hash_of(item), hash_of(parent)));
        }
        index.resolve();
        assert_eq!(index.chain_roots(), vec![hash_of("gone")]);
        index.names.insert(hash_of("gone"), "gone".into());
        assert_eq!(index.root_of("a"), None);
        assert_eq!(index.root_of("c").as_deref(), Some("gone"));
        assert_eq!(index.root_of("d").as_deref(), Some("gone"));
        // a row without parent is its own root
        assert_eq!(index.root_of("gone").as_deref(), Some("gone"));
    }

    #[test]
    fn chains_run_through_rows_that_state_their_conversation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mixed.csv");
        std::fs::write(
            &path,
            "id,parent,conversation,author,text\n\
             3,2,,c,answer to a reply\n\
             2,1,1,b,a reply that names its conversation\n\
             1,,,a,the post\n\
             5,4,,e,the parent is not in the file\n\
             2,9,,b,a second row 2: skipped, but its parent counts\n",
        )
        .unwrap();
        let (result, sink) = import_path(&Csv, &path);
        result.unwrap();
        let conversation =
            |id: &str| sink.items.iter().find(|i| i.native_id == id).unwrap().conversation.clone();
        assert_eq!(sink.items.len(), 4);
        // as a map of parents would have it: the last row 2 names parent 9
        assert_eq!(conversation("3"), "csv:file:mixed:9");
        assert_eq!(conversation("2"), "csv:file:mixed:1");
        assert_eq!(conversation("1"), "csv:file:mixed:1");
        assert_eq!(conversation("5"), "csv:file:mixed:4");
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
    }

    #[test]
    fn times_in_the_forms_tables_use() {
        let t = |s| parse_time(s).map(relate_model::time::rfc3339);
        assert_eq!(t("2024-03-05T14:30:00+01:00").unwrap(), "2024-03-05T13:30:00Z");
        assert_eq!(t("2024-03-05 14:30:00+0100").unwrap(), "2024-03-05T13:30:00Z");
        assert_eq!(t("2024-03-05 14:30:00").unwrap(), "2024-03-05T14:30:00Z");
        assert_eq!(t("2024-03-05T14:30").unwrap(), "2024-03-05T14:30:00Z");
        assert_eq!(t("2024-03-05").unwrap(), "2024-03-05T00:00:00Z");
        assert_eq!(t("05.03.2024").unwrap(), "2024-03-05T00:00:00Z");
        assert_eq!(t("Tue, 05 Mar 2024 14:30:00 +0100").unwrap(), "2024-03-05T13:30:00Z");
        assert_eq!(t("Tue Mar 05 14:30:00 +0000 2024").unwrap(), "2024-03-05T14:30:00Z");
        assert_eq!(t("1709649000").unwrap(), "2024-03-05T14:30:00Z");
        assert_eq!(t("1709649000000").unwrap(), "2024-03-05T14:30:00Z");
        assert_eq!(t("1709649000.25").unwrap(), "2024-03-05T14:30:00Z");
        assert!(t("2024").is_err());
        assert!(t("03/05/2024 10:00").unwrap_err().contains("ambiguous"));
    }

    #[test]
    fn delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter(b"id;author;text\n1,2,3,4,5"), b';');
        assert_eq!(sniff_delimiter(b"\"a,b,c\";author;text"), b';');
        assert_eq!(sniff_delimiter(b"id\tauthor\ttext"), b'\t');
        assert_eq!(sniff_delimiter(b"id,author,text"), b',');
    }
}
