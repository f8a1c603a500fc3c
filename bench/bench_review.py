"""Benchmark: the page view's load and a correction's save on a large store.

Usage (from the repo root, in the venv)::

    python bench/bench_review.py --articles 100000 --db /tmp/pr_review100k.db

Writes the synthetic corpus (bench/corpus.py) and imports it when the store is missing, then for
--pages pages (the lowest confidence first, as the pages-to-check list orders them) times what
the page view does on open (``page_lines``: the raw text rebuilt, the items and their line roles
read) and what its save does (``correct_page``: items rebuilt from the raw lines, replaced and
re-indexed in one transaction), and the pages-to-check query. Prints Markdown for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def _row(name: str, ms: list[float]) -> str:
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {_pct(ms, 0.95):.1f} | {max(ms):.1f} |"


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--pages", type=int, default=50)
    args = ap.parse_args()
    from reader.ingest import import_paths
    from reader.ingest.corrections import correct_page, page_lines
    from reader.store import Store

    db = args.db or Path(f"/tmp/pr_review{args.articles}.db")
    if not db.exists():
        from corpus import write_corpus

        corpus = Path(f"{db}.corpus")
        if not corpus.exists():
            write_corpus(corpus, args.articles)
        t0 = time.perf_counter()
        with Store.open(db) as store:
            report = import_paths(store, [corpus], jobs=2)
        print(f"import: {report.pages} pages, {report.articles} articles in {time.perf_counter() - t0:.0f} s")
    with Store.open(db) as store:
        stats = store.stats()
        t0 = time.perf_counter()
        pages = [p.page_id for p in store.pages_to_check(args.pages)]
        check_ms = (time.perf_counter() - t0) * 1000
        # And as many pages spread over the store (the list's first ones may be small pages).
        total = int(store.db.execute("SELECT max(id) FROM pages").fetchone()[0])
        pages += [1 + (k * 7919) % total for k in range(args.pages)]
        opened: list[float] = []
        saved: list[float] = []
        lines: list[int] = []
        for page_id in dict.fromkeys(pages):
            t0 = time.perf_counter()
            view = page_lines(store, page_id)
            opened.append((time.perf_counter() - t0) * 1000)
            starts = [
                i + 1
                for i, o in enumerate(view.owner)
                if o is not None and (i == 0 or view.owner[i - 1] != o)
            ]
            # The decision a reviewer makes most: split the first article in two at its middle line.
            first_end = starts[1] - 1 if len(starts) > 1 else len(view.lines)
            middle = next(
                (n for n in range((starts[0] + first_end) // 2, first_end + 1) if view.lines[n - 1].strip()),
                None,
            )
            if middle and middle not in starts:
                starts = sorted([*starts, middle])
            t0 = time.perf_counter()
            correct_page(store, page_id, starts, {})
            lines.append(len(view.lines))
            saved.append((time.perf_counter() - t0) * 1000)
    print(
        f"store: {stats['pages']} pages, {stats['articles']} articles; pages to check ({args.pages}): "
        f"{check_ms:.1f} ms; pages timed: {len(lines)}, median {statistics.median(lines)} lines, max {max(lines)}"
    )
    print("| step | pages | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print(_row("open the page view (page_lines)", opened))
    print(_row("save a correction (correct_page)", saved))


if __name__ == "__main__":
    main()
