//! `bluesky-car`: a Bluesky (AT Protocol) repository export, the `.car` file that
//! `com.atproto.sync.getRepo` returns (Settings -> Export my data, or `goat repo export`).
//!
//! ## Format
//! CARv1 (ipld.io/specs/transport/car/carv1): a varint-prefixed DAG-CBOR header
//! `{version: 1, roots: [commit CID]}`, then blocks, each `varint(len) CID bytes`. The
//! atproto repository spec (atproto.com/specs/repository) gives the blocks their meaning: the
//! signed commit `{did, version, data, rev, prev, sig}`, the nodes of a Merkle Search Tree
//! `{l, e: [{p, k, v, t}]}` whose keys are `<collection>/<rkey>`, and the records, in any
//! order. Notes in `../shared/corpus/FORMATS.md` §3.
//!
//! ## Mapping
//! - The whole repository is one account, the commit's `did`: participant `bluesky:<did>`,
//!   a site author, named by its `app.bsky.actor.profile` display name.
//! - Each record's at-uri is `at://<did>/<collection>/<rkey>`; keys are those of
//!   `bluesky-api`, so a thread fetched from the API merges with the export.
//! - `app.bsky.feed.post`: a post, or (with `reply`) a comment on the root or a reply deeper
//!   down; a quote post (embed of a post) answering nothing is a quote with `parent` = the
//!   quoted post. Conversation = the reply root, or the post itself.
//! - `app.bsky.feed.like` and `app.bsky.feed.repost`: likes and reposts, `parent` = the
//!   subject, beside the subject's conversation (its root when the subject is one of the
//!   account's own posts, else the subject itself).
//! - `app.bsky.graph.follow` records are counted: audience snapshot `following` of the
//!   account, dated by the commit's `rev` (a TID, the time of the last write).
//! - Other collections (lexicon schemas, other apps' records, old `app.bsky.feed.vote`) are
//!   skipped and counted by collection.
//!
//! ## Known quirks
//! - Blocks come in any order, so the file is read twice: first the commit and the tree
//!   (plus the reply root of each post, for likes of one's own replies), then the records.
//!   Memory holds the tree and an index of a few hundred bytes per record, never the
//!   records themselves.
//! - The export has no handle (that lives in the DID document): the participant's handle is
//!   the DID, and its URL `https://bsky.app/profile/<did>`.
//! - Only the account's own records are there: replies by others live in their repos, so
//!   parents often point at posts that are not in the export; blobs (images) are not
//!   included either.
//! - `createdAt` is written by the client; when it is missing or has no time zone, the time
//!   in the record key (a TID) is used.
//! - A truncated file or a record the tree names but the file lacks is a warning; the rest
//!   is imported. Signatures and block hashes are not verified.

use std::io::{BufRead, Read};

use ipld_core::cid::Cid;
use relate_model::{AudienceSnapshot, ItemKind, Participant, ParticipantKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use serde_bytes::ByteBuf;

use crate::bluesky_api::lexicon::{
    self, AtUri, FOLLOW, LIKE, PLATFORM, POST, PROFILE, PostRecord, REPOST,
};
use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct BlueskyCar;

const ID: &str = "bluesky-car";

/// Larger than any header or block a repository holds (records are at most a few KiB,
/// tree nodes smaller still); a longer length means the file is not what it claims.
const MAX_BLOCK: u64 = 8 << 20;

impl Importer for BlueskyCar {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "Bluesky repository export (.car from com.atproto.sync.getRepo): posts, likes, reposts, follows"
    }

    fn detect(&self, input: &Input) -> Detection {
        let mut best = Detection::No;
        // a single file is judged by its header whatever its name; in a folder, `.car` files
        let names = if input.is_dir() { car_files(input) } else { input.files() };
        for name in names.iter().take(20) {
            let is_car_name = name.to_ascii_lowercase().ends_with(".car");
            if read_header(&mut input.head(name, 4096).as_slice()).is_ok() {
                return Detection::Yes;
            }
            if is_car_name {
                // a .car we cannot read: ours to reject with a reason
                best = Detection::Maybe;
            }
        }
        best
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let files = if input.is_dir() { car_files(input) } else { input.files() };
        let mut summary = ImportSummary::default();
        if files.is_empty() {
            return Err(input.not_this_format(ID, "no .car file in the folder"));
        }
        for name in &files {
            Repo::read(input, name, sink, &mut summary)?;
        }
        Ok(summary)
    }
}

