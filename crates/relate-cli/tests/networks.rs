//! `relate export gexf|graphml|edges`: the networks end to end, on a table written here and,
//! with the `real-corpus` feature, on the seed thread (read in place from ../shared/corpus).
//! tests-py/networks_check.py loads the same files with networkx (scripts/test.sh).

mod common;

use common::{Workspace, the};

/// A museum's post, two visitors and a restricted reply; Ben's name needs escaping.
const TABLE: &str = "\
id,parent,author,author_name,time,text,state
1,,museum,Stadtmuseum,2024-03-01T10:00:00Z,Our depot opens to visitors in April.,
2,1,ben,\"Ben <B&B> \"\"Bee\"\"\",2024-03-02T09:00:00Z,Will there be guided tours of the depot?,
3,2,museum,Stadtmuseum,2024-03-02T12:00:00Z,\"Yes, every Saturday at eleven.\",
4,1,cara,Cara,2024-03-03T08:00:00Z,\"@Ben I went on one last year, worth it.\",
5,4,dan,Dan,2024-03-04T08:00:00Z,\"Thanks Cara, noted.\",restricted
";

fn workspace() -> Workspace {
    let ws = Workspace::new();
    let table = ws.dir.path().join("depot.csv");
    std::fs::write(&table, TABLE).unwrap();
    ws.ok(&["import", table.to_str().unwrap()]);
    ws.ok(&["owner", "add", "csv:museum"]);
    ws
}

fn read(ws: &Workspace, name: &str) -> String {
    std::fs::read_to_string(ws.dir.path().join(name)).unwrap()
}

/// `(source label, kind, weight, target label)` of every row of an edges CSV.
fn edges(text: &str) -> Vec<(String, String, String, String)> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (s, k, w, t) =
        (column("source_label"), column("kind"), column("weight"), column("target_label"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[s].to_string(), r[k].to_string(), r[w].to_string(), r[t].to_string())
        })
        .collect()
}

#[test]
fn who_answers_whom_with_restricted_items_left_out_unless_asked() {
    let ws = workspace();
    let report = ws.json(&["report", "--json"]);
    assert_eq!(the(&report, "participants"), 2); // Ben and Cara; Dan only wrote privately
    let summary = ws.json(&["export", "edges", "people.csv", "--json"]);
    assert_eq!((summary["nodes"].as_u64(), summary["edges"].as_u64()), (Some(3), Some(3)));
    assert_eq!(summary["nodes_by_kind"]["us"], 1);
    assert_eq!(summary["nodes_by_kind"]["person"], 2);
    let ben = "Ben <B&B> \"Bee\"";
    let got = edges(&read(&ws, "people.csv"));
    let want = [
        ("Stadtmuseum", "answers", "1", ben), // 3 replies to 2
        (ben, "answers", "1", "Stadtmuseum"), // 2 comments on the post
        ("Cara", "answers", "1", ben),        // 4 names @Ben
    ];
    let want: Vec<(String, String, String, String)> = want
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, want);

    let run = ws.ok(&["--include-restricted", "export", "edges", "all.csv"]);
    assert!(run.stderr.contains("4 nodes (us 1, person 3) and 4 edges"), "{}", run.stderr);
    assert!(edges(&read(&ws, "all.csv")).contains(&(
        "Dan".to_string(),
        "answers".to_string(),
        "1".to_string(),
        "Cara".to_string()
    )));
}

