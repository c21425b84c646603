//! GEXF 1.3 (gexf.net/1.3), the format Gephi reads best: `relate export gexf`.
//!
//! A dynamic graph (`mode="dynamic"`) whose time is carried by **spells** only, never by
//! timestamps: each node and edge has one spell from the day of its first to the day of its
//! last item (`timeformat="date"`). Days, not `dateTime`: networkx (3.6) cannot read a
//! `dateTime` time format (it has no type for it and stops with a KeyError), and a day is
//! as fine as a timeline of conversations needs; the exact times are in the static `first`
//! and `last` attributes (RFC 3339). Edges carry GEXF 1.3's `kind` (Gephi's edge kind), the
//! same word as their `label` (what networkx reads), and their `weight`.

use std::borrow::Cow;
use std::io::{self, Write};

use relate_analysis::network::{Graph, Network, Node};
use relate_model::time::{date, rfc3339};

/// Text fit for an XML attribute value: escaped, and without the control characters XML 1.0
/// forbids even as references (line breaks and tabs become spaces, which is what a parser
/// makes of them in an attribute anyway).
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}';
    if text.contains(forbidden) {
        let clean: String = text.chars().map(|c| if forbidden(c) { ' ' } else { c }).collect();
        Cow::Owned(quick_xml::escape::escape(clean).into_owned())
    } else {
        quick_xml::escape::escape(text)
    }
}

/// What each graph is, for the file's description and the GraphML's.
pub(crate) fn description(graph: Graph) -> &'static str {
    match graph {
        Graph::People => {
            "Who answers whom: us (the owner accounts) and the participants; weight = items"
        }
        Graph::Knowledge => {
            "Who answers whom, and who brought, took up, shared and picked up which concepts and sources; weight = items"
        }
    }
}

/// The node attributes and their types, shared with GraphML (which adds the label as one).
pub(crate) const NODE_ATTRIBUTES: [(&str, &str); 9] = [
    ("kind", "string"),
    ("platform", "string"),
    ("items", "long"),
    ("conversations", "long"),
    ("reciprocal", "boolean"),
    ("detail", "string"),
    ("url", "string"),
    ("first", "string"),
    ("last", "string"),
];

const EDGE_ATTRIBUTES: [(&str, &str); 2] = [("first", "string"), ("last", "string")];

/// A node's values of [`NODE_ATTRIBUTES`], in their order (GEXF and GraphML write the same).
pub(crate) fn node_values(n: &Node) -> [(&'static str, Cow<'_, str>); 9] {
    [
        ("kind", Cow::Borrowed(n.kind.as_str())),
        ("platform", Cow::Borrowed(n.platform.as_str())),
        ("items", Cow::Owned(n.items.to_string())),
        ("conversations", Cow::Owned(n.conversations.to_string())),
        ("reciprocal", Cow::Borrowed(if n.reciprocal { "true" } else { "false" })),
        ("detail", Cow::Borrowed(n.detail.as_str())),
        ("url", Cow::Borrowed(n.url.as_str())),
        ("first", time_value(n.first)),
        ("last", time_value(n.last)),
    ]
}

/// An exact time as an attribute value: RFC 3339, or empty (left out) when unknown.
pub(crate) fn time_value(at: Option<i64>) -> Cow<'static, str> {
    at.map(rfc3339).map_or(Cow::Borrowed(""), Cow::Owned)
}

