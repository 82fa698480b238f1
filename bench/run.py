#!/usr/bin/env python3
"""The benchmark: stancegraph against the floor and against its peers.

    python3 bench/run.py [--sizes 20000,200000,1000000] [--out bench/RESULTS.md]

Corpora (bench/generate.py): the skewed shape at each size (a few very active
actors, a few contested stances); `distinct`, as many statements as the
largest size (1M: over 100k actors and 10k stances) with long quotes, so
almost every statement makes its own edge; `few`, three times as many by
three actors (a million each); `zipf`, as many as the largest size over as
many actors and stances as `distinct`, the stances Zipf-distributed, with
short quotes and accented names (and a fifth of it for its congruence
network and the peers); `many`, the few shape's rows repeated to 18.5 times
the largest size (18.5M statements, 1.35 GB), for memory at scale; and
`dna`, the largest skewed table as a DNA database (examples/dna_bench.rs);
and `gdelt`, a day of GDELT (150k events in the GDELT 2.0 export's layout,
tests/gdelt_fixture.py) read with `--preset gdelt` (`--only gdelt` runs
these rows alone and prints them).

Each job runs in a fresh process, timed with its peak memory (ru_maxrss) and
output bytes:

- stancegraph export with all formats, and GraphML alone, on every corpus;
  each format alone on the largest skewed table; congruence (CSV) up to
  200k statements; the four one-mode networks at the largest size, written
  as Pajek to a pipe (their output runs to gigabytes);
- the floor for each job: one parse of the input with the csv crate (for the
  DNA database, one SQLite scan of the same rows) plus writing as many bytes
  (examples/floor.rs, examples/dna_bench.rs);
- the peers doing the same GraphML job from the same CSV (read, build the
  full network, write GraphML): igraph's C writer and rustworkx's Rust writer
  (bench/peer_job.py), with the bytes they write and whether their file is
  valid GraphML (xmllint against the schema, on the smallest table);
- NetworkX doing the export (up to 200k statements) and the congruence
  projection (up to 20k) as before (bench/nx_job.py).

It writes the tables, with the machine and the date, to bench/RESULTS.md.
Quote ratios, not seconds: the machines are shared and noisy.
"""

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, "target", "release")
BIN = os.path.join(RELEASE, "stancegraph")
FLOOR = os.path.join(RELEASE, "examples", "floor")
DNA_BENCH = os.path.join(RELEASE, "examples", "dna_bench")
FORMATS = ["dot", "graphml", "csv", "gexf", "json", "statements", "html", "pajek", "gml",
           "cytoscape"]
ONE_MODE = ["congruence", "conflict", "subtract", "cooccurrence"]
# The "many" corpus (the few shape's rows repeated): 18.5 statements for
# each of the largest size's, the 18.5M at the default sizes.
MANY_PER_STATEMENT = 18.5
NX_EXPORT_MAX = 200_000
NX_CONGRUENCE_MAX = 20_000
CONGRUENCE_CSV_MAX = 200_000
PEERS = ["igraph", "rustworkx"]
SCHEMAS = os.environ.get("STANCEGRAPH_SCHEMAS", os.path.join(ROOT, "..", "shared", "schemas"))


