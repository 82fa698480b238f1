#!/usr/bin/env python3
"""The benchmark's NetworkX side: the same jobs as stancegraph, in NetworkX.

    python3 bench/nx_job.py export INPUT.csv OUTDIR      # full network, all formats
    python3 bench/nx_job.py congruence INPUT.csv OUTDIR  # congruence projection, CSV

`export` builds the same full network (actors and stances, one edge per
actor, stance and polarity with weight, statements, first and last date,
distinct sources and the first quote) and writes GraphML, GEXF, the two Gephi
CSV tables and node-link JSON. `congruence` computes
sum_s sum_q c(i,s,q) c(j,s,q) for every actor pair that shares a stance,
stance by stance as stancegraph does, and writes the edge list as CSV.
"""

import csv
import json
import os
import sys
from collections import defaultdict

import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statements import AGREE, edge_attributes, read  # noqa: E402
from statements import full_network as aggregate  # noqa: E402


def full_network(path):
    nodes, edges = aggregate(path)
    g = nx.MultiDiGraph(name="full")
    for name, (label, kind) in nodes.items():
        g.add_node(name, label=label, kind=kind)
    for (actor, stance, polarity), s in edges.items():
        g.add_edge(actor, stance, key=polarity, **edge_attributes(s, polarity))
    return g


def export(path, out):
    g = full_network(path)
    nx.write_graphml(g, os.path.join(out, "full.graphml"))
    nx.write_gexf(g, os.path.join(out, "full.gexf"), version="1.3")
    with open(os.path.join(out, "full.nodes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Id", "Label", "kind"])
        for n, d in g.nodes(data=True):
            w.writerow([n, d["label"], d["kind"]])
    with open(os.path.join(out, "full.edges.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Source", "Target", "Type", "Kind", "Weight", "statements", "first_date",
                    "last_date", "sources", "quote"])
        for u, v, k, d in g.edges(keys=True, data=True):
            w.writerow([u, v, "Directed", k, d["weight"], d["statements"], d["first_date"],
                        d["last_date"], d["sources"], d["quote"]])
    with open(os.path.join(out, "full.json"), "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(g, edges="edges"), f)


def congruence(path, out):
    counts = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in read(path):
        agree = row["agree"].lower() in AGREE
        counts[row["stance"]][row["actor"]][0 if agree else 1] += 1
    g = nx.Graph(name="congruence")
    for stance, actors in counts.items():
        cells = sorted(actors.items())
        for x, (i, ci) in enumerate(cells):
            for j, cj in cells[x + 1:]:
                w = ci[0] * cj[0] + ci[1] * cj[1]
                if w:
                    if g.has_edge(i, j):
                        g[i][j]["weight"] += w
                    else:
                        g.add_edge(i, j, weight=w)
    with open(os.path.join(out, "congruence.edges.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Source", "Target", "Type", "Weight"])
        for u, v, d in g.edges(data=True):
            w.writerow([u, v, "Undirected", d["weight"]])


if __name__ == "__main__":
    job, path, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    {"export": export, "congruence": congruence}[job](path, out)
