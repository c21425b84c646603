"""Check that networkx loads what `relate export gexf|graphml|edges` writes, with the counts
relate has.

    networks_check.py --report REPORT.json --summary SUMMARY.json FILE...

REPORT.json is `relate report --json` (the ledger), SUMMARY.json what `relate export ... --json`
printed for the same graph; FILE is a .gexf, a .graphml, a folder with nodes.csv and
edges.csv, or an edge-list .csv. Expected counts:

- us and person nodes: the ledger's `participants`, plus one `us` when it names owners;
- source nodes (knowledge graph): the ledger's distinct sources less the `self` links;
- answers at us: one per person whose items address ours (`to_owner` > 0) plus one per
  person we addressed (`from_owner` > 0), when the ledger lists every person;
- the rest (edges among people, concept nodes, concept and source edges) from the summary,
  which must agree with the ledger on everything above.

No package on PyPI, npm or Debian ships the GEXF 1.3 XSD (checked for this script), so
instead of schema validation the GEXF is checked for the rules relate relies on: the 1.3
namespace and version, a dynamic graph whose time is spells only (never timestamps), spells
that start before they end, unique ids, declared attributes, and edges between known nodes.

Exit status 0 when every file passes; the last line reads "files: N passed, M failed".
"""

import argparse
import csv
import json
import os
import sys
import xml.etree.ElementTree as ET

import networkx as nx

GEXF = "{http://gexf.net/1.3}"


def expected_counts(report, summary):
    """Node and edge counts by kind, checked against the ledger where it has them."""
    problems = []
    nodes = dict(summary["nodes_by_kind"])
    edges = dict(summary["edges_by_kind"])
    owners = 1 if report["scope"]["owners"] else 0
    if nodes["us"] + nodes["person"] != report["participants"] + owners:
        problems.append(
            f"people nodes {nodes['us']} + {nodes['person']} != ledger participants "
            f"{report['participants']} + {owners} us"
        )
    if summary["graph"] == "knowledge":
        sources = report["sources"]["distinct"] - report["sources"]["by_kind"]["self"]
        if nodes["source"] != sources:
            problems.append(f"source nodes {nodes['source']} != ledger's {sources} (not self)")
    elif nodes["concept"] or nodes["source"] or sum(edges.values()) != edges["answers"]:
        problems.append("a people graph has only people and answers")
    us_edges = None
    if len(report["people"]) == report["people_count"]:
        people = report["people"]
        us_edges = sum(p["to_owner"] > 0 for p in people) + sum(p["from_owner"] > 0 for p in people)
    if sum(nodes.values()) != summary["nodes"] or sum(edges.values()) != summary["edges"]:
        problems.append("the summary's kinds do not add up to its totals")
    return nodes, edges, us_edges, problems


def by_kind(values):
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts


def compare(name, got_nodes, got_edges, nodes, edges):
    problems = []
    want_nodes = {k: n for k, n in nodes.items() if n}
    want_edges = {k: n for k, n in edges.items() if n}
    if got_nodes != want_nodes:
        problems.append(f"{name}: nodes by kind {got_nodes}, expected {want_nodes}")
    if got_edges != want_edges:
        problems.append(f"{name}: edges by kind {got_edges}, expected {want_edges}")
    return problems


def answers_at_us(graph, field):
    """Answers from and to us (the knowledge graph's other edges at us are not the ledger's)."""
    if "us" not in graph:
        return 0
    at_us = list(graph.in_edges("us", data=True)) + list(graph.out_edges("us", data=True))
    return sum(d.get(field) == "answers" for _, _, d in at_us)