fn car_files(input: &Input) -> Vec<String> {
    input.find_all(|name| name.to_ascii_lowercase().ends_with(".car"))
}

#[derive(Deserialize)]
struct CarHeader {
    version: u64,
    /// Absent in a CARv2 pragma, which then fails on its version, not on this.
    #[serde(default)]
    roots: Vec<Cid>,
}

#[derive(Deserialize)]
struct Commit {
    did: String,
    data: Cid,
    rev: Option<String>,
}

/// A Merkle Search Tree node. Unknown fields are refused, so no record passes for a node.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MstNode {
    l: Option<Cid>,
    e: Vec<MstEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MstEntry {
    /// Bytes shared with the previous entry's key in the same node.
    p: usize,
    /// The rest of the key.
    k: ByteBuf,
    v: Cid,
    t: Option<Cid>,
}

/// What the first pass needs from a record, before it knows the record's key.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Glance {
    #[serde(rename = "$type")]
    kind: Option<String>,
    reply: Option<lexicon::ReplyRefs>,
    display_name: Option<String>,
}

/// `app.bsky.feed.like` and `app.bsky.feed.repost`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SubjectRecord {
    subject: lexicon::StrongRef,
    created_at: Option<String>,
}

/// Reads one CAR's blocks in order.
struct Blocks<R> {
    reader: R,
    index: usize,
}

impl<R: BufRead> Blocks<R> {
    /// The next `(cid, bytes)`, `None` at the end, `Err` for a truncated or garbled block
    /// (after which the framing is lost).
    fn next_block(&mut self) -> Result<Option<(Cid, Vec<u8>)>, String> {
        match self.reader.fill_buf() {
            Ok([]) => return Ok(None),
            Ok(_) => {}
            Err(err) => return Err(err.to_string()),
        }
        self.index += 1;
        let len = unsigned_varint::io::read_u64(&mut self.reader)
            .map_err(|err| format!("block {}: unreadable length: {err}", self.index))?;
        if len > MAX_BLOCK {
            return Err(format!(
                "block {}: length {len} is beyond any repository block",
                self.index
            ));
        }
        let mut block = (&mut self.reader).take(len);
        let cid = Cid::read_bytes(&mut block)
            .map_err(|err| format!("block {}: unreadable CID: {err}", self.index))?;
        let mut data = Vec::new();
        block.read_to_end(&mut data).map_err(|err| format!("block {}: {err}", self.index))?;
        if (cid.encoded_len() + data.len()) as u64 != len {
            return Err(format!("block {}: the file ends inside the block", self.index));
        }
        Ok(Some((cid, data)))
    }
}

fn open_blocks<'i>(
    input: &'i Input,
    name: &str,
) -> Result<Blocks<Box<dyn BufRead + 'i>>, ImportError> {
    let reader = input.open_or_err(name)?;
    Ok(Blocks { reader, index: 0 })
}

/// Reads the varint-prefixed header and returns the root (the commit's CID).
fn read_header(reader: &mut impl BufRead) -> Result<Cid, String> {
    let len = unsigned_varint::io::read_u64(&mut *reader).map_err(|e| e.to_string())?;
    if len == 0 || len > 4096 {
        return Err(format!("header length {len} is not a CAR header's"));
    }
    let mut bytes = Vec::new();
    reader.take(len).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    let header: CarHeader = serde_ipld_dagcbor::from_slice(&bytes)
        .map_err(|e| format!("the header is not a CAR header: {e}"))?;
    if header.version != 1 {
        return Err(format!(
            "CAR version {} (only CARv1, what getRepo writes, is read)",
            header.version
        ));
    }
    header.roots.first().copied().ok_or_else(|| "the header names no root".to_string())
}

/// One repository: the account and the index the first pass builds.
struct Repo<'a> {
    input: &'a Input,
    name: &'a str,
    did: String,
    account: String,
    /// Record CID -> keys (`collection/rkey`) of the collections that become items.
    wanted: HashMap<Cid, Vec<String>>,
    /// rkey of each of the account's own replies -> its reply root's at-uri.
    own_roots: HashMap<String, String>,
    conversations: HashSet<String>,
}

