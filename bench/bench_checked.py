"""CPU time of queries whose substring checks run in SQLite (title:, head:), rank and date order.

python bench/bench_checked.py [STORE]   (default /tmp/pr_study100000.db, made by bench/bench_study.py)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.search import search  # noqa: E402
from reader.store import Store  # noqa: E402

QUERIES = ["title:发展", "title:党建", "head:疫情", "title:的", "title:发展 经济", "title:脱贫 -的"]


def best_cpu(store: Store, query: str, sort: str, runs: int = 7) -> float:
    """The least CPU time (ms) of ``runs`` searches."""
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        search(store, query, sort=sort)
        best = min(best, time.process_time() - t)
    return best * 1000


def main() -> None:
    store = Store.open(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pr_study100000.db")
    for q in QUERIES:
        total = search(store, q).total
        rank, date = best_cpu(store, q, "rank"), best_cpu(store, q, "date")
        print(f"{q:16} total {total:6}  rank {rank:6.1f} ms  date {date:6.1f} ms")


if __name__ == "__main__":
    main()