pub fn write(network: &Network, graph: Graph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(out, "  <meta>")?;
    writeln!(out, "    <creator>relate</creator>")?;
    writeln!(out, "    <description>{}</description>", escape(description(graph)))?;
    writeln!(out, "  </meta>")?;
    writeln!(
        out,
        r#"  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">"#
    )?;
    for (class, attributes) in [("node", &NODE_ATTRIBUTES[..]), ("edge", &EDGE_ATTRIBUTES[..])] {
        writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
        for (name, kind) in attributes {
            writeln!(out, r#"      <attribute id="{name}" title="{name}" type="{kind}"/>"#)?;
        }
        writeln!(out, "    </attributes>")?;
    }
    writeln!(out, r#"    <nodes count="{}">"#, network.nodes.len())?;
    for n in &network.nodes {
        writeln!(out, r#"      <node id="{}" label="{}">"#, escape(&n.id), escape(&n.label))?;
        writeln!(out, "        <attvalues>")?;
        attvalues(out, &node_values(n))?;
        writeln!(out, "        </attvalues>")?;
        spells(out, n.first, n.last)?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, r#"    <edges count="{}">"#, network.edges.len())?;
    for (i, e) in network.edges.iter().enumerate() {
        let kind = e.kind.as_str();
        writeln!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" kind="{kind}" label="{kind}" weight="{}">"#,
            escape(&network.nodes[e.source as usize].id),
            escape(&network.nodes[e.target as usize].id),
            e.weight
        )?;
        if e.first.is_some() {
            writeln!(out, "        <attvalues>")?;
            attvalues(out, &[("first", time_value(e.first)), ("last", time_value(e.last))])?;
            writeln!(out, "        </attvalues>")?;
        }
        spells(out, e.first, e.last)?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")?;
    out.flush()
}

/// Empty values are left out: a missing attribute reads as missing, not as "".
fn attvalues(out: &mut dyn Write, values: &[(&str, Cow<'_, str>)]) -> io::Result<()> {
    for (name, value) in values.iter().filter(|(_, v)| !v.is_empty()) {
        writeln!(out, r#"          <attvalue for="{name}" value="{}"/>"#, escape(value))?;
    }
    Ok(())
}

fn spells(out: &mut dyn Write, first: Option<i64>, last: Option<i64>) -> io::Result<()> {
    if let (Some(first), Some(last)) = (first, last) {
        writeln!(out, "        <spells>")?;
        writeln!(out, r#"          <spell start="{}" end="{}"/>"#, date(first), date(last))?;
        writeln!(out, "        </spells>")?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use quick_xml::XmlVersion::Implicit1_0 as V;
    use quick_xml::events::Event;
    use relate_analysis::network::{Edge, EdgeKind, Node, NodeKind};

    /// Three nodes whose names need escaping, two edges, one without a date.
    pub(crate) fn awkward() -> Network {
        let node = |id: &str, label: &str, kind, first| Node {
            id: id.into(),
            label: label.into(),
            kind,
            platform: "wordpress".into(),
            items: 2,
            conversations: 1,
            reciprocal: kind == NodeKind::Person,
            detail: String::new(),
            url: String::new(),
            first,
            last: first.map(|f| f + 86_400),
        };
        Network {
            nodes: vec![
                node("us", "Tom & Jerry's <Museum>", NodeKind::Us, Some(1_326_000_000)),
                node("wordpress:\"q\"", "Ben \"the quoter\"\tline\nbreak", NodeKind::Person, None),
                node("concept:a<b", "a<b & c>d", NodeKind::Concept, Some(1_326_100_000)),
            ],
            edges: vec![
                Edge {
                    source: 1,
                    target: 0,
                    kind: EdgeKind::Answers,
                    weight: 3,
                    first: Some(1_326_000_000),
                    last: Some(1_326_200_000),
                },
                Edge {
                    source: 1,
                    target: 2,
                    kind: EdgeKind::Brought,
                    weight: 1,
                    first: None,
                    last: None,
                },
            ],
        }
    }

    /// Every start tag's name with its attributes unescaped, in document order; fails on
    /// XML that is not well-formed (unclosed or mismatched tags, bad references).
    pub(crate) fn parse(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut tags = Vec::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name().as_ref().to_string();
                    let attributes = e
                        .attributes()
                        .map(|a| {
                            let a = a.expect("a well-formed attribute");
                            let key = a.key.as_ref().to_string();
                            (key, a.normalized_value(V).expect("known references").into_owned())
                        })
                        .collect();
                    tags.push((name, attributes));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        tags
    }

    pub(crate) fn attribute<'a>(tag: &'a (String, Vec<(String, String)>), key: &str) -> &'a str {
        tag.1.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    #[test]
    fn names_with_markup_characters_come_back_as_written() {
        let mut out = Vec::new();
        write(&awkward(), Graph::People, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let tags = parse(&xml);
        let nodes: Vec<_> = tags.iter().filter(|t| t.0 == "node").collect();
        let labels: Vec<&str> = nodes.iter().map(|t| attribute(t, "label")).collect();
        assert_eq!(
            labels,
            ["Tom & Jerry's <Museum>", "Ben \"the quoter\" line break", "a<b & c>d"]
        );
        let ids: Vec<&str> = nodes.iter().map(|t| attribute(t, "id")).collect();
        assert_eq!(ids, ["us", "wordpress:\"q\"", "concept:a<b"]);
        let edges: Vec<_> = tags.iter().filter(|t| t.0 == "edge").collect();
        let ends: Vec<(&str, &str, &str)> = edges
            .iter()
            .map(|t| (attribute(t, "source"), attribute(t, "target"), attribute(t, "kind")))
            .collect();
        assert_eq!(
            ends,
            [("wordpress:\"q\"", "us", "answers"), ("wordpress:\"q\"", "concept:a<b", "brought")]
        );
        assert_eq!(attribute(edges[0], "weight"), "3");
    }

    #[test]
    fn time_is_in_spells_by_day_only_and_the_graph_says_so() {
        let mut out = Vec::new();
        write(&awkward(), Graph::Knowledge, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let tags = parse(&xml);
        let graph = tags.iter().find(|t| t.0 == "graph").unwrap();
        assert_eq!((attribute(graph, "mode"), attribute(graph, "timeformat")), ("dynamic", "date"));
        assert_eq!(attribute(&tags[0], "version"), "1.3");
        assert_eq!(attribute(&tags[0], "xmlns"), "http://gexf.net/1.3");
        assert!(!tags.iter().any(|t| t.0.starts_with("timestamp")), "never mixed with spells");
        let spells: Vec<(&str, &str)> = tags
            .iter()
            .filter(|t| t.0 == "spell")
            .map(|t| (attribute(t, "start"), attribute(t, "end")))
            .collect();
        // us, the concept, the dated edge; Ben and the undated edge have no time
        assert_eq!(
            spells,
            [
                ("2012-01-08", "2012-01-09"),
                ("2012-01-09", "2012-01-10"),
                ("2012-01-08", "2012-01-10")
            ]
        );
        let firsts: Vec<&str> = tags
            .iter()
            .filter(|t| t.0 == "attvalue" && attribute(t, "for") == "first")
            .map(|t| attribute(t, "value"))
            .collect();
        assert_eq!(
            firsts,
            ["2012-01-08T05:20:00Z", "2012-01-09T09:06:40Z", "2012-01-08T05:20:00Z"]
        );
    }
}
