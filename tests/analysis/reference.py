"""A small reference implementation of DNA 3.1's polarization and backbone,
written from ../shared/dna-analysis.md (sections 0, 2 and 3) for the tests,
independent of stancegraph: it reads a DNA database with sqlite3, builds
DNA's count array and projections with numpy, and searches exhaustively.

    python3 reference.py DB.dna polarization
    python3 reference.py DB.dna backbone PENALTY SIZE

prints JSON on standard output.
"""

import itertools
import json
import sys

import numpy as np

import dna_rows


def statements(path, duplicates):
    """(organization, concept, agreement, document) of every 'DNA Statement',
    in DNA's order, after DNA's duplicates rule ('include' or 'document')."""
    kept, seen = [], set()
    for r in dna_rows.rows(path):
        org, concept, agree, doc = r["organization"], r["concept"], r["agree"], r["document"]
        if not org or not concept:
            continue
        key = (org, concept, agree, doc)
        if duplicates == "document" and key in seen:
            continue
        seen.add(key)
        kept.append((org, concept, agree, doc))
    return kept


def counts(rows, concepts=None):
    """DNA's count array A[i][j][k] over the actors and concepts of `rows`
    (labels sorted), k = agreement 0 or 1."""
    actors = sorted({r[0] for r in rows})
    concepts = concepts or sorted({r[1] for r in rows})
    a = np.zeros((len(actors), len(concepts), 2))
    for org, concept, agree, _ in rows:
        if concept in concepts:
            a[actors.index(org), concepts.index(concept), agree] += 1
    return actors, concepts, a


def project(a, kind):
    """The plain one-mode projection with average normalization, diagonal 0."""
    n = a.shape[0]
    y = np.zeros((n, n))
    activity = a.sum(axis=(1, 2))
    for i in range(n):
        for i2 in range(n):
            if i == i2:
                continue
            total = 0.0
            for j in range(a.shape[1]):
                for k1 in range(2):
                    for k2 in range(2):
                        product = a[i, j, k1] * a[i2, j, k2]
                        same = 1.0 - abs(k1 - k2)
                        if kind == "congruence":
                            total += product * same
                        elif kind == "conflict":
                            total += product * (1.0 - same)
                        else:
                            total += product * same - product * (1.0 - same)
            denominator = (activity[i] + activity[i2]) / 2.0
            y[i, i2] = total / denominator if denominator else 0.0
    return y


def dna_score(c, f, m, normalize):
    """DNA's qualityAbsdiff, as section 2.3 writes it."""
    n = len(m)
    clusters = sorted(set(m))
    size = {x: m.count(x) for x in clusters}
    cn, fn = np.abs(c).sum(), np.abs(f).sum()
    w = sum(s * (s - 1) for s in size.values())
    b = n * (n - 1) - w
    d = 0.0
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            if m[i] == m[j]:
                expected = size[m[i]] * (size[m[i]] - 1) / w * (cn / w)
                d += abs(c[i, j] - expected) + abs(f[i, j])
            else:
                expected = size[m[i]] * size[m[j]] / b * (fn / b)
                d += abs(c[i, j]) + abs(f[i, j] - expected)
    return d / (2 * (cn + fn)) if normalize else d / 2


def signed_score(c, f, m, normalize):
    """Congruence minus conflict inside clusters, conflict minus congruence
    between them, over ordered pairs."""
    n = len(m)
    d = sum(
        (c[i, j] - f[i, j]) * (1 if m[i] == m[j] else -1)
        for i in range(n)
        for j in range(n)
        if i != j
    )
    return d / (np.abs(c).sum() + np.abs(f).sum()) if normalize else d / 2


