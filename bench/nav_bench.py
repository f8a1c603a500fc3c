"""Benchmark moving through a paper by date and page: ``<``/``>``, ``]``/``}`` across issues, ``:``.

    python bench/nav_bench.py --db STORE [--runs 50]

Times the store reads each key makes (what the key's worker does before the article opens), on
the paper with the most issues, from its middle issue. Target: each under 50 ms. A store made by
bench/corpus.py and ``paper-reader import`` has dated issues (the bundled sample has none).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_MS = 50.0


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and worst milliseconds of ``fn`` over ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    """Time each move and print one line per move."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    from reader.screens._dates import first_article, same_page
    from reader.store import Store
    from reader.store.nav import edition_near, edition_step
    from reader.widgets._data import step_article

    db = args.db
    if db is None:
        from reader.ingest import build_sample_store

        db = Path(tempfile.mkdtemp()) / "sample.db"
        build_sample_store(db)
    with Store.open(db, readonly=True, create=False) as store:
        stats = store.stats()
        paper = max(store.papers(), key=lambda p: len(store.editions(p.id)))
        editions = [e for e in store.editions(paper.id) if e.date]
        if len(editions) < 3:
            raise SystemExit("nav_bench: the store needs a paper with dated issues (see bench/corpus.py)")
        middle = editions[len(editions) // 2]
        pages = store.pages(middle.id)
        last_page = pages[-1]
        last_article = store.articles(last_page.id)[-1]

        def next_day() -> object:
            edition = edition_step(store, middle.id, 1)
            assert edition is not None
            later = store.pages(edition.id)
            target = same_page(later, last_page.number, last_page.section)
            return first_article(store, [target] if target else later)

        def next_article_over_the_issue_end() -> object:
            return step_article(store, last_page.id, middle.id, last_article.id, 1, by_page=False)

        def next_page_over_the_issue_end() -> object:
            return step_article(store, last_page.id, middle.id, last_article.id, 1, by_page=True)

        def go_to_date() -> object:
            near = edition_near(store, paper.id, "2019-06-15")
            return first_article(store, store.pages(near.id)) if near else None

        print(
            f"store: {db} ({stats['articles']} articles, {stats['editions']} editions; "
            f"{paper.name}: {len(editions)} issues)"
        )
        for name, fn in (
            ("> same page, next day", next_day),
            ("] next article, over the issue's end", next_article_over_the_issue_end),
            ("} next page, over the issue's end", next_page_over_the_issue_end),
            (": go to a date", go_to_date),
        ):
            median, worst = timed(fn, args.runs)
            verdict = "ok" if median <= TARGET_MS else "OVER"
            print(
                f"{name:40s} median {median:6.2f} ms  max {worst:6.2f} ms  (target {TARGET_MS:.0f} ms: {verdict})"
            )


if __name__ == "__main__":
    main()