#[test]
fn gexf_and_graphml_escape_names_and_carry_time() {
    let ws = workspace();
    let run = ws.ok(&["export", "gexf", "people.gexf"]);
    assert!(run.stderr.starts_with("Wrote the people network, 3 nodes"), "{}", run.stderr);
    let gexf = read(&ws, "people.gexf");
    assert!(gexf.contains(r#"xmlns="http://gexf.net/1.3""#), "{gexf}");
    assert!(gexf.contains(r#"label="Ben &lt;B&amp;B&gt; &quot;Bee&quot;""#), "{gexf}");
    assert!(gexf.contains(r#"<nodes count="3">"#) && gexf.contains(r#"<edges count="3">"#));
    // Ben wrote on 2 March and was answered that day and named by Cara on the 3rd
    assert!(gexf.contains(r#"<spell start="2024-03-02" end="2024-03-03"/>"#), "{gexf}");
    assert!(!gexf.contains("Dan"), "a restricted item's author in {gexf}");

    ws.ok(&["export", "graphml", "people.graphml"]);
    let graphml = read(&ws, "people.graphml");
    assert!(graphml.contains(r#"edgedefault="directed""#), "{graphml}");
    assert!(graphml.contains("<data key=\"n_label\">Ben &lt;B&amp;B&gt; &quot;Bee&quot;</data>"));
    assert_eq!(graphml.matches("<node ").count(), 3);
    assert_eq!(graphml.matches("<edge ").count(), 3);
}

#[test]
fn a_folder_gets_nodes_and_edges_and_the_knowledge_graph_adds_sources() {
    let ws = Workspace::new();
    let table = ws.dir.path().join("links.csv");
    std::fs::write(
        &table,
        "id,parent,author,time,text\n\
         1,,museum,2024-05-01T10:00:00Z,What should a town archive keep?\n\
         2,1,eva,2024-05-02T10:00:00Z,This guide helped us: https://archive-guide.example/keep\n\
         3,1,finn,2024-05-03T10:00:00Z,I used https://archive-guide.example/keep too.\n",
    )
    .unwrap();
    ws.ok(&["import", table.to_str().unwrap()]);
    ws.ok(&["owner", "add", "csv:museum"]);
    let summary = ws.json(&["export", "edges", "net", "--graph", "knowledge", "--json"]);
    assert_eq!(summary["nodes_by_kind"]["source"], 1);
    assert_eq!(summary["edges_by_kind"]["shared"], 1);
    assert_eq!(summary["edges_by_kind"]["picked_up"], 1);
    let nodes = read(&ws, "net/nodes.csv");
    assert!(nodes.starts_with("id,label,kind,platform,items,"), "{nodes}");
    assert!(nodes.contains("https://archive-guide.example/keep,source,,2,0,false,web,"), "{nodes}");
    let got = edges(&read(&ws, "net/edges.csv"));
    let guide = "https://archive-guide.example/keep".to_string();
    assert!(got.contains(&("eva".into(), "shared".into(), "1".into(), guide.clone())), "{got:?}");
    assert!(got.contains(&("finn".into(), "picked_up".into(), "1".into(), guide)), "{got:?}");
    // the people graph of the same data has no sources
    let people = ws.json(&["export", "edges", "people", "--json"]);
    assert_eq!(people["nodes_by_kind"]["source"], 0);
    assert_eq!(people["nodes"], 3);
}

#[cfg(feature = "real-corpus")]
#[test]
fn seed_thread_network_is_what_a_reader_counts() {
    let root = std::env::var_os("RELATE_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| common::repo().join("../shared/corpus"));
    let seed = root.join("wxr/seed-social-media-roi.xml");
    assert!(seed.is_file(), "the real-corpus suite needs {}", seed.display());
    let ws = Workspace::new();
    ws.ok(&["import", seed.to_str().unwrap()]);
    // docs/measures.md: five people, each wrote to Christian and got an "@Name" answer;
    // Heinz (103, 111) and Kulturplanet (105, 108) wrote to him twice
    let summary = ws.json(&["export", "edges", "seed", "--graph", "knowledge", "--json"]);
    assert_eq!(summary["nodes_by_kind"]["us"], 1);
    assert_eq!(summary["nodes_by_kind"]["person"], 5);
    assert_eq!(summary["edges_by_kind"]["answers"], 10);
    // the four learning moments of the table in docs/measures.md, and the sources but one
    // `self` link (report: 6 distinct)
    assert_eq!(summary["nodes_by_kind"]["concept"], 4);
    assert_eq!(summary["edges_by_kind"]["brought"], 4);
    assert_eq!(summary["edges_by_kind"]["took_up"], 4);
    assert_eq!(summary["nodes_by_kind"]["source"], 5);
    let got = edges(&read(&ws, "seed/edges.csv"));
    let has = |a: &str, kind: &str, weight: &str, b: &str| {
        got.contains(&(a.into(), kind.into(), weight.into(), b.into()))
    };
    let us = "Christian Henner-Fehr";
    assert!(has("Heinz", "answers", "2", us), "{got:#?}");
    assert!(has("Kulturplanet", "answers", "2", us), "{got:#?}");
    assert!(has(us, "answers", "1", "Johanna W. Holt"), "{got:#?}");
    assert!(has("Ben", "brought", "1", "herrschaftsfreien Diskurses"), "{got:#?}");
    assert!(has("Hannes", "shared", "1", "http://bit.ly/w1uyU4"), "{got:#?}");
    ws.ok(&["export", "gexf", "seed.gexf"]);
    let gexf = read(&ws, "seed.gexf");
    assert!(!gexf.contains("cheap watches"), "spam in the network");
    assert_eq!(gexf.matches("<node ").count(), 6);
}
