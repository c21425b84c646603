//! `relate export`: the data in other tools' formats.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;

#[derive(Subcommand)]
pub(crate) enum ExportCommand {
    /// A ConvoKit corpus directory (public items only; restricted ones with --include-restricted), loadable with convokit.Corpus(filename=DIR).
    Convokit {
        /// The directory to write; created if missing. Existing corpus files are replaced.
        dir: PathBuf,
    },
    /// The network as GEXF 1.3, for Gephi (File > Open; the timeline plays it by day) or
    /// networkx (nx.read_gexf).
    ///
    /// --graph people (the default): us and every participant, an edge where one answered
    /// the other, weighted by items. --graph knowledge: also the concepts and sources, with
    /// who brought, took up, shared and picked them up. Each node and edge lives from the day
    /// of its first to the day of its last item. Public items only; restricted ones with
    /// --include-restricted. Definitions: docs/measures.md, "Networks".
    #[command(verbatim_doc_comment)]
    Gexf {
        /// The file to write (e.g. network.gexf); replaced if it exists.
        file: PathBuf,
        #[command(flatten)]
        network: NetworkArgs,
    },
    /// The network as GraphML, for networkx (nx.read_graphml), igraph, yEd or Gephi: typed
    /// attributes, times as RFC 3339 text. Same graphs as `relate export gexf`.
    Graphml {
        /// The file to write (e.g. network.graphml); replaced if it exists.
        file: PathBuf,
        #[command(flatten)]
        network: NetworkArgs,
    },
    /// The network as CSV, for pandas (pd.read_csv), R or a spreadsheet: a folder gets
    /// nodes.csv and edges.csv (Gephi's spreadsheet import takes both, edges first), a file
    /// ending in .csv gets the edge list alone. Same graphs as `relate export gexf`.
    Edges {
        /// A folder (created if missing) or a .csv file; existing files are replaced.
        path: PathBuf,
        #[command(flatten)]
        network: NetworkArgs,
    },
}

#[derive(clap::Args)]
pub(crate) struct NetworkArgs {
    /// people: who answers whom; knowledge: people, concepts and sources.
    #[arg(long, value_enum, default_value = "people")]
    graph: GraphChoice,
    /// Also print what was written as JSON on stdout (nodes and edges by kind).
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum GraphChoice {
    People,
    Knowledge,
}

pub(crate) fn run(
    db: &Path,
    command: ExportCommand,
    include_restricted: bool,
) -> anyhow::Result<()> {
    match command {
        ExportCommand::Convokit { dir } => {
            let (corpus, analyses) = super::show::analyse_with(
                db,
                include_restricted,
                relate_analysis::Options::PER_ITEM,
            )?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let written = relate_report::convokit::write(&corpus, &analyses, &mut |name| {
                let file = File::create(dir.join(name))?;
                Ok(Box::new(BufWriter::new(file)))
            })
            .with_context(|| format!("writing the corpus to {}", dir.display()))?;
            eprintln!(
                "Wrote {} utterances ({} replies) in {} conversations by {} speakers to {}.",
                written.utterances,
                written.reply_links,
                written.conversations,
                written.speakers,
                dir.display()
            );
            Ok(())
        }
        ExportCommand::Gexf { file, network } => {
            export_network(db, include_restricted, &network, Format::Gexf, &file)
        }
        ExportCommand::Graphml { file, network } => {
            export_network(db, include_restricted, &network, Format::Graphml, &file)
        }
        ExportCommand::Edges { path, network } => {
            export_network(db, include_restricted, &network, Format::Edges, &path)
        }
    }
}

#[derive(Clone, Copy)]
enum Format {
    Gexf,
    Graphml,
    Edges,
}

fn export_network(
    db: &Path,
    include_restricted: bool,
    args: &NetworkArgs,
    format: Format,
    path: &Path,
) -> anyhow::Result<()> {
    use relate_analysis::network::{self, EdgeKind, Graph, NodeKind};
    let (corpus, analyses) =
        super::show::analyse_with(db, include_restricted, relate_analysis::Options::REPORT)?;
    let graph = match args.graph {
        GraphChoice::People => Graph::People,
        GraphChoice::Knowledge => Graph::Knowledge,
    };
    let network = network::compute(&corpus, &analyses, graph);
    let write = |file: &Path, writer: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>| {
        let mut out = File::create(file)
            .map(BufWriter::new)
            .with_context(|| format!("cannot create {}", file.display()))?;
        writer(&mut out).with_context(|| format!("writing {}", file.display()))
    };
    let mut files: Vec<PathBuf> = Vec::new();
    match format {
        Format::Gexf => {
            write(path, &|out| relate_report::gexf::write(&network, graph, out))?;
            files.push(path.to_path_buf());
        }
        Format::Graphml => {
            write(path, &|out| relate_report::graphml::write(&network, graph, out))?;
            files.push(path.to_path_buf());
        }
        Format::Edges if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) => {
            write(path, &|out| relate_report::edges::write_edges(&network, out))?;
            files.push(path.to_path_buf());
        }
        Format::Edges => {
            std::fs::create_dir_all(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let (nodes, edges) = (path.join("nodes.csv"), path.join("edges.csv"));
            write(&nodes, &|out| relate_report::edges::write_nodes(&network, out))?;
            write(&edges, &|out| relate_report::edges::write_edges(&network, out))?;
            files.extend([nodes, edges]);
        }
    }
    let nodes_by_kind: Vec<(&str, u64)> =
        NodeKind::ALL.iter().map(|&k| (k.as_str(), network.count_nodes(k))).collect();
    let edges_by_kind: Vec<(&str, u64)> =
        EdgeKind::ALL.iter().map(|&k| (k.as_str(), network.count_edges(k))).collect();
    let listed = |counts: &[(&str, u64)]| {
        let parts: Vec<String> =
            counts.iter().filter(|(_, n)| *n > 0).map(|(k, n)| format!("{k} {n}")).collect();
        if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
    };
    let shown: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    eprintln!(
        "Wrote the {} network, {} nodes{} and {} edges{}, to {}.",
        graph.as_str(),
        network.nodes.len(),
        listed(&nodes_by_kind),
        network.edges.len(),
        listed(&edges_by_kind),
        shown.join(" and ")
    );
    if args.json {
        let by_kind = |counts: &[(&str, u64)]| -> serde_json::Map<String, serde_json::Value> {
            counts.iter().map(|(k, n)| (k.to_string(), (*n).into())).collect()
        };
        super::print_json(&serde_json::json!({
            "graph": graph.as_str(),
            "files": shown,
            "nodes": network.nodes.len(),
            "edges": network.edges.len(),
            "nodes_by_kind": by_kind(&nodes_by_kind),
            "edges_by_kind": by_kind(&edges_by_kind),
        }))?;
    }
    Ok(())
}