impl<'a> Repo<'a> {
    fn read(
        input: &'a Input,
        name: &'a str,
        sink: &mut dyn Sink,
        summary: &mut ImportSummary,
    ) -> Result<(), ImportError> {
        let file = input.display_path(name);
        let not_car = |reason: String| ImportError::not_this_format(file.clone(), ID, reason);
        let mut blocks = open_blocks(input, name)?;
        let root = read_header(&mut blocks.reader).map_err(not_car)?;

        // pass 1: the commit, the tree, and what likes and the profile need
        let mut commit = None;
        let mut nodes: HashMap<Cid, Vec<u8>> = HashMap::default();
        let mut reply_roots: HashMap<Cid, String> = HashMap::default();
        let mut profiles: HashMap<Cid, String> = HashMap::default();
        let location = |what: &str| format!("{}[{what}]", file.display());
        loop {
            let (cid, data) = match blocks.next_block() {
                Ok(Some(block)) => block,
                Ok(None) => break,
                Err(message) => {
                    sink.warn(Warning {
                        location: location(&format!("block {}", blocks.index)),
                        message: format!("{message}; the blocks after it are missing"),
                    });
                    break;
                }
            };
            if cid == root {
                let parsed: Commit = serde_ipld_dagcbor::from_slice(&data).map_err(|e| {
                    not_car(format!("the root block is not a repository commit: {e}"))
                })?;
                commit = Some(parsed);
            } else if serde_ipld_dagcbor::from_slice::<MstNode>(&data).is_ok() {
                nodes.insert(cid, data);
            } else if let Ok(glance) = serde_ipld_dagcbor::from_slice::<Glance>(&data) {
                match glance.kind.as_deref() {
                    Some(POST) => {
                        if let Some(root) = glance.reply.and_then(|r| r.root) {
                            reply_roots.insert(cid, root.uri);
                        }
                    }
                    Some(PROFILE) => {
                        if let Some(display_name) = glance.display_name {
                            profiles.insert(cid, display_name);
                        }
                    }
                    _ => {}
                }
            }
        }
        let Some(commit) = commit else {
            return Err(not_car("the commit block the header names is not in the file".into()));
        };
        if !commit.did.starts_with("did:") {
            return Err(not_car(format!("the commit's did {:?} is not a DID", commit.did)));
        }
        let account = lexicon::account_key(&commit.did);
        let mut repo = Repo {
            input,
            name,
            did: commit.did.clone(),
            account: account.clone(),
            wanted: HashMap::default(),
            own_roots: HashMap::default(),
            conversations: HashSet::default(),
        };

        // the tree: keys for the records, follows counted, the rest skipped by collection
        let mut following = 0i64;
        let mut profile = None;
        let mut missing_nodes = 0usize;
        let mut seen: HashSet<Cid> = HashSet::default();
        let mut stack = vec![commit.data];
        while let Some(cid) = stack.pop() {
            if !seen.insert(cid) {
                continue;
            }
            let Some(node) =
                nodes.get(&cid).and_then(|d| serde_ipld_dagcbor::from_slice::<MstNode>(d).ok())
            else {
                missing_nodes += 1;
                continue;
            };
            stack.extend(node.l);
            let mut key: Vec<u8> = Vec::new();
            for entry in node.e {
                stack.extend(entry.t);
                if entry.p > key.len() {
                    sink.warn(Warning {
                        location: location("tree"),
                        message: format!(
                            "a tree entry shares {} bytes with a shorter key; skipped",
                            entry.p
                        ),
                    });
                    continue;
                }
                key.truncate(entry.p);
                key.extend_from_slice(&entry.k);
                let Some((collection, rkey)) =
                    std::str::from_utf8(&key).ok().and_then(|k| k.split_once('/'))
                else {
                    sink.warn(Warning {
                        location: location("tree"),
                        message: format!(
                            "tree key {:?} is not collection/rkey; skipped",
                            String::from_utf8_lossy(&key)
                        ),
                    });
                    continue;
                };
                match collection {
                    POST | LIKE | REPOST => {
                        if collection == POST
                            && let Some(root) = reply_roots.get(&entry.v)
                        {
                            repo.own_roots.insert(rkey.to_string(), root.clone());
                        }
                        repo.wanted
                            .entry(entry.v)
                            .or_default()
                            .push(format!("{collection}/{rkey}"));
                    }
                    FOLLOW => following += 1,
                    PROFILE if rkey == "self" => profile = profiles.get(&entry.v).cloned(),
                    _ => *summary.skipped.entry(collection.to_string()).or_default() += 1,
                }
            }
        }
        drop((nodes, reply_roots, profiles));
        if missing_nodes > 0 {
            sink.warn(Warning {
                location: location("tree"),
                message: format!(
                    "{missing_nodes} tree nodes are not in the file; their records are missing"
                ),
            });
        }

        let display_name = profile.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        sink.participant(Participant {
            key: account.clone(),
            platform: PLATFORM.into(),
            // a repository names its account only by DID: an empty handle says "unknown", so
            // the handle an API import brings is kept (the store never overwrites a name
            // with an empty one, and shows the key where no name is known)
            handle: String::new(),
            display_name: display_name.unwrap_or_default(),
            url: Some(lexicon::profile_url(&commit.did)),
            kind: ParticipantKind::Person,
            site_author: true,
        })?;
        sink.audience(AudienceSnapshot {
            platform: PLATFORM.into(),
            account: Some(account),
            item: None,
            metric: "following".into(),
            value: following,
            at: commit.rev.as_deref().and_then(lexicon::tid_seconds),
        })?;

        // pass 2: the records
        let mut blocks = open_blocks(input, name)?;
        read_header(&mut blocks.reader).map_err(not_car)?;
        // pass 1 already reported where the file breaks off
        while let Ok(Some((cid, data))) = blocks.next_block() {
            let Some(keys) = repo.wanted.remove(&cid) else { continue };
            for key in keys {
                repo.record(&key, &data, sink)?;
            }
        }
        if !repo.wanted.is_empty() {
            let mut keys: Vec<&String> = repo.wanted.values().flatten().collect();
            keys.sort();
            sink.warn(Warning {
                location: location("tree"),
                message: format!(
                    "{} records named in the tree are not in the file (first: {})",
                    keys.len(),
                    keys[0]
                ),
            });
        }
        Ok(())
    }

