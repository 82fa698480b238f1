#!/usr/bin/env python3
"""How the HTML view holds up at 2,000 nodes and 20,000 edges, in Chromium.

    python3 bench/html_view.py [--rows 40000] [--out bench/HTML.md]

Generates a statements table (bench/generate.py; 40k rows give about 4,000
actors), exports its congruence network with -f html (the page keeps the
20,000 strongest ties), opens the page from disk in headless Chromium through
tests/browser/view.mjs (needs `npm ci` in tests/browser and Debian's
chromium), and measures: the time from navigation to the first drawing of
the network, and the time each redraw takes while zooming with the wheel
(20 steps). Writes the figures, with the machine and the date, to
bench/HTML.md. Numbers from a shared machine: repeat before you trust one.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "stancegraph")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=40_000)
    p.add_argument("--out", default=os.path.join(ROOT, "bench", "HTML.md"))
    a = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "stancegraph"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory(prefix="stancegraph-html-") as work:
        data = os.path.join(work, "s.csv")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(a.rows), data], check=True)
        out = os.path.join(work, "o")
        start = time.perf_counter()
        subprocess.run([BIN, "export", data, "--network", "congruence", "-f", "html", "-o", out, "-q"], check=True)
        export_s = time.perf_counter() - start
        page = os.path.join(out, "congruence.html")
        size = os.path.getsize(page)
        runs = []
        for _ in range(3):
            r = subprocess.run(["node", os.path.join(ROOT, "tests", "browser", "view.mjs"), page, "--zooms", "20"],
                               capture_output=True, text=True, check=True)
            runs.append(json.loads(r.stdout))
    first = statistics.median(r["firstDrawMs"] for r in runs)
    draws = [ms for r in runs for ms in r["drawMs"]]
    drawn = runs[0]["initial"]
    errors = sum(len(r["errors"]) for r in runs)
    lines = [
        "# The HTML view at scale",
        "",
        f"Measured {datetime.date.today().isoformat()} by `python3 bench/html_view.py`, in headless Chromium "
        f"({subprocess.run(['chromium', '--version'], capture_output=True, text=True).stdout.strip()}), "
        f"on {os.cpu_count()} cores.",
        "",
        f"- Input: {a.rows:,} generated statements; the congruence network, of which the page keeps the "
        f"{drawn['edges']:,} strongest ties between {drawn['nodes']:,} actors.",
        f"- Export with `-f html` (spring layout in Rust): {export_s:.1f} s; page: {size / 1e6:.1f} MB.",
        f"- First drawing of the network after navigation (median of 3 loads): {first:.0f} ms.",
        f"- Redraw while zooming ({len(draws)} redraws): median {statistics.median(draws):.1f} ms, "
        f"slowest {max(draws):.1f} ms.",
        f"- Console errors: {errors}.",
        "",
    ]
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
