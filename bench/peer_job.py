#!/usr/bin/env python3
"""The benchmark's fastest peers: read the statements CSV, build the full
network, write GraphML, in igraph (its C writer) or rustworkx (its Rust
writer), with the attributes each can hold.

    python3 bench/peer_job.py igraph INPUT.csv OUT.graphml
    python3 bench/peer_job.py rustworkx INPUT.csv OUT.graphml
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statements import edge_attributes, full_network  # noqa: E402


def with_igraph(path, out):
    import igraph

    nodes, edges = full_network(path)
    index = {name: i for i, name in enumerate(nodes)}
    g = igraph.Graph(directed=True)
    g.add_vertices(len(nodes), attributes={
        "name": list(nodes),
        "label": [label for label, _ in nodes.values()],
        "kind": [kind for _, kind in nodes.values()],
    })
    attrs = [edge_attributes(s, p) for (_, _, p), s in edges.items()]
    g.add_edges([(index[a], index[s]) for a, s, _ in edges],
                attributes={k: [e[k] for e in attrs] for k in attrs[0]} if attrs else None)
    g.write_graphml(out)


def with_rustworkx(path, out):
    import rustworkx

    nodes, edges = full_network(path)
    g = rustworkx.PyDiGraph(multigraph=True)
    ids = g.add_nodes_from([{"name": name, "label": label, "kind": kind}
                            for name, (label, kind) in nodes.items()])
    index = dict(zip(nodes, ids))
    g.add_edges_from([(index[a], index[s], edge_attributes(st, p))
                      for (a, s, p), st in edges.items()])
    rustworkx.write_graphml(g, out)


if __name__ == "__main__":
    job, path, out = sys.argv[1:4]
    {"igraph": with_igraph, "rustworkx": with_rustworkx}[job](path, out)
