"""Benchmark: what joining the parts of articles printed across pages (转版) adds to a search.

Usage (from the repo root, in the venv)::

    nice python bench/bench_parts.py --db /tmp/pr_bench100000.db [--queries 240]

Times ``reader.search.search`` (top 20 with snippets and the total, as the app asks) for the fixed
benchmark queries twice, with ``join_parts`` and with it replaced by a pass-through, and prints the
median and 95th percentile of each in ms. The store is opened read-only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from queries import make_queries  # noqa: E402

from reader.search import hits as hits_module  # noqa: E402
from reader.search import search  # noqa: E402
from reader.store import Store  # noqa: E402


def timed(store: Store, queries: list[str]) -> list[float]:
    """Each query's time in ms, after a warm-up of 20."""
    for q in queries[:20]:
        search(store, q, limit=20)
    out = []
    for q in queries:
        started = time.perf_counter()
        search(store, q, limit=20)
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    """Time the queries with and without joining parts; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", type=int, default=240)
    args = parser.parse_args()
    with Store.open(Path(args.db), readonly=True, create=False) as store:
        queries = make_queries(store, args.queries)
        joined = timed(store, queries)
        real = hits_module.join_parts
        hits_module.join_parts = lambda conn, hits, *rest: hits  # type: ignore[assignment]
        try:
            plain = timed(store, queries)
        finally:
            hits_module.join_parts = real
    for name, times in (("with join_parts", joined), ("without", plain)):
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{name:16} median {statistics.median(times):7.2f} ms  p95 {p95:7.2f} ms  ({len(times)} queries)"
        )


if __name__ == "__main__":
    main()
