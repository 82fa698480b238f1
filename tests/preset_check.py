"""Computes an event dataset's interaction network with pandas, by the
mapping the README documents for `--preset`, and reads stancegraph's
network back with NetworkX and igraph.

usage: preset_check.py gdelt|acled RAW NETWORK.graphml [OVERRIDES]

RAW is the file as downloaded (uncompressed). OVERRIDES (ACLED only) is
`TYPE=agree|disagree,...` as given to --acled-polarity. Prints one JSON
object: "pandas", "networkx" and "igraph", each a sorted list of
[actor, target, relation, weight, stances, first_date, last_date], and
"skipped", the number of events pandas finds without an actor.
"""

import datetime
import json
import sys

import igraph
import networkx as nx
import pandas as pd

CAMEO = [
    "Make public statement", "Appeal", "Express intent to cooperate", "Consult",
    "Engage in diplomatic cooperation", "Engage in material cooperation", "Provide aid",
    "Yield", "Investigate", "Demand", "Disapprove", "Reject", "Threaten", "Protest",
    "Exhibit force posture", "Reduce relations", "Coerce", "Assault", "Fight",
    "Use unconventional mass violence",
]


def gdelt(path):
    raw = pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False,
                      quoting=3)
    assert raw.shape[1] in (57, 58, 61), raw.shape
    actor = raw[6].where(raw[6] != "", raw[5])
    return pd.DataFrame({
        "actor": actor,
        "target": raw[16].where(raw[16] != "", raw[15]),
        "stance": raw[28].map(lambda c: CAMEO[int(c) - 1]),
        "relation": raw[29].map({"1": "agree", "2": "agree", "3": "disagree", "4": "disagree"}),
        "date": raw[1].map(lambda d: f"{d[:4]}-{d[4:6]}-{d[6:]}"),
    })


def acled(path, overrides):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    given = {}
    for part in filter(None, overrides.split(",")):
        kind, polarity = part.split("=")
        given[kind.strip().lower()] = "agree" if polarity.strip() == "agree" else "disagree"

    def relation(row):
        for kind in (row["sub_event_type"], row["event_type"]):
            if kind.lower() in given:
                return given[kind.lower()]
        agree = "agreement" in (row["sub_event_type"].lower(), row["event_type"].lower())
        return "agree" if agree else "disagree"

    def iso(text):
        if len(text) == 10 and text[4] == "-":
            return text
        return datetime.datetime.strptime(text, "%d %B %Y").date().isoformat()

    return pd.DataFrame({
        "actor": raw["actor1"].str.strip(),
        "target": raw["actor2"].str.strip(),
        "stance": raw["sub_event_type"],
        "relation": raw.apply(relation, axis=1),
        "date": raw["event_date"].map(iso),
    })


preset, path, graphml = sys.argv[1], sys.argv[2], sys.argv[3]
rows = gdelt(path) if preset == "gdelt" else acled(path, sys.argv[4] if len(sys.argv) > 4 else "")
skipped = int((rows["actor"] == "").sum())
rows = rows[(rows["actor"] != "") & (rows["target"] != "")]
want = []
for (actor, target, relation), group in rows.groupby(["actor", "target", "relation"], sort=True):
    stances = "; ".join(dict.fromkeys(group["stance"]))
    want.append([actor, target, relation, float(len(group)), stances,
                 group["date"].min(), group["date"].max()])

g = nx.read_graphml(graphml, force_multigraph=True)
assert g.is_directed()
label = {n: d["label"] for n, d in g.nodes(data=True)}
got_nx = sorted(
    [label[u], label[v], d["relation"], float(d["weight"]), d["stances"], d["first_date"],
     d["last_date"]]
    for u, v, d in g.edges(data=True)
)
h = igraph.Graph.Read_GraphML(graphml)
assert h.is_directed()
got_ig = sorted(
    [h.vs[e.source]["label"], h.vs[e.target]["label"], e["relation"], float(e["weight"]),
     e["stances"], e["first_date"], e["last_date"]]
    for e in h.es
)
print(json.dumps({"pandas": sorted(want), "networkx": got_nx, "igraph": got_ig,
                  "skipped": skipped}))
