"""A reference implementation of DNA 3.1's kernel-smoothed slices, written
from ../shared/dna-analysis.md section 1.3 for the tests, independent of
stancegraph: it reads a DNA database with sqlite3 and sums over statement
pairs one by one.

    python3 kernel_reference.py DB.dna NETWORK NORMALIZATION SIZE UNIT KERNEL INDENT

NETWORK: congruence, conflict, subtract or affiliation; NORMALIZATION:
none or average; UNIT: days, weeks, months or years; INDENT: 0 or 1. The
triangular kernel is 1 - |x| (stancegraph's; DNA 3.1 has |1 - x|). Prints
JSON: a list of slices, each with start, middle, stop and the nonzero cells
by label.
"""

import calendar
import datetime
import json
import math
import sys

import dna_rows


def statements(path):
    return [(r["day"], r["organization"], r["concept"], r["agree"]) for r in dna_rows.rows(path)]


def add(day, unit, n):
    if unit == "days":
        return day + datetime.timedelta(days=n)
    if unit == "weeks":
        return day + datetime.timedelta(days=7 * n)
    months = n * (12 if unit == "years" else 1)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def units_between(a, b, unit):
    """Whole units from a to b, truncated toward zero (Java's Period)."""
    days = (b - a).days
    if unit == "days":
        return days
    if unit == "weeks":
        return int(days / 7)
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if months > 0 and b.day < a.day:
        months -= 1
    elif months < 0 and b.day > a.day:
        months += 1
    return months if unit == "months" else int(months / 12)


def kernel(name, x):
    if name == "gaussian":
        return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    if abs(x) > 1:
        return 0.0
    return {"uniform": 0.5, "epanechnikov": 0.75 * (1 - x * x), "triangular": 1 - abs(x)}[name]


def main():
    path, network, normalization, size, unit, name, indent = sys.argv[1:8]
    rows = statements(path)
    w = int(size)
    w += w % 2
    h = w // 2
    b = min(r[0] for r in rows)
    e = max(r[0] for r in rows)
    gamma, last = (add(b, unit, h), add(e, unit, -h)) if indent == "1" else (b, e)
    out = []
    while gamma <= last:
        if name == "gaussian":
            start, stop = b, e
        else:
            start, stop = max(b, add(gamma, unit, -h)), min(e, add(gamma, unit, h))

        def weight(day):
            if name != "gaussian" and not (start <= day <= stop):
                return 0.0
            return kernel(name, 2 * units_between(day, gamma, unit) / w)

        cells = {}
        if network == "affiliation":
            for day, org, concept, agree in rows:
                key = f"{org}|{concept}"
                cells[key] = cells.get(key, 0.0) + (1 if agree else -1) * weight(day)
        else:
            f = {
                "congruence": lambda same: 1.0 if same else 0.0,
                "conflict": lambda same: 0.0 if same else 1.0,
                "subtract": lambda same: 1.0 if same else -1.0,
            }[network]
            actors = sorted({r[1] for r in rows})
            for a in actors:
                for a2 in actors:
                    y = 0.0
                    for s in rows:
                        for s2 in rows:
                            if s[1] == a and s2[1] == a2 and s[2] == s2[2]:
                                y += f(s[3] == s2[3]) * math.sqrt(weight(s[0]) * weight(s2[0]))
                    if normalization == "average":
                        # Σ over (concept, polarity) of 2 / (|X_a| + |X_a2|), all
                        # statements of those cells, in the window or not.
                        def count(who, concept, k):
                            return sum(1 for r in rows if r[1] == who and r[2] == concept and r[3] == k)

                        n = 0.0
                        for concept in {r[2] for r in rows}:
                            for k in (0, 1):
                                total = count(a, concept, k) + count(a2, concept, k)
                                if total:
                                    n += 2 / total
                        if y != 0 and n != 0:
                            y *= n
                    if y != 0:
                        cells[f"{a}|{a2}"] = y
        out.append(
            {"start": str(start), "middle": str(gamma), "stop": str(stop),
             "cells": {k: v for k, v in cells.items() if v != 0}}
        )
        gamma = add(gamma, unit, 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
