#!/usr/bin/env python3
"""The Python package against the command line and against pandas with
NetworkX: 1M statements in a pandas DataFrame into the congruence network.

    python3 bench/python_job.py INPUT.csv STANCEGRAPH_BINARY [--no-pandas]

Three jobs, timed side by side in one run (wall clock, best of three for
the two fast ones):

- python: ``sg.from_pandas(df).network("congruence")`` (the DataFrame read
  from the CSV beforehand, not timed);
- cli: ``stancegraph export INPUT.csv --network congruence -f csv`` (reads
  the CSV and writes the ties: the same network, from text);
- pandas: the same congruence with pandas (counts per actor, stance and
  polarity, a self-merge on stance and polarity, a sum per pair) and
  ``networkx.from_pandas_edgelist``.

Prints one JSON object with the seconds of each and the ratios.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import pandas as pd

import stancegraph as sg


def timed(f, repeat=1):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        s = time.perf_counter() - t
        best = s if best is None else min(best, s)
    return best, out


def main():
    path, binary = sys.argv[1], sys.argv[2]
    df = pd.read_csv(path, dtype=str, keep_default_na=False)

    def python_job():
        net = sg.from_pandas(df).network("congruence")
        return net.edge_count

    def cli_job():
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([binary, "export", path, "--network", "congruence", "-f", "csv",
                            "-o", out, "-q"], check=True)

    def pandas_job():
        import networkx as nx

        counts = (df.groupby(["actor", "stance", "agree"], sort=False).size()
                  .rename("c").reset_index())
        pairs = counts.merge(counts, on=["stance", "agree"], suffixes=("_i", "_j"))
        pairs = pairs[pairs["actor_i"] < pairs["actor_j"]]
        pairs["w"] = pairs["c_i"] * pairs["c_j"]
        ties = pairs.groupby(["actor_i", "actor_j"], sort=False)["w"].sum().reset_index()
        g = nx.from_pandas_edgelist(ties, "actor_i", "actor_j", edge_attr="w")
        return g.number_of_edges()

    py, edges = timed(python_job, 3)
    cli, _ = timed(cli_job, 3)
    result = {"rows": len(df), "edges": edges, "python_s": round(py, 3), "cli_s": round(cli, 3),
              "python_over_cli": round(py / cli, 2)}
    if "--no-pandas" not in sys.argv:
        pd_s, pd_edges = timed(pandas_job, 1)
        result.update({"pandas_edges": pd_edges, "pandas_networkx_s": round(pd_s, 3),
                       "pandas_over_python": round(pd_s / py, 1)})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
