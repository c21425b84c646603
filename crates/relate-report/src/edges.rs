//! CSV edge and node lists, for pandas (`pd.read_csv`), R, a spreadsheet, or Gephi's
//! spreadsheet import (edges table, then nodes table): `relate export edges`.
//!
//! `edges.csv`: `source,target,kind,weight,first,last,source_label,target_label`, one row per
//! edge, `source` and `target` being node ids; `nodes.csv`: `id,label,kind,platform,items,
//! conversations,reciprocal,detail,url,first,last`. Times are RFC 3339 (UTC); a missing value
//! is an empty cell.

use std::io::{self, Write};

use relate_analysis::network::Network;
use relate_model::time::rfc3339;

fn time(at: Option<i64>) -> String {
    at.map(rfc3339).unwrap_or_default()
}

pub fn write_edges(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "source",
        "target",
        "kind",
        "weight",
        "first",
        "last",
        "source_label",
        "target_label",
    ])?;
    for e in &network.edges {
        let (source, target) =
            (&network.nodes[e.source as usize], &network.nodes[e.target as usize]);
        csv.write_record([
            source.id.as_str(),
            target.id.as_str(),
            e.kind.as_str(),
            &e.weight.to_string(),
            &time(e.first),
            &time(e.last),
            source.label.as_str(),
            target.label.as_str(),
        ])?;
    }
    csv.flush()
}

pub fn write_nodes(network: &Network, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "id",
        "label",
        "kind",
        "platform",
        "items",
        "conversations",
        "reciprocal",
        "detail",
        "url",
        "first",
        "last",
    ])?;
    for n in &network.nodes {
        csv.write_record([
            n.id.as_str(),
            n.label.as_str(),
            n.kind.as_str(),
            n.platform.as_str(),
            &n.items.to_string(),
            &n.conversations.to_string(),
            if n.reciprocal { "true" } else { "false" },
            n.detail.as_str(),
            n.url.as_str(),
            &time(n.first),
            &time(n.last),
        ])?;
    }
    csv.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gexf::tests::awkward;

    fn rows(bytes: Vec<u8>) -> Vec<Vec<String>> {
        csv::Reader::from_reader(&bytes[..])
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn edges_name_their_nodes_by_id_and_label_and_survive_commas_and_quotes() {
        let mut out = Vec::new();
        write_edges(&awkward(), &mut out).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.starts_with("source,target,kind,weight,first,last,"), "{text}");
        assert_eq!(
            rows(out),
            [
                vec![
                    "wordpress:\"q\"",
                    "us",
                    "answers",
                    "3",
                    "2012-01-08T05:20:00Z",
                    "2012-01-10T12:53:20Z",
                    "Ben \"the quoter\"\tline\nbreak",
                    "Tom & Jerry's <Museum>"
                ],
                vec![
                    "wordpress:\"q\"",
                    "concept:a<b",
                    "brought",
                    "1",
                    "",
                    "",
                    "Ben \"the quoter\"\tline\nbreak",
                    "a<b & c>d"
                ],
            ]
        );
    }

    #[test]
    fn nodes_carry_counts_and_times() {
        let mut out = Vec::new();
        write_nodes(&awkward(), &mut out).unwrap();
        let rows = rows(out);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            [
                "us",
                "Tom & Jerry's <Museum>",
                "us",
                "wordpress",
                "2",
                "1",
                "false",
                "",
                "",
                "2012-01-08T05:20:00Z",
                "2012-01-09T05:20:00Z"
            ]
        );
        assert_eq!((rows[1][6].as_str(), rows[1][9].as_str()), ("true", ""));
    }
}