    fn warn(&self, sink: &mut dyn Sink, key: &str, message: String) {
        let location = format!("{}[{key}]", self.input.display_path(self.name).display());
        sink.warn(Warning { location, message });
    }

    fn record(&mut self, key: &str, data: &[u8], sink: &mut dyn Sink) -> Result<(), ImportError> {
        let uri_text = format!("at://{}/{key}", self.did);
        let Some(uri) = AtUri::parse(&uri_text) else {
            self.warn(sink, key, "not a valid record key; skipped".into());
            return Ok(());
        };
        if uri.collection == POST {
            let record: PostRecord = match serde_ipld_dagcbor::from_slice(data) {
                Ok(record) => record,
                Err(err) => {
                    self.warn(sink, key, format!("post record unreadable, skipped: {err}"));
                    return Ok(());
                }
            };
            if let Some(kind) = record.kind.as_deref().filter(|k| *k != POST) {
                self.warn(
                    sink,
                    key,
                    format!("a record of type {kind} in the post collection, skipped"),
                );
                return Ok(());
            }
            let post = lexicon::post_item(&uri_text, &uri, self.account.clone(), &record, None);
            for problem in post.problems {
                self.warn(sink, key, problem);
            }
            if self.conversations.insert(post.conversation.key.clone()) {
                sink.conversation(post.conversation)?;
            }
            sink.item(post.item)?;
            return Ok(());
        }
        let record: SubjectRecord = match serde_ipld_dagcbor::from_slice(data) {
            Ok(record) => record,
            Err(err) => {
                self.warn(
                    sink,
                    key,
                    format!("{} record unreadable, skipped: {err}", uri.collection),
                );
                return Ok(());
            }
        };
        let Some(subject) = AtUri::parse(&record.subject.uri) else {
            self.warn(
                sink,
                key,
                format!("subject {:?} is not an at-uri; skipped", record.subject.uri),
            );
            return Ok(());
        };
        // a like of one of the account's own replies belongs to that reply's thread
        let own_root = (subject.authority == self.did && subject.collection == POST)
            .then(|| self.own_roots.get(subject.rkey))
            .flatten();
        let root = own_root.and_then(|r| AtUri::parse(r));
        let kind = if uri.collection == LIKE { ItemKind::Like } else { ItemKind::Repost };
        let created_at = record.created_at.as_deref().and_then(relate_model::time::parse_rfc3339);
        let (item, conversation) = lexicon::attention_item(
            kind,
            &uri_text,
            &uri,
            self.account.clone(),
            &subject,
            root.as_ref(),
            created_at,
        );
        if self.conversations.insert(conversation.key.clone()) {
            sink.conversation(conversation)?;
        }
        sink.item(item)?;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::testing::{fixture, import_path};
    use ipld_core::cid::multihash::Multihash;
    use serde::Serialize;
    use sha2::{Digest, Sha256};
    use std::collections::BTreeMap;

    const DAG_CBOR: u64 = 0x71;
    const SHA2_256: u64 = 0x12;
    const DID: &str = "did:plc:museumkiel0000000000000";

    fn cid_of(bytes: &[u8]) -> Cid {
        let digest = Sha256::digest(bytes);
        Cid::new_v1(DAG_CBOR, Multihash::wrap(SHA2_256, &digest).expect("32-byte digest"))
    }

    #[derive(Serialize)]
    struct Node {
        l: Option<Cid>,
        e: Vec<Entry>,
    }

    #[derive(Serialize)]
    struct Entry {
        p: usize,
        k: ByteBuf,
        v: Cid,
        t: Option<Cid>,
    }

    /// Writes a repository CAR: records as JSON-like values (encoded as DAG-CBOR), a tree
    /// of two levels (the second half of the keys in a right subtree, so prefix compression
    /// restarts per node), and the commit. Block order puts records before the tree, as
    /// real exports may.
    pub(crate) struct CarBuilder {
        records: BTreeMap<String, Vec<u8>>,
        /// Keys the tree names without writing their block.
        drop_blocks: Vec<String>,
        truncate_by: usize,
    }

    impl CarBuilder {
        pub(crate) fn new() -> CarBuilder {
            CarBuilder { records: BTreeMap::new(), drop_blocks: Vec::new(), truncate_by: 0 }
        }

        pub(crate) fn record(mut self, key: &str, value: serde_json::Value) -> CarBuilder {
            let ipld: ipld_core::ipld::Ipld = serde_json::from_value(value).expect("plain JSON");
            self.records.insert(key.into(), serde_ipld_dagcbor::to_vec(&ipld).expect("encodes"));
            self
        }

        pub(crate) fn build(&self) -> Vec<u8> {
            let cids: Vec<(String, Cid)> =
                self.records.iter().map(|(k, v)| (k.clone(), cid_of(v))).collect();
            let half = cids.len() / 2;
            let node = |entries: &[(String, Cid)], t_last: Option<Cid>| {
                let mut prev = String::new();
                let mut e = Vec::new();
                for (i, (key, cid)) in entries.iter().enumerate() {
                    let p = prev.bytes().zip(key.bytes()).take_while(|(a, b)| a == b).count();
                    let t = if i + 1 == entries.len() { t_last } else { None };
                    e.push(Entry { p, k: ByteBuf::from(key.as_bytes()[p..].to_vec()), v: *cid, t });
                    prev = key.clone();
                }
                serde_ipld_dagcbor::to_vec(&Node { l: None, e }).expect("encodes")
            };
            let right = node(&cids[half..], None);
            let right_cid = cid_of(&right);
            let left = node(&cids[..half], Some(right_cid));
            let left_cid = cid_of(&left);
            let commit = serde_ipld_dagcbor::to_vec(&ipld_core::ipld!({
                "did": DID, "version": 3, "data": left_cid, "rev": "3ljlyqit2uk2l",
                "prev": null, "sig": ipld_core::ipld::Ipld::Bytes(vec![7; 64]),
            }))
            .expect("encodes");
            let commit_cid = cid_of(&commit);
            let header = serde_ipld_dagcbor::to_vec(&ipld_core::ipld!({
                "roots": [commit_cid], "version": 1,
            }))
            .expect("encodes");
            let mut out = Vec::new();
            push_varint(&mut out, header.len());
            out.extend(&header);
            let block = |out: &mut Vec<u8>, cid: Cid, data: &[u8]| {
                let cid = cid.to_bytes();
                push_varint(out, cid.len() + data.len());
                out.extend(&cid);
                out.extend(data);
            };
            block(&mut out, commit_cid, &commit);
            for (key, data) in &self.records {
                if !self.drop_blocks.contains(key) {
                    block(&mut out, cid_of(data), data);
                }
            }
            block(&mut out, left_cid, &left);
            block(&mut out, right_cid, &right);
            out.truncate(out.len() - self.truncate_by);
            out
        }
    }

    fn push_varint(out: &mut Vec<u8>, n: usize) {
        let mut buf = unsigned_varint::encode::u64_buffer();
        out.extend(unsigned_varint::encode::u64(n as u64, &mut buf));
    }

    fn at(did: &str, collection: &str, rkey: &str) -> String {
        format!("at://{did}/{collection}/{rkey}")
    }

    fn key(uri: &str) -> String {
        AtUri::parse(uri).expect("at-uri").key()
    }

    const FRIEND: &str = "did:plc:stadtarchiv0000000000000";

    /// The museum's repository: a post, a comment on a visitor's thread, a reply deeper in
    /// it, a quote, a like of its own reply, a repost, two follows, a profile and a record
    /// of another app.
    pub(crate) fn museum() -> CarBuilder {
        use serde_json::json;
        let visitor_root = at(FRIEND, POST, "3laaaaaaaaa2a");
        let visitor_reply = at(FRIEND, POST, "3laaaaaaaab2a");
        CarBuilder::new()
            .record("app.bsky.actor.profile/self", json!({
                "$type": PROFILE, "displayName": "Museum Kiel", "description": "Stadtgeschichte",
            }))
            .record("app.bsky.feed.post/3lbaaaaaaaa2a", json!({
                "$type": POST, "text": "Heute Abend: Führung durch das Depot. Anmeldung unter museum-kiel.example/depot",
                "createdAt": "2024-11-02T17:00:00.000Z", "langs": ["de"],
                "facets": [{"index": {"byteStart": 53, "byteEnd": 77}, "features": [
                    {"$type": "app.bsky.richtext.facet#link", "uri": "https://museum-kiel.example/depot"}]}],
            }))
            .record("app.bsky.feed.post/3lbaaaaaaab2a", json!({
                "$type": POST, "text": "Danke für den Hinweis!", "createdAt": "2024-11-03T10:00:00Z",
                "reply": {"root": {"uri": visitor_root, "cid": "bafyreia"}, "parent": {"uri": visitor_root, "cid": "bafyreia"}},
            }))
            .record("app.bsky.feed.post/3lbaaaaaaac2a", json!({
                "$type": POST, "text": "Thanks, we will fix the label.", "createdAt": "2024-11-03 11:00",
                "reply": {"root": {"uri": visitor_root, "cid": "bafyreia"}, "parent": {"uri": visitor_reply, "cid": "bafyreib"}},
            }))
            .record("app.bsky.feed.post/3lbaaaaaaad2a", json!({
                "$type": POST, "text": "Lesenswert, @stadtarchiv!",
                "createdAt": "2024-11-04T09:00:00Z",
                "facets": [{"index": {"byteStart": 12, "byteEnd": 24}, "features": [
                    {"$type": "app.bsky.richtext.facet#mention", "did": FRIEND}]}],
                "embed": {"$type": "app.bsky.embed.recordWithMedia",
                    "media": {"$type": "app.bsky.embed.images", "images": []},
                    "record": {"$type": "app.bsky.embed.record", "record": {"uri": visitor_root, "cid": "bafyreia"}}},
            }))
            .record("app.bsky.feed.like/3lbaaaaaaae2a", json!({
                "$type": LIKE, "createdAt": "2024-11-03T11:05:00Z",
                "subject": {"uri": at(DID, POST, "3lbaaaaaaac2a"), "cid": "bafyreic"},
            }))
            .record("app.bsky.feed.like/3lbaaaaaaaf2a", json!({
                "$type": LIKE, "createdAt": "2024-11-03T11:06:00Z",
                "subject": {"uri": visitor_reply, "cid": "bafyreib"},
            }))
            .record("app.bsky.feed.repost/3lbaaaaaaag2a", json!({
                "$type": REPOST, "createdAt": "2024-11-05T08:00:00Z",
                "subject": {"uri": visitor_root, "cid": "bafyreia"},
            }))
            .record("app.bsky.graph.follow/3lbaaaaaaah2a", json!({
                "$type": FOLLOW, "subject": FRIEND, "createdAt": "2024-10-01T08:00:00Z",
            }))
            .record("app.bsky.graph.follow/3lbaaaaaaai2a", json!({
                "$type": FOLLOW, "subject": "did:plc:landesmuseum000000000000", "createdAt": "2024-10-01T08:01:00Z",
            }))
            .record("com.example.guestbook.entry/3lbaaaaaaaj2a", json!({
                "$type": "com.example.guestbook.entry", "note": "kept out",
            }))
    }

    fn import_bytes(bytes: &[u8]) -> (Result<ImportSummary, ImportError>, crate::testing::VecSink) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("repo.car");
        std::fs::write(&path, bytes).unwrap();
        import_path(&BlueskyCar, &path)
    }

