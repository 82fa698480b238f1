"""Type stubs of the extension module (the Rust library). Use the
``stancegraph`` package's classes, which wrap these."""

from os import PathLike
from typing import Any, Literal, Mapping, Optional, Union

import pyarrow

class Dataset:
    @property
    def name(self) -> str: ...
    def __len__(self) -> int: ...
    def statements_table(self) -> pyarrow.Table: ...
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
    ) -> Network: ...
    def polarization_json(
        self,
        *,
        clusters: int = 2,
        normalize_scores: bool = False,
        algorithm: Optional[str] = None,
        objective: str = "dna",
        seed: int = 1,
    ) -> str: ...
    def backbone_json(self) -> str: ...

class Network:
    @property
    def name(self) -> str: ...
    @property
    def directed(self) -> bool: ...
    @property
    def node_count(self) -> int: ...
    @property
    def edge_count(self) -> int: ...
    def nodes_table(self) -> pyarrow.Table: ...
    def edges_table(self) -> pyarrow.Table: ...
    def statements_table(self) -> pyarrow.Table: ...
    def format_bytes(self, format: str) -> bytes: ...
    def write_dir(self, format: str, dir: Union[str, PathLike[str]], name: Optional[str]) -> list[str]: ...
    def with_coalitions(self, *, network: str = "congruence", resolution: float = 1.0, seed: int = 1) -> Network: ...

def read(
    path: Optional[Union[str, PathLike[str]]] = None,
    *,
    columns: Optional[Mapping[str, str]] = None,
    delimiter: Optional[str] = None,
    sheet: Optional[str] = None,
    dna: Optional[Mapping[str, str]] = None,
    preset: Optional[Literal["gdelt", "acled"]] = None,
    acled_polarity: Optional[Mapping[str, str]] = None,
) -> Dataset: ...
def from_arrow(table: Any, *, name: str = "<DataFrame>", columns: Optional[Mapping[str, str]] = None) -> Dataset: ...
