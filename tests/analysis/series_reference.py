"""A reference implementation of DNA 3.1's polarization over time, written
from ../shared/dna-analysis.md sections 2.2 and 2.3 for the tests,
independent of stancegraph: for every window middle, the statements
strictly inside the window (all of them for the gaussian kernel), the
actors active there, the signed (subtract) kernel slice with DNA's kernel
average over the window's statements, diagonal 0, used as both C and F;
the score is the maximum of Q over every balanced split into two clusters,
found by trying them all. A step with no more actors than clusters, or no
ties, scores 0.

    python3 series_reference.py DB.dna SIZE UNIT KERNEL INDENT NORMALIZE

Prints JSON: a list of steps with start, middle, stop, actors and score.
"""

import itertools
import json
import math
import sys

from kernel_reference import add, kernel, statements, units_between


def slice_matrix(rows, actors, gamma, unit, w, name):
    def weight(day):
        return kernel(name, 2 * units_between(day, gamma, unit) / w)

    def count(who, concept, k):
        return sum(1 for r in rows if r[1] == who and r[2] == concept and r[3] == k)

    concepts = {r[2] for r in rows}
    s = {}
    for a in actors:
        for a2 in actors:
            if a == a2:
                s[a, a2] = 0.0
                continue
            y = 0.0
            for x in rows:
                for x2 in rows:
                    if x[1] == a and x2[1] == a2 and x[2] == x2[2]:
                        same = 1.0 if x[3] == x2[3] else -1.0
                        y += same * math.sqrt(weight(x[0]) * weight(x2[0]))
            n = 0.0
            for concept in concepts:
                for k in (0, 1):
                    total = count(a, concept, k) + count(a2, concept, k)
                    if total:
                        n += 2 / total
            if y != 0 and n != 0:
                y *= n
            s[a, a2] = y
    return s


def quality(s, actors, member, normalize):
    """DNA's Q with C = F = s (two clusters)."""
    n = len(actors)
    norm = sum(abs(v) for v in s.values())
    sizes = [member.count(0), member.count(1)]
    within = sum(k * (k - 1) for k in sizes)
    between = n * (n - 1) - within
    d = 0.0
    for i, a in enumerate(actors):
        for j, a2 in enumerate(actors):
            if i == j:
                continue
            c = s[a, a2]
            if member[i] == member[j]:
                k = sizes[member[i]]
                expected = (k * (k - 1) / within) * (norm / within)
                d += abs(c - expected) + abs(c)
            else:
                expected = (sizes[member[i]] * sizes[member[j]] / between) * (norm / between)
                d += abs(c) + abs(c - expected)
    return d / (2 * (norm + norm)) if normalize else d / 2


def main():
    path, size, unit, name, indent, normalize = sys.argv[1:7]
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
            inside = rows
        else:
            start, stop = max(b, add(gamma, unit, -h)), min(e, add(gamma, unit, h))
            inside = [r for r in rows if start < r[0] < stop]
        actors = sorted({r[1] for r in inside})
        s = slice_matrix(inside, actors, gamma, unit, w, name)
        n = len(actors)
        score = 0.0
        if n > 2 and sum(abs(v) for v in s.values()) > 0:
            best = -math.inf
            for first in itertools.combinations(range(n), (n + 1) // 2):
                member = [0 if i in first else 1 for i in range(n)]
                best = max(best, quality(s, actors, member, normalize == "1"))
            score = best
        out.append({"start": str(start), "middle": str(gamma), "stop": str(stop),
                    "actors": n, "score": score})
        gamma = add(gamma, unit, 1)
    print(json.dumps(out))


main()