    #[test]
    fn the_committed_fixture_is_what_the_builder_writes() {
        // regenerate with RELATE_WRITE_FIXTURES=1 after changing `museum()`
        let path = fixture("bluesky-car/museum-repo.car");
        let built = museum().build();
        if std::env::var_os("RELATE_WRITE_FIXTURES").is_some() {
            std::fs::write(&path, &built).unwrap();
        }
        assert_eq!(std::fs::read(&path).unwrap(), built);
    }

    #[test]
    fn posts_replies_and_quotes() {
        let (res, sink) = import_path(&BlueskyCar, &fixture("bluesky-car/museum-repo.car"));
        let summary = res.unwrap();
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        assert_eq!(summary.skipped.get("com.example.guestbook.entry"), Some(&1));
        let post = sink.item(&at(DID, POST, "3lbaaaaaaaa2a")).unwrap();
        assert_eq!(post.kind, ItemKind::Post);
        assert_eq!(post.conversation, key(&at(DID, POST, "3lbaaaaaaaa2a")));
        assert_eq!(post.author, format!("bluesky:{DID}"));
        assert_eq!(post.links, vec!["https://museum-kiel.example/depot"]);
        assert_eq!(
            post.url.as_deref(),
            Some(format!("https://bsky.app/profile/{DID}/post/3lbaaaaaaaa2a").as_str())
        );
        assert_eq!(post.created_at, relate_model::time::parse_rfc3339("2024-11-02T17:00:00Z"));

        let visitor_root = key(&at(FRIEND, POST, "3laaaaaaaaa2a"));
        let comment = sink.item(&at(DID, POST, "3lbaaaaaaab2a")).unwrap();
        assert_eq!(comment.kind, ItemKind::Comment);
        assert_eq!(comment.parent.as_deref(), Some(visitor_root.as_str()));
        assert_eq!(comment.conversation, visitor_root);

        let reply = sink.item(&at(DID, POST, "3lbaaaaaaac2a")).unwrap();
        assert_eq!(reply.kind, ItemKind::Reply);
        assert_eq!(reply.parent, Some(key(&at(FRIEND, POST, "3laaaaaaaab2a"))));
        assert_eq!(reply.conversation, visitor_root);
        // createdAt without a zone: the TID in the record key dates it
        assert_eq!(reply.created_at, lexicon::tid_seconds("3lbaaaaaaac2a"));

        let quote = sink.item(&at(DID, POST, "3lbaaaaaaad2a")).unwrap();
        assert_eq!(quote.kind, ItemKind::Quote);
        assert_eq!(quote.parent.as_deref(), Some(visitor_root.as_str()));
        assert_eq!(quote.conversation, quote.key);
        assert_eq!(quote.mentions, vec![format!("bluesky:{FRIEND}")]);
    }

