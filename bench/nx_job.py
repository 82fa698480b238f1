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


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield row


def full_network(path):
    g = nx.MultiDiGraph(name="full")
    stats = {}
    for row in read(path):
        actor, stance = row["actor"], row["stance"]
        if actor not in g:
            g.add_node(actor, label=actor, kind=row.get("actor_kind") or "person")
        if stance not in g:
            g.add_node(stance, label=stance, kind="stance")
        polarity = "agree" if row["agree"].lower() in ("yes", "true", "1", "agree", "+") else "disagree"
        key = (actor, stance, polarity)
        s = stats.get(key)
        if s is None:
            s = stats[key] = {"n": 0, "first": row["date"], "last": row["date"], "sources": set(), "quote": row["quote"]}
        s["n"] += 1
        s["first"] = min(s["first"], row["date"])
        s["last"] = max(s["last"], row["date"])
        s["sources"].add(row["source"])
    for (actor, stance, polarity), s in stats.items():
        g.add_edge(actor, stance, key=polarity, relation=polarity, weight=float(s["n"]),
                   statements=s["n"], first_date=s["first"], last_date=s["last"],
                   sources=len(s["sources"]), quote=s["quote"])
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
        agree = row["agree"].lower() in ("yes", "true", "1", "agree", "+")
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
