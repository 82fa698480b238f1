#!/usr/bin/env python3
"""Generates a synthetic statements table for the benchmark.

    python3 bench/generate.py ROWS OUT.csv [--seed N] [--shape skewed|distinct|few|zipf]
    python3 bench/generate.py ROWS OUT.csv --repeat TABLE.csv

Skewed like real corpora: actor activity follows a Zipf law (a few very active
actors), and a few stances are heavily contested (30% of all statements, by an
elite of active actors, agreeing and disagreeing about evenly). Labels carry
commas, quotes and non-ASCII so that every writer's escaping is exercised.
Same arguments, same bytes.

Sizes: about ROWS/10 actors, ROWS/100 stances (at least 20), 400 sources,
dates over two years. At 20k rows: about 2k actors and half a million actor
pairs that share a stance.

Other shapes:
- distinct: ROWS/10 actors and ROWS/100 stances drawn uniformly, so almost
  every statement makes its own edge, and every statement carries a long
  quote (about 200 characters): the output is several times the input.
- few: three actors and 30 stances, so each actor makes a third of the
  statements (a million each at 3M rows) and the network is tiny.
- zipf: ROWS/10 actors drawn uniformly and ROWS/100 stances drawn by a Zipf
  law (a few stances everyone talks about, a long tail), short quotes, and
  names with accents and punctuation ("Zoë O'Brien-Müller (S&D), no. 7"):
  many distinct names, many actor pairs.

--repeat TABLE.csv writes TABLE's rows over and over (its header once) to
ROWS rows (one row a line, as every shape here writes them): a big table in
seconds, for memory at scale.
"""

import argparse
import bisect
import csv
import datetime
import itertools
import random

FIRST = ["Jean-Noël", "Zoë", "José", "Ana", "Łukasz", "Søren", "Olga", "Kwame", "Mei", "Aiyana"]
LAST = ["O'Brien", "Müller", "García", "Kowalski", "Nakamura", "Dubois", "Ivanova", "Okafor"]
ORGS = ['Ministry of "Defence"', "Institute for Peace, Inc.", "Société Générale", "Фонд мира"]


def zipf_sampler(rng, n, s):
    """Draws 0..n-1 with P(k) proportional to 1/(k+1)^s."""
    cum = list(itertools.accumulate(1.0 / (k + 1) ** s for k in range(n)))
    total = cum[-1]
    return lambda: bisect.bisect_left(cum, rng.random() * total)


