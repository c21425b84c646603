//! GraphML (graphml.graphdrawing.org), for networkx (`nx.read_graphml`), Gephi, yEd and
//! igraph: `relate export graphml`.
//!
//! Every attribute is a typed `<key>` (`string`, `long`, `boolean`), so networkx gives back
//! numbers as numbers. GraphML has no time: `first` and `last` are RFC 3339 strings. Node
//! and edge keys have their own ids (`n_…`, `e_…`) because a key id is one namespace for
//! both.

use std::borrow::Cow;
use std::io::{self, Write};

use relate_analysis::network::{Graph, Network};

use crate::gexf::{NODE_ATTRIBUTES, description, escape, node_values, time_value};

const EDGE_KEYS: [(&str, &str); 4] =
    [("kind", "string"), ("weight", "long"), ("first", "string"), ("last", "string")];

pub fn write(network: &Network, graph: Graph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(out, "  <desc>{}</desc>", escape(description(graph)))?;
    // GEXF has a label of its own; GraphML carries it as one more key
    let node_keys: Vec<(&str, &str)> =
        std::iter::once(("label", "string")).chain(NODE_ATTRIBUTES).collect();
    for (class, prefix, keys) in [("node", "n", &node_keys[..]), ("edge", "e", &EDGE_KEYS[..])] {
        for (name, kind) in keys {
            writeln!(
                out,
                r#"  <key id="{prefix}_{name}" for="{class}" attr.name="{name}" attr.type="{kind}"/>"#
            )?;
        }
    }
    writeln!(out, r#"  <graph id="{}" edgedefault="directed">"#, graph.as_str())?;
    for n in &network.nodes {
        writeln!(out, r#"    <node id="{}">"#, escape(&n.id))?;
        data(out, "n", &[("label", Cow::Borrowed(n.label.as_str()))])?;
        data(out, "n", &node_values(n))?;
        writeln!(out, "    </node>")?;
    }
    for (i, e) in network.edges.iter().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            escape(&network.nodes[e.source as usize].id),
            escape(&network.nodes[e.target as usize].id)
        )?;
        let values = [
            ("kind", Cow::Borrowed(e.kind.as_str())),
            ("weight", Cow::Owned(e.weight.to_string())),
            ("first", time_value(e.first)),
            ("last", time_value(e.last)),
        ];
        data(out, "e", &values)?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    out.flush()
}

/// Empty values are left out: networkx then has no such attribute, rather than "".
fn data(out: &mut dyn Write, prefix: &str, values: &[(&str, Cow<'_, str>)]) -> io::Result<()> {
    for (name, value) in values.iter().filter(|(_, v)| !v.is_empty()) {
        writeln!(out, r#"      <data key="{prefix}_{name}">{}</data>"#, escape(value))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gexf::tests::{attribute, awkward, parse};
    use quick_xml::XmlVersion::Implicit1_0 as V;
    use quick_xml::events::Event;

    /// `(key, text)` for every `<data>`, unescaped.
    fn data_values(xml: &str) -> Vec<(String, String)> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut out = Vec::new();
        let mut current: Option<(String, String)> = None;
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) if e.name().as_ref() == "data" => {
                    let a = e.try_get_attribute("key").unwrap().expect("data has a key");
                    current = Some((a.normalized_value(V).unwrap().into_owned(), String::new()));
                }
                Event::Text(t) => {
                    if let Some((_, text)) = current.as_mut() {
                        text.push_str(&t.xml_content(V));
                    }
                }
                Event::GeneralRef(r) => {
                    // quick-xml reports `&amp;` and friends apart from the text around them
                    let c = match &*r.xml_content(V) {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unexpected reference &{other};"),
                    };
                    current.as_mut().expect("references only in data").1.push_str(c);
                }
                Event::End(e) if e.name().as_ref() == "data" => {
                    out.push(current.take().expect("a data element was open"));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn typed_keys_and_escaped_values() {
        let mut out = Vec::new();
        write(&awkward(), Graph::People, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let tags = parse(&xml);
        let keys: Vec<(&str, &str)> = tags
            .iter()
            .filter(|t| t.0 == "key")
            .map(|t| (attribute(t, "id"), attribute(t, "attr.type")))
            .collect();
        assert!(keys.contains(&("n_items", "long")) && keys.contains(&("e_weight", "long")));
        assert!(keys.contains(&("n_reciprocal", "boolean")));
        let nodes: Vec<&str> =
            tags.iter().filter(|t| t.0 == "node").map(|t| attribute(t, "id")).collect();
        assert_eq!(nodes, ["us", "wordpress:\"q\"", "concept:a<b"]);
        let labels: Vec<String> =
            data_values(&xml).into_iter().filter(|(k, _)| k == "n_label").map(|(_, v)| v).collect();
        assert_eq!(
            labels,
            ["Tom & Jerry's <Museum>", "Ben \"the quoter\" line break", "a<b & c>d"]
        );
        let edges: Vec<(&str, &str)> = tags
            .iter()
            .filter(|t| t.0 == "edge")
            .map(|t| (attribute(t, "source"), attribute(t, "target")))
            .collect();
        assert_eq!(edges, [("wordpress:\"q\"", "us"), ("wordpress:\"q\"", "concept:a<b")]);
        let weights: Vec<String> = data_values(&xml)
            .into_iter()
            .filter(|(k, _)| k == "e_weight")
            .map(|(_, v)| v)
            .collect();
        assert_eq!(weights, ["3", "1"]);
    }
}