    #[test]
    fn likes_reposts_and_follows() {
        let (res, sink) = import_path(&BlueskyCar, &fixture("bluesky-car/museum-repo.car"));
        res.unwrap();
        let kinds = |k: ItemKind| sink.items.iter().filter(|i| i.kind == k).count();
        assert_eq!((kinds(ItemKind::Like), kinds(ItemKind::Repost)), (2, 1));
        let visitor_root = key(&at(FRIEND, POST, "3laaaaaaaaa2a"));
        // a like of the museum's own reply sits in that reply's thread
        let own = sink.item(&at(DID, LIKE, "3lbaaaaaaae2a")).unwrap();
        assert_eq!(own.parent, Some(key(&at(DID, POST, "3lbaaaaaaac2a"))));
        assert_eq!(own.conversation, visitor_root);
        assert_eq!(own.text, "");
        // a like of someone else's reply: its root is unknown, the subject stands in
        let other = sink.item(&at(DID, LIKE, "3lbaaaaaaaf2a")).unwrap();
        assert_eq!(other.conversation, key(&at(FRIEND, POST, "3laaaaaaaab2a")));
        let repost = sink.item(&at(DID, REPOST, "3lbaaaaaaag2a")).unwrap();
        assert_eq!(repost.parent.as_deref(), Some(visitor_root.as_str()));
        assert_eq!(repost.created_at, relate_model::time::parse_rfc3339("2024-11-05T08:00:00Z"));
        assert_eq!(sink.audience.len(), 1);
        let following = &sink.audience[0];
        assert_eq!(following.metric, "following");
        assert_eq!(following.value, 2);
        assert_eq!(following.account.as_deref(), Some(format!("bluesky:{DID}").as_str()));
        assert_eq!(following.at, lexicon::tid_seconds("3ljlyqit2uk2l"));
        let conversation_keys: HashSet<&String> =
            sink.conversations.iter().map(|c| &c.key).collect();
        assert_eq!(conversation_keys.len(), sink.conversations.len(), "each conversation once");
        for item in &sink.items {
            assert!(conversation_keys.contains(&item.conversation), "{}", item.native_id);
        }
    }

