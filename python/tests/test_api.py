"""Each function of the Python API, on the seed dataset and small tables."""

import datetime
import warnings

import pandas as pd
import pytest

import stancegraph as sg


def test_read_the_seed_and_its_statements():
    ds = sg.read()
    assert len(ds) == 31
    st = ds.statements
    assert list(st.columns[:4]) == ["id", "date", "actor", "actor_label"]
    assert st.loc[0, "actor"] == "hegseth"
    assert st.loc[0, "date"] == datetime.date(2025, 2, 12)
    assert set(st["agree"]) == {"agree", "disagree"}
    assert "Dataset" in repr(ds)


def test_networks_have_typed_tables():
    net = sg.read().network("congruence", normalize="average")
    assert net.name == "congruence" and not net.directed
    nodes, edges = net.nodes, net.edges
    assert list(nodes.columns[:3]) == ["id", "label", "kind"]
    assert nodes["statements"].dtype == "int64"
    assert list(edges.columns[:3]) == ["source", "target", "weight"]
    assert edges["weight"].dtype == "float64"
    assert len(edges) == 15
    full = sg.read().network()
    assert full.directed
    assert {"person", "organization", "country", "stance"} >= set(full.nodes["kind"])


def test_to_networkx_has_every_node_and_edge():
    nx = pytest.importorskip("networkx")
    net = sg.read().network("subtract")
    g = net.to_networkx()
    assert isinstance(g, nx.Graph) and not g.is_directed()
    assert g.number_of_nodes() == len(net.nodes)
    assert g.number_of_edges() == len(net.edges)
    for e in net.edges.itertuples():
        assert g.edges[e.source, e.target]["weight"] == e.weight
    assert sg.read().network("affiliation").to_networkx().is_directed()


def test_an_actor_who_agrees_and_disagrees_makes_a_multigraph():
    nx = pytest.importorskip("networkx")
    df = pd.DataFrame({"actor": ["a", "a"], "stance": ["s", "s"], "agree": ["yes", "no"]})
    g = sg.from_pandas(df).network("affiliation").to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_edges("a", "s") == 2


def test_from_pandas_maps_columns_and_reads_types():
    df = pd.DataFrame({
        "Speaker": ["a", "b", "c"],
        "Claim": ["s", "s", "s"],
        "Position": [True, True, False],
        "date": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"]),
        "count": [1, 2, 1],
    })
    ds = sg.from_pandas(df, columns={"actor": "Speaker", "stance": "Claim", "agree": "Position"})
    assert len(ds) == 3
    edges = ds.network("congruence").edges
    assert edges.loc[0, ["source", "target", "weight"]].tolist() == ["a", "b", 2.0]
    assert ds.statements["date"].tolist()[0] == datetime.date(2025, 1, 1)


def test_quotes_are_the_statements_behind_an_edge():
    net = sg.read().network("congruence")
    q = net.quotes("hegseth", "trump")
    assert set(q["actor"]) == {"hegseth", "trump"}
    assert q["quote"].notna().all()
    two = sg.read().network("affiliation")
    stance = two.edges.loc[0, "target"]
    actor = two.edges.loc[0, "source"]
    assert set(two.quotes(actor, stance)["stance"]) == {stance}


def test_the_interaction_network_runs_from_actors_to_their_targets():
    nx = pytest.importorskip("networkx")
    ds = sg.read()
    assert "target" in ds.statements.columns
    net = ds.network("interaction")
    assert net.directed
    edges = net.edges
    assert set(edges["edge_kind"]) == {"interaction"}
    row = edges[(edges["source"] == "hegseth") & (edges["relation"] == "disagree")].iloc[0]
    assert (row["target"], row["weight"]) == ("udcg", 2.0)
    q = net.quotes("hegseth", "udcg")
    assert set(q["target"]) == {"udcg"} and len(q) == 3
    g = net.to_networkx()
    assert isinstance(g, nx.MultiDiGraph) and g.number_of_edges("hegseth", "udcg") == 2
    # Without targets, no target columns.
    plain = sg.from_pandas(pd.DataFrame({"actor": ["a"], "stance": ["s"], "agree": ["yes"]}))
    assert "target" not in plain.statements.columns


def test_write_chooses_the_format_by_extension(tmp_path):
    net = sg.read().network("conflict")
    for name in ["c.graphml", "c.gexf", "c.dot", "c.json", "c.gml", "c.net", "c.dl", "c.cyjs", "c.html"]:
        written = net.write(tmp_path / name)
        assert written == [str(tmp_path / name)]
        assert (tmp_path / name).stat().st_size > 0
    assert net.write(tmp_path / "t.csv", format="csv") == [str(tmp_path / "t.edges.csv"), str(tmp_path / "t.nodes.csv")]
    with pytest.raises(sg.UsageError):
        net.write(tmp_path / "c.unknown")


