"""The full network of a statements CSV, aggregated in plain Python: what
the peers of the benchmark (NetworkX, igraph, rustworkx) are given to build
their graphs from, so that each does the same job as stancegraph.

One node per actor (label, kind) and per stance; one edge per actor, stance
and polarity with its weight (statements), first and last date, distinct
sources and first quote.
"""

import csv

AGREE = ("yes", "true", "1", "agree", "+")


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def full_network(path):
    """Returns (nodes, edges): nodes as {name: (label, kind)} in input order,
    edges as {(actor, stance, polarity): stats} in input order."""
    nodes = {}
    edges = {}
    for row in read(path):
        actor, stance = row["actor"], row["stance"]
        if actor not in nodes:
            nodes[actor] = (actor, row.get("actor_kind") or "person")
        if stance not in nodes:
            nodes[stance] = (stance, "stance")
        polarity = "agree" if row["agree"].lower() in AGREE else "disagree"
        key = (actor, stance, polarity)
        s = edges.get(key)
        if s is None:
            s = edges[key] = {"n": 0, "first": row["date"], "last": row["date"],
                              "sources": set(), "quote": row["quote"]}
        s["n"] += 1
        s["first"] = min(s["first"], row["date"])
        s["last"] = max(s["last"], row["date"])
        s["sources"].add(row["source"])
    return nodes, edges


def edge_attributes(s, polarity):
    """The attributes every writer gets for an edge."""
    return {"relation": polarity, "weight": float(s["n"]), "statements": s["n"],
            "first_date": s["first"], "last_date": s["last"],
            "sources": len(s["sources"]), "quote": s["quote"]}
