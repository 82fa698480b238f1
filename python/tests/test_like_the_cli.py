"""Every network from Python equals the command line's for the same data,
edge for edge and weight for weight; to_networkx() equals NetworkX reading
the command line's GraphML; errors say what the command line says."""

import pathlib
import subprocess

import pytest

import stancegraph as sg

from conftest import ROOT, run

NETWORKS = [
    ("full", {}),
    ("affiliation", {"qualifier": "combine"}),
    ("congruence", {"normalize": "average"}),
    ("conflict", {}),
    ("subtract", {"normalize": "jaccard"}),
    ("cooccurrence", {"duplicates": "document"}),
    ("interaction", {}),
    ("interaction", {"qualifier": "subtract"}),
]

ADVERSARIAL = (
    'actor,stance,agree,actor_kind,country,quote\n'
    '"Zelenskyy\'s ""office""",graph,yes,organization,Україна,"He said: ""No"""\n'
    'Jean-Noël Barrot,NODE,no,person,France,a \\ b\n'
    '"two\nlines",Strict,yes,,,"<b>&amp;</b>"\n'
    '1st actor,DiGraph <&> \'subgraph\',-,,,x\n'
    '"Zelenskyy\'s ""office""",NODE,disagree,,,\n'
)


def inputs(tmp_path):
    """(name, path or None): the seed, adversarial labels, a workbook, a
    DNA database (made by the Rust tests' helper, when they left one)."""
    out = [("seed", None)]
    adversarial = tmp_path / "adversarial.csv"
    adversarial.write_text(ADVERSARIAL, encoding="utf-8")
    out.append(("adversarial", adversarial))
    out.append(("debate", ROOT / "docs" / "debate-over-time.csv"))
    # A DNA database with DNA's schema.
    import dna_db

    orgs = ["Greenpeace", "BDI", "SPD", "CDU", "Öko-Institut"]
    concepts = ["Coal out", "Carbon tax", "Nuclear"]
    rows = [(f"2025-01-{1 + i % 9:02d}", orgs[(i * 7) % 5], concepts[(i * 5) % 3], i % 3 != 0)
            for i in range(30)]
    db = tmp_path / "study.dna"
    if not db.exists():
        dna_db.create(db, rows)
    out.append(("dna", db))
    # A workbook, written by pandas (openpyxl).
    try:
        import pandas as pd

        book = tmp_path / "coding.xlsx"
        if not book.exists():
            pd.DataFrame({"actor": [r[1] for r in rows], "stance": [r[2] for r in rows],
                          "agree": ["yes" if r[3] else "no" for r in rows],
                          "date": [r[0] for r in rows]}).to_excel(book, sheet_name="Statements", index=False)
        out.append(("workbook", book))
    except ImportError:
        import os

        if os.environ.get("STANCEGRAPH_CONFORMANCE") == "1":
            raise
        print("SKIPPED: the workbook case needs openpyxl (pip install openpyxl)")
    return out


def cli_edges(cli, tmp_path, path, network, options):
    args = ["export"] + ([path] if path else []) + ["--network", network, "-f", "graphml", "-o", tmp_path / "cli", "-q"]
    for k, v in options.items():
        args += [f"--{k}", v]
    code, _, err = run(cli, *args)
    assert code == 0, err
    return tmp_path / "cli" / f"{network}.graphml"


@pytest.mark.parametrize("network,options", NETWORKS)
def test_every_network_equals_the_cli(cli, tmp_path, network, options):
    nx = pytest.importorskip("networkx")
    for name, path in inputs(tmp_path):
        ds = sg.read(path)
        net = ds.network(network, **options)
        graphml = cli_edges(cli, tmp_path, path, network, options)
        theirs = nx.read_graphml(graphml)
        ours = net.to_networkx()
        assert sorted(ours.nodes) == sorted(theirs.nodes), name
        assert ours.number_of_edges() == theirs.number_of_edges(), name
        def weights(g):
            return sorted((u, v, round(d["weight"], 12)) for u, v, d in g.edges(data=True))
        assert weights(ours) == weights(theirs), name
        for n, d in theirs.nodes(data=True):
            for key, value in d.items():
                assert ours.nodes[n][key] == value, (name, n, key)
        # The bytes of each single-file format are the command line's.
        for fmt, ext in [("graphml", "graphml"), ("gexf", "gexf"), ("gml", "gml"), ("json", "json")]:
            code, _, err = run(cli, "export", *([path] if path else []), "--network", network,
                               *sum(([f"--{k}", v] for k, v in options.items()), []),
                               "-f", fmt, "-o", tmp_path / "b", "-q")
            assert code == 0, err
            assert net.to_bytes(fmt) == (tmp_path / "b" / f"{network}.{ext}").read_bytes(), (name, fmt)


HOSTILE = [
    ("missing required column", b"actor,stance\na,b\n"),
    ("unknown agree value", b"actor,stance,agree\na,b,yes\na,b,perhaps\n"),
    ("bad date", b"actor,stance,agree,date\na,b,yes,12/02/2025\n"),
    ("impossible date", b"actor,stance,agree,date\na,b,yes,2025-02-29\n"),
    ("empty actor", b"actor,stance,agree\n  ,b,yes\n"),
    ("ragged row", b"actor,stance,agree\na,b,yes\na,b,yes,extra\n"),
    ("invalid UTF-8", b"actor,stance,agree\nBarrot,b,yes\nJean-No\xebl,b,yes\n"),
    ("a count of zero", b"actor,stance,agree,count\na,b,yes,2\na,b,no,0\n"),
    ("a NUL byte", b"actor,stance,agree\nok,b,yes\na\x00b,b,yes\n"),
]


@pytest.mark.parametrize("name,data", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_raises_what_the_cli_says(cli, tmp_path, name, data):
    path = tmp_path / "s.csv"
    path.write_bytes(data)
    code, _, err = run(cli, "check", "s.csv", cwd=tmp_path)
    assert code == 1
    with pytest.raises(sg.InputError) as caught:
        sg.read(path)
    e = caught.value
    assert isinstance(e, ValueError)
    assert e.path == str(path)
    assert isinstance(e.line, int) and e.line >= 1
    # Every problem the command line prints, in the same words (options
    # named as Python's keywords: `columns`, not `--columns`).
    said = [l[len("error: "):] for l in err.splitlines() if l.startswith("error: ")]
    said = [s.replace("s.csv", str(path), 1).replace("--columns", "columns") for s in said]
    assert said and all(s in str(e) for s in said), (said, str(e))