def run(cmd, stdout_bytes=False):
    """Runs a command; returns (seconds, peak RSS in MiB, bytes on stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE if stdout_bytes else subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    counted = 0
    if stdout_bytes:
        while chunk := proc.stdout.read(1 << 20):
            counted += len(chunk)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_maxrss / 1024, counted


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))


def version(module):
    return subprocess.run([sys.executable, "-c", f"import {module}; print({module}.__version__)"],
                          capture_output=True, text=True).stdout.strip() or "absent"


def machine():
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"{rustc}; Python {platform.python_version()}, NetworkX {version('networkx')}, "
            f"igraph {version('igraph')}, rustworkx {version('rustworkx')}")


def valid_graphml(path):
    """Whether xmllint finds the file valid against the GraphML schema; the
    first complaint otherwise."""
    xsd = os.path.join(SCHEMAS, "graphml", "graphml.xsd")
    if not shutil.which("xmllint") or not os.path.exists(xsd):
        return "not checked (no xmllint or schemas)"
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(SCHEMAS, "catalog.xml"))
    p = subprocess.run(["xmllint", "--nonet", "--noout", "--stream", "--schema", xsd, path],
                       capture_output=True, text=True, env=env)
    if p.returncode == 0:
        return "valid"
    first = next((l for l in p.stderr.splitlines() if "error" in l.lower()), p.stderr.strip())
    return "invalid: " + first.split(":", 3)[-1].strip()[:160]


class Bench:
    def __init__(self, work):
        self.work = work
        self.rows = []        # (corpus, n, job, secs, rss, bytes, floor)
        self.peers = []       # (corpus, n, tool, secs, rss, bytes)
        self.nx = []          # (corpus, n, job, secs, rss, nx_secs, nx_rss)
        self.validity = {}    # tool -> verdict

    def export(self, corpus, n, data, name, args, floor_of=None):
        out = os.path.join(self.work, "out")
        shutil.rmtree(out, ignore_errors=True)
        secs, rss, _ = run([BIN, "export", data, "-o", out, "-q"] + args)
        nbytes = size_of(out)
        if nbytes > 1e9:
            # Room on the disk for the floor's copy.
            shutil.rmtree(out, ignore_errors=True)
        floor = self.floor(floor_of or data, nbytes)
        self.rows.append((corpus, n, name, secs, rss, nbytes, floor))
        print(f"{corpus:>9} {n:>9} {name:<22} {secs:7.2f} s {rss:7.0f} MiB {nbytes / 1e6:9.1f} MB "
              f"floor {floor:6.2f} s x{secs / floor:5.1f}", flush=True)
        return secs, rss, out

    def load(self, corpus, n, data, args=()):
        """Loading alone (`check`), against the bare parse of the same file."""
        secs, rss, _ = run([BIN, "check", data] + list(args))
        floor = self.floor(data, 0)
        self.rows.append((corpus, n, "load (check)", secs, rss, 0, floor))
        print(f"{corpus:>9} {n:>9} {'load (check)':<22} {secs:7.2f} s {rss:7.0f} MiB "
              f"floor {floor:6.2f} s x{secs / floor:5.1f}", flush=True)

    def one_mode(self, corpus, n, data, network):
        secs, rss, nbytes = run([BIN, "export", data, "--network", network, "-f", "pajek",
                                 "-o", "-", "-q"], stdout_bytes=True)
        floor = self.floor(data, nbytes)
        self.rows.append((corpus, n, f"{network} (pajek, piped)", secs, rss, nbytes, floor))
        print(f"{corpus:>9} {n:>9} {network:<22} {secs:7.2f} s {rss:7.0f} MiB "
              f"{nbytes / 1e6:9.1f} MB floor {floor:6.2f} s x{secs / floor:5.1f}", flush=True)

    def floor(self, data, nbytes):
        target = os.path.join(self.work, "floor.bin")
        if data.endswith(".dna"):
            secs = run([DNA_BENCH, "floor", data, str(nbytes), target])[0]
        else:
            secs = run([FLOOR, data, str(nbytes), target])[0]
        os.remove(target)
        return secs

    def peer(self, corpus, n, data, tool, check=False):
        out = os.path.join(self.work, f"{tool}.graphml")
        secs, rss, _ = run([sys.executable, os.path.join(ROOT, "bench", "peer_job.py"), tool, data, out])
        self.peers.append((corpus, n, tool, secs, rss, size_of(out)))
        print(f"{corpus:>9} {n:>9} {tool + ' graphml':<22} {secs:7.2f} s {rss:7.0f} MiB "
              f"{size_of(out) / 1e6:9.1f} MB", flush=True)
        if check:
            self.validity[tool] = valid_graphml(out)
        os.remove(out)

    def networkx(self, corpus, n, data, job, ours):
        out = os.path.join(self.work, "nx")
        shutil.rmtree(out, ignore_errors=True)
        secs, rss, _ = run([sys.executable, os.path.join(ROOT, "bench", "nx_job.py"), job, data, out])
        self.nx.append((corpus, n, job, ours[0], ours[1], secs, rss))
        print(f"{corpus:>9} {n:>9} networkx {job:<13} {secs:7.2f} s {rss:7.0f} MiB  x{secs / ours[0]:.1f}",
              flush=True)


# A GDELT day: about 150k events (the GDELT 2.0 events export's layout).
GDELT_DAY = 150_000


def gdelt_day(b, work):
    """A day of GDELT read as downloaded (`--preset gdelt`): loading alone and
    the interaction network as GraphML, against the bare parse of the file
    (tab-separated, unquoted, as the preset reads it). The events come from
    tests/gdelt_fixture.py with 20k actors besides its eight, drawn
    Zipf-like; and the same events as a statements table (the preset's
    event list), loaded by the CSV reader, for comparison."""
    n = GDELT_DAY
    data = os.path.join(work, "20250201.export.CSV")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "gdelt_fixture.py"), str(n),
                    data, "3", "--actors", "20000"], check=True)
    preset = ["--preset", "gdelt"]
    b.load("gdelt", n, data, preset)
    b.export("gdelt", n, data, "interaction (graphml)",
             preset + ["--network", "interaction", "-f", "graphml"])
    events = os.path.join(work, "gdelt-events")
    run([BIN, "export", data, "-o", events, "-q", "-f", "statements"] + preset)
    table = os.path.join(events, "full.statements.csv")
    b.load("gdelt as a table", n, table)
    os.remove(data)
    shutil.rmtree(events, ignore_errors=True)


def generate(work, n, shape):
    data = os.path.join(work, f"{shape}{n}.csv")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n), data,
                    "--shape", shape], check=True)
    return data


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="20000,200000,1000000")
    p.add_argument("--out", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    p.add_argument("--only", choices=["gdelt"],
                   help="run only these rows and print them (RESULTS.md is left as it is)")
    a = p.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    top = max(sizes)

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "stancegraph",
                    "--example", "floor", "--example", "dna_bench"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="stancegraph-bench-")
    b = Bench(work)
    if a.only == "gdelt":
        try:
            gdelt_day(b, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        for n in sizes:
            data = generate(work, n, "skewed")
            ours = b.export("skewed", n, data, "all formats", ["-f", "all"])
            if n <= NX_EXPORT_MAX:
                b.networkx("skewed", n, data, "export", ours)
            graphml = b.export("skewed", n, data, "graphml", ["-f", "graphml"])
            if n == min(sizes):
                b.validity["stancegraph"] = valid_graphml(os.path.join(graphml[2], "full.graphml"))
            if n == min(sizes) or n == top:
                for tool in PEERS:
                    b.peer("skewed", n, data, tool, check=n == min(sizes))
            if n <= CONGRUENCE_CSV_MAX:
                cong = b.export("skewed", n, data, "congruence (csv)", ["--network", "congruence", "-f", "csv"])
                if n <= NX_CONGRUENCE_MAX:
                    b.networkx("skewed", n, data, "congruence", cong)
            if n == top:
                b.load("skewed", n, data)
                for f in FORMATS:
                    if f != "graphml":
                        b.export("skewed", n, data, f, ["-f", f])
                for network in ONE_MODE:
                    b.one_mode("skewed", n, data, network)
                dna = os.path.join(work, f"skewed{n}.dna")
                subprocess.run([DNA_BENCH, "make", data, dna], check=True, capture_output=True)
                b.export("dna", n, dna, "all formats", ["-f", "all"])
                b.export("dna", n, dna, "graphml", ["-f", "graphml"])
                os.remove(dna)
            os.remove(data)
        for shape, n in [("distinct", top), ("few", 3 * top), ("zipf", top)]:
            data = generate(work, n, shape)
            b.load(shape, n, data)
            b.export(shape, n, data, "all formats", ["-f", "all"])
            b.export(shape, n, data, "graphml", ["-f", "graphml"])
            if shape == "zipf":
                b.export(shape, n, data, "html", ["-f", "html"])
            for tool in PEERS:
                b.peer(shape, n, data, tool)
            if shape == "few":
                many = int(MANY_PER_STATEMENT * top)
                big = os.path.join(work, f"many{many}.csv")
                subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"),
                                str(many), big, "--repeat", data], check=True)
                os.remove(data)
                data = big
                b.load("many", many, data)
                b.export("many", many, data, "all formats", ["-f", "all"])
            os.remove(data)
        # The zipf shape at a fifth: its congruence network (tens of millions
        # of ties) as CSV, and GraphML against the peers.
        n = max(top // 5, min(sizes))
        data = generate(work, n, "zipf")
        b.export("zipf", n, data, "congruence (csv)", ["--network", "congruence", "-f", "csv"])
        b.export("zipf", n, data, "graphml", ["-f", "graphml"])
        for tool in PEERS:
            b.peer("zipf", n, data, tool)
        os.remove(data)
        gdelt_day(b, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_report(a.out, top, b)


def write_report(path, top, b):
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today().isoformat()} by `python3 bench/run.py`, on: {machine()}.",
        "",
        "Each job runs in a fresh process. *Floor*: one parse of the same input with the csv crate",
        "(for the DNA database, one SQLite scan of the same rows) plus writing the same number of",
        "bytes (`examples/floor.rs`, `examples/dna_bench.rs`). Corpora: *skewed* (a few very",
        "active actors and contested stances), *distinct* (1M statements over 100k actors and 10k",
        "stances, each with a 200-character quote: almost every statement its own edge), *few*",
        "(3M statements by three actors, a million each), *zipf* (1M statements over 100k actors",
        "and 10k Zipf-distributed stances, short quotes, names with accents and punctuation),",
        "*many* (the few shape's rows repeated to 18.5M statements) and",
        "*dna* (the largest skewed table as a DNA database) and *gdelt* (a day of GDELT, 150k",
        "events in the GDELT 2.0 export's layout, read with `--preset gdelt`; *gdelt as a table*:",
        "the same events as a statements table). *All formats* is `-f all`: ten",
        "formats, thirteen files. *load (check)* is `stancegraph check`, loading alone, against",
        "the bare parse (no bytes written). The one-mode",
        "networks at the largest size are written as Pajek into a pipe. Ratios matter; seconds",
        "vary with the machine's load.",
        "",
        "## stancegraph and the floor",
        "",
        "| corpus | statements | job | time | peak RSS | output | floor | × floor |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for corpus, n, name, secs, rss, nbytes, floor in b.rows:
        lines.append(f"| {corpus} | {n:,} | {name} | {secs:.2f} s | {rss:.0f} MiB | "
                     f"{nbytes / 1e6:.1f} MB | {floor:.2f} s | {secs / floor:.1f} |")
    lines += [
        "",
        "## The fastest peers: the same GraphML job",
        "",
        "Read the CSV, build the full network, write GraphML (`bench/peer_job.py`: the same",
        "aggregation in Python for both, then each library's own writer). stancegraph's file",
        "carries more: node ids, kinds, countries, first and last dates and statement counts",
        "on nodes, and every edge attribute, all typed.",
        "",
        "| corpus | statements | stancegraph | igraph | × | rustworkx | × | bytes: ours / igraph / rustworkx |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    ours = {(c, n): (s, r, nb) for c, n, name, s, r, nb, _ in b.rows if name == "graphml"}
    peers = {(c, n, t): (s, r, nb) for c, n, t, s, r, nb in b.peers}
    for (corpus, n) in sorted({(c, n) for c, n, _, _, _, _ in b.peers}, key=lambda k: (k[0], k[1])):
        o = ours.get((corpus, n))
        if not o:
            continue
        cells = []
        sizes = [f"{o[2] / 1e6:.1f} MB"]
        for tool in PEERS:
            t = peers.get((corpus, n, tool))
            cells.append(f"{t[0]:.2f} s, {t[1]:.0f} MiB | {t[0] / o[0]:.1f}" if t else "— | —")
            sizes.append(f"{t[2] / 1e6:.1f} MB" if t else "—")
        lines.append(f"| {corpus} | {n:,} | {o[0]:.2f} s, {o[1]:.0f} MiB | {' | '.join(cells)} | "
                     f"{' / '.join(sizes)} |")
    lines += ["", "Valid GraphML (xmllint `--schema graphml.xsd`, on the smallest table):", ""]
    for tool, verdict in b.validity.items():
        lines.append(f"- {tool}: {verdict}")
    if b.nx:
        lines += [
            "",
            "## NetworkX",
            "",
            "The same jobs in NetworkX (`bench/nx_job.py`): the full network written as GraphML,",
            "GEXF, CSV and node-link JSON, against stancegraph's `-f all`; and the congruence",
            "projection as CSV.",
            "",
            "| statements | job | stancegraph | NetworkX | NetworkX RSS | speed-up |",
            "|---:|---|---:|---:|---:|---:|",
        ]
        for _, n, job, secs, _, nx_secs, nx_rss in b.nx:
            lines.append(f"| {n:,} | {job} | {secs:.2f} s | {nx_secs:.2f} s | {nx_rss:.0f} MiB | "
                         f"{nx_secs / secs:.0f}× |")
    lines += ["", "## Targets", "",
              "Where a target is missed, [PROFILE.md](PROFILE.md) says what the profiles show.", ""]

    def verdict(ok):
        return "met" if ok else "**not met**"

    # The targets of the speed issue: (corpus, job, × floor at most, MiB
    # under), at the largest size unless the job names its own.
    targets = [
        ("skewed", "all formats", 2, None), ("skewed", "graphml", 3, None),
        ("dna", "all formats", 3, 400), ("few", "all formats", 2, None),
        ("distinct", "all formats", None, 400), ("skewed", "congruence (pajek, piped)", 5, None),
        ("zipf", "all formats", 2, 400), ("zipf", "congruence (csv)", 3, None),
        # 18.5M statements from a table of about a gigabyte under 2 GB.
        ("many", "all formats", None, 1907),
    ]
    for corpus, job, times, mib in targets:
        for c, n, name, secs, rss, nbytes, floor in b.rows:
            if c != corpus or name != job or (n < top and job != "congruence (csv)"):
                continue
            if times:
                lines.append(f"- {corpus}, {n:,} statements, {job} within {times}× the floor: "
                             f"{secs / floor:.2f}× — {verdict(secs / floor <= times)}.")
            if mib:
                lines.append(f"- {corpus}, {n:,} statements, {job} under {mib} MiB: "
                             f"{rss:.0f} MiB — {verdict(rss < mib)}.")
    for c, n, name, secs, rss, nbytes, floor in b.rows:
        if name == "load (check)":
            lines.append(f"- {c}, {n:,} statements, loading within 2× the bare parse: "
                         f"{secs / floor:.2f}× — {verdict(secs / floor <= 2)}.")
    for corpus, n, name, secs, rss, nbytes, floor in b.rows:
        if name.endswith("(pajek, piped)"):
            lines.append(f"- {name.split()[0]} at {n:,} statements under 1 GiB: {rss:.0f} MiB "
                         f"({nbytes / 1e9:.2f} GB written) — {verdict(rss < 1024)}.")
    for (corpus, n) in sorted({(c, n) for c, n, _, _, _, _ in b.peers}):
        o = ours.get((corpus, n))
        for tool in PEERS:
            t = peers.get((corpus, n, tool))
            if o and t:
                # The zipf shape's target: five times as fast as each peer.
                need = 5 if corpus == "zipf" else 1
                lines.append(f"- {'At least 5× f' if need > 1 else 'F'}aster than {tool} on {corpus} "
                             f"at {n:,}: {t[0] / o[0]:.1f}× — {verdict(t[0] >= need * o[0])}.")
    lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