def test_the_html_view_is_there_in_a_notebook():
    html = sg.read().network("congruence")._repr_html_()
    assert html.startswith("<iframe")
    assert "sg-data" in html and "hegseth" in html


def test_coalitions_polarization_and_backbone():
    net = sg.read().network("congruence", normalize="average").coalitions()
    assert net.nodes["coalition"].dropna().astype(int).min() == 1
    p = sg.read().polarization(normalize_scores=True)
    assert 0 <= p["score"] <= 1 and len(p["clusters"]) == 2
    b = sg.read().backbone()
    assert b["backbone"] and b["redundant"]


def test_errors_are_typed():
    with pytest.raises(sg.UsageError) as e:
        sg.read().network("bogus")
    assert isinstance(e.value, ValueError)
    with pytest.raises(FileNotFoundError):
        sg.read("no/such/file.csv")
    df = pd.DataFrame({"actor": ["a", "b"], "stance": ["s", "s"], "agree": ["yes", "perhaps"]})
    with pytest.raises(sg.InputError) as e:
        sg.from_pandas(df)
    assert isinstance(e.value, ValueError)
    assert e.value.row == 2
    assert "unknown agree value 'perhaps'" in str(e.value)


def test_warnings_go_through_the_warnings_module():
    df = pd.DataFrame({"actor": ["Strict", "strict"], "stance": ["s", "s"], "agree": ["yes", "no"]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sg.from_pandas(df)
    assert any(issubclass(w.category, sg.StancegraphWarning) and "also written" in str(w.message)
               for w in caught)


def test_an_unwritable_path_is_an_oserror_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a directory should be")
    net = sg.read().network("conflict")
    with pytest.raises(OSError) as e:
        net.write(blocker / "c.graphml")
    assert isinstance(e.value, sg.OutputError)
    assert "blocker" in str(e.value)
    assert blocker.read_text() == "a file where a directory should be"


def test_help_says_what_read_takes():
    doc = sg.read.__doc__
    assert "columns" in doc and "InputError" in doc and "DNA database" in doc
    assert "rDNA" in sg.Dataset.network.__doc__


def test_dna_options_and_column_maps_are_checked():
    with pytest.raises(sg.UsageError):
        sg.read(dna={"no_such_option": "x"})
    with pytest.raises(sg.UsageError):
        sg.from_pandas(pd.DataFrame({"a": ["x"]}), columns={"nonsense": "a"})


def _fixture(script, tmp_path, name, *args):
    import pathlib
    import subprocess
    import sys
    root = pathlib.Path(__file__).resolve().parents[2]
    out = tmp_path / name
    subprocess.run([sys.executable, str(root / "tests" / script), "400", str(out), "5", *args],
                   check=True)
    return out


def test_event_data_is_read_as_downloaded(tmp_path):
    raw = _fixture("gdelt_fixture.py", tmp_path, "20250201.export.CSV")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = sg.read(raw, preset="gdelt")
    assert any("GDELT 2.0" in str(w.message) for w in caught)
    edges = ds.network("interaction").edges
    # pandas: the README's mapping on the raw rows.
    rows = pd.read_csv(raw, sep="\t", header=None, dtype=str, keep_default_na=False, quoting=3)
    rows = pd.DataFrame({
        "actor": rows[6].where(rows[6] != "", rows[5]),
        "target": rows[16].where(rows[16] != "", rows[15]),
        "relation": rows[29].map({"1": "agree", "2": "agree", "3": "disagree", "4": "disagree"}),
    })
    rows = rows[(rows.actor != "") & (rows.target != "")]
    want = rows.groupby(["actor", "target", "relation"]).size()
    labels = dict(zip(ds.network("interaction").nodes["id"], ds.network("interaction").nodes["label"]))
    got = edges.assign(actor=edges["source"].map(labels), target=edges["target"].map(labels))
    got = got.groupby(["actor", "target", "relation"])["weight"].sum()
    assert len(want) > 20
    assert dict(want.astype(float)) == dict(got)
    assert "GoldsteinScale" in ds.statements.columns


def test_acled_polarity_maps_types_and_goes_with_acled(tmp_path):
    raw = _fixture("acled_fixture.py", tmp_path, "acled.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = sg.read(raw, preset="acled").network("interaction").edges
        mapped = sg.read(raw, preset="acled",
                         acled_polarity={"Battles": "agree"}).network("interaction").edges
    assert (plain["relation"] == "agree").sum() < (mapped["relation"] == "agree").sum()
    with pytest.raises(sg.UsageError):
        sg.read(raw, acled_polarity={"Battles": "agree"})
    with pytest.raises(sg.UsageError):
        sg.read(raw, preset="phoenix")
    with pytest.raises(sg.UsageError):
        sg.read(raw, preset="acled", acled_polarity={"Battles": "maybe"})
    with pytest.raises(sg.UsageError, match="delimiter does not go with it"):
        sg.read(raw, preset="acled", delimiter=";")
