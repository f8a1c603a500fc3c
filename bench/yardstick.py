"""A fixed workload that times the machine, not paper-reader: how fast this hour is.

Usage (from the repo root, in the venv)::

    python bench/yardstick.py [--runs 5]

The development machine is shared and its speed moves by a quarter or more from one hour to the
next, with the same code (BENCHMARKS.md, thirty-first session). This script runs the same work
whatever the project's code is: Python string and set work of the kind the splitter does, and
SQLite FTS5 inserts of the kind the import's writer does, on generated text. ``bench/run.py`` and
``bench/worker_cost.py`` print it beside their figures, so that two figures taken at different
hours can be compared: divide by the yardstick, or at least read it.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time

_CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_CHARS) for _ in range(n))


def _python(texts: list[str]) -> int:
    """Bigram sets, unions and sorts over the texts (the splitter's kind of work)."""
    total = 0
    prev: set[str] = set()
    for t in texts:
        grams = {t[i : i + 2] for i in range(len(t) - 1)}
        total += len(grams & prev) + len(sorted(grams)[:5])
        prev = grams | prev if len(prev) < 4000 else grams
    return total


def _sqlite(texts: list[str]) -> int:
    """FTS5 inserts of space-separated bigrams into an in-memory table (the writer's kind of work)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'ascii')")
    rows = [(" ".join(s[i : i + 2] for i in range(len(s) - 1)),) for s in texts]
    with conn:
        conn.executemany("INSERT INTO t (body) VALUES (?)", rows)
    n = conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", [rows[0][0].split()[0]]).fetchone()[0]
    conn.close()
    return int(n)


def yardstick(runs: int = 3) -> float:
    """Milliseconds the fixed workload takes, the fastest of ``runs`` (CPU time of this process)."""
    rng = random.Random(20261207)
    texts = [_text(rng, rng.randint(20, 300)) for _ in range(3000)]
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        _python(texts)
        _sqlite(texts)
        best = min(best, time.process_time() - start)
    return best * 1000


def describe(ms: float) -> str:
    """The yardstick as one line for a benchmark's output."""
    return f"machine yardstick: {ms:.0f} CPU ms (bench/yardstick.py: fixed work; lower is a faster hour)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    print(describe(yardstick(ap.parse_args().runs)))


if __name__ == "__main__":
    main()