    #[test]
    fn the_account_is_the_site_author_named_by_its_profile() {
        let (_, sink) = import_path(&BlueskyCar, &fixture("bluesky-car/museum-repo.car"));
        assert_eq!(sink.participants.len(), 1);
        let account = &sink.participants[0];
        assert_eq!(account.key, format!("bluesky:{DID}"));
        assert_eq!(account.display_name, "Museum Kiel");
        // the repository does not know the handle: left empty, so an API import's is kept
        assert_eq!(account.handle, "");
        assert!(account.site_author);
    }

    #[test]
    fn the_same_post_gets_the_same_key_from_the_api() {
        let (_, car) = import_path(&BlueskyCar, &fixture("bluesky-car/museum-repo.car"));
        let (_, api) = import_path(
            &crate::bluesky_api::BlueskyApi,
            &fixture("bluesky-api/thread-museum.json"),
        );
        let car_root = car.item(&at(DID, POST, "3lbaaaaaaaa2a")).unwrap();
        let api_root = api.item(&at(DID, POST, "3lbaaaaaaaa2a")).unwrap();
        assert_eq!(car_root.key, api_root.key);
        assert_eq!(car_root.author, api_root.author);
        assert_eq!(car_root.url, api_root.url);
    }

    #[test]
    fn a_truncated_file_keeps_what_came_before() {
        let mut builder = museum();
        builder.truncate_by = 5;
        let (res, sink) = import_bytes(&builder.build());
        // the right subtree node was cut: its half of the records is lost, with warnings
        res.unwrap();
        assert!(
            sink.warnings.iter().any(|w| w.message.contains("ends inside the block")),
            "{:?}",
            sink.warnings
        );
        assert!(sink.warnings.iter().any(|w| w.message.contains("tree nodes are not in the file")));
        assert!(!sink.items.is_empty());
    }

