"""stancegraph: coded political statements into actor-relationship networks.

The Rust library compiled into a Python extension: read statements from a
file or a pandas DataFrame, build DNA's networks, get pandas tables and
NetworkX graphs, write any format Gephi, NetworkX, igraph or Graphviz open.

    >>> import stancegraph as sg
    >>> ds = sg.read()                       # the seed dataset
    >>> net = ds.network("congruence", normalize="average")
    >>> net.edges.head()                     # a pandas DataFrame
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Union

from . import _stancegraph
from ._errors import (
    FileNotFound,
    InputError,
    OutputError,
    StancegraphError,
    StancegraphWarning,
    UsageError,
)

__all__ = [
    "Dataset",
    "Network",
    "read",
    "from_pandas",
    "from_arrow",
    "StancegraphError",
    "InputError",
    "UsageError",
    "OutputError",
    "StancegraphWarning",
]

PathLike = Union[str, "os.PathLike[str]"]


def read(
    path: Optional[PathLike] = None,
    *,
    columns: Optional[Mapping[str, str]] = None,
    delimiter: Optional[str] = None,
    sheet: Optional[str] = None,
    dna: Optional[Mapping[str, str]] = None,
    preset: Optional[str] = None,
    acled_polarity: Optional[Mapping[str, str]] = None,
) -> "Dataset":
    """Reads statements as ``stancegraph export INPUT`` does.

    ``path`` is a dataset directory, a statements CSV or TSV, a JSON
    dataset, a DNA database (``.dna``), a workbook (``.xlsx``, ``.ods``,
    ...); ``None`` is the seed dataset. The keywords are the command line's
    input options: ``columns`` maps the contract's columns to your headers
    (``{"actor": "Speaker", "stance": "Claim", "agree": "Position"}``),
    ``delimiter``, ``sheet``, and for DNA databases ``dna`` with
    ``statement_type``, ``actor``, ``stance``, ``agree`` and ``target``
    (DNA's variables; ``target`` names whom statements address).
    ``preset`` reads an event dataset's file as downloaded: ``"gdelt"``
    (a GDELT events export, 2.0 or 1.0, ``.CSV`` or ``.zip``) or
    ``"acled"`` (an ACLED CSV export); with ``"acled"``,
    ``acled_polarity`` maps event types or sub-event types to ``"agree"``
    or ``"disagree"`` over the default (``Agreement`` agree, every other
    type disagree), as ``--acled-polarity`` does.

    Raises :class:`InputError` (a ``ValueError``) with every problem, the
    first one's ``path`` and ``line`` (or ``row``); a missing file is a
    ``FileNotFoundError``. Warnings go through :mod:`warnings`.
    """
    path = None if path is None else os.fspath(path)
    return Dataset(_stancegraph.read(path, columns=dict(columns) if columns else None,
                                     delimiter=delimiter, sheet=sheet,
                                     dna=dict(dna) if dna else None, preset=preset,
                                     acled_polarity=dict(acled_polarity)
                                     if acled_polarity else None))


def from_arrow(table: Any, *, columns: Optional[Mapping[str, str]] = None,
               name: str = "<table>") -> "Dataset":
    """Reads statements from an Arrow table (anything with
    ``__arrow_c_stream__``: a pyarrow Table, a Polars DataFrame), through
    Arrow's C data interface: no text in between. Columns are matched by
    name as a CSV header is; ``columns`` maps them as in :func:`read`."""
    return Dataset(_stancegraph.from_arrow(table, name=name,
                                           columns=dict(columns) if columns else None))


def from_pandas(df: Any, *, columns: Optional[Mapping[str, str]] = None,
                name: str = "<DataFrame>") -> "Dataset":
    """Reads statements from a pandas DataFrame (through Arrow: no text in
    between). Columns are matched by name as a CSV header is; ``columns``
    maps them (``{"actor": "Speaker", "agree": "Position"}``). Rows are
    numbered from 1 in messages."""
    import pyarrow as pa

    table = pa.Table.from_pandas(df, preserve_index=False)
    return from_arrow(table, columns=columns, name=name)


class Dataset:
    """Statements, loaded and checked: what :func:`read` gives."""

    def __init__(self, inner: "_stancegraph.Dataset") -> None:
        self._inner = inner

    @property
    def name(self) -> str:
        """The file it was read from, or ``<DataFrame>``."""
        return self._inner.name

    def __len__(self) -> int:
        return len(self._inner)

    def __repr__(self) -> str:
        return repr(self._inner)

    @property
    def statements(self):
        """The event list as a pandas DataFrame: one row per statement, every
        resolved field (``stancegraph export -f statements``)."""
        return self._inner.statements_table().to_pandas()

    def network(
        self,
        network: str = "full",
        *,
        normalize: str = "none",
        qualifier: str = "separate",
        duplicates: str = "include",
        level: Optional[str] = None,
        start: Optional[str] = None,
        end: Optional[str] = None,
        isolates: bool = False,
    ) -> "Network":
        """Builds a network, as ``stancegraph export --network NETWORK``.

        ``network``: ``full``, ``affiliation`` (rDNA's ``twomode``),
        ``congruence``, ``conflict``, ``subtract``, ``cooccurrence`` (rDNA's
        ``onemode`` with ``qualifierAggregation``), ``interaction`` (actor to
        target, directed). ``normalize`` (rDNA's ``normalization``),
        ``qualifier`` (two-mode ``qualifierAggregation``; also interaction),
        ``duplicates``, ``level`` (``country`` or an attribute), ``start`` and
        ``end`` (rDNA's ``start.date``, ``stop.date``) take the command
        line's values."""
        return Network(self._inner.network(network, normalize=normalize, qualifier=qualifier,
                                           duplicates=duplicates, level=level, start=start,
                                           end=end, isolates=isolates))

    def polarization(self, *, clusters: int = 2, normalize_scores: bool = False,
                     algorithm: Optional[str] = None, objective: str = "dna",
                     seed: int = 1) -> dict:
        """DNA's polarization score (rDNA ``dna_polarization``), as
        ``stancegraph polarization --json`` prints it."""
        import json

        return json.loads(self._inner.polarization_json(
            clusters=clusters, normalize_scores=normalize_scores, algorithm=algorithm,
            objective=objective, seed=seed))

    def backbone(self) -> dict:
        """DNA's backbone (rDNA ``dna_backbone``, nested), as
        ``stancegraph backbone --json`` prints it."""
        import json

        return json.loads(self._inner.backbone_json())


_EXTENSIONS = {
    ".dot": "dot", ".gv": "dot", ".graphml": "graphml", ".gexf": "gexf", ".json": "json",
    ".html": "html", ".net": "pajek", ".gml": "gml", ".cyjs": "cytoscape", ".dl": "dl",
}


class Network:
    """A network: nodes and edges with every attribute."""

    def __init__(self, inner: "_stancegraph.Network") -> None:
        self._inner = inner

    @property
    def name(self) -> str:
        """``full``, ``congruence``, ..."""
        return self._inner.name

    @property
    def directed(self) -> bool:
        """Whether edges have a direction (two-mode networks)."""
        return self._inner.directed

    def __repr__(self) -> str:
        return repr(self._inner)

    @property
    def node_count(self) -> int:
        """How many nodes."""
        return self._inner.node_count

    @property
    def edge_count(self) -> int:
        """How many edges."""
        return self._inner.edge_count

    @property
    def nodes(self):
        """The nodes as a pandas DataFrame: ``id``, ``label``, then every
        attribute, typed."""
        return self._inner.nodes_table().to_pandas()

    @property
    def edges(self):
        """The edges as a pandas DataFrame: ``source``, ``target``,
        ``weight``, then every attribute, typed."""
        return self._inner.edges_table().to_pandas()

    def to_networkx(self):
        """The network as a NetworkX graph: ``Graph`` for one-mode networks,
        ``DiGraph`` for two-mode ones, ``MultiDiGraph`` when two edges join
        the same nodes (an actor who agrees and disagrees with a stance);
        every node and edge attribute, blanks left out."""
        import math

        import networkx as nx

        nodes = self._inner.nodes_table().to_pylist()
        edges = self._inner.edges_table().to_pylist()
        pairs = [(e["source"], e["target"]) for e in edges]
        if self.directed:
            graph = nx.MultiDiGraph() if len(set(pairs)) < len(pairs) else nx.DiGraph()
        else:
            graph = nx.Graph()

        def clean(row):
            return {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in row.items()
                    if v is not None and not (isinstance(v, float) and math.isnan(v))}

        for n in nodes:
            attrs = clean(n)
            graph.add_node(attrs.pop("id"), **attrs)
        for i, e in enumerate(edges):
            attrs = clean(e)
            s, t = attrs.pop("source"), attrs.pop("target")
            if graph.is_multigraph():
                graph.add_edge(s, t, key=f"e{i}", **attrs)
            else:
                graph.add_edge(s, t, **attrs)
        return graph

    def quotes(self, a: str, b: str):
        """The statements behind the edge between nodes ``a`` and ``b`` (ids):
        an actor's on a stance, an actor's addressed to another (``b`` its
        target, in the interaction and full networks), or for one-mode ties
        both actors' on the stances they share; a pandas DataFrame."""
        st = self._inner.statements_table().to_pandas()
        if self.directed:
            # Ids are unique across actors and stances: b is one or the other.
            behind = st["stance"] == b
            if "target" in st.columns:
                behind |= st["target"] == b
            return st[(st["actor"] == a) & behind].reset_index(drop=True)
        mine, theirs = st[st["actor"] == a], st[st["actor"] == b]
        shared = set(mine["stance"]) & set(theirs["stance"])
        both = st[st["actor"].isin([a, b]) & st["stance"].isin(shared)]
        return both.reset_index(drop=True)

    def coalitions(self, *, network: str = "congruence", resolution: float = 1.0,
                   seed: int = 1) -> "Network":
        """The network with each actor's discourse coalition (Leiden) in the
        ``coalition`` node attribute, as ``--coalitions``."""
        return Network(self._inner.with_coalitions(network=network, resolution=resolution,
                                                   seed=seed))

    def write(self, path: PathLike, format: Optional[str] = None) -> list:
        """Writes the network to ``path`` atomically, in ``format`` or the one
        its extension says (``.graphml``, ``.gexf``, ``.dot``, ``.json``,
        ``.gml``, ``.net``, ``.dl``, ``.cyjs``, ``.html``). ``format="csv"``
        writes Gephi's two tables beside ``path`` (``<stem>.nodes.csv``,
        ``<stem>.edges.csv``). Returns the paths written."""
        path = os.fspath(path)
        stem, ext = os.path.splitext(path)
        if format is None:
            format = _EXTENSIONS.get(ext.lower())
            if format is None:
                raise UsageError(f"cannot tell the format of {path}: name it with format=")
        folder = os.path.dirname(path) or "."
        base = os.path.basename(stem)
        written = self._inner.write_dir(format, folder, base)
        if format not in ("csv", "parquet") and written and os.fspath(written[0]) != path:
            os.replace(written[0], path)
            return [path]
        return [os.fspath(p) for p in written]

    def to_bytes(self, format: str) -> bytes:
        """One format's file as bytes."""
        return bytes(self._inner.format_bytes(format))

    def _repr_html_(self) -> str:
        """The HTML view, inline in Jupyter (an iframe: the page runs its
        own script)."""
        import html

        page = self.to_bytes("html").decode("utf-8")
        return ('<iframe style="width:100%;height:600px;border:0" '
                f'srcdoc="{html.escape(page, quote=True)}"></iframe>')