def gexf_rules(path):
    """The GEXF 1.3 rules relate relies on, in place of the schema no package ships."""
    problems = []
    root = ET.parse(path).getroot()
    if root.tag != GEXF + "gexf" or root.get("version") != "1.3":
        problems.append(f"root is {root.tag} version {root.get('version')}, not GEXF 1.3")
        return problems
    graph = root.find(GEXF + "graph")
    if graph.get("mode") != "dynamic" or graph.get("timeformat") != "date":
        problems.append("the graph is not dynamic with timeformat date")
    if any(e.tag in (GEXF + "timestamps", GEXF + "timestamp") for e in root.iter()):
        problems.append("timestamps mixed with spells")
    if any(e.get("timestamp") for e in root.iter()):
        problems.append("a timestamp attribute beside spells")
    for spell in root.iter(GEXF + "spell"):
        if not spell.get("start") <= spell.get("end"):
            problems.append(f"a spell ends before it starts: {spell.attrib}")
    declared = {}
    for attributes in graph.findall(GEXF + "attributes"):
        declared[attributes.get("class")] = {a.get("id") for a in attributes}
    ids = [n.get("id") for n in graph.iter(GEXF + "node")]
    if len(ids) != len(set(ids)):
        problems.append("node ids repeat")
    nodes_element = graph.find(GEXF + "nodes")
    if int(nodes_element.get("count")) != len(ids):
        problems.append("nodes count attribute differs from the nodes")
    known = set(ids)
    edge_ids = []
    for edge in graph.iter(GEXF + "edge"):
        edge_ids.append(edge.get("id"))
        if edge.get("source") not in known or edge.get("target") not in known:
            problems.append(f"edge {edge.get('id')} joins an unknown node")
        if edge.get("kind") != edge.get("label"):
            problems.append(f"edge {edge.get('id')}: kind and label differ")
    if len(edge_ids) != len(set(edge_ids)):
        problems.append("edge ids repeat")
    for cls, element in (("node", GEXF + "node"), ("edge", GEXF + "edge")):
        for item in graph.iter(element):
            for value in item.iter(GEXF + "attvalue"):
                if value.get("for") not in declared.get(cls, set()):
                    problems.append(f"{cls} attvalue for undeclared {value.get('for')}")
    return problems


def check_gexf(path, nodes, edges, us_edges):
    problems = gexf_rules(path)
    graph = nx.read_gexf(path)
    problems += compare(
        path,
        by_kind(d.get("kind") for _, d in graph.nodes(data=True)),
        by_kind(d.get("label") for _, _, d in graph.edges(data=True)),
        nodes,
        edges,
    )
    if us_edges is not None and answers_at_us(graph, "label") != us_edges:
        got = answers_at_us(graph, "label")
        problems.append(f"{path}: {got} answers at us, the ledger has {us_edges}")
    return problems


def check_graphml(path, nodes, edges, us_edges):
    graph = nx.read_graphml(path)
    problems = compare(
        path,
        by_kind(d.get("kind") for _, d in graph.nodes(data=True)),
        by_kind(d.get("kind") for _, _, d in graph.edges(data=True)),
        nodes,
        edges,
    )
    for _, data in graph.nodes(data=True):
        if not isinstance(data.get("items"), int) or not isinstance(data.get("reciprocal"), bool):
            problems.append(f"{path}: typed node data came back as {data}")
            break
    for _, _, data in graph.edges(data=True):
        if not isinstance(data.get("weight"), int) or data["weight"] < 1:
            problems.append(f"{path}: edge weight came back as {data.get('weight')!r}")
            break
    if us_edges is not None and answers_at_us(graph, "kind") != us_edges:
        got = answers_at_us(graph, "kind")
        problems.append(f"{path}: {got} answers at us, the ledger has {us_edges}")
    return problems


def check_csv(path, nodes, edges):
    problems = []
    edge_file = path if path.endswith(".csv") else os.path.join(path, "edges.csv")
    with open(edge_file, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got_nodes = {k: n for k, n in nodes.items() if n}
    if not path.endswith(".csv"):
        with open(os.path.join(path, "nodes.csv"), newline="", encoding="utf-8") as f:
            node_rows = list(csv.DictReader(f))
        got_nodes = by_kind(r["kind"] for r in node_rows)
        ids = {r["id"] for r in node_rows}
        if len(ids) != len(node_rows):
            problems.append(f"{path}: node ids repeat")
        if any(r["source"] not in ids or r["target"] not in ids for r in rows):
            problems.append(f"{path}: an edge joins an unknown node")
    problems += compare(path, got_nodes, by_kind(r["kind"] for r in rows), nodes, edges)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", required=True, help="relate report --json output")
    parser.add_argument("--summary", required=True, help="relate export ... --json output")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    with open(args.summary, encoding="utf-8") as f:
        summary = json.load(f)
    nodes, edges, us_edges, ledger_problems = expected_counts(report, summary)
    passed = failed = 0
    for problem in ledger_problems:
        print(f"FAIL ledger: {problem}", file=sys.stderr)
        failed += 1
    for path in args.files:
        if path.endswith(".gexf"):
            problems = check_gexf(path, nodes, edges, us_edges)
        elif path.endswith(".graphml"):
            problems = check_graphml(path, nodes, edges, us_edges)
        else:
            problems = check_csv(path, nodes, edges)
        for problem in problems:
            print(f"FAIL {problem}", file=sys.stderr)
        if problems:
            failed += 1
        else:
            passed += 1
            print(
                f"ok {path}: {summary['nodes']} nodes, {summary['edges']} edges "
                f"({summary['graph']})"
            )
    print(f"files: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
