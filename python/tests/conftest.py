"""Shared fixtures: the command-line binary the Python results are compared
with, and a scratch directory."""

import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli():
    """The `stancegraph` binary: STANCEGRAPH_BIN, else the workspace's
    debug or release build, else on PATH."""
    candidates = [os.environ.get("STANCEGRAPH_BIN"),
                  ROOT / "target" / "debug" / "stancegraph",
                  ROOT / "target" / "release" / "stancegraph",
                  shutil.which("stancegraph")]
    for c in candidates:
        if c and pathlib.Path(c).exists():
            return str(c)
    if os.environ.get("STANCEGRAPH_CONFORMANCE") == "1":
        pytest.fail("no stancegraph binary: build it with cargo build")
    pytest.skip("no stancegraph binary: build it with cargo build")


def run(cli, *args, cwd=None):
    """Runs the command line; its exit code, standard output and error."""
    out = subprocess.run([cli, *map(str, args)], capture_output=True, cwd=cwd)
    return out.returncode, out.stdout.decode("utf-8"), out.stderr.decode("utf-8")
