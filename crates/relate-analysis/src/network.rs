//! Networks to explore in Gephi, networkx or pandas: who answers whom (`people`), and who
//! brought, took up, shared and picked up which concepts and sources (`knowledge`), with time.
//!
//! Definitions (docs/measures.md, "Networks"):
//!
//! - *Nodes*. **us**: one node for every owner account together (relate's "us"; the owners'
//!   names are its label), present when the corpus has an owner. **person**: exactly the
//!   participants of [`ties`](crate::ties) (non-owner people with a public item that has
//!   words), so a graph has `ties.participants` person nodes plus at most one `us`. Sites
//!   (pingback sources) and placeholders such as `[deleted]` are not nodes. The knowledge
//!   graph adds **concept** nodes (every concept of a learning moment, both directions, one
//!   node per spelling up to case and spaces) and **source** nodes (every source of
//!   [`sources`](crate::sources) except `self` links, which only point back at the
//!   conversation).
//! - *answers* (A → B): A's public item addresses B's public item ([`threads`](crate::threads):
//!   a threaded reply, a top-level comment on B's post, or `@Name`). The corpus keeps no
//!   platform mention tags, so `@Name` mentions are answers, not edges of their own. An
//!   owner answering another owner, and anyone answering themselves, makes no edge.
//! - *brought* (person → concept): the item that introduced a learning moment's concept;
//!   *took_up*: the item that took it up. *shared* (person → source): the first item carrying
//!   the source; *picked_up*: a later item by someone else carrying or naming it.
//!   The knowledge graph holds the people graph's answers too, so one file has both.
//! - *Weight*: distinct items behind the edge. *first*/*last*: the earliest and latest of
//!   those items. A node's first/last span its own items and every edge touching it.
//!
//! Pure and deterministic: nodes are us, people in the ties order, concepts and sources in
//! order of first appearance; edges are sorted by kind, source and target.

use std::collections::BTreeMap;

use relate_model::State;
use relate_model::corpus::Corpus;

use crate::learning::MomentKind;
use crate::pipeline::Analyses;
use crate::sources::SourceKind;

/// Which network to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Graph {
    /// Who answers whom: us and the participants.
    People,
    /// The people graph plus concepts and sources: who brought, took up, shared, picked up.
    Knowledge,
}

