#!/usr/bin/env python3
"""The benchmark: stancegraph against the floor and against NetworkX.

    python3 bench/run.py [--sizes 10000,20000,100000,200000,1000000] [--out bench/RESULTS.md]

For each size it generates a statements table (bench/generate.py), then times,
each in a fresh process, with its peak memory (ru_maxrss) and output bytes:

- stancegraph export with all formats, with each format alone, and with
  --network congruence (CSV);
- the floor for each of those jobs: one parse of the input with the csv crate
  plus writing the same number of bytes (examples/floor.rs);
- NetworkX doing the same job (bench/nx_job.py) at the sizes where it finishes
  in reasonable time (export up to 200k statements, congruence up to 20k).

It writes the table, with the machine and the date, to bench/RESULTS.md.
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
BIN = os.path.join(ROOT, "target", "release", "stancegraph")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "floor")
FORMATS = ["dot", "graphml", "csv", "gexf", "json"]
NX_EXPORT_MAX = 200_000
NX_CONGRUENCE_MAX = 20_000
# Actor pairs that share a stance grow faster than the statements: at 200k
# statements the congruence network has millions of ties (over a gigabyte of
# CSV); at 1M it would be tens of millions, more than a benchmark of a few
# minutes should write. Congruence is timed up to this size.
CONGRUENCE_MAX = 200_000


def run(cmd):
    """Runs a command; returns (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_maxrss / 1024


def size_of(path):
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))


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
    nx = subprocess.run([sys.executable, "-c", "import networkx; print(networkx.__version__)"],
                        capture_output=True, text=True).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"{rustc}; Python {platform.python_version()}, NetworkX {nx}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="10000,20000,100000,200000,1000000")
    p.add_argument("--out", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    a = p.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "stancegraph",
                    "--example", "floor"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="stancegraph-bench-")
    rows = []
    try:
        for n in sizes:
            data = os.path.join(work, f"s{n}.csv")
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n), data],
                           check=True)
            jobs = [("all formats", ["-f", "all"], "export")]
            jobs += [(f, ["-f", f], "export") for f in FORMATS]
            if n <= CONGRUENCE_MAX:
                jobs += [("congruence (csv)", ["--network", "congruence", "-f", "csv"], "congruence")]
            for name, args, nx_job in jobs:
                out = os.path.join(work, "out")
                shutil.rmtree(out, ignore_errors=True)
                secs, rss = run([BIN, "export", data, "-o", out, "-q"] + args)
                nbytes = size_of(out)
                floor, _ = run([FLOOR, data, str(nbytes), os.path.join(work, "floor.bin")])
                nx = None
                limit = NX_EXPORT_MAX if nx_job == "export" else NX_CONGRUENCE_MAX
                if name in ("all formats", "congruence (csv)") and n <= limit:
                    nx_out = os.path.join(work, "nx")
                    shutil.rmtree(nx_out, ignore_errors=True)
                    nx = run([sys.executable, os.path.join(ROOT, "bench", "nx_job.py"), nx_job, data, nx_out])
                rows.append((n, name, secs, rss, nbytes, floor, nx))
                nx_text = f"  networkx {nx[0]:7.2f} s  x{nx[0] / secs:6.1f}" if nx else ""
                print(f"{n:>9} {name:<17} {secs:7.2f} s {rss:7.0f} MiB {nbytes / 1e6:8.1f} MB "
                      f"floor {floor:6.2f} s x{secs / floor:5.1f}{nx_text}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_report(a.out, sizes, rows)


def write_report(path, sizes, rows):
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today().isoformat()} by `python3 bench/run.py`, on: {machine()}.",
        "",
        "Each job runs in a fresh process. *Floor*: one parse of the same input with the csv crate",
        "plus writing the same number of bytes (`examples/floor.rs`). *NetworkX*: the same job in",
        "NetworkX (`bench/nx_job.py`), run up to 200k statements for exports and 20k for the",
        "congruence projection. Congruence is timed up to 200k statements: its ties grow faster",
        "than the statements (millions at 200k), and at 1M its output would be tens of gigabytes.",
        "Ratios matter; seconds vary with the machine's load.",
        "",
        "| statements | job | stancegraph | peak RSS | output | floor | × floor | NetworkX | NetworkX RSS | speed-up |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, name, secs, rss, nbytes, floor, nx in rows:
        nx_cols = (f"{nx[0]:.2f} s | {nx[1]:.0f} MiB | {nx[0] / secs:.0f}×" if nx else "— | — | —")
        lines.append(f"| {n:,} | {name} | {secs:.2f} s | {rss:.0f} MiB | {nbytes / 1e6:.1f} MB | "
                     f"{floor:.2f} s | {secs / floor:.1f} | {nx_cols} |")
    lines += ["", "## Targets", ""]

    def find(n, name):
        return next((r for r in rows if r[0] == n and r[1] == name), None)

    def verdict(ok):
        return "met" if ok else "**not met**"

    top = max(sizes)
    r = find(top, "all formats")
    if r:
        ratio = r[2] / r[5]
        lines.append(f"- All formats at {top:,} statements within 3× the floor: {ratio:.2f}× — {verdict(ratio <= 3)}.")
        lines.append(f"- Peak RSS at {top:,} statements under 800 MiB: {r[3]:.0f} MiB — {verdict(r[3] < 800)}.")
    for n, name, what in [(200_000, "all formats", "the export"), (20_000, "congruence (csv)", "the congruence projection")]:
        r = find(n, name)
        if r and r[6]:
            speed = r[6][0] / r[2]
            lines.append(f"- At least 50× faster than NetworkX on {what} at {n:,} statements: "
                         f"{speed:.0f}× — {verdict(speed >= 50)}.")
    lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