    #[test]
    fn a_record_missing_from_the_file_is_a_warning() {
        let mut builder = museum();
        builder.drop_blocks.push("app.bsky.feed.repost/3lbaaaaaaag2a".into());
        let (res, sink) = import_bytes(&builder.build());
        res.unwrap();
        assert_eq!(sink.items.iter().filter(|i| i.kind == ItemKind::Repost).count(), 0);
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(sink.warnings[0].message.contains("app.bsky.feed.repost/3lbaaaaaaag2a"));
    }

    #[test]
    fn a_broken_record_is_a_warning() {
        let builder = museum().record(
            "app.bsky.feed.post/3lbaaaaaaak2a",
            serde_json::json!({
                "$type": POST, "text": 42,
            }),
        );
        let (res, sink) = import_bytes(&builder.build());
        res.unwrap();
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        assert!(sink.warnings[0].location.ends_with("[app.bsky.feed.post/3lbaaaaaaak2a]"));
        assert_eq!(
            sink.items
                .iter()
                .filter(|i| i.kind != ItemKind::Like && i.kind != ItemKind::Repost)
                .count(),
            4
        );
    }

    #[test]
    fn detection_reads_the_header_not_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let renamed = dir.path().join("export.bin");
        std::fs::write(&renamed, museum().build()).unwrap();
        assert_eq!(BlueskyCar.detect(&Input::from_path(&renamed).unwrap()), Detection::Yes);
        let fake = dir.path().join("fake.car");
        std::fs::write(&fake, b"{\"not\": \"a car\"}").unwrap();
        assert_eq!(BlueskyCar.detect(&Input::from_path(&fake).unwrap()), Detection::Maybe);
        let (res, _) = import_path(&BlueskyCar, &fake);
        assert!(matches!(res, Err(ImportError::NotThisFormat { .. })), "{res:?}");
        // a CARv2 pragma: {version: 2}, refused by its version
        let v2 = dir.path().join("v2.car");
        let mut bytes = vec![0x0a, 0xa1, 0x67];
        bytes.extend(b"version");
        bytes.extend([0x02; 41]);
        std::fs::write(&v2, bytes).unwrap();
        let (res, _) = import_path(&BlueskyCar, &v2);
        let err = res.unwrap_err().to_string();
        assert!(err.contains("CAR version 2"), "{err}");
        let json = fixture("bluesky-api/thread-museum.json");
        assert_eq!(BlueskyCar.detect(&Input::from_path(&json).unwrap()), Detection::No);
    }
}
