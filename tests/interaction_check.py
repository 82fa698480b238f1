"""Reads an interaction network back with NetworkX and igraph and computes
the same network from the statements table with pandas.

usage: interaction_check.py STATEMENTS.csv NETWORK.graphml

Prints one JSON object: "pandas", "networkx" and "igraph", each a sorted
list of [actor label, target label, relation, weight, stances], where
relation is agree or disagree and stances the stance labels of the edge's
statements in order of first mention, joined by "; ".
"""

import json
import sys

import igraph
import networkx as nx
import pandas as pd

table, graphml = sys.argv[1], sys.argv[2]

# pandas: the documented mapping, from the raw rows.
rows = pd.read_csv(table, dtype=str, keep_default_na=False)
rows = rows[rows["target"].str.strip() != ""].copy()
if "count" in rows.columns:
    rows["count"] = pd.to_numeric(rows["count"].replace("", "1"))
else:
    rows["count"] = 1
agree = {"yes": "agree", "true": "agree", "1": "agree", "agree": "agree", "+": "agree",
         "no": "disagree", "false": "disagree", "0": "disagree", "disagree": "disagree", "-": "disagree"}
rows["relation"] = rows["agree"].str.strip().str.lower().map(agree)
rows["actor"] = rows["actor"].str.strip()
rows["target"] = rows["target"].str.strip()
grouped = rows.groupby(["actor", "target", "relation"], sort=True)
ours = []
for (actor, target, relation), group in grouped:
    stances = list(dict.fromkeys(group["stance"].str.strip()))
    ours.append([actor, target, relation, float(group["count"].sum()), "; ".join(stances)])

# NetworkX: parallel agree and disagree edges, so a multigraph.
g = nx.read_graphml(graphml, force_multigraph=True)
assert g.is_directed()
label = {n: d["label"] for n, d in g.nodes(data=True)}
read_nx = sorted(
    [label[u], label[v], d["relation"], float(d["weight"]), d["stances"]]
    for u, v, d in g.edges(data=True)
)

# igraph.
h = igraph.Graph.Read_GraphML(graphml)
assert h.is_directed()
read_ig = sorted(
    [h.vs[e.source]["label"], h.vs[e.target]["label"], e["relation"], float(e["weight"]), e["stances"]]
    for e in h.es
)

print(json.dumps({"pandas": sorted(ours), "networkx": read_nx, "igraph": read_ig}))