def polarization(path):
    actors, _, a = counts(statements(path, "include"))
    c, f = project(a, "congruence"), project(a, "conflict")
    n = len(actors)
    out = {}
    for objective, score in [("dna", dna_score), ("signed", signed_score)]:
        for normalize in [False, True]:
            best, splits = None, []
            # Balanced splits into 2: cluster 0 has ceil(n / 2) actors.
            for first in itertools.combinations(range(n), (n + 1) // 2):
                m = [0 if i in first else 1 for i in range(n)]
                q = score(c, f, m, normalize)
                if best is None or q > best + 1e-12:
                    best, splits = q, [m]
                elif abs(q - best) <= 1e-12:
                    splits.append(m)
            clusters = [
                sorted(
                    [sorted(actors[i] for i in range(n) if m[i] == x) for x in (0, 1)]
                )
                for m in splits
            ]
            out[f"{objective}-{'normalized' if normalize else 'raw'}"] = {
                "score": best,
                "clusters": clusters,
            }
    return out


def spectrum(y, kind):
    """Section 3.3: negatives to 0; DNA: the row sums, sorted descending;
    laplacian: the eigenvalues of D - A by descending size; divided by the
    sum of the row sums when it is positive."""
    y = np.where(y > 0, y, 0.0)
    d = y.sum(axis=1)
    if kind == "dna":
        values = d.copy()
    else:
        values = np.linalg.eigvalsh(np.diag(d) - y)
    values = np.array(sorted(values, key=lambda v: -abs(v)))
    total = d.sum()
    return values / total if total > 0 else values


def backbone(path, penalty, size):
    rows = statements(path, "document")
    actors, concepts, _ = counts(rows)
    full_rows = rows

    def subset_matrix(subset):
        # The same rows (actors) as the full network; denominators from the
        # subset's statements.
        a = np.zeros((len(actors), len(concepts), 2))
        for org, concept, agree, _ in full_rows:
            if concept in subset:
                a[actors.index(org), concepts.index(concept), agree] += 1
        return project(a, "subtract")

    out = {}
    for kind in ["dna", "laplacian"]:
        full = spectrum(subset_matrix(set(concepts)), kind)

        def loss(subset):
            return float(np.abs(full - spectrum(subset_matrix(set(subset)), kind)).sum())

        def penalized(subset):
            return loss(subset) * np.exp(-penalty * (len(concepts) - len(subset)) / len(concepts))

        def statements_of(subset):
            return sum(1 for r in rows if r[1] in subset)

        # Nested (3.7): remove every concept tied for the least loss.
        current, redundant, steps = list(concepts), [], []
        while current:
            losses = [(c, loss([x for x in current if x != c])) for c in current]
            least = min(l for _, l in losses)
            removed = []
            for c, l in reversed(losses):
                if abs(l - least) <= 1e-12 * max(1.0, abs(least)):
                    redundant.append(c)
                    removed.append(c)
                    steps.append(
                        {
                            "label": c,
                            "backbone_loss": least,
                            "redundant_loss": loss(redundant),
                            "statements": statements_of([x for x in current if x != c]),
                        }
                    )
            current = [x for x in current if x not in removed]
        # Exhaustive penalty and fixed (3.9).
        subsets = [
            list(s)
            for r in range(1, len(concepts))
            for s in itertools.combinations(concepts, r)
        ]
        best_penalty = min(subsets, key=penalized)
        best_fixed = min((s for s in subsets if len(s) == size), key=loss)
        out[kind] = {
            "steps": steps,
            "penalty": {
                "backbone": sorted(best_penalty),
                "penalized_loss": penalized(best_penalty),
                "backbone_loss": loss(best_penalty),
                "redundant_loss": loss([c for c in concepts if c not in best_penalty]),
            },
            "fixed": {
                "backbone": sorted(best_fixed),
                "backbone_loss": loss(best_fixed),
                "redundant_loss": loss([c for c in concepts if c not in best_fixed]),
            },
            "statements": len(rows),
        }
    return out


if __name__ == "__main__":
    path, what = sys.argv[1], sys.argv[2]
    if what == "polarization":
        print(json.dumps(polarization(path)))
    else:
        print(json.dumps(backbone(path, float(sys.argv[3]), int(sys.argv[4]))))