impl Graph {
    pub fn as_str(self) -> &'static str {
        match self {
            Graph::People => "people",
            Graph::Knowledge => "knowledge",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Us,
    Person,
    Concept,
    Source,
}

impl NodeKind {
    pub const ALL: [NodeKind; 4] =
        [NodeKind::Us, NodeKind::Person, NodeKind::Concept, NodeKind::Source];

    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Us => "us",
            NodeKind::Person => "person",
            NodeKind::Concept => "concept",
            NodeKind::Source => "source",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    Answers,
    Brought,
    TookUp,
    Shared,
    PickedUp,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 5] = [
        EdgeKind::Answers,
        EdgeKind::Brought,
        EdgeKind::TookUp,
        EdgeKind::Shared,
        EdgeKind::PickedUp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Answers => "answers",
            EdgeKind::Brought => "brought",
            EdgeKind::TookUp => "took_up",
            EdgeKind::Shared => "shared",
            EdgeKind::PickedUp => "picked_up",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Stable across exports: a participant's key, `us`, `concept:` and the concept in lower
    /// case, `source:` and the source's comparison key.
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    /// A person's platform; for us, the owner accounts' platforms, sorted, comma-separated;
    /// empty for concepts and sources.
    pub platform: String,
    /// People: their public items with words. Concepts and sources: the items that brought,
    /// took up, shared or picked them up.
    pub items: u64,
    /// People: conversations they wrote in; 0 for concepts and sources.
    pub conversations: u64,
    /// A person with exchanges both ways with us (`ties`); false for every other node.
    pub reciprocal: bool,
    /// A concept's learning moment kind where it first appears (`acknowledged`, `quoted`,
    /// `uptake`); a source's kind (`web`, `doi`, `shortener`, `work`); empty otherwise.
    pub detail: String,
    /// A source's normalised URL (empty for a named work and for other nodes).
    pub url: String,
    pub first: Option<i64>,
    pub last: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Indices into [`Network::nodes`].
    pub source: u32,
    pub target: u32,
    pub kind: EdgeKind,
    pub weight: u64,
    pub first: Option<i64>,
    pub last: Option<i64>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Network {
    pub fn count_nodes(&self, kind: NodeKind) -> u64 {
        self.nodes.iter().filter(|n| n.kind == kind).count() as u64
    }

    pub fn count_edges(&self, kind: EdgeKind) -> u64 {
        self.edges.iter().filter(|e| e.kind == kind).count() as u64
    }
}

/// One item behind an edge; `source` is `None` when its author is not a node (a
/// `[deleted]` placeholder sharing a link), which still counts for the concept or source.
type Occurrence = (EdgeKind, Option<u32>, u32, u32);

pub fn compute(corpus: &Corpus, analyses: &Analyses, graph: Graph) -> Network {
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_of: Vec<Option<u32>> = vec![None; corpus.participants.len()];

    let owners: Vec<usize> = (0..corpus.participants.len())
        .filter(|&p| {
            corpus.participants[p].is_owner && corpus.participants[p].merged_into.is_none()
        })
        .collect();
    if !owners.is_empty() {
        let mut names: Vec<&str> = Vec::new();
        let mut platforms: Vec<&str> = Vec::new();
        for &p in &owners {
            let p = &corpus.participants[p];
            if !names.contains(&p.display_name.as_str()) {
                names.push(&p.display_name);
            }
            platforms.push(&p.platform);
        }
        platforms.sort_unstable();
        platforms.dedup();
        let mut us = Node {
            id: "us".into(),
            label: names.join(", "),
            kind: NodeKind::Us,
            platform: platforms.join(","),
            items: 0,
            conversations: 0,
            reciprocal: false,
            detail: String::new(),
            url: String::new(),
            first: None,
            last: None,
        };
        let mut conversations: Vec<u32> = Vec::new();
        for item in &corpus.items {
            if item.state == State::Public
                && !item.kind.is_attention()
                && corpus.is_owner_item(item)
            {
                us.items += 1;
                conversations.push(item.conversation);
                widen(&mut us.first, &mut us.last, item.created_at);
            }
        }
        conversations.sort_unstable();
        conversations.dedup();
        us.conversations = conversations.len() as u64;
        nodes.push(us);
    }
    for (p, participant) in corpus.participants.iter().enumerate() {
        if participant.is_owner {
            node_of[p] = (!owners.is_empty()).then_some(0);
        }
    }
    for person in &analyses.ties.people {
        node_of[person.participant as usize] = Some(nodes.len() as u32);
        nodes.push(Node {
            id: corpus.participants[person.participant as usize].key.clone(),
            label: person.name.clone(),
            kind: NodeKind::Person,
            platform: person.platform.clone(),
            items: person.items,
            conversations: person.conversations,
            reciprocal: person.reciprocal,
            detail: String::new(),
            url: String::new(),
            first: person.first_at,
            last: person.last_at,
        });
    }
    // items are attributed to the account a merged one joined; map the joined ones alike
    for (p, participant) in corpus.participants.iter().enumerate() {
        if let Some(root) = participant.merged_into {
            node_of[p] = node_of[root as usize];
        }
    }
    let node_of_item = |i: u32| node_of[corpus.items[i as usize].author as usize];

    let mut occurrences: Vec<Occurrence> = Vec::new();
    for (i, item) in corpus.items.iter().enumerate() {
        if item.state != State::Public {
            continue;
        }
        let Some(from) = node_of[item.author as usize] else { continue };
        for address in &analyses.threads.addresses[i] {
            if let Some(to) = node_of_item(address.target)
                && to != from
            {
                occurrences.push((EdgeKind::Answers, Some(from), to, i as u32));
            }
        }
    }

    if graph == Graph::Knowledge {
        let learning = &analyses.learning;
        let mut concepts: BTreeMap<String, u32> = BTreeMap::new();
        let moments = learning.moments.iter().filter(|m| m.kind != MomentKind::Source);
        for m in moments.chain(&learning.from_us) {
            let id = format!("concept:{}", concept_key(&m.what));
            let concept = *concepts.entry(id.clone()).or_insert_with(|| {
                nodes.push(Node {
                    id,
                    label: m.what.clone(),
                    kind: NodeKind::Concept,
                    platform: String::new(),
                    items: 0,
                    conversations: 0,
                    reciprocal: false,
                    detail: moment_kind(m.kind).into(),
                    url: String::new(),
                    first: None,
                    last: None,
                });
                (nodes.len() - 1) as u32
            });
            occurrences.push((EdgeKind::Brought, node_of_item(m.item), concept, m.item));
            if let Some(t) = m.taken_up_in {
                occurrences.push((EdgeKind::TookUp, node_of_item(t), concept, t));
            }
        }
        for s in analyses.sources.sources.iter().filter(|s| s.kind != SourceKind::SelfLink) {
            let source = nodes.len() as u32;
            nodes.push(Node {
                id: format!("source:{}", s.key),
                label: s.as_written.clone(),
                kind: NodeKind::Source,
                platform: String::new(),
                items: 0,
                conversations: 0,
                reciprocal: false,
                detail: s.kind.as_str().into(),
                url: if s.kind == SourceKind::Work { String::new() } else { s.url.clone() },
                first: None,
                last: None,
            });
            occurrences.push((EdgeKind::Shared, node_of_item(s.item), source, s.item));
            for later in &s.later {
                occurrences.push((
                    EdgeKind::PickedUp,
                    node_of_item(later.item),
                    source,
                    later.item,
                ));
            }
        }
    }

    // a concept or source counts every item behind it, an edge only the items by nodes
    occurrences.sort_unstable();
    occurrences.dedup();
    let mut behind: Vec<(u32, u32)> = occurrences
        .iter()
        .filter(|(kind, ..)| *kind != EdgeKind::Answers)
        .map(|&(_, _, target, item)| (target, item))
        .collect();
    behind.sort_unstable();
    behind.dedup();
    for (target, item) in behind {
        let node = &mut nodes[target as usize];
        node.items += 1;
        widen(&mut node.first, &mut node.last, corpus.items[item as usize].created_at);
    }

    let mut edges: Vec<Edge> = Vec::new();
    for &(kind, source, target, item) in &occurrences {
        let Some(source) = source else { continue };
        let at = corpus.items[item as usize].created_at;
        match edges.last_mut() {
            Some(e) if (e.kind, e.source, e.target) == (kind, source, target) => {
                e.weight += 1;
                widen(&mut e.first, &mut e.last, at);
            }
            _ => edges.push(Edge { source, target, kind, weight: 1, first: at, last: at }),
        }
    }
    for e in &edges {
        for end in [e.source, e.target] {
            let node = &mut nodes[end as usize];
            for at in [e.first, e.last] {
                widen(&mut node.first, &mut node.last, at);
            }
        }
    }
    Network { nodes, edges }
}

fn widen(first: &mut Option<i64>, last: &mut Option<i64>, at: Option<i64>) {
    if let Some(at) = at {
        *first = Some(first.map_or(at, |f| f.min(at)));
        *last = Some(last.map_or(at, |l| l.max(at)));
    }
}

/// Moments name a concept as it was written: one node per spelling up to case and spaces.
fn concept_key(what: &str) -> String {
    what.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn moment_kind(kind: MomentKind) -> &'static str {
    match kind {
        MomentKind::Acknowledged => "acknowledged",
        MomentKind::Quoted => "quoted",
        MomentKind::Uptake => "uptake",
        MomentKind::Source => "source",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use relate_model::corpus::testing::corpus_from_text;

    /// Nodes as `label (kind, items, first..last hours)`, edges as `a -kind(weight)-> b`.
    fn render(text: &str, graph: Graph) -> String {
        let corpus = corpus_from_text(text);
        let analyses = crate::run(&corpus);
        let network = compute(&corpus, &analyses, graph);
        assert_eq!(network, compute(&corpus, &analyses, graph), "deterministic");
        let owners = usize::from(corpus.participants.iter().any(|p| p.is_owner));
        assert_eq!(
            network.count_nodes(NodeKind::Us) + network.count_nodes(NodeKind::Person),
            analyses.ties.participants + owners as u64,
            "people nodes are the ledger's participants and us"
        );
        let hours = |t: Option<i64>| t.map_or("-".to_string(), |t| (t / 3600).to_string());
        let mut out = String::new();
        for n in &network.nodes {
            out.push_str(&format!(
                "{} ({}, {}, {}..{})\n",
                n.label,
                n.kind.as_str(),
                n.items,
                hours(n.first),
                hours(n.last)
            ));
        }
        for e in &network.edges {
            out.push_str(&format!(
                "{} -{}({}, {}..{})-> {}\n",
                network.nodes[e.source as usize].label,
                e.kind.as_str(),
                e.weight,
                hours(e.first),
                hours(e.last),
                network.nodes[e.target as usize].label
            ));
        }
        out
    }

    #[test]
    fn people_graph_counts_items_per_pair_and_merges_the_owners_into_us() {
        let got = render(
            "owner Anna
             owner Museum
             #1 Anna: post
             #2 Ben -> #1: first comment
             #3 Carl -> #2: answer to Ben
             #4 Ben -> #1: @Carl you are right
             #5 Museum -> #2: our second account answers Ben
             #6 Ben -> #5: @Anna thanks to both of you
             #7 Anna -> #5: owners answering owners make no edge
             #8 Ben -> #2: Ben answering himself makes no edge
             #9 Spam -> #1 [spam]: hidden, no node and no edge
             #10 blog.example (pingback) -> #1: a site is no node
             #11 Dora (like) -> #1: -",
            Graph::People,
        );
        // #6 addresses Museum's #5 and, by @Anna, Anna's #1: both are us, so one item
        assert_eq!(
            got,
            "Anna, Museum (us, 3, 1..7)\n\
             Ben (person, 4, 2..8)\n\
             Carl (person, 1, 3..4)\n\
             Anna, Museum -answers(1, 5..5)-> Ben\n\
             Ben -answers(2, 2..6)-> Anna, Museum\n\
             Ben -answers(1, 4..4)-> Carl\n\
             Carl -answers(1, 3..3)-> Ben\n"
        );
    }

    #[test]
    fn without_an_owner_there_is_no_us() {
        let got = render(
            "#1 Ben: a thread without owners
             #2 Carl -> #1: hello Ben",
            Graph::People,
        );
        assert_eq!(
            got,
            "Ben (person, 1, 1..2)\nCarl (person, 1, 2..2)\nCarl -answers(1, 2..2)-> Ben\n"
        );
    }

    #[test]
    fn knowledge_graph_links_people_to_concepts_and_sources() {
        let got = render(
            "owner Anna
             #1 Anna: Wir sammeln Geschichten aus dem Viertel und zeigen sie im Museum.
             #2 Ben -> #1: Das erinnert mich an die Idee des „partizipativen Sammelns“, siehe https://example.org/sammeln
             #3 Anna -> #1: @Ben: An „partizipatives Sammeln“ hatte ich gar nicht gedacht, danke für den Hinweis!
             #4 Carl -> #2: Den Text unter https://example.org/sammeln kenne ich auch.",
            Graph::Knowledge,
        );
        assert_eq!(
            got,
            "Anna (us, 2, 1..3)\n\
             Ben (person, 1, 2..4)\n\
             Carl (person, 1, 4..4)\n\
             partizipativen Sammelns (concept, 2, 2..3)\n\
             https://example.org/sammeln (source, 2, 2..4)\n\
             Anna -answers(1, 3..3)-> Ben\n\
             Ben -answers(1, 2..2)-> Anna\n\
             Carl -answers(1, 4..4)-> Ben\n\
             Ben -brought(1, 2..2)-> partizipativen Sammelns\n\
             Anna -took_up(1, 3..3)-> partizipativen Sammelns\n\
             Ben -shared(1, 2..2)-> https://example.org/sammeln\n\
             Carl -picked_up(1, 4..4)-> https://example.org/sammeln\n"
        );
    }
}