def repeat(table, n, out):
    """Writes the rows of `table` over and over, after its header, to `n` rows."""
    with open(table, "rb") as f:
        header = f.readline()
        rows = f.read()
    count = rows.count(b"\n")
    with open(out, "wb") as f:
        f.write(header)
        for _ in range(n // count):
            f.write(rows)
        end = 0
        for _ in range(n % count):
            end = rows.index(b"\n", end) + 1
        f.write(memoryview(rows)[:end])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("rows", type=int)
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=20250212)
    p.add_argument("--shape", choices=["skewed", "distinct", "few", "zipf"], default="skewed")
    p.add_argument("--repeat", metavar="TABLE")
    a = p.parse_args()
    if a.repeat:
        return repeat(a.repeat, a.rows, a.out)
    if a.shape == "zipf":
        return zipf(a)
    if a.shape != "skewed":
        return uniform(a)
    rng = random.Random(a.seed)
    n = a.rows
    actors = max(20, n // 10)
    stances = max(20, n // 100)
    contested = 5
    # The elite who fight over the contested stances grows slowly with size,
    # so actor pairs grow with the data, not with its square.
    elite = min(actors, int(1300 * (n / 20000) ** (1 / 3)))
    pick_actor = zipf_sampler(rng, actors, 1.05)
    pick_elite = zipf_sampler(rng, elite, 0.6)
    pick_stance = zipf_sampler(rng, stances - contested, 0.9)
    start = datetime.date(2024, 1, 1)

    def actor_name(i):
        if i % 7 == 3:
            return f"{ORGS[i % len(ORGS)]} #{i}"
        return f"{FIRST[i % len(FIRST)]} {LAST[(i // 10) % len(LAST)]}, no. {i}"

    def stance_text(j):
        return f'Stance {j}: "we must act", says the motion ({j % 13} % sure)'

    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["actor", "actor_kind", "stance", "agree", "date", "source", "quote"])
        for i in range(n):
            if rng.random() < 0.3:
                actor = pick_elite()
                stance = rng.randrange(contested)
                agree = rng.random() < 0.5
            else:
                actor = pick_actor()
                stance = contested + pick_stance()
                agree = rng.random() < 0.7
            kind = "organization" if actor % 7 == 3 else "person"
            day = start + datetime.timedelta(days=rng.randrange(730))
            source = f"doc-{rng.randrange(400)}"
            quote = f'"Quote {i}", über alles — said, with a comma' if i % 5 == 0 else ""
            w.writerow([actor_name(actor), kind, stance_text(stance), "yes" if agree else "no",
                        day.isoformat(), source, quote])


def zipf(a):
    """The zipf shape: uniform actors, Zipf-distributed stances."""
    rng = random.Random(a.seed)
    n = a.rows
    actors, stances = max(20, n // 10), max(20, n // 100)
    pick_stance = zipf_sampler(rng, stances, 1.0)
    groups = ["S&D", "EPP", "Renew", "Verts/ALE", "ECR", "GUE/NGL"]
    topics = ["sanctions", "arms deliveries", "négociations", "ceasefire lines", "EU membership",
              "NATO's role", "reconstruction", "energy prices", "refugees", "security guarantees"]
    start = datetime.date(2022, 1, 1)

    def actor_name(i):
        first, last = FIRST[i % len(FIRST)], LAST[(i // 10) % len(LAST)]
        if i % 5 == 0:
            return f"{ORGS[i % len(ORGS)]} ({groups[i % len(groups)]}) #{i}"
        return f"{first} {last}-{LAST[(i // 80) % len(LAST)]} ({groups[i % len(groups)]}), no. {i}"

    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["actor", "actor_kind", "stance", "agree", "date", "source", "quote"])
        for i in range(n):
            actor = rng.randrange(actors)
            stance = pick_stance()
            day = start + datetime.timedelta(days=rng.randrange(1095))
            w.writerow([actor_name(actor), "organization" if actor % 5 == 0 else "person",
                        f"{topics[stance % len(topics)]}: «position {stance}»",
                        "yes" if rng.random() < 0.55 else "no", day.isoformat(),
                        f"doc-{rng.randrange(20000)}", f"“{topics[i % len(topics)]}”, #{i}"])


def uniform(a):
    """The distinct and few shapes: actors and stances drawn uniformly."""
    rng = random.Random(a.seed)
    n = a.rows
    actors, stances = (max(20, n // 10), max(20, n // 100)) if a.shape == "distinct" else (3, 30)
    start = datetime.date(2024, 1, 1)
    words = ["ceasefire", "guarantees", "Ukraine's", "\"membership\"", "Europe", "security,",
             "négociations", "союзники", "talks", "troops", "borders", "allies"]
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["actor", "actor_kind", "stance", "agree", "date", "source", "quote"])
        for i in range(n):
            actor = rng.randrange(actors)
            stance = rng.randrange(stances)
            day = start + datetime.timedelta(days=rng.randrange(730))
            if a.shape == "distinct":
                quote = " ".join(words[(i * 7 + k) % len(words)] for k in range(22)) + f" ({i})"
            else:
                quote = f"Quote {i}" if i % 5 == 0 else ""
            w.writerow([f"Actor {actor}, {FIRST[actor % len(FIRST)]}", "person",
                        f"Stance {stance}: \"act\"", "yes" if rng.random() < 0.6 else "no",
                        day.isoformat(), f"doc-{rng.randrange(5000)}", quote])


if __name__ == "__main__":
    main()
